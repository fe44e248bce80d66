// Source attribution (docs/attribution.md) on the coarse Hangzhou winter case (54 km, 11 layers,
// full CB6r3 chemistry, aerosol, cloud chemistry, emissions, dry and wet deposition), 2 hours,
// with the Hangzhou region file (6 regions + boundary + initial):
//  * every pool's tags sum to its bulk in every cell to 1e-10 relative (the model also checks
//    this after every process of every step and would have thrown);
//  * the inert primary-PM tag of Hangzhou equals the brute-force zero-out difference
//    (base − run without Hangzhou's emissions). Primary PM is linear in its emissions except for
//    the PPM limiter of advection, which the tags see separately from the bulk (they are
//    renormalised after transport), so the two agree to the stated tolerances, not to round-off.
// The same body runs on 1 and 2 ranks.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "io/config/config.hpp"
#include "solver/attribution/attribution.hpp"
#include "solver/cases/hangzhou_case.hpp"
#include "solver/driver/model.hpp"
#include "solver/parallel/environment.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;

namespace {

std::filesystem::path case_dir() {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("qiantang_test_attribution_np" + std::to_string(parallel::Environment::world_size()));
  if (parallel::Environment::world_rank() == 0) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    cases::write_hangzhou_case("hangzhou-winter", dir, cases::HangzhouOptions{true});
    std::filesystem::copy_file(test::source_dir() / "configs/attribution/hangzhou_regions.csv",
                               dir / "regions.csv");
    std::ofstream(dir / "zero_hangzhou.csv") << "sector,species,region,factor\nall,all,hangzhou,0\n";
  }
  parallel::Environment::barrier();
  return dir;
}

// The primary-PM tag of a region: Σ over the pools PEC, PPOA, POTHR (AEC, APOA, AOTHR).
std::vector<double> primary_tag(solver::Model& m, const std::string& tag) {
  std::vector<double> sum;
  for (const char* pool : {"PEC_", "PPOA_", "POTHR_"}) {
    const auto g = m.gather_tracer(m.state().tracers.require(pool + tag));
    if (sum.empty()) sum.assign(g.size(), 0.0);
    for (std::size_t c = 0; c < g.size(); ++c) sum[c] += g[c];
  }
  return sum;
}

}  // namespace

TEST_CASE("tags sum to the bulk and the primary-PM tag equals the zero-out difference", "[verification]") {
  const auto dir = case_dir();
  const std::vector<std::string> common{"run.progress=false", "run.hours=2", "emissions.report=false",
                                        "emissions.regions=regions.csv"};
  auto tagged = common;
  tagged.push_back("output.dir=" + (dir / "tagged").string());
  tagged.push_back("attribution.enabled=true");
  tagged.push_back("attribution.regions=regions.csv");
  solver::Model a(io::Config::load(dir / "d01.ini", tagged));
  (void)a.run();
  const auto& attr = *a.attribution();

  // Σ tags == bulk, every pool and cell.
  double worst = 0.0;
  for (const auto& p : attr.pools()) {
    std::vector<std::vector<double>> members, tags;
    for (const auto& m : p.members) members.push_back(a.gather_tracer(m.tracer));
    for (int t = 0; t < attr.n_tags(); ++t) tags.push_back(a.gather_tracer(p.first_field + t));
    if (!a.comm().is_root()) continue;
    for (std::size_t c = 0; c < members[0].size(); ++c) {
      double b = 0.0, s = 0.0;
      for (std::size_t m = 0; m < members.size(); ++m) b += p.members[m].weight * members[m][c];
      for (const auto& t : tags) s += t[c];
      const double rel = b > 0 ? std::abs(s - b) / b : std::abs(s);
      worst = std::max(worst, rel);
    }
  }
  if (a.comm().is_root()) {
    INFO("largest relative |sum(tags) - bulk| " << worst);
    CHECK(worst <= 1e-10);
  }

  // Brute force: the same driver without Hangzhou's anthropogenic emissions.
  auto zero = common;
  zero.push_back("output.dir=" + (dir / "zero").string());
  zero.push_back("emissions.scaling=zero_hangzhou.csv");
  solver::Model b(io::Config::load(dir / "d01.ini", zero));
  (void)b.run();
  auto ppm = [](solver::Model& m) {
    std::vector<double> sum;
    for (const char* n : {"AEC", "APOA", "AOTHR"}) {
      const auto g = m.gather_tracer(m.state().tracers.require(n));
      if (sum.empty()) sum.assign(g.size(), 0.0);
      for (std::size_t c = 0; c < g.size(); ++c) sum[c] += g[c];
    }
    return sum;
  };
  const auto base = ppm(a), without = ppm(b);
  const auto tag = primary_tag(a, "hangzhou");
  if (a.comm().is_root()) {
    double max_tag = 0.0, max_diff = 0.0, sum_tag = 0.0, sum_bf = 0.0;
    std::size_t at = 0;
    for (std::size_t c = 0; c < tag.size(); ++c) max_tag = std::max(max_tag, tag[c]);
    for (std::size_t c = 0; c < tag.size(); ++c) {
      const double bf = base[c] - without[c];
      if (std::abs(tag[c] - bf) > max_diff) max_diff = std::abs(tag[c] - bf), at = c;
      sum_tag += tag[c];
      sum_bf += bf;
    }
    INFO("max |tag - (base - zero-out)| / max tag = " << max_diff / max_tag << " at cell " << at << " (tag " << tag[at]
         << ", base - zero-out " << base[at] - without[at] << ", bulk " << base[at] << "); totals " << sum_tag << " vs "
         << sum_bf);
    CHECK(max_tag > 0.0);
    // Tolerance: 30 % of the tag's maximum pointwise and 2 % in the domain total (measured over
    // 2 h: 23 % and 0.8 %, docs/attribution.md). The PPM limiter clips the sharp-edged tag
    // differently from the smooth bulk, and (base − zero-out) is itself a difference of two
    // limited solutions; without advection the two agree to 0.4 % (next test).
    CHECK(max_diff <= 0.3 * max_tag);
    CHECK(std::abs(sum_tag - sum_bf) <= 2e-2 * sum_bf);
  }
}

// Without advection the limiter is out of the way and the primary-PM tags are exact: every other
// process is linear in AEC, APOA and AOTHR, each of which is its own pool (PEC, PPOA, POTHR).
// With one pool for the three, dry deposition (different diameters and densities) and in-cloud
// scavenging (different activated fractions) removed every tag at the pool's mean rate, 0.3–0.4 %
// of the Hangzhou tag's maximum after 1 h (the hidden test "[.trace]" below measures it per process).
TEST_CASE("without advection the primary-PM tag equals the zero-out difference", "[verification]") {
  const auto dir = case_dir();
  const std::vector<std::string> common{
      "run.progress=false", "run.hours=1", "emissions.report=false", "emissions.regions=regions.csv",
      "processes.order=emissions, vertical_diffusion, dry_deposition, gas_chemistry, cloud_chemistry, aerosol, "
      "wet_deposition",
      "attribution.families=primary_pm"};
  auto tagged = common;
  tagged.push_back("output.dir=" + (dir / "tagged_noadv").string());
  tagged.push_back("attribution.enabled=true");
  tagged.push_back("attribution.regions=regions.csv");
  solver::Model a(io::Config::load(dir / "d01.ini", tagged));
  (void)a.run();
  auto zero = common;
  zero.push_back("output.dir=" + (dir / "zero_noadv").string());
  zero.push_back("emissions.scaling=zero_hangzhou.csv");
  solver::Model b(io::Config::load(dir / "d01.ini", zero));
  (void)b.run();
  std::vector<double> diff;
  for (const char* n : {"AEC", "APOA", "AOTHR"}) {
    const auto x = a.gather_tracer(a.state().tracers.require(n)), y = b.gather_tracer(b.state().tracers.require(n));
    if (diff.empty()) diff.assign(x.size(), 0.0);
    for (std::size_t c = 0; c < x.size(); ++c) diff[c] += x[c] - y[c];
  }
  const auto tag = primary_tag(a, "hangzhou");
  if (a.comm().is_root()) {
    double max_tag = 0.0, max_diff = 0.0;
    for (std::size_t c = 0; c < tag.size(); ++c) {
      max_tag = std::max(max_tag, tag[c]);
      max_diff = std::max(max_diff, std::abs(tag[c] - diff[c]));
    }
    INFO("max |tag - (base - zero-out)| / max tag = " << max_diff / max_tag);
    CHECK(max_tag > 0.0);
    CHECK(max_diff <= 1e-12 * max_tag);  // measured 5.6e-16
  }
}

// Diagnostic (hidden, ~45 s): the primary-PM tag against the zero-out of all Hangzhou emissions and
// of its primary PM only, for each process alone after emissions; prints the deviations.
TEST_CASE("trace: primary-PM tag against zero-out per process set", "[.trace]") {
  const auto dir = case_dir();
  const char* orders[] = {"emissions",
                          "emissions, vertical_diffusion",
                          "emissions, dry_deposition",
                          "emissions, wet_deposition",
                          "emissions, aerosol",
                          "emissions, gas_chemistry",
                          "emissions, cloud_chemistry",
                          "emissions, vertical_diffusion, dry_deposition, gas_chemistry, cloud_chemistry, aerosol, wet_deposition"};
  const char* scalings[] = {"zero_hangzhou.csv", "zero_hangzhou_pm.csv"};
  if (parallel::Environment::world_rank() == 0)
    std::ofstream(dir / "zero_hangzhou_pm.csv") << "sector,species,region,factor\nall,PM25,hangzhou,0\nall,PMC,hangzhou,0\n";
  parallel::Environment::barrier();
  for (const char* order : orders)
    for (const char* scaling : scalings) {
      const std::vector<std::string> common{"run.progress=false", "run.hours=1", "emissions.report=false",
                                            "emissions.regions=regions.csv", std::string("processes.order=") + order,
                                            "attribution.families=primary_pm"};
      auto tagged = common;
      tagged.push_back("output.dir=" + (dir / "tagged_trace").string());
      tagged.push_back("attribution.enabled=true");
      tagged.push_back("attribution.regions=regions.csv");
      // The config without the keys of processes that are not in the order (unused keys are errors).
      const std::string o(order);
      const auto ini = dir / "trace.ini";
      if (parallel::Environment::world_rank() == 0) {
        std::ifstream in(dir / "d01.ini");
        std::ofstream out(ini);
        std::string section;
        for (std::string line; std::getline(in, line);) {
          if (!line.empty() && line[0] == '[') section = line;
          const bool chem_key = section == "[chemistry]" && line.find('=') != std::string::npos &&
                                line.rfind("mechanism", 0) != 0;
          if (chem_key && o.find("gas_chemistry") == std::string::npos) continue;
          if (section == "[dry_deposition]" && line.find('=') != std::string::npos &&
              o.find("dry_deposition") == std::string::npos)
            continue;
          out << line << "\n";
        }
      }
      parallel::Environment::barrier();
      solver::Model a(io::Config::load(ini, tagged));
      (void)a.run();
      auto zero = common;
      zero.push_back("output.dir=" + (dir / "zero_trace").string());
      zero.push_back(std::string("emissions.scaling=") + scaling);
      solver::Model b(io::Config::load(ini, zero));
      (void)b.run();
      std::vector<double> diff;
      for (const char* n : {"AEC", "APOA", "AOTHR"}) {
        const auto x = a.gather_tracer(a.state().tracers.require(n)), y = b.gather_tracer(b.state().tracers.require(n));
        if (diff.empty()) diff.assign(x.size(), 0.0);
        for (std::size_t c = 0; c < x.size(); ++c) diff[c] += x[c] - y[c];
      }
      const auto tag = primary_tag(a, "hangzhou");
      double max_tag = 0.0, max_diff = 0.0;
      std::size_t at = 0;
      for (std::size_t c = 0; c < tag.size(); ++c) {
        max_tag = std::max(max_tag, tag[c]);
        if (std::abs(tag[c] - diff[c]) > max_diff) max_diff = std::abs(tag[c] - diff[c]), at = c;
      }
      WARN(order << " | " << scaling << ": max |tag - (base - zero)| / max tag = " << max_diff / max_tag << " at " << at
                 << " tag " << tag[at] << " diff " << diff[at]);
    }
}
