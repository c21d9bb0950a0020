// Shelters (points with capacity and load) and evacuation flows (routes with head counts).
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>

#include "scene_vtk_parts.hpp"
#include "taifeng/core/track.hpp"
#include "vtk_io.hpp"

namespace taifeng::viz::detail {

void write_shelters(const fs::path& dir, const CycleScene& scene, FileList& files) {
  if (scene.shelters.empty()) return;
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  vtkNew<vtkCellArray> verts;
  std::vector<long> capacity, assigned;
  std::vector<double> load;
  std::vector<std::string> id, name_en, name_zh;
  for (const ShelterView& s : scene.shelters) {
    const vtkIdType p = points->InsertNextPoint(s.pos.lon, s.pos.lat, 0.0);
    verts->InsertNextCell(1, &p);
    capacity.push_back(s.capacity);
    assigned.push_back(s.assigned);
    load.push_back(s.capacity > 0 ? double(s.assigned) / double(s.capacity) : missing);
    id.push_back(s.id);
    name_en.push_back(s.name_en);
    name_zh.push_back(s.name_zh);
  }
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetVerts(verts);
  vtkPointData* pd = poly->GetPointData();
  add_counts(pd, "capacity", capacity);
  add_counts(pd, "assigned", assigned);
  add_doubles(pd, "load_fraction", load);
  add_strings(pd, "id", id);
  add_strings(pd, "name_en", name_en);
  add_strings(pd, "name_zh", name_zh);
  pd->SetActiveScalars("load_fraction");
  stamp(poly, scene);
  write_poly(dir / "shelters.vtp", poly);
  files.push_back("shelters.vtp");
}

void write_flows(const fs::path& dir, const CycleScene& scene, FileList& files) {
  if (scene.flows.empty()) return;
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  vtkNew<vtkCellArray> lines;
  std::vector<long> people;
  std::vector<double> km;
  std::vector<std::string> unit, shelter;
  for (const FlowView& f : scene.flows) {
    // A flow without a route is drawn as the straight line from the county to the shelter.
    const std::vector<LonLat> path =
        f.path.size() >= 2 ? f.path : std::vector<LonLat>{f.from, f.to};
    lines->InsertNextCell(vtkIdType(path.size()));
    for (const LonLat& p : path) lines->InsertCellPoint(points->InsertNextPoint(p.lon, p.lat, 0));
    people.push_back(f.people);
    km.push_back(f.km);
    unit.push_back(f.unit);
    shelter.push_back(f.shelter);
  }
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetLines(lines);
  vtkCellData* cd = poly->GetCellData();
  add_counts(cd, "people", people);
  add_doubles(cd, "km", km);
  add_strings(cd, "unit", unit);
  add_strings(cd, "shelter", shelter);
  cd->SetActiveScalars("people");
  stamp(poly, scene);
  write_poly(dir / "flows.vtp", poly);
  files.push_back("flows.vtp");
}

}  // namespace taifeng::viz::detail
