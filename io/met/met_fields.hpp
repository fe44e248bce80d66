#pragma once
// Meteorology on a block of the grid at one time, as the readers deliver it and the case
// writers produce it. Layouts are i fastest: 3-D cell fields nz × ny × nx; interface fields
// (nz + 1) × ny × nx; u on x faces nz × ny × (nx + 1); v on y faces nz × (ny + 1) × nx; 2-D
// fields ny × nx. Winds are grid-relative (C grid).
#include <string>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::io {

struct MetFields {
  TimePoint time{};
  int nx = 0, ny = 0, nz = 0;
  std::vector<double> air_density_kg_m3, temperature_K, pressure_Pa, water_vapour_kg_kg;
  std::vector<double> cloud_water_kg_kg, rain_water_kg_kg;
  std::vector<double> z_interface_m;  // heights above ground of the nz + 1 interfaces
  std::vector<double> kz_m2_s;        // optional (empty: diagnosed by the model)
  std::vector<double> u_m_s, v_m_s;
  std::vector<double> surface_pressure_Pa, t2_K, pbl_height_m, friction_velocity_m_s;
  std::vector<double> sensible_heat_flux_W_m2, shortwave_down_W_m2, precipitation_rate_mm_h;
  std::vector<double> land_use_category, terrain_height_m;

  // Allocates every field (kz too when with_kz) for a block of nx × ny × nz cells.
  void allocate(int nx_, int ny_, int nz_, bool with_kz);
  std::size_t cell(int k, int j, int i) const {
    return (std::size_t(k) * std::size_t(ny) + std::size_t(j)) * std::size_t(nx) + std::size_t(i);
  }
  std::size_t surface(int j, int i) const { return std::size_t(j) * std::size_t(nx) + std::size_t(i); }
};

}  // namespace qiantang::io
