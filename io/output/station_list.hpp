#pragma once
// Station lists: CSV `id,name,lon,lat,background` (degrees east/north; background = 1/true
// marks a background station that the city mean excludes, e.g. Hangzhou's 1225A Qiandao Lake).
#include <filesystem>
#include <string>
#include <vector>

namespace qiantang::io {

struct Station {
  std::string id, name;
  double lon_deg = 0.0, lat_deg = 0.0;
  bool background = false;
};

// Throws InputError (file:line, column, expected) on malformed rows, duplicate ids or
// coordinates outside −180..360 / −90..90.
std::vector<Station> read_station_list(const std::filesystem::path& file);

}  // namespace qiantang::io
