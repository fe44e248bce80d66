#pragma once
// MetProvider over Qiantang CF meteorology files (docs/formats.md): the CF reader supplies the
// records, RecordMetProvider derives what the processes need and interpolates in time.
#include <filesystem>
#include <vector>

#include "io/met/cf_met.hpp"
#include "solver/driver/record_met_provider.hpp"

namespace qiantang::solver {

class CfMetProvider : public RecordMetProvider {
 public:
  // The model domain is the met grid's window starting at (window_i0, window_j0) with the
  // decomposition's global size.
  CfMetProvider(const std::vector<std::filesystem::path>& files, const parallel::Decomposition& d,
                int halo, int window_i0, int window_j0, KzSettings kz = {});

  const io::CfMetReader& reader() const { return reader_; }

 protected:
  io::MetFields read_record(std::size_t n, int i0, int j0, int ni, int nj) const override {
    return reader_.read(n, i0, j0, ni, nj);
  }

 private:
  io::CfMetReader reader_;
};

// The met grid of CF files, for sizing a decomposition before the provider exists.
grid::HorizontalGrid cf_met_grid(const std::vector<std::filesystem::path>& files, int& nz);

}  // namespace qiantang::solver
