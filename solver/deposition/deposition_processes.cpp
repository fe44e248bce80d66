#include "solver/deposition/deposition_processes.hpp"

#include <chrono>
#include <cmath>

#include "chemistry/aerosol/species.hpp"
#include "io/config/config.hpp"
#include "solver/deposition/dry_deposition.hpp"
#include "solver/deposition/wet_deposition.hpp"
#include "solver/driver/budget.hpp"
#include "solver/driver/model.hpp"

namespace qiantang::solver {
namespace {

const MetTile& current_met(const ModelState& s, const StepContext& ctx) {
  return s.mass_at_step_end ? *ctx.met_end : *ctx.met_start;
}

// Tracers that are particles: registered as aerosol, or named as one of the aerosol tracers.
std::vector<bool> aerosol_flags(const FieldRegistry& r) {
  std::vector<bool> f;
  for (int n = 0; n < r.size(); ++n) {
    bool a = r.info(n).phase == Phase::aerosol;
    for (auto name : chemistry::aerosol::kAerosolTracers) a = a || r.info(n).name == name;
    // VBS vapours are mass mixing ratios but deposit as gases.
    for (auto name : chemistry::aerosol::kVbsGasNames)
      if (r.info(n).name == name) a = false;
    f.push_back(a);
  }
  return f;
}

std::vector<std::string> names_of(const FieldRegistry& r) {
  std::vector<std::string> v;
  for (int n = 0; n < r.size(); ++n) v.push_back(r.info(n).name);
  return v;
}

int month_of(TimePoint t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  return int(unsigned(ymd.month()));
}

}  // namespace

deposition::ColumnSurface column_surface(const MetTile& met, int j, int i, TimePoint t,
                                         const std::string& land_use_table) {
  deposition::ColumnSurface cs;
  cs.ustar_m_s = met.friction_velocity_m_s(0, j, i);
  cs.sensible_heat_W_m2 = met.sensible_heat_flux_W_m2(0, j, i);
  cs.solar_W_m2 = met.shortwave_down_W_m2(0, j, i);
  cs.t2_K = met.t2_K(0, j, i);
  cs.pressure_Pa = met.pressure_Pa(0, j, i);
  cs.air_density_kg_m3 = met.density_kg_m3(0, j, i);
  cs.t_lowest_K = met.temperature_K(0, j, i);
  cs.z_reference_m = 0.5 * met.layer_thickness_m(0, j, i);
  cs.precipitation_mm_h = met.precipitation_rate_mm_h(0, j, i);
  cs.latitude_deg = met.latitude_deg(0, j, i);
  cs.month = month_of(t);
  cs.land_use =
      deposition::wesely_land_use(int(std::lround(met.land_use_category(0, j, i))), land_use_table);
  return cs;
}

class DryDepositionProcess : public Process {
 public:
  DryDepositionProcess(const io::Config& c, Model& m)
      : Process("dry_deposition"),
        model_(m),
        table_(c.get_string("dry_deposition", "land_use_table", "usgs")),
        vd_(names_of(m.state().tracers), aerosol_flags(m.state().tracers)) {
    (void)deposition::wesely_land_use(1, table_);  // validates the table name up front
  }
  const std::vector<Array3>& velocities() const { return velocity_; }

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    const MetTile& met = current_met(s, ctx);
    const Extents e = s.tracers.extents();
    const int ns = s.tracers.size();
    if (velocity_.size() != std::size_t(ns))
      velocity_.assign(std::size_t(ns), Array3(Extents{e.nx, e.ny, 1, 0}));
    std::vector<double> vd(static_cast<std::size_t>(ns));
    for (int j = 0; j < e.ny; ++j)
      for (int i = 0; i < e.nx; ++i) {
        const deposition::ColumnSurface cs = column_surface(met, j, i, ctx.time, table_);
        const double dz = met.layer_thickness_m(0, j, i);
        vd_.column(cs, vd.data());
        const double air = met.air_mass_kg(0, j, i);
        for (int n = 0; n < ns; ++n) {
          velocity_[std::size_t(n)](0, j, i) = vd[std::size_t(n)];
          if (vd[std::size_t(n)] <= 0.0) continue;
          double& q = s.tracers[n](0, j, i);
          const double lost = q * -std::expm1(-vd[std::size_t(n)] * ctx.dt_s / dz);
          q -= lost;
          ctx.budget->local(std::size_t(n)).dry_deposited_kg += lost * air * model_.mass_ratio(n);
        }
      }
  }

 private:
  Model& model_;
  std::string table_;
  deposition::DryDepositionVelocities vd_;
  std::vector<Array3> velocity_;
};

namespace {

class WetDepositionProcess : public Process {
 public:
  explicit WetDepositionProcess(Model& m)
      : Process("wet_deposition"),
        model_(m),
        scav_(names_of(m.state().tracers), aerosol_flags(m.state().tracers)) {}

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    const MetTile& met = current_met(s, ctx);
    const Extents e = s.tracers.extents();
    const int nz = e.nz, ns = s.tracers.size();
    std::vector<double> t(static_cast<std::size_t>(nz)), rho(t), qc(t), qr(t), dz(t), loss;
    for (int j = 0; j < e.ny; ++j)
      for (int i = 0; i < e.nx; ++i) {
        const double p = met.precipitation_rate_mm_h(0, j, i);
        if (!(p > 0.0)) continue;
        for (int k = 0; k < nz; ++k) {
          const auto kk = std::size_t(k);
          t[kk] = met.temperature_K(k, j, i);
          rho[kk] = met.density_kg_m3(k, j, i);
          qc[kk] = met.cloud_water_kg_kg(k, j, i);
          qr[kk] = met.rain_water_kg_kg(k, j, i);
          dz[kk] = met.layer_thickness_m(k, j, i);
        }
        const deposition::WetColumn col{nz,        t.data(),  rho.data(), qc.data(),
                                        qr.data(), dz.data(), p};
        scav_.column(col, ctx.dt_s, loss);
        for (int n = 0; n < ns; ++n) {
          double lost_kg = 0.0;
          for (int k = 0; k < nz; ++k) {
            const double f = loss[std::size_t(n) * std::size_t(nz) + std::size_t(k)];
            if (f <= 0.0) continue;
            double& q = s.tracers[n](k, j, i);
            const double lost = q * f;
            q -= lost;
            lost_kg += lost * met.air_mass_kg(k, j, i);
          }
          ctx.budget->local(std::size_t(n)).wet_deposited_kg += lost_kg * model_.mass_ratio(n);
        }
      }
  }

 private:
  Model& model_;
  deposition::WetScavenging scav_;
};

}  // namespace

const std::vector<Array3>* dry_deposition_velocities(const Process& p) {
  const auto* d = dynamic_cast<const DryDepositionProcess*>(&p);
  return d ? &d->velocities() : nullptr;
}

void register_deposition_processes(ProcessFactory& f) {
  f.add("dry_deposition",
        [](const io::Config& c, Model& m) { return std::make_unique<DryDepositionProcess>(c, m); });
  f.add("wet_deposition",
        [](const io::Config&, Model& m) { return std::make_unique<WetDepositionProcess>(m); });
}

}  // namespace qiantang::solver
