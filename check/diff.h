/*
** diff.h: the model diff of `scen diff OLD NEW`: compares the two checked models by name
** (actors, stakes, lets, fns, sanctions, mediations, conflicts, the scenario's settings,
** imports, reports and sweeps, and every attribute of each). report/diff.c prints it
** with the paired results (interp.h, struct diff_result) as text or JSON.
*/
#ifndef SCEN_DIFF_H
#define SCEN_DIFF_H

#include "check/check.h"

enum mchange { MC_REMOVED, MC_ADDED, MC_CHANGED };

/* One difference between the models. */
struct mdiff_item {
	enum mchange change;
	const char *kind;		/* "actor", "attribute", "let", "report", ... */
	char *name;			/* "kla", "kla.belief", "gov vs reb", ... */
	char *whole_old, *whole_new;	/* the whole item or attribute ("kla.cost = 5"), or
					** NULL when absent */
	char *old, *new_;		/* MC_CHANGED: what changed ("60%", "~ beta(2, 3)") */
	const char *old_file, *new_file;	/* NULL when absent */
	unsigned old_line, new_line;
};

struct model_diff {
	struct mdiff_item *items;
	unsigned n, cap;
};

/* What changed from a to b (both checked). Formatting-only edits (layout, comments,
** the spelling of a number) are no change. */
void model_diff(const struct program *a, const struct program *b, struct model_diff *out);
void model_diff_free(struct model_diff *d);

#endif
