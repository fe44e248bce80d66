#pragma once
// One-dimensional, flux-form, monotone piecewise-parabolic transport in mass coordinates
// (Colella & Woodward 1984, J. Comput. Phys. 54, 174; the mass-coordinate form of Lin & Rood
// 1996, Mon. Wea. Rev. 124, 2046). A line of cells carries air masses M_c (kg) and mixing
// ratios q_c; faces carry the air mass T_f (kg) that crosses them during the (sub)step,
// positive towards increasing index. The face's tracer transport is T_f times the average of
// the upwind cell's parabola over the fraction |T_f| / M_upwind of that cell's mass next to
// the face, so that
//   M'_c = M_c − (T_{c+1} − T_c),   (M q)'_c = M_c q_c − (T_{c+1} q̂_{c+1} − T_c q̂_c),
// and a uniform q stays uniform whatever the fluxes (mass consistency).
#include <cstddef>

namespace qiantang::transport {

inline constexpr int kPpmHalo = 3;  // cells needed beyond a face on each side

// Line access with stride: value(c) = base[c * stride], c may be negative down to −kPpmHalo.
struct Line {
  double* base;
  std::ptrdiff_t stride;
  double& operator[](int c) const { return base[std::ptrdiff_t(c) * stride]; }
};
struct ConstLine {
  const double* base;
  std::ptrdiff_t stride;
  double operator[](int c) const { return base[std::ptrdiff_t(c) * stride]; }
};

// Face values q̂_f for faces f = 0..n of a line of n cells (cells −3..n+2 must be valid).
// `work` must hold at least 3 (n + 6) doubles. The PPM edge interpolation
// q_{c+1/2} = 7/12 (q_c + q_{c+1}) − 1/12 (q_{c−1} + q_{c+2}) is bounded by its neighbours and
// the parabola is made monotone with CW84's limiter (their eq. 1.10).
void ppm_face_values(int n, ConstLine q, ConstLine mass, ConstLine transport, Line face_q,
                     double* work);

}  // namespace qiantang::transport
