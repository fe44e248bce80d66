#pragma once
// Chemistry box model: one well-mixed air parcel at constant T, P and humidity with the
// diurnal photolysis of its location, initial mixing ratios and constant emissions. Used by
// `qiantang box MECHANISM --scenario FILE` (scenario format in docs/chemistry.md).
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <vector>

#include "chemistry/mechanism/mechanism.hpp"
#include "chemistry/photolysis/photolysis.hpp"
#include "chemistry/solver/batch.hpp"
#include "io/config/config.hpp"
#include "solver/common/time.hpp"

namespace qiantang::chemistry {

struct BoxScenario {
  TimePoint start{};
  double duration_s = 86400.0;
  double output_step_s = 3600.0;
  double photolysis_step_s = 600.0;  // J held constant over sub-steps of at most this length
  double temperature_K = 298.15, pressure_Pa = 101325.0, h2o_molec_cm3 = 0.0;
  double latitude_deg = 0.0, longitude_deg = 0.0, altitude_m = 0.0;
  double cloud_optical_depth = 0.0;  // full cover above the box (below-cloud correction) when > 0
  std::vector<double> initial_molec_cm3;   // per species
  std::vector<double> source_molec_cm3_s;  // per species
  SolverOptions solver;

  double air_molec_cm3() const { return Mechanism::air_number_density(temperature_K, pressure_Pa); }
};

// Reads a scenario INI (docs/chemistry.md). Unknown species or keys, missing keys and
// non-physical values are InputErrors naming file:line.
BoxScenario read_box_scenario(const io::Config& cfg, const Mechanism& m);

// Water vapour number density (molecules cm^-3) from relative humidity (%) over liquid water,
// with the saturation pressure of Bolton (1980, Mon. Wea. Rev. 108, 1046, eq. 10):
// e_s = 611.2 exp(17.67 (T - 273.15) / (T - 29.65)) Pa.
double h2o_from_relative_humidity(double rh_percent, double temperature_K);

struct BoxResult {
  std::vector<TimePoint> time;     // output times (the first is the start)
  std::vector<double> zenith_deg;  // solar zenith angle at each output time
  std::vector<double> conc;        // [output][species], molecules cm^-3
  int n_species = 0;
  double at(std::size_t output, int species) const { return conc[output * n_species + species]; }
};

class BoxModel {
 public:
  // Advances `conc` (per species, molecules cm^-3) by dt_s with constant J (per
  // photolysis_names()) and the scenario's T, P, H2O and sources.
  using Advance =
      std::function<void(std::vector<double>& conc, const std::vector<double>& j, double dt_s)>;

  BoxModel(const Mechanism& m, const Photolysis& p, BoxScenario s);

  // Runs the scenario with the RosenbrockSolver (throws NumericalError naming the time on
  // failure), or with a given integrator (e.g. a reference solver in tests).
  BoxResult run() const;
  BoxResult run(const Advance& advance) const;
  // J-values (s^-1) at an instant: clear sky at the zenith angle, altitude and cloud factor.
  std::vector<double> photolysis_at(TimePoint t) const;
  const BoxScenario& scenario() const { return scenario_; }

 private:
  const Mechanism* mechanism_;
  const Photolysis* photolysis_;
  BoxScenario scenario_;
};

// CSV: time (ISO-8601 UTC), elapsed_h, zenith_deg, then every species in ppb.
void write_box_csv(const BoxResult& r, const Mechanism& m, const BoxScenario& s, std::ostream& out);

}  // namespace qiantang::chemistry
