#pragma once
// Time in Qiantang: UTC internally as std::chrono::sys_seconds; ISO-8601 text in configs and
// file attributes; air-quality days are Beijing-time (UTC+8) calendar days (STYLE.md habit 13).
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace qiantang {

using TimePoint = std::chrono::sys_seconds;
using Seconds = std::chrono::seconds;
inline constexpr std::chrono::hours kBeijingOffset{8};

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS][Z]", "YYYY-MM-DD HH:MM:SS" and WRF's
// "YYYY-MM-DD_HH:MM:SS". A trailing "+08:00" offset is honoured. Returns nullopt when malformed.
inline std::optional<TimePoint> parse_iso8601(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  if (!digits(0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' ||
      !digits(8, 2, d))
    return std::nullopt;
  std::size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == '_' || s[pos] == ' ')) {
    if (!digits(pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(pos + 1, 2, se)) return std::nullopt;
      pos += 3;
    }
  }
  int offset_minutes = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      pos += 1;
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
      int oh = 0, om = 0;
      if (!digits(pos + 1, 2, oh) || !digits(pos + 4, 2, om)) return std::nullopt;
      offset_minutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
      pos = s.size();
    } else {
      return std::nullopt;
    }
  }
  if (pos != s.size() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(mo)},
                                        std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return TimePoint{std::chrono::sys_days{ymd}} + std::chrono::hours{h} +
         std::chrono::minutes{mi - offset_minutes} + std::chrono::seconds{se};
}

// "YYYY-MM-DDTHH:MM:SSZ"
inline std::string format_iso8601(TimePoint t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

// "YYYYMMDD" of the UTC day (file names).
inline std::string format_yyyymmdd(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

// "YYYY-MM-DD"
inline std::string format_date(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

// The Beijing-time calendar day a UTC instant falls in (as a sys_days label).
inline std::chrono::sys_days beijing_day(TimePoint t) {
  return std::chrono::floor<std::chrono::days>(t + kBeijingOffset);
}

// Hour of day 0..23 in Beijing time.
inline int beijing_hour(TimePoint t) {
  const auto local = t + kBeijingOffset;
  return int((local - std::chrono::floor<std::chrono::days>(local)) / std::chrono::hours{1});
}

}  // namespace qiantang
