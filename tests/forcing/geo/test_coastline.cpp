// Tests of the GSHHG binned shoreline reader (forcing/geo/coastline) on the high
// resolution file of Debian's gmt-gshhg-high.
#include "taifeng/forcing/coastline.hpp"

#include <netcdf.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/core/geo.hpp"
#include "taifeng/core/polygon.hpp"
#include "taifeng/forcing/vector_layer.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::forcing;
using Catch::Matchers::Contains;

namespace {

const std::string gshhg_h = "/usr/share/gmt-gshhg/binned_GSHHS_h.nc";
const GeoBox hainan_box{108.0, 111.5, 18.0, 20.5};

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "coastline";
  fs::create_directories(dir);
  return dir;
}

bool near(LonLat a, LonLat b, double tol = 1e-4) {
  return std::abs(a.lon - b.lon) <= tol && std::abs(a.lat - b.lat) <= tol;
}

// Joins segments end-to-start (the binned file keeps the polygon's direction across
// bins) starting with the segment that holds the southernmost point. Returns the chain.
std::vector<LonLat> chain_from_southernmost(const std::vector<std::vector<LonLat>>& segs) {
  std::size_t first = 0;
  double south = 1e9;
  for (std::size_t s = 0; s < segs.size(); ++s)
    for (const auto& p : segs[s])
      if (p.lat < south) south = p.lat, first = s;
  std::vector<bool> used(segs.size(), false);
  std::vector<LonLat> chain = segs[first];
  used[first] = true;
  bool grown = true;
  while (grown && !near(chain.front(), chain.back())) {
    grown = false;
    for (std::size_t s = 0; s < segs.size(); ++s) {
      if (used[s] || segs[s].empty() || !near(segs[s].front(), chain.back())) continue;
      chain.insert(chain.end(), segs[s].begin() + 1, segs[s].end());
      used[s] = true;
      grown = true;
      break;
    }
  }
  return chain;
}

struct Extent {
  double lon_min = 1e9, lon_max = -1e9, lat_min = 1e9, lat_max = -1e9;
  std::size_t n = 0;
  void add(LonLat p) {
    lon_min = std::min(lon_min, p.lon), lon_max = std::max(lon_max, p.lon);
    lat_min = std::min(lat_min, p.lat), lat_max = std::max(lat_max, p.lat);
    ++n;
  }
};

}  // namespace

TEST_CASE("GSHHG: Hainan coastline from the 2-degree bins around the island", "[coastline]") {
  const auto segs = read_gshhg_coastline(gshhg_h, hainan_box);
  REQUIRE(segs.size() > 10);

  // The box 108-111.5E 18-20.5N touches the 2x2-degree bins 108-112E x 18-22N; every
  // point lies in them (segments are not clipped to the box).
  Extent all;
  for (const auto& s : segs) {
    REQUIRE(s.size() >= 2);
    for (const auto& p : s) {
      REQUIRE(p.lon >= 108.0);
      REQUIRE(p.lon <= 112.0);
      REQUIRE(p.lat >= 18.0);
      REQUIRE(p.lat <= 22.0);
      all.add(p);
    }
  }
  CHECK(all.n > 3000);
  // Southernmost shore point: Hainan's southern tip near Sanya (~18.16N).
  CHECK(all.lat_min == Approx(18.16).margin(0.1));

  // Hainan is cut into segments by the bin edges 110E and 20N; chained back together
  // they close into one ring spanning the island: Sanya ~18.16N to the Haikou north
  // coast ~20.16N, Yinggehai/Dongfang ~108.6E to Wenchang ~111.05E.
  const auto ring = chain_from_southernmost(segs);
  REQUIRE(ring.size() > 500);
  CHECK(near(ring.front(), ring.back()));
  Extent island;
  for (const auto& p : ring) island.add(p);
  CHECK(island.lat_min == Approx(18.16).margin(0.1));
  CHECK(island.lat_max == Approx(20.15).margin(0.1));
  CHECK(island.lon_min == Approx(108.6).margin(0.1));
  CHECK(island.lon_max == Approx(111.05).margin(0.1));

  // Haikou (110.33E 20.03N) and Sanya (109.5E 18.25N) are on the island; the Leizhou
  // peninsula (110.1E 20.9N, mainland, same bins) is not.
  const Ring hainan(ring.begin(), ring.end());
  CHECK(point_in_ring(hainan, {110.33, 20.0}));
  CHECK(point_in_ring(hainan, {109.8, 19.2}));
  CHECK_FALSE(point_in_ring(hainan, {110.1, 20.9}));
  CHECK_FALSE(point_in_ring(hainan, {110.0, 18.0}));
}

TEST_CASE("GSHHG: open ocean has no shoreline", "[coastline]") {
  // 15N 115E, the middle of the South China Sea: the bin 114-116E x 14-16N is empty.
  const auto segs = read_gshhg_coastline(gshhg_h, {114.5, 115.5, 14.5, 15.5}, 4);
  CHECK(segs.empty());
  // A degenerate box is a point: it selects the bin containing it.
  CHECK(read_gshhg_coastline(gshhg_h, {115.0, 115.0, 15.0, 15.0}, 4).empty());
  CHECK_FALSE(read_gshhg_coastline(gshhg_h, {109.5, 109.5, 18.5, 18.5}).empty());
}

TEST_CASE("GSHHG: level filtering", "[coastline]") {
  SECTION("Hainan: the level-2 segments are inland lakes (reservoirs)") {
    const auto l1 = read_gshhg_segments(gshhg_h, hainan_box, 1);
    const auto l2 = read_gshhg_segments(gshhg_h, hainan_box, 2);
    REQUIRE(l2.size() > l1.size());
    for (const auto& s : l1) CHECK(s.level == 1);
    const auto counties = read_vector_layer(TAIFENG_DATA_DIR "/hainan/counties_datav.geojson");
    MultiPolygon hainan;
    for (const auto& f : counties.features)
      hainan.insert(hainan.end(), f.polygons.begin(), f.polygons.end());
    std::size_t lakes = 0, hainan_lakes = 0;
    bool songtao = false;
    for (const auto& s : l2) {
      CHECK((s.level == 1 || s.level == 2));
      if (s.level != 2) continue;
      ++lakes;
      // Small closed lake shores on land: on Hainan (inside the county polygons) or on
      // the mainland north of 21N (outside them).
      CHECK(near(s.points.front(), s.points.back()));
      Extent e;
      for (const auto& p : s.points) e.add(p);
      const bool on_hainan = e.lat_max < 20.3;
      hainan_lakes += on_hainan;
      if (!on_hainan) CHECK(e.lat_min > 21.0);
      for (const auto& p : s.points) CHECK(point_in_multipolygon(hainan, p) == on_hainan);
      // Songtao Reservoir, the largest lake of Hainan (~109.5-109.7E, 19.3-19.4N).
      songtao |= on_hainan && e.lon_min > 109.4 && e.lon_max < 109.8 && e.lat_min > 19.2 &&
                 e.lat_max < 19.5 && e.n > 30;
    }
    CHECK(hainan_lakes >= 1);
    CHECK(songtao);
    CHECK(lakes == l2.size() - l1.size());
  }
  SECTION("Tai Lake: lake shores (2) and islands in the lake (3)") {
    const GeoBox taihu{119.8, 120.7, 30.9, 31.6};
    const auto l1 = read_gshhg_segments(gshhg_h, taihu, 1);
    const auto l2 = read_gshhg_segments(gshhg_h, taihu, 2);
    const auto l3 = read_gshhg_segments(gshhg_h, taihu, 3);
    const auto l4 = read_gshhg_segments(gshhg_h, taihu, 4);
    CHECK(l1.size() < l2.size());
    CHECK(l2.size() < l3.size());
    CHECK(l3.size() <= l4.size());
    int max_seen = 0;
    for (const auto& s : l3) max_seen = std::max(max_seen, s.level);
    CHECK(max_seen == 3);
    // The shore of Tai Lake itself (level 2) reaches around 31.5N and 120.6E.
    Extent lake;
    for (const auto& s : l2)
      if (s.level == 2)
        for (const auto& p : s.points) lake.add(p);
    CHECK(lake.lat_max > 31.4);
    CHECK(lake.lon_min < 120.0);
  }
  // read_gshhg_coastline is the same selection without the levels.
  CHECK(read_gshhg_coastline(gshhg_h, hainan_box, 2).size() ==
        read_gshhg_segments(gshhg_h, hainan_box, 2).size());
}

TEST_CASE("GSHHG: longitudes follow the box (west of Greenwich, antimeridian)", "[coastline]") {
  SECTION("Hawaii, box in -180..180") {
    // Island of Hawaii: Ka Lae (South Point) 18.91N, bins 158-154W.
    const auto segs = read_gshhg_coastline(gshhg_h, {-156.2, -154.8, 18.9, 20.3});
    REQUIRE_FALSE(segs.empty());
    Extent e;
    for (const auto& s : segs)
      for (const auto& p : s) e.add(p);
    CHECK(e.lon_min >= -158.0);
    CHECK(e.lon_max <= -154.0);
    CHECK(e.lat_min == Approx(18.91).margin(0.05));
    // The same bins asked for in 0..360.
    const auto east = read_gshhg_coastline(gshhg_h, {203.8, 205.2, 18.9, 20.3});
    REQUIRE(east.size() == segs.size());
    CHECK(east[0][0].lon == Approx(segs[0][0].lon + 360.0));
    CHECK(east[0][0].lat == Approx(segs[0][0].lat));
  }
  SECTION("Fiji, box crossing the antimeridian") {
    const auto segs = read_gshhg_coastline(gshhg_h, {179.0, -179.0, -17.5, -16.0});
    REQUIRE_FALSE(segs.empty());
    Extent e;
    bool west_of_seam = false, east_of_seam = false;
    for (const auto& s : segs)
      for (const auto& p : s) {
        e.add(p);
        west_of_seam |= p.lon < 180.0;
        east_of_seam |= p.lon > 180.0;
      }
    CHECK(e.lon_min >= 178.0);
    CHECK(e.lon_max <= 182.0);
    CHECK(west_of_seam);
    CHECK(east_of_seam);
  }
}

TEST_CASE("GSHHG: errors", "[coastline]") {
  const auto is_input_error = [](const Error& e) { return e.kind() == ErrorKind::input; };
  SECTION("missing file") {
    const std::string missing = (tmp_dir() / "no_such_GSHHS.nc").string();
    CHECK_THROWS_MATCHES(read_gshhg_coastline(missing, hainan_box), Error,
                         Catch::Predicate<Error>(is_input_error));
    CHECK_THROWS_WITH(read_gshhg_coastline(missing, hainan_box),
                      Contains(missing) && Contains("no such file"));
  }
  SECTION("text file") {
    const fs::path txt = tmp_dir() / "not_netcdf.nc";
    std::ofstream(txt) << "this is not a netCDF file\n";
    CHECK_THROWS_WITH(read_gshhg_coastline(txt, hainan_box),
                      Contains(txt.string()) && Contains("NetCDF"));
  }
  SECTION("NetCDF file that is not GSHHG") {
    const fs::path nc = tmp_dir() / "other.nc";
    int id = 0, dim = 0, var = 0;
    REQUIRE(nc_create(nc.string().c_str(), NC_CLOBBER, &id) == NC_NOERR);
    REQUIRE(nc_def_dim(id, "x", 1, &dim) == NC_NOERR);
    REQUIRE(nc_def_var(id, "Bin_size_in_minutes", NC_INT, 1, &dim, &var) == NC_NOERR);
    REQUIRE(nc_enddef(id) == NC_NOERR);
    const int value = 120;
    REQUIRE(nc_put_var_int(id, var, &value) == NC_NOERR);
    REQUIRE(nc_close(id) == NC_NOERR);
    CHECK_THROWS_WITH(read_gshhg_coastline(nc, hainan_box),
                      Contains(nc.string()) && Contains("N_bins_in_360_longitude_range") &&
                          Contains("not a GSHHG"));
  }
  SECTION("bad box or level") {
    CHECK_THROWS_WITH(read_gshhg_coastline(gshhg_h, {108, 111, 20, 18}),
                      Contains("bad coastline box"));
    CHECK_THROWS_WITH(read_gshhg_coastline(gshhg_h, {108, 111, 18, 95}),
                      Contains("bad coastline box"));
    CHECK_THROWS_WITH(read_gshhg_coastline(gshhg_h, hainan_box, 0), Contains("max_level"));
  }
}
