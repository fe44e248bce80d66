#pragma once
// The time loop (Oceananigans-style run → time_step with callbacks): for each output interval,
// steps of at most dt_max, each one running the processes in the configured splitting order;
// after each interval the output callback (files, stations, budget) and a progress line.
#include <functional>
#include <memory>
#include <vector>

#include "solver/driver/met_tile.hpp"
#include "solver/driver/model_state.hpp"
#include "solver/driver/process.hpp"

namespace qiantang::solver {

struct DriverSettings {
  TimePoint start{}, end{};
  double dt_max_s = 300.0;
  double output_interval_s = 3600.0;
  double restart_interval_s = 0.0;  // 0: no restarts during the run
  bool progress = true;             // one progress line per output interval on rank 0
};

struct DriverCallbacks {
  // Met at time t on the tile (implementations interpolate between met hours and cache).
  std::function<void(TimePoint, MetTile&)> met_at;
  // After each output interval (state is at the interval's end).
  std::function<void(const ModelState&, const MetTile&)> output;
  // After every step (state and met at the step's end; dt of the step), e.g. station sampling.
  std::function<void(const ModelState&, const MetTile&, double)> after_step;
  // When a restart is due.
  std::function<void(const ModelState&)> restart;
};

class Driver {
 public:
  Driver(DriverSettings settings, std::vector<std::unique_ptr<Process>> processes,
         DriverCallbacks callbacks, const parallel::Communicator& comm, Budget& budget,
         parallel::BoundaryFill tracer_boundary);

  // Runs from state.time to settings.end. Throws NumericalError on a non-finite or negative
  // tracer (with species, cell and time) after calling the restart callback.
  void run(ModelState& state);

  const std::vector<std::unique_ptr<Process>>& processes() const { return processes_; }

 private:
  void step(ModelState& state, double dt_s);
  void check_state(const ModelState& state) const;

  DriverSettings settings_;
  std::vector<std::unique_ptr<Process>> processes_;
  DriverCallbacks callbacks_;
  const parallel::Communicator& comm_;
  Budget& budget_;
  parallel::BoundaryFill tracer_boundary_;
  MetTile met_start_, met_end_;
};

}  // namespace qiantang::solver
