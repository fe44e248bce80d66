#include "forecast/report/png.hpp"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "solver/common/errors.hpp"

namespace qiantang::forecast {
namespace {

void put32(std::vector<std::uint8_t>& o, std::uint32_t v) {
  o.push_back(std::uint8_t(v >> 24));
  o.push_back(std::uint8_t(v >> 16));
  o.push_back(std::uint8_t(v >> 8));
  o.push_back(std::uint8_t(v));
}

void chunk(std::vector<std::uint8_t>& o, const char* type, const std::vector<std::uint8_t>& data) {
  put32(o, std::uint32_t(data.size()));
  const std::size_t start = o.size();
  o.insert(o.end(), type, type + 4);
  o.insert(o.end(), data.begin(), data.end());
  const uLong crc = crc32(0L, o.data() + start, uInt(o.size() - start));
  put32(o, std::uint32_t(crc));
}

}  // namespace

Rgb parse_colour(const std::string& hex) {
  if (hex.size() != 7 || hex[0] != '#') return {128, 128, 128};
  auto h = [&](std::size_t i) { return std::uint8_t(std::stoi(hex.substr(i, 2), nullptr, 16)); };
  return {h(1), h(3), h(5)};
}

Image::Image(int w, int h, Rgb fill)
    : width(w), height(h), rgb(std::size_t(w) * std::size_t(h) * 3) {
  for (std::size_t i = 0; i < rgb.size(); i += 3) {
    rgb[i] = fill.r;
    rgb[i + 1] = fill.g;
    rgb[i + 2] = fill.b;
  }
}

void Image::set(int x, int y, Rgb c) {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  const std::size_t i = (std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3;
  rgb[i] = c.r;
  rgb[i + 1] = c.g;
  rgb[i + 2] = c.b;
}

Rgb Image::get(int x, int y) const {
  const std::size_t i = (std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3;
  return {rgb[i], rgb[i + 1], rgb[i + 2]};
}

void Image::fill_rect(int x0, int y0, int x1, int y1, Rgb c) {
  for (int y = std::max(0, y0); y < std::min(height, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(width, x1); ++x) set(x, y, c);
}

void Image::line(double x0, double y0, double x1, double y1, Rgb c, int thickness) {
  const double len = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
  const int n = std::max(1, int(std::ceil(len)));
  for (int k = 0; k <= n; ++k) {
    const double t = double(k) / n;
    const int x = int(std::lround(x0 + t * (x1 - x0))), y = int(std::lround(y0 + t * (y1 - y0)));
    for (int dy = -(thickness / 2); dy <= thickness / 2; ++dy)
      for (int dx = -(thickness / 2); dx <= thickness / 2; ++dx) set(x + dx, y + dy, c);
  }
}

void Image::fill_convex(const double* xs, const double* ys, int n, Rgb c) {
  double ymin = ys[0], ymax = ys[0];
  for (int i = 1; i < n; ++i) {
    ymin = std::min(ymin, ys[i]);
    ymax = std::max(ymax, ys[i]);
  }
  for (int y = std::max(0, int(std::floor(ymin))); y <= std::min(height - 1, int(std::ceil(ymax)));
       ++y) {
    const double yc = y + 0.5;
    double xl = 1e300, xr = -1e300;
    for (int i = 0; i < n; ++i) {
      const int j = (i + 1) % n;
      const double ya = ys[i], yb = ys[j];
      if ((yc < std::min(ya, yb)) || (yc > std::max(ya, yb)) || ya == yb) continue;
      const double x = xs[i] + (yc - ya) / (yb - ya) * (xs[j] - xs[i]);
      xl = std::min(xl, x);
      xr = std::max(xr, x);
    }
    if (xl > xr) continue;
    for (int x = std::max(0, int(std::ceil(xl - 0.5)));
         x <= std::min(width - 1, int(std::floor(xr - 0.5))); ++x)
      set(x, y, c);
  }
}

std::vector<std::uint8_t> encode_png(const Image& img) {
  std::vector<std::uint8_t> raw;
  raw.reserve(std::size_t(img.height) * (std::size_t(img.width) * 3 + 1));
  for (int y = 0; y < img.height; ++y) {
    raw.push_back(0);  // filter type None
    const auto* row = img.rgb.data() + std::size_t(y) * std::size_t(img.width) * 3;
    raw.insert(raw.end(), row, row + std::size_t(img.width) * 3);
  }
  uLongf n = compressBound(uLong(raw.size()));
  std::vector<std::uint8_t> z(n);
  if (compress2(z.data(), &n, raw.data(), uLong(raw.size()), 9) != Z_OK)
    throw std::runtime_error("PNG: zlib compression failed");
  z.resize(n);
  std::vector<std::uint8_t> o{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  std::vector<std::uint8_t> ihdr;
  put32(ihdr, std::uint32_t(img.width));
  put32(ihdr, std::uint32_t(img.height));
  ihdr.insert(ihdr.end(),
              {8, 2, 0, 0, 0});  // 8-bit, truecolour RGB, deflate, filter 0, no interlace
  chunk(o, "IHDR", ihdr);
  chunk(o, "IDAT", z);
  chunk(o, "IEND", {});
  return o;
}

void write_png(const std::filesystem::path& file, const Image& img) {
  const auto bytes = encode_png(img);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  if (!out) throw InputError(file.string(), "", "a writable path for the PNG");
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

bool png_size(const std::vector<std::uint8_t>& p, int& width, int& height) {
  if (p.size() < 24 || p[0] != 0x89 || p[1] != 'P' || p[12] != 'I' || p[13] != 'H') return false;
  auto get32 = [&](std::size_t i) {
    return int((std::uint32_t(p[i]) << 24) | (std::uint32_t(p[i + 1]) << 16) |
               (std::uint32_t(p[i + 2]) << 8) | p[i + 3]);
  };
  width = get32(16);
  height = get32(20);
  return true;
}

std::string base64(const std::vector<std::uint8_t>& b) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string o;
  o.reserve((b.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < b.size(); i += 3) {
    const std::uint32_t v = (std::uint32_t(b[i]) << 16) |
                            (i + 1 < b.size() ? std::uint32_t(b[i + 1]) << 8 : 0) |
                            (i + 2 < b.size() ? std::uint32_t(b[i + 2]) : 0);
    o += t[(v >> 18) & 63];
    o += t[(v >> 12) & 63];
    o += i + 1 < b.size() ? t[(v >> 6) & 63] : '=';
    o += i + 2 < b.size() ? t[v & 63] : '=';
  }
  return o;
}

}  // namespace qiantang::forecast
