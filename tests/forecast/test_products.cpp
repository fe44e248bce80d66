// make_products on a small synthetic case: files written, city mean excludes the background
// station, report sections present and self-contained, PNGs valid, scenario comparison.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "forecast/products.hpp"
#include "forecast/report/png.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;
using namespace qiantang::forecast;
using namespace std::chrono;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Three Beijing days from 2025-01-01; PM2.5 at A = a, B = b, background C = 10, constant per day.
io::HourlySeries series(const std::vector<double>& a, const std::vector<double>& b) {
  io::HourlySeries s;
  const sys_days d0{year{2025} / 1 / 1};
  for (int i = 1; i <= 72; ++i) s.hours.push_back(TimePoint{d0} + hours{i} - kBeijingOffset);
  for (std::size_t i = 0; i < 72; ++i) {
    s.series("A", "PM2.5")[i] = a[i / 24];
    s.series("B", "PM2.5")[i] = b[i / 24];
    s.series("C", "PM2.5")[i] = 10.0;
    for (const char* st : {"A", "B", "C"}) s.series(st, "O3")[i] = 40.0;
  }
  return s;
}

DailyMap map(const std::string& day, double v) {
  DailyMap m;
  m.day = day;
  m.nx = 6;
  m.ny = 4;
  for (int i = 0; i < 6; ++i) m.lon.push_back(119.5 + 0.2 * i);
  for (int j = 0; j < 4; ++j) m.lat.push_back(29.8 + 0.2 * j);
  for (int k = 0; k < 24; ++k) m.value.push_back(v + 12.0 * k);  // spans several categories
  return m;
}

}  // namespace

TEST_CASE("make_products writes the products and a self-contained report", "[products]") {
  ProductInputs in;
  // City PM2.5 = mean(A, B) = 60, 200, 60; IAQI(200) = 250. The rolling 24-h PM AQI of day 3
  // (windows ending 01:00.. of day 3 still hold most of day 2) is > 200 too: 48 h > 200 -> orange.
  in.base = series({50, 190, 50}, {70, 210, 70});
  in.scenario = series({40, 100, 40}, {56, 110, 56});  // city 105 -> IAQI 138: no alert
  in.config.city_name = "Test city";
  in.config.stations = {{"A", "Alpha", 119.7, 30.0, false},
                        {"B", "Beta", 120.1, 30.2, false},
                        {"C", "Lake", 119.6, 29.9, true}};
  in.config.overlays = {
      {"district", {119.6, 120.2, 120.2, 119.6, 119.6}, {29.9, 29.9, 30.3, 30.3, 29.9}}};
  for (const char* d : {"2025-01-01", "2025-01-02", "2025-01-03"}) {
    in.pm25_maps.push_back(map(d, 50));
    in.o3_mda8_maps.push_back(map(d, 90));
  }
  in.out_dir = test::scratch_dir("products");
  const ForecastProducts p = make_products(in);

  REQUIRE(p.days.size() == 3);
  CHECK(p.city.daily[1].conc.pm25_24h == Approx(200.0));  // background C excluded
  CHECK(p.city.daily[1].aqi == 250);
  CHECK(p.city_level(p.days[0]) == AlertLevel::none);
  CHECK(p.city_level(p.days[1]) == AlertLevel::orange);
  CHECK(p.city_level(p.days[2]) == AlertLevel::orange);
  CHECK(p.city.daily[2].aqi == 82);  // calendar day 3: PM2.5 60 -> 50 + 50*25/40 = 81.25 -> 82
  REQUIRE(p.stations.size() == 3);
  REQUIRE_FALSE(p.emergency_scaling.empty());
  CHECK(p.emergency_scaling.front().factor == Approx(0.8));
  REQUIRE(p.scenario.size() == 3);
  CHECK(p.scenario[1].delta_pm25() == Approx(105.0 - 200.0));
  CHECK(p.scenario[1].base_level == AlertLevel::orange);
  CHECK(p.scenario[1].scenario_level == AlertLevel::none);
  CHECK(p.alert_summary.find("orange alert") != std::string::npos);

  for (const char* f :
       {"daily_aqi.csv", "alerts.json", "report.html", "emergency_scaling.csv",
        "scenario_comparison.csv", "png/map_pm25_2025-01-02.png", "png/map_o3_mda8_2025-01-02.png",
        "png/series_city.png", "png/series_A.png"})
    CHECK(std::filesystem::exists(in.out_dir / f));
  const std::string csv = slurp(in.out_dir / "daily_aqi.csv");
  CHECK(csv.find("city,2025-01-02,2012,250,5,Heavily polluted") != std::string::npos);
  const std::string json = slurp(in.out_dir / "alerts.json");
  CHECK(json.find("\"level\": \"orange\"") != std::string::npos);
  CHECK(json.find("\"start\": \"2025-01-02\"") != std::string::npos);

  const std::string html = slurp(in.out_dir / "report.html");
  for (const char* id : {"id=\"alert-summary\"", "id=\"daily-table\"", "id=\"maps\"",
                         "id=\"time-series\"", "id=\"scenario\""})
    CHECK(html.find(id) != std::string::npos);
  // Alert summary first, then the others in order.
  CHECK(html.find("alert-summary") < html.find("daily-table"));
  CHECK(html.find("daily-table") < html.find("id=\"maps\""));
  CHECK(html.find("data:image/png;base64,") != std::string::npos);
  CHECK(html.find("<polyline class=\"ov\"") != std::string::npos);
  CHECK(html.find("#99004C") != std::string::npos);  // heavily-polluted colour in the table
  // Self-contained: no external scripts, styles or images.
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);

  const std::string png = slurp(in.out_dir / "png/series_city.png");
  int w = 0, h = 0;
  REQUIRE(png_size(std::vector<std::uint8_t>(png.begin(), png.end()), w, h));
  CHECK(w == 720);
  CHECK(h == 170);
}

TEST_CASE("PNG encoder and base64", "[products]") {
  Image img(3, 2, Rgb{255, 0, 0});
  img.set(1, 1, Rgb{0, 0, 255});
  CHECK(img.get(1, 1).b == 255);
  const auto bytes = encode_png(img);
  int w = 0, h = 0;
  REQUIRE(png_size(bytes, w, h));
  CHECK(w == 3);
  CHECK(h == 2);
  CHECK(base64({'M', 'a', 'n'}) == "TWFu");
  CHECK(base64({'M', 'a'}) == "TWE=");
  CHECK(base64({'M'}) == "TQ==");
}

TEST_CASE("product config from the Hangzhou INI", "[products]") {
  const auto cfg = load_product_config(test::source_dir() / "configs/forecast/hangzhou.ini");
  REQUIRE(cfg.stations.size() == 11);
  int background = 0;
  for (const auto& s : cfg.stations)
    if (s.background) {
      ++background;
      CHECK(s.id == "1225A");
    }
  CHECK(background == 1);
  CHECK_FALSE(cfg.daily.aqi.forced.has_value());
  CHECK(cfg.alerts.red.text == "aqi > 200 for 72h & aqi > 300 for 24h");
  CHECK(cfg.emergency_cuts.size() == 21);
  const auto forced = load_product_config(test::source_dir() / "configs/forecast/hangzhou.ini",
                                          {"aqi.standard=2026"});
  CHECK(forced.daily.aqi.forced == AqiStandard::hj633_2026);
}

TEST_CASE("one CNEMC daily file gives its Beijing day (23 of 24 hours)", "[products]") {
  std::string text = "date,hour,type,S1\n";
  for (int h = 0; h < 24; ++h) text += "20250110," + std::to_string(h) + ",PM2.5,75\n";
  ProductInputs in;
  in.base = io::parse_station_csv(text, "china_sites_20250110.csv");
  in.config.write_png = false;
  const auto p = compute_products(in);
  REQUIRE(p.days.size() == 1);  // 2025-01-09 has only its last hour
  CHECK(p.days[0] == sys_days{year{2025} / 1 / 10});
  CHECK(p.city.daily[0].conc.valid_hours[size_t(Pollutant::pm25)] == 23);
  CHECK(p.city.daily[0].aqi == 100);
}
