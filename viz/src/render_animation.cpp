// Hourly wind frames -> wind.mp4 (ffmpeg, H.264), or wind.gif when the MP4 cannot be made.
#include <regex>
#include <system_error>

#include <unistd.h>

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkImageData.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>

#include <fmt/format.h>

#include "render_detail.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/stop_request.hpp"
#include "taifeng/viz/gif_writer.hpp"

namespace taifeng::viz {

namespace fs = std::filesystem;
using namespace detail;

namespace {

std::string frame_name(std::size_t k) {
  return fmt::format("wind_{:04d}.png", k);
}

// Frames and movies of an earlier run would mix with this one's (ffmpeg reads the numbered
// frames until the first gap).
void remove_old_outputs(const fs::path& dir) {
  static const std::regex frame(R"(wind_\d{4}\.png)");
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (std::regex_match(name, frame) || name == "wind.mp4" || name == "wind.gif")
      fs::remove(e.path(), ec);
  }
}

// Encodes the frames with ffmpeg; "" on success, else why not.
std::string encode_mp4(const fs::path& dir, int frames, const RenderOptions& o) {
  const fs::path mp4 = dir / "wind.mp4";
  const fs::path tmp = dir / ("wind.mp4.tmp." + std::to_string(::getpid()));
  const fs::path log = dir / ("wind.ffmpeg.log." + std::to_string(::getpid()));
  const std::string fps = std::to_string(o.fps);
  // H.264 4:2:0 needs even dimensions: the scale filter rounds them down.
  const ProcessResult p = run_process({o.ffmpeg,
                                       "-nostdin",
                                       "-y",
                                       "-loglevel",
                                       "error",
                                       "-framerate",
                                       fps,
                                       "-start_number",
                                       "0",
                                       "-i",
                                       (dir / "wind_%04d.png").string(),
                                       "-frames:v",
                                       std::to_string(frames),
                                       "-vf",
                                       "scale=trunc(iw/2)*2:trunc(ih/2)*2",
                                       "-c:v",
                                       "libx264",
                                       "-pix_fmt",
                                       "yuv420p",
                                       "-r",
                                       fps,
                                       "-movflags",
                                       "+faststart",
                                       "-f",
                                       "mp4",
                                       tmp.string()},
                                      log);
  std::error_code ec;
  fs::remove(log, ec);
  if (!p.started || p.exit_code != 0) {
    fs::remove(tmp, ec);
    return p.started ? "ffmpeg failed: " + p.message : p.message;
  }
  fs::rename(tmp, mp4, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return "rename to wind.mp4: " + ec.message();
  }
  return "";
}

void encode_gif(const fs::path& dir, int frames, int width, int height, const RenderOptions& o) {
  GifWriter gif(dir / "wind.gif", width, height, int(std::lround(100.0 / o.fps)));
  std::vector<std::uint8_t> rgb(std::size_t(width) * std::size_t(height) * 3);
  for (int k = 0; k < frames; ++k) {
    vtkNew<vtkPNGReader> reader;
    const fs::path png = dir / frame_name(std::size_t(k));
    reader->SetFileName(png.c_str());
    reader->Update();
    vtkImageData* image = reader->GetOutput();
    int dims[3];
    image->GetDimensions(dims);
    if (dims[0] != width || dims[1] != height || image->GetNumberOfScalarComponents() < 3)
      throw_internal_error(png.string(), "frame to re-read is not the rendered image");
    const int nc = image->GetNumberOfScalarComponents();
    const auto* px = static_cast<const std::uint8_t*>(image->GetScalarPointer());
    for (int j = 0; j < height; ++j)  // VTK rows run bottom-up, GIF rows top-down
      for (int i = 0; i < width; ++i)
        for (int c = 0; c < 3; ++c)
          rgb[(std::size_t(height - 1 - j) * width + i) * 3 + c] =
              px[(std::size_t(j) * width + i) * nc + c];
    gif.add_frame(rgb.data());
  }
  gif.finish();
}

}  // namespace

RenderResult render_wind_animation(const fs::path& dir, const CycleScene& scene,
                                   const RenderOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (auto skip = precheck(options)) return *skip;
  RenderResult result;
  if (scene.wind_hourly.empty()) {
    result.skipped_reason = "no hourly wind fields in the scene";
    return result;
  }
  if (scene.wind_hourly.size() != scene.lead_hours.size())
    throw_input_error("scene: wind_hourly",
                      fmt::format("{} hourly wind fields for {} lead times",
                                  scene.wind_hourly.size(), scene.lead_hours.size()));
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw_input_error(dir.string(), "cannot create directory: " + ec.message());
  remove_old_outputs(dir);

  const int W = options.frame_width, H = options.frame_height;
  const MapLayout L = map_layout(W, H, map_box(options, scene), frame_margins(W, H));
  const bool cjk = cjk_font(options);
  const double text = 0.02 * H;

  std::string errors;
  vtkSmartPointer<vtkRenderWindow> window = offscreen_window(W, H, 2, &errors);
  vtkNew<vtkRenderer> base;
  base->SetBackground(1, 1, 1);
  vtkSmartPointer<vtkRenderer> map = map_renderer(L, sea_colour);
  vtkNew<vtkRenderer> overlay;
  overlay->SetLayer(1);
  window->AddRenderer(base);
  window->AddRenderer(map);
  window->AddRenderer(overlay);

  if (auto relief = relief_actor(scene.relief, L, 0)) map->AddActor(relief);
  vtkSmartPointer<vtkLookupTable> lut =
      colormap_lut(options.wind_colormap, 0, options.wind_max_ms, 256);
  vtkSmartPointer<vtkActor> wind = scalar_actor(grid_surface(scene.wind_hourly[0], L, 1), lut);
  map->AddActor(wind);
  map->AddActor(flat_actor(county_outlines(scene.counties, L, 2), {0.3, 0.3, 0.3}, 1));
  map->AddActor(flat_actor(polylines(scene.coastline, L, 2.5), {0.05, 0.05, 0.1}, 1.5));
  const Track* track = forecast_track(scene);
  if (track != nullptr) {
    std::vector<LonLat> line;
    for (const TrackPoint& p : track->points) line.push_back({p.lon, p.lat});
    map->AddActor(flat_actor(polylines({line}, L, 3), {0.1, 0.1, 0.1}, 1.5));
  }
  vtkSmartPointer<vtkActor> ring = flat_actor(disc({0, 0}, 1, L, 4), {1, 1, 1});
  vtkSmartPointer<vtkActor> eye = flat_actor(disc({0, 0}, 1, L, 4.5), {0.85, 0, 0});
  map->AddActor(ring);
  map->AddActor(eye);
  add_map_frame(overlay, L);

  base->AddActor2D(text_actor(
      storm_heading(scene, cjk) + (cjk ? "  10 米风速 10 m wind speed" : " — 10 m wind speed"),
      L.rect_x, H - 0.02 * H, 1.4 * text, {0, 0, 0}, options, 0, 2, true));
  vtkSmartPointer<vtkTextActor> when =
      text_actor("", L.rect_x, H - 0.068 * H, 1.1 * text, {0.1, 0.1, 0.1}, options, 0, 2);
  base->AddActor2D(when);
  const double px = L.rect_x + L.rect_w + 0.02 * W;
  base->AddActor2D(colour_bar(lut, "m/s", px, L.rect_y + 0.05 * H, 0.11 * W, L.rect_h - 0.1 * H,
                              text, 7, options));

  for (std::size_t k = 0; k < scene.wind_hourly.size(); ++k) {
    throw_if_stop_requested("the wind animation");
    const GridField& f = scene.wind_hourly[k];
    vtkMapper* mapper = wind->GetMapper();
    static_cast<vtkPolyDataMapper*>(mapper)->SetInputData(grid_surface(f, L, 1));
    const double lead = scene.lead_hours[k];
    const TimePoint t = add_hours(scene.analysis_time, lead);
    when->SetInput(fmt::format("{}   +{:g} h   (issued {})", local_time(t), lead,
                               local_time(scene.analysis_time))
                       .c_str());
    const bool show = track != nullptr && track->covers(t);
    ring->SetVisibility(show);
    eye->SetVisibility(show);
    if (show) {
      const TrackPoint p = track->at(t);
      static_cast<vtkPolyDataMapper*>(ring->GetMapper())
          ->SetInputData(disc({p.lon, p.lat}, 0.55 * text, L, 4));
      static_cast<vtkPolyDataMapper*>(eye->GetMapper())
          ->SetInputData(disc({p.lon, p.lat}, 0.38 * text, L, 4.5));
    }
    write_window_png(window, dir / frame_name(k), &errors);
    result.files.push_back(frame_name(k));
    ++result.frames;
  }

  const std::string mp4_failure = encode_mp4(dir, result.frames, options);
  if (mp4_failure.empty()) {
    result.files.push_back("wind.mp4");
  } else {
    encode_gif(dir, result.frames, W, H, options);
    result.files.push_back("wind.gif");
    result.skipped_reason = "no MP4 (" + mp4_failure + "); wrote wind.gif instead";
  }
  result.rendered = true;
  result.seconds = seconds_since(start);
  return result;
}

}  // namespace taifeng::viz
