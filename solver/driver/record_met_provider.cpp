#include "solver/driver/record_met_provider.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "solver/common/errors.hpp"
#include "solver/driver/cf_met_provider.hpp"
#include "solver/driver/wrf_met_provider.hpp"

namespace qiantang::solver {

RecordMetProvider::RecordMetProvider(const parallel::Decomposition& d, int halo, int window_i0, int window_j0,
                                     KzSettings kz)
    : d_(d), halo_(halo), wi0_(window_i0), wj0_(window_j0), kz_(kz) {}

void RecordMetProvider::set_records(const grid::HorizontalGrid& met_grid, std::vector<TimePoint> times,
                                    std::string where) {
  grid_ = met_grid.window(wi0_, wj0_, d_.global_nx, d_.global_ny);
  times_ = std::move(times);
  where_ = std::move(where);
  cache_.clear();
}

const MetTile& RecordMetProvider::record(std::size_t n) {
  auto it = cache_.find(n);
  if (it != cache_.end()) return it->second;
  // Cells of the tile plus halo and one more cell on each side (the outermost halo faces need
  // the cells on both of their sides), clamped to the model domain, in domain indices.
  const int gi0 = std::max(0, d_.i0 - halo_ - 1), gi1 = std::min(d_.global_nx - 1, d_.i0 + d_.nx + halo_);
  const int gj0 = std::max(0, d_.j0 - halo_ - 1), gj1 = std::min(d_.global_ny - 1, d_.j0 + d_.ny + halo_);
  const io::MetFields f = read_record(n, wi0_ + gi0, wj0_ + gj0, gi1 - gi0 + 1, gj1 - gj0 + 1);
  MetTile& tile = cache_[n];
  derive(f, gi0, gj0, tile);
  return tile;
}

void RecordMetProvider::derive(const io::MetFields& f, int gi0, int gj0, MetTile& out) const {
  const int nz = f.nz, h = halo_;
  out.allocate(Extents{d_.nx, d_.ny, nz, h});
  out.time = f.time;
  // Domain index (clamped) → index in the block that was read.
  auto bi = [&](int i) { return std::clamp(d_.i0 + i, 0, d_.global_nx - 1) - gi0; };
  auto bj = [&](int j) { return std::clamp(d_.j0 + j, 0, d_.global_ny - 1) - gj0; };
  for (int j = -h; j < d_.ny + h; ++j)
    for (int i = -h; i < d_.nx + h; ++i) {
      const int a = bi(i), b = bj(j);
      const int gi = a + gi0, gj = b + gj0;
      const std::size_t s = f.surface(b, a);
      out.cell_area_m2(0, j, i) = grid_.cell_area_m2(gi, gj);
      double lat = 0, lon = 0;
      grid_.latlon(gi, gj, lat, lon);
      out.latitude_deg(0, j, i) = lat;
      out.longitude_deg(0, j, i) = lon;
      out.terrain_height_m(0, j, i) = f.terrain_height_m[s];
      out.pbl_height_m(0, j, i) = f.pbl_height_m[s];
      out.friction_velocity_m_s(0, j, i) = f.friction_velocity_m_s[s];
      out.sensible_heat_flux_W_m2(0, j, i) = f.sensible_heat_flux_W_m2[s];
      out.shortwave_down_W_m2(0, j, i) = f.shortwave_down_W_m2[s];
      out.precipitation_rate_mm_h(0, j, i) = f.precipitation_rate_mm_h[s];
      out.t2_K(0, j, i) = f.t2_K[s];
      out.land_use_category(0, j, i) = f.land_use_category[s];
      out.surface_pressure_Pa(0, j, i) = f.surface_pressure_Pa[s];
      const std::size_t plane = std::size_t(f.nx) * std::size_t(f.ny);
      for (int k = 0; k <= nz; ++k) out.z_interface_m(k, j, i) = f.z_interface_m[std::size_t(k) * plane + s];
      for (int k = 0; k < nz; ++k) {
        const std::size_t c = f.cell(k, b, a);
        out.density_kg_m3(k, j, i) = f.air_density_kg_m3[c];
        out.temperature_K(k, j, i) = f.temperature_K[c];
        out.pressure_Pa(k, j, i) = f.pressure_Pa[c];
        out.water_vapour_kg_kg(k, j, i) = f.water_vapour_kg_kg[c];
        out.cloud_water_kg_kg(k, j, i) = f.cloud_water_kg_kg[c];
        out.rain_water_kg_kg(k, j, i) = f.rain_water_kg_kg[c];
        const double dz = out.z_interface_m(k + 1, j, i) - out.z_interface_m(k, j, i);
        if (!(dz > 0))
          throw InputError(where_, "z_interface",
                           "increasing interface heights, got layer thickness " + std::to_string(dz) +
                               " m at (i=" + std::to_string(gi) + ", j=" + std::to_string(gj) + ", k=" + std::to_string(k) + ")");
        out.layer_thickness_m(k, j, i) = dz;
        out.air_mass_kg(k, j, i) = f.air_density_kg_m3[c] * dz * out.cell_area_m2(0, j, i);
      }
      // Eddy diffusivity on interfaces: from the file, or from similarity theory.
      const double L = obukhov_length_m(f.friction_velocity_m_s[s], f.sensible_heat_flux_W_m2[s], f.t2_K[s],
                                        f.air_density_kg_m3[f.cell(0, b, a)]);
      for (int k = 0; k <= nz; ++k) {
        if (k == 0 || k == nz) {
          out.kz_m2_s(k, j, i) = 0.0;
        } else if (!f.kz_m2_s.empty()) {
          out.kz_m2_s(k, j, i) = f.kz_m2_s[std::size_t(k) * plane + s];
        } else {
          out.kz_m2_s(k, j, i) = similarity_kz_m2_s(out.z_interface_m(k, j, i), f.pbl_height_m[s],
                                                    f.friction_velocity_m_s[s], L, kz_);
        }
      }
    }
  // Face air-mass fluxes (kg/s): ρ and Δz averaged over the two cells a face separates.
  for (int k = 0; k < nz; ++k) {
    for (int j = -h; j < d_.ny + h; ++j)
      for (int i = -h; i < d_.nx + 1 + h; ++i) {
        const int face = std::clamp(d_.i0 + i, 0, d_.global_nx);  // domain face index
        const int gj = std::clamp(d_.j0 + j, 0, d_.global_ny - 1);
        const int west = std::max(face - 1, 0) - gi0, east = std::min(face, d_.global_nx - 1) - gi0;
        const int b = gj - gj0;
        const std::size_t plane = std::size_t(f.nx) * std::size_t(f.ny);
        auto dz_at = [&](int a) {
          return f.z_interface_m[std::size_t(k + 1) * plane + f.surface(b, a)] - f.z_interface_m[std::size_t(k) * plane + f.surface(b, a)];
        };
        const double rho = 0.5 * (f.air_density_kg_m3[f.cell(k, b, west)] + f.air_density_kg_m3[f.cell(k, b, east)]);
        const double dz = 0.5 * (dz_at(west) + dz_at(east));
        const double u = f.u_m_s[(std::size_t(k) * std::size_t(f.ny) + std::size_t(b)) * std::size_t(f.nx + 1) +
                                 std::size_t(face - gi0)];
        out.x_face_mass_flux_kg_s(k, j, i) = rho * u * dz * grid_.x_face_length_m(face, gj);
      }
    for (int j = -h; j < d_.ny + 1 + h; ++j)
      for (int i = -h; i < d_.nx + h; ++i) {
        const int face = std::clamp(d_.j0 + j, 0, d_.global_ny);
        const int gi = std::clamp(d_.i0 + i, 0, d_.global_nx - 1);
        const int south = std::max(face - 1, 0) - gj0, north = std::min(face, d_.global_ny - 1) - gj0;
        const int a = gi - gi0;
        const std::size_t plane = std::size_t(f.nx) * std::size_t(f.ny);
        auto dz_at = [&](int b) {
          return f.z_interface_m[std::size_t(k + 1) * plane + f.surface(b, a)] - f.z_interface_m[std::size_t(k) * plane + f.surface(b, a)];
        };
        const double rho = 0.5 * (f.air_density_kg_m3[f.cell(k, south, a)] + f.air_density_kg_m3[f.cell(k, north, a)]);
        const double dz = 0.5 * (dz_at(south) + dz_at(north));
        const double v = f.v_m_s[(std::size_t(k) * std::size_t(f.ny + 1) + std::size_t(face - gj0)) * std::size_t(f.nx) +
                                 std::size_t(a)];
        out.y_face_mass_flux_kg_s(k, j, i) = rho * v * dz * grid_.y_face_length_m(gi, face);
      }
  }
}

void RecordMetProvider::tile_at(TimePoint t, MetTile& out) {
  const auto& times = times_;
  if (t < times.front() || t > times.back())
    throw InputError("meteorology", "time", "records covering " + format_iso8601(t) + " (files cover " +
                                                format_iso8601(times.front()) + " to " + format_iso8601(times.back()) + ")");
  std::size_t n = std::size_t(std::upper_bound(times.begin(), times.end(), t) - times.begin());
  n = n == 0 ? 0 : n - 1;
  // Keep only the records that bracket t (references into the cache stay valid below).
  for (auto it = cache_.begin(); it != cache_.end();) it = (it->first < n || it->first > n + 1) ? cache_.erase(it) : std::next(it);
  if (n + 1 >= times.size() || t == times[n]) {
    const MetTile& a = record(n);
    interpolate(a, a, 0.0, out);
    out.time = t;
    return;
  }
  const MetTile& a = record(n);
  const MetTile& b = record(n + 1);
  const double w = double((t - times[n]).count()) / double((times[n + 1] - times[n]).count());
  interpolate(a, b, w, out);
  out.time = t;
}

const std::vector<std::string>& met_formats() {
  static const std::vector<std::string> f{"cf", "wrf"};
  return f;
}

namespace {
[[noreturn]] void unknown_format(const std::string& format) {
  std::string list;
  for (const auto& f : met_formats()) list += (list.empty() ? "" : ", ") + f;
  throw InputError("met", "met.format", "one of {" + list + "}, got '" + format + "'");
}
}  // namespace

grid::HorizontalGrid met_file_grid(const std::string& format, const std::vector<std::filesystem::path>& files, int& nz) {
  if (format == "cf") return cf_met_grid(files, nz);
  if (format == "wrf") return io::wrf_met_grid(files, nz);
  unknown_format(format);
}

std::unique_ptr<RecordMetProvider> make_met_provider(const std::string& format,
                                                     const std::vector<std::filesystem::path>& files,
                                                     const parallel::Decomposition& d, int halo, int window_i0,
                                                     int window_j0, KzSettings kz) {
  if (format == "cf") return std::make_unique<CfMetProvider>(files, d, halo, window_i0, window_j0, kz);
  if (format == "wrf") {
    auto p = std::make_unique<WrfMetProvider>(files, d, halo, window_i0, window_j0, kz);
    const auto& diag = p->reader().diagnosed();
    if (d.rank == 0 && !diag.empty()) {
      std::string list;
      for (const auto& s : diag) list += (list.empty() ? "" : "; ") + s;
      std::fprintf(stderr, "warning: %s: not in the WRF output, diagnosed (docs/met.md): %s\n", files.front().c_str(),
                   list.c_str());
    }
    return p;
  }
  unknown_format(format);
}

}  // namespace qiantang::solver
