#include "solver/emissions/allocation.hpp"

#include <algorithm>
#include <chrono>

namespace qiantang::emissions {

const io::TemporalProfile* temporal_profile(const io::TemporalProfiles& p, const std::string& sector) {
  auto it = p.find(sector);
  if (it == p.end()) it = p.find(io::kAnySector);
  return it == p.end() ? nullptr : &it->second;
}

double temporal_factor(const io::TemporalProfile* p, TimePoint utc) {
  if (!p) return 1.0;
  using namespace std::chrono;
  const auto local = utc + kBeijingOffset;
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  double f = 1.0;
  if (p->month) {
    const unsigned m = unsigned(ymd.month());
    const auto first = sys_days{ymd.year() / ymd.month() / 1};
    const auto next = sys_days{(ymd.year() / ymd.month() / 1) + months{1}};
    const double dm = double((next - first).count());
    const double dy = ymd.year().is_leap() ? 366.0 : 365.0;
    f *= (*p->month)[m - 1] * dy / dm;
  }
  if (p->weekday) {
    const unsigned iso = weekday{day}.iso_encoding();  // 1 = Monday .. 7 = Sunday
    f *= 7.0 * (*p->weekday)[iso - 1];
  }
  if (p->hour) {
    const auto h = int(duration_cast<hours>(local - day).count());
    f *= 24.0 * (*p->hour)[std::size_t(h)];
  }
  return f;
}

void vertical_fractions(const std::vector<io::VerticalBand>& bands, const double* z, int nz, double* out) {
  std::fill(out, out + nz, 0.0);
  if (bands.empty() || nz == 1) {
    out[0] = 1.0;
    return;
  }
  double bottom = 0.0;
  for (const auto& b : bands) {
    const double top = b.top_m, width = top - bottom;
    for (int k = 0; k < nz; ++k) {
      const double lo = std::max(bottom, k == 0 ? 0.0 : z[k]);
      const double hi = std::min(top, z[k + 1]);
      if (hi > lo) out[k] += b.fraction * (hi - lo) / width;
    }
    if (top > z[nz]) out[nz - 1] += b.fraction * (top - std::max(bottom, z[nz])) / width;
    bottom = top;
  }
}

bool inside_polygon(const io::RegionPolygon& p, double lon, double lat) {
  bool in = false;
  const std::size_t n = p.lon.size();
  for (std::size_t a = 0, b = n - 1; a < n; b = a++) {
    const double ya = p.lat[a], yb = p.lat[b];
    if ((ya > lat) != (yb > lat)) {
      const double x = p.lon[a] + (lat - ya) / (yb - ya) * (p.lon[b] - p.lon[a]);
      if (lon < x) in = !in;
    }
  }
  return in;
}

bool inside_region(const std::vector<io::RegionPolygon>& parts, double lon, double lat) {
  bool in = false;
  for (const auto& p : parts)
    if (inside_polygon(p, lon, lat)) in = !in;  // even–odd over all parts (holes as parts)
  return in;
}

double speciation_factor(const io::SpeciationRow& row, bool gas, double mw_model, double mw_inv, std::string& why) {
  using io::SpeciationBasis;
  const double f = row.fraction;
  if (!gas) {
    if (row.basis == SpeciationBasis::mass || row.basis == SpeciationBasis::mass_factor) return f;  // kg/s per kg/s
    why = "a mass or mass_factor basis for the aerosol species " + row.model_species;
    return -1.0;
  }
  switch (row.basis) {
    case SpeciationBasis::mass:
    case SpeciationBasis::mass_factor:
      if (!(mw_model > 0)) {
        why = "a molar mass of " + row.model_species + " in the mechanism (needed for a mass-basis split)";
        return -1.0;
      }
      return f * 1000.0 / mw_model;  // kg -> mol of model species
    case SpeciationBasis::mole:
      if (!(mw_inv > 0)) {
        why = "an inventory species with a molar mass (SO2, NOX, CO, NH3) for a mole-basis split";
        return -1.0;
      }
      return f * 1000.0 / mw_inv;  // kg of inventory species -> mol, times mol/mol
    case SpeciationBasis::mol_per_g: return f * 1000.0;  // mol per g -> mol per kg
  }
  return -1.0;
}

}  // namespace qiantang::emissions
