/*
** screen_fast.c: bench/screening.scen specialised by hand, the screening yardstick of
** `make bench` (issue 15): the O(K) loop a C programmer would write for this one file.
** design/core.md §2 with the file's numbers (V = 100, both believing p = 30%, g = 1, no
** sanctions, a divisible stake): the insurgents' K = 4,096 types are the quantiles
** c_k = 5 + 20·(k + ½)/K of their private cost, each with the threshold x_min = 30 − c_k
** (every type poses a threat: W_R = 30 − c_k > 0 = x_sq); the regime's cost c_S ~ U(10, 30)
** is drawn per draw, so that W_S = 70 − c_S. The regime offers the x among 0 and the
** thresholds that maximises EU_S(x) = A(x)·(100 − x) + (1 − A(x))·W_S, A(x) the share of
** thresholds at or below x (ties: the smaller offer); RISK when 0 < A(x*) < 1.
**
**   the optimum is x* = min((35 + c_S)/2, 25): RISK when c_S < 15, 25% of draws;
**   else every type accepts x* = 25 (SETTLE).
**
** Usage: screen_fast [DRAWS]   (default 100,000)
*/
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { K = 4096 };

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

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
	if (n <= 0) {
		fprintf(stderr, "screen_fast: DRAWS must be a positive integer\n");
		return 2;
	}
	const double V = 100, p = 0.30;
	static double t[K];	/* the thresholds, ascending: the costliest type first */
	for (int k = 0; k < K; k++)
		t[K - 1 - k] = p * V - (5 + 20 * (k + 0.5) / K);
	const uint64_t key_S = mix(11 ^ mix(2));
	long risk = 0;
	double sum_offer = 0, sum_pwar = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++) {
		double c_S = 10 + 20 * uniform(key_S, (uint64_t)i);
		double war = (1 - p) * V - c_S;
		double best_x = 0, best_eu = war;	/* x = 0: no type accepts */
		int best = 0;
		for (int j = 0; j < K; j++) {
			double x = t[j], a = (j + 1) * (1.0 / K);
			double eu = a * (V - x) + (1 - a) * war;
			if (eu > best_eu) {
				best_eu = eu;
				best_x = x;
				best = j + 1;
			}
		}
		double p_war = (double)(K - best) / K;
		bool screened = p_war > 0 && p_war < 1;
		risk += screened;
		sum_offer += screened ? best_x : 0;
		sum_pwar += p_war;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("screen_fast.c: screening bench, %ld draws, K = %d\n", n, K);
	printf("  RISK %.4f%%, mean offer in RISK draws %.4f, mean P(war) %.6f\n",
	       100.0 * risk / n, risk ? sum_offer / risk : NAN, sum_pwar / n);
	printf("  %.3f s, %.1f ns/draw\n", s, s * 1e9 / n);
	return 0;
}
