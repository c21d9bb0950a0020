#include "taifeng/core/stop_request.hpp"

#include <signal.h>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"

namespace taifeng {

namespace {
volatile sig_atomic_t g_signal = 0;

extern "C" void on_stop_signal(int sig) {
  g_signal = sig;
}
}  // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;  // the second signal terminates at once
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) ::sigaction(sig, &sa, nullptr);
}

bool stop_requested() {
  return g_signal != 0;
}

int stop_signal() {
  return g_signal;
}

void throw_if_stop_requested(const std::string& during) {
  const int sig = g_signal;
  if (sig == 0) return;
  const std::string name = sig == SIGTERM  ? "SIGTERM"
                           : sig == SIGINT ? "SIGINT"
                           : sig == SIGHUP ? "SIGHUP"
                                           : fmt::format("signal {}", sig);
  throw Error(ErrorKind::stopped, "",
              fmt::format("stopped by {} during {}; nothing was published (the previous output "
                          "is unchanged)",
                          name, during),
              sig);
}

}  // namespace taifeng
