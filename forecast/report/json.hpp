#pragma once
// Minimal JSON text helpers for the forecast products (alerts.json, products summary).
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace qiantang::forecast {

// A JSON string literal with the RFC 8259 escapes (UTF-8 passed through).
inline std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        o += "\\\"";
        break;
      case '\\':
        o += "\\\\";
        break;
      case '\n':
        o += "\\n";
        break;
      case '\r':
        o += "\\r";
        break;
      case '\t':
        o += "\\t";
        break;
      default:
        if (c < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", unsigned(c));
          o += b;
        } else {
          o += char(c);
        }
    }
  }
  return o + "\"";
}

inline std::string json_int(const std::optional<int>& v) { return v ? std::to_string(*v) : "null"; }

inline std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

}  // namespace qiantang::forecast
