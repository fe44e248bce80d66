// gas_chemistry: for every cell of the tile, converts the mechanism's tracers from mole fraction
// to number density, integrates the mechanism over the step with the Rosenbrock solver, and
// converts back. Photolysis frequencies come per column from the solar zenith angle at the
// middle of the step, the layer's altitude and a cloud correction from the column's cloud water
// (chemistry/photolysis). Columns are distributed over OpenMP threads, each thread owning its
// solver and batch; results do not depend on the thread count because every cell is integrated
// independently with its own step-size control.
#include "solver/coupling/gas_chemistry_process.hpp"

#include <cmath>

#include "chemistry/mechanism/mechanism.hpp"
#include "chemistry/photolysis/photolysis.hpp"
#include "chemistry/solver/batch.hpp"
#include "chemistry/solver/rosenbrock.hpp"
#include "io/config/config.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "solver/driver/budget.hpp"
#include "solver/driver/met_tile.hpp"
#include "solver/driver/model.hpp"

namespace qiantang::solver {
namespace {

// Cloud liquid water below which a layer counts as clear (kg/kg), as CMAQ's photolysis
// cloud test uses a small threshold on the resolved cloud water.
constexpr double kCloudWaterThreshold = 1e-6;

class GasChemistry : public Process {
 public:
  GasChemistry(const io::Config& c, Model& m) : Process("gas_chemistry"), model_(m) {
    if (!m.mechanism())
      throw InputError(c.where("chemistry", "mechanism"), "chemistry.mechanism",
                       "a mechanism file for the gas_chemistry process");
    const auto& mech = *m.mechanism();
    const auto mech_path = c.get_path("chemistry", "mechanism");
    jtable_ = c.get_path("chemistry", "jtable", mech_path.parent_path().parent_path() / "photolysis" / "jtable.csv");
    photolysis_ = std::make_unique<chemistry::Photolysis>(mech, jtable_);
    options_.rtol = c.get_double("chemistry", "rtol", options_.rtol);
    options_.atol_molec_cm3 = c.get_double("chemistry", "atol_molec_cm3", options_.atol_molec_cm3);
    const std::string method = c.get_string("chemistry", "method", "rodas3");
    if (method == "ros3") options_.method = chemistry::RosenbrockMethod::ros3;
    else if (method == "rodas3") options_.method = chemistry::RosenbrockMethod::rodas3;
    else if (method == "rodas4") options_.method = chemistry::RosenbrockMethod::rodas4;
    else throw InputError(c.where("chemistry", "method"), "chemistry.method", "ros3, rodas3 or rodas4, got '" + method + "'");
    if (!(options_.rtol > 0 && options_.rtol < 1))
      throw InputError(c.where("chemistry", "rtol"), "chemistry.rtol", "a relative tolerance in (0, 1)");
    columns_per_batch_ = int(c.get_int("chemistry", "columns_per_batch", 4));
    if (columns_per_batch_ < 1)
      throw InputError(c.where("chemistry", "columns_per_batch"), "chemistry.columns_per_batch", "a positive integer");
    // Chemistry may run on a longer step than transport (operator splitting, as WRF-Chem's
    // chem_dt): it then integrates the accumulated interval whenever a step ends on a multiple
    // of chemistry.time_step_s (UTC), which must divide an hour so that output and restart times
    // always end a chemistry interval.
    chem_dt_s_ = long(c.get_int("chemistry", "time_step_s", 0));
    if (chem_dt_s_ < 0 || (chem_dt_s_ > 0 && 3600 % chem_dt_s_ != 0))
      throw InputError(c.where("chemistry", "time_step_s"), "chemistry.time_step_s",
                       "0 (every step) or a number of seconds that divides 3600");
    n_species_ = mech.n_species();
    n_phot_ = int(mech.photolysis_names().size());
    // Each cell's solver step size carries over from one chemistry call to the next (0 = none
    // yet: the solver estimates a first step), and is kept in restarts.
    step_index_ = m.state().process_state.add({"gas_chemistry_step_s", "s", Phase::gas, 0.0,
                                               "last proposed Rosenbrock step of the cell", ""},
                                              0.0);
  }

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    pending_s_ += ctx.dt_s;
    const TimePoint step_end =
        ctx.time + std::chrono::duration_cast<Seconds>(std::chrono::duration<double>(ctx.dt_s));
    if (chem_dt_s_ > 0 && step_end.time_since_epoch().count() % chem_dt_s_ != 0) return;
    integrate(s, ctx, pending_s_, step_end - std::chrono::duration_cast<Seconds>(std::chrono::duration<double>(pending_s_)));
    pending_s_ = 0.0;
  }

 private:
  void integrate(ModelState& s, const StepContext& ctx, double dt_s, TimePoint t0) {
    const auto& mech = *model_.mechanism();
    const MetTile& met = s.mass_at_step_end ? *ctx.met_end : *ctx.met_start;
    const Extents e = s.tracers.extents();
    const int nz = e.nz, ncol = e.nx * e.ny;
    const TimePoint mid = t0 + std::chrono::duration_cast<Seconds>(std::chrono::duration<double>(0.5 * dt_s));
    const int nbatches = (ncol + columns_per_batch_ - 1) / columns_per_batch_;
    // Chemical change per batch and species, summed in batch order afterwards so the budget
    // does not depend on the thread count either.
    std::vector<double> change_kg(std::size_t(nbatches) * std::size_t(n_species_), 0.0);
    std::string failure;
    const double kB = constants::boltzmann_J_K;
    const double h2o_per_air = constants::molar_mass_air_kg_mol / 18.01528e-3;
    Array3& step = s.process_state[step_index_];
#pragma omp parallel
    {
      chemistry::RosenbrockSolver solver(mech, options_);
      chemistry::ChemistryBatch b;
      std::vector<double> j_clear(static_cast<std::size_t>(n_phot_), 0.0);
      std::vector<double> m_air;
#pragma omp for schedule(dynamic)
      for (int nb = 0; nb < nbatches; ++nb) {
        const int c0 = nb * columns_per_batch_, c1 = std::min(ncol, c0 + columns_per_batch_);
        const int ncells = (c1 - c0) * nz;
        b.n_cells = ncells;
        b.conc.assign(std::size_t(n_species_) * std::size_t(ncells), 0.0);
        b.temperature_K.resize(std::size_t(ncells));
        b.pressure_Pa.resize(std::size_t(ncells));
        b.h2o_molec_cm3.resize(std::size_t(ncells));
        b.photolysis_s.assign(std::size_t(n_phot_) * std::size_t(ncells), 0.0);
        b.source_molec_cm3_s.clear();
        b.step_s.resize(std::size_t(ncells));
        m_air.resize(std::size_t(ncells));
        for (int col = c0; col < c1; ++col) {
          const int j = col / e.nx, i = col % e.nx;
          const double zenith = chemistry::solar_zenith_angle_deg(met.latitude_deg(0, j, i), met.longitude_deg(0, j, i), mid);
          // Column cloud optical depth from the liquid water path and the cloud's extent.
          double lwp_kg_m2 = 0.0;
          int base = -1, top = -1;
          for (int k = 0; k < nz; ++k) {
            const double qc = met.cloud_water_kg_kg(k, j, i);
            if (qc > kCloudWaterThreshold) {
              if (base < 0) base = k;
              top = k;
            }
            lwp_kg_m2 += met.density_kg_m3(k, j, i) * qc * met.layer_thickness_m(k, j, i);
          }
          const double tau = base >= 0 ? chemistry::cloud_optical_depth_from_lwp(lwp_kg_m2) : 0.0;
          const double below = base >= 0 ? chemistry::cloud_correction(zenith, tau, true) : 1.0;
          const double above = base >= 0 ? chemistry::cloud_correction(zenith, tau, false) : 1.0;
          for (int k = 0; k < nz; ++k) {
            const int cell = (col - c0) * nz + k;
            const double T = met.temperature_K(k, j, i), P = met.pressure_Pa(k, j, i);
            const double M = P / (kB * T) * 1e-6;  // molecules cm⁻³
            m_air[std::size_t(cell)] = M;
            b.temperature_K[std::size_t(cell)] = T;
            b.pressure_Pa[std::size_t(cell)] = P;
            b.h2o_molec_cm3[std::size_t(cell)] = met.water_vapour_kg_kg(k, j, i) * h2o_per_air * M;
            b.step_s[std::size_t(cell)] = step(k, j, i);
            for (int sp = 0; sp < n_species_; ++sp)
              b.conc[std::size_t(sp) * std::size_t(ncells) + std::size_t(cell)] = s.tracers[sp](k, j, i) * M;
            // Below the cloud base the below-cloud factor, above the top the above-cloud one,
            // linear in between (Chang et al. 1987, JGR 92, 14681, as in CMAQ's photolysis).
            double factor = 1.0;
            if (base >= 0) {
              if (k < base) factor = below;
              else if (k > top) factor = above;
              else factor = below + (above - below) * (double(k - base) + 0.5) / double(top - base + 1);
            }
            const double z = 0.5 * (met.z_interface_m(k, j, i) + met.z_interface_m(k + 1, j, i)) +
                             met.terrain_height_m(0, j, i);
            photolysis_->clear_sky(zenith, z, j_clear.data());
            for (int p = 0; p < n_phot_; ++p)
              b.photolysis_s[std::size_t(p) * std::size_t(ncells) + std::size_t(cell)] = j_clear[std::size_t(p)] * factor;
          }
        }
        const auto status = solver.integrate(b, dt_s);

        if (!status.ok) {
          const int col = c0 + status.cell / nz, k = status.cell % nz;
          const auto& d = ctx.comm->decomposition();
#pragma omp critical(gas_chemistry_failure)
          if (failure.empty())
            failure = "gas chemistry failed at " + format_iso8601(t0) + " in cell (i=" +
                      std::to_string(d.i0 + col % e.nx) + ", j=" + std::to_string(d.j0 + col / e.nx) +
                      ", k=" + std::to_string(k) + "): " + status.message;
          continue;
        }
        for (int col = c0; col < c1; ++col) {
          const int j = col / e.nx, i = col % e.nx;
          for (int k = 0; k < nz; ++k) {
            const int cell = (col - c0) * nz + k;
            const double M = m_air[std::size_t(cell)];
            step(k, j, i) = b.step_s[std::size_t(cell)];
            for (int sp = 0; sp < n_species_; ++sp) {
              const double q = b.conc[std::size_t(sp) * std::size_t(ncells) + std::size_t(cell)] / M;
              change_kg[std::size_t(nb) * std::size_t(n_species_) + std::size_t(sp)] +=
                  (q - s.tracers[sp](k, j, i)) * met.air_mass_kg(k, j, i);
              s.tracers[sp](k, j, i) = q;
            }
          }
        }
      }
    }
    if (!failure.empty()) throw NumericalError(failure);

    for (int sp = 0; sp < n_species_; ++sp) {
      double sum = 0.0;
      for (int nb = 0; nb < nbatches; ++nb) sum += change_kg[std::size_t(nb) * std::size_t(n_species_) + std::size_t(sp)];
      ctx.budget->local(std::size_t(sp)).chemistry_change_kg += sum * model_.mass_ratio(sp);
    }
  }

  Model& model_;
  std::filesystem::path jtable_;
  long chem_dt_s_ = 0;
  double pending_s_ = 0.0;
  std::unique_ptr<chemistry::Photolysis> photolysis_;
  chemistry::SolverOptions options_;
  int columns_per_batch_ = 8;
  int n_species_ = 0, n_phot_ = 0;
  int step_index_ = -1;
};

}  // namespace

void register_chemistry_processes(ProcessFactory& f) {
  f.add("gas_chemistry", [](const io::Config& c, Model& m) { return std::make_unique<GasChemistry>(c, m); });
}

}  // namespace qiantang::solver
