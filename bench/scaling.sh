#!/usr/bin/env bash
# Strong and weak scaling of taifeng on 1, 2, 4 ... MPI ranks (1 OpenMP thread per rank):
#   ens-strong  taifeng forecast, Monte Carlo ensemble of a fixed number of members
#   ens-weak    taifeng forecast, members proportional to ranks
#   swe-strong  taifeng swe, radial dam break on a fixed grid to a fixed end time
#   swe-weak    taifeng swe, radial dam break, cells proportional to ranks
# Every point is run --repeat times and the minimum kept. Writes scaling.csv, scaling.md,
# machine.txt (and network.csv, a 2-rank ping-pong, when mpi4py is there) into --out, then
# model.md from bench/perf_model.py on them, and prints the tables. bench/PERFORMANCE.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/.." && pwd)

usage() {
  cat <<EOF
usage: bench/scaling.sh [options]

Strong and weak scaling of the forecast cycle's Monte Carlo ensemble (taifeng forecast,
stage_wall_s.ensemble of run.json) and of the shallow-water core (taifeng swe --json,
radial dam break) on 1, 2 and 4 MPI ranks, OMP_NUM_THREADS=1, mpirun --bind-to none
--oversubscribe. Writes scaling.csv, scaling.md and machine.txt into --out, runs
bench/perf_model.py on them (model.md: validation and predictions) and prints it all.

  --out DIR                 results folder (default: out/scaling under the source tree)
  --taifeng PATH            taifeng binary (default: \$TAIFENG, build/app/taifeng, or on PATH)
  --mpirun PATH             mpirun (default: \$MPIEXEC or mpirun)
  --ranks "1 2 4"           rank counts (default "1 2 4"; 1 is needed for speed-up)
  --repeat N                runs per point, the minimum is kept (default 2, --quick: 1)
  --cases "LIST"            subset of: ens-strong ens-weak swe-strong swe-weak (default all)
  --quick                   tiny sizes (seconds; used by the test)

  ensemble (the demo cycle, surge and rendering off):
  --members N               ens-strong members (default 400, --quick 8)
  --members-per-rank N      ens-weak members per rank (default 100, --quick 4)
  --wind-res DEG            hazard grid resolution (default 0.05 as the demo, --quick 0.1)
  --lead-hours H            forecast length (default 120 as the demo, --quick 48)
  --no-netcdf               do not write the cycle's NetCDF files (default: write them)

  shallow-water core (radial dam break, 1 m cells, CFL 0.4, outflow):
  --swe-grid NXxNY          swe-strong grid (default 600x600, --quick 160x120)
  --swe-end S               swe-strong end time in s (default 10, --quick 2)
  --swe-cells-per-rank NXxNY  swe-weak block per rank (default 400x400, --quick 100x100);
                            P ranks run (px*NX) x (py*NY), px*py = P, px >= py
  --swe-weak-end S          swe-weak end time in s (default 5, --quick 1): the wave stays
                            inside the 1-rank domain, so every weak point takes the same steps
  --swe-order 1|2           numerics.order (default 2)
  --swe-netcdf              keep the NetCDF of every swe run and record its SHA-256
                            (1 and 2 ranks must give the same bytes)

  --no-pingpong             skip the 2-rank MPI ping-pong (needs python3 with mpi4py)
  --keep                    keep every run's output folder (default: only run.json / JSON)
  --no-model                do not run bench/perf_model.py on the results (model.md)
  -h, --help                this text

Efficiency: strong E = T1 / (P TP); weak E = (XP / P) / X1 with X the throughput (member.
point.steps/s or cell updates/s), i.e. T1 / TP for equal work per rank. Speed-up = XP / X1
(weak: scaled speed-up). Ranks beyond the core count share cores: those points measure
oversubscription, not scaling.
EOF
}

fail() { echo "scaling.sh: $*" >&2; exit 1; }

out="" taifeng="${TAIFENG:-}" mpirun="${MPIEXEC:-mpirun}" ranks="1 2 4" repeat="" quick=0
cases="ens-strong ens-weak swe-strong swe-weak"
members="" members_per_rank="" wind_res="" lead_hours="" netcdf=true
swe_grid="" swe_end="" swe_cells="" swe_weak_end="" swe_order=2 swe_netcdf=0
pingpong=1 keep=0 model=1
while (($#)); do
  case $1 in
    --out) out=$2; shift ;;
    --taifeng) taifeng=$2; shift ;;
    --mpirun) mpirun=$2; shift ;;
    --ranks) ranks=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    --cases) cases=$2; shift ;;
    --quick) quick=1 ;;
    --members) members=$2; shift ;;
    --members-per-rank) members_per_rank=$2; shift ;;
    --wind-res) wind_res=$2; shift ;;
    --lead-hours) lead_hours=$2; shift ;;
    --no-netcdf) netcdf=false ;;
    --swe-grid) swe_grid=$2; shift ;;
    --swe-end) swe_end=$2; shift ;;
    --swe-cells-per-rank) swe_cells=$2; shift ;;
    --swe-weak-end) swe_weak_end=$2; shift ;;
    --swe-order) swe_order=$2; shift ;;
    --swe-netcdf) swe_netcdf=1 ;;
    --no-pingpong) pingpong=0 ;;
    --keep) keep=1 ;;
    --no-model) model=0 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option '$1'" ;;
  esac
  shift
done

# Defaults: full sizes, or tiny ones with --quick.
if ((quick)); then
  : "${repeat:=1}" "${members:=8}" "${members_per_rank:=4}" "${wind_res:=0.1}" "${lead_hours:=48}"
  : "${swe_grid:=160x120}" "${swe_end:=2}" "${swe_cells:=100x100}" "${swe_weak_end:=1}"
else
  : "${repeat:=2}" "${members:=400}" "${members_per_rank:=100}" "${wind_res:=0.05}"
  : "${lead_hours:=120}" "${swe_grid:=600x600}" "${swe_end:=10}" "${swe_cells:=400x400}"
  : "${swe_weak_end:=5}"
fi
: "${out:=$src/out/scaling}"

is_int() { [[ $1 =~ ^[0-9]+$ ]] && (($1 > 0)); }
is_num() { [[ $1 =~ ^[0-9]*\.?[0-9]+$ ]]; }
is_grid() { [[ $1 =~ ^[0-9]+x[0-9]+$ ]]; }
for r in $ranks; do is_int "$r" || fail "--ranks: '$r' is not a positive integer"; done
[[ -n $ranks ]] || fail "--ranks is empty"
is_int "$repeat" || fail "--repeat: positive integer expected, got '$repeat'"
is_int "$members" || fail "--members: positive integer expected, got '$members'"
is_int "$members_per_rank" || fail "--members-per-rank: positive integer expected"
is_num "$wind_res" || fail "--wind-res: number expected, got '$wind_res'"
is_int "$lead_hours" || fail "--lead-hours: positive integer expected, got '$lead_hours'"
is_grid "$swe_grid" || fail "--swe-grid: NXxNY expected, got '$swe_grid'"
is_grid "$swe_cells" || fail "--swe-cells-per-rank: NXxNY expected, got '$swe_cells'"
is_num "$swe_end" || fail "--swe-end: number expected, got '$swe_end'"
is_num "$swe_weak_end" || fail "--swe-weak-end: number expected, got '$swe_weak_end'"
[[ $swe_order == 1 || $swe_order == 2 ]] || fail "--swe-order: 1 or 2"
for c in $cases; do
  case $c in ens-strong | ens-weak | swe-strong | swe-weak) ;; *) fail "--cases: unknown case '$c'" ;; esac
done

if [[ -z $taifeng ]]; then
  if [[ -x $src/build/app/taifeng ]]; then taifeng=$src/build/app/taifeng
  else taifeng=$(command -v taifeng || true); fi
fi
[[ -n $taifeng && -x $taifeng ]] || fail "no taifeng binary: build it or give --taifeng PATH"
taifeng=$(cd "$(dirname "$taifeng")" && pwd)/$(basename "$taifeng")
command -v "$mpirun" > /dev/null || fail "no mpirun '$mpirun' (--mpirun PATH)"
py=python3
command -v "$py" > /dev/null || fail "python3 is needed for the tables"

mkdir -p "$out"
out=$(cd "$out" && pwd)
runs=$out/runs
rm -rf "$runs" && mkdir -p "$runs"
raw=$out/raw.tsv
: > "$raw"

# Cores usable here (GNU nproc honours OMP_NUM_THREADS: ask before setting it).
cores=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)
export OMP_NUM_THREADS=1
# OpenMPI refuses root without these (containers, CI).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi() {  # mpi P command...: P ranks, no binding (oversubscribed points share cores)
  local np=$1; shift
  "$mpirun" -np "$np" --oversubscribe --bind-to none -x OMP_NUM_THREADS "$@"
}

# --- machine ------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -n) ($(uname -sr))"
  echo "cores (nproc): $cores"
  echo "cpu: $(grep -m1 '^model name' /proc/cpuinfo 2> /dev/null | cut -d: -f2- | sed 's/^ //' || echo unknown)"
  echo "memory: $(grep -m1 '^MemTotal' /proc/meminfo 2> /dev/null | awk '{printf "%.1f GiB", $2/1048576}' || echo unknown)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)"
  echo "mpirun: $("$mpirun" --version 2> /dev/null | head -1)"
  echo "taifeng: $taifeng ($("$taifeng" --version 2> /dev/null | head -1))"
  echo "source: $(git -C "$src" rev-parse --short HEAD 2> /dev/null || echo unknown)"
  echo "OMP_NUM_THREADS=1, mpirun --bind-to none --oversubscribe, repeat $repeat (minimum kept)"
  for r in $ranks; do
    if ((r > cores)); then
      echo "note: $r ranks on $cores cores are oversubscribed: their efficiency measures time-sharing of the cores, not scaling"
      break
    fi
  done
  # Another job's processes take cores from the ranks, and a rank waiting in a halo
  # exchange or reduction for a descheduled partner loses a scheduler time slice (ms).
  load1=$(cut -d' ' -f1 /proc/loadavg 2> /dev/null || echo 0)
  if awk -v l="$load1" -v c="$cores" 'BEGIN { exit !(l > 0.5 * c) }'; then
    echo "WARNING: load average $load1 on $cores cores before the runs: the machine is busy, these timings are not a scaling result"
  fi
} > "$out/machine.txt"
cat "$out/machine.txt"
echo

# --- inputs -------------------------------------------------------------------------------
# The demo cycle with absolute paths (as tests/app/common.sh make_config), surge and
# rendering off, and the hazard grid resolution and lead time of this run.
forecast_config() {  # forecast_config MEMBERS FILE
  sed -e "s|\"\.\./data/|\"$src/data/|g" -e "s|\"\.\./out/|\"$runs/out/|g" \
    "$src/configs/hainan_demo.toml" > "$2"
  sed -i -e "0,/^members = .*/s//members = $1/" \
    -e '/^\[surge\]/,/^\[/s|^members = .*|members = 1|' \
    -e '/^\[surge\]/,/^\[/s|^enabled = .*|enabled = false|' \
    -e '/^\[surge\]/,/^\[/s|^hours = .*|hours = '"$((lead_hours < 72 ? lead_hours : 72))"'|' \
    -e '/^\[grid\]/,/^\[/s|^resolution_deg = .*|resolution_deg = '"$wind_res"'|' \
    -e '/^\[forecast\]/,/^\[/s|^lead_hours = .*|lead_hours = '"$lead_hours"'|' \
    -e '/^\[output\]/,/^\[/s|^netcdf = .*|netcdf = '"$netcdf"'|' \
    -e '/^\[render\]/a enabled = false' "$2"
  if ! grep -q "^members = $1\$" "$2" || ! grep -q '^enabled = false' "$2"; then
    fail "could not edit $src/configs/hainan_demo.toml into $2"
  fi
}

# Radial dam break: h = 15 m inside the circle, 10 m outside, 1 m cells, outflow sides.
swe_config() {  # swe_config NX NY RADIUS END FILE
  cat > "$5" <<EOF
# bench/scaling.sh: radial dam break (configs/swe/radial_dam_break.toml, resized)
[run]
name = "dam"
output_dir = "$runs/out/dam"

[grid]
nx = $1
ny = $2
dx_m = 1.0

[initial]
case = "radial_dam_break"
h_in_m = 15.0
h_out_m = 10.0
radius_m = $3

[time]
end_s = $4
cfl = 0.4

[numerics]
order = $swe_order

[output]
netcdf = $([[ $swe_netcdf == 1 ]] && echo true || echo false)
EOF
}

# px x py with px * py = P, py the largest divisor <= sqrt(P): the weak grid's shape.
weak_shape() {
  local p=$1 py=1 d
  for ((d = 1; d * d <= p; ++d)); do ((p % d == 0)) && py=$d; done
  echo "$((p / py)) $py"
}

# --- runs ---------------------------------------------------------------------------------
n_runs=0
for c in $cases; do for _ in $ranks; do n_runs=$((n_runs + repeat)); done; done
done_runs=0
progress() { done_runs=$((done_runs + 1)); printf '[%d/%d] %s\n' "$done_runs" "$n_runs" "$*" >&2; }

run_forecast() {  # run_forecast CASE P MEMBERS REP
  local c=$1 np=$2 m=$3 rep=$4 tag="$1_np$2_rep$4"
  local cfg=$runs/forecast_m$m.toml dir=$runs/$tag
  [[ -f $cfg ]] || forecast_config "$m" "$cfg"
  rm -rf "$dir"
  if ! mpi "$np" "$taifeng" forecast "$cfg" --out "$dir" -q > "$runs/$tag.log" 2>&1; then
    tail -20 "$runs/$tag.log" >&2
    fail "$tag failed (log: $runs/$tag.log)"
  fi
  cp "$dir/run.json" "$runs/$tag.run.json"
  cp "$dir/summary.json" "$runs/$tag.summary.json"
  sha256sum "$dir/warnings/summary.json" | cut -d' ' -f1 > "$runs/$tag.sha256"
  ((keep)) || rm -rf "$dir"
  printf '%s\t%s\t%s\t%s\t%s\t\t\t%s\n' "$c" "${c#ens-}" "$np" "$rep" "$m" "$runs/$tag" >> "$raw"
  progress "$tag: $m members, ensemble $("$py" -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["stage_wall_s"]["ensemble"], 3))' "$runs/$tag.run.json") s"
}

run_swe() {  # run_swe CASE P NX NY RADIUS END REP
  local c=$1 np=$2 nx=$3 ny=$4 rad=$5 end=$6 rep=$7 tag="$1_np$2_rep$7"
  local cfg=$runs/swe_${nx}x${ny}.toml dir=$runs/$tag
  [[ -f $cfg ]] || swe_config "$nx" "$ny" "$rad" "$end" "$cfg"
  rm -rf "$dir"
  if ! mpi "$np" "$taifeng" swe "$cfg" --json -q --out "$dir" > "$runs/$tag.json" 2> "$runs/$tag.log"; then
    tail -20 "$runs/$tag.log" >&2
    fail "$tag failed (log: $runs/$tag.log)"
  fi
  if ((swe_netcdf)); then
    sha256sum "$dir/dam.nc" | cut -d' ' -f1 > "$runs/$tag.sha256"
  fi
  ((keep)) || rm -rf "$dir"
  printf '%s\t%s\t%s\t%s\t\t%s\t%s\t%s\n' "$c" "${c#swe-}" "$np" "$rep" "$nx" "$ny" "$runs/$tag" >> "$raw"
  progress "$tag: ${nx}x${ny} cells, $("$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["steps"], "steps,", round(d["wall_s"], 3), "s")' "$runs/$tag.json")"
}

t_start=$(date +%s)
for c in $cases; do
  for np in $ranks; do
    for ((rep = 1; rep <= repeat; ++rep)); do
      case $c in
        ens-strong) run_forecast "$c" "$np" "$members" "$rep" ;;
        ens-weak) run_forecast "$c" "$np" "$((members_per_rank * np))" "$rep" ;;
        swe-strong)
          read -r nx ny <<< "${swe_grid/x/ }"
          run_swe "$c" "$np" "$nx" "$ny" "$(((nx < ny ? nx : ny) / 6))" "$swe_end" "$rep" ;;
        swe-weak)
          read -r bx by <<< "${swe_cells/x/ }"
          read -r px pyy <<< "$(weak_shape "$np")"
          # The dam (radius a quarter of the block) stays at the domain centre.
          run_swe "$c" "$np" "$((px * bx))" "$((pyy * by))" "$(((bx < by ? bx : by) / 4))" \
            "$swe_weak_end" "$rep" ;;
      esac
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)" >> "$out/machine.txt"
echo "measurement wall time: $(($(date +%s) - t_start)) s" >> "$out/machine.txt"

# --- network: 2-rank ping-pong (shared memory here) for perf_model.py ----------------------
rm -f "$out/network.csv"
pympi=""
for cand in /usr/bin/python3 python3; do
  if command -v "$cand" > /dev/null && "$cand" -c 'import mpi4py' 2> /dev/null; then pympi=$cand; break; fi
done
if ((pingpong)) && [[ -n $pympi ]]; then
  cat > "$runs/pingpong.py" <<'PY'
# Half round-trip times between ranks 0 and 1: alpha from 8-byte messages, beta from 4 MiB.
import sys, time
from mpi4py import MPI
comm = MPI.COMM_WORLD
rank = comm.Get_rank()
def half_rtt(nbytes, reps):
    buf = bytearray(nbytes)
    best = float("inf")
    for _ in range(3):
        comm.Barrier()
        t0 = time.perf_counter()
        for _ in range(reps):
            if rank == 0:
                comm.Send([buf, MPI.BYTE], dest=1); comm.Recv([buf, MPI.BYTE], source=1)
            else:
                comm.Recv([buf, MPI.BYTE], source=0); comm.Send([buf, MPI.BYTE], dest=0)
        best = min(best, (time.perf_counter() - t0) / reps / 2)
    return best
small = half_rtt(8, 2000)
big_n = 4 << 20
big = half_rtt(big_n, 20)
if rank == 0:
    beta = big_n / max(big - small, 1e-12)
    with open(sys.argv[1], "w") as f:
        f.write("network,alpha_s,beta_Bps,source\n")
        f.write(f"shm-measured,{small:.4e},{beta:.4e},2-rank ping-pong (mpi4py) on this machine\n")
    print(f"ping-pong: alpha {small * 1e6:.2f} us, beta {beta / 1e9:.2f} GB/s (2 ranks, this machine)")
PY
  mpi 2 "$pympi" "$runs/pingpong.py" "$out/network.csv" \
    || echo "scaling.sh: ping-pong failed; perf_model.py will use its assumed figures" >&2
elif ((pingpong)); then
  echo "scaling.sh: no python3 with mpi4py: no ping-pong; perf_model.py uses its assumed figures" >&2
fi

# --- tables -------------------------------------------------------------------------------
"$py" - "$out" "$cores" <<'PY'
import csv, json, math, os, sys
out, cores = sys.argv[1], int(sys.argv[2])
rows = []
with open(os.path.join(out, "raw.tsv")) as f:
    for line in f:
        c, scaling, np_, rep, m, nx, ny, base = line.rstrip("\n").split("\t")
        rows.append(dict(case=c, scaling=scaling, ranks=int(np_), rep=int(rep),
                         members=int(m) if m else None, nx=int(nx) if nx else None,
                         ny=int(ny) if ny else None, base=base))
STAGES = ["inputs", "track", "wind", "ensemble", "hazard", "netcdf", "warnings", "vtk", "summary"]

def grid_points(g):
    n = lambda lo, hi: int(round((hi - lo) / g["resolution_deg"])) + 1
    return n(g["lon_min"], g["lon_max"]) * n(g["lat_min"], g["lat_max"])

def read(r):
    d = dict(r)
    sha = r["base"] + ".sha256"
    d["sha256"] = open(sha).read().strip() if os.path.exists(sha) else ""
    if r["case"].startswith("ens"):
        run = json.load(open(r["base"] + ".run.json"))
        times = len(json.load(open(r["base"] + ".summary.json"))["forecast_track"])
        st = run["stage_wall_s"]
        assert run["mpi_ranks"] == r["ranks"], (r, run["mpi_ranks"])
        assert run["ensemble"]["members"] == r["members"]
        d.update(wall=st["ensemble"], total=run["wall_s"],
                 stages={k: st.get(k, 0.0) for k in STAGES},
                 points=grid_points(run["configuration"]["grid"]), times=times, steps=times)
        d["work"] = r["members"] * d["points"] * times  # member.point.steps
        d["size"] = f"{r['members']} members x {d['points']} points x {times} h"
    else:
        j = json.load(open(r["base"] + ".json"))
        assert j["ranks"] == r["ranks"] and j["cells"] == r["nx"] * r["ny"], (r, j)
        d.update(wall=j["wall_s"], steps=j["steps"], cells=j["cells"],
                 result=repr(j["mass_rel_change"]), total=j["wall_s"])
        d["work"] = j["cells"] * j["steps"]  # cell updates
        d["size"] = f"{r['nx']}x{r['ny']} cells x {j['steps']} steps"
    return d

runs = [read(r) for r in rows]
points = {}
for d in runs:
    points.setdefault((d["case"], d["ranks"]), []).append(d)
order = ["ens-strong", "ens-weak", "swe-strong", "swe-weak"]
table = []
for (c, p) in sorted(points, key=lambda k: (order.index(k[0]), k[1])):
    ds = points[(c, p)]
    best = min(ds, key=lambda d: d["wall"])
    t = dict(case=c, scaling=best["scaling"], ranks=p, oversubscribed=int(p > cores),
             size=best["size"], work=best["work"], steps=best["steps"],
             cells=best.get("cells", ""), members=best.get("members") or "",
             nx=best.get("nx") or "", ny=best.get("ny") or "",
             repeats=len(ds), wall_s=best["wall"],
             wall_s_runs=";".join(f"{d['wall']:.6g}" for d in ds),
             total_wall_s=min(d["total"] for d in ds),
             throughput=best["work"] / best["wall"],
             throughput_unit="member.point.steps/s" if c.startswith("ens") else "cell updates/s",
             grid_points=best.get("points", ""), output_times=best.get("times", ""),
             result=best.get("result", ""),
             result_sha256=";".join(sorted({d["sha256"] for d in ds if d["sha256"]})),
             steps_differ_between_repeats=int(len({d["steps"] for d in ds}) > 1))
    for k in STAGES:  # each stage: its minimum over the repeats
        t[f"stage_{k}_s"] = min(d["stages"][k] for d in ds) if c.startswith("ens") else ""
    table.append(t)
for t in table:
    ref = [u for u in table if u["case"] == t["case"] and u["ranks"] == 1]
    if ref:
        x1 = ref[0]["throughput"]
        t["speedup"] = t["throughput"] / x1
        t["efficiency"] = t["speedup"] / t["ranks"]
    else:
        t["speedup"] = t["efficiency"] = float("nan")
cols = ["case", "scaling", "ranks", "oversubscribed", "size", "work", "steps", "nx", "ny",
        "cells", "members",
        "grid_points", "output_times", "repeats", "wall_s", "wall_s_runs", "speedup", "efficiency",
        "throughput", "throughput_unit", "total_wall_s"] + [f"stage_{k}_s" for k in STAGES] + [
        "result", "result_sha256", "steps_differ_between_repeats"]
with open(os.path.join(out, "scaling.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=cols)
    w.writeheader()
    for t in table:
        w.writerow({k: (f"{t[k]:.6g}" if isinstance(t[k], float) else t[k]) for k in cols})

def si(x):
    for s, f in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if x >= f:
            return f"{x / f:.3g} {s}"
    return f"{x:.3g}"
machine = open(os.path.join(out, "machine.txt")).read().rstrip().splitlines()
md = ["# taifeng scaling", "", "```"] + machine + ["```", ""]
md += ["| case | ranks | problem size | wall s | speed-up | parallel efficiency | throughput |",
       "|---|---:|---|---:|---:|---:|---|"]
for t in table:
    note = " (oversubscribed)" if t["oversubscribed"] else ""
    md.append(f"| {t['case']} | {t['ranks']}{note} | {t['size']} | {t['wall_s']:.3f} | "
              f"{t['speedup']:.2f} | {t['efficiency']:.2f} | {si(t['throughput'])} {t['throughput_unit']} |")
md += ["", "wall s: ens-* the ensemble stage (stage_wall_s.ensemble of run.json: members, "
       "their winds and the reduction of the count grids to rank 0); swe-* the time-step loop "
       "(taifeng swe --json wall_s). Minimum over the repeats. Strong: efficiency = T1/(P TP); "
       "weak: (XP/P)/X1 with X the throughput, speed-up = XP/X1 (scaled).", ""]
ens = [t for t in table if t["case"].startswith("ens")]
if ens:
    md += ["Forecast cycle stages (s, minimum over the repeats; everything after `ensemble` "
           "runs on rank 0 alone, `inputs` and `track` on every rank):", "",
           "| case | ranks | " + " | ".join(STAGES) + " | total |",
           "|---|---:|" + "---:|" * (len(STAGES) + 1)]
    for t in ens:
        md.append(f"| {t['case']} | {t['ranks']} | " +
                  " | ".join(f"{t[f'stage_{k}_s']:.3f}" for k in STAGES) +
                  f" | {t['total_wall_s']:.3f} |")
    md.append("")
net = os.path.join(out, "network.csv")
if os.path.exists(net):
    r = list(csv.DictReader(open(net)))[0]
    md += [f"2-rank ping-pong: alpha {float(r['alpha_s']) * 1e6:.2f} us, "
           f"beta {float(r['beta_Bps']) / 1e9:.2f} GB/s ({r['source']}).", ""]
# Same problem on every rank count: the same steps and (where recorded) the same bytes.
for c, what in (("swe-strong", "NetCDF results"), ("ens-strong", "warnings/summary.json")):
    shas = {t["result_sha256"] for t in table if t["case"] == c and t["result_sha256"]}
    steps = {t["steps"] for t in table if t["case"] == c}
    if steps:
        md.append(f"{c}: steps {'identical' if len(steps) == 1 else 'DIFFER'} on all rank "
                  f"counts ({', '.join(map(str, sorted(steps)))})" +
                  (f"; {what} {'bitwise identical' if len(shas) == 1 else 'DIFFER'}"
                   if shas else "") + ".")
        md.append("")
open(os.path.join(out, "scaling.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
print(f"written: {out}/scaling.csv, {out}/scaling.md")
PY

# --- the performance model on these measurements (bench/perf_model.py) ---------------------
if ((model)); then
  echo
  if "$py" "$here/perf_model.py" --csv "$out/scaling.csv" > "$out/model.md"; then
    cat "$out/model.md"
    echo "written: $out/model.md"
  else
    fail "bench/perf_model.py failed on $out/scaling.csv"
  fi
fi
