#include "solver/driver/station_sampler.hpp"

#include <cmath>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::solver {
namespace {
// mol/m³ of air at 298.15 K and 101325 Pa (GB 3095—2012 Amendment 1, reference state for SO2,
// NO2, CO and O3 since 2018-09-01).
const double kReferenceMolarDensity = 101325.0 / (constants::molar_gas_J_mol_K * 298.15);
}  // namespace

std::vector<StationPollutant> station_pollutants(const FieldRegistry& tracers, const std::vector<int>& pm25_species,
                                                 const std::vector<int>& coarse_species) {
  std::vector<StationPollutant> out;
  if (!pm25_species.empty()) out.push_back({"PM2.5", pm25_species, true, 0.0, 1.0});
  if (!pm25_species.empty() || !coarse_species.empty()) {
    std::vector<int> pm10 = pm25_species;
    pm10.insert(pm10.end(), coarse_species.begin(), coarse_species.end());
    out.push_back({"PM10", pm10, true, 0.0, 1.0});
  }
  for (const char* gas : {"O3", "NO2", "SO2", "CO"}) {
    const auto n = tracers.index(gas);
    if (!n) continue;
    const double mw = tracers.info(*n).molar_mass_g_mol;
    if (!(mw > 0)) continue;  // a passive tracer of that name has no molar mass: no µg/m³
    out.push_back({gas, {*n}, false, mw, std::string(gas) == "CO" ? 1e-3 : 1.0});
  }
  return out;
}

StationSampler::StationSampler(std::vector<io::Station> stations, const grid::HorizontalGrid& grid,
                               std::vector<StationPollutant> pollutants, const std::string& list_file)
    : stations_(std::move(stations)), pollutants_(std::move(pollutants)) {
  for (const auto& s : stations_) {
    double x = 0, y = 0;
    grid.projection().forward(s.lat_deg, s.lon_deg, x, y);
    const double fi = (x - grid.x0()) / grid.dx(), fj = (y - grid.y0()) / grid.dy();
    if (!(fi >= 0 && fi <= grid.nx() - 1 && fj >= 0 && fj <= grid.ny() - 1))
      throw InputError(list_file, s.id, "a station inside the domain's cell centres (lon " + std::to_string(s.lon_deg) +
                                            ", lat " + std::to_string(s.lat_deg) + " is outside)");
    const int i0 = std::min(int(std::floor(fi)), std::max(grid.nx() - 2, 0));
    const int j0 = std::min(int(std::floor(fj)), std::max(grid.ny() - 2, 0));
    const double a = fi - i0, b = fj - j0;
    const int i1 = std::min(i0 + 1, grid.nx() - 1), j1 = std::min(j0 + 1, grid.ny() - 1);
    corners_.push_back({Corner{i0, j0, (1 - a) * (1 - b)}, Corner{i1, j0, a * (1 - b)}, Corner{i0, j1, (1 - a) * b},
                        Corner{i1, j1, a * b}});
  }
  sum_.assign(stations_.size() * pollutants_.size(), 0.0);
}

void StationSampler::accumulate(const FieldRegistry& tracers, const MetTile& met, const parallel::Communicator& comm,
                                double dt_s) {
  const auto& d = comm.decomposition();
  const std::size_t np = pollutants_.size();
  std::vector<double> corner_values(stations_.size() * np * 4, 0.0);
  for (std::size_t s = 0; s < stations_.size(); ++s)
    for (std::size_t c = 0; c < 4; ++c) {
      const int i = corners_[s][c].i - d.i0, j = corners_[s][c].j - d.j0;
      if (i < 0 || i >= d.nx || j < 0 || j >= d.ny) continue;
      const double rho = met.density_kg_m3(0, j, i);
      for (std::size_t p = 0; p < np; ++p) {
        const auto& pol = pollutants_[p];
        double v = 0.0;
        for (int n : pol.tracers) v += tracers[n](0, j, i);
        // Aerosol: q ρ (kg/m³) → µg/m³ at local conditions. Gas: χ n_ref M (g/m³) → µg/m³ at the
        // reference state of GB 3095—2012 Amendment 1 (2018): 298.15 K, 1013.25 hPa.
        v = pol.aerosol ? v * rho * 1e9 : v * kReferenceMolarDensity * pol.molar_mass_g_mol * 1e6;
        corner_values[(s * np + p) * 4 + c] = v * pol.scale;
      }
    }
  comm.sum_disjoint(corner_values);
  for (std::size_t s = 0; s < stations_.size(); ++s)
    for (std::size_t p = 0; p < np; ++p) {
      double v = 0.0;
      for (std::size_t c = 0; c < 4; ++c) v += corners_[s][c].w * corner_values[(s * np + p) * 4 + c];
      sum_[s * np + p] += v * dt_s;
    }
  seconds_ += dt_s;
}

void StationSampler::close_interval(TimePoint end, io::HourlySeries& out) {
  if (seconds_ > 0) {
    if (out.empty() || out.hours.back() < end) out.cover(out.empty() ? end : out.hours.front(), end);
    const long h = out.index_of(end);
    const std::size_t np = pollutants_.size();
    for (std::size_t s = 0; s < stations_.size(); ++s)
      for (std::size_t p = 0; p < np; ++p)
        out.series(stations_[s].id, pollutants_[p].name)[std::size_t(h)] = sum_[s * np + p] / seconds_;
  }
  std::fill(sum_.begin(), sum_.end(), 0.0);
  seconds_ = 0.0;
}

}  // namespace qiantang::solver
