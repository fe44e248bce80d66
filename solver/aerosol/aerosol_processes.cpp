#include "solver/aerosol/aerosol_processes.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "chemistry/aerosol/aerosol_step.hpp"
#include "chemistry/aerosol/aqueous.hpp"
#include "io/config/config.hpp"
#include "solver/common/errors.hpp"
#include "solver/deposition/deposition_processes.hpp"
#include "solver/driver/budget.hpp"
#include "solver/driver/model.hpp"

namespace qiantang::solver {
namespace aer = chemistry::aerosol;
namespace {

const MetTile& current_met(const ModelState& s, const StepContext& ctx) {
  return s.mass_at_step_end ? *ctx.met_end : *ctx.met_start;
}

std::optional<int> find(const FieldRegistry& r, std::string_view name) {
  return r.index(std::string(name));
}

// Relative humidity (fraction) from the water-vapour mixing ratio, with the saturation vapour
// pressure over water of Bolton (1980): e_s = 611.2 exp(17.67 (T − 273.15) / (T − 29.65)) Pa.
double relative_humidity(double w_kg_kg, double T, double P) {
  const double e = P * w_kg_kg / (0.622 + w_kg_kg);
  const double es = 611.2 * std::exp(17.67 * (T - 273.15) / (T - 29.65));
  return std::clamp(e / es, 0.0, 1.0);
}

// One model tracer seen by the aerosol code: µg/m^3 = value × scale(ρ).
// Gases (mol/mol): µg/m^3 = χ ρ / M_air × M × 1e6 (M the molar mass the aerosol code uses);
// aerosols and VBS vapours (kg/kg): µg/m^3 = q ρ 1e9.
struct Link {
  int index = -1;
  double molar_mass = 0;  // g/mol; 0 for mass mixing ratios
  double to_ug(double density) const {
    return molar_mass > 0 ? density / (aer::kMolarMassAir * 1e-3) * molar_mass * 1e6
                          : density * 1e9;
  }
};

class AerosolProcess : public Process {
 public:
  AerosolProcess(const io::Config& c, Model& m) : Process("aerosol"), model_(m) {
    opt_.metastable = c.get_bool("aerosol", "metastable", true);
    const std::string thermo = c.get_string("aerosol", "thermodynamics", "simple");
    if (thermo != "simple" && thermo != "aqueous")
      throw InputError(c.where("aerosol", "thermodynamics"), "aerosol.thermodynamics",
                       "simple or aqueous, got '" + thermo + "'");
    opt_.thermodynamics = thermo == "aqueous" ? aer::InorganicScheme::aqueous
                                              : aer::InorganicScheme::simple;
    opt_.soa = c.get_bool("aerosol", "soa", true);
    opt_.inorganic = c.get_bool("aerosol", "inorganic", true);
    opt_.n2o5_uptake = c.get_bool("aerosol", "n2o5_uptake", true);
    opt_.n2o5_gamma = c.get_double("aerosol", "n2o5_gamma", -1.0);
    opt_.sauter_diameter_m = 1e-6 * c.get_double("aerosol", "sauter_diameter_um", 0.3);
    if (!(opt_.sauter_diameter_m > 0))
      throw InputError(c.where("aerosol", "sauter_diameter_um"), "aerosol.sauter_diameter_um",
                       "a positive diameter");
    if (opt_.n2o5_gamma > 1)
      throw InputError(c.where("aerosol", "n2o5_gamma"), "aerosol.n2o5_gamma",
                       "an uptake coefficient ≤ 1 (negative: Riemer)");
    const std::string nox = c.get_string("aerosol", "soa_nox", "high");
    if (nox != "high" && nox != "low")
      throw InputError(c.where("aerosol", "soa_nox"), "aerosol.soa_nox",
                       "high or low, got '" + nox + "'");
    const auto& r = m.state().tracers;
    auto gas = [&](std::string_view n, double mw) { return Link{find(r, n).value_or(-1), mw}; };
    auto mass = [&](std::string_view n) { return Link{find(r, n).value_or(-1), 0.0}; };
    sulf_ = gas("SULF", aer::kMolarMassH2SO4);
    hno3_ = gas("HNO3", aer::kMolarMassHNO3);
    nh3_ = gas("NH3", aer::kMolarMassNH3);
    n2o5_ = gas("N2O5", aer::kMolarMassN2O5);
    aso4_ = mass("ASO4");
    ano3_ = mass("ANO3");
    anh4_ = mass("ANH4");
    apoa_ = mass("APOA");
    aec_ = mass("AEC");
    aothr_ = mass("AOTHR");
    asoa_ = mass("ASOA");
    for (int i = 0; i < aer::kVbsBins; ++i) {
      svg_[std::size_t(i)] = mass(aer::kVbsGasNames[std::size_t(i)]);
      svp_[std::size_t(i)] = mass(aer::kVbsParticleNames[std::size_t(i)]);
    }
    const std::pair<const char*, aer::SoaPrecursor> counters[] = {
        {"BENZRO2", aer::SoaPrecursor::benzene},    {"TOLRO2", aer::SoaPrecursor::toluene},
        {"XYLRO2", aer::SoaPrecursor::xylene},      {"ISOPRXN", aer::SoaPrecursor::isoprene},
        {"TRPRXN", aer::SoaPrecursor::monoterpene}, {"SESQRXN", aer::SoaPrecursor::sesquiterpene}};
    bool bins = true;
    for (int i = 0; i < aer::kVbsBins; ++i)
      bins = bins && svg_[std::size_t(i)].index >= 0 && svp_[std::size_t(i)].index >= 0;
    if (!bins) opt_.soa = false;
    if (opt_.soa)
      for (const auto& [name, p] : counters)
        if (const auto k = find(r, name)) {
          counter_index_.push_back(*k);
          counters_.push_back({p, nox == "low"});
        }
    // The inorganic system needs sulfate, ammonium and nitrate particles.
    if (aso4_.index < 0 || anh4_.index < 0 || ano3_.index < 0) opt_.inorganic = false;
    if (n2o5_.index < 0 || hno3_.index < 0) opt_.n2o5_uptake = false;
  }

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    if (!opt_.soa && !opt_.inorganic && !opt_.n2o5_uptake) return;
    const MetTile& met = current_met(s, ctx);
    const Extents e = s.tracers.extents();
    const int n = e.nx * e.ny * e.nz;
    if (batch_.n_cells != n) batch_ = aer::AerosolBatch(n, int(counters_.size()));
    auto& b = batch_;
    // Gather.
    auto load = [&](const Link& l, std::vector<double>& v) {
      for (int c = 0; c < n; ++c) {
        const int k = c / (e.nx * e.ny), j = (c / e.nx) % e.ny, i = c % e.nx;
        v[std::size_t(c)] = l.index < 0 ? 0.0
                                        : s.tracers[l.index](k, j, i) *
                                              l.to_ug(b.air_density_kg_m3[std::size_t(c)]);
      }
    };
    for (int c = 0; c < n; ++c) {
      const int k = c / (e.nx * e.ny), j = (c / e.nx) % e.ny, i = c % e.nx;
      const auto cc = std::size_t(c);
      b.temperature_K[cc] = met.temperature_K(k, j, i);
      b.pressure_Pa[cc] = met.pressure_Pa(k, j, i);
      b.air_density_kg_m3[cc] = met.density_kg_m3(k, j, i);
      b.rh[cc] = relative_humidity(met.water_vapour_kg_kg(k, j, i), b.temperature_K[cc],
                                   b.pressure_Pa[cc]);
      for (std::size_t q = 0; q < counters_.size(); ++q)
        b.counters[q][cc] = s.tracers[counter_index_[q]](k, j, i);
    }
    const std::vector<std::pair<Link*, std::vector<double>*>> links{{&sulf_, &b.sulf},
                                                                    {&hno3_, &b.hno3},
                                                                    {&nh3_, &b.nh3},
                                                                    {&n2o5_, &b.n2o5},
                                                                    {&aso4_, &b.aso4},
                                                                    {&ano3_, &b.ano3},
                                                                    {&anh4_, &b.anh4},
                                                                    {&apoa_, &b.apoa},
                                                                    {&aec_, &b.aec},
                                                                    {&aothr_, &b.aothr},
                                                                    {&svg_[0], &b.svoc_gas[0]},
                                                                    {&svg_[1], &b.svoc_gas[1]},
                                                                    {&svg_[2], &b.svoc_gas[2]},
                                                                    {&svg_[3], &b.svoc_gas[3]},
                                                                    {&svp_[0], &b.soa_particle[0]},
                                                                    {&svp_[1], &b.soa_particle[1]},
                                                                    {&svp_[2], &b.soa_particle[2]},
                                                                    {&svp_[3], &b.soa_particle[3]}};
    for (const auto& [l, v] : links) load(*l, *v);
    aer::aerosol_step(b, opt_, counters_, ctx.dt_s);
    // Scatter, recording each tracer's change in the budget (kg of the species).
    auto store = [&](int index, const std::function<double(int)>& value) {
      if (index < 0) return;
      double change = 0.0;
      for (int c = 0; c < n; ++c) {
        const int k = c / (e.nx * e.ny), j = (c / e.nx) % e.ny, i = c % e.nx;
        double& q = s.tracers[index](k, j, i);
        const double v = std::max(0.0, value(c));
        change += (v - q) * met.air_mass_kg(k, j, i);
        q = v;
      }
      ctx.budget->local(std::size_t(index)).chemistry_change_kg +=
          change * model_.mass_ratio(index);
    };
    for (const auto& [l, v] : links) {
      const Link link = *l;
      const auto* vals = v;
      store(link.index, [&](int c) {
        return (*vals)[std::size_t(c)] / link.to_ug(b.air_density_kg_m3[std::size_t(c)]);
      });
    }
    for (std::size_t q = 0; q < counters_.size(); ++q) {
      const auto* vals = &b.counters[q];
      store(counter_index_[q], [&](int c) { return (*vals)[std::size_t(c)]; });
    }
    if (asoa_.index >= 0 && opt_.soa)  // ASOA = Σ ASOA_i (diagnosed)
      store(asoa_.index, [&](int c) {
        double sum = 0.0;
        for (int i = 0; i < aer::kVbsBins; ++i)
          sum += b.soa_particle[std::size_t(i)][std::size_t(c)];
        return sum / asoa_.to_ug(b.air_density_kg_m3[std::size_t(c)]);
      });
  }

 private:
  Model& model_;
  aer::AerosolOptions opt_;
  Link sulf_, hno3_, nh3_, n2o5_, aso4_, ano3_, anh4_, apoa_, aec_, aothr_, asoa_;
  std::array<Link, aer::kVbsBins> svg_, svp_;
  std::vector<int> counter_index_;
  std::vector<aer::SoaCounter> counters_;
  aer::AerosolBatch batch_;
};

class CloudChemistryProcess : public Process {
 public:
  CloudChemistryProcess(const io::Config& c, Model& m) : Process("cloud_chemistry"), model_(m) {
    threshold_g_m3_ = c.get_double("cloud_chemistry", "lwc_threshold_g_m3", 0.01);
    co2_ = 1e-6 * c.get_double("cloud_chemistry", "co2_ppm", 420.0);
    if (!(threshold_g_m3_ > 0))
      throw InputError(c.where("cloud_chemistry", "lwc_threshold_g_m3"),
                       "cloud_chemistry.lwc_threshold_g_m3", "a positive liquid water content");
    const auto& r = m.state().tracers;
    auto idx = [&](const char* name) { return r.index(name).value_or(-1); };
    so2_ = idx("SO2");
    h2o2_ = idx("H2O2");
    o3_ = idx("O3");
    sulf_ = idx("SULF");
    nh3_ = idx("NH3");
    hno3_ = idx("HNO3");
    aso4_ = idx("ASO4");
    anh4_ = idx("ANH4");
    ano3_ = idx("ANO3");
  }

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    if (so2_ < 0 || aso4_ < 0 || (h2o2_ < 0 && o3_ < 0)) return;
    const MetTile& met = current_met(s, ctx);
    const Extents e = s.tracers.extents();
    auto value = [&](int index, int k, int j, int i) {
      return index < 0 ? 0.0 : s.tracers[index](k, j, i);
    };
    double d_so2 = 0, d_h2o2 = 0, d_o3 = 0, d_so4 = 0;  // kg of air × mixing ratio
    for (int k = 0; k < e.nz; ++k)
      for (int j = 0; j < e.ny; ++j)
        for (int i = 0; i < e.nx; ++i) {
          const double rho = met.density_kg_m3(k, j, i);
          const double lwc = met.cloud_water_kg_kg(k, j, i) * rho * 1000.0;  // g/m^3
          if (lwc < threshold_g_m3_) continue;
          const double cair = rho / (aer::kMolarMassAir * 1e-3);  // mol/m^3
          aer::CloudCell cell;
          cell.temperature_K = met.temperature_K(k, j, i);
          cell.pressure_Pa = met.pressure_Pa(k, j, i);
          cell.lwc_g_m3 = lwc;
          cell.co2_mol_mol = co2_;
          cell.so2 = value(so2_, k, j, i) * cair;
          cell.h2o2 = value(h2o2_, k, j, i) * cair;
          cell.o3 = value(o3_, k, j, i) * cair;
          // kg/kg × ρ / M(kg/mol) = mol/m^3.
          cell.sulfate = value(sulf_, k, j, i) * cair +
                         value(aso4_, k, j, i) * rho / (aer::kMolarMassSO4 * 1e-3);
          cell.ammonia = value(nh3_, k, j, i) * cair +
                         value(anh4_, k, j, i) * rho / (aer::kMolarMassNH4 * 1e-3);
          cell.nitrate = value(hno3_, k, j, i) * cair +
                         value(ano3_, k, j, i) * rho / (aer::kMolarMassNO3 * 1e-3);
          const double so2_0 = cell.so2, h2o2_0 = cell.h2o2, o3_0 = cell.o3;
          const auto res = aer::cloud_sulfate_step(cell, ctx.dt_s);
          if (res.sulfate_produced <= 0.0) continue;
          const double air = met.air_mass_kg(k, j, i);
          const double dso2 = (cell.so2 - so2_0) / cair;  // mol/mol
          s.tracers[so2_](k, j, i) += dso2;
          d_so2 += dso2 * air;
          if (h2o2_ >= 0) {
            const double d = (cell.h2o2 - h2o2_0) / cair;
            s.tracers[h2o2_](k, j, i) += d;
            d_h2o2 += d * air;
          }
          if (o3_ >= 0) {
            const double d = (cell.o3 - o3_0) / cair;
            s.tracers[o3_](k, j, i) += d;
            d_o3 += d * air;
          }
          const double dso4 = res.sulfate_produced * aer::kMolarMassSO4 * 1e-3 / rho;  // kg/kg
          s.tracers[aso4_](k, j, i) += dso4;
          d_so4 += dso4 * air;
        }
    auto record = [&](int index, double d) {
      if (index >= 0)
        ctx.budget->local(std::size_t(index)).chemistry_change_kg += d * model_.mass_ratio(index);
    };
    record(so2_, d_so2);
    record(h2o2_, d_h2o2);
    record(o3_, d_o3);
    record(aso4_, d_so4);
  }

 private:
  Model& model_;
  double threshold_g_m3_ = 0.01, co2_ = 420e-6;
  int so2_ = -1, h2o2_ = -1, o3_ = -1, sulf_ = -1, nh3_ = -1, hno3_ = -1, aso4_ = -1, anh4_ = -1,
      ano3_ = -1;
};

}  // namespace

void register_aerosol_processes(ProcessFactory& f) {
  register_deposition_processes(f);
  f.add("aerosol",
        [](const io::Config& c, Model& m) { return std::make_unique<AerosolProcess>(c, m); });
  f.add("cloud_chemistry", [](const io::Config& c, Model& m) {
    return std::make_unique<CloudChemistryProcess>(c, m);
  });
}

std::vector<FieldInfo> aerosol_field_infos(bool sea_salt) {
  std::vector<FieldInfo> v;
  auto add = [&](std::string_view name, const std::string& long_name,
                 const std::string& standard = "") {
    v.push_back(FieldInfo{std::string(name), "kg/kg", Phase::aerosol, 0.0, long_name, standard});
  };
  add("ASO4", "particulate sulfate", "mass_fraction_of_sulfate_dry_aerosol_particles_in_air");
  add("ANO3", "particulate nitrate", "mass_fraction_of_nitrate_dry_aerosol_particles_in_air");
  add("ANH4", "particulate ammonium", "mass_fraction_of_ammonium_dry_aerosol_particles_in_air");
  add("AEC", "elemental carbon", "mass_fraction_of_elemental_carbon_dry_aerosol_particles_in_air");
  add("APOA", "primary organic aerosol",
      "mass_fraction_of_primary_particulate_organic_matter_dry_aerosol_particles_in_air");
  add("AOTHR", "other primary PM2.5");
  add("ACORS", "coarse particles (PM2.5-10)");
  if (sea_salt) {
    add("ANA", "particulate sodium");
    add("ACL", "particulate chloride");
  }
  for (int i = 0; i < aer::kVbsBins; ++i) {
    const std::string bin = std::to_string(i + 1);
    add(aer::kVbsGasNames[std::size_t(i)], "semi-volatile organic vapour, VBS bin " + bin);
    add(aer::kVbsParticleNames[std::size_t(i)], "secondary organic aerosol, VBS bin " + bin);
  }
  return v;
}

void diagnose_pm(const FieldRegistry& r, const MetTile& met, Array3& pm25, Array3& pm10) {
  const Extents e = r.extents();
  if (pm25.extents() != Extents{e.nx, e.ny, e.nz, 0}) pm25 = Array3(Extents{e.nx, e.ny, e.nz, 0});
  if (pm10.extents() != Extents{e.nx, e.ny, e.nz, 0}) pm10 = Array3(Extents{e.nx, e.ny, e.nz, 0});
  pm25.fill(0.0);
  pm10.fill(0.0);
  bool bins = false;
  for (auto n : aer::kVbsParticleNames) bins = bins || r.index(std::string(n)).has_value();
  for (auto name : aer::kAerosolTracers) {
    const auto idx = r.index(std::string(name));
    if (!idx || (name == "ASOA" && bins)) continue;
    const bool fine = name != "ACORS";
    const Array3& q = r[*idx];
    for (int k = 0; k < e.nz; ++k)
      for (int j = 0; j < e.ny; ++j)
        for (int i = 0; i < e.nx; ++i) {
          const double ug = q(k, j, i) * met.density_kg_m3(k, j, i) * 1e9;
          pm10(k, j, i) += ug;
          if (fine) pm25(k, j, i) += ug;
        }
  }
}

}  // namespace qiantang::solver
