// Inline style sheet and sorting script of the bulletin page (no external resource).
#include <fmt/format.h>

#include "bulletin_page_parts.hpp"

namespace taifeng::viz::page {

namespace {

constexpr std::string_view base_css = R"css(
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:#1a1a1a;background:#fff;font:16px/1.5 system-ui,-apple-system,"Segoe UI",
"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
header{background:#0b3d91;color:#fff;padding:12px 16px}
header p{margin:.2em 0 0;font-size:.95rem}
h1{font-size:1.35rem;line-height:1.3;margin:0}
h2{font-size:1.15rem;line-height:1.3;margin:1.4em 0 .6em;padding-bottom:.2em;
border-bottom:2px solid #0b3d91}
.en{display:block;font-size:.8em;font-weight:normal;opacity:.85}
main{max-width:1680px;margin:0 auto;padding:0 12px 24px}
.keys{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px;
margin:12px 0 0;padding:0}
.key{border:1px solid #d5d9e0;border-radius:8px;padding:8px 10px;margin:0}
.key dt{font-size:.85rem;color:#444}
.key dt .en{font-size:.8rem}
.key dd{margin:.2em 0 0;font-size:1.25rem;font-weight:600;overflow-wrap:anywhere}
.key dd small{font-size:.8rem;font-weight:normal;color:#444}
.levels{display:flex;flex-wrap:wrap;gap:4px;font-size:1rem}
.maps{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
figure{margin:0}
figure img{display:block;width:100%;max-width:100%;height:auto;border:1px solid #d5d9e0}
figcaption{font-size:.9rem;margin-top:.3em}
figcaption .en{display:inline;margin-left:.5em}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid #d5d9e0;
max-width:100%}
table{border-collapse:separate;border-spacing:0;font-size:.9rem;min-width:100%}
th,td{padding:6px 8px;border-bottom:1px solid #e3e6eb;text-align:right;white-space:nowrap;
vertical-align:top;background:#fff}
thead th{background:#eef1f6;vertical-align:bottom;font-weight:600}
tbody tr:nth-child(even) td{background:#f7f8fa}
th.t,td.t{text-align:left}
td.name{font-weight:600}
th:first-child,td:first-child{position:sticky;left:0;z-index:1;border-right:1px solid #d5d9e0}
td.why{white-space:normal;min-width:16em;font-size:.8rem;color:#444}
td small{color:#555}
th button{font:inherit;color:inherit;background:none;border:0;padding:0;margin:0;
text-align:inherit;cursor:pointer}
.js th[data-key] button::after{content:" \2195";opacity:.4}
.js th[aria-sort=ascending] button::after{content:" \25B2";opacity:1}
.js th[aria-sort=descending] button::after{content:" \25BC";opacity:1}
.sort-hint{display:none}
.js .sort-hint{display:inline}
.badge{display:inline-block;padding:0 .55em;border-radius:1em;font-size:.85rem;font-weight:600;
white-space:nowrap;border:1px solid rgba(0,0,0,.15)}
.links{padding-left:1.2em}
.links li{margin:.3em 0}
a{color:#0645ad}
footer{font-size:.8rem;color:#555;border-top:1px solid #d5d9e0;margin-top:24px;padding-top:8px}
@media (max-width:600px){body{font-size:15px}h1{font-size:1.2rem}.key dd{font-size:1.1rem}
table{font-size:.85rem}th,td{padding:5px 6px}}
)css";

constexpr std::string_view script = R"js(
(function () {
  "use strict";
  var table = document.getElementById("counties");
  if (!table) return;
  document.documentElement.classList.add("js");
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function column(key) {
    for (var i = 0; i < heads.length; i++)
      if (heads[i].getAttribute("data-key") === key) return i;
    return -1;
  }
  function value(row, i, numeric) {
    var cell = row.cells[i];
    var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    if (!numeric) return v;
    return v === "" ? NaN : Number(v);
  }
  /* Numeric columns by value (rows without one, e.g. no gales, last either way), the
     signal by level, text by Chinese collation; ties keep their order (stable sort). */
  function sortBy(key, descending) {
    var i = column(key);
    if (i < 0) return false;
    var numeric = heads[i].getAttribute("data-type") === "num";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, i, numeric), y = value(b, i, numeric), d;
      if (numeric) {
        if (isNaN(x) || isNaN(y)) return (isNaN(x) ? 1 : 0) - (isNaN(y) ? 1 : 0);
        d = x - y;
      } else {
        d = x.localeCompare(y, "zh-CN");
      }
      return descending ? -d : d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var j = 0; j < heads.length; j++) heads[j].removeAttribute("aria-sort");
    heads[i].setAttribute("aria-sort", descending ? "descending" : "ascending");
    table.setAttribute("data-sorted", (descending ? "-" : "") + key);
    return true;
  }
  function fromHash() {
    var m = /^#sort=(-?)([a-z0-9]+)$/.exec(location.hash);
    if (m) sortBy(m[2], m[1] === "-");
  }
  Array.prototype.forEach.call(heads, function (th) {
    var key = th.getAttribute("data-key");
    if (!key) return;
    th.querySelector("button").addEventListener("click", function () {
      /* First click: numbers largest first, text A-Z; then toggle. */
      var now = th.getAttribute("aria-sort");
      var descending = now ? now === "ascending" : th.getAttribute("data-type") === "num";
      sortBy(key, descending);
      try {
        history.replaceState(null, "", "#sort=" + (descending ? "-" : "") + key);
      } catch (e) {}
    });
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
)js";

}  // namespace

std::string style_sheet() {
  std::string css(base_css);
  // Badge colours from scene.hpp (the one place they are defined); dark text on light ones.
  for (std::size_t k = 0; k < signal_rgb.size(); ++k) {
    const auto& c = signal_rgb[k];
    const double luma = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
    css += fmt::format(".sig{}{{background:#{:02x}{:02x}{:02x};color:{}}}\n", k, int(c[0]),
                       int(c[1]), int(c[2]), luma > 150 ? "#111" : "#fff");
  }
  return css;
}

std::string_view sort_script() {
  return script;
}

}  // namespace taifeng::viz::page
