#include "taifeng/viz/bulletin_page.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>
#include <vtkPNGWriter.h>
#include <vtkPointData.h>
#include <vtkUnsignedCharArray.h>
#include <catch2/catch.hpp>

#include "taifeng/core/csv.hpp"
#include "taifeng/core/error.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::viz;

namespace {

// ---- a synthetic cycle over the 19 Hainan counties (names and codes from the census) ----

struct CensusRow {
  std::string code, name_zh, name_en;
  long population;
};

std::vector<CensusRow> hainan_census() {
  std::vector<CensusRow> rows;
  for (const TextLine& line :
       read_text_lines(fs::path(TAIFENG_DATA_DIR) / "hainan/census2020.csv")) {
    if (line.number == 1) continue;
    const auto f = split_fields(line.text);
    REQUIRE(f.size() == 4);
    rows.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]), *parse_long(f[3])});
  }
  return rows;
}

CycleScene synthetic_scene() {
  CycleScene s;
  s.storm_id = "WP182005";
  s.storm_name_en = "Damrey";
  s.storm_name_zh = "达维";
  s.analysis_time = make_utc(2005, 9, 25, 0);
  s.lead_hours = {0, 6, 12, 24, 48, 72};
  for (int k = 0; k < 5; ++k)
    s.shelters.push_back({"S" + std::to_string(k + 1), "避难所" + std::to_string(k + 1),
                          "Shelter " + std::to_string(k + 1), LonLat{110.0 + k, 19.0}, 50000, 0});
  const auto census = hainan_census();
  for (std::size_t i = 0; i < census.size(); ++i) {
    CountyView c;
    c.code = census[i].code;
    c.name_zh = census[i].name_zh;
    c.name_en = census[i].name_en;
    c.population = census[i].population;
    c.signal = int(i * 7 % 5);
    c.surge_level = int(i * 3 % 5);
    const double share[4] = {0.9, 0.5 + 0.02 * double(i % 5), 0.2, 0.01 * double(i % 3)};
    for (int b = 0; b < 4; ++b) c.exposed[b] = std::lround(share[b] * double(c.population));
    c.expected_exposed = std::lround(0.4 * double(c.population));
    if (i % 4 != 0) c.gale_arrival_h = 1.5 * double(i) + 0.25;
    c.evacuate = c.signal >= 3 ? c.exposed[2] / 10 : 0;
    c.assigned = c.evacuate * 4 / 5;
    c.unassigned = c.evacuate - c.assigned;
    c.reason = "Bf " + std::to_string(8 + c.signal) + " expected within 24 h";
    c.cap_files = {"warnings/cap/" + c.code + ".xml"};
    if (c.assigned > 0) {  // split over two or three shelters, the largest share to S((i%5)+1)
      const long a = c.assigned * 6 / 10, b = c.assigned * 3 / 10, rest = c.assigned - a - b;
      const std::string first = "S" + std::to_string(i % 5 + 1),
                        second = "S" + std::to_string((i + 1) % 5 + 1),
                        third = "S" + std::to_string((i + 2) % 5 + 1);
      s.flows.push_back({c.code, second, b, 10.0, {}, {}, {}});
      s.flows.push_back({c.code, first, a, 20.0, {}, {}, {}});
      if (rest > 0) s.flows.push_back({c.code, third, rest, 30.0, {}, {}, {}});
    }
    s.counties.push_back(c);
  }
  for (const FlowView& f : s.flows)
    for (ShelterView& sh : s.shelters)
      if (sh.id == f.shelter) sh.assigned += f.people;
  return s;
}

// A real PNG (VTK's encoder): w x h RGB with a colour gradient and a dark diagonal.
std::string test_png(int w, int h) {
  vtkNew<vtkImageData> im;
  im->SetDimensions(w, h, 1);
  im->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto* p = static_cast<unsigned char*>(im->GetScalarPointer(x, y, 0));
      const bool line = std::abs(x * h - y * w) < 3 * w;
      p[0] = line ? 20 : static_cast<unsigned char>(255 * x / w);
      p[1] = line ? 20 : static_cast<unsigned char>(255 * y / h);
      p[2] = line ? 20 : 160;
    }
  vtkNew<vtkPNGWriter> writer;
  writer->SetInputData(im);
  writer->WriteToMemoryOn();
  writer->Write();
  vtkUnsignedCharArray* out = writer->GetResult();
  return std::string(reinterpret_cast<const char*>(out->GetPointer(0)),
                     std::size_t(out->GetNumberOfValues()));
}

PageLinks test_links() {
  return {"warnings/cap/feed.xml", "summary.json", "warnings/evacuation.json"};
}

// ---- reading the page back -------------------------------------------------------------

std::string between(const std::string& s, const std::string& from, const std::string& to) {
  const auto a = s.find(from);
  REQUIRE(a != std::string::npos);
  const auto b = s.find(to, a + from.size());
  REQUIRE(b != std::string::npos);
  return s.substr(a + from.size(), b - a - from.size());
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto k = s.find(what); k != std::string::npos; k = s.find(what, k + what.size())) ++n;
  return n;
}

// Pieces of `s` that start with `open` (the text before the first one is dropped).
std::vector<std::string> pieces(const std::string& s, const std::string& open) {
  std::vector<std::string> out;
  for (auto k = s.find(open); k != std::string::npos;) {
    const auto next = s.find(open, k + open.size());
    out.push_back(s.substr(k, next == std::string::npos ? std::string::npos : next - k));
    k = next;
  }
  return out;
}

// Values of every name="…" attribute in s.
std::vector<std::string> attributes(const std::string& s, const std::string& name) {
  std::vector<std::string> out;
  const std::string open = " " + name + "=\"";
  for (auto k = s.find(open); k != std::string::npos; k = s.find(open, k + 1)) {
    const auto end = s.find('"', k + open.size());
    out.push_back(s.substr(k + open.size(), end - k - open.size()));
  }
  return out;
}

std::vector<std::string> body_rows(const std::string& html) {
  return pieces(between(html, "<tbody>", "</tbody>"), "<tr");
}

// HTML text as the page must show it (census names such as "Ding'an" have quotes).
std::string escaped(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (c == '\'')
      out += "&#39;";
    else
      out += c;
  }
  return out;
}

long key_value(const std::string& html, const std::string& id) {
  return std::stol(between(html, "id=\"kn-" + id + "\" data-value=\"", "\""));
}

std::string decode_base64(const std::string& s) {
  const std::string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  REQUIRE(s.size() % 4 == 0);
  std::string out;
  for (std::size_t k = 0; k < s.size(); k += 4) {
    unsigned v = 0;
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = s[k + j];
      v <<= 6;
      if (c == '=') {
        ++pad;
      } else {
        const auto d = digits.find(c);
        REQUIRE(d != std::string::npos);
        v |= unsigned(d);
      }
    }
    out += char(v >> 16 & 255);
    if (pad < 2) out += char(v >> 8 & 255);
    if (pad < 1) out += char(v & 255);
  }
  return out;
}

}  // namespace

TEST_CASE("base64 matches the RFC 4648 test vectors and round-trips every byte",
          "[viz][bulletin_page]") {
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foob") == "Zm9vYg==");
  CHECK(base64("fooba") == "Zm9vYmE=");
  CHECK(base64("foobar") == "Zm9vYmFy");
  std::string all;
  for (int k = 0; k < 256; ++k) all += char(k);
  for (std::size_t n = 250; n <= 256; ++n)
    CHECK(decode_base64(base64(all.substr(0, n))) == all.substr(0, n));
}

TEST_CASE("bulletin page: 19 county rows in the default order, with sortable values",
          "[viz][bulletin_page]") {
  const CycleScene scene = synthetic_scene();
  REQUIRE(scene.counties.size() == 19);
  const std::string html = bulletin_page_html(scene, {}, test_links(), "海南省气象台",
                                              "Hainan Meteorological Observatory");

  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(html, R"(<meta name="viewport" content="width=device-width, initial-scale=1">)") ==
        1);
  CHECK(count(html, R"(<meta charset="utf-8">)") == 1);

  const auto rows = body_rows(html);
  REQUIRE(rows.size() == 19);

  // Default order, brute force: signal descending, then population descending.
  std::vector<const CountyView*> expected;
  for (const CountyView& c : scene.counties) expected.push_back(&c);
  std::sort(expected.begin(), expected.end(), [](const CountyView* a, const CountyView* b) {
    return a->signal != b->signal ? a->signal > b->signal : a->population > b->population;
  });
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const CountyView& c = *expected[r];
    INFO("row " << r << " " << c.name_en);
    CHECK(attributes(rows[r], "data-code").at(0) == c.code);
    CHECK(count(rows[r], escaped(c.name_zh)) >= 1);
    CHECK(count(rows[r], escaped(c.name_en)) >= 1);
    // Cells in column order: every sortable cell carries its value in data-sort.
    const auto cells = pieces(rows[r], "<td");
    REQUIRE(cells.size() == 16);
    const std::vector<long> numbers = {c.signal,     c.surge_level,     c.population,
                                       c.exposed[0], c.exposed[1],      c.exposed[2],
                                       c.exposed[3], c.expected_exposed};
    for (std::size_t k = 0; k < numbers.size(); ++k)
      CHECK(std::stol(attributes(cells[k + 1], "data-sort").at(0)) == numbers[k]);
    const auto arrival = attributes(cells[9], "data-sort").at(0);
    if (c.gale_arrival_h)
      CHECK(std::stod(arrival) == Approx(*c.gale_arrival_h).margin(1e-12));
    else
      CHECK((arrival.empty() && count(cells[9], "—") == 1));
    CHECK(std::stol(attributes(cells[10], "data-sort").at(0)) == c.evacuate);
    CHECK(std::stol(attributes(cells[11], "data-sort").at(0)) == c.assigned);
    CHECK(std::stol(attributes(cells[12], "data-sort").at(0)) == c.unassigned);
    CHECK(count(cells[1], "class=\"badge sig" + std::to_string(c.signal) + "\"") == 1);
    CHECK(attributes(cells[14], "href") ==
          std::vector<std::string>{"warnings/cap/" + c.code + ".xml"});
    CHECK(count(cells[15], c.reason) == 1);
  }
  // Badge colours are the CMA colours of scene.hpp.
  for (std::size_t k = 0; k < signal_rgb.size(); ++k) {
    const auto& c = signal_rgb[k];
    CHECK(count(html, fmt::format(".sig{}{{background:#{:02x}{:02x}{:02x};", k, int(c[0]),
                                  int(c[1]), int(c[2]))) == 1);
  }
  // Sortable headers: 14 keyed columns, numeric ones marked as such.
  const std::string head = between(html, "<thead>", "</thead>");
  CHECK(attributes(head, "data-key").size() == 14);
  CHECK(count(head, R"(data-type="num")") == 12);
}

TEST_CASE("bulletin page: key numbers equal brute-force sums over the counties",
          "[viz][bulletin_page]") {
  const CycleScene scene = synthetic_scene();
  const std::string html = bulletin_page_html(scene, {}, test_links(), "海南省气象台",
                                              "Hainan Meteorological Observatory");
  long bf8 = 0, expected = 0, evacuate = 0, assigned = 0, unassigned = 0;
  int max_signal = 0;
  std::map<int, long> per_level;
  for (const CountyView& c : scene.counties) {
    bf8 += c.exposed[1];
    expected += c.expected_exposed;
    evacuate += c.evacuate;
    assigned += c.assigned;
    unassigned += c.unassigned;
    max_signal = std::max(max_signal, c.signal);
    ++per_level[c.signal];
  }
  std::set<std::string> used;
  for (const FlowView& f : scene.flows)
    if (f.people > 0) used.insert(f.shelter);
  CHECK(key_value(html, "bf8") == bf8);
  CHECK(key_value(html, "expected") == expected);
  CHECK(key_value(html, "evacuate") == evacuate);
  CHECK(key_value(html, "assigned") == assigned);
  CHECK(key_value(html, "unassigned") == unassigned);
  CHECK(key_value(html, "max-signal") == max_signal);
  CHECK(key_value(html, "shelters") == long(used.size()));
  for (int level = 0; level <= 4; ++level)
    CHECK(std::stol(between(html, "data-level=\"" + std::to_string(level) + "\" data-value=\"",
                            "\"")) == per_level[level]);
  // Analysis 2005-09-25 00:00 UTC is 08:00 China Standard Time; the forecast runs to +72 h.
  CHECK(count(html, R"(<time datetime="2005-09-25T08:00:00+08:00">2005-09-25 08:00</time>)") >= 1);
  CHECK(count(between(html, "id=\"kn-lead\"", "</div>"), "+72 h") == 1);
  CHECK(count(html, "达维") >= 2);
  CHECK(count(html, "Damrey") >= 2);
}

TEST_CASE("bulletin page: gale arrival in local time and the main shelters",
          "[viz][bulletin_page]") {
  CycleScene scene = synthetic_scene();
  CountyView& c = scene.counties.at(3);
  c.gale_arrival_h = 6.5;  // 2005-09-25 00:00 UTC + 6.5 h = 14:30 +08:00
  c.signal = 4;
  c.assigned = 450;
  std::erase_if(scene.flows, [&](const FlowView& f) { return f.unit == c.code; });
  scene.flows.push_back({c.code, "S1", 100, 5.0, {}, {}, {}});
  scene.flows.push_back({c.code, "S2", 120, 5.0, {}, {}, {}});
  scene.flows.push_back({c.code, "S2", 180, 7.0, {}, {}, {}});  // S2 receives 300 in all
  scene.flows.push_back({c.code, "S3", 50, 9.0, {}, {}, {}});
  scene.flows.push_back({c.code, "S4", 0, 9.0, {}, {}, {}});  // no people: not a shelter used
  const std::string html = bulletin_page_html(scene, {}, test_links(), "台", "Obs");
  std::string row;
  for (const auto& r : body_rows(html))
    if (attributes(r, "data-code").at(0) == c.code) row = r;
  REQUIRE(!row.empty());
  const auto cells = pieces(row, "<td");
  CHECK(count(cells[9], R"(<time datetime="2005-09-25T14:30:00+08:00">09-25 14:30</time>)") == 1);
  CHECK(count(cells[9], "+6.5 h") == 1);
  // Most people first: S2 (300), then S1 (100); S3 only counted in "+1 more".
  const std::string shelter = cells[13];
  const auto s2 = shelter.find("避难所2"), s1 = shelter.find("避难所1");
  REQUIRE(s2 != std::string::npos);
  REQUIRE(s1 != std::string::npos);
  CHECK(s2 < s1);
  CHECK(count(shelter, "(300)") == 1);
  CHECK(count(shelter, "(100)") == 1);
  CHECK(count(shelter, "避难所3") == 0);
  CHECK(count(shelter, "<small>+1 <span lang=\"en\">more</span></small>") == 1);
  CHECK(attributes(shelter, "data-sort").at(0) == "避难所2");
  // A county without gales shows a dash.
  CHECK(!scene.counties.at(0).gale_arrival_h);
}

TEST_CASE("bulletin page: no network reference, maps embedded as data URIs",
          "[viz][bulletin_page]") {
  const CycleScene scene = synthetic_scene();
  const std::string png = test_png(64, 48);
  const std::vector<PageImage> images = {{"风速", "Wind speed", png},
                                         {"风暴潮", "Storm surge", test_png(30, 20)}};
  const std::string html = bulletin_page_html(scene, images, test_links(), "海南省气象台",
                                              "Hainan Meteorological Observatory");
  CHECK(count(html, "http://") == 0);
  CHECK(count(html, "https://") == 0);
  CHECK(count(html, "//") == 0);  // not even a protocol-relative reference
  CHECK(count(html, "<link") == 0);
  const auto srcs = attributes(html, "src");
  REQUIRE(srcs.size() == 2);
  for (const auto& s : srcs) CHECK(s.rfind("data:image/png;base64,", 0) == 0);
  CHECK(decode_base64(srcs[0].substr(22)) == png);
  CHECK(decode_base64(srcs[1].substr(22)) == images[1].png_bytes);
  CHECK(count(html, R"(width="64" height="48")") == 1);
  CHECK(count(html, R"(width="30" height="20")") == 1);
  // Every href is relative: no scheme, no leading slash.
  const auto hrefs = attributes(html, "href");
  CHECK(hrefs.size() == 19 + 3);
  for (const auto& h : hrefs) {
    CHECK(h.find(':') == std::string::npos);
    CHECK(h.front() != '/');
  }
  CHECK(count(html, R"(href="warnings/cap/feed.xml")") == 1);
  CHECK(count(html, R"(href="summary.json")") == 1);
  CHECK(count(html, R"(href="warnings/evacuation.json")") == 1);
  // Empty links are left out.
  const std::string without =
      bulletin_page_html(scene, {}, {"warnings/cap/feed.xml", "", ""}, "台", "Obs");
  CHECK(attributes(without, "href").size() == 19 + 1);
  // Not a PNG: an internal error, not a broken page.
  CHECK_THROWS_AS(bulletin_page_html(scene, {{"x", "x", "GIF89a not a png at all....."}},
                                     test_links(), "台", "Obs"),
                  taifeng::Error);
}

TEST_CASE("bulletin page: hostile names are escaped and links percent-encoded",
          "[viz][bulletin_page]") {
  CycleScene scene = synthetic_scene();
  CountyView& c = scene.counties.at(0);
  c.name_zh = "<kou>&\"'海口";
  c.name_en = "Hai<kou> \"&\" 'x' \xff\x01";
  c.reason = "</td></tr></table><script>alert(1)</script>";
  c.cap_files = {"warnings/cap/a \"b\" <kou>.xml", "javascript:alert(1)"};
  scene.storm_name_en = "<kou>";
  scene.shelters.at(0).name_zh = "<kou>避难所";
  scene.flows.push_back({c.code, "S1", 10, 1.0, {}, {}, {}});
  const std::vector<PageImage> images = {{"<kou>图", "<kou> map\"", test_png(8, 8)}};
  const std::string html =
      bulletin_page_html(scene, images, {"feed \"<kou>\".xml", "", ""}, "<kou>台", "'<kou>'");

  CHECK(count(html, "<kou>") == 0);
  CHECK(count(html, "&lt;kou&gt;") >= 8);
  CHECK(count(html, "<script") == 1);  // only the page's own sorting script
  CHECK(count(html, "alert(1)</script>") == 0);
  CHECK(count(html, "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;") >=
        1);
  CHECK(count(html, "&lt;kou&gt;&amp;&quot;&#39;海口") >= 1);
  // Invalid UTF-8 and control characters become U+FFFD.
  CHECK(html.find('\xff') == std::string::npos);
  CHECK(html.find('\x01') == std::string::npos);
  CHECK(count(html, "&#39;x&#39; \xEF\xBF\xBD\xEF\xBF\xBD") >= 1);
  // Still 19 rows, and the hostile county's links are relative and encoded.
  const auto rows = body_rows(html);
  REQUIRE(rows.size() == 19);
  std::string row;
  for (const auto& r : rows)
    if (attributes(r, "data-code").at(0) == c.code) row = r;
  CHECK(attributes(row, "href") ==
        std::vector<std::string>{"warnings/cap/a%20%22b%22%20%3Ckou%3E.xml",
                                 "javascript%3Aalert%281%29"});
  CHECK(count(html, R"(href="feed%20%22%3Ckou%3E%22.xml")") == 1);
  // An absolute or network link is refused.
  c.cap_files = {"//example.org/x.xml"};
  CHECK_THROWS_AS(bulletin_page_html(scene, {}, test_links(), "台", "Obs"), taifeng::Error);
  c.cap_files = {"/etc/passwd"};
  CHECK_THROWS_AS(bulletin_page_html(scene, {}, test_links(), "台", "Obs"), taifeng::Error);
}

// Writes the page the Chromium test (tests/viz/bulletin_page_chromium.sh) opens: 19 counties,
// two maps.
TEST_CASE("bulletin page: file for the headless Chromium test",
          "[viz][bulletin_page][bulletin_page_file]") {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "bulletin_page";
  fs::create_directories(dir);
  const CycleScene scene = synthetic_scene();
  const std::vector<PageImage> images = {{"最大风速", "Maximum wind", test_png(800, 600)},
                                         {"风暴潮", "Storm surge", test_png(400, 300)}};
  const std::string html = bulletin_page_html(scene, images, test_links(), "海南省气象台",
                                              "Hainan Meteorological Observatory");
  std::ofstream(dir / "index.html", std::ios::binary) << html;
  // What the script checks the rendered page against: code and population per county.
  std::ofstream expected(dir / "expected.csv");
  for (const CountyView& c : scene.counties)
    expected << c.code << ',' << c.population << ','
             << (c.gale_arrival_h ? *c.gale_arrival_h : -1.0) << '\n';
  CHECK(fs::file_size(dir / "index.html") == html.size());
}
