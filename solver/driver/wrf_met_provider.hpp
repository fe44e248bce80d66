#pragma once
// MetProvider over WRF-ARW output (docs/met.md): the WRF reader converts wrfout records to the
// model's fields on the C grid (diagnosing what the files lack), RecordMetProvider derives air
// mass and face mass fluxes and interpolates in time.
#include <filesystem>
#include <vector>

#include "io/met/wrf_met.hpp"
#include "solver/driver/record_met_provider.hpp"

namespace qiantang::solver {

class WrfMetProvider : public RecordMetProvider {
 public:
  // The model domain is the WRF grid's window starting at (window_i0, window_j0) with the
  // decomposition's global size.
  WrfMetProvider(const std::vector<std::filesystem::path>& files, const parallel::Decomposition& d,
                 int halo, int window_i0, int window_j0, KzSettings kz = {});

  const io::WrfMetReader& reader() const { return reader_; }

 protected:
  io::MetFields read_record(std::size_t n, int i0, int j0, int ni, int nj) const override {
    return reader_.read(n, i0, j0, ni, nj);
  }

 private:
  io::WrfMetReader reader_;
};

}  // namespace qiantang::solver
