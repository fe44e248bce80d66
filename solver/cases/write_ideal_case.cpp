#include "solver/cases/write_ideal_case.hpp"

#include <cmath>
#include <fstream>

#include "io/initial/initial_file.hpp"
#include "io/met/cf_met.hpp"
#include "solver/common/constants.hpp"

namespace qiantang::cases {

void write_ideal_case(const IdealCase& c, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  grid::Projection p;
  p.kind = grid::ProjectionKind::cartesian;
  const grid::HorizontalGrid g(p, c.nx, c.ny, c.dx_m, c.dy_m, 0.0, 0.0);
  const TimePoint start = *parse_iso8601("2025-01-01T00:00:00Z");
  const int nz = c.nz;
  auto zc = [&](int k) { return 0.5 * (c.z_interface_m[std::size_t(k)] + c.z_interface_m[std::size_t(k) + 1]); };
  auto rho = [&](double x, double y, double z, double t) { return c.density ? c.density(x, y, z, t) : c.air_density_kg_m3; };
  {
    io::CfMetWriter w(dir / "met.nc", g, nz, c.kz_m2_s > 0, "Qiantang verification case " + c.name);
    const int records = int(std::ceil(c.duration_s / c.met_interval_s - 1e-9)) + 1;
    for (int r = 0; r < records; ++r) {
      const double t = r * c.met_interval_s;
      io::MetFields f;
      f.allocate(c.nx, c.ny, nz, c.kz_m2_s > 0);
      f.time = start + Seconds(std::llround(t));
      for (int k = 0; k < nz; ++k)
        for (int j = 0; j < c.ny; ++j)
          for (int i = 0; i < c.nx; ++i) {
            const std::size_t m = f.cell(k, j, i);
            const double r0 = rho(i * c.dx_m, j * c.dy_m, zc(k), t);
            f.air_density_kg_m3[m] = r0;
            f.temperature_K[m] = 288.15 - 0.0065 * zc(k);
            f.pressure_Pa[m] = r0 * constants::r_dry_air_J_kg_K * f.temperature_K[m];
          }
      for (int k = 0; k <= nz; ++k)
        for (int j = 0; j < c.ny; ++j)
          for (int i = 0; i < c.nx; ++i) {
            const std::size_t m = (std::size_t(k) * std::size_t(c.ny) + std::size_t(j)) * std::size_t(c.nx) + std::size_t(i);
            f.z_interface_m[m] = c.z_interface_m[std::size_t(k)];
            if (!f.kz_m2_s.empty()) f.kz_m2_s[m] = (k == 0 || k == nz) ? 0.0 : c.kz_m2_s;
          }
      for (int k = 0; k < nz; ++k) {
        for (int j = 0; j < c.ny; ++j)
          for (int i = 0; i <= c.nx; ++i)
            f.u_m_s[(std::size_t(k) * std::size_t(c.ny) + std::size_t(j)) * std::size_t(c.nx + 1) + std::size_t(i)] =
                c.u((i - 0.5) * c.dx_m, j * c.dy_m, zc(k), t);
        for (int j = 0; j <= c.ny; ++j)
          for (int i = 0; i < c.nx; ++i)
            f.v_m_s[(std::size_t(k) * std::size_t(c.ny + 1) + std::size_t(j)) * std::size_t(c.nx) + std::size_t(i)] =
                c.v(i * c.dx_m, (j - 0.5) * c.dy_m, zc(k), t);
      }
      for (int j = 0; j < c.ny; ++j)
        for (int i = 0; i < c.nx; ++i) {
          const std::size_t s = f.surface(j, i);
          f.surface_pressure_Pa[s] = 101325.0;
          f.t2_K[s] = 288.15;
          f.pbl_height_m[s] = 1000.0;
          f.friction_velocity_m_s[s] = 0.3;
          f.land_use_category[s] = 16;  // USGS water: no emissions or deposition in these cases
        }
      w.append(f);
    }
    w.close();
  }
  io::InitialFields init;
  init.nx = c.nx;
  init.ny = c.ny;
  init.nz = nz;
  auto& v = init.fields["TRACER"];
  v.resize(std::size_t(c.nx) * std::size_t(c.ny) * std::size_t(nz));
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < c.ny; ++j)
      for (int i = 0; i < c.nx; ++i)
        v[(std::size_t(k) * std::size_t(c.ny) + std::size_t(j)) * std::size_t(c.nx) + std::size_t(i)] =
            c.initial(i * c.dx_m, j * c.dy_m, zc(k));
  init.units["TRACER"] = "mol/mol";
  io::write_initial_file(dir / "initial.nc", init);
  std::string order;
  for (const auto& proc : c.processes) order += (order.empty() ? "" : ", ") + proc;
  std::ofstream cfg(dir / "config.ini");
  cfg << "# Qiantang verification case '" << c.name << "' (docs/verification.md).\n"
      << "# Run: qiantang run config.ini   (the run ends with the comparison against the exact answer)\n\n"
      << "[run]\nstart = 2025-01-01T00:00:00Z\nhours = " << c.duration_s / 3600.0 << "\ntime_step_s = " << c.time_step_s
      << "\nrestart_interval_h = 0\n\n"
      << "[domain]\nname = " << c.name << "\n\n"
      << "[met]\nformat = cf\nfiles = met.nc\n\n"
      << "[species]\ntracers = TRACER\n\n"
      << "[initial_conditions]\nfile = initial.nc\n\n"
      << "[boundary_conditions]\nTRACER = " << c.boundary_value << "\n\n";
  if (c.kh_m2_s > 0) cfg << "[transport]\nhorizontal_diffusivity_m2_s = " << c.kh_m2_s << "\n\n";
  if (c.source_kg_s > 0) {
    cfg << "[emissions]\npoint_sources = sources.csv\n\n";
    std::ofstream src(dir / "sources.csv");
    src << "species,i,j,k,rate_kg_s\nTRACER," << c.source_i << "," << c.source_j << "," << c.source_k << ","
        << c.source_kg_s << "\n";
  }
  cfg << "[processes]\norder = " << order << "\n\n"
      << "[output]\ndir = output\ninterval_s = " << c.output_interval_s << "\nthree_d = " << (nz > 1 ? "true" : "false")
      << "\n\n[verification]\ncase = " << c.name << "\n";
}

}  // namespace qiantang::cases
