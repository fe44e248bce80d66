#pragma once
// Vertical background profiles for initial and lateral boundary values (the "profile" option
// of CMAQ's ICON/BCON): per species a surface value, a free-tropospheric value and a scale
// height, combined as
//   c(z) = c_free + (c_surface − c_free) · exp(−z / H),      z: height above ground (m).
// Gases in ppb (mol/mol × 1e9), aerosols in µg/m³ at local conditions. File layout (CSV with
// a header): species,units,surface,free_troposphere,scale_height_m,note
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace qiantang::io {

struct BackgroundProfile {
  std::string units;  // "ppb" or "ug/m3"
  double surface = 0.0, free_troposphere = 0.0, scale_height_m = 1500.0;
  double at(double z_m) const;
};

class BackgroundProfiles {
 public:
  // Throws InputError (file:line) for malformed rows, unknown units, negative values or a
  // non-positive scale height.
  static BackgroundProfiles load(const std::filesystem::path& file);
  std::optional<BackgroundProfile> find(const std::string& species) const;
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::map<std::string, BackgroundProfile> profiles_;
};

}  // namespace qiantang::io
