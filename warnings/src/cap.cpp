#include "taifeng/warnings/cap.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>

#include <climits>
#include <cmath>
#include <memory>
#include <set>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng::warnings {
namespace {

constexpr const char* cap_namespace = "urn:oasis:names:tc:emergency:cap:1.2";
constexpr const char* atom_namespace = "http://www.w3.org/2005/Atom";

const xmlChar* xml_str(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

void ensure_libxml_initialised() {
  // xmlInitParser is idempotent, but its first call must not race with other threads.
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
}

// XML 1.0 can carry neither invalid UTF-8 nor most C0 controls (not even as &#1;), so a
// text that libxml2 would write into a broken document is refused here.
void check_text(const char* element, const std::string& text) {
  const bool has_nul = text.find('\0') != std::string::npos;
  if (has_nul || xmlCheckUTF8(xml_str(text.c_str())) == 0)
    throw_input_error(fmt::format("CAP/Atom <{}>", element), "text is not valid UTF-8");
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r')
      throw_input_error(fmt::format("CAP/Atom <{}>", element),
                        fmt::format("control character 0x{:02x} cannot appear in XML", u));
  }
}

// CAP 1.2 §3.2.1: identifier and sender must not contain spaces, commas, '<' or '&'.
void check_cap_token(const char* element, const std::string& value) {
  TAIFENG_CHECK(!value.empty(), fmt::format("CAP <{}> must not be empty", element));
  TAIFENG_CHECK(value.find_first_of(" ,<&\t\n\r") == std::string::npos,
                fmt::format("CAP <{}> '{}' contains a space, comma, '<' or '&'", element, value));
}

// Thin RAII wrapper over xmlTextWriter writing into a memory buffer; every libxml2 failure
// becomes an internal error instead of a silently truncated document.
class Writer {
 public:
  Writer() : buffer_(xmlBufferCreate()) {
    if (buffer_ != nullptr) writer_ = xmlNewTextWriterMemory(buffer_, 0);
    if (writer_ == nullptr) {
      if (buffer_ != nullptr) xmlBufferFree(buffer_);
      throw_internal_error("libxml2", "cannot create an XML writer");
    }
    ok(xmlTextWriterSetIndent(writer_, 1));
    ok(xmlTextWriterSetIndentString(writer_, xml_str("  ")));
    ok(xmlTextWriterStartDocument(writer_, nullptr, "UTF-8", nullptr));
  }
  ~Writer() {
    if (writer_ != nullptr) xmlFreeTextWriter(writer_);
    xmlBufferFree(buffer_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // `ns` only on the root: children inherit it as the default namespace.
  void start(const char* name, const char* ns = nullptr) {
    ok(xmlTextWriterStartElementNS(writer_, nullptr, xml_str(name),
                                   ns != nullptr ? xml_str(ns) : nullptr));
  }
  void end() { ok(xmlTextWriterEndElement(writer_)); }
  void attribute(const char* name, const std::string& value) {
    check_text(name, value);
    ok(xmlTextWriterWriteAttribute(writer_, xml_str(name), xml_str(value.c_str())));
  }
  void element(const char* name, const std::string& text) {
    check_text(name, text);
    ok(xmlTextWriterWriteElement(writer_, xml_str(name), xml_str(text.c_str())));
  }
  // <name><valueName>…</valueName><value>…</value></name>
  void value_pair(const char* name, const std::pair<std::string, std::string>& pair) {
    start(name);
    element("valueName", pair.first);
    element("value", pair.second);
    end();
  }
  std::string finish() {
    ok(xmlTextWriterEndDocument(writer_));
    ok(xmlTextWriterFlush(writer_));
    xmlFreeTextWriter(writer_);  // closes the output buffer: everything is in buffer_ now
    writer_ = nullptr;
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                       static_cast<std::size_t>(xmlBufferLength(buffer_)));
  }

 private:
  static void ok(int rc) {
    if (rc < 0) throw_internal_error("libxml2", "xmlTextWriter failed while writing XML");
  }
  xmlBufferPtr buffer_ = nullptr;
  xmlTextWriterPtr writer_ = nullptr;
};

// "lat,lon lat,lon …" (CAP 1.2 §3.2.4, WGS 84), ring closed.
std::string polygon_text(const std::vector<LonLat>& ring) {
  std::vector<std::string> points;
  points.reserve(ring.size() + 1);
  for (const LonLat& p : ring) {
    TAIFENG_CHECK(std::isfinite(p.lat) && std::isfinite(p.lon) && std::abs(p.lat) <= 90.0 &&
                      std::abs(p.lon) <= 180.0,
                  fmt::format("CAP polygon point ({}, {}) is not a WGS 84 lon/lat", p.lon, p.lat));
    // fmt ignores the global locale unless asked ('L'), so the decimal mark is always '.'.
    points.push_back(fmt::format("{:.6f},{:.6f}", p.lat, p.lon));
  }
  // Distinct at the written precision: that is what a reader of the message sees.
  const std::set<std::string> distinct(points.begin(), points.end());
  TAIFENG_CHECK(
      distinct.size() >= 3,
      fmt::format("CAP polygon needs at least 3 distinct points, got {}", distinct.size()));
  if (points.front() != points.back()) points.push_back(points.front());
  return fmt::format("{}", fmt::join(points, " "));
}

// <resourceDesc> and <mimeType> are required; a URI must not carry characters that RFC 3986
// allows only percent-encoded (spaces, quotes, angle brackets …), or xs:anyURI readers differ.
void check_resource(const CapResource& r) {
  if (r.description.empty()) throw_input_error("CAP <resource>", "resourceDesc must not be empty");
  if (r.mime_type.empty() || r.mime_type.find_first_of(" \t\r\n,<>&\"'") != std::string::npos ||
      r.mime_type.find('/') == std::string::npos)
    throw_input_error("CAP <resource>",
                      fmt::format("mimeType '{}' is not a MIME type (type/subtype)", r.mime_type));
  for (const char c : r.uri) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || std::string_view("\"<>\\^`{|}").find(c) != std::string::npos)
      throw_input_error(
          "CAP <resource>",
          fmt::format("uri '{}' has a character that must be percent-encoded", r.uri));
  }
}

}  // namespace

std::string cap_to_xml(const CapAlert& alert, std::chrono::minutes utc_offset) {
  ensure_libxml_initialised();
  check_cap_token("identifier", alert.identifier);
  check_cap_token("sender", alert.sender);
  const auto when = [utc_offset](TimePoint t) { return format_iso_offset(t, utc_offset); };

  // Polygons are the same for every <info>: format (and check) them once.
  std::vector<std::string> polygons;
  polygons.reserve(alert.polygons.size());
  for (const auto& ring : alert.polygons) polygons.push_back(polygon_text(ring));
  for (const CapInfoText& info : alert.infos)
    for (const CapResource& resource : info.resources) check_resource(resource);

  Writer w;
  w.start("alert", cap_namespace);
  w.element("identifier", alert.identifier);
  w.element("sender", alert.sender);
  w.element("sent", when(alert.sent));
  w.element("status", alert.status);
  w.element("msgType", alert.msg_type);
  w.element("scope", alert.scope);
  if (!alert.note.empty()) w.element("note", alert.note);
  if (!alert.references.empty())
    w.element("references", fmt::format("{}", fmt::join(alert.references, " ")));

  for (const CapInfoText& info : alert.infos) {
    w.start("info");
    w.element("language", info.language);
    w.element("category", alert.category);
    w.element("event", info.event);
    if (!alert.response_type.empty()) w.element("responseType", alert.response_type);
    w.element("urgency", alert.urgency);
    w.element("severity", alert.severity);
    w.element("certainty", alert.certainty);
    for (const auto& code : alert.event_codes) w.value_pair("eventCode", code);
    w.element("effective", when(alert.effective));
    if (alert.onset != TimePoint{}) w.element("onset", when(alert.onset));
    w.element("expires", when(alert.expires));
    w.element("senderName", info.sender_name);
    w.element("headline", info.headline);
    w.element("description", info.description);
    w.element("instruction", info.instruction);
    for (const auto& parameter : alert.parameters) w.value_pair("parameter", parameter);
    for (const CapResource& resource : info.resources) {
      w.start("resource");
      w.element("resourceDesc", resource.description);
      w.element("mimeType", resource.mime_type);
      if (resource.size) w.element("size", std::to_string(*resource.size));
      if (!resource.uri.empty()) w.element("uri", resource.uri);
      w.end();  // resource
    }
    w.start("area");
    w.element("areaDesc", info.area_desc);
    for (const std::string& polygon : polygons) w.element("polygon", polygon);
    for (const auto& geocode : alert.geocodes) w.value_pair("geocode", geocode);
    w.end();  // area
    w.end();  // info
  }
  w.end();  // alert
  return w.finish();
}

std::string atom_to_xml(const AtomFeed& feed, std::chrono::minutes utc_offset) {
  ensure_libxml_initialised();
  const auto when = [utc_offset](TimePoint t) { return format_iso_offset(t, utc_offset); };

  Writer w;
  w.start("feed", atom_namespace);
  w.element("id", feed.id);
  w.element("title", feed.title);
  w.element("updated", when(feed.updated));
  w.start("author");
  w.element("name", feed.author);
  w.end();
  w.start("link");
  w.attribute("rel", "self");
  w.attribute("href", feed.self_href);
  w.end();
  for (const AtomEntry& entry : feed.entries) {
    w.start("entry");
    w.element("id", entry.id);
    w.element("title", entry.title);
    w.element("updated", when(entry.updated));
    w.element("summary", entry.summary);
    w.start("link");
    w.attribute("rel", "alternate");
    w.attribute("type", "application/cap+xml");
    w.attribute("href", entry.href);
    w.end();
    w.end();  // entry
  }
  w.end();  // feed
  return w.finish();
}

// ------------------------------------------------------------------------------------
// XmlSchema

namespace {

struct ErrorSink {
  std::string name;
  std::vector<std::string> messages;
};

void collect_error(void* data, xmlErrorPtr error) {
  if (data == nullptr || error == nullptr) return;
  auto* sink = static_cast<ErrorSink*>(data);
  if (error->level < XML_ERR_ERROR) return;  // warnings do not make a document invalid
  std::string message = error->message != nullptr ? error->message : "unknown libxml2 error";
  while (!message.empty() &&
         (message.back() == '\n' || message.back() == '\r' || message.back() == ' '))
    message.pop_back();
  sink->messages.push_back(where(sink->name, error->line) + ": " + message);
}

// Routes libxml2's generic errors (document parser, schema file reader) into a sink for the
// lifetime of the object. The handler is per thread in libxml2, and the previous one is
// restored, so concurrent validations and other libxml2 users are not disturbed.
class ErrorRedirect {
 public:
  explicit ErrorRedirect(ErrorSink* sink)
      : old_handler_(xmlStructuredError), old_context_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(sink, collect_error);
  }
  ~ErrorRedirect() { xmlSetStructuredErrorFunc(old_context_, old_handler_); }
  ErrorRedirect(const ErrorRedirect&) = delete;
  ErrorRedirect& operator=(const ErrorRedirect&) = delete;

 private:
  xmlStructuredErrorFunc old_handler_;
  void* old_context_;
};

std::string first_messages(const std::vector<std::string>& messages, std::size_t n = 3) {
  std::string text;
  for (std::size_t i = 0; i < messages.size() && i < n; ++i) text += "; " + messages[i];
  if (messages.size() > n) text += fmt::format("; … ({} more)", messages.size() - n);
  return text;
}

}  // namespace

struct XmlSchema::Impl {
  std::string path;
  xmlSchemaPtr schema = nullptr;

  ~Impl() {
    if (schema != nullptr) xmlSchemaFree(schema);
  }
};

XmlSchema::XmlSchema(const std::filesystem::path& xsd) {
  ensure_libxml_initialised();
  auto impl = std::make_unique<Impl>();
  impl->path = xsd.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(xsd, ec))
    throw_input_error(impl->path, "XML schema file does not exist or is not a regular file");

  ErrorSink sink{impl->path, {}};
  ErrorRedirect redirect(&sink);
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(impl->path.c_str());
  if (parser == nullptr) throw_input_error(impl->path, "cannot create an XML schema parser");
  xmlSchemaSetParserStructuredErrors(parser, collect_error, &sink);
  impl->schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (impl->schema == nullptr)
    throw_input_error(impl->path, "cannot load XML schema" + first_messages(sink.messages));
  impl_ = impl.release();
}

XmlSchema::~XmlSchema() {
  delete impl_;
}

std::vector<std::string> XmlSchema::validate(const std::string& xml,
                                             const std::string& name) const {
  ErrorSink sink{name, {}};
  if (xml.size() > static_cast<std::size_t>(INT_MAX)) {
    sink.messages.push_back(name + ": document too large for libxml2");
    return sink.messages;
  }
  ErrorRedirect redirect(&sink);
  // NONET: never fetch external entities or DTDs while validating untrusted files.
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr,
                                XML_PARSE_NONET | XML_PARSE_BIG_LINES);
  if (doc == nullptr) {
    if (sink.messages.empty())
      sink.messages.push_back(name + (xml.empty() ? ": empty document" : ": not well-formed XML"));
    return sink.messages;
  }
  xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(impl_->schema);
  if (valid == nullptr) {
    xmlFreeDoc(doc);
    throw_internal_error("libxml2", "cannot create an XML schema validation context");
  }
  xmlSchemaSetValidStructuredErrors(valid, collect_error, &sink);
  const int rc = xmlSchemaValidateDoc(valid, doc);
  xmlSchemaFreeValidCtxt(valid);
  xmlFreeDoc(doc);
  if (rc != 0 && sink.messages.empty())
    sink.messages.push_back(
        fmt::format("{}: not valid against {} (libxml2 code {})", name, impl_->path, rc));
  return sink.messages;
}

}  // namespace taifeng::warnings
