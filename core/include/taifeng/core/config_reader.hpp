#pragma once
// Strict reader of a TOML configuration file (toml++). Every getter names a dotted key,
// its type, its default and its valid range; `finish()` then rejects any key in the file
// that no getter asked for. Every error is one line "file:line: key 'a.b': …" and an
// input error (exit code 2). The keys actually used, with defaults filled in, form the
// resolved configuration that is echoed at start-up and recorded in run.json.
#include <filesystem>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "taifeng/core/time.hpp"

namespace taifeng {

class ConfigReader {
 public:
  static ConfigReader from_file(const std::filesystem::path& file);
  static ConfigReader from_string(std::string_view text, const std::string& source_name,
                                  const std::filesystem::path& base_dir = ".");

  // Merges a second file over this configuration: each of its keys replaces the same key
  // (tables merge), its relative paths are resolved against its own folder, and errors about
  // its keys name it and its lines. The watcher runs a cycle as the station configuration
  // plus the overlay that came with the cycle's inputs.
  void add_overlay(const std::filesystem::path& file);

  bool has(std::string_view key) const;

  double number(std::string_view key, double def, double lo, double hi);
  double number(std::string_view key, double lo, double hi);  // required
  long integer(std::string_view key, long def, long lo, long hi);
  bool boolean(std::string_view key, bool def);
  std::string string(std::string_view key, const std::string& def,
                     std::initializer_list<std::string_view> allowed = {});
  std::string string(std::string_view key, std::initializer_list<std::string_view> allowed = {});
  // An array of non-empty strings (e.g. techniques = ["AVNO", "ECMF"]); def if absent.
  std::vector<std::string> string_list(std::string_view key, const std::vector<std::string>& def);
  // A path, resolved relative to the directory of the configuration file. With
  // must_exist the file must exist and be readable.
  std::filesystem::path path(std::string_view key, bool must_exist);
  std::filesystem::path path(std::string_view key, const std::string& def, bool must_exist);
  // An RFC 3339 offset date-time (e.g. 2005-09-25T00:00:00Z), converted to UTC.
  TimePoint time(std::string_view key);

  // Records a value set from outside the file (a command-line override) in the resolved
  // configuration, so the echo and run.json show what the run actually used.
  void record_override(std::string_view key, const std::string& value);

  // Throws on the first key (in file order) that no getter asked for.
  void finish() const;

  const std::string& source() const { return source_; }
  const std::vector<std::filesystem::path>& overlays() const { return overlays_; }
  const std::filesystem::path& base_dir() const { return base_dir_; }
  const toml::table& resolved() const { return resolved_; }
  // "file:line" of a key (the file alone if the key is absent).
  std::string where(std::string_view key) const;

 private:
  ConfigReader(toml::table table, std::string source, std::filesystem::path base_dir);
  const toml::node* find(std::string_view key) const;
  // The file a key (or a node) came from: an overlay's name for keys it set.
  // "file:line" of a key's node (toml++ drops the source of copied nodes, so the keys an
  // overlay set keep theirs here).
  std::string where_node(std::string_view key, const toml::node& n) const;
  const std::filesystem::path& base_dir_of(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  template <class T>
  void record(std::string_view key, T value);

  toml::table table_;
  std::string source_;
  std::filesystem::path base_dir_;
  std::set<std::string, std::less<>> known_;  // every key a getter asked for
  struct OverlayKey {
    std::filesystem::path dir;  // the overlay's folder (relative paths)
    std::string file;
    long line = 0;
  };
  std::map<std::string, OverlayKey, std::less<>> overlay_keys_;
  std::vector<std::filesystem::path> overlays_;
  toml::table resolved_;
};

// Levenshtein distance, used to suggest the intended key for a misspelt one.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace taifeng
