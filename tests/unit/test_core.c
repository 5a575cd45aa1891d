/*
** test_core.c: the core against numbers computed by hand from core.md.
*/
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "tests/unit/conflict.h"
#include "core/core.h"

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

/* The coin exists only where there is a war (core.md, Sanctions; issue 11's example):
** V = 100, b_S = 30%, b_R = 60%, c_S = c_R = 5, q = 50%; the rebels pay 50 when the
** intervener comes in. σ_R(war) = 0.5·50 = 25; in the settled and status-quo branches
** `intervened` is false, so if_in there is ignored: σ_R(settled) = σ_R(status quo) = 0.
** x_min = 60 − (5 + 25 − 0) = 30, x_max = 30 + 5 = 35: SETTLE at 32.5 (with the coin in
** every branch x_min would be 55: a BREAKDOWN). A rule `not intervened` (3 on the state)
** costs 0.5·3 in war and all of 3 in a settlement: x_max = 35 + 1.5 − 3 = 33.5. */
Test(bargain, the_intervention_coin_exists_only_in_war)
{
	struct core_conflict c = plain(100, 0.4);
	c.chance = c.chance_if_atrocities = 0.5;
	c.state.cost = c.rebels.cost = 5;
	c.state.belief = 0.3;
	c.rebels.belief = 0.6;
	for (int b = 0; b < CORE_NBRANCHES; b++)
		c.rebels.sanctions[b] = (struct core_sanctions){ .if_in = 50, .if_out = 0 };
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.sigma_rebels[CORE_WAR], 25, 1e-12);
	cr_assert_float_eq(r.sigma_rebels[CORE_SETTLED], 0, 1e-12);
	cr_assert_float_eq(r.sigma_rebels[CORE_STATUS_QUO], 0, 1e-12);
	cr_assert_float_eq(r.x_min, 30, 1e-9);
	cr_assert_float_eq(r.x_max, 35, 1e-9);
	cr_assert_eq(r.verdict, CORE_SETTLE);
	cr_assert_float_eq(r.split, 32.5, 1e-9);
	cr_assert_float_eq(core_threat(&c, &r), 30, 1e-9);	/* W_R = 60 − 5 − 25 */
	c.state.sanctions[CORE_WAR] = (struct core_sanctions){ .if_in = 0, .if_out = 3 };
	c.state.sanctions[CORE_SETTLED] = (struct core_sanctions){ .if_in = 0, .if_out = 3 };
	core_bargain(&c, &r);
	cr_assert_float_eq(r.sigma_state[CORE_WAR], 1.5, 1e-12);
	cr_assert_float_eq(r.sigma_state[CORE_SETTLED], 3, 1e-12);
	cr_assert_float_eq(r.x_max, 33.5, 1e-9);
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

/* The smallest admissible offer at or above t (core.md §1, §2): V = 1. */
Test(screen, admissible_offers_round_up)
{
	struct core_conflict c = plain(1, 0.5);
	cr_assert_float_eq(core_admissible_up(&c, 0.37), 0.37, 1e-12);
	cr_assert_float_eq(core_admissible_up(&c, -0.2), 0, 1e-12);
	cr_assert_eq(core_admissible_up(&c, 1.2), HUGE_VAL);
	c.step = 0.2;
	cr_assert_float_eq(core_admissible_up(&c, 0.25), 0.4, 1e-12);
	cr_assert_float_eq(core_admissible_up(&c, 0.5 - 0.1), 0.4, 1e-12);	/* 0.4 within rounding */
	cr_assert_float_eq(core_admissible_up(&c, 0.9), 1, 1e-12);
	c.step = 0.3;			/* multiples 0, 0.3, 0.6, 0.9: none reaches 0.95 */
	cr_assert_eq(core_admissible_up(&c, 0.95), HUGE_VAL);
	c.step = 0;
	c.divisible = false;
	cr_assert_float_eq(core_admissible_up(&c, 0.01), 1, 1e-12);
	cr_assert_float_eq(core_admissible_up(&c, 0), 0, 1e-12);
}

/* fearon-k4 with step 0.2 (core.md §2: a threshold is rounded up to the next multiple):
** thresholds 0.15, 0.25, 0.35, 0.45, W_S = 0.4, U_S(x) = 1 − x. EU_S(0) = 0.4;
** EU_S(0.2) = 0.25·0.8 + 0.75·0.4 = 0.5; EU_S(0.4) = 0.75·0.6 + 0.25·0.4 = 0.55;
** EU_S(0.6) = 0.4. x* = 0.4 (not 0.35), P(war) = 0.25. */
Test(screen, a_step_rounds_the_offer_up)
{
	struct core_conflict c = plain(1, 0.5);
	c.state.cost = 0.1;
	c.step = 0.2;
	struct core_range r;
	core_bargain(&c, &r);
	double t[] = { 0.5 - 0.35, 0.5 - 0.25, 0.5 - 0.15, 0.5 - 0.05 };
	struct core_screen s;
	core_screen(&c, &r, t, 4, &s);
	cr_assert_float_eq(s.offer, 0.4, 1e-12);
	cr_assert_float_eq(s.refused, 0.25, 1e-12);
	cr_assert_float_eq(s.threat, 1, 1e-12);
	cr_assert_float_eq(s.p_war, 0.25, 1e-12);
	cr_assert_float_eq(s.eu_state, 0.55, 1e-12);
	c.step = 0;			/* divisible: fearon-k4's 0.35, EU_S 0.75·0.65 + 0.1 */
	core_screen(&c, &r, t, 4, &s);
	cr_assert_float_eq(s.offer, 0.35, 1e-12);
	cr_assert_float_eq(s.eu_state, 0.5875, 1e-12);
}

/* Indivisible (golden fearon-k4-indivisible): V = 1, b = 75%, c_S = 0.1, g = 50%:
** U_S(x) = 1 − 0.5·x, W_S = 0.15. Four types, one posing no threat (−HUGE_VAL), the
** others at 0.25, 0.75, 1.25. EU_S(0) = 0.25·1 + 0.75·0.15 = 0.3625; EU_S(V) =
** 0.75·0.5 + 0.25·0.15 = 0.4125: x* = V; 1 of 4 types fights, 1 of the 3 that pose a
** threat. (Divisible: 0.25, EU_S 0.5·0.875 + 0.5·0.15 = 0.5125.) */
Test(screen, an_indivisible_stake_offers_0_or_V)
{
	struct core_conflict c = plain(1, 0.75);
	c.state.cost = 0.1;
	c.will = 0.5;
	c.divisible = false;
	struct core_range r;
	core_bargain(&c, &r);
	double t[] = { -HUGE_VAL, 0.25, 0.75, 1.25 };
	struct core_screen s;
	core_screen(&c, &r, t, 4, &s);
	cr_assert_float_eq(s.offer, 1, 1e-12);
	cr_assert_float_eq(s.refused, 0.25, 1e-12);
	cr_assert_float_eq(s.threat, 0.75, 1e-12);
	cr_assert_float_eq(s.p_war, 1.0 / 3, 1e-12);
	cr_assert_float_eq(s.eu_state, 0.4125, 1e-12);
	c.divisible = true;
	core_screen(&c, &r, t, 4, &s);
	cr_assert_float_eq(s.offer, 0.25, 1e-12);
	cr_assert_float_eq(s.eu_state, 0.5125, 1e-12);
	cr_assert_float_eq(s.p_war, 2.0 / 3, 1e-12);
}

/* Types that pose no threat never fight and do not dilute the others' refusal (core.md
** §2): c_R ~ U(0, 0.8), p = b = 50%, c_S = 0.1. A(x) = (0.3 + x)/0.8, x* = 0.15; of all
** types 43.75% refuse, of the 62.5% that pose a threat 70%. */
Test(screen, types_that_pose_no_threat_never_fight)
{
	struct core_conflict c = plain(1, 0.5);
	c.state.cost = 0.1;
	struct core_range r;
	core_bargain(&c, &r);
	enum { K = 4096 };
	double *t = malloc(K * sizeof *t);
	for (int i = 0; i < K; i++) {	/* ascending: the costliest type first */
		c.rebels.cost = 0.8 * (K - i - 0.5) / K;
		t[i] = core_threat(&c, &r) > 0 ? core_x_min(&c, &r) : -HUGE_VAL;
	}
	c.rebels.cost = 0;
	struct core_screen s;
	core_screen(&c, &r, t, K, &s);
	cr_assert_float_eq(s.offer, 0.15, 1e-3);
	cr_assert_float_eq(s.threat, 0.625, 1e-12);	/* 2,560 of the 4,096 */
	cr_assert_float_eq(s.refused, 0.4375, 1e-3);
	cr_assert_float_eq(s.p_war, 0.7, 1e-3);
	cr_assert_float_eq(s.p_war * s.threat, s.refused, 1e-12);
	free(t);
}

/* ---- §1 by lanes (core/lanes.h) against bargain_in, lane by lane, bit for bit ---- */

#include <string.h>

#include "core/bargain.h"
#include "core/lanes.h"

static bool bits_eq(double x, double y)
{
	return memcmp(&x, &y, sizeof x) == 0;
}

/* A value for a field from the ones where the formulas have edges: 0, −0, 1, a
** probability, a large or negative amount. */
static double edgy(unsigned *seed, bool probability)
{
	static const double amounts[] = { 0, -0.0, 1, 0.5, 30, 100, -20, 1e6, 1e-300, 7.25 };
	static const double chances[] = { 0, 1, 0.5, 0.2, 0.35, 0.7, 0.999, 1e-9 };
	unsigned r = (unsigned)rand_r(seed);
	if (r % 3 == 0)
		return probability ? (double)rand_r(seed) / RAND_MAX : 200.0 * rand_r(seed) / RAND_MAX - 50;
	return probability ? chances[r / 3 % (sizeof chances / sizeof *chances)]
			   : amounts[r / 3 % (sizeof amounts / sizeof *amounts)];
}

static const bool lane_is_probability[CORE_NLANE_FIELDS] = {
	[LF_WIN] = true, [LF_WIN_IF_IN] = true, [LF_CHANCE] = true,
	[LF_CHANCE_IF_ATROCITIES] = true, [LF_S_BELIEF] = true, [LF_S_EXPECTS] = true,
	[LF_R_BELIEF] = true, [LF_R_EXPECTS] = true, [LF_WILL] = true,
};

static const size_t lane_at[CORE_NLANE_FIELDS] = {
#define AT(k, m) offsetof(struct core_conflict, m),
	CORE_LANE_FIELDS(AT)
#undef AT
};

Test(lanes, every_lane_is_bargain_in_bit_for_bit)
{
	unsigned seed = 12345, kernels = core_lanes_kernels();
	unsigned pairs = 0, alls = 0;
	for (int trial = 0; trial < 20000; trial++) {
		double col[CORE_NLANE_FIELDS][CORE_LANES];
		struct core_lanes L = { .atrocities = rand_r(&seed) % 2,
					.divisible = rand_r(&seed) % 3 != 0 };
		/* Beliefs and expectations set or not in every lane alike (a drawn value is
		** never NaN); some fields the same in every lane, some 1 (no division). */
		bool unset[CORE_NLANE_FIELDS] = { 0 };
		unset[LF_S_BELIEF] = rand_r(&seed) % 2;
		unset[LF_R_BELIEF] = rand_r(&seed) % 2;
		unset[LF_S_EXPECTS] = rand_r(&seed) % 2;
		unset[LF_R_EXPECTS] = rand_r(&seed) % 2;
		bool plain = rand_r(&seed) % 3 == 0;
		for (int k = 0; k < CORE_NLANE_FIELDS; k++) {
			L.varies[k] = !unset[k] && rand_r(&seed) % 2;
			double v0 = edgy(&seed, lane_is_probability[k]);
			if (plain && (k == LF_LEADERS_SHARE || k == LF_R_RESOLVE || k == LF_WILL
				      || k == LF_S_RESOLVE || k == LF_LEADERS_COST)) {
				L.varies[k] = false;
				v0 = 1;
			}
			if (plain && (k == LF_CHALLENGERS || k == LF_REPUTATION)) {
				L.varies[k] = false;
				v0 = 0;
			}
			for (int j = 0; j < CORE_LANES; j++)
				col[k][j] = unset[k] ? NAN
					    : L.varies[k] ? edgy(&seed, lane_is_probability[k]) : v0;
			L.f[k] = col[k];
		}
		for (int s = 0; s < 2; s++)
			for (int b = 0; b < CORE_NBRANCHES; b++)
				L.sanctions[s][b] = rand_r(&seed) % 2
					? (struct core_sanctions){ edgy(&seed, false), edgy(&seed, false) }
					: (struct core_sanctions){ 0, 0 };
		struct core_lanes_out o;
		struct core_lanes_causes cz;
		core_lanes_plan(&L, o.p, &cz);
		for (unsigned kernel = 0; kernel < kernels; kernel++) {
			core_bargain_lanes_by(kernel, &L, &o);
			uint64_t single[CORE_LANES], pair[CORE_LANES];
			bool jointly[CORE_LANES];
			core_causes_lanes(&L, &o, &cz, o.breakdown, single, pair, jointly);
			for (int j = 0; j < CORE_LANES; j++) {
				struct core_conflict c = { .divisible = L.divisible,
							   .atrocities = L.atrocities };
				for (int k = 0; k < CORE_NLANE_FIELDS; k++)
					*(double *)((char *)&c + lane_at[k]) = col[k][j];
				for (int b = 0; b < CORE_NBRANCHES; b++) {
					c.state.sanctions[b] = L.sanctions[0][b];
					c.rebels.sanctions[b] = L.sanctions[1][b];
				}
				struct core_range r;
				bargain_in(&c, &r);
				cr_assert(bits_eq(o.p[j], r.p), "trial %d lane %d kernel %u: p", trial, j, kernel);
				cr_assert(bits_eq(o.x_min[j], r.x_min), "trial %d lane %d kernel %u: x_min %a, not %a",
					  trial, j, kernel, o.x_min[j], r.x_min);
				cr_assert(bits_eq(o.x_max[j], r.x_max), "trial %d lane %d kernel %u: x_max %a, not %a",
					  trial, j, kernel, o.x_max[j], r.x_max);
				cr_assert(bits_eq(o.gap[j], r.gap), "trial %d lane %d kernel %u: gap", trial, j, kernel);
				cr_assert_eq(o.committed_lane[j] != 0, r.committed);
				cr_assert_eq(o.no_threat[j] != 0, r.verdict == CORE_NO_THREAT,
					     "trial %d lane %d kernel %u: verdict", trial, j, kernel);
				cr_assert_eq(o.breakdown[j] != 0, r.verdict == CORE_BREAKDOWN,
					     "trial %d lane %d kernel %u: verdict", trial, j, kernel);
				if (r.verdict != CORE_BREAKDOWN)
					continue;
				struct core_causes why;
				causes_with(&c, &r, NULL, &why);
				cr_assert_eq(single[j], why.single, "trial %d lane %d kernel %u: causes %#llx, not %#x",
					     trial, j, kernel, (unsigned long long)single[j], why.single);
				if (why.single)
					continue;
				pairs += why.pair != 0;
				alls += why.jointly;
				cr_assert_eq(pair[j], why.pair, "trial %d lane %d kernel %u: pair %#llx, not %#x",
					     trial, j, kernel, (unsigned long long)pair[j], why.pair);
				cr_assert_eq(jointly[j], why.jointly, "trial %d lane %d: jointly", trial, j);
			}
		}
	}
	/* The draws above reach the pair search and removing every factor. */
	cr_assert_gt(pairs, 100, "%u pairs", pairs);
	cr_assert_gt(alls, 10, "%u jointly", alls);
}

/* core_screen (its vectorised pass where it applies) and its general pass on thresholds
** t[0, k): the same offer, EU and shares, bit for bit. */
static void fast_is_general(int trial, const struct core_conflict *c, const struct core_range *r,
			    const double *t, size_t k)
{
	struct core_screen a, b;
	core_screen(c, r, t, k, &a);
	core_screen_general(c, r, t, k, &b);
	cr_assert(bits_eq(a.offer, b.offer), "trial %d: offer %a, not %a", trial, a.offer, b.offer);
	cr_assert(bits_eq(a.eu_state, b.eu_state), "trial %d: EU", trial);
	cr_assert(bits_eq(a.refused, b.refused), "trial %d: refused", trial);
	cr_assert(bits_eq(a.p_war, b.p_war), "trial %d: P(war)", trial);
	cr_assert(bits_eq(a.threat, b.threat), "trial %d: threat", trial);
}

/* core_screen's vectorised pass for a divisible stake (core/screen.c: screen_divisible)
** against its general pass, on thresholds with every edge: types that pose no threat
** (−∞), thresholds at 0, within tol of each other, above V (and within tol of it), types
** no offer satisfies (+∞, NaN), a few or many; the same offer, EU and shares, bit for
** bit. */
Test(screen, the_divisible_pass_is_the_general_one)
{
	unsigned seed = 7;
	for (int trial = 0; trial < 20000; trial++) {
		size_t k = (size_t)1 << (rand_r(&seed) % 9);	/* 1 to 256 */
		double t[256];
		struct core_conflict c = plain(trial % 2 ? 100 : 1, 0.3);
		double V = c.value, tol = core_tolerance(&c);
		c.state.resolve = rand_r(&seed) % 2 ? 1 : 1.5;
		c.will = rand_r(&seed) % 3 ? 1 : 0.5;
		c.challengers = rand_r(&seed) % 2;
		c.reputation = 0.2;
		for (size_t j = 0; j < k; j++) {
			unsigned r = (unsigned)rand_r(&seed) % 20;
			t[j] = r == 0 ? -HUGE_VAL : r == 1 ? 0 : r == 2 ? V + tol / 2 : r == 3 ? 2 * V
			       : r == 4 ? HUGE_VAL : V * rand_r(&seed) / RAND_MAX;
		}
		/* ascending, the NaN last, as the caller sorts */
		for (size_t i = 1; i < k; i++)
			for (size_t j = i; j > 0 && t[j - 1] > t[j]; j--) {
				double x = t[j]; t[j] = t[j - 1]; t[j - 1] = x;
			}
		if (trial % 7 == 0 && k > 2 && t[k / 2] + tol / 3 <= t[k / 2 + 1])
			t[k / 2 + 1] = t[k / 2] + tol / 3;	/* two within tol, still ascending */
		if (trial % 11 == 0)
			t[k - 1] = NAN;
		struct core_range r;
		core_bargain(&c, &r);
		r.war_state = 30.0 * rand_r(&seed) / RAND_MAX - 5;
		fast_is_general(trial, &c, &r, t, k);
	}
}

/* The same on thresholds the vectorised pass takes to its end: distinct and ascending,
** more than tol apart, after a prefix of types that accept 0 (−∞, 0) and before a suffix
** no offer reaches (above V + tol, +∞, NaN), with one within tol above V now and then;
** K from 1 to 4,096, so that the run starts and ends anywhere in a vector of four and
** is often shorter than one. Bit for bit against the general pass. */
Test(screen, the_divisible_pass_runs_to_its_end_as_the_general_one)
{
	unsigned seed = 15;
	static double t[4096];
	for (int trial = 0; trial < 4000; trial++) {
		size_t k = (size_t)1 << (rand_r(&seed) % 13);	/* 1 to 4,096 */
		struct core_conflict c = plain(trial % 2 ? 100 : 1, 0.3);
		double V = c.value, tol = core_tolerance(&c);
		c.will = rand_r(&seed) % 3 ? 1 : 0.5;
		size_t lo = (size_t)rand_r(&seed) % (k + 1), hi = lo + (size_t)rand_r(&seed) % (k - lo + 1);
		double x = 0;
		for (size_t j = 0; j < k; j++) {
			if (j < lo)
				t[j] = j % 2 ? 0 : -HUGE_VAL;
			else if (j < hi)
				t[j] = x += V / (double)k * (0.01 + (double)rand_r(&seed) / RAND_MAX);
			else
				t[j] = j + 1 < k ? 2 * V : trial % 3 ? HUGE_VAL : NAN;
		}
		if (trial % 5 == 0 && hi > lo && t[hi - 1] < V)
			t[hi - 1] = V + tol / 2;	/* the one within tol above V: offered V */
		struct core_range r;
		core_bargain(&c, &r);
		r.war_state = 30.0 * rand_r(&seed) / RAND_MAX - 5;
		fast_is_general(trial, &c, &r, t, k);
	}
}

/* Equal EUs in two lanes of the vectorised pass: the first offer wins. K = 16, V = 100,
** W_S = 0, U_S(x) = 100 − x, so EU_S(t_j) = (j + 1)/16·(100 − t_j): 2/16·(100 − 20) = 10
** at t_1 = 20 and 5/16·(100 − 68) = 10 at t_4 = 68, exactly; every other threshold gives
** less (t_j > 100 − 160/(j + 1)). The offer is 20, accepted by 2 types of 16. */
Test(screen, equal_offers_in_two_lanes_go_to_the_first)
{
	double t[16] = { 10, 20, 50, 62, 68, 75, 78, 81, 83, 85, 86, 87, 88.5, 89, 90, 91 };
	struct core_conflict c = plain(100, 0.3);
	struct core_range r;
	core_bargain(&c, &r);
	r.war_state = 0;
	struct core_screen s;
	core_screen(&c, &r, t, 16, &s);
	cr_assert_eq(s.offer, 20);
	cr_assert_eq(s.eu_state, 10);
	cr_assert_eq(s.refused, 14.0 / 16);
}
