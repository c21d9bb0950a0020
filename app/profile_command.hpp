#pragma once
// `taifeng profile`: print a parametric radial wind profile (Holland 1980, Holland et al.
// 2010 or Willoughby et al. 2006) at given radii — for checking parameters, teaching and
// comparing the models. Registered by main.cpp; the work is solver::profile_speeds.
#include <CLI/CLI.hpp>

namespace taifeng::app {

// Adds the "profile" subcommand with its options to `app` and returns it.
CLI::App* add_profile_command(CLI::App& app);

// Runs the subcommand after a successful parse (the subcommand's ->parsed() is true):
// prints the profile to stdout and returns the exit code. Invalid options → taifeng input
// error (exit code 2 through main's handler).
int run_profile_command();

}  // namespace taifeng::app
