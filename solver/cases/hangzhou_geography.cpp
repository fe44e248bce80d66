#include "solver/cases/hangzhou_geography.hpp"

#include <algorithm>
#include <cmath>

#include "solver/common/constants.hpp"

namespace qiantang::cases {
namespace {

constexpr double kRad = constants::pi / 180.0;
constexpr double kKmPerDegLat = constants::earth_radius_m * kRad / 1000.0;  // 111.18 km

// The sea east of the coast from Fujian (25°N) to Shandong (36°N), lon/lat vertices traced by
// hand from the coastline of standard atlases to about 0.1° (Hangzhou Bay, the Yangtze
// estuary up to the Xuliujing narrows, the Jiangsu coast); everything west of it is land.
const std::vector<LonLat>& sea_polygon() {
  static const std::vector<LonLat> p{
      {118.6, 24.5},  {119.5, 25.4},  {119.6, 26.0},  {119.9, 26.6},  {120.4, 27.2},  {120.7, 27.6},
      {120.9, 28.0},  {121.4, 28.3},  {121.6, 28.6},  {121.5, 29.0},  {121.9, 29.3},  {121.95, 29.6},
      {121.85, 29.95}, {121.5, 30.05}, {121.2, 30.3},  {120.9, 30.15}, {120.6, 30.25}, {120.35, 30.25},
      {120.6, 30.38}, {120.95, 30.5}, {121.3, 30.7},  {121.6, 30.85}, {121.95, 30.9}, {121.9, 31.2},
      {121.55, 31.4}, {121.2, 31.62}, {121.3, 31.72}, {121.9, 31.72}, {121.5, 32.1},  {120.95, 32.6},
      {120.85, 33.0}, {120.6, 33.5},  {120.3, 34.2},  {119.6, 34.5},  {119.3, 34.8},  {119.6, 35.3},
      {120.5, 36.1},  {122.5, 37.5},  {128.0, 37.5},  {128.0, 24.0},  {118.6, 24.0}};
  return p;
}

struct Ellipse {
  LonLat c;
  double a_deg, b_deg;  // semi-axes in longitude and latitude degrees
  double value;          // 1 = land island, 0 = lake
};

const std::vector<Ellipse>& ellipses() {
  static const std::vector<Ellipse> e{
      {{122.15, 30.03}, 0.20, 0.07, 1.0},  // Zhoushan Island
      {{121.55, 31.60}, 0.32, 0.07, 1.0},  // Chongming Island
      {{120.22, 31.20}, 0.28, 0.26, 0.0},  // Taihu, ~2400 km²
      {{119.05, 29.60}, 0.15, 0.10, 0.0},  // Qiandao Lake
      {{117.55, 31.57}, 0.22, 0.10, 0.0},  // Chaohu
      {{118.70, 33.30}, 0.25, 0.20, 0.0},  // Hongze Lake
      {{119.35, 32.85}, 0.10, 0.18, 0.0},  // Gaoyou Lake
      {{116.30, 29.10}, 0.25, 0.40, 0.0},  // Poyang Lake
  };
  return e;
}

bool inside(const std::vector<LonLat>& poly, double lon, double lat) {
  bool in = false;
  for (std::size_t a = 0, b = poly.size() - 1; a < poly.size(); b = a++) {
    const LonLat& p = poly[a];
    const LonLat& q = poly[b];
    if ((p.lat > lat) != (q.lat > lat) && lon < (q.lon - p.lon) * (lat - p.lat) / (q.lat - p.lat) + p.lon) in = !in;
  }
  return in;
}

// Terrain without the land mask (used for gradients and the valley).
double ridge_terrain_m(double lon, double lat) {
  double h = 0.0;
  for (const auto& r : hangzhou_case_ridges()) {
    const double ex = (lon - r.at.lon) * kKmPerDegLat * std::cos(r.at.lat * kRad);
    const double ny = (lat - r.at.lat) * kKmPerDegLat;
    const double ca = std::cos(r.azimuth_deg * kRad), sa = std::sin(r.azimuth_deg * kRad);
    const double a = ex * ca + ny * sa, b = -ex * sa + ny * ca;
    h += r.height_m * std::exp(-0.5 * (a * a / (r.sigma_major_km * r.sigma_major_km) +
                                       b * b / (r.sigma_minor_km * r.sigma_minor_km)));
  }
  // The Qiantang valley: a 7 km (1σ) Gaussian trough along the river that removes 85 % of the
  // surrounding relief, so the valley floor stays below ~100 m as it does from Jiande to Hangzhou.
  const double d = distance_to_polyline_km({lon, lat}, qiantang_valley_axis());
  return h * (1.0 - 0.85 * std::exp(-0.5 * d * d / 49.0));
}

}  // namespace

const std::vector<City>& hangzhou_case_cities() {
  // Hangzhou by districts (population 2020 census, rounded; industry weights: the manufacturing
  // districts Xiaoshan, Qiantang New Area, Linping/Yuhang and Fuyang carry most of it).
  // The other cities of the Yangtze River Delta (Shanghai, Jiangsu, Zhejiang, Anhui): one site
  // each at the city centre, population of the prefecture-level city (2020 census, rounded).
  static const std::vector<City> c{
      {"Hangzhou-core", "hangzhou", {120.16, 30.27}, 4.40, 0.06},
      {"Xiaoshan", "hangzhou", {120.26, 30.17}, 2.01, 0.24},
      {"Yuhang", "hangzhou", {120.00, 30.40}, 1.23, 0.10},
      {"Linping", "hangzhou", {120.30, 30.42}, 1.18, 0.13},
      {"Qiantang-New-Area", "hangzhou", {120.42, 30.29}, 0.77, 0.22},
      {"Fuyang", "hangzhou", {119.96, 30.05}, 0.83, 0.13},
      {"Linan", "hangzhou", {119.72, 30.23}, 0.64, 0.04},
      {"Tonglu", "hangzhou", {119.69, 29.80}, 0.45, 0.03},
      {"Jiande", "hangzhou", {119.28, 29.47}, 0.44, 0.04},
      {"Chunan", "hangzhou", {119.04, 29.61}, 0.33, 0.01},
      {"Shanghai", "yrd", {121.47, 31.23}, 24.87, 0.0},
      {"Suzhou", "yrd", {120.62, 31.30}, 12.75, 0.0},
      {"Wuxi", "yrd", {120.30, 31.57}, 7.46, 0.0},
      {"Changzhou", "yrd", {119.97, 31.78}, 5.28, 0.0},
      {"Nanjing", "yrd", {118.80, 32.06}, 9.31, 0.0},
      {"Zhenjiang", "yrd", {119.45, 32.20}, 3.21, 0.0},
      {"Yangzhou", "yrd", {119.41, 32.39}, 4.56, 0.0},
      {"Nantong", "yrd", {120.89, 31.98}, 7.73, 0.0},
      {"Taizhou-JS", "yrd", {119.92, 32.46}, 4.51, 0.0},
      {"Yancheng", "yrd", {120.16, 33.35}, 6.71, 0.0},
      {"Huaian", "yrd", {119.02, 33.61}, 4.56, 0.0},
      {"Suqian", "yrd", {118.28, 33.96}, 4.99, 0.0},
      {"Xuzhou", "yrd", {117.18, 34.26}, 9.08, 0.0},
      {"Lianyungang", "yrd", {119.22, 34.60}, 4.60, 0.0},
      {"Ningbo", "yrd", {121.55, 29.87}, 9.40, 0.0},
      {"Wenzhou", "yrd", {120.70, 28.00}, 9.57, 0.0},
      {"Shaoxing", "yrd", {120.58, 30.00}, 5.27, 0.0},
      {"Jiaxing", "yrd", {120.76, 30.75}, 5.40, 0.0},
      {"Huzhou", "yrd", {120.09, 30.89}, 3.37, 0.0},
      {"Jinhua", "yrd", {119.65, 29.08}, 7.05, 0.0},
      {"Quzhou", "yrd", {118.87, 28.94}, 2.28, 0.0},
      {"Zhoushan", "yrd", {122.21, 29.99}, 1.16, 0.0},
      {"Taizhou-ZJ", "yrd", {121.42, 28.66}, 6.62, 0.0},
      {"Lishui", "yrd", {119.92, 28.45}, 2.51, 0.0},
      {"Hefei", "yrd", {117.23, 31.82}, 9.37, 0.0},
      {"Wuhu", "yrd", {118.43, 31.35}, 3.64, 0.0},
      {"Maanshan", "yrd", {118.51, 31.67}, 2.16, 0.0},
      {"Bengbu", "yrd", {117.39, 32.92}, 3.30, 0.0},
      {"Huainan", "yrd", {117.00, 32.63}, 3.03, 0.0},
      {"Anqing", "yrd", {117.06, 30.53}, 4.17, 0.0},
      {"Xuancheng", "yrd", {118.76, 30.94}, 2.50, 0.0},
      {"Chuzhou", "yrd", {118.32, 32.30}, 3.99, 0.0},
      {"Tongling", "yrd", {117.81, 30.94}, 1.31, 0.0},
      {"Chizhou", "yrd", {117.49, 30.66}, 1.34, 0.0},
      {"Huangshan", "yrd", {118.34, 29.71}, 1.33, 0.0},
      {"Luan", "yrd", {116.52, 31.74}, 4.40, 0.0},
      {"Fuyang-AH", "yrd", {115.81, 32.89}, 8.20, 0.0},
      {"Bozhou", "yrd", {115.78, 33.85}, 4.99, 0.0},
      {"Suzhou-AH", "yrd", {116.98, 33.64}, 5.32, 0.0},
      {"Huaibei", "yrd", {116.80, 33.96}, 1.97, 0.0},
  };
  return c;
}

const std::vector<Road>& hangzhou_case_roads() {
  // National expressways between the cities (G2/G42 Shanghai–Nanjing, G60 Shanghai–Hangzhou–
  // Jinhua, G92 Hangzhou Bay ring, G25 Hangzhou–Nanjing, G56 Hangzhou–Huangshan, G15 coastal,
  // G40/G3 into Anhui), as straight lines between the city sites.
  static const std::vector<Road> r{
      {"Shanghai", "Suzhou"},      {"Suzhou", "Wuxi"},        {"Wuxi", "Changzhou"},
      {"Changzhou", "Zhenjiang"},  {"Zhenjiang", "Nanjing"},  {"Shanghai", "Jiaxing"},
      {"Jiaxing", "Linping"},      {"Linping", "Hangzhou-core"}, {"Hangzhou-core", "Xiaoshan"},
      {"Xiaoshan", "Shaoxing"},    {"Shaoxing", "Ningbo"},    {"Jiaxing", "Ningbo"},
      {"Hangzhou-core", "Yuhang"}, {"Yuhang", "Huzhou"},      {"Huzhou", "Nanjing"},
      {"Hangzhou-core", "Fuyang"}, {"Fuyang", "Tonglu"},      {"Tonglu", "Jiande"},
      {"Jiande", "Quzhou"},        {"Xiaoshan", "Jinhua"},    {"Jinhua", "Quzhou"},
      {"Hangzhou-core", "Linan"},  {"Linan", "Huangshan"},    {"Ningbo", "Taizhou-ZJ"},
      {"Taizhou-ZJ", "Wenzhou"},   {"Jinhua", "Lishui"},      {"Lishui", "Wenzhou"},
      {"Suzhou", "Nantong"},       {"Nantong", "Yancheng"},   {"Yancheng", "Lianyungang"},
      {"Nanjing", "Yangzhou"},     {"Yangzhou", "Huaian"},    {"Huaian", "Suqian"},
      {"Suqian", "Xuzhou"},        {"Nanjing", "Chuzhou"},    {"Chuzhou", "Hefei"},
      {"Nanjing", "Maanshan"},     {"Maanshan", "Wuhu"},      {"Wuhu", "Tongling"},
      {"Tongling", "Anqing"},      {"Hefei", "Luan"},         {"Hefei", "Huainan"},
      {"Huainan", "Bengbu"},       {"Bengbu", "Suzhou-AH"},   {"Suzhou-AH", "Xuzhou"},
      {"Hefei", "Anqing"},         {"Wuhu", "Xuancheng"},     {"Xuancheng", "Huzhou"},
      {"Huaibei", "Xuzhou"},       {"Bozhou", "Fuyang-AH"},   {"Fuyang-AH", "Huainan"},
      {"Changzhou", "Wuxi"},       {"Taizhou-JS", "Yangzhou"}, {"Taizhou-JS", "Nantong"},
  };
  return r;
}

const std::vector<Port>& hangzhou_case_ports() {
  // Shares of the regional shipping emissions by port (Ningbo–Zhoushan is the largest port by
  // cargo tonnage, Shanghai by containers); the rest goes to the lanes below.
  static const std::vector<Port> p{
      {"Ningbo-Zhoushan (Beilun)", {121.85, 29.93}, 0.30},
      {"Shanghai Yangshan", {122.05, 30.62}, 0.20},
      {"Shanghai Waigaoqiao", {121.62, 31.36}, 0.15},
      {"Suzhou Taicang", {121.20, 31.62}, 0.05},
      {"Nanjing", {118.75, 32.10}, 0.05},
  };
  return p;
}

const std::vector<std::vector<LonLat>>& hangzhou_case_shipping_lanes() {
  // [0] the Yangtze from Nanjing to the estuary (15 %), [1] the coastal lane offshore (10 %),
  // [2] Hangzhou's waterways (Qiantang River and Grand Canal; Hangzhou's own shipping).
  static const std::vector<std::vector<LonLat>> l{
      {{118.75, 32.10}, {119.45, 32.25}, {120.30, 31.95}, {120.90, 31.85}, {121.40, 31.55}, {122.00, 31.30}},
      {{121.90, 27.30}, {122.40, 28.50}, {122.70, 29.80}, {122.60, 31.00}, {122.30, 32.50}, {121.60, 34.00}},
      {{119.95, 30.05}, {120.15, 30.21}, {120.40, 30.30}, {120.16, 30.30}, {120.30, 30.60}},
  };
  return l;
}

const std::vector<AirStation>& hangzhou_stations() {
  // National-control stations (shared/reference/air-quality-rules.md, "Hangzhou").
  static const std::vector<AirStation> s{
      {"1223A", "滨江", {120.2072, 30.2111}, false},   {"1224A", "西溪", {120.0633, 30.2747}, false},
      {"1225A", "千岛湖", {119.026, 29.635}, true},    {"1226A", "下沙", {120.3461, 30.3153}, false},
      {"1227A", "卧龙桥", {120.1269, 30.2456}, false}, {"1228A", "浙江农大", {120.1903, 30.2692}, false},
      {"1229A", "朝晖五区", {120.157, 30.2897}, false}, {"1230A", "和睦小学", {120.1197, 30.3119}, false},
      {"1231A", "临平镇", {120.3019, 30.4183}, false},  {"1232A", "城厢镇", {120.2697, 30.1819}, false},
      {"1233A", "云栖", {120.0883, 30.1808}, false},
  };
  return s;
}

const std::vector<Ridge>& hangzhou_case_ridges() {
  // Idealised mountains: position and height of the main summit areas (West Tianmu 1506 m,
  // Longwang Shan 1587 m, Huangshan 1864 m, Huanggang Shan (Wuyi) 2158 m, Tiantai Shan 1098 m,
  // Kuocang Shan 1382 m, Dabie Shan 1774 m), heights reduced to ridge means; axes along the
  // SW–NE grain of the South China fold belt.
  static const std::vector<Ridge> r{
      {"Tianmu Shan", {119.35, 30.38}, 1300, 40, 14, 35},
      {"Mogan Shan", {119.85, 30.60}, 450, 18, 9, 35},
      {"Huangshan", {118.17, 30.13}, 1400, 30, 14, 30},
      {"Baiji Shan", {118.70, 29.95}, 900, 35, 14, 30},
      {"Longmen Shan", {119.95, 29.78}, 750, 32, 11, 35},
      {"Kuaiji Shan", {120.55, 29.72}, 550, 25, 10, 40},
      {"Siming Shan", {121.10, 29.65}, 650, 25, 11, 40},
      {"Tiantai Shan", {121.00, 29.15}, 850, 30, 14, 40},
      {"Kuocang Shan", {120.80, 28.70}, 1000, 35, 15, 40},
      {"Yandang Shan", {120.90, 28.25}, 850, 25, 12, 40},
      {"SW Zhejiang mountains", {119.20, 28.30}, 1200, 60, 28, 40},
      {"Wuyi Shan", {117.80, 27.70}, 1400, 90, 25, 45},
      {"Huaiyu Shan", {117.90, 29.00}, 900, 50, 24, 30},
      {"Jiuhua Shan", {117.80, 30.40}, 700, 40, 18, 30},
      {"Dabie Shan", {116.00, 31.10}, 1200, 70, 25, 20},
      {"Zhangbaling hills", {118.30, 32.40}, 220, 40, 18, 30},
      {"Zhejiang interior hills", {119.80, 28.90}, 350, 150, 90, 35},
  };
  return r;
}

const std::vector<LonLat>& qiantang_valley_axis() {
  static const std::vector<LonLat> a{{118.90, 29.55}, {119.25, 29.48}, {119.50, 29.60}, {119.68, 29.80},
                                      {119.95, 30.05}, {120.20, 30.22}, {120.40, 30.27}};
  return a;
}

double distance_km(LonLat a, LonLat b) {
  const double p1 = a.lat * kRad, p2 = b.lat * kRad, dl = (b.lon - a.lon) * kRad;
  const double s = std::sin(0.5 * (p2 - p1)), t = std::sin(0.5 * dl);
  const double h = s * s + std::cos(p1) * std::cos(p2) * t * t;
  return 2.0 * constants::earth_radius_m / 1000.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

double distance_to_polyline_km(LonLat p, const std::vector<LonLat>& line) {
  const double kx = kKmPerDegLat * std::cos(p.lat * kRad), ky = kKmPerDegLat;
  double best = 1e30;
  for (std::size_t n = 0; n + 1 < line.size(); ++n) {
    const double ax = (line[n].lon - p.lon) * kx, ay = (line[n].lat - p.lat) * ky;
    const double bx = (line[n + 1].lon - p.lon) * kx, by = (line[n + 1].lat - p.lat) * ky;
    const double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    const double t = l2 > 0 ? std::clamp(-(ax * dx + ay * dy) / l2, 0.0, 1.0) : 0.0;
    best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

double land_indicator(double lon, double lat) {
  double v = inside(sea_polygon(), lon, lat) ? 0.0 : 1.0;
  for (const auto& e : ellipses()) {
    const double x = (lon - e.c.lon) / e.a_deg, y = (lat - e.c.lat) / e.b_deg;
    if (x * x + y * y < 1.0) v = e.value;
  }
  return v;
}

double terrain_height_m(double lon, double lat) {
  return land_indicator(lon, lat) > 0.5 ? ridge_terrain_m(lon, lat) : 0.0;
}

double GeoRaster::sample(const std::vector<double>& f, double lon, double lat) const {
  const double fx = std::clamp((lon - lon0) / d, 0.0, double(nx - 1));
  const double fy = std::clamp((lat - lat0) / d, 0.0, double(ny - 1));
  const int i = std::min(int(fx), nx - 2), j = std::min(int(fy), ny - 2);
  const double a = fx - i, b = fy - j;
  return (1 - a) * (1 - b) * f[at(i, j)] + a * (1 - b) * f[at(i + 1, j)] + (1 - a) * b * f[at(i, j + 1)] +
         a * b * f[at(i + 1, j + 1)];
}

GeoRaster make_geo_raster(double lon_min, double lon_max, double lat_min, double lat_max, double d) {
  GeoRaster g;
  g.d = d;
  g.lon0 = lon_min;
  g.lat0 = lat_min;
  g.nx = int(std::ceil((lon_max - lon_min) / d)) + 1;
  g.ny = int(std::ceil((lat_max - lat_min) / d)) + 1;
  const std::size_t n = std::size_t(g.nx) * std::size_t(g.ny);
  g.land.assign(n, 0.0);
  g.terrain_m.assign(n, 0.0);
  g.urban.assign(n, 0.0);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const double lon = g.lon0 + i * d, lat = g.lat0 + j * d;
      double s = 0;
      for (int b = 0; b < 4; ++b)
        for (int a = 0; a < 4; ++a) s += land_indicator(lon + (a - 1.5) * d / 4, lat + (b - 1.5) * d / 4);
      g.land[g.at(i, j)] = s / 16.0;
      g.terrain_m[g.at(i, j)] = ridge_terrain_m(lon, lat) * g.land[g.at(i, j)];
      // Urban fraction: population density of Gaussian city kernels, σ = 3 km · sqrt(P / 10⁶),
      // saturating at 4000 inhabitants per km² (the density of a continuously built-up area).
      double dens = 0;
      for (const auto& c : hangzhou_case_cities()) {
        const double sig = 3.0 * std::sqrt(c.population_M);
        const double r = distance_km({lon, lat}, c.at);
        if (r < 5 * sig) dens += c.population_M * 1e6 / (2 * constants::pi * sig * sig) * std::exp(-0.5 * r * r / (sig * sig));
      }
      g.urban[g.at(i, j)] = std::min(1.0, dens / 4000.0) * g.land[g.at(i, j)];
    }
  // Separable Gaussian smoothing (σ = 20 km) of the land fraction; edges replicated.
  const double sig_km = 20.0;
  const double sy = sig_km / (kKmPerDegLat * d);
  const double sx = sig_km / (kKmPerDegLat * std::cos((lat_min + lat_max) * 0.5 * kRad) * d);
  auto smooth = [&](const std::vector<double>& in, double sigma, bool along_x) {
    std::vector<double> out(in.size(), 0.0);
    const int r = int(std::ceil(3 * sigma));
    std::vector<double> w(std::size_t(2 * r + 1));
    double ws = 0;
    for (int k = -r; k <= r; ++k) ws += (w[std::size_t(k + r)] = std::exp(-0.5 * k * k / (sigma * sigma)));
    for (auto& x : w) x /= ws;
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        double s = 0;
        for (int k = -r; k <= r; ++k) {
          const int ii = along_x ? std::clamp(i + k, 0, g.nx - 1) : i;
          const int jj = along_x ? j : std::clamp(j + k, 0, g.ny - 1);
          s += w[std::size_t(k + r)] * in[g.at(ii, jj)];
        }
        out[g.at(i, j)] = s;
      }
    return out;
  };
  g.land_smooth = smooth(smooth(g.land, sx, true), sy, false);
  return g;
}

int land_use_category(double land_fraction, double urban_fraction, double terrain_m) {
  if (land_fraction < 0.5) return 16;
  if (urban_fraction > 0.5) return 1;
  if (terrain_m > 300.0) return 15;
  if (terrain_m > 100.0) return 6;
  return 3;
}

}  // namespace qiantang::cases
