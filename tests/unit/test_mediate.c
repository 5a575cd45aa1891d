/*
** test_mediate.c: mediation and coercion (core.md §3) against numbers computed by hand.
*/
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/conflict.h"
#include "core/core.h"
#include "core/mediate.h"

#define EPS 1e-9

/* language.md's Kenya example: V = 100; kibaki (state) cost 20, belief 15%; odinga
** (rebels) cost 25, belief 45%; win 40%. */
static struct core_conflict kenya(void)
{
	struct core_conflict c = plain(100, 0.40);
	c.state.cost = 20;
	c.state.belief = 0.15;
	c.rebels.cost = 25;
	c.rebels.belief = 0.45;
	return c;
}

/*
** The worked check of core.md §3. W_kibaki = 0.85·100 − 20 = 65, U_kibaki(45) = 100 − 45
** = 55; budget_freeze 8 + travel_bans 4 + prosecution 6 = 18 when he rejects: BATNA 47,
** ACCEPTS with margin 8. W_odinga = 0.45·100 − 25 = 20, U_odinga(45) = 45: margin 25.
** Enticing zone: kibaki accepts 100 − x ≥ 47, x ≤ 53; odinga x ≥ 20: [20, 53].
** Without coercion kibaki needs 100 − x ≥ 65, x ≤ 35: REJECTS 45 short by 10, zone [20, 35].
** Ripeness: W_kibaki 65 < 100 (status quo: he holds it all): it hurts him; W_odinga 20 > 0:
** it does not hurt odinga, so no mutually hurting stalemate.
*/
Test(mediate, kenya_worked_check)
{
	struct core_conflict c = kenya();
	struct core_range r;
	core_bargain(&c, &r);
	struct core_coercion kibaki = { .rejects = flat(8 + 4 + 6) };
	struct core_mediation m;
	core_mediate(&c, &r, 0.45 * c.value, &kibaki, NULL, &m);

	cr_assert_float_eq(r.war_state, 65, EPS);
	cr_assert_float_eq(m.state.accept, 55, EPS);
	cr_assert_float_eq(m.state.batna, 47, EPS);
	cr_assert(m.state.accepts);
	cr_assert_float_eq(m.state.margin, 8, EPS);
	cr_assert_float_eq(m.state.shortfall, 0, EPS);

	cr_assert_float_eq(r.war_rebels, 20, EPS);
	cr_assert_float_eq(m.rebels.accept, 45, EPS);
	cr_assert_float_eq(m.rebels.batna, 20, EPS);
	cr_assert(m.rebels.accepts);
	cr_assert_float_eq(m.rebels.margin, 25, EPS);
	cr_assert(m.agreement);

	cr_assert_not(m.zone.empty);
	cr_assert_float_eq(m.zone.lo, 20, EPS);
	cr_assert_float_eq(m.zone.hi, 53, EPS);

	cr_assert_not(m.state_free.accepts);
	cr_assert_float_eq(m.state_free.batna, 65, EPS);
	cr_assert_float_eq(m.state_free.shortfall, 10, EPS);
	cr_assert_float_eq(m.state_free.margin, -10, EPS);
	cr_assert(m.rebels_free.accepts);
	cr_assert_not(m.agreement_free);
	cr_assert_not(m.zone_free.empty);
	cr_assert_float_eq(m.zone_free.lo, 20, EPS);
	cr_assert_float_eq(m.zone_free.hi, 35, EPS);

	cr_assert_float_eq(m.state.status_quo, 100, EPS);
	cr_assert_float_eq(m.rebels.status_quo, 0, EPS);
	cr_assert(m.state.hurts);
	cr_assert_not(m.rebels.hurts);
	cr_assert_not(m.mutually_hurting);
	cr_assert_float_eq(m.proposal, 45, EPS);
}

/* Only the budget freeze (8): BATNA 65 − 8 = 57 > 55, kibaki REJECTS short by 2, the
** coercion still needed; the zone under it is x ≤ 100 − 57 = 43: [20, 43], which the
** proposal 45 misses. */
Test(mediate, too_little_coercion_is_no_agreement)
{
	struct core_conflict c = kenya();
	struct core_range r;
	core_bargain(&c, &r);
	struct core_coercion kibaki = { .rejects = flat(8) };
	struct core_mediation m;
	core_mediate(&c, &r, 45, &kibaki, NULL, &m);
	cr_assert_not(m.state.accepts);
	cr_assert_float_eq(m.state.shortfall, 2, EPS);
	cr_assert(m.rebels.accepts);
	cr_assert_float_eq(m.rebels.shortfall, 0, EPS);
	cr_assert_not(m.agreement);
	cr_assert_not(m.zone.empty);
	cr_assert_float_eq(m.zone.lo, 20, EPS);
	cr_assert_float_eq(m.zone.hi, 43, EPS);
	/* a proposal in the zone is agreed */
	core_mediate(&c, &r, 40, &kibaki, NULL, &m);
	cr_assert(m.agreement);
	cr_assert_float_eq(m.state.margin, 3, EPS);
	cr_assert_float_eq(m.rebels.margin, 20, EPS);
}

/* Odinga believes 70%: W_odinga = 70 − 25 = 45, he accepts x ≥ 45; kibaki, uncoerced,
** x ≤ 35: no proposal entices both. At 45 odinga's margin is exactly 0: he accepts. */
Test(mediate, divergent_beliefs_leave_no_zone)
{
	struct core_conflict c = kenya();
	c.rebels.belief = 0.70;
	struct core_range r;
	core_bargain(&c, &r);
	struct core_mediation m;
	core_mediate(&c, &r, 45, NULL, NULL, &m);
	cr_assert(m.rebels.accepts);
	cr_assert_float_eq(m.rebels.margin, 0, EPS);
	cr_assert_not(m.state.accepts);
	cr_assert_float_eq(m.state.shortfall, 10, EPS);
	cr_assert_not(m.agreement);
	cr_assert(m.zone.empty);
	cr_assert(m.zone_free.empty);
	/* coercion on kibaki of 10 or more opens it: x ≤ 45, the point [45, 45] */
	struct core_coercion kibaki = { .rejects = flat(10) };
	core_mediate(&c, &r, 45, &kibaki, NULL, &m);
	cr_assert(m.agreement);
	cr_assert_not(m.zone.empty);
	cr_assert_float_eq(m.zone.lo, 45, EPS);
	cr_assert_float_eq(m.zone.hi, 45, EPS);
	cr_assert(m.zone_free.empty);
}

/* A benefit for accepting is a negative cost: aid worth 12 to kibaki when he accepts
** lifts accepting to 55 + 12 = 67 ≥ 65 (margin 2); the zone becomes 112 − x ≥ 65: [20, 47].
** Both kinds together add up: rejects 3 and the aid: margin 5. */
Test(mediate, benefits_of_accepting_entice)
{
	struct core_conflict c = kenya();
	struct core_range r;
	core_bargain(&c, &r);
	struct core_coercion kibaki = { .accepts = flat(-12) };
	struct core_mediation m;
	core_mediate(&c, &r, 45, &kibaki, NULL, &m);
	cr_assert_float_eq(m.state.accept, 67, EPS);
	cr_assert_float_eq(m.state.batna, 65, EPS);
	cr_assert(m.state.accepts);
	cr_assert_float_eq(m.state.margin, 2, EPS);
	cr_assert(m.agreement);
	cr_assert_not(m.agreement_free);
	cr_assert_float_eq(m.zone.lo, 20, EPS);
	cr_assert_float_eq(m.zone.hi, 47, EPS);
	kibaki.rejects = flat(3);
	core_mediate(&c, &r, 45, &kibaki, NULL, &m);
	cr_assert_float_eq(m.state.margin, 5, EPS);
	cr_assert_float_eq(m.zone.hi, 50, EPS);
}

/*
** A weak guarantee and a status quo: V = 100, g = 50%, x_sq = 20; the state believes 30%
** and pays 14, the rebels believe 50% and pay 10. W_S = 70 − 14 = 56, W_R = 50 − 10 = 40.
** U_S(x) = 100 − 0.5·x − 0.5·20 = 90 − 0.5·x; U_R(x) = 0.5·x + 10.
** Proposal 50: U_S = 65 (margin 9), U_R = 35 (short by 5). Zone: x ≤ 68 and x ≥ 60.
** Coercion on the rebels that bites only if the intervener comes in (10 if in, 0 if out,
** chance 50%): β_R = 5, BATNA 35, margin exactly 0: ACCEPTS; the zone opens to [50, 68].
** Ripeness: the status quo gives the state 80 > 56 (hurts), the rebels 20 < 40 (not).
*/
Test(mediate, weak_guarantee_and_status_quo)
{
	struct core_conflict c = plain(100, 0.40);
	c.will = 0.5;
	c.status_quo = 20;
	c.chance = 0.5;
	c.state.cost = 14;
	c.state.belief = 0.30;
	c.rebels.cost = 10;
	c.rebels.belief = 0.50;
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.q, 0.5, EPS);
	struct core_mediation m;
	core_mediate(&c, &r, 50, NULL, NULL, &m);
	cr_assert_float_eq(m.state.accept, 65, EPS);
	cr_assert_float_eq(m.state.margin, 9, EPS);
	cr_assert_float_eq(m.rebels.accept, 35, EPS);
	cr_assert_not(m.rebels.accepts);
	cr_assert_float_eq(m.rebels.shortfall, 5, EPS);
	cr_assert_not(m.agreement);
	cr_assert_float_eq(m.zone.lo, 60, EPS);
	cr_assert_float_eq(m.zone.hi, 68, EPS);
	cr_assert_float_eq(m.state.status_quo, 80, EPS);
	cr_assert_float_eq(m.rebels.status_quo, 20, EPS);
	cr_assert(m.state.hurts);
	cr_assert_not(m.rebels.hurts);

	struct core_coercion rebels = { .rejects = { .if_in = 10, .if_out = 0 } };
	core_mediate(&c, &r, 50, NULL, &rebels, &m);
	cr_assert_float_eq(m.rebels.batna, 35, EPS);
	cr_assert(m.rebels.accepts);
	cr_assert_float_eq(m.rebels.margin, 0, EPS);
	cr_assert(m.agreement);
	cr_assert_float_eq(m.zone.lo, 50, EPS);
	cr_assert_float_eq(m.zone.hi, 68, EPS);
	cr_assert_not(m.rebels_free.accepts);
}

/* A mutually hurting stalemate: the rebels believe only 30% and pay 25: W_R = 5 < 20. */
Test(mediate, mutually_hurting_stalemate)
{
	struct core_conflict c = plain(100, 0.40);
	c.status_quo = 20;
	c.state.cost = 20;
	c.state.belief = 0.15;
	c.rebels.cost = 25;
	c.rebels.belief = 0.30;
	c.rebels.sanctions[CORE_STATUS_QUO] = flat(2);	/* status quo worth 20 − 2 = 18 */
	struct core_range r;
	core_bargain(&c, &r);
	struct core_mediation m;
	core_mediate(&c, &r, 30, NULL, NULL, &m);
	cr_assert_float_eq(m.rebels.status_quo, 18, EPS);
	cr_assert(m.state.hurts);	/* 65 < 80 */
	cr_assert(m.rebels.hurts);	/* 5 < 18 */
	cr_assert(m.mutually_hurting);
	cr_assert(m.agreement);		/* U_S(30) = 70 ≥ 65, U_R(30) = 30 ≥ 5 */
	cr_assert_float_eq(m.zone.lo, 5, EPS);
	cr_assert_float_eq(m.zone.hi, 35, EPS);
}

/* Reputation makes conceding dearer: n = 2, ρ = 0.25: U_S(x) = 100 − 1.5·x ≥ 65 gives
** x ≤ 70/3, and the uncoerced Kenya zone shrinks to [20, 23.33]. */
Test(mediate, reputation_narrows_the_zone)
{
	struct core_conflict c = kenya();
	c.challengers = 2;
	c.reputation = 0.25;
	struct core_range r;
	core_bargain(&c, &r);
	struct core_mediation m;
	core_mediate(&c, &r, 45, NULL, NULL, &m);
	cr_assert_float_eq(m.state.accept, 100 - 1.5 * 45, EPS);
	cr_assert_float_eq(m.zone.lo, 20, EPS);
	cr_assert_float_eq(m.zone.hi, 35.0 / 1.5, EPS);
}

/* With no guarantee (g = 0) nothing proposed is carried out: each side gets its status
** quo payoff whatever x_m. The state then accepts all (100 ≥ 65), the rebels none
** (0 < 20): no zone. */
Test(mediate, no_guarantee_means_all_or_nothing)
{
	struct core_conflict c = kenya();
	c.will = 0;
	struct core_range r;
	core_bargain(&c, &r);
	struct core_mediation m;
	core_mediate(&c, &r, 45, NULL, NULL, &m);
	cr_assert(m.state.accepts);
	cr_assert_float_eq(m.state.accept, 100, EPS);
	cr_assert_not(m.rebels.accepts);
	cr_assert_float_eq(m.rebels.shortfall, 20, EPS);
	cr_assert(m.zone.empty);
	cr_assert_float_eq(m.zone.lo, 0, EPS);
	cr_assert_float_eq(m.zone.hi, 0, EPS);
	/* a benefit of 20 for accepting closes it: every x */
	struct core_coercion odinga = { .accepts = flat(-20) };
	core_mediate(&c, &r, 45, NULL, &odinga, &m);
	cr_assert(m.agreement);
	cr_assert_not(m.zone.empty);
	cr_assert_float_eq(m.zone.lo, 0, EPS);
	cr_assert_float_eq(m.zone.hi, 100, EPS);
}

/*
** Rejecting means war, accepting a settlement (core.md, Sanctions): the coin is tossed
** only in the war. Kenya with q = 40%: a rejection sanction of 20 if the intervener comes
** in, 5 if not, on kibaki: β = 0.4·20 + 0.6·5 = 11, BATNA 65 − 11 = 54. A reward for
** accepting of 30 "if intervened", 2 if not: in a settlement there is no intervention,
** so α = −2 (not 0.4·(−30) + 0.6·(−2)): accepting is worth 55 + 2 = 57, margin 3.
*/
Test(mediate, the_coin_is_tossed_only_in_the_war_after_a_rejection)
{
	struct core_conflict c = kenya();
	c.chance = c.chance_if_atrocities = 0.4;
	struct core_range r;
	core_bargain(&c, &r);
	cr_assert_float_eq(r.war_state, 65, EPS);	/* beliefs set: q moves no belief */
	struct core_coercion kibaki = {
		.rejects = { .if_in = 20, .if_out = 5 },
		.accepts = { .if_in = -30, .if_out = -2 },
	};
	struct core_mediation m;
	core_mediate(&c, &r, 45, &kibaki, NULL, &m);
	cr_assert_float_eq(m.state.batna, 54, EPS);
	cr_assert_float_eq(m.state.accept, 57, EPS);
	cr_assert_float_eq(m.state.margin, 3, EPS);
	cr_assert(m.state.accepts);
}

/* An amount at the formulas' edges (0, −0, a tie with another, large, tiny), or random. */
static double edge_amount(unsigned *seed)
{
	static const double amounts[] = { 0, -0.0, 1, 0.5, 10, 20, 45, -20, 1e6, 1e-300 };
	unsigned r = (unsigned)rand_r(seed);
	if (r % 2 == 0)
		return 80.0 * rand_r(seed) / RAND_MAX - 20;
	return amounts[r / 2 % (sizeof amounts / sizeof *amounts)];
}

static bool same_bits(double x, double y)
{
	return memcmp(&x, &y, sizeof x) == 0;
}

/*
** core_mediate_columns (by vectors, four draws a lane, the last few by assess) against
** core_mediate on each draw, bit for bit: 2,000 conflicts (g = 0, 1 or random, so that
** a slope may be 0; reputation; the status quo) and proposals, each with n ≤ 67 draws of
** coercions at the edges, both sides' α and β's two sums drawn: the margins, the zone's
** bounds (NaN where empty) and the counts.
*/
Test(mediate, columns_are_core_mediate_draw_by_draw)
{
	unsigned seed = 15;
	for (int trial = 0; trial < 2000; trial++) {
		struct core_conflict c = kenya();
		static const double wills[] = { 1, 0, 0.5 };
		c.will = wills[trial % 3];
		c.challengers = rand_r(&seed) % 2 ? 2 : 0;
		c.reputation = c.challengers ? 0.2 : 0;
		c.status_quo = rand_r(&seed) % 2 ? 10 : 0;
		c.state.cost = edge_amount(&seed);
		struct core_range r;
		core_bargain(&c, &r);
		double proposal = 100.0 * rand_r(&seed) / RAND_MAX;
		unsigned n = (unsigned)rand_r(&seed) % 68;
		double col[6][68], margin[2][68], lo[68], hi[68];
		for (int k = 0; k < 6; k++)
			for (unsigned i = 0; i < n; i++)
				col[k][i] = edge_amount(&seed);
		struct core_mediate_fixed f;
		core_mediate_fix(&c, &r, proposal, &f);
		struct core_mediate_columns k = {
			.alpha = { col[0], col[3] }, .rejects_in = { col[1], col[4] },
			.rejects_out = { col[2], col[5] }, .margin = { margin[0], margin[1] },
			.zone_lo = lo, .zone_hi = hi };
		core_mediate_columns(&f, n, &k);
		uint64_t accepts[2] = { 0, 0 }, agreements = 0, zones = 0;
		for (unsigned i = 0; i < n; i++) {
			struct core_coercion state = { { col[1][i], col[2][i] }, { 0, col[0][i] } };
			struct core_coercion rebels = { { col[4][i], col[5][i] }, { 0, col[3][i] } };
			struct core_mediation m;
			core_mediate(&c, &r, proposal, &state, &rebels, &m);
			cr_assert(same_bits(margin[0][i], m.state.margin), "trial %d draw %u", trial, i);
			cr_assert(same_bits(margin[1][i], m.rebels.margin), "trial %d draw %u", trial, i);
			cr_assert(same_bits(lo[i], m.zone.empty ? NAN : m.zone.lo), "trial %d", trial);
			cr_assert(same_bits(hi[i], m.zone.empty ? NAN : m.zone.hi), "trial %d", trial);
			accepts[0] += m.state.accepts;
			accepts[1] += m.rebels.accepts;
			agreements += m.agreement;
			zones += !m.zone.empty;
		}
		cr_assert(k.accepts[0] == accepts[0] && k.accepts[1] == accepts[1]);
		cr_assert(k.agreements == agreements && k.zones == zones, "trial %d", trial);
	}
}
