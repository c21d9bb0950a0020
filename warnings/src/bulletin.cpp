#include "taifeng/warnings/bulletin.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "alert_text.hpp"
#include "taifeng/core/units.hpp"

namespace taifeng::warnings {

namespace {

// The code point starting at byte i (advancing i); an invalid byte is U+FFFD of one byte.
char32_t next_code_point(const std::string& s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = b0 < 0x80           ? 1
                  : (b0 >> 5) == 0x6  ? 2
                  : (b0 >> 4) == 0xe  ? 3
                  : (b0 >> 3) == 0x1e ? 4
                                      : 0;
  if (n == 0 || i + n > s.size()) {
    ++i;
    return 0xfffd;
  }
  char32_t c = n == 1 ? b0 : n == 2 ? (b0 & 0x1f) : n == 3 ? (b0 & 0x0f) : (b0 & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b >> 6) != 0x2) {
      ++i;
      return 0xfffd;
    }
    c = (c << 6) | (b & 0x3f);
  }
  i += n;
  return c;
}

std::vector<char32_t> decode(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

// Byte offsets where code points start, and s.size() at the end.
std::vector<std::size_t> boundaries(const std::string& s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size();) {
    out.push_back(i);
    next_code_point(s, i);
  }
  out.push_back(s.size());
  return out;
}

// GSM 03.38 default alphabet beyond the ASCII it shares (LF, CR, space … z except
// ` [ \ ] ^ { | } ~).
const std::vector<char32_t>& gsm_basic_non_ascii() {
  static const std::vector<char32_t> set = decode("£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà");
  return set;
}

// Latin letters outside the GSM alphabet -> the nearest letter in it (pinyin tone marks and
// common accents, typographic quotes and dashes), so an English text with place names in
// pinyin stays a 160-septet message; anything else is kept (the text is then sent as UCS-2).
std::string gsm_fold(const std::string& text) {
  static const std::vector<std::pair<std::string, const char*>> table = [] {
    std::vector<std::pair<std::string, const char*>> t;
    const auto add = [&t](const char* letters, const char* to) {
      const std::string s = letters;
      for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        next_code_point(s, i);
        t.emplace_back(s.substr(start, i - start), to);
      }
    };
    add("āáǎâãą", "a");
    add("ĀÁǍÂÃĄ", "A");
    add("ēěêëę", "e");
    add("ĒĚÊËÈĘ", "E");
    add("īíǐîï", "i");
    add("ĪÍǏÌÎÏ", "I");
    add("ōóǒôõ", "o");
    add("ŌÓǑÒÔÕ", "O");
    add("ūúǔû", "u");
    add("ŪÚǓÙÛ", "U");
    add("ǖǘǚǜ", "ü");
    add("ǕǗǙǛ", "Ü");
    add("ç", "Ç");
    add("ńň", "n");
    add("‘’", "'");
    add("“”", "\"");
    add("–—", "-");
    add("\u00a0", " ");
    return t;
  }();
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    next_code_point(text, i);
    const std::string c = text.substr(start, i - start);
    const auto it = std::find_if(table.begin(), table.end(),
                                 [&c](const auto& entry) { return entry.first == c; });
    out += it != table.end() ? it->second : c;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    out += (out.empty() ? "" : sep) + p;
  }
  return out;
}

// One bulletin: fixed parts around the county name, and optional parts in the order they
// are dropped. compose(name, dropped) returns the text with the first `dropped` optional parts
// left out.
struct Layout {
  std::string name;
  std::size_t n_optional = 0;
  std::function<std::string(const std::string& name, std::size_t dropped)> compose;
  std::function<bool(const std::string&)> fits;
  std::string ellipsis;
};

// Names to try, longest first: cut after whole words (at spaces), then between characters.
std::vector<std::string> shortened_names(const std::string& name, const std::string& ellipsis) {
  std::vector<std::string> out;
  const std::vector<std::size_t> cuts = boundaries(name);
  for (std::size_t k = cuts.size() - 1; k-- > 1;)  // word cuts: before a space
    if (name[cuts[k]] == ' ') {
      std::string prefix = name.substr(0, cuts[k]);
      while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
      if (!prefix.empty()) out.push_back(prefix + ellipsis);
    }
  for (std::size_t k = cuts.size() - 1; k-- > 1;) out.push_back(name.substr(0, cuts[k]) + ellipsis);
  out.push_back(ellipsis);
  return out;
}

std::string fit(const Layout& l) {
  for (std::size_t dropped = 0; dropped <= l.n_optional; ++dropped) {
    std::string text = l.compose(l.name, dropped);
    if (l.fits(text)) return text;
  }
  // The name must be cut: the longest cut that fits, then as many optional parts as still fit
  // with it (a cut can also make an English text GSM 7-bit again, and so longer).
  for (const std::string& name : shortened_names(l.name, l.ellipsis)) {
    if (!l.fits(l.compose(name, l.n_optional))) continue;
    for (std::size_t dropped = 0;; ++dropped) {
      std::string text = l.compose(name, dropped);
      if (l.fits(text)) return text;
    }
  }
  // Only a sender tag longer than a message gets here: send the shortest text anyway.
  return l.compose(l.ellipsis, l.n_optional);
}

// The people number of a bulletin: gale-exposed for wind (Beaufort 6 class when nobody
// faces a gale), inundated (>= 0.1 m) for surge.
struct People {
  long n;
  int beaufort;  // wind class of n (0 for surge)
};
People key_people(const UnitWarning& w) {
  if (w.hazard == Hazard::surge) return {w.exposed[0], 0};
  if (w.exposed[1] > 0) return {w.exposed[1], wind_exposed_class_beaufort[1]};
  return {w.exposed[0], wind_exposed_class_beaufort[0]};
}

const std::string& or_default(const std::string& preferred, const std::string& fallback) {
  return preferred.empty() ? fallback : preferred;
}

}  // namespace

std::size_t code_points(const std::string& utf8) {
  return decode(utf8).size();
}

std::size_t utf16_units(const std::string& utf8) {
  std::size_t n = 0;
  for (const char32_t c : decode(utf8)) n += c > 0xffff ? 2 : 1;
  return n;
}

std::optional<std::size_t> gsm7_septets(const std::string& utf8) {
  static constexpr std::u32string_view extension = U"\f^{}\\[~]|€";
  std::size_t n = 0;
  for (const char32_t c : decode(utf8)) {
    if (extension.find(c) != std::u32string_view::npos)
      n += 2;
    else if (c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f && c != '`'))
      n += 1;
    else if (std::find(gsm_basic_non_ascii().begin(), gsm_basic_non_ascii().end(), c) !=
             gsm_basic_non_ascii().end())
      n += 1;
    else
      return std::nullopt;
  }
  return n;
}

bool fits_one_sms(const std::string& utf8) {
  const auto septets = gsm7_septets(utf8);
  return septets ? *septets <= sms_gsm7_septets : utf16_units(utf8) <= sms_ucs2_units;
}

std::string sms_text_zh(const AdminUnit& unit, const UnitWarning& w, const AlertContext& ctx) {
  const std::string tag = "【" + or_default(ctx.sms_sender_zh, ctx.sender_name_zh) + "】";
  const std::string hazard = hazard_name_zh(w.hazard);
  const auto onset = detail::onset_hours(w);
  Layout l;
  l.name = unit.name_zh;
  l.ellipsis = "…";
  l.fits = [](const std::string& t) { return utf16_units(t) <= sms_ucs2_units; };
  if (w.level == SignalLevel::none) {
    const std::string when = detail::local_time_zh(ctx.analysis_time);
    l.compose = [=](const std::string& name, std::size_t) {
      return fmt::format("{}{}{}预警{}解除。请注意防范次生灾害。", tag, name, hazard, when);
    };
    return fit(l);
  }
  std::string when;
  if (onset) {
    const std::string t = detail::local_time_zh(add_hours(ctx.analysis_time, *onset));
    when = w.hazard == Hazard::surge ? t + "起漫滩"
           : w.gale_arrival_h        ? t + "起8级大风"
                                     : t + "起大风";
  }
  const std::string key = w.hazard == Hazard::wind
                              ? fmt::format("最大{}级", beaufort_force(w.max_value))
                              : fmt::format("增水最高{:.1f}米", w.max_surge_m);
  const People p = key_people(w);
  std::vector<std::string> optional;  // in the order they are dropped
  optional.push_back(w.shelter_hint_zh.empty() ? "" : "避难：" + w.shelter_hint_zh);
  optional.push_back(p.n <= 0 ? ""
                     : w.hazard == Hazard::wind
                         ? fmt::format("{}人受{}级风影响", detail::people_zh(p.n), p.beaufort)
                         : fmt::format("{}人受淹", detail::people_zh(p.n)));
  optional.push_back(w.evacuate > 0 ? "需转移" + detail::people_zh(w.evacuate) + "人" : "");
  const std::string response = detail::response_type(w.hazard, w.level, w.evacuate);
  const std::string action = response == "Evacuate"  ? "请立即转移"
                             : response == "Shelter" ? "请就近避风"
                                                     : "请做好防范";
  l.n_optional = optional.size();
  l.compose = [=](const std::string& name, std::size_t dropped) {
    std::vector<std::string> middle = {when, key};
    // Kept optional parts in reading order: evacuate, people, shelter.
    for (std::size_t k = optional.size(); k-- > dropped;) middle.push_back(optional[k]);
    return fmt::format("{}{}{}{}预警：{}。{}。", tag, name, hazard, signal_name_zh(w.level),
                       join(middle, "，"), action);
  };
  return fit(l);
}

std::string sms_text_en(const AdminUnit& unit, const UnitWarning& w, const AlertContext& ctx) {
  const std::string tag = "[" + gsm_fold(or_default(ctx.sms_sender_en, ctx.sender_name_en)) + "]";
  const std::string hazard = detail::hazard_title_en(w.hazard);
  const auto onset = detail::onset_hours(w);
  Layout l;
  l.name = gsm_fold(unit.name_en);
  l.ellipsis = "...";
  l.fits = fits_one_sms;
  if (w.level == SignalLevel::none) {
    const std::string when = detail::local_time_en(ctx.analysis_time);
    l.compose = [=](const std::string& name, std::size_t) {
      return fmt::format("{} {}: {} warning cancelled {}. All clear; beware of damage.", tag, name,
                         hazard, when);
    };
    return fit(l);
  }
  std::string when;
  if (onset) {
    const std::string t = detail::local_time_en(add_hours(ctx.analysis_time, *onset));
    when = w.hazard == Hazard::surge ? "Flooding from " + t
           : w.gale_arrival_h        ? "Gales from " + t
                                     : "Strong wind from " + t;
  }
  const std::string key = w.hazard == Hazard::wind
                              ? fmt::format("Max Beaufort {}", beaufort_force(w.max_value))
                              : fmt::format("Surge up to {:.1f} m", w.max_surge_m);
  const People p = key_people(w);
  std::vector<std::string> optional;  // in the order they are dropped
  optional.push_back(w.shelter_hint_en.empty() ? "" : "Shelters: " + gsm_fold(w.shelter_hint_en));
  optional.push_back(
      p.n <= 0 ? ""
      : w.hazard == Hazard::wind
          ? fmt::format("{} people in Beaufort {}+", detail::grouped(p.n), p.beaufort)
          : fmt::format("{} people flooded", detail::grouped(p.n)));
  optional.push_back(w.evacuate > 0 ? detail::grouped(w.evacuate) + " to evacuate" : "");
  const std::string response = detail::response_type(w.hazard, w.level, w.evacuate);
  const std::string action = response == "Evacuate"  ? "Evacuate now."
                             : response == "Shelter" ? "Take shelter."
                                                     : "Prepare now.";
  std::string level = signal_name(w.level);
  std::transform(level.begin(), level.end(), level.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  l.n_optional = optional.size();
  l.compose = [=](const std::string& name, std::size_t dropped) {
    std::vector<std::string> middle = {when, key};
    for (std::size_t k = optional.size(); k-- > dropped;) middle.push_back(optional[k]);
    return fmt::format("{} {}: {} {} warning. {}. {}", tag, name, hazard, level, join(middle, ". "),
                       action);
  };
  return fit(l);
}

}  // namespace taifeng::warnings
