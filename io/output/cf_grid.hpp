#pragma once
// The horizontal coordinates every gridded CF output of a domain carries: x and y (projection
// coordinates in m, or degrees on a lat-lon grid), 2-D lat and lon, and the grid-mapping
// variable `projection` with the attributes of Projection::cf_attributes(). Data variables refer
// to them with coordinates = "lat lon" and grid_mapping = "projection".
#include <filesystem>

#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::io {

struct CfGridIds {
  int x = -1, y = -1, lat = -1, lon = -1, projection = -1;
};

// In define mode of NetCDF file `nc`, on its dimensions dim_y and dim_x. Throws InputError
// naming `file` when a NetCDF call fails.
CfGridIds define_cf_grid(int nc, const grid::HorizontalGrid& g, int dim_y, int dim_x,
                         const std::filesystem::path& file);
// In data mode: writes the values of those variables.
void put_cf_grid(int nc, const grid::HorizontalGrid& g, const CfGridIds& ids, const std::filesystem::path& file);

}  // namespace qiantang::io
