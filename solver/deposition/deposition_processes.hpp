#pragma once
// The deposition processes the driver steps:
//  * "dry_deposition": v_d per species from the surface met (dry_deposition.hpp), applied as an
//    implicit first-order loss in the lowest layer, χ1 ← χ1 exp(−v_d Δt / Δz1); the mass lost
//    goes to Budget::dry_deposited_kg. The velocities of the last step are kept as 2-D
//    diagnostics (m/s).
//  * "wet_deposition": in-cloud and below-cloud scavenging (wet_deposition.hpp); mass lost goes
//    to Budget::wet_deposited_kg.
// Config: [dry_deposition] land_use_table = usgs | modis (WRF LU_INDEX classes; default usgs).
#include <string>
#include <vector>

#include "solver/common/time.hpp"
#include "solver/deposition/dry_deposition.hpp"
#include "solver/driver/process.hpp"
#include "solver/fields/array3d.hpp"

namespace qiantang::solver {

struct MetTile;

// The surface fields of column (j, i) of a met tile at time t, as the dry-deposition velocities
// need them; `land_use_table` is "usgs" or "modis" (WRF LU_INDEX classes).
deposition::ColumnSurface column_surface(const MetTile& met, int j, int i, TimePoint t,
                                         const std::string& land_use_table);

class DryDepositionProcess;

// The last step's dry-deposition velocities (m/s): one 2-D field (nz = 1) per tracer, in the
// registry's order; empty before the first step. Null when `p` is not "dry_deposition".
const std::vector<Array3>* dry_deposition_velocities(const Process& p);

void register_deposition_processes(ProcessFactory& f);

}  // namespace qiantang::solver
