// The report's source-attribution section (forecast/report/report.cpp, docs/attribution.md):
// with an attribution.csv present, report.html has section `attribution` with one stacked-bar
// SVG per pollutant (ids attribution-pm25, attribution-o3), one bar group per Beijing day and in
// it one bar per region, boundary, initial and untagged (sector rows are not stacked), with
// heights proportional to the shares; without the file there is no section.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "forecast/products.hpp"
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

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

ProductInputs inputs(const std::filesystem::path& out) {
  ProductInputs in;
  const sys_days d0{year{2026} / 1 / 6};
  for (int i = 1; i <= 72; ++i) in.base.hours.push_back(TimePoint{d0} + hours{i} - kBeijingOffset);
  for (std::size_t i = 0; i < 72; ++i)
    for (const char* st : {"A", "B"}) {
      in.base.series(st, "PM2.5")[i] = 60.0;
      in.base.series(st, "O3")[i] = 40.0;
    }
  in.config.city_name = "Test city";
  in.config.stations = {{"A", "Alpha", 119.7, 30.0, false}, {"B", "Beta", 120.1, 30.2, false}};
  in.out_dir = out;
  return in;
}

// attribution.csv as Attribution::write_tables writes it, with two sector groups.
std::string attribution_csv() {
  std::string s = "day,pollutant,averaging,tag,region,sector,value_ug_m3,share\n";
  const char* days[] = {"2026-01-06", "2026-01-07", "2026-01-08"};
  for (int d = 0; d < 3; ++d)
    for (const char* pol : {"PM2.5", "O3"}) {
      const std::string p = std::string(days[d]) + "," + pol + "," + (std::string(pol) == "O3" ? "mda8_window" : "24h");
      const double hz = 0.2 + 0.1 * d;  // Hangzhou's share grows day by day
      s += p + ",total,all,all,60,1\n";
      s += p + ",hangzhou_transport,hangzhou,transport,6,0.1\n";
      s += p + ",hangzhou_other,hangzhou,other,6,0.1\n";
      s += p + ",hangzhou,hangzhou,all,12," + std::to_string(hz) + "\n";
      s += p + ",zhejiang,zhejiang,all,12,0.2\n";
      s += p + ",outside,outside,all,6,0.1\n";
      s += p + ",transport,all,transport,20,0.3\n";
      s += p + ",other,all,other,20,0.3\n";
      s += p + ",boundary,boundary,all,18," + std::to_string(0.4 - 0.1 * d) + "\n";
      s += p + ",initial,initial,all,3,0.05\n";
      s += p + ",untagged,all,all,3,0.05\n";
    }
  return s;
}

}  // namespace

TEST_CASE("report.html has the attribution section with stacked bars per day", "[products]") {
  const auto dir = test::scratch_dir("report_attribution");
  std::ofstream(dir / "attribution.csv") << attribution_csv();
  auto in = inputs(dir / "products");
  in.attribution_csv = dir / "attribution.csv";
  (void)make_products(in);
  const std::string html = slurp(in.out_dir / "report.html");
  REQUIRE(html.find("<section id=\"attribution\">") != std::string::npos);
  for (const char* id : {"attribution-pm25", "attribution-o3"}) {
    INFO(id);
    const auto a = html.find(std::string("id=\"") + id + "\"");
    REQUIRE(a != std::string::npos);
    CHECK(a > html.find("<section id=\"attribution\">"));
    const std::string svg = html.substr(a, html.find("</svg>", a) - a);
    CHECK(count(svg, "<g class=\"attribution-day\"") == 3);
    for (const char* day : {"2026-01-06", "2026-01-07", "2026-01-08"})
      CHECK(svg.find(std::string("data-day=\"") + day + "\"") != std::string::npos);
    // Regions hangzhou, zhejiang, outside, then boundary, initial, untagged: 6 bars per day.
    CHECK(count(svg, "<rect class=\"share\"") == 3 * 6);
    CHECK(svg.find("hangzhou_transport") == std::string::npos);  // sector rows are not stacked
    CHECK(svg.find("2026-01-08 hangzhou 40 %") != std::string::npos);
    CHECK(svg.find("2026-01-06 boundary 40 %") != std::string::npos);
    // Bar heights: share × 200 px (Hangzhou on day 1: 0.2 → 40 px).
    CHECK(svg.find("height=\"40\" fill=\"#d62728\"><title>2026-01-06 hangzhou") != std::string::npos);
  }
}

TEST_CASE("report.html has no attribution section without attribution.csv", "[products]") {
  const auto dir = test::scratch_dir("report_no_attribution");
  auto in = inputs(dir / "products");
  in.attribution_csv = dir / "missing.csv";
  (void)make_products(in);
  const std::string html = slurp(in.out_dir / "report.html");
  CHECK(html.find("id=\"attribution\"") == std::string::npos);
  CHECK(html.find("id=\"daily-table\"") != std::string::npos);
}
