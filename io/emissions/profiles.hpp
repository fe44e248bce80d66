#pragma once
// Emission profile files (docs/formats.md, "Emission profiles"): temporal, vertical,
// speciation, scaling, region polygons and biogenic emission factors, as plain CSV. Each
// reader checks the file completely (columns, numbers, sums to 1) and throws
// InputError("file:line", column, expected).
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::io {

// Sector name that stands for every sector without rows of its own.
inline const std::string kAnySector = "*";

struct TemporalProfile {
  // Fractions (each set sums to 1); nullopt = flat.
  std::optional<std::array<double, 12>> month;    // January .. December
  std::optional<std::array<double, 7>> weekday;   // Monday .. Sunday
  std::optional<std::array<double, 24>> hour;     // hour beginning 00 .. 23 Beijing time
};
using TemporalProfiles = std::map<std::string, TemporalProfile>;  // sector -> profile
TemporalProfiles read_temporal_profiles(const std::filesystem::path& file);

struct VerticalBand {
  double top_m;     // height above ground of the band top (the band starts at the previous top)
  double fraction;
};
using VerticalProfiles = std::map<std::string, std::vector<VerticalBand>>;  // sector -> bands, increasing
VerticalProfiles read_vertical_profiles(const std::filesystem::path& file);

enum class SpeciationBasis { mass, mole, mol_per_g, mass_factor };
struct SpeciationRow {
  std::string sector, inventory_species, model_species;
  double fraction = 0.0;
  SpeciationBasis basis = SpeciationBasis::mass;
  std::string where;  // file:line
};
// Checks: known basis, non-negative fractions, one basis per (sector, inventory species), and
// sums of 1 (±1e-4) for the mass and mole bases (then renormalised exactly).
std::vector<SpeciationRow> read_speciation(const std::filesystem::path& file);

struct ScalingRow {
  std::string sector, species, region;  // "all" matches any
  double factor = 1.0;
  std::optional<TimePoint> start, end;  // active for start <= t < end
  std::string where;
  bool active(TimePoint t) const { return (!start || t >= *start) && (!end || t < *end); }
};
std::vector<ScalingRow> read_scaling(const std::filesystem::path& file);

struct RegionPolygon {
  std::vector<double> lon, lat;  // vertices in order; closes itself
};
using Regions = std::map<std::string, std::vector<RegionPolygon>>;  // region -> parts
Regions read_regions(const std::filesystem::path& file);

struct BiogenicFactor {
  std::string name;
  double isoprene_ug_m2_h = 0.0, monoterpene_ug_m2_h = 0.0;
};
using BiogenicFactors = std::map<int, BiogenicFactor>;  // land-use category -> factors
BiogenicFactors read_biogenic_factors(const std::filesystem::path& file);

}  // namespace qiantang::io
