#pragma once
// The writers of the parts of write_scene_vtk (private to viz). Each writes its file(s)
// into `dir` and appends their paths relative to `dir` to `files`, or writes nothing when
// its part of the scene is empty.
#include <filesystem>
#include <string>
#include <vector>

#include "taifeng/viz/scene.hpp"
#include "taifeng/viz/scene_vtk.hpp"

class vtkDataObject;

namespace taifeng::viz::detail {

using FileList = std::vector<std::string>;
namespace fs = std::filesystem;

// storm_id and analysis_time as field data of `data`.
void stamp(vtkDataObject* data, const CycleScene& scene);

void write_hazard(const fs::path& dir, const CycleScene& scene, FileList& files);
void write_surge(const fs::path& dir, const CycleScene& scene, FileList& files);
void write_terrain(const fs::path& dir, const CycleScene& scene, const VtkSceneOptions& options,
                   FileList& files);
void write_coastline(const fs::path& dir, const CycleScene& scene, FileList& files);
void write_tracks(const fs::path& dir, const CycleScene& scene, FileList& files);
void write_cone(const fs::path& dir, const CycleScene& scene, FileList& files);
void write_counties(const fs::path& dir, const CycleScene& scene, FileList& files);
void write_shelters(const fs::path& dir, const CycleScene& scene, FileList& files);
void write_flows(const fs::path& dir, const CycleScene& scene, FileList& files);

}  // namespace taifeng::viz::detail
