#include "solver/driver/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "io/initial/initial_file.hpp"
#include "io/csv/station_csv.hpp"
#include "io/output/concentration_writer.hpp"
#include "io/output/station_list.hpp"
#include "io/restart/restart.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "solver/aerosol/aerosol_processes.hpp"
#include "solver/attribution/attribution.hpp"
#include "solver/attribution/o3_regime.hpp"
#include "solver/coupling/gas_chemistry_process.hpp"
#include "solver/deposition/deposition_processes.hpp"
#include "solver/driver/transport_processes.hpp"
#include "solver/emissions/emission_process.hpp"
#include "solver/fields/cf_names.hpp"
#include "chemistry/aerosol/species.hpp"
#include "chemistry/mechanism/mechanism.hpp"
#include "solver/parallel/environment.hpp"
#include "solver/transport/ppm.hpp"

namespace qiantang::solver {
namespace {

constexpr int kHalo = transport::kPpmHalo;
// Restart entries of ModelState::process_state are named with this prefix.
const std::string kProcessStatePrefix = "process_state:";

ProcessFactory& factory() {
  static const bool registered = [] {
    register_transport_processes(ProcessFactory::instance());
    register_chemistry_processes(ProcessFactory::instance());
    register_emission_processes(ProcessFactory::instance());
    register_deposition_processes(ProcessFactory::instance());
    register_aerosol_processes(ProcessFactory::instance());
    return true;
  }();
  (void)registered;
  return ProcessFactory::instance();
}

std::vector<std::filesystem::path> paths(const io::Config& c, const std::string& section, const std::string& key) {
  std::vector<std::filesystem::path> out;
  for (const auto& p : c.get_list(section, key)) {
    std::filesystem::path path(p);
    out.push_back(path.is_absolute() ? path : c.base_dir() / path);
  }
  return out;
}

}  // namespace

grid::HorizontalGrid domain_grid(const io::Config& c, int& nz, int& window_i0, int& window_j0) {
  const std::string format = c.get_string("met", "format", "cf");
  if (format != "cf" && format != "wrf")
    throw InputError(c.where("met", "format"), "met.format", "one of {cf, wrf}, got '" + format + "'");
  const auto met_files = paths(c, "met", "files");
  const grid::HorizontalGrid met_grid = met_file_grid(format, met_files, nz);
  window_i0 = 0;
  window_j0 = 0;
  if (!c.has("domain", "window")) return met_grid;
  const auto w = c.get_doubles("domain", "window");
  if (w.size() != 4) throw InputError(c.where("domain", "window"), "domain.window", "four integers: i0 j0 nx ny");
  window_i0 = int(w[0]);
  window_j0 = int(w[1]);
  return met_grid.window(window_i0, window_j0, int(w[2]), int(w[3]));  // throws when outside the met grid
}

Model::~Model() = default;

Model::Model(const io::Config& c, const parallel::Communicator* comm_or_null) : config_file_(c.file().string()) {
  const std::string file = config_file_;
  // --- met and decomposition
  const auto met_files = paths(c, "met", "files");
  int nz = 0, wi0 = 0, wj0 = 0;
  const grid::HorizontalGrid domain = domain_grid(c, nz, wi0, wj0);
  const int wnx = domain.nx(), wny = domain.ny();
  domain_name_ = c.get_string("domain", "name", "d01");
  if (comm_or_null) {
    comm_ = comm_or_null;
  } else {
    owned_comm_ = std::make_unique<parallel::Communicator>(parallel::Decomposition::create(
        wnx, wny, parallel::Environment::world_size(), parallel::Environment::world_rank(), kHalo, file));
    comm_ = owned_comm_.get();
  }
  const auto& d = comm_->decomposition();
  met_ = make_met_provider(c.get_string("met", "format", "cf"), met_files, d, kHalo, wi0, wj0);

  // --- time
  settings_.start = c.get_time("run", "start");
  if (c.has("run", "end")) {
    // An explicit end wins over a length (the forecast sets run.end on configs that give hours).
    settings_.end = c.get_time("run", "end");
    if (c.has("run", "hours")) (void)c.get_double("run", "hours");
  } else {
    settings_.end = settings_.start + Seconds(std::llround(c.get_double("run", "hours") * 3600.0));
  }
  if (settings_.end <= settings_.start)
    throw InputError(c.where("run", "end"), "run.end", "an end time after run.start");
  settings_.dt_max_s = c.get_double("run", "time_step_s");
  if (!(settings_.dt_max_s > 0))
    throw InputError(c.where("run", "time_step_s"), "run.time_step_s", "a positive time step in seconds");
  settings_.output_interval_s = c.get_double("output", "interval_s", 3600.0);
  if (!(settings_.output_interval_s > 0))
    throw InputError(c.where("output", "interval_s"), "output.interval_s", "a positive output interval");
  settings_.restart_interval_s = 3600.0 * c.get_double("run", "restart_interval_h", 24.0);
  settings_.progress = c.get_bool("run", "progress", true);
  if (settings_.start < met_->first_time() || settings_.end > met_->last_time())
    throw InputError(met_files.front().string(), "time",
                     "met records covering the run " + format_iso8601(settings_.start) + " to " +
                         format_iso8601(settings_.end) + " (they cover " + format_iso8601(met_->first_time()) +
                         " to " + format_iso8601(met_->last_time()) + ")");
  if (c.has("run", "restart_from")) restart_from_ = c.get_path("run", "restart_from");

  // --- transport settings
  kh_m2_s_ = c.get_double("transport", "horizontal_diffusivity_m2_s", 0.0);
  if (c.has("transport", "vertical_diffusivity_m2_s"))
    kz_constant_ = c.get_double("transport", "vertical_diffusivity_m2_s");

  state_ = std::make_unique<ModelState>(Extents{d.nx, d.ny, nz, kHalo});
  state_->time = settings_.start;
  advection_ = std::make_unique<transport::Advection>(Extents{d.nx, d.ny, nz, kHalo});
  read_species(c);
  read_initial(c);
  if (attribution::Attribution::enabled(c)) {
    // Tags are tracers after the bulk species: registered before the boundary values and the
    // nest boundary file are set up, so that inflow and nesting see them.
    attribution_ = std::make_unique<attribution::Attribution>(c, state_->tracers, grid(), d);
    attribution_->initialise(state_->tracers);
  }
  read_boundary(c);
  if (c.has("emissions", "point_sources")) {
    const auto path = c.get_path("emissions", "point_sources");
    std::ifstream in(path);
    if (!in) throw InputError(path.string(), "", "a readable point-source CSV (species,i,j,k,rate_kg_s)");
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      if (lineno == 1 || line.empty()) continue;  // header
      std::stringstream ss(line);
      PointSource p;
      std::string field;
      std::vector<std::string> v;
      while (std::getline(ss, field, ',')) v.push_back(field);
      try {
        if (v.size() != 5) throw std::invalid_argument("columns");
        p = {v[0], std::stoi(v[1]), std::stoi(v[2]), std::stoi(v[3]), std::stod(v[4])};
      } catch (const std::exception&) {
        throw InputError(path.string() + ":" + std::to_string(lineno), "point source",
                         "species,i,j,k,rate_kg_s with integer indices and a number");
      }
      if (!state_->tracers.index(p.species))
        throw InputError(path.string() + ":" + std::to_string(lineno), p.species, "a species of the run");
      if (p.i < 0 || p.i >= d.global_nx || p.j < 0 || p.j >= d.global_ny || p.k < 0 || p.k >= nz)
        throw InputError(path.string() + ":" + std::to_string(lineno), "i,j,k", "a cell inside the domain");
      if (!(p.rate_kg_s >= 0) || !std::isfinite(p.rate_kg_s))
        throw InputError(path.string() + ":" + std::to_string(lineno), "rate_kg_s", "a finite, non-negative rate");
      point_sources_.push_back(p);
    }
  }
  std::vector<std::string> names;
  for (int n = 0; n < state_->tracers.size(); ++n) names.push_back(state_->tracers.info(n).name);
  budget_ = std::make_unique<Budget>(names);
  read_output(c);
  verification_case_ = c.get_string("verification", "case", "");
  read_processes(c);
  c.check_all_used();
}

double Model::mass_ratio(int n) const {
  const double mw = state_->tracers.info(n).molar_mass_g_mol;
  return mw > 0 ? mw / (1000.0 * constants::molar_mass_air_kg_mol) : 1.0;
}

void Model::read_species(const io::Config& c) {
  auto add = [&](FieldInfo info) {
    if (state_->tracers.index(info.name))
      throw InputError(c.where("species", "tracers"), info.name, "each species once (mechanism, aerosols and tracers)");
    state_->tracers.add(std::move(info));
  };
  // Gases of the mechanism first, in the mechanism's order (so tracer n is mechanism species n).
  if (c.has("chemistry", "mechanism")) {
    mechanism_ = std::make_shared<const chemistry::Mechanism>(
        chemistry::Mechanism::load(c.get_path("chemistry", "mechanism")));
    for (int s = 0; s < mechanism_->n_species(); ++s) {
      const auto& name = mechanism_->species_name(s);
      add(FieldInfo{name, "mol/mol", Phase::gas, mechanism_->molar_mass_g_mol(s), name + " (gas)",
                    cf_standard_name(name, false)});
    }
  }
  for (const auto& name : c.get_list("species", "aerosols", {}))
    add(FieldInfo{name, "kg/kg", Phase::aerosol, 0.0, name + " (aerosol, PM2.5 unless coarse)",
                  cf_standard_name(name, true)});
  for (const auto& name : c.get_list("species", "tracers", {}))
    add(FieldInfo{name, "mol/mol", Phase::gas, 0.0, "passive tracer " + name, ""});
  if (state_->tracers.size() == 0)
    throw InputError(c.where("species", "tracers"), "species",
                     "at least one species ([chemistry] mechanism, [species] aerosols or tracers)");
}

double Model::background_value(int n, double z_m, double rho_kg_m3) const {
  const auto& p = boundary_profile_of_.empty() ? std::nullopt : boundary_profile_of_[std::size_t(n)];
  if (!p) return boundary_values_.empty() ? 0.0 : boundary_values_[std::size_t(n)];
  const double v = p->at(z_m);
  // ppb → mol/mol; µg/m³ → kg/kg at the local air density.
  return p->units == "ppb" ? v * 1e-9 : v * 1e-9 / rho_kg_m3;
}

void Model::read_initial(const io::Config& c) {
  const auto& d = comm_->decomposition();
  const int nz = state_->tracers.extents().nz;
  std::map<std::string, std::vector<double>> from_file;
  if (c.has("initial_conditions", "file")) {
    std::vector<std::string> names;
    for (int n = 0; n < state_->tracers.size(); ++n)
      if (!c.has("initial_conditions", state_->tracers.info(n).name)) names.push_back(state_->tracers.info(n).name);
    from_file = io::read_initial_window(c.get_path("initial_conditions", "file"), names, d.global_nx, d.global_ny, nz,
                                        d.i0, d.j0, d.nx, d.ny);
  }
  if (c.has("initial_conditions", "profile"))
    initial_profile_ = io::BackgroundProfiles::load(c.get_path("initial_conditions", "profile"));
  MetTile m0;
  if (initial_profile_) met_->tile_at(settings_.start, m0);
  for (int n = 0; n < state_->tracers.size(); ++n) {
    const auto& name = state_->tracers.info(n).name;
    Array3& f = state_->tracers[n];
    const auto profile = initial_profile_ ? initial_profile_->find(name) : std::nullopt;
    if (profile && !c.has("initial_conditions", name) && !from_file.count(name)) {
      for (int k = 0; k < nz; ++k)
        for (int j = 0; j < d.ny; ++j)
          for (int i = 0; i < d.nx; ++i) {
            const double z = 0.5 * (m0.z_interface_m(k, j, i) + m0.z_interface_m(k + 1, j, i));
            const double v = profile->at(z);
            f(k, j, i) = profile->units == "ppb" ? v * 1e-9 : v * 1e-9 / m0.density_kg_m3(k, j, i);
          }
      continue;
    }
    if (c.has("initial_conditions", name)) {
      const double v = c.get_double("initial_conditions", name);
      if (v < 0) throw InputError(c.where("initial_conditions", name), "initial_conditions." + name, "a non-negative mixing ratio");
      f.fill(v);
    } else if (from_file.count(name)) {
      const auto& v = from_file[name];
      std::size_t m = 0;
      for (int k = 0; k < nz; ++k)
        for (int j = 0; j < d.ny; ++j)
          for (int i = 0; i < d.nx; ++i) f(k, j, i) = v[m++];
    }
  }
}

void Model::read_boundary(const io::Config& c) {
  boundary_values_.assign(std::size_t(state_->tracers.size()), 0.0);
  if (c.has("boundary_conditions", "profile"))
    boundary_profile_ = io::BackgroundProfiles::load(c.get_path("boundary_conditions", "profile"));
  for (int n = 0; n < state_->tracers.size(); ++n) {
    const auto& name = state_->tracers.info(n).name;
    const double v = c.get_double("boundary_conditions", name, 0.0);
    if (v < 0) throw InputError(c.where("boundary_conditions", name), "boundary_conditions." + name, "a non-negative mixing ratio");
    boundary_values_[std::size_t(n)] = v;
  }
  if (c.has("boundary_conditions", "nest_file")) {
    const auto& d = comm_->decomposition();
    nest_boundary_ = std::make_unique<NestBoundary>(c.get_path("boundary_conditions", "nest_file"), d.global_nx,
                                                    d.global_ny, kHalo, state_->tracers.extents().nz, state_->tracers);
    if (comm_->is_root() && !nest_boundary_->missing().empty()) {
      std::string m;
      for (const auto& name : nest_boundary_->missing()) m += " " + name;
      std::fprintf(stderr, "warning: %s: the nest boundary file has no values for%s; their inflow uses the profile\n",
                   c.where("boundary_conditions", "nest_file").c_str(), m.c_str());
    }
  }
  for (const auto& p : c.get_list("nest", "inner", {})) {
    std::filesystem::path path(p);
    nest_inner_configs_.push_back(path.is_absolute() ? path : c.base_dir() / path);
  }
  if (boundary_profile_) {
    for (int n = 0; n < state_->tracers.size(); ++n) {
      const auto& name = state_->tracers.info(n).name;
      // A value given for the species in [boundary_conditions] overrides its profile.
      boundary_profile_of_.push_back(c.has("boundary_conditions", name) ? std::nullopt : boundary_profile_->find(name));
    }
  }
}

void Model::read_processes(const io::Config& c) {
  for (const auto& name : c.get_list("processes", "order")) {
    auto p = factory().create(name, c, *this, c.where("processes", "order"));
    processes_.push_back(attribution_ ? attribution_->wrap(std::move(p)) : std::move(p));
  }
}

void Model::read_output(const io::Config& c) {
  output_dir_ = c.get_path("output", "dir", c.base_dir() / "output");
  restart_dir_ = output_dir_ / "restart";
  output_3d_ = c.get_bool("output", "three_d", false);
  std::vector<std::string> all;
  for (int n = 0; n < state_->tracers.size(); ++n) all.push_back(state_->tracers.info(n).name);
  output_species_ = c.get_list("output", "species", all);
  if (attribution_)
    for (int n = 0; n < state_->tracers.size(); ++n)
      if (attribution_->is_tag(n) &&
          std::find(output_species_.begin(), output_species_.end(), state_->tracers.info(n).name) == output_species_.end())
        output_species_.push_back(state_->tracers.info(n).name);
  for (const auto& s : output_species_)
    if (!state_->tracers.index(s)) throw InputError(c.where("output", "species"), s, "a species of the run");
  // PM2.5: the fine aerosol tracers, PM10 adds the coarse ones; both lists may be given.
  std::vector<std::string> coarse_default, pm25_default;
  // SVOC vapours are carried as kg/kg but are not particles; ASOA counts only without its bins.
  const bool soa_bins = state_->tracers.index("ASOA1").has_value();
  for (int n = 0; n < state_->tracers.size(); ++n) {
    const auto& info = state_->tracers.info(n);
    if (info.phase != Phase::aerosol) continue;
    if (info.name == "ACORS") coarse_default.push_back(info.name);
    else if (chemistry::aerosol::is_fine_aerosol(info.name) && !(soa_bins && info.name == "ASOA"))
      pm25_default.push_back(info.name);
  }
  auto indices = [&](const std::string& key, const std::vector<std::string>& fallback) {
    std::vector<int> out;
    for (const auto& name : c.get_list("species", key, fallback)) {
      const auto n = state_->tracers.index(name);
      if (!n || state_->tracers.info(*n).phase != Phase::aerosol)
        throw InputError(c.where("species", key), name, "an aerosol tracer of the run ([species] aerosols)");
      out.push_back(*n);
    }
    return out;
  };
  pm25_species_ = indices("pm25", pm25_default);
  coarse_species_ = indices("coarse", coarse_default);
  if (c.has("output", "stations")) {
    const auto list = c.get_path("output", "stations");
    stations_ = std::make_unique<StationSampler>(io::read_station_list(list), grid(),
                                                 station_pollutants(state_->tracers, pm25_species_, coarse_species_),
                                                 list.string());
    if (attribution_) attribution_->set_stations(io::read_station_list(list), grid(), pm25_species_, list.string());
  }
}

std::vector<double> Model::gather_pm(const ModelState& s, const MetTile& met, bool with_coarse) const {
  const Extents e = s.tracers.extents();
  Array3 pm(Extents{e.nx, e.ny, e.nz, e.halo});
  for (int k = 0; k < e.nz; ++k)
    for (int j = 0; j < e.ny; ++j)
      for (int i = 0; i < e.nx; ++i) {
        double q = 0.0;
        for (int n : pm25_species_) q += s.tracers[n](k, j, i);
        if (with_coarse)
          for (int n : coarse_species_) q += s.tracers[n](k, j, i);
        pm(k, j, i) = q * met.density_kg_m3(k, j, i) * 1e9;  // kg/kg → µg/m³
      }
  return comm_->gather(pm);
}

// Inflow value of tracer n in the halo cell (k, j, i) beside the edge cell (k, ej, ei) (tile
// indices): the outer domain's value there when nested, otherwise the profile (or constant) at
// the edge cell's height and density. A `boundary` attribution tag takes the weighted sum of its
// pool members' inflow; the other tags bring nothing in (unless the outer domain carries them).
double Model::inflow_value(std::size_t n, int k, int j, int i, int ej, int ei) const {
  const MetTile* met = boundary_met_;
  const auto& d = comm_->decomposition();
  if (nest_boundary_ && met && nest_boundary_->has(int(n))) return nest_boundary_->value(int(n), k, d.i0 + i, d.j0 + j);
  if (attribution_ && attribution_->is_tag(int(n))) {
    const auto* members = attribution_->boundary_members(int(n));
    double v = 0.0;
    if (members)
      for (const auto& m : *members) v += m.weight * inflow_value(std::size_t(m.tracer), k, j, i, ej, ei);
    return v;
  }
  const bool by_height = !boundary_profile_of_.empty() && boundary_profile_of_[n] && met;
  if (!by_height) return n < boundary_values_.size() ? boundary_values_[n] : 0.0;
  const double z = 0.5 * (met->z_interface_m(k, ej, ei) + met->z_interface_m(k + 1, ej, ei));
  return background_value(int(n), z, met->density_kg_m3(k, ej, ei));
}

// Lateral boundaries: inflow faces see the boundary value, outflow faces a zero-gradient copy
// of the edge cell (DESIGN.md; decided per face from the sign of the air-mass flux).
void Model::fill_boundary(parallel::Side side, Array3& f, std::size_t index) const {
  const Extents e = f.extents();
  const int h = e.halo;
  const MetTile* met = boundary_met_;
  if (nest_boundary_ && met && nest_boundary_->time() != met->time) nest_boundary_->set_time(met->time);
  using parallel::Side;
  for (int k = 0; k < e.nz; ++k) {
    if (side == Side::west || side == Side::east) {
      const bool west = side == Side::west;
      const int edge = west ? 0 : e.nx - 1, face = west ? 0 : e.nx;
      for (int j = 0; j < e.ny; ++j) {
        const double flux = met ? met->x_face_mass_flux_kg_s(k, j, face) : 0.0;
        const bool inflow = west ? flux > 0 : flux < 0;
        for (int g = 1; g <= h; ++g) {
          const int i = west ? -g : e.nx - 1 + g;
          f(k, j, i) = inflow ? inflow_value(index, k, j, i, j, edge) : f(k, j, edge);
        }
      }
    } else {
      const bool south = side == Side::south;
      const int edge = south ? 0 : e.ny - 1, face = south ? 0 : e.ny;
      for (int i = -h; i < e.nx + h; ++i) {
        // The face flux of this very column (met faces carry a halo), so the decision does not
        // depend on where the tile ends.
        const double flux = met ? met->y_face_mass_flux_kg_s(k, face, i) : 0.0;
        const bool inflow = south ? flux > 0 : flux < 0;
        for (int g = 1; g <= h; ++g) {
          const int j = south ? -g : e.ny - 1 + g;
          f(k, j, i) = inflow ? inflow_value(index, k, j, i, edge, i) : f(k, edge, i);
        }
      }
    }
  }
}

std::vector<double> Model::gather_tracer(int n) const { return comm_->gather(state_->tracers[n]); }

std::vector<SpeciesBudget> Model::total_budget(const ModelState& s, const MetTile& met) const {
  std::vector<SpeciesBudget> tot(std::size_t(s.tracers.size()));
  const Extents e = s.tracers.extents();
  for (int n = 0; n < s.tracers.size(); ++n) {
    double mass = 0;
    for (int k = 0; k < e.nz; ++k)
      for (int j = 0; j < e.ny; ++j)
        for (int i = 0; i < e.nx; ++i) mass += s.tracers[n](k, j, i) * met.air_mass_kg(k, j, i);
    const auto& l = budget_->locals()[std::size_t(n)];
    auto& t = tot[std::size_t(n)];
    t.mass_now_kg = comm_->sum_ordered(mass * mass_ratio(n));
    t.mass_start_kg = mass_start_.empty() ? t.mass_now_kg : mass_start_[std::size_t(n)];
    t.emitted_kg = comm_->sum_ordered(l.emitted_kg);
    t.dry_deposited_kg = comm_->sum_ordered(l.dry_deposited_kg);
    t.wet_deposited_kg = comm_->sum_ordered(l.wet_deposited_kg);
    t.boundary_in_kg = comm_->sum_ordered(l.boundary_in_kg);
    t.boundary_out_kg = comm_->sum_ordered(l.boundary_out_kg);
    t.chemistry_change_kg = comm_->sum_ordered(l.chemistry_change_kg);
  }
  return tot;
}

void Model::write_output(const ModelState& s, const MetTile& met) {
  std::vector<std::vector<double>> values;
  for (const auto& name : output_species_) {
    auto g = gather_tracer(*s.tracers.index(name));
    if (comm_->is_root() && !output_3d_) g.resize(std::size_t(grid().nx()) * std::size_t(grid().ny()));
    values.push_back(std::move(g));
  }
  if (!pm25_species_.empty()) {
    for (bool coarse : {false, true}) {
      auto g = gather_pm(s, met, coarse);
      if (comm_->is_root() && !output_3d_) g.resize(std::size_t(grid().nx()) * std::size_t(grid().ny()));
      values.push_back(std::move(g));
    }
  }
  if (attribution_) {
    std::vector<Array3> ratios;
    attribution_->regime_fields(s.tracers, ratios);
    for (auto& r : ratios) values.push_back(comm_->gather(r));
  }
  // Daily O3 regime per cell: the surface H2O2, HNO3, HCHO, NO2 at the afternoon output times.
  if (attribution_ && !attribution_->regime_species().empty()) {
    if (o3_regime_) o3_regime_->passed(s.time);
    if (attribution::DailyO3Regime::in_window(s.time)) {
      std::vector<std::vector<double>> f;
      for (int n : attribution_->regime_species()) {
        auto g = gather_tracer(n);
        if (comm_->is_root()) g.resize(std::size_t(grid().nx()) * std::size_t(grid().ny()));
        f.push_back(std::move(g));
      }
      if (o3_regime_) o3_regime_->sample(s.time, f[0], f[1], f[2], f[3]);
    }
  }
  if (!nest_inner_configs_.empty()) {
    std::vector<std::vector<double>> all;
    for (int n = 0; n < s.tracers.size(); ++n) all.push_back(gather_tracer(n));
    if (comm_->is_root())
      for (auto& child : nest_children_) child->write(s.time, all);
  }
  const auto totals = total_budget(s, met);
  if (!comm_->is_root()) return;
  writer_->write(s.time, values);
  if (stations_ && s.time > settings_.start) {
    if (attribution_) attribution_->close_interval(s.time);
    stations_->close_interval(s.time, station_series_);
    io::write_long_csv(output_dir_ / "stations.csv", station_series_);
  }
  const auto budget_path = output_dir_ / "budget.csv";
  const bool fresh = !std::filesystem::exists(budget_path);
  std::FILE* f = std::fopen(budget_path.c_str(), "a");
  if (!f) throw InputError(budget_path.string(), "", "a writable budget file");
  if (fresh) Budget::write_csv_header(f);
  budget_->write_csv(f, s.time, totals);
  std::fclose(f);
}

void Model::write_restart(const ModelState& s) {
  io::RestartData r;
  r.time = s.time;
  r.step = s.step;
  r.nx = grid().nx();
  r.ny = grid().ny();
  r.nz = s.tracers.extents().nz;
  for (int n = 0; n < s.tracers.size(); ++n) {
    r.species.push_back(s.tracers.info(n).name);
    r.fields.push_back(gather_tracer(n));
  }
  for (int n = 0; n < s.process_state.size(); ++n) {
    r.species.push_back(kProcessStatePrefix + s.process_state.info(n).name);
    r.fields.push_back(comm_->gather(s.process_state[n]));
  }
  for (std::size_t n = 0; n < budget_->locals().size(); ++n) {
    const auto& l = budget_->locals()[n];
    r.budget.push_back(n < mass_start_.size() ? mass_start_[n] : 0.0);  // already a global total
    for (double v : {l.emitted_kg, l.dry_deposited_kg, l.wet_deposited_kg, l.boundary_in_kg, l.boundary_out_kg,
                     l.chemistry_change_kg})
      r.budget.push_back(comm_->sum_ordered(v));
  }
  if (comm_->is_root()) io::write_restart(io::restart_path(restart_dir_, s.time), r);
}

void Model::restore(const std::filesystem::path& path) {
  const auto r = io::read_restart(path);
  const auto& d = comm_->decomposition();
  if (r.nx != grid().nx() || r.ny != grid().ny() || r.nz != state_->tracers.extents().nz)
    throw InputError(path.string(), "grid", "a restart of this domain's size");
  if (r.time != settings_.start)
    throw InputError(path.string(), "time", "a restart at run.start " + format_iso8601(settings_.start) + ", got " +
                                                format_iso8601(r.time));
  const auto find = [&](const std::string& name) {
    std::size_t idx = r.species.size();
    for (std::size_t m = 0; m < r.species.size(); ++m)
      if (r.species[m] == name) idx = m;
    return idx;
  };
  const auto scatter = [&](std::size_t idx, Array3& f) {
    for (int k = 0; k < r.nz; ++k)
      for (int j = 0; j < d.ny; ++j)
        for (int i = 0; i < d.nx; ++i)
          f(k, j, i) = r.fields[idx][(std::size_t(k) * std::size_t(r.ny) + std::size_t(d.j0 + j)) * std::size_t(r.nx) +
                                     std::size_t(d.i0 + i)];
  };
  for (int n = 0; n < state_->tracers.size(); ++n) {
    const auto& name = state_->tracers.info(n).name;
    const std::size_t idx = find(name);
    if (idx == r.species.size()) throw InputError(path.string(), name, "this species in the restart file");
    scatter(idx, state_->tracers[n]);
  }
  // Process state missing from the restart (a run configured without that process) starts
  // from its initial value, as in a fresh run.
  for (int n = 0; n < state_->process_state.size(); ++n) {
    const std::size_t idx = find(kProcessStatePrefix + state_->process_state.info(n).name);
    if (idx != r.species.size()) scatter(idx, state_->process_state[n]);
  }
  state_->step = r.step;
  // Budget accumulators continue on rank 0 (they are sums over ranks).
  const std::size_t ns = budget_->locals().size();
  if (r.budget.size() != 7 * ns) throw InputError(path.string(), "budget", "accumulators for every species");
  mass_start_.assign(ns, 0.0);
  for (std::size_t n = 0; n < ns; ++n) {
    mass_start_[n] = r.budget[7 * n];
    auto& l = budget_->local(n);
    if (comm_->is_root()) {
      l.emitted_kg = r.budget[7 * n + 1];
      l.dry_deposited_kg = r.budget[7 * n + 2];
      l.wet_deposited_kg = r.budget[7 * n + 3];
      l.boundary_in_kg = r.budget[7 * n + 4];
      l.boundary_out_kg = r.budget[7 * n + 5];
      l.chemistry_change_kg = r.budget[7 * n + 6];
    }
  }
}

RunSummary Model::run() {
  const auto wall0 = std::chrono::steady_clock::now();
  std::vector<double> z;
  {
    MetTile m0;
    met_->tile_at(settings_.start, m0);
    // Layer-centre heights of the first column of rank 0's tile, for the z coordinate.
    std::vector<double> zl;
    for (int k = 0; k < state_->tracers.extents().nz; ++k)
      zl.push_back(0.5 * (m0.z_interface_m(k, 0, 0) + m0.z_interface_m(k + 1, 0, 0)));
    z = zl;
    if (restart_from_) {
      restore(*restart_from_);
    } else {
      mass_start_.clear();
      mass_start_ = [&] {
        std::vector<double> v;
        for (const auto& t : total_budget(*state_, m0)) v.push_back(t.mass_now_kg);
        return v;
      }();
    }
  }
  if (comm_->is_root()) {
    std::filesystem::create_directories(output_dir_);
    if (!restart_from_) std::filesystem::remove(output_dir_ / "budget.csv");
    std::vector<io::OutputVariable> vars;
    for (const auto& name : output_species_) {
      const auto& info = state_->tracers.info(*state_->tracers.index(name));
      const bool tag = attribution_ && attribution_->is_tag(*state_->tracers.index(name));
    const std::string units = tag ? (info.units == "kg/kg" ? "kg kg-1" : "mol mol-1")
                                  : info.phase == Phase::gas ? "mol mol-1" : "kg kg-1";
    // Tags are written at the surface only (their 3-D fields are in the restart).
    vars.push_back({name, units, info.long_name, info.standard_name, output_3d_ && !tag});
    }
    if (!pm25_species_.empty()) {
      vars.push_back({"PM25", "ug m-3", "PM2.5 dry mass at local conditions",
                      "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air", output_3d_});
      vars.push_back({"PM10", "ug m-3", "PM10 dry mass at local conditions",
                      "mass_concentration_of_pm10_ambient_aerosol_particles_in_air", output_3d_});
    }
    if (attribution_)
      for (const auto& name : attribution_->regime_variable_names())
        vars.push_back({name, "1", name == "H2O2_HNO3" ? "O3 regime indicator H2O2/HNO3 (mol/mol; > 0.35 NOx-limited, Sillman 1995)"
                                                      : "O3 regime indicator HCHO/NO2 (mol/mol; < 1 VOC-, > 2 NOx-limited, Duncan et al. 2010)",
                        "", false});
    writer_ = std::make_unique<io::ConcentrationWriter>(output_dir_, domain_name_, grid(), z, vars);
    if (attribution_ && !attribution_->regime_species().empty())
      o3_regime_ = std::make_unique<attribution::DailyO3Regime>(
          output_dir_ / ("o3_regime_" + domain_name_ + ".nc"), domain_name_, grid(),
          io::O3RegimeThresholds{attribution_->regime_threshold(), 1.0, 2.0});
    // A restarted run continues the station series written so far.
    if (restart_from_ && stations_ && std::filesystem::exists(output_dir_ / "stations.csv"))
      station_series_ = io::read_station_csv(output_dir_ / "stations.csv");
  }
  // Nest boundary files for inner domains (geometry on every rank, the file on rank 0).
  {
    std::vector<std::string> names;
    for (int n = 0; n < state_->tracers.size(); ++n) names.push_back(state_->tracers.info(n).name);
    for (const auto& inner_path : nest_inner_configs_) {
      const auto inner = io::Config::load(inner_path);
      const auto name = inner.get_string("domain", "name", inner_path.stem().string());
      nest_children_.push_back(std::make_unique<NestParent>(inner, grid(), state_->tracers.extents().nz, kHalo, names,
                                                            output_dir_ / ("bc_" + name + ".nc"), domain_name_,
                                                            comm_->is_root()));
    }
  }
  comm_->barrier();
  MetTile current;
  DriverCallbacks cb;
  cb.met_at = [this](TimePoint t, MetTile& out) {
    met_->tile_at(t, out);
    boundary_met_ = &out;
  };
  cb.output = [this](const ModelState& s, const MetTile& m) { write_output(s, m); };
  cb.restart = [this](const ModelState& s) { write_restart(s); };
  if (stations_)
    cb.after_step = [this](const ModelState& s, const MetTile& m, double dt) {
      stations_->accumulate(s.tracers, m, *comm_, dt);
      if (attribution_) attribution_->accumulate(s.tracers, m, *comm_, dt);
    };
  if (!restart_from_) {
    MetTile m0;
    met_->tile_at(settings_.start, m0);
    write_output(*state_, m0);
  }
  Driver driver(settings_, std::move(processes_), cb, *comm_, *budget_,
                [this](parallel::Side s, Array3& f, std::size_t n) { fill_boundary(s, f, n); });
  driver.run(*state_);
  RunSummary sum;
  if (comm_->is_root()) {
    writer_->close();
    sum.outputs = writer_->files_written();
    for (auto& child : nest_children_) sum.outputs.push_back(child->file());
  }
  for (auto& child : nest_children_) child->close();
  if (o3_regime_) {
    o3_regime_->finish();
    if (std::filesystem::exists(o3_regime_->file())) sum.outputs.push_back(o3_regime_->file());
  }
  if (attribution_) {
    if (comm_->is_root()) attribution_->write_tables(output_dir_);
    const auto& st = attribution_->stats();
    const double tr = comm_->max(st.max_transport_deviation), ck = comm_->max(st.max_check_deviation);
    const double fb = comm_->sum_ordered(double(st.fallback_cells));
    if (comm_->is_root() && settings_.progress)
      std::printf("attribution: %d tags x %zu pools; tile L1 |sum(tags) - bulk|/bulk before renormalisation after transport "
                  "max %.3g; pointwise max |sum(tags)/bulk - 1| at the checks %.3g; %.0f cell updates without any tag (to boundary)\n",
                  attribution_->n_tags(), attribution_->pools().size(), tr, ck, fb);
  }
  sum.end = state_->time;
  sum.steps = state_->step;
  sum.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  if (comm_->is_root() && settings_.progress) {
    std::printf("process times (s):");
    for (const auto& p : driver.processes()) std::printf(" %s %.2f", p->name().c_str(), p->seconds_spent());
    std::printf("\n");
  }
  return sum;
}

}  // namespace qiantang::solver
