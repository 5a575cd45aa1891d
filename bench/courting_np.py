#!/usr/bin/env python3
"""courting_np.py: bench/courting.scen as an analyst who knows NumPy would write it: all
draws as arrays, the model of bench/fast.c (design/core.md section 1 with the file's
numbers: c_S ~ U(10, 30) the regime, c_R ~ U(5, 25) the insurgents, q = 30%,
p = 0.7 * 20% + 0.3 * 70% = 35%, b_S = 15%, b_R = 50%, V = 100, x_sq = 30).

Usage: courting_np.py [DRAWS]   (default 2,000,000); the time printed includes start-up
up to the first draw only from the moment the script runs (the caller times the rest).
"""
import sys
import time

import numpy as np

V, X_SQ, B_S, B_R, Q = 100.0, 30.0, 0.15, 0.50, 0.30
P = (1 - Q) * 0.20 + Q * 0.70
TOL = 1e-9 * V


def share(label, k, n):
    p = k / n
    print(f"  {label:<24} {100 * p:8.4f}% ± {100 * (p * (1 - p) / n) ** 0.5:.4f}%")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    t0 = time.perf_counter()
    rng = np.random.default_rng(7)
    c_s = rng.uniform(10, 30, n)
    c_r = rng.uniform(5, 25, n)
    x_min = B_R * V - c_r
    x_max = B_S * V + c_s
    threat = x_min > X_SQ
    lo, hi = np.maximum(x_min, 0), np.minimum(x_max, V)
    settle = threat & (lo <= hi + TOL)
    breakdown = threat & ~settle
    # Divergent expectations: both believing p, NO THREAT or a range that is not empty.
    w = P * V - c_r
    restored = (w <= X_SQ) | (np.maximum(w, 0) <= np.minimum(P * V + c_s, V) + TOL)
    divergent = breakdown & restored
    gap = np.where(breakdown, x_min - x_max, 0.0)
    s = time.perf_counter() - t0
    nt, st, bd = int((~threat).sum()), int(settle.sum()), int(breakdown.sum())
    print(f"courting_np.py: courting bench, {n} draws, seed 7")
    share("NO THREAT", nt, n)
    share("SETTLE", st, n)
    share("BREAKDOWN", bd, n)
    share("divergent expectations", int(divergent.sum()), n)
    print(f"  mean x_min {x_min.mean():.4f}, mean x_max {x_max.mean():.4f}, "
          f"mean gap {gap.mean():.4f}")
    print(f"  {s:.3f} s, {s * 1e9 / n:.1f} ns/draw")


if __name__ == "__main__":
    main()
