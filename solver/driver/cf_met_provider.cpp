#include "solver/driver/cf_met_provider.hpp"

namespace qiantang::solver {

grid::HorizontalGrid cf_met_grid(const std::vector<std::filesystem::path>& files, int& nz) {
  const io::CfMetReader r(files);
  nz = r.nz();
  return r.grid();
}

CfMetProvider::CfMetProvider(const std::vector<std::filesystem::path>& files, const parallel::Decomposition& d,
                             int halo, int window_i0, int window_j0, KzSettings kz)
    : RecordMetProvider(d, halo, window_i0, window_j0, kz), reader_(files) {
  set_records(reader_.grid(), reader_.times(), files.front().string());
}

}  // namespace qiantang::solver
