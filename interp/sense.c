/*
** sense.c: `scen sense` (sense.h). Each draw is evaluated in versions: as drawn; for
** each input its low and its high end; for each uncertain input the pick-freeze twin
** (every stream but its own from the second sample's keys). A version is the draw's
** keys, a held stream (vm_env.hold) or an overridden slot (as a sweep row's), nothing
** else: the model and the core run unchanged (paired.c's per-draw values). What the draws
** add up is counts and exact sums (sense_totals), the same whatever adds them: blocks on
** threads, or the shards of `scen sense --shard` added by `scen merge`.
*/
#include "interp/sense.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp_int.h"
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

/* A tornado end that could not be computed in some draw: the first such (by draw), and
** which end. The model runs as drawn (else the whole run fails, as scen run's would):
** it is the input's end, like a value a flip's search cannot run (flip.h, flip_grid),
** that fails, so only that input's swings are undefined, and a warning says why. */
struct end_error {
	struct draw_error e;
	int end;			/* 0 low, 1 high */
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
	struct sense_totals *tot;
	struct draw_error error;
	struct end_error *end_error;	/* [input] */
	uint64_t kept;
};

/* ---- the totals ---- */

/* Which arrays sense_totals has, and their lengths: by job or not, by every input, the
** uncertain ones or none, by stat or not, times a factor (a table's three counts, the
** deciles). */
enum by_input { BY_NO_INPUT, BY_INPUT, BY_UNCERTAIN };
static const struct field_shape {
	bool by_job;
	enum by_input inputs;
	bool by_stat;
	unsigned factor;
} shapes[] = {
	{ true, BY_NO_INPUT, true, 1 },		/* base */
	{ true, BY_INPUT, true, 1 },		/* swing */
	{ false, BY_INPUT, false, 1 },		/* value */
	{ true, BY_UNCERTAIN, true, 3 },	/* table */
	{ true, BY_UNCERTAIN, true, SENSE_BINS },	/* bins */
	{ false, BY_UNCERTAIN, false, SENSE_BINS },	/* bin_draws */
};
#define FIELD(name, kind, member) { name, kind, offsetof(struct sense_totals, member) }
const struct sense_field sense_fields[] = {
	FIELD("base", SF_SUMS, base), FIELD("swing", SF_SUMS, swing),
	FIELD("value", SF_SUMS, value), FIELD("table", SF_COUNTS, table),
	FIELD("bins", SF_XSUMS, bins), FIELD("bin_draws", SF_COUNTS, bin_draws),
};
const unsigned nsense_fields = sizeof sense_fields / sizeof sense_fields[0];
_Static_assert(sizeof shapes / sizeof shapes[0] == sizeof sense_fields / sizeof sense_fields[0],
	       "a shape per field");

static const size_t elem_size[] = { [SF_SUMS] = sizeof(struct sense_sums),
				    [SF_COUNTS] = sizeof(uint64_t), [SF_XSUMS] = sizeof(xsum) };

size_t sense_field_len(const struct sense_totals *t, unsigned f)
{
	const struct field_shape *sh = &shapes[f];
	size_t n = sh->factor;
	if (sh->by_job)
		n *= t->njobs;
	if (sh->inputs != BY_NO_INPUT)
		n *= sh->inputs == BY_INPUT ? t->ninputs : t->nuncertain;
	if (sh->by_stat)
		n *= PAIRED_MAXSTATS;
	return n;
}

void *sense_field_array(const struct sense_totals *t, unsigned f)
{
	return *(void *const *)((const char *)t + sense_fields[f].offset);
}

void sense_totals_init(struct sense_totals *t, unsigned njobs, unsigned ninputs,
		       unsigned nuncertain)
{
	*t = (struct sense_totals){ .njobs = njobs, .ninputs = ninputs,
				    .nuncertain = nuncertain };
	for (unsigned f = 0; f < nsense_fields; f++)
		*(void **)((char *)t + sense_fields[f].offset) =
			xcalloc(sense_field_len(t, f) + 1, elem_size[sense_fields[f].kind]);
}

static void sense_totals_clear(struct sense_totals *t)
{
	for (unsigned f = 0; f < nsense_fields; f++)
		memset(sense_field_array(t, f), 0,
		       sense_field_len(t, f) * elem_size[sense_fields[f].kind]);
	t->n = 0;
}

void sense_totals_free(struct sense_totals *t)
{
	for (unsigned f = 0; f < nsense_fields; f++)
		free(sense_field_array(t, f));
	memset(t, 0, sizeof *t);
}

static bool sums_merge(struct sense_sums *x, const struct sense_sums *y)
{
	return !__builtin_add_overflow(x->n, y->n, &x->n) &&
	       !__builtin_add_overflow(x->unfit, y->unfit, &x->unfit) &&
	       !__builtin_add_overflow(x->a, y->a, &x->a) &&
	       !__builtin_add_overflow(x->b, y->b, &x->b) &&
	       !__builtin_add_overflow(x->d, y->d, &x->d) &&
	       !__builtin_add_overflow(x->qa, y->qa, &x->qa) &&
	       !__builtin_add_overflow(x->qb, y->qb, &x->qb) &&
	       !__builtin_add_overflow(x->qd, y->qd, &x->qd);
}

bool sense_totals_add(struct sense_totals *t, const struct sense_totals *b)
{
	bool ok = !__builtin_add_overflow(t->n, b->n, &t->n);
	for (unsigned f = 0; f < nsense_fields && ok; f++) {
		size_t n = sense_field_len(t, f);
		void *x = sense_field_array(t, f);
		const void *y = sense_field_array(b, f);
		for (size_t i = 0; i < n && ok; i++)
			switch (sense_fields[f].kind) {
			case SF_SUMS:
				ok = sums_merge(&((struct sense_sums *)x)[i],
						&((const struct sense_sums *)y)[i]);
				break;
			case SF_COUNTS:
				ok = !__builtin_add_overflow(((uint64_t *)x)[i],
							     ((const uint64_t *)y)[i],
							     &((uint64_t *)x)[i]);
				break;
			case SF_XSUMS:
				ok = !__builtin_add_overflow(((xsum *)x)[i], ((const xsum *)y)[i],
							     &((xsum *)x)[i]);
				break;
			}
	}
	return ok;
}

/* A draw's a and b into s: exactly, when they (and with squares their squares) fit an
** xsum (totals.h), else counted as unfit. At most 2^34 draws (SCEN_MAX_DRAWS) of values
** below 2^93 in xsum's units: no sum overflows. */
static void sums_add_with(struct sense_sums *s, double a, double b, bool squares)
{
	double d = b - a;
	if (!xsum_fits(a) || !xsum_fits(b) || !xsum_fits(d) ||
	    (squares && (!xsum_fits(a * a) || !xsum_fits(b * b) || !xsum_fits(d * d)))) {
		s->unfit++;
		return;
	}
	s->n++;
	s->a += xsum_of(a);
	s->b += xsum_of(b);
	s->d += xsum_of(d);
	if (!squares)
		return;
	s->qa += xsum_of(a * a);
	s->qb += xsum_of(b * b);
	s->qd += xsum_of(d * d);
}

static void sums_add(struct sense_sums *s, double a, double b)
{
	sums_add_with(s, a, b, true);
}

/* An input's values at its two ends: only their means are shown (sense_input), so
** their squares, which pass 2^53 from a value of about 9.5e7 on, are not summed (they
** made the values of a cost of 1e8 undefined). */
static void values_add(struct sense_sums *s, double a, double b)
{
	sums_add_with(s, a, b, false);
}

/* A block's totals. */
struct sblock {
	struct sense_totals t;
	struct draw_error error;
	struct end_error *end_error;	/* [input] */
	bool abandoned;
};

static void end_errors_clear(struct end_error *e, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		e[i] = (struct end_error){ DRAW_ERROR_NONE, 0 };
}

static void sblock_alloc(const struct sensing *sn, struct sblock *b)
{
	sense_totals_init(&b->t, sn->njobs, sn->ninputs, sn->nuncertain);
	b->end_error = xcalloc(sn->ninputs + 1, sizeof *b->end_error);
}

static void sblock_clear(struct sblock *b)
{
	sense_totals_clear(&b->t);
	b->error = DRAW_ERROR_NONE;
	end_errors_clear(b->end_error, b->t.ninputs);
	b->abandoned = false;
}

static void sblock_free(struct sblock *b)
{
	sense_totals_free(&b->t);
	free(b->end_error);
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
		struct sense_sums *m = &b->t.swing[((size_t)j * sn->ninputs + i) * PAIRED_MAXSTATS];
		for (unsigned k = 0; k < n; k++)
			if (isfinite(w->lo[j][k]) && isfinite(w->hi[j][k]))
				sums_add(&m[k], w->lo[j][k], w->hi[j][k]);
	}
}

/* A draw in which an end of input i could not be computed: unfit in each of its swings
** (so that they are undefined, fill_swing). */
static void unfit_swings(const struct sensing *sn, struct sblock *b, unsigned i)
{
	for (unsigned j = 0; j < sn->njobs; j++) {
		unsigned n = paired_nstats(sn->jobs[j]->kind);
		struct sense_sums *m = &b->t.swing[((size_t)j * sn->ninputs + i) * PAIRED_MAXSTATS];
		for (unsigned k = 0; k < n; k++)
			m[k].unfit++;
	}
}

/* The tornado's two ends of input i; an end that cannot be computed is input i's alone
** (struct end_error). */
static void swing_input(const struct sensing *sn, struct sworker *w, struct sblock *b,
			unsigned i, uint64_t draw)
{
	struct version v = { sn->keys, 0, 0, &sn->it->groups[0] };
	double val[2];
	bool failed = false;
	for (int end = 0; end < 2; end++) {
		if (sn->inputs[i].slot < 0) {
			v.hold = sn->inputs[i].stream + 1;
			v.hold_u = end ? SENSE_HI : SENSE_LO;
		} else {
			v.group = &sn->groups[2 * (i - sn->nuncertain) + end];
		}
		struct draw_error e = DRAW_ERROR_NONE;
		eval(sn, w, &v, draw, end ? w->hi : w->lo, &e);
		val[end] = input_value(sn, w, i);
		if (draw_error_set(&e) && !failed && !draw_error_set(&b->end_error[i].e))
			b->end_error[i] = (struct end_error){ e, end };
		failed |= draw_error_set(&e);
	}
	if (failed) {
		unfit_swings(sn, b, i);
		return;
	}
	if (isfinite(val[0]) && isfinite(val[1]))
		values_add(&b->t.value[i], val[0], val[1]);
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
	b->t.bin_draws[i * SENSE_BINS + bin]++;
	for (unsigned j = 0; j < sn->njobs; j++) {
		unsigned n = paired_nstats(sn->jobs[j]->kind);
		size_t at = ((size_t)j * sn->nuncertain + i) * PAIRED_MAXSTATS;
		uint64_t *t = &b->t.table[3 * at];
		xsum *bins = &b->t.bins[(((size_t)j * sn->nuncertain + i) * SENSE_BINS + bin) *
					PAIRED_MAXSTATS];
		for (unsigned k = 0; k < n; k++) {
			double y = w->v[j][k], y2 = w->lo[j][k];
			if (xsum_fits(y))	/* a share's 0 or 1: the deciles shown */
				bins[k] += xsum_of(y);
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
	sblock_clear(b);
	vm_clear_failure();
	const struct version base = { sn->keys, 0, 0, &sn->it->groups[0] };
	for (uint64_t i = 0; i < count && !b->abandoned; i++) {
		uint64_t draw = first + i;
		eval(sn, w, &base, draw, w->v, &b->error);
		for (unsigned j = 0; j < sn->njobs; j++) {
			unsigned n = paired_nstats(sn->jobs[j]->kind);
			for (unsigned k = 0; k < n; k++)
				if (isfinite(w->v[j][k]))
					sums_add(&b->t.base[j * PAIRED_MAXSTATS + k], w->v[j][k],
						 w->v[j][k]);
		}
		for (unsigned in = 0; in < sn->ninputs; in++)
			swing_input(sn, w, b, in, draw);
		for (unsigned in = 0; in < sn->nuncertain; in++)
			freeze_input(sn, w, b, in, draw);
		b->t.n++;
		b->abandoned = draw_stopped(&w->d);
	}
}

static bool sw_merge(void *ctx, void *result, uint64_t block)
{
	struct sensing *sn = ctx;
	const struct sblock *b = result;
	if (b->abandoned)
		return true;
	sense_totals_add(sn->tot, &b->t);	/* a run's totals cannot overflow (sums_add) */
	sn->kept++;
	if (!draw_error_set(&sn->error) && draw_error_set(&b->error))
		sn->error = b->error;
	for (unsigned i = 0; i < sn->ninputs; i++)
		if (!draw_error_set(&sn->end_error[i].e))
			sn->end_error[i] = b->end_error[i];
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

/* A share's sums are its counts times 2^XSUM_BITS exactly, so its means are the counts
** over n that scen run prints; the SEs are sqrt(M2)/n (xsum_se), the swing's paired. */
static void fill_swing(const struct sense_sums *m, struct sense_swing *s)
{
	if (!m->n || m->unfit) {
		*s = (struct sense_swing){ NAN, NAN, NAN, NAN, NAN, NAN };
		return;
	}
	s->lo = xsum_mean(m->a, m->n);
	s->hi = xsum_mean(m->b, m->n);
	s->swing = xsum_mean(m->d, m->n);
	s->se_lo = xsum_se(m->a, m->qa, m->n);
	s->se_hi = xsum_se(m->b, m->qb, m->n);
	s->se_swing = xsum_se(m->d, m->qd, m->n);
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
	const struct sense_totals *t = sn->tot;
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
		const struct sense_sums *m = &t->base[j * PAIRED_MAXSTATS + k];
		bool defined = m->n && !m->unfit;
		r->r.stats[k].n = m->n;
		r->r.stats[k].old = defined ? xsum_mean(m->a, m->n) : NAN;
		r->r.stats[k].se_old = defined ? xsum_se(m->a, m->qa, m->n) : NAN;
	}
	for (unsigned i = 0; i < ni; i++)
		for (unsigned k = 0; k < r->r.nstats; k++) {
			struct sense_swing *s = &r->swing[i * PAIRED_MAXSTATS + k];
			fill_swing(&t->swing[((size_t)j * ni + i) * PAIRED_MAXSTATS + k], s);
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
					n ? xsum_mean(t->bins[at], n) : NAN;
			}
		}
	}
	rank(r, ni);
}

static void summarise(struct sensing *sn, struct sense_result *out)
{
	for (unsigned i = 0; i < sn->nuncertain; i++) {
		const struct sense_sums *m = &sn->tot->value[i];
		bool defined = m->n && !m->unfit;
		out->inputs[i].lo = defined ? xsum_mean(m->a, m->n) : NAN;
		out->inputs[i].hi = defined ? xsum_mean(m->b, m->n) : NAN;
	}
	out->reports = xcalloc(sn->njobs + 1, sizeof *out->reports);
	out->nreports = sn->njobs;
	for (unsigned j = 0; j < sn->njobs; j++)
		summarise_job(sn, j, &out->reports[j]);
}

/* ---- the run ---- */

/* Blocks [first, first + count) of the run into tot; out->threads and out->stopped. */
static void run_blocks(struct sensing *sn, uint64_t first, uint64_t count,
		       struct sense_totals *tot, struct sense_result *out)
{
	sn->tot = tot;
	unsigned threads = blocks_threads(run_thread_count(sn->it, sn->o), count);
	unsigned nring = threads * RUN_WINDOW;
	struct sblock *ring = xcalloc(nring, sizeof *ring);
	void **results = xcalloc(nring, sizeof *results);
	for (unsigned r = 0; r < nring; r++) {
		sblock_alloc(sn, &ring[r]);
		results[r] = &ring[r];
	}
	struct block_driver d = { .first = first, .count = count, .threads = threads,
				  .ctx = sn, .results = results, .worker_new = sw_new,
				  .worker_free = sw_free, .run = sw_run, .merge = sw_merge };
	blocks_run(&d);
	out->threads = threads;
	out->stopped = sn->kept < count;
	for (unsigned r = 0; r < nring; r++)
		sblock_free(&ring[r]);
	free(ring);
	free(results);
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

/* The inputs and reports of a run of it with so and o, its seed and draws. */
static enum sense_status setup(struct sensing *sn, struct interp *it,
			       struct sense_options *so, const struct run_options *o,
			       struct sense_result *out)
{
	assert(so->nvary == 0 || it->unfolded);
	memset(out, 0, sizeof *out);
	*sn = (struct sensing){ .it = it, .o = o, .error = DRAW_ERROR_NONE };
	enum sense_status st = prepare(sn, so, out);
	out->title = it->title;
	out->seed = o->have_seed ? o->seed : it->seed;
	sn->draws = !it->uncertain ? 1 : o->have_draws ? o->draws : it->draws;
	sn->types = o->types ? o->types : SCEN_SCREEN_TYPES;
	return st;
}

uint64_t sense_blocks(const struct interp *it, const struct run_options *o)
{
	return block_count(!it->uncertain ? 1 : o->have_draws ? o->draws : it->draws);
}

/* The stream keys of the run's two samples, and of each input's frozen twin. */
static void make_keys(struct sensing *sn, uint64_t seed)
{
	const struct interp *it = sn->it;
	sn->keys = interp_stream_keys(it, seed);
	sn->keys_b = interp_stream_keys(it, rng_mix(seed ^ SENSE_SALT));
	sn->frozen = xcalloc(sn->nuncertain + 1, sizeof *sn->frozen);
	for (unsigned i = 0; i < sn->nuncertain; i++) {
		sn->frozen[i] = xmalloc((it->nstreams + 1) * sizeof *sn->frozen[i]);
		memcpy(sn->frozen[i], sn->keys_b, it->nstreams * sizeof *sn->keys_b);
		sn->frozen[i][sn->inputs[i].stream] = sn->keys[sn->inputs[i].stream];
	}
}

static void teardown(struct sensing *sn)
{
	for (unsigned i = 0; sn->frozen && i < sn->nuncertain; i++)
		free(sn->frozen[i]);
	free(sn->frozen);
	free(sn->keys);
	free(sn->keys_b);
	free(sn->inputs);
	free(sn->groups);
	free(sn->jobs);
	free(sn->end_error);
}

/* x as input in's unit reads: a probability in percent. */
static const char *end_text(char *buf, size_t size, const struct sense_input *in, double x)
{
	snprintf(buf, size, "%.6g%s", in->probability ? 100 * x : x, in->probability ? "%" : "");
	return buf;
}

/* The warning for an end of input i that could not be computed: the draw's error (as
** scen run gives it) at its place, after which end it is. */
static void warn_end(const struct sensing *sn, const struct sense_input *in,
		     const struct end_error *ee, struct diag_sink *sink)
{
	struct diag_sink tmp;
	diag_init(&tmp);
	report_draw_error(sn->it, &ee->e, &tmp);
	const struct diag *d = tmp.last;
	char at[64];
	if (in->fixed)
		end_text(at, sizeof at, in, ee->end ? in->hi : in->lo);
	else
		snprintf(at, sizeof at, "its %g%% quantile", 100 * (ee->end ? SENSE_HI : SENSE_LO));
	diag_warning(sink, d->file, d->span, "the tornado's %s end of %s (%s) cannot be "
		     "computed, so its swings are not shown: %s", ee->end ? "high" : "low",
		     in->label, at, d->msg);
	diag_free(&tmp);
}

/* Blocks [first, first + count) into t (allocated here); a draw's failure reported, and
** a warning for each input's end that failed. */
static enum sense_status run_span(struct sensing *sn, uint64_t first, uint64_t count,
				  struct sense_totals *t, struct sense_result *out,
				  struct diag_sink *sink)
{
	make_keys(sn, out->seed);
	sense_totals_init(t, sn->njobs, sn->ninputs, sn->nuncertain);
	t->lo = first;
	t->hi = first + count;
	sn->end_error = xcalloc(sn->ninputs + 1, sizeof *sn->end_error);
	end_errors_clear(sn->end_error, sn->ninputs);
	run_blocks(sn, first, count, t, out);
	if (draw_error_set(&sn->error)) {
		report_draw_error(sn->it, &sn->error, sink);
		return SENSE_RUN_FAILED;
	}
	for (unsigned i = 0; i < sn->ninputs; i++)
		if (draw_error_set(&sn->end_error[i].e))
			warn_end(sn, &out->inputs[i], &sn->end_error[i], sink);
	return SENSE_OK;
}

enum sense_status sense_run(struct interp *it, struct sense_options *so,
			    const struct run_options *o, struct sense_result *out,
			    struct diag_sink *sink)
{
	struct sensing sn;
	struct sense_totals tot = { 0 };
	enum sense_status st = setup(&sn, it, so, o, out);
	if (st == SENSE_OK) {
		st = run_span(&sn, 0, block_count(sn.draws), &tot, out, sink);
		out->draws = tot.n;
		summarise(&sn, out);
	}
	sense_totals_free(&tot);
	teardown(&sn);
	return st;
}

enum sense_status sense_run_shard(struct interp *it, struct sense_options *so,
				  const struct run_options *o, struct sense_totals *t,
				  struct diag_sink *sink)
{
	struct sensing sn;
	struct sense_result res;
	memset(t, 0, sizeof *t);
	enum sense_status st = setup(&sn, it, so, o, &res);
	if (st == SENSE_OK) {
		/* Shard I of N: blocks [B·(I−1)/N, B·I/N), computed without overflow. */
		uint64_t b = block_count(sn.draws), i = o->shard_index, n = o->shard_count;
		uint64_t lo = (uint64_t)((unsigned __int128)b * (i - 1) / n);
		uint64_t hi = (uint64_t)((unsigned __int128)b * i / n);
		st = run_span(&sn, lo, hi - lo, t, &res, sink);
	}
	teardown(&sn);
	sense_result_free(&res);
	return st;
}

/* ---- totals from shards ---- */

static bool bad(char *why, size_t len, const char *fmt, ...) SCEN_PRINTF(3, 4);
static bool bad(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return false;
}

/* The draws of blocks [lo, hi). */
static uint64_t span_draws(uint64_t draws, uint64_t lo, uint64_t hi)
{
	uint64_t first, count, end;
	if (lo >= hi)
		return 0;
	block_span(draws, lo, &first, &count);
	block_span(draws, hi - 1, &end, &count);
	return end + count - first;
}

/* What every run's totals hold: n the draws of its blocks; no quantity counted in more
** draws; of a pick-freeze table, n11 <= n1_, n_1 and n1_ + n_1 - n11 <= n; each
** uncertain input's deciles hold every draw once. */
static bool totals_hold(const struct sensing *sn, const struct sense_totals *t, char *why,
			size_t len)
{
	uint64_t n = span_draws(sn->draws, t->lo, t->hi);
	if (t->njobs != sn->njobs || t->ninputs != sn->ninputs ||
	    t->nuncertain != sn->nuncertain)
		return bad(why, len, "it has %u reports and %u inputs (%u uncertain), the run "
			   "%u and %u (%u)", t->njobs, t->ninputs, t->nuncertain, sn->njobs,
			   sn->ninputs, sn->nuncertain);
	if (t->n != n)
		return bad(why, len, "it counts %llu draws, its blocks hold %llu",
			   (unsigned long long)t->n, (unsigned long long)n);
	for (unsigned f = 0; f < nsense_fields; f++) {
		const void *a = sense_field_array(t, f);
		for (size_t i = 0; sense_fields[f].kind == SF_SUMS && i < sense_field_len(t, f); i++) {
			const struct sense_sums *s = &((const struct sense_sums *)a)[i];
			if (s->n > n || s->unfit > n - s->n || s->qa < 0 || s->qb < 0 || s->qd < 0)
				return bad(why, len, "`%s` holds sums of more than its %llu draws, or "
					   "a negative sum of squares", sense_fields[f].name,
					   (unsigned long long)n);
		}
	}
	for (size_t i = 0; i < sense_field_len(t, 3) / 3; i++) {
		const uint64_t *c = &t->table[3 * i];
		if (c[0] > c[1] || c[0] > c[2] || c[1] > n || c[2] > n || c[1] + c[2] - c[0] > n)
			return bad(why, len, "`table` holds counts that no %llu draws make",
				   (unsigned long long)n);
	}
	for (unsigned i = 0; i < t->nuncertain; i++) {
		uint64_t sum = 0;
		for (unsigned b = 0; b < SENSE_BINS; b++)
			if (__builtin_add_overflow(sum, t->bin_draws[i * SENSE_BINS + b], &sum))
				sum = UINT64_MAX;
		if (sum != n)
			return bad(why, len, "`bin_draws` puts %llu draws in the deciles of input "
				   "%u, not its %llu", (unsigned long long)sum, i + 1,
				   (unsigned long long)n);
	}
	return true;
}

bool sense_check_totals(struct interp *it, struct sense_options *so,
			const struct run_options *o, const struct sense_totals *t, char *why,
			size_t whylen)
{
	struct sensing sn;
	struct sense_result res;
	bool ok = setup(&sn, it, so, o, &res) == SENSE_OK
		? totals_hold(&sn, t, why, whylen)
		: bad(why, whylen, "its --vary or reports are not the file's (`scen sense` "
		      "with them says why)");
	teardown(&sn);
	sense_result_free(&res);
	return ok;
}

enum sense_status sense_merge(struct interp *it, struct sense_options *so,
			      const struct run_options *o, const struct sense_totals *t,
			      struct sense_result *out, char *why, size_t whylen)
{
	struct sensing sn;
	enum sense_status st = setup(&sn, it, so, o, out);
	if (st == SENSE_OK && (t->lo != 0 || t->hi != block_count(sn.draws))) {
		bad(why, whylen, "they cover blocks %llu to %llu of its %llu",
		    (unsigned long long)t->lo, (unsigned long long)t->hi,
		    (unsigned long long)block_count(sn.draws));
		st = SENSE_BAD_TOTALS;
	}
	if (st == SENSE_OK && !totals_hold(&sn, t, why, whylen))
		st = SENSE_BAD_TOTALS;
	if (st == SENSE_OK) {
		sn.tot = (struct sense_totals *)t;	/* summarise only reads it */
		out->draws = t->n;
		summarise(&sn, out);
	}
	teardown(&sn);
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
