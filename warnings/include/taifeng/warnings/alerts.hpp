#pragma once
// Turns a unit's forecast exposure and signal into a bilingual CAP 1.2 alert.
#include <string>

#include "taifeng/warnings/cap.hpp"
#include "taifeng/warnings/exposure.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/signals.hpp"

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
};

// Identifier: "<prefix>.<storm id>.<YYYYMMDDHH>.<unit code>".
CapAlert make_unit_alert(const AdminUnit& unit, const UnitExposure& exposure,
                         const SignalDecision& decision, const AlertContext& ctx);

}  // namespace taifeng::warnings
