#pragma once
// Subcommands of `qiantang` (DESIGN.md, command-line contract). Each takes the arguments after
// its name, returns an exit code, and throws InputError (exit 2), UsageError (exit 1) or
// NumericalError (exit 3); only main() turns those into exit codes.
#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace qiantang::app {

using Args = std::vector<std::string>;

int command_run(const Args& args);
int command_forecast(const Args& args);
int command_case(const Args& args);
int command_box(const Args& args);
int command_aqi(const Args& args);
int command_check(const Args& args);
int command_evaluate(const Args& args);

// Parses a subcommand's arguments; a malformed command line is a UsageError (exit 1).
boost::program_options::variables_map parse_command_line(
    const Args& args, const boost::program_options::options_description& opts,
    const boost::program_options::positional_options_description& positional);

}  // namespace qiantang::app
