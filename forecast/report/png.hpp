#pragma once
// A small RGB raster with a PNG encoder (zlib deflate; PNG specification, W3C 2003: signature,
// IHDR, IDAT, IEND chunks with CRC-32, filter type 0 per row) and base64 for inline images.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace qiantang::forecast {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};
Rgb parse_colour(const std::string& hex);  // "#RRGGBB"

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  // row-major, top row first, 3 bytes per pixel
  Image() = default;
  Image(int w, int h, Rgb fill = {255, 255, 255});
  void set(int x, int y, Rgb c);
  Rgb get(int x, int y) const;
  void fill_rect(int x0, int y0, int x1, int y1, Rgb c);  // inclusive-exclusive, clipped
  void line(double x0, double y0, double x1, double y1, Rgb c, int thickness = 1);
  // Fills a convex polygon (pixel centres inside).
  void fill_convex(const double* xs, const double* ys, int n, Rgb c);
};

std::vector<std::uint8_t> encode_png(const Image& img);
void write_png(const std::filesystem::path& file, const Image& img);
// Decodes the size from a PNG byte stream (IHDR); used by tests. false if not a PNG.
bool png_size(const std::vector<std::uint8_t>& png, int& width, int& height);
std::string base64(const std::vector<std::uint8_t>& bytes);

}  // namespace qiantang::forecast
