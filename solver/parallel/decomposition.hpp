#pragma once
// The 2-D domain decomposition is a value (STYLE.md habit 5): a px × py Cartesian process grid
// over the global nx × ny cells, any rank count, uneven splits allowed (the first nx % px blocks
// in x get one more column, likewise in y). Each rank owns one block (its tile).
#include <array>
#include <string>

namespace qiantang::parallel {

enum class Side : int { west = 0, east = 1, south = 2, north = 3 };

struct Decomposition {
  int global_nx = 0, global_ny = 0;
  int px = 1, py = 1;        // process grid
  int rank = 0, size = 1;    // rank = cx + px * cy
  int cx = 0, cy = 0;        // this rank's coordinates in the process grid
  int i0 = 0, j0 = 0;        // global index of the tile's first interior cell
  int nx = 0, ny = 0;        // tile size
  std::array<int, 4> neighbour{-1, -1, -1, -1};  // by Side; -1 = global boundary

  // Chooses px × py = size minimising the halo perimeter (ties: more ranks along x).
  // Throws InputError when a tile would be narrower than `min_tile` cells (the halo width),
  // naming `what` (e.g. the config file) in the message.
  static Decomposition create(int global_nx, int global_ny, int size, int rank, int min_tile,
                              const std::string& what = "domain");
  // A given process grid (px × py must equal size).
  static Decomposition create_grid(int global_nx, int global_ny, int px, int py, int rank,
                                   int min_tile, const std::string& what = "domain");

  bool on_boundary(Side s) const { return neighbour[static_cast<int>(s)] < 0; }
  // Start and length of block `c` of `n` cells split into `parts`.
  static int block_start(int n, int parts, int c) { return c * (n / parts) + (c < n % parts ? c : n % parts); }
  static int block_size(int n, int parts, int c) { return n / parts + (c < n % parts ? 1 : 0); }
};

}  // namespace qiantang::parallel
