#include "solver/transport/ppm.hpp"

#include <algorithm>
#include <cmath>

namespace qiantang::transport {

void ppm_face_values(int n, ConstLine q, ConstLine mass, ConstLine transport, Line face_q, double* work) {
  // Cells −1..n need parabolas (the upwind cells of faces 0..n at Courant numbers ≤ 1); their
  // edges (faces −1..n+1) need cells −3..n+2, i.e. a halo of kPpmHalo = 3.
  const int c0 = -1, c1 = n;
  const int len = c1 - c0 + 2;
  double* edge = work;             // edge[c − c0] = q at the left edge of cell c (face c)
  double* left = work + len;       // limited left and right edge values per cell
  double* right = work + 2 * len;
  for (int f = c0; f <= c1 + 1; ++f) {
    // Fourth-order edge value, then bounded by the two cells it separates.
    double e = (7.0 / 12.0) * (q[f - 1] + q[f]) - (1.0 / 12.0) * (q[f - 2] + q[f + 1]);
    const double lo = std::min(q[f - 1], q[f]), hi = std::max(q[f - 1], q[f]);
    edge[f - c0] = std::clamp(e, lo, hi);
  }
  for (int c = c0; c <= c1; ++c) {
    const double qc = q[c];
    double ql = edge[c - c0], qr = edge[c + 1 - c0];
    if ((qr - qc) * (qc - ql) <= 0.0) {
      ql = qr = qc;  // local extremum: flat
    } else {
      const double dq = qr - ql, q6 = 6.0 * (qc - 0.5 * (ql + qr));
      if (dq * q6 > dq * dq) {
        ql = 3.0 * qc - 2.0 * qr;
      } else if (-dq * dq > dq * q6) {
        qr = 3.0 * qc - 2.0 * ql;
      }
    }
    left[c - c0] = ql;
    right[c - c0] = qr;
  }
  for (int f = 0; f <= n; ++f) {
    const double t = transport[f];
    if (t >= 0.0) {
      // Upwind cell f − 1; average of its parabola over the last fraction x of its mass.
      const int c = f - 1;
      const double x = std::min(1.0, t / mass[c]);
      const double ql = left[c - c0], qr = right[c - c0];
      const double dq = qr - ql, q6 = 6.0 * (q[c] - 0.5 * (ql + qr));
      face_q[f] = qr - 0.5 * x * (dq - q6 * (1.0 - (2.0 / 3.0) * x));
    } else {
      const int c = f;
      const double x = std::min(1.0, -t / mass[c]);
      const double ql = left[c - c0], qr = right[c - c0];
      const double dq = qr - ql, q6 = 6.0 * (q[c] - 0.5 * (ql + qr));
      face_q[f] = ql + 0.5 * x * (dq + q6 * (1.0 - (2.0 / 3.0) * x));
    }
  }
}

}  // namespace qiantang::transport
