#include "io/csv/station_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <tuple>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Splits one CSV record; fields may be double-quoted ("" inside quotes is a quote).
std::vector<std::string> split_csv(const std::string& line, const std::string& where) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
      was_quoted = true;
    } else if (c == ',') {
      out.push_back(was_quoted ? cur : trim(cur));
      cur.clear();
      was_quoted = false;
    } else {
      cur += c;
    }
  }
  if (quoted) throw InputError(where, "record", "a closing double quote");
  out.push_back(was_quoted ? cur : trim(cur));
  return out;
}

bool is_missing_token(const std::string& s) {
  return s.empty() || s == "NA" || s == "NaN" || s == "nan" || s == "-" || s == "null";
}

// A concentration: missing token -> NaN; otherwise a finite number >= 0.
double parse_value(const std::string& s, const std::string& where, const std::string& column) {
  if (is_missing_token(s)) return kMissing;
  double v = 0.0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  const auto r = std::from_chars(first, last, v);
  if (r.ec != std::errc{} || r.ptr != last || !std::isfinite(v))
    throw InputError(where, column, "a number or a blank for missing, got '" + s + "'");
  if (v < 0.0) throw InputError(where, column, "a concentration >= 0, got '" + s + "'");
  return v;
}

long parse_integer(const std::string& s, const std::string& where, const std::string& column,
                   const std::string& expected) {
  long v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size())
    throw InputError(where, column, expected + ", got '" + s + "'");
  return v;
}

// True when the text ends with an explicit UTC offset (Z or +HH:MM / -HH:MM).
bool has_explicit_offset(const std::string& s) {
  if (!s.empty() && s.back() == 'Z') return true;
  if (s.size() < 6) return false;
  const std::size_t p = s.size() - 6;
  return (s[p] == '+' || s[p] == '-') && s[p + 3] == ':';
}

std::string header_where(const std::string& name) { return name + ":1"; }

struct Record {
  TimePoint time;
  std::string station, pollutant;
  double value;
  int line;
};

HourlySeries build(std::vector<Record>& records, const std::string& name) {
  HourlySeries out;
  if (records.empty()) return out;
  std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return std::tie(a.time, a.station, a.pollutant, a.line) <
           std::tie(b.time, b.station, b.pollutant, b.line);
  });
  for (std::size_t i = 1; i < records.size(); ++i) {
    const Record& a = records[i - 1];
    const Record& b = records[i];
    if (a.time == b.time && a.station == b.station && a.pollutant == b.pollutant)
      throw InputError(name + ":" + std::to_string(b.line),
                       "station " + b.station + " " + b.pollutant,
                       "one value per hour, already given at line " + std::to_string(a.line) +
                           " for " + format_beijing_iso8601(b.time));
  }
  out.cover(records.front().time, records.back().time);
  for (const Record& r : records) {
    auto& s = out.series(r.station, r.pollutant);
    s[std::size_t(out.index_of(r.time))] = r.value;
  }
  return out;
}

void strip_bom(std::string& line) {
  if (line.size() >= 3 && static_cast<unsigned char>(line[0]) == 0xEF &&
      static_cast<unsigned char>(line[1]) == 0xBB && static_cast<unsigned char>(line[2]) == 0xBF)
    line.erase(0, 3);
}

bool is_known_pollutant(const std::string& p) {
  const auto& k = station_pollutants();
  return std::find(k.begin(), k.end(), p) != k.end();
}

std::string pollutant_list() {
  std::string s;
  for (const auto& p : station_pollutants()) {
    if (!s.empty()) s += ", ";
    s += p;
  }
  return s;
}

HourlySeries parse_long(std::istream& in, const std::string& name, const StationCsvOptions& opt) {
  std::vector<Record> records;
  std::string line;
  int lineno = 1;
  while (std::getline(in, line)) {
    ++lineno;
    if (trim(line).empty()) continue;
    const std::string where = name + ":" + std::to_string(lineno);
    const auto f = split_csv(line, where);
    if (f.size() != 4)
      throw InputError(where, "record",
                       "4 fields time,station,pollutant,value, got " + std::to_string(f.size()));
    const auto t = parse_iso8601(f[0]);
    if (!t || !has_explicit_offset(f[0]))
      throw InputError(
          where, "time",
          "ISO-8601 with an offset, e.g. 2026-01-10T08:00:00+08:00, got '" + f[0] + "'");
    if (t->time_since_epoch() % std::chrono::hours{1} != Seconds{0})
      throw InputError(where, "time",
                       "a whole hour (end of the averaging hour), got '" + f[0] + "'");
    if (f[1].empty()) throw InputError(where, "station", "a non-empty station id");
    if (f[2].empty() || (!opt.keep_other_types && !is_known_pollutant(f[2])))
      throw InputError(where, "pollutant", "one of " + pollutant_list() + ", got '" + f[2] + "'");
    const double v = parse_value(f[3], where, "value");
    if (std::isnan(v)) continue;
    records.push_back({*t, f[1], f[2], v, lineno});
  }
  return build(records, name);
}

HourlySeries parse_wide(std::istream& in, const std::vector<std::string>& header,
                        const std::string& name, const StationCsvOptions& opt) {
  for (std::size_t c = 3; c < header.size(); ++c)
    if (header[c].empty())
      throw InputError(header_where(name), "column " + std::to_string(c + 1), "a station id");
  std::vector<Record> records;
  std::string line;
  int lineno = 1;
  while (std::getline(in, line)) {
    ++lineno;
    if (trim(line).empty()) continue;
    const std::string where = name + ":" + std::to_string(lineno);
    const auto f = split_csv(line, where);
    if (f.size() != header.size())
      throw InputError(where, "record",
                       std::to_string(header.size()) + " fields as in the header, got " +
                           std::to_string(f.size()));
    const long date = parse_integer(f[0], where, "date", "a date YYYYMMDD");
    const std::chrono::year_month_day ymd{std::chrono::year{int(date / 10000)},
                                          std::chrono::month{unsigned(date / 100 % 100)},
                                          std::chrono::day{unsigned(date % 100)}};
    if (date < 19000101 || date > 99991231 || !ymd.ok())
      throw InputError(where, "date", "a date YYYYMMDD, got '" + f[0] + "'");
    const long hour = parse_integer(f[1], where, "hour", "an hour 0..23 (Beijing time)");
    if (hour < 0 || hour > 24)
      throw InputError(where, "hour", "an hour 0..23 (Beijing time), got '" + f[1] + "'");
    const std::string& type = f[2];
    if (type.empty()) throw InputError(where, "type", "a pollutant type such as PM2.5 or O3_8h");
    if (!opt.keep_other_types && !is_known_pollutant(type)) continue;
    // Row (D, h) is the hour ending at D h:00 Beijing time.
    const TimePoint end =
        TimePoint{std::chrono::sys_days{ymd}} + std::chrono::hours{hour} - kBeijingOffset;
    for (std::size_t c = 3; c < f.size(); ++c) {
      const double v =
          parse_value(f[c], where, "column " + std::to_string(c + 1) + " (" + header[c] + ")");
      if (std::isnan(v)) continue;
      records.push_back({end, header[c], type, v, lineno});
    }
  }
  return build(records, name);
}

HourlySeries parse_stream(std::istream& in, const std::string& name, const StationCsvOptions& opt) {
  std::string line;
  if (!std::getline(in, line))
    throw InputError(name, "header",
                     "a header line time,station,pollutant,value or date,hour,type,...");
  strip_bom(line);
  const auto header = split_csv(line, header_where(name));
  if (header.size() == 4 && header[0] == "time" && header[1] == "station" &&
      header[2] == "pollutant" && header[3] == "value")
    return parse_long(in, name, opt);
  if (header.size() >= 3 && header[0] == "date" && header[1] == "hour" && header[2] == "type")
    return parse_wide(in, header, name, opt);
  throw InputError(
      header_where(name), "header",
      "'time,station,pollutant,value' (long) or 'date,hour,type,<station ids>' (wide), got '" +
          trim(line) + "'");
}

std::string format_value(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace

const std::vector<std::string>& station_pollutants() {
  static const std::vector<std::string> k{"PM2.5", "PM10", "O3", "NO2", "SO2", "CO"};
  return k;
}

std::vector<std::string> HourlySeries::stations() const {
  std::vector<std::string> s;
  for (const auto& [id, _] : values) s.push_back(id);
  return s;
}

const std::vector<double>* HourlySeries::find(const std::string& station,
                                              const std::string& pollutant) const {
  const auto s = values.find(station);
  if (s == values.end()) return nullptr;
  const auto p = s->second.find(pollutant);
  return p == s->second.end() ? nullptr : &p->second;
}

long HourlySeries::index_of(TimePoint t) const {
  if (hours.empty() || t < hours.front() || t > hours.back()) return -1;
  const auto d = t - hours.front();
  if (d % std::chrono::hours{1} != Seconds{0}) return -1;
  return long(d / std::chrono::hours{1});
}

std::vector<double>& HourlySeries::series(const std::string& station,
                                          const std::string& pollutant) {
  auto& s = values[station][pollutant];
  if (s.size() != hours.size()) s.resize(hours.size(), kMissing);
  return s;
}

void HourlySeries::cover(TimePoint first, TimePoint last) {
  if (!hours.empty()) {
    first = std::min(first, hours.front());
    last = std::max(last, hours.back());
    if ((hours.front() - first) % std::chrono::hours{1} != Seconds{0})
      throw InputError("station series", "hours", "hour ends on the same whole-hour grid");
  }
  const std::size_t n = std::size_t((last - first) / std::chrono::hours{1}) + 1;
  const std::size_t shift =
      hours.empty() ? 0 : std::size_t((hours.front() - first) / std::chrono::hours{1});
  std::vector<TimePoint> axis(n);
  for (std::size_t i = 0; i < n; ++i) axis[i] = first + std::chrono::hours{long(i)};
  for (auto& [station, by_pollutant] : values)
    for (auto& [pollutant, v] : by_pollutant) {
      std::vector<double> nv(n, kMissing);
      std::copy(v.begin(), v.end(), nv.begin() + long(shift));
      v = std::move(nv);
    }
  hours = std::move(axis);
}

HourlySeries parse_station_csv(const std::string& text, const std::string& name,
                               StationCsvOptions options) {
  std::istringstream in(text);
  return parse_stream(in, name, options);
}

HourlySeries read_station_csv(const std::filesystem::path& file, StationCsvOptions options) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "", "a readable station CSV file");
  return parse_stream(in, file.string(), options);
}

StationCsvLayout detect_station_csv_layout(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line))
    throw InputError(file.string(), "header", "a readable station CSV file");
  strip_bom(line);
  const auto h = split_csv(line, header_where(file.string()));
  if (!h.empty() && h[0] == "time") return StationCsvLayout::long_format;
  if (!h.empty() && h[0] == "date") return StationCsvLayout::wide_format;
  throw InputError(header_where(file.string()), "header",
                   "'time,station,pollutant,value' or 'date,hour,type,<station ids>'");
}

void merge_series(HourlySeries& into, const HourlySeries& from, const std::string& from_name) {
  if (from.empty()) return;
  into.cover(from.hours.front(), from.hours.back());
  const long offset = into.index_of(from.hours.front());
  for (const auto& [station, by_pollutant] : from.values)
    for (const auto& [pollutant, v] : by_pollutant) {
      auto& dst = into.series(station, pollutant);
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (std::isnan(v[i])) continue;
        double& d = dst[std::size_t(offset) + i];
        if (!std::isnan(d))
          throw InputError(
              from_name, "station " + station + " " + pollutant,
              "one value per hour, given twice for " + format_beijing_iso8601(from.hours[i]));
        d = v[i];
      }
    }
}

HourlySeries read_station_csvs(const std::vector<std::filesystem::path>& files,
                               StationCsvOptions options) {
  HourlySeries all;
  for (const auto& f : files) merge_series(all, read_station_csv(f, options), f.string());
  return all;
}

std::string format_beijing_iso8601(TimePoint t) {
  const TimePoint local = t + kBeijingOffset;
  std::string s = format_iso8601(local);
  s.pop_back();  // 'Z'
  return s + "+08:00";
}

std::string format_long_csv(const HourlySeries& series) {
  std::string out = "time,station,pollutant,value\n";
  for (std::size_t i = 0; i < series.hours.size(); ++i) {
    const std::string t = format_beijing_iso8601(series.hours[i]);
    for (const auto& [station, by_pollutant] : series.values)
      for (const auto& [pollutant, v] : by_pollutant) {
        if (i >= v.size() || std::isnan(v[i])) continue;
        const bool quote = station.find_first_of(",\"") != std::string::npos;
        std::string st = station;
        if (quote) {
          std::string q = "\"";
          for (char c : station) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
          st = q + "\"";
        }
        out += t + "," + st + "," + pollutant + "," + format_value(v[i]) + "\n";
      }
  }
  return out;
}

void write_long_csv(const std::filesystem::path& file, const HourlySeries& series) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  const auto tmp = std::filesystem::path(file.string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw InputError(file.string(), "", "a writable path for the station CSV");
    out << format_long_csv(series);
    if (!out)
      throw InputError(file.string(), "", "a writable path for the station CSV (write failed)");
  }
  std::filesystem::rename(tmp, file);
}

}  // namespace qiantang::io
