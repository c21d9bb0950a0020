#pragma once
// The bulletin page of one forecast cycle: a single self-contained HTML5 file (inline CSS
// and JS, maps embedded as data: URIs, no network reference at all) with the forecast's key
// numbers, the maps, a sortable county table and relative links to the CAP messages, the
// Atom feed and the JSON summaries. Bilingual (zh-CN / en), readable on a phone. No I/O
// here: the caller writes the string (atomically) into the run folder.
#include <string>
#include <string_view>
#include <vector>

#include "taifeng/viz/scene.hpp"

namespace taifeng::viz {

struct PageImage {
  std::string title_zh, title_en;
  std::string png_bytes;  // raw PNG, embedded as a base64 data URI
};

// Relative to the folder the page is written to; an empty link is left out.
struct PageLinks {
  std::string feed;  // e.g. "warnings/cap/feed.xml"
  std::string summary_json;
  std::string evacuation_json;
};

// The whole page (UTF-8). Every text from the scene is HTML-escaped; links must be relative
// (an internal error otherwise) and are percent-encoded; every image must be a PNG.
// Table rows come in the default order: signal level descending, then population
// descending, then county code; the inline script re-sorts on a click on a column header
// or on a "#sort=<key>" / "#sort=-<key>" (descending) fragment in the address.
std::string bulletin_page_html(const CycleScene& scene, const std::vector<PageImage>& images,
                               const PageLinks& links, const std::string& sender_name_zh,
                               const std::string& sender_name_en);

// RFC 4648 base64 with padding, no line breaks.
std::string base64(std::string_view bytes);

}  // namespace taifeng::viz
