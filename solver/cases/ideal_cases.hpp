#pragma once
// The transport verification cases as runnable model cases (`qiantang case NAME --out DIR`):
// each defines its grid, winds, diffusivities, initial field and emissions, and a check that
// compares a run's final field with the exact answer (shared/reference/verification-cases.md).
#include <functional>
#include <string>
#include <vector>

namespace qiantang::cases {

struct IdealCase {
  std::string name;
  int nx = 0, ny = 0, nz = 1;
  double dx_m = 1000.0, dy_m = 1000.0;
  std::vector<double> z_interface_m;    // nz + 1 heights above ground
  double duration_s = 0.0, time_step_s = 0.0, output_interval_s = 3600.0;
  double met_interval_s = 3600.0;       // spacing of the met records written
  double air_density_kg_m3 = 1.2;       // uniform unless density() is set
  // Earth-relative = grid-relative winds (m/s) at a point (x, y, z in m from the domain's
  // south-west cell centre) and time t (s from start).
  std::function<double(double x, double y, double z, double t)> u, v;
  std::function<double(double x, double y, double z, double t)> density;  // optional
  double kz_m2_s = 0.0, kh_m2_s = 0.0;  // constant eddy diffusivities (0: off)
  std::function<double(double x, double y, double z)> initial;  // mixing ratio (mol/mol)
  double boundary_value = 0.0;          // inflow mixing ratio
  // Point source: emission rate (kg/s of a tracer with the molar mass of air) into cell
  // (source_i, source_j, source_k); rate 0 means none.
  double source_kg_s = 0.0;
  int source_i = 0, source_j = 0, source_k = 0;
  std::vector<std::string> processes;   // splitting order
};

// rotating-cone, swirl, point-source, uniform-divergent. Throws UsageError for an unknown name
// (listing the valid ones).
IdealCase ideal_case(const std::string& name);
std::vector<std::string> ideal_case_names();

struct CaseCheck {
  bool passed = false;
  std::vector<std::string> lines;  // human-readable report, one finding per line
};

// Compares the final global field (nz × ny × nx, i fastest) of a run of `c` with the exact
// answer and the case's acceptance criteria.
CaseCheck check_ideal_case(const IdealCase& c, const std::vector<double>& final_field);

}  // namespace qiantang::cases
