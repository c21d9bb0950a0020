// CAP messages across forecast cycles (cap_history.hpp): Alert -> Update -> Cancel with
// references read back from the previous cycle's folder, the message log, the Atom feed,
// and hostile unit names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/warnings/alerts.hpp"
#include "taifeng/warnings/bulletin.hpp"
#include "taifeng/warnings/cap_history.hpp"
#include "xml_test_util.hpp"

using namespace taifeng;
using namespace taifeng::warnings;
using warnings_test::cap_schema;
using warnings_test::joined;
using warnings_test::ParsedXml;
namespace fs = std::filesystem;

namespace {

AdminUnit square(const std::string& code, const std::string& zh, const std::string& en,
                 double lon0) {
  AdminUnit u;
  u.code = code;
  u.name_zh = zh;
  u.name_en = en;
  u.population = 500000;
  u.shape = {Polygon{{{lon0, 19.0}, {lon0 + 0.3, 19.0}, {lon0 + 0.3, 19.3}, {lon0, 19.3}}, {}}};
  u.center = {lon0 + 0.15, 19.15};
  return u;
}

AlertContext context(TimePoint t0) {
  AlertContext c;
  c.sender = "taifeng@hainan.example";
  c.sender_name_zh = "海南省气象台";
  c.sender_name_en = "Hainan Meteorological Observatory";
  c.identifier_prefix = "cn.hainan.taifeng";
  c.storm_id = "200518";
  c.storm_name_en = "Damrey";
  c.storm_name_zh = "达维";
  c.analysis_time = t0;
  c.expires_hours = 7;  // a little longer than the 6-hourly cycle
  c.map_uri = "maps/wind.png";
  return c;
}

UnitWarning warning(Hazard h, SignalLevel level) {
  UnitWarning w;
  w.hazard = h;
  w.level = level;
  if (level == SignalLevel::none) return w;
  w.probability = 0.7;
  w.probability_threshold = 0.4;
  w.lead_hours = 6;
  w.reason = "test criterion met";
  w.max_value = h == Hazard::wind ? 25.0 : 0.8;
  w.population = 500000;
  w.exposed = {400000, 200000, 1000, 0};
  w.expected_exposed = 150000;
  w.evacuate = level >= SignalLevel::orange ? 5000 : 0;
  return w;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Forecast {
  AdminUnit unit;
  UnitWarning warning;
};

// One cycle as the forecast cycle runs it: the plan of each unit+hazard from the previous
// cycle's log (none before the first), every message validated and written to
// <dir>/cap/<identifier>.xml, then the log and the Atom feed of the messages issued.
std::vector<IssuedMessage> run_cycle(const fs::path& dir, const std::optional<fs::path>& previous,
                                     TimePoint t0, const std::vector<Forecast>& forecasts) {
  fs::remove_all(dir);
  fs::create_directories(dir / "cap");
  fs::create_directories(dir / "warnings");
  const std::vector<IssuedMessage> before =
      previous ? read_message_log(*previous) : std::vector<IssuedMessage>{};
  const AlertContext ctx = context(t0);
  std::vector<IssuedMessage> issued;
  AtomFeed feed;
  feed.id = "urn:taifeng:feed:test";
  feed.title = "test";
  feed.author = "test";
  feed.self_href = "feed.xml";
  feed.updated = t0;
  for (const Forecast& f : forecasts) {
    const MessagePlan plan =
        plan_message(find_message(before, f.unit.code, f.warning.hazard), f.warning.level, t0);
    if (plan.msg_type.empty()) continue;
    const CapAlert alert = make_hazard_alert(f.unit, f.warning, plan, ctx);
    const std::string xml = cap_to_xml(alert);
    const auto problems = cap_schema().validate(xml, alert.identifier);
    INFO(joined(problems));
    REQUIRE(problems.empty());
    const std::string file = "cap/" + alert.identifier + ".xml";
    write_file_atomic(dir / file, xml);
    issued.push_back(issued_message(alert, f.unit.code, f.warning.hazard, f.warning.level, file));
    feed.entries.push_back(atom_entry(issued.back(), alert.identifier + ".xml"));
  }
  write_file_atomic(message_log_path(dir), message_log_json(issued));
  write_file_atomic(dir / "cap" / "feed.xml", atom_to_xml(feed));
  return issued;
}

// "sender,identifier,sent" as written in a CAP file.
std::string reference_of(const fs::path& cap_file) {
  const ParsedXml p(read_text(cap_file));
  return p.text("/cap:alert/cap:sender") + "," + p.text("/cap:alert/cap:identifier") + "," +
         p.text("/cap:alert/cap:sent");
}

// The written message of a unit+hazard in a cycle folder (by its log), parsed.
struct Written {
  IssuedMessage log;
  std::string xml;
};
std::optional<Written> written(const fs::path& dir, const std::string& code, Hazard h) {
  const auto log = read_message_log(dir);
  const IssuedMessage* m = find_message(log, code, h);
  if (m == nullptr) return std::nullopt;
  return Written{*m, read_text(dir / m->file)};
}

}  // namespace

TEST_CASE("a storm approaching then receding gives Alert, Update, Cancel", "[cap][lifecycle]") {
  const fs::path root = fs::path(TAIFENG_TEST_TMP) / "lifecycle";
  const TimePoint t0 = make_utc(2005, 9, 24, 18);
  const AdminUnit coast = square("460100", "海口市", "Haikou", 110.1);
  const AdminUnit inland = square("469030", "琼中黎族苗族自治县", "Qiongzhong", 109.7);
  const AdminUnit steady = square("460200", "三亚市", "Sanya", 109.3);
  using L = SignalLevel;
  // levels[cycle] of: coast wind, coast surge, inland wind, steady wind
  const std::vector<std::array<L, 4>> levels = {
      {L::yellow, L::blue, L::none, L::blue},   // approaching
      {L::orange, L::blue, L::none, L::blue},   // nearest: wind up, surge unchanged
      {L::none, L::none, L::none, L::blue},     // receding
      {L::none, L::yellow, L::none, L::none}};  // surge raised again, steady lifted
  std::vector<fs::path> dirs;
  std::vector<std::vector<IssuedMessage>> issued;
  for (std::size_t c = 0; c < levels.size(); ++c) {
    const fs::path dir = root / ("cycle" + std::to_string(c));
    const std::vector<Forecast> forecasts = {{coast, warning(Hazard::wind, levels[c][0])},
                                             {coast, warning(Hazard::surge, levels[c][1])},
                                             {inland, warning(Hazard::wind, levels[c][2])},
                                             {steady, warning(Hazard::wind, levels[c][3])}};
    const std::optional<fs::path> previous =
        dirs.empty() ? std::nullopt : std::optional<fs::path>(dirs.back());
    issued.push_back(run_cycle(dir, previous, add_hours(t0, 6.0 * double(c)), forecasts));
    dirs.push_back(dir);
  }

  // msgType of each unit+hazard per cycle, read back from the written XML ("" = none sent).
  const auto msg_type = [&](std::size_t c, const AdminUnit& u, Hazard h) -> std::string {
    const auto w = written(dirs[c], u.code, h);
    if (!w) return "";
    const ParsedXml p(w->xml);
    CHECK(p.text("/cap:alert/cap:msgType") == w->log.msg_type);
    return w->log.msg_type;
  };
  CHECK(msg_type(0, coast, Hazard::wind) == "Alert");
  CHECK(msg_type(1, coast, Hazard::wind) == "Update");
  CHECK(msg_type(2, coast, Hazard::wind) == "Cancel");
  CHECK(msg_type(3, coast, Hazard::wind) == "");
  CHECK(msg_type(0, coast, Hazard::surge) == "Alert");
  CHECK(msg_type(1, coast, Hazard::surge) == "Update");  // unchanged level re-issued
  CHECK(msg_type(2, coast, Hazard::surge) == "Cancel");
  CHECK(msg_type(3, coast, Hazard::surge) == "Alert");  // a new warning after the Cancel
  for (std::size_t c = 0; c < 4; ++c) CHECK(msg_type(c, inland, Hazard::wind) == "");
  CHECK(msg_type(0, steady, Hazard::wind) == "Alert");
  CHECK(msg_type(1, steady, Hazard::wind) == "Update");
  CHECK(msg_type(2, steady, Hazard::wind) == "Update");
  CHECK(msg_type(3, steady, Hazard::wind) == "Cancel");

  // The feed of each cycle lists exactly the messages the cycle issued.
  for (std::size_t c = 0; c < dirs.size(); ++c) {
    const ParsedXml feed(read_text(dirs[c] / "cap" / "feed.xml"));
    std::vector<std::string> files;
    for (const std::string& href : feed.texts("/atom:feed/atom:entry/atom:link/@href")) {
      CHECK(fs::is_regular_file(dirs[c] / "cap" / href));
      files.push_back("cap/" + href);
    }
    std::vector<std::string> logged;
    for (const IssuedMessage& m : read_message_log(dirs[c])) logged.push_back(m.file);
    std::sort(files.begin(), files.end());
    CHECK(files == logged);  // the log is sorted by unit and hazard, so by file name here
  }

  // Each Update/Cancel references exactly the message it replaces, as written in that file.
  std::size_t checked = 0;
  for (std::size_t c = 1; c < dirs.size(); ++c)
    for (const IssuedMessage& m : issued[c]) {
      const ParsedXml p(read_text(dirs[c] / m.file));
      const auto refs = p.nodes("/cap:alert/cap:references");
      const Hazard h = *parse_hazard(m.hazard);
      const auto before = written(dirs[c - 1], m.unit_code, h);
      INFO("cycle " << c << " " << m.identifier);
      if (m.msg_type == "Alert") {
        CHECK(refs.empty());
        CHECK((!before || before->log.msg_type == "Cancel"));
        continue;
      }
      REQUIRE(before.has_value());
      CHECK(p.text("/cap:alert/cap:references") == reference_of(dirs[c - 1] / before->log.file));
      ++checked;
    }
  // Updates and Cancels: cycle 1 coast wind, coast surge, steady; cycle 2 the same three;
  // cycle 3 steady.
  CHECK(checked == 7);
}

TEST_CASE("message log round trip, order and identifiers", "[cap][lifecycle]") {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "log_roundtrip";
  fs::remove_all(dir);
  fs::create_directories(dir / "warnings");
  const AlertContext ctx = context(make_utc(2005, 9, 25, 0));
  std::vector<IssuedMessage> messages;
  for (const std::string code : {"469030", "460100", "460200"})
    for (const Hazard h : {Hazard::surge, Hazard::wind}) {
      const AdminUnit u = square(code, "县" + code, "County " + code, 110.0);
      const CapAlert a =
          make_hazard_alert(u, warning(h, SignalLevel::yellow), MessagePlan{"Alert", {}, {}}, ctx);
      messages.push_back(
          issued_message(a, code, h, SignalLevel::yellow, "cap/" + a.identifier + ".xml"));
    }
  const std::string json = message_log_json(messages);
  // The same messages in another order give the same bytes.
  std::vector<IssuedMessage> reversed(messages.rbegin(), messages.rend());
  CHECK(message_log_json(reversed) == json);
  write_file_atomic(message_log_path(dir), json);
  const auto back = read_message_log(dir);
  REQUIRE(back.size() == messages.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < back.size(); ++i) {
    ids.insert(back[i].identifier);
    if (i > 0)
      CHECK(std::tie(back[i - 1].unit_code, back[i - 1].hazard) <
            std::tie(back[i].unit_code, back[i].hazard));
    const IssuedMessage* original =
        find_message(messages, back[i].unit_code, *parse_hazard(back[i].hazard));
    REQUIRE(original != nullptr);
    CHECK(back[i].identifier == original->identifier);
    CHECK(back[i].sent == "2005-09-25T08:00:00+08:00");
    CHECK(back[i].expires == "2005-09-25T15:00:00+08:00");  // 7 h
    CHECK(back[i].headline == original->headline);
    CHECK(back[i].file == original->file);
  }
  CHECK(ids.size() == messages.size());

  SECTION("duplicates cannot be written") {
    std::vector<IssuedMessage> twice = messages;
    twice.push_back(messages.front());
    CHECK_THROWS_AS(message_log_json(twice), Error);
    twice.back().identifier += ".2";  // same unit+hazard, other identifier
    CHECK_THROWS_AS(message_log_json(twice), Error);
  }
}

TEST_CASE("plan_message rules", "[cap][lifecycle]") {
  IssuedMessage previous;
  previous.identifier = "p.s.2005092500.460100.wind";
  previous.sender = "a@b";
  previous.sent = "2005-09-25T08:00:00+08:00";
  previous.expires = "2005-09-25T14:00:00+08:00";
  previous.unit_code = "460100";
  previous.hazard = "wind";
  previous.level = "yellow";
  previous.msg_type = "Alert";
  const std::string ref = "a@b,p.s.2005092500.460100.wind,2005-09-25T08:00:00+08:00";
  using L = SignalLevel;

  CHECK(plan_message(nullptr, L::none).msg_type.empty());
  const MessagePlan first = plan_message(nullptr, L::blue);
  CHECK(first.msg_type == "Alert");
  CHECK(first.references.empty());
  for (const L now : {L::blue, L::yellow, L::orange, L::red}) {
    const MessagePlan p = plan_message(&previous, now);
    CHECK(p.msg_type == "Update");
    CHECK(p.references == std::vector<std::string>{ref});
    CHECK(p.previous_level == L::yellow);
  }
  const MessagePlan cancel = plan_message(&previous, L::none);
  CHECK(cancel.msg_type == "Cancel");
  CHECK(cancel.references == std::vector<std::string>{ref});
  previous.msg_type = "Update";
  CHECK(plan_message(&previous, L::none).msg_type == "Cancel");
  previous.msg_type = "Cancel";
  previous.level = "none";
  CHECK(plan_message(&previous, L::none).msg_type.empty());
  CHECK(plan_message(&previous, L::red).msg_type == "Alert");
  CHECK(plan_message(&previous, L::red).references.empty());

  SECTION("with this cycle's time: an expired message is not active") {
    previous.msg_type = "Alert";
    previous.level = "yellow";
    const TimePoint next = make_utc(2005, 9, 25, 6);  // 14:00 +08:00 = expiry
    CHECK(plan_message(&previous, L::orange, make_utc(2005, 9, 25, 5)).msg_type == "Update");
    CHECK(plan_message(&previous, L::orange, next).msg_type == "Alert");
    CHECK(plan_message(&previous, L::none, next).msg_type.empty());
    // The "previous" message is from this cycle or a later one: wrong folder.
    try {
      plan_message(&previous, L::orange, make_utc(2005, 9, 25, 0));
      FAIL("expected an input error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Catch::Contains(previous.identifier));
    }
  }
}

TEST_CASE("reading a message log: folder and content errors", "[cap][lifecycle]") {
  const fs::path root = fs::path(TAIFENG_TEST_TMP) / "log_errors";
  fs::remove_all(root);
  fs::create_directories(root);
  const auto input_error = [](const fs::path& dir) -> std::string {
    try {
      read_message_log(dir);
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      return e.what();
    }
    FAIL("expected an input error");
    return {};
  };
  CHECK_THAT(input_error(root / "missing"),
             Catch::Contains("missing") && Catch::Contains("does not exist"));
  fs::create_directories(root / "empty");
  CHECK_THAT(input_error(root / "empty"), Catch::Contains("not a taifeng cycle folder"));

  const fs::path dir = root / "bad";
  fs::create_directories(dir / "warnings");
  const std::string file = message_log_path(dir).string();
  const auto with_log = [&](const std::string& text) {
    write_file_atomic(message_log_path(dir), text);
    return input_error(dir);
  };
  const std::string entry =
      R"({"identifier": "p.s.2005092500.460100.wind", "sender": "a@b", )"
      R"("sent": "2005-09-25T08:00:00+08:00", "unit_code": "460100", "hazard": "wind", )"
      R"("level": "yellow", "msg_type": "Alert", "file": "cap/x.xml"})";
  const auto log = [](const std::string& messages) {
    return R"({"format": "taifeng-cap-message-log", "version": 1, "messages": [)" + messages + "]}";
  };
  // A valid log reads.
  write_file_atomic(message_log_path(dir), log(entry));
  CHECK(read_message_log(dir).size() == 1);

  // Not JSON: the line of the problem.
  CHECK_THAT(
      with_log("{\n  \"format\": \"taifeng-cap-message-log\",\n  \"version\": 1,\n  oops\n}"),
      Catch::StartsWith(file + ":4: ") && Catch::Contains("not valid JSON"));
  CHECK_THAT(with_log("[]"), Catch::StartsWith(file) && Catch::Contains("format"));
  CHECK_THAT(with_log(R"({"format": "taifeng-cap-message-log", "version": 2, "messages": []})"),
             Catch::Contains("version"));
  CHECK_THAT(with_log(R"({"format": "taifeng-cap-message-log", "version": 1})"),
             Catch::Contains("messages: expected an array"));
  auto edited = [&](const std::string& from, const std::string& to) {
    std::string e = entry;
    e.replace(e.find(from), from.size(), to);
    return with_log(log(e));
  };
  CHECK_THAT(edited(R"("sender": "a@b", )", ""), Catch::Contains("messages[0].sender: missing"));
  CHECK_THAT(edited(R"("a@b")", "42"), Catch::Contains("messages[0].sender: expected a string"));
  CHECK_THAT(edited("a@b", "a b"), Catch::Contains("messages[0].sender"));
  CHECK_THAT(edited("\"Alert\"", "\"Ack\""), Catch::Contains("messages[0].msg_type"));
  CHECK_THAT(edited("\"wind\"", "\"rain\""), Catch::Contains("messages[0].hazard"));
  CHECK_THAT(edited("\"yellow\"", "\"purple\""), Catch::Contains("messages[0].level"));
  CHECK_THAT(edited("\"yellow\"", "\"none\""), Catch::Contains("messages[0].level"));
  CHECK_THAT(edited("2005-09-25T08:00:00+08:00", "yesterday"), Catch::Contains("messages[0].sent"));
  CHECK_THAT(edited("cap/x.xml", "/abs/x.xml"), Catch::Contains("messages[0].file"));
  CHECK_THAT(with_log(log(entry + ", " + entry)), Catch::Contains("appears twice"));
}

TEST_CASE("hostile unit names give valid XML, JSON and SMS", "[cap][lifecycle][escaping]") {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"海口<市>&\"引号\"'单引号']]>", "Hai<kou> & \"Co\" 'x' ]]> &amp; <![CDATA[x]]>"},
      {"]]>", "<script>alert('x')</script>"},
      {"&lt;", "&#60; &"}};
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "hostile";
  fs::remove_all(dir);
  fs::create_directories(dir / "warnings");
  AlertContext ctx = context(make_utc(2005, 9, 25, 0));
  ctx.sms_sender_en = "HMO";  // room for the whole name in one SMS
  std::vector<IssuedMessage> messages;
  int n = 0;
  for (const auto& [zh, en] : names) {
    const AdminUnit u = square("46010" + std::to_string(n++), zh, en, 110.0);
    const CapAlert a = make_hazard_alert(u, warning(Hazard::wind, SignalLevel::orange),
                                         MessagePlan{"Alert", {}, {}}, ctx);
    const std::string xml = cap_to_xml(a);
    const auto problems = cap_schema().validate(xml, a.identifier);
    INFO(joined(problems));
    CHECK(problems.empty());
    const ParsedXml p(xml);
    CHECK(p.text("/cap:alert/cap:info[1]/cap:area/cap:areaDesc") == zh);
    CHECK(p.text("/cap:alert/cap:info[2]/cap:area/cap:areaDesc") == en);
    CHECK_THAT(p.text("/cap:alert/cap:info[1]/cap:headline"), Catch::Contains(zh));
    CHECK_THAT(p.text("/cap:alert/cap:info[2]/cap:description"), Catch::Contains(en));
    messages.push_back(
        issued_message(a, u.code, Hazard::wind, SignalLevel::orange, "cap/x" + u.code + ".xml"));
    // The SMS carries the names verbatim (plain text: nothing to escape).
    CHECK_THAT(sms_text_zh(u, warning(Hazard::wind, SignalLevel::orange), ctx),
               Catch::Contains(zh));
    CHECK_THAT(sms_text_en(u, warning(Hazard::wind, SignalLevel::orange), ctx),
               Catch::Contains(en));
  }
  const std::string json = message_log_json(messages);
  const nlohmann::json parsed = nlohmann::json::parse(json);  // throws if not valid JSON
  REQUIRE(parsed["messages"].size() == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string headline = parsed["messages"][i]["headline"].get<std::string>();
    CHECK_THAT(headline, Catch::Contains(names[i].first) && Catch::Contains(names[i].second));
  }
  write_file_atomic(message_log_path(dir), json);
  const auto back = read_message_log(dir);
  REQUIRE(back.size() == messages.size());
  for (std::size_t i = 0; i < back.size(); ++i) CHECK(back[i].headline == messages[i].headline);

  // The Atom feed of these messages is well-formed and keeps the titles.
  AtomFeed feed;
  feed.id = "urn:taifeng:feed:test";
  feed.title = "t";
  feed.author = "a";
  feed.self_href = "feed.xml";
  feed.updated = ctx.analysis_time;
  for (const IssuedMessage& m : messages) feed.entries.push_back(atom_entry(m, m.file));
  const ParsedXml atom(atom_to_xml(feed));
  std::vector<std::string> expected;
  for (const IssuedMessage& m : messages) expected.push_back(m.headline);
  CHECK(atom.texts("/atom:feed/atom:entry/atom:title") == expected);
}
