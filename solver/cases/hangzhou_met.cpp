#include "solver/cases/hangzhou_met.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "solver/common/constants.hpp"

namespace qiantang::cases {
namespace {

using constants::pi;
constexpr double kRad = pi / 180.0;
constexpr double kG = constants::gravity_m_s2;
constexpr double kRd = constants::r_dry_air_J_kg_K;
constexpr double kCp = constants::cp_dry_air_J_kg_K;
constexpr double kEps = constants::r_dry_air_J_kg_K / constants::r_water_vapour_J_kg_K;  // 0.622
constexpr double kGammaDry = kG / kCp;  // dry-adiabatic lapse rate, 9.76e-3 K/m
constexpr double kHangzhouLon = 120.16, kHangzhouLat = 30.27;
constexpr double kCoriolis = 7.3e-5;  // f = 2 Ω sin 30° (s-1)

double smoothstep(double x) { return 0.5 * (1.0 + std::tanh(x)); }

// Wind from meteorological direction `from_deg` with speed s: (u, v) Earth-relative.
void wind_from(double from_deg, double s, double& u, double& v) {
  u = -s * std::sin(from_deg * kRad);
  v = -s * std::cos(from_deg * kRad);
}

// Saturation vapour pressure over water (Pa), Bolton (1980) eq. 10.
double saturation_vapour_pressure_Pa(double T) { return 611.2 * std::exp(17.67 * (T - 273.15) / (T - 29.65)); }

struct Regime {
  double from_deg, speed, t_base, gamma, cloud, rh, haze, p_hz;
};

Regime blend(const Regime& a, const Regime& b, double w) {
  auto l = [&](double x, double y) { return (1 - w) * x + w * y; };
  // Directions blend through the wind vector.
  double ua, va, ub, vb;
  wind_from(a.from_deg, a.speed, ua, va);
  wind_from(b.from_deg, b.speed, ub, vb);
  const double u = l(ua, ub), v = l(va, vb);
  Regime r{std::fmod(std::atan2(-u, -v) / kRad + 360.0, 360.0), std::hypot(u, v), l(a.t_base, b.t_base),
           l(a.gamma, b.gamma), l(a.cloud, b.cloud), l(a.rh, b.rh), l(a.haze, b.haze), l(a.p_hz, b.p_hz)};
  return r;
}

// Winter: the air behind a cold front, `tau` hours after it passed. Northerly gale easing
// into weak north-north-easterly flow (regional transport from the north) as the continental
// high settles over the delta; the cold air warms ~0.8 K/day, moistens and hazes; the
// subsidence inversion strengthens (γθ 3.5 → 9 K/km), pressure rises then slowly falls.
Regime winter_post_front(double tau) {
  const double e30 = std::exp(-tau / 30.0);
  return Regime{350.0 + 35.0 * (1.0 - std::exp(-tau / 24.0)), 2.0 + 11.5 * std::exp(-tau / 20.0),
                272.5 + 0.8 * std::min(tau, 120.0) / 24.0, 0.0035 + 0.0055 * (1.0 - e30),
                0.1 + 0.7 * std::exp(-tau / 6.0), 0.5 + 0.3 * (1.0 - std::exp(-tau / 60.0)),
                1.0 - 0.15 * (1.0 - std::exp(-tau / 48.0)),
                101800.0 + 1700.0 * (1.0 - std::exp(-tau / 12.0)) - 20.0 * std::max(0.0, tau - 48.0)};
}

}  // namespace

Synoptic synoptic_state(Season season, double hours, double lon, double lat) {
  Synoptic s;
  const double xe = (lon - kHangzhouLon) * 111.2 * std::cos(lat * kRad);  // km east of Hangzhou
  const double yn = (lat - kHangzhouLat) * 111.2;                          // km north
  if (season == Season::winter) {
    // Two cold fronts oriented SW–NE moving towards 150° at 36 km/h, passing Hangzhou at
    // +12 h and +162 h. ξ > 0: the front has not arrived yet (km ahead of it).
    const double mx = std::sin(150.0 * kRad), my = std::cos(150.0 * kRad), c = 36.0;
    const double xi1 = mx * xe + my * yn - c * (hours - 12.0);
    const double xi2 = mx * xe + my * yn - c * (hours - 162.0);
    const double b1 = smoothstep(-xi1 / 60.0), b2 = smoothstep(-xi2 / 60.0);
    const double tau1 = std::max(0.0, -xi1 / c), tau2 = std::max(0.0, -xi2 / c);
    const Regime pre1{225.0, 8.0, 281.0, 0.003, 0.55, 0.85, 0.9, 101800.0};
    const Regime pre2{215.0, 6.0, 279.5, 0.005, 0.45, 0.85, 0.85, 101700.0};
    // Ahead of the second front the flow backs to south-westerly from +138 h.
    const double a2 = smoothstep((hours - 148.0) / 6.0);
    const Regime mid = blend(winter_post_front(tau1), pre2, a2);
    const Regime r = blend(blend(pre1, mid, b1), winter_post_front(tau2), b2);
    wind_from(r.from_deg, r.speed, s.ug_m_s, s.vg_m_s);
    s.t_base_K = r.t_base;
    s.gamma_theta_K_m = r.gamma;
    s.rh = r.rh;
    s.haze_factor = r.haze;
    // Cloud thickens towards each front; the anafront rain band lies 0–200 km behind it.
    auto band = [](double xi, double centre, double width) { return std::exp(-std::pow((xi - centre) / width, 2)); };
    const double cloud_front = std::max(0.95 * std::max(band(xi1, -80, 110), band(xi2, -80, 110)),
                                        0.85 * std::max(band(xi1, 60, 150), band(xi2, 60, 150)));
    s.cloud_fraction = std::clamp(std::max(r.cloud, cloud_front), 0.0, 1.0);
    s.rain_mm_h = 3.0 * band(xi1, -80, 55) + 2.5 * band(xi2, -80, 55) + 0.4 * band(xi1, 40, 50) + 0.4 * band(xi2, 40, 50);
    if (s.rain_mm_h < 0.05) s.rain_mm_h = 0.0;  // below the 0.1 mm gauge resolution over an hour
    if (s.rain_mm_h > 0.2) s.rh = std::max(s.rh, 0.95);
    s.p_msl_Pa = r.p_hz - 300.0 * (band(xi1, 0, 100) + band(xi2, 0, 100));
    s.sst_K = 285.0 - 1.2 * (lat - 28.0);
    s.inversion_K = 8.0;
    s.bowen_fraction = 0.22 * (1.0 - 0.6 * std::min(1.0, s.rain_mm_h));
    s.sea_breeze_m_s = 0.8;
  } else {
    // Summer under the western Pacific subtropical high: light south-easterlies, then from
    // +48 h the high's ridge builds north of the delta and Hangzhou lies on its southern flank
    // in weak east-north-easterly flow (a heat wave with 2-m maxima near 38.5 °C, the most
    // stagnant days, carrying the air of Shanghai, Jiaxing and Huzhou over the city), light
    // south-easterlies again from +144 h.
    const double w1 = smoothstep((hours - 48.0) / 8.0), w2 = smoothstep((hours - 144.0) / 8.0);
    const Regime a{160.0, 5.0, 299.5, 0.005, 0.1, 0.65, 0.95, 100700.0};
    const Regime b{65.0, 1.8, 302.0, 0.005, 0.08, 0.62, 0.93, 100600.0};
    const Regime r = blend(blend(a, b, w1), a, w2);
    wind_from(r.from_deg, r.speed, s.ug_m_s, s.vg_m_s);
    s.t_base_K = r.t_base;
    s.gamma_theta_K_m = r.gamma;
    s.rh = r.rh;
    s.haze_factor = r.haze;
    // Fair-weather cumulus in the afternoon (12–18 local solar time).
    const double lst = std::fmod(hours + 24.0 * 10 + lon / 15.0, 24.0);
    s.cloud_fraction = r.cloud + 0.2 * std::max(0.0, std::sin(pi * (lst - 12.0) / 6.0));
    s.rain_mm_h = 0.0;
    s.p_msl_Pa = r.p_hz;
    s.sst_K = 301.0 - 0.4 * (lat - 30.0);
    s.inversion_K = 4.0;
    s.bowen_fraction = 0.28;
    s.sea_breeze_m_s = 3.0;
  }
  // Geostrophic balance: ∇p = ρ f k × V_g, i.e. p = p_H + ρ f (v_g X − u_g Y).
  s.p_msl_Pa += 1.25 * kCoriolis * (s.vg_m_s * xe - s.ug_m_s * yn) * 1000.0;
  return s;
}

double solar_zenith_deg(double lat_deg, double lon_deg, TimePoint utc) {
  using namespace std::chrono;
  const auto day = floor<days>(utc);
  const year_month_day ymd{day};
  const auto jan1 = sys_days{ymd.year() / January / 1};
  const double doy = double((day - jan1).count()) + 1.0;
  const double hour = double((utc - day).count()) / 3600.0;
  const double g = 2.0 * pi / 365.0 * (doy - 1.0 + (hour - 12.0) / 24.0);
  const double decl = 0.006918 - 0.399912 * std::cos(g) + 0.070257 * std::sin(g) - 0.006758 * std::cos(2 * g) +
                      0.000907 * std::sin(2 * g) - 0.002697 * std::cos(3 * g) + 0.00148 * std::sin(3 * g);
  const double eqtime = 229.18 * (0.000075 + 0.001868 * std::cos(g) - 0.032077 * std::sin(g) -
                                  0.014615 * std::cos(2 * g) - 0.040849 * std::sin(2 * g));
  const double tst = hour * 60.0 + eqtime + 4.0 * lon_deg;  // true solar time (min)
  const double ha = (tst / 4.0 - 180.0) * kRad;
  const double phi = lat_deg * kRad;
  const double cz = std::sin(phi) * std::sin(decl) + std::cos(phi) * std::cos(decl) * std::cos(ha);
  return std::acos(std::clamp(cz, -1.0, 1.0)) / kRad;
}

double clear_sky_shortwave_W_m2(double zenith_deg) {
  const double cz = std::cos(zenith_deg * kRad);
  if (cz <= 0.0) return 0.0;
  return 1361.0 * cz * 1.1 * std::pow(0.7, std::pow(1.0 / cz, 0.678));
}

namespace {

// Roughness length (m) by USGS category (WRF LANDUSE.TBL winter/summer means, rounded).
double roughness_m(int lu) {
  switch (lu) {
    case 16: return 2e-4;
    case 1: return 0.8;
    case 15: return 0.5;
    case 6: return 0.3;
    default: return 0.1;
  }
}

// Fraction of the geostrophic wind speed remaining at 10 m.
// Over land it is larger by day (convective mixing) and in strong winds (neutral, well-mixed).
double surface_ratio(double land, double cosz, double vg) {
  const double over_land = 0.32 + (cosz > 0 ? 0.10 * std::min(1.0, cosz / 0.3) : 0.0) + 0.15 * std::min(1.0, vg / 10.0);
  return land * over_land + (1.0 - land) * 0.75;
}

}  // namespace

HangzhouMet::HangzhouMet(const HangzhouCase& c, const HangzhouDomain& d, const GeoRaster& geo)
    : c_(c), d_(d), nx_(d.grid.nx()), ny_(d.grid.ny()), nz_(int(c.z_interface_m.size()) - 1) {
  const auto& g = d.grid;
  cols_.resize(std::size_t(nx_) * std::size_t(ny_));
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i < nx_; ++i) {
      Column& col = cols_[std::size_t(j) * std::size_t(nx_) + std::size_t(i)];
      g.latlon(i, j, col.lat, col.lon);
      // Cell means from 5 × 5 sub-samples (what WPS geogrid does with finer source data).
      double land = 0, h = 0;
      for (int b = 0; b < 5; ++b)
        for (int a = 0; a < 5; ++a) {
          double la, lo;
          g.latlon(i + (a - 2) / 5.0, j + (b - 2) / 5.0, la, lo);
          land += land_indicator(lo, la);
          h += terrain_height_m(lo, la);
        }
      col.land = land / 25.0;
      col.terrain = h / 25.0;
      col.urban = geo.sample(geo.urban, col.lon, col.lat);
      col.lu = land_use_category(col.land, col.urban, col.terrain);
      col.z0 = roughness_m(col.lu);
    }
  const double cone = g.projection().kind == grid::ProjectionKind::lambert_conformal ? g.projection().cone() : 0.0;
  auto make_face = [&](double fi, double fj, int ia, int ja, int ib, int jb) {
    Face f{};
    g.latlon(fi, fj, f.lat, f.lon);
    const double th = cone * (f.lon - g.projection().stand_lon_deg) * kRad;
    f.rot_cos = std::cos(th);
    f.rot_sin = std::sin(th);
    const double dl = 0.1;
    const double kx = 111.2e3 * std::cos(f.lat * kRad) * 2 * dl, ky = 111.2e3 * 2 * dl;
    f.slope_e = (geo.sample(geo.terrain_m, f.lon + dl, f.lat) - geo.sample(geo.terrain_m, f.lon - dl, f.lat)) / kx;
    f.slope_n = (geo.sample(geo.terrain_m, f.lon, f.lat + dl) - geo.sample(geo.terrain_m, f.lon, f.lat - dl)) / ky;
    // Gradient of the 20 km-smoothed land fraction, scaled so a straight coast gives ~1.
    const double scale = std::sqrt(2 * pi) * 20e3;
    f.coast_e = scale * (geo.sample(geo.land_smooth, f.lon + dl, f.lat) - geo.sample(geo.land_smooth, f.lon - dl, f.lat)) / kx;
    f.coast_n = scale * (geo.sample(geo.land_smooth, f.lon, f.lat + dl) - geo.sample(geo.land_smooth, f.lon, f.lat - dl)) / ky;
    // Down-valley direction of the nearest Qiantang valley segment and a 12 km corridor weight.
    const auto& ax = qiantang_valley_axis();
    double best = 1e30;
    for (std::size_t n = 0; n + 1 < ax.size(); ++n) {
      const double dist = distance_to_polyline_km({f.lon, f.lat}, {ax[n], ax[n + 1]});
      if (dist < best) {
        best = dist;
        const double e = (ax[n + 1].lon - ax[n].lon) * std::cos(f.lat * kRad), nn = ax[n + 1].lat - ax[n].lat;
        const double l = std::hypot(e, nn);
        f.valley_e = e / l;
        f.valley_n = nn / l;
      }
    }
    f.valley_w = std::exp(-0.5 * best * best / 144.0);
    const Column& a = cols_[std::size_t(ja) * std::size_t(nx_) + std::size_t(ia)];
    const Column& b = cols_[std::size_t(jb) * std::size_t(nx_) + std::size_t(ib)];
    f.land = 0.5 * (a.land + b.land);
    f.terrain = 0.5 * (a.terrain + b.terrain);
    return f;
  };
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i <= nx_; ++i)
      xfaces_.push_back(make_face(i - 0.5, j, std::max(i - 1, 0), j, std::min(i, nx_ - 1), j));
  for (int j = 0; j <= ny_; ++j)
    for (int i = 0; i < nx_; ++i)
      yfaces_.push_back(make_face(i, j - 0.5, i, std::max(j - 1, 0), i, std::min(j, ny_ - 1)));
  // Spin the boundary layer up from the previous evening.
  advance_columns(-16.0, 0.0);
}

void HangzhouMet::advance_columns(double h0, double h1) {
  const double step_h = 1.0 / 6.0;
  const int n = std::max(1, int(std::lround((h1 - h0) / step_h)));
  const double dt_h = (h1 - h0) / n;
  for (int s = 1; s <= n; ++s) {
    const double h = h0 + s * dt_h;
    const TimePoint t = c_.start + Seconds(std::llround(h * 3600.0));
    for (auto& col : cols_) {
      const Synoptic sy = synoptic_state(c_.season, std::max(h, 0.0), col.lon, col.lat);
      const double sw = clear_sky_shortwave_W_m2(solar_zenith_deg(col.lat, col.lon, t)) *
                        (1.0 - 0.75 * std::pow(sy.cloud_fraction, 3.4)) * sy.haze_factor;
      if (sw > 5.0) {
        // Encroachment with entrainment (Tennekes 1973): h² = 2 (1 + 2A) ∫ H/(ρ c_p) dt / γθ, A = 0.2.
        const double hfx = sy.bowen_fraction * sw * (1.0 + 0.35 * col.urban);
        col.heat_int += hfx / (1.2 * kCp) * dt_h * 3600.0;
        col.h_ml = std::max(col.h_ml * std::exp(-dt_h), std::sqrt(2.0 * 1.4 * col.heat_int / sy.gamma_theta_K_m));
        col.dt_night *= std::exp(-dt_h / 2.0);
      } else {
        col.heat_int = 0.0;
        col.h_ml *= std::exp(-dt_h);  // the mixed layer decays within ~1 h after sunset
        const double vg = std::hypot(sy.ug_m_s, sy.vg_m_s);
        const double target = -sy.inversion_K * (1.0 - 0.8 * sy.cloud_fraction) / (1.0 + std::pow(vg / 6.0, 2));
        col.dt_night += (target - col.dt_night) * (1.0 - std::exp(-dt_h / 4.0));
      }
    }
  }
}

io::MetFields HangzhouMet::next() {
  const double hours = double(record_) * c_.met_interval_s / 3600.0;
  if (record_ > 0) advance_columns(hours - c_.met_interval_s / 3600.0, hours);
  ++record_;
  const TimePoint t = c_.start + Seconds(std::llround(hours * 3600.0));
  const double z_top = c_.z_interface_m.back();
  const bool winter = c_.season == Season::winter;
  io::MetFields f;
  f.allocate(nx_, ny_, nz_, false);
  f.time = t;
  const std::size_t plane = std::size_t(nx_) * std::size_t(ny_);
  std::vector<double> zc(static_cast<std::size_t>(nz_));
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i < nx_; ++i) {
      const std::size_t m = f.surface(j, i);
      const Column& col = cols_[m];
      const Synoptic s = synoptic_state(c_.season, hours, col.lon, col.lat);
      const double zen = solar_zenith_deg(col.lat, col.lon, t);
      const double cosz = std::cos(zen * kRad);
      const double sw = clear_sky_shortwave_W_m2(zen) * (1.0 - 0.75 * std::pow(s.cloud_fraction, 3.4)) * s.haze_factor;
      const double vg = std::hypot(s.ug_m_s, s.vg_m_s);
      const double v10 = std::max(0.5, surface_ratio(col.land, cosz, vg) * vg);
      const double ustar = std::max(0.05, constants::von_karman * v10 / std::log(10.0 / col.z0));
      // Sensible heat flux: by day a fraction of the shortwave (more over the city); by night
      // −ρ c_p u* θ* with θ* = 0.08 K under clear skies. The sea: warmer than the air in winter.
      const double h_night = -1.2 * kCp * ustar * 0.08 * (1.0 - 0.7 * s.cloud_fraction);
      const double h_land = s.bowen_fraction * sw * (1.0 + 0.35 * col.urban) + h_night * std::max(0.0, 1.0 - sw / 150.0);
      const double h_sea = winter ? 25.0 : -5.0;
      const double hfx = col.land * h_land + (1.0 - col.land) * h_sea;
      // Stable boundary-layer height (Zilitinkevich 1972): h = 0.4 sqrt(u* |L| / f), 100–600 m.
      const double hneg = std::min(h_land, -2.0);
      const double L = -std::pow(ustar, 3) * 280.0 * 1.2 * kCp / (constants::von_karman * kG * hneg);
      const double h_stable = std::clamp(0.4 * std::sqrt(ustar * L / kCoriolis), 100.0, 600.0);
      const double pbl_land = std::max(col.h_ml, h_stable);
      const double pbl = col.land * pbl_land + (1.0 - col.land) * (winter ? 600.0 : 350.0);
      // Temperature profile (z above ground): free atmosphere with lapse 9.8 − γθ K/km below
      // 2 km MSL and 6.5 K/km above; the nocturnal inversion ΔT exp(−z/h_inv); the daytime
      // mixed layer (dry adiabat down from the top of the mixed layer); over the sea the SST
      // anomaly decays over 400 m.
      const double lapse_low = kGammaDry - s.gamma_theta_K_m;
      auto t_free = [&](double z_msl) {
        return s.t_base_K - lapse_low * std::min(z_msl, 2000.0) - 0.0065 * std::max(0.0, z_msl - 2000.0);
      };
      const double h_inv = winter ? 120.0 : 100.0;
      auto temperature = [&](double z) {
        const double env = t_free(col.terrain + z) + col.dt_night * std::exp(-z / h_inv);
        double land_t = env;
        if (z < col.h_ml) {
          const double top = t_free(col.terrain + col.h_ml) + col.dt_night * std::exp(-col.h_ml / h_inv);
          land_t = std::max(env, top + kGammaDry * (col.h_ml - z));
        }
        const double sea_t = t_free(z) + (s.sst_K - t_free(0.0)) * std::exp(-z / 400.0);
        return col.land * land_t + (1.0 - col.land) * sea_t;
      };
      const double ps_guess = s.p_msl_Pa * std::exp(-col.terrain / 8000.0);
      auto rel_humidity = [&](double z) {
        const double zm = col.terrain + z;
        double rh = zm < 1500.0 ? s.rh : s.rh + (0.3 - s.rh) * std::min(1.0, (zm - 1500.0) / 6500.0);
        return rh;
      };
      auto cloud_water = [&](double z) {
        const double n = std::max(0.0, s.cloud_fraction - 0.5) / 0.5;
        return 2.5e-4 * n * std::exp(-std::pow((col.terrain + z - 2500.0) / 1000.0, 2));
      };
      auto mixing_ratio = [&](double z, double T) {
        const double rh = cloud_water(z) > 2e-5 ? 1.0 : rel_humidity(z);
        const double e = rh * saturation_vapour_pressure_Pa(T);
        const double p = ps_guess * std::exp(-z / 8000.0);
        return kEps * e / (p - e);
      };
      auto virtual_t = [&](double z) {
        const double T = temperature(z);
        const double w = mixing_ratio(z, T);
        return T * (1.0 + w / kEps) / (1.0 + w);
      };
      // Interfaces follow the terrain; pressure by integrating d ln p / dz = −g / (R_d T_v)
      // with Simpson's rule on 4 sub-intervals between successive heights.
      const double stretch = (z_top - col.terrain) / z_top;
      for (int k = 0; k <= nz_; ++k) f.z_interface_m[std::size_t(k) * plane + m] = c_.z_interface_m[std::size_t(k)] * stretch;
      for (int k = 0; k < nz_; ++k)
        zc[std::size_t(k)] = 0.5 * (f.z_interface_m[std::size_t(k) * plane + m] + f.z_interface_m[std::size_t(k + 1) * plane + m]);
      const double tv0 = virtual_t(0.0);
      const double ps = s.p_msl_Pa * std::exp(-kG * col.terrain / (kRd * (tv0 + 0.0065 * col.terrain / 2.0)));
      auto integrate = [&](double za, double zb) {
        const int nsub = 4;
        const double hh = (zb - za) / nsub;
        double sum = 1.0 / virtual_t(za) + 1.0 / virtual_t(zb);
        for (int q = 1; q < nsub; ++q) sum += (q % 2 ? 4.0 : 2.0) / virtual_t(za + q * hh);
        return -kG / kRd * sum * hh / 3.0;
      };
      double lnp = std::log(ps), zprev = 0.0;
      for (int k = 0; k < nz_; ++k) {
        const double z = zc[std::size_t(k)];
        lnp += integrate(zprev, z);
        zprev = z;
        const std::size_t cidx = f.cell(k, j, i);
        const double T = temperature(z);
        const double w = mixing_ratio(z, T);
        const double p = std::exp(lnp);
        f.temperature_K[cidx] = T;
        f.pressure_Pa[cidx] = p;
        f.water_vapour_kg_kg[cidx] = w;
        f.air_density_kg_m3[cidx] = p / (kRd * T * (1.0 + w / kEps) / (1.0 + w));
        f.cloud_water_kg_kg[cidx] = cloud_water(z);
        // Rain water below 3 km MSL in the rain band: q_r ≈ 5e-5 R^0.9 (R in mm/h), the
        // Marshall–Palmer rain-rate/water-content relation rounded.
        f.rain_water_kg_kg[cidx] =
            s.rain_mm_h > 0.01 ? 5e-5 * std::pow(s.rain_mm_h, 0.9) * smoothstep((3000.0 - col.terrain - z) / 300.0) : 0.0;
      }
      f.surface_pressure_Pa[m] = ps;
      f.t2_K[m] = temperature(2.0);
      f.pbl_height_m[m] = pbl;
      f.friction_velocity_m_s[m] = ustar;
      f.sensible_heat_flux_W_m2[m] = hfx;
      f.shortwave_down_W_m2[m] = sw;
      f.precipitation_rate_mm_h[m] = s.rain_mm_h;
      f.land_use_category[m] = col.lu;
      f.terrain_height_m[m] = col.terrain;
    }
  // Winds on the C-grid faces.
  auto pbl_at = [&](int i, int j) { return f.pbl_height_m[f.surface(std::clamp(j, 0, ny_ - 1), std::clamp(i, 0, nx_ - 1))]; };
  auto zc_at = [&](int i, int j, int k) {
    const std::size_t m = f.surface(std::clamp(j, 0, ny_ - 1), std::clamp(i, 0, nx_ - 1));
    return 0.5 * (f.z_interface_m[std::size_t(k) * plane + m] + f.z_interface_m[std::size_t(k + 1) * plane + m]);
  };
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i <= nx_; ++i) {
      const Face& fc = xfaces_[std::size_t(j) * std::size_t(nx_ + 1) + std::size_t(i)];
      const double pbl = 0.5 * (pbl_at(i - 1, j) + pbl_at(i, j));
      const Synoptic s = synoptic_state(c_.season, hours, fc.lon, fc.lat);
      const double cosz = std::cos(solar_zenith_deg(fc.lat, fc.lon, t) * kRad);
      for (int k = 0; k < nz_; ++k) {
        double u, v;
        face_wind(fc, s, cosz, hours, 0.5 * (zc_at(i - 1, j, k) + zc_at(i, j, k)), pbl, u, v);
        f.u_m_s[(std::size_t(k) * std::size_t(ny_) + std::size_t(j)) * std::size_t(nx_ + 1) + std::size_t(i)] = u;
      }
    }
  for (int j = 0; j <= ny_; ++j)
    for (int i = 0; i < nx_; ++i) {
      const Face& fc = yfaces_[std::size_t(j) * std::size_t(nx_) + std::size_t(i)];
      const double pbl = 0.5 * (pbl_at(i, j - 1) + pbl_at(i, j));
      const Synoptic s = synoptic_state(c_.season, hours, fc.lon, fc.lat);
      const double cosz = std::cos(solar_zenith_deg(fc.lat, fc.lon, t) * kRad);
      for (int k = 0; k < nz_; ++k) {
        double u, v;
        face_wind(fc, s, cosz, hours, 0.5 * (zc_at(i, j - 1, k) + zc_at(i, j, k)), pbl, u, v);
        f.v_m_s[(std::size_t(k) * std::size_t(ny_ + 1) + std::size_t(j)) * std::size_t(nx_) + std::size_t(i)] = v;
      }
    }
  return f;
}

void HangzhouMet::face_wind(const Face& fc, const Synoptic& s, double cosz, double hours, double z, double pbl,
                            double& u, double& v) const {
  const bool winter = c_.season == Season::winter;
  const double vg = std::hypot(s.ug_m_s, s.vg_m_s);
  // Boundary-layer profile: the 10 m fraction of the geostrophic speed rising logarithmically
  // to 1 at the top of the boundary layer (at least 200 m), with Ekman backing of 30° over
  // land and 15° over the sea at the surface, none at the top.
  const double z_ref = std::max(pbl, 200.0);
  const double r10 = surface_ratio(fc.land, cosz, vg);
  const double eta = std::clamp(std::log(std::max(z, 10.0) / 10.0) / std::log(z_ref / 10.0), 0.0, 1.0);
  const double speed_factor = r10 + (1.0 - r10) * eta;
  const double alpha = (fc.land * 30.0 + (1.0 - fc.land) * 15.0) * (1.0 - eta) * kRad;
  double ue = speed_factor * (s.ug_m_s * std::cos(alpha) - s.vg_m_s * std::sin(alpha));
  double ve = speed_factor * (s.ug_m_s * std::sin(alpha) + s.vg_m_s * std::cos(alpha));
  // Thermal wind: westerlies strengthening above 1.5 km to the jet at the model top.
  ue += (winter ? 22.0 : 6.0) * std::clamp((fc.terrain + z - 1500.0) / 8500.0, 0.0, 1.0);
  const bool day = cosz > 0.1;
  const double calm = 1.0 / (1.0 + std::pow(vg / 5.0, 2));
  // Terrain: the wind component across the height contours is reduced below ~1 km (blocking,
  // flow turning along the ridges), more in stable nights; slope winds upslope by day,
  // downslope (drainage) by night, strongest ~80 m above ground.
  const double slope = std::hypot(fc.slope_e, fc.slope_n);
  if (slope > 1e-5) {
    const double ne = fc.slope_e / slope, nn = fc.slope_n / slope;
    const double steep = std::min(1.0, slope / 0.02);
    const double cross = ue * ne + ve * nn;
    const double block = (day ? 0.3 : 0.6) * steep * std::exp(-z / 800.0);
    ue -= block * cross * ne;
    ve -= block * cross * nn;
    const double a = day ? 1.0 * std::min(1.0, cosz / 0.5) * (1.0 - s.cloud_fraction) : -0.8 * (1.0 - 0.8 * s.cloud_fraction);
    const double shape = (z / 80.0) * std::exp(1.0 - z / 80.0);
    ue += a * calm * steep * shape * ne;
    ve += a * calm * steep * shape * nn;
  }
  // Qiantang valley: down-valley (towards Hangzhou and the bay) by night, up-valley by day.
  {
    const double a = day ? -0.8 * std::min(1.0, cosz / 0.5) : 1.0;
    const double shape = (z / 120.0) * std::exp(1.0 - z / 120.0);
    ue += a * calm * fc.valley_w * shape * fc.valley_e;
    ve += a * calm * fc.valley_w * shape * fc.valley_n;
  }
  // Sea and land breeze: onshore (along the gradient of the smoothed land fraction) from 09 to
  // 19 local solar time, peaking at 14; a weak land breeze at night; a return flow above 600 m.
  {
    const double lst = std::fmod(hours + 240.0 + fc.lon / 15.0, 24.0);
    const double diurnal = (lst >= 9.0 && lst <= 19.0) ? std::sin(pi * (lst - 9.0) / 10.0)
                                                        : -0.25 * std::sin(pi * std::fmod(lst - 19.0 + 24.0, 24.0) / 14.0);
    double shape = 0.0;
    if (z < 1800.0) {
      const double cz = std::cos(pi * z / 1200.0);
      shape = (1.0 - std::exp(-z / 50.0)) * (cz >= 0 ? cz : 0.4 * cz);
    }
    const double a = s.sea_breeze_m_s * diurnal * shape / (1.0 + std::pow(vg / 6.0, 2));
    ue += a * fc.coast_e;
    ve += a * fc.coast_n;
  }
  // Earth-relative to grid-relative (Lambert: rotation by n (λ − λ0)).
  u = ue * fc.rot_cos - ve * fc.rot_sin;
  v = ue * fc.rot_sin + ve * fc.rot_cos;
}

}  // namespace qiantang::cases
