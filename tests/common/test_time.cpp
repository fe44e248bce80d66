#include <catch2/catch.hpp>

#include "solver/common/time.hpp"

using namespace qiantang;
using namespace std::chrono;

TEST_CASE("ISO-8601 parsing accepts the forms configs and WRF use", "[unit][time]") {
  const auto t = parse_iso8601("2024-12-31T04:00:00Z");
  REQUIRE(t);
  CHECK(format_iso8601(*t) == "2024-12-31T04:00:00Z");
  CHECK(parse_iso8601("2024-12-31_04:00:00") == t);
  CHECK(parse_iso8601("2024-12-31 04:00:00") == t);
  CHECK(parse_iso8601("2024-12-31T12:00:00+08:00") == t);
  CHECK(parse_iso8601("2024-12-31T04:00") == t);
  CHECK(format_iso8601(*parse_iso8601("2024-02-29")) == "2024-02-29T00:00:00Z");
}

TEST_CASE("ISO-8601 parsing rejects malformed text", "[unit][time]") {
  CHECK_FALSE(parse_iso8601(""));
  CHECK_FALSE(parse_iso8601("2023-02-29"));     // not a leap year
  CHECK_FALSE(parse_iso8601("2024-13-01"));
  CHECK_FALSE(parse_iso8601("2024-12-31T25:00"));
  CHECK_FALSE(parse_iso8601("2024-12-31T04:00:00Zjunk"));
  CHECK_FALSE(parse_iso8601("24-12-31"));
}

TEST_CASE("Beijing-time days start at 16 UTC of the previous UTC day", "[unit][time]") {
  const auto t = *parse_iso8601("2024-12-31T16:00:00Z");  // 2025-01-01 00:00 Beijing
  CHECK(format_date(beijing_day(t)) == "2025-01-01");
  CHECK(beijing_hour(t) == 0);
  const auto before = t - seconds{1};
  CHECK(format_date(beijing_day(before)) == "2024-12-31");
  CHECK(beijing_hour(before) == 23);
  CHECK(format_yyyymmdd(floor<days>(t)) == "20241231");
}
