#pragma once
// SIGTERM, SIGINT and SIGHUP as a request to stop. Long work polls at safe points (between
// stages, members, runs, frames) and unwinds by throwing, so staging folders are removed
// and nothing half-written is ever published. A second signal of the same kind takes the
// default action (immediate termination): an operator can always insist.
#include <string>

namespace taifeng {

void install_stop_handlers();
bool stop_requested();
int stop_signal();  // the signal that asked to stop, 0 if none

// Throws Error(ErrorKind::stopped) naming the signal, if a stop was requested. `during`
// says what was interrupted ("the ensemble stage").
void throw_if_stop_requested(const std::string& during);

}  // namespace taifeng
