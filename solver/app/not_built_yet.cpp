#include <cstdio>

#include "solver/app/commands.hpp"

namespace qiantang::app {

int not_built_yet(const std::string& name) {
  std::fprintf(stderr, "qiantang %s: not built yet in this version\n", name.c_str());
  return 1;
}

}  // namespace qiantang::app
