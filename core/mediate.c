/*
** mediate.c: a mediator's proposal, the parties' BATNAs under coercion, the enticing
** zone and ripeness (core.md §3; Ifediora: a party accepts only what beats its BATNA,
** and coercion works by worsening the BATNA of the party that refuses).
**
** Conventions as in bargain.c: amounts in the unit of V; a comparison that arithmetic
** closes exactly (margin = 0) counts as acceptance, up to 1e-9·V.
*/
#include "core/mediate.h"

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
** intersected into [*lo, *hi]; false when it is empty.
*/
static bool accept_set(double a0, double slope, double batna, double tol, double *lo,
		       double *hi)
{
	if (slope == 0) {
		if (a0 - batna < -tol)
			return false;
	} else {
		double t = (batna - a0) / slope;
		if (slope > 0)
			*lo = fmax(*lo, t);
		else
			*hi = fmin(*hi, t);
	}
	return *lo <= *hi + tol;
}

/* The enticing zone for the given accept-sanctions (alpha) and BATNAs. */
static void zone(const struct core_conflict *c, const struct core_range *r,
		 double alpha_s, double batna_s, double alpha_r, double batna_r,
		 struct core_zone *z)
{
	double tol = core_tolerance(c);
	double g = c->will;
	double slope_s = -(g * c->state.resolve + c->reputation * c->challengers);
	double slope_r = g * c->leaders_share * c->rebels.resolve;
	double lo = 0, hi = c->value;
	bool ok = accept_set(core_settle_state(c, r, 0) - alpha_s, slope_s, batna_s, tol, &lo, &hi)
		  && accept_set(core_settle_rebels(c, r, 0) - alpha_r, slope_r, batna_r, tol,
				&lo, &hi);
	z->empty = !ok;
	z->lo = ok ? lo : 0;
	z->hi = ok ? fmax(lo, hi) : 0;	/* a point closed within tol is [lo, lo] */
}

/* Verdicts and zone for one coercion setting. */
static void assess(const struct core_conflict *c, const struct core_range *r, double x,
		   double alpha_s, double beta_s, double alpha_r, double beta_r,
		   struct core_mediation_side *s, struct core_mediation_side *rb, bool *agreement,
		   struct core_zone *z)
{
	double tol = core_tolerance(c);
	double batna_s = r->war_state - beta_s, batna_r = r->war_rebels - beta_r;
	verdict(core_settle_state(c, r, x) - alpha_s, batna_s, tol, s);
	verdict(core_settle_rebels(c, r, x) - alpha_r, batna_r, tol, rb);
	*agreement = s->accepts && rb->accepts;
	zone(c, r, alpha_s, batna_s, alpha_r, batna_r, z);
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

void core_mediate(const struct core_conflict *c, const struct core_range *r, double proposal,
		  const struct core_coercion *state, const struct core_coercion *rebels,
		  struct core_mediation *out)
{
	double as, bs, ar, br;
	coercion_sums(state, r->q, &as, &bs);
	coercion_sums(rebels, r->q, &ar, &br);
	out->proposal = proposal;
	assess(c, r, proposal, as, bs, ar, br, &out->state, &out->rebels, &out->agreement,
	       &out->zone);
	assess(c, r, proposal, 0, 0, 0, 0, &out->state_free, &out->rebels_free,
	       &out->agreement_free, &out->zone_free);
	ripeness(c, r, &out->state, &out->rebels);
	ripeness(c, r, &out->state_free, &out->rebels_free);
	out->mutually_hurting = out->state.hurts && out->rebels.hurts;
}
