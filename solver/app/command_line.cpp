#include "solver/app/commands.hpp"
#include "solver/common/errors.hpp"

namespace po = boost::program_options;

namespace qiantang::app {

po::variables_map parse_command_line(const Args& args, const po::options_description& opts,
                                     const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(positional).run(), vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

}  // namespace qiantang::app
