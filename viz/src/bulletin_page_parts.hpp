#pragma once
// Building blocks of the bulletin page (bulletin_page*.cpp), not part of the public API.
#include <string>
#include <string_view>

#include "taifeng/core/time.hpp"
#include "taifeng/viz/scene.hpp"

namespace taifeng::viz::page {

// Text for HTML content and quoted attribute values: & < > " ' become entities, invalid
// UTF-8 and control characters (other than tab and newline) become U+FFFD.
std::string escape(std::string_view text);

// A relative link for an href: every byte outside [A-Za-z0-9-._~/] is percent-encoded (so
// no scheme such as "javascript:" can survive). Absolute paths and "//host" references are
// an internal error.
std::string relative_href(std::string_view path);

// 2873358 -> "2,873,358".
std::string grouped(long n);

// China Standard Time for people: "2005-09-25 08:00" (minutes rounded) and the ISO form
// "2005-09-25T08:00:00+08:00" for <time datetime>.
std::string local_time(TimePoint t);
std::string local_time_iso(TimePoint t);
// The analysis time plus `hours`, rounded to the minute.
TimePoint after_hours(TimePoint analysis, double hours);

// Signal level (0..4) names and the badge for it.
std::string_view signal_name_zh(int level);
std::string signal_badge(int level);

// The county table (<div class="scroll"><table id="counties">…</table></div>).
std::string county_table(const CycleScene& scene);

// Inline style sheet (with the signal colours of scene.hpp) and sorting script.
std::string style_sheet();
std::string_view sort_script();

}  // namespace taifeng::viz::page
