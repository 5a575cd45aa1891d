/*
** run.c: the Monte Carlo run. The work is cut into units: one block of RUN_BLOCK
** draws of one group of reports (the file's own, or a sweep row), numbered block by
** block, u = block · ngroups + group. Worker threads take units in turn and fill a unit
** result each (counts, exact sums, the sampled values: totals.h); the results are
** added as they finish, in unit order, to the totals of their block, which join the
** run's when the block is whole, so that an interrupted run (Ctrl-C is seen after each
** draw) reports whole blocks. The totals do not depend on that order: the same
** file and seed give the same report at any thread count, and a run cut into shards
** (`scen run --shard I/N`, each a range of units) adds up to the same totals
** (`scen merge`). At most RUN_WINDOW units per thread are in flight: memory does not
** grow with the number of draws. The threads are driver.c's (blocks_run), which
** knows nothing of what a unit computes.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/builtins.h"
#include "interp/interp_int.h"
#include "util/scen_conf.h"
#include "interp/totals.h"
#include "util/xalloc.h"
#include "interp/rng.h"

static const double quantile_at[NQUANTILES] = { 0.05, 0.50, 0.95 };

/* What one unit computed. Jobs are those of its group, from 0. */
struct unit {
	uint64_t first, count;		/* draws first .. first+count-1 */
	unsigned group;
	struct acc *accs;		/* by job */
	double *values;			/* [job][stat][draw]; NAN: not measured; after
					** the unit, the sampled ones first */
	uint32_t *nsampled;		/* [job][stat] */
	uint32_t *clamped;		/* by vnode */
	struct draw_error error;
	struct job_draw *exact;		/* by job, when the run is one draw */
	bool *laned;			/* by job: run by the lane kernel (run_block) */
	bool *summed;			/* by job: its quantities' sums added (lanes.c) */
	bool abandoned;			/* stopped (Ctrl-C) before its last draw */
};

struct runner {
	const struct interp *it;
	const struct run_options *o;
	unsigned njobs, maxjobs, *job_base;	/* maxjobs: the most in one group */
	uint64_t seed, draws, units, merged;	/* merged: of t's units */
	unsigned types;
	struct sample_rule rule, row_rule;	/* the file's own reports, sweep rows */
	const uint64_t *keys;
	struct run_totals *t;
	struct run_totals block;	/* the units of the block being merged, added to t
					** when it is whole (not by shards: their units
					** add to t at once) */
	uint64_t kept;			/* the units in t (from t->lo) */
	struct job_draw *exact;		/* by job, when the run is one draw */
	struct draw_error error;
};


/* Keeps, at the front of each quantity's values, those of the sampled draws that were
** measured (totals.h); -0 becomes 0, so that sorting cannot tell shards apart. */
static void sample_unit(const struct runner *rn, struct unit *b, const struct igroup *gr)
{
	struct sample_rule rule = gr->sweep ? rn->row_rule : rn->rule;
	unsigned njobs = gr->njobs;
	uint16_t kept[RUN_BLOCK];
	unsigned nkept = sample_kept(rule, b->first, (unsigned)b->count, kept);
	for (size_t q = 0; q < (size_t)njobs * NSTATS; q++) {
		double *v = &b->values[q * RUN_BLOCK];
		unsigned n = 0;
		for (unsigned i = 0; i < nkept; i++)
			if (!isnan(v[kept[i]]))
				v[n++] = v[kept[i]] + 0.0;
		b->nsampled[q] = n;
	}
}

/* One job (a report) on the current draw, i-th of unit b. */
static void run_job(const struct runner *rn, struct draw_state *d, struct unit *b,
		    const struct ijob *job, unsigned index, uint64_t i)
{
	const struct interp *it = rn->it;
	struct job_draw jd;
	double *values = &b->values[(size_t)index * NSTATS * RUN_BLOCK];
	double stake = d->slots[it->conflicts[job->conflict].value];
	if (xsum_fits(stake))	/* V only scales the text's rounding: not counted as too large */
		b->accs[index].sum_value += xsum_of(stake);
	if (job->kind == JOB_SETTLE) {
		draw_settlement(it, d, &it->conflicts[job->conflict], &jd.settle);
		settle_record(&b->accs[index], values, i, &jd.settle);
	} else {
		if (job->kind == JOB_MEDIATION)
			draw_mediation(it, d, &it->mediations[job->index], &jd.med);
		else
			draw_game(it, d, &it->conflicts[job->conflict], &jd.game);
		strategic_record(&b->accs[index], job->kind, &jd);
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

_Noreturn void block_differs(uint64_t draw, const char *what)
{
	fprintf(stderr, "scen: internal error: in draw %llu the block evaluator and the "
		"reference give different %s\n", (unsigned long long)draw + 1, what);
	abort();
}

/* SCEN_CHECK_BLOCKS: the block run_block computed, again by the reference, draw by draw:
** each value of the model (the scalar VM) and, for each job the lane kernel ran, each
** sampled value and every count, bit for bit (the sums are of those values). */
static void check_block(struct runner *rn, struct draw_state *d, struct unit *b,
			const struct igroup *gr)
{
	const struct interp *it = rn->it;
	double *ref = xmalloc((size_t)gr->njobs * NSTATS * RUN_BLOCK * sizeof *ref + 1);
	struct acc *a = xcalloc(gr->njobs + 1, sizeof *a);
	uint32_t *clamped = d->clamped;
	d->clamped = xcalloc(it->m->norder + 1, sizeof *d->clamped);
	for (unsigned i = 0; i < b->count; i++) {
		d->env.draw = b->first + i;
		draw_model(it, d, gr);
		for (unsigned k = 0; k < d->ndrawn; k++)
			if (memcmp(&d->slots[d->drawn[k]], &d->column[d->drawn[k]][i],
				   sizeof(double)))
				block_differs(b->first + i, "values of the model");
		for (unsigned j = 0; j < gr->njobs; j++) {
			if (!b->laned[j] || gr->jobs[j].kind != JOB_SETTLE)
				continue;	/* a game checks its own draws (strategic.c) */
			struct settle_draw s;
			size_t at = (size_t)j * NSTATS * RUN_BLOCK;
			draw_settlement(it, d, &it->conflicts[gr->jobs[j].conflict], &s);
			if (xsum_fits(s.c.value))
				a[j].sum_value += xsum_of(s.c.value);
			settle_record(&a[j], ref + at, i, &s);
			for (int k = 0; k < NSTATS; k++)
				if (memcmp(&ref[at + k * RUN_BLOCK + i], &b->values[at + k * RUN_BLOCK + i],
					   sizeof(double)))
					block_differs(b->first + i, "quantities");
		}
	}
	for (unsigned j = 0; j < gr->njobs; j++) {
		if (!b->laned[j] || gr->jobs[j].kind != JOB_SETTLE)
			continue;
		if (b->summed[j])	/* the lanes added the sums: so does the reference */
			settle_sums(&a[j], ref + (size_t)j * NSTATS * RUN_BLOCK, (unsigned)b->count);
		if (memcmp(&a[j], &b->accs[j], sizeof *a))
			block_differs(b->first, "counts (in the block of that draw)");
	}
	free(d->clamped);
	d->clamped = clamped;
	free(a);
	free(ref);
}

/* The unit's block at once (issue 15): the model's values by columns (draw.c:
** draw_model_block), then each draw's reports. False, with nothing counted, when the
** block needs the scalar VM, which then runs it from the start and reports what it
** finds; a block without such a draw gives the same totals either way. Ctrl-C is seen
** at the block's end. */
static bool run_block(struct runner *rn, struct draw_state *d, struct unit *b,
		      const struct igroup *gr)
{
	const struct interp *it = rn->it;
	if (b->exact || !draw_model_block(it, d, gr, b->first, (unsigned)b->count))
		return false;
	/* The settlement reports the lane kernel takes, the whole block each (lanes.c), and
	** the provocation games whose sanctions are the block's (strategic.c). */
	unsigned left = 0;
	for (unsigned j = 0; j < gr->njobs; j++) {
		const struct ijob *job = &gr->jobs[j];
		const struct iconflict *ic = &it->conflicts[job->conflict];
		double *values = &b->values[(size_t)j * NSTATS * RUN_BLOCK];
		b->summed[j] = false;
		draw_lane(d, 0);
		b->laned[j] = job->kind == JOB_SETTLE
			      ? lanes_settle(it, d, ic, b->first, (unsigned)b->count, &b->accs[j], values,
					     &b->summed[j])
			      : job->kind == JOB_GAME
			      ? game_block(it, d, ic, b->first, (unsigned)b->count, &b->accs[j], values)
			      : mediation_block(it, d, &it->mediations[job->index], b->first,
						(unsigned)b->count, &b->accs[j], values);
		left += !b->laned[j];
	}
	b->abandoned = draw_stopped(d);	/* inside a draw's screening: the unit is dropped */
	for (unsigned i = 0; left && !b->abandoned && i < b->count; i++) {
		d->env.draw = b->first + i;
		draw_lane(d, i);
		for (unsigned j = 0; j < gr->njobs; j++)
			if (!b->laned[j])
				run_job(rn, d, b, &gr->jobs[j], j, i);
		if (d->error_vnode >= 0 || d->fault.site || vm_failure())
			break;
		if (draw_stopped(d)) {	/* inside a draw's screening: the unit is dropped */
			b->abandoned = true;
			break;
		}
	}
	if (it->check_blocks && !b->abandoned && !d->fault.site && d->error_vnode < 0)
		check_block(rn, d, b, gr);
	draw_columns_clear(d);
	if (d->error_vnode >= 0 || d->fault.site || vm_failure()) {
		memset(b->accs, 0, gr->njobs * sizeof *b->accs);
		d->error_vnode = -1;
		d->fault.site = 0;
		return false;
	}
	return true;
}

static void run_unit(struct runner *rn, struct draw_state *d, struct unit *b)
{
	const struct interp *it = rn->it;
	const struct igroup *gr = &it->groups[b->group];
	memset(b->accs, 0, gr->njobs * sizeof *b->accs);
	memset(b->clamped, 0, it->m->norder * sizeof *b->clamped);
	d->clamped = b->clamped;
	d->error_vnode = -1;
	d->fault.site = 0;
	b->error = DRAW_ERROR_NONE;
	vm_clear_failure();
	if (gr->slot >= 0)
		d->slots[gr->slot] = gr->value;
	if (gr->second.slot >= 0)
		d->slots[gr->second.slot] = gr->second.value;
	b->abandoned = false;
	if (!it->reference && run_block(rn, d, b, gr))
		goto done;
	memset(b->summed, 0, gr->njobs * sizeof *b->summed);	/* the scalar path's own */
	memset(b->clamped, 0, it->m->norder * sizeof *b->clamped);
	vm_clear_failure();
	for (uint64_t i = 0; i < b->count; i++) {
		d->env.draw = b->first + i;
		draw_model(it, d, gr);
		for (unsigned j = 0; j < gr->njobs; j++)
			run_job(rn, d, b, &gr->jobs[j], j, i);
		draw_error_note(it, d, gr, b->first + i, vm_failure(), &b->error);
		vm_clear_failure();
		/* A block of slow draws (screening) takes minutes: Ctrl-C is seen after
		** each draw, and inside a draw's screening (draw.c); the unit is dropped */
		if (draw_stopped(d)) {
			b->abandoned = true;
			break;
		}
	}
done:
	if (gr->slot >= 0)
		d->slots[gr->slot] = it->init[gr->slot];
	if (gr->second.slot >= 0)
		d->slots[gr->second.slot] = it->init[gr->second.slot];
	if (b->abandoned)
		return;
	for (unsigned j = 0; j < gr->njobs; j++)
		if (gr->jobs[j].kind == JOB_SETTLE && !b->summed[j])
			settle_sums(&b->accs[j], &b->values[(size_t)j * NSTATS * RUN_BLOCK],
				    (unsigned)b->count);
	sample_unit(rn, b, gr);
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
	d->held = xcalloc(it->nconflicts + 1, sizeof *d->held);
	d->events = xcalloc(it->nevents + 1, sizeof *d->events);
	d->memo = xcalloc(it->nmemo + 1, sizeof *d->memo);
	d->env = (struct vm_env){ d->slots, d->events, it->chunks, (uint64_t *)keys, 0, -1, 0,
				  it->sites, &d->fault,
				  xmalloc((it->stack_need + 1) * sizeof *d->env.stack), 0, 0 };
}

void draw_state_free(const struct interp *it, struct draw_state *d)
{
	for (unsigned i = 0; i < it->nconflicts; i++) {
		free(d->types_of[i]);
		free(d->held[i].t);
	}
	free(d->types_of);
	free(d->held);
	free(d->events);
	free(d->memo);
	free(d->slots);
	free(d->thresholds);
	free(d->env.stack);
	free(d->column);
	free(d->colbuf);
	free(d->scratch);
	free(d->colstack);
	free(d->drawn);
}

/* ---- interp_run's callbacks ---- */

static void *run_worker_new(void *ctx)
{
	const struct runner *rn = ctx;
	struct draw_state *d = xmalloc(sizeof *d);
	draw_state_init(rn->it, rn->types, d, rn->keys);
	d->stop = rn->o->stop;
	return d;
}

static void run_worker_free(void *ctx, void *w)
{
	const struct runner *rn = ctx;
	draw_state_free(rn->it, w);
	free(w);
}

static void run_run(void *ctx, void *w, void *result, uint64_t u)
{
	struct runner *rn = ctx;
	struct unit *b = result;
	b->group = (unsigned)(u % rn->it->ngroups);
	block_span(rn->draws, u / rn->it->ngroups, &b->first, &b->count);
	run_unit(rn, w, b);
}

static void merge_unit(struct runner *rn, const struct unit *b, struct run_totals *into)
{
	const struct igroup *gr = &rn->it->groups[b->group];
	for (unsigned j = 0; j < gr->njobs; j++) {
		unsigned job = rn->job_base[b->group] + j;
		struct job_totals *x = &into->jobs[job];
		acc_merge(&x->acc, &b->accs[j]);
		for (int k = 0; k < NSTATS; k++) {
			size_t q = (size_t)j * NSTATS + k;
			sample_add(&x->q[k], &b->values[q * RUN_BLOCK], b->nsampled[q]);
		}
		if (b->exact)
			rn->exact[job] = b->exact[j];
	}
	for (unsigned i = 0; i < rn->it->m->norder; i++)
		into->clamped[i] += b->clamped[i];
	if (!draw_error_set(&rn->error))
		rn->error = b->error;
}

/* A run stops, when asked to, at once, and keeps the blocks whose every unit was
** merged, so that every report and sweep row has the same draws; a shard keeps every
** unit merged (its partial says which units it covers). */
static bool run_merge(void *ctx, void *result, uint64_t u)
{
	struct runner *rn = ctx;
	const struct unit *b = result;
	const struct run_options *o = rn->o;
	if (b->abandoned)
		return true;
	bool shard = o->shard_count != 0;
	/* With one group a unit is a whole block: merged where the block would go. */
	bool direct = shard || rn->it->ngroups == 1;
	merge_unit(rn, b, direct ? rn->t : &rn->block);
	if (direct || (u + 1) % rn->it->ngroups == 0) {
		if (!direct) {
			totals_add(rn->t, &rn->block);
			totals_clear(&rn->block);
		}
		rn->kept = u + 1 - rn->t->lo;
	}
	uint64_t done = u + 1 - rn->t->lo, total = rn->t->hi - rn->t->lo;
	if (o->progress)
		o->progress((uint64_t)((double)done / (double)total * (double)rn->draws),
			    rn->draws, o->progress_arg);
	return (o->stop && *o->stop) || draw_error_set(&rn->error);
}

unsigned run_thread_count(const struct interp *it, const struct run_options *o)
{
	long n = o->threads ? (long)o->threads : it->threads ? (long)it->threads
				   : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > SCEN_MAX_THREADS ? SCEN_MAX_THREADS : (unsigned)n;
}

/* The private value of the group's first screening report, or -1. */
static int private_of(const struct interp *it, const struct igroup *gr)
{
	for (unsigned j = 0; j < gr->njobs; j++)
		if (gr->jobs[j].kind == JOB_SETTLE &&
		    it->conflicts[gr->jobs[j].conflict].private_vnode >= 0)
			return it->conflicts[gr->jobs[j].conflict].private_vnode;
	return -1;
}

void draw_error_note(const struct interp *it, const struct draw_state *d,
		     const struct igroup *gr, uint64_t draw, const char *why,
		     struct draw_error *e)
{
	if (draw_error_set(e))
		return;
	if (d->fault.site) {	/* a builtin's arguments outside its domain: the NaN it
				** made, if any, is its consequence */
		*e = (struct draw_error){ .vnode = d->error_vnode, .value = d->error_value,
					  .draw = draw, .fault = d->fault };
		return;
	}
	int vnode = d->error_vnode;
	/* A distribution that failed makes its value NaN, which store() reports, except
	** in the K types of a private value, which no slot holds (draw.c: private_types).
	** Only a value drawn with `~` can have failed so. */
	if (vnode < 0 && why)
		vnode = private_of(it, gr);
	else if (vnode >= 0 && !it->m->order[vnode]->uncertain)
		why = NULL;
	if (vnode >= 0) {
		e->vnode = vnode;
		e->draw = draw;
		e->value = d->error_vnode >= 0 ? d->error_value : NAN;
		snprintf(e->why, sizeof e->why, "%s", why ? why : "");
	}
}

/* "1, 0, -0.5": the arguments of a call outside its domain, at most 8 of them; of a
** choice, the chances (what its domain is about) and what they add up to. */
static const char *fault_args(const struct vm_fault *f, bool chances, char *buf, size_t len)
{
	unsigned first = chances ? f->n / 2 : 0;
	unsigned kept = f->n < VM_FAULT_ARGS ? f->n : VM_FAULT_ARGS;
	size_t k = 0;
	double sum = 0;
	for (unsigned i = first; i < kept; i++) {
		sum += f->args[i];
		if (i < first + 8 && k < len)
			k += (size_t)snprintf(buf + k, len - k, "%s%g", i > first ? ", " : "",
					      f->args[i]);
	}
	if (k < len && (kept < f->n || kept > first + 8))
		k += (size_t)snprintf(buf + k, len - k, ", ...");
	if (k < len && chances && kept == f->n)
		snprintf(buf + k, len - k, " (adding up to %g)", sum);
	return buf;
}

void report_draw_error(const struct interp *it, const struct draw_error *e,
		       struct diag_sink *sink)
{
	unsigned long long draw = (unsigned long long)e->draw + 1;
	if (e->fault.site) {
		const struct vm_site *s = &it->sites[e->fault.site];
		const struct ast_node *call = s->call;
		bool choice = strcmp(s->b->name, "choice") == 0;	/* its domain: the chances */
		char args[160];
		diag_error(sink, s->file, call->span, "`%.*s` in draw %llu: `%s` needs %s, but %s "
			   "%s", (int)(call->span.end - call->span.start),
			   s->file->text + call->span.start, draw, s->b->sig, s->b->needs,
			   choice ? "its chances are" : e->fault.n == 1 ? "its argument is"
			   : "its arguments are",
			   fault_args(&e->fault, choice, args, sizeof args));
		return;
	}
	const struct vnode *v = it->m->order[e->vnode];
	if (e->why[0])
		diag_error(sink, v->file, v->where, "`%s` cannot be computed in draw %llu: %s",
			   v->label, draw, e->why);
	else if (isfinite(e->value))
		diag_error(sink, v->file, v->where, "`%s` is %g in draw %llu: it must be "
			   "above %g, and a value at or below an open bound cannot be "
			   "clamped into the range", v->label, e->value, draw, v->def->lo);
	else
		diag_error(sink, v->file, v->where, "`%s` is %s in draw %llu: not a "
			   "number the models can use", v->label, isnan(e->value)
			   ? "undefined (NaN)" : "infinite", draw);
}

static void unit_alloc(const struct runner *rn, struct unit *b, bool exact)
{
	size_t nq = (size_t)rn->maxjobs * NSTATS + 1;
	b->accs = xcalloc(rn->maxjobs + 1, sizeof *b->accs);
	b->values = xmalloc(nq * RUN_BLOCK * sizeof *b->values);
	b->nsampled = xcalloc(nq, sizeof *b->nsampled);
	b->clamped = xcalloc(rn->it->m->norder + 1, sizeof *b->clamped);
	b->exact = exact ? xcalloc(rn->maxjobs + 1, sizeof *b->exact) : NULL;
	b->laned = xcalloc(rn->maxjobs + 1, sizeof *b->laned);
	b->summed = xcalloc(rn->maxjobs + 1, sizeof *b->summed);
}

static void unit_release(struct unit *b)
{
	free(b->accs);
	free(b->values);
	free(b->nsampled);
	free(b->clamped);
	free(b->exact);
	free(b->laned);
	free(b->summed);
}

/* The sample of a sweep row: SCEN_QUANTILE_SAMPLE, or less so that every row's
** quantities hold at most SCEN_SWEEP_SAMPLE_VALUES in all (scen_conf.h). */
static uint64_t row_sample_size(const struct interp *it)
{
	uint64_t quantities = 0;
	for (unsigned g = 0; g < it->ngroups; g++)
		if (it->groups[g].sweep)
			quantities += (uint64_t)it->groups[g].njobs * NSTATS;
	uint64_t size = quantities ? SCEN_SWEEP_SAMPLE_VALUES / quantities : SCEN_QUANTILE_SAMPLE;
	return size > SCEN_QUANTILE_SAMPLE ? SCEN_QUANTILE_SAMPLE
	     : size < SCEN_SWEEP_SAMPLE_MIN ? SCEN_SWEEP_SAMPLE_MIN : size;
}

static void runner_init(struct runner *rn, const struct interp *it, const struct run_options *o)
{
	*rn = (struct runner){ .it = it, .o = o, .error = DRAW_ERROR_NONE };
	rn->job_base = xcalloc(it->ngroups + 1, sizeof *rn->job_base);
	for (unsigned g = 0; g < it->ngroups; g++) {
		rn->job_base[g] = rn->njobs;
		rn->njobs += it->groups[g].njobs;
		if (it->groups[g].njobs > rn->maxjobs)
			rn->maxjobs = it->groups[g].njobs;
	}
	rn->seed = o->have_seed ? o->seed : it->seed;
	rn->draws = !it->uncertain ? 1 : o->have_draws ? o->draws : it->draws;
	rn->units = block_count(rn->draws) * it->ngroups;
	rn->types = o->types ? o->types : SCEN_SCREEN_TYPES;
	rn->rule = sample_rule(rn->draws, SCEN_QUANTILE_SAMPLE);
	rn->row_rule = sample_rule(rn->draws, row_sample_size(it));
}

static void runner_free(struct runner *rn)
{
	free(rn->job_base);
	free(rn->exact);
}

uint64_t interp_blocks(uint64_t draws)
{
	return block_count(draws);
}

/* FNV-1a 64 of the seed and of every stream's key, each as 8 bytes, low byte first. */
static uint64_t keys_digest(const struct interp *it, uint64_t seed)
{
	unsigned char b[8];
	uint64_t h = RNG_FNV_OFFSET;
	for (unsigned s = 0; s <= it->nstreams; s++) {
		uint64_t k = s == 0 ? seed : rng_key(seed, it->streams[s - 1]);
		for (int i = 0; i < 8; i++)
			b[i] = (unsigned char)(k >> 8 * i);
		h = rng_fnv1a(h, b, sizeof b);
	}
	return h;
}

struct run_params interp_params(const struct interp *it, const struct run_options *o)
{
	struct runner rn;
	runner_init(&rn, it, o);
	struct run_params p = { rn.seed, rn.draws, rn.units, rn.types, rn.njobs,
				it->m->norder, keys_digest(it, rn.seed) };
	runner_free(&rn);
	return p;
}

/* How many of a block's draws a rule keeps, remembering the last block it was asked. */
struct kept_cache {
	uint64_t block, kept;
	bool valid;
};
static uint64_t kept_in_block(struct kept_cache *c, struct sample_rule rule, uint64_t block,
			      uint64_t first, uint64_t count)
{
	if (!rule.threshold)
		return count;
	if (!c->valid || c->block != block) {
		c->kept = 0;
		for (uint64_t i = 0; i < count; i++)
			c->kept += sample_keeps(rule, first + i);
		c->block = block;
		c->valid = true;
	}
	return c->kept;
}

/* "report `settlement a vs b`", and its sweep row. */
static const char *job_name(const struct igroup *gr, const struct ijob *job, char *buf,
			    size_t len)
{
	if (gr->second.slot >= 0)
		snprintf(buf, len, "report `%s` (row %u of `%s`, row %u of `%s` in the map)",
			 job->what, gr->row + 1, gr->sweep, gr->second.row + 1, gr->second.name);
	else if (gr->sweep)
		snprintf(buf, len, "report `%s` (row %u of the sweep of `%s`)", job->what,
			 gr->row + 1, gr->sweep);
	else
		snprintf(buf, len, "report `%s`", job->what);
	return buf;
}

const char *interp_check_totals(const struct interp *it, const struct run_options *o,
				const struct run_totals *t, char *buf, size_t len)
{
	struct runner rn;
	runner_init(&rn, it, o);
	const char *why = NULL;
	if (t->njobs != rn.njobs || t->nvnodes != it->m->norder || t->lo > t->hi ||
	    t->hi > rn.units) {
		runner_free(&rn);
		snprintf(buf, len, "its reports or units are not those of the file");
		return buf;
	}
	struct acc_expect *x = xcalloc(rn.njobs + 1, sizeof *x);
	struct kept_cache cache[2] = { { 0 } };
	uint64_t total = 0;
	for (uint64_t u = t->lo; u < t->hi; u++) {	/* u = block · ngroups + group */
		const struct igroup *gr = &it->groups[u % it->ngroups];
		uint64_t block = u / it->ngroups, first, count;
		block_span(rn.draws, block, &first, &count);
		struct sample_rule rule = gr->sweep ? rn.row_rule : rn.rule;
		uint64_t kept = kept_in_block(&cache[gr->sweep != NULL], rule, block, first, count);
		total += count;
		for (unsigned j = 0; j < gr->njobs; j++) {
			x[rn.job_base[gr - it->groups] + j].draws += count;
			x[rn.job_base[gr - it->groups] + j].kept += kept;
		}
	}
	char inner[256], name[200];
	for (unsigned g = 0; g < it->ngroups && !why; g++)
		for (unsigned j = 0; j < it->groups[g].njobs && !why; j++) {
			unsigned job = rn.job_base[g] + j;
			struct acc_expect *e = &x[job];
			e->kind = it->groups[g].jobs[j].kind;
			e->all_kept = !(it->groups[g].sweep ? rn.row_rule : rn.rule).threshold;
			if (job_totals_check(&t->jobs[job], e, inner, sizeof inner)) {
				snprintf(buf, len, "%s: %s", job_name(&it->groups[g],
					 &it->groups[g].jobs[j], name, sizeof name), inner);
				why = buf;
			}
		}
	for (unsigned i = 0; i < t->nvnodes && !why; i++)
		if (t->clamped[i] > total) {
			snprintf(buf, len, "`%s` was clamped in %llu draws, more than its units' %llu",
				 it->m->order[i]->label, (unsigned long long)t->clamped[i],
				 (unsigned long long)total);
			why = buf;
		}
	free(x);
	runner_free(&rn);
	return why;
}

/* Runs units [t->lo, t->hi) into t; rn->merged says how many were added. */
static void run_units(struct runner *rn, struct run_totals *t)
{
	const struct interp *it = rn->it;
	rn->t = t;
	rn->exact = it->uncertain ? NULL : xcalloc(rn->njobs + 1, sizeof *rn->exact);
	unsigned threads = blocks_threads(run_thread_count(it, rn->o), t->hi - t->lo);
	unsigned nring = threads * RUN_WINDOW;
	struct unit *ring = xcalloc(nring, sizeof *ring);
	void **results = xcalloc(nring, sizeof *results);
	for (unsigned r = 0; r < nring; r++) {
		unit_alloc(rn, &ring[r], !it->uncertain);
		results[r] = &ring[r];
	}
	uint64_t *keys = interp_stream_keys(it, rn->seed);
	rn->keys = keys;
	struct block_driver d = { .first = t->lo, .count = t->hi - t->lo,
				  .threads = threads, .ctx = rn, .results = results,
				  .worker_new = run_worker_new, .worker_free = run_worker_free,
				  .run = run_run, .merge = run_merge };
	totals_init(&rn->block, t->njobs, t->nvnodes);
	rn->kept = 0;
	blocks_run(&d);
	rn->merged = rn->kept;
	totals_free(&rn->block);
	for (unsigned r = 0; r < nring; r++)
		unit_release(&ring[r]);
	free(ring);
	free(results);
	free(keys);
}

static int report_errors(const struct runner *rn, const struct run_totals *t,
			 struct diag_sink *sink, bool *too_large);
static void summarise(const struct runner *rn, struct run_totals *t,
		      struct run_result *out);

int interp_run(struct interp *it, const struct run_options *o, struct run_result *out,
	       struct diag_sink *sink)
{
	struct runner rn;
	runner_init(&rn, it, o);
	struct run_totals t;
	totals_init(&t, rn.njobs, it->m->norder);
	t.hi = rn.units;
	run_units(&rn, &t);
	out->stopped = rn.merged < t.hi;
	out->threads = blocks_threads(run_thread_count(it, o), t.hi);
	summarise(&rn, &t, out);
	int status = report_errors(&rn, &t, sink, &out->too_large);
	if (status == 0 && out->stopped && rn.merged == 0) {
		diag_error(sink, NULL, (struct span){ 0, 0 }, "interrupted before a block of "
			   "draws was made for every report: no results");
		status = 1;
	}
	totals_free(&t);
	runner_free(&rn);
	return status;
}

int interp_run_shard(struct interp *it, const struct run_options *o, struct run_totals *t,
		     struct diag_sink *sink)
{
	struct runner rn;
	runner_init(&rn, it, o);
	totals_init(t, rn.njobs, it->m->norder);
	/* Shard I of N: units [U·(I−1)/N, U·I/N), computed without overflow. */
	unsigned i = o->shard_index, n = o->shard_count;
	t->lo = (uint64_t)((unsigned __int128)rn.units * (i - 1) / n);
	t->hi = (uint64_t)((unsigned __int128)rn.units * i / n);
	run_units(&rn, t);
	t->hi = t->lo + rn.merged;
	int status = report_errors(&rn, t, sink, NULL);
	runner_free(&rn);
	return status;
}

int interp_summarise(struct interp *it, const struct run_options *o,
		     struct run_totals *t, struct run_result *out,
		     struct diag_sink *sink)
{
	if (!it->uncertain)	/* one draw a report: its whole arithmetic, recomputed */
		return interp_run(it, o, out, sink);
	struct runner rn;
	runner_init(&rn, it, o);
	rn.merged = t->hi - t->lo;
	summarise(&rn, t, out);
	out->threads = 0;
	int status = report_errors(&rn, t, sink, &out->too_large);
	runner_free(&rn);
	return status;
}

/* ---- results ---- */

/* sym's attribute name as set in the file (NULL when not set). */
static const struct vnode *set_attr(const struct symbol *sym, const char *name)
{
	const struct attr_def *a = sym && sym->role ? attr_find(sym->role, name) : NULL;
	return a ? sym->attrs[a - sym->role->attrs] : NULL;
}

/* Whether v is a constant of magnitude 2^52 or more: half the exact sums' reach. */
static bool huge_constant(const struct vnode *v)
{
	return v && v->constant && fabs(v->value) >= 0x1p52;
}

/* Where a report's quantities too large to sum exactly are fixed, and how. */
struct too_large_fix {
	const struct vnode *at;		/* NULL when nothing is set */
	const struct symbol *of;	/* the stake, or the population */
	const char *advice;		/* a format of of's name */
};

static const char stake_advice[] =
	"measure stake `%s` in a larger unit (its value and every amount with it)";
/* The expected toll is P(atrocities) × toll × size (core.md §4): people, not the stake's
** amounts; toll ≤ 100%, so only a size of 2^53 or more takes it out of reach. */
static const char size_advice[] =
	"the expected toll is among them: count population `%s`'s size in a larger unit "
	"(thousands of people, say)";

/* The stake's `value` (the quantities are amounts of it) when it is itself huge, else a
** cost that is (a constant), else a provocation report's population size that is (its
** toll), else a drawn cost, else the stake's value again. */
static struct too_large_fix too_large_culprit(const struct interp *it, const struct ijob *job)
{
	const struct iconflict *ic = &it->conflicts[job->conflict];
	const struct conflict_info *k = ic->info;
	struct too_large_fix stake = { set_attr(k->stake, "value"), k->stake, stake_advice };
	const struct vnode *costs[2] = { set_attr(k->state, "cost"), set_attr(k->rebels, "cost") };
	const struct symbol *people = job->kind == JOB_GAME ? ic->followers : NULL;
	const struct vnode *size = set_attr(people, "size");
	if (huge_constant(stake.at))
		return stake;
	for (int i = 0; i < 2; i++)
		if (huge_constant(costs[i]))
			return (struct too_large_fix){ costs[i], k->stake, stake_advice };
	if (huge_constant(size))
		return (struct too_large_fix){ size, people, size_advice };
	for (int i = 0; i < 2; i++)
		if (costs[i] && !costs[i]->constant)
			return (struct too_large_fix){ costs[i], k->stake, stake_advice };
	return stake;
}

/* The sweep whose rows group g is (the id-th of the main file's), or NULL. */
static const struct ast_node *sweep_of(const struct interp *it, const struct igroup *g)
{
	if (!g->sweep)
		return NULL;
	unsigned id = 0;
	for (const struct ast_node *i = it->m->main->ast.items; i; i = i->next)
		if (i->kind == AST_SWEEP && id++ == g->sweep_id)
			return i;
	return NULL;
}

/* A report's quantities too large to sum exactly: at what makes them so, the sweep
** when the report is one of its rows, else too_large_culprit(). */
static void report_too_large(const struct interp *it, const struct igroup *g,
			     const struct ijob *job, uint64_t n, struct diag_sink *sink)
{
	const struct conflict_info *k = it->conflicts[job->conflict].info;
	const struct ast_node *sw = sweep_of(it, g);
	struct too_large_fix fix = too_large_culprit(it, job);
	const struct vnode *v = fix.at;
	const struct srcfile *file = sw ? &it->m->main->ast.src : v ? v->file : k->file;
	struct span at = sw ? sw->span : v ? v->where : k->item->span;
	char advice[256];
	snprintf(advice, sizeof advice, fix.advice, fix.of->name);
	diag_error(sink, file, at, "report `%s`%s: %llu value%s of its quantities %s not below "
		   "2^53 (about 9.0e15) in magnitude, too large for the exact sums; %s%s",
		   job->what, sw ? " in a row of this sweep" : "", (unsigned long long)n,
		   n == 1 ? "" : "s", n == 1 ? "is" : "are", advice,
		   sw ? ", or sweep a narrower range" : "");
}

/* A draw's value that is not a number, else a quantity too large to sum exactly (then
** *too_large says which, when given: `scen flip` searches below such values). */
static int report_errors(const struct runner *rn, const struct run_totals *t,
			 struct diag_sink *sink, bool *too_large)
{
	const struct interp *it = rn->it;
	if (too_large)
		*too_large = false;
	if (draw_error_set(&rn->error)) {
		report_draw_error(it, &rn->error, sink);
		return 1;
	}
	for (unsigned g = 0, job = 0; g < it->ngroups; g++)
		for (unsigned j = 0; j < it->groups[g].njobs; j++, job++) {
			uint64_t n = t->jobs[job].acc.too_large;
			if (!n)
				continue;
			report_too_large(it, &it->groups[g], &it->groups[g].jobs[j], n, sink);
			if (too_large)
				*too_large = true;
			return 1;
		}
	return 0;
}

static void summarise_job(struct job_totals *jt, struct settle_result *s)
{
	const struct acc *a = &jt->acc;
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
	s->mean_p_breakdown = breakdowns ? xsum_mean(a->sum_p_breakdown, breakdowns) : NAN;
	s->eu_state = a->verdicts[CORE_RISK] ? xsum_mean(a->sum_eu, a->verdicts[CORE_RISK])
					     : NAN;
	s->screening = a->verdicts[CORE_RISK] > 0;
	for (int k = 0; k < NSTATS; k++) {
		struct stat_summary *st = &s->stats[k];
		st->n = a->nstat[k];
		st->mean = st->n ? xsum_mean(a->sum[k], st->n) : NAN;
		sample_quantiles(&jt->q[k], quantile_at, NQUANTILES, st->q);
	}
}

static void summarise_report(const struct runner *rn, struct run_totals *t,
			     const struct igroup *gr, unsigned j, struct report_result *r)
{
	const struct interp *it = rn->it;
	unsigned job = rn->job_base[gr - it->groups] + j;
	const struct iconflict *ic = &it->conflicts[gr->jobs[j].conflict];
	const struct job_draw *exact = rn->exact && !it->uncertain ? &rn->exact[job] : NULL;
	r->what = gr->jobs[j].what;
	r->words = ic->info->words;
	r->sweep = gr->sweep;
	r->sweep_probability = gr->probability;
	r->sweep_value = gr->value;
	r->sweep_row = gr->row;
	r->sweep_id = gr->sweep_id;
	r->sweep2 = gr->second.slot >= 0 ? gr->second.name : NULL;
	r->sweep2_value = gr->second.value;
	r->sweep2_probability = gr->second.probability;
	r->sweep2_row = gr->second.row;
	const struct acc *a = &t->jobs[job].acc;
	r->stake_value = xsum_mean(a->sum_value, a->n ? a->n : a->strat.n ? a->strat.n : 1);
	if (gr->jobs[j].kind != JOB_SETTLE) {
		strategic_summarise(it, &gr->jobs[j], &t->jobs[job].acc.strat, exact, r);
		for (int side = 0; side < 2 && r->kind == RK_MEDIATION; side++)
			sample_quantiles(&t->jobs[job].q[side ? ST_XMAX : ST_XMIN], quantile_at,
					 NQUANTILES, r->med.margin_q[side]);
		return;
	}
	r->settle.state = ic->info->state->name;
	r->settle.rebels = ic->info->rebels->name;
	r->settle.stake = ic->info->stake->name;
	r->settle.patron = ic->patron ? ic->patron->name : NULL;
	summarise_job(&t->jobs[job], &r->settle);
	if (exact) {
		r->settle.exact = true;
		r->settle.conflict = exact->settle.c;
		r->settle.range = exact->settle.r;
		r->settle.why = exact->settle.why;
		r->settle.screen = exact->settle.screen;
	}
}

/* The groups of the sweep whose first row is group first: they are consecutive and hold
** the same jobs, and summarise puts its results report by report (report.h, sweep_end),
** each report's rows (a map's cells) in order. */
static unsigned sweep_groups(const struct interp *it, unsigned first)
{
	unsigned end = first + 1;
	while (end < it->ngroups && it->groups[end].sweep &&
	       it->groups[end].sweep_id == it->groups[first].sweep_id)
		end++;
	return end - first;
}

static void summarise(const struct runner *rn, struct run_totals *t, struct run_result *out)
{
	const struct interp *it = rn->it;
	uint64_t blocks = rn->merged / it->ngroups;
	out->seed = rn->seed;
	out->title = it->title;
	out->unit = it->unit;
	/* The draws merged (fewer when interrupted), also when no report is a settlement. */
	out->draws = blocks * RUN_BLOCK < rn->draws ? blocks * RUN_BLOCK : rn->draws;
	out->uncertain = it->uncertain;
	out->files = it->prog->files;
	out->nreports = rn->njobs;
	out->reports = xcalloc(rn->njobs + 1, sizeof *out->reports);
	for (unsigned g = 0, first = 0, rows = 1; g < it->ngroups; g++) {
		const struct igroup *gr = &it->groups[g];
		if (!gr->sweep || gr->row + gr->second.row == 0) {
			first = g;	/* the file's own reports, or a sweep's first row */
			rows = gr->sweep ? sweep_groups(it, first) : 1;
		}
		for (unsigned j = 0; j < gr->njobs; j++)
			summarise_report(rn, t, gr, j, &out->reports[rn->job_base[first] +
					 j * rows + (g - first)]);
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
