#include "io/initial/background_profile.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "solver/common/errors.hpp"

namespace qiantang::io {

double BackgroundProfile::at(double z_m) const {
  return free_troposphere + (surface - free_troposphere) * std::exp(-std::max(z_m, 0.0) / scale_height_m);
}

BackgroundProfiles BackgroundProfiles::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "", "a readable background-profile CSV");
  BackgroundProfiles out;
  out.file_ = file;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineno == 1 || line.empty() || line[0] == '#') continue;
    std::vector<std::string> v;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, ',')) v.push_back(f);
    const std::string where = file.string() + ":" + std::to_string(lineno);
    if (v.size() < 5)
      throw InputError(where, "row", "species,units,surface,free_troposphere,scale_height_m[,note]");
    BackgroundProfile p;
    p.units = v[1];
    if (p.units != "ppb" && p.units != "ug/m3") throw InputError(where, "units", "ppb or ug/m3, got '" + p.units + "'");
    try {
      p.surface = std::stod(v[2]);
      p.free_troposphere = std::stod(v[3]);
      p.scale_height_m = std::stod(v[4]);
    } catch (const std::exception&) {
      throw InputError(where, v[0], "numbers for surface, free_troposphere and scale_height_m");
    }
    if (!(p.surface >= 0) || !(p.free_troposphere >= 0) || !std::isfinite(p.surface) ||
        !std::isfinite(p.free_troposphere))
      throw InputError(where, v[0], "finite, non-negative values");
    if (!(p.scale_height_m > 0) || !std::isfinite(p.scale_height_m))
      throw InputError(where, v[0], "a positive scale height in m");
    if (out.profiles_.count(v[0])) throw InputError(where, v[0], "each species once");
    out.profiles_[v[0]] = p;
  }
  return out;
}

std::optional<BackgroundProfile> BackgroundProfiles::find(const std::string& species) const {
  const auto it = profiles_.find(species);
  if (it == profiles_.end()) return std::nullopt;
  return it->second;
}

}  // namespace qiantang::io
