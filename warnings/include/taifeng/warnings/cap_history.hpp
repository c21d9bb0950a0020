#pragma once
// CAP messages across forecast cycles. Each cycle writes a log of the messages it issued,
// <cycle dir>/warnings/messages.json; the next cycle reads it to decide, per county and
// hazard, whether to send an Alert, an Update or a Cancel and which message it references.
//
// Rules (plan_message), with "active" = the unit+hazard's last message is an Alert or an
// Update (and, given the time, has not expired):
//   not active, signal none    -> nothing to send
//   not active, signal raised  -> Alert
//   active,     signal raised  -> Update referencing the previous message, also when the
//                                 level is unchanged: the re-issued message moves <expires>
//                                 forward so the warning does not lapse between cycles
//   active,     signal none    -> Cancel referencing the previous message
// Every active warning is therefore re-issued each cycle, and the log of the latest cycle
// alone describes every warning in force.
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/core/time.hpp"
#include "taifeng/warnings/cap.hpp"
#include "taifeng/warnings/signals.hpp"
#include "taifeng/warnings/unit_warning.hpp"

namespace taifeng::warnings {

struct IssuedMessage {
  std::string identifier, sender;
  std::string sent;  // as written in the message, e.g. "2005-09-25T08:00:00+08:00"
  std::string unit_code;
  std::string hazard;    // hazard_name(): "wind", "surge"
  std::string level;     // signal_name() of the signal now ("none" for a Cancel)
  std::string msg_type;  // "Alert", "Update", "Cancel"
  std::string file;      // the CAP file, relative to the cycle folder
  std::string expires;   // as written; empty if the message has none
  std::string headline;  // headlines of every <info>, joined by " / " (for feeds and people)
};

// <cycle dir>/warnings/messages.json
std::filesystem::path message_log_path(const std::filesystem::path& cycle_dir);

// The messages issued by the cycle whose output folder is `cycle_dir`. Input errors: the
// folder does not exist; it has no log ("not a taifeng cycle folder"); the log is not JSON
// (file:line), lacks a field or has a wrong value (naming messages[i].field), or lists an
// identifier or a unit+hazard twice.
std::vector<IssuedMessage> read_message_log(const std::filesystem::path& cycle_dir);

// The log of one cycle: JSON, messages sorted by (unit_code, hazard) so equal inputs give
// byte-identical files. Duplicate identifiers or unit+hazard pairs are an internal error.
std::string message_log_json(const std::vector<IssuedMessage>& current);

// The log entry of a message about to be written to `file` (relative to the cycle folder);
// times are formatted as cap_to_xml writes them with `utc_offset`.
IssuedMessage issued_message(const CapAlert& alert, const std::string& unit_code, Hazard hazard,
                             SignalLevel level, const std::string& file,
                             std::chrono::minutes utc_offset = china_standard_offset);

// The unit+hazard's message in a log, nullptr if there is none.
const IssuedMessage* find_message(const std::vector<IssuedMessage>& log,
                                  const std::string& unit_code, Hazard hazard);

// "sender,identifier,sent" (CAP 1.2 <references> entry).
std::string cap_reference(const IssuedMessage& m);

struct MessagePlan {
  std::string msg_type;                 // "Alert", "Update", "Cancel", or "" = nothing to send
  std::vector<std::string> references;  // "sender,identifier,sent"
  SignalLevel previous_level = SignalLevel::none;  // of the active previous message
};

// `previous`: the unit+hazard's last message (nullptr if none); `now`: this cycle's signal.
MessagePlan plan_message(const IssuedMessage* previous, SignalLevel now);
// As above, and a previous message that has expired by `sent` (this cycle's sent time)
// counts as not active (CAP: an Update or Cancel must refer to an unexpired message). A
// previous message sent at or after `sent` is an input error: the "previous" folder is this
// cycle or a later one.
MessagePlan plan_message(const IssuedMessage* previous, SignalLevel now, TimePoint sent);

// Atom entry of a message; `href` is the CAP file relative to the feed.
AtomEntry atom_entry(const IssuedMessage& m, const std::string& href);

}  // namespace taifeng::warnings
