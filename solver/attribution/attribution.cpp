#include "solver/attribution/attribution.hpp"
#include "solver/attribution/o3_regime.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "io/config/config.hpp"
#include "io/emissions/profiles.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "solver/driver/met_tile.hpp"
#include "solver/driver/model_state.hpp"
#include "solver/driver/station_sampler.hpp"
#include "solver/emissions/allocation.hpp"
#include "solver/emissions/emission_process.hpp"
#include "solver/emissions/regrid.hpp"

namespace qiantang::attribution {
namespace {

// Molar masses (g/mol) for the conversion of particle mass to moles of the family's key atom.
constexpr double kMolarMassAir = 28.9647, kSulfate = 96.06, kNitrate = 62.0049, kAmmonium = 18.038;

// Carbon numbers of the CB6r3 VOC species counted in the VOC pool (mol C per mol species; CB6
// carbon-bond species such as PAR and KET count one carbon per bond, Yarwood et al. 2010).
const std::vector<std::pair<const char*, double>>& voc_carbon() {
  static const std::vector<std::pair<const char*, double>> v{
      {"PAR", 1},  {"ETHA", 2},  {"PRPA", 3}, {"ETH", 2},     {"ETHY", 2}, {"OLE", 2},  {"IOLE", 4},
      {"ISOP", 5}, {"TERP", 10}, {"APIN", 10}, {"SESQ", 15},  {"BENZENE", 6}, {"TOL", 7}, {"XYLMN", 8},
      {"NAPH", 10}, {"MEOH", 1}, {"ETOH", 2}, {"FORM", 1},    {"ALD2", 2}, {"ALDX", 2}, {"KET", 1},
      {"ACET", 3}};
  return v;
}

const std::vector<std::string>& all_families() {
  static const std::vector<std::string> f{"primary_pm", "sulfate", "nitrate", "ammonium", "soa", "o3"};
  return f;
}

bool is_transport(const std::string& name) {
  return name == "vertical_diffusion" || name == "horizontal_diffusion" || name == "horizontal_advection" ||
         name == "vertical_advection";
}

class AttributedProcess : public solver::Process {
 public:
  AttributedProcess(std::unique_ptr<solver::Process> inner, Attribution& a)
      : Process(inner->name()), inner_(std::move(inner)), a_(a) {
    if (auto* e = dynamic_cast<emissions::EmissionsProcess*>(inner_.get())) {
      emissions_ = true;
      a_.set_emission_sectors(e->sources().sectors());
    }
  }
  void bind(solver::ModelState& s) {
    if (auto* e = dynamic_cast<emissions::EmissionsProcess*>(inner_.get()))
      e->set_observer([this, &s](int n, int sector, int k, int j, int i, double dq) {
        a_.emitted(s.tracers, n, sector, k, j, i, dq);
      });
    bound_ = &s;
  }

 protected:
  void run_impl(solver::ModelState& s, const solver::StepContext& ctx) override {
    if (emissions_ && bound_ != &s) bind(s);
    const bool transport = is_transport(name());
    if (!transport && !emissions_) a_.before_other(s.tracers);
    inner_->run(s, ctx);
    if (transport) a_.after_transport(s.tracers);
    else if (!emissions_) a_.after_other(s.tracers);
    a_.check(s.tracers, *ctx.comm, name(), ctx.time);
  }

 private:
  std::unique_ptr<solver::Process> inner_;
  Attribution& a_;
  bool emissions_ = false;
  solver::ModelState* bound_ = nullptr;
};

}  // namespace

bool Attribution::enabled(const io::Config& c) {
  const bool on = c.get_bool("attribution", "enabled", false);
  if (!on)  // the other keys may stay in a config that switches attribution off
    for (const char* key : {"regions", "region_list", "sectors", "families", "tolerance", "regime_threshold"})
      (void)c.get_string("attribution", key, "");
  return on;
}

Attribution::~Attribution() = default;

Attribution::Attribution(const io::Config& c, FieldRegistry& t, const grid::HorizontalGrid& g,
                         const parallel::Decomposition& d)
    : extents_(t.extents()) {
  const std::string sec = "attribution";
  tolerance_ = c.get_double(sec, "tolerance", 1e-10);
  regime_threshold_ = c.get_double(sec, "regime_threshold", 0.35);
  if (!(tolerance_ > 0 && tolerance_ < 1e-3))
    throw InputError(c.where(sec, "tolerance"), "attribution.tolerance", "a relative tolerance in (0, 1e-3)");
  // Regions: the cells whose centre lies in a region's polygons (first region of the file wins),
  // the rest `outside`.
  io::Regions polygons;
  std::vector<std::string> order;
  if (c.has(sec, "regions")) {
    const auto file = c.get_path(sec, "regions");
    polygons = io::read_regions(file);
    // Keep the file's order of first appearance.
    std::FILE* f = std::fopen(file.c_str(), "r");
    char line[4096];
    while (f && std::fgets(line, sizeof line, f)) {
      std::string s(line);
      if (s.empty() || s[0] == '#' || s.rfind("region,", 0) == 0) continue;
      const auto name = s.substr(0, s.find(','));
      if (polygons.count(name) && std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
    }
    if (f) std::fclose(f);
  }
  if (c.has(sec, "region_list")) {
    order = c.get_list(sec, "region_list");
    for (const auto& r : order)
      if (!polygons.count(r)) throw InputError(c.where(sec, "region_list"), r, "a region of attribution.regions");
  }
  regions_ = order;
  regions_.push_back("outside");
  region_of_cell_.assign(std::size_t(d.nx) * std::size_t(d.ny), int(regions_.size()) - 1);
  for (int j = 0; j < d.ny; ++j)
    for (int i = 0; i < d.nx; ++i) {
      double lat = 0, lon = 0;
      emissions::model_plane_inverse(g, g.x(d.i0 + i), g.y(d.j0 + j), lat, lon);
      for (std::size_t r = 0; r < order.size(); ++r)
        if (emissions::inside_region(polygons.at(order[r]), lon, lat)) {
          region_of_cell_[std::size_t(j) * std::size_t(d.nx) + std::size_t(i)] = int(r);
          break;
        }
    }
  // Sector groups: `all` (one group) or the listed sectors plus `other`.
  const auto sectors = c.get_list(sec, "sectors", {"all"});
  if (sectors.size() == 1 && sectors[0] == "all") groups_ = {"all"};
  else {
    groups_ = sectors;
    groups_.push_back("other");
  }
  for (const auto& r : regions_)
    for (const auto& gname : groups_) tag_names_.push_back(groups_.size() == 1 ? r : r + "_" + gname);
  tag_names_.push_back("boundary");
  tag_names_.push_back("initial");

  // Families and pools from the species present.
  std::vector<std::string> fams = c.get_list(sec, "families", all_families());
  if (fams.size() == 1 && fams[0] == "all") fams = all_families();
  for (const auto& f : fams)
    if (std::find(all_families().begin(), all_families().end(), f) == all_families().end())
      throw InputError(c.where(sec, "families"), f, "a family out of {primary_pm, sulfate, nitrate, ammonium, soa, o3}");
  auto want = [&](const char* f) { return std::find(fams.begin(), fams.end(), f) != fams.end(); };
  const bool o3 = want("o3"), soa = want("soa");
  auto idx = [&](const std::string& n) { return t.index(n).value_or(-1); };
  auto add_family = [&](const std::string& name, External ext,
                        std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>> pools,
                        const std::string& units) {
    Family F{name, {}, ext};
    for (auto& [pname, members] : pools) {
      Pool P{pname, int(families_.size()), {}, units, -1};
      for (const auto& [sp, w] : members)
        if (const int n = idx(sp); n >= 0) P.members.push_back({n, w});
      if (P.members.empty()) continue;
      F.pools.push_back(int(pools_.size()));
      pools_.push_back(std::move(P));
    }
    if (!F.pools.empty()) families_.push_back(std::move(F));
  };
  // One pool per primary species: their dry-deposition velocities (diameter, density) and
  // in-cloud activation differ, so a common pool would remove every tag at the pool's mean rate
  // instead of its own composition's (0.3 % of the Hangzhou tag in 1 h, docs/attribution.md).
  if (want("primary_pm"))
    add_family("primary_pm", External::own, {{"PEC", {{"AEC", 1}}}, {"PPOA", {{"APOA", 1}}}, {"POTHR", {{"AOTHR", 1}}}},
               "kg/kg");
  if (want("sulfate"))
    add_family("sulfate", External::own,
               {{"SO2", {{"SO2", 1}}}, {"PSO4", {{"SULF", 1}, {"ASO4", kMolarMassAir / kSulfate}}}}, "mol/mol S");
  if (want("nitrate") || o3)
    add_family("nitrate", External::own,
               {{"NOX", {{"NO", 1}, {"NO2", 1}}},
                {"NOZ", {{"NO3", 1}, {"N2O5", 2}, {"HONO", 1}, {"HNO3", 1}, {"PNA", 1}, {"PAN", 1}, {"PANX", 1},
                         {"OPAN", 1}, {"NTR1", 1}, {"NTR2", 1}, {"INTR", 1}, {"CRON", 1}, {"MTNO3", 1}}},
                {"PNO3", {{"ANO3", kMolarMassAir / kNitrate}}}},
               "mol/mol N");
  if (want("ammonium"))
    add_family("ammonium", External::own, {{"NH3", {{"NH3", 1}}}, {"PNH4", {{"ANH4", kMolarMassAir / kAmmonium}}}},
               "mol/mol N");
  if (o3 || soa) {
    std::vector<std::pair<std::string, double>> voc;
    for (const auto& [n, cn] : voc_carbon()) voc.push_back({n, cn});
    add_family("voc", External::own, {{"VOC", voc}}, "mol/mol C");
  }
  if (soa) {
    std::vector<std::pair<std::string, double>> counters, mass;
    for (const char* n : {"BENZRO2", "TOLRO2", "XYLRO2", "ISOPRXN", "TRPRXN", "SESQRXN"}) counters.push_back({n, 1});
    const bool bins = idx("ASOA1") >= 0;
    for (const char* n : {"SVOC1", "SVOC2", "SVOC3", "SVOC4", "ASOA1", "ASOA2", "ASOA3", "ASOA4"}) mass.push_back({n, 1});
    if (!bins) mass.push_back({"ASOA", 1});
    add_family("soa", External::voc_shares, {{"SOAP", counters}, {"SOA", mass}}, "mixed");
    for (const char* n : {"ASOA1", "ASOA2", "ASOA3", "ASOA4"})
      if (idx(n) >= 0) soa_particles_.push_back(idx(n));
    if (!bins && idx("ASOA") >= 0) soa_particles_.push_back(idx("ASOA"));
  }
  if (o3) add_family("o3", External::o3_regime, {{"O3", {{"O3", 1}}}}, "mol/mol");
  if (pools_.empty())
    throw InputError(c.where(sec, "families"), "attribution.families", "families whose species are in the run");
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    if (families_[std::size_t(pools_[p].family)].name == "primary_pm") primary_pools_.push_back(int(p));
    if (pools_[p].name == "NOX") nox_pool_ = int(p);
    if (pools_[p].name == "VOC") voc_pool_ = int(p);
  }
  h2o2_ = idx("H2O2");
  hno3_ = idx("HNO3");
  form_ = idx("FORM");
  no2_ = idx("NO2");
  aso4_ = idx("ASO4");
  ano3_ = idx("ANO3");
  anh4_ = idx("ANH4");
  o3_ = idx("O3");

  // Tag tracers: gas phase for the other processes (no deposition velocity, no scavenging, not
  // seen by chemistry or aerosol: their names are none of the species those processes know).
  first_tag_field_ = t.size();
  pool_of_tracer_.assign(std::size_t(t.size()), {-1, 0.0});
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    for (const auto& m : pools_[p].members) pool_of_tracer_[std::size_t(m.tracer)] = {int(p), m.weight};
    pools_[p].first_field = t.size();
    for (const auto& tag : tag_names_)
      t.add(FieldInfo{pools_[p].name + "_" + tag, pools_[p].units, Phase::gas, 0.0,
                      pools_[p].name + " attributed to " + tag + " (" + pools_[p].units + ")", ""});
  }
  n_fields_ = t.size();
}

const std::vector<Member>* Attribution::boundary_members(int field) const {
  for (const auto& p : pools_)
    if (field == p.first_field + boundary_tag()) return &p.members;
  return nullptr;
}

double Attribution::pool_value(const FieldRegistry& t, const Pool& p, int k, int j, int i) const {
  double v = 0.0;
  for (const auto& m : p.members) v += m.weight * t[m.tracer](k, j, i);
  return v;
}

void Attribution::initialise(FieldRegistry& t) const {
  const Extents e = extents_;
  for (const auto& p : pools_)
    for (int k = 0; k < e.nz; ++k)
      for (int j = 0; j < e.ny; ++j)
        for (int i = 0; i < e.nx; ++i) {
          for (int tag = 0; tag < n_tags(); ++tag) t[p.first_field + tag](k, j, i) = 0.0;
          t[p.first_field + initial_tag()](k, j, i) = pool_value(t, p, k, j, i);
        }
}

std::unique_ptr<solver::Process> Attribution::wrap(std::unique_ptr<solver::Process> p) {
  return std::make_unique<AttributedProcess>(std::move(p), *this);
}

void Attribution::set_emission_sectors(const std::vector<std::string>& sectors) {
  group_of_sector_.clear();
  for (const auto& s : sectors) {
    int g = int(groups_.size()) - 1;  // `other`, or `all`
    for (std::size_t n = 0; n + 1 < groups_.size(); ++n)
      if (groups_[n] == s) g = int(n);
    group_of_sector_.push_back(g);
  }
}

void Attribution::emitted(FieldRegistry& t, int species, int sector, int k, int j, int i, double dq) {
  if (species >= int(pool_of_tracer_.size())) return;
  const auto [p, w] = pool_of_tracer_[std::size_t(species)];
  if (p < 0) return;
  const int region = region_of_cell_[std::size_t(j) * std::size_t(extents_.nx) + std::size_t(i)];
  const int group = sector >= 0 && sector < int(group_of_sector_.size()) ? group_of_sector_[std::size_t(sector)]
                                                                          : int(groups_.size()) - 1;
  const int tag = region * int(groups_.size()) + group;
  t[pools_[std::size_t(p)].first_field + tag](k, j, i) += w * dq;
}

void Attribution::after_transport(FieldRegistry& t) {
  const Extents e = extents_;
  const int nt = n_tags();
  const std::size_t np = pools_.size();
  long fallback = 0;
  std::vector<double> dev(np, 0.0), mass(np, 0.0);
  for (std::size_t p = 0; p < np; ++p) {
    const Pool& P = pools_[p];
    double d_sum = 0.0, b_sum = 0.0;
#pragma omp parallel for collapse(2) reduction(+ : fallback, d_sum, b_sum) schedule(static)
    for (int k = 0; k < e.nz; ++k)
      for (int j = 0; j < e.ny; ++j)
        for (int i = 0; i < e.nx; ++i) {
          const double b = pool_value(t, P, k, j, i);
          double s = 0.0;
          for (int tag = 0; tag < nt; ++tag) s += t[P.first_field + tag](k, j, i);
          d_sum += std::abs(s - b);
          b_sum += b;
          if (s > 0.0) {
            const double f = b / s;
            for (int tag = 0; tag < nt; ++tag) t[P.first_field + tag](k, j, i) *= f;
          } else if (b > 0.0) {
            t[P.first_field + boundary_tag()](k, j, i) = b;
            ++fallback;
          }
        }
    if (b_sum > 0.0) stats_.max_transport_deviation = std::max(stats_.max_transport_deviation, d_sum / b_sum);
  }
  stats_.fallback_cells += fallback;
}

void Attribution::before_other(const FieldRegistry& t) {
  const Extents e = extents_;
  const std::size_t ncell = std::size_t(e.nx) * std::size_t(e.ny) * std::size_t(e.nz);
  before_.resize(pools_.size() * ncell);
  for (std::size_t p = 0; p < pools_.size(); ++p)
    for (int k = 0; k < e.nz; ++k)
      for (int j = 0; j < e.ny; ++j)
        for (int i = 0; i < e.nx; ++i)
          before_[p * ncell + (std::size_t(k) * std::size_t(e.ny) + std::size_t(j)) * std::size_t(e.nx) +
                  std::size_t(i)] = pool_value(t, pools_[p], k, j, i);
}

void Attribution::after_other(FieldRegistry& t) {
  const Extents e = extents_;
  const std::size_t ncell = std::size_t(e.nx) * std::size_t(e.ny) * std::size_t(e.nz);
  const int nt = n_tags();
  const std::size_t np = pools_.size();
  long fallback = 0;
#pragma omp parallel reduction(+ : fallback)
  {
    std::vector<double> share(np * std::size_t(nt)), b0(np), b1(np);
    std::vector<double> lost(static_cast<std::size_t>(nt)), ext(static_cast<std::size_t>(nt));
    std::vector<char> has_share(np);
#pragma omp for collapse(2) schedule(static)
    for (int k = 0; k < e.nz; ++k)
      for (int j = 0; j < e.ny; ++j)
        for (int i = 0; i < e.nx; ++i) {
          const std::size_t cell = (std::size_t(k) * std::size_t(e.ny) + std::size_t(j)) * std::size_t(e.nx) + std::size_t(i);
          // Tag shares of every pool before the process (the tags are untouched by it).
          for (std::size_t p = 0; p < np; ++p) {
            double s = 0.0;
            for (int tag = 0; tag < nt; ++tag) s += t[pools_[p].first_field + tag](k, j, i);
            has_share[p] = s > 0.0;
            for (int tag = 0; tag < nt; ++tag)
              share[p * std::size_t(nt) + std::size_t(tag)] = s > 0.0 ? t[pools_[p].first_field + tag](k, j, i) / s : 0.0;
            b0[p] = before_[p * ncell + cell];
            b1[p] = pool_value(t, pools_[p], k, j, i);
          }
          for (const auto& F : families_) {
            double L = 0.0, G = 0.0;
            std::fill(lost.begin(), lost.end(), 0.0);
            for (int p : F.pools) {
              const double d = b1[std::size_t(p)] - b0[std::size_t(p)];
              if (d < 0.0) {
                L -= d;
                for (int tag = 0; tag < nt; ++tag)
                  lost[std::size_t(tag)] -= d * share[std::size_t(p) * std::size_t(nt) + std::size_t(tag)];
              } else {
                G += d;
              }
            }
            // External shares for a gain beyond the family's losses.
            bool ext_ok = false;
            if (G > L) {
              int from = -1;
              if (F.external == External::voc_shares) from = voc_pool_;
              if (F.external == External::o3_regime) {
                // Sillman (1995): H2O2/HNO3 > 0.35 NOx-limited, below VOC-limited (CAMx OSAT).
                const double h = h2o2_ >= 0 ? t[h2o2_](k, j, i) : 0.0, n = hno3_ >= 0 ? t[hno3_](k, j, i) : 0.0;
                from = (n <= 0.0 || h / n > regime_threshold_) ? nox_pool_ : voc_pool_;
              }
              if (from >= 0 && has_share[std::size_t(from)]) {
                for (int tag = 0; tag < nt; ++tag) ext[std::size_t(tag)] = share[std::size_t(from) * std::size_t(nt) + std::size_t(tag)];
                ext_ok = true;
              }
            }
            for (int p : F.pools) {
              const Pool& P = pools_[std::size_t(p)];
              const double d = b1[std::size_t(p)] - b0[std::size_t(p)];
              if (d < 0.0) {
                const double f = b0[std::size_t(p)] > 0.0 ? b1[std::size_t(p)] / b0[std::size_t(p)] : 0.0;
                for (int tag = 0; tag < nt; ++tag) t[P.first_field + tag](k, j, i) *= f;
                continue;
              }
              if (!(d > 0.0)) continue;
              const double transferred = G > L ? d * L / G : d;  // from the family's losses
              const double external = d - transferred;
              if (L > 0.0)
                for (int tag = 0; tag < nt; ++tag) t[P.first_field + tag](k, j, i) += transferred * lost[std::size_t(tag)] / L;
              if (external > 0.0 || L <= 0.0) {
                const double amount = L > 0.0 ? external : d;
                const double* sh = ext_ok ? ext.data()
                                   : has_share[std::size_t(p)] ? &share[std::size_t(p) * std::size_t(nt)]
                                                               : nullptr;
                if (sh) {
                  for (int tag = 0; tag < nt; ++tag) t[P.first_field + tag](k, j, i) += amount * sh[tag];
                } else {
                  t[P.first_field + boundary_tag()](k, j, i) += amount;
                  ++fallback;
                }
              }
            }
          }
        }
  }
  stats_.fallback_cells += fallback;
}

double Attribution::check(FieldRegistry& t, const parallel::Communicator& comm, const std::string& after, TimePoint time) {
  const Extents e = extents_;
  const int nt = n_tags();
  double worst = 0.0;
  std::string problem;
  for (int k = 0; k < e.nz; ++k)
    for (int j = 0; j < e.ny; ++j)
      for (int i = 0; i < e.nx; ++i)
        for (const auto& p : pools_) {
          const double b = pool_value(t, p, k, j, i);
          double s = 0.0;
          for (int tag = 0; tag < nt; ++tag) s += t[p.first_field + tag](k, j, i);
          const double dev = std::abs(s - b);
          const double rel = b > 0.0 ? dev / b : (dev > 0.0 ? 1.0 : 0.0);
          worst = std::max(worst, rel);
          if (!(rel <= tolerance_) && problem.empty()) {
            const auto& d = comm.decomposition();
            problem = "attribution: the tags of " + p.name + " sum to " + std::to_string(s) + " but the bulk is " +
                      std::to_string(b) + " (relative " + std::to_string(rel) + ") after " + after +
                      " at cell (i=" + std::to_string(d.i0 + i) + ", j=" + std::to_string(d.j0 + j) +
                      ", k=" + std::to_string(k) + ") at " + format_iso8601(time);
          }
          // Remove the round-off so that it does not accumulate over the run.
          if (s > 0.0 && b > 0.0 && s != b) {
            const double f = b / s;
            for (int tag = 0; tag < nt; ++tag) t[p.first_field + tag](k, j, i) *= f;
          }
        }
  ++stats_.checks;
  stats_.max_check_deviation = std::max(stats_.max_check_deviation, worst);
  if (comm.any(!problem.empty()))
    throw NumericalError(problem.empty() ? "attribution: tags differ from the bulk on another rank after " + after + " at " +
                                               format_iso8601(time)
                                         : problem);
  return worst;
}

// --- stations and tables

void Attribution::set_stations(std::vector<io::Station> stations, const grid::HorizontalGrid& grid,
                               const std::vector<int>& pm25_species, const std::string& list_file) {
  stations_ = stations;
  pm25_species_ = pm25_species;
  // Derived surface fields per tag: PM2.5 (kg/kg) and O3 (mol/mol), then the totals and the
  // regime species.
  derived_ = std::make_unique<FieldRegistry>(Extents{extents_.nx, extents_.ny, 1, 0});
  std::vector<solver::StationPollutant> pols;
  for (const auto& tag : tag_names_) {
    const int n = derived_->add(FieldInfo{"PM25_" + tag, "kg/kg", Phase::aerosol, 0.0, "", ""});
    pols.push_back({"PM2.5@" + tag, {n}, true, 0.0, 1.0});
  }
  if (o3_ >= 0)
    for (const auto& tag : tag_names_) {
      const int n = derived_->add(FieldInfo{"O3_" + tag, "mol/mol", Phase::gas, 0.0, "", ""});
      pols.push_back({"O3@" + tag, {n}, false, 47.9982, 1.0});
    }
  const int pm = derived_->add(FieldInfo{"PM25", "kg/kg", Phase::aerosol, 0.0, "", ""});
  pols.push_back({"PM2.5", {pm}, true, 0.0, 1.0});
  for (const auto& [name, idx] : std::vector<std::pair<std::string, int>>{{"O3", o3_}, {"H2O2", h2o2_}, {"HNO3", hno3_},
                                                                          {"HCHO", form_}, {"NO2", no2_}}) {
    if (idx < 0) continue;
    const int n = derived_->add(FieldInfo{name, "mol/mol", Phase::gas, 0.0, "", ""});
    // Molar mass 1: the station value is proportional to the mole fraction (ratios are molar).
    pols.push_back({name + (name == "O3" ? "" : "_molar"), {n}, false, name == "O3" ? 47.9982 : 1.0, 1.0});
  }
  // Primary PM2.5 (pools PEC + PPOA + POTHR = AEC + APOA + AOTHR) per tag and in bulk, for the
  // comparison of the inert tags with brute-force runs (attribution.csv pollutant primary_PM2.5).
  if (!primary_pools_.empty()) {
    ppm_derived_ = derived_->size();
    for (const auto& tag : tag_names_) {
      const int n = derived_->add(FieldInfo{"PM25P_" + tag, "kg/kg", Phase::aerosol, 0.0, "", ""});
      pols.push_back({"primary_PM2.5@" + tag, {n}, true, 0.0, 1.0});
    }
    const int n = derived_->add(FieldInfo{"PM25P", "kg/kg", Phase::aerosol, 0.0, "", ""});
    pols.push_back({"primary_PM2.5", {n}, true, 0.0, 1.0});
  }
  sampler_ = std::make_unique<solver::StationSampler>(std::move(stations), grid, std::move(pols), list_file);
}

void Attribution::accumulate(const FieldRegistry& t, const solver::MetTile& met, const parallel::Communicator& comm,
                             double dt_s) {
  if (!sampler_) return;
  const Extents e = extents_;
  const int nt = n_tags();
  auto share = [&](const Pool* p, int tag, int j, int i) {
    if (!p) return 0.0;
    double s = 0.0;
    for (int q = 0; q < nt; ++q) s += t[p->first_field + q](0, j, i);
    return s > 0.0 ? t[p->first_field + tag](0, j, i) / s : 0.0;
  };
  auto pool = [&](const char* name) -> const Pool* {
    for (const auto& p : pools_)
      if (p.name == name) return &p;
    return nullptr;
  };
  const Pool *pso4 = pool("PSO4"), *pno3 = pool("PNO3"), *pnh4 = pool("PNH4"), *soa = pool("SOA"),
             *o3 = pool("O3");
  auto& D = *derived_;
  for (int j = 0; j < e.ny; ++j)
    for (int i = 0; i < e.nx; ++i) {
      double soa_particle = 0.0;
      for (int n : soa_particles_) soa_particle += t[n](0, j, i);
      for (int tag = 0; tag < nt; ++tag) {
        double v = 0.0;
        for (int p : primary_pools_) v += t[pools_[std::size_t(p)].first_field + tag](0, j, i);
        if (aso4_ >= 0) v += t[aso4_](0, j, i) * share(pso4, tag, j, i);
        if (ano3_ >= 0) v += t[ano3_](0, j, i) * share(pno3, tag, j, i);
        if (anh4_ >= 0) v += t[anh4_](0, j, i) * share(pnh4, tag, j, i);
        v += soa_particle * share(soa, tag, j, i);
        D[tag](0, j, i) = v;
        if (o3_ >= 0) D[nt + tag](0, j, i) = o3 ? t[o3->first_field + tag](0, j, i) : 0.0;
      }
      int n = o3_ >= 0 ? 2 * nt : nt;
      double pm = 0.0;
      for (int s : pm25_species_) pm += t[s](0, j, i);
      D[n++](0, j, i) = pm;
      for (int idx : {o3_, h2o2_, hno3_, form_, no2_})
        if (idx >= 0) D[n++](0, j, i) = t[idx](0, j, i);
      if (ppm_derived_ >= 0) {
        double bulk = 0.0;
        for (int tag = 0; tag < nt; ++tag) D[ppm_derived_ + tag](0, j, i) = 0.0;
        for (int p : primary_pools_) {
          const Pool& P = pools_[std::size_t(p)];
          for (int tag = 0; tag < nt; ++tag) D[ppm_derived_ + tag](0, j, i) += t[P.first_field + tag](0, j, i);
          bulk += pool_value(t, P, 0, j, i);
        }
        D[ppm_derived_ + nt](0, j, i) = bulk;
      }
    }
  sampler_->accumulate(D, met, comm, dt_s);
}

void Attribution::close_interval(TimePoint end) {
  if (sampler_) sampler_->close_interval(end, series_);
}

namespace {

std::string beijing_day(TimePoint hour_end) {
  // Beijing day D holds the hours ending in (D 00:00, D+1 00:00] (UTC+8).
  const auto t = hour_end + std::chrono::hours(8) - std::chrono::seconds(1);
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

int beijing_hour_end(TimePoint hour_end) {
  const auto t = hour_end + std::chrono::hours(8);
  const auto h = std::chrono::floor<std::chrono::hours>(t) - std::chrono::floor<std::chrono::days>(t);
  const int hh = int(h.count());
  return hh == 0 ? 24 : hh;
}

}  // namespace

void Attribution::write_tables(const std::filesystem::path& dir) const {
  if (!sampler_ || series_.empty()) return;
  io::write_long_csv(dir / "attribution_stations.csv", series_);
  // City mean: per hour the mean over the non-background stations, then per Beijing day.
  std::vector<std::string> city;
  for (const auto& s : stations_)
    if (!s.background) city.push_back(s.id);
  if (city.empty())
    for (const auto& s : stations_) city.push_back(s.id);
  auto hourly_city = [&](const std::string& pol) {
    std::vector<double> v(series_.size(), 0.0);
    std::vector<int> n(series_.size(), 0);
    for (const auto& id : city) {
      const auto st = series_.values.find(id);
      if (st == series_.values.end()) continue;
      const auto it = st->second.find(pol);
      if (it == st->second.end()) continue;
      for (std::size_t h = 0; h < series_.size(); ++h)
        if (std::isfinite(it->second[h])) v[h] += it->second[h], ++n[h];
    }
    for (std::size_t h = 0; h < v.size(); ++h) v[h] = n[h] > 0 ? v[h] / n[h] : NAN;
    return v;
  };
  std::map<std::string, std::vector<std::size_t>> days;
  for (std::size_t h = 0; h < series_.size(); ++h) days[beijing_day(series_.hours[h])].push_back(h);
  const auto o3_total = hourly_city("O3");
  const auto pm_total = hourly_city("PM2.5");
  auto write_atomic = [](const std::filesystem::path& path, const std::string& text) {
    const auto part = std::filesystem::path(path.string() + ".part");
    std::FILE* f = std::fopen(part.c_str(), "w");
    if (!f) throw InputError(part.string(), "", "a writable file");
    std::fputs(text.c_str(), f);
    std::fclose(f);
    std::filesystem::rename(part, path);
  };
  std::string out = "day,pollutant,averaging,tag,region,sector,value_ug_m3,share\n";
  std::string regime = "day,h2o2_hno3,regime_h2o2_hno3,hcho_no2,regime_hcho_no2,hours\n";
  char line[512];
  const int ng = int(groups_.size());
  for (const auto& [day, hours] : days) {
    if (hours.size() < 20) continue;  // GB 3095 validity: a daily mean needs ≥ 20 hours
    // O3: the 8-hour window of the day's MDA8 of the total (windows ending 08..24 h).
    std::size_t best = hours.front();
    double best_v = -1;
    for (std::size_t n = 7; n < hours.size(); ++n) {
      if (beijing_hour_end(series_.hours[hours[n]]) < 8) continue;
      double s = 0;
      for (std::size_t m = n - 7; m <= n; ++m) s += o3_total[hours[m]];
      if (s > best_v) best_v = s, best = n;
    }
    struct Pol { const char* name; const char* averaging; std::string prefix; std::vector<std::size_t> h; };
    std::vector<std::size_t> mda8;
    for (std::size_t m = best >= 7 ? best - 7 : 0; m <= best && m < hours.size(); ++m) mda8.push_back(hours[m]);
    std::vector<Pol> pols{{"PM2.5", "24h", "PM2.5", hours}};
    if (o3_ >= 0) pols.push_back({"O3", "mda8_window", "O3", mda8});
    if (ppm_derived_ >= 0) pols.push_back({"primary_PM2.5", "24h", "primary_PM2.5", hours});
    for (const auto& P : pols) {
      auto mean = [&](const std::vector<double>& v) {
        double s = 0;
        int n = 0;
        for (auto h : P.h)
          if (std::isfinite(v[h])) s += v[h], ++n;
        return n ? s / n : NAN;
      };
      const double total = P.prefix == "primary_PM2.5" ? mean(hourly_city("primary_PM2.5"))
                                                       : mean(P.prefix == "O3" ? o3_total : pm_total);
      std::vector<double> tag_value;
      for (const auto& tag : tag_names_) tag_value.push_back(mean(hourly_city(P.prefix + "@" + tag)));
      double tagged = 0;
      for (double v : tag_value) tagged += v;
      auto row = [&](const std::string& tag, const std::string& region, const std::string& sector, double v) {
        std::snprintf(line, sizeof line, "%s,%s,%s,%s,%s,%s,%.6g,%.6f\n", day.c_str(), P.name, P.averaging, tag.c_str(),
                      region.c_str(), sector.c_str(), v, total > 0 ? v / total : 0.0);
        out += line;
      };
      row("total", "all", "all", total);
      for (int r = 0; r < int(regions_.size()); ++r) {
        double reg = 0;
        for (int g = 0; g < ng; ++g) {
          const int tag = r * ng + g;
          reg += tag_value[std::size_t(tag)];
          if (ng > 1) row(tag_names_[std::size_t(tag)], regions_[std::size_t(r)], groups_[std::size_t(g)], tag_value[std::size_t(tag)]);
        }
        row(regions_[std::size_t(r)], regions_[std::size_t(r)], "all", reg);
      }
      if (ng > 1)
        for (int g = 0; g < ng; ++g) {
          double sec = 0;
          for (int r = 0; r < int(regions_.size()); ++r) sec += tag_value[std::size_t(r * ng + g)];
          row(groups_[std::size_t(g)], "all", groups_[std::size_t(g)], sec);
        }
      row("boundary", "boundary", "all", tag_value[std::size_t(boundary_tag())]);
      row("initial", "initial", "all", tag_value[std::size_t(initial_tag())]);
      // PM2.5 not in any family (sea salt, ...) stays untagged.
      row("untagged", "all", "all", std::max(0.0, total - tagged));
    }
    // Regime: the ratio of the city means over 10–17 h Beijing time (afternoon indicators,
    // Sillman 1995; Duncan et al. 2010).
    if (h2o2_ >= 0 && hno3_ >= 0) {
      const auto h2o2 = hourly_city("H2O2_molar"), hno3 = hourly_city("HNO3_molar");
      const auto hcho = form_ >= 0 ? hourly_city("HCHO_molar") : std::vector<double>(series_.size(), NAN);
      const auto no2 = no2_ >= 0 ? hourly_city("NO2_molar") : std::vector<double>(series_.size(), NAN);
      double a = 0, b = 0, c = 0, d = 0;
      int n = 0;
      for (auto h : hours) {
        const int he = beijing_hour_end(series_.hours[h]);
        if (he < 11 || he > 17) continue;
        a += h2o2[h], b += hno3[h], c += hcho[h], d += no2[h], ++n;
      }
      const double r1 = b > 0 ? a / b : NAN, r2 = d > 0 ? c / d : NAN;
      const char* c1 = regime_name(classify_h2o2_hno3(r1, regime_threshold_));
      const char* c2 = regime_name(classify_hcho_no2(r2));
      std::snprintf(line, sizeof line, "%s,%.4g,%s,%.4g,%s,%d\n", day.c_str(), r1, c1, r2, c2, n);
      regime += line;
    }
  }
  write_atomic(dir / "attribution.csv", out);
  if (h2o2_ >= 0 && hno3_ >= 0) write_atomic(dir / "o3_regime.csv", regime);
}

std::vector<std::string> Attribution::regime_variable_names() const {
  std::vector<std::string> v;
  if (h2o2_ >= 0 && hno3_ >= 0) v.push_back("H2O2_HNO3");
  if (form_ >= 0 && no2_ >= 0) v.push_back("HCHO_NO2");
  return v;
}

std::vector<int> Attribution::regime_species() const {
  if (h2o2_ < 0 || hno3_ < 0 || form_ < 0 || no2_ < 0) return {};
  return {h2o2_, hno3_, form_, no2_};
}

void Attribution::regime_fields(const FieldRegistry& t, std::vector<Array3>& out) const {
  const Extents e = extents_;
  out.clear();
  auto ratio = [&](int a, int b) {
    Array3 r(Extents{e.nx, e.ny, 1, e.halo});
    for (int j = 0; j < e.ny; ++j)
      for (int i = 0; i < e.nx; ++i) {
        const double den = t[b](0, j, i);
        r(0, j, i) = den > 0 ? t[a](0, j, i) / den : 0.0;
      }
    return r;
  };
  if (h2o2_ >= 0 && hno3_ >= 0) out.push_back(ratio(h2o2_, hno3_));
  if (form_ >= 0 && no2_ >= 0) out.push_back(ratio(form_, no2_));
}

}  // namespace qiantang::attribution
