#include <netcdf.h>

namespace qiantang::io {
// The NetCDF-C library version this build links against (printed by `qiantang --version`).
const char* netcdf_library_version() { return nc_inq_libvers(); }
}  // namespace qiantang::io
