// qiantang forecast CONFIG.ini [--start ISO] [--days N] [--out DIR] [--set section.key=value ...]
//
// The forecast job: runs the configured domains in nesting order (outer first; each outer run
// writes the boundary file its inner domain reads), turns the innermost domain's station series
// and surface fields into the products (daily AQI, alerts, report), and — when an alert is
// forecast — runs the innermost domain again with the emergency emission cuts and adds the
// comparison. Runs that finished before (a `run_complete` marker with the same period) are not
// repeated unless --force, so a stopped job restarts where it stopped.
#include <boost/program_options.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>

#include "forecast/aqi/daily.hpp"
#include "forecast/products.hpp"
#include "io/config/config.hpp"
#include "io/csv/station_csv.hpp"
#include "io/output/concentration_reader.hpp"
#include "io/restart/restart.hpp"
#include "solver/app/commands.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "solver/driver/model.hpp"
#include "solver/parallel/environment.hpp"

namespace po = boost::program_options;

namespace qiantang::app {
namespace {

struct Domain {
  std::filesystem::path config;
  std::string name;
};

struct Period {
  TimePoint start{}, end{};
  std::string text() const { return format_iso8601(start) + " " + format_iso8601(end); }
};

bool is_root() { return parallel::Environment::world_rank() == 0; }

bool already_complete(const std::filesystem::path& dir, const Period& p) {
  std::ifstream in(dir / "run_complete");
  std::string line;
  return in && std::getline(in, line) && line == p.text();
}

// Runs one domain over the period into `dir` with the given extra overrides.
void run_domain(const Domain& d, const Period& p, const std::filesystem::path& dir, std::vector<std::string> sets,
                bool force, const std::string& label) {
  if (!force && already_complete(dir, p)) {
    if (is_root()) std::printf("== %s: %s already complete in %s\n", label.c_str(), d.name.c_str(), dir.c_str());
    return;
  }
  sets.push_back("run.start=" + format_iso8601(p.start));
  sets.push_back("run.end=" + format_iso8601(p.end));
  sets.push_back("output.dir=" + dir.string());
  if (is_root()) {
    std::printf("== %s: domain %s, %s to %s\n", label.c_str(), d.name.c_str(), format_iso8601(p.start).c_str(),
                format_iso8601(p.end).c_str());
    std::fflush(stdout);
  }
  std::filesystem::remove(dir / "run_complete");
  const auto config = io::Config::load(d.config, sets);
  solver::Model model(config);
  const auto summary = model.run();
  if (is_root()) {
    std::printf("== %s: domain %s done, %ld steps, %.1f s wall\n", label.c_str(), d.name.c_str(), summary.steps,
                summary.wall_s);
    std::ofstream(dir / "run_complete") << p.text() << "\n";
  }
  model.comm().barrier();
}

// Daily mean PM2.5 and MDA8 O3 maps (µg/m³) of the Beijing days `days` from a domain's surface
// output. O3 is converted from mole fraction at the GB 3095 reference state (298.15 K,
// 1013.25 hPa), as the station series are.
void daily_maps(const std::filesystem::path& dir, const std::string& domain,
                const std::vector<std::chrono::sys_days>& days, const forecast::ValidityRules& rules,
                std::vector<forecast::DailyMap>& pm25, std::vector<forecast::DailyMap>& o3) {
  const auto files = io::concentration_files(dir, domain);
  if (files.empty()) return;
  const auto pm = io::read_surface_series(files, "PM25");
  const auto oz = io::read_surface_series(files, "O3");
  const double to_ug = 101325.0 / (constants::molar_gas_J_mol_K * 298.15) * 47.997 * 1e6;
  const std::size_t ncell = std::size_t(pm.nx) * std::size_t(pm.ny);
  for (const auto day : days) {
    forecast::DailyMap mp{format_date(day), pm.lat, pm.lon, std::vector<double>(ncell), pm.nx, pm.ny};
    forecast::DailyMap mo = mp;
    for (std::size_t c = 0; c < ncell; ++c) {
      std::map<std::string, std::vector<double>> series{{"PM2.5", {}}, {"O3", {}}};
      for (std::size_t t = 0; t < pm.times.size(); ++t) series["PM2.5"].push_back(pm.values[t][c]);
      for (std::size_t t = 0; t < oz.times.size(); ++t) series["O3"].push_back(oz.values[t][c] * to_ug);
      const auto dc = forecast::daily_concentrations(pm.times, series, day, rules);
      mp.value[c] = dc.pm25_24h;
      mo.value[c] = dc.o3_mda8;
    }
    pm25.push_back(std::move(mp));
    o3.push_back(std::move(mo));
  }
}

}  // namespace

int command_forecast(const Args& args) {
  po::options_description opts("qiantang forecast CONFIG.ini [options]");
  opts.add_options()("help,h", "this help")("start", po::value<std::string>(), "forecast start (ISO-8601, UTC)")(
      "days", po::value<int>(), "forecast length in days")("out", po::value<std::string>(), "output directory")(
      "set", po::value<std::vector<std::string>>()->composing(), "override a forecast-config key")(
      "no-scenario", "do not run the emergency-control scenario")("force", "re-run domains that are complete")(
      "config", po::value<std::string>(), "forecast configuration file");
  po::positional_options_description pos;
  pos.add("config", 1);
  const po::variables_map vm = parse_command_line(args, opts, pos);
  if (vm.count("help")) {
    if (is_root()) std::cout << opts;
    return 0;
  }
  if (!vm.count("config")) throw UsageError("usage: qiantang forecast CONFIG.ini [--start ISO] [--days N]");
  std::vector<std::string> sets;
  if (vm.count("set")) sets = vm["set"].as<std::vector<std::string>>();
  if (vm.count("start")) sets.push_back("forecast.start=" + vm["start"].as<std::string>());
  if (vm.count("days")) sets.push_back("forecast.days=" + std::to_string(vm["days"].as<int>()));
  const auto fc = io::Config::load(vm["config"].as<std::string>(), sets);
  const bool force = vm.count("force") > 0;

  const TimePoint start = fc.get_time("forecast", "start");
  const long days = fc.get_int("forecast", "days", 7);
  if (days < 1 || days > 15) throw InputError(fc.where("forecast", "days"), "forecast.days", "1 to 15 days");
  const double spinup_h = fc.get_double("forecast", "spinup_hours", 0.0);
  if (spinup_h < 0) throw InputError(fc.where("forecast", "spinup_hours"), "forecast.spinup_hours", "hours >= 0");
  const std::filesystem::path configured_out = fc.get_path("forecast", "output_dir", fc.base_dir() / "forecast");
  // Absolute, because these paths are handed to the domain configs, which resolve relative
  // paths against their own directory.
  const std::filesystem::path out = std::filesystem::absolute(
      vm.count("out") ? std::filesystem::path(vm["out"].as<std::string>()) : configured_out);
  const bool scenarios = fc.get_bool("forecast", "scenarios", true) && !vm.count("no-scenario");
  std::vector<Domain> domains;
  for (const auto& r : fc.get_list("forecast", "runs")) {
    std::filesystem::path p(r);
    p = std::filesystem::absolute(p.is_absolute() ? p : fc.base_dir() / p);
    const auto c = io::Config::load(p);
    domains.push_back({p, c.get_string("domain", "name", p.stem().string())});
  }
  if (domains.empty()) throw InputError(fc.where("forecast", "runs"), "forecast.runs", "at least one run config");
  auto product_config = forecast::load_product_config(fc);
  fc.check_all_used();

  const Period period{start - Seconds(std::llround(spinup_h * 3600.0)), start + Seconds(days * 86400)};
  if (is_root()) {
    std::filesystem::create_directories(out);
    std::printf("Qiantang forecast: %ld days from %s (spin-up %.0f h), %zu domain(s), output in %s\n", days,
                format_iso8601(start).c_str(), spinup_h, domains.size(), out.c_str());
  }
  // Base runs, outer to inner; each outer run writes its inner domain's boundary file.
  auto domain_sets = [&](std::size_t n) {
    std::vector<std::string> s;
    if (n + 1 < domains.size()) s.push_back("nest.inner=" + domains[n + 1].config.string());
    if (n > 0) s.push_back("boundary_conditions.nest_file=" + (out / domains[n - 1].name / ("bc_" + domains[n].name + ".nc")).string());
    return s;
  };
  for (std::size_t n = 0; n < domains.size(); ++n)
    run_domain(domains[n], period, out / domains[n].name, domain_sets(n), force, "base");

  // Products from the innermost domain.
  const Domain& inner = domains.back();
  forecast::ProductInputs in;
  in.config = product_config;
  in.out_dir = out;
  in.base = io::read_station_csv(out / inner.name / "stations.csv");
  if (std::filesystem::exists(out / inner.name / "attribution.csv")) {
    if (is_root())
      std::filesystem::copy_file(out / inner.name / "attribution.csv", out / "attribution.csv",
                                 std::filesystem::copy_options::overwrite_existing);
    in.attribution_csv = out / "attribution.csv";
  }
  for (const auto day : forecast::complete_beijing_days(in.base.hours))
    if (std::chrono::sys_days(day) >= std::chrono::floor<std::chrono::days>(start + std::chrono::hours(8)) ||
        spinup_h == 0.0)
      in.days.push_back(day);
  daily_maps(out / inner.name, inner.name, in.days, product_config.daily.validity, in.pm25_maps, in.o3_mda8_maps);
  // Base products; an alert gives the emergency scaling rows and the time the first cut starts.
  long long first_cut = -1;
  if (is_root()) {
    const auto p = forecast::make_products(in);
    for (const auto& row : p.emergency_scaling) {
      const long long t = row.start ? row.start->time_since_epoch().count() : period.start.time_since_epoch().count();
      if (first_cut < 0 || t < first_cut) first_cut = t;
    }
  }
  first_cut = parallel::Environment::broadcast_from_root(first_cut);
  if (scenarios && first_cut >= 0) {
    // Until the first cut the scenario equals the base run exactly (same inputs, deterministic
    // model), so it starts from the base run's last restart at or before that time and the base
    // series is used for the hours before it.
    TimePoint from = period.start;
    const auto base_dir = out / inner.name;
    for (TimePoint t = period.start; t <= TimePoint(Seconds(first_cut)) && t < period.end; t += std::chrono::hours(24))
      if (std::filesystem::exists(io::restart_path(base_dir / "restart", t))) from = t;
    auto s = domain_sets(domains.size() - 1);
    s.push_back("emissions.scaling=" + (out / "emergency_scaling.csv").string());
    s.push_back("nest.inner=");
    if (from > period.start) s.push_back("run.restart_from=" + io::restart_path(base_dir / "restart", from).string());
    run_domain(inner, Period{from, period.end}, out / "scenario", s, force, "emergency-control scenario");
    auto scenario = io::read_station_csv(out / "scenario" / "stations.csv");
    io::HourlySeries before = in.base;
    for (auto& [station, by_pollutant] : before.values)
      for (auto& [pollutant, v] : by_pollutant)
        for (std::size_t h = 0; h < v.size(); ++h)
          if (before.hours[h] > from) v[h] = std::numeric_limits<double>::quiet_NaN();
    io::merge_series(scenario, before, (base_dir / "stations.csv").string());
    in.scenario = scenario;
  }
  if (is_root()) {
    const auto p = forecast::make_products(in);
    std::printf("\n%s\n", p.alert_summary.c_str());
    std::printf("products in %s:", out.c_str());
    for (const auto& f : p.files) std::printf(" %s", f.filename().c_str());
    std::printf("\n");
    for (const auto& w : p.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  }
  return 0;
}

}  // namespace qiantang::app
