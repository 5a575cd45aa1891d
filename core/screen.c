/*
** screen.c: screening under private information (core.md §2; Fearon 1995). The state
** does not know the rebels' x_min, only K draws of it; it makes the admissible offer that
** maximises its expected payoff, accepting that the toughest types will fight.
*/
#include "core/core.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/*
** EU_S(x) = A(x)·U_S(x) + (1 − A(x))·W_S, A(x) = (number of thresholds ≤ x) / K.
** Between two admissible offers that the same types accept U_S falls with x, so the
** optimum is 0 or the smallest admissible offer at or above a threshold
** (core_admissible_up: the threshold itself on a divisible stake, rounded up to a
** multiple of the step, or V on an indivisible one). Thresholds arrive sorted: one
** pass, O(K). Ties go to the smaller offer. Types whose threshold no admissible offer up
** to V reaches always fight; types that pose no threat (−HUGE_VAL) never do.
*/
/* The smaller of t and V where t is positive or NaN: fmin's value there (a NaN gives the
** other; the two are never zeros of different signs), without libm's call through the
** PLT in the loop below. */
static double min_positive(double t, double v)
{
	return t < v || isnan(v) ? t : v;
}

/* core_admissible_up, inlined in core_screen's loop. */
static inline double admissible_up(const struct core_conflict *c, double t)
{
	double V = c->value, tol = core_tolerance(c);
	if (t <= tol)
		return 0;	/* tol > 0: from here t is positive or NaN, as x below */
	if (t > V + tol)
		return HUGE_VAL;
	if (!c->divisible)
		return V;
	if (c->step > 0) {
		double x = ceil((t - tol) / c->step) * c->step;
		return x <= V + tol ? min_positive(x, V) : HUGE_VAL;
	}
	return min_positive(t, V);
}

double core_admissible_up(const struct core_conflict *c, double t)
{
	return admissible_up(c, t);
}

/* U_S(x) = r_S·(V − g·x − (1 − g)·x_sq) − ρ·n·x − σ_S(settled), with held = (1 − g)·x_sq
** and rho_n = ρ·n: a macro, one text for a double and a vector (screen_divisible). */
#define SETTLE_STATE(r_s, V, g, x, held, rho_n, sigma) \
	((r_s) * ((V) - (g) * (x) - (held)) - (rho_n) * (x) - (sigma))

double core_settle_state(const struct core_conflict *c, const struct core_range *r, double x)
{
	double g = c->will;
	return SETTLE_STATE(c->state.resolve, c->value, g, x, (1 - g) * c->status_quo,
			    c->reputation * c->challengers, r->sigma_state[CORE_SETTLED]);
}

/*
** core_screen's pass when every offer is admissible (a divisible stake, no step), K is a
** power of two and no two thresholds that an offer can reach are within tol of each
** other: then the offers are 0 and each such threshold t_j (V if t_j is within tol above
** V), each accepted by exactly the types up to it, j + 1 of them, and the pass is an
** argmax over EU_S(t_j) = A_j·U_S(t_j) + (1 − A_j)·W_S, the first of equal ones, which
** is computed four at a time on vectors with no branch on a threshold. The same
** doubles as the general loop: the same operations in the same order. False, with
** nothing written, when a condition does not hold (or an EU is not a number): the
** general loop decides.
*/
typedef double screen_v4 __attribute__((vector_size(4 * sizeof(double))));
typedef int64_t screen_m4 __attribute__((vector_size(4 * sizeof(double))));
enum { SCREEN_W = 4 };
#define SCREEN_SELECT(m, a, b) ((screen_v4)(((m) & (screen_m4)(a)) | (~(m) & (screen_m4)(b))))

struct screen_best {
	double eu, x;
	size_t accepted;
};

/* Four doubles a vector are one AVX2 register, two SSE2 ones; and SSE2 lacks the 64-bit
** compares these masks need, which GCC then makes of scalar code: an AVX2 copy too,
** chosen at load time where the processor has it. */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("avx2", "default")))
#endif
static bool screen_divisible(const struct core_conflict *c, const struct core_range *r,
			     const double *t, size_t k, size_t j0, struct screen_best *best)
{
	const double V = c->value, tol = core_tolerance(c), war = r->war_state;
	const double inv_k = 1 / (double)k, g = c->will, r_s = c->state.resolve;
	const double held = (1 - g) * c->status_quo, rho_n = c->reputation * c->challengers;
	const double sigma = r->sigma_state[CORE_SETTLED];
	/* EU_S of the offer x accepted by n types: core_settle_state inlined. */
#define SCREEN_EU(x, n) ((n) * inv_k * SETTLE_STATE(r_s, V, g, (x), held, rho_n, sigma) \
			 + (1 - (n) * inv_k) * war)
	const screen_v4 zero = { 0 }, vv = zero + V, reach = zero + (V + tol);
	screen_v4 best_eu = zero - HUGE_VAL, best_j = zero + (double)k;
	screen_m4 bad = { 0 };
	size_t j = j0;
	screen_v4 n = { (double)j0 + 1, (double)j0 + 2, (double)j0 + 3, (double)j0 + 4 };
	for (; j + SCREEN_W + 1 <= k; j += SCREEN_W, n += SCREEN_W) {
		screen_v4 tj, next;
		memcpy(&tj, t + j, sizeof tj);
		memcpy(&next, t + j + 1, sizeof next);
		screen_m4 in = tj <= reach;	/* NaN: out, and so is every one after */
		screen_v4 x = SCREEN_SELECT(tj < vv, tj, vv);
		screen_v4 eu = SCREEN_EU(x, n);
		bad |= (in & ((next <= x + tol) | (eu != eu))) | (~in & (next <= reach));
		screen_m4 better = in & (eu > best_eu);
		best_eu = SCREEN_SELECT(better, eu, best_eu);
		best_j = SCREEN_SELECT(better, n - 1, best_j);
	}
	/* The lanes' best, the first of equal ones, then the last thresholds one by one. */
	double top = best_eu[0];
	size_t top_j = (size_t)best_j[0];
	for (int l = 0; l < SCREEN_W; l++) {
		if (bad[l])
			return false;
		if (best_eu[l] > top || (best_eu[l] == top && (size_t)best_j[l] < top_j)) {
			top = best_eu[l];
			top_j = (size_t)best_j[l];
		}
	}
	for (; j < k; j++) {
		if (!(t[j] <= V + tol)) {
			while (++j < k)
				if (t[j] <= V + tol)
					return false;
			break;
		}
		double x = t[j] < V ? t[j] : V, m = (double)(j + 1), eu = SCREEN_EU(x, m);
		if ((j + 1 < k && t[j + 1] <= x + tol) || eu != eu)
			return false;
		if (eu > top) {
			top = eu;
			top_j = j;
		}
	}
#undef SCREEN_EU
	if (top_j < k && top > best->eu) {
		best->eu = top;
		best->x = t[top_j] < V ? t[top_j] : V;
		best->accepted = top_j + 1;
	}
	return true;
}

/* The best offer by the general pass: each admissible offer in turn, from 0, with the
** types each accepts; best->accepted of them accept the best. */
static struct screen_best screen_general(const struct core_conflict *c,
					 const struct core_range *r, const double *thresholds,
					 size_t k)
{
	double war = r->war_state, tol = core_tolerance(c);
	/* A(x) = accepted / K. When K is a power of two (the default 4,096), 1/K is exact
	** and so is the product by it: the same double as the quotient, without a
	** division per offer. */
	bool pow2 = (k & (k - 1)) == 0;
	double inv_k = 1 / (double)k;
	size_t accepted = 0, best = 0;
	double x = 0, best_x = 0, best_eu = 0;
	for (bool first = true;; first = false) {
		while (accepted < k && thresholds[accepted] <= x + tol)
			accepted++;
		double a = pow2 ? (double)accepted * inv_k : (double)accepted / (double)k;
		double eu = a * core_settle_state(c, r, x) + (1 - a) * war;
		if (first || eu > best_eu) {
			best_x = x;
			best_eu = eu;
			best = accepted;
		}
		/* A threshold that is not a number is a type no offer satisfies, as HUGE_VAL:
		** the pass ends there (it would not advance past it). */
		if (accepted == k || isnan(thresholds[accepted])
		    || (x = admissible_up(c, thresholds[accepted])) == HUGE_VAL)
			break;
	}
	return (struct screen_best){ best_eu, best_x, best };
}

/* The same by screen_divisible where it applies: the offer 0, then the thresholds above
** tol. */
static bool screen_fast(const struct core_conflict *c, const struct core_range *r,
			const double *thresholds, size_t k, struct screen_best *best)
{
	if ((k & (k - 1)) != 0 || !c->divisible || c->step > 0)
		return false;
	double tol = core_tolerance(c), inv_k = 1 / (double)k;
	size_t accepted = 0;
	while (accepted < k && thresholds[accepted] <= tol)
		accepted++;
	double a = (double)accepted * inv_k;
	*best = (struct screen_best){ a * core_settle_state(c, r, 0) + (1 - a) * r->war_state,
				      0, accepted };
	return best->eu == best->eu && screen_divisible(c, r, thresholds, k, accepted, best);
}

static void screen_with(const struct core_conflict *c, const struct core_range *r,
			const double *thresholds, size_t k, bool general,
			struct core_screen *out)
{
	size_t safe = 0;
	while (safe < k && thresholds[safe] == -HUGE_VAL)
		safe++;
	*out = (struct core_screen){ 0, 1, 0, 1, r->war_state };
	if (!k)
		return;
	struct screen_best b;
	if (general || !screen_fast(c, r, thresholds, k, &b))
		b = screen_general(c, r, thresholds, k);
	out->offer = b.x;
	out->eu_state = b.eu;
	out->refused = (double)(k - b.accepted) / (double)k;
	out->threat = (double)(k - safe) / (double)k;
	out->p_war = safe < k ? (double)(k - b.accepted) / (double)(k - safe) : 0;
}

void core_screen(const struct core_conflict *c, const struct core_range *r,
		 const double *thresholds, size_t k, struct core_screen *out)
{
	screen_with(c, r, thresholds, k, false, out);
}

void core_screen_general(const struct core_conflict *c, const struct core_range *r,
			 const double *thresholds, size_t k, struct core_screen *out)
{
	screen_with(c, r, thresholds, k, true, out);
}
