#include "taifeng/viz/vtk_writer.hpp"

#include <string>

#include <vtkCellArray.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkInformation.h>
#include <vtkInformationStringKey.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLImageDataWriter.h>
#include <vtkXMLPolyDataWriter.h>

#include "taifeng/core/error.hpp"
#include "vtk_io.hpp"

namespace taifeng::viz {

namespace fs = std::filesystem;

void write_image_vti(const fs::path& path, const std::vector<const Field*>& fields) {
  TAIFENG_CHECK(!fields.empty(), "no field to write to " + path.string());
  const vtkSmartPointer<vtkImageData> image = detail::make_image(fields);
  vtkNew<vtkXMLImageDataWriter> writer;
  writer->SetInputData(image);
  detail::write_xml_atomic(writer, path);
}

void write_track_vtp(const fs::path& path, const Track& track, TimePoint reference) {
  TAIFENG_CHECK(!track.empty(), "empty track '" + track.id + "' for " + path.string());
  const std::size_t n = track.points.size();

  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(vtkIdType(n));
  std::vector<double> time_h(n), vmax(n), pmin(n), rmw(n);
  for (std::size_t k = 0; k < n; ++k) {
    const TrackPoint& p = track.points[k];
    points->SetPoint(vtkIdType(k), p.lon, p.lat, 0.0);
    time_h[k] = hours_between(reference, p.time);
    vmax[k] = p.vmax_ms;
    pmin[k] = p.pmin_hpa;
    rmw[k] = p.rmw_km;
  }

  vtkNew<vtkCellArray> lines;
  lines->InsertNextCell(vtkIdType(n));
  for (std::size_t k = 0; k < n; ++k) lines->InsertCellPoint(vtkIdType(k));

  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetLines(lines);
  vtkPointData* pd = poly->GetPointData();
  detail::add_doubles(pd, "time_h", time_h);
  detail::add_doubles(pd, "vmax_ms", vmax);
  detail::add_doubles(pd, "pmin_hpa", pmin);
  detail::add_doubles(pd, "rmw_km", rmw);
  // ISO reference in the units label so that "hours since" is self-describing.
  pd->GetArray("time_h")->GetInformation()->Set(
      vtkDataArray::UNITS_LABEL(), ("hours since " + format_iso_utc(reference)).c_str());
  pd->SetActiveScalars("vmax_ms");
  detail::add_string(poly->GetFieldData(), "track_id", track.id);
  detail::add_string(poly->GetFieldData(), "storm_name", track.name);
  detail::add_string(poly->GetFieldData(), "track_source", track.source);

  vtkNew<vtkXMLPolyDataWriter> writer;
  writer->SetInputData(poly);
  detail::write_xml_atomic(writer, path);
}

}  // namespace taifeng::viz
