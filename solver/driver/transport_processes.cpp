// The transport processes the driver steps: point-source emission, vertical and horizontal
// diffusion, horizontal and vertical advection. Each adapts a kernel of solver/transport to the
// model state, the met of the step and the budget.
#include "solver/driver/transport_processes.hpp"

#include <cmath>

#include "solver/common/errors.hpp"
#include "solver/driver/model.hpp"
#include "solver/transport/diffusion.hpp"

namespace qiantang::solver {
namespace {

const MetTile& current_met(const ModelState& s, const StepContext& ctx) {
  return s.mass_at_step_end ? *ctx.met_end : *ctx.met_start;
}

class PointEmission : public Process {
 public:
  explicit PointEmission(Model& m) : Process("emission"), model_(m) {
    for (const auto& src : m.point_sources()) index_.push_back(m.state().tracers.require(src.species));
  }

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    const auto& d = ctx.comm->decomposition();
    const MetTile& met = current_met(s, ctx);
    const auto& sources = model_.point_sources();
    for (std::size_t n = 0; n < sources.size(); ++n) {
      const auto& src = sources[n];
      const int i = src.i - d.i0, j = src.j - d.j0;
      if (i < 0 || i >= d.nx || j < 0 || j >= d.ny) continue;
      const int sp = index_[n];
      // Δ(M q r) = E Δt, r = M_species / M_air.
      s.tracers[sp](src.k, j, i) += src.rate_kg_s * ctx.dt_s / (met.air_mass_kg(src.k, j, i) * model_.mass_ratio(sp));
      ctx.budget->local(std::size_t(sp)).emitted_kg += src.rate_kg_s * ctx.dt_s;
    }
  }

 private:
  Model& model_;
  std::vector<int> index_;
};

class VerticalDiffusion : public Process {
 public:
  explicit VerticalDiffusion(Model& m) : Process("vertical_diffusion"), model_(m) {}

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    const MetTile& met = current_met(s, ctx);
    const Extents e = s.tracers.extents();
    const int nz = e.nz;
    const auto kz_const = model_.constant_kz_m2_s();
#pragma omp parallel
    {
      std::vector<double> m(static_cast<std::size_t>(nz)), g(static_cast<std::size_t>(nz) + 1),
          q(static_cast<std::size_t>(nz)), work(3 * static_cast<std::size_t>(nz));
#pragma omp for schedule(static)
      for (int c = 0; c < e.nx * e.ny; ++c) {
        const int j = c / e.nx, i = c % e.nx;
        const double area = met.cell_area_m2(0, j, i);
        g[0] = g[std::size_t(nz)] = 0.0;
        for (int k = 0; k < nz; ++k) m[std::size_t(k)] = met.air_mass_kg(k, j, i);
        for (int k = 1; k < nz; ++k) {
          // G = ρ K A / Δz between layer centres (kg/s).
          const double rho = 0.5 * (met.density_kg_m3(k - 1, j, i) + met.density_kg_m3(k, j, i));
          const double dzc = 0.5 * (met.layer_thickness_m(k - 1, j, i) + met.layer_thickness_m(k, j, i));
          const double K = kz_const ? *kz_const : met.kz_m2_s(k, j, i);
          g[std::size_t(k)] = rho * K * area / dzc;
        }
        for (int sp = 0; sp < s.tracers.size(); ++sp) {
          Array3& f = s.tracers[sp];
          for (int k = 0; k < nz; ++k) q[std::size_t(k)] = f(k, j, i);
          (void)transport::diffuse_column(nz, m.data(), g.data(), ctx.dt_s, 0.0, 0.0, q.data(), work.data());
          for (int k = 0; k < nz; ++k) f(k, j, i) = q[std::size_t(k)];
        }
      }
    }
  }

 private:
  Model& model_;
};

class HorizontalDiffusion : public Process {
 public:
  explicit HorizontalDiffusion(Model& m) : Process("horizontal_diffusion"), model_(m) {}

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    const MetTile& met = current_met(s, ctx);
    const Extents e = s.tracers.extents();
    const auto& d = ctx.comm->decomposition();
    const auto& grid = model_.grid();
    const double K = model_.horizontal_diffusivity_m2_s();
    if (gx_.extents().nx != e.nx + 1) {
      gx_ = Array3(Extents{e.nx + 1, e.ny, e.nz, 0});
      gy_ = Array3(Extents{e.nx, e.ny + 1, e.nz, 0});
    }
    // G = ρ_f K Δz_f L_f / d_f; zero on the domain's outer faces (no diffusive exchange with
    // the boundary values).
    for (int k = 0; k < e.nz; ++k) {
      for (int j = 0; j < e.ny; ++j)
        for (int i = 0; i <= e.nx; ++i) {
          const int gi = d.i0 + i, gj = d.j0 + j;
          if (gi == 0 || gi == d.global_nx) {
            gx_(k, j, i) = 0.0;
            continue;
          }
          const double rho = 0.5 * (met.density_kg_m3(k, j, i - 1) + met.density_kg_m3(k, j, i));
          const double dz = 0.5 * (met.layer_thickness_m(k, j, i - 1) + met.layer_thickness_m(k, j, i));
          gx_(k, j, i) = rho * K * dz * grid.x_face_length_m(gi, gj) / grid.x_centre_distance_m(gi, gj);
        }
      for (int j = 0; j <= e.ny; ++j)
        for (int i = 0; i < e.nx; ++i) {
          const int gi = d.i0 + i, gj = d.j0 + j;
          if (gj == 0 || gj == d.global_ny) {
            gy_(k, j, i) = 0.0;
            continue;
          }
          const double rho = 0.5 * (met.density_kg_m3(k, j - 1, i) + met.density_kg_m3(k, j, i));
          const double dz = 0.5 * (met.layer_thickness_m(k, j - 1, i) + met.layer_thickness_m(k, j, i));
          gy_(k, j, i) = rho * K * dz * grid.y_face_length_m(gi, gj) / grid.y_centre_distance_m(gi, gj);
        }
    }
    auto q = s.tracers.pointers();
    (void)transport::diffuse_horizontal(q, met.air_mass_kg, gx_, gy_, ctx.dt_s,
                                        [&] { ctx.comm->exchange(q, ctx.tracer_boundary); },
                                        [&](double x) { return ctx.comm->max(x); });
  }

 private:
  Model& model_;
  Array3 gx_, gy_;
};

class HorizontalAdvection : public Process {
 public:
  explicit HorizontalAdvection(Model& m) : Process("horizontal_advection"), model_(m) {}

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    if (s.mass_at_step_end)
      throw InputError(model_.config_file(), "processes.order", "horizontal_advection before vertical_advection");
    const MetTile& a = *ctx.met_start;
    const MetTile& b = *ctx.met_end;
    // Fluxes over the step: the mean of its start and end (trapezoidal in time).
    fx_ = a.x_face_mass_flux_kg_s;
    fy_ = a.y_face_mass_flux_kg_s;
    for (std::size_t n = 0; n < fx_.raw().size(); ++n) fx_.raw()[n] = 0.5 * (fx_.raw()[n] + b.x_face_mass_flux_kg_s.raw()[n]);
    for (std::size_t n = 0; n < fy_.raw().size(); ++n) fy_.raw()[n] = 0.5 * (fy_.raw()[n] + b.y_face_mass_flux_kg_s.raw()[n]);
    auto q = s.tracers.pointers();
    std::vector<transport::BoundaryTransport> bt(q.size());
    const auto& d = ctx.comm->decomposition();
    using parallel::Side;
    const auto st = model_.advection().horizontal(
        q, a.air_mass_kg, fx_, fy_, ctx.dt_s, ctx.step, [&] { ctx.comm->exchange(q, ctx.tracer_boundary); },
        [&](double x) { return ctx.comm->max(x); }, &bt, d.on_boundary(Side::west), d.on_boundary(Side::east),
        d.on_boundary(Side::south), d.on_boundary(Side::north));
    if (!st.ok)
      throw NumericalError("horizontal advection at " + format_iso8601(ctx.time) + " on rank " +
                           std::to_string(d.rank) + ": " + st.message);
    add_boundary(bt, ctx, model_);
  }

 public:
  static void add_boundary(const std::vector<transport::BoundaryTransport>& bt, const StepContext& ctx, const Model& m) {
    for (std::size_t n = 0; n < bt.size(); ++n) {
      const double r = m.mass_ratio(int(n));
      for (int side = 0; side < 5; ++side) {
        ctx.budget->local(n).boundary_in_kg += bt[n].in[std::size_t(side)] * r;
        ctx.budget->local(n).boundary_out_kg += bt[n].out[std::size_t(side)] * r;
      }
    }
  }

 private:
  Model& model_;
  Array3 fx_, fy_;
};

class VerticalAdvection : public Process {
 public:
  explicit VerticalAdvection(Model& m) : Process("vertical_advection"), model_(m) {}

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    auto q = s.tracers.pointers();
    std::vector<transport::BoundaryTransport> bt(q.size());
    const auto st = model_.advection().vertical(q, ctx.met_end->air_mass_kg, &bt);
    if (!st.ok)
      throw NumericalError("vertical advection at " + format_iso8601(ctx.time) + " on rank " +
                           std::to_string(ctx.comm->decomposition().rank) + ": " + st.message);
    HorizontalAdvection::add_boundary(bt, ctx, model_);
    s.mass_at_step_end = true;
  }

 private:
  Model& model_;
};

}  // namespace

void register_transport_processes(ProcessFactory& f) {
  f.add("emission", [](const io::Config&, Model& m) { return std::make_unique<PointEmission>(m); });
  f.add("vertical_diffusion", [](const io::Config&, Model& m) { return std::make_unique<VerticalDiffusion>(m); });
  f.add("horizontal_diffusion", [](const io::Config&, Model& m) { return std::make_unique<HorizontalDiffusion>(m); });
  f.add("horizontal_advection", [](const io::Config&, Model& m) { return std::make_unique<HorizontalAdvection>(m); });
  f.add("vertical_advection", [](const io::Config&, Model& m) { return std::make_unique<VerticalAdvection>(m); });
}

}  // namespace qiantang::solver
