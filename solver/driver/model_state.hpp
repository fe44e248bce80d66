#pragma once
// What the driver advances: tracer fields on the tile, and the clock.
#include "solver/common/time.hpp"
#include "solver/fields/field_registry.hpp"
#include "solver/parallel/communicator.hpp"

namespace qiantang::solver {

class Budget;
struct MetTile;

struct ModelState {
  explicit ModelState(Extents tile) : tracers(tile), process_state(tile) {}
  FieldRegistry tracers;
  // Per-cell state a process carries from one step to the next (the chemistry solver's step
  // size): not transported, not output, but kept in restarts so that a restarted run continues
  // exactly like the uninterrupted one.
  FieldRegistry process_state;
  TimePoint time{};
  long step = 0;
  // Whether the tracers are consistent with the air mass at the end of the current step (set by
  // vertical advection, reset at each step start): processes that weight by air mass use the
  // end-of-step met after advection and the start-of-step met before it.
  bool mass_at_step_end = false;
};

// What a process sees of one time step.
struct StepContext {
  TimePoint time{};                       // start of the step (UTC)
  double dt_s = 0.0;
  long step = 0;                          // global step counter (alternates splitting order)
  const MetTile* met_start = nullptr;     // met at `time`
  const MetTile* met_end = nullptr;       // met at `time + dt`
  const parallel::Communicator* comm = nullptr;
  Budget* budget = nullptr;
  // Fills tracer halos on the global boundary (lateral boundary conditions); used together
  // with comm->exchange by processes that need halos.
  parallel::BoundaryFill tracer_boundary;
};

}  // namespace qiantang::solver
