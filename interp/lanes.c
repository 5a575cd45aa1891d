/*
** lanes.c: what a settlement draw adds to its report's totals, and a settlement report
** over a whole block of draws at once (issue 15). run.c computes the model's values of
** a block by columns (draw.c: draw_model_block); when the conflict's struct for the core
** changes from draw to draw only in fields that are those values themselves (no
** private value or patron, no sanction rule that reads what a draw changes: those need
** the VM in each draw),
** the struct is filled once for the block and each draw writes only those fields, then
** runs the core's inline bargaining (core/bargain.h) and records. The same doubles as
** draw_settlement, draw by draw: the same fields, the same formulas.
*/
#include <math.h>
#include <stddef.h>

#include "core/bargain.h"
#include "interp/interp_int.h"

void settle_record(struct acc *a, double *values, uint64_t i, const struct settle_draw *s)
{
	const struct core_range *r = &s->r;
	enum core_verdict v = s->verdict;
	/* With g = 0, x_min and x_max divide by g: undefined, so not measured (NAN), and
	** neither is the gap; a mean over no draw is printed as undefined, not as 0. With
	** λ = 0, x_min is ±∞ (the leaders accept any offer, or none: core/bargain.h,
	** x_min_at): not a quantity either, nor the gap it makes. */
	double undefined = r->committed ? 0 : NAN;
	double gap = r->verdict == CORE_BREAKDOWN ? r->gap : 0;
	double stat[NSTATS] = { (isfinite(r->x_min) ? r->x_min : NAN) + undefined,
				r->x_max + undefined, (isfinite(gap) ? gap : NAN) + undefined,
				s->p_war, NAN };
	a->n++;
	a->verdicts[v]++;
	a->without_patron[s->without_patron]++;
	if (s->screened) {
		stat[ST_OFFER] = s->screen.offer;
		acc_add(a, &a->sum_eu, s->screen.eu_state);
	}
	if (v == CORE_BREAKDOWN) {
		acc_add(a, &a->sum_p_breakdown, r->p);
		for (unsigned w = s->why.single; w; w &= w - 1)
			a->causes[__builtin_ctz(w)]++;
		if (!s->why.single && s->why.pair) {
			a->pairs++;
			int x = __builtin_ctz(s->why.pair);
			int y = __builtin_ctz(s->why.pair & (s->why.pair - 1));
			a->pair_count[x * CORE_NCAUSES + y]++;
		} else if (!s->why.single) {
			s->why.jointly ? a->jointly++ : a->uncaused++;
		}
	}
	for (int k = 0; k < NSTATS; k++)
		values[k * RUN_BLOCK + i] = stat[k];
}

void settle_sums(struct acc *a, const double *values, unsigned n)
{
	for (int k = 0; k < NSTATS; k++) {
		const double *v = &values[k * RUN_BLOCK];
		xsum sum = 0;
		uint64_t measured = 0, too_large = 0;
		for (unsigned i = 0; i < n; i++) {
			if (isnan(v[i]))
				continue;
			measured++;
			if (xsum_fits(v[i]))
				sum += xsum_of(v[i]);
			else
				too_large++;
		}
		a->sum[k] += sum;
		a->nstat[k] += measured;
		a->too_large += too_large;
	}
}

/* One field of the core's struct that a column of the block fills. */
struct lane_field {
	const double *column;
	size_t offset;
};

/* The fields of the core's struct that slot fills directly (draw.c: fill), at most 2,
** into out; -1 when it feeds a field through a test (divisible, capacity, provoked: an
** event of the rules). A value
** the draws change is never NaN (store() stops the run), so a field that falls back on
** another when unset (win_if_in on win, chance_if_atrocities on chance) does so in
** every draw or in none: as the template says. */
static int fields_of(const struct iconflict *ic, const struct draw_state *d, unsigned slot,
		     size_t *out)
{
#define AT(member) offsetof(struct core_conflict, member)
	struct { int slot; size_t at; } direct[] = {
		{ (int)ic->value, AT(value) }, { (int)ic->status_quo, AT(status_quo) },
		{ (int)ic->step, AT(step) }, { (int)ic->win, AT(win) },
		{ ic->win_if_in, AT(win_if_in) }, { ic->chance, AT(chance) },
		{ ic->chance_if_atrocities, AT(chance_if_atrocities) },
		{ ic->cost_to_state, AT(cost_to_state) }, { ic->cost_to_rebels, AT(cost_to_rebels) },
		{ ic->will, AT(will) }, { (int)ic->leaders_share, AT(leaders_share) },
		{ (int)ic->leaders_cost, AT(leaders_cost) }, { (int)ic->challengers, AT(challengers) },
		{ (int)ic->reputation, AT(reputation) },
		{ (int)ic->s_cost, AT(state.cost) }, { (int)ic->s_resolve, AT(state.resolve) },
		{ (int)ic->s_belief, AT(state.belief) }, { (int)ic->s_expects, AT(state.expects) },
		{ (int)ic->r_cost, AT(rebels.cost) }, { (int)ic->r_resolve, AT(rebels.resolve) },
		{ (int)ic->r_belief, AT(rebels.belief) }, { (int)ic->r_expects, AT(rebels.expects) },
	};
	if (slot == ic->divisible || slot == ic->capacity || slot == ic->provoked)
		return -1;
	int n = 0;
	for (size_t k = 0; k < sizeof direct / sizeof *direct; k++)
		if (direct[k].slot == (int)slot)
			out[n++] = direct[k].at;
	/* The fallbacks of draw.c's fill: win_if_in on win, chance_if_atrocities on
	** chance, when the file leaves them unset. */
	if (slot == ic->win && (ic->win_if_in < 0 || isnan(d->slots[ic->win_if_in])))
		out[n++] = AT(win_if_in);
	if ((int)slot == ic->chance && (ic->chance_if_atrocities < 0
					|| isnan(d->slots[ic->chance_if_atrocities])))
		out[n++] = AT(chance_if_atrocities);
#undef AT
	return n;
}

/* The template of ic for the block (d->slots at one draw's values) and the fields its
** columns change; false when the block needs draw_settlement for each draw. */
static bool lanes_plan(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		       struct core_conflict *c0, struct lane_field *f, unsigned *nf)
{
	if (ic->patron)
		return false;
	/* A rule that reads only events and values no draw changes (draw.c: draw_rule_values)
	** gives every draw of the block the sums of the template: its events are those of
	** the branch and of fields no draw changes here (atrocities, provoked). */
	for (unsigned k = 0; k < ic->nsanctions; k++)
		if (!it->sanctions[ic->sanctions[k]].memo)
			return false;
	*nf = 0;
	for (unsigned k = 0; k < d->ndrawn; k++) {
		size_t at[4];
		int n = fields_of(ic, d, d->drawn[k], at);
		if (n < 0)
			return false;
		for (int j = 0; j < n; j++)
			f[(*nf)++] = (struct lane_field){ d->column[d->drawn[k]], at[j] };
	}
	fill_conflict(it, d, ic, c0, -1);
	return true;
}

bool lanes_settle(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		  uint64_t first, unsigned n, struct acc *a, double *values)
{
	struct core_conflict c0;
	struct lane_field f[2 * 32];
	unsigned nf;
	if (d->ndrawn > 32 || !lanes_plan(it, d, ic, &c0, f, &nf))
		return false;
	/* The draws write their fields into s.c and into each factor's working copy
	** (core/bargain.h: causes_with), filled once for the block. */
	struct settle_draw s;
	struct core_conflict w[CORE_NCAUSES];
	s.c = c0;
	for (int k = 0; k < CORE_NCAUSES; k++)
		w[k] = c0;
	s.screened = s.private_only = false;
	s.without_patron = CORE_NO_THREAT;
	bool private = ic->private_vnode >= 0;
	for (unsigned i = 0; i < n; i++) {
		for (unsigned k = 0; k < nf; k++) {
			double v = f[k].column[i];
			*(double *)((char *)&s.c + f[k].offset) = v;
			for (int j = 0; j < CORE_NCAUSES; j++)
				*(double *)((char *)&w[j] + f[k].offset) = v;
		}
		bargain_in(&s.c, &s.r);
		s.why.single = s.why.pair = 0;
		s.why.jointly = false;
		if (private) {
			/* Screening, as draw_settlement: on this draw's slots (the types
			** of a private value that others read are evaluated by the VM),
			** then the causes on the range without it. */
			struct core_range base = s.r;
			draw_lane(d, i);
			d->env.draw = first + i;
			draw_settle_verdict(it, d, ic, true, &s);
			if (s.verdict == CORE_BREAKDOWN && !s.private_only)
				causes_with(&s.c, &base, w, &s.why);
			if (draw_stopped(d))
				break;
		} else {
			s.verdict = s.r.verdict;
			s.p_war = s.verdict == CORE_BREAKDOWN;
			if (s.verdict == CORE_BREAKDOWN)
				causes_with(&s.c, &s.r, w, &s.why);
		}
		if (xsum_fits(s.c.value))
			a->sum_value += xsum_of(s.c.value);
		settle_record(a, values, i, &s);
	}
	return true;
}
