#include "chemistry/photolysis/photolysis.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::chemistry {
namespace {

constexpr double kDeg = constants::pi / 180.0;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

double solar_zenith_angle_deg(double lat_deg, double lon_deg, TimePoint utc) {
  using namespace std::chrono;
  const auto day = floor<days>(utc);
  const year_month_day ymd{day};
  const auto jan1 = sys_days{ymd.year() / January / 1};
  const int day_of_year = static_cast<int>((day - jan1).count()) + 1;
  const double days_in_year = ymd.year().is_leap() ? 366.0 : 365.0;
  const double seconds_of_day = static_cast<double>((utc - day).count());
  const double hour = seconds_of_day / 3600.0;
  // Fractional year (radians), NOAA Global Monitoring Division, "General Solar Position
  // Calculations" (after Spencer 1971, Search 2(5), 172).
  const double g = 2.0 * constants::pi / days_in_year * (day_of_year - 1 + (hour - 12.0) / 24.0);
  // Equation of time (minutes) and solar declination (radians).
  const double eqtime = 229.18 * (0.000075 + 0.001868 * std::cos(g) - 0.032077 * std::sin(g) -
                                  0.014615 * std::cos(2 * g) - 0.040849 * std::sin(2 * g));
  const double decl = 0.006918 - 0.399912 * std::cos(g) + 0.070257 * std::sin(g) -
                      0.006758 * std::cos(2 * g) + 0.000907 * std::sin(2 * g) -
                      0.002697 * std::cos(3 * g) + 0.00148 * std::sin(3 * g);
  // True solar time (minutes) at the longitude, hour angle (degrees).
  const double true_solar_minutes = seconds_of_day / 60.0 + eqtime + 4.0 * lon_deg;
  const double hour_angle = true_solar_minutes / 4.0 - 180.0;
  const double lat = lat_deg * kDeg;
  double cos_zen =
      std::sin(lat) * std::sin(decl) + std::cos(lat) * std::cos(decl) * std::cos(hour_angle * kDeg);
  cos_zen = std::clamp(cos_zen, -1.0, 1.0);
  return std::acos(cos_zen) / kDeg;
}

double cloud_correction(double zenith_deg, double cloud_optical_depth, bool below_cloud) {
  const double tau = cloud_optical_depth;
  if (!(tau > 5.0) || zenith_deg >= 90.0) return 1.0;
  // Chang et al. (1987): energy transmission coefficient with asymmetry factor f = 0.86,
  // cos(zenith) limited to cos(60 deg) = 0.5 as in RADM.
  const double f = 0.86;
  const double transmission = (5.0 - std::exp(-tau)) / (4.0 + 3.0 * tau * (1.0 - f));
  const double mu = std::max(std::cos(zenith_deg * kDeg), 0.5);
  const double alpha = 1.0;  // reaction-dependent in RADM (1.2 for J(NO2)); one value here
  return below_cloud ? 1.6 * transmission * mu : 1.0 + alpha * (1.0 - transmission) * mu;
}

double cloud_correction(double zenith_deg, double cloud_optical_depth, bool below_cloud,
                        double cloud_fraction) {
  const double a = std::clamp(cloud_fraction, 0.0, 1.0);
  return 1.0 + a * (cloud_correction(zenith_deg, cloud_optical_depth, below_cloud) - 1.0);
}

double cloud_optical_depth_from_lwp(double lwp_kg_m2, double effective_radius_m) {
  constexpr double rho_water_kg_m3 = 1000.0;
  if (!(lwp_kg_m2 > 0.0)) return 0.0;
  return 1.5 * lwp_kg_m2 / (rho_water_kg_m3 * effective_radius_m);
}

double photolysis_altitude_factor(double altitude_m) {
  const double km = std::clamp(altitude_m / 1000.0, 0.0, 8.0);
  return 1.0 + 0.04 * km;
}

Photolysis::Photolysis(const Mechanism& m, const std::filesystem::path& jtable) {
  std::ifstream in(jtable);
  if (!in)
    throw InputError(jtable.string(), "J-value table", "a readable CSV file name,l,m,n,reference");
  std::map<std::string, std::pair<JParameters, int>> rows;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (f.size() < 4 && std::getline(ss, cell, ',')) f.push_back(trim(cell));
    const std::string where = jtable.string() + ":" + std::to_string(lineno);
    if (lineno == 1) {
      if (f.size() < 4 || f[0] != "name" || f[1] != "l" || f[2] != "m" || f[3] != "n")
        throw InputError(where, "header", "'name,l,m,n,reference'");
      continue;
    }
    if (f.size() < 4) throw InputError(where, line, "name,l,m,n,reference");
    JParameters p;
    double* dst[3] = {&p.l, &p.m, &p.n};
    for (int i = 0; i < 3; ++i) {
      std::size_t used = 0;
      try {
        *dst[i] = std::stod(f[i + 1], &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != f[i + 1].size() || !std::isfinite(*dst[i]))
        throw InputError(where, f[0], "numbers for l, m, n (got '" + f[i + 1] + "')");
    }
    if (p.l < 0.0 || p.n < 0.0) throw InputError(where, f[0], "l >= 0 and n >= 0");
    if (rows.count(f[0])) throw InputError(where, f[0], "each J-value name once");
    rows[f[0]] = {p, lineno};
  }
  for (const auto& name : m.photolysis_names()) {
    auto it = rows.find(name);
    if (it == rows.end())
      throw InputError(jtable.string(), name,
                       "a row for every J-value that " + m.source_name() + " uses");
    parameters_.push_back(it->second.first);
  }
}

void Photolysis::clear_sky(double zenith_deg, double altitude_m, double* out) const {
  compute(zenith_deg, altitude_m, 1.0, out);
}

void Photolysis::compute(double zenith_deg, double altitude_m, double cloud_factor,
                         double* out) const {
  const double mu = std::cos(zenith_deg * kDeg);
  const double scale = photolysis_altitude_factor(altitude_m) * cloud_factor;
  for (std::size_t p = 0; p < parameters_.size(); ++p) {
    const auto& q = parameters_[p];
    out[p] = (zenith_deg < 90.0 && mu > 0.0) ? q.l * std::pow(mu, q.m) * std::exp(-q.n / mu) * scale
                                             : 0.0;
  }
}

}  // namespace qiantang::chemistry
