/*
** mediate.c: a mediator's proposal, the parties' BATNAs under coercion, the enticing
** zone and ripeness (core.md §3; Ifediora: a party accepts only what beats its BATNA,
** and coercion works by worsening the BATNA of the party that refuses).
**
** Conventions as in bargain.c: amounts in the unit of V; a comparison that arithmetic
** closes exactly (margin = 0) counts as acceptance, up to 1e-9·V.
*/
#include "core/mediate.h"

#include "core/bargain.h"

#include <math.h>
#include <stddef.h>

double core_settle_rebels(const struct core_conflict *c, const struct core_range *r, double x)
{
	double g = c->will;
	return c->leaders_share * c->rebels.resolve * (g * x + (1 - g) * c->status_quo)
	       - r->sigma_rebels[CORE_SETTLED];
}

/* The expected sums α (accepts) and β (rejects) on one party; none without coercion.
** Rejecting means war, where the coin is tossed with the range's q; accepting is a
** settlement, where there is no coin (mediate.h). */
static void coercion_sums(const struct core_coercion *k, double q, double *alpha, double *beta)
{
	*alpha = k ? k->accepts.if_out : 0;
	*beta = k ? q * k->rejects.if_in + (1 - q) * k->rejects.if_out : 0;
}

static void verdict(double accept, double batna, double tol, struct core_mediation_side *s)
{
	s->accept = accept;
	s->batna = batna;
	s->margin = accept - batna;
	s->accepts = s->margin >= -tol;
	s->shortfall = s->accepts ? 0 : -s->margin;
}

/*
** One side's acceptance set within [0, V] for a payoff a0 + slope·x against its BATNA:
** x ≥ t when slope > 0, x ≤ t when slope < 0, all or nothing when slope = 0. The set is
** intersected into [*lo, *hi]; false when it is empty. max_of and min_of are glibc's
** fmax and fmin (core/bargain.h), inline.
*/
static inline bool accept_set(double a0, double slope, double batna, double tol, double *lo,
		       double *hi)
{
	if (slope == 0) {
		if (a0 - batna < -tol)
			return false;
	} else {
		double t = (batna - a0) / slope;
		if (slope > 0)
			*lo = max_of(*lo, t);
		else
			*hi = min_of(*hi, t);
	}
	return *lo <= *hi + tol;
}

/* Verdicts and zone for one coercion setting, from what no coercion changes (f): the
** payoffs U_i(x_m) and U_i(0) (core_settle_state, core_settle_rebels), W_i, the slopes. */
static void assess(const struct core_mediate_fixed *f, double alpha_s, double beta_s,
		   double alpha_r, double beta_r, struct core_mediation_side *s,
		   struct core_mediation_side *rb, bool *agreement, struct core_zone *z)
{
	double tol = f->tol;
	double batna_s = f->war_state - beta_s, batna_r = f->war_rebels - beta_r;
	verdict(f->accept_state - alpha_s, batna_s, tol, s);
	verdict(f->accept_rebels - alpha_r, batna_r, tol, rb);
	*agreement = s->accepts && rb->accepts;
	/* The enticing zone for these accept-sanctions (alpha) and BATNAs. */
	double lo = 0, hi = f->value;
	bool ok = accept_set(f->zero_state - alpha_s, f->slope_state, batna_s, tol, &lo, &hi)
		  && accept_set(f->zero_rebels - alpha_r, f->slope_rebels, batna_r, tol, &lo, &hi);
	z->empty = !ok;
	z->lo = ok ? lo : 0;
	z->hi = ok ? max_of(lo, hi) : 0;	/* a point closed within tol is [lo, lo] */
}

/* Ripeness (Zartman, via Ifediora): the stalemate hurts a party whose war payoff is below
** what the status quo gives it. */
static void ripeness(const struct core_conflict *c, const struct core_range *r,
		     struct core_mediation_side *s, struct core_mediation_side *rb)
{
	s->status_quo = c->state.resolve * (c->value - c->status_quo)
			- r->sigma_state[CORE_STATUS_QUO];
	rb->status_quo = c->leaders_share * c->rebels.resolve * c->status_quo
			 - r->sigma_rebels[CORE_STATUS_QUO];
	s->hurts = r->war_state < s->status_quo;
	rb->hurts = r->war_rebels < rb->status_quo;
}

void core_mediate_fix(const struct core_conflict *c, const struct core_range *r, double proposal,
		      struct core_mediate_fixed *f)
{
	double g = c->will;
	f->tol = core_tolerance(c);
	f->value = c->value;
	f->q = r->q;
	f->war_state = r->war_state;
	f->war_rebels = r->war_rebels;
	f->accept_state = core_settle_state(c, r, proposal);
	f->accept_rebels = core_settle_rebels(c, r, proposal);
	f->zero_state = core_settle_state(c, r, 0);
	f->zero_rebels = core_settle_rebels(c, r, 0);
	f->slope_state = -(g * c->state.resolve + c->reputation * c->challengers);
	f->slope_rebels = g * c->leaders_share * c->rebels.resolve;
	struct core_mediation *m = &f->free;
	m->proposal = proposal;
	assess(f, 0, 0, 0, 0, &m->state_free, &m->rebels_free, &m->agreement_free, &m->zone_free);
	ripeness(c, r, &m->state, &m->rebels);
	ripeness(c, r, &m->state_free, &m->rebels_free);
	m->mutually_hurting = m->state.hurts && m->rebels.hurts;
}

void core_mediate_fixed(const struct core_mediate_fixed *f, const struct core_coercion *state,
			const struct core_coercion *rebels, struct core_mediation *out)
{
	double as, bs, ar, br;
	coercion_sums(state, f->q, &as, &bs);
	coercion_sums(rebels, f->q, &ar, &br);
	assess(f, as, bs, ar, br, &out->state, &out->rebels, &out->agreement, &out->zone);
}

void core_mediate(const struct core_conflict *c, const struct core_range *r, double proposal,
		  const struct core_coercion *state, const struct core_coercion *rebels,
		  struct core_mediation *out)
{
	struct core_mediate_fixed f;
	core_mediate_fix(c, r, proposal, &f);
	*out = f.free;
	core_mediate_fixed(&f, state, rebels, out);
}
