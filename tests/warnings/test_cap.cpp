// CAP 1.2 writer, Atom feed writer and XML Schema validation (warnings/cap.hpp).
#include <catch2/catch.hpp>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "taifeng/core/error.hpp"
#include "taifeng/core/time.hpp"
#include "taifeng/warnings/cap.hpp"
#include "xml_test_util.hpp"

using namespace taifeng;
using namespace taifeng::warnings;

using warnings_test::atom_ns;
using warnings_test::cap_ns;
using warnings_test::cap_schema;
using warnings_test::cap_xsd;
using warnings_test::child_names;
using warnings_test::joined;
using warnings_test::ParsedXml;

namespace {

// Typhoon blue warning for Haikou (adcode 460100), in Chinese and English.
CapAlert haikou_alert() {
  CapAlert a;
  a.identifier = "taifeng-460100-typhoon-blue-2005092508";
  a.sender = "taifeng@hainan.example";
  a.sent = make_utc(2005, 9, 25, 0);
  a.response_type = "Prepare";
  a.urgency = "Expected";
  a.severity = "Minor";
  a.certainty = "Likely";
  a.effective = a.sent;
  a.onset = make_utc(2005, 9, 25, 12);
  a.expires = make_utc(2005, 9, 27, 0);
  a.event_codes = {{"CMA_SIGNAL", "11B01"}};
  a.parameters = {{"maxWindSpeed_ms", "17.2"}, {"stormName", "Damrey"}};
  a.infos.push_back({"zh-CN", "台风", "海南省气象台", "海口市气象台发布台风蓝色预警",
                     "受台风“达维”影响，预计24小时内海口市将出现平均风力6级以上大风。",
                     "做好防风准备，注意有关媒体报道的台风最新消息。", "海口市"});
  a.infos.push_back(
      {"en-US", "Typhoon", "Hainan Meteorological Observatory", "Typhoon blue warning for Haikou",
       "Typhoon Damrey is expected to bring winds of force 6 or more within 24 h.",
       "Prepare for strong winds and follow the latest typhoon bulletins.", "Haikou"});
  // Open ring of (lon, lat); the writer must close it.
  a.polygons = {{{110.10, 19.90}, {110.60, 19.90}, {110.60, 20.10}, {110.10, 20.10}}};
  a.geocodes = {{"adcode", "460100"}};
  return a;
}

std::string serialise(xmlDoc* doc) {
  xmlChar* mem = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(mem), static_cast<std::size_t>(size));
  xmlFree(mem);
  return out;
}

}  // namespace

TEST_CASE("bilingual typhoon alert validates against the CAP 1.2 schema", "[cap]") {
  const std::string xml = cap_to_xml(haikou_alert());
  const auto errors = cap_schema().validate(xml, "haikou.cap.xml");
  INFO(joined(errors));
  REQUIRE(errors.empty());

  REQUIRE(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  const ParsedXml p(xml);
  xmlNode* root = xmlDocGetRootElement(p.doc());
  REQUIRE(std::string(reinterpret_cast<const char*>(root->name)) == "alert");
  REQUIRE(root->ns != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(root->ns->href)) == cap_ns);

  CHECK(p.texts("/cap:alert/cap:info/cap:language") == std::vector<std::string>{"zh-CN", "en-US"});
  CHECK(p.text("/cap:alert/cap:info[1]/cap:headline") == "海口市气象台发布台风蓝色预警");
  CHECK(p.text("/cap:alert/cap:info[1]/cap:event") == "台风");
  CHECK(p.text("/cap:alert/cap:info[2]/cap:event") == "Typhoon");
  CHECK(p.text("/cap:alert/cap:info[1]/cap:area/cap:areaDesc") == "海口市");
  CHECK(p.text("/cap:alert/cap:info[2]/cap:area/cap:areaDesc") == "Haikou");
  CHECK(p.texts("//cap:area/cap:geocode/cap:value") ==
        std::vector<std::string>{"460100", "460100"});
  CHECK(p.texts("//cap:area/cap:polygon").size() == 2);
  CHECK(p.text("/cap:alert/cap:info[2]/cap:onset") == "2005-09-25T20:00:00+08:00");
  CHECK(p.text("/cap:alert/cap:info[2]/cap:expires") == "2005-09-27T08:00:00+08:00");
  CHECK(p.texts("//cap:parameter/cap:valueName").size() == 4);
  // Nothing optional that was not asked for.
  CHECK(p.nodes("//cap:note").empty());
  CHECK(p.nodes("//cap:references").empty());
}

TEST_CASE("CAP elements come in schema order", "[cap]") {
  const ParsedXml p(cap_to_xml(haikou_alert()));
  xmlNode* root = xmlDocGetRootElement(p.doc());
  CHECK(child_names(root) == std::vector<std::string>{"identifier", "sender", "sent", "status",
                                                      "msgType", "scope", "info", "info"});
  const auto infos = p.nodes("/cap:alert/cap:info");
  REQUIRE(infos.size() == 2);
  CHECK(child_names(infos[0]) ==
        std::vector<std::string>{"language", "category", "event", "responseType", "urgency",
                                 "severity", "certainty", "eventCode", "effective", "onset",
                                 "expires", "senderName", "headline", "description", "instruction",
                                 "parameter", "parameter", "area"});
  const auto areas = p.nodes("/cap:alert/cap:info[1]/cap:area");
  REQUIRE(areas.size() == 1);
  CHECK(child_names(areas[0]) == std::vector<std::string>{"areaDesc", "polygon", "geocode"});
}

TEST_CASE("CAP times carry the UTC offset, never Z", "[cap]") {
  const CapAlert a = haikou_alert();
  const std::string xml = cap_to_xml(a);
  const ParsedXml p(xml);
  CHECK(p.text("/cap:alert/cap:sent") == "2005-09-25T08:00:00+08:00");
  CHECK(p.text("/cap:alert/cap:info[1]/cap:effective") == "2005-09-25T08:00:00+08:00");
  CHECK(xml.find("Z</") == std::string::npos);

  const ParsedXml utc(cap_to_xml(a, std::chrono::minutes{0}));
  CHECK(utc.text("/cap:alert/cap:sent") == "2005-09-25T00:00:00+00:00");

  SECTION("zero onset is left out") {
    CapAlert b = haikou_alert();
    b.onset = TimePoint{};
    const std::string xml_b = cap_to_xml(b);
    CHECK(ParsedXml(xml_b).nodes("//cap:onset").empty());
    CHECK(cap_schema().validate(xml_b, "no-onset.xml").empty());
  }
}

TEST_CASE("CAP polygon is lat,lon pairs and a closed ring", "[cap]") {
  CapAlert a = haikou_alert();
  const ParsedXml p(cap_to_xml(a));
  const std::string poly = p.texts("/cap:alert/cap:info[1]/cap:area/cap:polygon").at(0);
  // Latitude (19.9) first, longitude (110.1) second.
  CHECK(poly.rfind("19.900000,110.100000 ", 0) == 0);
  CHECK(poly ==
        "19.900000,110.100000 19.900000,110.600000 20.100000,110.600000 "
        "20.100000,110.100000 19.900000,110.100000");

  SECTION("an already closed ring is not closed twice") {
    a.polygons[0].push_back(a.polygons[0].front());
    const ParsedXml q(cap_to_xml(a));
    CHECK(q.texts("/cap:alert/cap:info[1]/cap:area/cap:polygon").at(0) == poly);
  }
  SECTION("southern and western coordinates keep their sign") {
    a.polygons = {{{-70.5, -33.25}, {-70.0, -33.25}, {-70.0, -33.0}}};
    const ParsedXml q(cap_to_xml(a));
    CHECK(q.texts("//cap:polygon").at(0) ==
          "-33.250000,-70.500000 -33.250000,-70.000000 -33.000000,-70.000000 "
          "-33.250000,-70.500000");
  }
  SECTION("rings with fewer than 3 distinct points are rejected") {
    a.polygons = {{{110.1, 19.9}, {110.6, 19.9}, {110.1, 19.9}}};
    CHECK_THROWS_AS(cap_to_xml(a), Error);
    a.polygons = {{}};
    CHECK_THROWS_AS(cap_to_xml(a), Error);
  }
  SECTION("latitude out of range is rejected") {
    a.polygons = {{{19.9, 110.1}, {19.9, 110.6}, {20.1, 110.6}}};  // lon/lat swapped
    CHECK_THROWS_AS(cap_to_xml(a), Error);
  }
}

TEST_CASE("CAP Update with references validates", "[cap]") {
  CapAlert a = haikou_alert();
  a.msg_type = "Update";
  a.identifier = "taifeng-460100-typhoon-yellow-2005092514";
  a.sent = make_utc(2005, 9, 25, 6);
  a.references = {
      "taifeng@hainan.example,taifeng-460100-typhoon-blue-2005092508,"
      "2005-09-25T08:00:00+08:00",
      "taifeng@hainan.example,taifeng-460100-typhoon-blue-2005092511,"
      "2005-09-25T11:00:00+08:00"};
  a.note = "Upgraded from blue to yellow.";
  const std::string xml = cap_to_xml(a);
  const auto errors = cap_schema().validate(xml, "update.xml");
  INFO(joined(errors));
  REQUIRE(errors.empty());
  const ParsedXml p(xml);
  CHECK(p.text("/cap:alert/cap:msgType") == "Update");
  CHECK(p.text("/cap:alert/cap:references") == a.references[0] + " " + a.references[1]);
  CHECK(p.text("/cap:alert/cap:note") == a.note);
  CHECK(child_names(xmlDocGetRootElement(p.doc())) ==
        std::vector<std::string>{"identifier", "sender", "sent", "status", "msgType", "scope",
                                 "note", "references", "info", "info"});
}

TEST_CASE("schema violations are reported with name and line", "[cap]") {
  SECTION("unknown msgType") {
    CapAlert a = haikou_alert();
    a.msg_type = "Bogus";
    const std::string xml = cap_to_xml(a);
    const auto errors = cap_schema().validate(xml, "bogus.xml");
    REQUIRE_FALSE(errors.empty());
    // msgType is on line 7: declaration, <alert>, identifier, sender, sent, status, msgType.
    CHECK(errors.front().rfind("bogus.xml:7: ", 0) == 0);
    CHECK(errors.front().find("msgType") != std::string::npos);
    CHECK(errors.front().back() != '\n');
  }
  SECTION("required element removed") {
    const ParsedXml p(cap_to_xml(haikou_alert()));
    const auto sender = p.nodes("/cap:alert/cap:sender");
    REQUIRE(sender.size() == 1);
    xmlUnlinkNode(sender[0]);
    xmlFreeNode(sender[0]);
    const auto errors = cap_schema().validate(serialise(p.doc()), "no-sender.xml");
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front().rfind("no-sender.xml:", 0) == 0);
    CHECK(errors.front().find("sent") != std::string::npos);  // found <sent>, expected <sender>
  }
  SECTION("wrong namespace") {
    std::string xml = cap_to_xml(haikou_alert());
    xml.replace(xml.find("cap:1.2"), 7, "cap:1.1");
    CHECK_FALSE(cap_schema().validate(xml, "cap11.xml").empty());
  }
}

TEST_CASE("text that is not XML yields an error, not a crash", "[cap]") {
  const auto errors = cap_schema().validate("this is not XML & never was", "junk.txt");
  REQUIRE_FALSE(errors.empty());
  CHECK(errors.front().rfind("junk.txt:1: ", 0) == 0);

  const auto empty = cap_schema().validate("", "empty.xml");
  REQUIRE(empty.size() == 1);
  CHECK(empty.front() == "empty.xml: empty document");
  const auto truncated = cap_schema().validate(
      "<?xml version=\"1.0\"?>\n<alert xmlns=\"" + std::string(cap_ns) + "\">\n<identifier>",
      "truncated.xml");
  REQUIRE_FALSE(truncated.empty());
  CHECK(truncated.front().rfind("truncated.xml:", 0) == 0);
  // The schema is still usable afterwards.
  CHECK(cap_schema().validate(cap_to_xml(haikou_alert()), "ok.xml").empty());
}

TEST_CASE("special characters are escaped and survive a round trip", "[cap]") {
  CapAlert a = haikou_alert();
  const std::string headline = "Wind > 17 m/s & \"heavy\" <rain> at Haikou's coast";
  a.infos[1].headline = headline;
  a.infos[1].description = "Line 1\nLine 2 & more\tand ]]> end";
  const std::string xml = cap_to_xml(a);
  CHECK(xml.find("&amp;") != std::string::npos);
  CHECK(xml.find("&lt;rain") != std::string::npos);
  CHECK(xml.find("<rain>") == std::string::npos);
  CHECK(cap_schema().validate(xml, "escaped.xml").empty());
  const ParsedXml p(xml);
  CHECK(p.text("/cap:alert/cap:info[2]/cap:headline") == headline);
  CHECK(p.text("/cap:alert/cap:info[2]/cap:description") == a.infos[1].description);

  SECTION("texts XML cannot carry are refused") {
    a.infos[1].headline = std::string("bell \x07");
    CHECK_THROWS_AS(cap_to_xml(a), Error);
    a.infos[1].headline = std::string("bad utf-8 \xff\xfe");
    CHECK_THROWS_AS(cap_to_xml(a), Error);
  }
  SECTION("identifiers with spaces or commas are refused") {
    a.identifier = "a,b";
    CHECK_THROWS_AS(cap_to_xml(a), Error);
    a.identifier = "a b";
    CHECK_THROWS_AS(cap_to_xml(a), Error);
  }
}

TEST_CASE("Atom feed lists CAP messages", "[cap][atom]") {
  AtomFeed feed;
  feed.id = "urn:taifeng:feed:hainan";
  feed.title = "海南台风预警 / Hainan typhoon warnings";
  feed.author = "taifeng";
  feed.self_href = "feed.atom";
  feed.updated = make_utc(2005, 9, 25, 6);
  feed.entries.push_back({"urn:taifeng:cap:a1", "海口市台风蓝色预警", "Blue & rising", "cap/a1.xml",
                          make_utc(2005, 9, 25, 0)});
  feed.entries.push_back({"urn:taifeng:cap:a2", "Haikou typhoon yellow warning", "Yellow",
                          "cap/a2.xml", make_utc(2005, 9, 25, 6)});
  const std::string xml = atom_to_xml(feed);
  const ParsedXml p(xml);
  xmlNode* root = xmlDocGetRootElement(p.doc());
  REQUIRE(std::string(reinterpret_cast<const char*>(root->name)) == "feed");
  REQUIRE(root->ns != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(root->ns->href)) == atom_ns);
  CHECK(child_names(root) ==
        std::vector<std::string>{"id", "title", "updated", "author", "link", "entry", "entry"});

  CHECK(p.text("/atom:feed/atom:updated") == "2005-09-25T14:00:00+08:00");
  CHECK(p.text("/atom:feed/atom:title") == feed.title);
  CHECK(p.text("/atom:feed/atom:author/atom:name") == "taifeng");
  CHECK(p.text("/atom:feed/atom:link[@rel='self']/@href") == "feed.atom");
  REQUIRE(p.nodes("/atom:feed/atom:entry").size() == 2);
  CHECK(p.texts("/atom:feed/atom:entry/atom:link[@rel='alternate']/@type") ==
        std::vector<std::string>{"application/cap+xml", "application/cap+xml"});
  CHECK(p.texts("/atom:feed/atom:entry/atom:link/@href") ==
        std::vector<std::string>{"cap/a1.xml", "cap/a2.xml"});
  CHECK(p.text("/atom:feed/atom:entry[1]/atom:updated") == "2005-09-25T08:00:00+08:00");
  CHECK(p.text("/atom:feed/atom:entry[1]/atom:summary") == "Blue & rising");
  CHECK(child_names(p.nodes("/atom:feed/atom:entry")[0]) ==
        std::vector<std::string>{"id", "title", "updated", "summary", "link"});

  SECTION("empty feed") {
    feed.entries.clear();
    const ParsedXml q(atom_to_xml(feed));
    CHECK(q.nodes("//atom:entry").empty());
  }
}

TEST_CASE("XmlSchema loading", "[cap][schema]") {
  SECTION("missing file is an input error naming the path") {
    const std::string missing = TAIFENG_DATA_DIR "/standards/no-such-schema.xsd";
    try {
      XmlSchema s(missing);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK(std::string(e.what()).find(missing) != std::string::npos);
    }
  }
  SECTION("a file that is not a schema is an input error") {
    const std::filesystem::path dir = TAIFENG_TEST_TMP;
    std::filesystem::create_directories(dir);
    const auto bad = dir / "not-a-schema.xsd";
    {
      std::ofstream out(bad);
      out << "<html><body>not a schema</body></html>\n";
    }
    CHECK_THROWS_AS(XmlSchema(bad), Error);
    {
      std::ofstream out(bad);
      out << "not even XML\n";
    }
    try {
      XmlSchema s(bad);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK(std::string(e.what()).find(bad.string()) != std::string::npos);
    }
    std::filesystem::remove(bad);
  }
  SECTION("two schemas live side by side") {
    XmlSchema first(cap_xsd);
    XmlSchema second(cap_xsd);
    const std::string xml = cap_to_xml(haikou_alert());
    CHECK(first.validate(xml, "a.xml").empty());
    CHECK(second.validate(xml, "b.xml").empty());
    CHECK(cap_schema().validate(xml, "c.xml").empty());
  }
}

TEST_CASE("CAP resource is written per info in schema order", "[cap][resource]") {
  CapAlert a = haikou_alert();
  a.infos[0].resources.push_back({"台风大风预报图", "image/png", 123456, "maps/wind_swath.png"});
  a.infos[1].resources.push_back(
      {"Forecast wind map", "image/png", std::nullopt, "https://example.org/maps/wind_swath.png"});
  a.infos[1].resources.push_back({"Map without a link", "image/png", std::nullopt, ""});
  const std::string xml = cap_to_xml(a);
  const auto errors = cap_schema().validate(xml, "resource.xml");
  INFO(joined(errors));
  REQUIRE(errors.empty());

  const ParsedXml p(xml);
  const auto infos = p.nodes("/cap:alert/cap:info");
  REQUIRE(infos.size() == 2);
  // resource after the parameters and before the area (CAP 1.2 §3.2.2 / the XSD sequence).
  const auto names = child_names(infos[0]);
  REQUIRE(names.size() >= 3);
  CHECK(names[names.size() - 3] == "parameter");
  CHECK(names[names.size() - 2] == "resource");
  CHECK(names.back() == "area");
  CHECK(p.nodes("/cap:alert/cap:info[2]/cap:resource").size() == 2);

  const auto zh_resource = p.nodes("/cap:alert/cap:info[1]/cap:resource");
  REQUIRE(zh_resource.size() == 1);
  CHECK(child_names(zh_resource[0]) ==
        std::vector<std::string>{"resourceDesc", "mimeType", "size", "uri"});
  CHECK(p.text("/cap:alert/cap:info[1]/cap:resource/cap:resourceDesc") == "台风大风预报图");
  CHECK(p.text("/cap:alert/cap:info[1]/cap:resource/cap:size") == "123456");
  CHECK(p.text("/cap:alert/cap:info[1]/cap:resource/cap:uri") == "maps/wind_swath.png");
  CHECK(p.texts("/cap:alert/cap:info[2]/cap:resource/cap:uri") ==
        std::vector<std::string>{"https://example.org/maps/wind_swath.png"});
  CHECK(child_names(p.nodes("/cap:alert/cap:info[2]/cap:resource")[1]) ==
        std::vector<std::string>{"resourceDesc", "mimeType"});

  SECTION("a resource without a description or MIME type is refused") {
    a.infos[1].resources[0].description.clear();
    CHECK_THROWS_AS(cap_to_xml(a), Error);
    a.infos[1].resources[0].description = "map";
    a.infos[1].resources[0].mime_type = "png";
    CHECK_THROWS_AS(cap_to_xml(a), Error);
  }
  SECTION("a URI with characters that must be percent-encoded is refused") {
    for (const std::string& bad : std::vector<std::string>{
             "maps/wind swath.png", "maps/<x>.png", "maps/\"x\".png", "maps/\xe5\x9b\xbe.png"}) {
      a.infos[1].resources[0].uri = bad;
      CHECK_THROWS_AS(cap_to_xml(a), Error);
    }
    a.infos[1].resources[0].uri = "maps/wind%20swath.png?cycle=2005092500&x=1";
    CHECK(cap_schema().validate(cap_to_xml(a), "escaped-uri.xml").empty());
  }
}
