#include "solver/cases/ideal_cases.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"

namespace qiantang::cases {
namespace {

using constants::pi;

std::string fmt(const char* f, double a) {
  char b[160];
  std::snprintf(b, sizeof b, f, a);
  return b;
}

std::vector<double> uniform_levels(int nz, double dz) {
  std::vector<double> z(std::size_t(nz) + 1);
  for (int k = 0; k <= nz; ++k) z[std::size_t(k)] = k * dz;
  return z;
}

// Molenkamp–Crowley solid-body rotation (Jaruga et al. 2015, GMD 8, 1005, Fig. 12), scaled to
// Δx = 1 km and Δt = 10 s with ωΔt = 0.01 as in the original (Δx = 1, Δt = 0.1, ω = 0.1), so
// Courant numbers are identical: one rotation = 628 steps, 6 rotations = 3768 steps.
IdealCase rotating_cone() {
  IdealCase c;
  c.name = "rotating-cone";
  c.nx = c.ny = 100;
  c.nz = 1;
  c.dx_m = c.dy_m = 1000.0;
  c.z_interface_m = uniform_levels(1, 1000.0);
  c.time_step_s = 10.0;
  c.duration_s = 6 * 628 * c.time_step_s;
  c.output_interval_s = 628 * c.time_step_s;
  c.met_interval_s = c.output_interval_s;
  const double omega = 0.01 / c.time_step_s;  // 1e-3 s^-1
  const double xc = 50.0 * c.dx_m, yc = 50.0 * c.dy_m;
  c.u = [=](double, double y, double, double) { return -omega * (y - yc); };
  c.v = [=](double x, double, double, double) { return omega * (x - xc); };
  const double dx = c.dx_m;
  c.initial = [=](double x, double y, double) {
    const double d = std::hypot(x / dx - 50.0, y / dx - 75.0);  // distance in cells
    return 1.0 + std::max(0.0, 4.0 - d / (15.0 / 4.0));
  };
  c.boundary_value = 1.0;
  c.processes = {"horizontal_advection", "vertical_advection"};
  return c;
}

// LeVeque (1996) swirling deformation flow on [0, L]², reversing at T/2 so the field returns
// at t = T (T = 5 in units of L/U; here L = 100 km, U = 100 m/s, T = 5000 s).
IdealCase swirl() {
  IdealCase c;
  c.name = "swirl";
  c.nx = c.ny = 100;
  c.nz = 1;
  c.dx_m = c.dy_m = 1000.0;
  c.z_interface_m = uniform_levels(1, 1000.0);
  const double L = c.nx * c.dx_m, T = 5000.0, scale = L / 1000.0;  // velocity scale L / 1000 s
  c.time_step_s = 4.0;
  c.duration_s = T;
  c.output_interval_s = T / 2;
  c.met_interval_s = 50.0;
  // Cell centres sit at (i + 1/2) Δx in the unit square.
  c.u = [=](double x, double y, double, double t) {
    const double xs = x / L + 0.5 / 100.0, ys = y / L + 0.5 / 100.0;
    return scale * std::pow(std::sin(pi * xs), 2) * std::sin(2 * pi * ys) * std::cos(pi * t / T);
  };
  c.v = [=](double x, double y, double, double t) {
    const double xs = x / L + 0.5 / 100.0, ys = y / L + 0.5 / 100.0;
    return -scale * std::pow(std::sin(pi * ys), 2) * std::sin(2 * pi * xs) * std::cos(pi * t / T);
  };
  c.initial = [=](double x, double y, double) {
    const double xs = x / L + 0.5 / 100.0, ys = y / L + 0.5 / 100.0;
    const double r = 4.0 * std::hypot(xs - 0.25, ys - 0.25);
    return r < 1.0 ? 0.25 * std::pow(1.0 + std::cos(pi * r), 2) : 0.0;
  };
  c.boundary_value = 0.0;
  c.processes = {"horizontal_advection", "vertical_advection"};
  return c;
}

// Continuous point source in a uniform wind with constant, isotropic K above a reflecting
// ground: steady state C = Q/(4πK) [e^{−u(r−x)/2K}/r + e^{−u(r'−x)/2K}/r'] with r' the distance
// to the image source below the ground.
IdealCase point_source() {
  IdealCase c;
  c.name = "point-source";
  c.nx = 120;
  c.ny = 60;
  c.nz = 30;
  c.dx_m = c.dy_m = 20.0;
  c.z_interface_m = uniform_levels(c.nz, 20.0);
  c.time_step_s = 10.0;
  c.duration_s = 3600.0;
  c.output_interval_s = 600.0;
  c.met_interval_s = 3600.0;
  c.u = [](double, double, double, double) { return 1.0; };
  c.v = [](double, double, double, double) { return 0.0; };
  c.kz_m2_s = c.kh_m2_s = 5.0;
  c.initial = [](double, double, double) { return 0.0; };
  c.boundary_value = 0.0;
  c.source_kg_s = 1.0;
  c.source_i = 20;
  c.source_j = 30;
  c.source_k = 10;
  c.processes = {"emission", "vertical_diffusion", "horizontal_diffusion", "horizontal_advection",
                 "vertical_advection"};
  return c;
}

// A uniform mixing ratio in a divergent, time-varying 3-D wind whose density is not
// consistent with the winds (as with real met): q must stay 1 to round-off for 72 h.
IdealCase uniform_divergent() {
  IdealCase c;
  c.name = "uniform-divergent";
  c.nx = 40;
  c.ny = 30;
  c.nz = 10;
  c.dx_m = c.dy_m = 12000.0;
  c.z_interface_m = {0, 40, 100, 200, 350, 600, 1000, 1600, 2500, 4000, 6000};
  c.time_step_s = 600.0;
  c.duration_s = 72 * 3600.0;
  c.output_interval_s = 3600.0;
  c.met_interval_s = 3600.0;
  const double Lx = c.nx * c.dx_m, Ly = c.ny * c.dy_m;
  c.u = [=](double x, double y, double z, double t) {
    return 8.0 + 4.0 * std::sin(2 * pi * x / Lx) * std::cos(2 * pi * t / 86400.0) +
           2.0 * std::cos(pi * y / Ly) * (1.0 + z / 3000.0);
  };
  c.v = [=](double x, double y, double z, double t) {
    return -3.0 + 5.0 * std::cos(2 * pi * y / Ly + 2 * pi * t / 43200.0) * std::sin(pi * x / Lx) -
           z / 2000.0;
  };
  c.density = [=](double x, double y, double z, double t) {
    return 1.2 * std::exp(-z / 8500.0) *
           (1.0 + 0.03 * std::sin(2 * pi * (x / Lx + y / Ly) - 2 * pi * t / 86400.0));
  };
  c.initial = [](double, double, double) { return 1.0; };
  c.boundary_value = 1.0;
  c.processes = {"horizontal_advection", "vertical_advection"};
  return c;
}

struct Norms {
  double l1 = 0, l2 = 0, linf = 0, min = 1e300, max = -1e300, mass = 0, mass0 = 0;
};

Norms norms(const std::vector<double>& f, const std::vector<double>& exact) {
  Norms n;
  double s1 = 0, s2 = 0, e1 = 0, e2 = 0, einf = 0, xinf = 0;
  for (std::size_t m = 0; m < f.size(); ++m) {
    const double d = f[m] - exact[m];
    e1 += std::abs(d);
    e2 += d * d;
    einf = std::max(einf, std::abs(d));
    s1 += std::abs(exact[m]);
    s2 += exact[m] * exact[m];
    xinf = std::max(xinf, std::abs(exact[m]));
    n.min = std::min(n.min, f[m]);
    n.max = std::max(n.max, f[m]);
    n.mass += f[m];
    n.mass0 += exact[m];
  }
  n.l1 = e1 / s1;
  n.l2 = std::sqrt(e2 / s2);
  n.linf = einf / xinf;
  return n;
}

std::vector<double> sample_initial(const IdealCase& c) {
  std::vector<double> f(std::size_t(c.nx) * std::size_t(c.ny) * std::size_t(c.nz));
  for (int k = 0; k < c.nz; ++k)
    for (int j = 0; j < c.ny; ++j)
      for (int i = 0; i < c.nx; ++i) {
        const double z = 0.5 * (c.z_interface_m[std::size_t(k)] + c.z_interface_m[std::size_t(k) + 1]);
        f[(std::size_t(k) * std::size_t(c.ny) + std::size_t(j)) * std::size_t(c.nx) + std::size_t(i)] =
            c.initial(i * c.dx_m, j * c.dy_m, z);
      }
  return f;
}

}  // namespace

std::vector<std::string> ideal_case_names() {
  return {"rotating-cone", "swirl", "point-source", "uniform-divergent"};
}

IdealCase ideal_case(const std::string& name) {
  if (name == "rotating-cone") return rotating_cone();
  if (name == "swirl") return swirl();
  if (name == "point-source") return point_source();
  if (name == "uniform-divergent") return uniform_divergent();
  std::string valid;
  for (const auto& n : ideal_case_names()) valid += (valid.empty() ? "" : ", ") + n;
  throw UsageError("unknown case '" + name + "' (valid: " + valid + ", hangzhou-winter, hangzhou-summer)");
}

CaseCheck check_ideal_case(const IdealCase& c, const std::vector<double>& final_field) {
  CaseCheck r;
  const auto init = sample_initial(c);
  if (final_field.size() != init.size()) {
    r.lines.push_back("final field has the wrong size");
    return r;
  }
  if (c.name == "rotating-cone" || c.name == "swirl") {
    // After whole rotations / the full reversal the exact answer is the initial field.
    const Norms n = norms(final_field, init);
    const double init_max = *std::max_element(init.begin(), init.end());
    const double background = c.boundary_value;
    r.lines.push_back(fmt("relative error norms vs exact: L1 %.4e", n.l1) + fmt("  L2 %.4e", n.l2) +
                      fmt("  Linf %.4e", n.linf));
    r.lines.push_back(fmt("min %.6f", n.min) + fmt("  max %.6f", n.max) +
                      fmt("  (initial max %.6f)", init_max));
    const double merit = (n.max - background) / (init_max - background);
    r.lines.push_back(fmt("retained peak (max - background)/(initial max - background) = %.4f", merit));
    const double mass_err = std::abs(n.mass - n.mass0) / std::abs(n.mass0);
    r.lines.push_back(fmt("relative change of tracer sum: %.3e", mass_err));
    const bool monotone = n.min >= background - 1e-12 && n.max <= init_max + 1e-12;
    bool ok = monotone;
    if (c.name == "rotating-cone") {
      // Published MPDATA (2 iterations) + FCT after 6 rotations: max 3.525 (Jaruga et al. 2015).
      ok = ok && n.max >= 3.5;
      r.lines.push_back(std::string("criteria: min >= 1, no new maximum, peak >= 3.5 (MPDATA+FCT: 3.525): ") +
                        (ok ? "met" : "NOT met"));
    } else {
      ok = ok && mass_err < 1e-10;
      r.lines.push_back(std::string("criteria: no new extrema, tracer conserved to 1e-10: ") +
                        (ok ? "met" : "NOT met"));
    }
    r.passed = ok;
  } else if (c.name == "uniform-divergent") {
    double dev = 0;
    for (double q : final_field) dev = std::max(dev, std::abs(q - 1.0));
    r.lines.push_back(fmt("max |q - 1| after 72 h: %.3e", dev));
    r.passed = dev < 1e-10;
    r.lines.push_back(std::string("criterion: max |q - 1| < 1e-10: ") + (r.passed ? "met" : "NOT met"));
  } else if (c.name == "point-source") {
    const double K = c.kh_m2_s, u = 1.0, Q = c.source_kg_s, rho = c.air_density_kg_m3;
    const double xs = c.source_i * c.dx_m, ys = c.source_j * c.dy_m;
    const double zs = 0.5 * (c.z_interface_m[std::size_t(c.source_k)] + c.z_interface_m[std::size_t(c.source_k) + 1]);
    auto exact = [&](double x, double y, double z) {
      auto term = [&](double zsrc) {
        const double dxs = x - xs, dist = std::sqrt(dxs * dxs + (y - ys) * (y - ys) + (z - zsrc) * (z - zsrc));
        return std::exp(-u * (dist - dxs) / (2 * K)) / dist;
      };
      return Q / (4 * pi * K) * (term(zs) + term(-zs)) / rho;  // mixing ratio kg/kg
    };
    double worst = 0;
    int n_points = 0;
    // Receptors 10–25 cells downwind on the axis and 2 and 4 cells across and above.
    for (int di : {10, 15, 20, 25})
      for (int dj : {0, 2, 4})
        for (int dk : {0, 2}) {
          const int i = c.source_i + di, j = c.source_j + dj, k = c.source_k + dk;
          const double z = 0.5 * (c.z_interface_m[std::size_t(k)] + c.z_interface_m[std::size_t(k) + 1]);
          const double want = exact(i * c.dx_m, j * c.dy_m, z);
          const double got = final_field[(std::size_t(k) * std::size_t(c.ny) + std::size_t(j)) *
                                             std::size_t(c.nx) + std::size_t(i)];
          const double rel = (got - want) / want;
          worst = std::max(worst, std::abs(rel));
          ++n_points;
          char b[200];
          std::snprintf(b, sizeof b, "receptor (+%d, +%d, +%d cells): model %.5e exact %.5e rel. diff %+.3f",
                        di, dj, dk, got, want, rel);
          r.lines.push_back(b);
        }
    r.passed = worst < 0.10;
    r.lines.push_back(fmt("largest relative difference over the receptors: %.3f", worst) +
                      std::string(" (criterion < 0.10: ") + (r.passed ? "met)" : "NOT met)"));
  }
  return r;
}

}  // namespace qiantang::cases
