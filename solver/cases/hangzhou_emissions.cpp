#include "solver/cases/hangzhou_emissions.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "solver/common/constants.hpp"

namespace qiantang::cases {
namespace {

constexpr double kRad = constants::pi / 180.0;

struct Scaling {
  double base_t_yr;  // published total in the base year
  double cut;        // reported relative reduction over `span_years`
  double span_years;
};

// Hangzhou urban area, 2010 (shared/reference/air-quality-rules.md). Reductions: SO2 −28 %,
// NOx −23 %, VOCs −29 % over 2015–2020 (same reference); species without a Hangzhou figure use
// Jiangsu's 2015–2019 reductions (Gu et al. 2023, ACP 23, 4247): CO −7 %, NH3 −10 %,
// PM10 −21 %, PM2.5 −16 %, BC −6 %, OC −18 %. BC and OC in the base year: 4.3 % and 9.0 % of
// PM2.5 (the EC and OC shares of PM2.5 emissions in An et al. 2021).
const std::map<std::string, Scaling>& hangzhou_scaling() {
  static const std::map<std::string, Scaling> s{
      {"SO2", {72300, 0.28, 5}},   {"NOX", {89800, 0.23, 5}},  {"CO", {739000, 0.07, 4}},
      {"VOC", {395600, 0.29, 5}},  {"NH3", {33200, 0.10, 4}},  {"PM25", {40200, 0.16, 4}},
      {"PM10", {79600, 0.21, 4}},  {"BC", {0.043 * 40200, 0.06, 4}}, {"OC", {0.090 * 40200, 0.18, 4}},
  };
  return s;
}

// Yangtze River Delta (Shanghai, Jiangsu, Zhejiang, Anhui), 2017 (An et al. 2021, ACP 21, 2003,
// abstract): SO2 1552, NOx 3235, CO 38 507, NMVOC 4875, PM10 3770, PM2.5 1597, NH3 2467 Gg;
// BC, OC as above. Reductions: Jiangsu 2015–2019 (Gu et al. 2023): SO2 −53 %, NOx −20 %,
// CO −7 %, NMVOC −2 %, NH3 −10 %, PM10 −21 %, PM2.5 −16 %, BC −6 %, OC −18 %.
const std::map<std::string, Scaling>& yrd_scaling() {
  static const std::map<std::string, Scaling> s{
      {"SO2", {1552e3, 0.53, 4}},  {"NOX", {3235e3, 0.20, 4}},  {"CO", {38507e3, 0.07, 4}},
      {"VOC", {4875e3, 0.02, 4}},  {"NH3", {2467e3, 0.10, 4}},  {"PM25", {1597e3, 0.16, 4}},
      {"PM10", {3770e3, 0.21, 4}}, {"BC", {0.043 * 1597e3, 0.06, 4}}, {"OC", {0.090 * 1597e3, 0.18, 4}},
  };
  return s;
}

// Sector fractions (cases/README.md, "Sector split"). Rows: species; columns in the order of
// hangzhou_case_sectors(). PMC is the coarse part PM10 − PM2.5.
const std::map<std::string, std::vector<double>>& split() {
  //                                         power industry resid transp agri solvent dust biomass ship
  static const std::map<std::string, std::vector<double>> f{
      {"SO2", {0.25, 0.49, 0.09, 0.02, 0.00, 0.00, 0.00, 0.02, 0.13}},
      {"NOX", {0.12, 0.26, 0.02, 0.45, 0.02, 0.00, 0.00, 0.01, 0.12}},
      {"CO", {0.03, 0.70, 0.08, 0.12, 0.00, 0.00, 0.00, 0.06, 0.01}},
      {"VOC", {0.01, 0.36, 0.07, 0.20, 0.04, 0.25, 0.00, 0.05, 0.02}},
      {"NH3", {0.00, 0.03, 0.03, 0.02, 0.91, 0.00, 0.00, 0.01, 0.00}},
      {"PM25", {0.05, 0.38, 0.10, 0.06, 0.01, 0.00, 0.28, 0.09, 0.03}},
      {"PMC", {0.01, 0.15, 0.02, 0.02, 0.04, 0.00, 0.75, 0.01, 0.00}},
      {"BC", {0.02, 0.30, 0.25, 0.25, 0.01, 0.00, 0.00, 0.12, 0.05}},
      {"OC", {0.01, 0.25, 0.35, 0.08, 0.01, 0.00, 0.00, 0.28, 0.02}},
  };
  return f;
}

double population(const std::string& region) {
  double p = 0;
  for (const auto& c : hangzhou_case_cities())
    if (region.empty() || c.region == region) p += c.population_M;
  return p;
}

// A normalised spatial distribution on the raster, built from weighted kernels each
// normalised to its weight over the raster (times a mask), so the sum is exactly Σ weights.
class Proxy {
 public:
  Proxy(const GeoRaster& g) : g_(g), field_(std::size_t(g.nx) * std::size_t(g.ny), 0.0) {}
  // Gaussian blob of width sigma_km at `at`; mask: 0 none, 1 land, 2 cropland.
  void blob(LonLat at, double sigma_km, double weight, int mask) {
    add(weight, mask, at.lon, at.lat, 4 * sigma_km, [&](double lon, double lat) {
      const double r = distance_km({lon, lat}, at);
      return std::exp(-0.5 * r * r / (sigma_km * sigma_km));
    });
  }
  // Line source of width sigma_km along a polyline.
  void line(const std::vector<LonLat>& pts, double sigma_km, double weight, int mask) {
    double lon_c = 0, lat_c = 0, reach = 0;
    for (const auto& p : pts) lon_c += p.lon / double(pts.size()), lat_c += p.lat / double(pts.size());
    for (const auto& p : pts) reach = std::max(reach, distance_km(p, {lon_c, lat_c}));
    add(weight, mask, lon_c, lat_c, reach + 4 * sigma_km, [&](double lon, double lat) {
      const double d = distance_to_polyline_km({lon, lat}, pts);
      return std::exp(-0.5 * d * d / (sigma_km * sigma_km));
    });
  }
  const std::vector<double>& field() const { return field_; }

 private:
  template <class K>
  void add(double weight, int mask, double lon_c, double lat_c, double reach_km, K kernel) {
    if (weight <= 0) return;
    const double dlat = reach_km / 111.2, dlon = reach_km / (111.2 * std::cos(lat_c * kRad));
    const int i0 = std::max(0, int(std::floor((lon_c - dlon - g_.lon0) / g_.d)));
    const int i1 = std::min(g_.nx - 1, int(std::ceil((lon_c + dlon - g_.lon0) / g_.d)));
    const int j0 = std::max(0, int(std::floor((lat_c - dlat - g_.lat0) / g_.d)));
    const int j1 = std::min(g_.ny - 1, int(std::ceil((lat_c + dlat - g_.lat0) / g_.d)));
    for (int attempt = 0; attempt < 2; ++attempt) {
      const int m = attempt == 0 ? mask : 0;  // fall back to no mask when the mask is empty here
      std::vector<std::pair<std::size_t, double>> w;
      double sum = 0;
      for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i) {
          const std::size_t n = g_.at(i, j);
          double mv = 1.0;
          if (m == 1) mv = g_.land[n];
          if (m == 2) mv = g_.land[n] * (1.0 - g_.urban[n]) * (g_.terrain_m[n] < 300.0 ? 1.0 : 0.2);
          if (mv <= 0) continue;
          const double k = kernel(g_.lon0 + i * g_.d, g_.lat0 + j * g_.d) * mv;
          if (k > 0) w.emplace_back(n, k), sum += k;
        }
      if (sum > 0) {
        for (const auto& [n, k] : w) field_[n] += weight * k / sum;
        return;
      }
    }
    throw std::logic_error("Hangzhou emission proxy: a kernel lies outside the inventory grid");
  }
  const GeoRaster& g_;
  std::vector<double> field_;
};

const City& city(const std::string& name) {
  for (const auto& c : hangzhou_case_cities())
    if (c.name == name) return c;
  throw std::logic_error("Hangzhou case: unknown city " + name);
}

// Spatial distribution of `sector` within `region` (sums to 1 over the raster).
std::vector<double> sector_proxy(const GeoRaster& g, const std::string& region, const std::string& sector) {
  Proxy p(g);
  std::vector<const City*> cs;
  double pop = 0, ind = 0;
  for (const auto& c : hangzhou_case_cities())
    if (c.region == region) cs.push_back(&c), pop += c.population_M, ind += c.industry_weight;
  auto wpop = [&](const City& c) { return c.population_M / pop; };
  auto wind = [&](const City& c) { return ind > 0 ? c.industry_weight / ind : c.population_M / pop; };
  if (sector == "shipping") {
    if (region == "hangzhou") {
      p.line(hangzhou_case_shipping_lanes()[2], 2.0, 1.0, 0);
    } else {
      for (const auto& port : hangzhou_case_ports()) p.blob(port.at, 5.0, port.share, 0);
      p.line(hangzhou_case_shipping_lanes()[0], 3.0, 0.15, 0);
      p.line(hangzhou_case_shipping_lanes()[1], 8.0, 0.10, 0);
    }
    return p.field();
  }
  for (const City* c : cs) {
    if (sector == "power") {
      p.blob(c->at, 15.0, wind(*c), 1);
    } else if (sector == "industry") {
      p.blob(c->at, 10.0, wind(*c), 1);
    } else if (sector == "solvent") {
      p.blob(c->at, 8.0, 0.5 * wpop(*c) + 0.5 * wind(*c), 1);
    } else if (sector == "residential") {
      p.blob(c->at, 10.0, 0.7 * wpop(*c), 1);
      p.blob(c->at, 40.0, 0.3 * wpop(*c), 1);
    } else if (sector == "dust") {
      p.blob(c->at, 10.0, wpop(*c), 1);
    } else if (sector == "agriculture" || sector == "biomass_burning") {
      p.blob(c->at, region == "hangzhou" ? 20.0 : 40.0, wpop(*c), 2);
    } else if (sector == "transport") {
      // Half in the city, half on its expressways (split equally between them).
      std::vector<const Road*> roads;
      for (const auto& r : hangzhou_case_roads())
        if (r.from == c->name || r.to == c->name) roads.push_back(&r);
      const double on_roads = roads.empty() ? 0.0 : 0.5;
      p.blob(c->at, 8.0, (1.0 - on_roads) * wpop(*c), 1);
      for (const Road* r : roads) {
        // The half of the road nearer this city.
        const LonLat a = c->at, b = city(r->from == c->name ? r->to : r->from).at;
        const LonLat mid{0.5 * (a.lon + b.lon), 0.5 * (a.lat + b.lat)};
        p.line({a, mid}, 3.0, on_roads * wpop(*c) / double(roads.size()), 1);
      }
    } else {
      throw std::logic_error("Hangzhou case: no proxy for sector " + sector);
    }
  }
  return p.field();
}

}  // namespace

const std::vector<std::string>& hangzhou_case_sectors() {
  static const std::vector<std::string> s{"power", "industry", "residential", "transport", "agriculture",
                                          "solvent", "dust", "biomass_burning", "shipping"};
  return s;
}

const std::vector<std::string>& hangzhou_case_species() {
  static const std::vector<std::string> s{"SO2", "NOX", "CO", "VOC", "NH3", "PM25", "PM10", "BC", "OC"};
  return s;
}

std::map<std::string, double> region_totals_t_yr(const std::string& region, int year) {
  std::map<std::string, double> out;
  if (region == "hangzhou") {
    // E(year) = E(2010) · (1 − cut)^((year − 2010) / span): the reported rate of reduction
    // applied from the base year on and extrapolated to the inventory year.
    for (const auto& [sp, s] : hangzhou_scaling()) out[sp] = s.base_t_yr * std::pow(1.0 - s.cut, (year - 2010) / s.span_years);
  } else if (region == "yrd") {
    // E(year) = E(2017) · (1 − cut)^((year − 2017) / span) · (1 − P_Hangzhou / P_YRD).
    const double keep = 1.0 - population("hangzhou") / population("");
    for (const auto& [sp, s] : yrd_scaling())
      out[sp] = s.base_t_yr * std::pow(1.0 - s.cut, (year - 2017) / s.span_years) * keep;
  } else {
    throw std::logic_error("Hangzhou case: unknown emission region " + region);
  }
  return out;
}

double sector_fraction(const std::string& species, const std::string& sector) {
  const auto& secs = hangzhou_case_sectors();
  const auto it = std::find(secs.begin(), secs.end(), sector);
  if (it == secs.end()) throw std::logic_error("Hangzhou case: unknown sector " + sector);
  const std::size_t k = std::size_t(it - secs.begin());
  if (species == "PM10") throw std::logic_error("sector_fraction: PM10 is PM25 + PMC per sector");
  return split().at(species)[k];
}

HangzhouInventory hangzhou_inventory(int year, double lon_min, double lon_max, double lat_min, double lat_max) {
  const GeoRaster g = make_geo_raster(lon_min, lon_max, lat_min, lat_max, 0.05);
  HangzhouInventory inv;
  inv.spec.year = year;
  inv.spec.sectors = hangzhou_case_sectors();
  for (int i = 0; i < g.nx; ++i) inv.spec.lon.push_back(g.lon0 + i * g.d);
  for (int j = 0; j < g.ny; ++j) inv.spec.lat.push_back(g.lat0 + j * g.d);
  const std::size_t n = std::size_t(g.nx) * std::size_t(g.ny);
  for (const auto& sp : hangzhou_case_species()) {
    inv.spec.fields[sp].assign(inv.spec.sectors.size(), std::vector<double>(n, 0.0));
    inv.spec.units[sp] = "t/yr";
    inv.stated_total_t_yr[sp] = 0.0;
  }
  for (const std::string region : {"hangzhou", "yrd"}) {
    const auto totals = region_totals_t_yr(region, year);
    for (const auto& [sp, t] : totals) inv.stated_total_t_yr[sp] += t;
    for (std::size_t s = 0; s < inv.spec.sectors.size(); ++s) {
      const auto& sector = inv.spec.sectors[s];
      const std::vector<double> p = sector_proxy(g, region, sector);
      for (const auto& sp : hangzhou_case_species()) {
        double e = 0;
        if (sp == "PM10") {
          e = totals.at("PM25") * sector_fraction("PM25", sector) +
              (totals.at("PM10") - totals.at("PM25")) * sector_fraction("PMC", sector);
        } else {
          e = totals.at(sp) * sector_fraction(sp, sector);
        }
        if (e == 0) continue;
        auto& f = inv.spec.fields[sp][s];
        for (std::size_t m = 0; m < n; ++m) f[m] += e * p[m];
      }
    }
  }
  return inv;
}

}  // namespace qiantang::cases
