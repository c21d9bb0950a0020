// SMS bulletins (bulletin.hpp): one message each, Chinese <= 70 UCS-2 units, English <= 160
// GSM 7-bit septets; optional parts dropped first, names shortened only at word boundaries.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "taifeng/warnings/bulletin.hpp"

using namespace taifeng;
using namespace taifeng::warnings;

namespace {

constexpr SignalLevel all_levels[] = {SignalLevel::none, SignalLevel::blue, SignalLevel::yellow,
                                      SignalLevel::orange, SignalLevel::red};

AlertContext context() {
  AlertContext c;
  c.sender = "taifeng@hainan.example";
  c.sender_name_zh = "海南省气象台";
  c.sender_name_en = "Hainan Meteorological Observatory";
  c.sms_sender_en = "Hainan Met";
  c.identifier_prefix = "cn.hainan.taifeng";
  c.storm_id = "200518";
  c.analysis_time = make_utc(2005, 9, 25, 0);  // 08:00 +08:00
  return c;
}

AdminUnit unit(const std::string& zh, const std::string& en) {
  AdminUnit u;
  u.code = "460100";
  u.name_zh = zh;
  u.name_en = en;
  return u;
}

// Everything optional present, with long shelter hints, so the shortening is exercised.
UnitWarning full(Hazard h, SignalLevel level) {
  UnitWarning w;
  w.hazard = h;
  w.level = level;
  w.probability = 0.7;
  w.lead_hours = 9;
  w.max_value = h == Hazard::wind ? 33.0 : 1.6;  // Beaufort 12; surge: inundation depth
  w.max_surge_m = h == Hazard::surge ? 2.4 : 0.0;
  w.gale_arrival_h = 12;  // 2005-09-25 20:00 +08:00
  w.population = 2873358;
  w.exposed = {2873358, 1234567, 45678, 1200};
  w.expected_exposed = 900000;
  w.evacuate = 123456;
  w.shelter_hint_zh = "海口市体育馆、海南省人民医院、琼山区第一中学";
  w.shelter_hint_en =
      "Haikou Gymnasium, Hainan Provincial People's Hospital, Qiongshan No. 1 School";
  return w;
}

// (zh, en) names of the 19 Hainan counties (2020 census table).
std::vector<std::pair<std::string, std::string>> hainan_names() {
  std::ifstream in(TAIFENG_DATA_DIR "/hainan/census2020.csv");
  REQUIRE(in);
  std::vector<std::pair<std::string, std::string>> names;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string code, zh, en;
    std::getline(ss, code, ',');
    std::getline(ss, zh, ',');
    std::getline(ss, en, ',');
    names.emplace_back(zh, en);
  }
  REQUIRE(names.size() == 19);
  return names;
}

std::size_t septets(const std::string& s) {
  const auto n = gsm7_septets(s);
  REQUIRE(n.has_value());
  return *n;
}

}  // namespace

TEST_CASE("SMS length counting", "[bulletin]") {
  CHECK(code_points("海口市") == 3);
  CHECK(code_points("Haikou") == 6);
  CHECK(code_points("\xf0\xa0\x80\x80") == 1);  // U+20000, outside the BMP
  CHECK(utf16_units("\xf0\xa0\x80\x80") == 2);  // a surrogate pair in UCS-2/UTF-16
  CHECK(utf16_units("【海南】海口") == 6);
  CHECK(code_points(std::string("a\xff"
                                "b")) == 3);  // invalid byte counts as one
  // GSM 03.38: basic set 1 septet, extension table 2, others not representable.
  CHECK(gsm7_septets("Haikou 20:00, Bf 12!") == 20u);
  CHECK(gsm7_septets("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà") == 42u);
  CHECK(gsm7_septets("[x]") == 5u);
  CHECK(gsm7_septets("{}\\~^|€") == 14u);
  CHECK_FALSE(gsm7_septets("海口").has_value());
  CHECK_FALSE(gsm7_septets("`").has_value());
  CHECK_FALSE(gsm7_septets("í").has_value());
  CHECK(fits_one_sms(std::string(160, 'a')));
  CHECK_FALSE(fits_one_sms(std::string(161, 'a')));
  CHECK(fits_one_sms(std::string(80, 'a') + std::string(40, '[')));  // 80 + 2 * 40 = 160
  CHECK_FALSE(fits_one_sms(std::string(81, 'a') + std::string(40, '[')));
  CHECK_FALSE(fits_one_sms(std::string(70, 'x') + "海"));  // not GSM: 71 UCS-2 units > 70
}

TEST_CASE("SMS bulletins fit one message for every level, hazard and Hainan county", "[bulletin]") {
  const AlertContext ctx = context();
  for (const auto& [zh_name, en_name] : hainan_names()) {
    const AdminUnit u = unit(zh_name, en_name);
    for (const Hazard h : {Hazard::wind, Hazard::surge})
      for (const SignalLevel l : all_levels) {
        const std::string zh = sms_text_zh(u, full(h, l), ctx);
        const std::string en = sms_text_en(u, full(h, l), ctx);
        INFO(zh << "\n" << en);
        CHECK(code_points(zh) <= 70);
        CHECK(utf16_units(zh) <= 70);
        CHECK(septets(en) <= 160);
        // Sender tag, whole county name, hazard, level / lifting.
        CHECK_THAT(zh, Catch::StartsWith("【海南省气象台】" + zh_name + hazard_name_zh(h)));
        CHECK_THAT(en, Catch::StartsWith("[Hainan Met] " + en_name + ": "));
        if (l == SignalLevel::none) {
          CHECK_THAT(zh, Catch::Contains("解除") && Catch::Contains("25日8时"));
          CHECK_THAT(en, Catch::Contains("cancelled 25 Sep 08:00") && Catch::Contains("All clear"));
          continue;
        }
        CHECK_THAT(zh, Catch::Contains(std::string(signal_name_zh(l)) + "预警"));
        std::string upper = signal_name(l);
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK_THAT(en, Catch::Contains(upper + " warning"));
        // Time: wind from the gale arrival (12 h), surge from the lead (9 h), in +08:00.
        CHECK_THAT(zh, Catch::Contains(h == Hazard::wind ? "25日20时起" : "25日17时起"));
        CHECK_THAT(en, Catch::Contains(h == Hazard::wind ? "25 Sep 20:00" : "25 Sep 17:00"));
        // Key number.
        CHECK_THAT(zh, Catch::Contains(h == Hazard::wind ? "最大12级" : "增水最高2.4米"));
        CHECK_THAT(en,
                   Catch::Contains(h == Hazard::wind ? "Max Beaufort 12" : "Surge up to 2.4 m"));
        // Action keyword from the response type.
        const bool evacuate =
            l == SignalLevel::red || (h == Hazard::surge && l == SignalLevel::orange);
        const bool shelter = h == Hazard::wind && l == SignalLevel::orange;
        CHECK_THAT(zh, Catch::EndsWith(evacuate  ? "请立即转移。"
                                       : shelter ? "请就近避风。"
                                                 : "请做好防范。"));
        CHECK_THAT(en, Catch::EndsWith(evacuate  ? "Evacuate now."
                                       : shelter ? "Take shelter."
                                                 : "Prepare now."));
        // People to move is the last optional part dropped: it always fits for real names.
        CHECK_THAT(zh, Catch::Contains("需转移12.3万人"));
        CHECK_THAT(en, Catch::Contains("123,456 to evacuate"));
      }
  }
}

TEST_CASE("SMS optional parts are dropped in order", "[bulletin]") {
  AlertContext ctx = context();
  ctx.sms_sender_en = "HMO";
  UnitWarning w = full(Hazard::wind, SignalLevel::orange);
  w.exposed = {20000, 12000, 0, 0};
  w.evacuate = 500;
  w.shelter_hint_zh = "体育馆";
  w.shelter_hint_en = "Gym";
  const AdminUnit haikou = unit("海口市", "Haikou");
  // Short: everything fits (69 UCS-2 units, 157 septets, counted by hand).
  std::string zh = sms_text_zh(haikou, w, ctx);
  std::string en = sms_text_en(haikou, w, ctx);
  CHECK(zh ==
        "【海南省气象台】海口市台风橙色预警：25日20时起8级大风，最大12级，需转移500人，1.2万人受8"
        "级风影响，避难：体育馆。请就近避风。");
  CHECK(en ==
        "[HMO] Haikou: Typhoon ORANGE warning. Gales from 25 Sep 20:00. Max Beaufort 12. 500 to "
        "evacuate. 12,000 people in Beaufort 8+. Shelters: Gym. Take shelter.");
  CHECK(code_points(zh) == 69);
  CHECK(septets(en) == 157);

  // A long shelter hint goes first, the people exposed next, the people to move last.
  w = full(Hazard::wind, SignalLevel::orange);
  zh = sms_text_zh(haikou, w, ctx);
  en = sms_text_en(haikou, w, ctx);
  CHECK_THAT(zh, !Catch::Contains("避难") && Catch::Contains("123万人受8级风影响") &&
                     Catch::Contains("需转移12.3万人"));
  CHECK_THAT(en, !Catch::Contains("Shelters") &&
                     Catch::Contains("1,234,567 people in Beaufort 8+") &&
                     Catch::Contains("123,456 to evacuate"));
  // 15 + 35 characters of name leave room for the people to move only.
  const AdminUnit longer =
      unit("积石山保安族东乡族撒拉族自治县", "Jishishan Bonan Dongxiang and Salar");
  zh = sms_text_zh(longer, w, ctx);
  en = sms_text_en(longer, w, ctx);
  INFO(zh << "\n" << en);
  CHECK(code_points(zh) <= 70);
  CHECK(septets(en) <= 160);
  CHECK_THAT(zh, Catch::Contains(longer.name_zh) && !Catch::Contains("受8级风影响") &&
                     Catch::Contains("需转移12.3万人"));
  CHECK_THAT(en, Catch::Contains(longer.name_en) && !Catch::Contains("Beaufort 8+") &&
                     Catch::Contains("123,456 to evacuate"));
  // Nobody exposed, nobody to move, no hints: no empty parts.
  w.exposed = {};
  w.evacuate = 0;
  w.shelter_hint_zh.clear();
  w.shelter_hint_en.clear();
  CHECK(sms_text_zh(haikou, w, ctx) ==
        "【海南省气象台】海口市台风橙色预警：25日20时起8级大风，最大12级。请就近避风。");
  CHECK(sms_text_en(haikou, w, ctx) ==
        "[HMO] Haikou: Typhoon ORANGE warning. Gales from 25 Sep 20:00. Max Beaufort 12. Take "
        "shelter.");
  // No timing known: the time is left out, not left empty.
  w.gale_arrival_h.reset();
  w.lead_hours = -1;
  CHECK_THAT(sms_text_zh(haikou, w, ctx), Catch::Contains("预警：最大12级。"));
  CHECK_THAT(sms_text_en(haikou, w, ctx), Catch::Contains("warning. Max Beaufort 12. Take"));
}

TEST_CASE("SMS names too long for one message are cut at word boundaries", "[bulletin]") {
  const AlertContext ctx = context();
  std::string words;
  for (int k = 0; k < 30; ++k) words += (k ? " " : "") + std::string("Autonomous");
  std::string li;
  for (int k = 0; k < 100; ++k) li += "黎";
  const AdminUnit u = unit(li, words);
  for (const Hazard h : {Hazard::wind, Hazard::surge})
    for (const SignalLevel l : all_levels) {
      const std::string zh = sms_text_zh(u, full(h, l), ctx);
      const std::string en = sms_text_en(u, full(h, l), ctx);
      INFO(zh << "\n" << en);
      CHECK(utf16_units(zh) <= 70);
      CHECK(septets(en) <= 160);
      CHECK_THAT(zh, Catch::StartsWith("【海南省气象台】黎黎") && Catch::Contains("…"));
      // The English name is whole words followed by "...".
      const std::string prefix = "[Hainan Met] ";
      REQUIRE(en.rfind(prefix, 0) == 0);
      const auto colon = en.find(": ");
      REQUIRE(colon != std::string::npos);
      const std::string name = en.substr(prefix.size(), colon - prefix.size());
      REQUIRE(name.size() > 3);
      REQUIRE(name.compare(name.size() - 3, 3, "...") == 0);
      const std::string kept = name.substr(0, name.size() - 3);
      CHECK(words.compare(0, kept.size(), kept) == 0);
      CHECK(words[kept.size()] == ' ');  // cut before a space: no word was split
      if (l != SignalLevel::none)
        CHECK_THAT(en, Catch::EndsWith("now.") || Catch::EndsWith("shelter."));
    }

  SECTION("a single word longer than a message is cut as a last resort") {
    const AdminUnit w = unit("海口市", std::string(300, 'A'));
    const std::string en = sms_text_en(w, full(Hazard::wind, SignalLevel::red), ctx);
    CHECK(septets(en) <= 160);
    CHECK(septets(en) >= 150);  // the name takes what is left, no more
    CHECK_THAT(en, Catch::Contains("A...: Typhoon RED warning"));
  }
  SECTION("pinyin tone marks are written as GSM letters") {
    const AdminUnit w = unit("陵水黎族自治县", "Lìngshuǐ Lí Autonomous County");
    const std::string en = sms_text_en(w, full(Hazard::wind, SignalLevel::yellow), ctx);
    INFO(en);
    CHECK(septets(en) <= 160);
    CHECK_THAT(en, Catch::Contains("Lìngshui Li Autonomous County: "));  // ì is GSM, ǐ í not
  }
  SECTION("an English text outside GSM 7-bit must fit 70 UCS-2 units") {
    const AdminUnit w = unit("海口市", "Haikou 海口 City District");
    for (const SignalLevel l : all_levels) {
      const std::string en = sms_text_en(w, full(Hazard::wind, l), ctx);
      INFO(en);
      CHECK(fits_one_sms(en));
      if (gsm7_septets(en)) {
        // Shortened to whole GSM words: "Haikou...".
        CHECK_THAT(en, Catch::Contains("] Haikou...: "));
      } else {
        CHECK(utf16_units(en) <= 70);
      }
    }
  }
}
