#include <catch2/catch.hpp>

#include "solver/common/errors.hpp"
#include "solver/driver/budget.hpp"
#include "solver/driver/driver.hpp"
#include "solver/parallel/environment.hpp"

using namespace qiantang;
using namespace qiantang::solver;

namespace {

// Exponential decay dq/dt = -q/τ, integrated exactly per step; records the steps it saw.
class Decay : public Process {
 public:
  Decay(double tau, std::vector<double>* dts) : Process("decay"), tau_(tau), dts_(dts) {}

 protected:
  void run_impl(ModelState& s, const StepContext& ctx) override {
    dts_->push_back(ctx.dt_s);
    for (double& q : s.tracers[0].raw()) q *= std::exp(-ctx.dt_s / tau_);
  }

 private:
  double tau_;
  std::vector<double>* dts_;
};

class Poison : public Process {
 public:
  Poison() : Process("poison") {}

 protected:
  void run_impl(ModelState& s, const StepContext&) override { s.tracers[0](0, 1, 2) = std::nan(""); }
};

parallel::Communicator serial() {
  return parallel::Communicator(parallel::Decomposition::create(
      4, 3, parallel::Environment::world_size(), parallel::Environment::world_rank(), 1));
}

}  // namespace

TEST_CASE("Driver steps end exactly on output times and respects dt_max", "[unit][driver]") {
  const auto comm = serial();
  const auto& d = comm.decomposition();
  ModelState state(Extents{d.nx, d.ny, 2, 1});
  state.tracers.add(FieldInfo{"X", "mol/mol"}, 1.0);
  state.time = *parse_iso8601("2025-01-01T00:00:00Z");
  DriverSettings s;
  s.start = state.time;
  s.end = state.time + std::chrono::hours(2);
  s.dt_max_s = 700.0;  // 3600 / 700 is not whole: 6 steps of 600 s per hour
  s.progress = false;
  std::vector<double> dts;
  std::vector<std::unique_ptr<Process>> procs;
  procs.push_back(std::make_unique<Decay>(3600.0, &dts));
  int outputs = 0;
  DriverCallbacks cb;
  cb.output = [&](const ModelState& st, const MetTile&) {
    ++outputs;
    CHECK((st.time - s.start) % std::chrono::hours(1) == Seconds(0));
  };
  Budget budget({"X"});
  Driver driver(s, std::move(procs), cb, comm, budget, nullptr);
  driver.run(state);
  CHECK(outputs == 2);
  CHECK(state.time == s.end);
  CHECK(state.step == 12);
  REQUIRE(dts.size() == 12);
  for (double dt : dts) CHECK(dt == 600.0);
  CHECK(state.tracers[0](1, 0, 0) == Approx(std::exp(-2.0)).epsilon(1e-12));
}

TEST_CASE("Driver stops with a numerical error naming species, cell and time", "[unit][driver]") {
  const auto comm = serial();
  const auto& d = comm.decomposition();
  ModelState state(Extents{d.nx, d.ny, 1, 1});
  state.tracers.add(FieldInfo{"NO2", "mol/mol"}, 1e-9);
  state.time = *parse_iso8601("2025-01-01T00:00:00Z");
  DriverSettings s;
  s.start = state.time;
  s.end = state.time + std::chrono::hours(1);
  s.progress = false;
  std::vector<std::unique_ptr<Process>> procs;
  procs.push_back(std::make_unique<Poison>());
  bool restart_written = false;
  DriverCallbacks cb;
  cb.restart = [&](const ModelState&) { restart_written = true; };
  Budget budget({"NO2"});
  Driver driver(s, std::move(procs), cb, comm, budget, nullptr);
  if (d.nx > 2 && d.ny > 1) {
    CHECK_THROWS_WITH(driver.run(state), Catch::Contains("NO2") && Catch::Contains("i=2, j=1, k=0") &&
                                             Catch::Contains("2025-01-01T00:05:00Z"));
  } else {
    CHECK_THROWS_AS(driver.run(state), NumericalError);
  }
  CHECK(restart_written);
}

TEST_CASE("Driver rejects a non-positive time step", "[unit][driver]") {
  const auto comm = serial();
  Budget budget({});
  DriverSettings s;
  s.dt_max_s = 0.0;
  CHECK_THROWS_AS(Driver(s, {}, {}, comm, budget, nullptr), InputError);
}
