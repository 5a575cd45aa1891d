/*
** flip.h: `scen flip FILE ATTR` for a file without `~` (docs/sense.md): the values of
** one attribute at which a settlement report's verdict changes, over its valid range.
** The model is run once per value tried, through the session, with the attribute's
** value overridden (interp_override); a fine grid brackets every change, bisection
** refines each to FLIP_TOL of the range, and each side is run again to confirm it.
*/
#ifndef SCEN_FLIP_H
#define SCEN_FLIP_H

#include <stdbool.h>

#include "core/core.h"
#include "interp/session.h"

enum {
	FLIP_GRID = 1000,	/* grid cells over the range */
	FLIP_MAX_SIDES = 32,	/* verdict intervals kept (more: truncated) */
	FLIP_V_MULTIPLE = 2	/* an unbounded amount is searched on [lo, 2·V] */
};
#define FLIP_TOL 1e-12		/* the breakpoints' precision, relative to the range */
#define FLIP_OTHER_HI 10.0	/* an unbounded attribute that is not an amount: [lo, 10] */

/* An interval of the range over which the verdict is one. */
struct flip_side {
	double from, to;
	enum core_verdict verdict;
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
};

enum flip_status {
	FLIP_OK,
	FLIP_BAD_LABEL,		/* not OWNER.ATTR */
	FLIP_NO_OWNER,		/* no block of that name */
	FLIP_NO_ATTR,		/* its role has no such attribute */
	FLIP_NOT_NUMBER,	/* a boolean, a choice, a name or a setting */
	FLIP_UNCERTAIN,		/* the file has `~` (diagnostic added to the sink) */
	FLIP_NO_REPORT,		/* no such settlement report among the file's own */
	FLIP_RUN_FAILED		/* a run failed (the sink says why) */
};

/* Searches label ("owner.attr") over its range in s, loaded with s->unfolded set.
** report: the report's text ("settlement gov vs reb", or "gov vs reb"), NULL for the
** first settlement report of the file. */
enum flip_status flip_find(struct session *s, const char *label, const char *report,
			   struct flip_result *out);

#endif
