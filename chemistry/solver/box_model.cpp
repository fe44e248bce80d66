#include "chemistry/solver/box_model.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>

#include "chemistry/solver/rosenbrock.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::chemistry {
namespace {

void require_range(const io::Config& cfg, const std::string& sec, const std::string& key, double v,
                   double lo, double hi, const char* what) {
  if (!(v >= lo && v <= hi)) throw InputError(cfg.where(sec, key), sec + "." + key, what);
}

// [section] SPECIES = value, species checked against the mechanism.
void read_species_section(const io::Config& cfg, const Mechanism& m, const std::string& sec,
                          double to_molec_cm3, std::vector<double>& out) {
  if (!cfg.has_section(sec)) return;
  for (const auto& key : cfg.keys(sec)) {
    const auto s = m.species_index(key);
    if (!s)
      throw InputError(cfg.where(sec, key), sec + "." + key,
                       "a variable species of " + m.source_name());
    const double v = cfg.get_double(sec, key);
    require_range(cfg, sec, key, v, 0.0, 1e12, "a non-negative value");
    out[*s] += v * to_molec_cm3;
  }
}

}  // namespace

double h2o_from_relative_humidity(double rh_percent, double temperature_K) {
  const double tc = temperature_K - 273.15;
  const double es_Pa = 611.2 * std::exp(17.67 * tc / (temperature_K - 29.65));
  return rh_percent / 100.0 * es_Pa / (constants::boltzmann_J_K * temperature_K) * 1e-6;
}

BoxScenario read_box_scenario(const io::Config& cfg, const Mechanism& m) {
  BoxScenario s;
  s.start = cfg.get_time("time", "start");
  s.duration_s = cfg.get_double("time", "duration_hours") * 3600.0;
  require_range(cfg, "time", "duration_hours", s.duration_s, 1.0, 3.2e7, "between 1 s and a year");
  s.output_step_s = cfg.get_double("time", "output_step_minutes", 60.0) * 60.0;
  require_range(cfg, "time", "output_step_minutes", s.output_step_s, 1.0, 1e7, "a positive step");
  s.photolysis_step_s = cfg.get_double("time", "photolysis_step_minutes", 10.0) * 60.0;
  require_range(cfg, "time", "photolysis_step_minutes", s.photolysis_step_s, 1.0, 1e7,
                "a positive step");

  const std::string env = "environment";
  s.temperature_K = cfg.get_double(env, "temperature_K");
  require_range(cfg, env, "temperature_K", s.temperature_K, 200.0, 330.0, "200-330 K");
  s.pressure_Pa = cfg.get_double(env, "pressure_Pa", 101325.0);
  require_range(cfg, env, "pressure_Pa", s.pressure_Pa, 1000.0, 110000.0, "1000-110000 Pa");
  const bool rh = cfg.has(env, "relative_humidity_percent"), ppm = cfg.has(env, "h2o_ppm");
  if (rh == ppm)
    throw InputError(cfg.where(env, rh ? "h2o_ppm" : "relative_humidity_percent"), env,
                     "exactly one of relative_humidity_percent and h2o_ppm");
  if (rh) {
    const double v = cfg.get_double(env, "relative_humidity_percent");
    require_range(cfg, env, "relative_humidity_percent", v, 0.0, 100.0, "0-100 %");
    s.h2o_molec_cm3 = h2o_from_relative_humidity(v, s.temperature_K);
  } else {
    const double v = cfg.get_double(env, "h2o_ppm");
    require_range(cfg, env, "h2o_ppm", v, 0.0, 60000.0, "0-60000 ppm");
    s.h2o_molec_cm3 = v * 1e-6 * s.air_molec_cm3();
  }
  s.latitude_deg = cfg.get_double(env, "latitude_deg");
  require_range(cfg, env, "latitude_deg", s.latitude_deg, -90.0, 90.0, "-90 to 90 degrees");
  s.longitude_deg = cfg.get_double(env, "longitude_deg");
  require_range(cfg, env, "longitude_deg", s.longitude_deg, -180.0, 360.0, "-180 to 360 degrees");
  s.altitude_m = cfg.get_double(env, "altitude_m", 0.0);
  require_range(cfg, env, "altitude_m", s.altitude_m, -500.0, 10000.0, "-500 to 10000 m");
  s.cloud_optical_depth = cfg.get_double(env, "cloud_optical_depth", 0.0);
  require_range(cfg, env, "cloud_optical_depth", s.cloud_optical_depth, 0.0, 1000.0, "0-1000");

  const double air = s.air_molec_cm3();
  s.initial_molec_cm3.assign(m.n_species(), 0.0);
  s.source_molec_cm3_s.assign(m.n_species(), 0.0);
  read_species_section(cfg, m, "initial_ppb", 1e-9 * air, s.initial_molec_cm3);
  read_species_section(cfg, m, "emissions_ppb_per_hour", 1e-9 * air / 3600.0, s.source_molec_cm3_s);
  read_species_section(cfg, m, "emissions_molec_cm3_s", 1.0, s.source_molec_cm3_s);

  s.solver.rtol = cfg.get_double("solver", "rtol", s.solver.rtol);
  require_range(cfg, "solver", "rtol", s.solver.rtol, 1e-14, 0.1, "1e-14 to 0.1");
  s.solver.atol_molec_cm3 = cfg.get_double("solver", "atol_molec_cm3", s.solver.atol_molec_cm3);
  require_range(cfg, "solver", "atol_molec_cm3", s.solver.atol_molec_cm3, 1e-30, 1e10, "> 0");
  s.solver.h_min_s = cfg.get_double("solver", "h_min_s", s.solver.h_min_s);
  require_range(cfg, "solver", "h_min_s", s.solver.h_min_s, 0.0, 60.0, "0-60 s");
  s.solver.max_steps = static_cast<int>(cfg.get_int("solver", "max_steps", s.solver.max_steps));
  require_range(cfg, "solver", "max_steps", s.solver.max_steps, 1, 1e9, "a positive count");
  const std::string method = cfg.get_string("solver", "method", "rodas3");
  if (method == "ros3")
    s.solver.method = RosenbrockMethod::ros3;
  else if (method == "rodas3")
    s.solver.method = RosenbrockMethod::rodas3;
  else if (method == "rodas4")
    s.solver.method = RosenbrockMethod::rodas4;
  else
    throw InputError(cfg.where("solver", "method"), "solver.method", "ros3, rodas3 or rodas4");
  cfg.check_all_used();
  return s;
}

BoxModel::BoxModel(const Mechanism& m, const Photolysis& p, BoxScenario s)
    : mechanism_(&m), photolysis_(&p), scenario_(std::move(s)) {}

std::vector<double> BoxModel::photolysis_at(TimePoint t) const {
  const double zen = solar_zenith_angle_deg(scenario_.latitude_deg, scenario_.longitude_deg, t);
  const double cloud = scenario_.cloud_optical_depth > 0.0
                           ? cloud_correction(zen, scenario_.cloud_optical_depth, true)
                           : 1.0;
  std::vector<double> j(photolysis_->size());
  photolysis_->compute(zen, scenario_.altitude_m, cloud, j.data());
  return j;
}

BoxResult BoxModel::run() const {
  const int ns = mechanism_->n_species();
  RosenbrockSolver solver(*mechanism_, scenario_.solver);
  ChemistryBatch b;
  b.n_cells = 1;
  b.temperature_K = {scenario_.temperature_K};
  b.pressure_Pa = {scenario_.pressure_Pa};
  b.h2o_molec_cm3 = {scenario_.h2o_molec_cm3};
  b.source_molec_cm3_s = scenario_.source_molec_cm3_s;
  double elapsed = 0.0;
  return run([&](std::vector<double>& conc, const std::vector<double>& j, double dt) {
    b.conc = conc;
    b.photolysis_s = j;
    const SolverStatus st = solver.integrate(b, dt);
    if (!st.ok) {
      std::ostringstream msg;
      msg << "box model at "
          << format_iso8601(scenario_.start + Seconds{static_cast<long>(elapsed)}) << ": "
          << st.message;
      throw NumericalError(msg.str());
    }
    elapsed += dt;
    conc.assign(b.conc.begin(), b.conc.begin() + ns);
  });
}

BoxResult BoxModel::run(const Advance& advance) const {
  const auto& s = scenario_;
  BoxResult r;
  r.n_species = mechanism_->n_species();
  std::vector<double> conc = s.initial_molec_cm3;
  auto record = [&](double t) {
    const TimePoint tp = s.start + Seconds{static_cast<long>(std::lround(t))};
    r.time.push_back(tp);
    r.zenith_deg.push_back(solar_zenith_angle_deg(s.latitude_deg, s.longitude_deg, tp));
    r.conc.insert(r.conc.end(), conc.begin(), conc.end());
  };
  record(0.0);
  double t = 0.0;
  while (t < s.duration_s - 1e-9) {
    const double interval = std::min(s.output_step_s, s.duration_s - t);
    const int n_sub = static_cast<int>(std::ceil(interval / s.photolysis_step_s - 1e-12));
    const double dt = interval / n_sub;
    for (int k = 0; k < n_sub; ++k) {
      // J at the middle of the sub-step (midpoint rule for the diurnal cycle).
      const double mid = t + (k + 0.5) * dt;
      const auto j = photolysis_at(s.start + Seconds{static_cast<long>(std::lround(mid))});
      advance(conc, j, dt);
    }
    t += interval;
    record(t);
  }
  return r;
}

void write_box_csv(const BoxResult& r, const Mechanism& m, const BoxScenario& s,
                   std::ostream& out) {
  const double to_ppb = 1e9 / s.air_molec_cm3();
  out << "time,elapsed_h,zenith_deg";
  for (int i = 0; i < m.n_species(); ++i) out << ',' << m.species_name(i);
  out << '\n';
  char buf[64];
  for (std::size_t k = 0; k < r.time.size(); ++k) {
    const double hours = std::chrono::duration<double>(r.time[k] - s.start).count() / 3600.0;
    std::snprintf(buf, sizeof buf, "%.4f,%.3f", hours, r.zenith_deg[k]);
    out << format_iso8601(r.time[k]) << ',' << buf;
    for (int i = 0; i < m.n_species(); ++i) {
      std::snprintf(buf, sizeof buf, ",%.6g", r.at(k, i) * to_ppb);
      out << buf;
    }
    out << '\n';
  }
}

}  // namespace qiantang::chemistry
