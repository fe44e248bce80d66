#include "solver/driver/nesting.hpp"

#include <algorithm>
#include <cmath>

#include "solver/common/errors.hpp"
#include "solver/driver/model.hpp"

namespace qiantang::solver {

NestParent::NestParent(const io::Config& inner, const grid::HorizontalGrid& outer, int nz, int halo,
                       std::vector<std::string> species, const std::filesystem::path& file,
                       const std::string& outer_name, bool write_file)
    : nz_(nz), outer_nx_(outer.nx()), outer_ny_(outer.ny()) {
  int inner_nz = 0, wi = 0, wj = 0;
  const grid::HorizontalGrid g = domain_grid(inner, inner_nz, wi, wj);
  if (inner_nz != nz)
    throw InputError(inner.file().string(), "levels",
                     std::to_string(nz) + " layers as in the outer domain (one-way nesting shares the layers), got " +
                         std::to_string(inner_nz));
  // Grids on the same projection (always so for Cartesian ones) map by their coordinates;
  // others through latitude and longitude.
  const bool same_projection = g.projection().kind == outer.projection().kind &&
                               g.projection().cf_attributes() == outer.projection().cf_attributes();
  for (const auto& [i, j] : io::ring_cells(g.nx(), g.ny(), halo)) {
    double lat = 0, lon = 0, x = g.x(double(i)), y = g.y(double(j));
    if (!same_projection) {
      g.latlon(double(i), double(j), lat, lon);
      outer.projection().forward(lat, lon, x, y);
    }
    const double fi = (x - outer.x0()) / outer.dx(), fj = (y - outer.y0()) / outer.dy();
    if (!(fi >= 0 && fi <= outer.nx() - 1 && fj >= 0 && fj <= outer.ny() - 1))
      throw InputError(inner.file().string(), "domain",
                       "an inner domain whose boundary ring lies inside the outer domain '" + outer_name +
                           "' (ring cell " + std::to_string(i) + "," + std::to_string(j) + " is outside)");
    const int i0 = std::min(int(std::floor(fi)), outer.nx() - 2), j0 = std::min(int(std::floor(fj)), outer.ny() - 2);
    const double a = fi - i0, b = fj - j0;
    Weights w;
    w.cell = {j0 * outer.nx() + i0, j0 * outer.nx() + i0 + 1, (j0 + 1) * outer.nx() + i0, (j0 + 1) * outer.nx() + i0 + 1};
    w.w = {(1 - a) * (1 - b), a * (1 - b), (1 - a) * b, a * b};
    ring_.push_back(w);
  }
  if (write_file)
    writer_ = std::make_unique<io::BoundaryFileWriter>(file, outer_name, g.nx(), g.ny(), halo, nz, std::move(species));
  file_ = file;
}

void NestParent::write(TimePoint t, const std::vector<std::vector<double>>& fields) {
  const std::size_t plane = std::size_t(outer_nx_) * std::size_t(outer_ny_), nc = ring_.size();
  std::vector<std::vector<double>> values(fields.size(), std::vector<double>(std::size_t(nz_) * nc));
  for (std::size_t s = 0; s < fields.size(); ++s)
    for (int k = 0; k < nz_; ++k) {
      const double* f = fields[s].data() + std::size_t(k) * plane;
      for (std::size_t c = 0; c < nc; ++c) {
        const auto& w = ring_[c];
        double v = 0;
        for (int q = 0; q < 4; ++q) v += w.w[std::size_t(q)] * f[std::size_t(w.cell[std::size_t(q)])];
        values[s][std::size_t(k) * nc + c] = v;
      }
    }
  writer_->write(t, values);
}

void NestParent::close() {
  if (writer_) writer_->close();
}

NestBoundary::NestBoundary(const std::filesystem::path& file, int nx, int ny, int halo, int nz,
                           const FieldRegistry& tracers)
    : reader_(file, nx, ny, halo, nz), nx_(nx), ny_(ny), h_(halo), nz_(nz),
      ncell_(io::ring_cells(nx, ny, halo).size()) {
  for (int n = 0; n < tracers.size(); ++n) {
    names_.push_back(tracers.info(n).name);
    present_.push_back(reader_.has(names_.back()));
    if (!present_.back()) missing_.push_back(names_.back());
  }
  if (reader_.times().size() < 2)
    throw InputError(file.string(), "time", "at least two boundary records from the outer run");
  now_.resize(names_.size());
}

void NestBoundary::load(std::size_t record, std::vector<std::vector<double>>& into) const {
  into.assign(names_.size(), {});
  for (std::size_t n = 0; n < names_.size(); ++n)
    if (reader_.has(names_[n])) into[n] = reader_.read(names_[n], record);
}

void NestBoundary::set_time(TimePoint t) {
  const auto& times = reader_.times();
  if (t < times.front() || t > times.back())
    throw InputError(reader_.file().string(), "time",
                     "boundary records covering " + format_iso8601(t) + " (they cover " + format_iso8601(times.front()) +
                         " to " + format_iso8601(times.back()) + ")");
  std::size_t r = std::size_t(std::upper_bound(times.begin(), times.end(), t) - times.begin());
  r = std::clamp<std::size_t>(r, 1, times.size() - 1);
  if (loaded_a_ != r - 1) {
    if (loaded_b_ == r - 1) {
      std::swap(a_, b_);
      loaded_a_ = r - 1;
      loaded_b_ = std::size_t(-1);
    } else {
      load(r - 1, a_);
      loaded_a_ = r - 1;
    }
  }
  if (loaded_b_ != r) {
    load(r, b_);
    loaded_b_ = r;
  }
  const double w = double((t - times[r - 1]).count()) / double((times[r] - times[r - 1]).count());
  for (std::size_t n = 0; n < names_.size(); ++n) {
    if (a_[n].empty()) continue;
    now_[n].resize(a_[n].size());
    for (std::size_t m = 0; m < a_[n].size(); ++m) now_[n][m] = a_[n][m] + w * (b_[n][m] - a_[n][m]);
  }
  time_ = t;
}

std::size_t NestBoundary::ring_index(int gi, int gj) const {
  const std::size_t h2 = std::size_t(2 * h_);
  if (gj >= 0 && gj < ny_) {
    const std::size_t off = gi < 0 ? std::size_t(gi + h_) : std::size_t(h_ + (gi - nx_));
    return std::size_t(gj) * h2 + off;
  }
  const std::size_t off = gj < 0 ? std::size_t(gj + h_) : std::size_t(h_ + (gj - ny_));
  return std::size_t(ny_) * h2 + std::size_t(gi + h_) * h2 + off;
}

double NestBoundary::value(int n, int k, int gi, int gj) const {
  return now_[std::size_t(n)][std::size_t(k) * ncell_ + ring_index(gi, gj)];
}

}  // namespace qiantang::solver
