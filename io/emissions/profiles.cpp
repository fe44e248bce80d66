#include "io/emissions/profiles.hpp"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

constexpr double kSumTolerance = 1e-4;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

struct Row {
  std::vector<std::string> f;
  std::string where;
};

// Reads a CSV with the given header (the first non-comment line); `optional` trailing columns
// may be absent from the header and from rows.
std::vector<Row> read_csv(const std::filesystem::path& file, const std::vector<std::string>& header,
                          std::size_t optional = 0) {
  if (!std::filesystem::exists(file)) throw InputError(file.string(), "", "an existing profile file");
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "", "a readable profile file");
  std::string line;
  int lineno = 0;
  bool have_header = false;
  std::size_t ncols = header.size();
  std::vector<Row> rows;
  std::string want;
  for (const auto& h : header) want += (want.empty() ? "" : ",") + h;
  while (std::getline(in, line)) {
    ++lineno;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(t);
    std::string x;
    while (std::getline(ss, x, ',')) f.push_back(trim(x));
    if (!t.empty() && t.back() == ',') f.push_back("");
    const std::string where = file.string() + ":" + std::to_string(lineno);
    if (!have_header) {
      bool ok = f.size() <= header.size() && f.size() + optional >= header.size();
      for (std::size_t c = 0; ok && c < f.size(); ++c) ok = f[c] == header[c];
      if (!ok) throw InputError(where, "header", "the header '" + want + "' (docs/formats.md)");
      ncols = f.size();
      have_header = true;
      (void)ncols;
      continue;
    }
    if (f.size() > header.size() || f.size() + optional < header.size())
      throw InputError(where, "columns", std::to_string(ncols) + " comma-separated fields (" + want + "), got " +
                                             std::to_string(f.size()));
    f.resize(header.size());
    rows.push_back({f, where});
  }
  if (!have_header) throw InputError(file.string(), "header", "the header '" + want + "' (docs/formats.md)");
  return rows;
}

double number(const Row& r, std::size_t c, const std::string& column) {
  try {
    std::size_t used = 0;
    const double v = std::stod(r.f[c], &used);
    if (used != r.f[c].size() || !std::isfinite(v)) throw std::invalid_argument("x");
    return v;
  } catch (const std::exception&) {
    throw InputError(r.where, column, "a finite number, got '" + r.f[c] + "'");
  }
}

int integer(const Row& r, std::size_t c, const std::string& column) {
  const double v = number(r, c, column);
  if (v != std::floor(v)) throw InputError(r.where, column, "an integer, got '" + r.f[c] + "'");
  return int(v);
}

void need_name(const Row& r, std::size_t c, const std::string& column) {
  if (r.f[c].empty()) throw InputError(r.where, column, "a non-empty name");
}

template <std::size_t N>
void finish_set(std::optional<std::array<double, N>>& set, std::array<bool, N>& seen, const std::string& file,
                const std::string& sector, const std::string& kind) {
  if (!set) return;
  double sum = 0;
  for (std::size_t n = 0; n < N; ++n) {
    if (!seen[n])
      throw InputError(file, sector + " " + kind, "a complete profile (every index once), index " +
                                                      std::to_string(kind == "hour" ? n : n + 1) + " is missing");
    sum += (*set)[n];
  }
  if (std::abs(sum - 1.0) > kSumTolerance)
    throw InputError(file, sector + " " + kind, "fractions summing to 1, got " + std::to_string(sum));
  for (auto& v : *set) v /= sum;
}

}  // namespace

TemporalProfiles read_temporal_profiles(const std::filesystem::path& file) {
  TemporalProfiles out;
  struct Seen {
    std::array<bool, 12> month{};
    std::array<bool, 7> weekday{};
    std::array<bool, 24> hour{};
  };
  std::map<std::string, Seen> seen;
  for (const auto& r : read_csv(file, {"sector", "kind", "index", "fraction"})) {
    need_name(r, 0, "sector");
    const std::string& kind = r.f[1];
    const int index = integer(r, 2, "index");
    const double fr = number(r, 3, "fraction");
    if (fr < 0) throw InputError(r.where, "fraction", "a non-negative fraction");
    auto& p = out[r.f[0]];
    auto& s = seen[r.f[0]];
    auto put = [&](auto& set, auto& flags, int lo, int hi) {
      if (index < lo || index > hi)
        throw InputError(r.where, "index", kind + " index in " + std::to_string(lo) + ".." + std::to_string(hi) +
                                               ", got " + std::to_string(index));
      if (!set) set.emplace().fill(0.0);
      const std::size_t n = std::size_t(index - lo);
      if (flags[n]) throw InputError(r.where, "index", "each " + kind + " index once per sector");
      flags[n] = true;
      (*set)[n] = fr;
    };
    if (kind == "month") {
      put(p.month, s.month, 1, 12);
    } else if (kind == "weekday") {
      put(p.weekday, s.weekday, 1, 7);
    } else if (kind == "hour") {
      put(p.hour, s.hour, 0, 23);
    } else {
      throw InputError(r.where, "kind", "month, weekday or hour, got '" + kind + "'");
    }
  }
  for (auto& [sector, p] : out) {
    auto& s = seen[sector];
    finish_set(p.month, s.month, file.string(), sector, "month");
    finish_set(p.weekday, s.weekday, file.string(), sector, "weekday");
    finish_set(p.hour, s.hour, file.string(), sector, "hour");
  }
  return out;
}

VerticalProfiles read_vertical_profiles(const std::filesystem::path& file) {
  VerticalProfiles out;
  for (const auto& r : read_csv(file, {"sector", "layer_top_m", "fraction"})) {
    need_name(r, 0, "sector");
    const double top = number(r, 1, "layer_top_m"), fr = number(r, 2, "fraction");
    if (!(top > 0)) throw InputError(r.where, "layer_top_m", "a positive height above ground (m)");
    if (fr < 0) throw InputError(r.where, "fraction", "a non-negative fraction");
    auto& bands = out[r.f[0]];
    if (!bands.empty() && !(top > bands.back().top_m))
      throw InputError(r.where, "layer_top_m", "band tops increasing within the sector");
    bands.push_back({top, fr});
  }
  for (auto& [sector, bands] : out) {
    double sum = 0;
    for (const auto& b : bands) sum += b.fraction;
    if (std::abs(sum - 1.0) > kSumTolerance)
      throw InputError(file.string(), sector, "vertical fractions summing to 1, got " + std::to_string(sum));
    for (auto& b : bands) b.fraction /= sum;
  }
  return out;
}

std::vector<SpeciationRow> read_speciation(const std::filesystem::path& file) {
  std::vector<SpeciationRow> out;
  for (const auto& r : read_csv(file, {"sector", "inventory_species", "model_species", "fraction", "basis"})) {
    for (std::size_t c = 0; c < 3; ++c) need_name(r, c, c == 0 ? "sector" : c == 1 ? "inventory_species" : "model_species");
    SpeciationRow s;
    s.sector = r.f[0];
    s.inventory_species = r.f[1];
    s.model_species = r.f[2];
    s.fraction = number(r, 3, "fraction");
    s.where = r.where;
    if (s.fraction < 0) throw InputError(r.where, "fraction", "a non-negative fraction");
    const std::string& b = r.f[4];
    if (b == "mass") s.basis = SpeciationBasis::mass;
    else if (b == "mole") s.basis = SpeciationBasis::mole;
    else if (b == "mol_per_g") s.basis = SpeciationBasis::mol_per_g;
    else if (b == "mass_factor") s.basis = SpeciationBasis::mass_factor;
    else throw InputError(r.where, "basis", "mass, mole, mol_per_g or mass_factor, got '" + b + "'");
    out.push_back(s);
  }
  std::map<std::pair<std::string, std::string>, std::pair<SpeciationBasis, double>> sets;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const auto& s : out) {
    if (!seen.insert({s.sector, s.inventory_species, s.model_species}).second)
      throw InputError(s.where, s.model_species, "each model species once per sector and inventory species");
    const auto key = std::make_pair(s.sector, s.inventory_species);
    auto it = sets.find(key);
    if (it == sets.end()) {
      sets[key] = {s.basis, s.fraction};
    } else {
      if (it->second.first != s.basis)
        throw InputError(s.where, "basis", "one basis for sector '" + s.sector + "', species '" + s.inventory_species + "'");
      it->second.second += s.fraction;
    }
  }
  for (const auto& [key, v] : sets) {
    if (v.first != SpeciationBasis::mass && v.first != SpeciationBasis::mole) continue;
    if (std::abs(v.second - 1.0) > kSumTolerance)
      throw InputError(file.string(), key.first + " " + key.second,
                       "speciation fractions summing to 1 (basis " +
                           std::string(v.first == SpeciationBasis::mass ? "mass" : "mole") + "), got " +
                           std::to_string(v.second));
  }
  for (auto& s : out) {
    const auto& v = sets[{s.sector, s.inventory_species}];
    if (v.first == SpeciationBasis::mass || v.first == SpeciationBasis::mole) s.fraction /= v.second;
  }
  return out;
}

std::vector<ScalingRow> read_scaling(const std::filesystem::path& file) {
  std::vector<ScalingRow> out;
  for (const auto& r : read_csv(file, {"sector", "species", "region", "factor", "start", "end"}, 2)) {
    for (std::size_t c = 0; c < 3; ++c) need_name(r, c, c == 0 ? "sector" : c == 1 ? "species" : "region");
    ScalingRow s;
    s.sector = r.f[0];
    s.species = r.f[1];
    s.region = r.f[2];
    s.factor = number(r, 3, "factor");
    s.where = r.where;
    if (s.factor < 0) throw InputError(r.where, "factor", "a non-negative factor");
    for (std::size_t c = 4; c < 6; ++c) {
      if (r.f[c].empty()) continue;
      const auto t = parse_iso8601(r.f[c]);
      if (!t) throw InputError(r.where, c == 4 ? "start" : "end", "an ISO-8601 time, got '" + r.f[c] + "'");
      (c == 4 ? s.start : s.end) = *t;
    }
    if (s.start && s.end && !(*s.end > *s.start)) throw InputError(r.where, "end", "an end after the start");
    out.push_back(s);
  }
  return out;
}

Regions read_regions(const std::filesystem::path& file) {
  Regions out;
  std::map<std::pair<std::string, int>, std::size_t> part_index;
  for (const auto& r : read_csv(file, {"region", "part", "lon", "lat"})) {
    need_name(r, 0, "region");
    if (r.f[0] == "all") throw InputError(r.where, "region", "a name other than 'all' (it means the whole domain)");
    const int part = integer(r, 1, "part");
    const double lon = number(r, 2, "lon"), lat = number(r, 3, "lat");
    if (lat < -90 || lat > 90) throw InputError(r.where, "lat", "a latitude in [-90, 90]");
    auto& parts = out[r.f[0]];
    const auto key = std::make_pair(r.f[0], part);
    if (!part_index.count(key)) {
      part_index[key] = parts.size();
      parts.emplace_back();
    }
    auto& p = parts[part_index[key]];
    p.lon.push_back(lon);
    p.lat.push_back(lat);
  }
  for (const auto& [name, parts] : out)
    for (const auto& p : parts)
      if (p.lon.size() < 3)
        throw InputError(file.string(), name, "polygons of at least three vertices");
  return out;
}

BiogenicFactors read_biogenic_factors(const std::filesystem::path& file) {
  BiogenicFactors out;
  for (const auto& r : read_csv(file, {"category", "name", "isoprene_ug_m2_h", "monoterpene_ug_m2_h"})) {
    const int c = integer(r, 0, "category");
    BiogenicFactor f{r.f[1], number(r, 2, "isoprene_ug_m2_h"), number(r, 3, "monoterpene_ug_m2_h")};
    if (f.isoprene_ug_m2_h < 0 || f.monoterpene_ug_m2_h < 0)
      throw InputError(r.where, "isoprene_ug_m2_h", "non-negative emission factors");
    if (out.count(c)) throw InputError(r.where, "category", "each land-use category once");
    out[c] = f;
  }
  return out;
}

}  // namespace qiantang::io
