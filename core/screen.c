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
void core_screen(const struct core_conflict *c, const struct core_range *r,
		 const double *thresholds, size_t k, struct core_screen *out)
{
	double war = r->war_state, tol = 1e-9 * (c->value > 0 ? c->value : 1);
	size_t safe = 0, accepted = 0, best = 0;
	while (safe < k && thresholds[safe] == -HUGE_VAL)
		safe++;
	*out = (struct core_screen){ 0, 1, 0, 1, war };
	if (!k)
		return;
	double x = 0;
	for (bool first = true;; first = false) {
		while (accepted < k && thresholds[accepted] <= x + tol)
			accepted++;
		double a = (double)accepted / (double)k;
		double eu = a * core_settle_state(c, r, x) + (1 - a) * war;
		if (first || eu > out->eu_state) {
			out->offer = x;
			out->eu_state = eu;
			best = accepted;
		}
		if (accepted == k || (x = core_admissible_up(c, thresholds[accepted])) == HUGE_VAL)
			break;
	}
	out->refused = (double)(k - best) / (double)k;
	out->threat = (double)(k - safe) / (double)k;
	out->p_war = safe < k ? (double)(k - best) / (double)(k - safe) : 0;
}
