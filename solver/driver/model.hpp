#pragma once
// A configured model run: the domain and its decomposition, the meteorology, the tracers with
// their initial and lateral boundary values, the processes in their splitting order, and the
// outputs (CF-NetCDF, budget.csv, restarts, run.log). Built from a validated config; `run()`
// advances it to the end time.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/config/config.hpp"
#include "io/initial/background_profile.hpp"
#include "solver/driver/budget.hpp"
#include "solver/driver/cf_met_provider.hpp"
#include "solver/driver/driver.hpp"
#include "solver/driver/nesting.hpp"
#include "solver/driver/station_sampler.hpp"
#include "solver/parallel/communicator.hpp"
#include "solver/transport/advection.hpp"

namespace qiantang::io {
class ConcentrationWriter;
}
namespace qiantang::chemistry {
class Mechanism;
}
namespace qiantang::attribution {
class Attribution;
class DailyO3Regime;
}

namespace qiantang::solver {

struct PointSource {
  std::string species;
  int i = 0, j = 0, k = 0;  // global cell
  double rate_kg_s = 0.0;   // tracer mass per second (mixing-ratio units × kg of air for gases)
};

struct RunSummary {
  TimePoint end{};
  long steps = 0;
  double wall_s = 0.0;
  std::vector<std::filesystem::path> outputs;
};

// The model domain's horizontal grid from a run config: the met grid ([met] format, files),
// or its [domain] window; nz and the window's origin in the met grid are returned too.
grid::HorizontalGrid domain_grid(const io::Config& c, int& nz, int& window_i0, int& window_j0);

class Model {
 public:
  // Reads and checks the whole config and every input it names; nothing is written.
  Model(const io::Config& config, const parallel::Communicator* comm_or_null = nullptr);
  ~Model();

  // Runs to the end time and writes all outputs. Throws NumericalError (exit 3) after writing a
  // restart when the state goes bad.
  RunSummary run();

  // Parts the processes use.
  const parallel::Communicator& comm() const { return *comm_; }
  const grid::HorizontalGrid& grid() const { return met_->grid(); }
  ModelState& state() { return *state_; }
  transport::Advection& advection() { return *advection_; }
  const std::vector<PointSource>& point_sources() const { return point_sources_; }
  double horizontal_diffusivity_m2_s() const { return kh_m2_s_; }
  std::optional<double> constant_kz_m2_s() const { return kz_constant_; }
  // Molar mass ratio M_species / M_air for species n (1 for tracers without a molar mass).
  double mass_ratio(int n) const;
  // Tracers summed into PM2.5, and the coarse ones added for PM10 ([species] pm25, coarse).
  const std::vector<int>& pm25_species() const { return pm25_species_; }
  const std::vector<int>& coarse_species() const { return coarse_species_; }
  // Gathers tracer n to rank 0 (nz × ny × nx); empty on other ranks.
  std::vector<double> gather_tracer(int n) const;
  const std::string& config_file() const { return config_file_; }
  // The gas-phase mechanism whose species are the run's gas tracers; null for passive runs.
  const chemistry::Mechanism* mechanism() const { return mechanism_.get(); }
  // Tagged source attribution ([attribution]); null when off.
  const attribution::Attribution* attribution() const { return attribution_.get(); }
  // Background value of tracer n at height z (m above ground) with air density rho, in the
  // tracer's internal units (mol/mol or kg/kg); 0 for species the profile file does not list.
  double background_value(int n, double z_m, double rho_kg_m3) const;

 private:
  void read_species(const io::Config& c);
  void read_initial(const io::Config& c);
  void read_boundary(const io::Config& c);
  void read_processes(const io::Config& c);
  void read_output(const io::Config& c);
  void fill_boundary(parallel::Side side, Array3& field, std::size_t index) const;
  double inflow_value(std::size_t n, int k, int j, int i, int ej, int ei) const;
  void write_output(const ModelState& s, const MetTile& met);
  std::vector<double> gather_pm(const ModelState& s, const MetTile& met, bool with_coarse) const;
  void write_restart(const ModelState& s);
  void restore(const std::filesystem::path& restart_file);
  std::vector<SpeciesBudget> total_budget(const ModelState& s, const MetTile& met) const;

  std::string config_file_;
  std::unique_ptr<parallel::Communicator> owned_comm_;
  const parallel::Communicator* comm_ = nullptr;
  std::unique_ptr<RecordMetProvider> met_;
  std::unique_ptr<ModelState> state_;
  std::unique_ptr<transport::Advection> advection_;
  std::unique_ptr<Budget> budget_;
  std::vector<std::unique_ptr<Process>> processes_;
  DriverSettings settings_;
  std::vector<double> boundary_values_;  // per species (mixing ratio), used without a profile
  std::shared_ptr<const chemistry::Mechanism> mechanism_;
  std::optional<io::BackgroundProfiles> initial_profile_, boundary_profile_;
  std::vector<std::optional<io::BackgroundProfile>> boundary_profile_of_;  // per species
  std::vector<PointSource> point_sources_;
  double kh_m2_s_ = 0.0;
  std::optional<double> kz_constant_;
  std::string domain_name_;
  std::filesystem::path output_dir_, restart_dir_;
  std::vector<std::string> output_species_;
  bool output_3d_ = false;
  std::unique_ptr<io::ConcentrationWriter> writer_;
  // Diagnosed dry PM mass (µg/m³ at local conditions) written beside the tracers.
  std::vector<int> pm25_species_, coarse_species_;
  std::unique_ptr<StationSampler> stations_;
  // One-way nesting: boundary files written for inner domains, or read as this domain's inflow.
  std::vector<std::filesystem::path> nest_inner_configs_;
  std::vector<std::unique_ptr<NestParent>> nest_children_;
  std::unique_ptr<NestBoundary> nest_boundary_;
  io::HourlySeries station_series_;
  std::vector<double> mass_start_;  // per species, kg, at the run start
  const MetTile* boundary_met_ = nullptr;
  std::optional<std::filesystem::path> restart_from_;
  std::string verification_case_;
  std::unique_ptr<attribution::Attribution> attribution_;  // [attribution] enabled = true
  std::unique_ptr<attribution::DailyO3Regime> o3_regime_;  // o3_regime_<domain>.nc (root, with attribution)
};

}  // namespace qiantang::solver
