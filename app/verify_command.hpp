#pragma once
// `taifeng fit cliper` and `taifeng verify`: CLIPER fit on best tracks and hindcast
// verification of the track models (persistence, CLIPER) with error statistics.
//
//   taifeng fit cliper --tracks FILE --years 1945-2000 --out FILE
//   taifeng verify --tracks FILE --model persistence|cliper [--cliper FILE]
//                  --years 2001-2012 [--box LONMIN,LONMAX,LATMIN,LATMAX] [--json] [--cone]
//                  [--errors-out FILE]
//
// Bad values (unknown model, malformed --years/--box, missing files) are taifeng input
// errors naming the option (exit code 2).
#include <CLI/CLI.hpp>

namespace taifeng::app {

// Adds "fit" (with its subcommand "cliper") / "verify" to `app`; returns the subcommand.
CLI::App* add_fit_command(CLI::App& app);
CLI::App* add_verify_command(CLI::App& app);

// Run the command after parsing (when the returned subcommand was parsed); exit code.
int run_fit_command();
int run_verify_command();

}  // namespace taifeng::app
