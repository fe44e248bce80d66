#pragma once
// Helpers shared by tests: the location of repository data (QIANTANG_TEST_DATA is set by ctest
// to the source directory) and scratch directories.
#include <cstdlib>
#include <filesystem>
#include <string>

namespace qiantang::test {

inline std::filesystem::path source_dir() {
  const char* d = std::getenv("QIANTANG_TEST_DATA");
  return d ? std::filesystem::path(d) : std::filesystem::current_path();
}

// A fresh, empty scratch directory under the system temp dir, unique per test name.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / ("qiantang_test_" + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

}  // namespace qiantang::test
