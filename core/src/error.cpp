#include "taifeng/core/error.hpp"

namespace taifeng {

Error::Error(ErrorKind kind, std::string where, const std::string& message, int stop_signal)
    : std::runtime_error(where.empty() ? message : where + ": " + message),
      kind_(kind),
      where_(std::move(where)),
      signal_(stop_signal) {}

std::string where(const std::string& file, long line) {
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

void throw_input_error(const std::string& where, const std::string& message) {
  throw Error(ErrorKind::input, where, message);
}

void throw_internal_error(const std::string& where, const std::string& message) {
  throw Error(ErrorKind::internal, where, message);
}

}  // namespace taifeng
