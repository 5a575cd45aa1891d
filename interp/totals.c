/*
** totals.c: see totals.h.
*/
#include "totals.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

xsum xsum_of(double x)
{
	double scaled = nearbyint(ldexp(x, XSUM_BITS));
	if (fabs(scaled) < 0x1p62)	/* the common case, without a libgcc call */
		return (xsum)(int64_t)scaled;
	return (xsum)scaled;
}

double xsum_mean(xsum s, uint64_t n)
{
	return ldexp((double)s, -XSUM_BITS) / (double)n;
}

#define COUNT(f) { #f, offsetof(struct acc, f), FIELD_COUNT, \
		   sizeof ((struct acc *)0)->f / sizeof(uint64_t) }
#define SUM(f) { #f, offsetof(struct acc, f), FIELD_SUM, \
		 sizeof ((struct acc *)0)->f / sizeof(xsum) }

const struct acc_field acc_fields[] = {
	COUNT(n), COUNT(verdicts), COUNT(causes), COUNT(pairs), COUNT(jointly),
	COUNT(uncaused), COUNT(pair_count), COUNT(without_patron), SUM(sum),
	SUM(sum_p_breakdown), SUM(sum_eu), SUM(sum_value), COUNT(nstat), COUNT(too_large),
	COUNT(strat.n), COUNT(strat.agreements), COUNT(strat.agreements_free),
	COUNT(strat.accepts), COUNT(strat.accepts_free), COUNT(strat.hurts),
	COUNT(strat.zones), SUM(strat.margin), SUM(strat.proposal), SUM(strat.zone_lo),
	SUM(strat.zone_hi), COUNT(strat.paths), COUNT(strat.state_ties),
	COUNT(strat.leaders_ties), COUNT(strat.pivotal), COUNT(strat.no_concession),
	COUNT(strat.disagreements), COUNT(strat.disagree_causes),
	COUNT(strat.disagree_uncaused), SUM(strat.value),
	SUM(strat.if_provoke), SUM(strat.if_abstain), SUM(strat.gain), SUM(strat.loss),
	SUM(strat.p_war), SUM(strat.p_atrocities), SUM(strat.p_intervention),
	SUM(strat.toll),
};
const unsigned nacc_fields = sizeof acc_fields / sizeof acc_fields[0];

void acc_merge(struct acc *into, const struct acc *b)
{
	for (unsigned f = 0; f < nacc_fields; f++) {
		const struct acc_field *d = &acc_fields[f];
		char *x = (char *)into + d->offset;
		const char *y = (const char *)b + d->offset;
		for (unsigned i = 0; i < d->len; i++)
			if (d->kind == FIELD_COUNT)
				((uint64_t *)x)[i] += ((const uint64_t *)y)[i];
			else
				((xsum *)x)[i] += ((const xsum *)y)[i];
	}
}

struct sample_rule sample_rule(uint64_t draws, uint64_t size)
{
	struct sample_rule r = { 0 };
	if (draws > size)	/* 2^64 · size / draws, below 2^64 */
		r.threshold = (uint64_t)(((unsigned __int128)size << 64) / draws);
	return r;
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
		gsl_sort(s->v, 1, s->n);
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

void totals_add(struct run_totals *t, const struct run_totals *b)
{
	for (unsigned j = 0; j < t->njobs; j++) {
		acc_merge(&t->jobs[j].acc, &b->jobs[j].acc);
		for (int k = 0; k < NSTATS; k++)
			sample_add(&t->jobs[j].q[k], b->jobs[j].q[k].v, b->jobs[j].q[k].n);
	}
	for (unsigned i = 0; i < t->nvnodes; i++)
		t->clamped[i] += b->clamped[i];
}
