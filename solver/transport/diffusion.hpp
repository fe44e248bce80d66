#pragma once
// Turbulent diffusion in flux form on cell air masses, so that Σ M q changes only by the
// surface emission and deposition fluxes.
//
// Vertical (per column, implicit backward Euler — unconditionally stable and positivity
// preserving, an M-matrix; first order in time, as in CMAQ's implicit eddy diffusion):
//   M_k (q'_k − q_k) = Δt [G_{k+½} (q'_{k+1} − q'_k) − G_{k−½} (q'_k − q'_{k−1})]
//                      + Δt (E − D q'_0) δ_{k0},
// with conductances G_{k+½} = ρ_{k+½} K_{k+½} A / Δz_{k+½} (kg/s) on interior interfaces
// (zero at the ground and the top), E the surface emission (kg·mixing ratio per s into the
// lowest layer) and D = v_d ρ_0 A (kg/s) the dry-deposition conductance.
//
// Horizontal (explicit, sub-stepped for stability): Δ(M q)_c = Δt Σ_faces G_f (q_nb − q_c),
// with G_f = ρ_f K_h Δz_f L_f / d_f for face length L_f and centre distance d_f.
#include <functional>
#include <span>
#include <vector>

#include "solver/fields/array3d.hpp"

namespace qiantang::transport {

// One column. conductance[k] for interfaces k = 0..nz (index 0 and nz must be zero);
// `work` needs 3·nz doubles. Returns the amount deposited, Δt D q'_0 (kg·mixing ratio).
double diffuse_column(int nz, const double* mass, const double* conductance, double dt_s,
                      double emission, double deposition_conductance, double* q, double* work);

// Horizontal diffusion on a tile. x_conductance (nx+1 faces) and y_conductance (ny+1 faces),
// kg/s, valid for the tile's faces; `fill_halos` fills the q halos (width ≥ 1);
// `global_max` agrees the number of sub-steps over ranks. Returns the sub-steps used.
int diffuse_horizontal(std::span<Array3* const> q, const Array3& mass, const Array3& x_conductance,
                       const Array3& y_conductance, double dt_s,
                       const std::function<void()>& fill_halos,
                       const std::function<double(double)>& global_max);

}  // namespace qiantang::transport
