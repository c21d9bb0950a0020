// The base map: terrain as a raised surface and the coastline.
#include <climits>
#include <cmath>

#include <vtkCellArray.h>
#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkInformation.h>
#include <vtkInformationStringKey.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkStructuredGrid.h>
#include <vtkXMLPolyDataWriter.h>
#include <vtkXMLStructuredGridWriter.h>

#include "scene_vtk_parts.hpp"
#include "taifeng/core/error.hpp"
#include "taifeng/core/units.hpp"
#include "vtk_io.hpp"

namespace taifeng::viz::detail {

void write_terrain(const fs::path& dir, const CycleScene& scene, const VtkSceneOptions& options,
                   FileList& files) {
  const GridField& relief = scene.relief;
  if (relief.values.empty()) return;
  const Grid& g = relief.grid;
  TAIFENG_CHECK(relief.values.size() == g.size(),
                "relief has " + std::to_string(relief.values.size()) + " values for a grid of " +
                    std::to_string(g.size()) + " points");
  TAIFENG_CHECK(g.nlon <= std::size_t(INT_MAX) && g.nlat <= std::size_t(INT_MAX),
                "relief grid too large for VTK");
  TAIFENG_CHECK(std::isfinite(options.vertical_exaggeration) && options.vertical_exaggeration >= 0,
                "vertical exaggeration must be a finite value >= 0");
  // Heights in the unit of x and y: one degree of latitude is 111 195 m.
  const double m_per_deg = deg_to_rad(1.0) * earth_radius_m;
  const double z_per_m = options.vertical_exaggeration / m_per_deg;

  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(vtkIdType(g.size()));
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) {
      const double h = relief.values[g.index(i, j)];
      points->SetPoint(vtkIdType(g.index(i, j)), g.lon(i), g.lat(j),
                       std::isnan(h) ? 0.0 : h * z_per_m);  // unknown height: sea level
    }
  vtkNew<vtkStructuredGrid> surface;
  surface->SetDimensions(int(g.nlon), int(g.nlat), 1);
  surface->SetPoints(points);
  add_doubles(surface->GetPointData(), "elevation_m", relief.values);
  surface->GetPointData()
      ->GetArray("elevation_m")
      ->GetInformation()
      ->Set(vtkDataArray::UNITS_LABEL(), "m");
  surface->GetPointData()->SetActiveScalars("elevation_m");
  stamp(surface, scene);
  add_number(surface->GetFieldData(), "vertical_exaggeration", options.vertical_exaggeration);
  add_number(surface->GetFieldData(), "z_per_metre", z_per_m);

  vtkNew<vtkXMLStructuredGridWriter> writer;
  writer->SetInputData(surface);
  write_xml_atomic(writer, dir / "terrain.vts");
  files.push_back("terrain.vts");
}

void write_coastline(const fs::path& dir, const CycleScene& scene, FileList& files) {
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  vtkNew<vtkCellArray> lines;
  for (const auto& line : scene.coastline) {
    if (line.size() < 2) continue;
    lines->InsertNextCell(vtkIdType(line.size()));
    for (const LonLat& p : line) lines->InsertCellPoint(points->InsertNextPoint(p.lon, p.lat, 0));
  }
  if (lines->GetNumberOfCells() == 0) return;
  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetLines(lines);
  stamp(poly, scene);
  vtkNew<vtkXMLPolyDataWriter> writer;
  writer->SetInputData(poly);
  write_xml_atomic(writer, dir / "coastline.vtp");
  files.push_back("coastline.vtp");
}

}  // namespace taifeng::viz::detail
