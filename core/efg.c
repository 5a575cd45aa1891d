/*
** efg.c: the provocation game (game.h) as Gambit .efg text, so that its equilibrium can
** be checked in Gambit (design/efg.md; Gambit's doc/formats.efg.rst).
**
** Invariants the checks rely on: one node a line in preorder, CORE_GAME_NNODES of them;
** every label plain ASCII and unique; each chance node's two probabilities are decimals
** with at most 9 places that sum to exactly 1 as rationals; outcome n is leaf n − 1.
*/
#include "game.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#define PROB_SCALE 1000000000LL	/* probabilities are written in units of 10^-9 */

/* A quoted label from free text: printable ASCII only (a run of other bytes, such as one
** UTF-8 character, becomes one `-`: "1998–99" gives "1998-99"), `"` → `'`, `\` → `/`,
** runs of spaces (and tabs) collapsed to one, none leading or trailing. */
static void put_label(FILE *f, const char *s, const char *fallback)
{
	bool any = false, space = false;
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = any;
			continue;
		}
		if (ch < 0x20)
			continue;
		if (ch > 0x7e) {
			while (s[1] && (unsigned char)s[1] > 0x7e)
				s++;
			ch = '-';
		}
		if (space)
			fputc(' ', f);
		space = false;
		any = true;
		fputc(ch == '"' ? '\'' : ch == '\\' ? '/' : ch, f);
	}
	if (!any)
		fputs(fallback, f);
	fputc('"', f);
}

/* n / 10^9 for 0 ≤ n ≤ 10^9, as a decimal without trailing zeros: 0, 0.2, 1. */
static void put_units(FILE *f, long long n)
{
	long long whole = n / PROB_SCALE, frac = n % PROB_SCALE;
	fprintf(f, "%lld", whole);
	if (frac == 0)
		return;
	char digits[24];
	snprintf(digits, sizeof digits, "%09lld", frac);
	for (int i = 8; i > 0 && digits[i] == '0'; i--)
		digits[i] = '\0';
	fprintf(f, ".%s", digits);
}

/* p rounded to 9 decimals, in units of 10^-9, clamped into [0, 1]. */
static long long prob_units(double p)
{
	if (!(p > 0))
		return 0;
	if (p >= 1)
		return PROB_SCALE;
	return llround(p * (double)PROB_SCALE);
}

/* A payoff rounded to 9 decimals, trailing zeros dropped, never "-0" or an exponent. */
static void put_payoff(FILE *f, double v)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%.9f", v);
	char *end = buf + strlen(buf) - 1;
	while (*end == '0')
		*end-- = '\0';
	if (*end == '.')
		*end = '\0';
	fputs(strcmp(buf, "-0") == 0 ? "0" : buf, f);
}

static void put_leaf(FILE *f, int leaf, const double *u)
{
	fprintf(f, "t \"%s\" %d \"%s\" { ", core_game_leaf_name(leaf), leaf + 1,
		core_game_leaf_name(leaf));
	for (int p = 0; p < CORE_GAME_NPLAYERS; p++) {
		put_payoff(f, u[p]);
		fputs(p + 1 < CORE_GAME_NPLAYERS ? ", " : " }\n", f);
	}
}

/* A two-way chance node: the first action with probability p, the second 1 − p. */
static void put_chance(FILE *f, const char *label, int event, const char *a, const char *b,
		       double p)
{
	long long n = prob_units(p);
	fprintf(f, "c \"%s\" %d \"%s\" { \"%s\" ", label, event, label, a);
	put_units(f, n);
	fprintf(f, " \"%s\" ", b);
	put_units(f, PROB_SCALE - n);
	fputs(" } 0\n", f);
}

/* One war move's subtree: the intervention node, then the war's outcome with and without
** the intervener. Events are numbered 3·(m − 1) + 1, + 2, + 3. */
static void put_war(FILE *f, const struct core_game *g, enum core_game_move m,
		    double payoff[][CORE_GAME_NPLAYERS])
{
	struct core_game_chances ch = core_game_chances(g, m);
	const char *name = core_game_move_name(m);
	int event = 3 * (m - CORE_REPRESS) + 1;
	int leaf = m == CORE_REPRESS ? CORE_LEAF_REPRESS : CORE_LEAF_ATROCITIES;
	char label[64];

	snprintf(label, sizeof label, "provoke %s", name);
	put_chance(f, label, event, "in", "out", ch.q);
	snprintf(label, sizeof label, "provoke %s in", name);
	put_chance(f, label, event + 1, "win", "lose", ch.win_in);
	put_leaf(f, leaf, payoff[leaf]);
	put_leaf(f, leaf + 1, payoff[leaf + 1]);
	snprintf(label, sizeof label, "provoke %s out", name);
	put_chance(f, label, event + 2, "win", "lose", ch.win_out);
	put_leaf(f, leaf + 2, payoff[leaf + 2]);
	put_leaf(f, leaf + 3, payoff[leaf + 3]);
}

int core_efg_write(FILE *f, const struct core_game *g, const char *title, const char *description)
{
	double payoff[CORE_GAME_NLEAVES][CORE_GAME_NPLAYERS];
	core_game_payoffs(g, payoff);
	for (int l = 0; l < CORE_GAME_NLEAVES; l++)
		for (int p = 0; p < CORE_GAME_NPLAYERS; p++)
			if (!isfinite(payoff[l][p])) {
				errno = EDOM;
				return -1;
			}

	fputs("EFG 2 R ", f);
	put_label(f, title, "scen provocation game");
	fputs(" { \"leaders\" \"state\" \"followers\" }\n", f);
	put_label(f, description, "");
	fputs("\n\n", f);
	fputs("p \"root\" 1 1 \"leaders\" { \"provoke\" \"abstain\" } 0\n", f);
	fputs("p \"provoke\" 2 1 \"state\" { \"concede\" \"repress\" \"atrocities\" } 0\n", f);
	put_leaf(f, CORE_LEAF_CONCEDE, payoff[CORE_LEAF_CONCEDE]);
	put_war(f, g, CORE_REPRESS, payoff);
	put_war(f, g, CORE_ATROCITIES, payoff);
	put_leaf(f, CORE_LEAF_ABSTAIN, payoff[CORE_LEAF_ABSTAIN]);
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
