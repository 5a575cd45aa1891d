/*
** flip.h: `scen flip FILE ATTR` (docs/sense.md): for a file without `~`, the values of
** one attribute at which a settlement report's verdict changes, over its valid range.
** The model is run once per value tried, through the session, with the attribute's
** value overridden (interp_override); a fine grid brackets every change, bisection
** refines each to FLIP_TOL of the range, and each side is run again to confirm it.
** For a file with `~` (flip_level.c): the values at which a verdict's share of the
** draws crosses a level P, each a run of the file's draws on the same draws (common
** random numbers), a grid of FLIP_LEVEL_GRID cells bracketing each crossing and
** bisection refining it; its 95% confidence interval is the share's standard error
** at the crossing, sqrt(P(1 − P)/N), over the share's slope there (the delta method).
*/
#ifndef SCEN_FLIP_H
#define SCEN_FLIP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/core.h"
#include "interp/session.h"

enum {
	FLIP_GRID = 1000,	/* grid cells over the range */
	FLIP_MAX_SIDES = 32,	/* verdict intervals kept (more: truncated) */
	FLIP_V_MULTIPLE = 2	/* an unbounded amount is searched on [lo, 2·V] */
};
#define FLIP_TOL 1e-12		/* the breakpoints' precision, relative to the range */
enum { FLIP_LEVEL_GRID = 50 };	/* with `~`: grid cells over the range */
#define FLIP_LEVEL_TOL 1e-6	/* with `~`: a crossing's precision, relative to the range */
#define FLIP_Z95 1.959963985	/* the normal quantile at 97.5%: a 95% interval */
#define FLIP_OTHER_HI 10.0	/* an unbounded attribute that is not an amount: [lo, 10] */

/* An interval of the range over which the verdict is one. */
struct flip_side {
	double from, to;
	enum core_verdict verdict;
};

/* With `~`: a value at which a verdict's share crosses the level. */
struct flip_crossing {
	enum core_verdict verdict;
	bool rising;			/* below the level under `at`, at or above it over */
	double at;			/* the crossing */
	double se;			/* the share's SE there: sqrt(P(1 − P)/N) */
	double slope;			/* d share / d value there (CRN difference over a
					** grid cell); 0: no interval */
	double lo, hi;			/* at ∓ FLIP_Z95·se/|slope|, within the range */
};

struct flip_result {
	char label[128];		/* "reb\0belief": owner and attribute */
	char label_full[128];		/* "reb.belief" */
	const struct attr_def *def;
	const char *what;		/* the report: "settlement gov vs reb" */
	double lo, hi;			/* the range searched */
	bool hi_assumed;		/* hi is not the attribute's bound (unbounded) */
	double V;			/* the report's stake value */
	struct flip_side sides[FLIP_MAX_SIDES];
	unsigned nsides;		/* breakpoints: sides[i].to, i < nsides - 1 */
	bool truncated;			/* more changes than FLIP_MAX_SIDES */
	bool unconfirmed;		/* a side's middle had another verdict: a change
					 * narrower than a grid cell was missed */
	unsigned runs;			/* model runs it took */
	/* a file with `~`: crossings of the level instead of sides */
	bool uncertain;
	double level;
	uint64_t draws, seed;
	struct flip_crossing crossings[FLIP_MAX_SIDES];
	unsigned ncrossings;
	/* Ctrl-C (run->stop) stopped the search: flip_find returned FLIP_RUN_FAILED. With
	** `~`, crossings[] holds those found before, each on every draw (the run stopped
	** is dropped), all below searched_to; without, nothing (nsides 0). */
	bool stopped;
	double searched_to;
};

enum flip_status {
	FLIP_OK,
	FLIP_BAD_LABEL,		/* not OWNER.ATTR or a let */
	FLIP_NO_OWNER,		/* no block of that name */
	FLIP_NO_ATTR,		/* its role has no such attribute */
	FLIP_NOT_NUMBER,	/* a boolean, a choice, a name or a setting */
	FLIP_LET_DRAWN,		/* a let with `~`, or a function */
	FLIP_LET_NO_RANGE,	/* a let no attribute takes whole: no unit, no range */
	FLIP_NO_REPORT,		/* no such settlement report among the file's own */
	FLIP_RUN_FAILED		/* a run failed (the sink says why) */
};

/* Why a label cannot be flipped (statuses FLIP_BAD_LABEL to FLIP_LET_NO_RANGE), one
** text for `scen flip` and the REPL's `:flip` alike: a printf format taking two strings,
** quoted as the caller quotes names ('gov' on the command line, `gov` in the REPL): the
** owner and the attribute for FLIP_NO_OWNER and FLIP_NO_ATTR, else the label and
** anything (unused). NULL for the other statuses. */
const char *flip_status_text(enum flip_status st);

/* Searches label ("owner.attr") over its range in s, loaded with s->unfolded set.
** report: the report's text ("settlement gov vs reb", or "gov vs reb"), NULL for the
** first settlement report of the file. level: the share whose crossings are found in a
** file with `~` (0 < level < 1); a file without `~` ignores it. run (NULL: the file's
** settings): the seed, draws and threads of the runs with `~`, the types of every run,
** the Ctrl-C flag (out->stopped), and the progress callback, which sees the whole
** search as one count of draws (the runs planned times the draws of each). */
enum flip_status flip_find(struct session *s, const char *label, const char *report,
			   double level, const struct run_options *run, struct flip_result *out);

/* The value given for a change that bisection has bracketed in [a, b] (a verdict or a
** share on one side at a, on the other at b, b − a within the tolerance): of the values
** of [a, b], the one with the fewest significant digits, nearest the middle. Every
** value of the bracket is as good as another; this one prints no digit the search did
** not establish, and a change at a round value (a share that jumps at 20, every draw at
** once; a breakpoint at 3e-7) is given as that value, not as the middle (19.9999). */
double flip_snap(double a, double b);

/* A level as the command line or the REPL gives it: a share strictly between 0 and 1,
** as 0.5 or 50%. False when text is not one. */
bool flip_parse_level(const char *text, double *level);

/* The grid's values whose run failed other than by Ctrl-C, for both searches (flip.c,
** flip_level.c). The file ran at its own values (flip_find's first run), so such a value
** is one at which the model cannot be evaluated: its quantities pass 2^53, too large for
** the exact sums (run_result.too_large), or a value is not a number, is infinite, or is
** outside its domain or its attribute's range (a draw's error, which run.c reports
** without a flag). As `scen run` of the file with that value would fail, and with the
** values that ran pass, the range searched is the grid's values from the first that ran
** to the last before the next that failed, each end so cut warned with the run's own
** error at its place; when none ran, an error says so, with the first's (a value that
** runs may still lie between two of the grid's, as the file's own may). */
struct flip_miss {
	double x;			/* NAN: none */
	char *why;			/* the run's error, its place */
	const struct srcfile *file;
	struct span span;
};

struct flip_grid {
	struct session *s;
	struct flip_result *out;
	unsigned cells;			/* the grid's: cells + 1 values */
	bool ran;			/* a value ran */
	bool ended;			/* a failure after it ended the grid: above */
	double first, last;		/* the first value that ran, the last */
	struct flip_miss lowest;	/* the first value that failed */
	struct flip_miss below;		/* the last value that failed before first */
	struct flip_miss above;		/* the failure after last */
};

void flip_grid_init(struct flip_grid *g, struct session *s, struct flip_result *out,
		    unsigned cells);
/* After the grid's run at x (values in increasing order): ran, or failed at x (its
** error is taken out of the sink, which held it alone). False when the grid ends there:
** a failure after a value that ran. */
bool flip_grid_next(struct flip_grid *g, double x, bool ran);
/* The range searched, out->lo to out->hi, cut to the values that ran, with a warning at
** each end cut; false, with an error saying why, when none ran. Frees g's errors. */
bool flip_grid_end(struct flip_grid *g);
/* Frees g's errors, saying nothing (a search stopped, or failed otherwise). */
void flip_grid_free(struct flip_grid *g);

/* flip_level.c: the crossings of out->level by every verdict's share of report (an
** index into s's results), owner.attr overridden, each run with run's options (NULL:
** the file's); *runs counted. False when a run failed (the sink says why) or was
** stopped (out->stopped). */
bool flip_level_scan(struct session *s, const char *owner, const char *attr,
		     unsigned report, const struct run_options *run, struct flip_result *out,
		     unsigned *runs);

#endif
