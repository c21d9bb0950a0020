#!/usr/bin/env python3
"""Performance model of taifeng's two MPI-parallel parts (python3 standard library only).

Shallow-water core (taifeng swe, hpc/src/swe/run.cpp), strong scaling on a fixed grid:
  T_step(P) = max over ranks [ c * t_cell * cells_r + S * (m_r * alpha + B_r / beta) ]
              + ceil(log2 P) * (alpha + 8 / beta)                   (dt allreduce, MPI_MIN)
  cells_r   the rank's block from the code's own decomposition (process_grid and
            block_range, replicated below), so load imbalance is exact;
  S         halo exchanges per step = RK stages (2 for order 2, 1 for order 1);
  m_r, B_r  messages and bytes of one exchange of rank r: one message to each of up to 8
            neighbours (edges and corners), ghost width 2, 3 arrays (h, hu, hv) of doubles;
  c         1, or P / cores when ranks share cores (oversubscription: time slicing).
Ensemble of the forecast cycle (hpc/src/forecast_cycle.cpp), members in blocks over ranks:
  T(P) = T_every_rank + T_wind(P) + ceil(M / P) * t_member + T_reduce(P) + T_cone(P) + T_root
Surge stage of the cycle: whole runs in blocks over ranks, efficiency R / (P ceil(R / P)).

Calibration from bench/scaling.sh's scaling.csv (t_cell, t_member and the stage times of
the 1-rank points) and network.csv (2-rank ping-pong), or from the options. Every
assumption is listed in bench/PERFORMANCE.md. Run with --help for the options.
"""
import argparse
import csv
import math
import os
import sys

GHOST = 2            # hpc/src/swe/run.cpp: decompose(s.nx, s.ny, P, rank, 2)
ARRAYS = 3           # hpc/src/swe/run.cpp: arrays(x) = {h, hu, hv}
BYTES_PER_VALUE = 8  # MPI_DOUBLE (halo_exchange.cpp)
G = 9.81
EARTH_RADIUS_M = 6371000.0


GAMMA_S_PER_BYTE = 0.2e-9  # assumed: summing/maximising a received buffer at 5 GB/s


class Network:
    """alpha: latency of one message (s); beta: bandwidth (B/s); gamma: time per byte of
    the local reduction (sum/max) at each level of a reduction tree (s/B)."""

    def __init__(self, name, alpha_s, beta_Bps, source="", gamma=GAMMA_S_PER_BYTE):
        self.name, self.alpha, self.beta, self.source = name, alpha_s, beta_Bps, source
        self.gamma = gamma

    def msg(self, nbytes):
        """Time of one point-to-point message."""
        return self.alpha + nbytes / self.beta


ZERO = Network("zero", 0.0, math.inf, "no network cost", gamma=0.0)
IB_HDR = Network("IB HDR", 1.5e-6, 12e9,
                 "assumed: InfiniBand HDR 200 Gb/s, 1.5 us MPI latency, 12 GB/s per link")
SHM_ASSUMED = Network("shared memory", 0.5e-6, 5e9,
                      "assumed: one node, MPI over shared memory (0.5 us, 5 GB/s)")


# --- the code's decomposition, replicated ------------------------------------------------------

def block_range(n, rank, size):
    """hpc/src/mpi_runtime.cpp block_range: [begin, end) of block `rank` of n items."""
    base, extra = divmod(n, size)
    begin = rank * base + min(rank, extra)
    return begin, begin + base + (1 if rank < extra else 0)


def process_grid(gnx, gny, nranks, ghost=GHOST):
    """hpc/src/swe/decomposition.cpp process_grid: (px, py) minimising the cut length
    (px-1)*gny + (py-1)*gnx over grids whose blocks are >= max(ghost, 1) wide; ties go to
    the smaller px. None where the code refuses (an input error there)."""
    min_width = max(ghost, 1)
    best, best_cost = None, 0
    for px in range(1, nranks + 1):
        if nranks % px:
            continue
        py = nranks // px
        if gnx // px < min_width or gny // py < min_width:
            continue
        cost = (px - 1) * gny + (py - 1) * gnx
        if best is None or cost < best_cost:
            best, best_cost = (px, py), cost
    return best


def blocks(gnx, gny, nranks, ghost=GHOST):
    """Every rank's block (bx, by, nx, ny); rank = by * px + bx. None if not decomposable."""
    pg = process_grid(gnx, gny, nranks, ghost)
    if pg is None:
        return None
    px, py = pg
    out = []
    for r in range(nranks):
        bx, by = r % px, r // px
        i0, i1 = block_range(gnx, bx, px)
        j0, j1 = block_range(gny, by, py)
        out.append((bx, by, i1 - i0, j1 - j0))
    return px, py, out


def halo_links(px, py, bx, by, nx, ny, ghost=GHOST):
    """Cells sent per link of block (bx, by) in one exchange (halo_exchange.cpp: a link to
    each existing neighbour at (dx, dy) in {-1,0,1}^2, strips ghost wide; corners g x g)."""
    cells = []
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if (dx, dy) == (0, 0):
                continue
            x, y = bx + dx, by + dy
            if not (0 <= x < px and 0 <= y < py):
                continue
            cells.append((ghost if dx else nx) * (ghost if dy else ny))
    return cells


def halo_bytes_formula(nx, ny, ghost=GHOST, arrays=ARRAYS, stages=2):
    """Bytes one interior rank sends per step (8 neighbours): S * 8 * arrays * g *
    (2 nx + 2 ny + 4 g). With g = 2, 3 arrays, S = 2: 192 (nx + ny) + 768."""
    return stages * BYTES_PER_VALUE * arrays * ghost * (2 * nx + 2 * ny + 4 * ghost)


def halo_per_step(gnx, gny, nranks, order=2, ghost=GHOST):
    """Messages and bytes per time step: the busiest rank's and the total over ranks."""
    d = blocks(gnx, gny, nranks, ghost)
    if d is None:
        return None
    px, py, bl = d
    stages = 2 if order == 2 else 1
    per_rank = []
    for (bx, by, nx, ny) in bl:
        links = halo_links(px, py, bx, by, nx, ny, ghost)
        per_rank.append((stages * len(links),
                         stages * sum(links) * ARRAYS * BYTES_PER_VALUE))
    return dict(px=px, py=py, stages=stages,
                max_messages=max(m for m, _ in per_rank),
                max_bytes=max(b for _, b in per_rank),
                total_messages=sum(m for m, _ in per_rank),
                total_bytes=sum(b for _, b in per_rank))


def allreduce_time(nranks, net, nbytes=8):
    return math.ceil(math.log2(nranks)) * net.msg(nbytes) if nranks > 1 else 0.0


def swe_step(gnx, gny, nranks, t_cell, net, order=2, cores=None, contention=1.0,
             overlap=False, ghost=GHOST):
    """Model time of one step on `nranks` ranks (None if the grid cannot be split)."""
    d = blocks(gnx, gny, nranks, ghost)
    if d is None:
        return None
    px, py, bl = d
    stages = 2 if order == 2 else 1
    share = max(1.0, nranks / cores) if cores else 1.0  # ranks time-sharing a core
    slow = (contention if nranks > 1 else 1.0) * share
    worst = None
    for (bx, by, nx, ny) in bl:
        links = halo_links(px, py, bx, by, nx, ny, ghost)
        comm_stage = sum(net.msg(c * ARRAYS * BYTES_PER_VALUE) for c in links)
        compute = t_cell * nx * ny * slow
        if overlap and links:
            # step.cpp stage_overlapped: cells >= 2 from every edge computed while the
            # messages fly (x_whole: whole rows); the edge strips after finish().
            x_whole = px == 1
            inner = (nx if x_whole else max(0, nx - 4)) * max(0, ny - 4)
            t_inner = compute * inner / (nx * ny) / stages
            t_edge = compute / stages - t_inner
            t = stages * (max(comm_stage, t_inner) + t_edge)
        else:
            t = compute + stages * comm_stage
        if worst is None or t > worst[0]:
            worst = (t, compute, t - compute, nx * ny, len(links))
    ar = allreduce_time(nranks, net)
    t, compute, comm, cells, links = worst
    return dict(total=t + ar, compute=compute, halo=comm, allreduce=ar, max_cells=cells,
                links=links, px=px, py=py)


def swe_efficiency(gnx, gny, nranks, t_cell, net, **kw):
    one = swe_step(gnx, gny, 1, t_cell, net, **{k: v for k, v in kw.items() if k != "cores"})
    p = swe_step(gnx, gny, nranks, t_cell, net, **kw)
    return None if p is None else one["total"] / (nranks * p["total"])


def box_grid(lon_min, lon_max, lat_min, lat_max, res):
    """[surge] grid: cell centres on the box edges (hpc cycle_config / Grid::from_box)."""
    nx = int(round((lon_max - lon_min) / res)) + 1
    ny = int(round((lat_max - lat_min) / res)) + 1
    lat_c = 0.5 * (lat_min + lat_max)
    dx = EARTH_RADIUS_M * math.cos(math.radians(lat_c)) * math.radians(res)
    dy = EARTH_RADIUS_M * math.radians(res)
    return nx, ny, dx, dy


def surge_steps(dx, dy, hours, depth_m=200.0, cfl=0.45, speed_ms=2.0, forcing_min=10.0):
    """Steps of one surge run: dt = cfl / ((|u|+c)/dx + (|v|+c)/dy), c = sqrt(g depth_cap),
    and every forcing interval ends on a (shortened) step."""
    c = math.sqrt(G * depth_m)
    dt = cfl / ((speed_ms + c) / dx + (speed_ms + c) / dy)
    per_interval = math.ceil(forcing_min * 60.0 / dt)
    return int(hours * 60.0 / forcing_min * per_interval), dt


# --- ensemble ----------------------------------------------------------------------------------

class EnsembleCalibration:
    """1-rank figures of the demo cycle (surge and rendering off)."""

    def __init__(self, t_member, members, stages, total, points, times, source):
        self.t_member, self.members, self.points, self.times = t_member, members, points, times
        self.stages, self.total, self.source = stages, total, source
        self.every_rank = stages.get("inputs", 0.0) + stages.get("track", 0.0)
        self.t_time = stages.get("wind", 0.0) / times  # one hourly field (+ sub-steps)
        root = ["hazard", "netcdf", "warnings", "vtk", "summary"]
        untimed = max(0.0, total - sum(stages.values()))
        self.root = sum(stages.get(k, 0.0) for k in root) + untimed
        # Count grids reduced to rank 0 (solver/monte_carlo.hpp MemberAccumulator):
        # int32 reach_count thresholds x windows, gale_first times, max_hist bins, strike;
        # int64 max_sum_mm_s. Demo signal rules: 7 thresholds, 6 windows, 201 bins.
        self.thresholds, self.windows, self.bins = 7, 6, 201
        self.reduce_bytes = points * (4 * (self.thresholds * self.windows + times + self.bins + 1) + 8)


def reduce_time(nranks, nbytes, net, calls=1):
    """`calls` MPI_Reduce calls to rank 0 moving nbytes in all, binomial tree: ceil(log2 P)
    levels, each a message and a local reduction of the whole buffer (an upper bound;
    pipelined trees approach alpha log2 P + n (1/beta + gamma))."""
    if nranks == 1:
        return 0.0
    return math.ceil(math.log2(nranks)) * (calls * net.alpha + nbytes / net.beta + nbytes * net.gamma)


def ensemble_time(cal, members, nranks, net, cores=None):
    share = max(1.0, nranks / cores) if cores else 1.0
    rounds = math.ceil(members / nranks)
    ens_compute = rounds * cal.t_member * share
    # five reduce_sum_to_root calls (forecast_cycle.cpp:180-184; chunks of 2^26 values)
    red = reduce_time(nranks, cal.reduce_bytes, net, calls=5)
    # cone: per output time an MPI_Gather of the counts and an MPI_Gatherv of the distances
    cone = 0.0 if nranks == 1 else cal.times * (2 * math.ceil(math.log2(nranks)) * net.alpha
                                                 + members * 8 / net.beta)
    wind_rounds = math.ceil(cal.times / nranks)
    wind = wind_rounds * cal.t_time * share
    if nranks > 1:  # swath MPI_MAX and the hourly fields sent one by one to rank 0
        wind += reduce_time(nranks, cal.points * 8, net)  # reduce_max_to_root(swath)
        wind += (cal.times - wind_rounds) * net.msg(cal.points * 8)
    ens = ens_compute + red + cone
    return dict(ensemble=ens, ens_compute=ens_compute, reduce=red + cone, wind=wind,
                every_rank=cal.every_rank, root=cal.root,
                cycle=cal.every_rank + wind + ens + cal.root)


# --- calibration from bench/scaling.sh ---------------------------------------------------------

def read_scaling_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def calibrate(rows):
    """t_cell (s per cell update) and the ensemble calibration from the 1-rank rows."""
    def one(case):
        r = [x for x in rows if x["case"] == case and int(x["ranks"]) == 1]
        return r[0] if r else None
    t_cell, t_cell_src = None, ""
    for case in ("swe-strong", "swe-weak"):
        r = one(case)
        if r:
            t_cell = float(r["wall_s"]) / (int(r["cells"]) * int(r["steps"]))
            t_cell_src = f"{case}, 1 rank: {r['size']}, {float(r['wall_s']):.3f} s"
            break
    cal = None
    for case in ("ens-strong", "ens-weak"):
        r = one(case)
        if r:
            stages = {k[len("stage_"):-2]: float(v) for k, v in r.items()
                      if k.startswith("stage_") and v not in ("", None)}
            m = int(r["members"])
            cal = EnsembleCalibration(float(r["stage_ensemble_s"]) / m, m, stages,
                                      float(r["total_wall_s"]), int(r["grid_points"]),
                                      int(r["output_times"]), f"{case}, 1 rank: {r['size']}")
            break
    return t_cell, t_cell_src, cal


def read_network(path):
    with open(path, newline="") as f:
        r = list(csv.DictReader(f))[0]
    return Network("shared memory (measured)", float(r["alpha_s"]), float(r["beta_Bps"]),
                   r.get("source", path))


def read_cores(machine_txt):
    with open(machine_txt) as f:
        for line in f:
            if line.startswith("cores (nproc):"):
                return int(line.split(":")[1])
    return None


# --- report ------------------------------------------------------------------------------------

def fmt_t(s):
    if s is None:
        return "-"
    if s < 1e-3:
        return f"{s * 1e6:.1f} us"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def validation(rows, t_cell, cal, net, cores, order):
    lines = []
    for r in rows:
        p, case = int(r["ranks"]), r["case"]
        meas = float(r["wall_s"])
        if case.startswith("swe"):
            nx, ny = int(r["nx"]), int(r["ny"])
            st = swe_step(nx, ny, p, t_cell, net, order=order, cores=cores)
            pred = None if st is None else st["total"] * int(r["steps"])
        else:
            pred = ensemble_time(cal, int(r["members"]), p, net, cores)["ensemble"] if cal else None
        note = ("calibration" if p == 1 and case in ("swe-strong", "ens-strong") else
                "oversubscribed: time-sharing" if cores and p > cores else "check")
        ratio = f"{meas / pred:.2f}" if pred else "-"
        lines.append([case, p, f"{meas:.3f}", f"{pred:.3f}" if pred else "-", ratio, note])
    return table(["case", "ranks", "measured s", "model s", "measured/model", "point"], lines)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="taifeng performance model: shallow-water core and forecast-cycle "
                    "ensemble, calibrated on bench/scaling.sh results; prints Markdown tables.")
    ap.add_argument("--csv", help="scaling.csv of bench/scaling.sh (default: out/scaling/scaling.csv "
                                  "if present)")
    ap.add_argument("--network", help="network.csv (2-rank ping-pong); default: next to --csv")
    ap.add_argument("--t-cell", type=float, help="seconds per cell update on one core "
                    "(default: the 1-rank swe row of --csv, else 1/26.9e6 from README)")
    ap.add_argument("--t-member", type=float, help="seconds per ensemble member on one core "
                    "(default: the 1-rank ens row of --csv, else 13.5e-3 from README)")
    ap.add_argument("--surge-cost-factor", type=float, default=1.0,
                    help="t_cell of a storm-forced surge run over the dam break's (default 1: "
                         "conservative; PERFORMANCE.md gives a measured ~2.2)")
    ap.add_argument("--order", type=int, default=2, choices=(1, 2), help="SWE order (stages/step)")
    ap.add_argument("--alpha-ib", type=float, default=IB_HDR.alpha, help="cluster latency, s")
    ap.add_argument("--beta-ib", type=float, default=IB_HDR.beta, help="cluster bandwidth, B/s")
    ap.add_argument("--overlap", action="store_true",
                    help="model the halo overlapped with the interior update (default: none)")
    ap.add_argument("--contention", type=float, default=1.0,
                    help="per-core compute slowdown when all cores of a node work (default 1)")
    ap.add_argument("--cores", type=int, help="cores of the measuring machine (default: "
                    "machine.txt next to --csv, else this machine's)")
    ap.add_argument("--ranks", default="64,128,256,512,1024", help="predicted rank counts")
    ap.add_argument("--surge-runs", default="20,100", help="surge runs of the cycle")
    ap.add_argument("--members", default="1000,10000", help="ensemble sizes predicted")
    a = ap.parse_args(argv)

    ranks = [int(x) for x in a.ranks.split(",")]
    csv_path = a.csv or ("out/scaling/scaling.csv" if os.path.exists("out/scaling/scaling.csv")
                         else None)
    rows = read_scaling_csv(csv_path) if csv_path else []
    t_cell, t_cell_src, cal = calibrate(rows) if rows else (None, "", None)
    if a.t_cell:
        t_cell, t_cell_src = a.t_cell, "--t-cell"
    if t_cell is None:
        t_cell, t_cell_src = 1 / 26.9e6, "README: 26.9 M cell updates/s on one core (second order)"
    if cal is None:
        cal = EnsembleCalibration(13.5e-3, 1000, {"inputs": 0.15, "track": 0.0, "wind": 0.70,
                                                  "hazard": 0.014, "netcdf": 0.26, "warnings": 0.20,
                                                  "vtk": 0.015, "summary": 0.001},
                                  1.35, 40401, 121, "README demo figures (1000 members 13.5 s)")
        cal.total = sum(cal.stages.values()) + cal.t_member * cal.members
    if a.t_member:
        cal.t_member, cal.source = a.t_member, "--t-member"
    net_path = a.network or (os.path.join(os.path.dirname(csv_path), "network.csv")
                             if csv_path else None)
    shm = read_network(net_path) if net_path and os.path.exists(net_path) else SHM_ASSUMED
    ib = Network(IB_HDR.name, a.alpha_ib, a.beta_ib, IB_HDR.source)
    cores = a.cores
    if cores is None and csv_path:
        m = os.path.join(os.path.dirname(csv_path), "machine.txt")
        cores = read_cores(m) if os.path.exists(m) else None
    cores = cores or os.cpu_count()
    kw = dict(order=a.order, contention=a.contention, overlap=a.overlap)
    t_surge = t_cell * a.surge_cost_factor

    print("# taifeng performance model\n")
    print(f"- t_cell = {t_cell * 1e9:.2f} ns per cell update ({1 / t_cell / 1e6:.1f} M/s; {t_cell_src})")
    print(f"- t_member = {cal.t_member * 1e3:.2f} ms per member on one core ({cal.source}); "
          f"every rank {cal.every_rank:.3f} s (inputs, track), wind {cal.t_time * 1e3:.2f} ms "
          f"per output time x {cal.times}, rank 0 alone {cal.root:.3f} s; count grids reduced "
          f"to rank 0: {cal.reduce_bytes / 1e6:.1f} MB ({cal.points} points)")
    print(f"- networks: {shm.name}: alpha {shm.alpha * 1e6:.2f} us, beta {shm.beta / 1e9:.2f} GB/s "
          f"({shm.source}); {ib.name}: alpha {ib.alpha * 1e6:.2f} us, beta {ib.beta / 1e9:.1f} GB/s "
          f"({ib.source})")
    print(f"- surge grids: t_cell x {a.surge_cost_factor:g} (storm forcing, friction, Coriolis)")
    print(f"- SWE order {a.order}: {2 if a.order == 2 else 1} halo exchanges and 1 allreduce per "
          f"step; overlap {'on' if a.overlap else 'off'}; contention {a.contention}; "
          f"cores of the measuring machine {cores}\n")

    print("## Halo bytes per step (ghost 2, h/hu/hv doubles, 8 neighbours)\n")
    print("An interior rank with an nx x ny block sends per step S * 8 B * 3 arrays * "
          "(2 g ny + 2 g nx + 4 g^2) with g = 2: 192 (nx + ny) + 768 bytes for S = 2 stages "
          "(order 2), in 8 S messages; edge and corner ranks have fewer links.\n")
    hl = []
    for (nx, ny, p) in ((600, 600, 2), (600, 600, 4), (800, 800, 4), (541, 481, 64),
                        (1201, 1621, 1024)):
        h = halo_per_step(nx, ny, p, a.order)
        hl.append([f"{nx}x{ny}", p, f"{h['px']}x{h['py']}", h["max_messages"], h["max_bytes"],
                   h["total_messages"], h["total_bytes"]])
    print(table(["grid", "ranks", "px x py", "msgs/step busiest rank", "bytes/step busiest rank",
                 "msgs/step all", "bytes/step all"], hl) + "\n")

    if rows:
        print(f"## Validation against {csv_path} ({shm.name} network)\n")
        print(validation(rows, t_cell, cal if any(r['case'].startswith('ens') for r in rows) else None,
                         shm, cores, a.order) + "\n")
        s2 = [r for r in rows if r["case"] == "swe-strong" and int(r["ranks"]) == 2]
        if s2 and (not cores or cores >= 2):
            r = s2[0]
            st = swe_step(int(r["nx"]), int(r["ny"]), 2, t_cell, shm, order=a.order)
            meas_step = float(r["wall_s"]) / int(r["steps"])
            excess = meas_step - st["total"]
            print(f"2 ranks, swe-strong: measured {fmt_t(meas_step)} per step, model "
                  f"{fmt_t(st['total'])} (compute {fmt_t(st['compute'])}, halo "
                  f"{fmt_t(st['halo'])}, allreduce {fmt_t(st['allreduce'])}); the excess "
                  f"{fmt_t(excess)} per step read as node contention is a factor "
                  f"{(meas_step - st['halo'] - st['allreduce']) / st['compute']:.2f} on the "
                  "compute (--contention).\n")

    print(f"## Shallow-water core, strong scaling, {ib.name}\n")
    grids = [("Hainan demo 0.1 deg", box_grid(107.5, 112.0, 17.0, 21.0, 0.1)),
             ("Hainan fine 1/120 deg", box_grid(107.5, 112.0, 17.0, 21.0, 1 / 120)),
             ("national 1/60 deg", box_grid(105.0, 125.0, 15.0, 42.0, 1 / 60))]
    sl = []
    for name, (nx, ny, dx, dy) in grids:
        steps, dt = surge_steps(dx, dy, 72)
        one = swe_step(nx, ny, 1, t_surge, ib, **kw)
        sl.append([name, f"{nx}x{ny} ({nx * ny})", 1, "1x1", nx * ny, 0, fmt_t(one["total"]), "1.00",
                   f"{steps} / {fmt_t(steps * one['total'])}"])
        for p in ranks:
            st = swe_step(nx, ny, p, t_surge, ib, cores=None, **kw)
            if st is None:
                sl.append([name, "", p, "-", "-", "-", "-", "cannot split (blocks < 2 cells)", "-"])
                continue
            h = halo_per_step(nx, ny, p, a.order)
            e = one["total"] / (p * st["total"])
            sl.append([name, "", p, f"{st['px']}x{st['py']}", st["max_cells"], h["max_bytes"],
                       fmt_t(st["total"]), f"{e:.2f}", f"{steps} / {fmt_t(steps * st['total'])}"])
    print(table(["grid", "cells", "ranks", "px x py", "block of the slowest rank",
                 "halo B/step (busiest)", "time/step", "efficiency", "72 h run: steps / wall"],
                sl) + "\n")

    print(f"## Surge stage of the cycle: whole runs over ranks ({ib.name})\n")
    ul, runs_list = [], [int(x) for x in a.surge_runs.split(",")]
    for name, (nx, ny, dx, dy) in grids[:2]:
        steps, _ = surge_steps(dx, dy, 72)
        t_run = steps * swe_step(nx, ny, 1, t_surge, ib, **kw)["total"]
        ul.append([name, "", 1, "", 1, fmt_t(t_run), "1 run", "", ""])
        for runs in runs_list:
            ns = nx * ny
            # forecast_cycle.cpp:259-266: maxima (3 + 2 runs grids of doubles) and counts
            red_bytes = 8 * ns * (3 + 2 * runs) + 4 * ns * 5 + 8
            for p in ranks:
                rounds = math.ceil(runs / p)
                red = reduce_time(p, red_bytes, ib, calls=10)
                e = runs * t_run / (p * (rounds * t_run + red))
                g = p // runs
                hyb = None
                if g >= 1:
                    st = swe_step(nx, ny, g, t_surge, ib, **kw)
                    if st is not None:
                        hyb = runs * t_run / (p * (steps * st["total"] + red))
                ul.append([name, runs, p, max(0, p - runs), rounds, fmt_t(rounds * t_run + red),
                           f"{e:.3f}", g if g >= 1 else "-",
                           "-" if hyb is None else f"{hyb:.2f}"])
    print(table(["grid", "runs", "ranks", "idle ranks", "rounds", "stage time (72 h)",
                 "efficiency", "ranks per run if split", "efficiency if split (not implemented)"],
                ul) + "\n")

    print(f"## Ensemble of the cycle ({ib.name}; demo hazard grid {cal.points} points x "
          f"{cal.times} times)\n")
    el = []
    for m in [int(x) for x in a.members.split(",")]:
        base = ensemble_time(cal, m, 1, ib)
        el.append([m, 1, fmt_t(base["ensemble"]), "1.00", fmt_t(base["cycle"]), "1.00",
                   f"{(base['every_rank'] + base['root']) / base['cycle']:.4f}"])
        for p in ranks:
            t = ensemble_time(cal, m, p, ib)
            el.append([m, p, fmt_t(t["ensemble"]), f"{base['ensemble'] / (p * t['ensemble']):.2f}",
                       fmt_t(t["cycle"]), f"{base['cycle'] / (p * t['cycle']):.3f}",
                       f"{(t['every_rank'] + t['root']) / t['cycle']:.2f}"])
    print(table(["members", "ranks", "ensemble stage", "efficiency (stage)", "cycle (no surge)",
                 "efficiency (cycle)", "serial share of cycle time"], el))
    return 0


if __name__ == "__main__":
    sys.exit(main())
