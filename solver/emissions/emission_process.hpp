#pragma once
// The "emissions" process (docs/emissions.md): gridded anthropogenic inventories regridded
// conservatively onto the tile, allocated in time (Beijing-time month/weekday/hour profiles)
// and height (sector layer fractions on the met's interface heights), speciated into model
// species, scaled by the scenario table, plus biogenic isoprene and monoterpenes. Each step
// adds E·Δt to the tracers:
//   gas:     Δχ = E_mol Δt · M_air / m_air        (E in mol/s, m_air the cell's air mass, kg)
//   aerosol: Δq = E_kg  Δt / m_air                (E in kg/s)
// and the emitted mass to the budget (kg, in the budget's mass convention m_air Δχ · r, r the
// model's molar-mass ratio) and to per-sector totals written to emissions_totals.csv.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/emissions/inventory.hpp"
#include "io/emissions/profiles.hpp"
#include "solver/driver/process.hpp"
#include "solver/fields/field_registry.hpp"
#include "solver/grid/horizontal_grid.hpp"
#include "solver/parallel/communicator.hpp"

namespace qiantang::solver {
struct MetTile;
// Registers "emissions" with the factory.
void register_emission_processes(ProcessFactory& f);
}  // namespace qiantang::solver

namespace qiantang::emissions {

// The [emissions] keys (docs/emissions.md).
struct Settings {
  std::vector<std::filesystem::path> inventory;
  std::optional<std::filesystem::path> temporal_profiles, vertical_profiles, speciation, scaling, regions;
  bool biogenic = false;
  std::optional<std::filesystem::path> biogenic_factors;
  // emissions_totals.csv: written into `report_dir` (none when empty) at the end of every
  // `report_interval_s` after `run_start` and at `run_end`.
  std::filesystem::path report_dir;
  TimePoint run_start{}, run_end{};
  double report_interval_s = 3600.0;
  std::string where = "[emissions]";  // config file for messages
};
Settings read_settings(const io::Config& c);

// What a tracer needs to receive emissions.
struct SpeciesInfo {
  std::string name;
  bool gas = true;
  double molar_mass_g_mol = 0.0;
};

// Emission rates on one tile, independent of the driver (tests call it directly).
class GriddedEmissions {
 public:
  GriddedEmissions(const Settings& s, const grid::HorizontalGrid& model_grid, const parallel::Decomposition& d,
                   const std::vector<SpeciesInfo>& species);

  // Calls add(species, sector, k, j, i, amount) for every emission over [t, t + dt): amount in
  // mol (gas) or kg (aerosol); (j, i) tile-interior indices. `met` supplies interface heights
  // (vertical allocation) and, for biogenic emissions, t2, shortwave, land use and cell area.
  using Sink = std::function<void(int species, int sector, int k, int j, int i, double amount)>;
  void emit(TimePoint t, double dt_s, const solver::MetTile& met, const Sink& add) const;

  const std::vector<std::string>& sectors() const { return sector_names_; }
  // (sector, species) pairs that can receive emissions; the same on every rank.
  std::vector<std::pair<int, int>> emitting_pairs() const;
  // Regridded inventory on the tile (kg/s per cell, nj × ni), or nullptr.
  const std::vector<double>* tile_field(const std::string& sector, const std::string& inventory_species) const;

 private:
  struct Entry {
    int species;
    double factor;  // model units per kg of inventory species
  };
  struct Source {                    // one inventory species of one sector on the tile
    std::string inventory_species;
    std::vector<double> kg_s;        // nj × ni
    std::vector<Entry> entries;
    std::vector<int> scaling;        // rows of scaling_ that match
  };
  struct Sector {
    std::string name;
    const io::TemporalProfile* temporal = nullptr;
    const std::vector<io::VerticalBand>* vertical = nullptr;
    std::vector<Source> sources;
  };
  int ni_ = 0, nj_ = 0;
  std::vector<std::string> sector_names_;
  std::vector<Sector> sectors_;
  io::TemporalProfiles temporal_;
  io::VerticalProfiles vertical_;
  std::vector<io::ScalingRow> scaling_;
  std::vector<std::vector<char>> scaling_mask_;  // per scaling row: tile mask (empty = all)
  // Biogenic.
  bool biogenic_ = false;
  int biogenic_sector_ = -1, isoprene_ = -1, terpene_ = -1;
  io::BiogenicFactors biogenic_factors_;
};

class EmissionsProcess : public solver::Process {
 public:
  // mass_ratio(n) = M_species / M_air (1 without a molar mass), as Model::mass_ratio.
  EmissionsProcess(const Settings& s, const grid::HorizontalGrid& model_grid, const parallel::Decomposition& d,
                   const FieldRegistry& tracers, std::function<double(int)> mass_ratio);

  const GriddedEmissions& sources() const { return emissions_; }
  // Called with (species, sector, k, j, i, Δ tracer) for every addition (source attribution).
  using Observer = std::function<void(int, int, int, int, int, double)>;
  void set_observer(Observer o) { observer_ = std::move(o); }
  // Tile-local kg emitted so far per (sector, species) (budget mass convention).
  const std::map<std::pair<int, int>, double>& local_totals() const { return totals_; }
  // Reduces the totals over ranks (collective) and writes `dir/emissions_totals.csv` on rank 0:
  // `start,end,sector,species,emitted_kg` (atomically: temporary file, then rename).
  void write_report(const parallel::Communicator& comm, const std::filesystem::path& dir, TimePoint until) const;

 protected:
  void run_impl(solver::ModelState& state, const solver::StepContext& ctx) override;

 private:
  Settings settings_;
  GriddedEmissions emissions_;
  std::vector<SpeciesInfo> species_;
  std::function<double(int)> mass_ratio_;
  std::map<std::pair<int, int>, double> totals_;  // (sector, species) -> kg
  std::vector<std::pair<int, int>> report_keys_;  // every (sector, species) that can emit, fixed order
  Observer observer_;
};

}  // namespace qiantang::emissions
