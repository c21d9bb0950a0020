#!/usr/bin/env bash
# bench/scaling.sh --quick: every case on 1, 2 and 4 (oversubscribed on 2 cores) ranks, then
# checks of scaling.csv / scaling.md (rows, positive times, efficiency 1 at 1 rank, work per
# rank in the weak cases) and of the results (same steps, cells and bytes on every rank
# count), and bench/perf_model.py's report on the CSV (calibration points reproduced).
set -euo pipefail
taifeng=$1 src=$2 work=$3 mpiexec=${4:-mpirun}
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
bash "$src/bench/scaling.sh" --quick --ranks "1 2 4" --swe-netcdf --taifeng "$taifeng" \
  --mpirun "$mpiexec" --out "$work" > "$work/stdout.txt" 2> "$work/stderr.txt" \
  || { cat "$work/stderr.txt"; fail "scaling.sh --quick"; }
cat "$work/stdout.txt"
python3 - "$work" "$(env -u OMP_NUM_THREADS nproc)" <<'PY' || fail "scaling tables"
import csv, sys
work, cores = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(f"{work}/scaling.csv")))
cases = ["ens-strong", "ens-weak", "swe-strong", "swe-weak"]
assert [(r["case"], int(r["ranks"])) for r in rows] == [(c, p) for c in cases for p in (1, 2, 4)], \
    [(r["case"], r["ranks"]) for r in rows]
by = {(r["case"], int(r["ranks"])): r for r in rows}
for r in rows:
    p = int(r["ranks"])
    for k in ("wall_s", "throughput", "speedup", "efficiency", "total_wall_s"):
        assert float(r[k]) > 0, (r["case"], p, k, r[k])
    assert int(r["oversubscribed"]) == int(p > cores), r
    assert int(r["repeats"]) == 1 and int(r["steps"]) > 0, r
    if p == 1:
        assert float(r["efficiency"]) == 1.0 and float(r["speedup"]) == 1.0, r
    if r["case"].startswith("ens"):
        assert float(r["stage_ensemble_s"]) == float(r["wall_s"]) > 0, r
        assert float(r["total_wall_s"]) >= float(r["stage_ensemble_s"]), r
        assert int(r["grid_points"]) == 101 * 101 and int(r["output_times"]) == 49, r
    # strong: efficiency = T1 / (P TP) (same work)
    if r["scaling"] == "strong":
        t1 = float(by[(r["case"], 1)]["wall_s"])
        assert abs(float(r["efficiency"]) - t1 / (p * float(r["wall_s"]))) < 1e-4 * float(r["efficiency"]), r
for p in (1, 2, 4):
    s, w = by[("swe-strong", p)], by[("swe-weak", p)]
    s1, w1 = by[("swe-strong", 1)], by[("swe-weak", 1)]
    # The same problem on every rank count: same steps, cells, mass change and NetCDF bytes.
    assert (s["steps"], s["cells"], s["result"]) == (s1["steps"], s1["cells"], s1["result"]), (s, s1)
    assert s["result_sha256"] and s["result_sha256"] == s1["result_sha256"], "swe results differ"
    assert int(s["cells"]) == 160 * 120
    # Weak: P blocks of 100 x 100, the same steps (the wave stays inside the 1-rank domain).
    assert int(w["cells"]) == p * int(w1["cells"]) == p * 100 * 100, w
    assert w["steps"] == w1["steps"], (w["steps"], w1["steps"])
    e, e1 = by[("ens-strong", p)], by[("ens-strong", 1)]
    assert int(e["members"]) == 8 and e["result_sha256"] == e1["result_sha256"] != "", "ensemble differs"
    assert int(by[("ens-weak", p)]["members"]) == 4 * p
md = open(f"{work}/scaling.md").read().splitlines()
head = [i for i, l in enumerate(md) if l.startswith("| case | ranks | problem size | wall s |")]
assert len(head) == 1, "no table header in scaling.md"
body = md[head[0] + 2: head[0] + 2 + 12]
assert all(l.startswith("| ") and l.count("|") == 8 for l in body), body
assert [l.split("|")[1].strip() for l in body] == [c for c in cases for _ in range(3)], body
assert "(oversubscribed)" in body[2] and "(oversubscribed)" not in body[1]
machine = open(f"{work}/machine.txt").read()
for key in ("cores (nproc):", "cpu:", "load average at start:", "oversubscribed"):
    assert key in machine, key
assert any("bitwise identical" in l and l.startswith("swe-strong") for l in md), md[-6:]
print("scaling tables OK:", len(rows), "rows")
PY
# scaling.sh ran bench/perf_model.py on its CSV into model.md.
[[ -s $work/model.md ]] || fail "no model.md"
grep -F "| swe-strong | 1 |" "$work/model.md" | grep -q "| 1.00 | calibration |" \
  || fail "perf_model.py does not reproduce the swe calibration point"
grep -F "| ens-strong | 1 |" "$work/model.md" | grep -q "| 1.00 | calibration |" \
  || fail "perf_model.py does not reproduce the ensemble calibration point"
grep -q "^## Shallow-water core, strong scaling" "$work/model.md" || fail "no predictions"
bash "$src/bench/scaling.sh" --help | grep -q -- "--quick" || fail "--help"
python3 "$src/bench/perf_model.py" --help | grep -q -- "--csv" || fail "perf_model.py --help"
echo "PASS scaling.sh --quick and perf_model.py"
