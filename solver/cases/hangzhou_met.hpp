#pragma once
// Idealised meteorology of the Hangzhou case (docs/hangzhou-case.md, "Meteorology"). A
// synoptic scenario (fronts, anticyclonic stagnation, subtropical high) sets, at every place
// and time, the geostrophic wind, sea-level pressure, free-atmosphere temperature, stability,
// cloud, rain and humidity. The boundary layer is marched in time per column: mixed-layer
// growth by encroachment from the surface heat flux, collapse at sunset, a nocturnal surface
// inversion. Pressure is integrated hydrostatically, density is the ideal-gas density.
#include <vector>

#include "io/met/met_fields.hpp"
#include "solver/cases/hangzhou_case.hpp"
#include "solver/cases/hangzhou_geography.hpp"

namespace qiantang::cases {

// What the scenario prescribes at one place and time.
struct Synoptic {
  double ug_m_s = 0, vg_m_s = 0;     // Earth-relative geostrophic wind near 1 km
  double p_msl_Pa = 101325;          // at Hangzhou; the geostrophic gradient is added elsewhere
  double t_base_K = 280;             // free-atmosphere temperature extrapolated to sea level
  double sst_K = 285;                // sea-surface temperature
  double gamma_theta_K_m = 0.004;    // potential-temperature lapse above the boundary layer
  double cloud_fraction = 0.1;
  double rain_mm_h = 0;
  double rh = 0.7;                   // near-surface relative humidity
  double haze_factor = 1.0;          // aerosol attenuation of clear-sky shortwave
  double inversion_K = 5;            // nocturnal surface inversion strength on a clear calm night
  double bowen_fraction = 0.25;      // sensible heat flux / shortwave down over land by day
  double sea_breeze_m_s = 1;         // amplitude of the daytime onshore flow
};

// The scenario of the case's season at (lon, lat) and t hours after the case start.
Synoptic synoptic_state(Season season, double hours, double lon, double lat);

// Solar zenith angle (degrees) from the NOAA/Spencer (1971) declination and equation of time.
double solar_zenith_deg(double lat_deg, double lon_deg, TimePoint utc);
// Clear-sky global shortwave at the surface (W m-2): Meinel & Meinel (1976) direct-beam
// transmission 0.7^(AM^0.678) with a 10 % diffuse addition, AM = 1/cos χ.
double clear_sky_shortwave_W_m2(double zenith_deg);

class HangzhouMet {
 public:
  HangzhouMet(const HangzhouCase& c, const HangzhouDomain& d, const GeoRaster& geo);
  // The next record (call in time order from the case start: the boundary layer is marched).
  io::MetFields next();

 private:
  struct Column {
    double lon, lat, terrain, land, urban, z0;
    int lu;
    double h_ml = 0, heat_int = 0, dt_night = 0;  // mixed-layer state, nocturnal inversion (K)
  };
  struct Face {
    double lon, lat;
    double rot_cos, rot_sin;        // Earth -> grid rotation
    double slope_e, slope_n;        // terrain gradient (m/m)
    double coast_e, coast_n;        // gradient of the smoothed land fraction × 50 km (onshore unit)
    double valley_e, valley_n, valley_w;  // down-valley unit vector and corridor weight
    double land, terrain;
  };
  void advance_columns(double hours_from, double hours_to);
  void face_wind(const Face& f, const Synoptic& s, double cosz, double hours, double z_agl, double pbl, double& u,
                 double& v) const;

  const HangzhouCase& c_;
  const HangzhouDomain& d_;
  int nx_, ny_, nz_;
  std::vector<Column> cols_;
  std::vector<Face> xfaces_, yfaces_;
  long record_ = 0;
};

}  // namespace qiantang::cases
