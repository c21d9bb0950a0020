#include "taifeng/hpc/surge_checkpoint_files.hpp"

#include <cmath>
#include <exception>
#include <utility>

#include <fmt/format.h>

#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/hpc/surge_stage.hpp"
#include "taifeng/hpc/swe/checkpoint.hpp"

namespace taifeng::hpc {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> snapshot_fields = {"h", "hu", "hv", "eta_max", "inundation"};
const std::vector<std::string> result_fields = {"eta_max", "inundation"};

// Why reading `file` failed, without the file name the error already starts with.
std::string reason_of(const std::exception& e, const std::string& file) {
  std::string why = e.what();
  if (why.rfind(file, 0) == 0) {
    why.erase(0, file.size());
    why.erase(0, why.rfind(": ", 0) == 0 ? 2 : 0);
  }
  return why;
}

}  // namespace

SurgeCheckpointFiles::SurgeCheckpointFiles(fs::path dir, long run, std::string identity,
                                           const Grid& grid, double interval_s, std::string label)
    : snapshot_file_(dir / fmt::format("surge_run_{}.h5", run)),
      result_file_(dir / fmt::format("surge_run_{}.done.h5", run)),
      identity_(std::move(identity)),
      label_(std::move(label)),
      gnx_(long(grid.nlon)),
      gny_(long(grid.nlat)),
      interval_s_(interval_s) {}

bool SurgeCheckpointFiles::read_own(const fs::path& path, const std::vector<std::string>& fields,
                                    const std::vector<std::string>& scalars, std::string_view then,
                                    swe::Checkpoint& cp) const {
  std::error_code ec;
  if (!fs::exists(path, ec)) return false;
  const std::string file = path.string();
  try {
    cp = swe::read_checkpoint(file, gnx_, gny_, fields, scalars);
  } catch (const std::exception& e) {
    spdlog::warn("surge: {}: ignoring {}: {}{}", label_, file, reason_of(e, file), then);
    return false;
  }
  if (cp.meta.config_hash != identity_) {
    spdlog::warn(
        "surge: {}: ignoring {}: written for another run (configuration, track or times "
        "differ){}",
        label_, file, then);
    return false;
  }
  return true;
}

bool SurgeCheckpointFiles::load_result(SurgeRun& out) {
  swe::Checkpoint cp;
  if (!read_own(result_file_, result_fields, {"mass_rel_change"}, "", cp)) return false;
  out.eta_max = cp.field("eta_max");
  out.inundation = cp.field("inundation");
  out.steps = cp.meta.step;
  out.mass_rel_change = cp.scalars.at("mass_rel_change");
  origin_ = Origin::reused;
  spdlog::info("surge: {} completed before: results taken from {}", label_, result_file_.string());
  return true;
}

std::optional<SurgeSnapshot> SurgeCheckpointFiles::load_snapshot() {
  swe::Checkpoint cp;
  if (!read_own(snapshot_file_, snapshot_fields, {"next_forcing_s"},
                "; the run starts from the beginning", cp))
    return std::nullopt;
  const std::string file = snapshot_file_.string();
  SurgeSnapshot s;
  s.steps = cp.meta.step;
  s.time_s = cp.meta.time_s;
  s.next_forcing_s = cp.scalars.at("next_forcing_s");
  if (s.steps < 1 || !(s.time_s > 0) || !std::isfinite(s.time_s) ||
      !(s.next_forcing_s >= s.time_s) || !std::isfinite(s.next_forcing_s)) {
    spdlog::warn("surge: {}: ignoring {}: inconsistent step {}, time {} s, next forcing {} s",
                 label_, file, s.steps, s.time_s, s.next_forcing_s);
    return std::nullopt;
  }
  for (auto& f : cp.fields) {
    std::vector<double>* to = f.name == "h"         ? &s.h
                              : f.name == "hu"      ? &s.hu
                              : f.name == "hv"      ? &s.hv
                              : f.name == "eta_max" ? &s.eta_max
                                                    : &s.inundation;
    *to = std::move(f.data);
  }
  origin_ = Origin::resumed;
  resumed_at_s_ = s.time_s;
  spdlog::info("surge: {} resumed at +{:g} h from {} (step {})", label_, s.time_s / 3600.0, file,
               s.steps);
  return s;
}

void SurgeCheckpointFiles::save_snapshot(const SurgeSnapshot& s) {
  if (!writable_) return;
  const swe::CheckpointMeta meta{s.steps, s.time_s, 0.0, gnx_, gny_, identity_};
  try {
    swe::write_checkpoint(snapshot_file_.string(), meta,
                          {{"h", s.h},
                           {"hu", s.hu},
                           {"hv", s.hv},
                           {"eta_max", s.eta_max},
                           {"inundation", s.inundation}},
                          {{"next_forcing_s", s.next_forcing_s}});
  } catch (const std::exception& e) {
    writable_ = false;
    spdlog::warn("surge: {}: no more checkpoints: {}", label_, e.what());
    return;
  }
  spdlog::debug("surge: {} checkpoint at +{:g} h: {}", label_, s.time_s / 3600.0,
                snapshot_file_.string());
  if (after_snapshot) after_snapshot(snapshot_file_);
}

void SurgeCheckpointFiles::save_result(const SurgeRun& r) {
  if (origin_ == Origin::reused) return;  // run_surge returns stored results unchanged
  const swe::CheckpointMeta meta{r.steps, 0.0, 0.0, gnx_, gny_, identity_};
  try {
    swe::write_checkpoint(result_file_.string(), meta,
                          {{"eta_max", r.eta_max}, {"inundation", r.inundation}},
                          {{"mass_rel_change", r.mass_rel_change}});
  } catch (const std::exception& e) {
    spdlog::warn("surge: {}: results not kept for a rerun: {}", label_, e.what());
    return;
  }
  std::error_code ec;
  fs::remove(snapshot_file_, ec);
  fs::remove(snapshot_file_.string() + ".tmp", ec);
}

fs::path checkpoint_folder_option(const std::string& option, const fs::path& output_dir) {
  // Without a trailing separator ("out/" has an empty last element).
  auto normal = [](const fs::path& p) {
    const fs::path n = fs::absolute(p).lexically_normal();
    return n.has_filename() ? n : n.parent_path();
  };
  const fs::path dir = normal(option), out = normal(output_dir);
  const fs::path rel = dir.lexically_relative(out);
  if (!rel.empty() && *rel.begin() != "..")
    throw_input_error("--checkpoint-dir " + option,
                      "inside the output folder " + out.string() +
                          " (replaced when the cycle is published); give a folder of its own");
  return dir;
}

void create_checkpoint_folder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec))
    throw_input_error("--checkpoint-dir " + dir.string(),
                      "cannot create the folder: " + (ec ? ec.message() : "not a folder"));
}

}  // namespace taifeng::hpc
