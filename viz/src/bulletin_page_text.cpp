// Text helpers of the bulletin page: escaping, links, numbers, local time, base64.
#include <array>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "bulletin_page_parts.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/viz/bulletin_page.hpp"

namespace taifeng::viz {

std::string base64(std::string_view bytes) {
  static constexpr char digits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t k = 0;
  for (; k + 3 <= bytes.size(); k += 3) {
    const std::uint32_t v = std::uint32_t(std::uint8_t(bytes[k])) << 16 |
                            std::uint32_t(std::uint8_t(bytes[k + 1])) << 8 |
                            std::uint8_t(bytes[k + 2]);
    out += digits[v >> 18 & 63];
    out += digits[v >> 12 & 63];
    out += digits[v >> 6 & 63];
    out += digits[v & 63];
  }
  const std::size_t rest = bytes.size() - k;
  if (rest > 0) {
    std::uint32_t v = std::uint32_t(std::uint8_t(bytes[k])) << 16;
    if (rest == 2) v |= std::uint32_t(std::uint8_t(bytes[k + 1])) << 8;
    out += digits[v >> 18 & 63];
    out += digits[v >> 12 & 63];
    out += rest == 2 ? digits[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

namespace page {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[k], or 0 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF).
std::size_t utf8_length(std::string_view s, std::size_t k) {
  const auto b = [&](std::size_t i) { return std::uint8_t(s[i]); };
  const std::uint8_t c = b(k);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  std::uint8_t lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (k + n > s.size()) return 0;
  if (b(k + 1) < lo || b(k + 1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if (b(k + i) < 0x80 || b(k + i) > 0xBF) return 0;
  return n;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t k = 0; k < text.size();) {
    const char c = text[k];
    const std::size_t n = utf8_length(text, k);
    if (n == 0) {
      out += replacement;
      ++k;
      continue;
    }
    if (n > 1) {
      out.append(text.substr(k, n));
      k += n;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
        out += c;
        break;
      default:
        if (std::uint8_t(c) < 0x20 || c == 0x7F)
          out += replacement;
        else
          out += c;
    }
    ++k;
  }
  return out;
}

std::string relative_href(std::string_view path) {
  if (!path.empty() && (path.front() == '/' || path.front() == '\\'))
    throw_internal_error("bulletin page", fmt::format("link '{}' is not relative to the page "
                                                      "folder (absolute path or network address)",
                                                      path));
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += c;
    } else {
      out += '%';
      out += hex[std::uint8_t(c) >> 4];
      out += hex[std::uint8_t(c) & 15];
    }
  }
  return out;
}

std::string grouped(long n) {
  const std::string digits = std::to_string(n < 0 ? -static_cast<long long>(n) : n);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return out;
}

namespace {
TimePoint round_to_minute(TimePoint t) {
  using namespace std::chrono;
  return time_point_cast<seconds>(floor<minutes>(t + seconds(30)));
}
}  // namespace

std::string local_time_iso(TimePoint t) {
  return format_iso_offset(round_to_minute(t), china_standard_offset);
}

std::string local_time(TimePoint t) {
  const std::string iso = local_time_iso(t);  // YYYY-MM-DDTHH:MM:SS+08:00
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

TimePoint after_hours(TimePoint analysis, double hours) {
  TAIFENG_CHECK(std::isfinite(hours), "lead time must be finite");
  return analysis + std::chrono::minutes(std::llround(hours * 60.0));
}

std::string_view signal_name_zh(int level) {
  static constexpr std::array<std::string_view, 5> names = {"无", "蓝色", "黄色", "橙色", "红色"};
  TAIFENG_CHECK(level >= 0 && level <= 4, fmt::format("signal level {} outside 0..4", level));
  return names[std::size_t(level)];
}

std::string signal_badge(int level) {
  const std::string_view zh = signal_name_zh(level);
  return fmt::format(R"(<span class="badge sig{0}">{1} <span lang="en">{2}</span></span>)", level,
                     zh, signal_names[std::size_t(level)]);
}

}  // namespace page
}  // namespace taifeng::viz
