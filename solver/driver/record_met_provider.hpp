#pragma once
// The part of every file-based MetProvider that does not depend on the file format: a reader
// delivers met records (io::MetFields) on windows of its grid; this class reads the tile's
// window (plus halo, clamped to the model domain, i.e. zero-gradient met outside it), derives
// layer thicknesses, air mass ρ Δz A, face air-mass fluxes ρ_f u Δz_f L_f and, when the
// records carry none, Kz from boundary-layer similarity, and interpolates linearly in time
// between records. CfMetProvider and WrfMetProvider supply the reader.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/met/met_fields.hpp"
#include "solver/driver/boundary_layer.hpp"
#include "solver/driver/met_provider.hpp"
#include "solver/grid/horizontal_grid.hpp"
#include "solver/parallel/decomposition.hpp"

namespace qiantang::solver {

class RecordMetProvider : public MetProvider {
 public:
  void tile_at(TimePoint t, MetTile& out) override;
  TimePoint first_time() const override { return times_.front(); }
  TimePoint last_time() const override { return times_.back(); }
  // The model domain's grid.
  const grid::HorizontalGrid& grid() const { return grid_; }
  const std::vector<TimePoint>& times() const { return times_; }

 protected:
  RecordMetProvider(const parallel::Decomposition& d, int halo, int window_i0, int window_j0, KzSettings kz);
  // Called by the derived constructor once its reader is open: the met grid (the model
  // domain is its window at (window_i0, window_j0) with the decomposition's global size), the
  // record times and a name for error messages (the first met file).
  void set_records(const grid::HorizontalGrid& met_grid, std::vector<TimePoint> times, std::string where);
  // Record n over met-grid cells [i0, i0 + ni) × [j0, j0 + nj) (faces likewise).
  virtual io::MetFields read_record(std::size_t n, int i0, int j0, int ni, int nj) const = 0;

 private:
  const MetTile& record(std::size_t n);
  void derive(const io::MetFields& f, int gi0, int gj0, MetTile& out) const;

  parallel::Decomposition d_;
  int halo_, wi0_, wj0_;
  KzSettings kz_;
  grid::HorizontalGrid grid_;
  std::vector<TimePoint> times_;
  std::string where_;
  std::map<std::size_t, MetTile> cache_;
};

// Met formats of `[met] format`, as a list for messages: "cf, wrf".
const std::vector<std::string>& met_formats();
// The met grid and layer count of the files, for sizing a decomposition before the provider
// exists (nothing is printed). Throws InputError for an unknown format.
grid::HorizontalGrid met_file_grid(const std::string& format, const std::vector<std::filesystem::path>& files, int& nz);
// The provider of a format over the model domain = the met grid's window at (window_i0,
// window_j0) with the decomposition's global size. Rank 0 prints one warning line naming the
// fields that are diagnosed because the files lack them.
std::unique_ptr<RecordMetProvider> make_met_provider(const std::string& format,
                                                     const std::vector<std::filesystem::path>& files,
                                                     const parallel::Decomposition& d, int halo, int window_i0,
                                                     int window_j0, KzSettings kz = {});

}  // namespace qiantang::solver
