// A unit's exposure and signal become a schema-valid bilingual CAP alert.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/warnings/alerts.hpp"
#include "xml_test_util.hpp"

using namespace taifeng;
using namespace taifeng::warnings;

namespace {
AdminUnit haikou() {
  AdminUnit u;
  u.code = "460100";
  u.name_zh = "海口市";
  u.name_en = "Haikou";
  u.population = 2873358;
  u.shape = {Polygon{{{110.1, 19.6}, {110.7, 19.6}, {110.7, 20.1}, {110.1, 20.1}}, {}}};
  u.center = {110.33, 20.03};
  return u;
}
AlertContext context() {
  AlertContext c;
  c.sender = "taifeng@hainan.example";
  c.sender_name_zh = "测试";
  c.sender_name_en = "test";
  c.identifier_prefix = "cn.hainan.taifeng";
  c.status = "Exercise";
  c.note = "test";
  c.storm_id = "200517";
  c.storm_name_en = "Damrey";
  c.storm_name_zh = "达维";
  c.analysis_time = make_utc(2005, 9, 25, 0);
  c.expires_hours = 6;
  return c;
}
}  // namespace

// --- make_hazard_alert --------------------------------------------------------------------

namespace {

constexpr SignalLevel raised_levels[] = {SignalLevel::blue, SignalLevel::yellow,
                                         SignalLevel::orange, SignalLevel::red};

UnitWarning wind_warning(SignalLevel level) {
  UnitWarning w;
  w.hazard = Hazard::wind;
  w.level = level;
  w.probability = 0.62;
  w.probability_threshold = 0.4;
  w.lead_hours = 9;
  w.reason = "P(mean >= 17.2 m/s within 24 h) = 0.62 >= 0.40";
  w.max_value = 30.4;  // Beaufort 11
  w.max_gust_ms = 43.0;
  w.gale_arrival_h = 12;  // 2005-09-25 12:00 UTC = 20:00 +08:00
  w.population = 2873358;
  w.exposed = {2873358, 1204567, 45678, 0};
  w.expected_exposed = 746931;
  w.evacuate = 12345;
  w.shelter_hint_zh = "海口市体育馆";
  w.shelter_hint_en = "Haikou Gymnasium";
  return w;
}

UnitWarning surge_warning(SignalLevel level) {
  UnitWarning w;
  w.hazard = Hazard::surge;
  w.level = level;
  w.probability = 0.3;
  w.probability_threshold = 0.2;
  w.lead_hours = 20;
  w.reason = "P(inundation >= 0.5 m) = 0.30 >= 0.20";
  w.max_value = 1.7;
  w.population = 2873358;
  w.exposed = {52000, 21000, 7000, 0};
  w.expected_exposed = 15600;
  w.evacuate = level >= SignalLevel::orange ? 21000 : 0;
  return w;
}

MessagePlan alert_plan() {
  return {"Alert", {}, SignalLevel::none};
}
MessagePlan update_plan(SignalLevel previous) {
  return {"Update",
          {"taifeng@hainan.example,cn.hainan.taifeng.200517.2005092418.460100.wind,"
           "2005-09-25T02:00:00+08:00"},
          previous};
}
MessagePlan cancel_plan(SignalLevel previous) {
  MessagePlan p = update_plan(previous);
  p.msg_type = "Cancel";
  return p;
}

std::string parameter(const CapAlert& a, const std::string& name) {
  for (const auto& [key, value] : a.parameters)
    if (key == name) return value;
  FAIL("no parameter " + name);
  return {};
}

}  // namespace

TEST_CASE("hazard alert maps level to severity, response and event", "[alerts][hazard]") {
  const AlertContext ctx = context();
  const char* severities[] = {"Minor", "Moderate", "Severe", "Extreme"};
  const char* wind_response[] = {"Prepare", "Prepare", "Shelter", "Evacuate"};
  const char* surge_response[] = {"Prepare", "Prepare", "Evacuate", "Evacuate"};
  for (int k = 0; k < 4; ++k) {
    const SignalLevel level = raised_levels[k];
    INFO(signal_name(level));
    const CapAlert wind = make_hazard_alert(haikou(), wind_warning(level), alert_plan(), ctx);
    CHECK(wind.msg_type == "Alert");
    CHECK(wind.references.empty());
    CHECK(wind.severity == severities[k]);
    CHECK(wind.response_type == wind_response[k]);
    CHECK(wind.identifier == "cn.hainan.taifeng.200517.2005092500.460100.wind");
    REQUIRE(wind.infos.size() == 2);
    CHECK(wind.infos[0].event == "台风");
    CHECK(wind.infos[1].event == "Typhoon");
    CHECK(wind.event_codes == std::vector<std::pair<std::string, std::string>>{
                                  {"CMA_signal", std::string("typhoon_") + signal_name(level)}});
    CHECK(parameter(wind, "signal_level") == signal_name(level));
    CHECK_THAT(wind.infos[0].headline,
               Catch::Contains("海口市") && Catch::Contains(signal_name_zh(level)));

    const CapAlert surge = make_hazard_alert(haikou(), surge_warning(level), alert_plan(), ctx);
    CHECK(surge.severity == severities[k]);
    CHECK(surge.response_type == surge_response[k]);
    CHECK(surge.identifier == "cn.hainan.taifeng.200517.2005092500.460100.surge");
    CHECK(surge.infos[0].event == "风暴潮");
    CHECK(surge.infos[1].event == "Storm surge");
    CHECK(surge.event_codes[0].second == std::string("storm_surge_") + signal_name(level));
  }
  // Orange surge with nobody to move: prepare, not evacuate.
  UnitWarning orange = surge_warning(SignalLevel::orange);
  orange.evacuate = 0;
  CHECK(make_hazard_alert(haikou(), orange, alert_plan(), ctx).response_type == "Prepare");
}

TEST_CASE("hazard alert certainty follows the CAP 1.2 probability bands", "[alerts][hazard]") {
  // Likely p > ~50 %, Possible p <= ~50 %, Unlikely p ~ 0; deterministic = Likely.
  const std::vector<std::pair<double, std::string>> cases = {
      {1.0, "Likely"},    {0.51, "Likely"},    {0.5, "Possible"}, {0.2, "Possible"},
      {0.05, "Possible"}, {0.049, "Unlikely"}, {0.0, "Unlikely"}, {std::nan(""), "Likely"}};
  for (const auto& [p, expected] : cases) {
    UnitWarning w = wind_warning(SignalLevel::yellow);
    w.probability = p;
    INFO("p = " << p);
    CHECK(make_hazard_alert(haikou(), w, alert_plan(), context()).certainty == expected);
  }
}

TEST_CASE("hazard alert urgency and onset follow the gale arrival", "[alerts][hazard]") {
  const AlertContext ctx = context();
  UnitWarning w = wind_warning(SignalLevel::yellow);
  const std::vector<std::pair<double, std::string>> cases = {
      {0, "Immediate"}, {6, "Immediate"}, {6.5, "Expected"}, {24, "Expected"}, {30, "Future"}};
  for (const auto& [hours, expected] : cases) {
    w.gale_arrival_h = hours;
    const CapAlert a = make_hazard_alert(haikou(), w, alert_plan(), ctx);
    INFO("gale arrival " << hours << " h");
    CHECK(a.urgency == expected);
    CHECK(a.onset == add_hours(ctx.analysis_time, hours));
  }
  // Without a gale the lead of the criterion is the onset.
  w.gale_arrival_h.reset();
  w.lead_hours = 3;
  CHECK(make_hazard_alert(haikou(), w, alert_plan(), ctx).urgency == "Immediate");
  w.lead_hours = -1;
  const CapAlert unknown = make_hazard_alert(haikou(), w, alert_plan(), ctx);
  CHECK(unknown.urgency == "Unknown");
  CHECK(unknown.onset == TimePoint{});
  // Red is always acted on now.
  UnitWarning red = wind_warning(SignalLevel::red);
  red.gale_arrival_h = 30;
  CHECK(make_hazard_alert(haikou(), red, alert_plan(), ctx).urgency == "Immediate");
  // Surge: the lead.
  CHECK(
      make_hazard_alert(haikou(), surge_warning(SignalLevel::yellow), alert_plan(), ctx).urgency ==
      "Expected");
}

TEST_CASE("hazard alert descriptions give the numbers", "[alerts][hazard]") {
  const AlertContext ctx = context();
  const UnitWarning w = wind_warning(SignalLevel::orange);
  const CapAlert a = make_hazard_alert(haikou(), w, alert_plan(), ctx);
  const std::string& zh = a.infos[0].description;
  const std::string& en = a.infos[1].description;
  // Gale arrival 12 h after 2005-09-25 00:00 UTC, written in China Standard Time.
  CHECK_THAT(zh, Catch::Contains("2005-09-25 20:00 (+08:00)"));
  CHECK_THAT(en, Catch::Contains("2005-09-25 20:00 (+08:00)"));
  CHECK(parameter(a, "gale_arrival") == "2005-09-25T20:00:00+08:00");
  CHECK_THAT(zh, Catch::Contains("2873358、1204567、45678、0人"));
  CHECK_THAT(en, Catch::Contains("2,873,358, 1,204,567, 45,678 and 0"));
  CHECK_THAT(zh, Catch::Contains("约746931人") && Catch::Contains("需转移人员约12345人"));
  CHECK_THAT(en, Catch::Contains("probability-weighted 746,931") &&
                     Catch::Contains("People to evacuate: about 12,345"));
  CHECK_THAT(zh, Catch::Contains("30.4米/秒（11级）") && Catch::Contains("43.0米/秒（14级）"));
  CHECK_THAT(en, Catch::Contains("30.4 m/s (Beaufort 11)") && Catch::Contains("43.0 m/s"));
  CHECK_THAT(zh, Catch::Contains("62%") && Catch::Contains("40%"));
  CHECK_THAT(en, Catch::Contains(w.reason));
  CHECK_THAT(zh, Catch::Contains("海口市体育馆"));
  CHECK_THAT(en, Catch::Contains("Haikou Gymnasium"));
  CHECK(parameter(a, "population_beaufort8_plus") == "1204567");
  CHECK(parameter(a, "probability") == "0.62");
  CHECK(parameter(a, "evacuate") == "12345");
  CHECK(a.expires == add_hours(ctx.analysis_time, 6));

  const CapAlert s =
      make_hazard_alert(haikou(), surge_warning(SignalLevel::orange), alert_plan(), ctx);
  CHECK_THAT(s.infos[0].description, Catch::Contains("1.7米") && Catch::Contains("52000、21000"));
  CHECK_THAT(s.infos[1].description, Catch::Contains("1.7 m") && Catch::Contains("52,000, 21,000"));
  CHECK(parameter(s, "population_inundated_0.5m_plus") == "21000");
  // Lead 20 h: 2005-09-25 20:00 UTC = 2005-09-26 04:00 +08:00.
  CHECK_THAT(s.infos[1].description, Catch::Contains("2005-09-26 04:00 (+08:00)"));
}

TEST_CASE("hazard alert Update and Cancel", "[alerts][hazard]") {
  const AlertContext ctx = context();
  const CapAlert up = make_hazard_alert(haikou(), wind_warning(SignalLevel::orange),
                                        update_plan(SignalLevel::yellow), ctx);
  CHECK(up.msg_type == "Update");
  CHECK(up.references == update_plan(SignalLevel::yellow).references);
  CHECK_THAT(up.infos[1].description, Catch::Contains("Upgraded from yellow to orange"));
  CHECK_THAT(up.infos[0].description, Catch::Contains("由黄色升级为橙色"));
  const CapAlert same = make_hazard_alert(haikou(), wind_warning(SignalLevel::orange),
                                          update_plan(SignalLevel::orange), ctx);
  CHECK_THAT(same.infos[1].description, Catch::Contains("remains in force"));

  UnitWarning none = wind_warning(SignalLevel::none);
  none.evacuate = 0;
  const CapAlert c = make_hazard_alert(haikou(), none, cancel_plan(SignalLevel::orange), ctx);
  CHECK(c.msg_type == "Cancel");
  CHECK(c.references == cancel_plan(SignalLevel::orange).references);
  CHECK(c.response_type == "AllClear");
  CHECK(c.urgency == "Past");
  CHECK(c.severity == "Minor");
  CHECK(c.certainty == "Unlikely");
  CHECK(c.onset == TimePoint{});
  CHECK(c.infos[0].headline == "海口市台风橙色预警解除（达维）");
  CHECK(c.infos[1].headline == "Haikou: Typhoon Orange Warning cancelled (Damrey)");
  CHECK(parameter(c, "previous_level") == "orange");
  CHECK(c.event_codes[0].second == "typhoon_none");

  SECTION("inconsistent plans are internal errors") {
    CHECK_THROWS_AS(make_hazard_alert(haikou(), none, alert_plan(), ctx), Error);
    CHECK_THROWS_AS(make_hazard_alert(haikou(), wind_warning(SignalLevel::red),
                                      cancel_plan(SignalLevel::red), ctx),
                    Error);
    CHECK_THROWS_AS(make_hazard_alert(haikou(), wind_warning(SignalLevel::red), MessagePlan{}, ctx),
                    Error);
    MessagePlan no_refs = update_plan(SignalLevel::red);
    no_refs.references.clear();
    CHECK_THROWS_AS(make_hazard_alert(haikou(), wind_warning(SignalLevel::red), no_refs, ctx),
                    Error);
    UnitWarning bad = wind_warning(SignalLevel::red);
    bad.exposed = {10, 20, 0, 0};  // not cumulative
    CHECK_THROWS_AS(make_hazard_alert(haikou(), bad, alert_plan(), ctx), Error);
  }
  SECTION("an Update may not reference its own identifier (same cycle read as previous)") {
    MessagePlan self = update_plan(SignalLevel::red);
    self.references = {
        "taifeng@hainan.example,cn.hainan.taifeng.200517.2005092500.460100.wind,"
        "2005-09-25T08:00:00+08:00"};
    try {
      make_hazard_alert(haikou(), wind_warning(SignalLevel::red), self, ctx);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
    }
  }
}

TEST_CASE("hazard alert identifiers are unique and need safe parts", "[alerts][hazard]") {
  std::set<std::string> ids;
  AlertContext ctx = context();
  std::size_t n = 0;
  for (int cycle = 0; cycle < 4; ++cycle) {
    ctx.analysis_time = add_hours(make_utc(2005, 9, 24, 18), 6.0 * cycle);
    for (int unit = 0; unit < 19; ++unit) {
      AdminUnit u = haikou();
      u.code = std::to_string(460100 + 100 * unit);
      for (const Hazard h : {Hazard::wind, Hazard::surge}) {
        const std::string id = hazard_alert_identifier(u, h, ctx);
        CHECK(id.find_first_of(" ,<&") == std::string::npos);
        ids.insert(id);
        ++n;
      }
    }
  }
  CHECK(ids.size() == n);

  for (const char* bad : {"cn hainan", "cn,hainan", "cn<hainan", "cn&hainan", "", "a/b"}) {
    INFO("prefix '" << bad << "'");
    ctx.identifier_prefix = bad;
    try {
      make_hazard_alert(haikou(), wind_warning(SignalLevel::blue), alert_plan(), ctx);
      FAIL("expected an input error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Catch::Contains("identifier prefix"));
    }
  }
  ctx = context();
  AdminUnit u = haikou();
  u.code = "4601&00";
  CHECK_THROWS_AS(hazard_alert_identifier(u, Hazard::wind, ctx), Error);
}

TEST_CASE("hazard alert links the rendered map as a resource", "[alerts][hazard]") {
  AlertContext ctx = context();
  const CapAlert none =
      make_hazard_alert(haikou(), wind_warning(SignalLevel::blue), alert_plan(), ctx);
  CHECK(none.infos[0].resources.empty());
  CHECK(none.infos[1].resources.empty());
  ctx.map_uri = "maps/wind_swath_200517_2005092500.png";
  ctx.surge_map_uri = "maps/surge_200517_2005092500.png";
  const CapAlert wind =
      make_hazard_alert(haikou(), wind_warning(SignalLevel::blue), alert_plan(), ctx);
  for (const CapInfoText& info : wind.infos) {
    REQUIRE(info.resources.size() == 1);
    CHECK(info.resources[0].uri == ctx.map_uri);
    CHECK(info.resources[0].mime_type == "image/png");
  }
  const CapAlert surge =
      make_hazard_alert(haikou(), surge_warning(SignalLevel::blue), alert_plan(), ctx);
  CHECK(surge.infos[1].resources.at(0).uri == ctx.surge_map_uri);
  ctx.surge_map_uri.clear();
  CHECK(make_hazard_alert(haikou(), surge_warning(SignalLevel::blue), alert_plan(), ctx)
            .infos[1]
            .resources.at(0)
            .uri == ctx.map_uri);
}

TEST_CASE("every hazard message validates against CAP-v1.2.xsd", "[alerts][hazard][schema]") {
  AlertContext ctx = context();
  std::size_t validated = 0;
  for (const bool with_map : {false, true}) {
    ctx.map_uri = with_map ? "maps/wind.png" : "";
    for (const Hazard h : {Hazard::wind, Hazard::surge}) {
      const auto warning = [h](SignalLevel l) {
        return h == Hazard::wind ? wind_warning(l) : surge_warning(l);
      };
      std::vector<std::pair<UnitWarning, MessagePlan>> messages;
      for (const SignalLevel l : raised_levels) {
        messages.emplace_back(warning(l), alert_plan());
        for (const SignalLevel previous : raised_levels)
          messages.emplace_back(warning(l), update_plan(previous));
      }
      for (const SignalLevel previous : raised_levels)
        messages.emplace_back(warning(SignalLevel::none), cancel_plan(previous));
      // Deterministic signal, no timing, no gust, nobody exposed.
      UnitWarning bare = warning(SignalLevel::blue);
      bare.probability = bare.probability_threshold = std::nan("");
      bare.lead_hours = -1;
      bare.gale_arrival_h.reset();
      bare.max_gust_ms = 0;
      bare.exposed = {};
      bare.expected_exposed = bare.evacuate = 0;
      bare.reason.clear();
      messages.emplace_back(bare, alert_plan());

      for (const auto& [w, plan] : messages) {
        const CapAlert a = make_hazard_alert(haikou(), w, plan, ctx);
        const std::string xml = cap_to_xml(a);
        const auto problems = warnings_test::cap_schema().validate(xml, a.identifier);
        INFO(plan.msg_type << " " << hazard_name(h) << " " << signal_name(w.level) << "\n"
                           << warnings_test::joined(problems));
        CHECK(problems.empty());
        const warnings_test::ParsedXml p(xml);
        CHECK(p.text("/cap:alert/cap:msgType") == plan.msg_type);
        CHECK(p.nodes("/cap:alert/cap:info/cap:resource").size() == (with_map ? 2u : 0u));
        ++validated;
      }
    }
  }
  CHECK(validated == 2 * 2 * (4 + 16 + 4 + 1));
}
