// A unit's exposure and signal become a schema-valid bilingual CAP alert.
#include <catch2/catch.hpp>

#include "taifeng/warnings/alerts.hpp"

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

TEST_CASE("unit alert carries signal, timing and exposure and validates", "[alerts]") {
  UnitExposure e;
  e.code = "460100";
  e.max_wind_ms = 34.0;
  e.population_by_class = {100, 200, 300, 400, 500};
  e.first_hour_bf6 = 4.0;
  e.first_hour_bf8 = 5.0;
  SignalDecision d;
  d.level = SignalLevel::red;
  d.reason = "red: test";
  const CapAlert a = make_unit_alert(haikou(), e, d, context());
  CHECK(a.identifier == "cn.hainan.taifeng.200517.2005092500.460100");
  CHECK(a.response_type == "Evacuate");
  CHECK(a.severity == "Extreme");
  CHECK(a.urgency == "Immediate");  // onset within 6 h
  CHECK(a.onset == make_utc(2005, 9, 25, 4));
  CHECK(a.expires == make_utc(2005, 9, 25, 6));
  REQUIRE(a.infos.size() == 2);
  CHECK(a.infos[0].language == "zh-CN");
  CHECK_THAT(a.infos[0].headline, Catch::Contains("海口市") && Catch::Contains("红色"));
  CHECK_THAT(a.infos[1].headline, Catch::Contains("Haikou") && Catch::Contains("Red"));
  // People at Beaufort 8+ = classes 8-9, 10-11, 12+.
  CHECK_THAT(a.infos[1].description, Catch::Contains("About 1200 people"));
  REQUIRE(a.geocodes.size() == 1);
  CHECK(a.geocodes[0].second == "460100");

  const XmlSchema schema(std::string(TAIFENG_DATA_DIR) + "/standards/CAP-v1.2.xsd");
  const std::string xml = cap_to_xml(a);
  const auto problems = schema.validate(xml, "alert");
  CHECK(problems.empty());
  CHECK_THAT(xml, Catch::Contains("<sent>2005-09-25T08:00:00+08:00</sent>"));
}

TEST_CASE("urgency and response follow onset and level", "[alerts]") {
  UnitExposure e;
  e.max_wind_ms = 12.0;
  e.first_hour_bf6 = 30.0;
  SignalDecision none;
  const CapAlert a = make_unit_alert(haikou(), e, none, context());
  CHECK(a.urgency == "Future");
  CHECK(a.response_type == "Monitor");
  CHECK(a.certainty == "Possible");
  e.first_hour_bf6 = 12.0;
  SignalDecision yellow;
  yellow.level = SignalLevel::yellow;
  const CapAlert b = make_unit_alert(haikou(), e, yellow, context());
  CHECK(b.urgency == "Expected");
  CHECK(b.response_type == "Prepare");
  CHECK(b.severity == "Moderate");
}
