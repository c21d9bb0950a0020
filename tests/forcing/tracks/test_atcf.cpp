// Tests of the ATCF a-deck/b-deck reader: the three real JTWC b-decks of 2014 in data/,
// a synthetic a-deck and broken decks written to the scratch directory.
#include <catch2/catch.hpp>
#include <cmath>

#include "track_test_util.hpp"

using namespace taifeng;
using namespace taifeng::forcing;
using namespace taifeng::test_tracks;
using Catch::Matchers::Contains;

namespace {

struct Expected {
  const char* file;
  const char* id;
  const char* name;
  std::size_t fixes;
  TimePoint first, last, peak;
  double peak_kt, peak_hpa, peak_lat, peak_lon, peak_rmw_nmi;
  std::array<double, 4> r34, r50, r64;  // n mi at the peak
};

const Track& only_best(const TrackFile& f) {
  REQUIRE(f.storms.size() == 1);
  REQUIRE(f.storms[0].ensemble.members.size() == 1);
  return f.storms[0].ensemble.members[0].track;
}

}  // namespace

TEST_CASE("ATCF: the real 2014 JTWC b-decks", "[tracks][atcf]") {
  const Expected all[] = {
      {"bwp112014.dat",
       "WP112014",
       "HALONG",
       58,
       make_utc(2014, 7, 27, 18),
       make_utc(2014, 8, 10, 12),
       make_utc(2014, 8, 2, 12),
       140,
       918,
       15.0,
       135.1,
       20,
       {130, 105, 105, 130},
       {70, 65, 65, 70},
       {40, 40, 40, 40}},
      {"bwp192014.dat",
       "WP192014",
       "VONGFONG",
       52,
       make_utc(2014, 10, 1, 18),
       make_utc(2014, 10, 13, 18),
       make_utc(2014, 10, 7, 18),
       155,
       907,
       17.6,
       133.2,
       15,
       {145, 115, 115, 145},
       {95, 75, 75, 95},
       {55, 45, 45, 55}},
      {"bwp222014.dat",
       "WP222014",
       "HAGUPIT",
       50,
       make_utc(2014, 11, 30, 6),
       make_utc(2014, 12, 12, 12),
       make_utc(2014, 12, 4, 0),
       155,
       907,
       9.8,
       133.8,
       15,
       {105, 85, 105, 120},
       {60, 60, 65, 65},
       {40, 40, 45, 45}},
  };
  for (const Expected& e : all) {
    SECTION(e.file) {
      const TrackFile f = read_atcf(bdeck(e.file));
      CHECK(f.format == "atcf");
      CHECK(f.warnings.empty());
      const Track& t = only_best(f);
      CHECK(f.storms[0].id == e.id);
      CHECK(f.storms[0].name == e.name);  // the last named row, not INVEST / ELEVEN …
      CHECK(f.storms[0].ensemble.members[0].id == 0);
      CHECK(t.source == "BEST");
      CHECK(t.id == e.id);
      CHECK(t.name == e.name);
      CHECK(t.points.size() == e.fixes);  // radii rows merged: one fix per time
      CHECK(strictly_increasing(t));
      CHECK(t.start() == e.first);
      CHECK(t.end() == e.last);

      // The peak is the first fix with the maximum wind.
      const TrackPoint* peak = &t.points[0];
      for (const TrackPoint& p : t.points)
        if (p.vmax_ms > peak->vmax_ms) peak = &p;
      CHECK(peak->time == e.peak);
      CHECK(peak->vmax_ms == Approx(e.peak_kt * kt));
      CHECK(peak->averaging == WindAveraging::one_minute);
      CHECK(peak->pmin_hpa == e.peak_hpa);
      CHECK(peak->lat == Approx(e.peak_lat));
      CHECK(peak->lon == Approx(e.peak_lon));
      CHECK(peak->rmw_km == Approx(e.peak_rmw_nmi * nmi));
      REQUIRE(peak->radii.size() == 3);  // 34, 50 and 64 kt rows on one fix
      const std::array<double, 4>* want[3] = {&e.r34, &e.r50, &e.r64};
      const double thresholds[3] = {34, 50, 64};
      for (int k = 0; k < 3; ++k) {
        const WindRadii* w = radii_of(*peak, thresholds[k]);
        REQUIRE(w != nullptr);
        CHECK(&peak->radii[k] == w);  // ordered by threshold
        for (int q = 0; q < 4; ++q) CHECK(w->radius_km[q] == Approx((*want[k])[q] * nmi));
      }
      CHECK_THAT(peak->source_ref, Contains(e.file));
    }
  }
}

TEST_CASE("ATCF: b-deck details of Halong", "[tracks][atcf]") {
  const TrackFile f = read_atcf(bdeck("bwp112014.dat"));
  const Track& t = only_best(f);
  // 2014072718: disturbance, no radii (threshold 0), rmw 40 n mi, pressure 1007.
  const TrackPoint& p0 = t.points.front();
  CHECK(p0.lat == Approx(12.0));
  CHECK(p0.lon == Approx(151.4));
  CHECK(p0.vmax_ms == Approx(15 * kt));
  CHECK(p0.pmin_hpa == 1007);
  CHECK(p0.rmw_km == Approx(40 * nmi));
  CHECK(p0.radii.empty());
  CHECK(p0.source_ref == bdeck("bwp112014.dat") + ":1");
  // 2014080100: 34 and 50 kt rows only; the fix keeps the line of its first row.
  const TrackPoint* p = fix_at(t, make_utc(2014, 8, 1, 0));
  REQUIRE(p != nullptr);
  CHECK(p->radii.size() == 2);
  CHECK(radii_of(*p, 64) == nullptr);
  CHECK(p->source_ref == bdeck("bwp112014.dat") + ":30");
  // The 3-hourly fix at 2014080621 (a line of 21 columns without the name).
  const TrackPoint* q = fix_at(t, make_utc(2014, 8, 6, 21));
  REQUIRE(q != nullptr);
  CHECK(q->radii.size() == 3);
  CHECK(q->rmw_km == Approx(10 * nmi));
}

TEST_CASE("ATCF: a synthetic a-deck with two techniques", "[tracks][atcf]") {
  const std::string deck =
      "WP, 11, 2014080100, 01, CARQ,   0, 144N, 1392E,  55,  982, TS,  34, NEQ,   80,   85,   80,"
      "   85, 1008,  190,  25,   0,   0,   W,   0,    ,   0,   0,     HALONG, M,\n"
      "WP, 11, 2014080100, 01, CARQ,   0, 144N, 1392E,  55,  982, TS,  50, NEQ,   20,   20,   20,"
      "   25, 1008,  190,  25,   0,   0,   W,   0,    ,   0,   0,     HALONG, M,\n"
      "WP, 11, 2014080100, 03, AVNO,   0, 145N, 1391E,  50,    0, XX,  34, NEQ,   70,   70,   60,"
      "   60,\n"
      "WP, 11, 2014080100, 03, AVNO,  12, 148N, 1380E,  60,    0, XX,  34, NEQ,   80,   70,   60,"
      "   70,\n"
      "WP, 11, 2014080100, 03, AVNO,  12, 148N, 1380E,  60,    0, XX,  50, NEQ,   30,    0,    0,"
      "   20,\n"
      "WP, 11, 2014080100, 03, AVNO,  24, 152N, 1368E,  70,    0, XX,   0,    ,    0,    0,    0,"
      "    0,\n"
      "WP, 11, 2014080100, 01, JTWC,   0, 144N, 1392E,  55,  982, TS,  34, NEQ,   80,   85,   80,"
      "   85,    0,    0,  25,\n"
      "WP, 11, 2014080100, 01, JTWC,  12, 150N, 1379E,  65,  975, TY,  34, NEQ,   90,   90,   80,"
      "   90,    0,    0,  20,\n"
      "WP, 11, 2014080100, 01, JTWC,  12, 150N, 1379E,  65,  975, TY,  64, NEQ,   15,   15,   10,"
      "   15,    0,    0,  20,\n"
      "WP, 11, 2014080100, 01, JTWC,  24, 157N, 1366E,  80,  960, TY,  34, AAA,  100,    0,    0,"
      "    0,    0,    0,   0,\n";
  const std::string path = write_file("awp112014.dat", deck);
  const TrackFile f = read_atcf(path);
  REQUIRE(f.storms.size() == 1);
  CHECK(f.storms[0].id == "WP112014");
  CHECK(f.storms[0].name == "HALONG");
  const auto& members = f.storms[0].ensemble.members;
  REQUIRE(members.size() == 3);  // CARQ (tau 0 only), AVNO, JTWC in order of appearance
  CHECK(members[0].id == 0);
  CHECK(members[0].track.source == "CARQ");
  CHECK(members[1].id == 1);
  CHECK(members[1].track.source == "AVNO");
  CHECK(members[2].id == 2);
  CHECK(members[2].track.source == "JTWC");
  const TimePoint base = make_utc(2014, 8, 1, 0);
  for (int m = 1; m <= 2; ++m) {
    const Track& t = members[m].track;
    REQUIRE(t.points.size() == 3);
    for (int k = 0; k < 3; ++k) CHECK(t.points[k].time == base + std::chrono::hours(12 * k));
    CHECK(t.id == "WP112014");
  }
  const Track& avno = members[1].track;
  CHECK(std::isnan(avno.points[0].pmin_hpa));  // mslp 0 = unknown
  CHECK(avno.points[1].lat == Approx(14.8));
  CHECK(avno.points[1].lon == Approx(138.0));
  CHECK(avno.points[1].vmax_ms == Approx(60 * kt));
  REQUIRE(avno.points[1].radii.size() == 2);
  // A single 0 quadrant next to non-zero ones: the threshold is not reached there (0 km).
  CHECK(avno.points[1].radii[1].radius_km[1] == 0.0);
  CHECK(avno.points[1].radii[1].radius_km[3] == Approx(20 * nmi));
  CHECK(avno.points[2].radii.empty());  // threshold 0
  CHECK(std::isnan(avno.points[2].rmw_km));
  CHECK(any_warning_contains(f, "3 of 3 fixes of WP112014 AVNO have no central pressure"));
  const Track& jtwc = members[2].track;
  CHECK(jtwc.points[1].vmax_ms == Approx(65 * kt));
  CHECK(jtwc.points[1].rmw_km == Approx(20 * nmi));
  REQUIRE(jtwc.points[1].radii.size() == 2);
  CHECK(radii_of(jtwc.points[1], 64) != nullptr);
  REQUIRE(jtwc.points[2].radii.size() == 1);  // AAA: one radius for the full circle
  for (double r : jtwc.points[2].radii[0].radius_km) CHECK(r == Approx(100 * nmi));
  CHECK(std::isnan(jtwc.points[2].rmw_km));
  CHECK(members[0].track.points.size() == 1);
  CHECK(members[0].track.points[0].radii.size() == 2);
}

TEST_CASE("ATCF: an a-deck with two cycles has a member per cycle", "[tracks][atcf]") {
  const std::string path =
      write_file("two_cycles.dat",
                 "AL, 09, 2011082100, 01, OFCL,   0, 150N,  590W,  45, 1006\n"
                 "AL, 09, 2011082100, 01, OFCL,  12, 160N,  610W,  50, 1002\n"
                 "AL, 09, 2011082106, 01, OFCL,   0, 160N,  606W,  45, 1005\n"
                 "AL, 09, 2011082106, 01, OFCL,  12, 170N,  626W,  55,  999\n");
  const TrackFile f = read_atcf(path);
  REQUIRE(f.storms.size() == 1);
  CHECK(f.storms[0].id == "AL092011");
  CHECK(f.storms[0].name.empty());
  const auto& m = f.storms[0].ensemble.members;
  REQUIRE(m.size() == 2);
  CHECK(m[0].track.source == "OFCL 2011082100");
  CHECK(m[1].track.source == "OFCL 2011082106");
  CHECK(m[1].track.points[1].time == make_utc(2011, 8, 21, 18));
  CHECK(m[1].track.points[1].lon == Approx(-62.6));
}

TEST_CASE("ATCF: broken decks", "[tracks][atcf]") {
  const std::string good =
      "WP, 11, 2014080100,   , BEST,   0, 144N, 1392E,  55,  982, TS,  34, NEQ,   80,   85,   80,"
      "   85, 1008,  190,  25,\n";
  SECTION("latitude 999N") {
    const std::string p =
        write_file("lat999.dat", good +
                                     "WP, 11, 2014080106,   , BEST,   0, 999N, 1385E,  60,  978, "
                                     "TS,  34, NEQ,   90,   85,   80,   90, 1006,  190,  35,\n");
    require_input_error([&] { read_atcf(p); }, p, 2, {"column lat", "'999N'", "0..90"});
  }
  SECTION("latitude without hemisphere") {
    const std::string p =
        write_file("lat_nohemi.dat", "WP, 11, 2014080106,   , BEST,   0, 147, 1385E,  60,  978\n");
    require_input_error([&] { read_atcf(p); }, p, 1, {"column lat", "'147'", "N or S"});
  }
  SECTION("a truncated line") {
    const std::string p =
        write_file("truncated.dat", good + "WP, 11, 2014080106,   , BEST,   0, 147N");
    require_input_error([&] { read_atcf(p); }, p, 2, {"truncated record", "at least 9", "got 7"});
  }
  SECTION("a line cut inside the date") {
    const std::string p = write_file("cut_date.dat", good + "WP, 11, 201408");
    require_input_error([&] { read_atcf(p); }, p, 2, {"truncated record"});
  }
  SECTION("a non-monotonic track") {
    const std::string p = write_file(
        "backwards.dat", "WP, 11, 2014080106,   , BEST,   0, 147N, 1385E,  60,  978\n" + good);
    require_input_error([&] { read_atcf(p); }, p, 2,
                        {"goes backwards", "2014-08-01T00:00:00Z", p + ":1"});
  }
  SECTION("a conflicting duplicate") {
    const std::string p = write_file(
        "conflict.dat", good +
                            "WP, 11, 2014080100,   , BEST,   0, 144N, 1392E,  60,  982, TS,  50, "
                            "NEQ,   20,   20,   20,   25, 1008,  190,  25,\n");
    require_input_error([&] { read_atcf(p); }, p, 2, {"a second, different fix", p + ":1"});
  }
  SECTION("conflicting radii of one threshold") {
    const std::string p = write_file(
        "conflict_radii.dat", good +
                                  "WP, 11, 2014080100,   , BEST,   0, 144N, 1392E,  55,  982, TS, "
                                  " 34, NEQ,   90,   85,   80,   85, 1008,  190,  25,\n");
    require_input_error([&] { read_atcf(p); }, p, 2, {"different 34 kt radii"});
  }
  SECTION("an exact duplicate is a warning") {
    const std::string p = write_file("dup.dat", good + good);
    const TrackFile f = read_atcf(p);
    REQUIRE(f.warnings.size() == 1);
    CHECK_THAT(f.warnings[0], Contains(p + ":2: duplicate"));
    CHECK(f.storms[0].ensemble.members[0].track.points.size() == 1);
  }
  SECTION("bad numbers name their column") {
    const std::string p1 =
        write_file("vmax.dat", "WP, 11, 2014080100,   , BEST,   0, 144N, 1392E, 5x");
    require_input_error([&] { read_atcf(p1); }, p1, 1, {"column vmax", "'5x'"});
    const std::string p2 =
        write_file("mslp.dat", "WP, 11, 2014080100,   , BEST,   0, 144N, 1392E, 55, 700");
    require_input_error([&] { read_atcf(p2); }, p2, 1, {"column mslp", "850..1050"});
    const std::string p3 =
        write_file("date.dat", "WP, 11, 2014023100,   , BEST,   0, 144N, 1392E, 55, 990");
    require_input_error([&] { read_atcf(p3); }, p3, 1, {"YYYYMMDDHH", "2014-02-31"});
    const std::string p4 =
        write_file("thr.dat", "WP, 11, 2014080100,   , BEST,   0, 144N, 1392E, 55, 990, TS, 35");
    require_input_error([&] { read_atcf(p4); }, p4, 1, {"radii threshold", "'35'"});
  }
  SECTION("empty and binary files") {
    const std::string p = write_file("empty.dat", "\n\n");
    require_input_error([&] { read_atcf(p); }, p, 0, {"empty file"});
    const std::string b = write_file("binary.dat", std::string("WP, 11\0, x\n", 11));
    require_input_error([&] { read_atcf(b); }, b, 1, {"NUL"});
  }
}
