/*
** test_game.c: the provocation game (core.md §4) against a game solved by hand, and its
** Gambit .efg export against a hand-written file, read back by a small parser here.
*/
#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "core/exact.h"
#include "core/game.h"

#define EPS 1e-9

/*
** The hand game. V = 100, x_sq = 0, g = 1, no reputation. Rebels: c_R = 10, λ = 0.9,
** κ = 0.1, r_R = 1. State: c_S = 20, capacity 25% (repression costs 20 / 0.25 = 80),
** r_S = 1. Intervener: q = 0.2 (repress), 0.6 (atrocities); p⁺ = 0.7, p⁰ = 0.1; k = 40.
** The followers' harm from atrocities: 30. The concession: 95.
**
** Leaf payoffs (leaders 0.9·gain − 1·[war]; followers 0.1·gain − 9·[war] − 30·[atr.];
** state 100 − gain − cost − 40·[in]):
**   0 concede 95           85.5     5     9.5
**   1 repress in win        89   −120      1
**   2 repress in lose       −1    −20     −9
**   3 repress out win       89    −80      1
**   4 repress out lose      −1     20     −9
**   5 atrocities in win     89    −60    −29
**   6 atrocities in lose    −1     40    −39
**   7 atrocities out win    89    −20    −29
**   8 atrocities out lose   −1     80    −39
**   9 abstain                0    100      0
** Repress: leaf weights 0.2·0.7 = 0.14, 0.06, 0.8·0.1 = 0.08, 0.72:
**   leaders 0.22·89 − 0.78 = 18.8; state −16.8 − 1.2 − 6.4 + 14.4 = −10;
**   followers 0.22 − 7.02 = −6.8.
** Atrocities: weights 0.42, 0.18, 0.04, 0.36:
**   leaders 0.46·89 − 0.54 = 40.4; state −25.2 + 7.2 − 0.8 + 28.8 = 10;
**   followers 0.46·(−29) + 0.54·(−39) = −34.4.
** The state: concede 5, repress −10, atrocities 10 → atrocities. The leaders: provoking
** gives them 40.4 > 0 → provoke. The leaders gain 40.4 by provoking; their followers lose
** 34.4. P(war) = P(atrocities) = 1, P(intervention) = 0.6.
*/
static struct core_conflict hand_conflict(void)
{
	struct core_conflict c = {
		.value = 100, .divisible = true, .win = 0.1, .win_if_in = 0.7,
		.chance = 0.2, .chance_if_atrocities = 0.6, .cost_to_state = 40, .will = 1,
		.leaders_share = 0.9, .leaders_cost = 0.1,
	};
	c.state = (struct core_party){ .cost = 20, .resolve = 1, .belief = NAN, .expects = NAN };
	c.rebels = (struct core_party){ .cost = 10, .resolve = 1, .belief = NAN, .expects = NAN };
	return c;
}

static struct core_game hand_game(const struct core_conflict *c)
{
	return (struct core_game){ .conflict = c, .concession = 95, .capacity = 0.25, .harm = 30 };
}

static const double hand_payoffs[CORE_GAME_NLEAVES][CORE_GAME_NPLAYERS] = {
	{ 85.5, 5, 9.5 },
	{ 89, -120, 1 }, { -1, -20, -9 }, { 89, -80, 1 }, { -1, 20, -9 },
	{ 89, -60, -29 }, { -1, 40, -39 }, { 89, -20, -29 }, { -1, 80, -39 },
	{ 0, 100, 0 },
};

static void assert_triple(const double *got, double a, double b, double c)
{
	cr_assert_float_eq(got[CORE_LEADERS], a, EPS);
	cr_assert_float_eq(got[CORE_STATE], b, EPS);
	cr_assert_float_eq(got[CORE_FOLLOWERS], c, EPS);
}

Test(game, hand_game_backward_induction)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	struct core_game_solution s;
	core_game_solve(&g, &s);
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		for (int p = 0; p < CORE_GAME_NPLAYERS; p++)
			cr_assert_float_eq(s.payoff[l][p], hand_payoffs[l][p], EPS,
					   "leaf %d player %d", l, p);
	assert_triple(s.move_value[CORE_CONCEDE], 85.5, 5, 9.5);
	assert_triple(s.move_value[CORE_REPRESS], 18.8, -10, -6.8);
	assert_triple(s.move_value[CORE_ATROCITIES], 40.4, 10, -34.4);
	cr_assert_eq(s.reply, CORE_ATROCITIES);
	cr_assert_eq(s.reply_ties, 1u << CORE_ATROCITIES);
	cr_assert_not(s.state_tie);
	cr_assert(s.provoke);
	cr_assert_not(s.leaders_tie);
	assert_triple(s.if_provoke, 40.4, 10, -34.4);
	assert_triple(s.if_abstain, 0, 100, 0);
	assert_triple(s.value, 40.4, 10, -34.4);
	cr_assert_float_eq(s.leaders_gain, 40.4, EPS);
	cr_assert_float_eq(s.followers_loss, 34.4, EPS);
	cr_assert_float_eq(s.p_war, 1, EPS);
	cr_assert_float_eq(s.p_atrocities, 1, EPS);
	cr_assert_float_eq(s.p_intervention, 0.6, EPS);
	const double reach[CORE_GAME_NLEAVES] = { 0, 0, 0, 0, 0, 0.42, 0.18, 0.04, 0.36, 0 };
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		cr_assert_float_eq(s.reach[l], reach[l], EPS, "leaf %d", l);
}

/* Full lustration of the leaders when they provoked and the intervener came in: 90 on the
** rebels at leaves 1, 2, 5, 6. The state still commits atrocities (10 beats 5 and −10:
** the sanction is not on it); provoking now gives the leaders 40.4 − 0.6·90 = −13.6 < 0:
** they abstain. Removed, they provoke: the rule is pivotal. The hand game's concession
** is given, not found by §1: without the rule it is the same 95. */
static struct core_game_rule lustration(double cost)
{
	struct core_game_rule r = { .concession = 95 };
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		if (core_game_leaf_events(l).provoked && core_game_leaf_events(l).intervened)
			r.leaf[l].rebels = cost;
	return r;
}

/* The ICTY: 25 on the state whenever it commits atrocities (leaves 5–8). */
static struct core_game_rule icty(double cost)
{
	struct core_game_rule r = { .concession = 95 };
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		if (core_game_leaf_events(l).atrocities)
			r.leaf[l].state = cost;
	return r;
}

static void add_rule(struct core_game *g, const struct core_game_rule *r)
{
	for (int l = 0; l < CORE_GAME_NLEAVES; l++) {
		g->sanctions[l].rebels += r->leaf[l].rebels;
		g->sanctions[l].state += r->leaf[l].state;
	}
}

Test(game, lustration_deters_provocation)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	struct core_game_rule rules[] = { lustration(90) };
	add_rule(&g, &rules[0]);
	struct core_game_solution s;
	core_game_solve(&g, &s);
	cr_assert_float_eq(s.payoff[1][CORE_LEADERS], 89 - 90, EPS);
	cr_assert_float_eq(s.payoff[3][CORE_LEADERS], 89, EPS);	/* not intervened */
	cr_assert_eq(s.reply, CORE_ATROCITIES);
	cr_assert_float_eq(s.if_provoke[CORE_LEADERS], -13.6, EPS);
	cr_assert_not(s.provoke);
	cr_assert_not(s.leaders_tie);
	assert_triple(s.value, 0, 100, 0);
	cr_assert_float_eq(s.leaders_gain, -13.6, EPS);
	cr_assert_float_eq(s.p_war, 0, EPS);
	cr_assert_float_eq(s.p_atrocities, 0, EPS);
	cr_assert_float_eq(s.p_intervention, 0, EPS);
	cr_assert_float_eq(s.reach[CORE_LEAF_ABSTAIN], 1, EPS);

	bool pivotal[1];
	cr_assert_eq(core_game_pivotal(&g, rules, 1, pivotal), 1);
	cr_assert(pivotal[0]);

	/* half as severe (45): 40.4 − 27 = 13.4 > 0, they still provoke */
	struct core_game h = hand_game(&c);
	rules[0] = lustration(45);
	add_rule(&h, &rules[0]);
	core_game_solve(&h, &s);
	cr_assert(s.provoke);
	cr_assert_float_eq(s.if_provoke[CORE_LEADERS], 13.4, EPS);
	cr_assert_eq(core_game_pivotal(&h, rules, 1, pivotal), 0);
	cr_assert_not(pivotal[0]);
}

/* With the ICTY as well, atrocities are worth 10 − 25 = −15 to the state: it concedes
** (5). Lustration does not touch the concession leaf, so the leaders provoke for 85.5.
** Removing the ICTY brings back atrocities, lustration bites and they abstain: the ICTY is
** pivotal. Removing lustration leaves the concession: not pivotal. */
Test(game, sanctions_on_the_state_invite_provocation)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	struct core_game_rule rules[] = { lustration(90), icty(25) };
	add_rule(&g, &rules[0]);
	add_rule(&g, &rules[1]);
	struct core_game_solution s;
	core_game_solve(&g, &s);
	cr_assert_float_eq(s.move_value[CORE_ATROCITIES][CORE_STATE], -15, EPS);
	cr_assert_eq(s.reply, CORE_CONCEDE);
	cr_assert(s.provoke);
	assert_triple(s.value, 85.5, 5, 9.5);
	cr_assert_float_eq(s.p_war, 0, EPS);
	cr_assert_float_eq(s.reach[CORE_LEAF_CONCEDE], 1, EPS);
	bool pivotal[2];
	cr_assert_eq(core_game_pivotal(&g, rules, 2, pivotal), 1);
	cr_assert_not(pivotal[0]);
	cr_assert(pivotal[1]);
}

/* Concession 90: conceding leaves the state 10, exactly what atrocities give it. The tie
** goes to the less violent move and is reported. The leaders then get 81; a sanction of
** 81 on them at the concession (provoked and settled) makes provoking tie with abstaining:
** they abstain, and that is reported too. */
Test(game, ties_go_to_the_less_violent)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	g.concession = 90;
	struct core_game_solution s;
	core_game_solve(&g, &s);
	cr_assert_float_eq(s.move_value[CORE_CONCEDE][CORE_STATE], 10, EPS);
	cr_assert_eq(s.reply, CORE_CONCEDE);
	cr_assert(s.state_tie);
	cr_assert_eq(s.reply_ties, (1u << CORE_CONCEDE) | (1u << CORE_ATROCITIES));
	cr_assert(s.provoke);
	cr_assert_float_eq(s.value[CORE_LEADERS], 81, EPS);

	g.sanctions[CORE_LEAF_CONCEDE].rebels = 81;
	core_game_solve(&g, &s);
	cr_assert_not(s.provoke);
	cr_assert(s.leaders_tie);
	cr_assert_float_eq(s.leaders_gain, 0, EPS);

	/* repression as good as atrocities (cost 60: capacity 1/3): repress wins the tie */
	g = hand_game(&c);
	g.capacity = 1.0 / 3;
	core_game_solve(&g, &s);
	cr_assert_float_eq(s.move_value[CORE_REPRESS][CORE_STATE], 10, 1e-6);
	cr_assert_eq(s.reply, CORE_REPRESS);
	cr_assert_eq(s.reply_ties, (1u << CORE_REPRESS) | (1u << CORE_ATROCITIES));
	cr_assert(s.provoke);		/* 18.8 > 0 */
	cr_assert_float_eq(s.p_atrocities, 0, EPS);
	cr_assert_float_eq(s.p_intervention, 0.2, EPS);
}

/* The concession is §1's settlement: with x_sq = 10, g = 50%, n = 2, ρ = 0.1 and a
** concession of 50, the rebels hold 0.5·50 + 0.5·10 = 30: leaders 27, followers 3, state
** 100 − 30 − 0.2·50 = 60. Abstaining leaves the status quo: 9, 90, 1. */
Test(game, concession_follows_section_1)
{
	struct core_conflict c = hand_conflict();
	c.status_quo = 10;
	c.will = 0.5;
	c.challengers = 2;
	c.reputation = 0.1;
	struct core_game g = hand_game(&c);
	g.concession = 50;
	double u[CORE_GAME_NLEAVES][CORE_GAME_NPLAYERS];
	core_game_payoffs(&g, u);
	assert_triple(u[CORE_LEAF_CONCEDE], 27, 60, 3);
	assert_triple(u[CORE_LEAF_ABSTAIN], 9, 90, 1);
	assert_triple(u[1], 89, -120, 1);	/* war leaves ignore x_sq, g and ρ */
}

Test(game, no_capacity_cannot_repress)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	g.capacity = 0;
	struct core_game_solution s;
	core_game_solve(&g, &s);
	cr_assert(isinf(s.move_value[CORE_REPRESS][CORE_STATE]));
	cr_assert_eq(s.reply, CORE_ATROCITIES);
	cr_assert_not(s.reply_ties & (1u << CORE_REPRESS));
	/* the .efg leaves the move out (core.md §4): 18 − 7 nodes, no repress label */
	FILE *f = tmpfile();
	cr_assert_not_null(f);
	cr_assert_eq(core_efg_write(f, &g, "t", NULL), 0);
	rewind(f);
	char line[512];
	int lines = 0;
	bool state_node = false;
	while (fgets(line, sizeof line, f)) {
		lines++;
		state_node |= strcmp(line, "p \"provoke\" 2 1 \"state\" { \"concede\" "
				     "\"atrocities\" } 0\n") == 0;
		cr_assert(lines <= 2 || !strstr(line, "repress"), "%s", line);
	}
	cr_assert(state_node);
	cr_assert_eq(lines, 3 + CORE_GAME_NNODES - 7);	/* header, description, blank */
	fclose(f);
}

Test(game, leaf_events_and_names)
{
	struct core_game_events e = core_game_leaf_events(CORE_LEAF_ABSTAIN);
	cr_assert(!e.provoked && !e.war && !e.settled && !e.atrocities && !e.intervened);
	e = core_game_leaf_events(CORE_LEAF_CONCEDE);
	cr_assert(e.provoked && e.settled && !e.war);
	e = core_game_leaf_events(2);
	cr_assert(e.provoked && e.war && !e.atrocities && e.intervened && !e.rebels_win);
	cr_assert_eq(e.move, CORE_REPRESS);
	e = core_game_leaf_events(7);
	cr_assert(e.war && e.atrocities && !e.intervened && e.rebels_win);
	cr_assert_eq(e.move, CORE_ATROCITIES);
	cr_assert_str_eq(core_game_leaf_name(6), "provoke atrocities in lose");
	cr_assert_str_eq(core_game_leaf_name(10), "?");
	cr_assert_str_eq(core_game_move_name(CORE_REPRESS), "repress");
	cr_assert_str_eq(core_game_player_name(CORE_FOLLOWERS), "followers");
	for (int i = 0; i < CORE_GAME_NLEAVES; i++)
		for (int j = i + 1; j < CORE_GAME_NLEAVES; j++)
			cr_assert_str_neq(core_game_leaf_name(i), core_game_leaf_name(j));
}

/*
** §4 step 2: the concession is admissible and acceptable. Each case is §1 by hand, with
** V = 100, c_S = 20, c_R = 10, b = p = 30% unless said otherwise:
**   SETTLE: x_min = 30 − 10 = 20, x_max = 30 + 20 = 50, split 35;
**   NO THREAT (p = 5%, x_sq = 10: W_R = 5 − 10 = −5 ≤ 10): x_sq = 10, nothing more;
**   indivisible, [20, 50] holds neither 0 nor 100: the smallest admissible x ≥ 20 is V;
**   a weak guarantee (g = 50%, b_R = 70%): x_min = (70 − 10) / 0.5 = 120 > V: none;
**   indivisible with that guarantee: V = 100 < 120: none;
**   step 25, b_R = 95%, c_R = 0: x_min = 95 > x_max = 50, the next multiple is 100 ≤ V;
**   step 30, the same: 90 < 95 and 120 > V: none;
**   g = 0: nothing conceded is carried out, x_min unreachable: none.
*/
static bool concession_of(struct core_conflict c, double *x)
{
	struct core_range r;
	core_bargain(&c, &r);
	return core_game_concession(&c, &r, x);
}

static struct core_conflict section1_conflict(void)
{
	struct core_conflict c = { .value = 100, .divisible = true, .win = 0.3, .win_if_in = 0.3,
				   .will = 1, .leaders_share = 1, .leaders_cost = 1 };
	c.state = (struct core_party){ .cost = 20, .resolve = 1, .belief = NAN, .expects = NAN };
	c.rebels = (struct core_party){ .cost = 10, .resolve = 1, .belief = NAN, .expects = NAN };
	return c;
}

Test(game, the_concession_is_admissible_and_acceptable)
{
	struct core_conflict c = section1_conflict();
	double x;
	cr_assert(concession_of(c, &x));
	cr_assert_float_eq(x, 35, EPS);

	struct core_conflict none = c;
	none.win = none.win_if_in = 0.05;
	none.status_quo = 10;
	cr_assert(concession_of(none, &x));
	cr_assert_float_eq(x, 10, EPS);

	struct core_conflict all = c;
	all.divisible = false;
	cr_assert(concession_of(all, &x));
	cr_assert_float_eq(x, 100, EPS);	/* not 20 of an all-or-nothing stake */

	struct core_conflict weak = c;
	weak.will = 0.5;
	weak.rebels.belief = 0.7;
	cr_assert_not(concession_of(weak, &x));	/* not V, which the leaders refuse */
	cr_assert(isnan(x));
	weak.divisible = false;
	cr_assert_not(concession_of(weak, &x));

	struct core_conflict step = c;
	step.rebels.belief = 0.95;
	step.rebels.cost = 0;
	step.step = 25;
	cr_assert(concession_of(step, &x));
	cr_assert_float_eq(x, 100, EPS);
	step.step = 30;
	cr_assert_not(concession_of(step, &x));

	struct core_conflict never = c;
	never.will = 0;
	cr_assert_not(concession_of(never, &x));
}

/* Concede not available in the hand game: the state chooses between the wars, atrocities
** (10) over repression (−10); with the concession of 90 that tied with atrocities, there
** is no tie now. The concede leaf is no leaf: NAN payoffs, never reached. */
Test(game, an_unavailable_concession_is_not_a_move)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	g.concession = 90;
	g.concede_unavailable = true;
	struct core_game_solution s;
	core_game_solve(&g, &s);
	cr_assert_eq(s.reply, CORE_ATROCITIES);
	cr_assert_eq(s.reply_ties, 1u << CORE_ATROCITIES);
	cr_assert_not(s.state_tie);
	cr_assert(isnan(s.payoff[CORE_LEAF_CONCEDE][CORE_STATE]));
	cr_assert_float_eq(s.reach[CORE_LEAF_CONCEDE], 0, EPS);
	cr_assert(s.provoke);
	assert_triple(s.value, 40.4, 10, -34.4);

	/* the state would rather concede (5 + 90 − 95 = ... with 80: 20 > 10) but cannot */
	g.concession = 80;
	core_game_solve(&g, &s);
	cr_assert_eq(s.reply, CORE_ATROCITIES);
	g.concede_unavailable = false;
	core_game_solve(&g, &s);
	cr_assert_eq(s.reply, CORE_CONCEDE);
}

/*
** Deterrence re-solves the whole game, the concession included (core.md §4). With full
** lustration the state commits atrocities (10 against 5 for conceding 95) and the leaders
** abstain (−13.6). A rule that touches no leaf but raises x_min (its concession without
** it: 85) is pivotal: without it conceding leaves the state 15 > 10, and the leaders
** provoke for 0.9·85 = 76.5. Solved again with the concession kept at 95, it would not
** be. Lustration itself, removed: the state still commits atrocities and the leaders get
** 40.4 > 0: pivotal too.
*/
Test(game, deterrence_solves_again_with_the_concession_without_the_rule)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	struct core_game_rule rules[] = { lustration(90), { .concession = 85 } };
	add_rule(&g, &rules[0]);
	struct core_game_solution s;
	core_game_solve(&g, &s);
	cr_assert_eq(s.reply, CORE_ATROCITIES);
	cr_assert_not(s.provoke);
	bool pivotal[2];
	cr_assert_eq(core_game_pivotal(&g, rules, 2, pivotal), 2);
	cr_assert(pivotal[0] && pivotal[1]);

	rules[1].concession = 95;	/* the old way: the concession kept */
	cr_assert_eq(core_game_pivotal(&g, rules, 2, pivotal), 1);
	cr_assert_not(pivotal[1]);

	/* without a rule concede may become unavailable: then, as with it, atrocities */
	rules[1].concede_unavailable = true;
	cr_assert_eq(core_game_pivotal(&g, rules, 2, pivotal), 1);
	cr_assert_not(pivotal[1]);
}

/* ---- exact rationals (exact.h) ---- */

static char *exact_text(const struct exact *x)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	exact_print(f, x);
	fclose(f);
	return buf;
}

static void assert_simplest(double x, double tol, const char *want)
{
	struct exact r;
	cr_assert(exact_simplest(&r, x, tol), "%.17g", x);
	char *got = exact_text(&r);
	cr_assert_str_eq(got, want, "%.17g within %g", x, tol);
	free(got);
}

/*
** The simplest fraction in [x − tol, x + tol], by hand. π's convergents are 3, 22/7,
** 333/106, 355/113; within 1e-3 ([3.14059, 3.14259]) neither 3 nor 22/7 (3.142857) lies,
** and the first fraction met between them is the semiconvergent (3 + 9·22)/(1 + 9·7) =
** 201/64 = 3.140625 (8 gives 179/57 = 3.14035, outside): not a convergent. Within 3e-7,
** 355/113 (off by 2.67e-7). 3^40 = 12,157,665,459,056,928,801 needs three limbs.
*/
Test(exact, simplest_fractions)
{
	const double PI = 3.14159265358979323846;
	assert_simplest(1.0 / 3, 1e-12, "1/3");
	assert_simplest(2.0 / 3, 1e-12, "2/3");
	assert_simplest(0.1, 1e-12, "1/10");
	assert_simplest(-0.25, 1e-12, "-1/4");
	assert_simplest(85.5, 85.5e-12, "171/2");
	assert_simplest(1e6 / 3, 1e-12 * 1e6 / 3, "1000000/3");
	assert_simplest(5, 1e-12, "5");
	assert_simplest(-7, 1e-12, "-7");
	assert_simplest(0, 1e-12, "0");
	assert_simplest(1e-13, 1e-12, "0");
	assert_simplest(-1e-13, 1e-12, "0");
	assert_simplest(1 - 1e-13, 1e-12, "1");
	assert_simplest(60.000000000000007, 6e-11, "60");	/* 20 / (1/3) in binary */
	assert_simplest(PI, 1e-3, "201/64");
	assert_simplest(PI, 3e-7, "355/113");
	struct exact r;
	cr_assert_not(exact_simplest(&r, NAN, 1e-12));
	cr_assert_not(exact_simplest(&r, 1e300, 1e288));
	cr_assert_not(exact_simplest(&r, 0.5, 0));
}

Test(exact, arithmetic_in_lowest_terms)
{
	struct exact third, sixth, half, x, y;
	exact_simplest(&third, 1.0 / 3, 1e-12);
	exact_simplest(&sixth, 1.0 / 6, 1e-12);
	cr_assert(exact_add(&half, &third, &sixth));
	char *t = exact_text(&half);
	cr_assert_str_eq(t, "1/2");
	free(t);
	cr_assert(exact_sub(&x, &third, &half));
	t = exact_text(&x);
	cr_assert_str_eq(t, "-1/6");
	free(t);
	cr_assert(exact_sub(&x, &half, &half));
	t = exact_text(&x);
	cr_assert_str_eq(t, "0");
	free(t);
	exact_int(&x, 1);
	for (int i = 0; i < 40; i++)
		cr_assert(exact_mul(&x, &x, &third));
	t = exact_text(&x);
	cr_assert_str_eq(t, "1/12157665459056928801");
	free(t);
	cr_assert(exact_add(&y, &x, &x));		/* 2/3^40: nothing to reduce */
	t = exact_text(&y);
	cr_assert_str_eq(t, "2/12157665459056928801");
	free(t);
	struct exact three;
	exact_int(&three, -3);
	for (int i = 0; i < 40; i++)
		cr_assert(exact_mul(&y, &y, &three));	/* 2·3^40/3^40 = 2 */
	t = exact_text(&y);
	cr_assert_str_eq(t, "2");
	free(t);
	for (int i = 0; i < 2000; i++)		/* 3^-80000 does not fit: refused */
		if (!exact_mul(&x, &x, &x))
			return;
	cr_assert_fail("2,048 bits overflowed without a refusal");
}

/* ---- the .efg export ---- */

/* The whole export into a string (caller frees). */
static char *export(const struct core_game *g, const char *title, const char *description)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	cr_assert_eq(core_efg_write(f, g, title, description), 0);
	fclose(f);
	return buf;
}

/* Written by hand from the table above the hand game: 0.2 is 1/5, 85.5 is 171/2, and
** the description line ends with scen's solution (provoke; atrocities). */
static const char hand_efg[] =
	"EFG 2 R \"Kosovo 1998-99 'hand' a/b\" { \"leaders\" \"state\" \"followers\" }\n"
	"\"V = 100; scen: leaders provoke; state atrocities\"\n"
	"\n"
	"p \"root\" 1 1 \"leaders\" { \"provoke\" \"abstain\" } 0\n"
	"p \"provoke\" 2 1 \"state\" { \"concede\" \"repress\" \"atrocities\" } 0\n"
	"t \"provoke concede\" 1 \"provoke concede\" { 171/2, 5, 19/2 }\n"
	"c \"provoke repress\" 1 \"provoke repress\" { \"in\" 1/5 \"out\" 4/5 } 0\n"
	"c \"provoke repress in\" 2 \"provoke repress in\" { \"win\" 7/10 \"lose\" 3/10 } 0\n"
	"t \"provoke repress in win\" 2 \"provoke repress in win\" { 89, -120, 1 }\n"
	"t \"provoke repress in lose\" 3 \"provoke repress in lose\" { -1, -20, -9 }\n"
	"c \"provoke repress out\" 3 \"provoke repress out\" { \"win\" 1/10 \"lose\" 9/10 } 0\n"
	"t \"provoke repress out win\" 4 \"provoke repress out win\" { 89, -80, 1 }\n"
	"t \"provoke repress out lose\" 5 \"provoke repress out lose\" { -1, 20, -9 }\n"
	"c \"provoke atrocities\" 4 \"provoke atrocities\" { \"in\" 3/5 \"out\" 2/5 } 0\n"
	"c \"provoke atrocities in\" 5 \"provoke atrocities in\" { \"win\" 7/10 \"lose\" 3/10 } 0\n"
	"t \"provoke atrocities in win\" 6 \"provoke atrocities in win\" { 89, -60, -29 }\n"
	"t \"provoke atrocities in lose\" 7 \"provoke atrocities in lose\" { -1, 40, -39 }\n"
	"c \"provoke atrocities out\" 6 \"provoke atrocities out\" { \"win\" 1/10 \"lose\" 9/10 } 0\n"
	"t \"provoke atrocities out win\" 8 \"provoke atrocities out win\" { 89, -20, -29 }\n"
	"t \"provoke atrocities out lose\" 9 \"provoke atrocities out lose\" { -1, 80, -39 }\n"
	"t \"abstain\" 10 \"abstain\" { 0, 100, 0 }\n";

Test(efg, hand_game_text)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	/* an en dash (UTF-8), a double quote, a backslash, doubled and outer spaces */
	char *text = export(&g, "  Kosovo 1998\xe2\x80\x93" "99  \"hand\" a\\b ", "V = 100");
	cr_assert_str_eq(text, hand_efg);
	free(text);
}

/* Concede not available: the state's node has two actions, the concede leaf is gone, the
** outcomes are 1..9 and the description says so. Ties: concession 90 ties atrocities
** (both leave the state 10) and the leaders then tie with a sanction of 81. */
Test(efg, without_concede_and_with_ties)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	g.concede_unavailable = true;
	char *text = export(&g, "t", NULL);
	cr_assert(strstr(text, "\n\"scen: leaders provoke; state atrocities; concede not "
			 "available\"\n"), "%s", text);
	cr_assert(strstr(text, "p \"provoke\" 2 1 \"state\" { \"repress\" \"atrocities\" } 0\n"
			 "c \"provoke repress\" 1 "), "%s", text);
	cr_assert_null(strstr(text, "concede\" "), "%s", text);
	cr_assert(strstr(text, "t \"provoke repress in win\" 1 "), "%s", text);
	cr_assert(strstr(text, "t \"abstain\" 9 \"abstain\" { 0, 100, 0 }\n"), "%s", text);
	free(text);

	g = hand_game(&c);
	g.concession = 90;
	g.sanctions[CORE_LEAF_CONCEDE].rebels = 81;
	text = export(&g, "t", "d");
	cr_assert(strstr(text, "\n\"d; scen: leaders abstain (tied with provoke); state concede "
			 "(tied with atrocities)\"\n"), "%s", text);
	free(text);
}

Test(efg, default_title)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	char *text = export(&g, NULL, "\t");
	const char *want = "EFG 2 R \"scen provocation game\" { \"leaders\" \"state\" "
			   "\"followers\" }\n\"scen: leaders provoke; state atrocities\"\n\n";
	cr_assert(strncmp(text, want, strlen(want)) == 0, "%s", text);
	free(text);
}

/*
** A small reader for what core_efg_write writes, independent of it: one node a line;
** every number read exactly ("-171/2": its digits accumulated in exact arithmetic, then
** the numerator times the reciprocal of the denominator, which swaps its fields).
*/
struct node {
	char kind;			/* 'p', 'c' or 't' */
	int player;			/* p: 1 or 2 */
	int nact;
	char act[3][16];		/* p: the actions */
	struct exact prob[2];		/* c */
	struct exact u[3];		/* t */
	int outcome;			/* t */
	char label[80];
};

static const char *parse_digits(const char *s, struct exact *v)
{
	struct exact ten, d;
	exact_int(&ten, 10);
	exact_int(v, 0);
	cr_assert(*s >= '0' && *s <= '9', "not a number: %s", s);
	for (; *s >= '0' && *s <= '9'; s++) {
		exact_int(&d, *s - '0');
		cr_assert(exact_mul(v, v, &ten) && exact_add(v, v, &d));
	}
	return s;
}

/* One number, which must be all of s. */
static struct exact parse_exact(const char *s)
{
	struct exact num, den, r;
	bool neg = *s == '-';
	s = parse_digits(s + neg, &num);
	exact_int(&den, 1);
	if (*s == '/')
		s = parse_digits(s + 1, &den);
	cr_assert_eq(*s, '\0', "not a number: %s", s);
	cr_assert(den.num.n, "a zero denominator");
	struct exact inv = { .neg = false, .num = den.den, .den = den.num };
	cr_assert(exact_mul(&r, &num, &inv));
	r.neg = neg && r.num.n;
	return r;
}

static int parse_efg(char *text, struct node *nodes, int max)
{
	int n = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] != 'p' && line[0] != 'c' && line[0] != 't')
			continue;
		if (line[1] != ' ')
			continue;
		cr_assert_lt(n, max);
		struct node *x = &nodes[n++];
		memset(x, 0, sizeof *x);
		x->kind = line[0];
		sscanf(line + 2, "\"%79[^\"]\"", x->label);
		char *brace = strchr(line, '{');
		cr_assert_not_null(brace);
		if (x->kind == 'p') {
			int infoset;
			cr_assert_eq(sscanf(strchr(line + 3, '"') + 1, " %d %d", &x->player, &infoset), 2);
			x->nact = sscanf(brace, "{ \"%15[^\"]\" \"%15[^\"]\" \"%15[^\"]\" }", x->act[0],
					 x->act[1], x->act[2]);
			cr_assert(x->nact >= 2);
		} else if (x->kind == 'c') {
			char a[16], b[16], pa[64], pb[64];
			cr_assert_eq(sscanf(brace, "{ \"%15[^\"]\" %63s \"%15[^\"]\" %63s }", a, pa, b, pb), 4);
			x->prob[0] = parse_exact(pa);
			x->prob[1] = parse_exact(pb);
			x->nact = 2;
		} else {
			char u[3][256];
			cr_assert_eq(sscanf(strchr(line + 3, '"') + 1, " %d", &x->outcome), 1);
			cr_assert_eq(sscanf(brace, "{ %255[^,], %255[^,], %255[^ }] }", u[0], u[1], u[2]), 3);
			for (int p = 0; p < 3; p++)
				x->u[p] = parse_exact(u[p]);
		}
	}
	return n;
}

/* The exact expected payoffs of the subtree at nodes[*i] when the leaders play `lead`
** and the state `reply` (action names); *i moves past the subtree. */
static void evaluate(const struct node *nodes, int *i, const char *lead, const char *reply,
		     struct exact *u)
{
	const struct node *x = &nodes[(*i)++];
	struct exact sub[3], w;
	if (x->kind == 't') {
		memcpy(u, x->u, sizeof x->u);
		return;
	}
	for (int p = 0; p < 3; p++)
		exact_int(&u[p], 0);
	for (int a = 0; a < x->nact; a++) {
		evaluate(nodes, i, lead, reply, sub);
		if (x->kind == 'c')
			w = x->prob[a];
		else
			exact_int(&w, strcmp(x->act[a], x->player == 1 ? lead : reply) == 0);
		for (int p = 0; p < 3; p++) {
			struct exact t;
			cr_assert(exact_mul(&t, &w, &sub[p]) && exact_add(&u[p], &u[p], &t));
		}
	}
}

static void profile_payoffs(const struct node *nodes, int nnodes, const char *lead,
			    const char *reply, struct exact *u)
{
	int i = 0;
	evaluate(nodes, &i, lead, reply, u);
	cr_assert_eq(i, nnodes);
}

/* −1, 0, 1 as a <, =, > b. */
static int compare(const struct exact *a, const struct exact *b)
{
	struct exact d;
	cr_assert(exact_sub(&d, a, b));
	return !d.num.n ? 0 : d.neg ? -1 : 1;
}

static double to_double(const struct exact *x)
{
	double n = 0, d = 0;
	for (unsigned i = x->num.n; i-- > 0;)
		n = n * 0x1p32 + x->num.limb[i];
	for (unsigned i = x->den.n; i-- > 0;)
		d = d * 0x1p32 + x->den.limb[i];
	return (x->neg ? -n : n) / d;
}

/* Awkward chances: thirds, many digits, 0 and 1. */
static struct core_conflict awkward_conflict(void)
{
	struct core_conflict c = hand_conflict();
	c.chance = 1.0 / 3;
	c.chance_if_atrocities = 2.0 / 3;
	c.win = 0.1234567891234;
	c.win_if_in = 1;
	return c;
}

Test(efg, structure_and_exact_probabilities)
{
	struct core_conflict cs[] = { hand_conflict(), awkward_conflict() };
	for (size_t k = 0; k < 2 * sizeof cs / sizeof cs[0]; k++) {
		struct core_game g = hand_game(&cs[k / 2]);
		g.concede_unavailable = k % 2;
		int want = CORE_GAME_NNODES - g.concede_unavailable;
		char *text = export(&g, "t", "d");
		struct node nodes[CORE_GAME_NNODES];
		int n = parse_efg(text, nodes, CORE_GAME_NNODES);
		cr_assert_eq(n, want);
		int leaves = 0, chance = 0;
		struct exact one;
		exact_int(&one, 1);
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++)
				cr_assert_str_neq(nodes[i].label, nodes[j].label);
			if (nodes[i].kind == 't') {
				cr_assert_eq(nodes[i].outcome, ++leaves);	/* 1, 2, ... */
				if (strcmp(nodes[i].label, "provoke concede") == 0)
					cr_assert_not(g.concede_unavailable);
			} else if (nodes[i].kind == 'c') {
				struct exact sum;
				cr_assert(exact_add(&sum, &nodes[i].prob[0], &nodes[i].prob[1]));
				cr_assert_eq(compare(&sum, &one), 0, "%s", nodes[i].label);
				chance++;
			}
		}
		cr_assert_eq(leaves, CORE_GAME_NLEAVES - g.concede_unavailable);
		cr_assert_eq(chance, 6);
		free(text);
	}
	/* 1/3 as 1/3, not 0.333333333; 0.1234567891234 within 1e-12 */
	struct core_conflict c = awkward_conflict();
	struct core_game g = hand_game(&c);
	char *text = export(&g, "t", "d");
	cr_assert_not_null(strstr(text, "{ \"in\" 1/3 \"out\" 2/3 }"), "%s", text);
	cr_assert_not_null(strstr(text, "{ \"in\" 2/3 \"out\" 1/3 }"), "%s", text);
	cr_assert_not_null(strstr(text, "{ \"win\" 1 \"lose\" 0 }"), "%s", text);
	struct node nodes[CORE_GAME_NNODES];
	parse_efg(text, nodes, CORE_GAME_NNODES);
	cr_assert_str_eq(nodes[7].label, "provoke repress out");
	cr_assert(fabs(to_double(&nodes[7].prob[0]) - 0.1234567891234) <= 1e-12);
	free(text);
}

/*
** What Gambit's subgame-perfect solvers would find, done here exactly on the exported
** text: the leaders' choice and the state's reply are best responses, and the moves that
** tie with them exactly are those scen reports as tied (and no others); each player's
** expected payoff under the profile is the solver's.
*/
static void check_equilibrium(const struct core_game *g)
{
	struct core_game_solution s;
	core_game_solve(g, &s);
	char *text = export(g, "t", "d");
	struct node nodes[CORE_GAME_NNODES];
	int n = parse_efg(text, nodes, CORE_GAME_NNODES);
	cr_assert_eq(n, CORE_GAME_NNODES - g->concede_unavailable);
	const char *reply = core_game_move_name(s.reply);
	struct exact u[3], v[3], w[3];
	profile_payoffs(nodes, n, s.provoke ? "provoke" : "abstain", reply, u);
	for (int p = 0; p < 3; p++)
		cr_assert_float_eq(to_double(&u[p]), s.value[p], 1e-6);
	profile_payoffs(nodes, n, "provoke", reply, v);
	profile_payoffs(nodes, n, "abstain", reply, w);
	cr_assert_eq(compare(&v[0], &w[0]), s.leaders_tie ? 0 : s.provoke ? 1 : -1);
	for (int m = g->concede_unavailable; m < CORE_GAME_NMOVES; m++) {
		/* subgame perfection: off the path too, the reply is the state's best */
		profile_payoffs(nodes, n, "provoke", core_game_move_name((enum core_game_move)m), w);
		cr_assert_eq(compare(&w[1], &v[1]), s.reply_ties >> m & 1 ? 0 : -1, "move %d", m);
	}
	free(text);
}

Test(efg, backward_induction_is_an_equilibrium_of_the_export)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	check_equilibrium(&g);
	struct core_game_rule r = lustration(90);
	add_rule(&g, &r);
	check_equilibrium(&g);
	r = icty(25);
	add_rule(&g, &r);
	check_equilibrium(&g);
	g.concede_unavailable = true;
	check_equilibrium(&g);
	struct core_conflict a = awkward_conflict();
	g = hand_game(&a);
	check_equilibrium(&g);
}

/*
** Ties that are exact in the doubles, and ties that are only within scen's tolerance
** (1e-9·V = 1e-7 here) and must be written as exact ones: a concession of 90 + 10^-8
** (the state keeps 10 − 10^-8 against atrocities' 10); the leaders then at 10^-9 of
** abstaining; repression at a capacity of 0.333333333 (cost 60.00000006, the state's
** value 10 − 4.8e-8 against atrocities' 10) and at exactly 1/3.
*/
Test(efg, ties_are_written_exactly)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	g.concession = 90;
	check_equilibrium(&g);				/* exact: 10 and 10 */
	g.concession = 90 + 1e-8;
	struct core_game_solution s;
	core_game_solve(&g, &s);
	cr_assert(s.state_tie && s.reply == CORE_CONCEDE);
	check_equilibrium(&g);
	g.sanctions[CORE_LEAF_CONCEDE].rebels = 0.9 * (90 + 1e-8) - 1e-9;
	core_game_solve(&g, &s);
	cr_assert(s.leaders_tie && !s.provoke);
	check_equilibrium(&g);
	g = hand_game(&c);
	g.capacity = 0.333333333;
	core_game_solve(&g, &s);
	cr_assert(s.state_tie && s.reply == CORE_REPRESS);
	check_equilibrium(&g);
	g.capacity = 1.0 / 3;
	check_equilibrium(&g);
	g.concede_unavailable = true;
	check_equilibrium(&g);
}

/* The path of `gambit-enumpure`, or NULL when it is not installed. */
static const char *find_enumpure(void)
{
	static char path[4096];
	const char *dirs = getenv("PATH");
	if (!dirs)
		return NULL;
	for (const char *d = dirs; *d;) {
		size_t n = strcspn(d, ":");
		snprintf(path, sizeof path, "%.*s/gambit-enumpure", (int)n, d);
		if (access(path, X_OK) == 0)
			return path;
		d += n + (d[n] == ':');
	}
	return NULL;
}

/*
** Gambit itself, when installed: its pure equilibria (behaviour profiles: the leaders'
** provoke, abstain, then the state's concede, repress, atrocities) must include the
** backward-induction path.
*/
Test(efg, gambit_enumpure_finds_the_path)
{
	const char *tool = find_enumpure();
	if (!tool)
		cr_skip_test("gambit-enumpure is not installed");
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	struct core_game_solution s;
	core_game_solve(&g, &s);
	char name[] = "/tmp/scen-efg-XXXXXX";
	int fd = mkstemp(name);
	cr_assert_geq(fd, 0);
	FILE *f = fdopen(fd, "w");
	cr_assert_eq(core_efg_write(f, &g, "hand game", ""), 0);
	fclose(f);
	char cmd[8192], want[64], line[1024];
	snprintf(cmd, sizeof cmd, "'%s' -q < '%s'", tool, name);
	snprintf(want, sizeof want, "NE,%d,%d,%d,%d,%d", s.provoke, !s.provoke,
		 s.reply == CORE_CONCEDE, s.reply == CORE_REPRESS, s.reply == CORE_ATROCITIES);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	bool found = false;
	int count = 0;
	while (fgets(line, sizeof line, p)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "NE,", 3) == 0)
			count++;
		found |= strcmp(line, want) == 0;
	}
	cr_assert_eq(pclose(p), 0);
	unlink(name);
	cr_assert_gt(count, 0);
	cr_assert(found, "%s not among gambit-enumpure's equilibria", want);
}
