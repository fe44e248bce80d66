#include "solver/parallel/decomposition.hpp"

#include <limits>

#include "solver/common/errors.hpp"

namespace qiantang::parallel {

Decomposition Decomposition::create(int global_nx, int global_ny, int size, int rank, int min_tile,
                                    const std::string& what) {
  if (global_nx <= 0 || global_ny <= 0)
    throw InputError(what, "grid", "positive nx and ny, got " + std::to_string(global_nx) + " x " +
                                       std::to_string(global_ny));
  // Perimeter of a tile ~ nx/px + ny/py; choose the divisor pair that minimises it and whose
  // tiles are all at least min_tile wide.
  int best_px = -1;
  double best_cost = std::numeric_limits<double>::max();
  for (int px = 1; px <= size; ++px) {
    if (size % px) continue;
    const int py = size / px;
    if (global_nx / px < min_tile || global_ny / py < min_tile) continue;
    const double cost = double(global_nx) / px + double(global_ny) / py;
    if (cost < best_cost - 1e-12 || (cost < best_cost + 1e-12 && px > best_px)) {
      best_cost = cost;
      best_px = px;
    }
  }
  if (best_px < 0)
    throw InputError(what, "decomposition",
                     "a grid of " + std::to_string(global_nx) + " x " + std::to_string(global_ny) +
                         " cells that splits over " + std::to_string(size) +
                         " ranks with tiles of at least " + std::to_string(min_tile) +
                         " cells per side (use fewer ranks)");
  return create_grid(global_nx, global_ny, best_px, size / best_px, rank, min_tile, what);
}

Decomposition Decomposition::create_grid(int global_nx, int global_ny, int px, int py, int rank,
                                         int min_tile, const std::string& what) {
  if (px <= 0 || py <= 0 || rank < 0 || rank >= px * py)
    throw InputError(what, "decomposition", "a process grid px x py covering every rank");
  if (global_nx / px < min_tile || global_ny / py < min_tile)
    throw InputError(what, "decomposition",
                     "tiles of at least " + std::to_string(min_tile) + " cells per side, got " +
                         std::to_string(global_nx / px) + " x " + std::to_string(global_ny / py) +
                         " with " + std::to_string(px) + " x " + std::to_string(py) + " ranks");
  Decomposition d;
  d.global_nx = global_nx;
  d.global_ny = global_ny;
  d.px = px;
  d.py = py;
  d.size = px * py;
  d.rank = rank;
  d.cx = rank % px;
  d.cy = rank / px;
  d.i0 = block_start(global_nx, px, d.cx);
  d.nx = block_size(global_nx, px, d.cx);
  d.j0 = block_start(global_ny, py, d.cy);
  d.ny = block_size(global_ny, py, d.cy);
  auto id = [px](int x, int y) { return x + px * y; };
  d.neighbour[int(Side::west)] = d.cx > 0 ? id(d.cx - 1, d.cy) : -1;
  d.neighbour[int(Side::east)] = d.cx < px - 1 ? id(d.cx + 1, d.cy) : -1;
  d.neighbour[int(Side::south)] = d.cy > 0 ? id(d.cx, d.cy - 1) : -1;
  d.neighbour[int(Side::north)] = d.cy < py - 1 ? id(d.cx, d.cy + 1) : -1;
  return d;
}

}  // namespace qiantang::parallel
