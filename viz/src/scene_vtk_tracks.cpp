// Storm tracks (forecast, ensemble members, best track) and the forecast cone.
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkInformation.h>
#include <vtkInformationStringKey.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>

#include "scene_vtk_parts.hpp"
#include "taifeng/viz/cone.hpp"
#include "vtk_io.hpp"

namespace taifeng::viz::detail {

void write_tracks(const fs::path& dir, const CycleScene& scene, FileList& files) {
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  vtkNew<vtkCellArray> lines;
  std::vector<double> time_h, vmax, pmin;
  std::vector<int> member;
  std::vector<std::string> source;
  for (const MemberTrack& m : scene.tracks) {
    if (m.track.empty()) continue;
    lines->InsertNextCell(vtkIdType(m.track.points.size()));
    for (const TrackPoint& p : m.track.points) {
      lines->InsertCellPoint(points->InsertNextPoint(p.lon, p.lat, 0.0));
      time_h.push_back(hours_between(scene.analysis_time, p.time));
      vmax.push_back(p.vmax_ms);
      pmin.push_back(p.pmin_hpa);
    }
    member.push_back(m.member);
    source.push_back(m.track.source);
  }
  if (member.empty()) return;

  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetLines(lines);
  vtkPointData* pd = poly->GetPointData();
  add_doubles(pd, "time_h", time_h);
  add_doubles(pd, "vmax_ms", vmax);
  add_doubles(pd, "pmin_hpa", pmin);
  pd->GetArray("time_h")->GetInformation()->Set(
      vtkDataArray::UNITS_LABEL(), ("hours since " + format_iso_utc(scene.analysis_time)).c_str());
  pd->SetActiveScalars("vmax_ms");
  add_ints(poly->GetCellData(), "member", member);
  add_strings(poly->GetCellData(), "source", source);
  stamp(poly, scene);
  write_poly(dir / "tracks.vtp", poly);
  files.push_back("tracks.vtp");
}

void write_cone(const fs::path& dir, const CycleScene& scene, FileList& files) {
  const Ring ring = cone_outline(scene.cone_centre, scene.cone_radius_km);
  if (ring.size() < 3) return;
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  vtkNew<vtkCellArray> polys;
  polys->InsertNextCell(vtkIdType(ring.size()));
  for (const LonLat& p : ring) polys->InsertCellPoint(points->InsertNextPoint(p.lon, p.lat, 0.0));
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetPolys(polys);
  std::vector<double> lon, lat;
  for (const LonLat& c : scene.cone_centre) {
    lon.push_back(c.lon);
    lat.push_back(c.lat);
  }
  add_doubles(poly->GetFieldData(), "centre_lon", lon);
  add_doubles(poly->GetFieldData(), "centre_lat", lat);
  add_doubles(poly->GetFieldData(), "radius_km", scene.cone_radius_km);
  stamp(poly, scene);
  write_poly(dir / "cone.vtp", poly);
  files.push_back("cone.vtp");
}

}  // namespace taifeng::viz::detail
