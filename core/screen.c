/*
** screen.c: screening under private information (core.md §2; Fearon 1995). The state
** does not know the rebels' x_min, only K draws of it; it makes the admissible offer that
** maximises its expected payoff, accepting that the toughest types will fight.
*/
#include "core/core.h"

#include <math.h>

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

double core_settle_state(const struct core_conflict *c, const struct core_range *r, double x)
{
	double g = c->will;
	return c->state.resolve * (c->value - g * x - (1 - g) * c->status_quo)
	       - c->reputation * c->challengers * x - r->sigma_state[CORE_SETTLED];
}

void core_screen(const struct core_conflict *c, const struct core_range *r,
		 const double *thresholds, size_t k, struct core_screen *out)
{
	double war = r->war_state, tol = core_tolerance(c);
	size_t safe = 0, accepted = 0, best = 0;
	while (safe < k && thresholds[safe] == -HUGE_VAL)
		safe++;
	*out = (struct core_screen){ 0, 1, 0, 1, war };
	if (!k)
		return;
	/* A(x) = accepted / K. When K is a power of two (the default 4,096), 1/K is exact
	** and so is the product by it: the same double as the quotient, without a
	** division per offer. */
	bool pow2 = (k & (k - 1)) == 0;
	double inv_k = 1 / (double)k;
	double x = 0, best_x = 0, best_eu = 0;	/* locals: the compiler cannot prove
						** that out aliases no input */
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
	out->offer = best_x;
	out->eu_state = best_eu;
	out->refused = (double)(k - best) / (double)k;
	out->threat = (double)(k - safe) / (double)k;
	out->p_war = safe < k ? (double)(k - best) / (double)(k - safe) : 0;
}
