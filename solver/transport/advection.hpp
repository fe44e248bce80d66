#pragma once
// Mass-consistent advection of mixing ratios on a tile (DESIGN.md, "mass-consistent
// transport"). Cell air masses M (kg) and face air-mass fluxes F (kg/s) come from the
// meteorology; tracers are mixing ratios q. Horizontal: PPM (ppm.hpp) with dimension splitting
// in alternating order (x–y on even steps, y–x on odd ones), the first sweep of a pair also run
// on the halo rows (or columns) so the second needs no communication, and Courant-limited
// sub-steps agreed over all ranks. Vertical: the interface mass fluxes are diagnosed from the
// column continuity equation so that the air mass after the step equals the meteorology's air
// mass at the end of the step (the approach of CMAQ's mass-conserving vertical velocity, Byun
// 1999 and the CMAQ "vwind" scheme; CAMx likewise), then PPM in the vertical. A uniform mixing
// ratio therefore stays uniform to round-off even when the met winds and density are not
// mass-consistent, and tracer mass changes only through the lateral and top boundaries.
#include <array>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "solver/fields/array3d.hpp"

namespace qiantang::transport {

// Tracer "mass" crossing each boundary (kg of air × mixing ratio), summed over the tile's
// global-boundary faces; index by BoundarySide.
enum BoundarySide : int { west = 0, east = 1, south = 2, north = 3, top = 4 };
struct BoundaryTransport {
  std::array<double, 5> in{}, out{};
};

struct AdvectionOptions {
  double courant_max = 0.9;   // outflow Courant number per (sub)step
  int max_substeps = 64;      // more than this: the step is refused (status)
};

struct [[nodiscard]] AdvectionStatus {
  bool ok = true;
  int substeps = 1;
  std::string message;  // what went wrong, with cell and value
};

class Advection {
 public:
  Advection(Extents tile, AdvectionOptions options = {});

  // Horizontal advection of every field in `q` over dt. `mass_start` (cells, halo ≥ 3) is M at
  // the start of the step; x_flux (nx+1 faces) and y_flux (ny+1 faces) are the air-mass fluxes
  // (kg/s) over the step, valid on the halo too. `fill_halos` must fill the halos of every q
  // (exchange + lateral boundaries); `global_max` reduces a double over ranks (identity when
  // serial). On return, mass_after() holds the horizontally advected air mass M*.
  AdvectionStatus horizontal(std::span<Array3* const> q, const Array3& mass_start,
                             const Array3& x_flux, const Array3& y_flux, double dt_s, long step,
                             const std::function<void()>& fill_halos,
                             const std::function<double(double)>& global_max,
                             std::vector<BoundaryTransport>* budget, bool west_edge, bool east_edge,
                             bool south_edge, bool north_edge);

  // Vertical advection after horizontal(): diagnoses the interface fluxes from M* and
  // `mass_end` (M at the end of the step, from the met) and advects every q. Inflow through the
  // model top carries the top layer's mixing ratio (zero gradient).
  AdvectionStatus vertical(std::span<Array3* const> q, const Array3& mass_end,
                           std::vector<BoundaryTransport>* budget);

  const Array3& mass_after() const { return mass_; }
  // The interface air-mass transports (kg over the step) of the last vertical() call,
  // (nz + 1) levels; level 0 is the ground (zero).
  const Array3& vertical_transport() const { return vertical_transport_; }

 private:
  void sweep_x(std::span<Array3* const> q, const Array3& flux, double dt, int j_begin, int j_end,
               std::vector<BoundaryTransport>* budget, bool west_edge, bool east_edge);
  void sweep_y(std::span<Array3* const> q, const Array3& flux, double dt, int i_begin, int i_end,
               std::vector<BoundaryTransport>* budget, bool south_edge, bool north_edge);

  Extents tile_;
  AdvectionOptions options_;
  Array3 mass_;                 // working air mass (cells, halo)
  Array3 vertical_transport_;   // kg over the step at interfaces
};

}  // namespace qiantang::transport
