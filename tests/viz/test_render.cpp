// Rendering: overview map, 3-D evacuation scene, wind animation, and the headless path.
// The "[render]" cases that draw need an X display: ctest runs them under `xvfb-run -a`
// with TAIFENG_REQUIRE_DISPLAY=1 (then a missing display fails them); without the variable
// and without a display they only warn.
#include "taifeng/viz/render.hpp"

#include <dlfcn.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>
#include <catch2/catch.hpp>

#include "taifeng/core/error.hpp"
#include "taifeng/viz/gif_writer.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace taifeng;
using namespace taifeng::viz;

namespace {

fs::path tmp_dir(const std::string& name) {
  return taifeng::test::fresh_dir("render", name);
}

// Mesa unloads its DRI driver (under Xvfb: swrast) when the last GL context goes; the
// memory its globals still point to then looks leaked to LeakSanitizer, with stacks in an
// "<unknown module>". Keeping the driver loaded (RTLD_NODELETE) leaves it reachable.
void keep_gl_driver_loaded() {
  static void* driver =
      ::dlopen("/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", RTLD_NOW | RTLD_NODELETE);
  (void)driver;  // absent elsewhere: nothing to keep
}

// True if the drawing tests may run; fails the test when a display is required.
bool have_display() {
  std::string why;
  if (display_available(&why)) {
    keep_gl_driver_loaded();
    return true;
  }
  const char* require = std::getenv("TAIFENG_REQUIRE_DISPLAY");
  if (require != nullptr && std::string(require) == "1") FAIL("no display: " << why);
  WARN("rendering test skipped, no display: " << why);
  return false;
}

Ring square(double lon0, double lat0, double side) {
  return {{lon0, lat0}, {lon0 + side, lat0}, {lon0 + side, lat0 + side}, {lon0, lat0 + side}};
}

GridField field_on(const std::string& name, const std::string& units, double (*f)(double, double)) {
  GridField g;
  g.name = name;
  g.units = units;
  g.grid = Grid::from_box(108.0, 111.0, 17.8, 20.0, 0.05);
  g.values.resize(g.grid.size());
  for (std::size_t j = 0; j < g.grid.nlat; ++j)
    for (std::size_t i = 0; i < g.grid.nlon; ++i)
      g.values[g.grid.index(i, j)] = f(g.grid.lon(i), g.grid.lat(j));
  return g;
}

struct TestCounty {
  double lon0, lat0;  // south-west corner of a 0.4° square
  int signal;
};
// Yellow, orange and red squares around 109–110E, 18.5–19.5N.
const std::array<TestCounty, 3> test_counties = {
    {{109.0, 18.6, 2}, {109.5, 18.6, 3}, {109.25, 19.1, 4}}};
constexpr double side = 0.4;

bool on_land(double lon, double lat) {
  for (const TestCounty& c : test_counties)
    if (lon >= c.lon0 && lon <= c.lon0 + side && lat >= c.lat0 && lat <= c.lat0 + side) return true;
  return false;
}

// A storm crossing south of the counties, 6 hourly leads, ensemble of two, cone.
CycleScene synthetic_scene() {
  CycleScene s;
  s.storm_id = "WP112024";
  s.storm_name_en = "Yagi";
  s.storm_name_zh = "摩羯";
  s.analysis_time = make_utc(2024, 9, 5, 0);
  s.lead_hours = {0, 1, 2, 3, 4, 5};
  const char* names_zh[] = {"甲县", "乙县", "丙县"};
  const char* names_en[] = {"County A", "County B", "County C"};
  for (std::size_t k = 0; k < test_counties.size(); ++k) {
    const TestCounty& t = test_counties[k];
    CountyView c;
    c.code = "46000" + std::to_string(k);
    c.name_zh = names_zh[k];
    c.name_en = names_en[k];
    c.shape = {Polygon{square(t.lon0, t.lat0, side), {}}};
    c.center = {t.lon0 + 0.08, t.lat0 + side - 0.08};  // seat in the north-west
    c.signal = t.signal;
    c.population = 100000 * long(k + 1);
    c.evacuate = 2000 * long(k + 1);
    c.assigned = c.evacuate;
    s.counties.push_back(c);
  }
  s.relief = field_on("relief", "m", [](double lon, double lat) {
    if (!on_land(lon, lat)) return -100.0;
    return 50.0 +
           1200.0 *
               std::exp(-((lon - 109.45) * (lon - 109.45) + (lat - 19.05) * (lat - 19.05)) / 0.08);
  });
  s.gale_probability = field_on("gale_probability", "1", [](double lon, double lat) {
    return std::exp(-((lon - 110.2) * (lon - 110.2) + (lat - 18.4) * (lat - 18.4)) / 0.3);
  });
  s.gale_window_h = 72;
  s.coastline = {
      {{108.95, 18.55}, {109.95, 18.55}, {109.95, 19.55}, {108.95, 19.55}, {108.95, 18.55}}};
  // Inundation: a shallow band along the southern coast of the counties.
  GridField depth = field_on("inundation_depth", "m", [](double lon, double lat) {
    return on_land(lon, lat) && lat < 18.7 ? 1.5 : 0.0;
  });
  s.inundation_depth = depth;
  for (std::size_t k = 0; k < s.lead_hours.size(); ++k) {
    const double h = s.lead_hours[k];
    const double lon_c = 110.8 - 0.1 * h, lat_c = 17.9 + 0.03 * h;
    GridField w = field_on("wind_speed", "m s-1", [](double, double) { return 0.0; });
    for (std::size_t j = 0; j < w.grid.nlat; ++j)
      for (std::size_t i = 0; i < w.grid.nlon; ++i) {
        const double r = std::hypot(w.grid.lon(i) - lon_c, w.grid.lat(j) - lat_c);
        w.values[w.grid.index(i, j)] = 45.0 * std::min(r / 0.3, 0.3 / std::max(r, 1e-3));
      }
    s.wind_hourly.push_back(w);
  }
  for (const int member : {0, 1, 2, -1}) {
    MemberTrack m;
    m.member = member;
    m.track.id = s.storm_id;
    m.track.name = "Yagi";
    for (int k = 0; k <= 3; ++k) {
      TrackPoint p;
      p.time = add_hours(s.analysis_time, 12.0 * k + (member == -1 ? -36.0 : 0.0));
      p.lon = 110.8 - 0.9 * k + 0.08 * member * k;
      p.lat = 17.9 + 0.22 * k - 0.03 * member * k;
      p.vmax_ms = 45;
      m.track.points.push_back(p);
    }
    s.tracks.push_back(m);
    if (member == 0)
      for (int k = 0; k <= 3; ++k) {
        s.cone_centre.push_back(
            {m.track.points[std::size_t(k)].lon, m.track.points[std::size_t(k)].lat});
        s.cone_radius_km.push_back(15.0 * k);
      }
  }
  for (std::size_t k = 0; k < test_counties.size(); ++k) {
    ShelterView sh;
    sh.id = "S" + std::to_string(k);
    sh.pos = {test_counties[k].lon0 + 0.3, test_counties[k].lat0 + 0.3};
    sh.capacity = 3000;
    sh.assigned = 1000 * long(k + 1);
    s.shelters.push_back(sh);
    FlowView f;
    f.unit = s.counties[k].code;
    f.shelter = sh.id;
    f.people = sh.assigned;
    f.from = s.counties[k].center;
    f.to = sh.pos;
    f.path = {f.from, {f.from.lon + 0.1, f.from.lat - 0.05}, f.to};
    s.flows.push_back(f);
  }
  return s;
}

struct Image {
  int width = 0, height = 0, components = 0;
  std::vector<unsigned char> rgb;  // rows from the bottom, as VTK reads them
  std::array<int, 3> at_top(int x, int y_from_top) const {
    const std::size_t k = (std::size_t(height - 1 - y_from_top) * width + x) * components;
    return {rgb[k], rgb[k + 1], rgb[k + 2]};
  }
};

Image read_png(const fs::path& png) {
  vtkNew<vtkPNGReader> reader;
  reader->SetFileName(png.c_str());
  reader->Update();
  vtkImageData* image = reader->GetOutput();
  int dims[3];
  image->GetDimensions(dims);
  Image out;
  out.width = dims[0];
  out.height = dims[1];
  out.components = image->GetNumberOfScalarComponents();
  const auto* p = static_cast<const unsigned char*>(image->GetScalarPointer());
  out.rgb.assign(p, p + std::size_t(dims[0]) * dims[1] * out.components);
  return out;
}

bool near_colour(const std::array<int, 3>& c, const std::array<unsigned char, 3>& want, int tol) {
  for (int k = 0; k < 3; ++k)
    if (std::abs(c[std::size_t(k)] - int(want[std::size_t(k)])) > tol) return false;
  return true;
}

std::string run(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    ::pclose(p);
  }
  return out;
}

bool have_program(const std::string& name) {
  return std::system(("command -v " + name + " > /dev/null 2>&1").c_str()) == 0;
}

// Counts image descriptors while walking the GIF block structure (throws on a bad block).
int gif_frames(const fs::path& gif) {
  std::ifstream in(gif, std::ios::binary);
  const std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(b.size() > 13);
  REQUIRE(std::string(b.begin(), b.begin() + 6) == "GIF89a");
  std::size_t k = 13;
  if (b[10] & 0x80) k += 3u << ((b[10] & 7) + 1);
  const auto skip_blocks = [&] {
    while (k < b.size() && b[k] != 0) k += b[k] + 1u;
    ++k;
  };
  int frames = 0;
  while (k < b.size()) {
    const unsigned char tag = b[k++];
    if (tag == 0x3b) return frames;
    if (tag == 0x21) {
      ++k;  // label
      skip_blocks();
    } else if (tag == 0x2c) {
      ++frames;
      const unsigned char flags = b[k + 8];
      k += 9;
      if (flags & 0x80) k += 3u << ((flags & 7) + 1);
      ++k;  // LZW minimum code size
      skip_blocks();
    } else {
      FAIL("bad GIF block tag " << int(tag) << " at byte " << k - 1);
    }
  }
  FAIL("GIF without trailer");
  return -1;
}

// Restores DISPLAY when the test ends.
struct DisplayGuard {
  std::string saved;
  bool had = false;
  DisplayGuard() {
    if (const char* d = std::getenv("DISPLAY")) {
      had = true;
      saved = d;
    }
  }
  ~DisplayGuard() {
    if (had)
      ::setenv("DISPLAY", saved.c_str(), 1);
    else
      ::unsetenv("DISPLAY");
  }
};

}  // namespace

TEST_CASE("map_pixel maps the map box linearly with true distances at mid latitude",
          "[viz][render][map]") {
  const CycleScene scene = synthetic_scene();
  RenderOptions o;
  o.map_box = MapBox{108.0, 111.0, 17.8, 20.0};
  const PixelXY nw = map_pixel(o, scene, {108.0, 20.0});
  const PixelXY se = map_pixel(o, scene, {111.0, 17.8});
  const PixelXY mid = map_pixel(o, scene, {109.5, 18.9});
  // Inside the image, north up, east right.
  CHECK(nw.x >= 0);
  CHECK(nw.y >= 0);
  CHECK(se.x <= o.width);
  CHECK(se.y <= o.height);
  CHECK(se.x > nw.x);
  CHECK(se.y > nw.y);
  // Equal scale in x and y once longitude is shrunk by cos(18.9°).
  const double kx = std::cos(18.9 * M_PI / 180);
  CHECK((se.x - nw.x) / (se.y - nw.y) == Approx(3.0 * kx / 2.2).epsilon(2e-3));
  CHECK(mid.x == Approx(0.5 * (nw.x + se.x)).margin(1e-6));
  CHECK(mid.y == Approx(0.5 * (nw.y + se.y)).margin(1e-6));
  // The map fills the free width or the free height (within the rounding to pixels).
  const double free_w = o.width * (1 - 0.22 - 0.055), free_h = o.height * (1 - 0.1 - 0.045);
  CHECK(std::max((se.x - nw.x) / free_w, (se.y - nw.y) / free_h) == Approx(1.0).margin(2.0 / 1000));
}

TEST_CASE("default map box: counties' parts near the median seat, widened 20 %",
          "[viz][render][map]") {
  CycleScene scene = synthetic_scene();
  // A far-away atoll (like Sansha's) must not stretch the box.
  scene.counties[0].shape.push_back(Polygon{square(114.0, 7.5, 0.5), {}});
  const RenderOptions o;
  const MapBox b = map_box(o, scene);
  // Parts: 109.0–109.9 E, 18.6–19.5 N; span 0.9 both ways; +0.18 each side.
  CHECK(b.lon_min == Approx(109.0 - 0.18));
  CHECK(b.lon_max == Approx(109.9 + 0.18));
  CHECK(b.lat_min == Approx(18.6 - 0.18));
  CHECK(b.lat_max == Approx(19.5 + 0.18));
  CHECK(map_box(o, CycleScene{}).lon_min == hainan_box.lon_min);
  RenderOptions fixed;
  fixed.map_box = MapBox{100, 101, 10, 11};
  CHECK(map_box(fixed, scene).lat_max == 11);
}

TEST_CASE("render options out of range are input errors naming the option",
          "[viz][render][options]") {
  const CycleScene scene = synthetic_scene();
  const fs::path dir = tmp_dir("options");
  const auto input_error = [&](const RenderOptions& o, const std::string& option) {
    try {
      render_overview(dir / "x.png", scene, o);
      FAIL("no error for " << option);
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK(std::string(e.what()).find(option) != std::string::npos);
    }
  };
  RenderOptions o;
  o.width = 10;
  input_error(o, "width");
  o = {};
  o.gale_colormap = "Rainbow";
  input_error(o, "gale_colormap");
  o = {};
  o.font_file = "/no/such/font.ttf";
  input_error(o, "font_file");
  o = {};
  o.scene_elevation_deg = 90;
  input_error(o, "scene_elevation_deg");
  o = {};
  o.map_box = MapBox{111, 108, 17, 20};
  input_error(o, "map_box");
  CHECK_FALSE(fs::exists(dir / "x.png"));
}

TEST_CASE("without DISPLAY nothing aborts: display_available is false, render_* skip",
          "[viz][render][headless]") {
  DisplayGuard guard;
  ::unsetenv("DISPLAY");
  std::string why;
  CHECK_FALSE(display_available(&why));
  CHECK(why.find("DISPLAY") != std::string::npos);
  ::setenv("DISPLAY", ":987654", 1);  // no such server
  CHECK_FALSE(display_available(&why));
  CHECK(why.find(":987654") != std::string::npos);
  ::unsetenv("DISPLAY");

  const CycleScene scene = synthetic_scene();
  const fs::path dir = tmp_dir("headless");
  const RenderOptions o;
  const RenderResult a = render_overview(dir / "overview.png", scene, o);
  const RenderResult b = render_evacuation_scene(dir / "scene.png", scene, o);
  const RenderResult c = render_wind_animation(dir / "wind", scene, o);
  for (const RenderResult* r : {&a, &b, &c}) {
    CHECK_FALSE(r->rendered);
    CHECK(r->skipped_reason.find("no display") != std::string::npos);
    CHECK(r->files.empty());
    CHECK(r->frames == 0);
  }
  CHECK(fs::is_empty(dir));
}

TEST_CASE("overview PNG has the configured size and the signal colours at the counties",
          "[viz][render][overview]") {
  if (!have_display()) return;
  const CycleScene scene = synthetic_scene();
  const fs::path dir = tmp_dir("overview");
  RenderOptions o;
  o.width = 1400;  // not the default: the size must come from the options
  o.height = 1000;
  o.map_box = MapBox{108.0, 111.0, 17.8, 20.0};
  const RenderResult r = render_overview(dir / "overview.png", scene, o);
  INFO(r.skipped_reason);
  REQUIRE(r.rendered);
  CHECK(r.skipped_reason.empty());
  REQUIRE(r.files == std::vector<std::string>{"overview.png"});
  INFO("overview rendered in " << r.seconds << " s");
  const Image img = read_png(dir / "overview.png");
  REQUIRE(img.width == 1400);
  REQUIRE(img.height == 1000);
  REQUIRE(img.components >= 3);

  // At each county's centroid, ≥ 95 % of a 9 x 9 window within ±6 of its signal colour
  // (the fill is unlit and opaque; the window stays clear of outlines, labels and track).
  for (const TestCounty& c : test_counties) {
    const PixelXY p = map_pixel(o, scene, {c.lon0 + side / 2, c.lat0 + side / 2});
    const int x0 = int(std::floor(p.x)), y0 = int(std::floor(p.y));
    int good = 0;
    for (int dy = -4; dy <= 4; ++dy)
      for (int dx = -4; dx <= 4; ++dx)
        good += near_colour(img.at_top(x0 + dx, y0 + dy), signal_rgb[std::size_t(c.signal)], 6);
    INFO("county with signal " << c.signal << " at pixel " << x0 << "," << y0);
    CHECK(good >= 77);
    CHECK(near_colour(img.at_top(x0, y0), signal_rgb[std::size_t(c.signal)], 6));
  }
  // Outside the counties no signal colour: open sea with little gale probability, and the
  // gale shading is there over the sea where the probability is high.
  const auto far = map_pixel(o, scene, {108.5, 19.8});
  const auto gale = map_pixel(o, scene, {110.35, 18.9});  // P ≈ 0.8, away from the track
  const auto sea = img.at_top(int(far.x), int(far.y));
  const auto shaded = img.at_top(int(gale.x), int(gale.y));
  for (const auto& colour : signal_rgb) {
    CHECK_FALSE(near_colour(sea, colour, 25));
    CHECK_FALSE(near_colour(shaded, colour, 25));
  }
  CHECK_FALSE(near_colour(
      shaded, {(unsigned char)sea[0], (unsigned char)sea[1], (unsigned char)sea[2]}, 30));
}

TEST_CASE("3-D evacuation scene PNG has its size and is not uniform", "[viz][render][scene3d]") {
  if (!have_display()) return;
  const CycleScene scene = synthetic_scene();
  const fs::path dir = tmp_dir("scene3d");
  RenderOptions o;
  o.scene_width = 1000;
  o.scene_height = 700;
  const RenderResult r = render_evacuation_scene(dir / "evacuation.png", scene, o);
  INFO(r.skipped_reason);
  REQUIRE(r.rendered);
  REQUIRE(r.files == std::vector<std::string>{"evacuation.png"});
  const Image img = read_png(dir / "evacuation.png");
  CHECK(img.width == 1000);
  CHECK(img.height == 700);
  std::map<std::array<int, 3>, long> histogram;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) ++histogram[img.at_top(x, y)];
  long most = 0;
  for (const auto& [colour, n] : histogram) most = std::max(most, n);
  CHECK(histogram.size() > 500);                         // shaded terrain, not a flat fill
  CHECK(double(most) / (img.width * img.height) < 0.5);  // no colour covers half the image
}

TEST_CASE("wind animation: one frame per lead hour and an MP4 of as many frames",
          "[viz][render][animation]") {
  if (!have_display()) return;
  const CycleScene scene = synthetic_scene();
  const fs::path dir = tmp_dir("animation");
  // A stale frame of a longer earlier run must not end up in the movie.
  std::ofstream(dir / "wind_0006.png") << "old";
  RenderOptions o;
  o.frame_width = 480;
  o.frame_height = 360;
  o.map_box = MapBox{108.0, 111.0, 17.8, 20.0};
  const RenderResult r = render_wind_animation(dir, scene, o);
  INFO(r.skipped_reason);
  REQUIRE(r.rendered);
  CHECK(r.frames == 6);
  CHECK_FALSE(fs::exists(dir / "wind_0006.png"));
  for (int k = 0; k < 6; ++k) {
    char name[32];
    std::snprintf(name, sizeof name, "wind_%04d.png", k);
    const Image img = read_png(dir / name);
    CHECK(img.width == 480);
    CHECK(img.height == 360);
  }
  CHECK(read_png(dir / "wind_0000.png").rgb != read_png(dir / "wind_0005.png").rgb);
  if (fs::exists(dir / "wind.mp4")) {
    CHECK(r.skipped_reason.empty());
    CHECK(r.files.back() == "wind.mp4");
    REQUIRE(have_program("ffprobe"));
    const std::string n =
        run("ffprobe -v error -select_streams v:0 -count_frames -show_entries "
            "stream=nb_read_frames -of csv=p=0 '" +
            (dir / "wind.mp4").string() + "'");
    CHECK(std::stoi(n) == 6);
  } else {
    WARN("no MP4: " << r.skipped_reason);
    REQUIRE(fs::exists(dir / "wind.gif"));
    CHECK(gif_frames(dir / "wind.gif") == 6);
  }
}

TEST_CASE("wind animation falls back to a GIF when ffmpeg is missing", "[viz][render][animation]") {
  if (!have_display()) return;
  const CycleScene scene = synthetic_scene();
  const fs::path dir = tmp_dir("animation_gif");
  RenderOptions o;
  o.frame_width = 320;
  o.frame_height = 240;
  o.ffmpeg = "/nonexistent/ffmpeg";
  const RenderResult r = render_wind_animation(dir, scene, o);
  INFO(r.skipped_reason);
  REQUIRE(r.rendered);
  CHECK(r.frames == 6);
  CHECK(r.files.back() == "wind.gif");
  CHECK(r.skipped_reason.find("/nonexistent/ffmpeg") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "wind.mp4"));
  CHECK(gif_frames(dir / "wind.gif") == 6);
  if (have_program("ffprobe")) {
    const std::string n =
        run("ffprobe -v error -count_frames -show_entries "
            "stream=nb_read_frames,width,height -of csv=p=0 '" +
            (dir / "wind.gif").string() + "'");
    CHECK(n.substr(0, n.find('\n')) == "320,240,6");
  }
}

TEST_CASE("GifWriter: frames decode back to their colours within half a palette step",
          "[viz][gif]") {
  const fs::path dir = tmp_dir("gif");
  // Odd sizes; the noisy top half fills the 4096-entry LZW table several times (clear
  // codes), the smooth bottom half makes long strings.
  const int w = 211, h = 157;
  std::vector<std::vector<std::uint8_t>> frames;
  for (int f = 0; f < 3; ++f) {
    std::vector<std::uint8_t> rgb(std::size_t(w) * h * 3);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        std::uint8_t* p = &rgb[(std::size_t(y) * w + x) * 3];
        const unsigned hash =
            (unsigned(x) * 73856093u) ^ (unsigned(y) * 19349663u) ^ (unsigned(f) * 83492791u);
        const bool noisy = y < h / 2;
        p[0] = std::uint8_t(noisy ? hash & 255 : (x + 40 * f) % 256);
        p[1] = std::uint8_t(noisy ? (hash >> 8) & 255 : y);
        p[2] = std::uint8_t(noisy ? (hash >> 16) & 255 : 128);
      }
    frames.push_back(rgb);
  }
  {
    GifWriter gif(dir / "t.gif", w, h, 25);
    for (const auto& f : frames) gif.add_frame(f.data());
    CHECK_FALSE(fs::exists(dir / "t.gif"));  // appears only on finish
    gif.finish();
  }
  CHECK(gif_frames(dir / "t.gif") == 3);
  // Palette round trip: every colour maps to an entry at most half a cube step away
  // (255/5/2 = 25.5 for red and blue, 255/6/2 = 21.25 for green).
  long far = 0;
  for (int r = 0; r < 256; ++r)
    for (int g = 0; g < 256; g += 3)
      for (int b = 0; b < 256; b += 5) {
        std::uint8_t c[3];
        GifWriter::palette_colour(GifWriter::palette_index(r, g, b), c);
        far += 2 * std::abs(c[0] - r) > 51 || 2 * std::abs(c[1] - g) > 42.5 ||
               2 * std::abs(c[2] - b) > 51;
      }
  CHECK(far == 0);
  if (!have_program("ffmpeg")) {
    WARN("ffmpeg not found: GIF not decoded");
    return;
  }
  // An independent decoder (ffmpeg) reads the frames back.
  const fs::path raw = dir / "t.rgb";
  REQUIRE(std::system(("ffmpeg -v error -y -i '" + (dir / "t.gif").string() +
                       "' -f rawvideo -pix_fmt rgb24 '" + raw.string() + "'")
                          .c_str()) == 0);
  std::ifstream in(raw, std::ios::binary);
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(bytes.size() == frames.size() * std::size_t(w) * h * 3);
  long wrong = 0;  // pixels whose decoded colour is not their palette colour
  for (std::size_t f = 0; f < frames.size(); ++f)
    for (std::size_t k = 0; k < std::size_t(w) * h; ++k) {
      std::uint8_t want[3];
      GifWriter::palette_colour(
          GifWriter::palette_index(frames[f][3 * k], frames[f][3 * k + 1], frames[f][3 * k + 2]),
          want);
      const unsigned char* got = &bytes[(f * std::size_t(w) * h + k) * 3];
      wrong += got[0] != want[0] || got[1] != want[1] || got[2] != want[2];
    }
  CHECK(wrong == 0);
}

// Not run by default ("[.]"): renders the three products at the default sizes, 24 frames,
// and reports the times (the timings in the report come from here).
TEST_CASE("render timings at the default sizes", "[.][render-timing]") {
  if (!have_display()) return;
  CycleScene scene = synthetic_scene();
  while (scene.wind_hourly.size() < 24) {
    scene.wind_hourly.push_back(scene.wind_hourly[scene.wind_hourly.size() % 6]);
    scene.lead_hours.push_back(double(scene.lead_hours.size()));
  }
  const fs::path dir = tmp_dir("timing");
  RenderOptions o;
  o.map_box = MapBox{108.0, 111.0, 17.8, 20.0};
  const RenderResult a = render_overview(dir / "overview.png", scene, o);
  const RenderResult b = render_evacuation_scene(dir / "evacuation.png", scene, o);
  const RenderResult c = render_wind_animation(dir / "wind", scene, o);
  REQUIRE((a.rendered && b.rendered && c.rendered));
  CHECK(c.frames == 24);
  WARN("overview " << o.width << "x" << o.height << ": " << a.seconds << " s; 3-D scene "
                   << o.scene_width << "x" << o.scene_height << ": " << b.seconds
                   << " s; animation " << c.frames << " frames " << o.frame_width << "x"
                   << o.frame_height << " + " << c.files.back() << ": " << c.seconds << " s");
}
