#include "io/met/met_fields.hpp"

namespace qiantang::io {

void MetFields::allocate(int nx_, int ny_, int nz_, bool with_kz) {
  nx = nx_;
  ny = ny_;
  nz = nz_;
  const std::size_t c = std::size_t(nx) * std::size_t(ny) * std::size_t(nz);
  const std::size_t s = std::size_t(nx) * std::size_t(ny);
  for (auto* v : {&air_density_kg_m3, &temperature_K, &pressure_Pa, &water_vapour_kg_kg, &cloud_water_kg_kg,
                  &rain_water_kg_kg})
    v->assign(c, 0.0);
  z_interface_m.assign(s * std::size_t(nz + 1), 0.0);
  kz_m2_s.assign(with_kz ? s * std::size_t(nz + 1) : 0, 0.0);
  u_m_s.assign(std::size_t(nz) * std::size_t(ny) * std::size_t(nx + 1), 0.0);
  v_m_s.assign(std::size_t(nz) * std::size_t(ny + 1) * std::size_t(nx), 0.0);
  for (auto* v : {&surface_pressure_Pa, &t2_K, &pbl_height_m, &friction_velocity_m_s, &sensible_heat_flux_W_m2,
                  &shortwave_down_W_m2, &precipitation_rate_mm_h, &land_use_category, &terrain_height_m})
    v->assign(s, 0.0);
}

}  // namespace qiantang::io
