#pragma once
// Array3: one 3-D field on a rank's subdomain (tile) with a halo of `halo` cells on the four
// horizontal sides (none vertically). Layout: i fastest, then j, then k:
//   offset(k, j, i) = (k * (ny + 2h) + (j + h)) * (nx + 2h) + (i + h),
// with interior indices i in [0, nx), j in [0, ny), k in [0, nz) and halo cells at
// i in [-h, 0) ∪ [nx, nx + h) (same for j). Staggered fields (faces) are Array3s whose
// nx, ny or nz is one larger than the cell count.
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <span>
#include <vector>

namespace qiantang {

struct Extents {
  int nx = 0, ny = 0, nz = 0, halo = 0;
  std::size_t stride_j() const { return std::size_t(nx + 2 * halo); }
  std::size_t stride_k() const { return stride_j() * std::size_t(ny + 2 * halo); }
  std::size_t size() const { return stride_k() * std::size_t(nz); }
  std::size_t offset(int k, int j, int i) const {
    assert(i >= -halo && i < nx + halo && j >= -halo && j < ny + halo && k >= 0 && k < nz);
    return std::size_t(k) * stride_k() + std::size_t(j + halo) * stride_j() + std::size_t(i + halo);
  }
  bool operator==(const Extents&) const = default;
};

// Non-owning view (kernels take these, STYLE.md habit 4).
template <class T>
class View3 {
 public:
  View3() = default;
  View3(T* data, Extents e) : data_(data), e_(e) {}
  T& operator()(int k, int j, int i) const { return data_[e_.offset(k, j, i)]; }
  const Extents& extents() const { return e_; }
  T* data() const { return data_; }
  std::span<T> span() const { return {data_, e_.size()}; }
  // Pointer to (k, j, i=-halo): a contiguous row of nx + 2h values.
  T* row(int k, int j) const { return data_ + e_.offset(k, j, -e_.halo); }

 private:
  T* data_ = nullptr;
  Extents e_{};
};

class Array3 {
 public:
  Array3() = default;
  explicit Array3(Extents e, double fill = 0.0) : e_(e), v_(e.size(), fill) {}
  double& operator()(int k, int j, int i) { return v_[e_.offset(k, j, i)]; }
  double operator()(int k, int j, int i) const { return v_[e_.offset(k, j, i)]; }
  const Extents& extents() const { return e_; }
  View3<double> view() { return {v_.data(), e_}; }
  View3<const double> view() const { return {v_.data(), e_}; }
  std::vector<double>& raw() { return v_; }
  const std::vector<double>& raw() const { return v_; }
  void fill(double x) { std::fill(v_.begin(), v_.end(), x); }

 private:
  Extents e_{};
  std::vector<double> v_;
};

}  // namespace qiantang
