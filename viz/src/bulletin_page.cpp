// The bulletin page: document head, key numbers, maps, county table, links, footer.
#include "taifeng/viz/bulletin_page.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "bulletin_page_parts.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/version.hpp"

namespace taifeng::viz {

namespace {

using page::escape;
using page::grouped;

// Width and height from the PNG's IHDR chunk (an internal error if not a PNG).
std::pair<std::uint32_t, std::uint32_t> png_size(const PageImage& image) {
  const std::string_view b = image.png_bytes;
  const bool png =
      b.size() >= 24 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n" && b.substr(12, 4) == "IHDR";
  if (!png)
    throw_internal_error("bulletin page",
                         fmt::format("map '{}' is not a PNG image", image.title_en));
  const auto be32 = [&](std::size_t k) {
    return std::uint32_t(std::uint8_t(b[k])) << 24 | std::uint32_t(std::uint8_t(b[k + 1])) << 16 |
           std::uint32_t(std::uint8_t(b[k + 2])) << 8 | std::uint32_t(std::uint8_t(b[k + 3]));
  };
  return {be32(16), be32(20)};
}

// One key number: <div class="key" id="kn-…" data-value="…"><dt>…</dt><dd>…</dd></div>.
std::string key(std::string_view id, std::string_view zh, std::string_view en,
                const std::string& value_html, std::optional<long> value = std::nullopt) {
  const std::string data = value ? fmt::format(R"( data-value="{}")", *value) : std::string();
  return fmt::format(
      R"(<div class="key" id="kn-{}"{}><dt>{}<span class="en" lang="en">{}</span></dt><dd>{}</dd></div>)"
      "\n",
      id, data, zh, en, value_html);
}

std::string storm_label_zh(const CycleScene& s) {
  if (!s.storm_name_zh.empty()) return s.storm_name_zh;
  return !s.storm_name_en.empty() ? s.storm_name_en : s.storm_id;
}
std::string storm_label_en(const CycleScene& s) {
  return !s.storm_name_en.empty() ? s.storm_name_en : s.storm_id;
}

std::string key_numbers(const CycleScene& scene) {
  long bf8 = 0, expected = 0, evacuate = 0, assigned = 0, unassigned = 0;
  int max_signal = 0;
  std::array<int, 5> per_level{};
  for (const CountyView& c : scene.counties) {
    page::signal_name_zh(c.signal);  // checks the level
    max_signal = std::max(max_signal, c.signal);
    ++per_level[std::size_t(c.signal)];
    bf8 += c.exposed[1];
    expected += c.expected_exposed;
    evacuate += c.evacuate;
    assigned += c.assigned;
    unassigned += c.unassigned;
  }
  std::set<std::string> used;
  for (const FlowView& f : scene.flows)
    if (f.people > 0) used.insert(f.shelter);
  for (const ShelterView& s : scene.shelters)
    if (s.assigned > 0) used.insert(s.id);

  std::string out = R"(<dl class="keys">)"
                    "\n";
  std::string storm = escape(storm_label_zh(scene));
  if (storm_label_en(scene) != storm_label_zh(scene))
    storm += fmt::format(R"( <span lang="en">{}</span>)", escape(storm_label_en(scene)));
  if (!scene.storm_id.empty() && scene.storm_id != storm_label_en(scene))
    storm += fmt::format(" <small>{}</small>", escape(scene.storm_id));
  out += key("storm", "台风", "Storm", storm);
  out +=
      key("analysis", "分析时间（北京时）", "Analysis (UTC+08:00)",
          fmt::format(R"(<time datetime="{}">{}</time>)", page::local_time_iso(scene.analysis_time),
                      page::local_time(scene.analysis_time)));
  if (!scene.lead_hours.empty()) {
    const double last = *std::max_element(scene.lead_hours.begin(), scene.lead_hours.end());
    out += key("lead", "预报时效", "Forecast range", fmt::format("+{:g} h", last));
  }
  out +=
      key("max-signal", "最高信号", "Highest signal", page::signal_badge(max_signal), max_signal);
  std::string levels = R"(<span class="levels">)";
  for (int level = 4; level >= 0; --level)
    levels += fmt::format(R"(<span data-level="{}" data-value="{}">{} {}</span>)", level,
                          per_level[std::size_t(level)], page::signal_badge(level),
                          per_level[std::size_t(level)]);
  out += key("levels", "各级信号县市数", "Counties per signal", levels + "</span>");
  out += key("bf8", "8级以上大风影响人口", "People exposed to Bf 8+", grouped(bf8), bf8);
  out += key("expected", "期望暴露人口", "Expected exposed", grouped(expected), expected);
  out += key("evacuate", "需转移人口", "People to evacuate", grouped(evacuate), evacuate);
  out += key("assigned", "已安排避难所", "Assigned a shelter", grouped(assigned), assigned);
  out += key("unassigned", "未安排避难所", "Not yet assigned", grouped(unassigned), unassigned);
  out += key("shelters", "启用避难所", "Shelters used",
             fmt::format(R"({} <small>/ {}</small>)", used.size(), scene.shelters.size()),
             long(used.size()));
  return out + "</dl>\n";
}

std::string maps(const std::vector<PageImage>& images) {
  if (images.empty()) return {};
  std::string out =
      R"(<section id="maps"><h2>图<span class="en" lang="en">Maps</span></h2><div class="maps">)"
      "\n";
  for (const PageImage& im : images) {
    const auto [w, h] = png_size(im);
    out += fmt::format(
        R"(<figure><img src="data:image/png;base64,{}" width="{}" height="{}" alt="{}">)",
        base64(im.png_bytes), w, h, escape(im.title_en));
    out += fmt::format(R"(<figcaption>{}<span class="en" lang="en">{}</span></figcaption></figure>)"
                       "\n",
                       escape(im.title_zh), escape(im.title_en));
  }
  return out + "</div></section>\n";
}

std::string links_section(const PageLinks& links) {
  struct Item {
    const std::string& href;
    const char *zh, *en;
  };
  const Item items[] = {{links.feed, "预警订阅（Atom）", "Warning feed (Atom)"},
                        {links.summary_json, "预报摘要（JSON）", "Forecast summary (JSON)"},
                        {links.evacuation_json, "转移安置方案（JSON）", "Evacuation plan (JSON)"}};
  std::string list;
  for (const Item& it : items)
    if (!it.href.empty())
      list += fmt::format(R"(<li><a href="{}">{} <span lang="en">{}</span></a></li>)"
                          "\n",
                          escape(page::relative_href(it.href)), it.zh, it.en);
  return fmt::format(
      R"(<section id="links"><h2>预警信息与数据<span class="en" lang="en">Messages and data</span></h2>)"
      "\n"
      R"(<p>各县市的CAP预警消息见上表。<span lang="en">The CAP message of each county is linked in the table.</span></p>)"
      "\n"
      R"(<ul class="links">{}</ul></section>)"
      "\n",
      list);
}

}  // namespace

std::string bulletin_page_html(const CycleScene& scene, const std::vector<PageImage>& images,
                               const PageLinks& links, const std::string& sender_name_zh,
                               const std::string& sender_name_en) {
  const std::string storm_zh = escape(storm_label_zh(scene)),
                    storm_en = escape(storm_label_en(scene));
  const std::string when = page::local_time(scene.analysis_time);
  std::string html;
  std::size_t image_bytes = 0;
  for (const PageImage& im : images) image_bytes += im.png_bytes.size();
  html.reserve(64 * 1024 + image_bytes / 3 * 4 + 256 * images.size());
  html +=
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // No network access, ever: only inline styles and scripts and data: images.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
  html += fmt::format("<title>台风{}预警公报 {} — Typhoon {} bulletin</title>\n", storm_zh, when,
                      storm_en);
  html += "<style>" + page::style_sheet() + "</style>\n</head>\n<body>\n<header>\n";
  html += fmt::format(
      R"(<h1>台风“{}”预警公报<span class="en" lang="en">Typhoon {} warning bulletin</span></h1>)"
      "\n",
      storm_zh, storm_en);
  html += fmt::format(R"(<p>{} · <span lang="en">{}</span></p>)"
                      "\n",
                      escape(sender_name_zh), escape(sender_name_en));
  html += fmt::format(
      R"(<p>分析时间 <span lang="en">Analysis</span> <time datetime="{}">{}</time> (UTC+08:00)</p>)"
      "\n</header>\n<main>\n",
      page::local_time_iso(scene.analysis_time), when);
  html += R"(<section id="summary"><h2>要点<span class="en" lang="en">Key numbers</span></h2>)"
          "\n" +
          key_numbers(scene) + "</section>\n";
  html += maps(images);
  html += fmt::format(
      R"(<section id="table"><h2>县市<span class="en" lang="en">Counties ({})</span></h2>)"
      "\n"
      R"(<p><small><span class="sort-hint">点击表头排序。</span>人口按最大风力等级（蒲福风级）统计；时间为北京时。 <span lang="en"><span class="sort-hint">Tap a column header to sort. </span>Exposed people by maximum wind (Beaufort force); times UTC+08:00.</span></small></p>)"
      "\n",
      scene.counties.size());
  html += page::county_table(scene) + "</section>\n";
  html += links_section(links);
  html += fmt::format(
      R"(<footer>{} · <span lang="en">{}</span> · taifeng {} · 分析时间 UTC <time datetime="{}">{}</time></footer>
</main>)",
      escape(sender_name_zh), escape(sender_name_en), version_string,
      format_iso_utc(scene.analysis_time), format_iso_utc(scene.analysis_time));
  html += "\n<script>";
  html += page::sort_script();
  html += "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace taifeng::viz
