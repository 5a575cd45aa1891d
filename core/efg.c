/*
** efg.c: the provocation game (game.h) as Gambit .efg text, so that its equilibrium can
** be checked in Gambit (design/efg.md; Gambit's doc/formats.efg.rst).
**
** Exact means rational (core.md §4): every probability and payoff is written as the
** simplest fraction near the double (exact.h), complements as exact differences, and
** the values that scen treats as tied are made exactly equal (snap_ties), so that the
** subgame-perfect equilibria of the file are scen's profile and its ties, no more.
**
** A move the state cannot make is left out with its subtree (game.h): concede when it is
** not available, repress without capacity (core.md §4: its cost c_S / capacity is
** infinite, and scen solves the game without it).
**
** Invariants the checks rely on: one node a line in preorder, CORE_GAME_NNODES of them
** (one fewer without concede, seven fewer without repress); every label plain ASCII and unique; each chance node's
** two probabilities sum to exactly 1; outcomes are numbered 1, 2, ... in order.
*/
#include "core/game.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "core/exact.h"

/* Free text as label text: printable ASCII only (a run of other bytes, such as one
** UTF-8 character, becomes one `-`: "1998–99" gives "1998-99"), `"` → `'`, `\` → `/`,
** runs of spaces (and tabs) collapsed to one, none leading or trailing. *any says
** whether something was written before (and is set when this writes), *space whether a
** space is pending. */
static void put_text(FILE *f, const char *s, bool *any, bool *space)
{
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			*space = *any;
			continue;
		}
		if (ch < 0x20)
			continue;
		if (ch > 0x7e) {
			while (s[1] && (unsigned char)s[1] > 0x7e)
				s++;
			ch = '-';
		}
		if (*space)
			fputc(' ', f);
		*space = false;
		*any = true;
		fputc(ch == '"' ? '\'' : ch == '\\' ? '/' : ch, f);
	}
}

/* A quoted label from free text (put_text), or fallback when that is empty. */
static void put_label(FILE *f, const char *s, const char *fallback)
{
	bool any = false, space = false;
	fputc('"', f);
	put_text(f, s, &any, &space);
	if (!any)
		fputs(fallback, f);
	fputc('"', f);
}

/* The exported game, exactly: payoffs [leaf][player], and each war move's three chance
** nodes (the intervener in; the rebels win with it in; without it), [first action, its
** complement]. */
struct exact_game {
	struct exact u[CORE_GAME_NLEAVES][CORE_GAME_NPLAYERS];
	struct exact chance[CORE_GAME_NMOVES][3][2];
};

static int first_leaf(enum core_game_move m)
{
	return m == CORE_REPRESS ? CORE_LEAF_REPRESS : CORE_LEAF_ATROCITIES;
}

/* Whether the state can make move m, so that the file has it (atrocities always). */
static bool available(const struct core_game *g, enum core_game_move m)
{
	if (m == CORE_CONCEDE)
		return !g->concede_unavailable;
	return m != CORE_REPRESS || core_game_can_repress(g);
}

/* Whether leaf is in the file: abstain always, a provoked leaf when its move is. */
static bool leaf_written(const struct core_game *g, int leaf)
{
	struct core_game_events e = core_game_leaf_events(leaf);
	return !e.provoked || available(g, e.move);
}

/* p as the simplest fraction within 1e-12 (clamped into [0, 1]), and 1 − p exactly. */
static bool exact_chance(struct exact pq[2], double p)
{
	struct exact one;
	exact_int(&one, 1);
	if (!exact_simplest(&pq[0], fmin(fmax(p, 0), 1), 1e-12))
		return false;
	return exact_sub(&pq[1], &one, &pq[0]);
}

/* Every payoff within 1e-12 · max(1, |u|) of the double, every chance as above. */
static bool exact_game(struct exact_game *x, const struct core_game *g,
		       double payoff[][CORE_GAME_NPLAYERS])
{
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		for (int p = 0; p < CORE_GAME_NPLAYERS; p++) {
			double u = payoff[l][p];
			if (!leaf_written(g, l))
				exact_int(&x->u[l][p], 0);	/* not written */
			else if (!exact_simplest(&x->u[l][p], u, 1e-12 * fmax(1, fabs(u))))
				return false;
		}
	for (int m = CORE_REPRESS; m <= CORE_ATROCITIES; m++) {
		struct core_game_chances ch = core_game_chances(g, (enum core_game_move)m);
		if (!exact_chance(x->chance[m][0], ch.q) || !exact_chance(x->chance[m][1], ch.win_in) ||
		    !exact_chance(x->chance[m][2], ch.win_out))
			return false;
	}
	return true;
}

/* r = w[0]·a + w[1]·b. */
static bool mix(struct exact *r, const struct exact w[2], const struct exact *a,
		const struct exact *b)
{
	struct exact s, t;
	return exact_mul(&s, &w[0], a) && exact_mul(&t, &w[1], b) && exact_add(r, &s, &t);
}

/* Player p's exact expected payoff after the state's move m. */
static bool move_value(const struct exact_game *x, enum core_game_move m, int p, struct exact *v)
{
	if (m == CORE_CONCEDE) {
		*v = x->u[CORE_LEAF_CONCEDE][p];
		return true;
	}
	const struct exact (*ch)[2] = x->chance[m];
	int l = first_leaf(m);
	struct exact in, out;
	return mix(&in, ch[1], &x->u[l][p], &x->u[l + 1][p]) &&
	       mix(&out, ch[2], &x->u[l + 2][p], &x->u[l + 3][p]) && mix(v, ch[0], &in, &out);
}

/*
** The values scen treats as tied (within 1e-9·V: game.c) made exactly equal, each by
** less than that tolerance: each move of the state tied with its reply gets exactly the
** reply's expected value (a concession, at its leaf; a war move, by shifting the state's
** payoff at its four leaves by the difference, which moves its expectation by as much);
** when the leaders are tied, their payoff at the abstain leaf becomes exactly what
** provoking gives them. Values that are not tied differ by more than the tolerance, far
** more than the fractions move them, so the file's strict preferences are scen's.
*/
static bool snap_ties(struct exact_game *x, const struct core_game_solution *s)
{
	struct exact target, v, delta;
	if (!move_value(x, s->reply, CORE_STATE, &target))
		return false;
	for (int m = 0; m < CORE_GAME_NMOVES; m++) {
		if (m == (int)s->reply || !(s->reply_ties >> m & 1))
			continue;
		if (m == CORE_CONCEDE) {
			x->u[CORE_LEAF_CONCEDE][CORE_STATE] = target;
			continue;
		}
		if (!move_value(x, (enum core_game_move)m, CORE_STATE, &v) ||
		    !exact_sub(&delta, &target, &v))
			return false;
		for (int l = first_leaf((enum core_game_move)m), i = 0; i < 4; i++)
			if (!exact_add(&x->u[l + i][CORE_STATE], &x->u[l + i][CORE_STATE], &delta))
				return false;
	}
	if (s->leaders_tie)
		return move_value(x, s->reply, CORE_LEADERS, &x->u[CORE_LEAF_ABSTAIN][CORE_LEADERS]);
	return true;
}

/* A leaf, with the next outcome number. */
static void put_leaf(FILE *f, int leaf, int *outcome, const struct exact *u)
{
	fprintf(f, "t \"%s\" %d \"%s\" { ", core_game_leaf_name(leaf), ++*outcome,
		core_game_leaf_name(leaf));
	for (int p = 0; p < CORE_GAME_NPLAYERS; p++) {
		exact_print(f, &u[p]);
		fputs(p + 1 < CORE_GAME_NPLAYERS ? ", " : " }\n", f);
	}
}

/* A two-way chance node: the first action with probability pq[0], the second pq[1]. */
static void put_chance(FILE *f, const char *label, int event, const char *a, const char *b,
		       const struct exact pq[2])
{
	fprintf(f, "c \"%s\" %d \"%s\" { \"%s\" ", label, event, label, a);
	exact_print(f, &pq[0]);
	fprintf(f, " \"%s\" ", b);
	exact_print(f, &pq[1]);
	fputs(" } 0\n", f);
}

/* One war move's subtree: the intervention node, then the war's outcome with and without
** the intervener. Its events are the next three chance numbers after *event (numbered
** in order of first appearance, design/efg.md). */
static void put_war(FILE *f, const struct exact_game *x, enum core_game_move m, int *outcome,
		    int *event)
{
	const char *name = core_game_move_name(m);
	int leaf = first_leaf(m);
	char label[64];

	snprintf(label, sizeof label, "provoke %s", name);
	put_chance(f, label, ++*event, "in", "out", x->chance[m][0]);
	snprintf(label, sizeof label, "provoke %s in", name);
	put_chance(f, label, ++*event, "win", "lose", x->chance[m][1]);
	put_leaf(f, leaf, outcome, x->u[leaf]);
	put_leaf(f, leaf + 1, outcome, x->u[leaf + 1]);
	snprintf(label, sizeof label, "provoke %s out", name);
	put_chance(f, label, ++*event, "win", "lose", x->chance[m][2]);
	put_leaf(f, leaf + 2, outcome, x->u[leaf + 2]);
	put_leaf(f, leaf + 3, outcome, x->u[leaf + 3]);
}

/* The description line: the caller's text, then scen's solution, e.g. "scen: leaders
** abstain (tied with provoke); state concede (tied with atrocities)". */
static void put_description(FILE *f, const char *description, const struct core_game *g,
			    const struct core_game_solution *s)
{
	bool any = false, space = false;
	char path[160];
	size_t n = (size_t)snprintf(path, sizeof path, "scen: leaders %s%s; state %s",
				    s->provoke ? "provoke" : "abstain", !s->leaders_tie ? ""
				    : s->provoke ? " (tied with abstain)" : " (tied with provoke)",
				    core_game_move_name(s->reply));
	if (s->state_tie) {
		n += (size_t)snprintf(path + n, sizeof path - n, " (tied with");
		for (int m = 0; m < CORE_GAME_NMOVES; m++)
			if (m != (int)s->reply && s->reply_ties >> m & 1)
				n += (size_t)snprintf(path + n, sizeof path - n, " %s",
						      core_game_move_name((enum core_game_move)m));
		n += (size_t)snprintf(path + n, sizeof path - n, ")");
	}
	for (int m = 0; m < CORE_GAME_NMOVES; m++)
		if (!available(g, (enum core_game_move)m))
			n += (size_t)snprintf(path + n, sizeof path - n, "; %s not available",
					      core_game_move_name((enum core_game_move)m));
	fputc('"', f);
	put_text(f, description, &any, &space);
	if (any) {
		fputc(';', f);
		space = true;
	}
	put_text(f, path, &any, &space);
	fputc('"', f);
}

int core_efg_write(FILE *f, const struct core_game *g, const char *title, const char *description)
{
	struct core_game_solution s;
	core_game_solve(g, &s);
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		for (int p = 0; p < CORE_GAME_NPLAYERS; p++)
			if (!isfinite(s.payoff[l][p]) && leaf_written(g, l)) {
				errno = EDOM;
				return -1;
			}
	struct exact_game x;
	if (!exact_game(&x, g, s.payoff) || !snap_ties(&x, &s)) {
		errno = ERANGE;		/* a payoff beyond 2^62 */
		return -1;
	}

	int outcome = 0, event = 0;
	fputs("EFG 2 R ", f);
	put_label(f, title, "scen provocation game");
	fputs(" { \"leaders\" \"state\" \"followers\" }\n", f);
	put_description(f, description, g, &s);
	fputs("\n\n", f);
	fputs("p \"root\" 1 1 \"leaders\" { \"provoke\" \"abstain\" } 0\n", f);
	fputs("p \"provoke\" 2 1 \"state\" { ", f);
	for (int m = 0; m < CORE_GAME_NMOVES; m++)
		if (available(g, (enum core_game_move)m))
			fprintf(f, "\"%s\" ", core_game_move_name((enum core_game_move)m));
	fputs("} 0\n", f);
	if (available(g, CORE_CONCEDE))
		put_leaf(f, CORE_LEAF_CONCEDE, &outcome, x.u[CORE_LEAF_CONCEDE]);
	for (int m = CORE_REPRESS; m <= CORE_ATROCITIES; m++)
		if (available(g, (enum core_game_move)m))
			put_war(f, &x, (enum core_game_move)m, &outcome, &event);
	put_leaf(f, CORE_LEAF_ABSTAIN, &outcome, x.u[CORE_LEAF_ABSTAIN]);
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
