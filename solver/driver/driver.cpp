#include "solver/driver/driver.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "solver/common/errors.hpp"
#include "solver/driver/budget.hpp"

namespace qiantang::solver {

Driver::Driver(DriverSettings settings, std::vector<std::unique_ptr<Process>> processes,
               DriverCallbacks callbacks, const parallel::Communicator& comm, Budget& budget,
               parallel::BoundaryFill tracer_boundary)
    : settings_(settings), processes_(std::move(processes)), callbacks_(std::move(callbacks)),
      comm_(comm), budget_(budget), tracer_boundary_(std::move(tracer_boundary)) {
  if (!(settings_.dt_max_s > 0.0))
    throw InputError("run", "run.time_step_s", "a positive time step, got " + std::to_string(settings_.dt_max_s));
  if (!(settings_.output_interval_s > 0.0))
    throw InputError("run", "output.interval_s", "a positive output interval");
}

void Driver::step(ModelState& state, double dt_s) {
  const auto dt = std::chrono::duration_cast<Seconds>(std::chrono::duration<double>(dt_s));
  if (callbacks_.met_at) {
    // The end of one step is the start of the next: reuse it.
    if (met_end_.time == state.time && met_end_.cells.nx > 0) {
      std::swap(met_start_, met_end_);
    } else {
      callbacks_.met_at(state.time, met_start_);
    }
    callbacks_.met_at(state.time + dt, met_end_);
  }
  StepContext ctx;
  ctx.time = state.time;
  ctx.dt_s = dt_s;
  ctx.step = state.step;
  ctx.met_start = &met_start_;
  ctx.met_end = &met_end_;
  ctx.comm = &comm_;
  ctx.budget = &budget_;
  ctx.tracer_boundary = tracer_boundary_;
  state.mass_at_step_end = false;
  for (auto& p : processes_) p->run(state, ctx);
  state.time += dt;
  ++state.step;
}

void Driver::check_state(const ModelState& state) const {
  std::string problem;
  const Extents e = state.tracers.extents();
  for (int n = 0; n < state.tracers.size() && problem.empty(); ++n) {
    const Array3& f = state.tracers[n];
    for (int k = 0; k < e.nz && problem.empty(); ++k)
      for (int j = 0; j < e.ny && problem.empty(); ++j)
        for (int i = 0; i < e.nx; ++i) {
          const double q = f(k, j, i);
          if (!std::isfinite(q) || q < 0.0) {
            std::ostringstream s;
            s << state.tracers.info(n).name << " = " << q << " at cell (i=" << i << ", j=" << j
              << ", k=" << k << ") of rank " << comm_.decomposition().rank << " (global i="
              << comm_.decomposition().i0 + i << ", j=" << comm_.decomposition().j0 + j << ") at "
              << format_iso8601(state.time);
            problem = s.str();
            break;
          }
        }
  }
  if (comm_.any(!problem.empty())) {
    if (callbacks_.restart) callbacks_.restart(state);
    throw NumericalError(problem.empty() ? "a non-finite or negative tracer on another rank at " +
                                               format_iso8601(state.time)
                                         : problem);
  }
}

void Driver::run(ModelState& state) {
  const auto wall0 = std::chrono::steady_clock::now();
  const double total_s = double((settings_.end - state.time).count());
  const auto interval = Seconds(std::llround(settings_.output_interval_s));
  TimePoint last_restart = state.time;
  while (state.time < settings_.end) {
    const TimePoint out_time = std::min(state.time + interval, settings_.end);
    while (state.time < out_time) {
      const double remaining = double((out_time - state.time).count());
      // Equal steps that end exactly on the output time and do not exceed dt_max.
      const double n_steps = std::ceil(remaining / settings_.dt_max_s - 1e-9);
      const double dt = remaining / n_steps >= 1.0 ? std::round(remaining / n_steps) : remaining;
      step(state, dt);
      if (state.time + Seconds(1) > out_time) state.time = out_time;
      check_state(state);
      if (callbacks_.after_step) callbacks_.after_step(state, met_end_, dt);
    }
    if (callbacks_.output) callbacks_.output(state, met_end_);
    if (settings_.restart_interval_s > 0 && callbacks_.restart &&
        double((state.time - last_restart).count()) >= settings_.restart_interval_s - 0.5) {
      callbacks_.restart(state);
      last_restart = state.time;
    }
    if (settings_.progress && comm_.is_root()) {
      const double done_s = total_s - double((settings_.end - state.time).count());
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
      const double eta = done_s > 0 ? wall * (total_s - done_s) / done_s : 0.0;
      std::printf("[%5.1f%%] %s  step %ld  wall %.1f s  ETA %.1f s\n", 100.0 * done_s / total_s,
                  format_iso8601(state.time).c_str(), state.step, wall, eta);
      std::fflush(stdout);
    }
  }
}

}  // namespace qiantang::solver
