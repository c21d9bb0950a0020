// make_hazard_alert: one county, one hazard, one cycle -> a bilingual CAP 1.2 message.
#include <cmath>

#include <fmt/format.h>

#include "alert_text.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "taifeng/warnings/alerts.hpp"

namespace taifeng::warnings {

namespace {

using detail::capitalised;
using detail::grouped;
using detail::hazard_title_en;
using detail::local_time_text;

// A part of an identifier: non-empty, and only characters that are safe both in a CAP token
// (no space, comma, '<', '&') and in a file name.
void check_identifier_part(const char* what, const std::string& value) {
  const bool ok = !value.empty() && value.find_first_not_of(
                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789._:@-") == std::string::npos;
  if (!ok)
    throw_input_error(
        "CAP identifier",
        fmt::format("{} '{}' must be non-empty and use only A-Z a-z 0-9 . _ : @ -", what, value));
}

const char* severity(SignalLevel l) {
  switch (l) {
    case SignalLevel::red:
      return "Extreme";
    case SignalLevel::orange:
      return "Severe";
    case SignalLevel::yellow:
      return "Moderate";
    default:
      return "Minor";
  }
}

// CAP 1.2 certainty: Likely p > ~50 %, Possible p <= ~50 %, Unlikely p ~ 0.
const char* certainty(double p) {
  if (std::isnan(p) || p > 0.5) return "Likely";
  return p >= 0.05 ? "Possible" : "Unlikely";
}

const char* urgency(SignalLevel l, std::optional<double> onset_h) {
  if (l == SignalLevel::red) return "Immediate";
  if (!onset_h) return "Unknown";
  return *onset_h <= 6 ? "Immediate" : *onset_h <= 24 ? "Expected" : "Future";
}

struct Instruction {
  const char* zh;
  const char* en;
};

Instruction instruction(Hazard h, SignalLevel l, long evacuate) {
  if (h == Hazard::wind) {
    switch (l) {
      case SignalLevel::red:
        return {
            "立即撤离危险地带和危旧房屋人员至安全场所；停止集会、停课、停业（特殊行业除外）；"
            "船舶回港避风。",
            "Evacuate people from exposed areas and unsafe buildings to shelters now; suspend "
            "gatherings, classes and business (except essential services); all vessels must "
            "be in port."};
      case SignalLevel::orange:
        return {
            "留在坚固建筑物内避风，远离门窗；停止室内外大型集会和高空等户外作业；船舶回港避风。",
            "Stay inside a sturdy building away from windows; stop large gatherings and "
            "outdoor work at height; bring vessels into port."};
      case SignalLevel::yellow:
        return {"做好防风准备；停止海上作业，船舶回港避风；加固户外设施，注意防范高空坠物。",
                "Prepare for gales: stop work at sea and bring vessels into port; secure outdoor "
                "structures and beware of falling objects."};
      case SignalLevel::blue:
        return {"做好防风准备；注意台风最新消息；加固门窗、围板等易被风吹动的搭建物。",
                "Prepare for strong wind: follow the latest typhoon bulletins; secure doors, "
                "windows and structures that wind can move."};
      default:
        return {"台风预警解除。注意清理倒伏树木和受损设施，远离断落电线。",
                "The typhoon warning is lifted. Beware of fallen trees, damaged structures and "
                "downed power lines."};
    }
  }
  switch (l) {
    case SignalLevel::red:
      return {"立即撤离沿海低洼地区和危险地带人员至安全场所；远离海岸和海堤。",
              "Evacuate low-lying coastal areas and dangerous places to shelters now; keep away "
              "from the shore and seawalls."};
    case SignalLevel::orange:
      return evacuate > 0
                 ? Instruction{"按当地政府安排转移沿海低洼地区人员；远离海岸和海堤。",
                               "Move people out of low-lying coastal areas as directed by the "
                               "local government; keep away from the shore and seawalls."}
                 : Instruction{"远离海岸和海堤；低洼地区做好转移准备。",
                               "Keep away from the shore and seawalls; low-lying areas prepare "
                               "to leave."};
    case SignalLevel::yellow:
      return {"停止海上作业和滨海旅游，船舶回港；加固海堤和港口设施；低洼地区做好转移准备。",
              "Stop work at sea and coastal tourism, bring vessels into port; secure seawalls and "
              "port facilities; low-lying areas prepare to leave."};
    case SignalLevel::blue:
      return {"关注风暴潮预警信息；暂停滨海游乐活动；加固海堤和港口设施。",
              "Follow the storm surge bulletins; suspend beach recreation; secure seawalls and "
              "port facilities."};
    default:
      return {"风暴潮预警解除。海边仍可能有大浪，返回低洼地区前听从当地政府安排。",
              "The storm surge warning is lifted. Waves may still be high; follow local "
              "instructions before returning to low-lying areas."};
  }
}

std::string percent(double p) {
  return fmt::format("{:.0f}%", 100.0 * p);
}

// "受台风“达维”（200517）影响" / "Typhoon Damrey (200517)"
std::string storm_zh(const AlertContext& ctx) {
  return ctx.storm_name_zh.empty() ? ctx.storm_id : ctx.storm_name_zh;
}
std::string storm_en(const AlertContext& ctx) {
  return ctx.storm_name_en.empty() ? ctx.storm_id : ctx.storm_name_en;
}

// What changed since the previous message (Update only).
std::string change_zh(const MessagePlan& plan, SignalLevel now) {
  if (plan.msg_type != "Update") return {};
  if (plan.previous_level == now) return fmt::format("{}预警继续生效。", signal_name_zh(now));
  return fmt::format("预警由{}{}为{}。", signal_name_zh(plan.previous_level),
                     plan.previous_level < now ? "升级" : "降级", signal_name_zh(now));
}
std::string change_en(const MessagePlan& plan, SignalLevel now) {
  if (plan.msg_type != "Update") return {};
  if (plan.previous_level == now)
    return fmt::format(" The {} warning remains in force.", signal_name(now));
  return fmt::format(" {} from {} to {}.", plan.previous_level < now ? "Upgraded" : "Downgraded",
                     signal_name(plan.previous_level), signal_name(now));
}

std::string description_zh(const AdminUnit& u, const UnitWarning& w, const MessagePlan& plan,
                           const AlertContext& ctx) {
  const auto& e = w.exposed;
  std::string d;
  if (w.hazard == Hazard::wind) {
    if (w.level == SignalLevel::none)
      d = fmt::format("根据台风“{}”（{}）最新预报，{}不再达到台风预警标准，台风{}预警解除。",
                      storm_zh(ctx), ctx.storm_id, u.name_zh, signal_name_zh(plan.previous_level));
    else if (w.gale_arrival_h)
      d = fmt::format("受台风“{}”（{}）影响，预计{}于{}起出现8级以上大风。", storm_zh(ctx),
                      ctx.storm_id, u.name_zh,
                      local_time_text(add_hours(ctx.analysis_time, *w.gale_arrival_h)));
    else if (w.lead_hours >= 0)
      d = fmt::format("受台风“{}”（{}）影响，预计{}于{}起达到台风{}预警标准。", storm_zh(ctx),
                      ctx.storm_id, u.name_zh,
                      local_time_text(add_hours(ctx.analysis_time, w.lead_hours)),
                      signal_name_zh(w.level));
    else
      d = fmt::format("受台风“{}”（{}）影响，", storm_zh(ctx), ctx.storm_id);
    d += fmt::format("预计最大平均风速{:.1f}米/秒（{}级）", w.max_value,
                     beaufort_force(w.max_value));
    if (w.max_gust_ms > 0)
      d += fmt::format("，最大阵风{:.1f}米/秒（{}级）", w.max_gust_ms,
                       beaufort_force(w.max_gust_ms));
    d += "。";
  } else {
    if (w.level == SignalLevel::none)
      d = fmt::format(
          "根据台风“{}”（{}）风暴潮最新预报，{}不再达到风暴潮预警标准，风暴潮{}预警解除。",
          storm_zh(ctx), ctx.storm_id, u.name_zh, signal_name_zh(plan.previous_level));
    else if (w.lead_hours >= 0)
      d = fmt::format("受台风“{}”（{}）引发的风暴潮影响，预计{}沿海低洼地区于{}起出现漫滩淹没。",
                      storm_zh(ctx), ctx.storm_id, u.name_zh,
                      local_time_text(add_hours(ctx.analysis_time, w.lead_hours)));
    else
      d = fmt::format("受台风“{}”（{}）引发的风暴潮影响，", storm_zh(ctx), ctx.storm_id);
    d +=
        fmt::format("预计沿海最大增水{:.1f}米，最大淹没水深{:.1f}米。", w.max_surge_m, w.max_value);
  }
  if (w.level != SignalLevel::none && std::isfinite(w.probability)) {
    d += fmt::format("达到{}预警标准的概率约为{}", signal_name_zh(w.level), percent(w.probability));
    if (std::isfinite(w.probability_threshold))
      d += fmt::format("（发布阈值{}）", percent(w.probability_threshold));
    d += "。";
  }
  if (w.hazard == Hazard::wind)
    d += fmt::format("预计受6级、8级、10级、12级以上大风影响的人口分别约{}、{}、{}、{}人", e[0],
                     e[1], e[2], e[3]);
  else
    d += fmt::format("预计淹没水深达0.1米、0.5米、1米、2米以上地区的人口分别约{}、{}、{}、{}人",
                     e[0], e[1], e[2], e[3]);
  d += fmt::format("（总人口{}人），按概率加权约{}人", w.population, w.expected_exposed);
  if (w.evacuate > 0) d += fmt::format("；需转移人员约{}人", w.evacuate);
  d += "。";
  if (w.level != SignalLevel::none && !w.shelter_hint_zh.empty())
    d += fmt::format("避难场所：{}。", w.shelter_hint_zh);
  d += change_zh(plan, w.level);
  return d;
}

std::string description_en(const AdminUnit& u, const UnitWarning& w, const MessagePlan& plan,
                           const AlertContext& ctx) {
  const auto& e = w.exposed;
  std::string d;
  if (w.hazard == Hazard::wind) {
    if (w.level == SignalLevel::none)
      d = fmt::format(
          "The latest forecast of Typhoon {} ({}) no longer meets the warning criteria for {}: "
          "the Typhoon {} Warning is cancelled. Forecast maximum mean wind",
          storm_en(ctx), ctx.storm_id, u.name_en, capitalised(signal_name(plan.previous_level)));
    else if (w.gale_arrival_h)
      d = fmt::format(
          "Typhoon {} ({}) is forecast to bring gales (Beaufort 8 or more) to {} from {}, with "
          "mean wind",
          storm_en(ctx), ctx.storm_id, u.name_en,
          local_time_text(add_hours(ctx.analysis_time, *w.gale_arrival_h)));
    else if (w.lead_hours >= 0)
      d = fmt::format(
          "Typhoon {} ({}) is forecast to bring winds meeting the {} warning criterion to {} "
          "from {}, with mean wind",
          storm_en(ctx), ctx.storm_id, signal_name(w.level), u.name_en,
          local_time_text(add_hours(ctx.analysis_time, w.lead_hours)));
    else
      d = fmt::format("Typhoon {} ({}) is forecast to bring {} mean wind", storm_en(ctx),
                      ctx.storm_id, u.name_en);
    d += fmt::format(" up to {:.1f} m/s (Beaufort {})", w.max_value, beaufort_force(w.max_value));
    if (w.max_gust_ms > 0)
      d += fmt::format(" and gusts up to {:.1f} m/s (Beaufort {})", w.max_gust_ms,
                       beaufort_force(w.max_gust_ms));
    d += ".";
  } else {
    if (w.level == SignalLevel::none)
      d = fmt::format(
          "The latest forecast of the storm surge of Typhoon {} ({}) no longer meets the "
          "warning criteria for {}: the Storm Surge {} Warning is cancelled.",
          storm_en(ctx), ctx.storm_id, u.name_en, capitalised(signal_name(plan.previous_level)));
    else if (w.lead_hours >= 0)
      d = fmt::format(
          "The storm surge of Typhoon {} ({}) is forecast to flood low-lying coastal land in {} "
          "from {}.",
          storm_en(ctx), ctx.storm_id, u.name_en,
          local_time_text(add_hours(ctx.analysis_time, w.lead_hours)));
    else
      d = fmt::format("The storm surge of Typhoon {} ({}) is forecast to reach {}.", storm_en(ctx),
                      ctx.storm_id, u.name_en);
    d += fmt::format(
        " Forecast maximum surge at the coast {:.1f} m, maximum inundation depth "
        "{:.1f} m.",
        w.max_surge_m, w.max_value);
  }
  if (w.level != SignalLevel::none && std::isfinite(w.probability)) {
    d += fmt::format(" Probability of the {} criterion: {}", signal_name(w.level),
                     percent(w.probability));
    if (std::isfinite(w.probability_threshold))
      d += fmt::format(" (threshold {})", percent(w.probability_threshold));
    d += ".";
  }
  if (!w.reason.empty()) d += " " + w.reason + (w.reason.back() == '.' ? "" : ".");
  if (w.hazard == Hazard::wind)
    d += fmt::format(
        " People facing mean winds of Beaufort 6, 8, 10 and 12 or more: about {}, {}, {} and {}",
        grouped(e[0]), grouped(e[1]), grouped(e[2]), grouped(e[3]));
  else
    d += fmt::format(
        " People where the water is forecast to reach 0.1, 0.5, 1 and 2 m or more: about {}, "
        "{}, {} and {}",
        grouped(e[0]), grouped(e[1]), grouped(e[2]), grouped(e[3]));
  d += fmt::format(" (of {}); probability-weighted {}.", grouped(w.population),
                   grouped(w.expected_exposed));
  if (w.evacuate > 0) d += fmt::format(" People to evacuate: about {}.", grouped(w.evacuate));
  if (w.level != SignalLevel::none && !w.shelter_hint_en.empty())
    d += fmt::format(" Shelters: {}.", w.shelter_hint_en);
  d += change_en(plan, w.level);
  return d;
}

std::string headline_zh(const AdminUnit& u, const UnitWarning& w, const MessagePlan& plan,
                        const AlertContext& ctx) {
  if (w.level == SignalLevel::none)
    return fmt::format("{}{}{}预警解除（{}）", u.name_zh, hazard_name_zh(w.hazard),
                       signal_name_zh(plan.previous_level), storm_zh(ctx));
  return fmt::format("{}{}{}预警（{}）", u.name_zh, hazard_name_zh(w.hazard),
                     signal_name_zh(w.level), storm_zh(ctx));
}

std::string headline_en(const AdminUnit& u, const UnitWarning& w, const MessagePlan& plan,
                        const AlertContext& ctx) {
  const std::string hazard = w.hazard == Hazard::wind ? "Typhoon" : "Storm Surge";
  if (w.level == SignalLevel::none)
    return fmt::format("{}: {} {} Warning cancelled ({})", u.name_en, hazard,
                       capitalised(signal_name(plan.previous_level)), storm_en(ctx));
  return fmt::format("{}: {} {} Warning ({})", u.name_en, hazard, capitalised(signal_name(w.level)),
                     storm_en(ctx));
}

std::vector<std::pair<std::string, std::string>> parameters(const UnitWarning& w,
                                                            const MessagePlan& plan,
                                                            const AlertContext& ctx) {
  std::vector<std::pair<std::string, std::string>> p = {{"hazard", hazard_name(w.hazard)},
                                                        {"signal_level", signal_name(w.level)}};
  if (plan.msg_type != "Alert") p.emplace_back("previous_level", signal_name(plan.previous_level));
  if (std::isfinite(w.probability))
    p.emplace_back("probability", fmt::format("{:.2f}", w.probability));
  if (std::isfinite(w.probability_threshold))
    p.emplace_back("probability_threshold", fmt::format("{:.2f}", w.probability_threshold));
  if (!w.reason.empty()) p.emplace_back("signal_reason", w.reason);
  if (w.lead_hours >= 0) p.emplace_back("lead_hours", fmt::format("{:g}", w.lead_hours));
  if (w.hazard == Hazard::wind) {
    p.emplace_back("max_wind_ms", fmt::format("{:.1f}", w.max_value));
    p.emplace_back("max_beaufort", std::to_string(beaufort_force(w.max_value)));
    if (w.max_gust_ms > 0) p.emplace_back("max_gust_ms", fmt::format("{:.1f}", w.max_gust_ms));
    if (w.gale_arrival_h)
      p.emplace_back("gale_arrival",
                     format_iso_offset(add_hours(ctx.analysis_time, *w.gale_arrival_h),
                                       china_standard_offset));
    for (std::size_t k = 0; k < 4; ++k)
      p.emplace_back(fmt::format("population_beaufort{}_plus", wind_exposed_class_beaufort[k]),
                     std::to_string(w.exposed[k]));
  } else {
    p.emplace_back("max_surge_m", fmt::format("{:.2f}", w.max_surge_m));
    p.emplace_back("max_inundation_m", fmt::format("{:.2f}", w.max_value));
    for (std::size_t k = 0; k < 4; ++k)
      p.emplace_back(fmt::format("population_inundated_{:g}m_plus", surge_exposed_class_m[k]),
                     std::to_string(w.exposed[k]));
  }
  p.emplace_back("population", std::to_string(w.population));
  p.emplace_back("expected_exposed", std::to_string(w.expected_exposed));
  p.emplace_back("evacuate", std::to_string(w.evacuate));
  return p;
}

void check_warning(const UnitWarning& w, const MessagePlan& plan) {
  TAIFENG_CHECK(!plan.msg_type.empty(), "make_hazard_alert called with nothing to send");
  TAIFENG_CHECK(plan.msg_type == "Alert" || plan.msg_type == "Update" || plan.msg_type == "Cancel",
                "unknown msgType " + plan.msg_type);
  TAIFENG_CHECK((plan.msg_type == "Alert") == plan.references.empty(),
                "an Alert has no references, an Update or Cancel has some");
  TAIFENG_CHECK((plan.msg_type == "Cancel") == (w.level == SignalLevel::none),
                "a Cancel and only a Cancel goes with signal none");
  TAIFENG_CHECK(std::isnan(w.probability) || (w.probability >= 0 && w.probability <= 1),
                fmt::format("probability {} outside [0, 1]", w.probability));
  TAIFENG_CHECK(std::isfinite(w.max_value) && std::isfinite(w.max_gust_ms),
                "maximum wind/surge must be finite");
  for (std::size_t k = 0; k < 4; ++k)
    TAIFENG_CHECK(w.exposed[k] >= 0 && (k == 0 || w.exposed[k] <= w.exposed[k - 1]),
                  "exposed people must be cumulative classes (non-increasing, >= 0)");
}

}  // namespace

std::string hazard_alert_identifier(const AdminUnit& unit, Hazard hazard, const AlertContext& ctx) {
  check_identifier_part("identifier prefix", ctx.identifier_prefix);
  check_identifier_part("storm id", ctx.storm_id);
  check_identifier_part("unit code", unit.code);
  return fmt::format("{}.{}.{}.{}.{}", ctx.identifier_prefix, ctx.storm_id,
                     format_yyyymmddhh(ctx.analysis_time), unit.code, hazard_name(hazard));
}

CapAlert make_hazard_alert(const AdminUnit& u, const UnitWarning& w, const MessagePlan& plan,
                           const AlertContext& ctx) {
  check_warning(w, plan);
  TAIFENG_CHECK(ctx.expires_hours > 0, "expires_hours must be positive");
  CapAlert a;
  a.identifier = hazard_alert_identifier(u, w.hazard, ctx);
  for (const std::string& ref : plan.references)
    if (ref.find("," + a.identifier + ",") != std::string::npos)
      throw_input_error("CAP message " + a.identifier,
                        "the previous cycle already issued this identifier (its folder is this "
                        "cycle's, or the analysis hour did not advance)");
  a.sender = ctx.sender;
  a.sent = ctx.analysis_time;
  a.status = ctx.status;
  a.note = ctx.note;
  a.msg_type = plan.msg_type;
  a.references = plan.references;
  const bool cancel = plan.msg_type == "Cancel";
  a.response_type = detail::response_type(w.hazard, w.level, w.evacuate);
  a.severity = severity(w.level);
  const auto onset_h = detail::onset_hours(w);
  a.urgency = cancel ? "Past" : urgency(w.level, onset_h);
  a.certainty = cancel ? "Unlikely" : certainty(w.probability);
  a.effective = ctx.analysis_time;
  if (!cancel && onset_h) a.onset = add_hours(ctx.analysis_time, *onset_h);
  a.expires = add_hours(ctx.analysis_time, ctx.expires_hours);
  a.event_codes = {
      {"CMA_signal", fmt::format("{}_{}", w.hazard == Hazard::wind ? "typhoon" : "storm_surge",
                                 signal_name(w.level))}};
  a.parameters = parameters(w, plan, ctx);

  const Instruction ins = instruction(w.hazard, w.level, w.evacuate);
  CapInfoText zh;
  zh.language = "zh-CN";
  zh.event = hazard_name_zh(w.hazard);
  zh.sender_name = ctx.sender_name_zh;
  zh.headline = headline_zh(u, w, plan, ctx);
  zh.description = description_zh(u, w, plan, ctx);
  zh.instruction = ins.zh;
  zh.area_desc = u.name_zh;
  CapInfoText en;
  en.language = "en-US";
  en.event = hazard_title_en(w.hazard);
  en.sender_name = ctx.sender_name_en;
  en.headline = headline_en(u, w, plan, ctx);
  en.description = description_en(u, w, plan, ctx);
  en.instruction = ins.en;
  en.area_desc = u.name_en;
  const std::string& map =
      w.hazard == Hazard::surge && !ctx.surge_map_uri.empty() ? ctx.surge_map_uri : ctx.map_uri;
  if (!map.empty()) {
    const bool wind = w.hazard == Hazard::wind;
    zh.resources.push_back(
        {wind ? "台风大风预报图" : "风暴潮淹没预报图", ctx.map_mime_type, std::nullopt, map});
    en.resources.push_back({wind ? "Forecast wind map" : "Forecast storm surge inundation map",
                            ctx.map_mime_type, std::nullopt, map});
  }
  a.infos = {zh, en};
  for (const Polygon& p : u.shape) a.polygons.push_back(p.outer);
  a.geocodes = {{"GB/T 2260", u.code}};
  return a;
}

}  // namespace taifeng::warnings
