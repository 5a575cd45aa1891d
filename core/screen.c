/*
** screen.c: screening under private information (core.md §2; Fearon 1995). The state
** does not know the rebels' x_min, only K draws of it; it makes the offer that
** maximises its expected payoff, accepting that the toughest types will fight.
*/
#include "core.h"

/*
** EU_S(x) = A(x)·U_S(x) + (1 − A(x))·W_S, A(x) = (number of thresholds ≤ x) / K.
** Between thresholds A is flat and U_S falls with x, so the optimum is 0 or one of the
** thresholds (clamped into [0, V]). Thresholds arrive sorted: one pass, O(K). Ties go
** to the smaller offer. An offer above V is never made: such types always fight.
*/
void core_screen(const struct core_conflict *c, const struct core_range *r,
		 const double *thresholds, size_t k, struct core_screen *out)
{
	double war = r->war_state;
	size_t accepted = 0;
	while (accepted < k && thresholds[accepted] <= 0)
		accepted++;
	out->offer = 0;
	out->p_war = k ? 1 - (double)accepted / (double)k : 1;
	out->eu_state = (1 - out->p_war) * core_settle_state(c, r, 0) + out->p_war * war;
	for (size_t i = accepted; i < k && thresholds[i] <= c->value; i++) {
		size_t n = i + 1;
		while (n < k && thresholds[n] == thresholds[i])
			n++;
		double a = (double)n / (double)k, x = thresholds[i];
		double eu = a * core_settle_state(c, r, x) + (1 - a) * war;
		if (eu > out->eu_state) {
			out->offer = x;
			out->p_war = 1 - a;
			out->eu_state = eu;
		}
		i = n - 1;
	}
}
