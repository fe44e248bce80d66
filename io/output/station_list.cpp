#include "io/output/station_list.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "solver/common/errors.hpp"

namespace qiantang::io {

std::vector<Station> read_station_list(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "", "a readable station list (id,name,lon,lat,background)");
  std::vector<Station> out;
  std::set<std::string> ids;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> v;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, ',')) v.push_back(f);
    const std::string where = file.string() + ":" + std::to_string(lineno);
    if (lineno == 1) {
      if (v.size() < 4 || v[0] != "id" || v[1] != "name" || v[2] != "lon" || v[3] != "lat")
        throw InputError(where, "header", "id,name,lon,lat[,background]");
      continue;
    }
    if (v.size() < 4 || v.size() > 5) throw InputError(where, "row", "id,name,lon,lat[,background]");
    Station s;
    s.id = v[0];
    s.name = v[1];
    try {
      s.lon_deg = std::stod(v[2]);
      s.lat_deg = std::stod(v[3]);
    } catch (const std::exception&) {
      throw InputError(where, "lon,lat", "numbers in degrees");
    }
    if (!(s.lon_deg >= -180 && s.lon_deg <= 360 && s.lat_deg >= -90 && s.lat_deg <= 90))
      throw InputError(where, "lon,lat", "longitude in -180..360 and latitude in -90..90");
    if (v.size() == 5) {
      const auto& b = v[4];
      if (b == "1" || b == "true" || b == "yes") s.background = true;
      else if (b == "0" || b == "false" || b == "no" || b.empty()) s.background = false;
      else throw InputError(where, "background", "1/0, true/false or yes/no");
    }
    if (!ids.insert(s.id).second) throw InputError(where, "id", "each station once, '" + s.id + "' repeats");
    out.push_back(s);
  }
  if (out.empty()) throw InputError(file.string(), "", "at least one station");
  return out;
}

}  // namespace qiantang::io
