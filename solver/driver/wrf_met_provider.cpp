#include "solver/driver/wrf_met_provider.hpp"

namespace qiantang::solver {

WrfMetProvider::WrfMetProvider(const std::vector<std::filesystem::path>& files, const parallel::Decomposition& d,
                               int halo, int window_i0, int window_j0, KzSettings kz)
    : RecordMetProvider(d, halo, window_i0, window_j0, kz), reader_(files) {
  set_records(reader_.grid(), reader_.times(), files.front().string());
}

}  // namespace qiantang::solver
