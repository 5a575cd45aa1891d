/*
** run.c: the Monte Carlo driver. Draws are cut into blocks of RUN_BLOCK; worker threads
** take blocks in turn and fill a block result each (counts, sums, and the per-draw
** values' quantile sketch, qsketch.h). The calling thread merges block results
** strictly in block order, so every sum is added in the same order and every sketch
** is merged in the same sequence, whatever the number of threads. At most RUN_WINDOW blocks per thread are in flight: memory does not grow
** with the number of draws.
*/
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interp_int.h"
#include "scen_conf.h"
#include "xalloc.h"
#include "qsketch.h"
#include "rng.h"

enum { RUN_BLOCK = 1024, RUN_WINDOW = 4 };

static const double quantile_at[NQUANTILES] = { 0.05, 0.50, 0.95 };

struct acc {
	uint64_t n, verdicts[CORE_RISK + 1], causes[CORE_NCAUSES];
	uint64_t pairs, jointly, uncaused, pair_count[CORE_NCAUSES * CORE_NCAUSES];
	uint64_t without_patron[CORE_RISK + 1];
	double sum[NSTATS], sum_p_breakdown, sum_eu;
	uint64_t nstat[NSTATS];
	struct strat_acc strat;		/* mediation and game jobs */
};

struct block {
	uint64_t first, count;
	struct acc *accs;		/* by job */
	double *values;			/* [job][stat][draw]; NAN: not measured */
	struct qsketch *sketch;		/* [job][stat]: of the values */
	uint32_t *clamped;		/* by vnode */
	int error_vnode;
	uint64_t error_draw;
	double error_value;
	struct job_draw *exact;		/* by job, when the run is one draw */
	int state;			/* 0 free, 1 taken, 2 done */
};

struct totals {
	struct acc *accs;
	struct qsketch *q;		/* [job][stat] */
	uint64_t *clamped;
	int error_vnode;
	uint64_t error_draw;
	double error_value;
};

struct runner {
	const struct interp *it;
	const struct run_options *o;
	unsigned njobs, *job_base;
	uint64_t draws, nblocks, next, merged;
	unsigned types;
	struct block *ring;		/* nring slots: block b lives in ring[b % nring] */
	unsigned nring;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	bool stop;
	bool merging;			/* a worker is merging finished blocks */
	struct totals *t;
	const struct block *last;	/* the last block merged */
};

static void record(struct acc *a, double *values, uint64_t i, const struct settle_draw *s)
{
	const struct core_range *r = &s->r;
	enum core_verdict v = s->screened ? CORE_RISK : r->verdict;
	double stat[NSTATS] = { r->x_min, r->x_max, r->verdict == CORE_BREAKDOWN ? r->gap : 0,
				s->screened ? s->screen.p_war : v == CORE_BREAKDOWN, NAN };
	a->n++;
	a->verdicts[v]++;
	a->without_patron[s->without_patron]++;
	if (s->screened) {
		stat[ST_OFFER] = s->screen.offer;
		a->sum_eu += s->screen.eu_state;
	}
	if (v == CORE_BREAKDOWN) {
		a->sum_p_breakdown += r->p;
		for (int c = 0; c < CORE_NCAUSES; c++)
			a->causes[c] += (s->why.single >> c) & 1;
		if (!s->why.single && s->why.pair) {
			a->pairs++;
			int x = __builtin_ctz(s->why.pair);
			int y = __builtin_ctz(s->why.pair & (s->why.pair - 1));
			a->pair_count[x * CORE_NCAUSES + y]++;
		} else if (!s->why.single) {
			s->why.jointly ? a->jointly++ : a->uncaused++;
		}
	}
	for (int k = 0; k < NSTATS; k++) {
		values[k * RUN_BLOCK + i] = stat[k];
		if (!isnan(stat[k])) {
			a->sum[k] += stat[k];
			a->nstat[k]++;
		}
	}
}

/* The block's values of each quantity, those measured, into its sketch. */
static void sketch_block(const struct runner *rn, struct block *b)
{
	for (size_t q = 0; q < (size_t)rn->njobs * NSTATS; q++) {
		double *v = &b->values[q * RUN_BLOCK];
		unsigned n = 0;
		for (uint64_t i = 0; i < b->count; i++)
			if (!isnan(v[i]))
				v[n++] = v[i];
		qs_from_block(&b->sketch[q], v, n);
	}
}

/* One job (a report) on the current draw, i-th of block b. */
static void run_job(const struct runner *rn, struct draw_state *d, struct block *b,
		    const struct ijob *job, unsigned index, uint64_t i)
{
	const struct interp *it = rn->it;
	struct job_draw jd;
	double *values = &b->values[(size_t)index * NSTATS * RUN_BLOCK];
	if (job->kind == JOB_SETTLE) {
		draw_settlement(it, d, &it->conflicts[job->conflict], &jd.settle);
		record(&b->accs[index], values, i, &jd.settle);
	} else {
		if (job->kind == JOB_MEDIATION)
			draw_mediation(it, d, &it->mediations[job->index], &jd.med);
		else
			draw_game(it, d, &it->conflicts[job->conflict], &jd.game);
		strategic_record(&b->accs[index].strat, job->kind, &jd);
		for (int k = 0; k < NSTATS; k++)
			values[k * RUN_BLOCK + i] = NAN;
		if (job->kind == JOB_MEDIATION) {	/* the margins' distribution: the first
							** two quantity slots hold them */
			values[ST_XMIN * RUN_BLOCK + i] = jd.med.state.margin;
			values[ST_XMAX * RUN_BLOCK + i] = jd.med.rebels.margin;
		}
	}
	if (b->exact)
		b->exact[index] = jd;
}

static void run_block(struct runner *rn, struct draw_state *d, struct block *b)
{
	const struct interp *it = rn->it;
	memset(b->accs, 0, rn->njobs * sizeof *b->accs);
	memset(b->clamped, 0, it->m->norder * sizeof *b->clamped);
	d->clamped = b->clamped;
	d->error_vnode = -1;
	b->error_vnode = -1;
	for (unsigned g = 0; g < it->ngroups; g++) {
		const struct igroup *gr = &it->groups[g];
		if (gr->slot >= 0)
			d->slots[gr->slot] = gr->value;
		for (uint64_t i = 0; i < b->count; i++) {
			d->env.draw = b->first + i;
			draw_model(it, d, gr);
			for (unsigned j = 0; j < gr->njobs; j++)
				run_job(rn, d, b, &gr->jobs[j], rn->job_base[g] + j, i);
			if (d->error_vnode >= 0 && b->error_vnode < 0) {
				b->error_vnode = d->error_vnode;
				b->error_draw = b->first + i;
				b->error_value = d->error_value;
			}
		}
		if (gr->slot >= 0)
			d->slots[gr->slot] = it->init[gr->slot];
	}
	sketch_block(rn, b);
}

static void draw_state_init(const struct runner *rn, struct draw_state *d, uint64_t *keys)
{
	const struct interp *it = rn->it;
	memset(d, 0, sizeof *d);
	d->slots = xmalloc((it->nslots + 1) * sizeof *d->slots);
	memcpy(d->slots, it->init, it->nslots * sizeof *d->slots);
	d->types = rn->types;
	d->thresholds = xmalloc((rn->types + 1) * sizeof *d->thresholds);
	d->types_of = xcalloc(it->nconflicts + 1, sizeof *d->types_of);
	d->events = xcalloc(it->nevents + 1, sizeof *d->events);
	d->env = (struct vm_env){ d->slots, d->events, it->chunks, keys, 0, -1, 0 };
}

static void merge(const struct runner *rn, struct totals *t, const struct block *b);

/* Called with the lock held: merges every finished block that is next in order. One
** worker at a time does this, while the others go on drawing. */
static void merge_ready(struct runner *rn)
{
	rn->merging = true;
	while (rn->merged < rn->nblocks) {
		struct block *b = &rn->ring[rn->merged % rn->nring];
		if (b->state != 2 || b->first != rn->merged * RUN_BLOCK)
			break;
		pthread_mutex_unlock(&rn->lock);
		merge(rn, rn->t, b);
		const struct run_options *o = rn->o;
		if (o->progress)
			o->progress(b->first + b->count, rn->draws, o->progress_arg);
		bool stop = (o->stop && *o->stop) || rn->t->error_vnode >= 0;
		pthread_mutex_lock(&rn->lock);
		rn->last = b;
		b->state = 0;
		rn->merged++;
		rn->stop |= stop;
		pthread_cond_broadcast(&rn->changed);
	}
	rn->merging = false;
}

struct worker {
	struct runner *rn;
	const uint64_t *keys;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct runner *rn = w->rn;
	struct draw_state d;
	draw_state_init(rn, &d, (uint64_t *)w->keys);
	pthread_mutex_lock(&rn->lock);
	for (;;) {
		while (!rn->stop && rn->next < rn->nblocks && rn->next >= rn->merged + rn->nring)
			pthread_cond_wait(&rn->changed, &rn->lock);
		if (rn->stop || rn->next >= rn->nblocks)
			break;
		uint64_t n = rn->next++;
		struct block *b = &rn->ring[n % rn->nring];
		b->state = 1;
		b->first = n * RUN_BLOCK;
		b->count = rn->draws - b->first < RUN_BLOCK ? rn->draws - b->first : RUN_BLOCK;
		pthread_mutex_unlock(&rn->lock);
		run_block(rn, &d, b);
		pthread_mutex_lock(&rn->lock);
		b->state = 2;
		pthread_cond_broadcast(&rn->changed);
		if (!rn->merging)
			merge_ready(rn);
	}
	pthread_mutex_unlock(&rn->lock);
	for (unsigned i = 0; i < rn->it->nconflicts; i++)
		free(d.types_of[i]);
	free(d.types_of);
	free(d.events);
	free(d.slots);
	free(d.thresholds);
	return NULL;
}

/* ---- merging, in block order ---- */


static void merge(const struct runner *rn, struct totals *t, const struct block *b)
{
	for (unsigned j = 0; j < rn->njobs; j++) {
		struct acc *x = &t->accs[j];
		const struct acc *y = &b->accs[j];
		x->n += y->n;
		x->pairs += y->pairs;
		x->jointly += y->jointly;
		x->uncaused += y->uncaused;
		x->sum_p_breakdown += y->sum_p_breakdown;
		strategic_merge(&x->strat, &y->strat);
		x->sum_eu += y->sum_eu;
		for (int v = 0; v <= CORE_RISK; v++) {
			x->verdicts[v] += y->verdicts[v];
			x->without_patron[v] += y->without_patron[v];
		}
		for (int c = 0; c < CORE_NCAUSES; c++)
			x->causes[c] += y->causes[c];
		for (int p = 0; p < CORE_NCAUSES * CORE_NCAUSES; p++)
			x->pair_count[p] += y->pair_count[p];
		for (int k = 0; k < NSTATS; k++) {
			x->sum[k] += y->sum[k];
			x->nstat[k] += y->nstat[k];
			qs_merge(&t->q[j * NSTATS + k], &b->sketch[j * NSTATS + k]);
		}
	}
	for (unsigned i = 0; i < rn->it->m->norder; i++)
		t->clamped[i] += b->clamped[i];
	if (t->error_vnode < 0 && b->error_vnode >= 0) {
		t->error_vnode = b->error_vnode;
		t->error_draw = b->error_draw;
		t->error_value = b->error_value;
	}
}

static unsigned thread_count(const struct interp *it, const struct run_options *o)
{
	long n = o->threads ? (long)o->threads : it->threads ? (long)it->threads
				   : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

static void block_alloc(struct runner *rn, struct block *b, bool exact)
{
	b->accs = xcalloc(rn->njobs + 1, sizeof *b->accs);
	b->values = xmalloc(((size_t)rn->njobs * NSTATS + 1) * RUN_BLOCK * sizeof *b->values);
	b->clamped = xcalloc(rn->it->m->norder + 1, sizeof *b->clamped);
	b->sketch = xcalloc((size_t)rn->njobs * NSTATS + 1, sizeof *b->sketch);
	b->exact = exact ? xcalloc(rn->njobs + 1, sizeof *b->exact) : NULL;
}

static void block_release(const struct runner *rn, struct block *b)
{
	for (size_t q = 0; q < (size_t)rn->njobs * NSTATS; q++)
		qs_free(&b->sketch[q]);
	free(b->sketch);
	free(b->accs);
	free(b->values);
	free(b->clamped);
	free(b->exact);
}

static void summarise(const struct runner *rn, const struct totals *t, struct run_result *out,
		      const struct block *last);

int interp_run(struct interp *it, const struct run_options *o, struct run_result *out,
	       struct diag_sink *sink)
{
	struct runner rn = { .it = it, .o = o };
	for (unsigned g = 0; g < it->ngroups; g++)
		rn.njobs += it->groups[g].njobs;
	rn.job_base = xcalloc(it->ngroups + 1, sizeof *rn.job_base);
	for (unsigned g = 1; g < it->ngroups; g++)
		rn.job_base[g] = rn.job_base[g - 1] + it->groups[g - 1].njobs;
	uint64_t seed = o->have_seed ? o->seed : it->seed;
	rn.draws = !it->uncertain ? 1 : o->have_draws ? o->draws : it->draws;
	rn.nblocks = (rn.draws + RUN_BLOCK - 1) / RUN_BLOCK;
	rn.types = o->types ? o->types : SCEN_SCREEN_TYPES;
	unsigned threads = thread_count(it, o);
	if (threads > rn.nblocks)
		threads = (unsigned)(rn.nblocks ? rn.nblocks : 1);
	rn.nring = threads * RUN_WINDOW;
	rn.ring = xcalloc(rn.nring, sizeof *rn.ring);
	for (unsigned r = 0; r < rn.nring; r++)
		block_alloc(&rn, &rn.ring[r], !it->uncertain);
	uint64_t *keys = xmalloc((it->nstreams + 1) * sizeof *keys);
	for (unsigned s = 0; s < it->nstreams; s++)
		keys[s] = rng_key(seed, it->streams[s]);
	struct totals t = { .error_vnode = -1 };
	rn.t = &t;
	t.accs = xcalloc(rn.njobs + 1, sizeof *t.accs);
	t.q = xcalloc((size_t)rn.njobs * NSTATS + 1, sizeof *t.q);
	t.clamped = xcalloc(it->m->norder + 1, sizeof *t.clamped);
	pthread_mutex_init(&rn.lock, NULL);
	pthread_cond_init(&rn.changed, NULL);
	pthread_t *tid = xmalloc(threads * sizeof *tid);
	struct worker w = { &rn, keys };
	for (unsigned i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, work, &w);
	for (unsigned i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	out->seed = seed;
	out->threads = threads;
	out->stopped = rn.merged < rn.nblocks;
	summarise(&rn, &t, out, rn.last);
	int status = 0;
	if (t.error_vnode >= 0) {
		const struct vnode *v = it->m->order[t.error_vnode];
		if (isfinite(t.error_value))
			diag_error(sink, v->file, v->where, "`%s` is %g in draw %llu: it must be "
				   "above %g, and a value at or below an open bound cannot be "
				   "clamped into the range", v->label, t.error_value,
				   (unsigned long long)t.error_draw + 1, v->def->lo);
		else
			diag_error(sink, v->file, v->where, "`%s` is %s in draw %llu: not a "
				   "number the models can use", v->label, isnan(t.error_value)
				   ? "undefined (NaN)" : "infinite",
				   (unsigned long long)t.error_draw + 1);
		status = 1;
	}
	for (size_t i = 0; i < (size_t)rn.njobs * NSTATS; i++)
		qs_free(&t.q[i]);
	for (unsigned r = 0; r < rn.nring; r++)
		block_release(&rn, &rn.ring[r]);
	free(t.q);
	free(t.accs);
	free(t.clamped);
	free(rn.ring);
	free(rn.job_base);
	free(keys);
	free(tid);
	pthread_mutex_destroy(&rn.lock);
	pthread_cond_destroy(&rn.changed);
	return status;
}

/* ---- results ---- */

static void summarise_job(const struct runner *rn, const struct totals *t, unsigned j,
			  struct settle_result *s)
{
	const struct acc *a = &t->accs[j];
	s->draws = a->n;
	memcpy(s->verdicts, a->verdicts, sizeof s->verdicts);
	memcpy(s->without_patron, a->without_patron, sizeof s->without_patron);
	memcpy(s->causes, a->causes, sizeof s->causes);
	s->pairs = a->pairs;
	s->jointly = a->jointly;
	s->uncaused = a->uncaused;
	uint64_t best = 0;
	for (int p = 0; p < CORE_NCAUSES * CORE_NCAUSES; p++)
		if (a->pair_count[p] > best) {
			best = a->pair_count[p];
			s->first_pair = 1u << (p / CORE_NCAUSES) | 1u << (p % CORE_NCAUSES);
		}
	uint64_t breakdowns = a->verdicts[CORE_BREAKDOWN];
	s->mean_p_breakdown = breakdowns ? a->sum_p_breakdown / (double)breakdowns : NAN;
	s->eu_state = a->verdicts[CORE_RISK] ? a->sum_eu / (double)a->verdicts[CORE_RISK] : NAN;
	s->screening = a->verdicts[CORE_RISK] > 0;
	for (int k = 0; k < NSTATS; k++) {
		struct stat_summary *st = &s->stats[k];
		st->n = a->nstat[k];
		st->mean = st->n ? a->sum[k] / (double)st->n : NAN;
		for (int q = 0; q < NQUANTILES; q++)
			st->q[q] = qs_quantile(&t->q[j * NSTATS + k], quantile_at[q]);
	}
	(void)rn;
}

static void summarise(const struct runner *rn, const struct totals *t, struct run_result *out,
		      const struct block *last)
{
	const struct interp *it = rn->it;
	out->title = it->title;
	out->unit = it->unit;
	/* The draws merged (fewer when interrupted), also when no report is a settlement. */
	out->draws = rn->merged * RUN_BLOCK < rn->draws ? rn->merged * RUN_BLOCK : rn->draws;
	out->uncertain = it->uncertain;
	out->nreports = rn->njobs;
	out->reports = xcalloc(rn->njobs + 1, sizeof *out->reports);
	for (unsigned g = 0; g < it->ngroups; g++) {
		const struct igroup *gr = &it->groups[g];
		for (unsigned j = 0; j < gr->njobs; j++) {
			unsigned job = rn->job_base[g] + j;
			struct report_result *r = &out->reports[job];
			const struct conflict_info *k = it->conflicts[gr->jobs[j].conflict].info;
			r->what = gr->jobs[j].what;
			if (gr->jobs[j].kind != JOB_SETTLE) {
				r->sweep = gr->sweep;
				r->sweep_value = gr->value;
				r->sweep_row = gr->row;
				r->sweep_id = gr->sweep_id;
				strategic_summarise(it, &gr->jobs[j], &t->accs[job].strat,
						    last && last->exact && !it->uncertain
						    ? &last->exact[job] : NULL, r);
				for (int q = 0; q < NQUANTILES && r->kind == RK_MEDIATION; q++) {
					r->med.margin_q[0][q] = qs_quantile(
						&t->q[job * NSTATS + ST_XMIN], quantile_at[q]);
					r->med.margin_q[1][q] = qs_quantile(
						&t->q[job * NSTATS + ST_XMAX], quantile_at[q]);
				}
				continue;
			}
			r->sweep = gr->sweep;
			r->sweep_value = gr->value;
			r->sweep_row = gr->row;
			r->sweep_id = gr->sweep_id;
			r->settle.state = k->state->name;
			r->settle.rebels = k->rebels->name;
			r->settle.stake = k->stake->name;
			r->settle.patron = it->conflicts[gr->jobs[j].conflict].patron
				? it->conflicts[gr->jobs[j].conflict].patron->name : NULL;
			summarise_job(rn, t, job, &r->settle);
			if (last && last->exact && !it->uncertain) {
				const struct settle_draw *s = &last->exact[job].settle;
				r->settle.exact = true;
				r->settle.conflict = s->c;
				r->settle.range = s->r;
				r->settle.why = s->why;
				r->settle.screen = s->screen;
			}
		}
	}
	for (unsigned i = 0; i < it->m->norder; i++)
		out->nclamps += t->clamped[i] > 0;
	out->clamps = xcalloc(out->nclamps + 1, sizeof *out->clamps);
	unsigned n = 0;
	for (unsigned i = 0; i < it->m->norder; i++)
		if (t->clamped[i])
			out->clamps[n++] = (struct clamp_note){ it->m->order[i]->label,
								 t->clamped[i] };
}

void run_result_free(struct run_result *r)
{
	for (unsigned i = 0; i < r->nreports; i++) {
		free(r->reports[i].med.rules);
		free(r->reports[i].game.rules);
	}
	free(r->reports);
	free(r->clamps);
	memset(r, 0, sizeof *r);
}

/* ---- one draw, for export ---- */

int interp_export_efg(struct interp *it, const struct run_options *o, uint64_t draw,
		      FILE *out, const char **why)
{
	const struct ijob *job = NULL;
	for (unsigned g = 0; g < it->ngroups && !job; g++)
		for (unsigned j = 0; j < it->groups[g].njobs && !job; j++)
			if (it->groups[g].jobs[j].kind == JOB_GAME)
				job = &it->groups[g].jobs[j];
	if (!job) {
		*why = "the file has no provocation game (no `report provocation by B`)";
		return 1;
	}
	struct runner rn = { .it = it, .o = o, .types = o->types ? o->types : SCEN_SCREEN_TYPES };
	uint64_t seed = o->have_seed ? o->seed : it->seed;
	uint64_t *keys = xmalloc((it->nstreams + 1) * sizeof *keys);
	for (unsigned s = 0; s < it->nstreams; s++)
		keys[s] = rng_key(seed, it->streams[s]);
	struct draw_state d;
	draw_state_init(&rn, &d, keys);
	uint32_t *clamped = xcalloc(it->m->norder + 1, sizeof *clamped);
	d.clamped = clamped;
	d.error_vnode = -1;
	d.env.draw = draw;
	struct igroup none = { .slot = -1 };
	draw_model(it, &d, &none);
	struct game_draw gd;
	draw_game(it, &d, &it->conflicts[job->conflict], &gd);
	char desc[160];
	snprintf(desc, sizeof desc, "%s, draw %llu of seed %llu", job->what,
		 (unsigned long long)draw + 1, (unsigned long long)seed);
	int status = 0;
	if (d.error_vnode >= 0) {
		*why = "a value of this draw is not a number";
		status = 1;
	} else if (core_efg_write(out, &gd.game, it->title, desc) != 0) {
		*why = "the game cannot be written (a payoff is not finite, or the state has no "
		       "capacity to repress)";
		status = 1;
	}
	for (unsigned i = 0; i < it->nconflicts; i++)
		free(d.types_of[i]);
	free(d.types_of);
	free(d.events);
	free(d.slots);
	free(d.thresholds);
	free(clamped);
	free(keys);
	return status;
}
