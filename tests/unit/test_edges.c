/*
** test_edges.c: the core's boundaries, tie rules and orders of removal (core.md §1–§4)
** that the main formulas' tests do not pin down: each test states one rule and checks
** it on numbers computed by hand, at the boundary or the tie itself.
*/
#include <criterion/criterion.h>
#include <math.h>

#include "tests/unit/conflict.h"
#include "core/core.h"
#include "core/mediate.h"

#define EPS 1e-9
#define BIT(c) (1u << (c))

/* core.md, Notation: with `violence` unset the war is fought with atrocities when the
** capacity is below 50%: 49.5% and 49.99% are below, 50% is not. */
Test(edges, a_capacity_just_below_half_fights_with_atrocities)
{
	cr_assert(core_atrocities(-1, 0.495));
	cr_assert(core_atrocities(-1, 0.4999));
	cr_assert_not(core_atrocities(-1, 0.5));
	cr_assert_not(core_atrocities(-1, 0.505));
}

/*
** core.md §1, causes: removing divergent expectations sets every belief to the truth,
** and with intervention removed as well the truth is the chance without intervention.
** V = 1; p⁰ = 20%, p⁺ = 80%, chance 50%: p = 0.5·0.2 + 0.5·0.8 = 50%. b_R = 90%,
** b_S = 10% (set in the file); c_R = 0.25, c_S = 0.15; indivisible; the rebels get a
** benefit of 1 in a war the intervener joins: σ_R(war) = 0.5·(−1) = −0.5.
**   base:            x_min = 0.9 − (0.25 − 0.5) = 1.15, x_max = 0.1 + 0.15 = 0.25: BREAKDOWN
**   each single removal keeps it: divergent (b = 50%): x_min = 0.75, x_max = 0.65;
**   indivisibility: 1.15 > 0.25; sanctions: x_min = 0.65 > 0.25; intervention (b kept,
**   σ_R = 0): x_min = 0.65 > 0.25; the others remove nothing that is there.
**   pairs before (divergent, intervention) keep it: with indivisibility x_min = 0.75 >
**   0.65; with sanctions [0.25, 0.65] holds neither 0 nor V.
**   (divergent, intervention): b = p⁰ = 20%, W_R = 0.2 − 0.25 = −0.05 ≤ 0: NO THREAT,
**   which restores peace. (Had the beliefs been set to the p *with* intervention, 50%,
**   x_min = 0.25 and x_max = 0.65 would hold neither 0 nor V, and only removing every
**   factor together would restore it: "jointly".)
*/
Test(edges, removing_intervention_and_divergent_expectations_sets_beliefs_to_p_without_it)
{
	struct core_conflict c = plain(1, 0.2);
	c.win_if_in = 0.8;
	c.chance = c.chance_if_atrocities = 0.5;
	c.divisible = false;
	c.rebels.belief = 0.9;
	c.state.belief = 0.1;
	c.rebels.cost = 0.25;
	c.state.cost = 0.15;
	c.rebels.sanctions[CORE_WAR] = (struct core_sanctions){ .if_in = -1, .if_out = 0 };
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_BREAKDOWN);
	cr_assert_float_eq(r.x_min, 1.15, EPS);
	cr_assert_float_eq(r.x_max, 0.25, EPS);
	struct core_causes why;
	core_causes(&c, &why);
	cr_assert_eq(why.single, 0);
	cr_assert_eq(why.pair, BIT(CORE_CAUSE_DIVERGENT) | BIT(CORE_CAUSE_INTERVENTION));
	cr_assert_not(why.jointly);
}

/*
** core.md §1: pairs are tried in cause order, so a pair of neighbours in that order is
** found like any other. V = 1, p = b = 50%, c_S = c_R = 0.1, g = 0.3, indivisible.
**   base: x_min = (0.5 − 0.1)/0.3 = 1.33 > V: BREAKDOWN;
**   commitment alone (g = 1): [0.4, 0.6] holds neither 0 nor V; indivisibility alone:
**   x_min still 1.33; the other factors are absent;
**   indivisibility and commitment together: [0.4, 0.6], SETTLE at 0.5.
*/
Test(edges, indivisibility_and_commitment_together_explain_what_neither_does_alone)
{
	struct core_conflict c = plain(1, 0.5);
	c.state.cost = c.rebels.cost = 0.1;
	c.will = 0.3;
	c.divisible = false;
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_BREAKDOWN);
	cr_assert_float_eq(r.x_min, 0.4 / 0.3, EPS);
	struct core_causes why;
	core_causes(&c, &why);
	cr_assert_eq(why.single, 0);
	cr_assert_eq(why.pair, BIT(CORE_CAUSE_INDIVISIBLE) | BIT(CORE_CAUSE_COMMITMENT));
	cr_assert_not(why.jointly);
}

/*
** core.md §1: "removing divergent expectations sets *every* expectation to the truth:
** b_S = b_R = p and q_S = q". V = 100, p⁰ = p⁺ = 50% (so p = 50% whatever q), chance
** 80%, k = 50, c_S = c_R = 5; the state expects no intervention (b_S = 50%, q_S = 0), the
** rebels believe 70%.
**   base: x_min = 70 − 5 = 65, x_max = 50 + 5 + 0·50 = 55: BREAKDOWN, gap 10;
**   without divergent expectations: x_min = 50 − 5 = 45, x_max = 50 + 5 + 0.8·50 = 95:
**   the range is [45, 95] (with q_S left at 0 it would be [45, 55]).
*/
Test(edges, without_divergent_expectations_the_state_expects_the_true_chance_of_intervention)
{
	struct core_conflict c = plain(100, 0.5);
	c.chance = c.chance_if_atrocities = 0.8;
	c.cost_to_state = 50;
	c.state.cost = c.rebels.cost = 5;
	c.state.expects = 0;
	c.rebels.belief = 0.7;
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_eq(r.verdict, CORE_BREAKDOWN);
	cr_assert_float_eq(r.gap, 10, EPS);
	struct core_causes why;
	core_causes(&c, &why);
	cr_assert(why.single & BIT(CORE_CAUSE_DIVERGENT));
	const struct core_range *w = &why.without[CORE_CAUSE_DIVERGENT];
	cr_assert_float_eq(w->q_state, 0.8, EPS);
	cr_assert_float_eq(w->lo, 45, EPS);
	cr_assert_float_eq(w->hi, 95, EPS);
}

/*
** core.md §2: the state takes the best offer, and between two as good the smaller (the
** cheaper concession, the tie rule of §1's split). V = 1, p = b = 50%, c_S = 0.5: W_S =
** 0.5 − 0.5 = 0, U_S(x) = 1 − x. Two types, thresholds 0.25 and 0.625:
** EU_S(0) = 0; EU_S(0.25) = ½·0.75 + ½·0 = 0.375; EU_S(0.625) = 1·0.375 = 0.375.
** A tie: x* = 0.25, refused by half the types.
*/
Test(edges, between_two_offers_as_good_the_state_screens_with_the_smaller)
{
	struct core_conflict c = plain(1, 0.5);
	c.state.cost = 0.5;
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.war_state, 0, 0);
	double t[] = { 0.25, 0.625 };
	struct core_screen s;
	core_screen(&c, &r, t, 2, &s);
	cr_assert_float_eq(s.offer, 0.25, EPS);
	cr_assert_float_eq(s.eu_state, 0.375, EPS);
	cr_assert_float_eq(s.refused, 0.5, EPS);
}

/*
** core.md §3, ripeness: the stalemate hurts a party whose war payoff is *below* its
** status-quo payoff; a war worth exactly the status quo does not hurt. V = 100, x_sq = 0,
** p = b = 25%; the state: c_S = 15, a sanction of 40 on it in the status quo: W_S = 75 −
** 15 = 60 = 100 − 40. The rebels: c_R = 25: W_R = 25 − 25 = 0 = their status quo, 0.
** With c_S = 16 (W_S = 59) the stalemate hurts the state.
*/
Test(edges, a_war_worth_exactly_the_status_quo_does_not_hurt)
{
	struct core_conflict c = plain(100, 0.25);
	c.state.cost = 15;
	c.rebels.cost = 25;
	c.state.sanctions[CORE_STATUS_QUO] = flat(40);
	struct core_range r;
	core_bargain(&c, &r);
	struct core_mediation m;
	core_mediate(&c, &r, 50, NULL, NULL, &m);
	cr_assert_float_eq(m.state.status_quo, 60, EPS);
	cr_assert_float_eq(r.war_state, 60, EPS);
	cr_assert_not(m.state.hurts);
	cr_assert_float_eq(r.war_rebels, 0, EPS);
	cr_assert_not(m.rebels.hurts);
	c.state.cost = 16;
	core_bargain(&c, &r);
	core_mediate(&c, &r, 50, NULL, NULL, &m);
	cr_assert(m.state.hurts);
}

/*
** core.md §2: P(war) is the chance that a type that poses a threat refuses the offer. A
** type whose x_min is 0 poses a threat (its war beats the status quo) even though it
** accepts nothing: it is in the denominator. V = 1, p = b = 50%, c_S = 0.1: W_S = 0.4,
** U_S(x) = 1 − x. Four types: one posing no threat (−HUGE_VAL), thresholds 0, 0.5, 0.8.
** EU_S(0) = ½·1 + ½·0.4 = 0.7; EU_S(0.5) = ¾·0.5 + ¼·0.4 = 0.475; EU_S(0.8) = 0.2.
** x* = 0: 2 of 4 refuse; 3 of 4 pose a threat; P(war) = 2/3.
*/
Test(edges, a_type_that_accepts_nothing_still_poses_a_threat)
{
	struct core_conflict c = plain(1, 0.5);
	c.state.cost = 0.1;
	struct core_range r;
	core_bargain(&c, &r);
	double t[] = { -HUGE_VAL, 0, 0.5, 0.8 };
	struct core_screen s;
	core_screen(&c, &r, t, 4, &s);
	cr_assert_float_eq(s.offer, 0, EPS);
	cr_assert_float_eq(s.eu_state, 0.7, EPS);
	cr_assert_float_eq(s.refused, 0.5, EPS);
	cr_assert_float_eq(s.threat, 0.75, EPS);
	cr_assert_float_eq(s.p_war, 2.0 / 3, EPS);
}

/*
** core.md §3: the enticing zone is the proposals in [0, V] both parties accept. V = 100,
** p = b = 25%. The state: c_S = 10, W_S = 75 − 10 = 65, accepts 100 − x ≥ 65: x ≤ 35. The
** rebels: c_R = 40, W_R = 25 − 40 = −15, accept x ≥ −15: every proposal from 0. The zone
** is [0, 35], not [−15, 35].
*/
Test(edges, the_enticing_zone_starts_at_0_when_the_rebels_would_take_less)
{
	struct core_conflict c = plain(100, 0.25);
	c.state.cost = 10;
	c.rebels.cost = 40;
	struct core_range r;
	core_bargain(&c, &r);
	struct core_mediation m;
	core_mediate(&c, &r, 20, NULL, NULL, &m);
	cr_assert_not(m.zone.empty);
	cr_assert_float_eq(m.zone.lo, 0, EPS);
	cr_assert_float_eq(m.zone.hi, 35, EPS);
	cr_assert(m.agreement);
}
