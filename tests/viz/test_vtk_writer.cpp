#include "taifeng/viz/vtk_writer.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <vtkCellArray.h>
#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkIdList.h>
#include <vtkImageData.h>
#include <vtkInformation.h>
#include <vtkInformationStringKey.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkStringArray.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLPolyDataReader.h>
#include <catch2/catch.hpp>

#include "taifeng/core/error.hpp"

namespace fs = std::filesystem;
using namespace taifeng;

namespace {

fs::path tmp_dir() {
  const fs::path dir = fs::path(TAIFENG_TEST_TMP) / "vtk_writer";
  fs::create_directories(dir);
  return dir;
}

// 11 x 6 points, 0.5° spacing from (110E, 15N); value = lon + 10*lat, one NaN.
Field analytic_field() {
  Grid g;
  g.lon0 = 110.0;
  g.lat0 = 15.0;
  g.dlon = 0.5;
  g.dlat = 0.5;
  g.nlon = 11;
  g.nlat = 6;
  Field f("surge", "m", g);
  f.long_name = "storm surge height";
  for (std::size_t j = 0; j < g.nlat; ++j)
    for (std::size_t i = 0; i < g.nlon; ++i) f.at(i, j) = g.lon(i) + 10.0 * g.lat(j);
  f.at(3, 2) = std::nan("");
  return f;
}

Track three_point_track() {
  Track t;
  t.id = "WP182005";
  t.name = "Damrey";
  t.source = "test";
  for (int k = 0; k < 3; ++k) {
    TrackPoint p;
    p.time = make_utc(2005, 9, 25, 6 * k);
    p.lon = 115.0 - 1.5 * k;
    p.lat = 16.0 + 0.5 * k;
    p.vmax_ms = 30.0 + 5.0 * k;
    p.pmin_hpa = 980.0 - 10.0 * k;
    p.rmw_km = k == 1 ? missing : 40.0;
    t.points.push_back(p);
  }
  return t;
}

std::string field_string(vtkFieldData* fd, const char* name) {
  auto* a = vtkStringArray::SafeDownCast(fd->GetAbstractArray(name));
  if (a == nullptr || a->GetNumberOfValues() != 1) return "<missing>";
  return a->GetValue(0);
}

bool leftover_tmp(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp.") != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("write_image_vti round-trips grid geometry, values, NaN and units", "[viz][vtk]") {
  const fs::path dir = tmp_dir() / "image";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path path = dir / "fields.vti";

  const Field surge = analytic_field();
  Field wind("wind_speed", "m s-1", surge.grid, 12.5);
  wind.at(10, 5) = 40.0;
  viz::write_image_vti(path, {&surge, &wind});
  REQUIRE(fs::exists(path));
  CHECK_FALSE(leftover_tmp(dir));

  vtkNew<vtkXMLImageDataReader> reader;
  reader->SetFileName(path.c_str());
  reader->Update();
  vtkImageData* image = reader->GetOutput();
  REQUIRE(image != nullptr);

  int dims[3];
  image->GetDimensions(dims);
  CHECK(dims[0] == 11);
  CHECK(dims[1] == 6);
  CHECK(dims[2] == 1);
  double origin[3], spacing[3];
  image->GetOrigin(origin);
  image->GetSpacing(spacing);
  CHECK(origin[0] == Approx(110.0));
  CHECK(origin[1] == Approx(15.0));
  CHECK(origin[2] == Approx(0.0).margin(1e-12));
  CHECK(spacing[0] == Approx(0.5));
  CHECK(spacing[1] == Approx(0.5));
  CHECK(spacing[2] == Approx(1.0));

  vtkPointData* pd = image->GetPointData();
  REQUIRE(pd->GetNumberOfArrays() == 2);
  CHECK(std::string(pd->GetArrayName(0)) == "surge");
  CHECK(std::string(pd->GetArrayName(1)) == "wind_speed");
  REQUIRE(pd->GetScalars() != nullptr);
  CHECK(std::string(pd->GetScalars()->GetName()) == "surge");

  vtkDataArray* s = pd->GetArray("surge");
  REQUIRE(s != nullptr);
  REQUIRE(s->GetNumberOfTuples() == 66);
  const auto id = [](int i, int j) { return vtkIdType(i + 11 * j); };
  // Distinct i and j at each probe so that a transposed layout would fail.
  CHECK(s->GetTuple1(id(0, 0)) == Approx(110.0 + 150.0));
  CHECK(s->GetTuple1(id(10, 0)) == Approx(115.0 + 150.0));
  CHECK(s->GetTuple1(id(0, 5)) == Approx(110.0 + 175.0));
  CHECK(s->GetTuple1(id(7, 4)) == Approx(113.5 + 170.0));
  CHECK(std::isnan(s->GetTuple1(id(3, 2))));
  CHECK_FALSE(std::isnan(s->GetTuple1(id(2, 3))));
  // The point's own coordinates agree with the value's analytic form.
  double x[3];
  image->GetPoint(id(7, 4), x);
  CHECK(x[0] == Approx(113.5));
  CHECK(x[1] == Approx(17.0));

  vtkDataArray* w = pd->GetArray("wind_speed");
  REQUIRE(w != nullptr);
  CHECK(w->GetTuple1(id(0, 0)) == Approx(12.5));
  CHECK(w->GetTuple1(id(10, 5)) == Approx(40.0));

  vtkFieldData* fd = image->GetFieldData();
  CHECK(field_string(fd, "surge_units") == "m");
  CHECK(field_string(fd, "wind_speed_units") == "m s-1");
  CHECK(field_string(fd, "surge_long_name") == "storm surge height");
  CHECK(fd->GetAbstractArray("wind_speed_long_name") == nullptr);  // empty → not written
  vtkInformation* info = s->GetInformation();
  REQUIRE(info->Has(vtkDataArray::UNITS_LABEL()));
  CHECK(std::string(info->Get(vtkDataArray::UNITS_LABEL())) == "m");
}

TEST_CASE("write_image_vti rejects fields on different grids", "[viz][vtk]") {
  const fs::path path = tmp_dir() / "mismatch.vti";
  fs::remove(path);
  const Field a = analytic_field();
  Grid other = a.grid;
  other.nlon = 10;
  const Field b("b", "1", other);
  CHECK_THROWS_AS(viz::write_image_vti(path, {&a, &b}), Error);
  Field c = a;
  c.name = "c";
  c.data.pop_back();
  CHECK_THROWS_AS(viz::write_image_vti(path, {&a, &c}), Error);
  CHECK_THROWS_AS(viz::write_image_vti(path, {}), Error);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("write_track_vtp round-trips points, polyline and time_h", "[viz][vtk]") {
  const fs::path dir = tmp_dir() / "track";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path path = dir / "track.vtp";
  const Track track = three_point_track();
  viz::write_track_vtp(path, track, make_utc(2005, 9, 25, 3));
  REQUIRE(fs::exists(path));
  CHECK_FALSE(leftover_tmp(dir));

  vtkNew<vtkXMLPolyDataReader> reader;
  reader->SetFileName(path.c_str());
  reader->Update();
  vtkPolyData* poly = reader->GetOutput();
  REQUIRE(poly != nullptr);
  REQUIRE(poly->GetNumberOfPoints() == 3);
  for (vtkIdType k = 0; k < 3; ++k) {
    double x[3];
    poly->GetPoint(k, x);
    CHECK(x[0] == Approx(115.0 - 1.5 * double(k)));
    CHECK(x[1] == Approx(16.0 + 0.5 * double(k)));
    CHECK(x[2] == Approx(0.0).margin(1e-12));
  }

  REQUIRE(poly->GetNumberOfCells() == 1);
  REQUIRE(poly->GetNumberOfLines() == 1);
  vtkNew<vtkIdList> ids;
  poly->GetCellPoints(0, ids);
  REQUIRE(ids->GetNumberOfIds() == 3);
  CHECK(ids->GetId(0) == 0);
  CHECK(ids->GetId(1) == 1);
  CHECK(ids->GetId(2) == 2);

  vtkPointData* pd = poly->GetPointData();
  vtkDataArray* t = pd->GetArray("time_h");
  REQUIRE(t != nullptr);
  // Fixes at 00, 06, 12 UTC; reference 03 UTC → −3, 3, 9 h.
  CHECK(t->GetTuple1(0) == Approx(-3.0));
  CHECK(t->GetTuple1(1) == Approx(3.0));
  CHECK(t->GetTuple1(2) == Approx(9.0));
  vtkDataArray* vmax = pd->GetArray("vmax_ms");
  vtkDataArray* pmin = pd->GetArray("pmin_hpa");
  vtkDataArray* rmw = pd->GetArray("rmw_km");
  REQUIRE(vmax != nullptr);
  REQUIRE(pmin != nullptr);
  REQUIRE(rmw != nullptr);
  CHECK(vmax->GetTuple1(2) == Approx(40.0));
  CHECK(pmin->GetTuple1(1) == Approx(970.0));
  CHECK(rmw->GetTuple1(0) == Approx(40.0));
  CHECK(std::isnan(rmw->GetTuple1(1)));

  CHECK(field_string(poly->GetFieldData(), "track_id") == "WP182005");
  CHECK(field_string(poly->GetFieldData(), "storm_name") == "Damrey");

  // The reference really shifts time_h (not, e.g., hours since the first fix).
  viz::write_track_vtp(path, track, make_utc(2005, 9, 25, 0));
  vtkNew<vtkXMLPolyDataReader> again;
  again->SetFileName(path.c_str());
  again->Update();
  vtkDataArray* t0 = again->GetOutput()->GetPointData()->GetArray("time_h");
  REQUIRE(t0 != nullptr);
  CHECK(t0->GetTuple1(0) == Approx(0.0).margin(1e-12));
  CHECK(t0->GetTuple1(2) == Approx(12.0));
}

TEST_CASE("write_track_vtp rejects an empty track", "[viz][vtk]") {
  const fs::path path = tmp_dir() / "empty.vtp";
  fs::remove(path);
  Track empty;
  empty.id = "none";
  CHECK_THROWS_AS(viz::write_track_vtp(path, empty, make_utc(2005, 9, 25, 0)), Error);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("VTK writers throw taifeng::Error into a missing directory", "[viz][vtk]") {
  const fs::path missing_dir = tmp_dir() / "does_not_exist";
  fs::remove_all(missing_dir);
  const fs::path vti = missing_dir / "fields.vti";
  const fs::path vtp = missing_dir / "track.vtp";
  const Field f = analytic_field();
  try {
    viz::write_image_vti(vti, {&f});
    FAIL("write_image_vti did not throw");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::input);
    CHECK(e.where() == vti.string());
    CHECK(std::string(e.what()).find("cannot write VTK file") != std::string::npos);
  }
  CHECK_THROWS_AS(viz::write_track_vtp(vtp, three_point_track(), make_utc(2005, 9, 25, 0)), Error);
  CHECK_FALSE(fs::exists(missing_dir));
  CHECK_FALSE(fs::exists(vti));
  CHECK_FALSE(fs::exists(vtp));
}

TEST_CASE("VTK files open in VTK's Python reader", "[viz][vtk][python]") {
  if (std::system("/usr/bin/python3 -c 'import vtk' >/dev/null 2>&1") != 0) {
    WARN("/usr/bin/python3 cannot import vtk; skipping the independent check");
    return;
  }
  const fs::path dir = tmp_dir() / "python";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path vti = dir / "fields.vti";
  const fs::path vtp = dir / "track.vtp";
  const Field f = analytic_field();
  viz::write_image_vti(vti, {&f});
  viz::write_track_vtp(vtp, three_point_track(), make_utc(2005, 9, 25, 0));

  // Exits non-zero unless both files load with the expected sizes and values.
  const fs::path script = dir / "check.py";
  {
    std::ofstream py(script);
    // need() rather than assert: asserts vanish under PYTHONOPTIMIZE.
    py << "import math, sys, vtk\n"
          "def need(ok, what):\n"
          "    if not ok: sys.exit('check failed: ' + what)\n"
          "r = vtk.vtkXMLImageDataReader()\n"
          "r.SetFileName(sys.argv[1]); r.Update(); im = r.GetOutput()\n"
          "need(im.GetDimensions() == (11, 6, 1), 'dimensions')\n"
          "a = im.GetPointData().GetArray('surge')\n"
          "need(a is not None and abs(a.GetTuple1(7 + 11 * 4) - 283.5) < 1e-9, 'surge value')\n"
          "need(math.isnan(a.GetTuple1(3 + 11 * 2)), 'NaN')\n"
          "u = im.GetFieldData().GetAbstractArray('surge_units')\n"
          "need(u is not None and u.GetValue(0) == 'm', 'units')\n"
          "p = vtk.vtkXMLPolyDataReader()\n"
          "p.SetFileName(sys.argv[2]); p.Update(); pd = p.GetOutput()\n"
          "need(pd.GetNumberOfPoints() == 3 and pd.GetNumberOfLines() == 1, 'track size')\n"
          "t = pd.GetPointData().GetArray('time_h')\n"
          "need(t is not None and t.GetTuple1(2) == 12.0, 'time_h')\n";
  }
  const std::string cmd =
      "/usr/bin/python3 '" + script.string() + "' '" + vti.string() + "' '" + vtp.string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
}

TEST_CASE("A failed publication leaves no temporary file behind", "[viz][vtk]") {
  // The target is a non-empty directory: VTK writes the temporary file, the rename fails.
  const fs::path dir = tmp_dir() / "blocked";
  fs::remove_all(dir);
  const fs::path target = dir / "fields.vti";
  fs::create_directories(target / "occupied");
  const Field f = analytic_field();
  CHECK_THROWS_AS(viz::write_image_vti(target, {&f}), Error);
  CHECK(fs::is_directory(target / "occupied"));
  CHECK_FALSE(leftover_tmp(dir));
}
