#pragma once
// Source attribution with tagged tracers (docs/attribution.md), the approach of CAMx PSAT/OSAT
// and CMAQ-ISAM. Bulk species are grouped into pools (a pool is a weighted sum of tracers in
// one unit, e.g. PSO4 = SULF + ASO4 in mol S per mol air); each pool carries one tagged copy per
// tag (region × sector group of the emissions, plus `boundary` and `initial`). The tags are
// tracers of the model's registry, so transport moves them with the bulk; every process is
// wrapped so that afterwards
//   transport:  T_t ← T_t · B / Σ_t T_t           (the PPM advection limiter is not linear: renormalise)
//   emissions:  T_tag(region(cell), sector) += w · Δq
//   other:      per family, losses scale a pool's tags by B1/B0; gains take the tag composition
//               of the family's losses in the same process (SO2 → PSO4, HNO3 ↔ ANO3, ...), and
//               a gain beyond those losses the family's external rule (SOA: VOC shares; O3: NOx
//               or VOC shares by the H2O2/HNO3 regime indicator; otherwise the pool's own).
// The invariant Σ_t T_t = B holds after every process and is checked (relative 1e-10 by
// default); a violation is a NumericalError.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/csv/station_csv.hpp"
#include "io/output/station_list.hpp"
#include "solver/driver/process.hpp"
#include "solver/fields/field_registry.hpp"
#include "solver/grid/horizontal_grid.hpp"
#include "solver/parallel/communicator.hpp"

namespace qiantang::solver {
struct MetTile;
class StationSampler;
}  // namespace qiantang::solver

namespace qiantang::attribution {

struct Member {
  int tracer = -1;
  double weight = 1.0;  // pool unit per tracer unit
};

struct Pool {
  std::string name;    // PEC, PPOA, POTHR, SO2, PSO4, NOX, NOZ, PNO3, NH3, PNH4, VOC, SOAP, SOA, O3
  int family = -1;
  std::vector<Member> members;
  std::string units;   // "kg/kg", "mol/mol" (of the family's key atom or molecule)
  int first_field = -1;  // tracer index of the pool's first tag
};

enum class External { own, voc_shares, o3_regime };

struct Family {
  std::string name;  // primary_pm, sulfate, nitrate, ammonium, voc, soa, o3
  std::vector<int> pools;
  External external = External::own;
};

// Statistics of one run, for the log and the docs.
struct AttributionStats {
  // Largest Σ|Σ_t T_t − B| / Σ B over the tile (per pool and transport step) before the renormalisation.
  double max_transport_deviation = 0.0;
  double max_check_deviation = 0.0;      // max |Σ T / B − 1| seen by the checks of other processes
  long fallback_cells = 0;               // gains attributed to `boundary` for want of any tag
  long checks = 0;
};

class Attribution {
 public:
  // Whether [attribution] enabled = true.
  static bool enabled(const io::Config& c);
  // Reads [attribution] and registers the tag tracers in `tracers` (after the bulk species).
  Attribution(const io::Config& c, FieldRegistry& tracers, const grid::HorizontalGrid& grid,
              const parallel::Decomposition& d);
  ~Attribution();

  const std::vector<std::string>& tag_names() const { return tag_names_; }
  const std::vector<std::string>& region_names() const { return regions_; }
  const std::vector<std::string>& sector_groups() const { return groups_; }
  const std::vector<Pool>& pools() const { return pools_; }
  int n_tags() const { return int(tag_names_.size()); }
  int boundary_tag() const { return n_tags() - 2; }
  int initial_tag() const { return n_tags() - 1; }
  bool is_tag(int tracer) const { return tracer >= first_tag_field_; }
  // The members whose inflow values make up the inflow of tracer `field` when it is a
  // `boundary` tag; nullptr for every other tracer.
  const std::vector<Member>* boundary_members(int field) const;

  // Initial state: the `initial` tag holds the pool, the others zero.
  void initialise(FieldRegistry& tracers) const;
  // Wraps a process so that the tags follow it and the invariant is checked afterwards.
  std::unique_ptr<solver::Process> wrap(std::unique_ptr<solver::Process> p);
  // Throws NumericalError when Σ tags differs from the bulk pool by more than the tolerance
  // anywhere (collective); then renormalises away the round-off. Returns the max deviation.
  double check(FieldRegistry& tracers, const parallel::Communicator& comm, const std::string& after,
               TimePoint t);

  // Station sampling of the tagged PM2.5 and O3 (µg/m³), for attribution.csv.
  void set_stations(std::vector<io::Station> stations, const grid::HorizontalGrid& grid,
                    const std::vector<int>& pm25_species, const std::string& list_file);
  void accumulate(const FieldRegistry& tracers, const solver::MetTile& met, const parallel::Communicator& comm,
                  double dt_s);
  void close_interval(TimePoint end);
  // Writes attribution_stations.csv, attribution.csv and o3_regime.csv into `dir` (root only).
  void write_tables(const std::filesystem::path& dir) const;

  // Surface diagnostics written to the NetCDF output: H2O2/HNO3 and HCHO/NO2 (mol/mol ratios).
  // Empty when the species are absent.
  std::vector<std::string> regime_variable_names() const;
  void regime_fields(const FieldRegistry& tracers, std::vector<Array3>& out) const;
  // Tracers H2O2, HNO3, FORM, NO2 of the daily regime file (o3_regime.hpp); empty unless all exist.
  std::vector<int> regime_species() const;
  double regime_threshold() const { return regime_threshold_; }

  const AttributionStats& stats() const { return stats_; }

  // Internal: the update after each kind of process.
  void after_transport(FieldRegistry& tracers);
  void before_other(const FieldRegistry& tracers);
  void after_other(FieldRegistry& tracers);
  void emitted(FieldRegistry& tracers, int species, int sector, int k, int j, int i, double dq);
  void set_emission_sectors(const std::vector<std::string>& sectors);

 private:
  double pool_value(const FieldRegistry& t, const Pool& p, int k, int j, int i) const;

  std::vector<std::string> regions_, groups_, tag_names_;
  std::vector<int> region_of_cell_;         // tile (j, i) → region index
  std::vector<int> group_of_sector_;        // emission sector index → group index
  std::vector<Family> families_;
  std::vector<Pool> pools_;
  std::vector<std::pair<int, double>> pool_of_tracer_;  // tracer → (pool, weight), pool −1: none
  int first_tag_field_ = 0, n_fields_ = 0;
  int nox_pool_ = -1, voc_pool_ = -1, h2o2_ = -1, hno3_ = -1, form_ = -1, no2_ = -1;
  double tolerance_ = 1e-10, regime_threshold_ = 0.35;
  Extents extents_;
  std::vector<double> before_;  // [pool][cell] bulk before a process
  AttributionStats stats_;
  // Stations.
  std::unique_ptr<solver::StationSampler> sampler_;
  std::vector<io::Station> stations_;
  std::vector<int> pm25_species_;
  int aso4_ = -1, ano3_ = -1, anh4_ = -1, o3_ = -1;
  std::vector<int> primary_pools_;  // PEC, PPOA, POTHR
  int ppm_derived_ = -1;  // first primary-PM2.5 field per tag of derived_ (then the bulk), −1 without primary_pm
  std::vector<int> soa_particles_;
  std::unique_ptr<FieldRegistry> derived_;
  io::HourlySeries series_;
};

}  // namespace qiantang::attribution
