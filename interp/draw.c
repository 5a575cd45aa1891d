/*
** draw.c: one draw. draw_model evaluates every value that varies, in dependency order;
** draw_settlement turns the slots into the core's struct for one conflict, adds the
** expected sanctions of each branch, and asks the core for the range, the verdict, the
** causes and, when the rebels hold a private value, the state's screening offer.
**
** Out of range: a value the table bounds (a probability, a cost) that a draw pushes
** outside its range is clamped into it and counted (the report says how often); a
** value that is not a number (division by zero, log of a negative), or one at or below
** an open lower bound (a resolve of 0 or less), stops the run with an error naming the
** attribute, the draw and the value.
*/
#include <assert.h>
#include <float.h>
#include <limits.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/clones.h"
#include "interp/column.h"
#include "interp/interp_int.h"
#include "util/xalloc.h"

int draw_store_check(const struct vnode *vn, double *v)
{
	/* A value at or below an open lower bound (resolve, step: above 0) has no nearest
	** value inside the range to be clamped to; clamping it to the bound would divide
	** by zero in the core. It stops the run like a value that is not a number. */
	bool number = vn->def && vn->def->type == AT_NUMBER;
	if (!isfinite(*v) || (number && vn->def->flags & AF_LO_OPEN && *v <= vn->def->lo))
		return -1;
	if (number && (*v < vn->def->lo || *v > vn->def->hi)) {
		*v = *v < vn->def->lo ? vn->def->lo : vn->def->hi;
		return 1;
	}
	return 0;
}

static void store(const struct interp *it, struct draw_state *d, unsigned i, double v)
{
	double kept = v;
	int how = draw_store_check(it->m->order[i], &kept);
	if (how < 0) {
		if (d->error_vnode < 0) {
			d->error_vnode = (int)i;
			d->error_value = v;
		}
		kept = 0;
	}
	d->clamped[i] += how > 0;
	d->slots[it->slot_of[i]] = kept;
}

void draw_model(const struct interp *it, struct draw_state *d, const struct igroup *g)
{
	for (unsigned i = 0; i < it->m->norder; i++)
		if (it->varies[i] && !(g->has_vnode && g->vnode == i) &&
		    !(g->second.has_vnode && g->second.vnode == i))
			store(it, d, i, vm_eval(&it->chunks[i], &d->env, NULL));
}

/* The values that vary in group g (draw_model's), by vnode: false for the swept ones. */
static bool drawn_in(const struct interp *it, const struct igroup *g, unsigned i)
{
	return it->varies[i] && !(g->has_vnode && g->vnode == i) &&
	       !(g->second.has_vnode && g->second.vnode == i);
}

static void columns_alloc(const struct interp *it, struct draw_state *d)
{
	unsigned maxstack = 0;
	for (unsigned i = 0; i < it->m->norder; i++)
		if (it->varies[i] && it->chunks[i].maxstack > maxstack)
			maxstack = it->chunks[i].maxstack;
	d->column = xcalloc(it->nslots + 1, sizeof *d->column);
	d->colbuf = xmalloc(((size_t)it->m->norder + 1) * RUN_BLOCK * sizeof *d->colbuf);
	d->scratch = xmalloc(((size_t)maxstack + 1) * RUN_BLOCK * sizeof *d->scratch);
	d->colstack = xmalloc((maxstack + 1) * sizeof *d->colstack);
	d->drawn = xmalloc((it->m->norder + 1) * sizeof *d->drawn);
}

/* x[0, n) into o, each clamped into [lo, hi] (lo ≤ hi), how many into *clamped; false
** when one is not a number or (lo_open) at or below lo. Branch-free on vectors, by the
** processor's widest (core/clones.h): a value is clamped when it is changed. */
SCEN_VECTOR_CLONES
static bool clamp_column(const double *x, unsigned n, double lo, double hi, bool lo_open,
			 double *o, uint32_t *clamped)
{
	const scen_vm open = (scen_vm){ 0 } - (int64_t)lo_open;
	const scen_vd low = (scen_vd){ 0 } + lo, high = (scen_vd){ 0 } + hi;
	scen_vm bad = { 0 }, out = { 0 };
	unsigned k = 0;
	for (; k + SCEN_V <= n; k += SCEN_V) {
		scen_vd y, r;
		memcpy(&y, x + k, sizeof y);
		bad |= ((scen_vm)y & INT64_MAX) >= 0x7ff0000000000000;	/* ±∞ or NaN */
		bad |= open & (y <= low);
		scen_vm below = y < low;
		r = (scen_vd)((below & (scen_vm)low) | (~below & (scen_vm)y));
		scen_vm above = r > high;
		r = (scen_vd)((above & (scen_vm)high) | (~above & (scen_vm)r));
		out -= (scen_vm)r != (scen_vm)y;
		memcpy(o + k, &r, sizeof r);
	}
	int64_t any = 0, count = 0;
	for (int j = 0; j < SCEN_V; j++) {
		any |= bad[j];
		count += out[j];
	}
	for (; k < n; k++) {
		double y = x[k];
		any |= !isfinite(y) || (lo_open && y <= lo);
		o[k] = y < lo ? lo : y > hi ? hi : y;
		count += o[k] != y;
	}
	*clamped = (uint32_t)count;
	return !any;
}

/* Value i's column into its slot's, clamped as store() would; false when some draw's
** value cannot be stored (store() then reports it). */
static bool store_column(const struct interp *it, struct draw_state *d, unsigned i,
			 const struct col *v, unsigned n)
{
	const struct vnode *vn = it->m->order[i];
	double *o = d->colbuf + (size_t)i * RUN_BLOCK;
	/* draw_store_check's tests with its bounds hoisted, branch-free over the column: a
	** value that is not a number has no bounds (±∞ clamp nothing finite). */
	bool number = vn->def && vn->def->type == AT_NUMBER;
	bool lo_open = number && vn->def->flags & AF_LO_OPEN;
	double lo = number ? vn->def->lo : -HUGE_VAL, hi = number ? vn->def->hi : HUGE_VAL;
	assert(lo <= hi);
	uint32_t clamped = 0;
	if (v->v && v->bounded && (lo_open ? v->lo > lo : v->lo >= lo) && v->hi <= hi)
		memcpy(o, v->v, n * sizeof *o);	/* every draw finite and inside */
	else if (v->v ? !clamp_column(v->v, n, lo, hi, lo_open, o, &clamped)
		 : !clamp_column(&v->k, 1, lo, hi, lo_open, o, &clamped))
		return false;
	for (unsigned k = 1; !v->v && k < n; k++)
		o[k] = o[0];
	d->clamped[i] += v->v ? clamped : clamped * n;
	d->column[it->slot_of[i]] = o;
	return true;
}

/* A value col_eval cannot run (a jump, a call, an event), by the scalar VM, draw by
** draw, on each draw's slots: false when one met a builtin outside its domain. */
static bool eval_lanes(const struct interp *it, struct draw_state *d, unsigned i,
		       uint64_t first, unsigned n, struct col *out)
{
	double *o = d->scratch;
	for (unsigned k = 0; k < n; k++) {
		d->env.draw = first + k;
		draw_lane(d, k);
		o[k] = vm_eval(&it->chunks[i], &d->env, NULL);
		if (d->fault.site)
			return false;
	}
	*out = (struct col){ .v = o };
	return true;
}

/* A value the same in every draw of the block (interp.fixed), once. */
static bool eval_once(const struct interp *it, struct draw_state *d, unsigned i, uint64_t first,
		      struct col *out)
{
	d->env.draw = first;
	*out = (struct col){ .k = vm_eval(&it->chunks[i], &d->env, NULL) };
	return !d->fault.site;
}

bool draw_model_block(const struct interp *it, struct draw_state *d, const struct igroup *g,
		      uint64_t first, unsigned n)
{
	if (d->env.hold || d->env.force_stream >= 0)
		return false;
	if (!d->column)
		columns_alloc(it, d);
	struct col_env e = { d->slots, d->column, d->env.keys, first, n, it->sites, d->scratch,
			     d->colstack };
	d->ndrawn = 0;
	for (unsigned i = 0; i < it->m->norder; i++) {
		if (!drawn_in(it, g, i))
			continue;
		struct col v;
		bool ok = it->fixed && it->fixed[i] ? eval_once(it, d, i, first, &v)
			  : col_supports(&it->chunks[i]) ? col_eval(&it->chunks[i], &e, &v)
			  : eval_lanes(it, d, i, first, n, &v);
		if (!ok || !store_column(it, d, i, &v, n)) {
			draw_columns_clear(d);
			return false;
		}
		d->drawn[d->ndrawn++] = it->slot_of[i];
	}
	return true;
}

void draw_columns_clear(struct draw_state *d)
{
	for (unsigned k = 0; k < d->ndrawn; k++)
		d->column[d->drawn[k]] = NULL;
	d->ndrawn = 0;
}

void draw_lane(struct draw_state *d, unsigned k)
{
	for (unsigned j = 0; j < d->ndrawn; j++)
		d->slots[d->drawn[j]] = d->column[d->drawn[j]][k];
}

static double slot_or(const struct draw_state *d, int slot, double otherwise)
{
	return slot < 0 ? otherwise : d->slots[slot];
}

/* Sets the events of branch b outside the provocation game (core.md, Sanctions): war or
** settled, atrocities in a war fought with them, provoked (the rebels' attribute when
** provoked < 0); intervened false. A mediation's war after a rejection is a war like any
** other, so its rules see the same events. */
void draw_branch_events(const struct iconflict *ic, struct draw_state *d,
			const struct core_conflict *c, enum core_branch b, int provoked)
{
	d->events[EV_WAR] = b == CORE_WAR;
	d->events[EV_SETTLED] = b == CORE_SETTLED;
	d->events[EV_ATROCITIES] = b == CORE_WAR && c->atrocities;
	d->events[EV_PROVOKED] = provoked < 0 ? d->slots[ic->provoked] : provoked;
	d->events[EV_INTERVENED] = 0;
}

/* The entry of d->memo for s at the current events, or NULL: s is not remembered, or
** an event it reads is neither 0 nor 1 (bit for bit). */
static struct rule_memo *memo_of(struct draw_state *d, const struct isanction *s)
{
	if (!s->memo)
		return NULL;
	unsigned key = 0;
	for (unsigned k = 0; k < s->nev; k++) {
		double e = d->events[s->ev[k]];
		if (e == 1)
			key |= 1u << k;
		else if (e != 0 || signbit(e))
			return NULL;
	}
	return &d->memo[s->memo_base + key];
}

/* Whether rule s's `when` holds in this draw and branch, with its amount (unsigned)
** then. A remembered evaluation is kept only when it met no builtin outside its
** domain, so that such a call is still found in the draw where it happens. */
bool draw_rule_values(struct draw_state *d, const struct isanction *s, double *amount)
{
	struct rule_memo *m = memo_of(d, s);
	if (m && m->known) {
		*amount = m->amount;
		return m->when != 0;
	}
	bool clean = !d->fault.site;
	double when = vm_eval(&s->when, &d->env, NULL);
	*amount = when != 0 ? vm_eval(&s->amount, &d->env, NULL) : 0;
	if (m && clean && !d->fault.site)
		*m = (struct rule_memo){ when, *amount, true };
	return when != 0;
}

void sanction_sums(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		   const struct core_conflict *c, enum core_branch b, int provoked,
		   const unsigned *rules, unsigned n, struct core_sanctions sums[2])
{
	draw_branch_events(ic, d, c, b, provoked);
	for (unsigned i = 0; i < n; i++) {
		const struct isanction *s = &it->sanctions[rules[i]];
		int who = s->on == ic->info->state ? 0 : s->on == ic->info->rebels ? 1 : -1;
		if (who < 0)
			continue;
		/* The coin is tossed only in a war (core.h, struct core_sanctions). */
		for (int in = 0; in <= (b == CORE_WAR); in++) {
			d->events[EV_INTERVENED] = in;
			double amount;
			if (!draw_rule_values(d, s, &amount))
				continue;
			*(in ? &sums[who].if_in : &sums[who].if_out) += s->sign * amount;
		}
	}
	memset(d->events, 0, it->nevents * sizeof *d->events);
}

/* σ for both parties in every branch, from the rules on the conflict's sides but
** ic->sanctions[omit] (UINT_MAX: none), which deterrence leaves out (core.md §4). */
static void add_sanctions(const struct interp *it, struct draw_state *d,
			  const struct iconflict *ic, struct core_conflict *c, int provoked,
			  unsigned omit)
{
	unsigned n = ic->nsanctions, cut = omit < n ? omit : n;
	if (n == 0)
		return;		/* fill cleared every σ */
	for (unsigned b = 0; b < CORE_NBRANCHES; b++) {
		struct core_sanctions sums[2] = { { 0, 0 }, { 0, 0 } };
		sanction_sums(it, d, ic, c, b, provoked, ic->sanctions, cut, sums);
		if (cut < n)
			sanction_sums(it, d, ic, c, b, provoked, ic->sanctions + cut + 1,
				      n - cut - 1, sums);
		c->state.sanctions[b] = sums[0];
		c->rebels.sanctions[b] = sums[1];
	}
}

/* The core's struct for ic; without its patron (patron false: core.md §5), the resolve
** is untouched by the tripwire and the patron does not intervene: the conflict as if
** the file had no patron. */
static void fill(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		 struct core_conflict *c, int provoked, bool patron, unsigned omit)
{
	const double *s = d->slots;
	memset(c, 0, sizeof *c);
	c->value = s[ic->value];
	c->status_quo = s[ic->status_quo];
	c->divisible = s[ic->divisible] != 0;
	c->step = isnan(s[ic->step]) ? 0 : s[ic->step];
	c->win = s[ic->win];
	c->chance = slot_or(d, ic->chance, 0);
	c->chance_if_atrocities = slot_or(d, ic->chance_if_atrocities, NAN);
	if (isnan(c->chance_if_atrocities))
		c->chance_if_atrocities = c->chance;
	c->win_if_in = slot_or(d, ic->win_if_in, NAN);
	if (isnan(c->win_if_in))
		c->win_if_in = c->win;
	c->cost_to_state = slot_or(d, ic->cost_to_state, 0);
	c->cost_to_rebels = slot_or(d, ic->cost_to_rebels, 0);
	c->will = slot_or(d, ic->will, 1);
	c->leaders_share = s[ic->leaders_share];
	c->leaders_cost = s[ic->leaders_cost];
	c->challengers = s[ic->challengers];
	c->reputation = s[ic->reputation];
	c->atrocities = core_atrocities(ic->violence, s[ic->capacity]);
	c->state = (struct core_party){ s[ic->s_cost], s[ic->s_resolve], s[ic->s_belief],
					s[ic->s_expects], { { 0, 0 } } };
	c->rebels = (struct core_party){ s[ic->r_cost], s[ic->r_resolve], s[ic->r_belief],
					 s[ic->r_expects], { { 0, 0 } } };
	if (patron && ic->tripwire[0].len)
		c->state.resolve *= vm_eval(&ic->tripwire[0], &d->env, NULL);
	if (patron && ic->tripwire[1].len)
		c->rebels.resolve *= vm_eval(&ic->tripwire[1], &d->env, NULL);
	if (!patron && ic->patron_intervenes) {
		c->chance = c->chance_if_atrocities = 0;
		c->cost_to_state = c->cost_to_rebels = 0;	/* its cost_to_other */
		c->win_if_in = c->win;
	}
	add_sanctions(it, d, ic, c, provoked, omit);
}

void fill_conflict(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		   struct core_conflict *c, int provoked)
{
	fill(it, d, ic, c, provoked, true, UINT_MAX);
}

void fill_conflict_without(const struct interp *it, struct draw_state *d,
			   const struct iconflict *ic, struct core_conflict *c, int provoked,
			   unsigned omit)
{
	fill(it, d, ic, c, provoked, true, omit);
}

/* Re-evaluates the private value (drawn at u, or normally when u < 0) and what
** depends on it. */
static void redraw_private(const struct interp *it, struct draw_state *d,
			   const struct iconflict *ic, double u)
{
	d->env.force_stream = u < 0 ? -1 : ic->private_stream;
	d->env.force_u = u;
	store(it, d, (unsigned)ic->private_vnode,
	      vm_eval(&it->chunks[ic->private_vnode], &d->env, NULL));
	for (unsigned n = 0; n < ic->ndownstream; n++)
		store(it, d, ic->downstream[n],
		      vm_eval(&it->chunks[ic->downstream[n]], &d->env, NULL));
	d->env.force_stream = -1;
}

static int ascending(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The field of the core's struct that a rebels' slot fills, or NULL. */
static double *rebels_field(const struct iconflict *ic, struct core_conflict *c, unsigned slot)
{
	if (slot == ic->r_cost) return &c->rebels.cost;
	if (slot == ic->r_resolve) return &c->rebels.resolve;
	if (slot == ic->r_belief) return &c->rebels.belief;
	if (slot == ic->r_expects) return &c->rebels.expects;
	if (slot == ic->leaders_share) return &c->leaders_share;
	if (slot == ic->leaders_cost) return &c->leaders_cost;
	return NULL;
}

/* A type's threshold for core_screen: its x_min, −HUGE_VAL when it poses no threat (it
** never fights: core.md §2), HUGE_VAL when no settlement can be carried out (g = 0). */
static double type_threshold(const struct core_range *r)
{
	if (r->verdict == CORE_NO_THREAT)
		return -HUGE_VAL;
	return r->committed ? r->x_min : HUGE_VAL;
}

/* The threshold of each of the K types, computed in full (the private value feeds
** others). */
static void thresholds_slow(const struct interp *it, struct draw_state *d,
			    const struct iconflict *ic, bool patron)
{
	for (unsigned k = 0; k < d->types && !draw_stopped(d); k++) {
		redraw_private(it, d, ic, (k + 0.5) / d->types);
		struct core_conflict c;
		struct core_range r;
		fill(it, d, ic, &c, -1, patron, UINT_MAX);
		core_bargain(&c, &r);
		d->thresholds[k] = type_threshold(&r);
	}
	redraw_private(it, d, ic, -1);
}

/* The K private values: the quantiles at (k + ½)/K, computed once per run when the
** distribution does not vary. */
static const double *private_types(const struct interp *it, struct draw_state *d,
				   const struct iconflict *ic, double *scratch)
{
	unsigned n = (unsigned)(ic - it->conflicts);
	if (ic->private_fixed && d->types_of[n])
		return d->types_of[n];
	double *out = ic->private_fixed ? xmalloc(d->types * sizeof *out) : scratch;
	d->env.force_stream = ic->private_stream;
	for (unsigned k = 0; k < d->types && !draw_stopped(d); k++) {
		d->env.force_u = (k + 0.5) / d->types;
		out[k] = vm_eval(&it->chunks[ic->private_vnode], &d->env, NULL);
	}
	d->env.force_stream = -1;
	if (ic->private_fixed)
		d->types_of[n] = out;
	return out;
}

/* The thresholds of types theta on the lines a + b·θ (x_min) and ta + tb·θ (the threat
** test) into t (which may be theta itself). The quantiles ascend, so with b < 0 (a
** cost's x_min falls with it) the thresholds descend: written from the end (in pairs,
** for t = theta), they arrive ascending and order_thresholds only checks them. No NaN
** can arise (b is finite and non-zero; a NaN type fails the threat test), so when the
** quantiles are not monotone the sort sees the same values either way. */
static void thresholds_on_lines(const struct threshold_memo *l, const double *theta,
				double *t, unsigned K)
{
	double a = l->a, b = l->b, ta = l->ta, tb = l->tb;
	if (b < 0)
		for (unsigned lo = 0, hi = K - 1; lo <= hi && hi < K; lo++, hi--) {
			double tl = theta[lo], th = theta[hi];
			t[hi] = ta + tb * tl > 0 ? a + b * tl : -HUGE_VAL;
			t[lo] = ta + tb * th > 0 ? a + b * th : -HUGE_VAL;
		}
	else
		for (unsigned k = 0; k < K; k++)
			t[k] = ta + tb * theta[k] > 0 ? a + b * theta[k] : -HUGE_VAL;
}

/* The threshold of each type (type_threshold) when only the private field changes: NULL
** when no offer can succeed, else where they are, *ordered when already in order. For a
** cost, x_min and the threat test are affine in it, so two evaluations give all K; when
** even the most willing type wants more than the whole stake, or no settlement can be
** carried out, no offer can succeed. Fixed types on the lines of the conflict's last
** draw (a public value that leaves them alone: bench/screening.scen's state's cost)
** have the same thresholds, bit for bit: those are kept, ordered, per conflict. */
static double *thresholds_fast(const struct interp *it, struct draw_state *d,
			       const struct iconflict *ic, struct settle_draw *out,
			       double *field, bool *ordered)
{
	if (!out->r.committed)
		return NULL;
	const double *theta = private_types(it, d, ic, d->thresholds);
	bool affine = field == &out->c.rebels.cost || field == &out->c.leaders_cost;
	struct core_conflict c = out->c;
	double *f = (double *)((char *)&c + ((char *)field - (char *)&out->c));
	struct threshold_memo line = { 0 };
	if (affine) {
		*f = 0;
		line.a = core_x_min(&c, &out->r), line.ta = core_threat(&c, &out->r);
		*f = 1;
		line.b = core_x_min(&c, &out->r) - line.a;
		line.tb = core_threat(&c, &out->r) - line.ta;
		/* An infinite x_min (λ = 0: core/bargain.h) is not a line: −∞ − (−∞) is NaN,
		** and every type is computed as it is (below). */
		affine = isfinite(line.a) && isfinite(line.b);
	}
	if (affine) {
		double lowest = fmin(line.a + line.b * theta[0],
				     line.a + line.b * theta[d->types - 1]);
		if (lowest > c.value * (1 + 1e-9))
			return NULL;	/* every type wants more than the whole stake */
		if (theta == d->thresholds) {	/* types drawn anew: nothing to keep */
			thresholds_on_lines(&line, theta, d->thresholds, d->types);
			return d->thresholds;
		}
		struct threshold_memo *held = &d->held[ic - it->conflicts];
		*ordered = held->t && memcmp(held, &line, offsetof(struct threshold_memo, t)) == 0;
		if (!*ordered) {
			line.t = held->t ? held->t : xmalloc(d->types * sizeof *line.t);
			thresholds_on_lines(&line, theta, line.t, d->types);
			*held = line;	/* screen orders them next */
		}
		return held->t;
	}
	for (unsigned k = 0; k < d->types; k++) {
		*f = theta[k];
		d->thresholds[k] = core_threat(&c, &out->r) > 0 ? core_x_min(&c, &out->r)
								: -HUGE_VAL;
	}
	return d->thresholds;
}

bool draw_screen_hopeless(const struct interp *it, struct draw_state *d,
			  const struct iconflict *ic, const struct core_conflict *c0)
{
	if (ic->private_vnode < 0 || ic->ndownstream || !ic->private_fixed || ic->patron)
		return false;
	struct settle_draw s;
	s.c = *c0;
	core_bargain(&s.c, &s.r);
	double *field = rebels_field(ic, &s.c, it->slot_of[ic->private_vnode]);
	if (field != &s.c.rebels.cost && field != &s.c.leaders_cost)
		return false;	/* not affine in it: thresholds_fast forms every type */
	bool ordered = false;
	return !thresholds_fast(it, d, ic, &s, field, &ordered) && !draw_stopped(d);
}

static void order_thresholds(double *t, unsigned K)
{
	unsigned up = 1, down = 1;	/* the ascending and descending runs from t[0] */
	while (up < K && t[up - 1] <= t[up])
		up++;
	while (up < K && down < K && t[down - 1] >= t[down])
		down++;
	bool sorted = up >= K, reversed = down >= K;
	if (reversed && !sorted)
		for (unsigned k = 0; k < K / 2; k++) {
			double x = t[k];
			t[k] = t[K - 1 - k];
			t[K - 1 - k] = x;
		}
	else if (!sorted)
		qsort(t, K, sizeof *t, ascending);
}

/* §2: the state knows the distribution of the rebels' private value, not the draw.
** Its K types are the distribution's quantiles at (k + ½)/K: a stratified sample, so
** the thresholds need no random numbers and, for a cost, come out already ordered.
** When nothing else depends on the private value, only its own field of the core's
** struct changes from type to type, and x_min is all that is recomputed (not when the
** field is a resolve that a tripwire scales: the type's value would lose the scaling).
** Called when the drawn type poses a threat. The draw is RISK when the best offer is
** refused by some of the types that pose a threat and accepted by others; when every
** one of them fights it is a BREAKDOWN (with its causes), when none does, §1's verdict
** for the drawn type stands. */
static void screen(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		   bool patron, struct settle_draw *out)
{
	unsigned slot = it->slot_of[ic->private_vnode];
	bool scaled = slot == ic->r_resolve && patron && ic->tripwire[1].len;
	double *field = ic->ndownstream || scaled ? NULL : rebels_field(ic, &out->c, slot);
	bool ordered = false;
	double *t = d->thresholds;
	if (field && !(t = thresholds_fast(it, d, ic, out, field, &ordered))) {
		out->screen = (struct core_screen){ 0, 1, 1, 1, out->r.war_state };
		if (out->r.verdict == CORE_SETTLE)
			out->r.verdict = CORE_BREAKDOWN;
		return;
	}
	if (!field)
		thresholds_slow(it, d, ic, patron);
	if (!ordered)
		order_thresholds(t, d->types);
	core_screen(&out->c, &out->r, t, d->types, &out->screen);
	out->screened = out->screen.p_war > 0 && out->screen.p_war < 1;
	if (out->screen.p_war >= 1 && out->r.verdict == CORE_SETTLE) {
		/* The range exists for the true type, but the state, not knowing it, prefers
		** war to any offer: private information alone breaks down, which none of the
		** §1 factors explains (it is counted as "none of the factors"). */
		out->r.verdict = CORE_BREAKDOWN;
		out->private_only = true;
	}
}

/*
** One draw's analysis of ic, with or without its patron: the range of the drawn values
** and, with a private value, the state's screening. A draw's verdict and P(war) are set
** here for every report (core.md §2, "A report's mean P(war)"): the chance that war
** breaks out in this draw, given what the verdict says of it. A draw whose drawn type
** poses no threat is NO THREAT, as §1 (verdict 1, tested first) says, whatever the state
** offers: that type never fights, so its P(war) is 0 and the state's screening is not
** needed to know it. A RISK draw's type poses a threat, and its P(war) is the chance that
** such a type refuses the offer (core_screen's p_war), not diluted by the types that pose
** none: over the draws, the mean P(war) is then the chance that war breaks out over all
** draws and types. SETTLE is 0, BREAKDOWN 1.
*/
static void settle(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		   bool patron, struct settle_draw *out)
{
	fill(it, d, ic, &out->c, -1, patron, UINT_MAX);
	core_bargain(&out->c, &out->r);
	draw_settle_verdict(it, d, ic, patron, out);
}

void draw_settle_verdict(const struct interp *it, struct draw_state *d,
			 const struct iconflict *ic, bool patron, struct settle_draw *out)
{
	out->screened = false;
	out->private_only = false;
	if (ic->private_vnode >= 0 && out->r.verdict != CORE_NO_THREAT)
		screen(it, d, ic, patron, out);
	out->verdict = out->screened ? CORE_RISK : out->r.verdict;
	out->p_war = out->screened ? out->screen.p_war : out->verdict == CORE_BREAKDOWN;
}

void draw_settlement(const struct interp *it, struct draw_state *d,
		     const struct iconflict *ic, struct settle_draw *out)
{
	fill(it, d, ic, &out->c, -1, true, UINT_MAX);
	draw_settlement_filled(it, d, ic, out);
}

void draw_settlement_filled(const struct interp *it, struct draw_state *d,
			    const struct iconflict *ic, struct settle_draw *out)
{
	core_bargain(&out->c, &out->r);
	draw_settle_verdict(it, d, ic, true, out);
	/* Only these are read when no cause is found (run.c, paired.c, strategic.c); a
	** without[] is read only under its bit of single, which core_causes then wrote.
	** Clearing all 1,136 bytes of why cost 6% of a draw (issue 15). */
	out->why.single = out->why.pair = 0;
	out->why.jointly = false;
	if (out->verdict == CORE_BREAKDOWN && !out->private_only)
	{
		/* Without a private value nothing has touched core_bargain's range. */
		if (ic->private_vnode < 0)
			core_causes_of(&out->c, &out->r, &out->why);
		else
			core_causes(&out->c, &out->why);
	}
	out->without_patron = CORE_NO_THREAT;
	if (ic->patron) {
		/* The same analysis, screening included, on the conflict without the patron
		** (core.md §5): the verdict of the file with the patron deleted. */
		struct settle_draw without;
		settle(it, d, ic, false, &without);
		out->without_patron = without.verdict;
	}
}
