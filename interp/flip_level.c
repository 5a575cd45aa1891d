/*
** flip_level.c: `scen flip` on a file with `~` (flip.h, docs/sense.md). Each value tried
** is a run of the file's draws and seed with the attribute overridden: every run sees
** the same draws of every uncertain value (common random numbers), so a verdict's share
** is a function of the value alone, a step function that moves where some draw's
** verdict changes. A grid brackets each place where a share passes the level, and
** bisection narrows it to FLIP_LEVEL_TOL of the range. The interval around it is the
** delta method's: the share's standard error at the crossing, sqrt(P(1 − P)/N) with P
** the level (core.md, Aggregation), over the share's slope there, itself a difference
** of two runs a grid cell apart (paired: the same draws, so its noise is small).
*/
#include "interp/flip.h"

#include <assert.h>
#include <math.h>
#include <string.h>

enum { NVERDICTS = CORE_RISK + 1 };

struct level_search {
	struct session *s;
	const char *owner, *attr;
	unsigned report;
	const struct run_options *run;	/* NULL: the file's settings */
	unsigned *runs;
	bool failed;
};

/* The share of each verdict at value x; sets failed when the run fails. */
static void shares_at(struct level_search *k, double x, double share[NVERDICTS])
{
	bool ok = interp_override(k->s->it, k->owner, k->attr, x);
	assert(ok);
	(void)ok;
	struct run_options o = { 0 };	/* the file's draws and seed */
	if (k->run)
		o = (struct run_options){ .have_seed = k->run->have_seed, .seed = k->run->seed,
					  .have_draws = k->run->have_draws,
					  .draws = k->run->draws, .threads = k->run->threads,
					  .stop = k->run->stop };
	++*k->runs;
	memset(share, 0, NVERDICTS * sizeof *share);
	if (session_run(k->s, &o) != 0 || k->s->result.stopped) {
		k->failed = true;
		return;
	}
	const struct settle_result *r = &k->s->result.reports[k->report].settle;
	for (unsigned v = 0; v < NVERDICTS; v++)
		share[v] = r->draws ? (double)r->verdicts[v] / (double)r->draws : 0;
}

static double share_of(struct level_search *k, double x, enum core_verdict v)
{
	double share[NVERDICTS];
	shares_at(k, x, share);
	return share[v];
}

/* [a, b] has verdict v's share below the level at one end and at or above it at the
** other: the value where it crosses, to the tolerance. */
static double bisect(struct level_search *k, double a, double b, enum core_verdict v,
		     double level, double tol)
{
	bool a_above = share_of(k, a, v) >= level;
	while (b - a > tol && !k->failed) {
		double m = a + (b - a) / 2;
		if (m <= a || m >= b)
			break;
		if ((share_of(k, m, v) >= level) == a_above)
			a = m;
		else
			b = m;
	}
	return a + (b - a) / 2;
}

/* The crossing's slope (a CRN difference over a grid cell centred on it, within the
** range) and its interval. */
static void interval(struct level_search *k, const struct flip_result *out,
		     struct flip_crossing *c)
{
	double h = (out->hi - out->lo) / FLIP_LEVEL_GRID;
	double a = fmax(out->lo, c->at - h / 2), b = fmin(out->hi, c->at + h / 2);
	c->slope = (share_of(k, b, c->verdict) - share_of(k, a, c->verdict)) / (b - a);
	c->se = sqrt(out->level * (1 - out->level) / (double)out->draws);
	if (c->slope == 0) {
		c->lo = c->hi = NAN;
		return;
	}
	double half = FLIP_Z95 * c->se / fabs(c->slope);
	c->lo = fmax(out->lo, c->at - half);
	c->hi = fmin(out->hi, c->at + half);
}

static void add_crossing(struct level_search *k, struct flip_result *out, double a, double b,
			 enum core_verdict v, bool rising)
{
	if (out->ncrossings == FLIP_MAX_SIDES) {
		out->truncated = true;
		return;
	}
	struct flip_crossing *c = &out->crossings[out->ncrossings++];
	*c = (struct flip_crossing){ .verdict = v, .rising = rising };
	c->at = bisect(k, a, b, v, out->level, FLIP_LEVEL_TOL * (out->hi - out->lo));
	interval(k, out, c);
}

bool flip_level_scan(struct session *s, const char *owner, const char *attr,
		     unsigned report, const struct run_options *run, struct flip_result *out,
		     unsigned *runs)
{
	struct level_search k = { s, owner, attr, report, run, runs, false };
	double grid[FLIP_LEVEL_GRID + 1][NVERDICTS];
	double step = (out->hi - out->lo) / FLIP_LEVEL_GRID;
	for (unsigned i = 0; i <= FLIP_LEVEL_GRID && !k.failed; i++)
		shares_at(&k, i == FLIP_LEVEL_GRID ? out->hi : out->lo + i * step, grid[i]);
	if (k.failed)
		return false;
	out->draws = s->result.draws;
	out->seed = s->result.seed;
	/* in value order: each grid cell, each verdict crossing in it */
	for (unsigned i = 0; i < FLIP_LEVEL_GRID && !k.failed; i++) {
		double a = out->lo + i * step, b = i + 1 == FLIP_LEVEL_GRID ? out->hi : a + step;
		for (unsigned v = 0; v < NVERDICTS; v++) {
			bool up0 = grid[i][v] >= out->level, up1 = grid[i + 1][v] >= out->level;
			if (up0 != up1)
				add_crossing(&k, out, a, b, (enum core_verdict)v, up1);
		}
	}
	return !k.failed;
}
