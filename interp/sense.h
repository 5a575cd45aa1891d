/*
** sense.h: `scen sense FILE [REPORT...]` (docs/sense.md): what each report's verdicts
** hinge on. One pass over the draws evaluates, in every draw i, the model as drawn and
** again with one input moved, for each input in turn, all on the same draws (common
** random numbers: every other uncertain value keeps its stream's uniform of draw i):
**
** - tornado: each uncertain input (a `~`'s stream) at the 5% and at the 95% quantile of
**   its distribution (its uniform held at 0.05, 0.95); a fixed attribute named by
**   `--vary` at the two ends of its range. The share of each verdict and cause, and
**   P(war), at both ends, and the swing high − low with the paired standard error
**   sd(high_i − low_i)/sqrt(n);
** - importance: the first-order index S_j = Var(E[Y | X_j]) / Var(Y) of each share's
**   indicator Y per uncertain input X_j, by pick-freeze (Janon et al. 2014): Y of the
**   draw against Y of a second, independent draw of every other input (the streams of
**   a derived seed) with X_j frozen, and its asymptotic standard error;
** - conditional shares: each share per decile of each uncertain input's uniform in the
**   run as drawn (the uniform is recomputed from its stream: no extra run).
**
** Every total is a count or an exact sum (totals.h: xsum), so that it does not depend on
** the order or grouping of the draws: the same at any thread count, and the totals of
** the shards of a run (`scen sense --shard I/N`, blocks of RUN_BLOCK draws) add up to
** exactly the whole run's (`scen merge`, docs/shards.md).
*/
#ifndef SCEN_SENSE_H
#define SCEN_SENSE_H

#include <stdbool.h>
#include <stdint.h>

#include "interp/interp.h"
#include "interp/totals.h"

#define SENSE_LO 0.05		/* the quantiles an uncertain input is swung to */
#define SENSE_HI 0.95
#define SENSE_SPAN 0.25		/* --vary NAME.ATTR without a range: ±25% of the value */
#define SENSE_SALT 0x5e45e5e45e45e5e4ull	/* the importance's second sample: its seed
						 * is rng_mix(seed ^ SENSE_SALT) */
enum { SENSE_BINS = 10, SENSE_MAX_VARY = 64 };

/* A fixed attribute to swing, from the command line. */
struct sense_vary {
	const char *label;		/* "nato.chance" */
	bool have_range;
	double lo, hi;
};

struct sense_input {
	char label[128];		/* the stream ("gov.cost", a let's name) or ATTR */
	bool fixed;			/* a --vary'd attribute */
	double lo, hi;			/* its values at the two ends: fixed, those asked
					** for; uncertain, the mean over the draws of the
					** value drawn at 5% and 95% (the quantiles when its
					** distribution's parameters are fixed) */
	bool probability;		/* its unit is a probability (printed in %) */
};

/* One quantity of one report for one input: its mean at each end, and the swing. */
struct sense_swing {
	double lo, hi, swing;
	double se_lo, se_hi, se_swing;	/* se_swing: paired */
};

/* A first-order index; defined false when the indicator never varies. */
struct sense_index {
	double s, se;
	bool defined;
};

struct sense_report {
	struct paired_report r;		/* what, kind, stats' labels; stats[k].old: the
					** share as drawn, se_old its SE */
	struct sense_swing *swing;	/* [input · PAIRED_MAXSTATS + stat] */
	struct sense_index *index;	/* [input · PAIRED_MAXSTATS + stat], uncertain */
	double *bins;			/* [(input · SENSE_BINS + bin) · PAIRED_MAXSTATS +
					** stat]: the share in that decile */
	uint64_t *bin_draws;		/* [input · SENSE_BINS + bin] */
	unsigned *order;		/* inputs, the largest movement first */
	double *movement;		/* by input: ½ Σ |swing| over the outcomes */
};

struct sense_result {
	const char *title;		/* the scenario's, or NULL */
	uint64_t seed, draws;
	unsigned threads;
	bool stopped;
	struct sense_input *inputs;	/* uncertain first, in stream order, then --vary */
	unsigned ninputs, nuncertain;
	struct sense_report *reports;
	unsigned nreports;
};

/* Exact sums of one quantity at two ends (a, b) over the draws where both are numbers:
** n of them, unfit the draws with a value or a square that xsum cannot hold, or whose
** end could not be computed (their results are then undefined). For the shares as
** drawn, a = b; an input's values (sense_totals.value) have no squares (qa, qb, qd 0). */
struct sense_sums {
	uint64_t n, unfit;
	xsum a, b, d, qa, qb, qd;	/* Σa, Σb, Σ(b − a), and the sums of their squares */
};

/* What a sense run adds up over its draws, or a shard of it: blocks [lo, hi). */
struct sense_totals {
	unsigned njobs, ninputs, nuncertain;
	uint64_t n, lo, hi;		/* n: the draws */
	struct sense_sums *base;	/* [job · PAIRED_MAXSTATS + stat]: as drawn */
	struct sense_sums *swing;	/* [(job · ninputs + input) · PAIRED_MAXSTATS + stat] */
	struct sense_sums *value;	/* [input]: its value at its low (a), high end (b) */
	uint64_t *table;		/* [(job · nuncertain + input) · PAIRED_MAXSTATS + stat]
					** · 3: n11, n1_, n_1 (sense_first_order) */
	xsum *bins;			/* [((job · nuncertain + input) · SENSE_BINS + bin)
					** · PAIRED_MAXSTATS + stat]: Σ of the stat */
	uint64_t *bin_draws;		/* [uncertain input · SENSE_BINS + bin] */
};

/* The arrays of sense_totals, one row each (report/partial.c writes and reads them). */
enum sense_field_kind { SF_SUMS, SF_COUNTS, SF_XSUMS };
struct sense_field {
	const char *name;
	enum sense_field_kind kind;
	size_t offset;			/* of the array's pointer in struct sense_totals */
};
extern const struct sense_field sense_fields[];
extern const unsigned nsense_fields;
/* The length of field f of totals of t's shape; its array. */
size_t sense_field_len(const struct sense_totals *t, unsigned f);
void *sense_field_array(const struct sense_totals *t, unsigned f);

/* Zeroed totals of that shape. */
void sense_totals_init(struct sense_totals *t, unsigned njobs, unsigned ninputs,
		       unsigned nuncertain);
void sense_totals_free(struct sense_totals *t);
/* Adds b (of t's shape) into t; false when a count or a sum would overflow (only a
** tampered partial gets there). */
bool sense_totals_add(struct sense_totals *t, const struct sense_totals *b);

enum sense_status {
	SENSE_OK,
	SENSE_BAD_LABEL,	/* a --vary that is not NAME.ATTR or a let */
	SENSE_CONFLICT_ATTR,	/* a conflict's attribute (interp_conflict_attr): it has
				** no NAME.ATTR; a let holding it can be varied */
	SENSE_NO_OWNER,		/* no block of that name */
	SENSE_NO_ATTR,		/* its role has no such attribute */
	SENSE_NOT_NUMBER,	/* a boolean, a choice, a name or a setting */
	SENSE_DRAWN,		/* it has `~`: swung between its quantiles anyway */
	SENSE_NO_VALUE,		/* no range given and no fixed value to take ±25% of */
	SENSE_BAD_RANGE,	/* LO ≥ HI, or outside the attribute's valid range */
	SENSE_NOTHING,		/* no uncertain input and nothing to vary */
	SENSE_NO_REPORT,	/* a REPORT named that is not among the file's own */
	SENSE_RUN_FAILED,	/* a draw failed (the sink says why) */
	SENSE_BAD_TOTALS	/* sense_merge: totals that the run cannot make */
};

struct sense_options {
	const struct sense_vary *vary;
	unsigned nvary;
	const char *const *reports;	/* texts ("settlement gov vs reb", "gov vs reb"),
					** none: every report of the file's own */
	unsigned nreports;
	unsigned bad;			/* on failure: the --vary or REPORT it concerns */
	double valid_lo, valid_hi;	/* SENSE_BAD_RANGE: the attribute's valid range */
};

/* Runs the analysis of it (built by interp_new_unfolded when so->nvary > 0) with o's
** seed, draws and threads. */
enum sense_status sense_run(struct interp *it, struct sense_options *so,
			    const struct run_options *o, struct sense_result *out,
			    struct diag_sink *sink);
/* Shard o->shard_index of o->shard_count of that run: its blocks
** [⌊B·(I − 1)/N⌋, ⌊B·I/N⌋) of the B blocks of draws, their totals into t. */
enum sense_status sense_run_shard(struct interp *it, struct sense_options *so,
				  const struct run_options *o, struct sense_totals *t,
				  struct diag_sink *sink);
/* The blocks of draws of a sense run with o (a shard's units). */
uint64_t sense_blocks(const struct interp *it, const struct run_options *o);
/* Whether t, the totals of blocks [t->lo, t->hi) that a partial claims, can be those of
** that run: its shape, its draws, and the invariants of every run's totals (else why). */
bool sense_check_totals(struct interp *it, struct sense_options *so,
			const struct run_options *o, const struct sense_totals *t, char *why,
			size_t whylen);
/* The result of that run from t, the totals of all its blocks (the shards' added):
** exactly what sense_run gives. SENSE_BAD_TOTALS, with why, when t is not of the run's
** shape or breaks an invariant of a run's totals. */
enum sense_status sense_merge(struct interp *it, struct sense_options *so,
			      const struct run_options *o, const struct sense_totals *t,
			      struct sense_result *out, char *why, size_t whylen);
void sense_result_free(struct sense_result *r);

/* The first-order index and its standard error from the 2×2 table of an indicator Y
** and its pick-freeze twin Y' over n draws: n11 with both 1, n1_ with Y = 1, n_1 with
** Y' = 1 (Janon et al. 2014; docs/sense.md). */
struct sense_index sense_first_order(uint64_t n, uint64_t n11, uint64_t n1_, uint64_t n_1);

#endif
