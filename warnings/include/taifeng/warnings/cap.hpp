#pragma once
// OASIS Common Alerting Protocol 1.2 messages and the Atom feed that lists them.
// XML is produced with libxml2 (never by string concatenation), so every text is escaped.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "taifeng/core/geo.hpp"
#include "taifeng/core/time.hpp"

namespace taifeng::warnings {

// A <resource> of an <info> block (CAP 1.2 §3.2.3), e.g. the rendered forecast map.
struct CapResource {
  std::string description;            // <resourceDesc>, in the info's language (required)
  std::string mime_type;              // <mimeType>, e.g. "image/png" (required)
  std::optional<std::uint64_t> size;  // <size>, bytes
  std::string uri;                    // <uri>; CAP 1.2 asks for an absolute URI unless
                                      // <derefUri> is given, the schema accepts relative ones
};

// Texts of one <info> block; one per language.
struct CapInfoText {
  std::string language;     // "zh-CN", "en-US"
  std::string event;        // "台风" / "Typhoon"
  std::string sender_name;  // human-readable issuer
  std::string headline;
  std::string description;
  std::string instruction;
  std::string area_desc;                 // county name in this language
  std::vector<CapResource> resources{};  // written after the parameters, before <area>
};

struct CapAlert {
  std::string identifier;          // unique per sender, no spaces, commas or '<' '&'
  std::string sender;              // e.g. "taifeng@hainan.example"
  TimePoint sent{};                // UTC; written with the offset below, never "Z"
  std::string status = "Actual";   // Actual | Exercise | System | Test | Draft
  std::string msg_type = "Alert";  // Alert | Update | Cancel
  std::string scope = "Public";
  std::string note;                     // optional (required by convention for Exercise)
  std::vector<std::string> references;  // "sender,identifier,sent" of earlier messages
  // <info> common to every language
  std::string category = "Met";
  std::string response_type;  // Evacuate | Shelter | Prepare | Monitor | AllClear | None
  std::string urgency;        // Immediate | Expected | Future | Past | Unknown
  std::string severity;       // Extreme | Severe | Moderate | Minor | Unknown
  std::string certainty;      // Observed | Likely | Possible | Unlikely | Unknown
  TimePoint effective{}, onset{}, expires{};
  std::vector<std::pair<std::string, std::string>> event_codes;  // valueName, value
  std::vector<std::pair<std::string, std::string>> parameters;   // valueName, value
  std::vector<CapInfoText> infos;                                // one per language, in order
  // <area> (one, shared by every info): polygons as rings of (lon, lat); the writer
  // closes a ring that is not closed and writes "lat,lon lat,lon …".
  std::vector<std::vector<LonLat>> polygons;
  std::vector<std::pair<std::string, std::string>> geocodes;  // valueName, value
};

// Serialises one alert as a UTF-8 CAP 1.2 document; times use `utc_offset`
// (China Standard Time by default), e.g. 2005-09-25T08:00:00+08:00.
std::string cap_to_xml(const CapAlert& alert,
                       std::chrono::minutes utc_offset = china_standard_offset);

struct AtomEntry {
  std::string id;  // e.g. "urn:taifeng:cap:<identifier>"
  std::string title;
  std::string summary;
  std::string href;  // link to the CAP file, relative to the feed
  TimePoint updated{};
};

struct AtomFeed {
  std::string id;
  std::string title;
  std::string author;
  std::string self_href;  // the feed's own file name
  TimePoint updated{};
  std::vector<AtomEntry> entries;
};

// Atom 1.0 (RFC 4287) document; each entry links to its CAP message with
// rel="alternate" type="application/cap+xml".
std::string atom_to_xml(const AtomFeed& feed,
                        std::chrono::minutes utc_offset = china_standard_offset);

// An XML Schema loaded once (libxml2) and used to validate documents in memory.
class XmlSchema {
 public:
  explicit XmlSchema(const std::filesystem::path& xsd);  // input error if unreadable/invalid
  ~XmlSchema();
  XmlSchema(const XmlSchema&) = delete;
  XmlSchema& operator=(const XmlSchema&) = delete;
  // Empty if valid; otherwise one message per problem, "name:line: message".
  std::vector<std::string> validate(const std::string& xml, const std::string& name) const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace taifeng::warnings
