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
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp_int.h"
#include "xalloc.h"

static void store(const struct interp *it, struct draw_state *d, unsigned i, double v)
{
	const struct vnode *vn = it->m->order[i];
	/* A value at or below an open lower bound (resolve, step: above 0) has no nearest
	** value inside the range to be clamped to; clamping it to the bound would divide
	** by zero in the core. It stops the run like a value that is not a number. */
	bool open_below = vn->def && vn->def->type == AT_NUMBER && vn->def->flags & AF_LO_OPEN
			  && v <= vn->def->lo;
	if (!isfinite(v) || open_below) {
		if (d->error_vnode < 0) {
			d->error_vnode = (int)i;
			d->error_value = v;
		}
		v = 0;
	} else if (vn->def && vn->def->type == AT_NUMBER) {
		double lo = vn->def->lo, hi = vn->def->hi;
		if (v < lo || v > hi) {
			v = v < lo ? lo : hi;
			d->clamped[i]++;
		}
	}
	d->slots[it->slot_of[i]] = v;
}

void draw_model(const struct interp *it, struct draw_state *d, const struct igroup *g)
{
	for (unsigned i = 0; i < it->m->norder; i++)
		if (it->varies[i] && !(g->has_vnode && g->vnode == i))
			store(it, d, i, vm_eval(&it->chunks[i], &d->env, NULL));
}

static double slot_or(const struct draw_state *d, int slot, double otherwise)
{
	return slot < 0 ? otherwise : d->slots[slot];
}

/* σ for both parties in every branch: each rule's `when` and amount, evaluated with the
** branch's events and both values of the intervention coin (core.md, Sanctions); rule
** ic->sanctions[omit] left out (UINT_MAX: none). */
static void add_sanctions(const struct interp *it, struct draw_state *d,
			  const struct iconflict *ic, struct core_conflict *c, int provoked,
			  unsigned omit)
{
	const struct symbol *state = ic->info->state;
	for (unsigned b = 0; b < CORE_NBRANCHES; b++) {
		d->events[EV_WAR] = b == CORE_WAR;
		d->events[EV_SETTLED] = b == CORE_SETTLED;
		d->events[EV_ATROCITIES] = b == CORE_WAR && c->atrocities;
		d->events[EV_PROVOKED] = provoked < 0 ? d->slots[ic->provoked] : provoked;
		for (unsigned n = 0; n < ic->nsanctions; n++) {
			if (n == omit)
				continue;
			const struct isanction *s = &it->sanctions[ic->sanctions[n]];
			struct core_party *who = s->on == state ? &c->state : &c->rebels;
			for (int in = 0; in <= 1; in++) {
				d->events[EV_INTERVENED] = in;
				if (vm_eval(&s->when, &d->env, NULL) == 0)
					continue;
				double amount = s->sign * vm_eval(&s->amount, &d->env, NULL);
				if (in)
					who->sanctions[b].if_in += amount;
				else
					who->sanctions[b].if_out += amount;
			}
		}
	}
	memset(d->events, 0, it->nevents * sizeof *d->events);
}

void fill_conflict(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		   struct core_conflict *c, int provoked)
{
	fill_conflict_without(it, d, ic, c, provoked, UINT_MAX);
}

void fill_conflict_without(const struct interp *it, struct draw_state *d,
			   const struct iconflict *ic, struct core_conflict *c, int provoked,
			   unsigned omit)
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
	if (ic->tripwire[0].len)
		c->state.resolve *= vm_eval(&ic->tripwire[0], &d->env, NULL);
	if (ic->tripwire[1].len)
		c->rebels.resolve *= vm_eval(&ic->tripwire[1], &d->env, NULL);
	add_sanctions(it, d, ic, c, provoked, omit);
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

/* x_min of each of the K types, computed in full (the private value feeds others). */
static void thresholds_slow(const struct interp *it, struct draw_state *d,
			    const struct iconflict *ic)
{
	for (unsigned k = 0; k < d->types; k++) {
		redraw_private(it, d, ic, (k + 0.5) / d->types);
		struct core_conflict c;
		struct core_range r;
		fill_conflict(it, d, ic, &c, -1);
		core_bargain(&c, &r);
		d->thresholds[k] = r.committed ? r.x_min : HUGE_VAL;
	}
	redraw_private(it, d, ic, -1);
}

/* §2: the state knows the distribution of the rebels' private value, not the draw.
** Its K types are the distribution's quantiles at (k + ½)/K: a stratified sample, so
** the thresholds need no random numbers and, for a cost, come out already ordered.
** When nothing else depends on the private value, only its own field of the core's
** struct changes from type to type, and x_min is all that is recomputed. */
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
	for (unsigned k = 0; k < d->types; k++) {
		d->env.force_u = (k + 0.5) / d->types;
		out[k] = vm_eval(&it->chunks[ic->private_vnode], &d->env, NULL);
	}
	d->env.force_stream = -1;
	if (ic->private_fixed)
		d->types_of[n] = out;
	return out;
}

/* x_min of each type when only the private field changes. For a cost x_min is affine
** in it, so two evaluations give all K, and when even the most willing type wants more
** than the whole stake no offer can succeed: returns true, thresholds unset. */
static bool thresholds_fast(const struct interp *it, struct draw_state *d,
			    const struct iconflict *ic, struct settle_draw *out, double *field)
{
	const double *theta = private_types(it, d, ic, d->thresholds);
	bool affine = field == &out->c.rebels.cost || field == &out->c.leaders_cost;
	struct core_conflict c = out->c;
	double *f = (double *)((char *)&c + ((char *)field - (char *)&out->c));
	if (affine) {
		*f = 0;
		double a = core_x_min(&c, &out->r);
		*f = 1;
		double b = core_x_min(&c, &out->r) - a;
		double lowest = fmin(a + b * theta[0], a + b * theta[d->types - 1]);
		if (lowest > c.value * (1 + 1e-9))
			return true;	/* every type wants more than the whole stake */
		for (unsigned k = 0; k < d->types; k++)
			d->thresholds[k] = a + b * theta[k];
		return false;
	}
	for (unsigned k = 0; k < d->types; k++) {
		*f = theta[k];
		d->thresholds[k] = core_x_min(&c, &out->r);
	}
	return false;
}

static void order_thresholds(double *t, unsigned K)
{
	bool sorted = true, reversed = true;
	for (unsigned k = 1; k < K; k++) {
		sorted &= t[k - 1] <= t[k];
		reversed &= t[k - 1] >= t[k];
	}
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
** struct changes from type to type, and x_min is all that is recomputed. The draw is
** RISK when the best offer is refused by some types and accepted by others; when
** every type fights it is a BREAKDOWN (with its causes), when none does a SETTLE. */
static void screen(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		   struct settle_draw *out)
{
	double *field = ic->ndownstream ? NULL
		      : rebels_field(ic, &out->c, it->slot_of[ic->private_vnode]);
	if (field && thresholds_fast(it, d, ic, out, field)) {
		out->screen = (struct core_screen){ 0, 1, out->r.war_state };
		out->screened = false;
		if (out->r.verdict == CORE_SETTLE)
			out->r.verdict = CORE_BREAKDOWN;
		return;
	}
	if (!field)
		thresholds_slow(it, d, ic);
	order_thresholds(d->thresholds, d->types);
	core_screen(&out->c, &out->r, d->thresholds, d->types, &out->screen);
	out->screened = out->screen.p_war > 0 && out->screen.p_war < 1;
	if (out->screen.p_war >= 1 && out->r.verdict == CORE_SETTLE) {
		/* The range exists for the true type, but the state, not knowing it, prefers
		** war to any offer: private information alone breaks down, which none of the
		** §1 factors explains (it is counted as "none of the factors"). */
		out->r.verdict = CORE_BREAKDOWN;
		out->private_only = true;
	}
}

/* The verdict had the patron not been there: no troops, and no patron intervention. */
static enum core_verdict verdict_without_patron(const struct interp *it, struct draw_state *d,
						const struct iconflict *ic,
						const struct settle_draw *with)
{
	struct core_conflict c = with->c;
	struct core_range r;
	c.state.resolve = d->slots[ic->s_resolve];
	c.rebels.resolve = d->slots[ic->r_resolve];
	if (ic->patron_intervenes)
		c.chance = c.chance_if_atrocities = 0;
	(void)it;
	core_bargain(&c, &r);
	return r.verdict;
}

void draw_settlement(const struct interp *it, struct draw_state *d,
		     const struct iconflict *ic, struct settle_draw *out)
{
	fill_conflict(it, d, ic, &out->c, -1);
	core_bargain(&out->c, &out->r);
	out->screened = false;
	out->without_patron = CORE_NO_THREAT;
	memset(&out->why, 0, sizeof out->why);
	out->private_only = false;
	if (ic->private_vnode >= 0 && out->r.verdict != CORE_NO_THREAT)
		screen(it, d, ic, out);
	if (!out->screened && !out->private_only && out->r.verdict == CORE_BREAKDOWN)
		core_causes(&out->c, &out->why);
	if (ic->patron)
		out->without_patron = verdict_without_patron(it, d, ic, out);
}
