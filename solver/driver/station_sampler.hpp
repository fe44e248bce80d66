#pragma once
// Station time series: the surface-layer concentrations of the HJ 633 pollutants at each
// station, bilinear in the grid's projection coordinates, averaged over every output hour
// (time-weighted over the steps that end in it), in the units the AQI uses: particles µg/m³ at
// local temperature and pressure, gases µg/m³ at the 298.15 K / 1013.25 hPa reference state of
// GB 3095—2012 Amendment 1 (CO mg/m³). PM2.5 and PM10 are dry-mass sums of the aerosol
// tracers named in the config.
//
// Each corner of a station's interpolation square lives on exactly one rank; every rank fills
// the corners it owns and zeros elsewhere, so the sum over ranks is exact and the series does
// not depend on the rank count.
#include <array>
#include <string>
#include <vector>

#include "io/csv/station_csv.hpp"
#include "io/output/station_list.hpp"
#include "solver/driver/met_tile.hpp"
#include "solver/fields/field_registry.hpp"
#include "solver/grid/horizontal_grid.hpp"
#include "solver/parallel/communicator.hpp"

namespace qiantang::solver {

struct StationPollutant {
  std::string name;                  // "PM2.5", "O3", ...
  std::vector<int> tracers;          // summed
  bool aerosol = false;
  double molar_mass_g_mol = 0.0;     // gases
  double scale = 1.0;                // 1e-3 for CO (mg/m³)
};

// The pollutants that the tracers allow: O3, NO2, SO2, CO when present; PM2.5 from
// `pm25_species`, PM10 from those plus `coarse_species` (when either list is non-empty).
std::vector<StationPollutant> station_pollutants(const FieldRegistry& tracers, const std::vector<int>& pm25_species,
                                                 const std::vector<int>& coarse_species);

class StationSampler {
 public:
  // Throws InputError naming `list_file` for a station outside the domain.
  StationSampler(std::vector<io::Station> stations, const grid::HorizontalGrid& grid,
                 std::vector<StationPollutant> pollutants, const std::string& list_file);

  // Adds the state at a step's end, weighted by the step length (collective).
  void accumulate(const FieldRegistry& tracers, const MetTile& met, const parallel::Communicator& comm, double dt_s);
  // Ends the averaging interval at `end` and stores its means in `out` (root only).
  void close_interval(TimePoint end, io::HourlySeries& out);
  const std::vector<io::Station>& stations() const { return stations_; }

 private:
  struct Corner {
    int i = 0, j = 0;
    double w = 0.0;
  };
  std::vector<io::Station> stations_;
  std::vector<StationPollutant> pollutants_;
  std::vector<std::array<Corner, 4>> corners_;
  std::vector<double> sum_;  // [station][pollutant], dt-weighted
  double seconds_ = 0.0;
};

}  // namespace qiantang::solver
