// report.html (one self-contained file: inline CSS and SVG, rasters as base64 PNG) and the PNGs
// for publishing (maps and series without text).
#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <cmath>
#include <limits>
#include <sstream>

#include "forecast/report/html.hpp"
#include "forecast/products.hpp"
#include "forecast/report/png.hpp"

namespace qiantang::forecast {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const Rgb kMissingColour{221, 221, 221};


std::string f1(double v) {
  if (!std::isfinite(v)) return "&ndash;";
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

std::optional<std::chrono::sys_days> parse_day(const std::string& s) {
  const auto t = parse_iso8601(s);
  if (!t) return std::nullopt;
  return std::chrono::floor<std::chrono::days>(*t);
}

// A map normalised to 2-D coordinates.
struct Field {
  int nx = 0, ny = 0;
  std::vector<double> lon, lat, value;
  double lon0 = 0, lon1 = 1, lat0 = 0, lat1 = 1;
  bool ok = false;
};

Field normalise(const DailyMap& m) {
  Field f;
  f.nx = m.nx;
  f.ny = m.ny;
  const std::size_t n = std::size_t(std::max(0, m.nx)) * std::size_t(std::max(0, m.ny));
  if (n == 0 || m.value.size() != n) return f;
  if (m.lon.size() == n && m.lat.size() == n) {
    f.lon = m.lon;
    f.lat = m.lat;
  } else if (m.lon.size() == std::size_t(m.nx) && m.lat.size() == std::size_t(m.ny)) {
    f.lon.resize(n);
    f.lat.resize(n);
    for (int j = 0; j < m.ny; ++j)
      for (int i = 0; i < m.nx; ++i) {
        f.lon[std::size_t(j * m.nx + i)] = m.lon[std::size_t(i)];
        f.lat[std::size_t(j * m.nx + i)] = m.lat[std::size_t(j)];
      }
  } else {
    return f;
  }
  f.value = m.value;
  f.lon0 = *std::min_element(f.lon.begin(), f.lon.end());
  f.lon1 = *std::max_element(f.lon.begin(), f.lon.end());
  f.lat0 = *std::min_element(f.lat.begin(), f.lat.end());
  f.lat1 = *std::max_element(f.lat.begin(), f.lat.end());
  if (f.lon1 <= f.lon0) f.lon1 = f.lon0 + 0.1;
  if (f.lat1 <= f.lat0) f.lat1 = f.lat0 + 0.1;
  // Half a cell margin so edge cells are whole.
  const double dx = (f.lon1 - f.lon0) / std::max(1, f.nx - 1) * 0.5,
               dy = (f.lat1 - f.lat0) / std::max(1, f.ny - 1) * 0.5;
  f.lon0 -= dx;
  f.lon1 += dx;
  f.lat0 -= dy;
  f.lat1 += dy;
  f.ok = true;
  return f;
}

struct Frame {  // equirectangular, x scaled by cos(latitude of the centre)
  double lon0, lon1, lat0, lat1;
  int w, h;
  double x(double lon) const { return (lon - lon0) / (lon1 - lon0) * w; }
  double y(double lat) const { return (lat1 - lat) / (lat1 - lat0) * h; }
};

Frame frame_of(const Field& f, int width) {
  const double c = std::cos(0.5 * (f.lat0 + f.lat1) * M_PI / 180.0);
  const double aspect = (f.lat1 - f.lat0) / ((f.lon1 - f.lon0) * std::max(0.1, c));
  const int h = std::clamp(int(std::lround(width * aspect)), 60, 2 * width);
  return {f.lon0, f.lon1, f.lat0, f.lat1, width, h};
}

Rgb value_colour(double v, AqiMetric m, AqiStandard s) {
  const auto i = iaqi(s, m, v);
  if (!i) return kMissingColour;
  return parse_colour(aqi_category(*i).colour);
}

// Cell quads from the centres: corners are means of the four surrounding (extrapolated) centres.
Image render_field(const Field& f, const Frame& fr, AqiMetric m, AqiStandard s) {
  Image img(fr.w, fr.h, Rgb{245, 245, 245});
  const int nx = f.nx, ny = f.ny;
  auto centre = [&](int i, int j, const std::vector<double>& a) {
    // Linear extrapolation one cell beyond each edge.
    const int ic = std::clamp(i, 0, nx - 1), jc = std::clamp(j, 0, ny - 1);
    double v = a[std::size_t(jc * nx + ic)];
    if (i != ic && nx > 1) {
      const int in = ic == 0 ? 1 : nx - 2;
      v += (v - a[std::size_t(jc * nx + in)]) * std::abs(i - ic);
    }
    if (j != jc && ny > 1) {
      const int jn = jc == 0 ? 1 : ny - 2;
      const int ii = std::clamp(i, 0, nx - 1);
      v += (a[std::size_t(jc * nx + ii)] - a[std::size_t(jn * nx + ii)]) * std::abs(j - jc);
    }
    return v;
  };
  auto corner = [&](int I, int J, const std::vector<double>& a) {
    return 0.25 *
           (centre(I - 1, J - 1, a) + centre(I, J - 1, a) + centre(I - 1, J, a) + centre(I, J, a));
  };
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      double xs[4], ys[4];
      const int ci[4] = {i, i + 1, i + 1, i}, cj[4] = {j, j, j + 1, j + 1};
      for (int k = 0; k < 4; ++k) {
        xs[k] = fr.x(corner(ci[k], cj[k], f.lon));
        ys[k] = fr.y(corner(ci[k], cj[k], f.lat));
      }
      img.fill_convex(xs, ys, 4, value_colour(f.value[std::size_t(j * nx + i)], m, s));
    }
  return img;
}

void draw_overlays_raster(Image& img, const Frame& fr, const std::vector<MapOverlay>& ov) {
  for (const auto& o : ov)
    for (std::size_t k = 1; k < o.lon.size(); ++k)
      img.line(fr.x(o.lon[k - 1]), fr.y(o.lat[k - 1]), fr.x(o.lon[k]), fr.y(o.lat[k]),
               Rgb{60, 60, 60});
}

void draw_stations_raster(Image& img, const Frame& fr, const std::vector<StationInfo>& st) {
  for (const auto& s : st) {
    const int x = int(fr.x(s.lon)), y = int(fr.y(s.lat));
    img.fill_rect(x - 3, y - 3, x + 4, y + 4, Rgb{0, 0, 0});
    img.fill_rect(x - 2, y - 2, x + 3, y + 3,
                  s.background ? Rgb{80, 160, 255} : Rgb{255, 255, 255});
  }
}

std::string map_svg(const DailyMap& m, AqiMetric metric, const std::string& title,
                    const ProductInputs& in) {
  const Field f = normalise(m);
  if (!f.ok)
    return "<p class=\"warn\">Map " + html_escape(title) +
           ": inconsistent field sizes (nx*ny values and 1-D or 2-D lat/lon expected).</p>";
  const auto day = parse_day(m.day + "T00:00:00Z");
  const AqiStandard s = in.config.daily.aqi.standard_for(day ? *day : std::chrono::sys_days{});
  const Frame fr = frame_of(f, 420);
  const Image img = render_field(f, fr, metric, s);
  const int ml = 46, mt = 22, mb = 34;
  const int W = fr.w + ml + 10, H = fr.h + mt + mb;
  std::ostringstream o;
  o << "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\""
    << H << "\" viewBox=\"0 0 " << W << " " << H << "\">";
  o << "<text x=\"" << ml << "\" y=\"15\" class=\"t\">" << html_escape(title) << "</text>";
  o << "<image x=\"" << ml << "\" y=\"" << mt << "\" width=\"" << fr.w << "\" height=\"" << fr.h
    << "\" preserveAspectRatio=\"none\" href=\"data:image/png;base64," << base64(encode_png(img))
    << "\"/>";
  o << "<g transform=\"translate(" << ml << "," << mt << ")\">";
  for (const auto& ov : in.config.overlays) {
    o << "<polyline class=\"ov\" points=\"";
    for (std::size_t k = 0; k < ov.lon.size(); ++k)
      o << num(fr.x(ov.lon[k])) << "," << num(fr.y(ov.lat[k])) << " ";
    o << "\"/>";
  }
  for (const auto& st : in.config.stations) {
    if (st.lon < fr.lon0 || st.lon > fr.lon1 || st.lat < fr.lat0 || st.lat > fr.lat1) continue;
    o << "<circle cx=\"" << num(fr.x(st.lon)) << "\" cy=\"" << num(fr.y(st.lat))
      << "\" r=\"3.5\" class=\"" << (st.background ? "stb" : "st") << "\"><title>"
      << html_escape(st.id + " " + st.name) << "</title></circle>";
  }
  o << "<rect x=\"0\" y=\"0\" width=\"" << fr.w << "\" height=\"" << fr.h << "\" class=\"box\"/>";
  // Ticks: 4 per axis.
  for (int k = 0; k <= 4; ++k) {
    const double lon = fr.lon0 + (fr.lon1 - fr.lon0) * k / 4,
                 lat = fr.lat0 + (fr.lat1 - fr.lat0) * k / 4;
    o << "<text x=\"" << num(fr.x(lon)) << "\" y=\"" << fr.h + 13
      << "\" class=\"ax\" text-anchor=\"middle\">" << num(lon) << "&#176;E</text>";
    o << "<text x=\"-4\" y=\"" << num(fr.y(lat) + 3) << "\" class=\"ax\" text-anchor=\"end\">"
      << num(lat) << "&#176;N</text>";
  }
  o << "</g>";
  // Legend of categories.
  int lx = ml;
  for (const auto& c : aqi_categories()) {
    o << "<rect x=\"" << lx << "\" y=\"" << H - 14 << "\" width=\"10\" height=\"10\" fill=\""
      << c.colour << "\" stroke=\"#333\" stroke-width=\"0.5\"/><text x=\"" << lx + 13 << "\" y=\""
      << H - 5 << "\" class=\"ax\">" << c.name_zh << "</text>";
    lx += 62;
  }
  o << "</svg>";
  return o.str();
}

// Hourly AQI on category bands.
struct SeriesFrame {
  int w = 720, h = 170;
  double ymax = 200;
  std::size_t n = 0;
  double x(std::size_t i) const { return n > 1 ? double(i) / double(n - 1) * w : 0.0; }
  double y(double a) const { return h - std::min(a, ymax) / ymax * h; }
};

SeriesFrame series_frame(const EntityProducts& e) {
  SeriesFrame f;
  f.n = e.hourly_aqi.size();
  int mx = 0;
  for (const auto& a : e.hourly_aqi)
    if (a) mx = std::max(mx, *a);
  for (const auto& d : e.daily)
    if (d.aqi) mx = std::max(mx, *d.aqi);
  f.ymax = std::clamp(std::ceil((mx + 1) / 50.0) * 50.0, 150.0, 500.0);
  return f;
}

const double kBands[7] = {0, 50, 100, 150, 200, 300, 500};

Image series_png(const EntityProducts& e) {
  const SeriesFrame f = series_frame(e);
  Image img(f.w, f.h);
  for (int b = 0; b < 6; ++b) {
    Rgb c = parse_colour(aqi_categories()[std::size_t(b)].colour);
    c = {std::uint8_t(255 - (255 - c.r) * 0.4), std::uint8_t(255 - (255 - c.g) * 0.4),
         std::uint8_t(255 - (255 - c.b) * 0.4)};
    img.fill_rect(0, int(f.y(kBands[b + 1])), f.w, int(f.y(kBands[b])) + 1, c);
  }
  for (std::size_t i = 1; i < e.hourly_aqi.size(); ++i)
    if (e.hourly_aqi[i] && e.hourly_aqi[i - 1])
      img.line(f.x(i - 1), f.y(*e.hourly_aqi[i - 1]), f.x(i), f.y(*e.hourly_aqi[i]),
               Rgb{20, 20, 20}, 2);
  return img;
}

std::string series_svg(const EntityProducts& e, const std::vector<TimePoint>& hours) {
  const SeriesFrame f = series_frame(e);
  const int ml = 40, mt = 20, mb = 22;
  const int W = f.w + ml + 10, H = f.h + mt + mb;
  std::ostringstream o;
  o << "<svg class=\"series\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\""
    << H << "\" viewBox=\"0 0 " << W << " " << H << "\"><text x=\"" << ml
    << "\" y=\"14\" class=\"t\">"
    << html_escape(e.id == "city" ? e.name + " (city mean)" : e.id + " " + e.name)
    << " &#8212; hourly AQI; bars: daily AQI</text>";
  o << "<g transform=\"translate(" << ml << "," << mt << ")\">";
  for (int b = 0; b < 6; ++b) {
    if (kBands[b] >= f.ymax) break;
    const double top = f.y(kBands[b + 1]), bot = f.y(kBands[b]);
    o << "<rect x=\"0\" y=\"" << num(top) << "\" width=\"" << f.w << "\" height=\""
      << num(bot - top) << "\" fill=\"" << aqi_categories()[std::size_t(b)].colour
      << "\" fill-opacity=\"0.35\"/>";
    o << "<text x=\"-4\" y=\"" << num(bot + 3) << "\" class=\"ax\" text-anchor=\"end\">"
      << int(kBands[b]) << "</text>";
  }
  // Hourly AQI polyline, broken at missing hours.
  std::string pts;
  auto flush = [&] {
    if (!pts.empty()) o << "<polyline class=\"ln\" points=\"" << pts << "\"/>";
    pts.clear();
  };
  for (std::size_t i = 0; i < e.hourly_aqi.size(); ++i) {
    if (!e.hourly_aqi[i]) {
      flush();
      continue;
    }
    pts += num(f.x(i)) + "," + num(f.y(*e.hourly_aqi[i])) + " ";
  }
  flush();
  // Daily AQI as a bar over the day's hours, and day ticks.
  for (const auto& d : e.daily) {
    const TimePoint first = TimePoint{d.day} + std::chrono::hours{1} - kBeijingOffset;
    if (hours.empty() || first < hours.front()) continue;
    const std::size_t i0 = std::size_t((first - hours.front()) / std::chrono::hours{1});
    const std::size_t i1 = std::min(i0 + 23, f.n ? f.n - 1 : 0);
    if (d.aqi)
      o << "<line class=\"day\" x1=\"" << num(f.x(i0)) << "\" x2=\"" << num(f.x(i1)) << "\" y1=\""
        << num(f.y(*d.aqi)) << "\" y2=\"" << num(f.y(*d.aqi)) << "\"><title>" << format_date(d.day)
        << " AQI " << *d.aqi << "</title></line>";
    o << "<line class=\"tick\" x1=\"" << num(f.x(i0)) << "\" x2=\"" << num(f.x(i0))
      << "\" y1=\"0\" y2=\"" << f.h << "\"/>";
    o << "<text x=\"" << num(f.x(i0) + 2) << "\" y=\"" << f.h + 14 << "\" class=\"ax\">"
      << format_date(d.day) << "</text>";
  }
  o << "<rect x=\"0\" y=\"0\" width=\"" << f.w << "\" height=\"" << f.h
    << "\" class=\"box\"/></g></svg>";
  return o.str();
}

std::string level_badge(AlertLevel l) {
  if (l == AlertLevel::none) return "<span class=\"lv\">none</span>";
  return std::string("<span class=\"lv\" style=\"background:") + alert_colour(l) + "\">" +
         to_string(l) + " " + to_string_zh(l) + "</span>";
}

std::string aqi_cell(const std::optional<int>& a) {
  if (!a) return "<td class=\"na\">&ndash;</td>";
  const auto& c = aqi_category(*a);
  const bool dark = c.level >= 4;
  return std::string("<td class=\"aqi\" style=\"background:") + c.colour +
         (dark ? ";color:#fff" : "") + "\">" + std::to_string(*a) + "</td>";
}

std::string daily_table(const EntityProducts& e) {
  std::ostringstream o;
  o << "<h3>" << html_escape(e.id == "city" ? e.name + " (city mean)" : e.id + " " + e.name) << "</h3>";
  o << "<table "
       "class=\"daily\"><tr><th>day</th><th>AQI</th><th>category</th><th>primary</th><th>PM2.5 24h "
       "µg/m³</th>"
       "<th>O3 MDA8 µg/m³</th><th>alert AQI</th><th>alert</th><th>standard</th></tr>";
  for (std::size_t i = 0; i < e.daily.size(); ++i) {
    const auto& d = e.daily[i];
    const AlertDay* a = i < e.alerts.days.size() ? &e.alerts.days[i] : nullptr;
    o << "<tr><td>" << format_date(d.day) << "</td>" << aqi_cell(d.aqi) << "<td>"
      << (d.aqi ? std::string(aqi_category(*d.aqi).name_zh) + " " + aqi_category(*d.aqi).name_en
                : "no data")
      << "</td><td>" << (d.primary.empty() ? "&ndash;" : html_escape(d.primary_text())) << "</td><td>"
      << f1(d.conc.pm25_24h) << "</td><td>" << f1(d.conc.o3_mda8) << "</td>"
      << (a ? aqi_cell(a->input.alert_aqi) : "<td></td>") << "<td>"
      << (a ? level_badge(a->level) + (a->o3_advisory ? " O3 advisory" : "") : "") << "</td><td>"
      << to_string(d.standard) << "</td></tr>";
  }
  o << "</table>";
  return o.str();
}

std::string episodes_html(const AlertResult& r) {
  std::ostringstream o;
  if (r.episodes.empty()) return "<p>No heavy-pollution alert and no O3 advisory.</p>";
  o << "<table "
       "class=\"episodes\"><tr><th>type</th><th>level</th><th>from</th><th>to</th><th>driving "
       "pollutant</th>"
       "<th>rule</th><th>alert AQI per day</th></tr>";
  for (const auto& e : r.episodes) {
    o << "<tr><td>" << (e.o3_advisory ? "O3 health advisory" : "heavy-pollution alert")
      << "</td><td>"
      << (e.o3_advisory ? "<span class=\"lv\" style=\"background:#9ecae1\">O3 advisory</span>"
                        : level_badge(e.level))
      << "</td><td>" << format_date(e.start) << "</td><td>" << format_date(e.end) << "</td><td>"
      << html_escape(e.driver) << "</td><td>" << html_escape(e.o3_advisory ? e.rule : e.rule) << "</td><td>";
    for (const auto& d : e.days) {
      const auto v = e.o3_advisory ? d.input.o3_iaqi : d.input.alert_aqi;
      o << format_date(d.input.day).substr(5) << ": " << (v ? std::to_string(*v) : "&ndash;")
        << " ";
    }
    o << "</td></tr>";
  }
  o << "</table>";
  return o.str();
}

const char* kCss =
    "body{font-family:sans-serif;margin:1.5em;color:#222}h1{font-size:1.5em}h2{border-bottom:2px "
    "solid #444;"
    "margin-top:1.6em}table{border-collapse:collapse;margin:0.4em 0 1em}td,th{border:1px solid "
    "#bbb;padding:2px 7px;"
    "font-size:0.9em;text-align:center}th{background:#eee}td.aqi{font-weight:bold}td.na{color:#888}"
    ".lv{padding:1px 6px;border-radius:3px;border:1px solid "
    "#888}.banner{font-size:1.2em;padding:0.5em;"
    "border:2px solid "
    "#444;display:inline-block}.warn{color:#a00}.map,.series{margin:4px;background:#fff}"
    "svg .t{font-size:12px;font-weight:bold}svg .ax{font-size:9px}svg .box{fill:none;stroke:#333}"
    "svg .ov{fill:none;stroke:#333;stroke-width:0.8}svg .st{fill:#fff;stroke:#000}svg "
    ".stb{fill:#50a0ff;stroke:#000}"
    "svg .ln{fill:none;stroke:#111;stroke-width:1.3}svg "
    ".day{stroke:#000;stroke-width:3;stroke-opacity:0.55}"
    "svg .tick{stroke:#666;stroke-dasharray:2,3}";

// Stacked bars per day of each source's share (attribution.csv rows with sector "all").
std::string attribution_svg(const std::filesystem::path& file, const std::string& pollutant) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::vector<std::pair<std::string, double>>> days;
  std::vector<std::string> order;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    if (f.size() < 8 || f[1] != pollutant || f[5] != "all" || f[3] == "total") continue;
    if (f[4] == "all" && f[3] != "untagged") continue;  // sector rows
    days[f[0]].push_back({f[3], std::atof(f[7].c_str())});
    if (std::find(order.begin(), order.end(), f[3]) == order.end()) order.push_back(f[3]);
  }
  if (days.empty()) return "";
  static const char* colours[] = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
                                  "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78"};
  const int w = 60, gap = 20, h = 200, left = 40, top = 10;
  const int width = left + int(days.size()) * (w + gap) + 160;
  std::ostringstream o;
  // id attribution-pm25 / attribution-o3; one <g class="attribution-day"> of stacked <rect class="share"> per day.
  std::string id = "attribution-";
  for (char ch : pollutant)
    if (std::isalnum(static_cast<unsigned char>(ch))) id += char(std::tolower(static_cast<unsigned char>(ch)));
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" << id << "\" width=\"" << width << "\" height=\"" << h + 40
    << "\" role=\"img\"><title>" << pollutant << " share by source</title>";
  int x = left;
  for (const auto& [day, parts] : days) {
    double y = top + h;
    o << "<g class=\"attribution-day\" data-day=\"" << day << "\">";
    for (const auto& [tag, share] : parts) {
      const auto c = std::size_t(std::find(order.begin(), order.end(), tag) - order.begin()) % 12;
      const double bh = std::max(0.0, share) * h;
      y -= bh;
      o << "<rect class=\"share\" x=\"" << x << "\" y=\"" << y << "\" width=\"" << w << "\" height=\"" << bh << "\" fill=\""
        << colours[c] << "\"><title>" << day << " " << tag << " " << std::lround(100 * share) << " %</title></rect>";
    }
    o << "</g><text x=\"" << x + w / 2 << "\" y=\"" << top + h + 15 << "\" font-size=\"10\" text-anchor=\"middle\">"
      << day.substr(5) << "</text>";
    x += w + gap;
  }
  for (int p = 0; p <= 100; p += 25)
    o << "<text x=\"" << left - 4 << "\" y=\"" << top + h - p * h / 100 + 3 << "\" font-size=\"10\" text-anchor=\"end\">"
      << p << "%</text>";
  for (std::size_t n = 0; n < order.size(); ++n)
    o << "<rect x=\"" << x << "\" y=\"" << top + 14 * int(n) << "\" width=\"10\" height=\"10\" fill=\""
      << colours[n % 12] << "\"/><text x=\"" << x + 14 << "\" y=\"" << top + 14 * int(n) + 9
      << "\" font-size=\"11\">" << html_escape(order[n]) << "</text>";
  o << "</svg>";
  return o.str();
}

}  // namespace

std::string report_html(const ForecastProducts& p, const ProductInputs& in) {
  std::ostringstream o;
  const auto& cfg = in.config;
  o << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>"
    << html_escape(cfg.title) << "</title><style>" << kCss << "</style></head><body>\n";
  o << "<h1>" << html_escape(cfg.title) << " &#8212; " << html_escape(p.city.name) << ", "
    << format_date(p.days.front()) << " to " << format_date(p.days.back()) << "</h1>\n";

  // 1. Alert summary.
  const AlertLevel top = p.city.alerts.max_level();
  o << "<section id=\"alert-summary\"><h2>Alert summary</h2>";
  o << "<p class=\"banner\" style=\"background:"
    << (top == AlertLevel::none ? "#e8f5e9" : alert_colour(top)) << "\">"
    << (top == AlertLevel::none
            ? "No heavy-pollution alert for the city"
            : "City: " + to_string(top) + " alert (" + to_string_zh(top) + "预警)")
    << "</p>";
  o << "<h3>" << html_escape(p.city.name) << "</h3>" << episodes_html(p.city.alerts);
  bool any_station = false;
  for (const auto& s : p.stations)
    if (!s.alerts.episodes.empty()) {
      if (!any_station) o << "<h3>Stations</h3>";
      any_station = true;
      o << "<h4>" << html_escape(s.id + " " + s.name) << "</h4>" << episodes_html(s.alerts);
    }
  o << "<pre>" << html_escape(p.alert_summary) << "</pre>";
  for (const auto& w : p.warnings) o << "<p class=\"warn\">" << html_escape(w) << "</p>";
  o << "</section>\n";

  // 2. Daily table.
  o << "<section id=\"daily-table\"><h2>Daily AQI</h2>" << daily_table(p.city);
  for (const auto& s : p.stations) o << daily_table(s);
  o << "</section>\n";

  // 3. Maps.
  o << "<section id=\"maps\"><h2>Maps: daily mean PM2.5 and MDA8 O3</h2>";
  if (in.pm25_maps.empty() && in.o3_mda8_maps.empty()) {
    o << "<p>No map fields were given.</p>";
  } else {
    std::vector<std::string> days;
    for (const auto& m : in.pm25_maps) days.push_back(m.day);
    for (const auto& m : in.o3_mda8_maps)
      if (std::find(days.begin(), days.end(), m.day) == days.end()) days.push_back(m.day);
    std::sort(days.begin(), days.end());
    for (const auto& d : days) {
      o << "<div class=\"mapday\"><h3>" << html_escape(d) << "</h3>";
      for (const auto& m : in.pm25_maps)
        if (m.day == d) o << map_svg(m, AqiMetric::pm25_24h, "PM2.5 24-h mean " + d, in);
      for (const auto& m : in.o3_mda8_maps)
        if (m.day == d) o << map_svg(m, AqiMetric::o3_8h, "O3 MDA8 " + d, in);
      o << "</div>";
    }
  }
  o << "<p>Colours: AQI category of the value (PM2.5 24-h and O3 8-h rows of the day's standard). "
       "Stations: white, "
       "background station blue. "
    << (cfg.overlays.empty()
            ? "Coastline and district boundaries: none drawn (no boundary data configured; "
              "give polygons with [report] overlays)."
            : "Boundaries: " + std::to_string(cfg.overlays.size()) +
                  " configured polylines; coastline only if among them.")
    << "</p></section>\n";

  // 4. Time series.
  o << "<section id=\"time-series\"><h2>Time series</h2>" << series_svg(p.city, p.hours);
  for (const auto& s : p.stations) o << series_svg(s, p.hours);
  o << "</section>\n";

  // 5. Scenario comparison.
  o << "<section id=\"scenario\"><h2>Emergency-control scenario</h2>";
  if (!p.scenario_city) {
    o << "<p>No scenario run" << (p.emergency_scaling.empty() ? " (no alert forecast)." : " yet.")
      << "</p>";
  } else {
    o << "<p>" << html_escape(in.scenario_name)
      << " versus base, city mean.</p><table class=\"scenario\"><tr><th>day</th>"
         "<th>PM2.5 base</th><th>PM2.5 scenario</th><th>&#916;PM2.5</th><th>AQI base</th><th>AQI "
         "scenario</th>"
         "<th>&#916;AQI</th><th>alert base</th><th>alert scenario</th></tr>";
    for (const auto& d : p.scenario)
      o << "<tr><td>" << format_date(d.day) << "</td><td>" << f1(d.base_pm25) << "</td><td>"
        << f1(d.scenario_pm25) << "</td><td>" << f1(d.delta_pm25()) << "</td>"
        << aqi_cell(d.base_aqi) << aqi_cell(d.scenario_aqi) << "<td>"
        << (d.delta_aqi() ? std::to_string(*d.delta_aqi()) : "&ndash;") << "</td><td>"
        << level_badge(d.base_level) << "</td><td>" << level_badge(d.scenario_level)
        << "</td></tr>";
    o << "</table>";
  }
  if (!p.emergency_scaling.empty()) {
    o << "<p>Emission scaling for the alert episodes (emergency_scaling.csv):</p><pre>"
      << html_escape(format_scaling_csv(p.emergency_scaling)) << "</pre>";
  }
  o << "</section>\n";
  if (in.attribution_csv && std::filesystem::exists(*in.attribution_csv)) {
    o << "<section id=\"attribution\"><h2>Source attribution</h2><p>City-mean share of each source region "
         "(tagged tracers, docs/attribution.md): PM2.5 daily mean, O3 over the MDA8 window.</p>";
    for (const char* pol : {"PM2.5", "O3"}) {
      const auto svg = attribution_svg(*in.attribution_csv, pol);
      if (!svg.empty()) o << "<h3>" << pol << "</h3>" << svg;
    }
    o << "</section>\n";
  }
  o << "<footer><p>AQI: HJ 633 (2012 before 2026-03-01, 2026 from then"
    << (cfg.daily.aqi.forced ? "; forced " + to_string(*cfg.daily.aqi.forced) : "")
    << "). Alert rules: yellow " << html_escape(cfg.alerts.yellow.text) << "; orange "
    << html_escape(cfg.alerts.orange.text) << "; red " << html_escape(cfg.alerts.red.text) << "; O3 advisory "
    << html_escape(cfg.alerts.o3_advisory.text) << ". Produced by qiantang.</p></footer>";
  o << "</body></html>\n";
  return o.str();
}

std::vector<std::filesystem::path> write_pngs(const std::filesystem::path& dir,
                                              const ForecastProducts& p, const ProductInputs& in) {
  std::vector<std::filesystem::path> out;
  auto maps = [&](const std::vector<DailyMap>& v, AqiMetric m, const char* prefix) {
    for (const auto& d : v) {
      const Field f = normalise(d);
      if (!f.ok) continue;
      const auto day = parse_day(d.day + "T00:00:00Z");
      const Frame fr = frame_of(f, 600);
      Image img = render_field(
          f, fr, m, in.config.daily.aqi.standard_for(day ? *day : std::chrono::sys_days{}));
      draw_overlays_raster(img, fr, in.config.overlays);
      draw_stations_raster(img, fr, in.config.stations);
      const auto file = dir / (std::string(prefix) + d.day + ".png");
      write_png(file, img);
      out.push_back(file);
    }
  };
  maps(in.pm25_maps, AqiMetric::pm25_24h, "map_pm25_");
  maps(in.o3_mda8_maps, AqiMetric::o3_8h, "map_o3_mda8_");
  write_png(dir / "series_city.png", series_png(p.city));
  out.push_back(dir / "series_city.png");
  for (const auto& s : p.stations) {
    write_png(dir / ("series_" + s.id + ".png"), series_png(s));
    out.push_back(dir / ("series_" + s.id + ".png"));
  }
  (void)kNaN;
  return out;
}

}  // namespace qiantang::forecast
