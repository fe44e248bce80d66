#pragma once
// Geography of the built-in Hangzhou case (cases/README.md, "Geography"): an approximate East
// China coastline and lakes, idealised terrain (Gaussian ridges for the Tianmu, Huangshan,
// Wuyi, Dabie and east Zhejiang mountains, the Qiantang valley cut into them), land use
// (USGS 24-category numbers as WRF writes LU_INDEX), the cities with their population, the
// main roads, ports and the national air-quality stations of Hangzhou. Everything is an
// analytic function or a table, so the case is the same on every machine.
#include <string>
#include <vector>

namespace qiantang::cases {

struct LonLat {
  double lon = 0.0, lat = 0.0;
};

struct City {
  std::string name;
  std::string region;      // "hangzhou" (the city's own inventory) or "yrd" (the regional one)
  LonLat at;
  double population_M = 0.0;   // resident population (millions, 2020 census, rounded)
  double industry_weight = 0.0;  // share of its region's industry (0: by population)
};

struct Road {
  std::string from, to;  // city names
};

struct Port {
  std::string name;
  LonLat at;
  double share = 0.0;  // of the regional shipping emissions
};

struct AirStation {
  std::string id, name;
  LonLat at;
  bool background = false;
};

struct Ridge {
  std::string name;
  LonLat at;
  double height_m, sigma_major_km, sigma_minor_km, azimuth_deg;  // axis angle from east, anticlockwise
};

const std::vector<City>& hangzhou_case_cities();
const std::vector<Road>& hangzhou_case_roads();
const std::vector<Port>& hangzhou_case_ports();
// Polylines (lon/lat) of the shipping lanes: the Yangtze below Nanjing and the coastal lane.
const std::vector<std::vector<LonLat>>& hangzhou_case_shipping_lanes();
const std::vector<AirStation>& hangzhou_stations();
const std::vector<Ridge>& hangzhou_case_ridges();
// The Qiantang (Xin'an–Fuchun–Qiantang) valley axis from Qiandao Lake to Hangzhou.
const std::vector<LonLat>& qiantang_valley_axis();

// Distance (km) between two points on the sphere of radius 6370 km.
double distance_km(LonLat a, LonLat b);
// Distance (km) from p to the polyline (local equirectangular approximation).
double distance_to_polyline_km(LonLat p, const std::vector<LonLat>& line);

// 1 on land, 0 on sea and lakes (even-odd test against the coastline polygon, land islands and
// lake ellipses).
double land_indicator(double lon, double lat);
// Terrain height (m above sea level) from the ridges, 0 over water.
double terrain_height_m(double lon, double lat);

// Fields on a regular latitude–longitude raster (cell centres lon0 + i·d, lat0 + j·d), i fastest.
struct GeoRaster {
  double lon0 = 0, lat0 = 0, d = 0.05;
  int nx = 0, ny = 0;
  std::vector<double> land;          // land fraction of the cell (4×4 sub-samples)
  std::vector<double> land_smooth;   // land fraction smoothed with a 20 km Gaussian (sea breeze)
  std::vector<double> terrain_m;     // terrain height
  std::vector<double> urban;         // urban fraction from the city population kernels
  // Bilinear interpolation of a raster field at (lon, lat), clamped at the edges.
  double sample(const std::vector<double>& f, double lon, double lat) const;
  std::size_t at(int i, int j) const { return std::size_t(j) * std::size_t(nx) + std::size_t(i); }
};

// Builds the raster covering [lon_min, lon_max] × [lat_min, lat_max] at spacing d (degrees).
GeoRaster make_geo_raster(double lon_min, double lon_max, double lat_min, double lat_max, double d);

// USGS 24-category land use of a model cell: 16 water, 1 urban, 3 irrigated cropland (plains),
// 6 cropland/woodland mosaic (hills), 15 mixed forest (mountains).
int land_use_category(double land_fraction, double urban_fraction, double terrain_m);

}  // namespace qiantang::cases
