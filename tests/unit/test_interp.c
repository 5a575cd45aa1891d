/*
** test_interp.c: the interpreter (interp/): counter-based random streams, the quantile
** functions behind `~`, exact sums and the quantile sample, and whole programs
** compiled and run (check_load_text + interp_new + interp_run) against numbers
** computed by hand from design/core.md.
*/
#define _GNU_SOURCE /* asprintf */
#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/builtins.h"
#include "check/check.h"
#include "util/diag.h"
#include "interp/interp.h"
#include "interp/interp_int.h"
#include "util/scen_conf.h"
#include "interp/totals.h"
#include "interp/rng.h"
#include "interp/vm.h"

/* ---- rng ---- */

Test(rng, same_seed_name_and_draw_give_the_same_value)
{
	uint64_t a = rng_key(7, "serbia.cost"), b = rng_key(7, "serbia.cost");
	cr_assert_eq(a, b);
	for (uint64_t i = 0; i < 1000; i += 37)
		cr_assert_eq(rng_uniform(a, i), rng_uniform(b, i));
}

Test(rng, different_names_seeds_and_draws_differ)
{
	uint64_t k = rng_key(7, "serbia.cost");
	cr_assert_neq(k, rng_key(7, "kla.cost"));
	cr_assert_neq(k, rng_key(8, "serbia.cost"));
	cr_assert_neq(rng_key(1, "ab"), rng_key(1, "ba"));
	cr_assert_neq(rng_uniform(k, 0), rng_uniform(k, 1));
	/* two streams are not one shifted copy of the other */
	uint64_t j = rng_key(7, "kla.cost");
	int same = 0;
	for (uint64_t i = 0; i < 1000; i++)
		same += rng_uniform(k, i) == rng_uniform(j, i) ||
			rng_uniform(k, i + 1) == rng_uniform(j, i);
	cr_assert_eq(same, 0);
}

Test(rng, uniform_in_the_open_unit_interval_and_uniform)
{
	uint64_t key = rng_key(1, "x");
	const unsigned n = 1000000;
	double sum = 0;
	unsigned below[4] = { 0 };
	for (unsigned i = 0; i < n; i++) {
		double u = rng_uniform(key, i);
		cr_assert(u > 0 && u < 1, "draw %u: %g", i, u);
		sum += u;
		below[(int)(u * 4)]++;
	}
	/* mean 1/2, sd 1/sqrt(12): 3 SE at 10^6 draws is 0.00087 */
	cr_assert_lt(fabs(sum / n - 0.5), 3 * sqrt(1.0 / 12 / n));
	for (int q = 0; q < 4; q++)	/* each quarter: 3 SE is 0.0013 */
		cr_assert_lt(fabs(below[q] / (double)n - 0.25), 3 * sqrt(0.25 * 0.75 / n),
			     "quarter %d: %u", q, below[q]);
}

/* ---- quantile functions ---- */

static double q(enum vm_dist d, double u, unsigned n, double a, double b, double c)
{
	double p[3] = { a, b, c };
	return vm_quantile(d, p, n, u);
}

Test(vm_quantile, uniform_normal_lognormal)
{
	cr_assert_float_eq(q(D_UNIFORM, 0.25, 2, 2, 6, 0), 3, 1e-12);
	cr_assert_float_eq(q(D_UNIFORM, 0.5, 2, -1, 1, 0), 0, 1e-12);
	cr_assert_float_eq(q(D_NORMAL, 0.5, 2, 1, 2, 0), 1, 1e-12);
	cr_assert_float_eq(q(D_NORMAL, 0.975, 2, 1, 2, 0), 1 + 2 * 1.959963984540054, 1e-9);
	cr_assert_float_eq(q(D_NORMAL, 0.1, 2, 0, 1, 0), gsl_cdf_ugaussian_Pinv(0.1), 1e-12);
	cr_assert_float_eq(q(D_LOGNORMAL, 0.5, 2, 0, 1, 0), 1, 1e-12);
	cr_assert_float_eq(q(D_LOGNORMAL, gsl_cdf_ugaussian_P(1), 2, 0, 1, 0), exp(1), 1e-9);
	cr_assert_float_eq(q(D_LOGNORMAL, 0.3, 2, 2.5, 0.5, 0),
			   exp(2.5 + 0.5 * gsl_cdf_ugaussian_Pinv(0.3)), 1e-9);
}

Test(vm_quantile, beta_triangular_bernoulli_choice)
{
	/* beta(2, 2): F(x) = 3x² − 2x³; F(0.25) = 0.15625, F(0.5) = 0.5 */
	cr_assert_float_eq(q(D_BETA, 0.5, 2, 2, 2, 0), 0.5, 1e-9);
	cr_assert_float_eq(q(D_BETA, 0.15625, 2, 2, 2, 0), 0.25, 1e-9);
	cr_assert_float_eq(q(D_BETA, 0.7, 2, 2, 5, 0), gsl_cdf_beta_Pinv(0.7, 2, 5), 1e-12);
	/* triangular(0, 1, 4): F(1) = 1/4; F(x) = x²/4 below 1, 1 − (4 − x)²/12 above */
	cr_assert_float_eq(q(D_TRIANGULAR, 0.25, 3, 0, 1, 4), 1, 1e-12);
	cr_assert_float_eq(q(D_TRIANGULAR, 0.0625, 3, 0, 1, 4), 0.5, 1e-12);
	cr_assert_float_eq(q(D_TRIANGULAR, 0.75, 3, 0, 1, 4), 4 - sqrt(3), 1e-12);
	cr_assert_float_eq(q(D_TRIANGULAR, 0.5, 3, 0, 0, 2), 2 - sqrt(2), 1e-12);
	cr_assert_eq(q(D_BERNOULLI, 0.2, 1, 0.3, 0, 0), 1);
	cr_assert_eq(q(D_BERNOULLI, 0.5, 1, 0.3, 0, 0), 0);
	/* choice([10, 20, 30], [0.25, 0.5, 0.25]): cumulative 0.25, 0.75, 1 */
	double p[6] = { 10, 20, 30, 0.25, 0.5, 0.25 };
	cr_assert_eq(vm_quantile(D_CHOICE, p, 6, 0.2), 10);
	cr_assert_eq(vm_quantile(D_CHOICE, p, 6, 0.3), 20);
	cr_assert_eq(vm_quantile(D_CHOICE, p, 6, 0.74), 20);
	cr_assert_eq(vm_quantile(D_CHOICE, p, 6, 0.8), 30);
	cr_assert_eq(vm_quantile(D_CHOICE, p, 6, 0.9999999), 30);
}

/* The domains of check/builtins.c, which the checker applies to constant arguments and
** the interpreter to every draw's (vm_quantile computes only inside them): each
** parameter just outside is refused, the nearest inside accepted, and a NaN is never
** "outside" (it propagates to the not-a-number error). */
static bool outside(const char *fn, unsigned n, double a, double b, double c)
{
	double p[3] = { a, b, c };
	const struct builtin *f = builtin_find(fn);
	cr_assert(f && f->outside, "%s has no domain", fn);
	return f->outside(p, n);
}

Test(builtins, the_domain_of_every_builtin_that_has_one)
{
	cr_assert(outside("uniform", 2, 3, 1, 0) && outside("uniform", 2, 1, 1, 0));
	cr_assert(!outside("uniform", 2, 1, 1.5, 0));
	cr_assert(outside("normal", 2, 0, 0, 0) && !outside("normal", 2, 0, 1e-300, 0));
	cr_assert(outside("lognormal", 2, 0, -1, 0));
	cr_assert(outside("beta", 2, 0, 1, 0) && outside("beta", 2, 1, -1, 0));
	cr_assert(!outside("beta", 2, 0.5, 0.5, 0));
	/* beta's shapes: where its quantile is reliable (scen_conf.h), GSL's looped for ever
	** at beta(1e8, 1e8) */
	cr_assert(outside("beta", 2, 1e8, 1e8, 0) && outside("beta", 2, 2, SCEN_BETA_MIN / 2, 0));
	cr_assert(outside("beta", 2, nextafter(SCEN_BETA_MAX, INFINITY), 1, 0));
	cr_assert(!outside("beta", 2, SCEN_BETA_MIN, SCEN_BETA_MAX, 0));
	cr_assert(outside("triangular", 3, 0, 5, 4) && outside("triangular", 3, 2, 2, 2));
	cr_assert(!outside("triangular", 3, 0, 0, 2) && !outside("triangular", 3, 0, 2, 2));
	cr_assert(outside("bernoulli", 1, 1.5, 0, 0) && outside("bernoulli", 1, -0.1, 0, 0));
	cr_assert(!outside("bernoulli", 1, 0, 0, 0) && !outside("bernoulli", 1, 1, 0, 0));
	cr_assert(outside("clamp", 3, 0, 1, 0) && !outside("clamp", 3, 5, 1, 1));
	cr_assert(outside("sqrt", 1, -1e-300, 0, 0) && !outside("sqrt", 1, 0, 0, 0));
	cr_assert(outside("log", 1, 0, 0, 0) && !outside("log", 1, 1e-300, 0, 0));
	cr_assert(outside("normal_cdf", 3, 0, 0, 0) && !outside("normal_cdf", 3, 0, 0, 1));
	cr_assert(!outside("sqrt", 1, NAN, 0, 0) && !outside("uniform", 2, NAN, 1, 0));
	cr_assert(!outside("normal_cdf", 3, 0, 0, NAN));
	cr_assert_null(builtin_find("min")->outside);
	cr_assert_null(builtin_find("exp")->outside);
}

/* The value of math builtin b at a[0..n) folded by the checker: `let v = b(a...)`. */
static double folded(const struct builtin *b, const double *a, unsigned n)
{
	char text[512];
	int len = snprintf(text, sizeof text, "let v = %s(", b->name);
	for (unsigned i = 0; i < n; i++)
		len += snprintf(text + len, sizeof text - (size_t)len, "%s%.17g", i ? ", " : "", a[i]);
	snprintf(text + len, sizeof text - (size_t)len, ")\n");
	struct program prog;
	struct diag_sink sink;
	program_init(&prog);
	diag_init(&sink);
	cr_assert_eq(check_load_text(&prog, "t.scen", text, strlen(text), &sink), STATUS_OK,
		     "%s", text);
	const struct symbol *v = model_find(prog.model, "v");
	cr_assert(v && v->value->constant, "%s not folded", text);
	double x = v->value->value;
	diag_free(&sink);
	program_free(&prog);
	return x;
}

/* The same call run by the interpreter: its arguments pushed, then b's instruction. */
static double evaluated(const struct builtin *b, const double *a, unsigned n)
{
	struct vm_ins code[8];
	for (unsigned i = 0; i < n; i++)
		code[i] = (struct vm_ins){ .op = V_CONST, .k = a[i] };
	code[n] = (struct vm_ins){ .op = compile_math_op(b->math), .n = (uint16_t)n };
	struct vm_chunk c = { .code = code, .len = n + 1, .cap = 8, .maxstack = n, .need = n + 1 };
	double stack[16];
	struct vm_env env = { .stack = stack, .force_stream = -1 };
	return vm_eval(&c, &env, NULL);
}

/* Folding and running share one arithmetic (check/builtins.c builtin_apply; vm.c
** calls the same functions): a value never depends on whether it was folded, to the
** last bit. Hand values: min(3, -2, 7) = -2, max = 7; clamp(5, 0, 1) = 1,
** clamp(-1, 0, 1) = 0; abs(-2.5) = 2.5; sqrt(2.25) = 1.5; exp(0) = 1; log(1) = 0;
** normal_cdf(0, 0, 1) = 1/2, normal_cdf(1.96, 0, 1) = 0.9750021048517795 (the
** 97.5% point of the standard normal), normal_cdf(3, 1, 2) = normal_cdf(1, 0, 1) =
** 0.8413447460685429. */
Test(builtins, folding_and_running_give_the_same_value_to_the_last_bit)
{
	static const struct { const char *fn; unsigned n; double a[3], want; } cases[] = {
		{ "min", 3, { 3, -2, 7 }, -2 }, { "max", 3, { 3, -2, 7 }, 7 },
		{ "min", 2, { 0.1, 0.3 }, 0.1 }, { "clamp", 3, { 5, 0, 1 }, 1 },
		{ "clamp", 3, { -1, 0, 1 }, 0 }, { "clamp", 3, { 0.25, 0, 1 }, 0.25 },
		{ "abs", 1, { -2.5 }, 2.5 }, { "sqrt", 1, { 2.25 }, 1.5 },
		{ "sqrt", 1, { 2 }, 1.4142135623730951 }, { "exp", 1, { 0 }, 1 },
		{ "exp", 1, { 1 }, 2.718281828459045 }, { "log", 1, { 1 }, 0 },
		{ "log", 1, { 10 }, 2.302585092994046 },
		{ "normal_cdf", 3, { 0, 0, 1 }, 0.5 },
		{ "normal_cdf", 3, { 1.96, 0, 1 }, 0.9750021048517795 },
		{ "normal_cdf", 3, { 3, 1, 2 }, 0.8413447460685429 },
		{ "normal_cdf", 3, { 0.3, 0.1, 0.7 }, NAN },	/* agreement only */
	};
	bool seen[BM_NCDF + 1] = { false };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct builtin *b = builtin_find(cases[i].fn);
		cr_assert(b && b->kind == B_MATH);
		double f = folded(b, cases[i].a, cases[i].n), r = evaluated(b, cases[i].a, cases[i].n);
		cr_assert(f == r, "%s: folded %.17g, run %.17g", cases[i].fn, f, r);
		if (!isnan(cases[i].want))
			cr_assert_float_eq(r, cases[i].want, 1e-15, "%s: %.17g", cases[i].fn, r);
		seen[b->math] = true;
	}
	for (unsigned i = 0; i < nbuiltins; i++)	/* every math builtin has a case */
		if (builtins[i].kind == B_MATH)
			cr_assert(seen[builtins[i].math], "no case for %s", builtins[i].name);
}

/* choice's chances (the second half): each in [0, 1], adding up to 1 within 1e-9. */
Test(builtins, the_chances_of_choice)
{
	const struct builtin *c = builtin_find("choice");
	double ok[][6] = { { 1, 2, 3, 0.1, 0.2, 0.7 }, { 1, 2, 3, 1, 0, 0 },
			   { 1, 2, 3, 1.0 / 3, 1.0 / 3, 1.0 / 3 }, { 1, 2, 3, 0.5, 0.5, 1e-10 } };
	double bad[][6] = { { 1, 2, 3, 0.5, 0.6, 0 }, { 1, 2, 3, 0, 0, 0 },
			    { 1, 2, 3, 2, -1, 0 }, { 1, 2, 3, 0.5, 0.5, 2e-9 } };
	for (unsigned i = 0; i < 4; i++) {
		cr_assert_not(c->outside(ok[i], 6), "row %u", i);
		cr_assert(c->outside(bad[i], 6), "row %u", i);
	}
	double nan_value[4] = { NAN, 2, 0.5, 0.5 };	/* the values are not its domain */
	cr_assert_not(c->outside(nan_value, 4));
	double lo, hi;
	c->support(ok[0], 6, &lo, &hi);
	cr_assert(lo == 1 && hi == 3);
}

/* The beta quantile is scen's own (quantile.c): GSL's aborted or looped on the shapes
** below. Checked against closed forms: beta(a, 1) has F(x) = x^a, so x = u^(1/a);
** beta(1, b) has F(x) = 1 − (1 − x)^b, so x = 1 − (1 − u)^(1/b); a symmetric beta has
** its median at 1/2 and x(u) + x(1 − u) = 1. */
Test(vm_quantile, beta_where_gsl_failed)
{
	vm_init();
	vm_clear_failure();
	/* u and 1 − u both exact: the tails down to the smallest uniform rng.h draws */
	double us[] = { 0x1p-53, 0x1p-40, 0x1p-20, 0x1p-7, 0.25, 0.375, 0.5, 0.625, 0.75,
			1 - 0x1p-7, 1 - 0x1p-20, 1 - 0x1p-40, 1 - 0x1p-53 };
	for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
		double u = us[i];
		/* beta(0.01, 1): u^100, down to 1e-300 and below (0 when it underflows) */
		double want = pow(u, 100);
		cr_assert(fabs(q(D_BETA, u, 2, 0.01, 1, 0) - want) <= 1e-12 * want + 1e-320,
			  "beta(0.01, 1) at %g: %g, not %g", u, q(D_BETA, u, 2, 0.01, 1, 0), want);
		want = pow(u, 1.0 / 50);			/* beta(50, 1) */
		cr_assert_float_eq(q(D_BETA, u, 2, 50, 1, 0), want, 1e-14 * want);
		want = -expm1(log1p(-u) / 0.1);			/* beta(1, 0.1) */
		cr_assert_float_eq(q(D_BETA, u, 2, 1, 0.1, 0), want, 1e-13 * want);
		for (int s = 0; s < 3; s++) {			/* symmetric shapes */
			double shape = (double[]){ 0.01, 1e4, SCEN_BETA_MAX }[s];
			double lo = q(D_BETA, u, 2, shape, shape, 0);
			double hi = q(D_BETA, 1 - u, 2, shape, shape, 0);
			cr_assert(lo >= 0 && hi <= 1 && fabs(lo + hi - 1) < 1e-9,
				  "beta(%g, %g) at %g: %g and %g", shape, shape, u, lo, hi);
		}
	}
	cr_assert_float_eq(q(D_BETA, 0.5, 2, 1e4, 1e4, 0), 0.5, 1e-12);
	/* beta(50, 0.1), which GSL could not invert: x within one double of F(x) = u, by
	** GSL's own CDF (its quantiles are within 1e-15 of 1, where doubles are sparse) */
	for (double u = 0.05; u < 1; u += 0.1) {
		double x = q(D_BETA, u, 2, 50, 0.1, 0), below = nextafter(x, 0);
		double above = nextafter(x, 1);
		cr_assert(gsl_cdf_beta_P(below, 50, 0.1) <= u * (1 + 1e-12) &&
			  gsl_cdf_beta_P(above, 50, 0.1) >= u * (1 - 1e-12), "at %g: %.17g", u, x);
	}
	cr_assert_null(vm_failure(), "%s", vm_failure());
}

/* Every GSL error becomes the failure of the draw in progress (the run then stops with
** a located error), never an abort. (Shapes beyond the reliable range are outside beta's
** domain: builtins.the_domain_of_every_builtin_that_has_one.) */
Test(vm_quantile, gsl_errors_fail_the_draw)
{
	vm_init();
	vm_clear_failure();
	/* GSL's own quantile: "inverse failed to converge", which aborted scen */
	cr_assert(isnan(gsl_cdf_beta_Pinv(0.3, 0.01, 0.01)));
	cr_assert_not_null(vm_failure());
	cr_assert(strncmp(vm_failure(), "GSL: ", 5) == 0, "%s", vm_failure());
	vm_clear_failure();
	cr_assert_null(vm_failure());
}

/* ---- totals: exact sums, the sample, the field table ---- */

Test(totals, xsum_is_exact_so_any_order_and_grouping_gives_the_same_sum)
{
	/* doubles added in two orders differ in the last bits; xsums do not */
	uint64_t key = rng_key(3, "sum");
	xsum up = 0, down = 0, halves[2] = { 0, 0 };
	double dup = 0, ddown = 0;
	for (unsigned i = 0; i < 100000; i++) {
		double x = 1e6 * rng_uniform(key, i) - 3e5, y = 1e6 * rng_uniform(key, 99999 - i) - 3e5;
		up += xsum_of(x);
		down += xsum_of(y);
		halves[i % 2] += xsum_of(x);
		dup += x;
		ddown += y;
	}
	cr_assert(up == down);
	cr_assert(halves[0] + halves[1] == up);
	cr_assert_neq(dup, ddown, "the double sums differ, which is why xsum exists");
	cr_assert_float_eq(xsum_mean(up, 100000), dup / 100000, 1e-9);
}

Test(totals, xsum_rounds_to_2_to_the_minus_40_and_keeps_large_values)
{
	cr_assert(xsum_of(1) == (xsum)1 << 40);
	cr_assert(xsum_of(-0.5) == -((xsum)1 << 39));
	cr_assert(xsum_of(0x1p-41) == 0);		/* a tie: to even */
	cr_assert(xsum_of(0x1.8p-40) == 2);		/* 1.5 units: to even, 2 */
	cr_assert(xsum_of(0x1p52) == (xsum)1 << 92);	/* beyond int64, exact */
	cr_assert_eq(xsum_mean(xsum_of(0x1p52) * 3, 3), 0x1p52);
	cr_assert(xsum_fits(0x1p53 - 1) && !xsum_fits(0x1p53) && !xsum_fits(-0x1p53));
	cr_assert(!xsum_fits(NAN) && !xsum_fits(INFINITY));
}

/* xsum_of computes nearbyint(ldexp(x, 40)) without libm (issue 15): the two agree on
** every value, ties (k + 1/2 units, to even), both signs, the largest exact-by-addition
** values below 2^52 units and beyond. A value of units u is x = u·2^-40. */
Test(totals, xsum_of_is_nearbyint_of_ldexp_bit_for_bit)
{
	uint64_t key = rng_key(5, "xsum_libm");
	double edges[] = { 0, -0.0, 0.5, 1.5, 2.5, -2.5, 0x1p51 + 0.5, 0x1p52 - 0.5, 0x1p52 - 1.5,
			   0x1p52, 0x1p52 + 2, 0x1p61 + 4096, 3e17, -0x1p52 + 0.5, 1e-300 };
	for (unsigned i = 0; i < sizeof edges / sizeof *edges + 100000; i++) {
		double u = i < sizeof edges / sizeof *edges ? edges[i]
			   : ldexp(rng_uniform(key, i) - 0.5, (int)(i % 60));
		if (i % 3 == 0)		/* a tie, k + 1/2 units */
			u = floor(u) + 0.5;
		double x = ldexp(u, -40);
		double want = nearbyint(ldexp(x, 40));
		cr_assert(xsum_of(x) == (xsum)want, "units %.17g", u);
	}
	cr_assert_eq(xsum_mean((xsum)3 << 40, 3), 1);
	cr_assert_eq(xsum_mean(1, 1), ldexp(1, -40));
}

Test(totals, every_field_of_acc_is_in_the_table_once)
{
	/* the table drives merging and partials: a field left out would be lost */
	size_t covered = 0;
	for (unsigned f = 0; f < nacc_fields; f++)
		covered += acc_fields[f].len * (acc_fields[f].kind == FIELD_SUM ? sizeof(xsum)
										  : sizeof(uint64_t));
	size_t padding = 0;	/* struct acc has none: uint64_t then xsum, 16-aligned */
	cr_assert_eq(covered + padding, sizeof(struct acc));
	struct acc a = { 0 }, b = { 0 };
	memset(&b, 0, sizeof b);
	b.n = 3;
	b.strat.toll = xsum_of(2.5);
	b.strat.pivotal[63] = 7;
	acc_merge(&a, &b);
	acc_merge(&a, &b);
	cr_assert_eq(a.n, 6);
	cr_assert(a.strat.toll == xsum_of(5));
	cr_assert_eq(a.strat.pivotal[63], 14);
}

Test(totals, the_sample_keeps_every_draw_up_to_its_size_then_about_that_many)
{
	struct sample_rule all = sample_rule(SCEN_QUANTILE_SAMPLE, SCEN_QUANTILE_SAMPLE);
	for (uint64_t i = 0; i < SCEN_QUANTILE_SAMPLE; i++)
		cr_assert(sample_keeps(all, i));
	uint64_t draws = 10000000, kept = 0;
	struct sample_rule r = sample_rule(draws, SCEN_QUANTILE_SAMPLE);
	for (uint64_t i = 0; i < draws; i++)
		kept += sample_keeps(r, i);
	/* binomial(10^7, 8192/10^7): sd about 90.5; within 5 sd */
	cr_assert_lt(fabs((double)kept - SCEN_QUANTILE_SAMPLE), 5 * 90.5, "kept %llu",
		     (unsigned long long)kept);
	/* a draw's membership depends on its index only, not on who computes it */
	cr_assert_eq(sample_keeps(r, 123456), sample_keeps(sample_rule(draws, SCEN_QUANTILE_SAMPLE), 123456));
}

Test(totals, a_blocks_kept_draws_are_those_sample_keeps_picks_one_by_one)
{
	/* sample_kept's vector lanes against sample_keeps, at block starts and lengths that
	** are not multiples of the four lanes, for a sample of every draw and of few */
	struct sample_rule rules[] = { sample_rule(100, 8192), sample_rule(20000, 8192),
				       sample_rule(3000000, 8192) };
	uint64_t firsts[] = { 0, 1, 4093, 999999 };
	unsigned lengths[] = { 0, 1, 3, 4, 1023, 1024 };
	for (size_t r = 0; r < 3; r++)
		for (size_t f = 0; f < 4; f++)
			for (size_t l = 0; l < 6; l++) {
				uint16_t kept[1024];
				unsigned n = sample_kept(rules[r], firsts[f], lengths[l], kept), m = 0;
				for (unsigned i = 0; i < lengths[l]; i++)
					if (sample_keeps(rules[r], firsts[f] + i)) {
						cr_assert_lt(m, n);
						cr_assert_eq(kept[m++], i);
					}
				cr_assert_eq(m, n, "rule %zu first %zu length %zu", r, f, l);
			}
}

Test(totals, a_smaller_sample_keeps_a_subset_of_a_larger_ones_draws)
{
	struct sample_rule big = sample_rule(1000000, 8192), small = sample_rule(1000000, 838);
	uint64_t nbig = 0, nsmall = 0;
	for (uint64_t i = 0; i < 1000000; i++) {
		nbig += sample_keeps(big, i);
		nsmall += sample_keeps(small, i);
		cr_assert(!sample_keeps(small, i) || sample_keeps(big, i), "draw %llu",
			  (unsigned long long)i);
	}
	cr_assert_lt(fabs((double)nsmall - 838), 5 * 29);	/* sd sqrt(838) */
	cr_assert_lt(fabs((double)nbig - 8192), 5 * 91);
}

/* The sample's quantile at phi. */
static double sample_quantile(struct sample *s, double phi)
{
	double q;
	sample_quantiles(s, &phi, 1, &q);
	return q;
}

Test(totals, sample_quantiles_do_not_depend_on_the_order_of_additions)
{
	uint64_t key = rng_key(5, "gap");
	struct sample a = { 0 }, b = { 0 };
	double v[1000];
	for (unsigned first = 0; first < 20000; first += 1000) {	/* in order */
		for (unsigned i = 0; i < 1000; i++) {
			double u = rng_uniform(key, first + i);
			v[i] = u < 0.7 ? 0 : 10 * u;
		}
		sample_add(&a, v, 1000);
	}
	for (int first = 19000; first >= 0; first -= 1000) {	/* backwards */
		for (unsigned i = 0; i < 1000; i++) {
			double u = rng_uniform(key, (unsigned)first + i);
			v[i] = u < 0.7 ? 0 : 10 * u;
		}
		sample_add(&b, v, 1000);
	}
	for (double phi = 0; phi <= 1; phi += 0.05)
		cr_assert_eq(sample_quantile(&a, phi), sample_quantile(&b, phi), "phi %g", phi);
	/* 70% zeros: the median and the 68% quantile are 0; above: 10u on (0.7, 1), whose
	** 85% quantile is 10·0.85 = 8.5 */
	cr_assert_eq(sample_quantile(&a, 0.5), 0);
	cr_assert_eq(sample_quantile(&a, 0.68), 0);
	cr_assert_lt(fabs(sample_quantile(&a, 0.85) - 8.5), 0.1);
	cr_assert(isnan(sample_quantile(&(struct sample){ 0 }, 0.5)));
	sample_free(&a);
	sample_free(&b);
}

Test(totals, quantiles_of_a_small_sample_interpolate_between_order_statistics)
{
	/* GSL: position phi·(n − 1) between sorted values; 1..5: 5% at 1.2, 50% at 3 */
	struct sample s = { 0 };
	sample_add(&s, (double[]){ 5, 1, 4, 2, 3 }, 5);
	cr_assert_float_eq(sample_quantile(&s, 0.05), 1.2, 1e-12);
	cr_assert_eq(sample_quantile(&s, 0.5), 3);
	cr_assert_float_eq(sample_quantile(&s, 0.95), 4.8, 1e-12);
	sample_free(&s);
}

/* ---- whole programs ---- */

struct ran {
	struct program prog;
	struct diag_sink sink;
	struct interp *it;
	struct run_result r;
	int status;
};

static struct ran *run_text(const char *text, unsigned threads, uint64_t draws, unsigned types)
{
	struct ran *k = calloc(1, sizeof *k);
	program_init(&k->prog);
	diag_init(&k->sink);
	cr_assert_eq(check_load_text(&k->prog, "t.scen", text, strlen(text), &k->sink),
		     STATUS_OK);
	k->it = interp_new(&k->prog);
	cr_assert_not_null(k->it);
	struct run_options o = { .threads = threads, .have_draws = draws > 0, .draws = draws,
				 .types = types };
	k->status = interp_run(k->it, &o, &k->r, &k->sink);
	return k;
}

static void ran_free(struct ran *k)
{
	run_result_free(&k->r);
	interp_free(k->it);
	diag_free(&k->sink);
	program_free(&k->prog);
	free(k);
}

Test(interp, nzelibe_part_ii_b_exactly)
{
	struct ran *k = run_text("stake land { value = 1_000_000 }\n"
				 "actor gov : state { cost = 200_000; belief = 10% }\n"
				 "actor reb : rebels { cost = 200_000; belief = 60% }\n"
				 "conflict gov vs reb over land { win = 25% }\n", 2, 0, 0);
	cr_assert_eq(k->status, 0);
	cr_assert_eq(k->r.nreports, 1);
	cr_assert_not(k->r.uncertain);
	cr_assert_eq(k->r.draws, 1);
	const struct settle_result *s = &k->r.reports[0].settle;
	cr_assert(s->exact);
	cr_assert_eq(s->range.verdict, CORE_BREAKDOWN);
	cr_assert_float_eq(s->range.war_rebels, 400000, 1e-6);
	cr_assert_float_eq(s->range.war_state, 700000, 1e-6);
	cr_assert_float_eq(s->range.x_min, 400000, 1e-6);
	cr_assert_float_eq(s->range.x_max, 300000, 1e-6);
	cr_assert_float_eq(s->range.gap, 100000, 1e-6);
	cr_assert_eq(s->why.single, 1u << CORE_CAUSE_DIVERGENT);
	cr_assert_float_eq(s->why.without[CORE_CAUSE_DIVERGENT].lo, 50000, 1e-6);
	cr_assert_float_eq(s->why.without[CORE_CAUSE_DIVERGENT].hi, 450000, 1e-6);
	cr_assert_eq(s->verdicts[CORE_BREAKDOWN], 1);
	ran_free(k);
}

/* bench/courting.scen's model: NO THREAT 25%, BREAKDOWN 46.875%, SETTLE 28.125%, mean
** x_min = mean x_max = 35, every breakdown caused by divergent expectations. */
static const char courting[] =
	"scenario \"c\" { seed = 7; draws = 100_000 }\n"
	"stake land { value = 100 }\n"
	"actor regime : state { cost ~ uniform(10, 30); belief = 15% }\n"
	"actor insurgents : rebels { cost ~ uniform(5, 25); belief = 50% }\n"
	"actor alliance : intervener { chance = 30%; chance_if_atrocities = 60%; "
	"rebels_win_if_in = 70% }\n"
	"conflict regime vs insurgents over land { win = 20%; status_quo = 30 }\n";

Test(interp, courting_shares_within_three_standard_errors)
{
	struct ran *k = run_text(courting, 2, 0, 0);
	cr_assert_eq(k->status, 0);
	const struct settle_result *s = &k->r.reports[0].settle;
	cr_assert_eq(s->draws, 100000);
	const double want[] = { [CORE_NO_THREAT] = 0.25, [CORE_SETTLE] = 0.28125,
				[CORE_BREAKDOWN] = 0.46875, [CORE_RISK] = 0 };
	for (int v = 0; v <= CORE_RISK; v++) {
		double p = s->verdicts[v] / 1e5, se = sqrt(want[v] * (1 - want[v]) / 1e5);
		cr_assert_leq(fabs(p - want[v]), 3 * se + 1e-12, "%s: %g", core_verdict_name(v), p);
	}
	cr_assert_eq(s->causes[CORE_CAUSE_DIVERGENT], s->verdicts[CORE_BREAKDOWN]);
	/* x_min = 50 − c_R (sd 5.77), x_max = 15 + c_S: 3 SE = 0.055 */
	cr_assert_lt(fabs(s->stats[ST_XMIN].mean - 35), 0.055);
	cr_assert_lt(fabs(s->stats[ST_XMAX].mean - 35), 0.055);
	/* quantiles: 5% of x_min is 50 − 24 = 26, 95% is 44; within the sketch's error */
	cr_assert_lt(fabs(s->stats[ST_XMIN].q[0] - 26), 0.4);
	cr_assert_lt(fabs(s->stats[ST_XMIN].q[2] - 44), 0.4);
	cr_assert_float_eq(s->mean_p_breakdown, 0.35, 1e-9);
	ran_free(k);
}

/* x and y hold the same numbers to the bit: draws, verdicts, causes, every quantity's
** mean and quantiles, the mean p (their names may point into different programs). */
static void assert_same_numbers(const struct settle_result *x, const struct settle_result *y)
{
	cr_assert_eq(x->draws, y->draws);
	cr_assert_eq(memcmp(x->verdicts, y->verdicts, sizeof x->verdicts), 0);
	cr_assert_eq(memcmp(x->causes, y->causes, sizeof x->causes), 0);
	cr_assert_eq(memcmp(x->stats, y->stats, sizeof x->stats), 0);
	cr_assert_eq(x->mean_p_breakdown, y->mean_p_breakdown);
}

/* The quantiles are GSL's of exactly the sampled draws' values, which this test
** computes on its own from the random stream: x_min = 50 − c_R, c_R the uniform(5, 25)
** quantile of draw i of stream "insurgents.cost". 3,000 draws: all of them; 100,000:
** those sample_keeps picks. */
Test(interp, quantiles_are_those_of_the_sampled_draws)
{
	const uint64_t runs[] = { 3000, 100000 };
	for (int n = 0; n < 2; n++) {
		struct ran *k = run_text(courting, 2, runs[n], 0);
		cr_assert_eq(k->status, 0);
		const struct stat_summary *st = &k->r.reports[0].settle.stats[ST_XMIN];
		uint64_t key = rng_key(7, "insurgents.cost"), m = 0;
		struct sample_rule rule = sample_rule(runs[n], SCEN_QUANTILE_SAMPLE);
		double *v = malloc(runs[n] * sizeof *v);
		for (uint64_t i = 0; i < runs[n]; i++)
			if (sample_keeps(rule, i))
				v[m++] = 50 - gsl_cdf_flat_Pinv(rng_uniform(key, i), 5, 25);
		cr_assert(n == 0 ? m == 3000 : m > 7800 && m < 8600, "%llu kept",
			  (unsigned long long)m);
		gsl_sort(v, 1, m);
		const double phi[] = { 0.05, 0.5, 0.95 };
		for (int q = 0; q < NQUANTILES; q++)
			cr_assert_float_eq(st->q[q], gsl_stats_quantile_from_sorted_data(v, 1, m,
					   phi[q]), 1e-12, "%g of %llu draws", phi[q],
					   (unsigned long long)runs[n]);
		free(v);
		ran_free(k);
	}
}

/* Shards 1..N of a run, added up, give the whole run's results to the bit: every
** count, mean and quantile of every report, at 1, 2, 3 and 7 shards. */
Test(interp, shards_add_up_to_the_whole_run)
{
	struct ran *k = run_text(courting, 1, 30000, 0);
	cr_assert_eq(k->status, 0);
	const unsigned counts[] = { 1, 2, 3, 7 };
	for (int c = 0; c < 4; c++) {
		struct run_totals sum;
		struct run_params rp = interp_params(k->it, &(struct run_options){ .have_draws = true,
								   .draws = 30000 });
		totals_init(&sum, rp.jobs, rp.vnodes);
		for (unsigned i = counts[c]; i >= 1; i--) {	/* in reverse, on 2 threads */
			struct run_options o = { .have_draws = true, .draws = 30000, .threads = 2,
						 .shard_index = i, .shard_count = counts[c] };
			struct run_totals t;
			cr_assert_eq(interp_run_shard(k->it, &o, &t, &k->sink), 0);
			cr_assert_eq(t.hi - t.lo, rp.units * i / counts[c] -
				     rp.units * (i - 1) / counts[c]);
			totals_add(&sum, &t);
			totals_free(&t);
		}
		sum.hi = rp.units;
		struct run_result r = { 0 };
		struct run_options o = { .have_draws = true, .draws = 30000 };
		cr_assert_eq(interp_summarise(k->it, &o, &sum, &r, &k->sink), 0);
		cr_assert_eq(r.nreports, k->r.nreports);
		cr_assert_eq(r.draws, k->r.draws);
		for (unsigned j = 0; j < r.nreports; j++)
			cr_assert_eq(memcmp(&r.reports[j].settle, &k->r.reports[j].settle,
					    sizeof r.reports[j].settle), 0, "%u shards", counts[c]);
		run_result_free(&r);
		totals_free(&sum);
	}
	ran_free(k);
}

/* A long sweep samples fewer draws a row (scen_conf.h, SCEN_SWEEP_SAMPLE_VALUES: 300
** rows of 5 quantities get 5,592 each), but the file's own report keeps its 8,192:
** adding the sweep changes nothing in it, to the bit. */
Test(interp, a_long_sweep_changes_nothing_in_the_files_own_report)
{
	char *swept = NULL;
	if (asprintf(&swept, "%sreport settlement regime vs insurgents\n"
		     "sweep insurgents.belief from 0.001 to 0.3 step 0.001 {\n"
		     "  report settlement regime vs insurgents\n}\n", courting) < 0)
		cr_assert_fail("asprintf");
	struct ran *a = run_text(courting, 2, 9000, 0), *b = run_text(swept, 2, 9000, 0);
	cr_assert_geq(b->r.nreports, 300, "%u reports", b->r.nreports);
	cr_assert_null(b->r.reports[0].sweep);
	assert_same_numbers(&a->r.reports[0].settle, &b->r.reports[0].settle);
	ran_free(a);
	ran_free(b);
	free(swept);
}

Test(interp, the_same_results_at_one_two_and_three_threads)
{
	struct ran *a = run_text(courting, 1, 20000, 0), *b = run_text(courting, 2, 20000, 0);
	struct ran *c = run_text(courting, 3, 20000, 0);
	for (struct ran **k = (struct ran *[]){ b, c, NULL }; *k; k++)
		assert_same_numbers(&a->r.reports[0].settle, &(*k)->r.reports[0].settle);
	ran_free(a);
	ran_free(b);
	ran_free(c);
}

Test(interp, fearon_screening_with_four_types)
{
	struct ran *k = run_text("scenario \"f\" { draws = 3000 }\n"
				 "stake s { value = 1 }\n"
				 "actor gov : state { cost = 0.1 }\n"
				 "actor reb : rebels { cost ~ uniform(0, 0.4) private }\n"
				 "conflict gov vs reb over s { win = 50% }\n", 3, 0, 4);
	cr_assert_eq(k->status, 0);
	const struct settle_result *s = &k->r.reports[0].settle;
	cr_assert(s->screening);
	cr_assert_eq(s->verdicts[CORE_RISK], 3000);
	cr_assert_float_eq(s->stats[ST_OFFER].mean, 0.35, 1e-9);
	cr_assert_float_eq(s->stats[ST_PWAR].mean, 0.25, 1e-9);
	cr_assert_float_eq(s->eu_state, 0.5875, 1e-9);
	ran_free(k);
}

Test(interp, an_uncertain_sanction_cost_is_drawn)
{
	/* embargo ~ uniform(0, 20) on the state in war: x_max = 30 + 20 + σ_S, mean 60 */
	struct ran *k = run_text("scenario \"s\" { draws = 20000 }\n"
				 "stake land { value = 100 }\n"
				 "actor gov : state { cost = 20 }\n"
				 "actor reb : rebels { cost = 10 }\n"
				 "actor eu : coercer\n"
				 "conflict gov vs reb over land { win = 30% }\n"
				 "sanction embargo { by = eu; on = gov; when = war; "
				 "cost ~ uniform(0, 20) }\n", 2, 0, 0);
	cr_assert_eq(k->status, 0);
	const struct stat_summary *x = &k->r.reports[0].settle.stats[ST_XMAX];
	cr_assert_lt(fabs(x->mean - 60), 3 * 20 / sqrt(12) / sqrt(20000));
	cr_assert_lt(fabs(x->q[0] - 51), 0.5);
	cr_assert_lt(fabs(x->q[2] - 69), 0.5);
	ran_free(k);
}

/* resolve = 1 + f(c − 0.3) with c ~ U(0, 1): the first draw with c < 0.3 is the first
** bad one, at any thread count (3 here). */
static void first_bad_draw(const char *f, const char *want_fmt)
{
	char text[512], want[256];
	snprintf(text, sizeof text, "scenario \"e\" { seed = 11; draws = 5000 }\n"
		 "stake s { value = 100 }\nactor gov : state { cost = 10 }\n"
		 "actor reb : rebels { cost ~ uniform(0, 1); resolve = 1 + %s }\n"
		 "conflict gov vs reb over s { win = 50%% }\n", f);
	struct ran *k = run_text(text, 3, 0, 0);
	cr_assert_eq(k->status, 1);
	uint64_t key = rng_key(11, "reb.cost"), first = 0;
	while (rng_uniform(key, first) >= 0.3)
		first++;
	snprintf(want, sizeof want, want_fmt, (unsigned long long)first + 1);
	cr_assert_not_null(k->sink.first);
	cr_assert(strstr(k->sink.first->msg, want), "%s (want %s)", k->sink.first->msg, want);
	ran_free(k);
}

Test(interp, the_first_draw_that_is_not_a_number_is_named)
{
	/* (c − 0.3)^0.5 is NaN when c < 0.3 */
	first_bad_draw("(reb.cost - 0.3) ^ 0.5", "`reb.resolve` is undefined (NaN) in draw %llu:");
}

Test(interp, the_first_draw_outside_a_builtins_domain_is_named_at_the_call)
{
	/* sqrt(c − 0.3) is outside sqrt's domain (x >= 0) when c < 0.3 */
	first_bad_draw("sqrt(reb.cost - 0.3)", "`sqrt(reb.cost - 0.3)` in draw %llu: `sqrt(x)` "
		       "needs x >= 0, but its argument is -");
}

Test(interp, sweep_rows_use_common_random_numbers)
{
	/* the state's cost is the same draw in every row: x_max = 30 + c_S moves only with
	** the swept belief, by exactly 100 × its step */
	struct ran *k = run_text("scenario \"w\" { draws = 5000 }\n"
				 "let b = 30%\n"
				 "stake land { value = 100 }\n"
				 "actor gov : state { cost ~ uniform(10, 30); belief = b }\n"
				 "actor reb : rebels { cost ~ uniform(5, 15) }\n"
				 "conflict gov vs reb over land { win = 30% }\n"
				 "sweep b from 10% to 50% step 20% { report settlement gov vs reb }\n",
				 2, 0, 0);
	cr_assert_eq(k->status, 0);
	/* a sweep is a report item: the file's own group is empty, three rows remain */
	cr_assert_eq(k->r.nreports, 3);
	for (unsigned r = 0; r < 3; r++) {
		const struct report_result *rep = &k->r.reports[r];
		cr_assert_str_eq(rep->sweep, "b");
		cr_assert_eq(rep->sweep_row, r);
		cr_assert_float_eq(rep->sweep_value, 0.1 + 0.2 * r, 1e-12);
		double shift = 100 * (rep->sweep_value - 0.1);
		cr_assert_float_eq(rep->settle.stats[ST_XMAX].mean,
				   k->r.reports[0].settle.stats[ST_XMAX].mean + shift, 1e-9);
		/* the rebels' side does not move at all */
		cr_assert_eq(rep->settle.stats[ST_XMIN].mean,
			     k->r.reports[0].settle.stats[ST_XMIN].mean);
	}
	ran_free(k);
}

/* settle_sums (interp/lanes.c) sums a block in 64-bit integers when every value is below
** 2^11: the same exact sum as xsum_of value by value, NaNs skipped, ties to even. */
Test(sums, block_sums_are_xsum_of_each_value)
{
	static double values[NSTATS * RUN_BLOCK];
	unsigned seed = 99;
	for (int trial = 0; trial < 200; trial++) {
		xsum want[NSTATS] = { 0 };
		uint64_t count[NSTATS] = { 0 };
		unsigned n = trial % 7 == 0 ? RUN_BLOCK - (unsigned)trial : RUN_BLOCK;
		for (int k = 0; k < NSTATS; k++)
			for (unsigned i = 0; i < n; i++) {
				unsigned r = (unsigned)rand_r(&seed);
				double v;
				switch (r % 6) {
				case 0: v = NAN; break;
				/* a tie at 2^-40: k + 1/2 units rounds to the even one */
				case 1: v = ((double)(r % 4096) + 0.5) * 0x1p-40; break;
				case 2: v = -2047.999999; break;
				case 3: v = 0x1p11 * ((double)rand_r(&seed) / RAND_MAX) * (r & 64 ? 1 : -1); break;
				case 4: v = -0.0; break;
				default: v = 30 * (double)rand_r(&seed) / RAND_MAX; break;
				}
				/* too large for the 64-bit path: the general one, after the
				** 64-bit sums have met them (which must not overflow: UBSan) */
				if ((trial % 5 == 4 && i == n / 2) || (trial % 5 == 3 && i % 3 == 0))
					v = 3e15;
				values[k * RUN_BLOCK + i] = v;
				if (isnan(v))
					continue;
				count[k]++;
				want[k] += xsum_of(v);
			}
		struct acc a = { 0 };
		settle_sums(&a, values, n);
		for (int k = 0; k < NSTATS; k++) {
			cr_assert(a.sum[k] == want[k], "trial %d, quantity %d", trial, k);
			cr_assert_eq(a.nstat[k], count[k]);
		}
		cr_assert_eq(a.too_large, 0);
	}
}
