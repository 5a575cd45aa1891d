/*
** totals.h: what a run adds up over its draws, in a form whose total does not depend
** on the order or the grouping of the additions: counts, exact sums (xsum) and a
** sample of each quantity's values chosen by draw index. Blocks can therefore be
** added as they finish, and the totals of the shards of a run (`scen run --shard`)
** add up to exactly the totals of the whole run (`scen merge`). cli/partial.c writes
** and reads them through the field table acc_fields.
*/
#ifndef SCEN_TOTALS_H
#define SCEN_TOTALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>

#include "interp/interp.h"
#include "interp/rng.h"

/* An exact sum: each value is rounded to a multiple of 2^-XSUM_BITS and added as an
** integer, so any order of addition gives the same total. A value must be finite and
** below XSUM_LIMIT (2^53, about 9.0e15) in magnitude, so that 2^34 draws of them fit
** in 127 bits; callers count the others (acc.too_large) and the run fails. */
typedef __int128 xsum;
enum { XSUM_BITS = 40 };
#define XSUM_LIMIT 0x1p53

static inline bool xsum_fits(double x)
{
	return x > -XSUM_LIMIT && x < XSUM_LIMIT;	/* false for NaN too */
}

/* x, which xsum_fits, in units of 2^-XSUM_BITS, rounded to nearest (ties to even):
** inline, since every draw adds several (issue 15). */
/* x·2^XSUM_BITS rounded to the nearest integer, ties to even: nearbyint(ldexp(x, BITS))
** bit for bit. A product with a power of two is correctly rounded like ldexp; lrint
** rounds in the current rounding mode, the default (to nearest, ties to even), which
** nothing here changes, and compiles to one instruction (cvtsd2si) with
** -fno-math-errno. At or above 2^62 (a value near XSUM_LIMIT) every double is an
** integer already and goes through the wider conversion. The sign of a zero is lost
** on the integer conversion. */
static inline xsum xsum_of(double x)
{
	double scaled = x * 0x1p40;
	_Static_assert(XSUM_BITS == 40, "the scale above is 2^XSUM_BITS");
	if (fabs(scaled) < 0x1p62)
		return (xsum)lrint(scaled);
	return (xsum)scaled;
}

/* The sum as a double (correctly rounded), divided by n. */
double xsum_mean(xsum s, uint64_t n);
/* The standard error of the mean of n values that add up to s, their squares to sq:
** sqrt(M2)/n with M2 = sq − s²/n, as scen diff's sqrt(M2/n)/sqrt(n) (interp/paired.c),
** which for a share is sqrt(P(1 − P)/N) (core.md, Aggregation); 0 when M2 is within the
** squares' rounding (n · 2^-XSUM_BITS: values all equal), NAN with no values. */
double xsum_se(xsum s, xsum sq, uint64_t n);

enum { MAX_PIVOTAL = 64 };	/* rules followed for "which sanction deters" */

/* Sums over draws of a mediation or a game job (core.md §3, §4). */
struct strat_acc {
	uint64_t n, agreements, agreements_free, accepts[2], accepts_free[2], hurts[2], zones;
	xsum margin[2], proposal, zone_lo, zone_hi;
	uint64_t paths[2][3], state_ties, leaders_ties, pivotal[MAX_PIVOTAL];
	uint64_t no_concession;		/* game draws where concede is not available */
	/* §4 step 5: the settlement analysis breaks down, the game ends in a concession;
	** those draws with each single cause of the breakdown, and with none */
	uint64_t disagreements, disagree_causes[CORE_NCAUSES], disagree_uncaused;
	xsum value[3], if_provoke[3], if_abstain[3], gain, loss, p_war, p_atrocities;
	xsum p_intervention, toll;
	/* the sums of the squares of the margins and of the gain, for their means' SEs
	** (xsum_se); the draws with a margin's (0) or the gain's (1) square that xsum cannot
	** hold leave those SEs undefined (two counts: struct acc stays without padding) */
	xsum margin_sq[2], gain_sq;
	uint64_t sq_too_large[2];
};

/* Sums over draws of one job: a settlement (core.md §1, §2), or strat. */
struct acc {
	uint64_t n, verdicts[CORE_RISK + 1], causes[CORE_NCAUSES];
	uint64_t pairs, jointly, uncaused, pair_count[CORE_NCAUSES * CORE_NCAUSES];
	uint64_t without_patron[CORE_RISK + 1];
	xsum sum[NSTATS], sum_p_breakdown, sum_eu;
	xsum sum_value;			/* the stake's V, every report kind: the scale of the
					** text's rounding rule (report/text.c) */
	uint64_t nstat[NSTATS];
	uint64_t too_large;		/* draws with a value xsum cannot hold */
	struct strat_acc strat;
};

/* Adds x to *s when it fits, else counts it in a->too_large. */
static inline void acc_add(struct acc *a, xsum *s, double x)
{
	if (xsum_fits(x))
		*s += xsum_of(x);
	else
		a->too_large++;
}

/* Adds x to *s and x² to *sq (acc_add), counting a square that does not fit in
** *unfit (a->strat.sq_too_large[i]). */
static inline void acc_add_sq(struct acc *a, xsum *s, xsum *sq, uint64_t *unfit, double x)
{
	acc_add(a, s, x);
	if (xsum_fits(x * x))
		*sq += xsum_of(x * x);
	else
		++*unfit;
}

/* What a job computes: a settlement (core.md §1, §2), a mediation (§3), a game (§4). */
enum job_kind { JOB_SETTLE, JOB_MEDIATION, JOB_GAME };

/* The range of one value added into an exact sum. */
struct range {
	double lo, hi;
};
/* Of each quantity (enum stat): x_min, x_max and the offer any value xsum holds, the gap
** at least 0, P(war) a probability. */
extern const struct range stat_range[NSTATS];

/* The count that bounds a field of struct acc (see acc_field). */
enum acc_bound { BY_NONE, BY_N, BY_STRAT_N, BY_BREAKDOWNS, BY_RISK, BY_NSTAT, BY_ZONES,
		 BY_PAIRS, BY_REPORT_N, BY_DISAGREEMENTS };

/* Every field of struct acc: a name (for partials), where, what, how many, and what a
** run's totals hold of it (checked on partials, acc_check): the kinds of job it may be
** non-zero in (bits 1 << job_kind; 0: always 0), the count each element is at most (a
** count) or the number of values each adds up (a sum, each value in range[i · stride]),
** and for an array of counts the count they add up to. */
enum field_kind { FIELD_COUNT, FIELD_SUM };
struct acc_field {
	const char *name;
	size_t offset;
	enum field_kind kind;
	unsigned len;
	unsigned kinds;
	enum acc_bound bound, adds_up_to;
	const struct range *range;
	unsigned stride;
};
extern const struct acc_field acc_fields[];
extern const unsigned nacc_fields;

/* Adds b into *into. False when a count or a sum would overflow (into is then partly
** added: a run's totals cannot overflow, so only a tampered partial gets there). */
bool acc_merge(struct acc *into, const struct acc *b);

/* What a job's totals must be when they are those of `draws` draws of a job of `kind`,
** `kept` of them in its sample (their sample_rule), `all_kept` when that rule keeps
** every draw. */
struct acc_expect {
	enum job_kind kind;
	uint64_t draws, kept;
	bool all_kept;
};
struct job_totals;
/* NULL when jt holds every invariant a run's totals hold (the table above, the causes
** of its breakdowns, its sample's size, values and, when it holds every draw, its
** sums), else what it does not, in buf. */
const char *job_totals_check(const struct job_totals *jt, const struct acc_expect *x,
			     char *buf, size_t len);

/* The values of one quantity in the sampled draws: every draw when there are at most
** `size` of them (SCEN_QUANTILE_SAMPLE, less for long sweeps: run.c), else those whose
** hash of the index falls under a threshold that keeps about that many. The same draws
** are kept whatever the shard, block or thread that computes them, so samples merge by
** union; a smaller size keeps a subset of a larger one's draws. */
struct sample {
	double *v;
	uint64_t n, cap;
};
/* The rule: whether draw i of `draws` is in a sample of about `size`. */
struct sample_rule {
	uint64_t threshold;		/* keep when the hash is below; 0: keep all */
};
struct sample_rule sample_rule(uint64_t draws, uint64_t size);
#define SAMPLE_SALT 0x5ca1ab1e5eed5a11ull
static inline bool sample_keeps(struct sample_rule r, uint64_t i)
{
	return !r.threshold || rng_mix(i ^ SAMPLE_SALT) < r.threshold;
}
/* The draws first + i, i in [0, n), that r keeps: each i into kept, in order; how many. */
unsigned sample_kept(struct sample_rule r, uint64_t first, unsigned n, uint16_t *kept);
void sample_add(struct sample *s, const double *v, uint64_t n);
void sample_free(struct sample *s);
/* The values at quantiles phi[0..n) of the sample (sorting it once); NAN when empty. */
void sample_quantiles(struct sample *s, const double *phi, unsigned n, double *out);

/* A job's totals. */
struct job_totals {
	struct acc acc;
	struct sample q[NSTATS];
};

/* The totals of a run, or of one shard of it: units [lo, hi) (run.c: a unit is one
** block of draws of one group of reports). */
struct run_totals {
	unsigned njobs, nvnodes;
	struct job_totals *jobs;
	uint64_t *clamped;		/* by vnode */
	uint64_t lo, hi;
};
void totals_init(struct run_totals *t, unsigned njobs, unsigned nvnodes);
void totals_free(struct run_totals *t);
/* Adds b's counts, sums and samples into t; false when a count or sum would overflow. */
bool totals_add(struct run_totals *t, const struct run_totals *b);
/* Empties t (keeping its memory). */
void totals_clear(struct run_totals *t);

#endif
