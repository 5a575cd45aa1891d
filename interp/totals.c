/*
** totals.c: see totals.h.
*/
#include "interp/totals.h"

#include <assert.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clones.h"
#include "util/sort.h"
#include "util/xalloc.h"

double xsum_mean(xsum s, uint64_t n)
{
	return (double)s * 0x1p-40 / (double)n;	/* ldexp(s, −XSUM_BITS), exactly */
}

double xsum_se(xsum s, xsum sq, uint64_t n)
{
	if (!n)
		return NAN;
	long double sum = (long double)s * 0x1p-40L, squares = (long double)sq * 0x1p-40L;
	long double m2 = squares - sum * sum / (long double)n;
	if (m2 <= (long double)n * 0x1p-40L)	/* each square rounded by up to 2^-41 */
		return 0;
	return (double)(sqrtl(m2) / (long double)n);
}

#define L XSUM_LIMIT
const struct range stat_range[NSTATS] = {
	[ST_XMIN] = { -L, L }, [ST_XMAX] = { -L, L }, [ST_GAP] = { 0, L }, [ST_PWAR] = { 0, 1 },
	[ST_OFFER] = { -L, L },
};
static const struct range any = { -L, L }, at_least_0 = { 0, L }, share = { 0, 1 };

enum { K_SETTLE = 1 << JOB_SETTLE, K_MED = 1 << JOB_MEDIATION, K_GAME = 1 << JOB_GAME,
       K_STRAT = K_MED | K_GAME };

#define LEN(f, t) (unsigned)(sizeof ((struct acc *)0)->f / sizeof(t))
#define COUNT(f, kinds, bound, total) { #f, offsetof(struct acc, f), FIELD_COUNT, \
		LEN(f, uint64_t), kinds, bound, total, NULL, 0 }
#define SUM(f, kinds, bound, range, stride) { #f, offsetof(struct acc, f), FIELD_SUM, \
		LEN(f, xsum), kinds, bound, BY_NONE, range, stride }

/* n and strat.n are the job's draws (checked against its units); a settlement's
** verdicts and its verdicts without the patron add up to them; each cause, the pairs,
** `jointly` and `uncaused` are breakdowns; nstat[k] counts the draws quantity k was
** measured in, which sum[k] adds up; a game's paths add up to its draws. */
const struct acc_field acc_fields[] = {
	COUNT(n, K_SETTLE, BY_NONE, BY_NONE),
	COUNT(verdicts, K_SETTLE, BY_N, BY_N),
	COUNT(causes, K_SETTLE, BY_BREAKDOWNS, BY_NONE),
	COUNT(pairs, K_SETTLE, BY_BREAKDOWNS, BY_NONE),
	COUNT(jointly, K_SETTLE, BY_BREAKDOWNS, BY_NONE),
	COUNT(uncaused, K_SETTLE, BY_BREAKDOWNS, BY_NONE),
	COUNT(pair_count, K_SETTLE, BY_PAIRS, BY_PAIRS),
	COUNT(without_patron, K_SETTLE, BY_N, BY_N),
	SUM(sum, K_SETTLE, BY_NSTAT, stat_range, 1),
	SUM(sum_p_breakdown, K_SETTLE, BY_BREAKDOWNS, &share, 0),
	SUM(sum_eu, K_SETTLE, BY_RISK, &any, 0),
	SUM(sum_value, K_SETTLE | K_STRAT, BY_REPORT_N, &at_least_0, 0),
	COUNT(nstat, K_SETTLE, BY_N, BY_NONE),
	COUNT(too_large, 0, BY_NONE, BY_NONE),	/* a run with any fails: nothing is written */
	COUNT(strat.n, K_STRAT, BY_NONE, BY_NONE),
	COUNT(strat.agreements, K_MED, BY_STRAT_N, BY_NONE),
	COUNT(strat.agreements_free, K_MED, BY_STRAT_N, BY_NONE),
	COUNT(strat.accepts, K_MED, BY_STRAT_N, BY_NONE),
	COUNT(strat.accepts_free, K_MED, BY_STRAT_N, BY_NONE),
	COUNT(strat.hurts, K_MED, BY_STRAT_N, BY_NONE),
	COUNT(strat.zones, K_MED, BY_STRAT_N, BY_NONE),
	SUM(strat.margin, K_MED, BY_STRAT_N, &any, 0),
	SUM(strat.proposal, K_MED, BY_STRAT_N, &at_least_0, 0),
	SUM(strat.zone_lo, K_MED, BY_ZONES, &any, 0),
	SUM(strat.zone_hi, K_MED, BY_ZONES, &any, 0),
	COUNT(strat.paths, K_GAME, BY_STRAT_N, BY_STRAT_N),
	COUNT(strat.state_ties, K_GAME, BY_STRAT_N, BY_NONE),
	COUNT(strat.leaders_ties, K_GAME, BY_STRAT_N, BY_NONE),
	COUNT(strat.pivotal, K_GAME, BY_STRAT_N, BY_NONE),
	COUNT(strat.no_concession, K_GAME, BY_STRAT_N, BY_NONE),
	COUNT(strat.disagreements, K_GAME, BY_STRAT_N, BY_NONE),
	COUNT(strat.disagree_causes, K_GAME, BY_DISAGREEMENTS, BY_NONE),
	COUNT(strat.disagree_uncaused, K_GAME, BY_DISAGREEMENTS, BY_NONE),
	SUM(strat.value, K_GAME, BY_STRAT_N, &any, 0),
	SUM(strat.if_provoke, K_GAME, BY_STRAT_N, &any, 0),
	SUM(strat.if_abstain, K_GAME, BY_STRAT_N, &any, 0),
	SUM(strat.gain, K_GAME, BY_STRAT_N, &any, 0),
	SUM(strat.loss, K_GAME, BY_STRAT_N, &any, 0),
	SUM(strat.p_war, K_GAME, BY_STRAT_N, &share, 0),
	SUM(strat.p_atrocities, K_GAME, BY_STRAT_N, &share, 0),
	SUM(strat.p_intervention, K_GAME, BY_STRAT_N, &share, 0),
	SUM(strat.toll, K_GAME, BY_STRAT_N, &at_least_0, 0),
	SUM(strat.margin_sq, K_MED, BY_STRAT_N, &at_least_0, 0),
	SUM(strat.gain_sq, K_GAME, BY_STRAT_N, &at_least_0, 0),
	COUNT(strat.sq_too_large, K_STRAT, BY_STRAT_N, BY_NONE),
};
const unsigned nacc_fields = sizeof acc_fields / sizeof acc_fields[0];

bool acc_merge(struct acc *into, const struct acc *b)
{
	bool ok = true;
	for (unsigned f = 0; f < nacc_fields; f++) {
		const struct acc_field *d = &acc_fields[f];
		char *x = (char *)into + d->offset;
		const char *y = (const char *)b + d->offset;
		for (unsigned i = 0; i < d->len; i++)
			if (d->kind == FIELD_COUNT)
				ok &= !__builtin_add_overflow(((uint64_t *)x)[i],
							      ((const uint64_t *)y)[i],
							      &((uint64_t *)x)[i]);
			else
				ok &= !__builtin_add_overflow(((xsum *)x)[i], ((const xsum *)y)[i],
							      &((xsum *)x)[i]);
	}
	return ok;
}

/* ---- the invariants of a job's totals ---- */

static uint64_t bound_of(const struct acc *a, enum acc_bound b, unsigned i)
{
	switch (b) {
	case BY_NONE: return 0;
	case BY_N: return a->n;
	case BY_STRAT_N: return a->strat.n;
	case BY_REPORT_N: return a->n + a->strat.n;	/* one of the two is 0 */
	case BY_DISAGREEMENTS: return a->strat.disagreements;
	case BY_BREAKDOWNS: return a->verdicts[CORE_BREAKDOWN];
	case BY_RISK: return a->verdicts[CORE_RISK];
	case BY_NSTAT: return a->nstat[i];
	case BY_ZONES: return a->strat.zones;
	case BY_PAIRS: return a->pairs;
	}
	return 0;
}

/* The name of bound b of element i, for messages. */
static const char *bound_name(enum acc_bound b, unsigned i, char *buf, size_t len)
{
	static const char *const names[] = { "", "n", "strat.n", "verdicts[2] (breakdowns)",
		"verdicts[3] (RISK)", "nstat[%u]", "strat.zones", "pairs" };
	snprintf(buf, len, names[b], i);
	return buf;
}

static const char *say(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static const char *say(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return buf;
}

/* `name` or `name[i]`. */
static const char *element(const struct acc_field *f, unsigned i, char *buf, size_t len)
{
	if (f->len == 1)
		snprintf(buf, len, "%s", f->name);
	else
		snprintf(buf, len, "%s[%u]", f->name, i);
	return buf;
}

/* Whether n values in r can add up to s (in units of 2^-XSUM_BITS). n is a checked
** count (at most SCEN_MAX_DRAWS, below 2^34), so n · 2^93 fits. */
static bool sum_in_range(xsum s, uint64_t n, struct range r)
{
	xsum lo = (xsum)n * (xsum)ldexp(r.lo, XSUM_BITS);
	xsum hi = (xsum)n * (xsum)ldexp(r.hi, XSUM_BITS);
	return s >= lo && s <= hi;
}

/* A field's counts: at most their bound, adding up to their total. */
static const char *check_counts(const struct acc *a, const struct acc_field *f, char *buf,
				size_t len)
{
	const uint64_t *v = (const uint64_t *)((const char *)a + f->offset);
	char what[48], by[48];
	uint64_t total = 0;
	for (unsigned i = 0; i < f->len; i++) {
		uint64_t most = bound_of(a, f->bound, i);
		if (f->bound != BY_NONE && v[i] > most)
			return say(buf, len, "`%s` is %llu, more than `%s` (%llu)",
				   element(f, i, what, sizeof what), (unsigned long long)v[i],
				   bound_name(f->bound, i, by, sizeof by), (unsigned long long)most);
		total += v[i];	/* each at most a checked count: no overflow */
	}
	if (f->adds_up_to != BY_NONE && total != bound_of(a, f->adds_up_to, 0))
		return say(buf, len, "`%s` adds up to %llu, not `%s` (%llu)", f->name,
			   (unsigned long long)total, bound_name(f->adds_up_to, 0, by, sizeof by),
			   (unsigned long long)bound_of(a, f->adds_up_to, 0));
	return NULL;
}

static const char *check_sums(const struct acc *a, const struct acc_field *f, char *buf,
			      size_t len)
{
	const xsum *v = (const xsum *)((const char *)a + f->offset);
	char what[48], by[48];
	for (unsigned i = 0; i < f->len; i++) {
		uint64_t n = bound_of(a, f->bound, i);
		struct range r = f->range[i * f->stride];
		if (!sum_in_range(v[i], n, r))
			return say(buf, len, "`%s` is not a sum of `%s` (%llu) values from %g to %g",
				   element(f, i, what, sizeof what),
				   bound_name(f->bound, i, by, sizeof by), (unsigned long long)n,
				   r.lo, r.hi);
	}
	return NULL;
}

/* The breakdowns are each explained by one cause or more (counted in every cause they
** have), else by a pair only, jointly only, or by none: so the others and the draws
** with a single cause (at least the largest cause count, at most their sum) make them
** up exactly. */
static const char *check_causes(const struct acc *a, char *buf, size_t len)
{
	uint64_t most = 0, all = 0, rest = a->pairs + a->jointly + a->uncaused;
	for (int c = 0; c < CORE_NCAUSES; c++) {
		most = a->causes[c] > most ? a->causes[c] : most;
		all += a->causes[c];
	}
	uint64_t b = a->verdicts[CORE_BREAKDOWN];
	if (rest + most > b || rest + all < b)
		return say(buf, len, "its %llu breakdowns are not made up of its causes, pairs, "
			   "`jointly` and `uncaused`", (unsigned long long)b);
	if (a->nstat[ST_OFFER] > a->verdicts[CORE_RISK])
		return say(buf, len, "`nstat[%d]` (offers) is %llu, more than its %llu RISK draws",
			   ST_OFFER, (unsigned long long)a->nstat[ST_OFFER],
			   (unsigned long long)a->verdicts[CORE_RISK]);
	return NULL;
}

/* The sampled values of quantity k: how many (those of the kept draws in which it was
** measured: `measured` of the `draws`), each in range, and when the sample holds every
** draw, the values that `sum` adds up. */
static const char *check_sample(const struct sample *q, int k, struct range r,
				uint64_t measured, const xsum *sum, const struct acc_expect *x,
				char *buf, size_t len)
{
	uint64_t missed = x->draws - measured;
	uint64_t least = x->kept > missed ? x->kept - missed : 0;
	uint64_t most = x->kept < measured ? x->kept : measured;
	if (q->n < least || q->n > most)
		return say(buf, len, "`sample[%d]` holds %llu values, but the sampling rule keeps "
			   "%llu of its draws (%llu of them measured)", k,
			   (unsigned long long)q->n, (unsigned long long)x->kept,
			   (unsigned long long)measured);
	xsum total = 0;
	for (uint64_t i = 0; i < q->n; i++) {
		if (!(q->v[i] >= r.lo && q->v[i] <= r.hi) || !xsum_fits(q->v[i]))
			return say(buf, len, "`sample[%d]` holds %g, outside %g to %g", k, q->v[i],
				   r.lo, r.hi);
		total += xsum_of(q->v[i]);	/* at most 2^34 values below 2^93 */
	}
	if (sum && x->all_kept && total != *sum)
		return say(buf, len, "`sample[%d]` holds every draw's value, and they do not add "
			   "up to its sum", k);
	return NULL;
}

static const char *check_samples(const struct job_totals *jt, const struct acc_expect *x,
				 char *buf, size_t len)
{
	const struct acc *a = &jt->acc;
	for (int k = 0; k < NSTATS; k++) {
		const char *why;
		if (x->kind == JOB_SETTLE)	/* its quantities */
			why = check_sample(&jt->q[k], k, stat_range[k], a->nstat[k], &a->sum[k], x,
					   buf, len);
		else if (x->kind == JOB_MEDIATION && k <= ST_XMAX)	/* the parties' margins */
			why = check_sample(&jt->q[k], k, any, x->draws, &a->strat.margin[k], x,
					   buf, len);
		else
			why = jt->q[k].n ? say(buf, len, "`sample[%d]` is not empty", k) : NULL;
		if (why)
			return why;
	}
	return NULL;
}

const char *job_totals_check(const struct job_totals *jt, const struct acc_expect *x,
			     char *buf, size_t len)
{
	const struct acc *a = &jt->acc;
	uint64_t n = x->kind == JOB_SETTLE ? a->n : a->strat.n;
	if (n != x->draws)
		return say(buf, len, "`%s` is %llu, but its units have %llu draws",
			   x->kind == JOB_SETTLE ? "n" : "strat.n", (unsigned long long)n,
			   (unsigned long long)x->draws);
	char what[48];
	for (unsigned f = 0; f < nacc_fields; f++) {	/* fields of other kinds of job: 0 */
		const struct acc_field *d = &acc_fields[f];
		if (d->kinds & (1u << x->kind))
			continue;
		size_t size = d->kind == FIELD_COUNT ? sizeof(uint64_t) : sizeof(xsum);
		const char *p = (const char *)a + d->offset;
		for (unsigned i = 0; i < d->len * size; i++)
			if (p[i])
				return say(buf, len, "`%s` is not 0", element(d, i / (unsigned)size,
									   what, sizeof what));
	}
	const char *why = NULL;
	for (unsigned f = 0; f < nacc_fields && !why; f++)
		if ((acc_fields[f].kinds & (1u << x->kind)) && acc_fields[f].kind == FIELD_COUNT)
			why = check_counts(a, &acc_fields[f], buf, len);
	if (!why && x->kind == JOB_SETTLE)
		why = check_causes(a, buf, len);
	for (unsigned f = 0; f < nacc_fields && !why; f++)
		if ((acc_fields[f].kinds & (1u << x->kind)) && acc_fields[f].kind == FIELD_SUM)
			why = check_sums(a, &acc_fields[f], buf, len);
	return why ? why : check_samples(jt, x, buf, len);
}

struct sample_rule sample_rule(uint64_t draws, uint64_t size)
{
	struct sample_rule r = { 0 };
	if (draws > size)	/* 2^64 · size / draws, below 2^64 */
		r.threshold = (uint64_t)(((unsigned __int128)size << 64) / draws);
	return r;
}

/* sample_kept's loop on vectors of W lanes (VU, VM: unsigned and signed), from i while a
** group of four vectors fits. */
#define SAMPLE_LOOP(VU, VM, W) do {							\
	VU lane_;									\
	for (unsigned j_ = 0; j_ < (W); j_++)						\
		lane_[j_] = j_;								\
	for (; i + 4 * (W) <= n; i += 4 * (W)) {					\
		VM some_ = { 0 };							\
		for (unsigned g_ = 0; g_ < 4 * (W); g_ += (W)) {			\
			VU z = (first + i + g_ + lane_) ^ SAMPLE_SALT;			\
			z = RNG_MIX(z);							\
			some_ |= z < r.threshold;					\
		}									\
		int64_t any_ = 0;							\
		for (unsigned j_ = 0; j_ < (W); j_++)					\
			any_ |= some_[j_];						\
		for (unsigned j_ = i; any_ && j_ < i + 4 * (W); j_++)			\
			if (sample_keeps(r, first + j_))				\
				kept[nkept++] = (uint16_t)j_;				\
	}										\
} while (0)

/* sample_keeps over draws [first, first + n), on vectors where the copy has AVX2 (core/
** clones.h): the hash's multiplies and its unsigned compare, eight or four lanes at
** once. A sample is small (a few in a thousand draws of a large run): four vectors of
** draws of which none is kept are passed at one test, nearly always true; the others
** are taken one by one. */
SCEN_VECTOR_CLONES
static unsigned kept_by_vectors(struct sample_rule r, uint64_t first, unsigned n, uint16_t *kept)
{
	assert(n <= UINT16_MAX + 1u);
	unsigned i = 0, nkept = 0;
	if (!r.threshold) {
		for (; i < n; i++)
			kept[i] = (uint16_t)i;
		return n;
	}
	if (scen_widest_vectors())
		SAMPLE_LOOP(scen_vu8, scen_vm8, SCEN_V8);
	else if (scen_wide_vectors())
		SAMPLE_LOOP(scen_vu, scen_vm, SCEN_V);
	for (; i < n; i++)
		if (sample_keeps(r, first + i))
			kept[nkept++] = (uint16_t)i;
	return nkept;
}

/* kept_by_vectors, static: Clang's multiversioning wants every declaration of a cloned
** function marked, and totals.h's is not. */
unsigned sample_kept(struct sample_rule r, uint64_t first, unsigned n, uint16_t *kept)
{
	return kept_by_vectors(r, first, n, kept);
}

void sample_add(struct sample *s, const double *v, uint64_t n)
{
	if (!n)		/* s->v may still be NULL */
		return;
	if (s->n + n > s->cap) {
		s->cap = s->n + n > 2 * s->cap ? s->n + n : 2 * s->cap;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	memcpy(s->v + s->n, v, n * sizeof *v);
	s->n += n;
}

void sample_free(struct sample *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* The sample is a multiset: sorted, any order of additions gives the same quantiles. */
void sample_quantiles(struct sample *s, const double *phi, unsigned n, double *out)
{
	if (s->n)
		sort_doubles(s->v, s->n);
	for (unsigned i = 0; i < n; i++)
		out[i] = s->n ? gsl_stats_quantile_from_sorted_data(s->v, 1, s->n, phi[i]) : NAN;
}


void totals_init(struct run_totals *t, unsigned njobs, unsigned nvnodes)
{
	memset(t, 0, sizeof *t);
	t->njobs = njobs;
	t->nvnodes = nvnodes;
	t->jobs = xcalloc(njobs + 1, sizeof *t->jobs);
	t->clamped = xcalloc(nvnodes + 1, sizeof *t->clamped);
}

void totals_free(struct run_totals *t)
{
	for (unsigned j = 0; j < t->njobs; j++)
		for (int k = 0; k < NSTATS; k++)
			sample_free(&t->jobs[j].q[k]);
	free(t->jobs);
	free(t->clamped);
	memset(t, 0, sizeof *t);
}

void totals_clear(struct run_totals *t)
{
	for (unsigned j = 0; j < t->njobs; j++) {
		memset(&t->jobs[j].acc, 0, sizeof t->jobs[j].acc);
		for (int k = 0; k < NSTATS; k++)
			t->jobs[j].q[k].n = 0;
	}
	memset(t->clamped, 0, t->nvnodes * sizeof *t->clamped);
}

bool totals_add(struct run_totals *t, const struct run_totals *b)
{
	bool ok = true;
	for (unsigned j = 0; j < t->njobs; j++) {
		ok &= acc_merge(&t->jobs[j].acc, &b->jobs[j].acc);
		for (int k = 0; k < NSTATS; k++)
			sample_add(&t->jobs[j].q[k], b->jobs[j].q[k].v, b->jobs[j].q[k].n);
	}
	for (unsigned i = 0; i < t->nvnodes; i++)
		ok &= !__builtin_add_overflow(t->clamped[i], b->clamped[i], &t->clamped[i]);
	return ok;
}
