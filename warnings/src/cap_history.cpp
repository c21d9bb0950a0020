#include "taifeng/warnings/cap_history.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/error.hpp"

namespace taifeng::warnings {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

namespace {

constexpr const char* log_format = "taifeng-cap-message-log";
constexpr int log_version = 1;

// The fields of IssuedMessage in the order they are written; `required` ones must be present.
struct Field {
  const char* name;
  std::string IssuedMessage::*member;
  bool required;
};
constexpr Field fields[] = {
    {"identifier", &IssuedMessage::identifier, true},
    {"sender", &IssuedMessage::sender, true},
    {"sent", &IssuedMessage::sent, true},
    {"unit_code", &IssuedMessage::unit_code, true},
    {"hazard", &IssuedMessage::hazard, true},
    {"level", &IssuedMessage::level, true},
    {"msg_type", &IssuedMessage::msg_type, true},
    {"file", &IssuedMessage::file, true},
    {"expires", &IssuedMessage::expires, false},
    {"headline", &IssuedMessage::headline, false},
};

// Empty if `m` is a consistent log entry, else what is wrong (field: problem).
std::string problem_of(const IssuedMessage& m) {
  for (const auto& [name, value] :
       {std::pair{"identifier", &m.identifier}, std::pair{"sender", &m.sender}})
    if (value->empty() || value->find_first_of(" ,<&\t\r\n") != std::string::npos)
      return fmt::format("{}: '{}' is not a CAP token (non-empty, no space, comma, '<', '&')", name,
                         *value);
  if (!parse_time(m.sent))
    return fmt::format("sent: '{}' is not a time like 2005-09-25T08:00:00+08:00", m.sent);
  if (!m.expires.empty() && !parse_time(m.expires))
    return fmt::format("expires: '{}' is not a time like 2005-09-25T08:00:00+08:00", m.expires);
  if (m.unit_code.empty()) return "unit_code: must not be empty";
  if (!parse_hazard(m.hazard))
    return fmt::format("hazard: '{}' is not one of wind, surge", m.hazard);
  const auto level = parse_signal_level(m.level);
  if (!level)
    return fmt::format("level: '{}' is not one of none, blue, yellow, orange, red", m.level);
  if (m.msg_type != "Alert" && m.msg_type != "Update" && m.msg_type != "Cancel")
    return fmt::format("msg_type: '{}' is not one of Alert, Update, Cancel", m.msg_type);
  if ((m.msg_type == "Cancel") != (*level == SignalLevel::none))
    return fmt::format(
        "level: '{}' does not go with msg_type {} (a Cancel and only a Cancel "
        "has level none)",
        m.level, m.msg_type);
  if (m.file.empty() || fs::path(m.file).is_absolute())
    return fmt::format("file: '{}' is not a path relative to the cycle folder", m.file);
  return {};
}

// Empty if no identifier and no unit+hazard appears twice, else a description of the first.
std::string duplicate_of(const std::vector<IssuedMessage>& messages) {
  std::set<std::string> identifiers;
  std::set<std::pair<std::string, std::string>> keys;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const IssuedMessage& m = messages[i];
    if (!identifiers.insert(m.identifier).second)
      return fmt::format("messages[{}]: identifier '{}' appears twice", i, m.identifier);
    if (!keys.insert({m.unit_code, m.hazard}).second)
      return fmt::format("messages[{}]: unit {} hazard {} appears twice", i, m.unit_code, m.hazard);
  }
  return {};
}

// Line (1-based) of byte offset `byte` in `text`.
long line_of(const std::string& text, std::size_t byte) {
  const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(byte, text.size()));
  return 1 + static_cast<long>(std::count(text.begin(), end, '\n'));
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string plain_message(const char* what) {
  std::string s = what;
  if (!s.empty() && s.front() == '[') {
    const auto close = s.find("] ");
    if (close != std::string::npos) s.erase(0, close + 2);
  }
  return s;
}

}  // namespace

fs::path message_log_path(const fs::path& cycle_dir) {
  return cycle_dir / "warnings" / "messages.json";
}

std::vector<IssuedMessage> read_message_log(const fs::path& cycle_dir) {
  std::error_code ec;
  if (!fs::is_directory(cycle_dir, ec))
    throw_input_error(cycle_dir.string(), "previous cycle folder does not exist");
  const fs::path file = message_log_path(cycle_dir);
  const std::string name = file.string();
  if (!fs::is_regular_file(file, ec))
    throw_input_error(cycle_dir.string(),
                      "not a taifeng cycle folder (it has no warnings/messages.json)");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw_input_error(name, "cannot open the CAP message log");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw_input_error(name, "cannot read the CAP message log");

  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw_input_error(where(name, line_of(text, e.byte)),
                      "the CAP message log is not valid JSON: " + plain_message(e.what()));
  }
  if (!doc.is_object() || !doc.contains("format") || doc["format"] != log_format)
    throw_input_error(name, fmt::format("not a CAP message log (expected an object with "
                                        "\"format\": \"{}\")",
                                        log_format));
  if (!doc.contains("version") || doc["version"] != log_version)
    throw_input_error(name, fmt::format("version: expected {}", log_version));
  if (!doc.contains("messages") || !doc["messages"].is_array())
    throw_input_error(name, "messages: expected an array");

  std::vector<IssuedMessage> messages;
  const auto& list = doc["messages"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& entry = list[i];
    if (!entry.is_object())
      throw_input_error(name, fmt::format("messages[{}]: expected an object", i));
    IssuedMessage m;
    for (const Field& f : fields) {
      const auto it = entry.find(f.name);
      if (it == entry.end()) {
        if (f.required) throw_input_error(name, fmt::format("messages[{}].{}: missing", i, f.name));
        continue;
      }
      if (!it->is_string())
        throw_input_error(name, fmt::format("messages[{}].{}: expected a string", i, f.name));
      m.*f.member = it->get<std::string>();
    }
    const std::string problem = problem_of(m);
    if (!problem.empty()) throw_input_error(name, fmt::format("messages[{}].{}", i, problem));
    messages.push_back(std::move(m));
  }
  const std::string duplicate = duplicate_of(messages);
  if (!duplicate.empty()) throw_input_error(name, duplicate);
  return messages;
}

std::string message_log_json(const std::vector<IssuedMessage>& current) {
  std::vector<IssuedMessage> sorted = current;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.unit_code, a.hazard) < std::tie(b.unit_code, b.hazard);
  });
  for (const IssuedMessage& m : sorted) {
    const std::string problem = problem_of(m);
    TAIFENG_CHECK(problem.empty(), "CAP message log entry " + m.identifier + ": " + problem);
  }
  const std::string duplicate = duplicate_of(sorted);
  TAIFENG_CHECK(duplicate.empty(), "CAP message log: " + duplicate);

  ordered_json doc;
  doc["format"] = log_format;
  doc["version"] = log_version;
  doc["messages"] = ordered_json::array();
  for (const IssuedMessage& m : sorted) {
    ordered_json entry;
    for (const Field& f : fields)
      if (f.required || !(m.*f.member).empty()) entry[f.name] = m.*f.member;
    doc["messages"].push_back(std::move(entry));
  }
  try {
    return doc.dump(2) + "\n";  // strict UTF-8: invalid text throws instead of writing junk
  } catch (const nlohmann::json::exception& e) {
    throw_internal_error("CAP message log", plain_message(e.what()));
  }
}

IssuedMessage issued_message(const CapAlert& alert, const std::string& unit_code, Hazard hazard,
                             SignalLevel level, const std::string& file,
                             std::chrono::minutes utc_offset) {
  IssuedMessage m;
  m.identifier = alert.identifier;
  m.sender = alert.sender;
  m.sent = format_iso_offset(alert.sent, utc_offset);
  m.unit_code = unit_code;
  m.hazard = hazard_name(hazard);
  m.level = signal_name(level);
  m.msg_type = alert.msg_type;
  m.file = file;
  if (alert.expires != TimePoint{}) m.expires = format_iso_offset(alert.expires, utc_offset);
  for (const CapInfoText& info : alert.infos)
    m.headline += (m.headline.empty() ? "" : " / ") + info.headline;
  return m;
}

const IssuedMessage* find_message(const std::vector<IssuedMessage>& log,
                                  const std::string& unit_code, Hazard hazard) {
  const std::string h = hazard_name(hazard);
  for (const IssuedMessage& m : log)
    if (m.unit_code == unit_code && m.hazard == h) return &m;
  return nullptr;
}

std::string cap_reference(const IssuedMessage& m) {
  return m.sender + "," + m.identifier + "," + m.sent;
}

MessagePlan plan_message(const IssuedMessage* previous, SignalLevel now) {
  MessagePlan plan;
  const bool active = previous != nullptr && previous->msg_type != "Cancel";
  if (active) {
    plan.previous_level = parse_signal_level(previous->level).value_or(SignalLevel::none);
    plan.references = {cap_reference(*previous)};
    plan.msg_type = now == SignalLevel::none ? "Cancel" : "Update";
  } else if (now != SignalLevel::none) {
    plan.msg_type = "Alert";
  }
  return plan;
}

MessagePlan plan_message(const IssuedMessage* previous, SignalLevel now, TimePoint sent) {
  if (previous == nullptr) return plan_message(nullptr, now);
  const auto previous_sent = parse_time(previous->sent);
  if (!previous_sent)
    throw_input_error("CAP message " + previous->identifier,
                      fmt::format("sent '{}' is not a time", previous->sent));
  if (*previous_sent >= sent)
    throw_input_error(
        "CAP message " + previous->identifier,
        fmt::format("was sent at {}, not before this cycle ({}): the previous cycle folder is "
                    "this cycle or a later one",
                    previous->sent, format_iso_offset(sent, china_standard_offset)));
  if (!previous->expires.empty()) {
    const auto expires = parse_time(previous->expires);
    if (expires && *expires <= sent) return plan_message(nullptr, now);  // lapsed
  }
  return plan_message(previous, now);
}

AtomEntry atom_entry(const IssuedMessage& m, const std::string& href) {
  AtomEntry e;
  e.id = "urn:taifeng:cap:" + m.identifier;
  e.title = m.headline.empty() ? m.identifier : m.headline;
  e.summary = fmt::format("{} ({}, {} {})", e.title, m.msg_type, m.hazard, m.level);
  e.href = href;
  e.updated = parse_time(m.sent).value_or(TimePoint{});
  return e;
}

}  // namespace taifeng::warnings
