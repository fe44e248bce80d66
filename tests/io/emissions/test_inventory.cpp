// Inventory reader: unit conversions against hand-computed values, grid handling (descending
// latitudes, bounds, Lambert x/y) and every bad-input case of issue 3 as an InputError naming
// the file and the variable.
#include <netcdf.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <fstream>

#include "io/emissions/inventory.hpp"
#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;
using Catch::Matchers::Contains;

namespace {

constexpr double kYear = 365.0 * 86400.0;

io::InventoryWriteSpec small_spec() {
  io::InventoryWriteSpec s;
  s.lon = {119.0, 119.5, 120.0};
  s.lat = {29.0, 29.5};
  s.sectors = {"power", "transport"};
  s.fields["SO2"] = {{1, 2, 3, 4, 5, 6}, {0, 0, 0, 0, 0, 10}};
  s.fields["PM25"] = {{1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 2, 2}};
  s.fields["PM10"] = {{2, 2, 2, 2, 2, 2}, {3, 3, 3, 3, 3, 3}};
  s.units["SO2"] = "t/yr";
  s.units["PM25"] = "g/s";
  s.units["PM10"] = "g/s";
  s.year = 2020;
  return s;
}

void nc(int status) { REQUIRE(status == NC_NOERR); }

// A hand-made file: lat/lon with a species variable of the given dims/units/values.
struct RawFile {
  std::vector<double> lat{30.0, 30.5}, lon{120.0, 120.5, 121.0};
  std::vector<std::string> dims{"sector", "lat", "lon"};
  std::string species = "SO2", units = "t/yr";
  std::vector<double> values = std::vector<double>(6, 1.0);
  bool sector_var = true;
  std::vector<std::string> sectors{"industry"};
  bool units_att = true;
};

void write_raw(const std::filesystem::path& p, const RawFile& r) {
  int id = 0, dlat = 0, dlon = 0, ds = 0, dl = 0, v = 0;
  nc(nc_create(p.c_str(), NC_NETCDF4 | NC_CLOBBER, &id));
  nc(nc_def_dim(id, "lat", r.lat.size(), &dlat));
  nc(nc_def_dim(id, "lon", r.lon.size(), &dlon));
  const bool sector_dim = r.sector_var || std::find(r.dims.begin(), r.dims.end(), "sector") != r.dims.end();
  if (sector_dim) {
    nc(nc_def_dim(id, "sector", r.sectors.size(), &ds));
    nc(nc_def_dim(id, "strlen", 16, &dl));
  }
  int vlat = 0, vlon = 0, vs = 0;
  nc(nc_def_var(id, "lat", NC_DOUBLE, 1, &dlat, &vlat));
  nc(nc_def_var(id, "lon", NC_DOUBLE, 1, &dlon, &vlon));
  nc(nc_put_att_text(id, vlat, "units", 13, "degrees_north"));
  nc(nc_put_att_text(id, vlon, "units", 12, "degrees_east"));
  if (r.sector_var) {
    const int sd[2] = {ds, dl};
    nc(nc_def_var(id, "sector", NC_CHAR, 2, sd, &vs));
  }
  std::vector<int> d;
  for (const auto& n : r.dims) d.push_back(n == "lat" ? dlat : n == "lon" ? dlon : ds);
  nc(nc_def_var(id, r.species.c_str(), NC_DOUBLE, int(d.size()), d.data(), &v));
  if (r.units_att) nc(nc_put_att_text(id, v, "units", r.units.size(), r.units.c_str()));
  nc(nc_enddef(id));
  nc(nc_put_var_double(id, vlat, r.lat.data()));
  nc(nc_put_var_double(id, vlon, r.lon.data()));
  if (r.sector_var) {
    std::vector<char> names(16 * r.sectors.size(), '\0');
    for (std::size_t s = 0; s < r.sectors.size(); ++s) std::copy(r.sectors[s].begin(), r.sectors[s].end(), names.begin() + long(16 * s));
    nc(nc_put_var_text(id, vs, names.data()));
  }
  nc(nc_put_var_double(id, v, r.values.data()));
  nc(nc_close(id));
}

// Expects read_inventory to throw an InputError mentioning the file and `what`.
void expect_error(const std::filesystem::path& p, const std::string& what) {
  try {
    (void)io::read_inventory(p);
    FAIL("no error for " << what);
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Contains(p.filename().string()));
    CHECK_THAT(std::string(e.what()), Contains(what));
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
}

}  // namespace

TEST_CASE("unit conversions to kg/s per cell", "[emissions][units]") {
  CHECK(io::parse_emission_units("t/yr", 0, "f", "SO2").factor == Approx(1000.0 / kYear).epsilon(1e-15));
  CHECK(io::parse_emission_units("Mg yr-1", 0, "f", "SO2").factor == Approx(1000.0 / kYear).epsilon(1e-15));
  CHECK(io::parse_emission_units("kg/yr", 0, "f", "SO2").factor == Approx(1.0 / kYear).epsilon(1e-15));
  CHECK(io::parse_emission_units("t/month", 0, "f", "SO2").factor == Approx(12000.0 / kYear).epsilon(1e-15));
  CHECK(io::parse_emission_units("g/s", 0, "f", "SO2").factor == Approx(1e-3).epsilon(1e-15));
  CHECK(io::parse_emission_units("kg s-1", 0, "f", "SO2").factor == 1.0);
  // 1 mol/s of SO2 is 64.066 g/s.
  const auto m = io::parse_emission_units("mol/s", 64.066, "f", "SO2");
  CHECK(m.molar);
  CHECK(m.factor == Approx(0.064066).epsilon(1e-15));
  const auto a = io::parse_emission_units("kg m-2 s-1", 0, "f", "PM25");
  CHECK(a.per_area);
  CHECK(a.factor == 1.0);
  const auto k = io::parse_emission_units("mol km-2 hr-1", 46.0055, "f", "NOX");
  CHECK(k.per_area);
  CHECK(k.factor == Approx(46.0055e-3 * 1e-6 / 3600.0).epsilon(1e-15));
  CHECK_THROWS_AS(io::parse_emission_units("furlongs", 0, "f", "SO2"), InputError);
  CHECK_THROWS_WITH(io::parse_emission_units("mol/s", 0, "f.nc", "VOC"), Contains("f.nc") && Contains("VOC:units"));
  CHECK(io::inventory_molar_mass_g_mol("NOX") == 46.0055);
}

TEST_CASE("a written lat-lon inventory reads back in kg/s", "[emissions][inventory]") {
  const auto dir = test::scratch_dir("emis_inventory");
  const auto spec = small_spec();
  io::write_latlon_inventory(dir / "inv.nc", spec);
  const auto inv = io::read_inventory(dir / "inv.nc");
  CHECK(inv.year == 2020);
  CHECK(inv.sectors == std::vector<std::string>{"power", "transport"});
  CHECK(inv.grid.nx() == 3);
  CHECK(inv.grid.ny() == 2);
  CHECK(inv.grid.x_edges.front() == Approx(118.75));
  CHECK(inv.grid.y_edges.back() == Approx(29.75));
  const auto& so2 = inv.kg_s.at({"power", "SO2"});
  for (std::size_t n = 0; n < 6; ++n) CHECK(so2[n] == Approx(double(n + 1) * 1000.0 / kYear).epsilon(1e-14));
  CHECK(inv.kg_s.at({"transport", "PM25"})[3] == Approx(2e-3).epsilon(1e-14));
  CHECK(inv.species() == std::vector<std::string>{"SO2", "PM25", "PM10"});
  // Spherical cell area R² Δλ (sin φn − sin φs).
  const double R = constants::earth_radius_m, rad = constants::pi / 180.0;
  CHECK(inv.grid.cell_area_m2(0, 0) ==
        Approx(R * R * 0.5 * rad * (std::sin(29.25 * rad) - std::sin(28.75 * rad))).epsilon(1e-14));
}

TEST_CASE("area fluxes, descending latitudes and 2-D per-sector fields", "[emissions][inventory]") {
  const auto dir = test::scratch_dir("emis_inventory_flux");
  RawFile r;
  r.lat = {30.5, 30.0};  // north to south
  r.dims = {"lat", "lon"};
  r.sector_var = false;
  r.units = "kg m-2 s-1";
  r.values = {1, 2, 3, 4, 5, 6};
  write_raw(dir / "flux.nc", r);
  // A 2-D field needs a sector attribute: without it the file is rejected.
  expect_error(dir / "flux.nc", "sector");
  int id = 0, v = 0;
  nc(nc_open((dir / "flux.nc").c_str(), NC_WRITE, &id));
  nc(nc_inq_varid(id, "SO2", &v));
  nc(nc_redef(id));
  nc(nc_put_att_text(id, v, "sector", 5, "power"));
  nc(nc_close(id));
  const auto inv = io::read_inventory(dir / "flux.nc");
  const auto& f = inv.kg_s.at({"power", "SO2"});
  // Row 0 is now the southern row (lat 30.0), which held values 4, 5, 6.
  CHECK(f[0] == Approx(4.0 * inv.grid.cell_area_m2(0, 0)).epsilon(1e-14));
  CHECK(f[5] == Approx(3.0 * inv.grid.cell_area_m2(2, 1)).epsilon(1e-14));
  CHECK(inv.grid.y_edges.front() == Approx(29.75));
}

TEST_CASE("projected Lambert inventory coordinates round-trip through latitude/longitude", "[emissions][inventory]") {
  io::InventoryGrid g;
  g.projected = true;
  g.projection.kind = grid::ProjectionKind::lambert_conformal;
  g.projection.truelat1_deg = 25.0;
  g.projection.truelat2_deg = 40.0;
  g.projection.stand_lon_deg = 110.0;
  g.origin_lat_deg = 34.0;
  g.origin_lon_deg = 110.0;
  double x = 0, y = 0, lat = 0, lon = 0;
  g.from_latlon(34.0, 110.0, x, y);
  CHECK(std::abs(x) < 1e-6);
  CHECK(std::abs(y) < 1e-6);
  g.from_latlon(30.25, 120.17, x, y);
  CHECK(x > 900e3);  // Hangzhou is about 1000 km east of the central meridian
  g.to_latlon(x, y, lat, lon);
  CHECK(lat == Approx(30.25).epsilon(1e-12));
  CHECK(lon == Approx(120.17).epsilon(1e-12));
}

TEST_CASE("bad inventories are input errors naming file and variable", "[emissions][inventory][bad-input]") {
  const auto dir = test::scratch_dir("emis_inventory_bad");
  SECTION("missing file") { expect_error(dir / "absent.nc", "absent.nc"); }
  SECTION("not NetCDF / truncated") {
    io::write_latlon_inventory(dir / "good.nc", small_spec());
    const auto size = std::filesystem::file_size(dir / "good.nc");
    std::filesystem::copy_file(dir / "good.nc", dir / "trunc.nc");
    std::filesystem::resize_file(dir / "trunc.nc", size / 3);
    expect_error(dir / "trunc.nc", "NetCDF");
    std::ofstream(dir / "text.nc") << "lon,lat,SO2\n";
    expect_error(dir / "text.nc", "NetCDF");
  }
  SECTION("missing species variable") {
    RawFile r;
    r.species = "XYZ";
    write_raw(dir / "nospecies.nc", r);
    expect_error(dir / "nospecies.nc", "at least one inventory species");
  }
  SECTION("wrong dimension order") {
    RawFile r;
    r.dims = {"sector", "lon", "lat"};
    write_raw(dir / "order.nc", r);
    expect_error(dir / "order.nc", "SO2");
    expect_error(dir / "order.nc", "dimensions (sector, lat, lon)");
  }
  SECTION("missing or unknown units") {
    RawFile r;
    r.units = "tonnes per fortnight";
    write_raw(dir / "units.nc", r);
    expect_error(dir / "units.nc", "SO2:units");
    r.units_att = false;
    write_raw(dir / "nounits.nc", r);
    expect_error(dir / "nounits.nc", "SO2:units");
  }
  SECTION("NaN, Inf and negative values") {
    RawFile r;
    r.values[4] = std::nan("");
    write_raw(dir / "nan.nc", r);
    expect_error(dir / "nan.nc", "finite emissions");
    r.values[4] = INFINITY;
    write_raw(dir / "inf.nc", r);
    expect_error(dir / "inf.nc", "finite emissions");
    r.values[4] = -1.0;
    write_raw(dir / "neg.nc", r);
    expect_error(dir / "neg.nc", "non-negative emissions");
    expect_error(dir / "neg.nc", "lat index 1, lon index 1");
  }
  SECTION("sector names missing or repeated") {
    RawFile r;
    r.sector_var = false;
    write_raw(dir / "nosector.nc", r);
    expect_error(dir / "nosector.nc", "sector");
    RawFile d;
    d.sectors = {"power", "power"};
    d.values.assign(12, 1.0);
    write_raw(dir / "dup.nc", d);
    expect_error(dir / "dup.nc", "each sector once");
  }
  SECTION("non-monotonic coordinates") {
    RawFile r;
    r.lon = {120.0, 121.0, 120.5};
    write_raw(dir / "mono.nc", r);
    expect_error(dir / "mono.nc", "monotonic");
  }
  SECTION("PM10 smaller than PM25") {
    auto s = small_spec();
    s.fields["PM10"][0][2] = 0.5;
    io::write_latlon_inventory(dir / "pm.nc", s);
    expect_error(dir / "pm.nc", "PM10");
  }
}
