#pragma once
// The one error type of taifeng. Every failure carries where it happened (file:line,
// file:variable, config key …) and what was expected. Input errors (bad files, bad
// configuration) end the program with exit code 2, internal faults with exit code 1, and a
// stop requested by a signal (SIGTERM, SIGINT) with 128 + the signal number, as a shell
// reports a process killed by that signal.
#include <stdexcept>
#include <string>

namespace taifeng {

enum class ErrorKind { input, internal, stopped };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string where, const std::string& message, int stop_signal = 0);
  ErrorKind kind() const { return kind_; }
  const std::string& where() const { return where_; }
  int exit_code() const {
    return kind_ == ErrorKind::input ? 2 : kind_ == ErrorKind::stopped ? 128 + signal_ : 1;
  }

 private:
  ErrorKind kind_;
  std::string where_;
  int signal_ = 0;
};

// "file:line" (line 0 is left out) — the usual prefix of an input error.
std::string where(const std::string& file, long line = 0);

[[noreturn]] void throw_input_error(const std::string& where, const std::string& message);
[[noreturn]] void throw_internal_error(const std::string& where, const std::string& message);

}  // namespace taifeng

#define TAIFENG_STR2(x) #x
#define TAIFENG_STR(x) TAIFENG_STR2(x)
// Always-on invariant check (MFEM style): an internal fault with the source location.
#define TAIFENG_CHECK(cond, msg)                                                          \
  do {                                                                                    \
    if (!(cond))                                                                          \
      ::taifeng::throw_internal_error(__FILE__ ":" TAIFENG_STR(__LINE__),                 \
                                      std::string("check '" #cond "' failed: ") + (msg)); \
  } while (0)
