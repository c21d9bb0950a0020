// Tests of the HURDAT2, CMA best-track and IBTrACS CSV readers on the format fixtures in
// tests/forcing/tracks/fixtures (see its README: format fixtures, not official records) and
// on broken files written to the scratch directory.
#include <catch2/catch.hpp>
#include <cmath>

#include "track_test_util.hpp"

using namespace taifeng;
using namespace taifeng::forcing;
using namespace taifeng::test_tracks;
using Catch::Matchers::Contains;

namespace {
const Track& member0(const StormTracks& s) {
  REQUIRE(s.ensemble.members.size() == 1);
  CHECK(s.ensemble.members[0].id == 0);
  return s.ensemble.members[0].track;
}
}  // namespace

// --- HURDAT2 -------------------------------------------------------------------------------

TEST_CASE("HURDAT2: the fixture", "[tracks][hurdat2]") {
  const std::string path = fixture("hurdat2_sample.txt");
  const TrackFile f = read_hurdat2(path);
  CHECK(f.format == "hurdat2");
  REQUIRE(f.storms.size() == 2);

  const StormTracks& irene = f.storms[0];
  CHECK(irene.id == "AL092011");
  CHECK(irene.name == "IRENE");
  const Track& t = member0(irene);
  CHECK(t.id == "AL092011");
  CHECK(t.name == "IRENE");
  REQUIRE(t.points.size() == 10);
  CHECK(strictly_increasing(t));
  const TrackPoint& p0 = t.points[0];
  CHECK(p0.time == make_utc(2011, 8, 21, 0));
  CHECK(p0.lat == Approx(15.0));
  CHECK(p0.lon == Approx(-59.0));
  CHECK(p0.vmax_ms == Approx(45 * kt));
  CHECK(p0.averaging == WindAveraging::one_minute);
  CHECK(p0.pmin_hpa == 1006);
  CHECK(std::isnan(p0.rmw_km));   // 20-column layout: no RMW
  REQUIRE(p0.radii.size() == 1);  // 50 and 64 kt all 0: not reached
  CHECK(p0.radii[0].threshold_ms == Approx(34 * kt));
  CHECK(p0.radii[0].radius_km[0] == Approx(105 * nmi));
  CHECK(p0.radii[0].radius_km[1] == 0.0);
  CHECK(p0.radii[0].radius_km[3] == Approx(45 * nmi));
  CHECK(p0.source_ref == path + ":2");
  // Landfall record at a non-synoptic time.
  const TrackPoint* nj = fix_at(t, make_utc(2011, 8, 28, 9, 35));
  REQUIRE(nj != nullptr);
  CHECK(nj->vmax_ms == Approx(60 * kt));
  CHECK(nj->pmin_hpa == 959);
  // Peak with the three thresholds.
  const TrackPoint* peak = fix_at(t, make_utc(2011, 8, 24, 12));
  REQUIRE(peak != nullptr);
  CHECK(peak->vmax_ms == Approx(105 * kt));
  REQUIRE(peak->radii.size() == 3);
  CHECK(peak->radii[2].threshold_ms == Approx(64 * kt));
  CHECK(peak->radii[2].radius_km[1] == Approx(40 * nmi));
  CHECK(t.points.back().radii.empty());  // all -999

  const StormTracks& second = f.storms[1];
  CHECK(second.id == "AL012030");
  const Track& u = member0(second);
  REQUIRE(u.points.size() == 3);
  CHECK(std::isnan(u.points[0].pmin_hpa));  // -999
  CHECK(u.points[0].radii.empty());
  CHECK(u.points[0].rmw_km == Approx(40 * nmi));
  CHECK(u.points[1].rmw_km == Approx(35 * nmi));
  CHECK(std::isnan(u.points[2].rmw_km));
  REQUIRE(f.warnings.size() == 1);
  CHECK_THAT(f.warnings[0], Contains(path + ":13: 1 of 3 fixes of AL012030 have no central "
                                            "pressure"));
}

TEST_CASE("HURDAT2: broken files", "[tracks][hurdat2]") {
  const std::string header = "AL092011,              IRENE,      3,\n";
  const std::string l1 =
      "20110821, 0000,  , TS, 15.0N,  59.0W,  45, 1006,  105,    0,    0,   45,    0,    0,    0,"
      "    0,    0,    0,    0,    0,\n";
  const std::string l2 =
      "20110821, 0600,  , TS, 16.0N,  60.6W,  45, 1006,  105,    0,    0,   45,    0,    0,    0,"
      "    0,    0,    0,    0,    0,\n";
  SECTION("header count larger than the data lines") {
    const std::string p = write_file("h_short.txt", header + l1 + l2);
    require_input_error([&] { read_hurdat2(p); }, p, 1,
                        {"announces 3 data lines but 2 follow", "end of the file"});
    const std::string q =
        write_file("h_short2.txt", header + l1 + l2 + "AL102011, JOSE, 1,\n" + l1);
    require_input_error([&] { read_hurdat2(q); }, q, 1,
                        {"announces 3 data lines but 2 follow", "next header at line 4"});
  }
  SECTION("header count smaller than the data lines") {
    const std::string p = write_file("h_long.txt", "AL092011, IRENE, 1,\n" + l1 + l2);
    require_input_error([&] { read_hurdat2(p); }, p, 3,
                        {"data line after the 1 announced by the header at " + p + ":1"});
  }
  SECTION("bad values name their column") {
    const std::string p =
        write_file("h_lat.txt", "AL092011, IRENE, 1,\n" + std::string(l1).replace(23, 5, "95.0N"));
    require_input_error([&] { read_hurdat2(p); }, p, 2, {"column lat", "'95.0'"});
    const std::string q = write_file("h_cols.txt", "AL092011, IRENE, 1,\n20110821, 0000,  , TS\n");
    require_input_error([&] { read_hurdat2(q); }, q, 2, {"expected 20 or 21", "got 4"});
    const std::string r =
        write_file("h_time.txt", "AL092011, IRENE, 1,\n" + std::string(l1).replace(10, 4, "2460"));
    require_input_error([&] { read_hurdat2(r); }, r, 2, {"date/time", "2011-08-21 24:60"});
  }
  SECTION("time going backwards") {
    const std::string p = write_file("h_back.txt", "AL092011, IRENE, 2,\n" + l2 + l1);
    require_input_error([&] { read_hurdat2(p); }, p, 3, {"goes backwards"});
  }
  SECTION("not a header") {
    const std::string p = write_file("h_nohead.txt", l1);
    require_input_error([&] { read_hurdat2(p); }, p, 1, {"expected a storm header"});
  }
}

// --- CMA -----------------------------------------------------------------------------------

TEST_CASE("CMA best track: the fixture", "[tracks][cma]") {
  const std::string path = fixture("CH2005BST_sample.txt");
  const TrackFile f = read_cma_besttrack(path);
  CHECK(f.format == "cma");
  REQUIRE(f.storms.size() == 2);
  const StormTracks& damrey = f.storms[0];
  CHECK(damrey.id == "0518");
  CHECK(damrey.name == "Damrey");
  const Track& t = member0(damrey);
  CHECK(t.source == "CMA best track");
  REQUIRE(t.points.size() == 31);
  CHECK(t.start() == make_utc(2005, 9, 20, 6));
  CHECK(t.end() == make_utc(2005, 9, 27, 18));
  const TrackPoint* p = fix_at(t, make_utc(2005, 9, 25, 0));
  REQUIRE(p != nullptr);
  CHECK(p->lat == Approx(18.9));
  CHECK(p->lon == Approx(112.8));
  CHECK(p->pmin_hpa == 963);
  CHECK(p->vmax_ms == 40);
  CHECK(p->averaging == WindAveraging::two_minute);
  CHECK(p->source_ref == path + ":21");

  const StormTracks& td = f.storms[1];
  CHECK(td.id == "S0018");  // no international or China number
  CHECK(td.name == "(nameless)");
  const Track& u = member0(td);
  REQUIRE(u.points.size() == 3);
  CHECK(std::isnan(u.points[1].vmax_ms));  // wind 0 = unknown
  REQUIRE(f.warnings.size() == 1);
  CHECK_THAT(f.warnings[0], Contains(path + ":35: 1 of 3 fixes of S0018 have no maximum wind"));
}

TEST_CASE("CMA best track: broken files", "[tracks][cma]") {
  const std::string data = "2005092500 4 189 1128 965 40\n2005092506 5 190 1123 954 45\n";
  SECTION("header count larger than the data lines") {
    const std::string p =
        write_file("c_short.txt", "66666 0518 3 0017 0518 0 6 DAMREY 20160520\n" + data);
    require_input_error([&] { read_cma_besttrack(p); }, p, 1,
                        {"announces 3 data lines but 2 follow"});
  }
  SECTION("header count smaller than the data lines") {
    const std::string p =
        write_file("c_long.txt", "66666 0518 1 0017 0518 0 6 DAMREY 20160520\n" + data);
    require_input_error([&] { read_cma_besttrack(p); }, p, 3,
                        {"data line after the 1 announced by the header at " + p + ":1"});
  }
  SECTION("bad values") {
    const std::string p = write_file("c_lat.txt",
                                     "66666 0518 1 0017 0518 0 6 DAMREY\n"
                                     "2005092500 4 989 1128 965 40\n");
    require_input_error([&] { read_cma_besttrack(p); }, p, 2, {"column lat", "'989'"});
    const std::string q = write_file("c_cat.txt",
                                     "66666 0518 1 0017 0518 0 6 DAMREY\n"
                                     "2005092500 12 189 1128 965 40\n");
    require_input_error([&] { read_cma_besttrack(q); }, q, 2, {"intensity category", "'12'"});
    const std::string r = write_file("c_head.txt", "66666 05x8 1 0017 0518 0 6 DAMREY\n" + data);
    require_input_error([&] { read_cma_besttrack(r); }, r, 1, {"international number", "'05x8'"});
  }
}

// --- IBTrACS -------------------------------------------------------------------------------

TEST_CASE("IBTrACS CSV: the fixture", "[tracks][ibtracs]") {
  const std::string path = fixture("ibtracs_sample.list.v04r01.csv");
  const TrackFile f = read_ibtracs_csv(path);
  CHECK(f.format == "ibtracs-csv");
  REQUIRE(f.storms.size() == 2);
  const StormTracks& damrey = f.storms[0];
  CHECK(damrey.id == "2005263N15125");
  CHECK(damrey.name == "DAMREY");
  const Track& t = member0(damrey);
  REQUIRE(t.points.size() == 7);
  // WMO_WIND blank (JMA gives no wind for depressions) → USA_WIND, 1-min.
  CHECK(t.points[0].time == make_utc(2005, 9, 20, 6));
  CHECK(t.points[0].vmax_ms == Approx(25 * kt));
  CHECK(t.points[0].averaging == WindAveraging::one_minute);
  CHECK(t.points[0].pmin_hpa == 1002);  // USA_PRES
  CHECK(t.points[0].source_ref == path + ":3");
  // Tokyo: 10-min.
  const TrackPoint* p = fix_at(t, make_utc(2005, 9, 25, 0));
  REQUIRE(p != nullptr);
  CHECK(p->lat == Approx(18.9));
  CHECK(p->lon == Approx(112.8));
  CHECK(p->vmax_ms == Approx(70 * kt));
  CHECK(p->averaging == WindAveraging::ten_minute);
  CHECK(p->pmin_hpa == 965);
  CHECK(p->rmw_km == Approx(15 * nmi));
  REQUIRE(p->radii.size() == 1);
  CHECK(p->radii[0].radius_km[0] == Approx(130 * nmi));
  CHECK(p->radii[0].radius_km[2] == Approx(100 * nmi));
  // Last row: no WMO_WIND but WMO_PRES.
  CHECK(t.points.back().vmax_ms == Approx(30 * kt));
  CHECK(t.points.back().averaging == WindAveraging::one_minute);
  CHECK(t.points.back().pmin_hpa == 1000);

  const Track& irene = member0(f.storms[1]);
  CHECK(f.storms[1].name == "IRENE");
  REQUIRE(irene.points.size() == 3);
  CHECK(irene.points[1].lon == Approx(-74.4));
  CHECK(irene.points[1].vmax_ms == Approx(105 * kt));
  CHECK(irene.points[1].averaging == WindAveraging::one_minute);  // hurdat_atl
  CHECK(f.warnings.empty());
}

TEST_CASE("IBTrACS CSV: broken files", "[tracks][ibtracs]") {
  const std::string head =
      "SID,SEASON,NAME,ISO_TIME,LAT,LON,WMO_WIND,WMO_PRES,WMO_AGENCY,USA_WIND\n"
      " ,Year, , ,degrees_north,degrees_east,kts,mb, ,kts\n";
  const std::string row =
      "2005263N15125,2005,DAMREY,2005-09-25 00:00:00,18.9,112.8,70,965,tokyo,80\n";
  SECTION("a missing column") {
    const std::string p = write_file("i_nolat.csv",
                                     "SID,SEASON,NAME,ISO_TIME,LON,WMO_WIND\n"
                                     " ,Year, , ,degrees_east,kts\n"
                                     "2005263N15125,2005,DAMREY,2005-09-25 "
                                     "00:00:00,112.8,70\n");
    require_input_error([&] { read_ibtracs_csv(p); }, p, 1, {"missing column LAT"});
    const std::string q = write_file("i_nowind.csv", "SID,ISO_TIME,LAT,LON\n");
    require_input_error([&] { read_ibtracs_csv(q); }, q, 1, {"WMO_WIND and USA_WIND"});
  }
  SECTION("wrong number of columns") {
    const std::string p = write_file("i_cols.csv", head + "2005263N15125,2005,DAMREY\n");
    require_input_error([&] { read_ibtracs_csv(p); }, p, 3, {"expected 10", "got 3"});
  }
  SECTION("bad values") {
    const std::string p = write_file("i_time.csv", head +
                                                       "2005263N15125,2005,DAMREY,2005/09/25 "
                                                       "00:00,18.9,112.8,70,965,tokyo,80\n");
    require_input_error([&] { read_ibtracs_csv(p); }, p, 3, {"column ISO_TIME"});
    const std::string q = write_file("i_lat.csv", head +
                                                      "2005263N15125,2005,DAMREY,2005-09-25 "
                                                      "00:00:00,98.9,112.8,70,965,tokyo,80\n");
    require_input_error([&] { read_ibtracs_csv(q); }, q, 3, {"column LAT", "'98.9'"});
  }
  SECTION("unknown agency: warning, USA_WIND used") {
    const std::string p = write_file("i_agency.csv", head +
                                                         "2005263N15125,2005,DAMREY,2005-09-25 "
                                                         "00:00:00,18.9,112.8,70,965,mystery,80\n");
    const TrackFile f = read_ibtracs_csv(p);
    REQUIRE(f.warnings.size() == 1);
    CHECK_THAT(f.warnings[0], Contains("mystery"));
    CHECK(f.storms[0].ensemble.members[0].track.points[0].vmax_ms == Approx(80 * kt));
  }
  SECTION("time going backwards within a SID") {
    const std::string p =
        write_file("i_back.csv", head + row +
                                     "2005263N15125,2005,DAMREY,2005-09-24 18:00:00,18.8,113.4,"
                                     "60,975,tokyo,65\n");
    require_input_error([&] { read_ibtracs_csv(p); }, p, 4, {"goes backwards"});
  }
  SECTION("only the header") {
    const std::string p = write_file("i_empty.csv", head);
    require_input_error([&] { read_ibtracs_csv(p); }, p, 0, {"no data lines"});
  }
}
