/*
** run.c: the Monte Carlo driver. Draws are cut into blocks of RUN_BLOCK; worker threads
** take blocks in turn and fill a block result each (counts, sums, and the per-draw
** values' quantile sketch, qsketch.h). The calling thread merges block results
** strictly in block order, so every sum is added in the same order and every sketch
** is merged in the same sequence, whatever the number of threads. At most RUN_WINDOW
** blocks per thread are in flight: memory does not grow with the number of draws.
** The driver itself (blocks_run) knows nothing of what a block computes: interp_run
** and the paired run of `scen diff` (paired.c) both use it.
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
	uint64_t draws, merged;		/* merged: blocks */
	unsigned types;
	const uint64_t *keys;
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

void draw_state_init(const struct interp *it, unsigned types, struct draw_state *d,
		     const uint64_t *keys)
{
	memset(d, 0, sizeof *d);
	d->slots = xmalloc((it->nslots + 1) * sizeof *d->slots);
	memcpy(d->slots, it->init, it->nslots * sizeof *d->slots);
	d->types = types;
	d->thresholds = xmalloc((types + 1) * sizeof *d->thresholds);
	d->types_of = xcalloc(it->nconflicts + 1, sizeof *d->types_of);
	d->events = xcalloc(it->nevents + 1, sizeof *d->events);
	d->env = (struct vm_env){ d->slots, d->events, it->chunks, (uint64_t *)keys, 0, -1, 0 };
}

void draw_state_free(const struct interp *it, struct draw_state *d)
{
	for (unsigned i = 0; i < it->nconflicts; i++)
		free(d->types_of[i]);
	free(d->types_of);
	free(d->events);
	free(d->slots);
	free(d->thresholds);
}

/* ---- the block driver (interp_int.h), shared with paired.c ---- */

struct slot {
	void *result;
	uint64_t first, count;
	int state;			/* 0 free, 1 taken, 2 done */
};

struct driver_run {
	const struct block_driver *d;
	uint64_t nblocks, next, merged;
	struct slot *ring;		/* nring slots: block b lives in ring[b % nring] */
	unsigned nring;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	bool stop;
	bool merging;			/* a worker is merging finished blocks */
};

/* Called with the lock held: merges every finished block that is next in order. One
** worker at a time does this, while the others go on drawing. */
static void merge_ready(struct driver_run *dr)
{
	dr->merging = true;
	while (dr->merged < dr->nblocks) {
		struct slot *b = &dr->ring[dr->merged % dr->nring];
		if (b->state != 2 || b->first != dr->merged * RUN_BLOCK)
			break;
		pthread_mutex_unlock(&dr->lock);
		bool stop = dr->d->merge(dr->d->ctx, b->result, b->first, b->count);
		pthread_mutex_lock(&dr->lock);
		b->state = 0;
		dr->merged++;
		dr->stop |= stop;
		pthread_cond_broadcast(&dr->changed);
	}
	dr->merging = false;
}

static void *work(void *arg)
{
	struct driver_run *dr = arg;
	const struct block_driver *d = dr->d;
	void *w = d->worker_new(d->ctx);
	pthread_mutex_lock(&dr->lock);
	for (;;) {
		while (!dr->stop && dr->next < dr->nblocks && dr->next >= dr->merged + dr->nring)
			pthread_cond_wait(&dr->changed, &dr->lock);
		if (dr->stop || dr->next >= dr->nblocks)
			break;
		uint64_t n = dr->next++;
		struct slot *b = &dr->ring[n % dr->nring];
		b->state = 1;
		b->first = n * RUN_BLOCK;
		b->count = d->draws - b->first < RUN_BLOCK ? d->draws - b->first : RUN_BLOCK;
		pthread_mutex_unlock(&dr->lock);
		d->run(d->ctx, w, b->result, b->first, b->count);
		pthread_mutex_lock(&dr->lock);
		b->state = 2;
		pthread_cond_broadcast(&dr->changed);
		if (!dr->merging)
			merge_ready(dr);
	}
	pthread_mutex_unlock(&dr->lock);
	d->worker_free(d->ctx, w);
	return NULL;
}

unsigned blocks_threads(unsigned threads, uint64_t draws)
{
	uint64_t nblocks = (draws + RUN_BLOCK - 1) / RUN_BLOCK;
	if (threads > nblocks)
		threads = (unsigned)(nblocks ? nblocks : 1);
	return threads;
}

uint64_t blocks_run(const struct block_driver *d)
{
	struct driver_run dr = { .d = d };
	dr.nblocks = (d->draws + RUN_BLOCK - 1) / RUN_BLOCK;
	unsigned threads = blocks_threads(d->threads, d->draws);
	dr.nring = threads * RUN_WINDOW;
	dr.ring = xcalloc(dr.nring, sizeof *dr.ring);
	for (unsigned r = 0; r < dr.nring; r++)
		dr.ring[r].result = d->results[r];
	pthread_mutex_init(&dr.lock, NULL);
	pthread_cond_init(&dr.changed, NULL);
	pthread_t *tid = xmalloc(threads * sizeof *tid);
	for (unsigned i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, work, &dr);
	for (unsigned i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	free(tid);
	free(dr.ring);
	pthread_mutex_destroy(&dr.lock);
	pthread_cond_destroy(&dr.changed);
	return dr.merged;
}

/* ---- interp_run's callbacks ---- */

static void merge(const struct runner *rn, struct totals *t, const struct block *b);

static void *run_worker_new(void *ctx)
{
	const struct runner *rn = ctx;
	struct draw_state *d = xmalloc(sizeof *d);
	draw_state_init(rn->it, rn->types, d, rn->keys);
	return d;
}

static void run_worker_free(void *ctx, void *w)
{
	const struct runner *rn = ctx;
	draw_state_free(rn->it, w);
	free(w);
}

static void run_run(void *ctx, void *w, void *result, uint64_t first, uint64_t count)
{
	struct block *b = result;
	b->first = first;
	b->count = count;
	run_block(ctx, w, b);
}

static bool run_merge(void *ctx, void *result, uint64_t first, uint64_t count)
{
	struct runner *rn = ctx;
	const struct block *b = result;
	merge(rn, rn->t, b);
	const struct run_options *o = rn->o;
	if (o->progress)
		o->progress(first + count, rn->draws, o->progress_arg);
	rn->last = b;
	return (o->stop && *o->stop) || rn->t->error_vnode >= 0;
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

unsigned run_thread_count(const struct interp *it, const struct run_options *o)
{
	long n = o->threads ? (long)o->threads : it->threads ? (long)it->threads
				   : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

void report_draw_error(const struct interp *it, int vnode, uint64_t draw, double value,
		       struct diag_sink *sink)
{
	const struct vnode *v = it->m->order[vnode];
	if (isfinite(value))
		diag_error(sink, v->file, v->where, "`%s` is %g in draw %llu: it must be "
			   "above %g, and a value at or below an open bound cannot be "
			   "clamped into the range", v->label, value,
			   (unsigned long long)draw + 1, v->def->lo);
	else
		diag_error(sink, v->file, v->where, "`%s` is %s in draw %llu: not a "
			   "number the models can use", v->label, isnan(value)
			   ? "undefined (NaN)" : "infinite", (unsigned long long)draw + 1);
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
	rn.types = o->types ? o->types : SCEN_SCREEN_TYPES;
	unsigned threads = blocks_threads(run_thread_count(it, o), rn.draws);
	unsigned nring = threads * RUN_WINDOW;
	struct block *ring = xcalloc(nring, sizeof *ring);
	void **results = xcalloc(nring, sizeof *results);
	for (unsigned r = 0; r < nring; r++) {
		block_alloc(&rn, &ring[r], !it->uncertain);
		results[r] = &ring[r];
	}
	uint64_t *keys = xmalloc((it->nstreams + 1) * sizeof *keys);
	for (unsigned s = 0; s < it->nstreams; s++)
		keys[s] = rng_key(seed, it->streams[s]);
	rn.keys = keys;
	struct totals t = { .error_vnode = -1 };
	rn.t = &t;
	t.accs = xcalloc(rn.njobs + 1, sizeof *t.accs);
	t.q = xcalloc((size_t)rn.njobs * NSTATS + 1, sizeof *t.q);
	t.clamped = xcalloc(it->m->norder + 1, sizeof *t.clamped);
	struct block_driver d = { .draws = rn.draws, .threads = threads, .ctx = &rn,
				  .results = results, .worker_new = run_worker_new,
				  .worker_free = run_worker_free, .run = run_run,
				  .merge = run_merge };
	rn.merged = blocks_run(&d);
	out->seed = seed;
	out->threads = threads;
	out->stopped = rn.merged < (rn.draws + RUN_BLOCK - 1) / RUN_BLOCK;
	summarise(&rn, &t, out, rn.last);
	int status = 0;
	if (t.error_vnode >= 0) {
		report_draw_error(it, t.error_vnode, t.error_draw, t.error_value, sink);
		status = 1;
	}
	for (size_t i = 0; i < (size_t)rn.njobs * NSTATS; i++)
		qs_free(&t.q[i]);
	for (unsigned r = 0; r < nring; r++)
		block_release(&rn, &ring[r]);
	free(t.q);
	free(t.accs);
	free(t.clamped);
	free(ring);
	free(results);
	free(rn.job_base);
	free(keys);
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
			r->sweep = gr->sweep;
			r->sweep_value = gr->value;
			r->sweep_row = gr->row;
			r->sweep_id = gr->sweep_id;
			if (gr->jobs[j].kind != JOB_SETTLE) {
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
	uint64_t seed = o->have_seed ? o->seed : it->seed;
	uint64_t *keys = xmalloc((it->nstreams + 1) * sizeof *keys);
	for (unsigned s = 0; s < it->nstreams; s++)
		keys[s] = rng_key(seed, it->streams[s]);
	struct draw_state d;
	draw_state_init(it, o->types ? o->types : SCEN_SCREEN_TYPES, &d, keys);
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
	draw_state_free(it, &d);
	free(clamped);
	free(keys);
	return status;
}
