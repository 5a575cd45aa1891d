/*
** quantile.c: the distributions' quantile functions, each drawn at one uniform
** (vm_quantile), and what becomes of GSL's errors.
**
** GSL's default error handler aborts the process, and its beta quantile
** (gsl_cdf_beta_Pinv) fails to converge on ordinary shapes (beta(0.1, 2), beta(50,
** 0.1)) and loops for ever when the incomplete beta is not a number (both shapes
** above about 8.5e5). So: GSL's handler is replaced by one that records the error for
** the draw in progress (vm_failure: the run stops with it, naming the attribute and
** the draw); the beta quantile is scen's own, a Newton iteration kept inside a
** bisection over the doubles, at most BETA_STEPS evaluations of GSL's incomplete beta.
** (GSL's own root solvers were tried in its place: Brent over log x, then over x, to
** the same digits, took 24.7 evaluations of the incomplete beta a quantile against this
** one's 7.6, and a run drawing two betas 2.4 times as long, for the same draws.)
** It is drawn for shapes in [SCEN_BETA_MIN, SCEN_BETA_MAX] only, where that incomplete
** beta was measured to be finite and error-free: beta's domain (check/builtins.c), which
** V_DRAW checks before calling it (docs/language.md, Builtins). Every other quantile is
** closed form, and every parameter is in its distribution's domain here.
*/
#include <float.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "interp/vm.h"

/* ---- failures ---- */

/* The first failure of the draw in progress, by thread (the workers draw in parallel). */
static _Thread_local char failure[160];

const char *vm_failure(void)
{
	return failure[0] ? failure : NULL;
}

void vm_clear_failure(void)
{
	failure[0] = '\0';
}

static void fail(const char *what)
{
	if (!failure[0])
		snprintf(failure, sizeof failure, "%s", what);
}

static void on_gsl_error(const char *reason, const char *file, int line, int gsl_errno)
{
	(void)gsl_errno;
	char what[sizeof failure];
	snprintf(what, sizeof what, "GSL: %s (%s:%d)", reason, file, line);
	fail(what);
}

static void install_handler(void)
{
	gsl_set_error_handler(on_gsl_error);
}

void vm_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, install_handler);
}

/* ---- beta ---- */

/* Evaluations of the incomplete beta one quantile may take: each Newton step that does
** not halve the bracket is followed by a bisection over the doubles, which halves it
** in ulps, so 2 × 64 always suffice with room to spare. */
enum { BETA_STEPS = 200 };

/* The double halfway between lo and hi counted in doubles (0 ≤ lo < hi ≤ 1): reaches a
** quantile of 1e-300 as fast as one of 0.5. */
static double ulp_midpoint(double lo, double hi)
{
	uint64_t a, b;
	memcpy(&a, &lo, sizeof a);
	memcpy(&b, &hi, sizeof b);
	uint64_t m = a + (b - a) / 2;
	double x;
	memcpy(&x, &m, sizeof x);
	return x;
}

static uint64_t ulps_between(double lo, double hi)
{
	uint64_t a, b;
	memcpy(&a, &lo, sizeof a);
	memcpy(&b, &hi, sizeof b);
	return b - a;
}

/* x ≤ 1/2 with P(X ≤ x) = p and P(X > x) = q = 1 − p for X ~ beta(a, b), within the
** CDF's precision or one ulp; NAN, the failure noted, if BETA_STEPS did not suffice
** (never seen). The smaller of p and q is the one given exactly, and is solved with
** its own CDF. */
static double beta_below_half(double p, double q, double a, double b)
{
	double lnbeta = gsl_sf_lnbeta(a, b);
	double lo = 0, hi = 0.5, x = fmin(a / (a + b), 0.25);
	double best = x, best_g = HUGE_VAL, best_slope = 0;	/* the x nearest the root */
	uint64_t before = UINT64_MAX, earlier = UINT64_MAX;	/* the bracket, in ulps, one
								** and two steps ago */
	double tail = fmin(p, q);
	for (int step = 0; step < BETA_STEPS && !vm_failure(); step++) {
		double g = p <= q ? gsl_cdf_beta_P(x, a, b) - p
				  : q - gsl_cdf_beta_Q(x, a, b);	/* rises to 0 at the root */
		if (isnan(g)) {		/* GSL gives NaN without an error, at some shapes */
			fail("GSL's incomplete beta is not a number");
			return NAN;
		}
		if (fabs(g) <= 4 * DBL_EPSILON * tail)
			return x;
		if (g < 0)
			lo = x;
		else
			hi = x;
		uint64_t now = ulps_between(lo, hi);
		if (now <= 1)
			return x;
		if (fabs(g) < fabs(best_g)) {
			best = x, best_g = g;
			best_slope = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lnbeta);
		}
		/* Newton from the best point, when it stays inside the bracket and the
		** bracket halved in the last two steps; else bisect */
		double next = best - best_g / best_slope;
		bool newton = isfinite(next) && next > lo && next < hi && now <= earlier / 2;
		earlier = before;
		before = now;
		if (!newton)
			x = ulp_midpoint(lo, hi);
		else if (fabs(next - best) <= 4 * DBL_EPSILON * best)
			return next;
		else
			x = next;
	}
	fail("the beta quantile did not converge");
	return NAN;
}

/* x with P(X ≤ x) = u for X ~ beta(a, b). Above 1/2, 1 − X ~ beta(b, a) is solved
** instead, so that the search always runs near 0, where doubles are dense: a quantile
** of 1e-150 or of 1 − 1e-15 is found to its last digits. */
static double beta_quantile(double u, double a, double b)
{
	if (!(u > 0 && u < 1))	/* never drawn (rng.h), but defined */
		return u <= 0 ? 0 : 1;
	if (u <= gsl_cdf_beta_P(0.5, a, b))
		return beta_below_half(u, 1 - u, a, b);
	return 1 - beta_below_half(1 - u, u, b, a);
}

/* ---- the others ---- */

static double triangular(double lo, double mode, double hi, double u)
{
	double f = (mode - lo) / (hi - lo);
	if (u < f)
		return lo + sqrt(u * (hi - lo) * (mode - lo));
	return hi - sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/* choice: p[0..n/2) are the values, p[n/2..n) their chances, which add up to 1 within
** SCEN_CHOICE_TOLERANCE (its domain); dividing by their sum makes the last threshold 1. */
static double choice(const double *p, unsigned n, double u)
{
	unsigned m = n / 2;
	double total = 0, acc = 0;
	for (unsigned i = 0; i < m; i++)
		total += p[m + i];
	for (unsigned i = 0; i < m; i++) {
		acc += p[m + i] / total;
		if (u < acc)
			return p[i];
	}
	return m ? p[m - 1] : NAN;
}

double vm_quantile(enum vm_dist d, const double *p, unsigned n, double u)
{
	switch (d) {
	case D_UNIFORM: return p[0] + (p[1] - p[0]) * u;
	case D_NORMAL: return p[0] + p[1] * gsl_cdf_ugaussian_Pinv(u);
	case D_LOGNORMAL: return gsl_cdf_lognormal_Pinv(u, p[0], p[1]);
	case D_BETA: return beta_quantile(u, p[0], p[1]);
	case D_TRIANGULAR: return triangular(p[0], p[1], p[2], u);
	case D_BERNOULLI: return u < p[0];
	case D_CHOICE: return choice(p, n, u);
	}
	return NAN;
}
