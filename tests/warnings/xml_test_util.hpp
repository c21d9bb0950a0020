#pragma once
// Shared by the CAP tests: parsing written XML with libxml2 and querying it with XPath.
#include <catch2/catch.hpp>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>
#include <string>
#include <vector>

#include "taifeng/warnings/cap.hpp"

namespace warnings_test {

inline const std::string cap_xsd = TAIFENG_DATA_DIR "/standards/CAP-v1.2.xsd";
inline constexpr const char* cap_ns = "urn:oasis:names:tc:emergency:cap:1.2";
inline constexpr const char* atom_ns = "http://www.w3.org/2005/Atom";

// One schema for the whole test executable (parsing the XSD is not free).
inline const taifeng::warnings::XmlSchema& cap_schema() {
  static const taifeng::warnings::XmlSchema schema(cap_xsd);
  return schema;
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct XPathContextFree {
  void operator()(xmlXPathContext* c) const { xmlXPathFreeContext(c); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObject* o) const { xmlXPathFreeObject(o); }
};

// A parsed document queried with XPath; prefixes "cap" and "atom" are registered.
class ParsedXml {
 public:
  explicit ParsedXml(const std::string& xml)
      : doc_(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "test.xml", nullptr,
                           XML_PARSE_NONET)) {
    REQUIRE(doc_ != nullptr);
    ctx_.reset(xmlXPathNewContext(doc_.get()));
    REQUIRE(ctx_ != nullptr);
    xmlXPathRegisterNs(ctx_.get(), BAD_CAST "cap", BAD_CAST cap_ns);
    xmlXPathRegisterNs(ctx_.get(), BAD_CAST "atom", BAD_CAST atom_ns);
  }
  std::vector<xmlNode*> nodes(const std::string& xpath) const {
    std::unique_ptr<xmlXPathObject, XPathObjectFree> r(
        xmlXPathEvalExpression(BAD_CAST xpath.c_str(), ctx_.get()));
    REQUIRE(r != nullptr);
    std::vector<xmlNode*> out;
    if (r->nodesetval != nullptr)
      for (int i = 0; i < r->nodesetval->nodeNr; ++i) out.push_back(r->nodesetval->nodeTab[i]);
    return out;
  }
  std::vector<std::string> texts(const std::string& xpath) const {
    std::vector<std::string> out;
    for (xmlNode* n : nodes(xpath)) {
      xmlChar* c = xmlNodeGetContent(n);
      out.emplace_back(c != nullptr ? reinterpret_cast<const char*>(c) : "");
      xmlFree(c);
    }
    return out;
  }
  std::string text(const std::string& xpath) const {
    const auto all = texts(xpath);
    REQUIRE(all.size() == 1);
    return all.front();
  }
  xmlDoc* doc() const { return doc_.get(); }

 private:
  std::unique_ptr<xmlDoc, DocFree> doc_;
  std::unique_ptr<xmlXPathContext, XPathContextFree> ctx_;
};

inline std::vector<std::string> child_names(xmlNode* parent) {
  std::vector<std::string> names;
  for (xmlNode* c = parent->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE) names.emplace_back(reinterpret_cast<const char*>(c->name));
  return names;
}

inline std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

}  // namespace warnings_test
