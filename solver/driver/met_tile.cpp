#include "solver/driver/met_tile.hpp"

#include <cmath>

namespace qiantang::solver {

std::vector<Array3*> MetTile::all() {
  return {&density_kg_m3, &temperature_K, &pressure_Pa, &water_vapour_kg_kg, &cloud_water_kg_kg,
          &rain_water_kg_kg, &layer_thickness_m, &air_mass_kg, &z_interface_m, &kz_m2_s,
          &x_face_mass_flux_kg_s, &y_face_mass_flux_kg_s, &cell_area_m2, &latitude_deg,
          &longitude_deg, &terrain_height_m, &pbl_height_m, &friction_velocity_m_s,
          &sensible_heat_flux_W_m2, &shortwave_down_W_m2, &precipitation_rate_mm_h, &t2_K,
          &land_use_category, &surface_pressure_Pa};
}

std::vector<const Array3*> MetTile::all() const {
  auto* self = const_cast<MetTile*>(this);
  const auto v = self->all();
  return {v.begin(), v.end()};
}

void MetTile::allocate(const Extents& c) {
  cells = c;
  const Extents e3 = c;
  const Extents ei{c.nx, c.ny, c.nz + 1, c.halo};
  const Extents ex{c.nx + 1, c.ny, c.nz, c.halo};
  const Extents ey{c.nx, c.ny + 1, c.nz, c.halo};
  const Extents e2{c.nx, c.ny, 1, c.halo};
  for (Array3* a : {&density_kg_m3, &temperature_K, &pressure_Pa, &water_vapour_kg_kg,
                    &cloud_water_kg_kg, &rain_water_kg_kg, &layer_thickness_m, &air_mass_kg})
    *a = Array3(e3);
  z_interface_m = Array3(ei);
  kz_m2_s = Array3(ei);
  x_face_mass_flux_kg_s = Array3(ex);
  y_face_mass_flux_kg_s = Array3(ey);
  for (Array3* a : {&cell_area_m2, &latitude_deg, &longitude_deg, &terrain_height_m, &pbl_height_m,
                    &friction_velocity_m_s, &sensible_heat_flux_W_m2, &shortwave_down_W_m2,
                    &precipitation_rate_mm_h, &t2_K, &land_use_category, &surface_pressure_Pa})
    *a = Array3(e2);
}

void interpolate(const MetTile& a, const MetTile& b, double w, MetTile& out) {
  if (!(out.cells == a.cells)) out.allocate(a.cells);
  out.time = a.time + std::chrono::seconds(std::llround(w * double((b.time - a.time).count())));
  const auto fa = a.all();
  const auto fb = b.all();
  const auto fo = out.all();
  for (std::size_t n = 0; n < fa.size(); ++n) {
    const auto& va = fa[n]->raw();
    const auto& vb = fb[n]->raw();
    auto& vo = fo[n]->raw();
    for (std::size_t m = 0; m < va.size(); ++m) vo[m] = va[m] + w * (vb[m] - va[m]);
  }
  // Land use is categorical: take the nearer snapshot's category.
  out.land_use_category = w < 0.5 ? a.land_use_category : b.land_use_category;
  // Air mass follows from the interpolated density and thickness, so that M = ρ Δz A holds.
  auto& m = out.air_mass_kg.raw();
  const auto& rho = out.density_kg_m3.raw();
  const auto& dz = out.layer_thickness_m.raw();
  const Extents e = out.cells;
  for (int k = 0; k < e.nz; ++k)
    for (int j = -e.halo; j < e.ny + e.halo; ++j)
      for (int i = -e.halo; i < e.nx + e.halo; ++i) {
        const std::size_t o = e.offset(k, j, i);
        m[o] = rho[o] * dz[o] * out.cell_area_m2(0, j, i);
      }
}

}  // namespace qiantang::solver
