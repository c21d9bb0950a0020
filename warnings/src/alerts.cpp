#include "taifeng/warnings/alerts.hpp"

#include <cmath>

#include <fmt/format.h>

#include "taifeng/core/units.hpp"

namespace taifeng::warnings {

namespace {

struct LevelText {
  const char* response;
  const char* severity;
  const char* instruction_zh;
  const char* instruction_en;
};

LevelText level_text(SignalLevel l) {
  switch (l) {
    case SignalLevel::red:
      return {"Evacuate", "Extreme",
              "立即撤离危险地带和危旧房屋人员至安全场所；停止集会、停课、停业（特殊行业除外）；"
              "船舶回港避风。",
              "Evacuate people from exposed coastal areas and unsafe buildings to shelters now; "
              "suspend gatherings, classes and business (except essential services); all vessels "
              "must be in port."};
    case SignalLevel::orange:
      return {"Shelter", "Severe",
              "停止室内外大型集会和高空等户外危险作业；加固港口设施，船舶回港避风；"
              "相关地区人员转移至安全场所。",
              "Stop large gatherings and dangerous outdoor work; secure port facilities and bring "
              "vessels into port; move people in exposed areas to safe places."};
    case SignalLevel::yellow:
      return {"Prepare", "Moderate",
              "做好防风准备；停止海上作业，船舶回港避风；加固户外设施，注意防范高空坠物。",
              "Prepare for gales: stop work at sea and bring vessels into port; secure outdoor "
              "structures and beware of falling objects."};
    case SignalLevel::blue:
      return {"Prepare", "Minor",
              "做好防风准备；注意有关媒体报道的台风最新消息；加固门窗、围板等易被风吹动的搭建物。",
              "Prepare for strong wind: follow the latest typhoon bulletins; secure doors, windows "
              "and structures that wind can move."};
    default:
      return {"Monitor", "Minor", "关注台风最新预报，做好防御准备。",
              "Monitor the latest typhoon forecasts and be ready to act."};
  }
}

std::string local_time(TimePoint t) {
  // "2005-09-25 14:00 (+08:00)"
  return format_iso_offset(t, china_standard_offset).substr(0, 16).replace(10, 1, " ") +
         " (+08:00)";
}

}  // namespace

CapAlert make_unit_alert(const AdminUnit& u, const UnitExposure& e, const SignalDecision& d,
                         const AlertContext& ctx) {
  const LevelText lt = level_text(d.level);
  CapAlert a;
  a.identifier = fmt::format("{}.{}.{}.{}", ctx.identifier_prefix, ctx.storm_id,
                             format_yyyymmddhh(ctx.analysis_time), u.code);
  a.sender = ctx.sender;
  a.sent = ctx.analysis_time;
  a.status = ctx.status;
  a.note = ctx.note;
  a.response_type = lt.response;
  a.severity = lt.severity;
  const double onset_h = e.first_hour_bf6.value_or(0.0);
  a.urgency = onset_h <= 6 ? "Immediate" : onset_h <= 24 ? "Expected" : "Future";
  a.certainty = d.level == SignalLevel::none ? "Possible" : "Likely";
  a.effective = ctx.analysis_time;
  a.onset = add_hours(ctx.analysis_time, onset_h);
  a.expires = add_hours(ctx.analysis_time, ctx.expires_hours);

  const double people_bf8 =
      e.population_by_class[2] + e.population_by_class[3] + e.population_by_class[4];
  const double people_bf6 = people_bf8 + e.population_by_class[1];
  a.parameters = {
      {"signal_level", signal_name(d.level)},
      {"max_wind_ms", fmt::format("{:.1f}", e.max_wind_ms)},
      {"max_beaufort", std::to_string(beaufort_force(e.max_wind_ms))},
      {"population_beaufort6_plus", fmt::format("{:.0f}", people_bf6)},
      {"population_beaufort8_plus", fmt::format("{:.0f}", people_bf8)},
      {"signal_reason", d.reason},
  };
  if (e.first_hour_bf8)
    a.parameters.emplace_back(
        "gale_onset",
        format_iso_offset(add_hours(ctx.analysis_time, *e.first_hour_bf8), china_standard_offset));

  const std::string onset_local = local_time(a.onset);
  const int bf = beaufort_force(e.max_wind_ms);
  CapInfoText zh;
  zh.language = "zh-CN";
  zh.event = "台风";
  zh.sender_name = ctx.sender_name_zh;
  zh.area_desc = u.name_zh;
  zh.headline = d.level == SignalLevel::none
                    ? fmt::format("{}台风大风影响提示（{}）", u.name_zh, ctx.storm_name_zh)
                    : fmt::format("{}台风{}预警（{}）", u.name_zh, signal_name_zh(d.level),
                                  ctx.storm_name_zh);
  zh.description = fmt::format(
      "受台风“{}”（{}）影响，预计{}起{}出现6级以上大风，最大平均风力{}级（{:.1f}米/秒）。"
      "预计受8级以上大风影响人口约{:.0f}人，受6级以上大风影响人口约{:.0f}人。",
      ctx.storm_name_zh, ctx.storm_id, onset_local, u.name_zh, bf, e.max_wind_ms, people_bf8,
      people_bf6);
  zh.instruction = lt.instruction_zh;
  CapInfoText en;
  en.language = "en-US";
  en.event = "Typhoon";
  en.sender_name = ctx.sender_name_en;
  en.area_desc = u.name_en;
  en.headline = d.level == SignalLevel::none
                    ? fmt::format("{}: typhoon wind advisory ({})", u.name_en, ctx.storm_name_en)
                    : fmt::format("{}: Typhoon {} Warning ({})", u.name_en,
                                  std::string(1, char(std::toupper(signal_name(d.level)[0]))) +
                                      (signal_name(d.level) + 1),
                                  ctx.storm_name_en);
  en.description = fmt::format(
      "Typhoon {} ({}) is forecast to bring winds of Beaufort 6 or more to {} from {}, "
      "peaking at Beaufort {} ({:.1f} m/s mean wind). About {:.0f} people are forecast to face "
      "Beaufort 8 or more and {:.0f} Beaufort 6 or more. {}",
      ctx.storm_name_en, ctx.storm_id, u.name_en, onset_local, bf, e.max_wind_ms, people_bf8,
      people_bf6, d.reason);
  en.instruction = lt.instruction_en;
  a.infos = {zh, en};
  for (const Polygon& p : u.shape) a.polygons.push_back(p.outer);
  a.geocodes = {{"GB/T 2260", u.code}};
  return a;
}

}  // namespace taifeng::warnings
