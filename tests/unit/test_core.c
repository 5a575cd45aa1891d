/*
** test_core.c: the core against numbers computed by hand from core.md.
*/
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "core.h"

/* A unitary, fully committed conflict with no intervener and no sanctions. */
static struct core_conflict plain(double V, double win)
{
	struct core_conflict c = {
		.value = V, .divisible = true, .win = win, .win_if_in = win, .will = 1,
		.leaders_share = 1, .leaders_cost = 1,
	};
	c.state = (struct core_party){ .resolve = 1, .belief = NAN, .expects = NAN };
	c.rebels = c.state;
	return c;
}

/* Nzelibe II.B: V = 1,000,000, costs 200,000 each. */
static struct core_conflict nzelibe(double b_state, double b_rebels)
{
	struct core_conflict c = plain(1e6, 0.25);
	c.state.cost = c.rebels.cost = 200000;
	c.state.belief = b_state;
	c.rebels.belief = b_rebels;
	return c;
}

Test(bargain, nzelibe_without_intervention_is_no_threat)
{
	struct core_conflict c = nzelibe(NAN, 0.05);
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.war_rebels, 50000 - 200000, 1e-6);
	cr_assert_eq(r.verdict, CORE_NO_THREAT);
	c.rebels.belief = 0.20;		/* the threshold: W_R = 0 is still no threat */
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_NO_THREAT);
	c.rebels.belief = 0.21;
	core_bargain(&c, &r);
	cr_assert_neq(r.verdict, CORE_NO_THREAT);
}

Test(bargain, nzelibe_divergent_expectations_break_down)
{
	struct core_conflict c = nzelibe(0.10, 0.60);
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.x_min, 400000, 1e-6);
	cr_assert_float_eq(r.x_max, 300000, 1e-6);
	cr_assert_eq(r.verdict, CORE_BREAKDOWN);
	cr_assert_float_eq(r.gap, 100000, 1e-6);

	struct core_causes why;
	core_causes(&c, &why);
	cr_assert_eq(why.single, 1u << CORE_CAUSE_DIVERGENT);
	const struct core_range *w = &why.without[CORE_CAUSE_DIVERGENT];
	cr_assert_float_eq(w->x_min, 50000, 1e-6);
	cr_assert_float_eq(w->x_max, 450000, 1e-6);
	cr_assert_eq(w->verdict, CORE_SETTLE);
	cr_assert_float_eq(w->split, 250000, 1e-6);
}

Test(bargain, common_beliefs_settle_at_the_midpoint)
{
	struct core_conflict c = nzelibe(0.25, 0.25);
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_SETTLE);
	cr_assert_float_eq(r.lo, 50000, 1e-6);
	cr_assert_float_eq(r.hi, 450000, 1e-6);
	cr_assert_float_eq(r.split, 250000, 1e-6);
}

Test(bargain, indivisible_stake_breaks_down_when_neither_0_nor_V_fits)
{
	struct core_conflict c = nzelibe(0.25, 0.25);
	c.divisible = false;
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_BREAKDOWN);
	cr_assert_float_eq(r.gap, 0, 1e-9);
	struct core_causes why;
	core_causes(&c, &why);
	cr_assert_eq(why.single, 1u << CORE_CAUSE_INDIVISIBLE);
	/* the state's cost alone covers the whole stake: V is admissible */
	c.state.cost = 900000;
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_SETTLE);
	cr_assert_float_eq(r.split, 1e6, 1e-6);
}

Test(bargain, steps_round_the_split_to_an_admissible_multiple)
{
	struct core_conflict c = plain(100, 0.5);
	c.state.cost = 10;
	c.rebels.cost = 14;		/* range [36, 60], midpoint 48 */
	c.step = 10;
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_SETTLE);
	cr_assert_float_eq(r.split, 50, 1e-9);
	c.step = 30;			/* only 60 is a multiple of 30 in [36, 60] */
	core_bargain(&c, &r);
	cr_assert_float_eq(r.split, 60, 1e-9);
	c.step = 70;			/* none */
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_BREAKDOWN);
}

Test(bargain, reputation_shrinks_the_states_maximum)
{
	struct core_conflict c = plain(100, 0.5);
	c.state.cost = c.rebels.cost = 10;
	c.challengers = 2;
	c.reputation = 0.25;	/* x_max = (50 + 10) / (1 + 0.5) = 40 */
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.x_max, 40, 1e-9);
	cr_assert_float_eq(r.x_min, 40, 1e-9);
	cr_assert_eq(r.verdict, CORE_SETTLE);	/* a point range still settles */
	c.reputation = 0.5;
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_BREAKDOWN);
	struct core_causes why;
	core_causes(&c, &why);
	cr_assert(why.single & (1u << CORE_CAUSE_REPUTATION));
}

Test(bargain, weak_guarantee_shrinks_the_range)
{
	struct core_conflict c = plain(100, 0.5);
	c.state.cost = c.rebels.cost = 10;
	c.status_quo = 20;
	c.will = 0.5;
	/* x_min = (50 - 10 - 0.5*20)/0.5 = 60; x_max = (50 - 0.5*20 + 10)/0.5 = 100 */
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.x_min, 60, 1e-9);
	cr_assert_float_eq(r.x_max, 100, 1e-9);
	c.will = 0;
	core_bargain(&c, &r);
	cr_assert_not(r.committed);
	cr_assert_eq(r.verdict, CORE_BREAKDOWN);
	cr_assert(isfinite(r.x_min) && isfinite(r.x_max));
}

Test(bargain, sanctions_enumerate_the_intervention_coin_exactly)
{
	struct core_conflict c = plain(100, 0.1);
	c.win_if_in = 0.7;
	c.chance = 0.2;
	c.chance_if_atrocities = 0.6;
	c.atrocities = true;
	c.state.sanctions[CORE_WAR] = (struct core_sanctions){ .if_in = 25, .if_out = 5 };
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.q, 0.6, 1e-12);
	cr_assert_float_eq(r.p, 0.4 * 0.1 + 0.6 * 0.7, 1e-12);
	cr_assert_float_eq(r.sigma_state[CORE_WAR], 0.6 * 25 + 0.4 * 5, 1e-12);
	c.atrocities = false;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.sigma_state[CORE_WAR], 0.2 * 25 + 0.8 * 5, 1e-12);
}

Test(bargain, beliefs_come_from_expected_intervention)
{
	struct core_conflict c = plain(100, 0.1);
	c.win_if_in = 0.7;
	c.chance = 0.2;
	c.rebels.expects = 0.5;
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.b_rebels, 0.5 * 0.1 + 0.5 * 0.7, 1e-12);
	cr_assert_float_eq(r.b_state, 0.8 * 0.1 + 0.2 * 0.7, 1e-12);
	cr_assert_float_eq(r.q_state, 0.2, 1e-12);
}

Test(bargain, atrocities_rule)
{
	cr_assert(core_atrocities(-1, 0.3));
	cr_assert_not(core_atrocities(-1, 0.5));
	cr_assert(core_atrocities(1, 1.0));
	cr_assert_not(core_atrocities(0, 0.1));
}

Test(bargain, names)
{
	cr_assert_str_eq(core_verdict_name(CORE_BREAKDOWN), "BREAKDOWN");
	cr_assert_str_eq(core_cause_name(CORE_CAUSE_DIVERGENT), "divergent expectations");
}

/* Fearon's worked check (core.md §2): V = 1, p = b = 50%, c_S = 0.1, c_R ~ U(0, 0.4). */
Test(screen, fearon_closed_form)
{
	struct core_conflict c = plain(1, 0.5);
	c.state.cost = 0.1;
	struct core_range r;
	core_bargain(&c, &r);
	enum { K = 4096 };
	double *t = malloc(K * sizeof *t);
	for (int i = 0; i < K; i++) {	/* x_min(c_R) = 0.5 - c_R, c_R at the K quantile midpoints */
		double cost = 0.4 * (K - i - 0.5) / K;
		t[i] = 0.5 - cost;
	}
	struct core_screen s;
	core_screen(&c, &r, t, K, &s);
	cr_assert_float_eq(s.offer, 0.35, 1e-3);
	cr_assert_float_eq(s.p_war, 0.375, 1e-3);
	/* the K types are a sample: A(x) is exact only to 1/K, so EU_S is to (U_S - W_S)/K */
	cr_assert_float_eq(s.eu_state, 0.55625, 1.0 / K);
	free(t);
}

Test(screen, all_types_above_the_stake_fight)
{
	struct core_conflict c = plain(1, 0.5);
	struct core_range r;
	core_bargain(&c, &r);
	double t[] = { 1.5, 2 };
	struct core_screen s;
	core_screen(&c, &r, t, 2, &s);
	cr_assert_float_eq(s.offer, 0, 1e-12);
	cr_assert_float_eq(s.p_war, 1, 1e-12);
}
