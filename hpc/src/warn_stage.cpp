#include "taifeng/hpc/warn_stage.hpp"

#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/forcing/netcdf_io.hpp"
#include "taifeng/forcing/relief.hpp"
#include "taifeng/viz/render.hpp"
#include "taifeng/warnings/alerts.hpp"
#include "taifeng/warnings/bulletin.hpp"
#include "taifeng/warnings/cap.hpp"
#include "taifeng/warnings/cap_history.hpp"
#include "taifeng/warnings/evacuation_plan.hpp"
#include "taifeng/warnings/signals.hpp"
#include "taifeng/warnings/unit_warning.hpp"

namespace taifeng::hpc {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

json opt_local_time(const std::optional<double>& lead_h, TimePoint t0) {
  if (!lead_h) return nullptr;
  return format_iso_offset(add_hours(t0, *lead_h), china_standard_offset);
}

// Rounded to a decimal step (0.01, 0.001, 1e-5): divided by the integer 1/step, so that JSON
// shows 0.411 rather than 0.41100000000000003.
double round_to(double x, double step) {
  return std::round(x / step) / std::round(1 / step);
}

// Per-cell exposure on the wind grid: people of the population points nearest each cell.
void write_exposure_netcdf(const fs::path& file, const WarnRegistry& reg,
                           const warnings::HazardProducts& hz, const warnings::PointExposure& pe) {
  const Grid& g = hz.wind.grid;
  forcing::GriddedDataset ds;
  ds.grid = g;
  ds.reference_time = hz.analysis_time;
  std::vector<double> pop(g.size(), 0.0), expected(g.size(), 0.0);
  for (std::size_t k = 0; k < reg.points.size(); ++k)
    if (pe.wind_cell[k] != warnings::no_cell) pop[pe.wind_cell[k]] += double(reg.points[k].people);
  for (std::size_t c = 0; c < g.size(); ++c)
    expected[c] = pop[c] * (hz.wind.p_gale.empty() ? 0.0 : hz.wind.p_gale[c]);
  auto add = [&](const std::string& name, const char* units, const std::string& long_name,
                 std::vector<double> v) {
    Field f(name, units, g);
    f.data = std::move(v);
    ds.statics.push_back({{name, units, "", long_name, ""}, f});
  };
  add("population", "1", "residents (2020 census, dasymetric) summed onto the hazard grid", pop);
  const char* bf[] = {"6", "8", "10", "12"};
  for (std::size_t c = 0; c < 4; ++c) {
    std::vector<double> v(g.size(), 0.0);
    for (std::size_t i = 0; i < g.size(); ++i)
      v[i] = hz.wind.max_wind_ms[i] >= warnings::wind_class_lower_ms[c] ? pop[i] : 0.0;
    add(fmt::format("population_beaufort{}_plus", bf[c]), "1",
        fmt::format("residents where the deterministic maximum mean wind reaches Beaufort {} "
                    "({:g} m/s)",
                    bf[c], warnings::wind_class_lower_ms[c]),
        v);
  }
  add("expected_exposed_gale", "1",
      fmt::format("residents x probability of gales (>= 17.2 m/s) within {:g} h",
                  hz.wind.p_gale_window_h),
      expected);
  ds.global_attributes = {
      {"title", fmt::format("taifeng exposure for {} ({}) from {}", hz.storm_name_en, hz.storm_id,
                            format_iso_utc(hz.analysis_time))},
      {"comment", "population points take the hazard of the nearest grid cell"}};
  forcing::write_netcdf(file, ds);
}

// The evacuation plan on a travel graph of land cells over the registry's points and shelters.
warnings::EvacuationResult evacuation_plan(const CycleConfig& cfg, const WarnRegistry& reg,
                                           const warnings::HazardProducts& hz,
                                           const warnings::PointExposure& pe,
                                           const std::vector<warnings::SignalDecision>& wind,
                                           const std::vector<warnings::SignalDecision>& surge) {
  const double res = cfg.evacuation_graph_resolution_deg;
  double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
  auto extend = [&](LonLat p) {
    lon0 = std::min(lon0, p.lon);
    lon1 = std::max(lon1, p.lon);
    lat0 = std::min(lat0, p.lat);
    lat1 = std::max(lat1, p.lat);
  };
  for (const auto& p : reg.points) extend(p.pos);
  for (const auto& s : reg.shelters) extend(s.pos);
  const double margin = 0.2;
  const Grid tg = Grid::from_box(
      std::floor((lon0 - margin) / res) * res, std::ceil((lon1 + margin) / res) * res,
      std::floor((lat0 - margin) / res) * res, std::ceil((lat1 + margin) / res) * res, res);
  const Field relief = forcing::read_relief(cfg.relief_file, cfg.relief_variable, tg);
  const std::vector<std::uint8_t> land =
      forcing::land_mask_from_relief(relief, cfg.land_threshold_m);
  // Hazard on the roads: the larger of the probability of inundation and of the orange
  // signal's damaging winds (Beaufort 10 within 12 h by default) at the cell.
  std::size_t orange = 0;
  for (std::size_t r = 0; r < cfg.signal_rules.size(); ++r)
    if (cfg.signal_rules[r].level == warnings::SignalLevel::orange) orange = r;
  std::vector<double> hazard(tg.size(), 0.0);
  for (std::size_t c = 0; c < tg.size(); ++c) {
    const LonLat p{tg.lon(c % tg.nlon), tg.lat(c / tg.nlon)};
    if (const auto ij = hz.wind.grid.nearest(p.lon, p.lat); ij && !hz.wind.p_signal.empty())
      hazard[c] = hz.wind.p_signal[orange][hz.wind.grid.index(ij->first, ij->second)];
    if (hz.surge)
      if (const auto ij = hz.surge->grid.nearest(p.lon, p.lat))
        hazard[c] = std::max(hazard[c],
                             hz.surge->p_inundation[hz.surge->grid.index(ij->first, ij->second)]);
  }
  std::vector<warnings::PopulationCell> cells;
  cells.reserve(reg.points.size());
  for (std::size_t k = 0; k < reg.points.size(); ++k) {
    const auto& p = reg.points[k];
    warnings::PopulationCell c;
    c.pos = p.pos;
    c.people = long(p.people);
    c.unit = p.unit;
    const auto ij = tg.nearest(p.pos.lon, p.pos.lat);
    c.elevation_m = ij ? relief.data[tg.index(ij->first, ij->second)] : std::nan("");
    c.p_inundation = hz.surge && pe.surge_cell[k] != warnings::no_cell
                         ? hz.surge->p_inundation[pe.surge_cell[k]]
                         : std::nan("");
    cells.push_back(c);
  }
  std::vector<int> signal(reg.units.size());
  std::vector<double> share(reg.units.size(), 0.0);
  for (std::size_t u = 0; u < reg.units.size(); ++u) {
    // The coastal rule follows the typhoon signal or the storm-surge level, the higher.
    signal[u] = std::max(int(wind[u].level), int(surge[u].level));
    const auto& au = reg.units[u];
    if (au.vulnerable >= 0 && au.population > 0)
      share[u] = std::min(1.0, au.vulnerable / au.population);
  }
  std::vector<warnings::EvacShelter> shelters;
  for (std::size_t k = 0; k < reg.shelters.size(); ++k) {
    const auto& s = reg.shelters[k];
    shelters.push_back({s.id, s.pos, s.capacity, reg.shelter_unit[k]});
  }
  spdlog::info("evacuation: travel graph {} x {} cells at {:g} deg, {} shelters", tg.nlon, tg.nlat,
               res, shelters.size());
  return warnings::plan_unit_evacuation(cells, signal, share, shelters, int(reg.units.size()), tg,
                                        land, hazard, cfg.evacuation);
}

json lonlat(LonLat p) {
  return json::array({round_to(p.lon, 1e-5), round_to(p.lat, 1e-5)});
}

// evacuation.json (for the viz module and responders) and a GeoJSON of the routes (QGIS).
void write_evacuation_files(const fs::path& dir, const CycleConfig& cfg, const WarnRegistry& reg,
                            const warnings::EvacuationResult& ev) {
  json shelters = json::array();
  for (std::size_t s = 0; s < reg.shelters.size(); ++s) {
    const auto& sh = reg.shelters[s];
    shelters.push_back({{"id", sh.id},
                        {"name_zh", sh.name_zh},
                        {"name_en", sh.name_en},
                        {"unit", sh.unit_code},
                        {"lonlat", lonlat(sh.pos)},
                        {"capacity", sh.capacity},
                        {"assigned", ev.shelter_load[s]},
                        {"reachable", ev.shelter_usable[s] != 0}});
  }
  json units = json::array(), flows = json::array(), features = json::array();
  for (std::size_t u = 0; u < reg.units.size(); ++u) {
    const auto& e = ev.units[u];
    json to = json::array();
    for (const auto& [s, n] : e.to_shelters)
      to.push_back({{"shelter", reg.shelters[std::size_t(s)].id}, {"people", n}});
    units.push_back({{"code", reg.units[u].code},
                     {"to_evacuate", e.to_evacuate},
                     {"vulnerable", e.vulnerable},
                     {"assigned", e.assigned},
                     {"unassigned", e.unassigned},
                     {"unassigned_vulnerable", e.unassigned_vulnerable},
                     {"off_graph", e.off_graph},
                     {"mean_km", round_to(e.mean_km, 0.01)},
                     {"to_shelters", to}});
  }
  for (const auto& f : ev.flows) {
    const std::string unit = reg.units[std::size_t(f.unit)].code;
    const std::string shelter = reg.shelters[std::size_t(f.shelter)].id;
    json path = json::array();
    for (const LonLat& p : f.path) path.push_back(lonlat(p));
    flows.push_back({{"unit", unit},
                     {"shelter", shelter},
                     {"people", f.people},
                     {"km", round_to(f.km, 0.01)},
                     {"from", lonlat(f.from)},
                     {"to", lonlat(f.to)},
                     {"path", path}});
    features.push_back(
        {{"type", "Feature"},
         {"properties",
          {{"unit", unit},
           {"shelter", shelter},
           {"people", f.people},
           {"km", round_to(f.km, 0.01)}}},
         {"geometry",
          {{"type", "LineString"},
           {"coordinates",
            path.size() >= 2 ? path : json::array({lonlat(f.from), lonlat(f.to)})}}}});
  }
  const auto& r = cfg.evacuation;
  json doc = {{"rules",
               {{"inundation_probability", r.inundation_probability},
                {"signal", warnings::signal_name(warnings::SignalLevel(r.signal_level))},
                {"coastal_km", r.coastal_km},
                {"low_elevation_m", r.low_elevation_m},
                {"hazard_penalty", r.hazard_penalty},
                {"max_travel_km", r.max_travel_km},
                {"graph_resolution_deg", cfg.evacuation_graph_resolution_deg}}},
              {"to_evacuate", ev.total_to_evacuate},
              {"assigned", ev.total_assigned},
              {"unassigned", ev.total_unassigned},
              {"person_km", std::llround(ev.total_person_km)},
              {"shelters", shelters},
              {"units", units},
              {"flows", flows}};
  write_file_atomic(dir / "evacuation.json", doc.dump(1) + "\n");
  json geo = {{"type", "FeatureCollection"}, {"name", "evacuation_flows"}, {"features", features}};
  write_file_atomic(dir / "evacuation_flows.geojson", geo.dump() + "\n");
}

// The shelters receiving most of a unit's evacuees (up to two), "name_zh、name_zh" / "a, b".
std::pair<std::string, std::string> shelter_hint(const WarnRegistry& reg,
                                                 const warnings::UnitEvacuation& e) {
  auto to = e.to_shelters;
  std::stable_sort(to.begin(), to.end(), [](auto& a, auto& b) { return a.second > b.second; });
  std::string zh, en;
  for (std::size_t k = 0; k < to.size() && k < 2; ++k) {
    const auto& s = reg.shelters[std::size_t(to[k].first)];
    zh += (k ? "、" : "") + s.name_zh;
    en += (k ? ", " : "") + s.name_en;
  }
  return {zh, en};
}

}  // namespace

WarnOutcome run_warn_stage(const CycleConfig& cfg, const WarnRegistry& reg,
                           const warnings::HazardProducts& hz, const fs::path& previous,
                           const fs::path& out) {
  WarnOutcome outcome;
  const fs::path dir = out / "warnings";
  fs::create_directories(dir);
  const std::size_t nu = reg.units.size();

  // --- exposure -------------------------------------------------------------------------
  const warnings::PointExposure pe =
      warnings::point_exposure(nu, reg.points, hz, reg.enterprises, reg.facilities, cfg.exposure);
  for (std::size_t u = 0; u < nu; ++u)
    TAIFENG_CHECK(pe.units[u].population == std::llround(reg.units[u].population),
                  fmt::format("unit {}: population points sum to {} but the census says {:.0f}",
                              reg.units[u].code, pe.units[u].population, reg.units[u].population));

  // --- signals and surge levels -----------------------------------------------------------
  const std::string source =
      hz.wind.members > 0
          ? fmt::format("{}-member ensemble, maximum over the county's populated cells",
                        hz.wind.members)
          : std::string(
                "deterministic forecast (probability 0 or 1), maximum over the "
                "county's populated cells");
  std::vector<warnings::SignalDecision> wind(nu), surge(nu);
  for (std::size_t u = 0; u < nu; ++u) {
    wind[u] = warnings::decide_signal_probabilistic(pe.units[u].p_signal, cfg.signal_rules, source);
    if (hz.surge)
      surge[u] = warnings::decide_surge_level(pe.units[u].p_surge_ge, hz.surge->thresholds_m,
                                              cfg.surge_rules, hz.surge->runs);
  }

  // --- evacuation plan ------------------------------------------------------------------------
  const warnings::EvacuationResult ev = evacuation_plan(cfg, reg, hz, pe, wind, surge);
  for (std::size_t u = 0; u < nu; ++u)
    TAIFENG_CHECK(ev.units[u].assigned + ev.units[u].unassigned == ev.units[u].to_evacuate,
                  "evacuation: assigned + unassigned = to evacuate");
  spdlog::info(
      "evacuation: {} people to move, {} assigned to {} shelters, {} unassigned, "
      "{:.0f} person-km",
      ev.total_to_evacuate, ev.total_assigned, reg.shelters.size(), ev.total_unassigned,
      ev.total_person_km);
  write_evacuation_files(dir, cfg, reg, ev);
  outcome.files["evacuation"] = {"warnings/evacuation.json", "warnings/evacuation_flows.geojson"};

  // --- CAP messages per county and hazard, Atom feed, SMS, message log ----------------------
  warnings::AlertContext ctx = cfg.alert;
  ctx.storm_id = hz.storm_id;
  ctx.storm_name_en = hz.storm_name_en;
  ctx.storm_name_zh = hz.storm_name_zh;
  ctx.analysis_time = hz.analysis_time;
  // Link the maps only when they will be drawn (rendering on and a display to draw on).
  if (!cfg.map_base_uri.empty() && cfg.render && viz::display_available()) {
    std::string base = cfg.map_base_uri;
    const std::string stamp = format_yyyymmddhh(hz.analysis_time);
    for (std::size_t at; (at = base.find("{cycle}")) != std::string::npos;)
      base.replace(at, 7, stamp);
    if (base.back() != '/') base += '/';
    ctx.map_uri = base + "maps/overview.png";
    ctx.surge_map_uri = base + "maps/evacuation_3d.png";
  }
  const std::vector<warnings::IssuedMessage> before = previous.empty()
                                                          ? std::vector<warnings::IssuedMessage>{}
                                                          : warnings::read_message_log(previous);
  const warnings::XmlSchema schema(cfg.cap_schema);
  fs::create_directories(dir / "cap");
  fs::create_directories(dir / "sms");
  std::vector<warnings::IssuedMessage> issued;
  std::vector<std::vector<std::string>> cap_files(nu);
  for (std::size_t u = 0; u < nu; ++u) {
    const auto& au = reg.units[u];
    const auto& e = pe.units[u];
    std::string sms;
    for (const warnings::Hazard hazard : {warnings::Hazard::wind, warnings::Hazard::surge}) {
      if (hazard == warnings::Hazard::surge && !hz.surge) continue;
      const warnings::SignalDecision& d = hazard == warnings::Hazard::wind ? wind[u] : surge[u];
      const warnings::MessagePlan plan = warnings::plan_message(
          warnings::find_message(before, au.code, hazard), d.level, hz.analysis_time);
      if (plan.msg_type.empty()) continue;
      warnings::UnitWarning w;
      w.hazard = hazard;
      w.level = d.level;
      const bool probabilistic =
          hazard == warnings::Hazard::wind ? hz.wind.members > 0 : hz.surge->runs > 1;
      w.probability = probabilistic ? d.probability : std::nan("");
      w.probability_threshold = probabilistic ? d.probability_threshold : std::nan("");
      w.reason = d.reason;
      w.population = e.population;
      w.evacuate = ev.units[u].to_evacuate;
      std::tie(w.shelter_hint_zh, w.shelter_hint_en) = shelter_hint(reg, ev.units[u]);
      if (hazard == warnings::Hazard::wind) {
        w.max_value = e.max_wind_ms;
        w.max_gust_ms = e.max_gust_ms;
        w.gale_arrival_h = e.gale_arrival_h;
        w.lead_hours = e.gale_arrival_h.value_or(-1);
        w.exposed = e.exposed_bf;
        w.expected_exposed = std::llround(e.expected_gale);
      } else {
        w.max_value = e.max_inundation_m;
        w.max_surge_m = e.max_surge_m;
        w.exposed = e.exposed_inundation;
        w.expected_exposed = std::llround(e.expected_inundated);
      }
      const warnings::CapAlert alert = warnings::make_hazard_alert(au, w, plan, ctx);
      const std::string xml = warnings::cap_to_xml(alert);
      const auto problems = schema.validate(xml, alert.identifier);
      TAIFENG_CHECK(problems.empty(),
                    "generated CAP message fails the schema: " + problems.front());
      const std::string file = "warnings/cap/" + alert.identifier + ".xml";
      write_file_atomic(out / file, xml);
      cap_files[u].push_back(file);
      outcome.files["cap"].push_back(file);
      issued.push_back(warnings::issued_message(alert, au.code, hazard, d.level, file));
      sms += warnings::sms_text_zh(au, w, ctx) + "\n" + warnings::sms_text_en(au, w, ctx) + "\n";
    }
    if (!sms.empty()) {
      const std::string file = "warnings/sms/" + au.code + ".txt";
      write_file_atomic(out / file, sms);
      outcome.files["sms"].push_back(file);
    }
  }
  warnings::AtomFeed feed;
  feed.id = "urn:taifeng:feed:" + ctx.identifier_prefix;
  feed.title = fmt::format("{} — typhoon warnings / 台风预警", ctx.sender_name_en);
  feed.author = ctx.sender_name_en;
  feed.self_href = "feed.xml";
  feed.updated = hz.analysis_time;
  for (const auto& m : issued)
    feed.entries.push_back(warnings::atom_entry(m, fs::path(m.file).filename().string()));
  write_file_atomic(dir / "cap" / "feed.xml", warnings::atom_to_xml(feed));
  write_file_atomic(dir / "messages.json", warnings::message_log_json(issued));
  outcome.files["feed"] = {"warnings/cap/feed.xml"};
  outcome.files["summary"].push_back("warnings/messages.json");
  outcome.messages = issued.size();
  auto count = [&](const char* type) {
    return std::count_if(issued.begin(), issued.end(),
                         [&](const auto& m) { return m.msg_type == type; });
  };
  spdlog::info("{} CAP messages ({} Alert, {} Update, {} Cancel), feed warnings/cap/feed.xml",
               issued.size(), count("Alert"), count("Update"), count("Cancel"));

  // --- warnings/summary.json, units.csv -----------------------------------------------------
  json units = json::array();
  std::string csv =
      "code,name_zh,name_en,population,signal,signal_probability,surge_level,b6,b8,b10,b12,"
      "expected_exposed,gale_arrival,max_wind_ms,max_inundation_m,expected_inundated\n";
  for (std::size_t u = 0; u < nu; ++u) {
    const auto& e = pe.units[u];
    const auto& au = reg.units[u];
    json wc = json::object();
    const char* wnames[] = {"below_6", "6_7", "8_9", "10_11", "12_plus"};
    for (std::size_t c = 0; c < 5; ++c) wc[wnames[c]] = e.wind_class[c];
    json surge_json = nullptr;
    if (hz.surge) {
      json sc = json::object();
      const std::string lo = fmt::format("{:g}", hz.surge->inundated_m);
      const std::string names[] = {"dry", lo + "_0.5", "0.5_1", "1_2", "2_plus"};
      for (std::size_t c = 0; c < 5; ++c) sc[names[c]] = e.surge_class[c];
      json pge = json::object();
      for (std::size_t t = 0; t < hz.surge->thresholds_m.size(); ++t)
        pge[fmt::format("{:g}m", hz.surge->thresholds_m[t])] = round_to(e.p_surge_ge[t], 0.001);
      surge_json = {{"level", warnings::signal_name(surge[u].level)},
                    {"reason", surge[u].reason},
                    {"population_by_inundation_class", sc},
                    {"expected_inundated", std::llround(e.expected_inundated)},
                    {"max_inundation_m", round_to(e.max_inundation_m, 0.01)},
                    {"max_surge_m", round_to(e.max_surge_m, 0.01)},
                    {"probability_surge_ge_near_coast", pge}};
    }
    json psig = json::object();
    for (std::size_t r = 0; r < cfg.signal_rules.size(); ++r)
      psig[warnings::signal_name(cfg.signal_rules[r].level)] = round_to(e.p_signal[r], 0.001);
    units.push_back(
        {{"code", au.code},
         {"name_zh", au.name_zh},
         {"name_en", au.name_en},
         {"signal", warnings::signal_name(wind[u].level)},
         {"surge_level", hz.surge ? json(warnings::signal_name(surge[u].level)) : json(nullptr)},
         {"population", e.population},
         {"exposed",
          {{"b6", e.exposed_bf[0]},
           {"b8", e.exposed_bf[1]},
           {"b10", e.exposed_bf[2]},
           {"b12", e.exposed_bf[3]}}},
         {"expected_exposed", std::llround(e.expected_gale)},
         {"gale_arrival", opt_local_time(e.gale_arrival_h, hz.analysis_time)},
         {"evacuate", ev.units[u].to_evacuate},
         {"reason", wind[u].reason},
         {"signal_probability", json::object({{"value", round_to(wind[u].probability, 0.001)},
                                              {"threshold", wind[u].probability_threshold}})},
         {"signal_probability_by_level", psig},
         {"population_by_beaufort_class", wc},
         {"max_wind_ms", round_to(e.max_wind_ms, 0.01)},
         {"max_gust_ms", round_to(e.max_gust_ms, 0.01)},
         {"gale_arrival_lead_h", e.gale_arrival_h ? json(*e.gale_arrival_h) : json(nullptr)},
         {"surge", surge_json},
         {"enterprises",
          {{"total", e.enterprises},
           {"exposed", e.enterprises_exposed},
           {"employees_exposed", e.employees_exposed},
           {"hazmat_exposed", e.hazmat_exposed}}},
         {"facilities", {{"total", e.facilities}, {"exposed", e.facilities_exposed}}},
         {"cap", cap_files[u]},
         {"evacuation",
          {{"to_evacuate", ev.units[u].to_evacuate},
           {"vulnerable", ev.units[u].vulnerable},
           {"assigned", ev.units[u].assigned},
           {"unassigned", ev.units[u].unassigned},
           {"unassigned_vulnerable", ev.units[u].unassigned_vulnerable},
           {"mean_km", round_to(ev.units[u].mean_km, 0.01)}}}});
    csv += fmt::format("{},{},{},{},{},{:.3f},{},{},{},{},{},{},{},{:.2f},{:.2f},{}\n", au.code,
                       au.name_zh, au.name_en, e.population, warnings::signal_name(wind[u].level),
                       wind[u].probability, hz.surge ? warnings::signal_name(surge[u].level) : "",
                       e.exposed_bf[0], e.exposed_bf[1], e.exposed_bf[2], e.exposed_bf[3],
                       std::llround(e.expected_gale),
                       e.gale_arrival_h ? fmt::format("{:g}", *e.gale_arrival_h) : "",
                       e.max_wind_ms, e.max_inundation_m, std::llround(e.expected_inundated));
    spdlog::info("  {} {:<10} signal {:<6} P {:.2f}  surge {:<6} people Bf8+ {:>9}  expected {:>9}",
                 au.code, au.name_en, warnings::signal_name(wind[u].level), wind[u].probability,
                 hz.surge ? warnings::signal_name(surge[u].level) : "-", e.exposed_bf[1],
                 std::llround(e.expected_gale));
  }
  json shelters_json = json::array();
  for (std::size_t s = 0; s < reg.shelters.size(); ++s)
    shelters_json.push_back({{"id", reg.shelters[s].id},
                             {"capacity", reg.shelters[s].capacity},
                             {"assigned", ev.shelter_load[s]},
                             {"unit", reg.shelters[s].unit_code}});
  json summary = {
      {"issued", format_iso_offset(hz.analysis_time, china_standard_offset)},
      {"storm",
       {{"id", hz.storm_id}, {"name_en", hz.storm_name_en}, {"name_zh", hz.storm_name_zh}}},
      {"registry", reg.description},
      {"probability_source", source},
      {"units", units},
      {"shelters", shelters_json},
      {"unassigned", ev.total_unassigned}};
  write_file_atomic(dir / "summary.json", summary.dump(2) + "\n");
  write_file_atomic(dir / "units.csv", csv);
  outcome.files["summary"].push_back("warnings/summary.json");
  outcome.files["summary"].push_back("warnings/units.csv");
  write_exposure_netcdf(dir / "exposure.nc", reg, hz, pe);
  outcome.files["netcdf"].push_back("warnings/exposure.nc");
  return outcome;
}

}  // namespace taifeng::hpc
