// The county table of the bulletin page: one row per county in the default order (signal
// descending, then population descending), every sortable cell with a data-sort value.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "bulletin_page_parts.hpp"

namespace taifeng::viz::page {

namespace {

struct Column {
  const char* key;  // for "#sort=<key>"; empty = not sortable
  const char* zh;
  const char* en;
  bool numeric;
  bool text_align;  // left-aligned text column
};

constexpr Column columns[] = {
    {"county", "县市", "County", false, true},
    {"signal", "信号", "Signal", true, true},
    {"surge", "风暴潮", "Surge", true, true},
    {"population", "人口", "Population", true, false},
    {"bf6", "≥6级", "Bf 6+", true, false},
    {"bf8", "≥8级", "Bf 8+", true, false},
    {"bf10", "≥10级", "Bf 10+", true, false},
    {"bf12", "≥12级", "Bf 12+", true, false},
    {"expected", "期望暴露", "Expected exposed", true, false},
    {"arrival", "大风到达", "Gales arrive", true, false},
    {"evacuate", "需转移", "To evacuate", true, false},
    {"assigned", "已安置", "Assigned", true, false},
    {"unassigned", "未安置", "Unassigned", true, false},
    {"shelter", "主要避难所", "Main shelters", false, true},
    {"", "CAP", "Messages", false, true},
    {"", "原因", "Reason", false, true},
};

std::string header_row() {
  std::string out = "<tr>";
  for (const Column& c : columns) {
    const std::string label =
        fmt::format(R"({}<span class="en" lang="en">{}</span>)", escape(c.zh), escape(c.en));
    const std::string_view key = c.key;
    const char* cls = c.text_align ? R"( class="t")" : "";
    if (key.empty()) {
      out += fmt::format(R"(<th scope="col"{}>{}</th>)", cls, label);
      continue;
    }
    const char* initial = key == "signal" ? R"( aria-sort="descending")" : "";
    out += fmt::format(
        R"(<th scope="col"{} data-key="{}" data-type="{}"{}><button type="button">{}</button></th>)",
        cls, key, c.numeric ? "num" : "text", initial, label);
  }
  return out + "</tr>";
}

std::string number_cell(long n) {
  return fmt::format(R"(<td data-sort="{}">{}</td>)", n, grouped(n));
}

std::string arrival_cell(const CycleScene& scene, const CountyView& c) {
  if (!c.gale_arrival_h) return R"(<td data-sort="">—</td>)";
  const double h = *c.gale_arrival_h;
  const TimePoint t = after_hours(scene.analysis_time, h);
  const std::string local = local_time(t);  // YYYY-MM-DD HH:MM: the table shows MM-DD HH:MM
  return fmt::format(
      R"(<td data-sort="{}"><time datetime="{}">{}</time> <small>+{:g} h</small></td>)", h,
      local_time_iso(t), local.substr(5), std::round(h * 10.0) / 10.0);
}

// Shelters receiving the most of each county's evacuees, most first (at most `shown`).
std::string shelter_cell(const std::vector<const FlowView*>& flows,
                         const std::map<std::string, const ShelterView*>& shelters) {
  std::map<std::string, long> people;
  for (const FlowView* f : flows) people[f->shelter] += f->people;
  std::vector<std::pair<std::string, long>> ranked(people.begin(), people.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (ranked.empty()) return R"(<td class="t" data-sort="">—</td>)";
  constexpr std::size_t shown = 2;
  std::string body, first_name;
  for (std::size_t k = 0; k < std::min(shown, ranked.size()); ++k) {
    const auto it = shelters.find(ranked[k].first);
    const std::string zh = it != shelters.end() ? it->second->name_zh : ranked[k].first;
    const std::string en = it != shelters.end() ? it->second->name_en : "";
    if (k == 0) first_name = zh;
    if (k > 0) body += "<br>";
    body += escape(zh);
    if (!en.empty() && en != zh) body += fmt::format(R"( <span lang="en">{}</span>)", escape(en));
    body += fmt::format(" <small>({})</small>", grouped(ranked[k].second));
  }
  if (ranked.size() > shown)
    body +=
        fmt::format(R"( <small>+{} <span lang="en">more</span></small>)", ranked.size() - shown);
  return fmt::format(R"(<td class="t" data-sort="{}">{}</td>)", escape(first_name), body);
}

std::string cap_cell(const CountyView& c) {
  if (c.cap_files.empty()) return R"(<td class="t">—</td>)";
  std::string out = R"(<td class="t">)";
  for (std::size_t k = 0; k < c.cap_files.size(); ++k) {
    const std::string label =
        c.cap_files.size() == 1 ? std::string("CAP") : fmt::format("CAP {}", k + 1);
    out += fmt::format(R"({}<a href="{}" title="{}">{}</a>)", k > 0 ? " " : "",
                       escape(relative_href(c.cap_files[k])), escape(c.cap_files[k]), label);
  }
  return out + "</td>";
}

std::string county_row(const CycleScene& scene, const CountyView& c,
                       const std::vector<const FlowView*>& flows,
                       const std::map<std::string, const ShelterView*>& shelters) {
  std::string row = fmt::format(R"(<tr data-code="{}">)", escape(c.code));
  row += fmt::format(
      R"(<td class="t name" data-sort="{0}"><span class="zh">{0}</span><span class="en" lang="en">{1}</span></td>)",
      escape(c.name_zh), escape(c.name_en));
  row += fmt::format(R"(<td class="t" data-sort="{}" title="{}">{}</td>)", c.signal,
                     escape(c.reason), signal_badge(c.signal));
  row += fmt::format(R"(<td class="t" data-sort="{}">{}</td>)", c.surge_level,
                     c.surge_level > 0 ? signal_badge(c.surge_level) : std::string("—"));
  row += number_cell(c.population);
  for (const long e : c.exposed) row += number_cell(e);
  row += number_cell(c.expected_exposed);
  row += arrival_cell(scene, c);
  row += number_cell(c.evacuate);
  row += number_cell(c.assigned);
  row += number_cell(c.unassigned);
  row += shelter_cell(flows, shelters);
  row += cap_cell(c);
  row += fmt::format(R"(<td class="t why">{}</td>)", escape(c.reason));
  return row + "</tr>\n";
}

}  // namespace

std::string county_table(const CycleScene& scene) {
  std::map<std::string, std::vector<const FlowView*>> flows_of;
  for (const FlowView& f : scene.flows)
    if (f.people > 0) flows_of[f.unit].push_back(&f);
  std::map<std::string, const ShelterView*> shelters;
  for (const ShelterView& s : scene.shelters) shelters.emplace(s.id, &s);

  std::vector<std::size_t> order(scene.counties.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const CountyView &x = scene.counties[a], &y = scene.counties[b];
    if (x.signal != y.signal) return x.signal > y.signal;
    if (x.population != y.population) return x.population > y.population;
    return x.code < y.code;
  });

  static const std::vector<const FlowView*> none;
  std::string out =
      R"(<div class="scroll"><table id="counties"><thead>)" + header_row() + "</thead>\n<tbody>\n";
  for (const std::size_t k : order) {
    const CountyView& c = scene.counties[k];
    const auto it = flows_of.find(c.code);
    out += county_row(scene, c, it != flows_of.end() ? it->second : none, shelters);
  }
  return out + "</tbody></table></div>\n";
}

}  // namespace taifeng::viz::page
