#pragma once
// Station list for `qiantang evaluate --stations FILE`: a CSV with a header naming the columns
//   station,name,lon,lat,city_mean
// `station` (synonym `id`) is required; the others are optional. lon/lat in degrees east/north;
// city_mean is 1/0 (also true/false, yes/no): whether the station enters the city mean
// (background stations such as Hangzhou's 1225A Qiandaohu do not). Missing column = 1.
// Lines starting with '#' and blank lines are skipped.
#include <filesystem>
#include <string>
#include <vector>

namespace qiantang::validation {

struct StationInfo {
  std::string id;
  std::string name;
  double lon_deg = 0.0;  // NaN when not given
  double lat_deg = 0.0;  // NaN when not given
  bool in_city_mean = true;
};

// Throws InputError("file:line", column, expected) on a missing `station` column, a bad number or
// flag, or a duplicate station id.
std::vector<StationInfo> read_station_list(const std::filesystem::path& file);
std::vector<StationInfo> parse_station_list(const std::string& text, const std::string& name);

}  // namespace qiantang::validation
