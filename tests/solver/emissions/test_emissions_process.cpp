// The emissions process end to end on 1 or more ranks: an inventory written in the documented
// format is regridded, speciated, allocated and added to the tracers, and the emitted mass in
// the budget equals the inventory total × Δt (with the speciation's molar-mass ratios), layer
// by layer as the vertical profile says; scaling by region and time window, temporal
// profiles, biogenic isoprene at standard conditions, and the totals report.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "solver/common/constants.hpp"
#include "solver/common/errors.hpp"
#include "solver/driver/budget.hpp"
#include "solver/driver/met_tile.hpp"
#include "solver/driver/model_state.hpp"
#include "solver/emissions/biogenic.hpp"
#include "solver/emissions/emission_process.hpp"
#include "solver/emissions/regrid.hpp"
#include "solver/parallel/environment.hpp"
#include "tests/test_support.hpp"

using namespace qiantang;
using namespace qiantang::emissions;

namespace {

constexpr int kNx = 12, kNy = 10, kNz = 4;
constexpr double kDt = 600.0, kYear = 365.0 * 86400.0;

grid::HorizontalGrid model_grid() {
  grid::Projection p;
  p.kind = grid::ProjectionKind::lambert_conformal;
  p.truelat1_deg = 25.0;
  p.truelat2_deg = 40.0;
  p.stand_lon_deg = 120.0;
  return grid::HorizontalGrid::centred(p, kNx, kNy, 9000.0, 9000.0, 30.25, 120.17);
}

bool fully_inside(const grid::HorizontalGrid& m, double w, double e, double s, double n) {
  for (int a = 0; a <= 8; ++a)
    for (int b = 0; b <= 8; ++b) {
      double x = 0, y = 0;
      model_plane(m, s + (n - s) * b / 8.0, w + (e - w) * a / 8.0, x, y);
      if (x <= m.x(-0.5) || x >= m.x(m.nx() - 0.5) || y <= m.y(-0.5) || y >= m.y(m.ny() - 0.5)) return false;
    }
  return true;
}

struct Setup {
  grid::HorizontalGrid g = model_grid();
  parallel::Decomposition d = parallel::Decomposition::create(kNx, kNy, parallel::Environment::world_size(),
                                                              parallel::Environment::world_rank(), 1);
  parallel::Communicator comm{d};
  std::filesystem::path dir;
  std::map<std::string, double> total_kg_s;  // inventory species -> domain total (kg/s), all sectors
  std::map<std::string, double> power_kg_s;  // power sector only

  explicit Setup(const std::string& name) {
    dir = std::filesystem::temp_directory_path() / ("qiantang_test_" + name);
    io::InventoryWriteSpec s;
    for (int i = 0; i < 70; ++i) s.lon.push_back(118.5 + 0.05 * (i + 0.5));
    for (int j = 0; j < 50; ++j) s.lat.push_back(29.0 + 0.05 * (j + 0.5));
    s.sectors = {"power", "industry"};
    for (const char* sp : {"SO2", "NOX", "PM25", "PM10", "VOC"}) s.fields[sp].assign(2, std::vector<double>(70 * 50, 0.0));
    for (int j = 0; j < 50; ++j)
      for (int i = 0; i < 70; ++i) {
        if (!fully_inside(g, 118.5 + 0.05 * i, 118.5 + 0.05 * (i + 1), 29.0 + 0.05 * j, 29.0 + 0.05 * (j + 1))) continue;
        const std::size_t n = std::size_t(j * 70 + i);
        const double v = 1.0 + double((n * 37) % 11);  // t/yr
        s.fields["SO2"][0][n] = v;
        s.fields["NOX"][0][n] = 2 * v;
        s.fields["NOX"][1][n] = 3 * v;
        s.fields["PM25"][1][n] = v;
        s.fields["PM10"][1][n] = 1.5 * v;
        s.fields["VOC"][1][n] = 4 * v;
      }
    for (auto& [sp, sectors] : s.fields) {
      s.units[sp] = "t/yr";
      for (std::size_t sec = 0; sec < 2; ++sec)
        for (double v : sectors[sec]) {
          total_kg_s[sp] += v * 1000.0 / kYear;
          if (sec == 0) power_kg_s[sp] += v * 1000.0 / kYear;
        }
    }
    if (comm.is_root()) {
      std::filesystem::remove_all(dir);
      std::filesystem::create_directories(dir);
      io::write_latlon_inventory(dir / "inventory.nc", s);
      write("speciation.csv",
            "sector,inventory_species,model_species,fraction,basis\n"
            "*,SO2,SO2,1.0,mole\n*,NOX,NO,0.9,mole\n*,NOX,NO2,0.1,mole\n"
            "*,PM25,AOTHR,0.7,mass\n*,PM25,ASO4,0.3,mass\n*,PMC,ACORS,1.0,mass\n"
            "*,VOC,PAR,0.6,mass\n*,VOC,TOL,0.3,mass\n*,VOC,BENZENE,0.1,mass\n");
      write("vertical.csv", "sector,layer_top_m,fraction\npower,100,0.3\npower,600,0.7\n");
    }
    comm.barrier();
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
  Settings settings() const {
    Settings s;
    s.inventory = {dir / "inventory.nc"};
    s.speciation = dir / "speciation.csv";
    s.vertical_profiles = dir / "vertical.csv";
    return s;
  }
};

struct Run {
  solver::ModelState state;
  solver::MetTile met;
  std::unique_ptr<solver::Budget> budget;
  std::unique_ptr<EmissionsProcess> process;
  std::vector<std::string> names;

  Run(const Setup& u, const Settings& s, TimePoint t) : state(Extents{u.d.nx, u.d.ny, kNz, 1}) {
    auto gas = [&](const char* n, double mw) { state.tracers.add(FieldInfo{n, "mol/mol", Phase::gas, mw, n, ""}); };
    auto aer = [&](const char* n) { state.tracers.add(FieldInfo{n, "kg/kg", Phase::aerosol, 0.0, n, ""}); };
    gas("SO2", 64.066);
    gas("NO", 30.006);
    gas("NO2", 46.0055);
    gas("PAR", 72.15);
    gas("TOL", 92.14);
    gas("ISOP", 68.117);
    aer("AOTHR");
    aer("ASO4");
    aer("ACORS");
    for (int n = 0; n < state.tracers.size(); ++n) names.push_back(state.tracers.info(n).name);
    budget = std::make_unique<solver::Budget>(names);
    met.allocate(Extents{u.d.nx, u.d.ny, kNz, 1});
    const double zi[kNz + 1] = {0.0, 50.0, 200.0, 600.0, 1500.0};
    for (int j = 0; j < u.d.ny; ++j)
      for (int i = 0; i < u.d.nx; ++i) {
        for (int k = 0; k <= kNz; ++k) met.z_interface_m(k, j, i) = zi[k];
        for (int k = 0; k < kNz; ++k) met.air_mass_kg(k, j, i) = 1e10 * (1.0 + 0.1 * k);
        met.cell_area_m2(0, j, i) = u.g.cell_area_m2(u.d.i0 + i, u.d.j0 + j);
        met.t2_K(0, j, i) = 303.0;
        met.shortwave_down_W_m2(0, j, i) = 1000.0 / kParPerShortwave;
        met.land_use_category(0, j, i) = (i + j) % 2 == 0 ? 4.0 : 17.0;  // deciduous broadleaf / water
      }
    process = std::make_unique<EmissionsProcess>(s, u.g, u.d, state.tracers, [this](int n) { return ratio(n); });
    solver::StepContext ctx;
    ctx.time = t;
    ctx.dt_s = kDt;
    ctx.met_start = ctx.met_end = &met;
    ctx.comm = &u.comm;
    ctx.budget = budget.get();
    process->run(state, ctx);
  }
  double ratio(int n) const {
    const double mw = state.tracers.info(n).molar_mass_g_mol;
    return mw > 0 ? mw / (1000.0 * constants::molar_mass_air_kg_mol) : 1.0;
  }
  int index(const std::string& n) const { return *state.tracers.index(n); }
  double emitted(const Setup& u, const std::string& n) const {
    return u.comm.sum_ordered(budget->local(std::size_t(index(n))).emitted_kg);
  }
  // Tracer mass added in layer k (kg, budget convention), summed over ranks.
  double layer_mass(const Setup& u, const std::string& n, int k) const {
    double m = 0.0;
    for (int j = 0; j < u.d.ny; ++j)
      for (int i = 0; i < u.d.nx; ++i) m += state.tracers[index(n)](k, j, i) * met.air_mass_kg(k, j, i) * ratio(index(n));
    return u.comm.sum_ordered(m);
  }
};

const TimePoint kT0 = *parse_iso8601("2026-01-12T00:00:00Z");  // Monday 08:00 Beijing time

}  // namespace

TEST_CASE("emitted mass in the budget equals inventory total x dt", "[emissions][process]") {
  const Setup u("emis_process");
  auto s = u.settings();
  s.report_dir = u.dir / "out";
  s.run_start = kT0;
  s.run_end = kT0 + Seconds(600);
  const Run r(u, s, kT0);
  const double so2 = u.total_kg_s.at("SO2") * kDt;
  REQUIRE(so2 > 0);
  CHECK(r.emitted(u, "SO2") == Approx(so2).epsilon(1e-9));
  // NOx (as NO2 mass) -> 0.9 mol NO + 0.1 mol NO2 per mol.
  const double nox_mol = u.total_kg_s.at("NOX") * kDt / 0.0460055;
  CHECK(r.emitted(u, "NO") == Approx(0.9 * nox_mol * 0.030006).epsilon(1e-9));
  CHECK(r.emitted(u, "NO2") == Approx(0.1 * nox_mol * 0.0460055).epsilon(1e-9));
  // PM2.5 split by mass, coarse = PM10 − PM2.5.
  CHECK(r.emitted(u, "AOTHR") + r.emitted(u, "ASO4") == Approx(u.total_kg_s.at("PM25") * kDt).epsilon(1e-9));
  CHECK(r.emitted(u, "ASO4") == Approx(0.3 * u.total_kg_s.at("PM25") * kDt).epsilon(1e-9));
  CHECK(r.emitted(u, "ACORS") == Approx((u.total_kg_s.at("PM10") - u.total_kg_s.at("PM25")) * kDt).epsilon(1e-9));
  // VOC on a mass basis: PAR + TOL carry 0.9 of the mass (BENZENE is not in this run).
  CHECK(r.emitted(u, "PAR") + r.emitted(u, "TOL") == Approx(0.9 * u.total_kg_s.at("VOC") * kDt).epsilon(1e-9));
  // The tracers hold exactly what the budget says, SO2 (power only) by the vertical profile:
  // layers [0,50], [50,200], [200,600], [600,1500] m get 0.15, 0.29, 0.56, 0.
  double held = 0.0;
  for (int k = 0; k < kNz; ++k) held += r.layer_mass(u, "SO2", k);
  CHECK(held == Approx(r.emitted(u, "SO2")).epsilon(1e-12));
  CHECK(r.layer_mass(u, "SO2", 0) == Approx(0.15 * so2).epsilon(1e-9));
  CHECK(r.layer_mass(u, "SO2", 1) == Approx(0.29 * so2).epsilon(1e-9));
  CHECK(r.layer_mass(u, "SO2", 2) == Approx(0.56 * so2).epsilon(1e-9));
  CHECK(r.layer_mass(u, "SO2", 3) == 0.0);
  // Aerosols of the industry sector stay in the lowest layer.
  CHECK(r.layer_mass(u, "AOTHR", 0) == Approx(r.emitted(u, "AOTHR")).epsilon(1e-12));

  // The report (written at run end) has the per-sector and total lines.
  if (u.comm.is_root()) {
    std::ifstream in(u.dir / "out" / "emissions_totals.csv");
    REQUIRE(in);
    std::string line;
    std::getline(in, line);
    CHECK(line == "start,end,sector,species,emitted_kg");
    std::map<std::string, double> got;
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      std::vector<std::string> f;
      std::string x;
      while (std::getline(ss, x, ',')) f.push_back(x);
      REQUIRE(f.size() == 5);
      CHECK(f[0] == "2026-01-12T00:00:00Z");
      CHECK(f[1] == "2026-01-12T00:10:00Z");
      got[f[2] + "/" + f[3]] = std::stod(f[4]);
    }
    CHECK(got.at("all/SO2") == Approx(so2).epsilon(1e-9));
    CHECK(got.at("power/SO2") == Approx(so2).epsilon(1e-9));
    CHECK(got.at("power/NO") + got.at("industry/NO") == Approx(got.at("all/NO")).epsilon(1e-12));
    CHECK(got.at("power/NO") == Approx(0.9 * u.power_kg_s.at("NOX") * kDt / 0.0460055 * 0.030006).epsilon(1e-9));
    CHECK(got.count("power/AOTHR") == 0);
  }
}

TEST_CASE("temporal profile and scaling table change the emission", "[emissions][process]") {
  const Setup u("emis_process_scaling");
  SECTION("hour profile in Beijing time") {
    if (u.comm.is_root()) {
      std::string t = "sector,kind,index,fraction\n";
      for (int h = 0; h < 24; ++h) t += "power,hour," + std::to_string(h) + "," + (h == 8 ? "0.1" : std::to_string(0.9 / 23.0)) + "\n";
      u.write("temporal.csv", t);
    }
    u.comm.barrier();
    auto s = u.settings();
    s.temporal_profiles = u.dir / "temporal.csv";
    const Run r(u, s, kT0);  // 08:00–08:10 Beijing time: factor 24 × 0.1 / (sum of the fractions as written)
    const double sum = 0.1 + 23.0 * std::stod(std::to_string(0.9 / 23.0));
    CHECK(r.emitted(u, "SO2") == Approx(24.0 * 0.1 / sum * u.total_kg_s.at("SO2") * kDt).epsilon(1e-9));
  }
  SECTION("region and time window") {
    if (u.comm.is_root()) {
      u.write("regions.csv", "region,part,lon,lat\nwest,1,110,20\nwest,1,120.17,20\nwest,1,120.17,40\nwest,1,110,40\n");
      u.write("scaling.csv",
              "sector,species,region,factor,start,end\n"
              "industry,all,west,0,2026-01-12T08:00:00+08:00,2026-01-12T09:00:00+08:00\n"
              "power,NOX,all,0.5,,\n");
    }
    u.comm.barrier();
    auto s = u.settings();
    s.scaling = u.dir / "scaling.csv";
    s.regions = u.dir / "regions.csv";
    const Run r(u, s, kT0);
    // Industry NOX east of 120.17 E only (cell centres), power NOX halved.
    const auto* ind = r.process->sources().tile_field("industry", "NOX");
    REQUIRE(ind);
    double east = 0.0, all = 0.0;
    for (int j = 0; j < u.d.ny; ++j)
      for (int i = 0; i < u.d.nx; ++i) {
        double lat = 0, lon = 0;
        u.g.latlon(u.d.i0 + i, u.d.j0 + j, lat, lon);
        const double v = (*ind)[std::size_t(j * u.d.nx + i)];
        all += v;
        if (lon >= 120.17) east += v;
      }
    east = u.comm.sum_ordered(east);
    all = u.comm.sum_ordered(all);
    CHECK(east > 0.2 * all);
    CHECK(east < 0.8 * all);
    const double mol = (0.5 * u.power_kg_s.at("NOX") * kDt + east * kDt) / 0.0460055;
    CHECK(r.emitted(u, "NO") == Approx(0.9 * mol * 0.030006).epsilon(1e-9));
    // Outside the window only the power row applies.
    const Run later(u, s, kT0 + std::chrono::hours(1));
    const double mol2 = (0.5 * u.power_kg_s.at("NOX") + all) * kDt / 0.0460055;
    CHECK(later.emitted(u, "NO") == Approx(0.9 * mol2 * 0.030006).epsilon(1e-9));
  }
  SECTION("bad scaling region and impossible speciation are input errors") {
    if (u.comm.is_root()) {
      u.write("badscaling.csv", "sector,species,region,factor\nindustry,all,nowhere,0.5\n");
      u.write("badspec.csv", "sector,inventory_species,model_species,fraction,basis\n*,PM25,ASO4,1.0,mole\n");
    }
    u.comm.barrier();
    auto s = u.settings();
    s.scaling = u.dir / "badscaling.csv";
    CHECK_THROWS_WITH(Run(u, s, kT0), Catch::Matchers::Contains("badscaling.csv:2") && Catch::Matchers::Contains("region"));
    auto s2 = u.settings();
    s2.speciation = u.dir / "badspec.csv";
    CHECK_THROWS_WITH(Run(u, s2, kT0), Catch::Matchers::Contains("badspec.csv:2") && Catch::Matchers::Contains("ASO4"));
  }
}

TEST_CASE("biogenic isoprene at standard conditions equals the emission factor", "[emissions][process][biogenic]") {
  const Setup u("emis_process_bio");
  if (u.comm.is_root())
    u.write("bio.csv", "category,name,isoprene_ug_m2_h,monoterpene_ug_m2_h\n4,Deciduous Broadleaf Forest,10000,990\n17,Water,0,0\n");
  u.comm.barrier();
  Settings s;
  s.biogenic = true;
  s.biogenic_factors = u.dir / "bio.csv";
  const Run r(u, s, kT0);
  // 303 K and PAR 1000: E = EF = 10000 µg m-2 h-1 on the forest cells.
  double area = 0.0;
  for (int j = 0; j < u.d.ny; ++j)
    for (int i = 0; i < u.d.nx; ++i)
      if ((i + j) % 2 == 0) area += u.g.cell_area_m2(u.d.i0 + i, u.d.j0 + j);
  area = u.comm.sum_ordered(area);
  CHECK(r.emitted(u, "ISOP") == Approx(10000e-9 / 3600.0 * area * kDt).epsilon(1e-12));
  CHECK(r.emitted(u, "SO2") == 0.0);
}
