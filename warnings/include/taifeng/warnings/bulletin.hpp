#pragma once
// Short plain-text bulletins of a county's warning for SMS: one message each, Chinese in a
// single UCS-2 SMS (70 UTF-16 units), English in a single GSM 7-bit SMS (160 septets). In
// the English text, Latin letters outside GSM 03.38 (pinyin tone marks, most accents) are
// written as the nearest GSM letter (ǐ -> i, ā -> a); a text that still has a character
// outside GSM (e.g. Chinese in name_en) is sent as UCS-2 and so must fit 70 units.
//
// Content: sender tag, county, hazard and signal, time (China Standard Time), key number,
// action keyword; optional parts (shelter hint, then people exposed, then people to move)
// are dropped in that order until the text fits. If it still does not fit the county name
// is shortened, at a space if it has one, else between characters, with an ellipsis: an
// English word is cut only when a single word is longer than the message.
// At signal none the text says the warning is lifted (send it with a Cancel only).
#include <cstddef>
#include <optional>
#include <string>

#include "taifeng/warnings/alerts.hpp"
#include "taifeng/warnings/registry.hpp"
#include "taifeng/warnings/unit_warning.hpp"

namespace taifeng::warnings {

inline constexpr std::size_t sms_ucs2_units = 70;
inline constexpr std::size_t sms_gsm7_septets = 160;

std::size_t code_points(const std::string& utf8);  // an invalid byte counts as one
std::size_t utf16_units(const std::string& utf8);  // 2 for a code point above U+FFFF
// Septets in the GSM 03.38 default alphabet (2 for the extension table: ^ { } \ [ ] ~ | €);
// nullopt if a character is not in it.
std::optional<std::size_t> gsm7_septets(const std::string& utf8);
// One SMS: <= 160 septets if GSM 7-bit, else <= 70 UTF-16 units.
bool fits_one_sms(const std::string& utf8);

std::string sms_text_zh(const AdminUnit& unit, const UnitWarning& w, const AlertContext& ctx);
std::string sms_text_en(const AdminUnit& unit, const UnitWarning& w, const AlertContext& ctx);

}  // namespace taifeng::warnings
