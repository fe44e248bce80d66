#pragma once
// Subcommands of `qiantang` (DESIGN.md, command-line contract). Each takes the arguments after
// its name, returns an exit code, and throws InputError (exit 2), UsageError (exit 1) or
// NumericalError (exit 3); only main() turns those into exit codes.
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

// For subcommands whose implementation has not landed: says so on stderr, returns 1.
int not_built_yet(const std::string& name);

}  // namespace qiantang::app
