// Station CSV readers (long and CNEMC wide layouts) and the long writer.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "io/csv/station_csv.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;
using qiantang::io::HourlySeries;

namespace {

TimePoint at(const char* iso) { return *parse_iso8601(iso); }

// Runs `f` and returns the InputError message (fails the test if nothing is thrown).
template <class F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("no InputError thrown");
  return {};
}

}  // namespace

TEST_CASE("long CSV: times with offsets, contiguous hour axis, NaN for missing", "[station_csv]") {
  const std::string text =
      "time,station,pollutant,value\n"
      "2026-01-10T08:00:00+08:00,1223A,PM2.5,35\n"
      "2026-01-10T01:00:00Z,1223A,PM2.5,40.5\n"  // = 09:00 Beijing
      "2026-01-10T11:00:00+08:00,1224A,O3,120\n"
      "2026-01-10T09:00:00+08:00,1224A,CO,\n";  // blank = missing
  const HourlySeries s = io::parse_station_csv(text, "obs.csv");
  REQUIRE(s.size() == 4);  // 08, 09, 10, 11 Beijing
  CHECK(s.hours.front() == at("2026-01-10T00:00:00Z"));
  CHECK(s.hours.back() == at("2026-01-10T03:00:00Z"));
  const auto* pm = s.find("1223A", "PM2.5");
  REQUIRE(pm);
  CHECK((*pm)[0] == 35.0);
  CHECK((*pm)[1] == 40.5);
  CHECK(std::isnan((*pm)[2]));
  const auto* o3 = s.find("1224A", "O3");
  REQUIRE(o3);
  CHECK(std::isnan((*o3)[0]));
  CHECK((*o3)[3] == 120.0);
  CHECK(s.find("1224A", "CO") == nullptr);  // only a blank was given
  CHECK(s.index_of(at("2026-01-10T10:00:00+08:00")) == 2);
}

TEST_CASE("wide CSV: hour h of date D is the hour ending at D h:00 Beijing time", "[station_csv]") {
  const std::string text =
      "\xEF\xBB\xBF"  // UTF-8 byte-order mark as in published files
      "date,hour,type,1223A,1224A,1225A\n"
      "20250101,0,PM2.5,35,40,\n"
      "20250101,0,PM2.5_24h,30,31,32\n"  // derived type: skipped by default
      "20250101,0,AQI,50,55,60\n"
      "20250101,1,PM2.5,36,NA,12\n"
      "20250101,23,O3,80,-,90\n";
  const HourlySeries s = io::parse_station_csv(text, "china_sites_20250101.csv");
  // Hour 0 of 2025-01-01 ends at 2025-01-01 00:00 +08:00 = 2024-12-31 16:00 UTC.
  CHECK(s.hours.front() == at("2024-12-31T16:00:00Z"));
  CHECK(s.hours.back() == at("2025-01-01T23:00:00+08:00"));
  REQUIRE(s.size() == 24);
  CHECK(beijing_day(s.hours.front()) == std::chrono::sys_days{std::chrono::year{2025} / 1 / 1});
  // ... which COMMON.md assigns to Beijing day 2024-12-31 (hours ending in (D 00:00, D+1 00:00]).
  const auto* a = s.find("1223A", "PM2.5");
  REQUIRE(a);
  CHECK((*a)[0] == 35.0);
  CHECK((*a)[1] == 36.0);
  CHECK(std::isnan((*s.find("1224A", "PM2.5"))[1]));
  CHECK((*s.find("1225A", "PM2.5"))[1] == 12.0);
  CHECK((*s.find("1225A", "O3"))[23] == 90.0);
  CHECK(s.find("1224A", "O3") == nullptr);  // only missing values
  CHECK(s.find("1223A", "PM2.5_24h") == nullptr);
  CHECK(s.find("1223A", "AQI") == nullptr);

  io::StationCsvOptions keep;
  keep.keep_other_types = true;
  const HourlySeries all = io::parse_station_csv(text, "x.csv", keep);
  REQUIRE(all.find("1225A", "PM2.5_24h"));
  CHECK((*all.find("1225A", "PM2.5_24h"))[0] == 32.0);
}

TEST_CASE("wide CSV: hour 24 equals hour 0 of the next date; files merge", "[station_csv]") {
  const auto a = io::parse_station_csv("date,hour,type,S1\n20250101,24,PM2.5,10\n", "a.csv");
  const auto b = io::parse_station_csv("date,hour,type,S1\n20250102,0,PM10,20\n", "b.csv");
  REQUIRE(a.size() == 1);
  CHECK(a.hours[0] == b.hours[0]);
  HourlySeries m = a;
  const auto c = io::parse_station_csv("date,hour,type,S1\n20250102,3,PM2.5,7\n", "c.csv");
  io::merge_series(m, b, "b.csv");
  io::merge_series(m, c, "c.csv");
  REQUIRE(m.size() == 4);
  CHECK((*m.find("S1", "PM2.5"))[0] == 10.0);
  CHECK((*m.find("S1", "PM2.5"))[3] == 7.0);
  CHECK((*m.find("S1", "PM10"))[0] == 20.0);
  CHECK(std::isnan((*m.find("S1", "PM10"))[3]));
  const auto again = io::parse_station_csv("date,hour,type,S1\n20250102,0,PM2.5,11\n", "d.csv");
  CHECK_THAT(input_error([&] { io::merge_series(m, again, "d.csv"); }),
             Catch::Contains("d.csv") && Catch::Contains("given twice"));
}

TEST_CASE("long writer round-trips both layouts", "[station_csv]") {
  const std::string wide =
      "date,hour,type,1223A,1225A\n"
      "20260110,8,PM2.5,35.25,\n"
      "20260110,9,CO,0.123456789,1.1\n";
  const HourlySeries s = io::parse_station_csv(wide, "w.csv");
  const std::string text = io::format_long_csv(s);
  CHECK(text ==
        "time,station,pollutant,value\n"
        "2026-01-10T08:00:00+08:00,1223A,PM2.5,35.25\n"
        "2026-01-10T09:00:00+08:00,1223A,CO,0.123456789\n"
        "2026-01-10T09:00:00+08:00,1225A,CO,1.1\n");
  const auto dir = test::scratch_dir("station_csv");
  io::write_long_csv(dir / "stations.csv", s);
  const HourlySeries r = io::read_station_csv(dir / "stations.csv");
  CHECK(io::detect_station_csv_layout(dir / "stations.csv") == io::StationCsvLayout::long_format);
  CHECK(r.hours == s.hours);
  REQUIRE(r.find("1223A", "CO")->size() == 2);
  CHECK(std::isnan((*r.find("1223A", "CO"))[0]));
  CHECK((*r.find("1223A", "CO"))[1] == 0.123456789);  // shortest round-trip form is exact
  CHECK((*r.find("1223A", "PM2.5"))[0] == 35.25);
}

TEST_CASE("malformed station CSVs give file:line, column and expectation", "[station_csv]") {
  using Catch::Contains;
  CHECK_THAT(input_error([] { io::parse_station_csv("t,s,p,v\n", "f.csv"); }),
             Contains("f.csv:1") && Contains("header"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv(
                   "time,station,pollutant,value\n2026-01-10T08:00:00,S,PM2.5,1\n", "f.csv");
             }),
             Contains("f.csv:2") && Contains("time") && Contains("offset"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv(
                   "time,station,pollutant,value\n2026-01-10T08:30:00+08:00,S,PM2.5,1\n", "f.csv");
             }),
             Contains("f.csv:2") && Contains("whole hour"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv(
                   "time,station,pollutant,value\n\n2026-01-10T08:00:00+08:00,S,PM25,1\n", "f.csv");
             }),
             Contains("f.csv:3") && Contains("pollutant") && Contains("PM2.5"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv(
                   "time,station,pollutant,value\n2026-01-10T08:00:00+08:00,S,O3,12x\n", "f.csv");
             }),
             Contains("f.csv:2") && Contains("value") && Contains("12x"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv(
                   "time,station,pollutant,value\n2026-01-10T08:00:00+08:00,S,O3,-3\n", "f.csv");
             }),
             Contains(">= 0"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv(
                   "time,station,pollutant,value\n2026-01-10T08:00:00+08:00,S,O3\n", "f.csv");
             }),
             Contains("f.csv:2") && Contains("4 fields"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv(
                   "time,station,pollutant,value\n2026-01-10T08:00:00+08:00,S,O3,1\n2026-01-10T00:"
                   "00:00Z,S,O3,2\n",
                   "f.csv");
             }),
             Contains("f.csv:3") && Contains("line 2"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv("date,hour,type,A,B\n20250101,1,PM2.5,3\n", "w.csv");
             }),
             Contains("w.csv:2") && Contains("5 fields"));
  CHECK_THAT(input_error(
                 [] { io::parse_station_csv("date,hour,type,A\n20250101,25,PM2.5,3\n", "w.csv"); }),
             Contains("w.csv:2") && Contains("hour"));
  CHECK_THAT(
      input_error([] { io::parse_station_csv("date,hour,type,A\n20250231,2,PM2.5,3\n", "w.csv"); }),
      Contains("w.csv:2") && Contains("date"));
  CHECK_THAT(input_error([] {
               io::parse_station_csv("date,hour,type,A,B\n20250101,2,O3,3,abc\n", "w.csv");
             }),
             Contains("w.csv:2") && Contains("column 5 (B)") && Contains("abc"));
  CHECK_THAT(input_error([] { io::read_station_csv("/nonexistent/obs.csv"); }),
             Contains("/nonexistent/obs.csv"));
}
