#pragma once
// Helpers shared by the VTK writers of viz (private to the library): attribute arrays from
// plain vectors, and atomic publication of an XML file.
#include <filesystem>
#include <string>
#include <vector>

#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include "taifeng/core/field.hpp"

class vtkFieldData;
class vtkImageData;
class vtkXMLWriter;

namespace taifeng::viz::detail {

// One-value string array (metadata such as units or the storm id) in field data.
void add_string(vtkFieldData* fd, const std::string& name, const std::string& value);
// One-value double array in field data.
void add_number(vtkFieldData* fd, const std::string& name, double value);

// Arrays of one value per point or cell (vtkPointData and vtkCellData are vtkFieldData).
void add_doubles(vtkFieldData* fd, const std::string& name, const std::vector<double>& values);
void add_ints(vtkFieldData* fd, const std::string& name, const std::vector<int>& values);
// Head counts as 64-bit integers: exact at any population.
void add_counts(vtkFieldData* fd, const std::string& name, const std::vector<long>& values);
void add_strings(vtkFieldData* fd, const std::string& name, const std::vector<std::string>& values);

// vtkImageData on the fields' common grid (x = lon, y = lat, z = 0), one point array per
// field named after Field::name, its units as the UNITS_LABEL and as "<name>_units".
vtkSmartPointer<vtkImageData> make_image(const std::vector<const Field*>& fields);

// Writes with `writer` (input already set) to "<path>.tmp.<pid>", then renames it over
// path. VTK errors become taifeng::Error (input kind, where = path).
void write_xml_atomic(vtkXMLWriter* writer, const std::filesystem::path& path);
// A polydata as a .vtp file, atomically.
void write_poly(const std::filesystem::path& path, vtkPolyData* poly);

}  // namespace taifeng::viz::detail
