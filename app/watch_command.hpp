#pragma once
#include <CLI/CLI.hpp>

namespace taifeng::app {

// `taifeng watch`: scheduled cycles from an inbox into an archive (hpc/watch/watcher.hpp).
CLI::App* add_watch_command(CLI::App& app);
int run_watch_command();

// True when argv names the watch command: it runs without MPI (it forks the cycles, and a
// process that initialised MPI must not fork).
bool is_watch_command(int argc, char** argv);

}  // namespace taifeng::app
