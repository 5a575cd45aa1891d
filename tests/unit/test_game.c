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

#include "core.h"
#include "game.h"

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
** they abstain. Removed, they provoke: the rule is pivotal. */
static struct core_game_rule lustration(double cost)
{
	struct core_game_rule r = { 0 };
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		if (core_game_leaf_events(l).provoked && core_game_leaf_events(l).intervened)
			r.leaf[l].rebels = cost;
	return r;
}

/* The ICTY: 25 on the state whenever it commits atrocities (leaves 5–8). */
static struct core_game_rule icty(double cost)
{
	struct core_game_rule r = { 0 };
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
	FILE *f = tmpfile();
	cr_assert_not_null(f);
	errno = 0;
	cr_assert_eq(core_efg_write(f, &g, "t", NULL), -1);
	cr_assert_eq(errno, EDOM);
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

/* Written by hand from the table above the hand game. */
static const char hand_efg[] =
	"EFG 2 R \"Kosovo 1998-99 'hand' a/b\" { \"leaders\" \"state\" \"followers\" }\n"
	"\"V = 100\"\n"
	"\n"
	"p \"root\" 1 1 \"leaders\" { \"provoke\" \"abstain\" } 0\n"
	"p \"provoke\" 2 1 \"state\" { \"concede\" \"repress\" \"atrocities\" } 0\n"
	"t \"provoke concede\" 1 \"provoke concede\" { 85.5, 5, 9.5 }\n"
	"c \"provoke repress\" 1 \"provoke repress\" { \"in\" 0.2 \"out\" 0.8 } 0\n"
	"c \"provoke repress in\" 2 \"provoke repress in\" { \"win\" 0.7 \"lose\" 0.3 } 0\n"
	"t \"provoke repress in win\" 2 \"provoke repress in win\" { 89, -120, 1 }\n"
	"t \"provoke repress in lose\" 3 \"provoke repress in lose\" { -1, -20, -9 }\n"
	"c \"provoke repress out\" 3 \"provoke repress out\" { \"win\" 0.1 \"lose\" 0.9 } 0\n"
	"t \"provoke repress out win\" 4 \"provoke repress out win\" { 89, -80, 1 }\n"
	"t \"provoke repress out lose\" 5 \"provoke repress out lose\" { -1, 20, -9 }\n"
	"c \"provoke atrocities\" 4 \"provoke atrocities\" { \"in\" 0.6 \"out\" 0.4 } 0\n"
	"c \"provoke atrocities in\" 5 \"provoke atrocities in\" { \"win\" 0.7 \"lose\" 0.3 } 0\n"
	"t \"provoke atrocities in win\" 6 \"provoke atrocities in win\" { 89, -60, -29 }\n"
	"t \"provoke atrocities in lose\" 7 \"provoke atrocities in lose\" { -1, 40, -39 }\n"
	"c \"provoke atrocities out\" 6 \"provoke atrocities out\" { \"win\" 0.1 \"lose\" 0.9 } 0\n"
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

Test(efg, default_title)
{
	struct core_conflict c = hand_conflict();
	struct core_game g = hand_game(&c);
	char *text = export(&g, NULL, "\t");
	const char *want = "EFG 2 R \"scen provocation game\" { \"leaders\" \"state\" "
			   "\"followers\" }\n\"\"\n\n";
	cr_assert(strncmp(text, want, strlen(want)) == 0, "%s", text);
	free(text);
}

/*
** A small reader for what core_efg_write writes, independent of it: one node a line;
** numbers as exact decimals (numerator over 10^k) for the probabilities, doubles for the
** payoffs.
*/
struct node {
	char kind;			/* 'p', 'c' or 't' */
	int player;			/* p: 1 or 2 */
	int nact;
	long long num[2], den[2];	/* c: the two probabilities */
	double u[3];			/* t */
	int outcome;			/* t */
	char label[80];
};

/* A decimal "d.ddd" as num/den exactly; false if it is not one. */
static bool parse_decimal(const char *s, long long *num, long long *den)
{
	char *end;
	*num = strtoll(s, &end, 10);
	*den = 1;
	if (end == s || *num < 0)
		return false;
	if (*end == '.') {
		s = end + 1;
		while (*s >= '0' && *s <= '9') {
			*num = *num * 10 + (*s - '0');
			*den *= 10;
			s++;
		}
		end = (char *)s;
	}
	return *end == '\0';
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
			for (char *q = brace; (q = strchr(q, '"')); q = strchr(q + 1, '"') + 1)
				x->nact++;
		} else if (x->kind == 'c') {
			char a[16], b[16], pa[32], pb[32];
			cr_assert_eq(sscanf(brace, "{ \"%15[^\"]\" %31s \"%15[^\"]\" %31s }", a, pa, b, pb), 4);
			cr_assert(parse_decimal(pa, &x->num[0], &x->den[0]), "%s", pa);
			cr_assert(parse_decimal(pb, &x->num[1], &x->den[1]), "%s", pb);
			x->nact = 2;
		} else {
			cr_assert_eq(sscanf(strchr(line + 3, '"') + 1, " %d", &x->outcome), 1);
			cr_assert_eq(sscanf(brace, "{ %lf, %lf, %lf }", &x->u[0], &x->u[1], &x->u[2]), 3);
		}
	}
	return n;
}

/* The expected payoffs of the subtree at nodes[*i] when the leaders play `lead` (0
** provoke, 1 abstain) and the state `reply`; *i moves past the subtree. */
static void evaluate(const struct node *nodes, int *i, int lead, int reply, double *u)
{
	const struct node *x = &nodes[(*i)++];
	double sub[3];
	u[0] = u[1] = u[2] = 0;
	if (x->kind == 't') {
		memcpy(u, x->u, sizeof x->u);
		return;
	}
	for (int a = 0; a < x->nact; a++) {
		evaluate(nodes, i, lead, reply, sub);
		double w;
		if (x->kind == 'c')
			w = (double)x->num[a] / (double)x->den[a];
		else
			w = a == (x->player == 1 ? lead : reply);
		for (int p = 0; p < 3; p++)
			u[p] += w * sub[p];
	}
}

static void profile_payoffs(const struct node *nodes, int lead, int reply, double *u)
{
	int i = 0;
	evaluate(nodes, &i, lead, reply, u);
	cr_assert_eq(i, CORE_GAME_NNODES);
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
	for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
		struct core_game g = hand_game(&cs[k]);
		char *text = export(&g, "t", "d");
		struct node nodes[64];
		int n = parse_efg(text, nodes, 64);
		cr_assert_eq(n, CORE_GAME_NNODES);
		int leaves = 0, chance = 0;
		bool seen[CORE_GAME_NLEAVES + 1] = { false };
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++)
				cr_assert_str_neq(nodes[i].label, nodes[j].label);
			if (nodes[i].kind == 't') {
				cr_assert(nodes[i].outcome >= 1 && nodes[i].outcome <= CORE_GAME_NLEAVES);
				cr_assert_not(seen[nodes[i].outcome]);
				seen[nodes[i].outcome] = true;
				cr_assert_str_eq(nodes[i].label, core_game_leaf_name(nodes[i].outcome - 1));
				leaves++;
			} else if (nodes[i].kind == 'c') {
				/* p1 + p2 = 1 exactly: num1·den2 + num2·den1 = den1·den2 */
				const long long *a = nodes[i].num, *d = nodes[i].den;
				cr_assert_eq(a[0] * d[1] + a[1] * d[0], d[0] * d[1], "%s", nodes[i].label);
				chance++;
			}
		}
		cr_assert_eq(leaves, CORE_GAME_NLEAVES);
		cr_assert_eq(chance, 6);
		free(text);
	}
	/* 1/3 is written to 9 places, its complement to match */
	struct core_conflict c = awkward_conflict();
	struct core_game g = hand_game(&c);
	char *text = export(&g, "t", "d");
	cr_assert_not_null(strstr(text, "{ \"in\" 0.333333333 \"out\" 0.666666667 }"), "%s", text);
	cr_assert_not_null(strstr(text, "{ \"in\" 0.666666667 \"out\" 0.333333333 }"), "%s", text);
	cr_assert_not_null(strstr(text, "{ \"win\" 1 \"lose\" 0 }"), "%s", text);
	cr_assert_not_null(strstr(text, "{ \"win\" 0.123456789 \"lose\" 0.876543211 }"), "%s", text);
	free(text);
}

/*
** What gambit-enumpure would check, done here on the exported text: the backward-induction
** profile is a pure Nash equilibrium of the game as written (no player gains by a
** unilateral deviation), and each player's expected payoff under it is the solver's.
*/
static void check_equilibrium(const struct core_game *g)
{
	struct core_game_solution s;
	core_game_solve(g, &s);
	char *text = export(g, "t", "d");
	struct node nodes[64];
	cr_assert_eq(parse_efg(text, nodes, 64), CORE_GAME_NNODES);
	int lead = s.provoke ? 0 : 1, reply = (int)s.reply;
	double u[3], v[3];
	profile_payoffs(nodes, lead, reply, u);
	for (int p = 0; p < 3; p++)
		cr_assert_float_eq(u[p], s.value[p], 1e-6);
	profile_payoffs(nodes, 1 - lead, reply, v);
	cr_assert_leq(v[0], u[0] + 1e-6);
	for (int r = 0; r < CORE_GAME_NMOVES; r++) {
		/* subgame perfection: off the path too, the reply is the state's best */
		double w[3], best[3];
		profile_payoffs(nodes, 0, r, w);
		profile_payoffs(nodes, 0, reply, best);
		cr_assert_leq(w[1], best[1] + 1e-6);
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
	struct core_conflict a = awkward_conflict();
	g = hand_game(&a);
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
