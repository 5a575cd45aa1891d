/*
** game.h: the provocation game (core.md §4; Nzelibe, "Courting Genocide": the moral
** hazard of humanitarian intervention and the rebel leaders' agency problem), solved by
** backward induction, and its export to Gambit's .efg format (efg.c).
**
** The tree, always of the same shape (18 nodes, 10 leaves; 17 and 9 when concede is not
** available, as below):
**
**   leaders: provoke | abstain                     abstain: the status quo (leaf 9)
**   provoke → state: concede | repress | atrocities
**     concede: a settlement at the caller's concession (leaf 0), when it is available
**     repress, atrocities → chance: the intervener comes in (q) | not (1 − q)
**       → chance: the rebels win (p⁺ if in, p⁰ if not) | lose       (leaves 1–4, 5–8)
**
** The war moves differ in q (repress: `chance`; atrocities: `chance_if_atrocities`), in
** the state's cost (repress: c_S / capacity, since selective violence takes capacity;
** atrocities: c_S) and in the followers' `harm` (atrocities only).
**
** Payoffs. "gain" is what the rebels end up holding, and the state keeps V − gain:
**   - war, rebels win: gain = V; rebels lose: gain = 0 (as §1's W_R = λ·r_R·b·V − κ·c_R);
**   - abstain: gain = x_sq, no costs (the status quo of §1's NO THREAT test);
**   - concede x: gain = g·x + (1 − g)·x_sq, no costs, and the state also pays §1's
**     reputation ρ·n·x (so this leaf is §1's settlement: U_R(x), U_S(x)).
** Then, with s_R, s_S the sanctions the caller gives for the leaf:
**   leaders   λ·r_R·gain − κ·c_R·[war] − s_R
**   state     r_S·(V − gain) − cost·[war] − k·[intervened] − s_S − ρ·n·x·[concede]
**   followers (1 − λ)·r_R·gain − (1 − κ)·c_R·[war] − harm·[atrocities]
** The chances are the true ones (p⁰, p⁺, q), common knowledge: the beliefs b_S, b_R of §1
** do not enter the game.
**
** Concede is not available when no admissible offer the leaders accept is at most V
** (core.md §4, step 2): the state then chooses between the two wars, and the concede leaf
** is not part of the game (its payoffs are NAN; the .efg export leaves it out).
**
** Backward induction: chance nodes take expectations; the state takes the move best for
** it, ties (within 1e-9·V) going to the less violent (concede < repress < atrocities);
** then the leaders provoke only if that is strictly better for them (a tie abstains).
** Ties are reported. No allocation; one call is one draw.
*/
#ifndef SCEN_CORE_GAME_H
#define SCEN_CORE_GAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/core.h"

enum core_game_player { CORE_LEADERS, CORE_STATE, CORE_FOLLOWERS, CORE_GAME_NPLAYERS };

/* The state's replies to provocation, from the least violent. */
enum core_game_move { CORE_CONCEDE, CORE_REPRESS, CORE_ATROCITIES, CORE_GAME_NMOVES };

/*
** The leaves in the tree's preorder, which is also the .efg file's order:
**   0 provoke concede
**   1 provoke repress in win      2 provoke repress in lose
**   3 provoke repress out win     4 provoke repress out lose
**   5 provoke atrocities in win   6 provoke atrocities in lose
**   7 provoke atrocities out win  8 provoke atrocities out lose
**   9 abstain
** ("win" and "lose" are the rebels'.)
*/
enum {
	CORE_LEAF_CONCEDE = 0,
	CORE_LEAF_REPRESS = 1,		/* the first of the four repress leaves */
	CORE_LEAF_ATROCITIES = 5,	/* the first of the four atrocity leaves */
	CORE_LEAF_ABSTAIN = 9,
	CORE_GAME_NLEAVES = 10,
	CORE_GAME_NNODES = 18		/* 2 player nodes, 6 chance nodes, 10 leaves; one
					 * leaf fewer when concede is not available, seven
					 * nodes when repress is not (efg.c) */
};

/* What a sanction rule's `when` sees at a leaf (core.md, Sanctions). Events are fixed at
** a leaf: the intervention coin is a node of the tree. */
struct core_game_events {
	bool provoked;		/* also `provocation(B)`: 1 when true */
	bool settled;		/* the state conceded */
	bool war;
	bool atrocities;
	bool intervened;
	bool rebels_win;	/* not an event of the language: for reports */
	enum core_game_move move;	/* the state's move (when provoked) */
};

/* The events at leaf 0 ≤ leaf < CORE_GAME_NLEAVES (inline: the payoffs and the
** sanctions read them at every leaf of every solve, several per draw). */
static inline struct core_game_events core_game_leaf_events(int leaf)
{
	struct core_game_events e = { .move = CORE_CONCEDE };
	if (leaf < 0 || leaf >= CORE_GAME_NLEAVES || leaf == CORE_LEAF_ABSTAIN)
		return e;
	e.provoked = true;
	if (leaf == CORE_LEAF_CONCEDE) {
		e.settled = true;
		return e;
	}
	int i = (leaf - CORE_LEAF_REPRESS) % 4;
	e.war = true;
	e.move = leaf < CORE_LEAF_ATROCITIES ? CORE_REPRESS : CORE_ATROCITIES;
	e.atrocities = e.move == CORE_ATROCITIES;
	e.intervened = i < 2;
	e.rebels_win = i % 2 == 0;
	return e;
}

/* The leaf's name, e.g. "provoke repress in win": plain ASCII, unique (the .efg labels). */
const char *core_game_leaf_name(int leaf);
const char *core_game_move_name(enum core_game_move m);	/* "concede", ... */
const char *core_game_move_verb(enum core_game_move m);	/* "concedes", ... */
const char *core_game_player_name(enum core_game_player p);	/* "leaders", ... */

/* The sums, over the sanction rules on each side whose `when` holds at a leaf, of their
** cost (a benefit is a negative cost). */
struct core_game_sanctions {
	double rebels;		/* on the rebels: the leaders pay it */
	double state;
};

/*
** The game of one draw. conflict gives V, x_sq, p⁰ (win), p⁺ (win_if_in), q (chance,
** chance_if_atrocities), k (cost_to_state), g (will), λ, κ, n, ρ and each side's cost and
** resolve; the rest of it (beliefs, expects, divisible, step, atrocities, the parties'
** sanctions) is not read: sanctions come per leaf below.
**
** concession is what the state concedes when it concedes, and concede_unavailable says
** that it cannot (no admissible offer up to V reaches x_min): core_game_concession finds
** both from §1 run with `provoked` true.
** capacity: selective repression costs c_S / capacity (capacity ≤ 0: it cannot repress;
** the cost is infinite, the state never represses, and the .efg export leaves it out).
*/
struct core_game {
	const struct core_conflict *conflict;
	double concession;
	bool concede_unavailable;	/* the state's moves are repress and atrocities */
	double capacity;
	double harm;		/* what the followers lose at the atrocity leaves */
	struct core_game_sanctions sanctions[CORE_GAME_NLEAVES];	/* per leaf */
};

/*
** §4 step 2: the concession, from c and r = core_bargain(c) with `provoked` true:
**   NO THREAT: x_sq (nothing more); SETTLE: the predicted split (r->split);
**   otherwise the smallest admissible x ≥ max(x_min, 0) (any x if divisible, 0 or V if
**   not, multiples of step), if x ≤ V.
** A concession is only what the leaders accept: when no admissible x ≤ V reaches x_min
** (x_min > V, as under a weak guarantee; no multiple of step in [x_min, V]; g = 0), it
** returns false and *x is NAN: concede is not available.
*/
bool core_game_concession(const struct core_conflict *c, const struct core_range *r, double *x);

/* Whether the state can repress selectively: it takes capacity (core.md §4). */
static inline bool core_game_can_repress(const struct core_game *g)
{
	return g->capacity > 0;
}

/* Every leaf's three payoffs, [leaf][player]; NAN at the concede leaf when concede is not
** available. */
void core_game_payoffs(const struct core_game *g, double payoff[][CORE_GAME_NPLAYERS]);

/* The chance probabilities of one war move m (CORE_REPRESS or CORE_ATROCITIES): q, and
** the rebels' chances of winning with the intervener in (p⁺) and out (p⁰). */
struct core_game_chances {
	double q, win_in, win_out;
};
struct core_game_chances core_game_chances(const struct core_game *g, enum core_game_move m);

struct core_game_solution {
	double payoff[CORE_GAME_NLEAVES][CORE_GAME_NPLAYERS];	/* as core_game_payoffs */
	double move_value[CORE_GAME_NMOVES][CORE_GAME_NPLAYERS];	/* expected, after each
								 * state move (NAN: an
								 * unavailable concede) */
	enum core_game_move reply;	/* the state's move if provoked (never an
					 * unavailable concede) */
	unsigned reply_ties;		/* bit m: move m is as good for the state as reply;
					 * the reply's own bit included */
	bool state_tie;			/* more than one bit in reply_ties */
	bool provoke;			/* the leaders' choice */
	bool leaders_tie;		/* provoking and abstaining are equal for them */
	/* Expected payoffs (by player) under each of the leaders' choices, the state
	 * replying as above, and on the equilibrium path. */
	double if_provoke[CORE_GAME_NPLAYERS], if_abstain[CORE_GAME_NPLAYERS];
	double value[CORE_GAME_NPLAYERS];
	/* "The leaders gain X by provoking; their followers lose Y": X = if_provoke −
	 * if_abstain for the leaders, Y = if_abstain − if_provoke for the followers
	 * (either may be negative). */
	double leaders_gain, followers_loss;
	/* On the equilibrium path: each leaf's probability, and those of war, of atrocities
	 * (the expected toll is p_atrocities × toll × size) and of intervention. */
	double reach[CORE_GAME_NLEAVES];
	double p_war, p_atrocities, p_intervention;
};

/* §4: backward induction. */
void core_game_solve(const struct core_game *g, struct core_game_solution *out);

/*
** Which sanction rules, removed one at a time, change the leaders' choice (core.md §4:
** "removed" means the whole game solved again without the rule, the concession of step 2
** included). rules[i] is rule i's contribution to each leaf's sums (cost at the leaves
** where its `when` holds, 0 elsewhere), and the concession and its availability that
** core_game_concession finds with §1 computed without rule i; g->sanctions must be the
** sums over all n rules. For each i, the game is solved again with rule i's contribution
** taken away and its concession; pivotal[i] (caller's array of n) says whether the
** leaders then choose otherwise. Returns the number of pivotal rules. A solve is a few
** dozen flops, so a caller wanting more (the state's reply, pairs of rules) can recompute
** the same way with core_game_solve.
*/
struct core_game_rule {
	struct core_game_sanctions leaf[CORE_GAME_NLEAVES];
	double concession;		/* without the rule */
	bool concede_unavailable;	/* without the rule */
};
size_t core_game_pivotal(const struct core_game *g, const struct core_game_rule *rules, size_t n,
			 bool *pivotal);
/* The same with base = core_game_solve's solution of g, which the caller has. */
size_t core_game_pivotal_of(const struct core_game *g, const struct core_game_solution *base,
			    const struct core_game_rule *rules, size_t n, bool *pivotal);

/*
** efg.c: the tree as Gambit .efg text (design/efg.md; Gambit's doc/formats.efg.rst).
** Players "leaders" "state" "followers" (the followers have no moves); nodes in preorder,
** one a line; every node labelled with its path (unique); each player node and each
** chance node is its own information set (perfect information), numbered in order of
** appearance; one outcome per leaf, numbered 1, 2, ... in order (10 of them, 9 when
** concede is not available: the state's node then offers repress and atrocities only),
** labelled with the leaf's name, payoffs {leaders, state, followers}.
**
** Numbers are exact (core.md §4, "Exact means rational"): a chance probability is the
** simplest fraction within 1e-12 of the double and its complement 1 minus it, exactly;
** a payoff the simplest fraction within 1e-12·max(1, |u|); integers as integers ("3",
** "-7", "1/3"). The values core_game_solve treats as tied (within 1e-9·V) are then
** made exactly equal, each moved by less than that: every move of the state tied with
** its reply takes exactly the reply's expected value, and tied leaders get exactly the
** value of provoking at the abstain leaf. So the file's subgame-perfect equilibria are
** the solver's profile and exactly its ties.
** title and description are made plain ASCII (a run of other bytes becomes one `-`,
** control characters are dropped, `"` becomes `'` and `\` `/`, spaces collapse); NULL
** or empty gives "scen provocation game" and "". The description line ends with the
** solver's solution: "DESCRIPTION; scen: leaders abstain (tied with provoke); state
** repress (tied with atrocities); concede not available" (each parenthesis and the last
** part only when they apply).
** Returns 0, or -1 when a payoff is not finite (errno EDOM) or beyond 2^62 (ERANGE), or
** writing fails.
*/
int core_efg_write(FILE *f, const struct core_game *g, const char *title, const char *description);

#endif
