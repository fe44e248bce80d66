#pragma once
// One-way nesting. The outer domain's run interpolates every tracer onto each inner domain's
// halo ring (bilinear in the outer projection's coordinates, level by level: the domains share
// their terrain-following layers) at every output time and writes it to a boundary file
// (io/output/boundary_file.hpp); the inner domain's run reads that file and uses the values,
// linear in time between records, as its inflow boundary values.
#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/config/config.hpp"
#include "io/output/boundary_file.hpp"
#include "solver/fields/field_registry.hpp"
#include "solver/grid/horizontal_grid.hpp"

namespace qiantang::solver {

class NestParent {
 public:
  // `inner` is the inner domain's run config (its grid is read from its met files). Throws
  // InputError when the inner ring is not inside the outer domain's cell centres or the layer
  // counts differ. Built on every rank (so that errors reach all); only the rank with
  // `write_file` opens the file.
  NestParent(const io::Config& inner, const grid::HorizontalGrid& outer, int nz, int halo,
             std::vector<std::string> species, const std::filesystem::path& file, const std::string& outer_name,
             bool write_file);
  // Root only: fields[s] is tracer s on the whole outer domain (nz × ny × nx).
  void write(TimePoint t, const std::vector<std::vector<double>>& fields);
  void close();
  const std::filesystem::path& file() const { return file_; }

 private:
  struct Weights {
    std::array<int, 4> cell{};
    std::array<double, 4> w{};
  };
  int nz_ = 0, outer_nx_ = 0, outer_ny_ = 0;
  std::vector<Weights> ring_;
  std::unique_ptr<io::BoundaryFileWriter> writer_;
  std::filesystem::path file_;
};

class NestBoundary {
 public:
  NestBoundary(const std::filesystem::path& file, int nx, int ny, int halo, int nz, const FieldRegistry& tracers);
  // Interpolates the records to time t (InputError when t is outside the file's times).
  void set_time(TimePoint t);
  TimePoint time() const { return time_; }
  // Whether the file holds tracer n.
  bool has(int n) const { return present_[std::size_t(n)]; }
  // Value of tracer n at level k in the global halo cell (gi, gj) (outside the interior).
  double value(int n, int k, int gi, int gj) const;
  const std::vector<std::string>& missing() const { return missing_; }

 private:
  std::size_t ring_index(int gi, int gj) const;
  void load(std::size_t record, std::vector<std::vector<double>>& into) const;

  io::BoundaryFileReader reader_;
  int nx_, ny_, h_, nz_;
  std::size_t ncell_;
  std::vector<std::string> names_, missing_;
  std::vector<bool> present_;
  std::size_t loaded_a_ = std::size_t(-1), loaded_b_ = std::size_t(-1);
  std::vector<std::vector<double>> a_, b_, now_;
  TimePoint time_{};
};

}  // namespace qiantang::solver
