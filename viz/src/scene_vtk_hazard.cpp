// Hazard fields on their grids: the hourly wind as a .pvd time series of images, the
// static hazard (swath, gale probability, population density) and the surge.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <system_error>

#include <vtkFieldData.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkXMLImageDataWriter.h>

#include "scene_vtk_parts.hpp"
#include "taifeng/core/atomic_file.hpp"
#include "taifeng/core/error.hpp"
#include "vtk_io.hpp"

namespace taifeng::viz::detail {

namespace {

bool present(const GridField& f) {
  return !f.values.empty();
}
bool present(const std::optional<GridField>& f) {
  return f && present(*f);
}

// The scene field as a Field named after its role in the scene (fixed array names that
// ParaView state files can rely on), units and long name kept.
Field as_field(const GridField& g, const std::string& name) {
  TAIFENG_CHECK(g.values.size() == g.grid.size(),
                "scene field '" + name + "' has " + std::to_string(g.values.size()) +
                    " values for a grid of " + std::to_string(g.grid.size()) + " points");
  Field f;
  f.name = name;
  f.units = g.units;
  f.long_name = g.long_name;
  f.grid = g.grid;
  f.data = g.values;
  return f;
}

// Shortest decimal text that reads back as the same double.
std::string number_text(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

void write_image(const fs::path& path, vtkImageData* image) {
  vtkNew<vtkXMLImageDataWriter> writer;
  writer->SetInputData(image);
  write_xml_atomic(writer, path);
}

}  // namespace

void write_hazard(const fs::path& dir, const CycleScene& scene, FileList& files) {
  std::vector<Field> statics;  // the static hazard, in file order
  if (present(scene.wind_max)) statics.push_back(as_field(scene.wind_max, "wind_max"));
  if (present(scene.gale_probability))
    statics.push_back(as_field(*scene.gale_probability, "gale_probability"));
  if (present(scene.population_density))
    statics.push_back(as_field(*scene.population_density, "population_density"));

  if (!scene.wind_hourly.empty()) {
    TAIFENG_CHECK(scene.wind_hourly.size() == scene.lead_hours.size(),
                  std::to_string(scene.wind_hourly.size()) + " hourly wind fields but " +
                      std::to_string(scene.lead_hours.size()) + " lead times");
    const fs::path sub = dir / "hazard";
    std::error_code ec;
    fs::create_directories(sub, ec);
    if (ec) throw_input_error(sub.string(), "cannot create directory: " + ec.message());
    std::string pvd =
        "<?xml version=\"1.0\"?>\n"
        "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
        "  <Collection>\n";
    for (std::size_t k = 0; k < scene.wind_hourly.size(); ++k) {
      const double lead = scene.lead_hours[k];
      TAIFENG_CHECK(std::isfinite(lead), "lead time " + std::to_string(k) + " is not finite");
      const Field wind = as_field(scene.wind_hourly[k], "wind_speed");
      std::vector<const Field*> fields{&wind};
      for (const Field& f : statics)
        if (f.name != "wind_max" && f.grid == wind.grid) fields.push_back(&f);
      const vtkSmartPointer<vtkImageData> image = make_image(fields);
      stamp(image, scene);
      add_number(image->GetFieldData(), "lead_h", lead);
      // "TimeValue" is the field-data array VTK's XML readers take as the dataset's time.
      add_number(image->GetFieldData(), "TimeValue", lead);
      add_string(image->GetFieldData(), "valid_time",
                 format_iso_utc(add_hours(scene.analysis_time, lead)));
      char name[32];
      std::snprintf(name, sizeof name, "wind_%03zu.vti", k);
      write_image(sub / name, image);
      files.push_back("hazard/" + std::string(name));
      pvd += "    <DataSet timestep=\"" + number_text(lead) + "\" group=\"\" part=\"0\" file=\"" +
             name + "\"/>\n";
    }
    pvd += "  </Collection>\n</VTKFile>\n";
    // Written last: the series names only files that exist.
    write_file_atomic(sub / "wind.pvd", pvd);
    files.push_back("hazard/wind.pvd");
  }

  if (!statics.empty()) {
    std::vector<const Field*> fields;
    for (const Field& f : statics) fields.push_back(&f);
    const vtkSmartPointer<vtkImageData> image = make_image(fields);
    stamp(image, scene);
    add_number(image->GetFieldData(), "gale_window_h", scene.gale_window_h);
    write_image(dir / "hazard_static.vti", image);
    files.push_back("hazard_static.vti");
  }
}

void write_surge(const fs::path& dir, const CycleScene& scene, FileList& files) {
  std::vector<Field> surge;
  if (present(scene.inundation_depth))
    surge.push_back(as_field(*scene.inundation_depth, "inundation_depth"));
  if (present(scene.surge_max)) surge.push_back(as_field(*scene.surge_max, "surge_max"));
  if (surge.empty()) return;
  std::vector<const Field*> fields;
  for (const Field& f : surge) fields.push_back(&f);
  const vtkSmartPointer<vtkImageData> image = make_image(fields);
  stamp(image, scene);
  write_image(dir / "surge.vti", image);
  files.push_back("surge.vti");
}

}  // namespace taifeng::viz::detail
