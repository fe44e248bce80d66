#pragma once
// Meteorology on one rank's tile (interior + halo) at one instant, in the form the processes
// use: cell fields, interface heights, and the air-mass fluxes through cell faces that the
// mass-consistent transport needs. Built from the met reader's snapshot of the tile's window
// (met/driver adapter), interpolated linearly in time between met hours.
#include <vector>

#include "solver/common/time.hpp"
#include "solver/fields/array3d.hpp"

namespace qiantang::solver {

struct MetTile {
  TimePoint time{};
  Extents cells{};  // nx, ny, nz, halo of the tile

  // 3-D cell fields (nz levels, halo h).
  Array3 density_kg_m3, temperature_K, pressure_Pa, water_vapour_kg_kg;
  Array3 cloud_water_kg_kg, rain_water_kg_kg;
  Array3 layer_thickness_m;   // Δz of each layer
  Array3 air_mass_kg;         // ρ Δz A: the mass the transport conserves
  // Interfaces (nz + 1 levels, halo h): heights above ground and eddy diffusivity.
  Array3 z_interface_m, kz_m2_s;
  // Air-mass fluxes through faces (kg/s, positive towards +x / +y): x faces have nx + 1
  // columns (face i is the west face of cell i), y faces ny + 1 rows.
  Array3 x_face_mass_flux_kg_s, y_face_mass_flux_kg_s;

  // 2-D fields (nz = 1, halo h).
  Array3 cell_area_m2, latitude_deg, longitude_deg, terrain_height_m;
  Array3 pbl_height_m, friction_velocity_m_s, sensible_heat_flux_W_m2, shortwave_down_W_m2;
  Array3 precipitation_rate_mm_h, t2_K, land_use_category, surface_pressure_Pa;

  std::vector<Array3*> all();
  std::vector<const Array3*> all() const;
  // Allocates every field for a tile of `cells` extents.
  void allocate(const Extents& cells);
};

// a + w (b − a), field by field; time likewise. Air mass is re-derived from ρ and Δz.
void interpolate(const MetTile& a, const MetTile& b, double w, MetTile& out);

}  // namespace qiantang::solver
