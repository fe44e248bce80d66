#pragma once
// Meteorology for the driver: the met at any time on this rank's tile, interpolated linearly
// between met records. Implementations adapt the io/met readers (CF or WRF) and derive what
// the processes need (air mass, face mass fluxes, Kz when absent).
#include "solver/driver/met_tile.hpp"

namespace qiantang::solver {

class MetProvider {
 public:
  virtual ~MetProvider() = default;
  // Fills `out` (allocating it on first use) with the met at time t.
  virtual void tile_at(TimePoint t, MetTile& out) = 0;
  virtual TimePoint first_time() const = 0;
  virtual TimePoint last_time() const = 0;
};

}  // namespace qiantang::solver
