// Counties as filled polygons carrying their warning attributes.
#include <algorithm>
#include <cmath>
#include <limits>

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>

#include "scene_vtk_parts.hpp"
#include "taifeng/core/track.hpp"
#include "vtk_io.hpp"

namespace taifeng::viz::detail {

namespace {

// The ring without its closing vertex (rings may or may not repeat the first vertex).
Ring open_ring(const Ring& r) {
  Ring out = r;
  if (out.size() > 1 && out.front().lon == out.back().lon && out.front().lat == out.back().lat)
    out.pop_back();
  return out;
}

double signed_area(const Ring& r) {
  double a = 0;
  for (std::size_t k = 0; k < r.size(); ++k) {
    const LonLat& p = r[k];
    const LonLat& q = r[(k + 1) % r.size()];
    a += p.lon * q.lat - q.lon * p.lat;
  }
  return a / 2;
}

// A VTK polygon has no holes: each hole is joined to the outer ring by a zero-width cut
// between the closest pair of their vertices and walked the opposite way round, so that
// the ring's filled area is the outer area less the hole.
Ring cut_in_holes(const Polygon& poly) {
  Ring ring = open_ring(poly.outer);
  const bool ccw = signed_area(ring) > 0;
  for (const Ring& hole_in : poly.holes) {
    Ring hole = open_ring(hole_in);
    if (hole.size() < 3) continue;
    if ((signed_area(hole) > 0) == ccw) std::reverse(hole.begin(), hole.end());
    std::size_t bi = 0, bj = 0;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < ring.size(); ++i)
      for (std::size_t j = 0; j < hole.size(); ++j) {
        const double dx = ring[i].lon - hole[j].lon, dy = ring[i].lat - hole[j].lat;
        if (dx * dx + dy * dy < best) {
          best = dx * dx + dy * dy;
          bi = i;
          bj = j;
        }
      }
    Ring out(ring.begin(), ring.begin() + std::ptrdiff_t(bi) + 1);
    for (std::size_t k = 0; k <= hole.size(); ++k) out.push_back(hole[(bj + k) % hole.size()]);
    out.insert(out.end(), ring.begin() + std::ptrdiff_t(bi), ring.end());
    ring = std::move(out);
  }
  return ring;
}

}  // namespace

void write_counties(const fs::path& dir, const CycleScene& scene, FileList& files) {
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  vtkNew<vtkCellArray> polys;
  std::vector<int> county, signal, surge_level;
  std::vector<long> population, b6, b8, b10, b12, expected, evacuate, assigned, unassigned;
  std::vector<double> arrival;
  std::vector<std::string> code, name_en, name_zh;
  for (std::size_t c = 0; c < scene.counties.size(); ++c) {
    const CountyView& v = scene.counties[c];
    for (const Polygon& part : v.shape) {
      const Ring ring = cut_in_holes(part);
      if (ring.size() < 3) continue;
      polys->InsertNextCell(vtkIdType(ring.size()));
      for (const LonLat& p : ring)
        polys->InsertCellPoint(points->InsertNextPoint(p.lon, p.lat, 0.0));
      county.push_back(int(c));
      signal.push_back(v.signal);
      surge_level.push_back(v.surge_level);
      population.push_back(v.population);
      b6.push_back(v.exposed[0]);
      b8.push_back(v.exposed[1]);
      b10.push_back(v.exposed[2]);
      b12.push_back(v.exposed[3]);
      expected.push_back(v.expected_exposed);
      arrival.push_back(v.gale_arrival_h.value_or(missing));
      evacuate.push_back(v.evacuate);
      assigned.push_back(v.assigned);
      unassigned.push_back(v.unassigned);
      code.push_back(v.code);
      name_en.push_back(v.name_en);
      name_zh.push_back(v.name_zh);
    }
  }
  if (county.empty()) return;

  vtkNew<vtkPolyData> poly;
  poly->SetPoints(points);
  poly->SetPolys(polys);
  vtkCellData* cd = poly->GetCellData();
  add_ints(cd, "county", county);
  add_ints(cd, "signal", signal);
  add_ints(cd, "surge_level", surge_level);
  add_counts(cd, "population", population);
  add_counts(cd, "exposed_b6", b6);
  add_counts(cd, "exposed_b8", b8);
  add_counts(cd, "exposed_b10", b10);
  add_counts(cd, "exposed_b12", b12);
  add_counts(cd, "expected_exposed", expected);
  add_doubles(cd, "gale_arrival_h", arrival);
  add_counts(cd, "evacuate", evacuate);
  add_counts(cd, "assigned", assigned);
  add_counts(cd, "unassigned", unassigned);
  add_strings(cd, "code", code);
  add_strings(cd, "name_en", name_en);
  add_strings(cd, "name_zh", name_zh);
  cd->SetActiveScalars("signal");
  stamp(poly, scene);

  vtkNew<vtkXMLPolyDataWriter> writer;
  writer->SetInputData(poly);
  write_xml_atomic(writer, dir / "counties.vtp");
  files.push_back("counties.vtp");
}

}  // namespace taifeng::viz::detail
