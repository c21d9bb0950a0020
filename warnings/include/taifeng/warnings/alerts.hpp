#pragma once
// Turns a unit's forecast exposure and signal into a bilingual CAP 1.2 alert.
#include <string>

#include "taifeng/warnings/cap.hpp"
#include "taifeng/warnings/cap_history.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/signals.hpp"
#include "taifeng/warnings/unit_warning.hpp"

namespace taifeng::warnings {

struct AlertContext {
  std::string sender;          // CAP sender, e.g. "taifeng@hainan.example"
  std::string sender_name_zh;  // 海南省气象台 …
  std::string sender_name_en;
  std::string identifier_prefix;  // e.g. "cn.hainan.taifeng"
  std::string status = "Actual";  // Actual | Exercise | Test
  std::string note;               // required for Exercise by convention
  std::string storm_id, storm_name_en, storm_name_zh;
  TimePoint analysis_time{};  // forecast base time = CAP sent/effective
  double expires_hours = 6;   // until the next cycle is due
  // The rendered map linked as <resource> by make_hazard_alert when non-empty: wind alerts
  // use map_uri, surge alerts surge_map_uri (map_uri if that is empty). CAP 1.2 asks for an
  // absolute URI (a relative one only names a <derefUri>); the schema accepts both.
  std::string map_uri;
  std::string surge_map_uri;
  std::string map_mime_type = "image/png";
  // Short sender tag of SMS bulletins (bulletin.hpp), e.g. "海南省气象台"; the sender
  // names if empty.
  std::string sms_sender_zh;
  std::string sms_sender_en;
};

// The CAP message of one county and hazard in this cycle, as planned by plan_message (an
// empty plan is an internal error: there is nothing to send). Infos in zh-CN then en-US;
// one <area> with the county polygons and geocode {"GB/T 2260", code}; sent = effective =
// analysis time, expires = analysis time + expires_hours.
//   identifier   "<prefix>.<storm id>.<YYYYMMDDHH>.<unit code>.<hazard>"; each part must be
//                non-empty and of [A-Za-z0-9._:@-] (a file name and a CAP token), else an
//                input error naming the part
//   event        台风 / Typhoon, 风暴潮 / Storm surge; eventCode CMA_signal =
//                typhoon_<level> or storm_surge_<level>
//   severity     blue Minor, yellow Moderate, orange Severe, red Extreme
//   certainty    CAP 1.2: p > 0.5 Likely, 0.05 <= p <= 0.5 Possible, p < 0.05 Unlikely
//                (p ~ 0); deterministic (NaN) Likely
//   urgency      from the onset (wind: gale arrival, else the lead; surge: the lead):
//                <= 6 h or red Immediate, <= 24 h Expected, later Future, none Unknown
//   responseType red Evacuate; orange Shelter (wind), Evacuate (surge with people to
//                move) or Prepare (surge without); yellow, blue Prepare
//   Cancel       (signal none) responseType AllClear, urgency Past ("responsive action is
//                no longer required"), severity Minor ("minimal to no known threat"),
//                certainty Unlikely ("not expected to occur": the lifting is a forecast,
//                not an observation, so not Observed); no onset; headline "…解除" / "…
//                cancelled"
CapAlert make_hazard_alert(const AdminUnit& unit, const UnitWarning& w, const MessagePlan& plan,
                           const AlertContext& ctx);

// The CAP identifier of a unit's message for one hazard in this cycle (see above).
std::string hazard_alert_identifier(const AdminUnit& unit, Hazard hazard, const AlertContext& ctx);

}  // namespace taifeng::warnings
