// Checkpoints of the surge runs (hpc/surge_checkpoint_files.hpp with run_surge): a run killed
// right after its k-th checkpoint and run again gives bitwise the uninterrupted results; a
// completed run is taken from its .done file without a step; files of another run, corrupt
// and truncated files are ignored with a warning naming them, and the run starts from zero.
#include <spdlog/sinks/ostream_sink.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "taifeng/core/error.hpp"
#include "taifeng/core/log.hpp"
#include "taifeng/hpc/surge_checkpoint_files.hpp"
#include "taifeng/hpc/surge_identity.hpp"
#include "taifeng/hpc/surge_stage.hpp"
#include "test_support.hpp"

using namespace taifeng;
using namespace taifeng::hpc;
namespace fs = std::filesystem;

namespace {

struct Crash {};  // thrown by the test hook: the process "dies" right after a checkpoint

const TimePoint t0 = make_utc(2005, 9, 25, 0);
const TimePoint t_end = add_hours(t0, 12);
constexpr double every_s = 2 * 3600.0;  // checkpoints at +2, 4, 6, 8, 10 h
constexpr int n_checkpoints = 5;

fs::path fresh_dir(const std::string& name) {
  return taifeng::test::fresh_dir("surge_checkpoint", name);
}

// 21 x 21 cells of 0.1°: a shelf deepening to the south-east with an island in the middle.
SurgeSetup small_setup(double manning_n = 0.025) {
  SurgeOptions o;
  o.grid = Grid::from_box(109.0, 111.0, 18.0, 20.0, 0.1);
  o.manning_n = manning_n;
  o.ramp_hours = 2;
  o.forcing_interval_minutes = 20;
  Field relief("relief", "m", o.grid);
  for (std::size_t j = 0; j < o.grid.nlat; ++j)
    for (std::size_t i = 0; i < o.grid.nlon; ++i) {
      const double x = o.grid.lon(i) - 110.0, y = o.grid.lat(j) - 19.0;
      const double shelf = -5.0 - 150.0 * (x - y + 2.0) / 4.0;
      relief.at(i, j) = std::max(shelf, 30.0 - 200.0 * (x * x + y * y));
    }
  return make_surge_setup(o, relief);
}

// A strong storm crossing the box from the south-east; lon_shift makes another member.
Track storm(double lon_shift = 0.0) {
  Track t;
  t.id = "TEST";
  for (int h = 0; h <= 12; h += 6) {
    TrackPoint p;
    p.time = add_hours(t0, h);
    p.lon = 111.3 - 0.2 * h + lon_shift;
    p.lat = 18.3 + 0.1 * h;
    p.vmax_ms = 45;
    p.pmin_hpa = 950;
    p.rmw_km = 30;
    t.points.push_back(p);
  }
  return t;
}

solver::WindOptions wind() {
  return {};
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void require_same(const SurgeRun& a, const SurgeRun& b) {
  CHECK(a.steps == b.steps);
  CHECK(same_bits(a.eta_max, b.eta_max));
  CHECK(same_bits(a.inundation, b.inundation));
  CHECK(std::memcmp(&a.mass_rel_change, &b.mass_rel_change, sizeof(double)) == 0);
}

// The checkpoint store of run 0 of `setup` and `track` in dir, counting its snapshots and
// "crashing" after the crash_after-th (0: never).
struct Store {
  SurgeCheckpointFiles files;
  int saved = 0;
  Store(const fs::path& dir, const SurgeSetup& setup, const Track& track, int crash_after = 0)
      : files(dir, 0, surge_run_identity(setup, track, t0, t_end, wind()), setup.opt.grid, every_s,
              "run 1/1") {
    files.after_snapshot = [this, crash_after](const fs::path& f) {
      CHECK(fs::is_regular_file(f));
      if (++saved == crash_after) throw Crash{};
    };
  }
};

// Collects what is logged while alive (warnings and info lines).
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::info);
    logger->set_pattern("%l %v");
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return out_.str(); }
  int count(const std::string& part) const {
    int n = 0;
    const std::string s = out_.str();
    for (auto k = s.find(part); k != std::string::npos; k = s.find(part, k + 1)) ++n;
    return n;
  }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

void write_bytes(const fs::path& f, const std::string& bytes) {
  std::ofstream(f, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("surge checkpoints: a run killed after its k-th checkpoint resumes bitwise",
          "[surge_checkpoint]") {
  const SurgeSetup setup = small_setup();
  const Track track = storm();
  const SurgeRun reference = run_surge(setup, track, t0, t_end, wind());
  REQUIRE(reference.steps > 50);
  // The storm must do something, else equality proves little.
  double peak = 0;
  for (double e : reference.eta_max)
    if (!std::isnan(e)) peak = std::max(peak, e);
  REQUIRE(peak > 0.2);

  SECTION("checkpoints change no step") {
    const fs::path dir = fresh_dir("uninterrupted");
    Store store(dir, setup, track);
    require_same(run_surge(setup, track, t0, t_end, wind(), &store.files), reference);
    CHECK(store.saved == n_checkpoints);
    CHECK(store.files.origin() == SurgeCheckpointFiles::Origin::start);
    CHECK(fs::is_regular_file(dir / "surge_run_0.done.h5"));
    CHECK_FALSE(fs::exists(dir / "surge_run_0.h5"));  // the snapshot is removed at the end
  }
  for (int k : {1, 3, n_checkpoints}) {
    DYNAMIC_SECTION("killed after checkpoint " << k) {
      const fs::path dir = fresh_dir("killed_" + std::to_string(k));
      {
        Store killed(dir, setup, track, k);
        CHECK_THROWS_AS(run_surge(setup, track, t0, t_end, wind(), &killed.files), Crash);
      }
      CHECK(fs::is_regular_file(dir / "surge_run_0.h5"));
      CHECK_FALSE(fs::exists(dir / "surge_run_0.done.h5"));
      LogCapture log;
      Store again(dir, setup, track);
      require_same(run_surge(setup, track, t0, t_end, wind(), &again.files), reference);
      CHECK(again.files.origin() == SurgeCheckpointFiles::Origin::resumed);
      CHECK(again.files.resumed_at_s() == k * every_s);
      CHECK(again.saved == n_checkpoints - k);  // and it goes on saving checkpoints
      CHECK(log.count("resumed at +" + std::to_string(2 * k) + " h from ") == 1);
      CHECK(log.count("warning") == 0);
      CHECK(fs::is_regular_file(dir / "surge_run_0.done.h5"));
      CHECK_FALSE(fs::exists(dir / "surge_run_0.h5"));
    }
  }
  SECTION(
      "killed twice: the second run resumes the first one's checkpoint, the third the "
      "second's") {
    const fs::path dir = fresh_dir("killed_twice");
    {
      Store first(dir, setup, track, 2);
      CHECK_THROWS_AS(run_surge(setup, track, t0, t_end, wind(), &first.files), Crash);
      Store second(dir, setup, track, 1);
      CHECK_THROWS_AS(run_surge(setup, track, t0, t_end, wind(), &second.files), Crash);
      CHECK(second.files.resumed_at_s() == 2 * every_s);
    }
    Store third(dir, setup, track);
    require_same(run_surge(setup, track, t0, t_end, wind(), &third.files), reference);
    CHECK(third.files.resumed_at_s() == 3 * every_s);
  }
}

TEST_CASE("surge checkpoints: a completed run is taken from its .done file without a step",
          "[surge_checkpoint]") {
  const SurgeSetup setup = small_setup();
  const Track track = storm();
  const fs::path dir = fresh_dir("done");
  SurgeRun first;
  {
    Store store(dir, setup, track);
    first = run_surge(setup, track, t0, t_end, wind(), &store.files);
  }
  const auto written = fs::last_write_time(dir / "surge_run_0.done.h5");
  LogCapture log;
  Store again(dir, setup, track);
  const SurgeRun reused = run_surge(setup, track, t0, t_end, wind(), &again.files);
  require_same(reused, first);
  CHECK(again.files.origin() == SurgeCheckpointFiles::Origin::reused);
  CHECK(again.saved == 0);  // a run that stepped would have saved 5 checkpoints
  CHECK_FALSE(fs::exists(dir / "surge_run_0.h5"));
  CHECK(fs::last_write_time(dir / "surge_run_0.done.h5") == written);  // not rewritten
  CHECK(log.count("completed before: results taken from " +
                  (dir / "surge_run_0.done.h5").string()) == 1);
}

TEST_CASE("surge checkpoints: files of another run are ignored with a warning",
          "[surge_checkpoint]") {
  const SurgeSetup setup = small_setup();
  const Track track = storm();
  const SurgeRun reference = run_surge(setup, track, t0, t_end, wind());
  // The files of run 0 left by another member or under other options, killed or completed.
  struct Other {
    const char* name;
    SurgeSetup setup;
    Track track;
  };
  for (const Other& other :
       {Other{"member", setup, storm(0.3)}, Other{"options", small_setup(0.03), track}}) {
    for (const bool completed : {false, true}) {
      DYNAMIC_SECTION(other.name << (completed ? ", completed" : ", killed")) {
        const fs::path dir = fresh_dir(std::string("other_") + other.name);
        {
          Store store(dir, other.setup, other.track, completed ? 0 : 2);
          if (completed)
            run_surge(other.setup, other.track, t0, t_end, wind(), &store.files);
          else
            CHECK_THROWS_AS(run_surge(other.setup, other.track, t0, t_end, wind(), &store.files),
                            Crash);
        }
        const fs::path file = dir / (completed ? "surge_run_0.done.h5" : "surge_run_0.h5");
        REQUIRE(fs::is_regular_file(file));
        LogCapture log;
        Store store(dir, setup, track);
        require_same(run_surge(setup, track, t0, t_end, wind(), &store.files), reference);
        CHECK(store.files.origin() == SurgeCheckpointFiles::Origin::start);
        CHECK(store.saved == n_checkpoints);
        CHECK(log.count("warning") == 1);
        CHECK(log.count("ignoring " + file.string() + ": written for another run") == 1);
      }
    }
  }
}

TEST_CASE("surge checkpoints: corrupt and truncated files are ignored with a warning",
          "[surge_checkpoint]") {
  const SurgeSetup setup = small_setup();
  const Track track = storm();
  const SurgeRun reference = run_surge(setup, track, t0, t_end, wind());
  const fs::path dir = fresh_dir("corrupt");
  // A genuine snapshot and a genuine .done file to damage.
  fs::path snapshot_copy, done_copy;
  {
    Store killed(dir, setup, track, 3);
    CHECK_THROWS_AS(run_surge(setup, track, t0, t_end, wind(), &killed.files), Crash);
    snapshot_copy = dir / "snapshot.copy";
    fs::copy_file(dir / "surge_run_0.h5", snapshot_copy);
    Store done(dir, setup, track);
    run_surge(setup, track, t0, t_end, wind(), &done.files);
    done_copy = dir / "done.copy";
    fs::copy_file(dir / "surge_run_0.done.h5", done_copy);
    fs::remove(dir / "surge_run_0.done.h5");
  }
  struct Damage {
    const char* name;
    const char* file;
    const char* reason;  // part of the warning
  };
  const fs::path snapshot = dir / "surge_run_0.h5", done = dir / "surge_run_0.done.h5";
  for (const Damage& d : {Damage{"truncated snapshot", "snapshot", "HDF5"},
                          Damage{"garbage snapshot", "snapshot", "not an HDF5 file"},
                          Damage{"empty snapshot", "snapshot", "not an HDF5 file"},
                          Damage{"truncated .done", "done", "HDF5"},
                          Damage{"snapshot under the .done name", "done", "mass_rel_change"},
                          Damage{"a folder under the snapshot's name", "snapshot", "not found"}}) {
    DYNAMIC_SECTION(d.name) {
      fs::remove_all(snapshot);
      fs::remove_all(done);
      const std::string what = d.name;
      const fs::path file = std::string(d.file) == "done" ? done : snapshot;
      if (what.rfind("truncated", 0) == 0) {
        fs::copy_file(file == done ? done_copy : snapshot_copy, file);
        fs::resize_file(file, fs::file_size(file) / 2);
      } else if (what == "garbage snapshot") {
        write_bytes(file, std::string(4096, 'x'));
      } else if (what == "empty snapshot") {
        write_bytes(file, "");
      } else if (what == "snapshot under the .done name") {
        fs::copy_file(snapshot_copy, file);
      } else {
        fs::create_directories(file);
      }
      LogCapture log;
      Store store(dir, setup, track);
      SurgeRun run;
      if (fs::is_directory(file)) {
        // Its snapshots cannot replace the folder: one more warning, and no snapshot; the
        // results are still right.
        run = run_surge(setup, track, t0, t_end, wind(), &store.files);
        INFO(log.text());
        CHECK(log.count("ignoring " + file.string() + ": ") == 1);
        CHECK(log.count("warning") == 2);
        CHECK(log.count("no more checkpoints") == 1);
        CHECK(store.saved == 0);
      } else {
        run = run_surge(setup, track, t0, t_end, wind(), &store.files);
        INFO(log.text());
        CHECK(log.count("warning") == 1);
        CHECK(log.count("ignoring " + file.string() + ": ") == 1);
        CHECK(log.text().find(d.reason) != std::string::npos);
        CHECK(fs::is_regular_file(done));  // replaced by the good results
      }
      require_same(run, reference);
      CHECK(store.files.origin() == SurgeCheckpointFiles::Origin::start);
    }
  }
}

TEST_CASE("surge checkpoints: the folder must not be inside the output folder",
          "[surge_checkpoint]") {
  const fs::path base = fs::path(TAIFENG_TEST_TMP) / "surge_checkpoint" / "folders";
  CHECK(checkpoint_folder_option((base / "ckpt").string(), base / "out") == base / "ckpt");
  CHECK(checkpoint_folder_option((base / "out_ckpt").string(), base / "out/") == base / "out_ckpt");
  for (const fs::path& inside : {base / "out", base / "out" / "ckpt", base / "out/./ckpt/"}) {
    INFO(inside);
    try {
      checkpoint_folder_option(inside.string(), base / "out/");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK_THAT(e.what(), Catch::Contains("--checkpoint-dir") &&
                               Catch::Contains("inside the output folder"));
    }
  }
  fs::remove_all(base);
  fs::create_directories(base);
  write_bytes(base / "file", "x");
  CHECK_THROWS_WITH(create_checkpoint_folder(base / "file"),
                    Catch::Contains("--checkpoint-dir") && Catch::Contains("cannot create"));
  create_checkpoint_folder(base / "a" / "b");
  CHECK(fs::is_directory(base / "a" / "b"));
}
