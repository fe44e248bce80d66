#include "solver/parallel/communicator.hpp"

#include <mpi.h>

#include <stdexcept>

namespace qiantang::parallel {
namespace {

constexpr int kTagBase = 7100;

// Copies the box [i_begin, i_end) × [j_begin, j_end) × all k of every field into buf (or back).
template <bool Pack>
void copy_box(std::span<Array3* const> fields, int i_begin, int i_end, int j_begin, int j_end,
              std::vector<double>& buf) {
  std::size_t n = 0;
  for (Array3* f : fields) {
    const int nz = f->extents().nz;
    for (int k = 0; k < nz; ++k)
      for (int j = j_begin; j < j_end; ++j)
        for (int i = i_begin; i < i_end; ++i) {
          if constexpr (Pack) {
            buf[n++] = (*f)(k, j, i);
          } else {
            (*f)(k, j, i) = buf[n++];
          }
        }
  }
}

std::size_t box_size(std::span<Array3* const> fields, int ni, int nj) {
  std::size_t n = 0;
  for (Array3* f : fields) n += std::size_t(f->extents().nz) * std::size_t(ni) * std::size_t(nj);
  return n;
}

}  // namespace

Communicator::Communicator(const Decomposition& d) : d_(d) {}

void Communicator::exchange(std::span<Array3* const> fields, const BoundaryFill& fill) const {
  if (fields.empty()) return;
  const Extents e = fields.front()->extents();
  const int h = e.halo;
  for (Array3* f : fields)
    if (f->extents().halo != h || f->extents().nx != e.nx || f->extents().ny != e.ny)
      throw std::logic_error("Communicator::exchange: fields with different tile extents");
  if (h == 0) return;
  const int nx = e.nx, ny = e.ny;

  // Phase 1: west/east over interior rows j in [0, ny). Phase 2: south/north over whole rows.
  for (int phase = 0; phase < 2; ++phase) {
    const Side lo = phase == 0 ? Side::west : Side::south;
    const Side hi = phase == 0 ? Side::east : Side::north;
    const int n_lo = d_.neighbour[int(lo)], n_hi = d_.neighbour[int(hi)];
    // Send boxes (interior edge strips) and receive boxes (halo strips), in (i, j) ranges.
    struct Box { int i0, i1, j0, j1; };
    Box send_lo, send_hi, recv_lo, recv_hi;
    if (phase == 0) {
      send_lo = {0, h, 0, ny};
      send_hi = {nx - h, nx, 0, ny};
      recv_lo = {-h, 0, 0, ny};
      recv_hi = {nx, nx + h, 0, ny};
    } else {
      send_lo = {-h, nx + h, 0, h};
      send_hi = {-h, nx + h, ny - h, ny};
      recv_lo = {-h, nx + h, -h, 0};
      recv_hi = {-h, nx + h, ny, ny + h};
    }
    const std::size_t count = phase == 0 ? box_size(fields, h, ny) : box_size(fields, nx + 2 * h, h);
    std::vector<double> sbuf_lo(count), sbuf_hi(count), rbuf_lo(count), rbuf_hi(count);
    MPI_Request req[4];
    int nreq = 0;
    const int tag = kTagBase + 2 * phase;
    if (n_lo >= 0) {
      MPI_Irecv(rbuf_lo.data(), int(count), MPI_DOUBLE, n_lo, tag + 1, MPI_COMM_WORLD, &req[nreq++]);
      copy_box<true>(fields, send_lo.i0, send_lo.i1, send_lo.j0, send_lo.j1, sbuf_lo);
      MPI_Isend(sbuf_lo.data(), int(count), MPI_DOUBLE, n_lo, tag, MPI_COMM_WORLD, &req[nreq++]);
    }
    if (n_hi >= 0) {
      MPI_Irecv(rbuf_hi.data(), int(count), MPI_DOUBLE, n_hi, tag, MPI_COMM_WORLD, &req[nreq++]);
      copy_box<true>(fields, send_hi.i0, send_hi.i1, send_hi.j0, send_hi.j1, sbuf_hi);
      MPI_Isend(sbuf_hi.data(), int(count), MPI_DOUBLE, n_hi, tag + 1, MPI_COMM_WORLD, &req[nreq++]);
    }
    MPI_Waitall(nreq, req, MPI_STATUSES_IGNORE);
    if (n_lo >= 0) copy_box<false>(fields, recv_lo.i0, recv_lo.i1, recv_lo.j0, recv_lo.j1, rbuf_lo);
    if (n_hi >= 0) copy_box<false>(fields, recv_hi.i0, recv_hi.i1, recv_hi.j0, recv_hi.j1, rbuf_hi);
    if (fill) {
      for (std::size_t f = 0; f < fields.size(); ++f) {
        if (n_lo < 0) fill(lo, *fields[f], f);
        if (n_hi < 0) fill(hi, *fields[f], f);
      }
    }
  }
}

std::vector<double> Communicator::gather(const Array3& local) const {
  const Extents e = local.extents();
  const int nz = e.nz;
  if (e.nx != d_.nx || e.ny != d_.ny)
    throw std::logic_error("Communicator::gather: a cell field of the tile's size is expected");
  const int gnx = d_.global_nx, gny = d_.global_ny;
  std::vector<double> mine(std::size_t(nz) * std::size_t(e.ny) * std::size_t(e.nx));
  std::size_t n = 0;
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < e.ny; ++j)
      for (int i = 0; i < e.nx; ++i) mine[n++] = local(k, j, i);
  if (d_.size == 1) return mine;

  // Tile shapes are known to every rank from the decomposition; gather with Gatherv.
  std::vector<int> counts(d_.size), displs(d_.size);
  int total = 0;
  for (int r = 0; r < d_.size; ++r) {
    const int cx = r % d_.px, cy = r / d_.px;
    const int tnx = Decomposition::block_size(d_.global_nx, d_.px, cx);
    const int tny = Decomposition::block_size(d_.global_ny, d_.py, cy);
    counts[r] = nz * tnx * tny;
    displs[r] = total;
    total += counts[r];
  }
  if (int(mine.size()) != counts[d_.rank])
    throw std::logic_error("Communicator::gather: local extents do not match the decomposition");
  std::vector<double> all(d_.rank == 0 ? std::size_t(total) : 0);
  MPI_Gatherv(mine.data(), int(mine.size()), MPI_DOUBLE, all.data(), counts.data(), displs.data(),
              MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (d_.rank != 0) return {};
  std::vector<double> global(std::size_t(nz) * std::size_t(gny) * std::size_t(gnx));
  for (int r = 0; r < d_.size; ++r) {
    const int cx = r % d_.px, cy = r / d_.px;
    const int ti0 = Decomposition::block_start(d_.global_nx, d_.px, cx);
    const int tj0 = Decomposition::block_start(d_.global_ny, d_.py, cy);
    const int tnx = Decomposition::block_size(d_.global_nx, d_.px, cx);
    const int tny = Decomposition::block_size(d_.global_ny, d_.py, cy);
    std::size_t m = std::size_t(displs[r]);
    for (int k = 0; k < nz; ++k)
      for (int j = 0; j < tny; ++j)
        for (int i = 0; i < tnx; ++i)
          global[(std::size_t(k) * std::size_t(gny) + std::size_t(tj0 + j)) * std::size_t(gnx) +
                 std::size_t(ti0 + i)] = all[m++];
  }
  return global;
}

double Communicator::max(double local) const {
  double g = local;
  MPI_Allreduce(&local, &g, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  return g;
}

long Communicator::max(long local) const {
  long g = local;
  MPI_Allreduce(&local, &g, 1, MPI_LONG, MPI_MAX, MPI_COMM_WORLD);
  return g;
}

double Communicator::sum_ordered(double local) const {
  std::vector<double> parts(std::size_t(d_.size));
  MPI_Gather(&local, 1, MPI_DOUBLE, parts.data(), 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  double s = 0;
  for (double p : parts) s += p;
  MPI_Bcast(&s, 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return s;
}

void Communicator::sum_disjoint(std::vector<double>& v) const {
  if (d_.size == 1) return;
  MPI_Allreduce(MPI_IN_PLACE, v.data(), int(v.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}

void Communicator::broadcast(std::vector<double>& v) const {
  unsigned long n = v.size();
  MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG, 0, MPI_COMM_WORLD);
  v.resize(n);
  MPI_Bcast(v.data(), int(n), MPI_DOUBLE, 0, MPI_COMM_WORLD);
}

void Communicator::barrier() const { MPI_Barrier(MPI_COMM_WORLD); }

bool Communicator::any(bool flag) const {
  int in = flag ? 1 : 0, out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return out != 0;
}

}  // namespace qiantang::parallel
