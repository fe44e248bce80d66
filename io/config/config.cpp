#include "io/config/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "solver/common/errors.hpp"

namespace qiantang::io {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

}  // namespace

Config Config::from_string(const std::string& text, const std::string& name) {
  Config c;
  c.file_ = name;
  std::istringstream in(text);
  std::string line, section;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    // Comments: '#' or ';' at the start of a line or after whitespace.
    for (std::size_t i = 0; i < line.size(); ++i) {
      if ((line[i] == '#' || line[i] == ';') && (i == 0 || std::isspace(static_cast<unsigned char>(line[i - 1])))) {
        line.resize(i);
        break;
      }
    }
    line = trim(line);
    if (line.empty()) continue;
    const std::string where = name + ":" + std::to_string(lineno);
    if (line.front() == '[') {
      if (line.back() != ']') throw InputError(where, line, "a section header of the form [name]");
      section = trim(line.substr(1, line.size() - 2));
      if (section.empty()) throw InputError(where, line, "a non-empty section name");
      if (!c.data_.count(section)) c.section_order_.push_back(section);
      c.data_[section];
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) throw InputError(where, line, "'key = value'");
    if (section.empty()) throw InputError(where, line, "a [section] header before the first key");
    const std::string key = trim(line.substr(0, eq));
    if (key.empty()) throw InputError(where, line, "a key before '='");
    auto& sec = c.data_[section];
    if (sec.count(key))
      throw InputError(where, section + "." + key, "each key once per section (first at line " +
                                                       std::to_string(sec[key].line) + ")");
    sec[key] = Entry{trim(line.substr(eq + 1)), lineno};
  }
  return c;
}

Config Config::load(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  std::ifstream in(path);
  if (!in) throw InputError(path.string(), "", "a readable configuration file");
  std::stringstream ss;
  ss << in.rdbuf();
  Config c = from_string(ss.str(), path.string());
  c.file_ = path;
  for (const auto& o : overrides) {
    const auto eq = o.find('=');
    const auto dot = o.find('.');
    if (eq == std::string::npos || dot == std::string::npos || dot > eq)
      throw InputError("--set " + o, "", "section.key=value");
    c.set(trim(o.substr(0, dot)), trim(o.substr(dot + 1, eq - dot - 1)), trim(o.substr(eq + 1)));
  }
  return c;
}

void Config::set(const std::string& section, const std::string& key, const std::string& value) {
  if (!data_.count(section)) section_order_.push_back(section);
  data_[section][key] = Entry{value, 0};
}

const Config::Entry* Config::find(const std::string& section, const std::string& key) const {
  const auto s = data_.find(section);
  if (s == data_.end()) return nullptr;
  const auto k = s->second.find(key);
  if (k == s->second.end()) return nullptr;
  used_.insert(section + "." + key);
  return &k->second;
}

const Config::Entry& Config::require(const std::string& section, const std::string& key) const {
  const Entry* e = find(section, key);
  if (!e) throw InputError(file_.string(), section + "." + key, "a value (the key is missing)");
  return *e;
}

std::string Config::where(const std::string& section, const std::string& key) const {
  const auto s = data_.find(section);
  if (s != data_.end()) {
    const auto k = s->second.find(key);
    if (k != s->second.end())
      return k->second.line > 0 ? file_.string() + ":" + std::to_string(k->second.line) : "--set";
  }
  return file_.string();
}

bool Config::has(const std::string& section, const std::string& key) const {
  const auto s = data_.find(section);
  return s != data_.end() && s->second.count(key);
}

bool Config::has_section(const std::string& section) const { return data_.count(section) > 0; }

std::vector<std::string> Config::sections() const { return section_order_; }

std::vector<std::string> Config::keys(const std::string& section) const {
  std::vector<std::string> out;
  const auto s = data_.find(section);
  if (s != data_.end())
    for (const auto& [k, v] : s->second) out.push_back(k);
  return out;
}

std::string Config::get_string(const std::string& section, const std::string& key) const {
  return require(section, key).value;
}

std::string Config::get_string(const std::string& section, const std::string& key,
                               const std::string& fallback) const {
  const Entry* e = find(section, key);
  return e ? e->value : fallback;
}

double Config::get_double(const std::string& section, const std::string& key) const {
  const auto& v = require(section, key).value;
  double x = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(x))
    throw InputError(where(section, key), section + "." + key, "a finite number, got '" + v + "'");
  return x;
}

double Config::get_double(const std::string& section, const std::string& key, double fallback) const {
  return has(section, key) ? get_double(section, key) : fallback;
}

long Config::get_int(const std::string& section, const std::string& key) const {
  const auto& v = require(section, key).value;
  long x = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size())
    throw InputError(where(section, key), section + "." + key, "an integer, got '" + v + "'");
  return x;
}

long Config::get_int(const std::string& section, const std::string& key, long fallback) const {
  return has(section, key) ? get_int(section, key) : fallback;
}

bool Config::get_bool(const std::string& section, const std::string& key) const {
  const auto v = lower(require(section, key).value);
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  throw InputError(where(section, key), section + "." + key, "true or false, got '" + v + "'");
}

bool Config::get_bool(const std::string& section, const std::string& key, bool fallback) const {
  return has(section, key) ? get_bool(section, key) : fallback;
}

TimePoint Config::get_time(const std::string& section, const std::string& key) const {
  const auto& v = require(section, key).value;
  const auto t = parse_iso8601(v);
  if (!t)
    throw InputError(where(section, key), section + "." + key,
                     "an ISO-8601 UTC time like 2025-01-01T00:00:00Z, got '" + v + "'");
  return *t;
}

std::vector<std::string> Config::get_list(const std::string& section, const std::string& key) const {
  const auto& v = require(section, key).value;
  std::vector<std::string> out;
  std::string item;
  for (char ch : v + ",") {
    if (ch == ',' || std::isspace(static_cast<unsigned char>(ch))) {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += ch;
    }
  }
  return out;
}

std::vector<std::string> Config::get_list(const std::string& section, const std::string& key,
                                          const std::vector<std::string>& fallback) const {
  return has(section, key) ? get_list(section, key) : fallback;
}

std::vector<double> Config::get_doubles(const std::string& section, const std::string& key) const {
  std::vector<double> out;
  for (const auto& item : get_list(section, key)) {
    double x = 0;
    const auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), x);
    if (ec != std::errc() || p != item.data() + item.size() || !std::isfinite(x))
      throw InputError(where(section, key), section + "." + key,
                       "a list of finite numbers, got '" + item + "'");
    out.push_back(x);
  }
  return out;
}

std::filesystem::path Config::get_path(const std::string& section, const std::string& key) const {
  std::filesystem::path p = get_string(section, key);
  return p.is_absolute() ? p : base_dir() / p;
}

std::filesystem::path Config::get_path(const std::string& section, const std::string& key,
                                       const std::filesystem::path& fallback) const {
  return has(section, key) ? get_path(section, key) : fallback;
}

void Config::check_all_used() const {
  for (const auto& s : section_order_) {
    for (const auto& [k, e] : data_.at(s)) {
      if (!used_.count(s + "." + k)) {
        throw InputError(e.line > 0 ? file_.string() + ":" + std::to_string(e.line) : "--set",
                         s + "." + k, "a known key (this one is not used by the chosen options)");
      }
    }
  }
}

}  // namespace qiantang::io
