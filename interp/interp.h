/*
** interp.h: from a checked program to results. interp_new compiles the model once;
** interp_run evaluates every report (and every sweep row) over the draws, in fixed
** blocks spread over threads and added up in a form that does not depend on order
** (totals.h), so that the results are the same at any thread count, and the same
** when the run is cut into shards (interp_run_shard, interp_summarise). Results are
** plain numbers for cli/ to print.
*/
#ifndef SCEN_INTERP_H
#define SCEN_INTERP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "check/attrs.h"
#include "check/check.h"
#include "core/core.h"
#include "core/game.h"
#include "core/mediate.h"

struct conflict_info;		/* check/model.h */
struct vnode;

struct interp;

struct run_options {
	bool have_seed, have_draws;	/* override the scenario's settings */
	uint64_t seed, draws;
	unsigned threads;		/* 0: the scenario's setting, else one per core */
	unsigned types;			/* screening: K inner types (0: the default) */
	volatile int *stop;		/* set to nonzero to stop early (Ctrl-C) */
	void (*progress)(uint64_t done, uint64_t total, void *arg);
	void *progress_arg;
	unsigned shard_index, shard_count;	/* interp_run_shard: I of N (1-based) */
};

/* The quantities summarised with a mean and quantiles. */
enum stat { ST_XMIN, ST_XMAX, ST_GAP, ST_PWAR, ST_OFFER, NSTATS };
enum { NQUANTILES = 3 };	/* 5%, 50%, 95% */

struct stat_summary {
	double mean;
	double q[NQUANTILES];
	uint64_t n;		/* draws it was measured on */
};

/* One settlement report (of one sweep row, or the file's own). */
struct settle_result {
	const char *state, *rebels, *stake;	/* names */
	bool screening;				/* a private attribute: RISK verdicts */
	uint64_t draws;
	uint64_t verdicts[CORE_RISK + 1];	/* draws per verdict */
	uint64_t causes[CORE_NCAUSES];		/* breakdown draws with each single cause */
	uint64_t pairs, jointly, uncaused;	/* breakdowns explained only by a pair,
						** only jointly, or by none */
	unsigned first_pair;			/* the most frequent pair (bits) */
	struct stat_summary stats[NSTATS];
	double mean_p_breakdown;		/* the mean true p over breakdown draws */
	double eu_state;			/* screening: the mean EU_S(x*) */
	const char *patron;			/* a patron of either side, or NULL */
	uint64_t without_patron[CORE_RISK + 1];	/* draws per verdict with no patron */
	/* One draw (no `~` in the file): the whole arithmetic. */
	bool exact;
	struct core_conflict conflict;
	struct core_range range;
	struct core_causes why;
	struct core_screen screen;
};

/* A mediation report (core.md §3). Index 0 is the state, 1 the rebels. */
struct mediation_result {
	const char *name, *by, *stage, *party[2], *stake;
	uint64_t draws, agreements, agreements_free, accepts[2], accepts_free[2], hurts[2];
	uint64_t zones;				/* draws with an enticing zone */
	double mean_margin[2], mean_proposal, mean_zone_lo, mean_zone_hi;
	double margin_q[2][NQUANTILES];		/* 5/50/95% of each party's margin */
	double se_margin[2];			/* the SE of each mean margin (xsum_se) */
	const char **rules;			/* the coercion: "budget_freeze" ... */
	const char **rule_kind, **rule_by, **rule_on;
	unsigned nrules;
	bool exact;
	struct core_mediation med;		/* one draw: all of it */
};

/* A provocation report (core.md §4). Players: leaders, state, followers. */
enum { GAME_MAX_RULES = 64 };
struct game_result {
	const char *rebels, *state, *followers;	/* followers: NULL without a population */
	uint64_t draws, paths[2][3];		/* [provoked][the state's reply] */
	uint64_t state_ties, leaders_ties;
	double mean_value[3], mean_if_provoke[3], mean_if_abstain[3];
	double mean_gain, mean_loss, mean_p_war, mean_p_atrocities, mean_p_intervention;
	double mean_toll;
	double se_gain;				/* the SE of mean_gain (xsum_se) */
	uint64_t no_concession;			/* draws where concede is not available */
	bool no_repress;			/* exact: the state cannot repress (capacity 0) */
	/* core.md §4 step 5: draws where the settlement analysis of the conflict (on the
	** sides' beliefs) finds BREAKDOWN while the game ends in a concession, and among
	** them those where each factor alone is a cause of that breakdown, and those
	** where none is. */
	uint64_t disagreements, disagree_causes[CORE_NCAUSES], disagree_uncaused;
	const char **rules;			/* sanction names, in order */
	uint64_t pivotal[GAME_MAX_RULES];	/* draws where removing rule i flips the
						** leaders' choice */
	unsigned nrules;
	bool exact;
	struct core_game_solution sol;
	double concession;			/* exact: what conceding gives (NAN: none) */
};

enum report_kind { RK_SETTLEMENT, RK_MEDIATION, RK_PROVOCATION };

struct report_result {
	enum report_kind kind;
	const char *what;		/* "settlement serbia vs kla" */
	const char *sweep;		/* the swept attribute, or NULL */
	bool sweep_probability;		/* its unit is a probability (plots: a % axis) */
	bool sweep2_probability;	/* a map's second attribute's, likewise */
	const struct vocab *words;	/* its conflict's: state and rebels, or defender
					** and challenger */
	double sweep_value;
	unsigned sweep_row, sweep_id;	/* a map's row: along its first axis */
	const char *sweep2;		/* a map's second attribute, or NULL */
	double sweep2_value;
	unsigned sweep2_row;		/* its row along the second axis */
	double stake_value;		/* V, its mean over the draws when uncertain */
	struct settle_result settle;
	struct mediation_result med;
	struct game_result game;
};

/* A value a draw pushed out of its range and that was clamped into it. */
struct clamp_note {
	const char *label;		/* `serbia.belief` */
	uint64_t draws;
};

struct run_result {
	const char *title, *unit;
	uint64_t seed, draws;
	unsigned threads;
	bool uncertain;			/* the file has `~` values */
	bool stopped;			/* interrupted */
	bool too_large;			/* failed: a report's quantities passed 2^53 (run.c) */
	struct report_result *reports;
	unsigned nreports;
	struct clamp_note *clamps;
	unsigned nclamps;
	/* where the numbers come from, for the provenance of JSON, CSV and partials
	** (report/provenance.c): every file loaded, the main file first (they live with the
	** program); the `--set` overrides applied to the main file's text (set by cli/) and,
	** with them, the main file's SHA-256 as it is on disk */
	const struct loaded_file *files;
	const char *const *set;
	unsigned nset;
	const char *main_sha256;
};

/* The program compiled; NULL when it has no model (it did not check: the checker's
** diagnostics say why). A checked program always compiles, so there is no sink. */
struct interp *interp_new(const struct program *p);
/* The same, folding no constant, so that interp_override may set any attribute: what
** reads it then sees the new value (scen flip). */
struct interp *interp_new_unfolded(const struct program *p);
void interp_free(struct interp *it);

/* Sets owner.attr, a numeric attribute of a named block, or with owner NULL the let
** attr, to value in the file's own reports (not in a sweep's rows), in place of what
** the file says, for the next runs. it must come from interp_new_unfolded. False when
** owner or attr names nothing. */
bool interp_override(struct interp *it, const char *owner, const char *attr, double value);

/* The let called name (its value), or NULL. */
const struct vnode *interp_let(const struct model *m, const char *name);
/* The first attribute, in the model's order, whose whole value is the let (`win =
** win`): what a --vary or a flip of the let takes its unit and valid range from; NULL
** when none is. */
const struct attr_def *interp_let_attr(const struct model *m, const struct vnode *let);
/* When label, as the command line names a value to vary or flip (`win`, `gov vs
** reb.win`, `gov.win`), means a conflict's attribute, which has no NAME.ATTR spelling
** (a conflict has no name; docs/sense.md): the conflict (the one of those sides or
** with that side, else the file's first) and *attr; NULL when it names a let or an
** attribute of a block, or no conflict's attribute. */
const struct conflict_info *interp_conflict_attr(const struct model *m, const char *label,
						 const struct attr_def **attr);

/* Runs every report. Returns 0, or 1 when a draw produced a value that is not a number
** (reported to sink with the attribute, its line, the draw and the value). */
int interp_run(struct interp *it, const struct run_options *o, struct run_result *out,
	       struct diag_sink *sink);
void run_result_free(struct run_result *r);

/* ---- shards: `scen run --shard I/N`, `scen merge` ---- */

/* What a run adds up (totals.h), here for a range of units: the run's work is
** interp_units units (a block of draws of one group of reports each). */
struct run_totals;
struct run_params {
	uint64_t seed, draws, units;
	unsigned types, jobs, vnodes;	/* jobs: reports over every sweep row */
	uint64_t keys;			/* FNV-1a 64 of the seed and of every stream's key,
					** rng_key(seed, name): what the seed made of the file */
};
/* The blocks a run of `draws` draws is cut into; units = blocks × report groups. */
uint64_t interp_blocks(uint64_t draws);
/* The seed, draws and screening types a run with o uses, and its number of units. */
struct run_params interp_params(const struct interp *it, const struct run_options *o);
/* Whether t, the totals of units [t->lo, t->hi) that a partial claims, can be what a run
** with o computes: each report's draws are its units', its counts and sums hold the
** invariants of totals.h (job_totals_check), its sample has the size of the sampling
** rule's draws, and no value was clamped in more draws than there are. NULL when they
** can, else what they cannot, in buf. */
const char *interp_check_totals(const struct interp *it, const struct run_options *o,
				const struct run_totals *t, char *buf, size_t len);
/* Runs shard o->shard_index of o->shard_count into t (totals_init'ed here, units
** [t->lo, t->hi); t->hi is lower when interrupted). Returns 0, or 1 as interp_run. */
int interp_run_shard(struct interp *it, const struct run_options *o, struct run_totals *t,
		     struct diag_sink *sink);
/* The results of totals that cover every unit: the report of interp_run, to the byte. */
int interp_summarise(struct interp *it, const struct run_options *o, struct run_totals *t,
		     struct run_result *out, struct diag_sink *sink);

/* ---- `scen diff`: two programs on the same draws (paired.c) ---- */

/* One quantity of a report in both versions: a share of draws (a verdict, a cause, a
** path) or the mean of a quantity. The difference is new − old, and its standard error
** is that of the per-draw differences, sd(d_i)/sqrt(n): both programs see the same
** random values for attributes of the same name (common random numbers). */
enum { PAIRED_MAXSTATS = 16 };
struct paired_stat {
	char label[72];			/* "BREAKDOWN", "cause: reputation", "x_min" */
	bool share;			/* a share of draws, else a mean */
	uint64_t n;			/* draws measured in both versions */
	double old, new_, diff;		/* means over those draws; diff = new_ − old */
	double se_old, se_new, se_diff;	/* se_diff: paired */
	bool beyond;			/* |diff| > 3 se_diff (se 0: any difference) */
	bool outcome;			/* one of the report's outcomes: a verdict, AGREEMENT,
					** a path of the game (they sum to 1 per draw) */
	bool redundant;			/* repeats another (P(war) with no screening) */
};

/* The stats of each kind of report, in order: settlement (SS_), mediation (SM_),
** provocation (SG_). */
enum {
	SS_VERDICT = 0,				/* NO THREAT, SETTLE, BREAKDOWN, RISK */
	SS_CAUSE = CORE_RISK + 1,		/* breakdowns with each single cause */
	SS_XMIN = SS_CAUSE + CORE_NCAUSES, SS_XMAX, SS_GAP, SS_PWAR, SS_N
};
enum { SM_AGREE, SM_FREE, SM_ACCEPT, SM_MARGIN = SM_ACCEPT + 2, SM_N = SM_MARGIN + 2 };
enum { SG_ABSTAIN, SG_PROVOKE, SG_TOLL = SG_PROVOKE + CORE_GAME_NMOVES, SG_GAIN, SG_N };

struct paired_report {
	enum report_kind kind;
	const char *what;		/* "settlement serbia vs kla" */
	const char *sweep;		/* the swept attribute, or NULL */
	unsigned sweep_row;
	double sweep_old, sweep_new;	/* the row's value in each version */
	const char *sweep2;		/* a map's second attribute, or NULL */
	double sweep2_old, sweep2_new;
	bool in_old, in_new;		/* false: the report is only in the other version */
	struct paired_stat stats[PAIRED_MAXSTATS];
	unsigned nstats;
	bool changed;			/* a stat beyond noise */
	const char *outcome_old, *outcome_new;	/* one draw: its outcome's label */
};

struct diff_result {
	uint64_t seed, draws;
	unsigned threads;
	bool uncertain_old, uncertain_new;
	bool stopped;			/* interrupted */
	uint64_t seed_new;		/* NEW's own seed, when it differs from the one used */
	bool seeds_differ;
	struct paired_report *reports;	/* the old version's order, then the new reports */
	unsigned nreports;
	bool changed;			/* a report only in one version, or a stat beyond noise */
	/* OLD's and NEW's files (NEW's overrides with them), the seed and draws, for the
	** JSON's provenance (report/provenance.h): set by cli/, not by interp_run_paired */
	const struct run_result *prov[2];
};

/* Evaluates every report of a and b, matched by their text and sweep row, on the same
** draws: seed and draws are o's, else a's settings (b's draws when only b has `~`).
** Deterministic at any thread count. Returns 0, or 1 when a draw of either is not a
** number (reported to sink as interp_run does). */
int interp_run_paired(struct interp *a, struct interp *b, const struct run_options *o,
		      struct diff_result *out, struct diag_sink *sink);
void diff_result_free(struct diff_result *r);

/* Writes the provocation game of the file's first `report provocation` as Gambit .efg,
** with the values of draw `draw` (0-based). Returns 0, or 1 with *why set. */
int interp_export_efg(struct interp *it, const struct run_options *o, uint64_t draw,
		      FILE *out, const char **why);

#endif
