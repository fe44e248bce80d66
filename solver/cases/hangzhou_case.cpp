#include "solver/cases/hangzhou_case.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "io/emissions/inventory.hpp"
#include "io/met/cf_met.hpp"
#include "solver/cases/hangzhou_emissions.hpp"
#include "solver/cases/hangzhou_geography.hpp"
#include "solver/cases/hangzhou_met.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::cases {
namespace {

std::string yyyymmdd(TimePoint t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  char b[16];
  std::snprintf(b, sizeof b, "%04d%02u%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return b;
}

// Latitude–longitude box of a grid's cell corners.
void bounds(const grid::HorizontalGrid& g, double& lon0, double& lon1, double& lat0, double& lat1) {
  lon0 = lat0 = 1e9;
  lon1 = lat1 = -1e9;
  for (int j = 0; j <= g.ny(); ++j)
    for (int i = 0; i <= g.nx(); ++i) {
      double la, lo;
      g.latlon(i - 0.5, j - 0.5, la, lo);
      lon0 = std::min(lon0, lo), lon1 = std::max(lon1, lo), lat0 = std::min(lat0, la), lat1 = std::max(lat1, la);
    }
}

// Rounds to a 24-bit significand (single precision, relative error ≤ 2^-24 ≈ 6e-8): the met is
// an idealisation known to far fewer digits, and the zeroed low bits let the NetCDF shuffle and
// deflate filters shrink the files severalfold.
void round_to_single_precision(io::MetFields& f) {
  for (auto* v : {&f.air_density_kg_m3, &f.temperature_K, &f.pressure_Pa, &f.water_vapour_kg_kg, &f.cloud_water_kg_kg,
                  &f.rain_water_kg_kg, &f.z_interface_m, &f.u_m_s, &f.v_m_s, &f.surface_pressure_Pa, &f.t2_K,
                  &f.pbl_height_m, &f.friction_velocity_m_s, &f.sensible_heat_flux_W_m2, &f.shortwave_down_W_m2,
                  &f.precipitation_rate_mm_h, &f.terrain_height_m})
    for (double& x : *v) {
      auto b = std::bit_cast<std::uint64_t>(x);
      b = (b + (std::uint64_t(1) << 28)) & ~((std::uint64_t(1) << 29) - 1);
      x = std::bit_cast<double>(b);
    }
}

std::string fmt(double x) {
  std::ostringstream s;
  s.precision(12);
  s << x;
  return s.str();
}

// Emission profiles written into the case (cases/README.md, "Profiles"). Hour weights are for
// Beijing local time; they are normalised here so every set sums to 1.
std::string temporal_profiles_csv() {
  struct Set {
    const char* sector;
    const char* kind;
    std::vector<double> w;
  };
  const std::vector<Set> sets{
      // Road traffic: morning and evening rush hours, low at night.
      {"transport", "hour", {0.4, 0.3, 0.25, 0.25, 0.3, 0.6, 1.2, 1.8, 1.9, 1.5, 1.3, 1.3,
                             1.3, 1.3, 1.3, 1.4, 1.6, 1.9, 1.8, 1.4, 1.1, 0.9, 0.7, 0.5}},
      // Industry and solvents: day shift.
      {"industry", "hour", {0.7, 0.7, 0.7, 0.7, 0.7, 0.75, 0.9, 1.1, 1.25, 1.3, 1.3, 1.25,
                            1.2, 1.3, 1.3, 1.3, 1.25, 1.1, 1.0, 0.9, 0.85, 0.8, 0.75, 0.7}},
      {"solvent", "hour", {0.5, 0.5, 0.5, 0.5, 0.5, 0.6, 0.8, 1.1, 1.4, 1.6, 1.6, 1.5,
                           1.4, 1.5, 1.6, 1.6, 1.4, 1.1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.5}},
      // Power: load following, evening peak.
      {"power", "hour", {0.85, 0.8, 0.8, 0.8, 0.82, 0.88, 0.95, 1.02, 1.08, 1.1, 1.12, 1.12,
                         1.08, 1.1, 1.12, 1.12, 1.1, 1.12, 1.15, 1.12, 1.05, 1.0, 0.95, 0.9}},
      // Residential: cooking and heating at breakfast and dinner.
      {"residential", "hour", {0.4, 0.3, 0.3, 0.3, 0.4, 0.8, 1.6, 1.9, 1.4, 1.0, 1.0, 1.5,
                               1.6, 1.0, 0.8, 0.8, 1.0, 1.7, 2.0, 1.6, 1.2, 0.8, 0.5, 0.4}},
      // Agriculture (NH3 volatilisation follows temperature) and dust: daytime.
      {"agriculture", "hour", {0.45, 0.4, 0.4, 0.4, 0.45, 0.55, 0.75, 1.0, 1.3, 1.6, 1.8, 1.9,
                               1.95, 1.9, 1.8, 1.6, 1.3, 1.0, 0.8, 0.65, 0.55, 0.5, 0.5, 0.45}},
      {"dust", "hour", {0.5, 0.4, 0.4, 0.4, 0.5, 0.7, 1.0, 1.3, 1.5, 1.5, 1.4, 1.4,
                        1.3, 1.4, 1.4, 1.4, 1.4, 1.3, 1.1, 0.9, 0.8, 0.7, 0.6, 0.5}},
      // Months: residential heating in winter, agricultural NH3 in the growing season, crop
      // residue burning after the wheat (June) and rice (October–November) harvests.
      {"residential", "month", {1.5, 1.35, 1.1, 0.9, 0.8, 0.75, 0.75, 0.75, 0.8, 0.9, 1.1, 1.3}},
      {"agriculture", "month", {0.6, 0.65, 0.9, 1.1, 1.2, 1.35, 1.35, 1.25, 1.1, 0.9, 0.8, 0.8}},
      {"biomass_burning", "month", {0.6, 0.5, 0.6, 0.7, 1.0, 2.2, 0.9, 0.6, 0.7, 1.8, 1.6, 0.8}},
      // Weekdays (1 = Monday): less traffic and industry at the weekend.
      {"transport", "weekday", {1.03, 1.03, 1.03, 1.03, 1.05, 0.95, 0.88}},
      {"industry", "weekday", {1.04, 1.04, 1.04, 1.04, 1.04, 0.94, 0.86}},
  };
  std::ostringstream o;
  o << "# Temporal profiles of the Hangzhou case (cases/README.md). sector,kind,index,fraction\n"
    << "sector,kind,index,fraction\n";
  for (const auto& s : sets) {
    double sum = 0;
    for (double x : s.w) sum += x;
    const int first = std::string(s.kind) == "hour" ? 0 : 1;
    for (std::size_t n = 0; n < s.w.size(); ++n) {
      char b[64];
      std::snprintf(b, sizeof b, "%.8f", s.w[n] / sum);
      o << s.sector << "," << s.kind << "," << int(n) + first << "," << b << "\n";
    }
  }
  return o.str();
}

std::string vertical_profiles_csv() {
  // Release heights (plume rise included) of the order of Bieser et al. (2011, Atmos. Environ.
  // 45, 7, Table 6) for SNAP sectors 1 (power), 3–4 (industry) and ships; fires after the
  // injection heights of small agricultural fires (< 1 km). Other sectors: the lowest layer.
  return "# Vertical profiles of the Hangzhou case (cases/README.md). sector,layer_top_m,fraction\n"
         "sector,layer_top_m,fraction\n"
         "power,90,0.05\npower,250,0.35\npower,520,0.45\npower,920,0.15\n"
         "industry,40,0.4\nindustry,160,0.4\nindustry,370,0.2\n"
         "shipping,40,0.7\nshipping,160,0.3\n"
         "biomass_burning,160,0.4\nbiomass_burning,520,0.4\nbiomass_burning,920,0.2\n";
}

}  // namespace

std::vector<std::string> hangzhou_case_names() {
  return {"hangzhou-winter", "hangzhou-summer", "hangzhou-winter-coarse", "hangzhou-summer-coarse"};
}

bool is_hangzhou_case(const std::string& name) {
  const auto n = hangzhou_case_names();
  return std::find(n.begin(), n.end(), name) != n.end();
}

HangzhouCase hangzhou_case(const std::string& name, const HangzhouOptions& options) {
  if (!is_hangzhou_case(name)) {
    std::string list;
    for (const auto& n : hangzhou_case_names()) list += (list.empty() ? "" : ", ") + n;
    throw UsageError("unknown Hangzhou case '" + name + "' (valid: " + list + ")");
  }
  HangzhouCase c;
  c.coarse = options.coarse || name.ends_with("-coarse");
  c.season = name.starts_with("hangzhou-winter") ? Season::winter : Season::summer;
  c.name = std::string(c.season == Season::winter ? "hangzhou-winter" : "hangzhou-summer") + (c.coarse ? "-coarse" : "");
  c.start = *parse_iso8601(c.season == Season::winter ? "2026-01-05T00:00:00Z" : "2026-07-20T00:00:00Z");
  c.days = c.coarse ? 1 : 8;
  c.run_hours = 24 * c.days;
  c.forecast_days = c.coarse ? 1 : 7;
  if (options.days < 0 || options.days > 60)
    throw UsageError("--days must be between 1 and 60, got " + std::to_string(options.days));
  if (options.days > 0) {  // 16-h spin-up to 00:00 Beijing time, then N Beijing days
    c.forecast_days = options.days;
    c.run_hours = 16 + 24 * options.days;
    c.days = options.days + 1;
  }
  c.emission_year = 2025;
  // WRF-style Lambert conformal conic: true latitudes 25° and 40° N, central meridian 120° E.
  grid::Projection p;
  p.kind = grid::ProjectionKind::lambert_conformal;
  p.truelat1_deg = 25.0;
  p.truelat2_deg = 40.0;
  p.stand_lon_deg = 120.0;
  p.nominal_lat_deg = 30.5;
  p.nominal_lon_deg = 119.5;
  if (c.coarse) {
    c.z_interface_m = {0, 50, 150, 300, 550, 900, 1400, 2200, 3500, 5500, 8000, 10000};
    c.domains.push_back({"d01", grid::HorizontalGrid::centred(p, 20, 17, 54000.0, 54000.0, 30.5, 119.5), -1, -1, 1});
    return c;
  }
  // 14 layers (the minimum) keep the 7-day forecast inside its wall-time budget on a
  // 2-core machine; the finest near the ground.
  c.z_interface_m = {0, 40, 100, 180, 290, 440, 640, 900, 1250, 1750, 2500, 3600, 5200, 7400, 10000};
  const auto outer = grid::HorizontalGrid::centred(p, 30, 26, 36000.0, 36000.0, 30.5, 119.5);
  c.domains.push_back({"d01", outer, -1, -1, 1});
  // The 12 km nest (ratio 3) covers 9 × 7 parent cells centred near 119.55° E, 29.9° N.
  double xc, yc;
  p.forward(29.9, 119.55, xc, yc);
  const int pi0 = int(std::lround((xc - outer.x0()) / outer.dx() - 4.0));
  const int pj0 = int(std::lround((yc - outer.y0()) / outer.dy() - 3.0));
  const double dxn = outer.dx() / 3.0;
  const grid::HorizontalGrid inner(p, 27, 21, dxn, dxn, outer.x(pi0 - 0.5) + 0.5 * dxn, outer.y(pj0 - 0.5) + 0.5 * dxn);
  c.domains.push_back({"d02", inner, pi0, pj0, 3});
  return c;
}

std::vector<std::string> hangzhou_met_files(const HangzhouCase& c, const HangzhouDomain& d) {
  std::vector<std::string> out;
  for (int day = 0; day < c.days; ++day)
    out.push_back("met_" + d.name + "_" + yyyymmdd(c.start + std::chrono::days(day)) + ".nc");
  return out;
}

std::string hangzhou_station_csv() {
  std::string s = "id,name,lon,lat,background\n";
  for (const auto& st : hangzhou_stations())
    s += st.id + "," + st.name + "," + fmt(st.at.lon) + "," + fmt(st.at.lat) + "," + (st.background ? "1" : "0") + "\n";
  return s;
}

std::string hangzhou_config_text(const HangzhouCase& c, const HangzhouDomain& d) {
  // Transport steps are Courant-limited inside advection (sub-steps); the emission/diffusion/
  // deposition splitting runs every transport step; chemistry every 30 min (its splitting error
  // against 15 min is measured in docs/performance.md).
  const double dt = c.coarse ? 1200.0 : 900.0;
  // The warm-season background has more O3, H2O2 and PAN (configs/profiles/background_summer.csv).
  const char* background = c.season == Season::summer ? "background_summer.csv" : "background.csv";
  std::ostringstream o;
  o << "# Qiantang built-in case '" << c.name << "', domain " << d.name << " (docs/hangzhou-case.md).\n"
    << "# A run config: `qiantang run " << d.name << ".ini`; the forecast (forecast.ini) runs the domains\n"
    << "# in nesting order and overrides [run] start/end and [output] dir.\n\n"
    << "[run]\nstart = " << format_iso8601(c.start) << "\nhours = " << c.run_hours
    << "\ntime_step_s = " << fmt(dt) << "\nrestart_interval_h = 24\n\n"
    << "[domain]\nname = " << d.name << "\n\n"
    << "[met]\nformat = cf\nfiles = ";
  const auto files = hangzhou_met_files(c, d);
  for (std::size_t n = 0; n < files.size(); ++n) o << (n ? ", " : "") << files[n];
  o << "\n\n"
    // ROS3 with CMAQ's Rosenbrock tolerances (rbdriver: RTOL 1e-3, ATOL 1e-7 ppm).
    << "[chemistry]\nmechanism = data/cb6r3.eqn\njtable = data/jtable.csv\nmethod = ros3\nrtol = 1e-3\n"
    << "atol_molec_cm3 = 2.5e6\ntime_step_s = " << (c.coarse ? 1200 : 1800) << "\n\n"
    << "[species]\naerosols = ASO4, ANO3, ANH4, AEC, APOA, AOTHR, ACORS, SVOC1, SVOC2, SVOC3, SVOC4, "
       "ASOA1, ASOA2, ASOA3, ASOA4\n\n"
    << "[initial_conditions]\nprofile = data/" << background << "\n\n"
    << "[boundary_conditions]\nprofile = data/" << background << "\n\n"
    << "[emissions]\ninventory = emissions_yrd.nc\ntemporal_profiles = profiles/temporal.csv\n"
    << "vertical_profiles = profiles/vertical.csv\nspeciation = data/speciation_cb6.csv\n"
    << "biogenic = true\nbiogenic_factors = data/biogenic_factors_usgs.csv\n\n"
    << "[dry_deposition]\nland_use_table = usgs\n\n"
    << "[processes]\norder = emissions, vertical_diffusion, dry_deposition, horizontal_advection, "
       "vertical_advection, gas_chemistry, cloud_chemistry, aerosol, wet_deposition\n\n"
    << "[output]\ndir = output_" << d.name << "\ninterval_s = 3600\nstations = stations.csv\n";
  return o.str();
}

std::string hangzhou_forecast_text(const HangzhouCase& c) {
  // Forecast days are Beijing days: the forecast starts at 00:00 BJT (16:00 UTC) of the case's
  // first day, after a spin-up from the start of the meteorology.
  const TimePoint start = c.start + std::chrono::hours(16);
  const int days = c.forecast_days;
  std::ostringstream o;
  o << "# Qiantang built-in case '" << c.name << "': the forecast job (docs/forecast.md).\n"
    << "# Run: qiantang forecast forecast.ini\n\n"
    << "[forecast]\nstart = " << format_iso8601(start) << "\ndays = " << days
    << "\nspinup_hours = 16\nruns = ";
  for (std::size_t n = 0; n < c.domains.size(); ++n) o << (n ? ", " : "") << c.domains[n].name << ".ini";
  o << "\noutput_dir = forecast\nscenarios = true\n\n"
    << "[aqi]\nstandard = auto\n\n"
    << "[emergency]\ncuts = data/emergency_cuts.csv\n\n"
    << "[city]\nname = Hangzhou 杭州\nstations = stations.csv\n\n"
    << "[report]\ntitle = Qiantang air-quality forecast: " << c.name << "\npng = true\n";
  return o.str();
}

namespace {

// Where the shared data files (mechanism, J table, profiles) are read from when a case is
// written: $QIANTANG_DATA_DIR, else the source tree this binary was built from.
std::filesystem::path data_root() {
  if (const char* env = std::getenv("QIANTANG_DATA_DIR")) return env;
  return QIANTANG_SOURCE_DIR;
}

void copy_data(const std::filesystem::path& dir) {
  const auto root = data_root();
  const std::filesystem::path files[] = {"chemistry/mechanisms/cb6r3.eqn", "chemistry/photolysis/jtable.csv",
                                         "configs/emissions/speciation_cb6.csv",
                                         "configs/emissions/biogenic_factors_usgs.csv",
                                         "configs/profiles/background.csv", "configs/profiles/background_summer.csv",
                                         "configs/forecast/emergency_cuts.csv", "configs/attribution/hangzhou_regions.csv"};
  std::filesystem::create_directories(dir / "data");
  for (const auto& f : files) {
    if (!std::filesystem::exists(root / f))
      throw InputError((root / f).string(), "", "the data file (set QIANTANG_DATA_DIR to the repository)");
    std::filesystem::copy_file(root / f, dir / "data" / f.filename(), std::filesystem::copy_options::overwrite_existing);
  }
}

}  // namespace

void write_hangzhou_case(const std::string& name, const std::filesystem::path& dir, const HangzhouOptions& options) {
  const HangzhouCase c = hangzhou_case(name, options);
  std::filesystem::create_directories(dir / "profiles");
  // One raster for the geography of every domain (0.05°, the inventory's grid too).
  double lon0, lon1, lat0, lat1;
  bounds(c.domains.front().grid, lon0, lon1, lat0, lat1);
  lon0 = std::floor((lon0 - 0.3) * 20.0) / 20.0;
  lat0 = std::floor((lat0 - 0.3) * 20.0) / 20.0;
  lon1 = std::ceil((lon1 + 0.3) * 20.0) / 20.0;
  lat1 = std::ceil((lat1 + 0.3) * 20.0) / 20.0;
  const GeoRaster geo = make_geo_raster(lon0, lon1, lat0, lat1, 0.05);
  for (const auto& d : c.domains) {
    HangzhouMet met(c, d, geo);
    const auto files = hangzhou_met_files(c, d);
    const int per_day = int(std::lround(86400.0 / c.met_interval_s));
    for (int day = 0; day < c.days; ++day) {
      io::CfMetWriter w(dir / files[std::size_t(day)], d.grid, int(c.z_interface_m.size()) - 1, false,
                        "Qiantang built-in case " + c.name + ", domain " + d.name);
      const int records = per_day + (day == c.days - 1 ? 1 : 0);
      for (int r = 0; r < records; ++r) {
        io::MetFields f = met.next();
        round_to_single_precision(f);
        w.append(f);
      }
      w.close();
    }
  }
  const HangzhouInventory inv = hangzhou_inventory(c.emission_year, lon0, lon1, lat0, lat1);
  io::write_latlon_inventory(dir / "emissions_yrd.nc", inv.spec);
  std::ofstream(dir / "profiles" / "temporal.csv") << temporal_profiles_csv();
  std::ofstream(dir / "profiles" / "vertical.csv") << vertical_profiles_csv();
  std::ofstream(dir / "stations.csv") << hangzhou_station_csv();
  copy_data(dir);
  for (const auto& d : c.domains) std::ofstream(dir / (d.name + ".ini")) << hangzhou_config_text(c, d);
  std::ofstream(dir / "forecast.ini") << hangzhou_forecast_text(c);
  // A passive-tracer run of the outer domain with the current transport only: a uniform
  // background tracer (must stay uniform) and a tracer released at Hangzhou.
  {
    const auto& d = c.domains.front();
    double x, y;
    d.grid.projection().forward(30.27, 120.16, x, y);
    const long hi = std::lround((x - d.grid.x0()) / d.grid.dx()), hj = std::lround((y - d.grid.y0()) / d.grid.dy());
    std::ofstream(dir / "sources_passive.csv") << "species,i,j,k,rate_kg_s\nHZ," << hi << "," << hj << ",0,1.0\n";
    std::ostringstream o;
    o << "# Passive-tracer run of '" << c.name << "' (transport only; docs/hangzhou-case.md).\n"
      << "[run]\nstart = " << format_iso8601(c.start) << "\nhours = " << c.run_hours
      << "\ntime_step_s = " << (c.coarse ? 1200 : 600) << "\nrestart_interval_h = 0\nprogress = false\n\n"
      << "[domain]\nname = d01\n\n[met]\nformat = cf\nfiles = ";
    const auto files = hangzhou_met_files(c, d);
    for (std::size_t n = 0; n < files.size(); ++n) o << (n ? ", " : "") << files[n];
    o << "\n\n[species]\ntracers = BG, HZ\n\n[initial_conditions]\nBG = 1e-9\nHZ = 0\n\n"
      << "[boundary_conditions]\nBG = 1e-9\nHZ = 0\n\n[emissions]\npoint_sources = sources_passive.csv\n\n"
      << "[processes]\norder = emission, vertical_diffusion, horizontal_advection, vertical_advection\n\n"
      << "[output]\ndir = output_passive\ninterval_s = 3600\nthree_d = true\n";
    std::ofstream(dir / "config_passive.ini") << o.str();
  }
}

}  // namespace qiantang::cases
