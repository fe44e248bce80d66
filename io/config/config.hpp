#pragma once
// INI configuration with typed getters, `--set section.key=value` overrides and a check for
// keys nobody asked for (STYLE.md habit 7). Every getter error names file, line and key.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::io {

class Config {
 public:
  // Reads `path`; `overrides` are "section.key=value" strings applied on top.
  static Config load(const std::filesystem::path& path, const std::vector<std::string>& overrides = {});
  static Config from_string(const std::string& text, const std::string& name = "<string>");

  bool has(const std::string& section, const std::string& key) const;
  bool has_section(const std::string& section) const;
  std::vector<std::string> sections() const;               // in file order
  std::vector<std::string> keys(const std::string& section) const;

  std::string get_string(const std::string& section, const std::string& key) const;
  std::string get_string(const std::string& section, const std::string& key, const std::string& fallback) const;
  double get_double(const std::string& section, const std::string& key) const;
  double get_double(const std::string& section, const std::string& key, double fallback) const;
  long get_int(const std::string& section, const std::string& key) const;
  long get_int(const std::string& section, const std::string& key, long fallback) const;
  bool get_bool(const std::string& section, const std::string& key) const;
  bool get_bool(const std::string& section, const std::string& key, bool fallback) const;
  TimePoint get_time(const std::string& section, const std::string& key) const;
  // Comma- or whitespace-separated lists.
  std::vector<std::string> get_list(const std::string& section, const std::string& key) const;
  std::vector<std::string> get_list(const std::string& section, const std::string& key,
                                    const std::vector<std::string>& fallback) const;
  std::vector<double> get_doubles(const std::string& section, const std::string& key) const;
  // A path, resolved relative to the directory of the config file.
  std::filesystem::path get_path(const std::string& section, const std::string& key) const;
  std::filesystem::path get_path(const std::string& section, const std::string& key,
                                 const std::filesystem::path& fallback) const;

  // Throws InputError naming the first key in the file that no getter has read.
  void check_all_used() const;
  // "file:line" of a key (or of the file when the key is absent).
  std::string where(const std::string& section, const std::string& key) const;
  const std::filesystem::path& file() const { return file_; }
  std::filesystem::path base_dir() const { return file_.parent_path(); }

  void set(const std::string& section, const std::string& key, const std::string& value);

 private:
  struct Entry {
    std::string value;
    int line = 0;  // 0: from --set or set()
  };
  const Entry& require(const std::string& section, const std::string& key) const;
  const Entry* find(const std::string& section, const std::string& key) const;

  std::filesystem::path file_;
  std::vector<std::string> section_order_;
  std::map<std::string, std::map<std::string, Entry>> data_;
  mutable std::set<std::string> used_;  // "section.key"
};

}  // namespace qiantang::io
