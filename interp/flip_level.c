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
** Ctrl-C stops the run in progress at a block's end: that run and the grid cell it was
** in are dropped, and the crossings of the cells before are kept. The progress line
** counts the draws of the whole search: the grid's runs and crossing_runs() a crossing.
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
	double step;			/* a grid cell of the range asked */
	bool failed, stopped;
	/* the progress of the whole search: runs done of planned, the fraction shown */
	unsigned done, planned;
	double shown;
};

/* The runs a crossing takes: the bisection of a grid cell to the tolerance, its first
** end's share, and the slope's two ends (bisect, interval). */
static unsigned crossing_runs(void)
{
	return (unsigned)ceil(log2(1.0 / FLIP_LEVEL_GRID / FLIP_LEVEL_TOL)) + 3;
}

/* A run's progress as that of the search: done of total draws of the run in progress,
** after k->done whole runs, of k->planned. The plan grows as crossings are found, so
** the fraction is never shown going back. */
static void search_progress(uint64_t done, uint64_t total, void *arg)
{
	struct level_search *k = arg;
	double all = (double)k->planned * (double)total;
	double now = ((double)k->done * (double)total + (double)done) / all;
	if (now < k->shown)
		now = k->shown;
	k->shown = now > 1 ? 1 : now;
	k->run->progress((uint64_t)(k->shown * all), (uint64_t)all, k->run->progress_arg);
}

/* The share of each verdict at value x; sets failed when the run fails (unless Ctrl-C
** stopped it, at its value: flip_grid), and stopped too when Ctrl-C stopped it. */
static void shares_at(struct level_search *k, double x, double share[NVERDICTS])
{
	bool ok = interp_override(k->s->it, k->owner, k->attr, x);
	assert(ok);
	(void)ok;
	struct run_options o = { 0 };	/* the file's draws and seed */
	if (k->run) {
		o = *k->run;
		o.progress = k->run->progress ? search_progress : NULL;
		o.progress_arg = k;
	}
	++*k->runs;
	memset(share, 0, NVERDICTS * sizeof *share);
	int st = session_run(k->s, &o);
	k->done++;
	bool ctrl_c = o.stop && *o.stop;
	if (st != 0 && ctrl_c)	/* stopped before its first block: the caller says so */
		diag_clear(session_sink(k->s));
	if (st != 0 || k->s->result.stopped) {
		k->failed = true;
		k->stopped = st == 0 || ctrl_c;
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
** other: the value where it crosses, to the tolerance, its fewest digits within the
** bracket (flip_snap: a share that jumps at a round value, every draw at once, crosses
** at that value). */
static double bisect(struct level_search *k, const struct flip_result *out, double a,
		     double b, enum core_verdict v, double tol)
{
	bool a_above = share_of(k, a, v) >= out->level;
	while (b - a > tol && !k->failed) {
		double m = a + (b - a) / 2;
		if (m <= a || m >= b)
			break;
		if ((share_of(k, m, v) >= out->level) == a_above)
			a = m;
		else
			b = m;
	}
	return flip_snap(a, b);
}

/* The crossing's slope (a CRN difference over a grid cell centred on it, within the
** range) and its interval. */
static void interval(struct level_search *k, const struct flip_result *out,
		     struct flip_crossing *c)
{
	double h = k->step;
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
	c->at = bisect(k, out, a, b, v, FLIP_LEVEL_TOL * FLIP_LEVEL_GRID * k->step);
	interval(k, out, c);
}

/* The crossings the grid brackets in its cells [first, last), each counted in a cell
** once per verdict. */
static unsigned bracketed(const double (*grid)[NVERDICTS], unsigned first, unsigned last,
			  double level)
{
	unsigned n = 0;
	for (unsigned i = first; i < last; i++)
		for (unsigned v = 0; v < NVERDICTS; v++)
			n += (grid[i][v] >= level) != (grid[i + 1][v] >= level);
	return n;
}

/* The grid's shares at each of its values xs[first..last]: a value whose run fails is
** outside the range searched (flip_grid: out->lo and out->hi cut to those that ran).
** False when Ctrl-C stopped it, or when no value ran (an error says why). */
static bool run_grid(struct level_search *k, struct flip_result *out,
		     const double *xs, double (*grid)[NVERDICTS], unsigned *first,
		     unsigned *last)
{
	struct flip_grid g;
	flip_grid_init(&g, k->s, out, FLIP_LEVEL_GRID);
	for (unsigned i = 0; i <= FLIP_LEVEL_GRID && !k->stopped; i++) {
		shares_at(k, xs[i], grid[i]);
		if (!k->failed) {	/* the draws and seed are those of every run */
			out->draws = k->s->result.draws;
			out->seed = k->s->result.seed;
		}
		bool ran = !k->failed, had = g.ran;
		k->failed = k->stopped;
		if (k->stopped || !flip_grid_next(&g, xs[i], ran))
			break;
		if (ran && !had)
			*first = i;
		if (ran)
			*last = i;
	}
	if (k->stopped) {
		flip_grid_free(&g);
		return false;
	}
	k->failed = !flip_grid_end(&g);
	return !k->failed;
}

bool flip_level_scan(struct session *s, const char *owner, const char *attr,
		     unsigned report, const struct run_options *run, struct flip_result *out,
		     unsigned *runs)
{
	struct level_search k = { .s = s, .owner = owner, .attr = attr, .report = report,
				  .run = run, .runs = runs,
				  .step = (out->hi - out->lo) / FLIP_LEVEL_GRID };
	double grid[FLIP_LEVEL_GRID + 1][NVERDICTS], xs[FLIP_LEVEL_GRID + 1];
	for (unsigned i = 0; i <= FLIP_LEVEL_GRID; i++)
		xs[i] = i == FLIP_LEVEL_GRID ? out->hi : out->lo + i * k.step;
	/* the plan until the grid is done: the grid and one crossing */
	k.planned = FLIP_LEVEL_GRID + 1 + crossing_runs();
	unsigned first = 0, last = 0;
	out->searched_to = out->lo;
	if (!run_grid(&k, out, xs, grid, &first, &last)) {
		out->stopped = k.stopped;
		return false;
	}
	k.planned = k.done + bracketed((const double (*)[NVERDICTS])grid, first, last,
				       out->level) * crossing_runs();
	/* in value order: each grid cell, each verdict crossing in it */
	for (unsigned i = first; i < last && !k.failed; i++) {
		double a = xs[i], b = xs[i + 1];
		unsigned before = out->ncrossings;
		out->searched_to = a;
		for (unsigned v = 0; v < NVERDICTS && !k.failed; v++) {
			bool up0 = grid[i][v] >= out->level, up1 = grid[i + 1][v] >= out->level;
			if (up0 != up1)
				add_crossing(&k, out, a, b, (enum core_verdict)v, up1);
		}
		if (k.stopped)	/* the cell unfinished: none of its crossings kept */
			out->ncrossings = before;
	}
	if (!k.failed)
		out->searched_to = out->hi;
	out->stopped = k.stopped;
	return !k.failed;
}
