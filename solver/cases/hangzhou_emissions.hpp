#pragma once
// Emission inventory of the Hangzhou case (cases/README.md, "Emissions"): two published totals
// scaled to the inventory year — Hangzhou's 2010 inventory and the 2017 Yangtze River Delta
// inventory (An et al. 2021, ACP 21, 2003) less Hangzhou's population share — split into
// sectors by fixed fractions and allocated with spatial proxies (city and district sites with
// population or industry weights, expressways, ports and shipping lanes, cropland), on a
// 0.05° latitude–longitude grid in the format of docs/formats.md ("Emission inventory").
#include <map>
#include <string>
#include <vector>

#include "io/emissions/inventory.hpp"
#include "solver/cases/hangzhou_case.hpp"
#include "solver/cases/hangzhou_geography.hpp"

namespace qiantang::cases {

const std::vector<std::string>& hangzhou_case_sectors();
// SO2, NOX, CO, VOC, NH3, PM25, PM10, BC, OC.
const std::vector<std::string>& hangzhou_case_species();

// Annual totals (t/yr) of each inventory species for the region "hangzhou" or "yrd" (the
// delta without Hangzhou) in `year`.
std::map<std::string, double> region_totals_t_yr(const std::string& region, int year);
// Fraction of a species' total emitted by a sector (PM10 of a sector = its PM2.5 plus its
// share of the coarse part PM10 − PM2.5).
double sector_fraction(const std::string& species, const std::string& sector);

struct HangzhouInventory {
  io::InventoryWriteSpec spec;                       // t/yr per 0.05° cell
  std::map<std::string, double> stated_total_t_yr;   // species -> hangzhou + yrd totals
};

// The inventory on a lat–lon raster covering [lon_min, lon_max] × [lat_min, lat_max].
HangzhouInventory hangzhou_inventory(int year, double lon_min, double lon_max, double lat_min, double lat_max);

}  // namespace qiantang::cases
