#pragma once
// The built-in Hangzhou forecast case (`qiantang case hangzhou-winter|hangzhou-summer --out DIR
// [--coarse] [--days N]`, docs/hangzhou-case.md): an outer Lambert conformal domain over the Yangtze River
// Delta (27 km; 54 km when coarse) and, unless coarse, a 9 km nest over Hangzhou; idealised but
// physically consistent CF meteorology (hydrostatic, ideal gas, diurnal boundary layer, a
// synoptic sequence with fronts, terrain and sea-breeze winds); an emission inventory from
// published totals; the station list and config.ini. Same arguments, same files.
#include <filesystem>
#include <string>
#include <vector>

#include "solver/common/time.hpp"
#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::cases {

enum class Season { winter, summer };

struct HangzhouOptions {
  bool coarse = false;  // 54 km outer domain only, 11 layers, 24 h (the regression case)
  // Forecast days (`qiantang case ... --days N`): 0 keeps the case's own length (8 days of met,
  // 192 h run, 7 forecast days; coarse: 24 h, the regression case). N ≥ 1 gives the 16-h spin-up
  // from 00 UTC to 00:00 Beijing time plus N Beijing days: run 16 + 24 N h, met N + 1 days.
  int days = 0;
};

struct HangzhouDomain {
  std::string name;  // "d01" (outer), "d02" (Hangzhou nest)
  grid::HorizontalGrid grid;
  // Nests (WRF namelist style, 0-based): the parent cell holding the nest's south-west corner
  // and the parent-to-nest grid ratio. -1 / 1 for the outer domain.
  int parent_i0 = -1, parent_j0 = -1, ratio = 1;
};

struct HangzhouCase {
  std::string name;  // hangzhou-winter, hangzhou-summer (+ "-coarse")
  Season season = Season::winter;
  bool coarse = false;
  TimePoint start{};
  int days = 8;                         // days of met (one file each; coarse: 1)
  int run_hours = 192;                  // [run] hours from `start` (coarse: 24)
  int forecast_days = 7;                // forecast.ini [forecast] days (coarse: 1)
  double met_interval_s = 3600.0;
  // Nominal interface heights above ground over flat terrain (m); over terrain of height h the
  // interfaces are z·(z_top − h)/z_top (terrain-following, Gal-Chen & Somerville 1975).
  std::vector<double> z_interface_m;
  std::vector<HangzhouDomain> domains;
  int emission_year = 2025;
};

std::vector<std::string> hangzhou_case_names();
bool is_hangzhou_case(const std::string& name);
// Throws UsageError for an unknown name. A "-coarse" suffix is the same as options.coarse.
HangzhouCase hangzhou_case(const std::string& name, const HangzhouOptions& options = {});

// Writes config.ini (outer domain) and config_d02.ini (nest, when present), met_<dom>_<YYYYMMDD>.nc
// (one file per day), emissions_yrd.nc, stations.csv and the emission profile files into `dir`.
void write_hangzhou_case(const std::string& name, const std::filesystem::path& dir,
                         const HangzhouOptions& options = {});

// The names of the met files of a domain, in time order (relative to the case directory).
std::vector<std::string> hangzhou_met_files(const HangzhouCase& c, const HangzhouDomain& d);

// The config of one domain of the case (the one place the case's run settings live).
std::string hangzhou_config_text(const HangzhouCase& c, const HangzhouDomain& d);
// The forecast job's config (forecast.ini): period, domains in nesting order, products.
std::string hangzhou_forecast_text(const HangzhouCase& c);

// stations.csv (`id,name,lon,lat,background`).
std::string hangzhou_station_csv();

}  // namespace qiantang::cases
