/*
** sense.c: `scen sense` (sense.h). Each draw is evaluated in versions: as drawn; for
** each input its low and its high end; for each uncertain input the pick-freeze twin
** (every stream but its own from the second sample's keys). A version is the draw's
** keys, a held stream (vm_env.hold) or an overridden slot (as a sweep row's), nothing
** else: the model and the core run unchanged (paired.c's per-draw values).
*/
#include "interp/sense.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp_int.h"
#include "interp/moments.h"
#include "interp/rng.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

/* An input as the draws see it. */
struct input {
	unsigned stream;		/* uncertain: its stream */
	int vnode;			/* the value drawn from the stream, or the
					** attribute a --vary sets; -1 none (unset) */
	int slot;			/* fixed: the slot set */
};

/* One way of evaluating a draw. */
struct version {
	const uint64_t *keys;
	unsigned hold;			/* vm_env.hold */
	double hold_u;
	const struct igroup *group;	/* the file's own reports, or a copy with a slot
					** overridden */
};

struct sensing {
	const struct interp *it;
	const struct run_options *o;
	uint64_t draws;
	unsigned types;
	const struct ijob **jobs;	/* the reports analysed */
	unsigned njobs, ninputs, nuncertain;
	struct input *inputs;
	struct igroup *groups;		/* [input]: a fixed input's version at lo, then hi */
	double (*ends)[2];		/* [input]: fixed inputs' values */
	uint64_t *keys, *keys_b;	/* the run's and the second sample's */
	uint64_t **frozen;		/* [uncertain input]: keys_b but its own stream */
	size_t nswing, nindex, nbins;	/* sizes of a block's arrays */
	struct sblock *tot;
	struct draw_error error;
	uint64_t kept;
};

/* A block's (and the total's) sums. */
struct sblock {
	struct moments *base;		/* [job · PAIRED_MAXSTATS + stat] (a = b) */
	struct moments *swing;		/* [(job · ninputs + input) · PAIRED_MAXSTATS + stat] */
	struct moments *value;		/* [input]: its value at lo (a) and hi (b) */
	uint64_t *table;		/* [(job · nuncertain + input) · PAIRED_MAXSTATS + stat]
					** · 3: n11, n1_, n_1 */
	double *bins;			/* [((job · nuncertain + input) · SENSE_BINS + bin)
					** · PAIRED_MAXSTATS + stat] */
	uint64_t *bin_draws;		/* [input · SENSE_BINS + bin] */
	uint64_t n;
	struct draw_error error;
	bool abandoned;
};

static void sblock_alloc(const struct sensing *sn, struct sblock *b)
{
	size_t nj = sn->njobs + 1;
	b->base = xcalloc(nj * PAIRED_MAXSTATS, sizeof *b->base);
	b->swing = xcalloc(sn->nswing + 1, sizeof *b->swing);
	b->value = xcalloc(sn->ninputs + 1, sizeof *b->value);
	b->table = xcalloc(3 * sn->nindex + 1, sizeof *b->table);
	b->bins = xcalloc(sn->nbins + 1, sizeof *b->bins);
	b->bin_draws = xcalloc((size_t)sn->nuncertain * SENSE_BINS + 1, sizeof *b->bin_draws);
}

static void sblock_clear(const struct sensing *sn, struct sblock *b)
{
	memset(b->base, 0, sn->njobs * PAIRED_MAXSTATS * sizeof *b->base);
	memset(b->swing, 0, sn->nswing * sizeof *b->swing);
	memset(b->value, 0, sn->ninputs * sizeof *b->value);
	memset(b->table, 0, 3 * sn->nindex * sizeof *b->table);
	memset(b->bins, 0, sn->nbins * sizeof *b->bins);
	memset(b->bin_draws, 0, (size_t)sn->nuncertain * SENSE_BINS * sizeof *b->bin_draws);
	b->n = 0;
	b->error = DRAW_ERROR_NONE;
	b->abandoned = false;
}

static void sblock_free(struct sblock *b)
{
	free(b->base);
	free(b->swing);
	free(b->value);
	free(b->table);
	free(b->bins);
	free(b->bin_draws);
}

/* ---- one draw ---- */

struct sworker {
	struct draw_state d;
	uint32_t *clamped;
	double (*v)[PAIRED_MAXSTATS];	/* [job]: as drawn */
	double (*lo)[PAIRED_MAXSTATS], (*hi)[PAIRED_MAXSTATS];
};

static void *sw_new(void *ctx)
{
	const struct sensing *sn = ctx;
	struct sworker *w = xmalloc(sizeof *w);
	draw_state_init(sn->it, sn->types, &w->d, sn->keys);
	w->d.stop = sn->o->stop;
	w->clamped = xcalloc(sn->it->m->norder + 1, sizeof *w->clamped);
	w->d.clamped = w->clamped;
	w->v = xcalloc(sn->njobs + 1, sizeof *w->v);
	w->lo = xcalloc(sn->njobs + 1, sizeof *w->lo);
	w->hi = xcalloc(sn->njobs + 1, sizeof *w->hi);
	return w;
}

static void sw_free(void *ctx, void *worker)
{
	const struct sensing *sn = ctx;
	struct sworker *w = worker;
	draw_state_free(sn->it, &w->d);
	free(w->clamped);
	free(w->v);
	free(w->lo);
	free(w->hi);
	free(w);
}

/* Draw `draw` in version v: every report's values into out, the first failure kept. */
static void eval(const struct sensing *sn, struct sworker *w, const struct version *v,
		 uint64_t draw, double (*out)[PAIRED_MAXSTATS], struct draw_error *e)
{
	const struct interp *it = sn->it;
	struct draw_state *d = &w->d;
	d->env.keys = v->keys;
	d->env.hold = v->hold;
	d->env.hold_u = v->hold_u;
	d->env.draw = draw;
	d->error_vnode = -1;
	d->fault.site = 0;
	if (v->group->slot >= 0)
		d->slots[v->group->slot] = v->group->value;
	draw_model(it, d, v->group);
	for (unsigned j = 0; j < sn->njobs; j++)
		paired_values(it, d, sn->jobs[j], out[j]);
	draw_error_note(it, d, v->group, draw, vm_failure(), e);
	vm_clear_failure();
	if (v->group->slot >= 0)
		d->slots[v->group->slot] = it->init[v->group->slot];
	d->env.hold = 0;
}

/* The value of input i in the version just evaluated (NAN: none to show). */
static double input_value(const struct sensing *sn, const struct sworker *w, unsigned i)
{
	int vn = sn->inputs[i].vnode;
	return vn < 0 ? NAN : w->d.slots[sn->it->slot_of[vn]];
}

static void add_swings(const struct sensing *sn, struct sworker *w, struct sblock *b,
		       unsigned i)
{
	for (unsigned j = 0; j < sn->njobs; j++) {
		unsigned n = paired_nstats(sn->jobs[j]->kind);
		struct moments *m = &b->swing[((size_t)j * sn->ninputs + i) * PAIRED_MAXSTATS];
		for (unsigned k = 0; k < n; k++)
			if (isfinite(w->lo[j][k]) && isfinite(w->hi[j][k]))
				mom_add(&m[k], w->lo[j][k], w->hi[j][k]);
	}
}

/* The tornado's two ends of input i. */
static void swing_input(const struct sensing *sn, struct sworker *w, struct sblock *b,
			unsigned i, uint64_t draw)
{
	struct version v = { sn->keys, 0, 0, &sn->it->groups[0] };
	double val[2];
	for (int end = 0; end < 2; end++) {
		if (sn->inputs[i].slot < 0) {
			v.hold = sn->inputs[i].stream + 1;
			v.hold_u = end ? SENSE_HI : SENSE_LO;
		} else {
			v.group = &sn->groups[2 * (i - sn->nuncertain) + end];
		}
		eval(sn, w, &v, draw, end ? w->hi : w->lo, &b->error);
		val[end] = input_value(sn, w, i);
	}
	if (isfinite(val[0]) && isfinite(val[1]))
		mom_add(&b->value[i], val[0], val[1]);
	add_swings(sn, w, b, i);
}

/* Uncertain input i's pick-freeze twin (w->lo reused) and its decile (as drawn). */
static void freeze_input(const struct sensing *sn, struct sworker *w, struct sblock *b,
			 unsigned i, uint64_t draw)
{
	struct version v = { sn->frozen[i], 0, 0, &sn->it->groups[0] };
	eval(sn, w, &v, draw, w->lo, &b->error);
	double u = rng_uniform(sn->keys[sn->inputs[i].stream], draw);
	unsigned bin = (unsigned)(u * SENSE_BINS);
	if (bin >= SENSE_BINS)
		bin = SENSE_BINS - 1;
	b->bin_draws[i * SENSE_BINS + bin]++;
	for (unsigned j = 0; j < sn->njobs; j++) {
		unsigned n = paired_nstats(sn->jobs[j]->kind);
		size_t at = ((size_t)j * sn->nuncertain + i) * PAIRED_MAXSTATS;
		uint64_t *t = &b->table[3 * at];
		double *bins = &b->bins[(((size_t)j * sn->nuncertain + i) * SENSE_BINS + bin) *
					PAIRED_MAXSTATS];
		for (unsigned k = 0; k < n; k++) {
			double y = w->v[j][k], y2 = w->lo[j][k];
			if (isfinite(y))
				bins[k] += y;
			bool one = y == 1, two = y2 == 1;
			t[3 * k] += one && two;
			t[3 * k + 1] += one;
			t[3 * k + 2] += two;
		}
	}
}

static void sw_run(void *ctx, void *worker, void *result, uint64_t block)
{
	const struct sensing *sn = ctx;
	struct sworker *w = worker;
	struct sblock *b = result;
	uint64_t first, count;
	block_span(sn->draws, block, &first, &count);
	sblock_clear(sn, b);
	vm_clear_failure();
	const struct version base = { sn->keys, 0, 0, &sn->it->groups[0] };
	for (uint64_t i = 0; i < count && !b->abandoned; i++) {
		uint64_t draw = first + i;
		eval(sn, w, &base, draw, w->v, &b->error);
		for (unsigned j = 0; j < sn->njobs; j++) {
			unsigned n = paired_nstats(sn->jobs[j]->kind);
			for (unsigned k = 0; k < n; k++)
				if (isfinite(w->v[j][k]))
					mom_add(&b->base[j * PAIRED_MAXSTATS + k], w->v[j][k],
						w->v[j][k]);
		}
		for (unsigned in = 0; in < sn->ninputs; in++)
			swing_input(sn, w, b, in, draw);
		for (unsigned in = 0; in < sn->nuncertain; in++)
			freeze_input(sn, w, b, in, draw);
		b->n++;
		b->abandoned = draw_stopped(&w->d);
	}
}

static bool sw_merge(void *ctx, void *result, uint64_t block)
{
	struct sensing *sn = ctx;
	const struct sblock *b = result;
	struct sblock *t = sn->tot;
	if (b->abandoned)
		return true;
	for (size_t i = 0; i < sn->njobs * PAIRED_MAXSTATS; i++)
		mom_merge(&t->base[i], &b->base[i]);
	for (size_t i = 0; i < sn->nswing; i++)
		mom_merge(&t->swing[i], &b->swing[i]);
	for (size_t i = 0; i < sn->ninputs; i++)
		mom_merge(&t->value[i], &b->value[i]);
	for (size_t i = 0; i < 3 * sn->nindex; i++)
		t->table[i] += b->table[i];
	for (size_t i = 0; i < sn->nbins; i++)
		t->bins[i] += b->bins[i];
	for (size_t i = 0; i < (size_t)sn->nuncertain * SENSE_BINS; i++)
		t->bin_draws[i] += b->bin_draws[i];
	t->n += b->n;
	sn->kept++;
	if (!draw_error_set(&sn->error) && draw_error_set(&b->error))
		sn->error = b->error;
	const struct run_options *o = sn->o;
	if (o->progress) {
		uint64_t first, count;
		block_span(sn->draws, block, &first, &count);
		o->progress(first + count, sn->draws, o->progress_arg);
	}
	return (o->stop && *o->stop) || draw_error_set(&sn->error);
}

/* ---- the inputs ---- */

/* The value drawn from stream s: the one vnode defined with `~` that has it. */
static int drawn_vnode(const struct interp *it, unsigned s)
{
	for (unsigned i = 0; i < it->m->norder; i++)
		if (it->m->order[i]->uncertain && it->stream_of[i] == s)
			return (int)i;
	return -1;
}

static bool is_probability(const struct vnode *v)
{
	return v && v->def && v->def->unit && strcmp(v->def->unit, "probability") == 0;
}

static void add_uncertain(struct sensing *sn, struct sense_result *out)
{
	const struct interp *it = sn->it;
	for (unsigned s = 0; s < it->nstreams; s++) {
		struct input *in = &sn->inputs[sn->ninputs];
		struct sense_input *si = &out->inputs[sn->ninputs++];
		in->stream = s;
		in->vnode = drawn_vnode(it, s);
		in->slot = -1;
		snprintf(si->label, sizeof si->label, "%s", it->streams[s]);
		si->probability = in->vnode >= 0 && is_probability(it->m->order[in->vnode]);
	}
	sn->nuncertain = sn->ninputs;
}

/* The range of a --vary without one: ±SENSE_SPAN of the file's value, clamped. */
static enum sense_status default_range(const struct attr_def *a, double x, double *lo,
				       double *hi)
{
	if (!isfinite(x) || x == 0)
		return SENSE_NO_VALUE;
	double d = SENSE_SPAN * fabs(x);
	*lo = a ? fmax(x - d, a->lo) : x - d;
	*hi = a ? fmin(x + d, a->hi) : x + d;
	return *lo < *hi ? SENSE_OK : SENSE_NO_VALUE;
}

/* A --vary's target: the slot it sets, the value there (NULL: an attribute left unset)
** and the attribute whose unit and valid range it has (a let's: the one whose whole
** value it is, or NULL, unbounded). */
struct target {
	unsigned slot;
	const struct vnode *v;
	const struct attr_def *a;
};

/* A bare NAME: a let holding a number (docs/sense.md: a conflict's attribute is varied
** through one). */
static enum sense_status let_target(const struct interp *it, const char *name,
				    struct target *t)
{
	const struct vnode *v = interp_let(it->m, name);
	if (!v)
		return SENSE_BAD_LABEL;
	if (v->uncertain)
		return SENSE_DRAWN;
	if (v->distribution || v->is_fn)
		return SENSE_NOT_NUMBER;
	*t = (struct target){ it->slot_of[v->index], v, interp_let_attr(it->m, v) };
	return SENSE_OK;
}

static enum sense_status fixed_target(const struct interp *it, const char *label,
				      struct target *t)
{
	const char *dot = strchr(label, '.');
	if (!dot)
		return let_target(it, label, t);
	if (dot == label || !dot[1])
		return SENSE_BAD_LABEL;
	char owner[128];
	memcpy(owner, label, (size_t)(dot - label));
	owner[dot - label] = '\0';
	const struct symbol *sym = model_find(it->m, owner);
	if (!sym || !sym->role)
		return SENSE_NO_OWNER;
	const struct attr_def *a = attr_find(sym->role, dot + 1);
	if (!a)
		return SENSE_NO_ATTR;
	if (a->type != AT_NUMBER || a->flags & AF_SETTING)
		return SENSE_NOT_NUMBER;
	const struct vnode *v = sym->attrs[a - sym->role->attrs];
	if (v && v->uncertain)
		return SENSE_DRAWN;
	*t = (struct target){ attr_slot(it, sym, a->name), v, a };
	return SENSE_OK;
}

/* Whether [lo, hi] is a range of a's values (any, when a is NULL). */
static bool in_valid_range(const struct attr_def *a, double lo, double hi)
{
	if (!(lo < hi))
		return false;
	return !a || (lo >= a->lo && hi <= a->hi && !(a->flags & AF_LO_OPEN && lo <= a->lo));
}

static enum sense_status add_fixed(struct sensing *sn, struct sense_options *so,
				   const struct sense_vary *vy, struct sense_result *out)
{
	const struct interp *it = sn->it;
	struct sense_input *si = &out->inputs[sn->ninputs];
	const struct attr_def *conflict_attr;
	if (strlen(vy->label) >= sizeof si->label)
		return SENSE_BAD_LABEL;
	if (interp_conflict_attr(it->m, vy->label, &conflict_attr))
		return SENSE_CONFLICT_ATTR;
	struct target t;
	enum sense_status st = fixed_target(it, vy->label, &t);
	if (st != SENSE_OK)
		return st;
	const struct vnode *v = t.v;
	const struct attr_def *a = t.a;
	unsigned slot = t.slot;
	double lo = vy->lo, hi = vy->hi;
	if (!vy->have_range) {
		double x = !v ? it->init[slot] : v->constant ? v->value : NAN;
		st = default_range(a, x, &lo, &hi);
		if (st != SENSE_OK)
			return st;
	} else if (!in_valid_range(a, lo, hi)) {
		so->valid_lo = a ? a->lo : -INFINITY;
		so->valid_hi = a ? a->hi : INFINITY;
		return SENSE_BAD_RANGE;
	}
	struct input *in = &sn->inputs[sn->ninputs++];
	*in = (struct input){ 0, v ? (int)v->index : -1, (int)slot };
	snprintf(si->label, sizeof si->label, "%s", vy->label);
	si->fixed = true;
	si->lo = lo;
	si->hi = hi;
	si->probability = a && strcmp(a->unit, "probability") == 0;
	unsigned f = sn->ninputs - 1 - sn->nuncertain;
	for (int end = 0; end < 2; end++) {
		struct igroup *g = &sn->groups[2 * f + end];
		*g = it->groups[0];
		g->slot = (int)slot;
		g->has_vnode = v != NULL;
		g->vnode = v ? v->index : 0;
		g->value = end ? hi : lo;
	}
	return SENSE_OK;
}

/* ---- the reports ---- */

static bool matches(const char *what, const char *want)
{
	if (strcmp(what, want) == 0)
		return true;
	const char *sp = strchr(what, ' ');
	return sp && strcmp(sp + 1, want) == 0;
}

static enum sense_status pick_jobs(struct sensing *sn, struct sense_options *so)
{
	const struct igroup *g = &sn->it->groups[0];
	sn->jobs = xcalloc(g->njobs + 1, sizeof *sn->jobs);
	for (unsigned j = 0; j < g->njobs; j++) {
		bool want = so->nreports == 0;
		for (unsigned r = 0; r < so->nreports && !want; r++)
			want = matches(g->jobs[j].what, so->reports[r]);
		if (want)
			sn->jobs[sn->njobs++] = &g->jobs[j];
	}
	for (unsigned r = 0; r < so->nreports; r++) {
		bool found = false;
		for (unsigned j = 0; j < g->njobs && !found; j++)
			found = matches(g->jobs[j].what, so->reports[r]);
		if (!found) {
			so->bad = r;
			return SENSE_NO_REPORT;
		}
	}
	return SENSE_OK;
}

/* ---- the results ---- */

struct sense_index sense_first_order(uint64_t n, uint64_t n11, uint64_t n1_, uint64_t n_1)
{
	struct sense_index x = { NAN, NAN, false };
	if (n < 2)
		return x;
	double N = (double)n, m = ((double)n1_ + (double)n_1) / (2 * N);
	double var = m - m * m;		/* mean((Y² + Y'²)/2) − m², Y² = Y */
	if (var <= 1e-15)
		return x;
	double s = ((double)n11 / N - m * m) / var;
	/* The influence of a draw (Janon et al. 2014, Prop. 2.2):
	** ψ = (y − m)(y' − m) − s/2·((y − m)² + (y' − m)²), over the table's four cells. */
	double p[4] = { (double)n11 / N, (double)(n1_ - n11) / N, (double)(n_1 - n11) / N, 0 };
	p[3] = 1 - p[0] - p[1] - p[2];
	const double y[4] = { 1, 1, 0, 0 }, y2[4] = { 1, 0, 1, 0 };
	double psi[4], mean = 0, sq = 0;
	for (int c = 0; c < 4; c++) {
		double a = y[c] - m, b = y2[c] - m;
		psi[c] = a * b - s / 2 * (a * a + b * b);
		mean += p[c] * psi[c];
	}
	for (int c = 0; c < 4; c++)
		sq += p[c] * (psi[c] - mean) * (psi[c] - mean);
	x.s = s;
	x.se = sqrt(fmax(sq, 0) / N) / var;
	x.defined = true;
	return x;
}

static void fill_swing(const struct moments *m, bool share, struct sense_swing *s)
{
	double n = (double)m->n;
	if (!m->n) {
		*s = (struct sense_swing){ NAN, NAN, NAN, NAN, NAN, NAN };
		return;
	}
	s->lo = m->ma;
	s->hi = m->mb;
	s->swing = m->md;
	if (share) {	/* the counts over n (moments.h: mom_count) */
		int64_t a = mom_count(m->ma, m->n), b = mom_count(m->mb, m->n);
		s->lo = (double)a / n;
		s->hi = (double)b / n;
		s->swing = (double)(b - a) / n;
	}
	s->se_lo = sqrt(fmax(m->qa, 0)) / n;
	s->se_hi = sqrt(fmax(m->qb, 0)) / n;
	s->se_swing = sqrt(fmax(m->qd, 0)) / n;
	double tiny = 1e-12 * (1 + fabs(s->lo) + fabs(s->hi));
	if (fabs(s->swing) <= tiny) {
		s->swing = 0;
		if (s->se_swing <= tiny)
			s->se_swing = 0;
	}
}

/* Inputs by movement, the largest first; ties in input order. */
static void rank(struct sense_report *r, unsigned ninputs)
{
	for (unsigned i = 0; i < ninputs; i++)
		r->order[i] = i;
	for (unsigned i = 1; i < ninputs; i++)
		for (unsigned k = i; k > 0 && r->movement[r->order[k]] >
						r->movement[r->order[k - 1]] + 1e-12; k--) {
			unsigned t = r->order[k];
			r->order[k] = r->order[k - 1];
			r->order[k - 1] = t;
		}
}

static void summarise_job(const struct sensing *sn, unsigned j, struct sense_report *r)
{
	const struct sblock *t = sn->tot;
	paired_labels(sn->it, sn->jobs[j], &r->r);
	r->r.what = sn->jobs[j]->what;
	r->r.in_old = true;
	unsigned ni = sn->ninputs, nu = sn->nuncertain;
	r->swing = xcalloc((size_t)ni * PAIRED_MAXSTATS + 1, sizeof *r->swing);
	r->index = xcalloc((size_t)nu * PAIRED_MAXSTATS + 1, sizeof *r->index);
	r->bins = xcalloc((size_t)nu * SENSE_BINS * PAIRED_MAXSTATS + 1, sizeof *r->bins);
	r->bin_draws = xcalloc((size_t)nu * SENSE_BINS + 1, sizeof *r->bin_draws);
	r->order = xcalloc(ni + 1, sizeof *r->order);
	r->movement = xcalloc(ni + 1, sizeof *r->movement);
	for (unsigned k = 0; k < r->r.nstats; k++) {
		const struct moments *m = &t->base[j * PAIRED_MAXSTATS + k];
		r->r.stats[k].n = m->n;
		r->r.stats[k].old = !m->n ? NAN
				    : r->r.stats[k].share ? (double)mom_count(m->ma, m->n) / (double)m->n
				    : m->ma;	/* a share as scen run prints it */
		r->r.stats[k].se_old = m->n ? sqrt(fmax(m->qa, 0)) / (double)m->n : NAN;
	}
	for (unsigned i = 0; i < ni; i++)
		for (unsigned k = 0; k < r->r.nstats; k++) {
			struct sense_swing *s = &r->swing[i * PAIRED_MAXSTATS + k];
			fill_swing(&t->swing[((size_t)j * ni + i) * PAIRED_MAXSTATS + k],
				   r->r.stats[k].share, s);
			if (r->r.stats[k].outcome && isfinite(s->swing))
				r->movement[i] += fabs(s->swing) / 2;
		}
	for (unsigned i = 0; i < nu; i++) {
		for (unsigned k = 0; k < r->r.nstats; k++) {
			const uint64_t *c = &t->table[3 * (((size_t)j * nu + i) * PAIRED_MAXSTATS + k)];
			if (r->r.stats[k].share)
				r->index[i * PAIRED_MAXSTATS + k] =
					sense_first_order(t->n, c[0], c[1], c[2]);
		}
		for (unsigned b = 0; b < SENSE_BINS; b++) {
			uint64_t n = t->bin_draws[i * SENSE_BINS + b];
			r->bin_draws[i * SENSE_BINS + b] = n;
			for (unsigned k = 0; k < r->r.nstats; k++) {
				size_t at = (((size_t)j * nu + i) * SENSE_BINS + b) * PAIRED_MAXSTATS + k;
				r->bins[((size_t)i * SENSE_BINS + b) * PAIRED_MAXSTATS + k] =
					n ? t->bins[at] / (double)n : NAN;
			}
		}
	}
	rank(r, ni);
}

static void summarise(struct sensing *sn, struct sense_result *out)
{
	for (unsigned i = 0; i < sn->nuncertain; i++) {
		const struct moments *m = &sn->tot->value[i];
		out->inputs[i].lo = m->n ? m->ma : NAN;
		out->inputs[i].hi = m->n ? m->mb : NAN;
	}
	out->reports = xcalloc(sn->njobs + 1, sizeof *out->reports);
	out->nreports = sn->njobs;
	for (unsigned j = 0; j < sn->njobs; j++)
		summarise_job(sn, j, &out->reports[j]);
}

/* ---- the run ---- */

static void run_blocks(struct sensing *sn, struct sense_result *out)
{
	sn->nswing = (size_t)sn->njobs * sn->ninputs * PAIRED_MAXSTATS;
	sn->nindex = (size_t)sn->njobs * sn->nuncertain * PAIRED_MAXSTATS;
	sn->nbins = sn->nindex * SENSE_BINS;
	struct sblock tot;
	sblock_alloc(sn, &tot);
	sblock_clear(sn, &tot);
	sn->tot = &tot;
	uint64_t nblocks = block_count(sn->draws);
	unsigned threads = blocks_threads(run_thread_count(sn->it, sn->o), nblocks);
	unsigned nring = threads * RUN_WINDOW;
	struct sblock *ring = xcalloc(nring, sizeof *ring);
	void **results = xcalloc(nring, sizeof *results);
	for (unsigned r = 0; r < nring; r++) {
		sblock_alloc(sn, &ring[r]);
		results[r] = &ring[r];
	}
	struct block_driver d = { .count = nblocks, .threads = threads, .ctx = sn,
				  .results = results, .worker_new = sw_new, .worker_free = sw_free,
				  .run = sw_run, .merge = sw_merge };
	blocks_run(&d);
	out->threads = threads;
	out->draws = tot.n;
	out->stopped = sn->kept < nblocks;
	summarise(sn, out);
	for (unsigned r = 0; r < nring; r++)
		sblock_free(&ring[r]);
	free(ring);
	free(results);
	sblock_free(&tot);
}

static enum sense_status prepare(struct sensing *sn, struct sense_options *so,
				 struct sense_result *out)
{
	const struct interp *it = sn->it;
	unsigned cap = it->nstreams + so->nvary;
	sn->inputs = xcalloc(cap + 1, sizeof *sn->inputs);
	sn->groups = xcalloc(2 * (size_t)so->nvary + 1, sizeof *sn->groups);
	out->inputs = xcalloc(cap + 1, sizeof *out->inputs);
	add_uncertain(sn, out);
	for (unsigned v = 0; v < so->nvary; v++) {
		enum sense_status st = add_fixed(sn, so, &so->vary[v], out);
		if (st != SENSE_OK) {
			so->bad = v;
			return st;
		}
	}
	out->ninputs = sn->ninputs;
	out->nuncertain = sn->nuncertain;
	if (sn->ninputs == 0)
		return SENSE_NOTHING;
	return pick_jobs(sn, so);
}

enum sense_status sense_run(struct interp *it, struct sense_options *so,
			    const struct run_options *o, struct sense_result *out,
			    struct diag_sink *sink)
{
	assert(so->nvary == 0 || it->unfolded);
	memset(out, 0, sizeof *out);
	struct sensing sn = { .it = it, .o = o, .error = DRAW_ERROR_NONE };
	enum sense_status st = prepare(&sn, so, out);
	if (st == SENSE_OK) {
		out->title = it->title;
		out->seed = o->have_seed ? o->seed : it->seed;
		sn.draws = !it->uncertain ? 1 : o->have_draws ? o->draws : it->draws;
		sn.types = o->types ? o->types : SCEN_SCREEN_TYPES;
		sn.keys = interp_stream_keys(it, out->seed);
		sn.keys_b = interp_stream_keys(it, rng_mix(out->seed ^ SENSE_SALT));
		sn.frozen = xcalloc(sn.nuncertain + 1, sizeof *sn.frozen);
		for (unsigned i = 0; i < sn.nuncertain; i++) {
			sn.frozen[i] = xmalloc((it->nstreams + 1) * sizeof *sn.frozen[i]);
			memcpy(sn.frozen[i], sn.keys_b, it->nstreams * sizeof *sn.keys_b);
			sn.frozen[i][sn.inputs[i].stream] = sn.keys[sn.inputs[i].stream];
		}
		run_blocks(&sn, out);
		if (draw_error_set(&sn.error)) {
			report_draw_error(it, &sn.error, sink);
			st = SENSE_RUN_FAILED;
		}
		for (unsigned i = 0; i < sn.nuncertain; i++)
			free(sn.frozen[i]);
		free(sn.frozen);
		free(sn.keys);
		free(sn.keys_b);
	}
	free(sn.inputs);
	free(sn.groups);
	free(sn.jobs);
	return st;
}

void sense_result_free(struct sense_result *r)
{
	for (unsigned j = 0; j < r->nreports; j++) {
		struct sense_report *s = &r->reports[j];
		free(s->swing);
		free(s->index);
		free(s->bins);
		free(s->bin_draws);
		free(s->order);
		free(s->movement);
	}
	free(r->reports);
	free(r->inputs);
	memset(r, 0, sizeof *r);
}
