#include "solver/emissions/emission_process.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "io/config/config.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "solver/driver/budget.hpp"
#include "solver/driver/met_tile.hpp"
#include "solver/driver/model.hpp"
#include "solver/driver/model_state.hpp"
#include "solver/emissions/allocation.hpp"
#include "solver/emissions/biogenic.hpp"
#include "solver/emissions/regrid.hpp"

namespace qiantang::emissions {
namespace {

// Molar masses of the emitted biogenic compounds (g/mol): isoprene C5H8 68.117; monoterpenes as
// C10H16 136.234 (IUPAC atomic weights). Emission factors are mass of the compound.
constexpr double kIsopreneMolarMass = 68.117, kMonoterpeneMolarMass = 136.234;
const std::string kBiogenicSector = "biogenic";

const std::vector<std::string>& standard_sectors() {
  static const std::vector<std::string> s{"power",   "industry", "residential",     "transport", "agriculture",
                                          "solvent", "dust",     "biomass_burning", "shipping"};
  return s;
}

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

void warn(const parallel::Decomposition& d, const std::string& msg) {
  if (d.rank == 0) std::fprintf(stderr, "warning: emissions: %s\n", msg.c_str());
}

}  // namespace

Settings read_settings(const io::Config& c) {
  Settings s;
  s.where = c.file().string();
  const std::string sec = "emissions";
  for (const auto& p : c.get_list(sec, "inventory", {})) {
    std::filesystem::path path(p);
    s.inventory.push_back(path.is_absolute() ? path : c.base_dir() / path);
  }
  auto opt = [&](const char* key, std::optional<std::filesystem::path>& out) {
    if (c.has(sec, key)) out = c.get_path(sec, key);
  };
  opt("temporal_profiles", s.temporal_profiles);
  opt("vertical_profiles", s.vertical_profiles);
  opt("speciation", s.speciation);
  opt("scaling", s.scaling);
  opt("regions", s.regions);
  opt("biogenic_factors", s.biogenic_factors);
  s.biogenic = c.get_bool(sec, "biogenic", false);
  if (s.inventory.empty() && !s.biogenic)
    throw InputError(c.where(sec, "inventory"), "emissions.inventory",
                     "at least one inventory file, or emissions.biogenic = true (process 'emissions' is in the order)");
  if (!s.inventory.empty() && !s.speciation)
    throw InputError(c.where(sec, "speciation"), "emissions.speciation",
                     "a speciation file (e.g. configs/emissions/speciation_cb6.csv) for the inventory");
  if (s.biogenic && !s.biogenic_factors)
    throw InputError(c.where(sec, "biogenic_factors"), "emissions.biogenic_factors",
                     "a land-use emission-factor file (e.g. configs/emissions/biogenic_factors_modis.csv) when "
                     "biogenic = true");
  if (c.get_bool(sec, "report", true)) s.report_dir = c.get_path("output", "dir", c.base_dir() / "output");
  s.run_start = c.get_time("run", "start");
  s.run_end = c.has("run", "end") ? c.get_time("run", "end")
                                  : s.run_start + Seconds(std::llround(c.get_double("run", "hours") * 3600.0));
  s.report_interval_s = c.get_double("output", "interval_s", 3600.0);
  return s;
}

GriddedEmissions::GriddedEmissions(const Settings& s, const grid::HorizontalGrid& g, const parallel::Decomposition& d,
                                   const std::vector<SpeciesInfo>& species)
    : ni_(d.nx), nj_(d.ny) {
  if (s.temporal_profiles) temporal_ = io::read_temporal_profiles(*s.temporal_profiles);
  if (s.vertical_profiles) vertical_ = io::read_vertical_profiles(*s.vertical_profiles);
  if (s.scaling) scaling_ = io::read_scaling(*s.scaling);
  io::Regions regions;
  if (s.regions) regions = io::read_regions(*s.regions);
  std::vector<io::SpeciationRow> speciation;
  if (s.speciation) speciation = io::read_speciation(*s.speciation);
  auto species_index = [&](const std::string& name) {
    for (std::size_t n = 0; n < species.size(); ++n)
      if (species[n].name == name) return int(n);
    return -1;
  };

  // Inventories onto the tile; the same (sector, species) in several files adds up.
  std::map<std::pair<std::string, std::string>, std::vector<double>> tile;
  for (const auto& file : s.inventory) {
    const io::Inventory inv = io::read_inventory(file);
    check_coverage(inv.grid, g, file.string());
    const OverlapWeights w = conservative_weights(inv.grid, g, d.i0, d.j0, d.nx, d.ny);
    for (const auto& sec : inv.sectors)
      if (!contains(sector_names_, sec)) sector_names_.push_back(sec);
    for (const auto& [key, v] : inv.kg_s) {
      auto r = regrid(w, v);
      auto& dst = tile[key];
      if (dst.empty()) dst.assign(r.size(), 0.0);
      for (std::size_t n = 0; n < r.size(); ++n) dst[n] += r[n];
    }
  }
  for (const auto& sec : sector_names_) {
    const auto p10 = tile.find({sec, "PM10"}), p25 = tile.find({sec, "PM25"});
    if (p10 == tile.end() || p25 == tile.end()) continue;
    std::vector<double> pmc(p10->second.size());
    for (std::size_t n = 0; n < pmc.size(); ++n) pmc[n] = std::max(p10->second[n] - p25->second[n], 0.0);
    tile[{sec, "PMC"}] = std::move(pmc);
  }

  // Speciation: rows of the sector, else of "*".
  std::set<std::string> absent_species, unspeciated;
  std::vector<std::string> source_species = io::inventory_species();
  source_species.push_back("PMC");
  for (const auto& sec : sector_names_) {
    Sector S;
    S.name = sec;
    S.temporal = temporal_profile(temporal_, sec);
    auto v = vertical_.find(sec);
    if (v == vertical_.end()) v = vertical_.find(io::kAnySector);
    S.vertical = v == vertical_.end() ? nullptr : &v->second;
    for (const auto& sp : source_species) {
      const auto f = tile.find({sec, sp});
      if (f == tile.end()) continue;
      std::vector<const io::SpeciationRow*> rows;
      for (const auto& r : speciation)
        if (r.sector == sec && r.inventory_species == sp) rows.push_back(&r);
      if (rows.empty())
        for (const auto& r : speciation)
          if (r.sector == io::kAnySector && r.inventory_species == sp) rows.push_back(&r);
      if (rows.empty()) {
        const bool pm10_via_pmc = sp == "PM10" && tile.count({sec, "PMC"});
        if (!pm10_via_pmc) unspeciated.insert(sec + "/" + sp);
        continue;
      }
      Source src;
      src.inventory_species = sp;
      src.kg_s = f->second;
      for (const auto* r : rows) {
        if (r->model_species == "NR") continue;
        const int m = species_index(r->model_species);
        if (m < 0) {
          absent_species.insert(r->model_species);
          continue;
        }
        std::string why;
        const double c = speciation_factor(*r, species[std::size_t(m)].gas, species[std::size_t(m)].molar_mass_g_mol,
                                           io::inventory_molar_mass_g_mol(sp), why);
        if (c < 0) throw InputError(r->where, r->model_species, why);
        src.entries.push_back({m, c});
      }
      S.sources.push_back(std::move(src));
    }
    sectors_.push_back(std::move(S));
  }
  if (!absent_species.empty()) {
    std::string list;
    for (const auto& x : absent_species) list += (list.empty() ? "" : " ") + x;
    warn(d, "speciation species not in this run, skipped: " + list);
  }
  if (!unspeciated.empty()) {
    std::string list;
    for (const auto& x : unspeciated) list += (list.empty() ? "" : " ") + x;
    warn(d, "no speciation rows, not emitted: " + list);
  }

  // Biogenic.
  biogenic_ = s.biogenic;
  if (biogenic_) {
    biogenic_factors_ = io::read_biogenic_factors(*s.biogenic_factors);
    isoprene_ = species_index("ISOP");
    terpene_ = species_index("TERP");
    if (isoprene_ < 0 && terpene_ < 0)
      throw InputError(s.where, "emissions.biogenic", "species ISOP or TERP in the run for biogenic emissions");
    for (int m : {isoprene_, terpene_})
      if (m >= 0 && !species[std::size_t(m)].gas)
        throw InputError(s.where, species[std::size_t(m)].name, "a gas-phase species for biogenic emissions");
    biogenic_sector_ = int(sector_names_.size());
    sector_names_.push_back(kBiogenicSector);
  }

  // Scaling rows: check names, build region masks on the tile (cell centres).
  std::vector<std::string> scalable = io::inventory_species();
  scalable.push_back("PMC");
  scalable.push_back("all");
  for (std::size_t r = 0; r < scaling_.size(); ++r) {
    const auto& row = scaling_[r];
    if (row.sector != "all" && !contains(sector_names_, row.sector) && !contains(standard_sectors(), row.sector))
      throw InputError(row.where, "sector", "a sector of the inventory, a standard sector, biogenic or all, got '" +
                                                row.sector + "'");
    if (row.sector != kBiogenicSector && !contains(scalable, row.species))
      throw InputError(row.where, "species", "an inventory species, PMC or all, got '" + row.species + "'");
    if (row.sector == kBiogenicSector && row.species != "all" && row.species != "ISOP" && row.species != "TERP")
      throw InputError(row.where, "species", "ISOP, TERP or all for the biogenic sector, got '" + row.species + "'");
    std::vector<char> mask;
    if (row.region != "all") {
      const auto reg = regions.find(row.region);
      if (reg == regions.end())
        throw InputError(row.where, "region", "'all' or a region of the regions file" +
                                                  (s.regions ? " " + s.regions->string() : std::string(" (emissions.regions is not set)")) +
                                                  ", got '" + row.region + "'");
      mask.assign(std::size_t(ni_) * std::size_t(nj_), 0);
      for (int j = 0; j < nj_; ++j)
        for (int i = 0; i < ni_; ++i) {
          double lat = 0, lon = 0;
          model_plane_inverse(g, g.x(d.i0 + i), g.y(d.j0 + j), lat, lon);
          mask[std::size_t(j) * std::size_t(ni_) + std::size_t(i)] = inside_region(reg->second, lon, lat) ? 1 : 0;
        }
    }
    scaling_mask_.push_back(std::move(mask));
    for (auto& S : sectors_)
      if (row.sector == "all" || row.sector == S.name)
        for (auto& src : S.sources)
          if (row.species == "all" || row.species == src.inventory_species) src.scaling.push_back(int(r));
  }
}

std::vector<std::pair<int, int>> GriddedEmissions::emitting_pairs() const {
  std::set<std::pair<int, int>> keys;
  for (std::size_t s = 0; s < sectors_.size(); ++s)
    for (const auto& src : sectors_[s].sources)
      for (const auto& e : src.entries) keys.insert({int(s), e.species});
  for (int m : {isoprene_, terpene_})
    if (biogenic_ && m >= 0) keys.insert({biogenic_sector_, m});
  return {keys.begin(), keys.end()};
}

const std::vector<double>* GriddedEmissions::tile_field(const std::string& sector, const std::string& sp) const {
  for (const auto& S : sectors_)
    if (S.name == sector)
      for (const auto& src : S.sources)
        if (src.inventory_species == sp) return &src.kg_s;
  return nullptr;
}

void GriddedEmissions::emit(TimePoint t, double dt, const solver::MetTile& met, const Sink& add) const {
  const TimePoint mid = t + Seconds(std::llround(0.5 * dt));
  const int nz = met.cells.nz;
  const std::size_t ncell = std::size_t(ni_) * std::size_t(nj_);
  std::vector<double> vf(std::size_t(nz) * ncell), z(std::size_t(nz) + 1), scale(ncell);
  for (std::size_t s = 0; s < sectors_.size(); ++s) {
    const Sector& S = sectors_[s];
    const double tf = temporal_factor(S.temporal, mid) * dt;
    if (S.vertical)
      for (int j = 0; j < nj_; ++j)
        for (int i = 0; i < ni_; ++i) {
          for (int k = 0; k <= nz; ++k) z[std::size_t(k)] = met.z_interface_m(k, j, i) - met.z_interface_m(0, j, i);
          vertical_fractions(*S.vertical, z.data(), nz, &vf[(std::size_t(j) * std::size_t(ni_) + std::size_t(i)) * std::size_t(nz)]);
        }
    for (const Source& src : S.sources) {
      std::fill(scale.begin(), scale.end(), 1.0);
      for (int r : src.scaling) {
        const auto& row = scaling_[std::size_t(r)];
        if (!row.active(mid)) continue;
        const auto& mask = scaling_mask_[std::size_t(r)];
        for (std::size_t n = 0; n < ncell; ++n)
          if (mask.empty() || mask[n]) scale[n] *= row.factor;
      }
      for (const Entry& e : src.entries)
        for (int j = 0; j < nj_; ++j)
          for (int i = 0; i < ni_; ++i) {
            const std::size_t n = std::size_t(j) * std::size_t(ni_) + std::size_t(i);
            const double amount = e.factor * tf * scale[n] * src.kg_s[n];
            if (!(amount > 0)) continue;
            if (!S.vertical) {
              add(e.species, int(s), 0, j, i, amount);
              continue;
            }
            for (int k = 0; k < nz; ++k) {
              const double f = vf[n * std::size_t(nz) + std::size_t(k)];
              if (f > 0) add(e.species, int(s), k, j, i, amount * f);
            }
          }
    }
  }
  if (!biogenic_) return;
  double bscale_iso = 1.0, bscale_ter = 1.0;
  std::vector<std::pair<int, double>> masked;  // (scaling row, factor) with a region
  for (std::size_t r = 0; r < scaling_.size(); ++r) {
    const auto& row = scaling_[r];
    if (row.sector != kBiogenicSector || !row.active(mid)) continue;
    if (!scaling_mask_[r].empty()) {
      masked.push_back({int(r), row.factor});
      continue;
    }
    if (row.species == "all" || row.species == "ISOP") bscale_iso *= row.factor;
    if (row.species == "all" || row.species == "TERP") bscale_ter *= row.factor;
  }
  for (int j = 0; j < nj_; ++j)
    for (int i = 0; i < ni_; ++i) {
      const auto f = biogenic_factors_.find(int(std::lround(met.land_use_category(0, j, i))));
      if (f == biogenic_factors_.end()) continue;
      const std::size_t n = std::size_t(j) * std::size_t(ni_) + std::size_t(i);
      double si = bscale_iso, st = bscale_ter;
      for (const auto& [r, fac] : masked)
        if (scaling_mask_[std::size_t(r)][n]) {
          const auto& sp = scaling_[std::size_t(r)].species;
          if (sp == "all" || sp == "ISOP") si *= fac;
          if (sp == "all" || sp == "TERP") st *= fac;
        }
      const double T = met.t2_K(0, j, i) > 0 ? met.t2_K(0, j, i) : met.temperature_K(0, j, i);
      const double par = kParPerShortwave * std::max(met.shortwave_down_W_m2(0, j, i), 0.0);
      // µg m-2 h-1 × m² → mol over dt:  × 1e-6 g/µg / 3600 s/h / M (g/mol) × dt.
      const double to_mol = met.cell_area_m2(0, j, i) * 1e-6 / 3600.0 * dt;
      if (isoprene_ >= 0) {
        const double a = f->second.isoprene_ug_m2_h * isoprene_activity(T, par) * to_mol / kIsopreneMolarMass * si;
        if (a > 0) add(isoprene_, biogenic_sector_, 0, j, i, a);
      }
      if (terpene_ >= 0) {
        const double a = f->second.monoterpene_ug_m2_h * monoterpene_activity(T) * to_mol / kMonoterpeneMolarMass * st;
        if (a > 0) add(terpene_, biogenic_sector_, 0, j, i, a);
      }
    }
}

namespace {
std::vector<SpeciesInfo> species_of(const FieldRegistry& t) {
  std::vector<SpeciesInfo> out;
  for (int n = 0; n < t.size(); ++n)
    out.push_back({t.info(n).name, t.info(n).phase == Phase::gas, t.info(n).molar_mass_g_mol});
  return out;
}
}  // namespace

EmissionsProcess::EmissionsProcess(const Settings& s, const grid::HorizontalGrid& g, const parallel::Decomposition& d,
                                   const FieldRegistry& tracers, std::function<double(int)> mass_ratio)
    : solver::Process("emissions"),
      settings_(s),
      emissions_(s, g, d, species_of(tracers)),
      species_(species_of(tracers)),
      mass_ratio_(std::move(mass_ratio)) {
  // Every (sector, species) that can emit, in the same order on every rank (the reduction in
  // write_report is collective).
  report_keys_ = emissions_.emitting_pairs();
}

void EmissionsProcess::run_impl(solver::ModelState& s, const solver::StepContext& ctx) {
  const solver::MetTile& met = s.mass_at_step_end ? *ctx.met_end : *ctx.met_start;
  const double m_air = constants::molar_mass_air_kg_mol;
  emissions_.emit(ctx.time, ctx.dt_s, met, [&](int n, int sector, int k, int j, int i, double amount) {
    const double mass = met.air_mass_kg(k, j, i);
    // Gas: mol × M_air / m_air = Δ(mol/mol); aerosol: kg / m_air = Δ(kg/kg).
    const double dq = species_[std::size_t(n)].gas ? amount * m_air / mass : amount / mass;
    s.tracers[n](k, j, i) += dq;
    if (observer_) observer_(n, sector, k, j, i, dq);
    const double kg = dq * mass * mass_ratio_(n);
    ctx.budget->local(std::size_t(n)).emitted_kg += kg;
    totals_[{sector, n}] += kg;
  });
  const TimePoint end = ctx.time + Seconds(std::llround(ctx.dt_s));
  if (settings_.report_dir.empty() || !ctx.comm) return;
  const long since = long((end - settings_.run_start).count());
  const long every = std::max(1L, long(std::llround(settings_.report_interval_s)));
  if (end >= settings_.run_end || since % every == 0) write_report(*ctx.comm, settings_.report_dir, end);
}

void EmissionsProcess::write_report(const parallel::Communicator& comm, const std::filesystem::path& dir,
                                    TimePoint until) const {
  std::vector<double> sums;
  sums.reserve(report_keys_.size());
  for (const auto& key : report_keys_) {
    const auto it = totals_.find(key);
    sums.push_back(comm.sum_ordered(it == totals_.end() ? 0.0 : it->second));
  }
  if (!comm.is_root()) return;
  std::filesystem::create_directories(dir);
  const auto path = dir / "emissions_totals.csv";
  const auto part = std::filesystem::path(path.string() + ".part");
  std::FILE* f = std::fopen(part.c_str(), "w");
  if (!f) throw InputError(part.string(), "", "a writable emissions report");
  std::fprintf(f, "start,end,sector,species,emitted_kg\n");
  const std::string a = format_iso8601(settings_.run_start), b = format_iso8601(until);
  std::vector<double> per_species(species_.size(), 0.0);
  std::vector<bool> any(species_.size(), false);
  for (std::size_t n = 0; n < report_keys_.size(); ++n) {
    if (!(sums[n] > 0)) continue;
    const auto [sec, sp] = report_keys_[n];
    std::fprintf(f, "%s,%s,%s,%s,%.17g\n", a.c_str(), b.c_str(), emissions_.sectors()[std::size_t(sec)].c_str(),
                 species_[std::size_t(sp)].name.c_str(), sums[n]);
    per_species[std::size_t(sp)] += sums[n];
    any[std::size_t(sp)] = true;
  }
  for (std::size_t sp = 0; sp < species_.size(); ++sp)
    if (any[sp]) std::fprintf(f, "%s,%s,all,%s,%.17g\n", a.c_str(), b.c_str(), species_[sp].name.c_str(), per_species[sp]);
  std::fclose(f);
  std::filesystem::rename(part, path);
}

}  // namespace qiantang::emissions

namespace qiantang::solver {

void register_emission_processes(ProcessFactory& f) {
  f.add("emissions", [](const io::Config& c, Model& m) {
    const auto s = emissions::read_settings(c);
    return std::make_unique<emissions::EmissionsProcess>(s, m.grid(), m.comm().decomposition(), m.state().tracers,
                                                         [&m](int n) { return m.mass_ratio(n); });
  });
}

}  // namespace qiantang::solver
