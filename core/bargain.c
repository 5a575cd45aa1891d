/*
** bargain.c: the bargaining range under complete information with divergent
** expectations, its verdict, and the causes of a breakdown (core.md §1; Nzelibe,
** "Courting Genocide", Part II.B): the names, and the entry points of the inline
** formulas of bargain.h.
*/
#include "core/bargain.h"

static const char *const cause_names[] = {
#define CORE_CAUSE_NAME(k, s) s,
	CORE_CAUSES(CORE_CAUSE_NAME)
#undef CORE_CAUSE_NAME
};

const char *core_cause_name(enum core_cause c)
{
	return c < CORE_NCAUSES ? cause_names[c] : "?";
}

const char *core_verdict_name(enum core_verdict v)
{
	switch (v) {
	case CORE_NO_THREAT: return "NO THREAT";
	case CORE_SETTLE: return "SETTLE";
	case CORE_BREAKDOWN: return "BREAKDOWN";
	case CORE_RISK: return "RISK";
	}
	return "?";
}

bool core_atrocities(int indiscriminate, double capacity)
{
	if (indiscriminate >= 0)
		return indiscriminate != 0;
	return capacity < 0.5;
}

double core_threat(const struct core_conflict *c, const struct core_range *r)
{
	return war_rebels(c, belief_of(c, &c->rebels, r->p), r->q, r->sigma_rebels)
	       - status_quo_rebels(c, r->sigma_rebels);
}

void core_bargain(const struct core_conflict *c, struct core_range *r)
{
	bargain_in(c, r);
}

double core_x_min(const struct core_conflict *c, const struct core_range *r)
{
	if (c->will <= 0)
		return HUGE_VAL;
	return x_min_at(c, belief_of(c, &c->rebels, r->p), q_rebels(c, r->q), r->sigma_rebels);
}

void core_causes(const struct core_conflict *c, struct core_causes *out)
{
	struct core_range base;
	core_bargain(c, &base);
	core_causes_of(c, &base, out);
}

void core_causes_of(const struct core_conflict *c, const struct core_range *base,
		    struct core_causes *out)
{
	causes_with(c, base, NULL, out);
}
