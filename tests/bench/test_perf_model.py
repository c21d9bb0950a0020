#!/usr/bin/env python3
"""Unit checks of bench/perf_model.py (python3 standard library, unittest)."""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import perf_model as pm  # noqa: E402

T_CELL = 1 / 26.9e6


class Decomposition(unittest.TestCase):
    def test_process_grid_matches_the_cpp_tests(self):
        # tests/hpc/swe/test_decomposition.cpp "process grid" expectations
        for (nx, ny, p), want in {(1000, 10, 4): (4, 1), (10, 1000, 4): (1, 4),
                                  (100, 100, 4): (2, 2), (200, 100, 8): (4, 2),
                                  (100, 200, 8): (2, 4), (100, 100, 7): (1, 7),
                                  (120, 90, 12): (4, 3)}.items():
            self.assertEqual(pm.process_grid(nx, ny, p), want, (nx, ny, p))

    def test_refuses_blocks_narrower_than_the_ghost_width(self):
        # the demo surge grid, 46 x 41 cells: at most 23 x 20 blocks of >= 2 cells
        self.assertIsNone(pm.process_grid(46, 41, 512))
        self.assertIsNone(pm.swe_step(46, 41, 1024, T_CELL, pm.IB_HDR))
        self.assertEqual(pm.process_grid(46, 41, 256), (16, 16))

    def test_blocks_tile_the_grid(self):
        for nx, ny, p in ((541, 481, 64), (1201, 1621, 1024), (101, 37, 6)):
            px, py, bl = pm.blocks(nx, ny, p)
            self.assertEqual(sum(b[2] * b[3] for b in bl), nx * ny)
            self.assertEqual(max(b[2] for b in bl) - min(b[2] for b in bl) <= 1, True)


class Halo(unittest.TestCase):
    def test_two_ranks_one_link(self):
        # 600 x 600 on 2 ranks: 1 x 2 blocks of 600 x 300; one link of 2 rows x 600 cells,
        # 3 arrays of 8 bytes, 2 exchanges (RK stages) per step: 2 * 2*600 * 24 = 57600
        h = pm.halo_per_step(600, 600, 2)
        self.assertEqual((h["px"], h["py"]), (1, 2))
        self.assertEqual(h["max_bytes"], 57600)
        self.assertEqual(h["max_messages"], 2)
        self.assertEqual(h["total_bytes"], 2 * 57600)

    def test_four_ranks_with_a_corner(self):
        # 2 x 2 blocks of 300 x 300: each rank sends 2x300 (x), 300x2 (y), 2x2 (corner)
        # = 1204 cells * 24 B = 28896 B per exchange, 57792 B per step, 6 messages
        h = pm.halo_per_step(600, 600, 4)
        self.assertEqual(h["max_bytes"], 57792)
        self.assertEqual(h["max_messages"], 6)
        self.assertEqual(h["total_bytes"], 4 * 57792)
        self.assertEqual(h["total_messages"], 24)

    def test_interior_rank_of_nine(self):
        # 90 x 90 on 9 ranks: 3 x 3 blocks of 30 x 30; the centre rank has 8 links:
        # 2 * (2*30) + 2 * (30*2) + 4 * (2*2) = 256 cells * 24 B * 2 stages = 12288 B
        h = pm.halo_per_step(90, 90, 9)
        self.assertEqual(h["max_bytes"], 12288)
        self.assertEqual(h["max_messages"], 16)
        self.assertEqual(pm.halo_bytes_formula(30, 30), 12288)
        self.assertEqual(pm.halo_bytes_formula(30, 30), 192 * (30 + 30) + 768)
        # first order: one exchange per step
        self.assertEqual(pm.halo_per_step(90, 90, 9, order=1)["max_bytes"], 6144)


class Efficiency(unittest.TestCase):
    def test_zero_network_and_divisible_grid_is_perfect(self):
        for p in (2, 4, 16, 64):
            e = pm.swe_efficiency(256, 256, p, T_CELL, pm.ZERO)
            self.assertAlmostEqual(e, 1.0, places=12)
        cal = pm.EnsembleCalibration(0.02, 100, {"ensemble": 2.0}, 2.0, 40401, 121, "test")
        cal.every_rank = cal.root = cal.t_time = 0.0
        one = pm.ensemble_time(cal, 400, 1, pm.ZERO)["ensemble"]
        for p in (2, 4, 8, 100, 400):
            t = pm.ensemble_time(cal, 400, p, pm.ZERO)["ensemble"]
            self.assertAlmostEqual(one / (p * t), 1.0, places=12)

    def test_imbalance_alone_lowers_efficiency(self):
        # 257 x 256 on 4 ranks: the largest block has 129 x 128 cells
        e = pm.swe_efficiency(257, 256, 4, T_CELL, pm.ZERO)
        self.assertAlmostEqual(e, 257 * 256 / (4 * 129 * 128), places=12)
        cal = pm.EnsembleCalibration(0.02, 100, {"ensemble": 2.0}, 2.0, 40401, 121, "test")
        cal.every_rank = cal.root = cal.t_time = 0.0
        t = pm.ensemble_time(cal, 1000, 1024, pm.ZERO)["ensemble"]  # one round of 1 member
        self.assertAlmostEqual(pm.ensemble_time(cal, 1000, 1, pm.ZERO)["ensemble"] / (1024 * t),
                               1000 / 1024, places=12)

    def test_efficiency_decreases_with_ranks_on_a_fixed_grid(self):
        for grid in ((541, 481), (1201, 1621), (600, 600)):
            for net in (pm.IB_HDR, pm.SHM_ASSUMED):
                es = [pm.swe_efficiency(*grid, p, T_CELL, net) for p in
                      (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)]
                self.assertEqual(es[0], 1.0)
                for a, b in zip(es, es[1:]):
                    self.assertLess(b, a, (grid, net.name, es))
        cal = pm.EnsembleCalibration(0.0135, 1000, {"inputs": 0.15, "wind": 0.7, "ensemble": 13.5,
                                                    "netcdf": 0.26, "warnings": 0.2}, 15.0,
                                     40401, 121, "test")
        cyc = [pm.ensemble_time(cal, 1000, p, pm.IB_HDR) for p in (1, 64, 128, 256, 512, 1024)]
        eff = [cyc[0]["cycle"] / (p * c["cycle"]) for p, c in zip((1, 64, 128, 256, 512, 1024), cyc)]
        for a, b in zip(eff, eff[1:]):
            self.assertLess(b, a)

    def test_overlap_never_slower(self):
        for p in (4, 64, 256):
            a = pm.swe_step(541, 481, p, T_CELL, pm.IB_HDR)["total"]
            b = pm.swe_step(541, 481, p, T_CELL, pm.IB_HDR, overlap=True)["total"]
            self.assertLessEqual(b, a)

    def test_oversubscription_shares_the_cores(self):
        two = pm.swe_step(400, 400, 2, T_CELL, pm.ZERO, cores=2)["total"]
        four = pm.swe_step(400, 400, 4, T_CELL, pm.ZERO, cores=2)["total"]
        self.assertAlmostEqual(four, two, places=15)


class Calibration(unittest.TestCase):
    ROWS = [
        {"case": "swe-strong", "ranks": "1", "size": "600x600 cells x 630 steps", "nx": "600",
         "ny": "600", "cells": "360000", "steps": "630", "wall_s": "8.4375"},
        {"case": "swe-strong", "ranks": "2", "size": "600x600 cells x 630 steps", "nx": "600",
         "ny": "600", "cells": "360000", "steps": "630", "wall_s": "4.5"},
        {"case": "ens-strong", "ranks": "1", "size": "400 members", "members": "400",
         "grid_points": "40401", "output_times": "121", "wall_s": "9.2", "total_wall_s": "11.0",
         "stage_inputs_s": "0.15", "stage_track_s": "0.001", "stage_wind_s": "0.7",
         "stage_ensemble_s": "9.2", "stage_hazard_s": "0.014", "stage_netcdf_s": "0.26",
         "stage_warnings_s": "0.2", "stage_vtk_s": "0.015", "stage_summary_s": "0.001"},
    ]

    def test_reproduces_the_one_rank_times(self):
        t_cell, _, cal = pm.calibrate(self.ROWS)
        self.assertAlmostEqual(t_cell, 8.4375 / (360000 * 630), places=20)
        for net in (pm.IB_HDR, pm.SHM_ASSUMED, pm.ZERO):
            t1 = pm.swe_step(600, 600, 1, t_cell, net)["total"] * 630
            self.assertAlmostEqual(t1, 8.4375, places=12)
            e1 = pm.ensemble_time(cal, 400, 1, net)
            self.assertAlmostEqual(e1["ensemble"], 9.2, places=12)
            self.assertAlmostEqual(e1["cycle"], 11.0, places=12)
        self.assertAlmostEqual(cal.t_member, 9.2 / 400, places=15)
        # what rank 0 does alone: the stages after the ensemble and the untimed rest
        self.assertAlmostEqual(cal.root, 0.014 + 0.26 + 0.2 + 0.015 + 0.001 +
                               (11.0 - (0.15 + 0.001 + 0.7 + 9.2 + 0.014 + 0.26 + 0.2 + 0.015 + 0.001)),
                               places=12)

    def test_count_grids_reduced_to_rank_0(self):
        # (7 thresholds x 6 windows + 121 times + 201 bins + 1 strike) int32 + 1 int64 per point
        cal = pm.EnsembleCalibration(0.01, 1, {}, 0.0, 40401, 121, "test")
        self.assertEqual(cal.reduce_bytes, 40401 * ((42 + 121 + 201 + 1) * 4 + 8))

    def test_surge_grids(self):
        self.assertEqual(pm.box_grid(107.5, 112.0, 17.0, 21.0, 0.1)[:2], (46, 41))
        self.assertEqual(pm.box_grid(107.5, 112.0, 17.0, 21.0, 1 / 120)[:2], (541, 481))
        self.assertEqual(pm.box_grid(105.0, 125.0, 15.0, 42.0, 1 / 60)[:2], (1201, 1621))
        steps, dt = pm.surge_steps(*pm.box_grid(107.5, 112.0, 17.0, 21.0, 0.1)[2:], 72)
        c = math.sqrt(9.81 * 200)
        self.assertTrue(40 < dt < 60 and steps >= 72 * 3600 / dt, (steps, dt, c))


if __name__ == "__main__":
    unittest.main()
