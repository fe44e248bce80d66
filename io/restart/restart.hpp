#pragma once
// Restart files: the complete model state (tracers on the global grid, clock, step counter and
// budget accumulators), so that a restarted run continues bit for bit like the uninterrupted
// one, with any number of ranks. Format: a small self-describing binary file (docs/formats.md):
//   magic "QTRST001", then little-endian fields as written by write_restart().
// Written atomically: to "<path>.part", flushed, then renamed.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "solver/common/time.hpp"

namespace qiantang::io {

struct RestartData {
  TimePoint time{};
  std::int64_t step = 0;
  int nx = 0, ny = 0, nz = 0;
  std::vector<std::string> species;
  std::vector<std::vector<double>> fields;  // per species, nz × ny × nx, i fastest
  std::vector<double> budget;               // flattened accumulators (opaque here)
};

void write_restart(const std::filesystem::path& path, const RestartData& data);
// Throws InputError naming the file and what was wrong (truncated, wrong magic, ...).
RestartData read_restart(const std::filesystem::path& path);

// "<dir>/restart_<YYYYMMDDTHHMMSSZ>.bin"
std::filesystem::path restart_path(const std::filesystem::path& dir, TimePoint t);

}  // namespace qiantang::io
