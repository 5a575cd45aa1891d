/*
** fast.c: bench/courting.scen specialised by hand, the speed yardstick of `make bench`
** (issue 15). Unlike hand.c (a general re-implementation of the core, kept as the
** independent check of it), this is the loop a C programmer would write for this one
** file: only the factors present (divergent expectations and intervention; with λ = κ =
** r = g = 1, n = 0, no sanctions and a divisible stake the other five cannot restore a
** settlement), the arithmetic inline, the same counter-based splitmix64 streams as
** interp/rng.h. design/core.md §1 with the file's numbers (c_S ~ U(10, 30), the regime;
** c_R ~ U(5, 25), the insurgents):
**
**   q = 30%, p = (1 − q)·20% + q·70% = 35%, b_S = 15%, b_R = 50%, V = 100, x_sq = 30
**   W_R = b_R·V − c_R;  NO THREAT when W_R ≤ x_sq
**   x_min = b_R·V − c_R,  x_max = b_S·V + c_S;  SETTLE when max(x_min, 0) ≤ min(x_max, V) + tol
**   divergent expectations restores when both believe p: W_R' = p·V − c_R ≤ x_sq, or the
**   range [p·V − c_R, p·V + c_S] is not empty; intervention alone changes p, not the
**   explicit beliefs: never a cause here.
**
** Usage: fast [DRAWS]   (default 2,000,000)
*/
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* interp/rng.h's rng_uniform: the uniform of draw i of the stream with this key. */
static inline double uniform(uint64_t key, uint64_t i)
{
	uint64_t z = mix(key + (i + 1) * 0x9e3779b97f4a7c15ull);
	double u = ((double)(z >> 11) + 0.5) * 0x1.0p-53;
	return u < 1 ? u : 0x1.fffffffffffffp-1;
}

static void share(const char *label, long k, long n)
{
	double P = (double)k / n;
	printf("  %-24s %8.4f%% ± %.4f%%\n", label, 100 * P, 100 * sqrt(P * (1 - P) / n));
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000;
	if (n <= 0) {
		fprintf(stderr, "fast: DRAWS must be a positive integer\n");
		return 2;
	}
	const double V = 100, x_sq = 30, b_S = 0.15, b_R = 0.50, tol = 1e-9 * V;
	const double q = 0.30, p = (1 - q) * 0.20 + q * 0.70;
	const uint64_t seed = 7, key_R = mix(seed ^ mix(1)), key_S = mix(seed ^ mix(2));
	long no_threat = 0, settle = 0, breakdown = 0, divergent = 0;
	double sum_min = 0, sum_max = 0, sum_gap = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++) {
		double c_R = 5 + 20 * uniform(key_R, (uint64_t)i);
		double c_S = 10 + 20 * uniform(key_S, (uint64_t)i);
		double x_min = b_R * V - c_R, x_max = b_S * V + c_S;
		sum_min += x_min;
		sum_max += x_max;
		if (x_min <= x_sq) {
			no_threat++;
			continue;
		}
		double lo = x_min > 0 ? x_min : 0, hi = x_max < V ? x_max : V;
		if (lo <= hi + tol) {
			settle++;
			continue;
		}
		breakdown++;
		sum_gap += x_min - x_max;
		/* Both believing p: NO THREAT, or a range that is not empty. */
		double w = p * V - c_R, wlo = w > 0 ? w : 0, whi = p * V + c_S;
		divergent += w <= x_sq || wlo <= (whi < V ? whi : V) + tol;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("fast.c: courting bench, %ld draws, seed 7\n", n);
	share("NO THREAT", no_threat, n);
	share("SETTLE", settle, n);
	share("BREAKDOWN", breakdown, n);
	share("divergent expectations", divergent, n);
	printf("  mean x_min %.4f, mean x_max %.4f, mean gap %.4f\n", sum_min / n, sum_max / n,
	       sum_gap / n);
	printf("  %.3f s, %.1f ns/draw\n", s, s * 1e9 / n);
	return 0;
}
