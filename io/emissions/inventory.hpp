#pragma once
// Gridded emission inventories (docs/formats.md, "Emission inventory"): NetCDF files of
// sector × species emissions on a latitude–longitude or Lambert conformal grid, in any of the
// documented units. The reader converts every field to kg/s per inventory cell and checks
// coordinates, dimensions, units and values, throwing InputError(file, variable, expected).
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::io {

// The inventory species of the COMMON interface; PMC (= PM10 − PM25) is derived from them.
const std::vector<std::string>& inventory_species();
// Molar mass (g/mol) used for molar units and mole-basis speciation: SO2, NOX (as NO2), CO,
// NH3; 0 for species without one (VOC, particles).
double inventory_molar_mass_g_mol(const std::string& species);

// An inventory's horizontal grid in its own coordinates: lon/lat (degrees) for a lat–lon grid,
// CF projection x/y (m, measured from the projection origin plus false easting/northing) for a
// Lambert grid. Edges increase with the index (rows and columns are reordered on reading).
struct InventoryGrid {
  bool projected = false;
  std::vector<double> x_edges, y_edges;  // nx + 1, ny + 1
  // Projected grids: the Lambert cone and CF origin of x/y.
  grid::Projection projection{};
  double origin_lat_deg = 0.0, origin_lon_deg = 0.0, false_easting_m = 0.0, false_northing_m = 0.0;

  int nx() const { return int(x_edges.size()) - 1; }
  int ny() const { return int(y_edges.size()) - 1; }
  // Grid coordinates <-> latitude/longitude. from_latlon returns longitudes of a lat–lon grid
  // shifted by a multiple of 360° into [x_edges.front(), x_edges.front() + 360).
  void to_latlon(double x, double y, double& lat_deg, double& lon_deg) const;
  void from_latlon(double lat_deg, double lon_deg, double& x, double& y) const;
  // Area of cell (i, j) on the sphere (lat–lon: R² Δλ (sin φn − sin φs)) or Δx Δy / m² (Lambert).
  double cell_area_m2(int i, int j) const;
};

// How a `units` attribute converts a field to kg/s per cell: kg_s = value · factor
// (· cell area for area fluxes). Molar units need the molar mass (g/mol).
struct EmissionUnits {
  double factor = 1.0;
  bool per_area = false;
  bool molar = false;
};
// Throws InputError(where, variable, ...) for an unknown unit or a molar unit without a molar mass.
EmissionUnits parse_emission_units(const std::string& units, double molar_mass_g_mol, const std::string& where,
                                   const std::string& variable);

struct Inventory {
  std::filesystem::path file;
  InventoryGrid grid;
  std::vector<std::string> sectors;  // in file order
  int year = 0;                      // 0 when the file has no `year` attribute
  // (sector, species) -> ny × nx kg/s per inventory cell, i fastest, row 0 the southernmost.
  std::map<std::pair<std::string, std::string>, std::vector<double>> kg_s;

  std::vector<std::string> species() const;  // the inventory species present, in inventory_species() order
};

Inventory read_inventory(const std::filesystem::path& file);

// Writes a lat–lon inventory in the documented format (the built-in cases and tests use it):
// `fields[species][sector]` are ny × nx values in `units`, rows from south to north.
struct InventoryWriteSpec {
  std::vector<double> lon, lat;  // cell centres, increasing
  std::vector<std::string> sectors;
  std::map<std::string, std::vector<std::vector<double>>> fields;  // species -> per sector ny × nx
  std::map<std::string, std::string> units;                          // species -> units
  int year = 0;
};
void write_latlon_inventory(const std::filesystem::path& file, const InventoryWriteSpec& spec);

}  // namespace qiantang::io
