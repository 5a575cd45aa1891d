/*
** game.c: the provocation game of core.md §4 (Nzelibe, "Courting Genocide", Parts II–III:
** rebel leaders who expect humanitarian intervention may provoke the atrocities their
** followers suffer), its leaf payoffs and its backward-induction solution. The tree and
** the payoff conventions are documented in game.h; efg.c writes the same tree.
*/
#include "core/game.h"

#include <math.h>
#include <stddef.h>

static const char *const leaf_names[CORE_GAME_NLEAVES] = {
	"provoke concede",
	"provoke repress in win", "provoke repress in lose",
	"provoke repress out win", "provoke repress out lose",
	"provoke atrocities in win", "provoke atrocities in lose",
	"provoke atrocities out win", "provoke atrocities out lose",
	"abstain",
};

const char *core_game_leaf_name(int leaf)
{
	return leaf >= 0 && leaf < CORE_GAME_NLEAVES ? leaf_names[leaf] : "?";
}

const char *core_game_move_name(enum core_game_move m)
{
	switch (m) {
	case CORE_CONCEDE: return "concede";
	case CORE_REPRESS: return "repress";
	case CORE_ATROCITIES: return "atrocities";
	case CORE_GAME_NMOVES: break;
	}
	return "?";
}

const char *core_game_move_verb(enum core_game_move m)
{
	switch (m) {
	case CORE_CONCEDE: return "concedes";
	case CORE_REPRESS: return "represses selectively";
	case CORE_ATROCITIES: return "commits atrocities";
	case CORE_GAME_NMOVES: break;
	}
	return "?";
}

const char *core_game_player_name(enum core_game_player p)
{
	switch (p) {
	case CORE_LEADERS: return "leaders";
	case CORE_STATE: return "state";
	case CORE_FOLLOWERS: return "followers";
	case CORE_GAME_NPLAYERS: break;
	}
	return "?";
}

/* Leaves 1–8 are four per war move, in the order in-win, in-lose, out-win, out-lose. */
struct core_game_chances core_game_chances(const struct core_game *g, enum core_game_move m)
{
	const struct core_conflict *c = g->conflict;
	return (struct core_game_chances){
		.q = m == CORE_ATROCITIES ? c->chance_if_atrocities
			: m == CORE_REPRESS ? c->chance : 0,
		.win_in = c->win_if_in,
		.win_out = c->win,
	};
}

bool core_game_concession(const struct core_conflict *c, const struct core_range *r, double *x)
{
	if (r->verdict == CORE_NO_THREAT) {
		*x = c->status_quo;
		return true;
	}
	if (r->verdict == CORE_SETTLE) {
		*x = r->split;
		return true;
	}
	/* g = 0: nothing conceded is carried out, so no offer reaches x_min; else the
	** smallest admissible offer ≥ x_min, if it is at most V. */
	if (r->committed && (*x = core_admissible_up(c, fmax(r->x_min, 0))) != HUGE_VAL)
		return true;
	*x = NAN;
	return false;
}

/* The state's cost of fighting with move m: selective repression needs capacity. */
static double war_cost(const struct core_game *g, enum core_game_move m)
{
	double cost = g->conflict->state.cost;
	if (m != CORE_REPRESS)
		return cost;
	return core_game_can_repress(g) ? cost / g->capacity : HUGE_VAL;
}

/* One leaf's payoffs (game.h, Payoffs). */
static void leaf_payoffs(const struct core_game *g, int leaf, double *u)
{
	const struct core_conflict *c = g->conflict;
	struct core_game_events e = core_game_leaf_events(leaf);
	double V = c->value, lam = c->leaders_share, kap = c->leaders_cost;
	double rR = c->rebels.resolve, rS = c->state.resolve;
	double gain, state_cost = 0, rebel_cost = 0;

	if (e.war) {
		gain = e.rebels_win ? V : 0;
		rebel_cost = c->rebels.cost;
		state_cost = war_cost(g, e.move) + (e.intervened ? c->cost_to_state : 0);
	} else if (e.settled && g->concede_unavailable) {
		u[CORE_LEADERS] = u[CORE_STATE] = u[CORE_FOLLOWERS] = NAN;	/* no such leaf */
		return;
	} else if (e.settled) {
		gain = c->will * g->concession + (1 - c->will) * c->status_quo;
		state_cost = c->reputation * c->challengers * g->concession;
	} else {
		gain = c->status_quo;
	}
	u[CORE_LEADERS] = lam * rR * gain - kap * rebel_cost - g->sanctions[leaf].rebels
			  - (e.war && e.intervened ? c->cost_to_rebels : 0);
	u[CORE_STATE] = rS * (V - gain) - state_cost - g->sanctions[leaf].state;
	u[CORE_FOLLOWERS] = (1 - lam) * rR * gain - (1 - kap) * rebel_cost
			    - (e.atrocities ? g->harm : 0);
}

void core_game_payoffs(const struct core_game *g, double payoff[][CORE_GAME_NPLAYERS])
{
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		leaf_payoffs(g, l, payoff[l]);
}

/* The probability of each of a war move's four leaves, given the move is made. */
static void war_weights(const struct core_game *g, enum core_game_move m, double w[4])
{
	struct core_game_chances ch = core_game_chances(g, m);
	w[0] = ch.q * ch.win_in;
	w[1] = ch.q * (1 - ch.win_in);
	w[2] = (1 - ch.q) * ch.win_out;
	w[3] = (1 - ch.q) * (1 - ch.win_out);
}

static int first_leaf(enum core_game_move m)
{
	return m == CORE_REPRESS ? CORE_LEAF_REPRESS : CORE_LEAF_ATROCITIES;
}

/* Expected payoffs after each state move. A zero-weight leaf contributes nothing even
** when its payoff is infinite (repression without capacity is never reached by chance:
** its cost is infinite at every leaf, so the move's value is −∞ for the state). */
static void move_values(const struct core_game *g, struct core_game_solution *s)
{
	for (int p = 0; p < CORE_GAME_NPLAYERS; p++)
		s->move_value[CORE_CONCEDE][p] = s->payoff[CORE_LEAF_CONCEDE][p];
	for (int m = CORE_REPRESS; m <= CORE_ATROCITIES; m++) {
		double w[4];
		war_weights(g, (enum core_game_move)m, w);
		for (int p = 0; p < CORE_GAME_NPLAYERS; p++) {
			double v = 0;
			for (int i = 0; i < 4; i++)
				if (w[i] != 0)
					v += w[i] * s->payoff[first_leaf((enum core_game_move)m) + i][p];
			s->move_value[m][p] = v;
		}
	}
}

/* The state's reply: the least violent of its moves within tol of the best; the ties as
** bits. An unavailable concede is not one of its moves. */
static void state_reply(const struct core_game *g, struct core_game_solution *s, double tol)
{
	int first = g->concede_unavailable ? CORE_REPRESS : CORE_CONCEDE;
	double best = -HUGE_VAL;
	for (int m = first; m < CORE_GAME_NMOVES; m++)
		best = fmax(best, s->move_value[m][CORE_STATE]);
	s->reply_ties = 0;
	s->reply = CORE_GAME_NMOVES;
	for (int m = first; m < CORE_GAME_NMOVES; m++) {
		if (!(s->move_value[m][CORE_STATE] >= best - tol))
			continue;
		s->reply_ties |= 1u << m;
		if (s->reply == CORE_GAME_NMOVES)
			s->reply = (enum core_game_move)m;
	}
	if (s->reply == CORE_GAME_NMOVES)	/* every move −∞ (NaN aside): the first */
		s->reply = (enum core_game_move)first;
	s->state_tie = (s->reply_ties & (s->reply_ties - 1)) != 0;
}

/* Each leaf's probability on the equilibrium path and the path's event chances. */
static void path(const struct core_game *g, struct core_game_solution *s)
{
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		s->reach[l] = 0;
	s->p_war = s->p_atrocities = s->p_intervention = 0;
	if (!s->provoke) {
		s->reach[CORE_LEAF_ABSTAIN] = 1;
		return;
	}
	if (s->reply == CORE_CONCEDE) {
		s->reach[CORE_LEAF_CONCEDE] = 1;
		return;
	}
	double w[4];
	war_weights(g, s->reply, w);
	for (int i = 0; i < 4; i++)
		s->reach[first_leaf(s->reply) + i] = w[i];
	s->p_war = 1;
	s->p_atrocities = s->reply == CORE_ATROCITIES;
	s->p_intervention = w[0] + w[1];
}

void core_game_solve(const struct core_game *g, struct core_game_solution *s)
{
	const struct core_conflict *c = g->conflict;
	double tol = core_tolerance(c);

	core_game_payoffs(g, s->payoff);
	move_values(g, s);
	state_reply(g, s, tol);
	for (int p = 0; p < CORE_GAME_NPLAYERS; p++) {
		s->if_provoke[p] = s->move_value[s->reply][p];
		s->if_abstain[p] = s->payoff[CORE_LEAF_ABSTAIN][p];
	}
	double d = s->if_provoke[CORE_LEADERS] - s->if_abstain[CORE_LEADERS];
	s->provoke = d > tol;
	s->leaders_tie = fabs(d) <= tol;
	for (int p = 0; p < CORE_GAME_NPLAYERS; p++)
		s->value[p] = s->provoke ? s->if_provoke[p] : s->if_abstain[p];
	s->leaders_gain = d;
	s->followers_loss = s->if_abstain[CORE_FOLLOWERS] - s->if_provoke[CORE_FOLLOWERS];
	path(g, s);
}

size_t core_game_pivotal(const struct core_game *g, const struct core_game_rule *rules, size_t n,
			 bool *pivotal)
{
	struct core_game_solution base;
	core_game_solve(g, &base);
	return core_game_pivotal_of(g, &base, rules, n, pivotal);
}

size_t core_game_pivotal_of(const struct core_game *g, const struct core_game_solution *base,
			    const struct core_game_rule *rules, size_t n, bool *pivotal)
{
	struct core_game_solution s;
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		struct core_game w = *g;
		w.concession = rules[i].concession;
		w.concede_unavailable = rules[i].concede_unavailable;
		for (int l = 0; l < CORE_GAME_NLEAVES; l++) {
			w.sanctions[l].rebels -= rules[i].leaf[l].rebels;
			w.sanctions[l].state -= rules[i].leaf[l].state;
		}
		core_game_solve(&w, &s);
		pivotal[i] = s.provoke != base->provoke;
		count += pivotal[i];
	}
	return count;
}
