#include "taifeng/viz/scene_vtk.hpp"

#include <system_error>

#include <vtkDataObject.h>

#include "scene_vtk_parts.hpp"
#include "taifeng/core/error.hpp"
#include "vtk_io.hpp"

namespace taifeng::viz {

namespace detail {

void stamp(vtkDataObject* data, const CycleScene& scene) {
  add_string(data->GetFieldData(), "storm_id", scene.storm_id);
  add_string(data->GetFieldData(), "analysis_time", format_iso_utc(scene.analysis_time));
}

}  // namespace detail

VtkSceneFiles write_scene_vtk(const std::filesystem::path& dir, const CycleScene& scene,
                              const VtkSceneOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw_input_error(dir.string(), "cannot create directory: " + ec.message());
  VtkSceneFiles out;
  detail::write_hazard(dir, scene, out.files);
  detail::write_surge(dir, scene, out.files);
  detail::write_terrain(dir, scene, options, out.files);
  detail::write_coastline(dir, scene, out.files);
  detail::write_tracks(dir, scene, out.files);
  detail::write_cone(dir, scene, out.files);
  detail::write_counties(dir, scene, out.files);
  detail::write_shelters(dir, scene, out.files);
  detail::write_flows(dir, scene, out.files);
  return out;
}

}  // namespace taifeng::viz
