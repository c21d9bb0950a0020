#include "taifeng/core/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace taifeng {

void init_logging(int mpi_rank, Verbosity v) {
  auto logger = spdlog::stderr_color_mt("taifeng");
  logger->set_pattern(mpi_rank == 0
                          ? "[%H:%M:%S.%e] %^%l%$ %v"
                          : "[%H:%M:%S.%e] [rank " + std::to_string(mpi_rank) + "] %^%l%$ %v");
  spdlog::level::level_enum level = spdlog::level::info;
  if (v == Verbosity::quiet) level = spdlog::level::warn;
  if (v == Verbosity::verbose) level = spdlog::level::debug;
  if (mpi_rank != 0 && level < spdlog::level::warn) level = spdlog::level::warn;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

}  // namespace taifeng
