/*
** builtins.c: the table of builtins (builtins.h). Each domain function is written so
** that a NaN argument makes it false: every comparison with NaN is false, so each one
** states what is outside, never what is inside.
*/
#include "check/builtins.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "util/scen_conf.h"

static bool clamp_outside(const double *a, unsigned n)
{
	(void)n;
	return a[1] > a[2];
}

static bool x_negative(const double *a, unsigned n)
{
	(void)n;
	return a[0] < 0;
}

static bool x_not_positive(const double *a, unsigned n)
{
	(void)n;
	return a[0] <= 0;
}

static bool third_not_positive(const double *a, unsigned n)	/* normal_cdf's sd */
{
	(void)n;
	return a[2] <= 0;
}

static bool second_not_positive(const double *a, unsigned n)	/* normal's, lognormal's sd */
{
	(void)n;
	return a[1] <= 0;
}

static bool uniform_outside(const double *a, unsigned n)
{
	(void)n;
	return a[0] >= a[1];
}

/* The shapes where scen's beta quantile is reliable (scen_conf.h: GSL's incomplete beta,
** which it inverts, fails beyond them), a subset of the mathematical a > 0 and b > 0. */
static bool beta_outside(const double *a, unsigned n)
{
	(void)n;
	return a[0] < SCEN_BETA_MIN || a[0] > SCEN_BETA_MAX || a[1] < SCEN_BETA_MIN ||
	       a[1] > SCEN_BETA_MAX;
}

static bool triangular_outside(const double *a, unsigned n)
{
	(void)n;
	return a[0] > a[1] || a[1] > a[2] || a[0] >= a[2];
}

static bool bernoulli_outside(const double *a, unsigned n)
{
	(void)n;
	return a[0] < 0 || a[0] > 1;
}

/* Chances a[m..2m): each in [0, 1], adding up to 1 within SCEN_CHOICE_TOLERANCE. */
static bool choice_outside(const double *a, unsigned n)
{
	unsigned m = n / 2;
	double sum = 0;
	for (unsigned i = 0; i < m; i++) {
		if (a[m + i] < 0 || a[m + i] > 1)
			return true;
		sum += a[m + i];
	}
	return fabs(sum - 1) > SCEN_CHOICE_TOLERANCE;
}

static void uniform_support(const double *a, unsigned n, double *lo, double *hi)
{
	(void)n;
	*lo = a[0], *hi = a[1];
}

static void unit_support(const double *a, unsigned n, double *lo, double *hi)
{
	(void)a, (void)n;
	*lo = 0, *hi = 1;
}

static void positive_support(const double *a, unsigned n, double *lo, double *hi)
{
	(void)a, (void)n;
	*lo = 0, *hi = HUGE_VAL;
}

static void triangular_support(const double *a, unsigned n, double *lo, double *hi)
{
	(void)n;
	*lo = a[0], *hi = a[2];
}

/* The least and greatest value (NaN when one is not known). */
static void choice_support(const double *a, unsigned n, double *lo, double *hi)
{
	*lo = HUGE_VAL, *hi = -HUGE_VAL;
	for (unsigned i = 0; i < n / 2; i++) {
		if (isnan(a[i])) {
			*lo = *hi = NAN;
			return;
		}
		*lo = fmin(*lo, a[i]);
		*hi = fmax(*hi, a[i]);
	}
}

double builtin_normal_cdf(double x, double mu, double sd)
{
	return gsl_cdf_gaussian_P(x - mu, sd);
}

double builtin_apply(enum builtin_math m, const double *a, unsigned n)
{
	switch (m) {
	case BM_MIN: return builtin_min_max(a, n, true);
	case BM_MAX: return builtin_min_max(a, n, false);
	case BM_CLAMP: return builtin_clamp(a[0], a[1], a[2]);
	case BM_ABS: return fabs(a[0]);
	case BM_SQRT: return sqrt(a[0]);
	case BM_EXP: return exp(a[0]);
	case BM_LOG: return log(a[0]);
	case BM_NCDF: return builtin_normal_cdf(a[0], a[1], a[2]);
	}
	return NAN;
}

#define MATH(m, name, lo, hi, sig) { name, lo, hi, B_MATH, sig, NULL, NULL, 0, NULL, m }
#define MATH_IN(m, name, n, sig, needs, outside, args) \
	{ name, n, n, B_MATH, sig, needs, outside, args, NULL, m }
#define DIST(name, n, sig, needs, outside, support) \
	{ name, n, n, B_DIST, sig, needs, outside, (1u << n) - 1, support, 0 }
#define TEXT(x) #x
#define CHOICE_TEXT(tol) "each chance between 0 and 1, and the chances adding up to 1 " \
	"(to within " TEXT(tol) ")"
#define BETA_TEXT(lo, hi) "a and b from " TEXT(lo) " to " TEXT(hi) ", where its quantile " \
	"is reliable"

const struct builtin builtins[] = {
	MATH(BM_MIN, "min", 2, -1, "min(a, b, ...)"),
	MATH(BM_MAX, "max", 2, -1, "max(a, b, ...)"),
	MATH_IN(BM_CLAMP, "clamp", 3, "clamp(x, lo, hi)", "lo <= hi", clamp_outside, 6),
	MATH(BM_ABS, "abs", 1, 1, "abs(x)"),
	MATH_IN(BM_SQRT, "sqrt", 1, "sqrt(x)", "x >= 0", x_negative, 1),
	MATH(BM_EXP, "exp", 1, 1, "exp(x)"),
	MATH_IN(BM_LOG, "log", 1, "log(x)", "x > 0", x_not_positive, 1),
	MATH_IN(BM_NCDF, "normal_cdf", 3, "normal_cdf(x, mu, sd)", "sd > 0", third_not_positive, 4),
	DIST("uniform", 2, "uniform(a, b)", "a < b", uniform_outside, uniform_support),
	DIST("normal", 2, "normal(mu, sd)", "sd > 0", second_not_positive, NULL),
	DIST("lognormal", 2, "lognormal(mu, sd)", "sd > 0", second_not_positive,
	     positive_support),
	DIST("beta", 2, "beta(a, b)", BETA_TEXT(SCEN_BETA_MIN, SCEN_BETA_MAX), beta_outside,
	     unit_support),
	DIST("triangular", 3, "triangular(lo, mode, hi)", "lo <= mode <= hi and lo < hi",
	     triangular_outside, triangular_support),
	DIST("bernoulli", 1, "bernoulli(p)", "p between 0 and 1", bernoulli_outside,
	     unit_support),
	{ "choice", 2, 2, B_DIST, "choice(values, chances)", CHOICE_TEXT(SCEN_CHOICE_TOLERANCE), choice_outside,
	  2, choice_support, 0 },
	{ "rejects", 1, 1, B_EVENT, "rejects(M)", NULL, NULL, 0, NULL, 0 },
	{ "accepts", 1, 1, B_EVENT, "accepts(M)", NULL, NULL, 0, NULL, 0 },
	{ "provocation", 1, 1, B_PROVOCATION, "provocation(B)", NULL, NULL, 0, NULL, 0 },
};
const unsigned nbuiltins = sizeof builtins / sizeof builtins[0];

const struct builtin *builtin_find(const char *name)
{
	for (unsigned i = 0; i < nbuiltins; i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}
