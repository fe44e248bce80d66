#include "validation/station_list.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "solver/common/errors.hpp"

namespace qiantang::validation {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : line) {
    if (c == ',') {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  return out;
}

}  // namespace

std::vector<StationInfo> parse_station_list(const std::string& text, const std::string& name) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::istringstream in(text);
  std::string line;
  long line_no = 0;
  int col_id = -1, col_name = -1, col_lon = -1, col_lat = -1, col_city = -1;
  std::size_t n_cols = 0;
  bool have_header = false;
  std::vector<StationInfo> out;
  std::set<std::string> seen;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
      line.erase(0, 3);
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    const auto f = split(t);
    const std::string where = name + ":" + std::to_string(line_no);
    if (!have_header) {
      for (std::size_t i = 0; i < f.size(); ++i) {
        const auto h = lower(f[i]);
        if (h == "station" || h == "id")
          col_id = int(i);
        else if (h == "name")
          col_name = int(i);
        else if (h == "lon" || h == "longitude")
          col_lon = int(i);
        else if (h == "lat" || h == "latitude")
          col_lat = int(i);
        else if (h == "city_mean")
          col_city = int(i);
      }
      if (col_id < 0)
        throw InputError(where, "header", "a 'station' column (station,name,lon,lat,city_mean)");
      n_cols = f.size();
      have_header = true;
      continue;
    }
    if (f.size() != n_cols)
      throw InputError(where, "record", std::to_string(n_cols) + " fields as in the header");
    StationInfo s;
    s.id = f[std::size_t(col_id)];
    if (s.id.empty()) throw InputError(where, "station", "a station id");
    if (!seen.insert(s.id).second)
      throw InputError(where, "station", "unique ids, '" + s.id + "' repeats");
    if (col_name >= 0) s.name = f[std::size_t(col_name)];
    auto number = [&](int col, const char* what) {
      if (col < 0 || f[std::size_t(col)].empty()) return nan;
      const auto& v = f[std::size_t(col)];
      double x = 0.0;
      const auto r = std::from_chars(v.data(), v.data() + v.size(), x);
      if (r.ec != std::errc{} || r.ptr != v.data() + v.size() || !std::isfinite(x))
        throw InputError(where, what, "a number in degrees, got '" + v + "'");
      return x;
    };
    s.lon_deg = number(col_lon, "lon");
    s.lat_deg = number(col_lat, "lat");
    if (col_city >= 0) {
      const auto v = lower(f[std::size_t(col_city)]);
      if (v == "1" || v == "true" || v == "yes" || v.empty())
        s.in_city_mean = true;
      else if (v == "0" || v == "false" || v == "no")
        s.in_city_mean = false;
      else
        throw InputError(where, "city_mean", "1 or 0, got '" + v + "'");
    }
    out.push_back(std::move(s));
  }
  if (!have_header)
    throw InputError(name, "header", "a header line station,name,lon,lat,city_mean");
  return out;
}

std::vector<StationInfo> read_station_list(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "", "a readable station list");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_station_list(ss.str(), file.string());
}

}  // namespace qiantang::validation
