#include "taifeng/core/config_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng {

namespace fs = std::filesystem;

namespace {
std::string read_text(const fs::path& file, const char* what) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw_input_error(file.string(), fmt::format("{} does not exist or is not a file", what));
  std::ifstream in(file);
  if (!in) throw_input_error(file.string(), fmt::format("{} cannot be read", what));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every leaf key of t (dotted) with its node. An empty table is a leaf of the file being
// checked (`[render]` alone is a key the reader must know) but adds nothing as an overlay.
void collect_leaves(const toml::table& t, const std::string& prefix, bool empty_tables_are_leaves,
                    std::vector<std::pair<std::string, const toml::node*>>& out) {
  for (auto&& [k, v] : t) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const toml::table* sub = v.as_table();
    if (sub && (!sub->empty() || !empty_tables_are_leaves))
      collect_leaves(*sub, key, empty_tables_are_leaves, out);
    else
      out.emplace_back(key, &v);
  }
}

// The table holding the dotted key (sub-tables created on the way), and in `leaf` the
// key's last part; nullptr when a part on the way is a value, not a table.
toml::table* parent_table(toml::table& root, std::string_view key, std::string_view& leaf) {
  toml::table* t = &root;
  leaf = key;
  for (auto dot = leaf.find('.'); dot != std::string_view::npos; dot = leaf.find('.')) {
    auto [it, inserted] = t->insert(std::string(leaf.substr(0, dot)), toml::table{});
    t = it->second.as_table();
    if (!t) return nullptr;
    leaf = leaf.substr(dot + 1);
  }
  return t;
}
}  // namespace

ConfigReader::ConfigReader(toml::table table, std::string source, fs::path base_dir)
    : table_(std::move(table)), source_(std::move(source)), base_dir_(std::move(base_dir)) {}

ConfigReader ConfigReader::from_file(const fs::path& file) {
  return from_string(read_text(file, "configuration file"), file.string(),
                     fs::absolute(file).parent_path());
}

ConfigReader ConfigReader::from_string(std::string_view text, const std::string& source_name,
                                       const fs::path& base_dir) {
  try {
    return ConfigReader(toml::parse(text, source_name), source_name, base_dir);
  } catch (const toml::parse_error& e) {
    throw_input_error(taifeng::where(source_name, long(e.source().begin.line)),
                      fmt::format("TOML syntax error: {}", e.description()));
  }
}

void ConfigReader::add_overlay(const fs::path& file) {
  const std::string text = read_text(file, "configuration overlay");
  toml::table over;
  try {
    over = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw_input_error(taifeng::where(file.string(), long(e.source().begin.line)),
                      fmt::format("TOML syntax error: {}", e.description()));
  }
  std::vector<std::pair<std::string, const toml::node*>> leaves;
  collect_leaves(over, "", false, leaves);
  const fs::path dir = fs::absolute(file).parent_path();
  overlays_.push_back(fs::absolute(file).lexically_normal());
  for (const auto& [key, node] : leaves) {
    std::string_view leaf;
    toml::table* t = parent_table(table_, key, leaf);
    if (!t)
      throw_input_error(
          taifeng::where(file.string(), long(node->source().begin.line)),
          fmt::format("key '{}': a part of it is a value in {}, not a table", key, source_));
    // visit() copies the typed value (toml++ drops its source; overlay_keys_ keeps it).
    node->visit([&](auto&& v) { t->insert_or_assign(std::string(leaf), v); });
    overlay_keys_[key] = {dir, file.string(), long(node->source().begin.line)};
  }
}

std::string ConfigReader::where_node(std::string_view key, const toml::node& n) const {
  const auto it = overlay_keys_.find(key);
  if (it != overlay_keys_.end()) return taifeng::where(it->second.file, it->second.line);
  return taifeng::where(source_, long(n.source().begin.line));
}

const fs::path& ConfigReader::base_dir_of(std::string_view key) const {
  const auto it = overlay_keys_.find(key);
  return it == overlay_keys_.end() ? base_dir_ : it->second.dir;
}

const toml::node* ConfigReader::find(std::string_view key) const {
  return table_.at_path(key).node();
}

bool ConfigReader::has(std::string_view key) const {
  return find(key) != nullptr;
}

std::string ConfigReader::where(std::string_view key) const {
  const toml::node* n = find(key);
  return n ? where_node(key, *n) : source_;
}

void ConfigReader::fail(std::string_view key, const std::string& message) const {
  throw_input_error(where(key), fmt::format("key '{}': {}", key, message));
}

template <class T>
void ConfigReader::record(std::string_view key, T value) {
  // Insert value at the dotted path in the resolved table, creating sub-tables.
  std::string_view leaf;
  toml::table* t = parent_table(resolved_, key, leaf);
  TAIFENG_CHECK(t != nullptr, "resolved configuration: a table and a value share a key");
  t->insert_or_assign(std::string(leaf), std::move(value));
}

namespace {
const char* type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}
std::string allowed_list(std::initializer_list<std::string_view> allowed) {
  std::string s;
  for (auto a : allowed) s += (s.empty() ? "" : ", ") + std::string(a);
  return s;
}
}  // namespace

double ConfigReader::number(std::string_view key, double def, double lo, double hi) {
  if (!has(key)) {
    known_.emplace(key);
    record(key, def);
    return def;
  }
  return number(key, lo, hi);
}

double ConfigReader::number(std::string_view key, double lo, double hi) {
  known_.emplace(key);
  const toml::node* n = find(key);
  if (!n) fail(key, fmt::format("missing; expected a number in [{}, {}]", lo, hi));
  if (!n->is_number())
    fail(key, fmt::format("expected a number in [{}, {}], got {}", lo, hi, type_name(*n)));
  const double v = n->is_integer() ? double(n->as_integer()->get()) : n->as_floating_point()->get();
  if (!std::isfinite(v) || v < lo || v > hi)
    fail(key, fmt::format("value {} is out of range; expected a number in [{}, {}]", v, lo, hi));
  record(key, v);
  return v;
}

long ConfigReader::integer(std::string_view key, long def, long lo, long hi) {
  known_.emplace(key);
  const toml::node* n = find(key);
  if (!n) {
    record(key, int64_t(def));
    return def;
  }
  if (!n->is_integer())
    fail(key, fmt::format("expected an integer in [{}, {}], got {}", lo, hi, type_name(*n)));
  const long v = long(n->as_integer()->get());
  if (v < lo || v > hi)
    fail(key, fmt::format("value {} is out of range; expected an integer in [{}, {}]", v, lo, hi));
  record(key, int64_t(v));
  return v;
}

bool ConfigReader::boolean(std::string_view key, bool def) {
  known_.emplace(key);
  const toml::node* n = find(key);
  if (!n) {
    record(key, def);
    return def;
  }
  if (!n->is_boolean()) fail(key, fmt::format("expected true or false, got {}", type_name(*n)));
  record(key, n->as_boolean()->get());
  return n->as_boolean()->get();
}

std::string ConfigReader::string(std::string_view key, const std::string& def,
                                 std::initializer_list<std::string_view> allowed) {
  if (!has(key)) {
    known_.emplace(key);
    record(key, def);
    return def;
  }
  return string(key, allowed);
}

std::string ConfigReader::string(std::string_view key,
                                 std::initializer_list<std::string_view> allowed) {
  known_.emplace(key);
  const toml::node* n = find(key);
  const std::string expect =
      allowed.size() ? "one of: " + allowed_list(allowed) : std::string("a string");
  if (!n) fail(key, "missing; expected " + expect);
  if (!n->is_string()) fail(key, fmt::format("expected {}, got {}", expect, type_name(*n)));
  std::string v = n->as_string()->get();
  if (allowed.size()) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == v;
    if (!ok) fail(key, fmt::format("'{}' is not {}", v, expect));
  }
  record(key, v);
  return v;
}

void ConfigReader::record_override(std::string_view key, const std::string& value) {
  record(key, value);
}

std::vector<std::string> ConfigReader::string_list(std::string_view key,
                                                   const std::vector<std::string>& def) {
  known_.emplace(key);
  std::vector<std::string> out = def;
  if (const toml::node* n = find(key)) {
    const toml::array* a = n->as_array();
    if (!a) fail(key, fmt::format("expected an array of strings, got {}", type_name(*n)));
    out.clear();
    for (std::size_t i = 0; i < a->size(); ++i) {
      const toml::node& e = *a->get(i);
      if (!e.is_string() || e.as_string()->get().empty())
        fail(key, fmt::format("element {} is {}; expected a non-empty string", i + 1,
                              e.is_string() ? "empty" : type_name(e)));
      out.push_back(e.as_string()->get());
    }
  }
  toml::array rec;
  for (const auto& v : out) rec.push_back(v);
  record(key, std::move(rec));
  return out;
}

fs::path ConfigReader::path(std::string_view key, bool must_exist) {
  const std::string text = string(key);
  if (text.empty()) fail(key, "expected a path, got an empty string");
  fs::path p = fs::path(text).is_absolute() ? fs::path(text) : base_dir_of(key) / text;
  p = p.lexically_normal();
  if (must_exist) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) fail(key, fmt::format("file '{}' does not exist", p.string()));
    std::ifstream probe(p);
    if (!probe) fail(key, fmt::format("file '{}' cannot be read", p.string()));
  }
  record(key, p.string());
  return p;
}

fs::path ConfigReader::path(std::string_view key, const std::string& def, bool must_exist) {
  if (has(key)) return path(key, must_exist);
  known_.emplace(key);
  fs::path p = (fs::path(def).is_absolute() ? fs::path(def) : base_dir_ / def).lexically_normal();
  std::error_code ec;
  if (must_exist && !fs::is_regular_file(p, ec))
    fail(key, fmt::format("not set, and the default file '{}' does not exist", p.string()));
  record(key, p.string());
  return p;
}

TimePoint ConfigReader::time(std::string_view key) {
  known_.emplace(key);
  const toml::node* n = find(key);
  if (!n) fail(key, "missing; expected a UTC date-time such as 2005-09-25T00:00:00Z");
  if (!n->is_date_time() || !n->as_date_time()->get().offset)
    fail(key, fmt::format("expected a date-time with offset such as 2005-09-25T00:00:00Z, got {}",
                          type_name(*n)));
  const toml::date_time dt = n->as_date_time()->get();
  if (!valid_utc(dt.date.year, dt.date.month, dt.date.day, dt.time.hour, dt.time.minute,
                 dt.time.second))
    fail(key, "not a valid calendar date-time");
  TimePoint t = make_utc(dt.date.year, dt.date.month, dt.date.day, dt.time.hour, dt.time.minute,
                         dt.time.second) -
                std::chrono::minutes(dt.offset->minutes);
  record(key, toml::date_time(dt));
  return t;
}

void ConfigReader::finish() const {
  std::vector<std::pair<std::string, const toml::node*>> leaves;
  collect_leaves(table_, "", true, leaves);
  // Report in file order so the user sees the first offending line.
  std::sort(leaves.begin(), leaves.end(), [](const auto& a, const auto& b) {
    return a.second->source().begin.line < b.second->source().begin.line;
  });
  for (const auto& [key, node] : leaves) {
    if (known_.count(key)) continue;
    std::string best;
    std::size_t best_d = 3;  // suggest only close matches
    for (const auto& k : known_) {
      const std::size_t d = edit_distance(k, key);
      if (d < best_d) {
        best_d = d;
        best = k;
      }
    }
    std::string msg = fmt::format("unknown key '{}'", key);
    if (!best.empty()) msg += fmt::format(" (did you mean '{}'?)", best);
    msg += "; every key is documented in configs/README.md";
    throw_input_error(where_node(key, *node), msg);
  }
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace taifeng
