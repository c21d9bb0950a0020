#include "vtk_io.hpp"

#include <unistd.h>

#include <climits>
#include <set>
#include <system_error>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkDataArray.h>
#include <vtkDoubleArray.h>
#include <vtkErrorCode.h>
#include <vtkExecutive.h>
#include <vtkFieldData.h>
#include <vtkImageData.h>
#include <vtkInformation.h>
#include <vtkInformationStringKey.h>
#include <vtkIntArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkStringArray.h>
#include <vtkTypeInt64Array.h>
#include <vtkXMLPolyDataWriter.h>
#include <vtkXMLWriter.h>

#include "taifeng/core/error.hpp"

namespace taifeng::viz::detail {

namespace fs = std::filesystem;

void add_string(vtkFieldData* fd, const std::string& name, const std::string& value) {
  add_strings(fd, name, {value});
}

void add_number(vtkFieldData* fd, const std::string& name, double value) {
  add_doubles(fd, name, {value});
}

void add_doubles(vtkFieldData* fd, const std::string& name, const std::vector<double>& values) {
  vtkNew<vtkDoubleArray> a;
  a->SetName(name.c_str());
  a->SetNumberOfTuples(vtkIdType(values.size()));
  for (std::size_t k = 0; k < values.size(); ++k) a->SetValue(vtkIdType(k), values[k]);
  fd->AddArray(a);
}

void add_ints(vtkFieldData* fd, const std::string& name, const std::vector<int>& values) {
  vtkNew<vtkIntArray> a;
  a->SetName(name.c_str());
  a->SetNumberOfTuples(vtkIdType(values.size()));
  for (std::size_t k = 0; k < values.size(); ++k) a->SetValue(vtkIdType(k), values[k]);
  fd->AddArray(a);
}

void add_counts(vtkFieldData* fd, const std::string& name, const std::vector<long>& values) {
  vtkNew<vtkTypeInt64Array> a;
  a->SetName(name.c_str());
  a->SetNumberOfTuples(vtkIdType(values.size()));
  for (std::size_t k = 0; k < values.size(); ++k) a->SetValue(vtkIdType(k), values[k]);
  fd->AddArray(a);
}

void add_strings(vtkFieldData* fd, const std::string& name,
                 const std::vector<std::string>& values) {
  vtkNew<vtkStringArray> a;
  a->SetName(name.c_str());
  a->SetNumberOfValues(vtkIdType(values.size()));
  for (std::size_t k = 0; k < values.size(); ++k) a->SetValue(vtkIdType(k), values[k]);
  fd->AddArray(a);
}

vtkSmartPointer<vtkImageData> make_image(const std::vector<const Field*>& fields) {
  TAIFENG_CHECK(!fields.empty(), "no field for an image");
  for (const Field* f : fields) TAIFENG_CHECK(f != nullptr, "null field");
  const Grid& grid = fields.front()->grid;
  TAIFENG_CHECK(grid.nlon > 0 && grid.nlat > 0, "empty grid");
  TAIFENG_CHECK(grid.nlon <= std::size_t(INT_MAX) && grid.nlat <= std::size_t(INT_MAX),
                "grid too large for VTK image dimensions");
  std::set<std::string> names;
  for (const Field* f : fields) {
    TAIFENG_CHECK(f->grid == grid, "field '" + f->name + "' is on a different grid");
    TAIFENG_CHECK(f->data.size() == grid.size(), "field '" + f->name + "' size mismatch");
    TAIFENG_CHECK(!f->name.empty(), "field without a name");
    TAIFENG_CHECK(names.insert(f->name).second, "duplicate field name '" + f->name + "'");
  }

  auto image = vtkSmartPointer<vtkImageData>::New();
  image->SetOrigin(grid.lon0, grid.lat0, 0.0);
  image->SetSpacing(grid.dlon, grid.dlat, 1.0);
  image->SetDimensions(int(grid.nlon), int(grid.nlat), 1);
  vtkPointData* pd = image->GetPointData();
  vtkFieldData* fd = image->GetFieldData();
  for (const Field* f : fields) {
    // Field storage (j*nlon + i) is VTK's point order (x fastest), so copy as is.
    add_doubles(pd, f->name, f->data);
    pd->GetArray(f->name.c_str())
        ->GetInformation()
        ->Set(vtkDataArray::UNITS_LABEL(), f->units.c_str());
    add_string(fd, f->name + "_units", f->units);
    if (!f->long_name.empty()) add_string(fd, f->name + "_long_name", f->long_name);
  }
  pd->SetActiveScalars(fields.front()->name.c_str());
  return image;
}

namespace {

// Keeps the first VTK error text. With an ErrorEvent observer attached, vtkErrorMacro
// hands the message to the observer instead of printing it to stderr.
void collect_error(vtkObject*, unsigned long, void* client, void* call) {
  auto* text = static_cast<std::string*>(client);
  if (call != nullptr && text->empty()) *text = static_cast<const char*>(call);
}

// "ERROR: In file, line N\nvtkClass (0x...): what\n\n" -> "what".
std::string vtk_reason(const std::string& text) {
  std::string line = text;
  if (const auto nl = line.find('\n'); nl != std::string::npos && line.starts_with("ERROR: In "))
    line = line.substr(nl + 1);
  line = line.substr(0, line.find('\n'));
  if (const auto p = line.find("): "); p != std::string::npos) line = line.substr(p + 3);
  return line;
}

}  // namespace

void write_xml_atomic(vtkXMLWriter* writer, const fs::path& path) {
  const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  std::string vtk_errors;
  vtkNew<vtkCallbackCommand> on_error;
  on_error->SetCallback(collect_error);
  on_error->SetClientData(&vtk_errors);
  writer->AddObserver(vtkCommand::ErrorEvent, on_error);
  // The pipeline executive reports the writer's failure once more; keep that quiet too.
  writer->GetExecutive()->AddObserver(vtkCommand::ErrorEvent, on_error);

  writer->SetFileName(tmp.c_str());
  writer->SetDataModeToAppended();
  writer->EncodeAppendedDataOff();  // raw binary: smaller, and ParaView reads it directly
  writer->SetCompressorTypeToZLib();
  const int ok = writer->Write();
  std::error_code ec;
  if (ok == 0 || writer->GetErrorCode() != vtkErrorCode::NoError || !vtk_errors.empty()) {
    fs::remove(tmp, ec);
    std::string why = vtk_reason(vtk_errors);
    // (vtkErrorCode::GetStringFromErrorCode lives in VTK::CommonMisc, not linked here.)
    if (why.empty()) why = "VTK error code " + std::to_string(writer->GetErrorCode());
    throw_input_error(path.string(), "cannot write VTK file (" + why + ")");
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw_input_error(path.string(), "cannot write VTK file (rename: " + ec.message() + ")");
  }
}

void write_poly(const std::filesystem::path& path, vtkPolyData* poly) {
  vtkNew<vtkXMLPolyDataWriter> writer;
  writer->SetInputData(poly);
  write_xml_atomic(writer, path);
}

}  // namespace taifeng::viz::detail
