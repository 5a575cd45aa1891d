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
#include "core/clones.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/*
** core_mediate_fixed over the columns of a block (issue 15), four draws a vector: assess's
** operations, in its order, on every lane, the tests selected by masks (no branch on a
** draw's values: whether each side accepts is a coin in many files), the slopes' signs
** decided once. The zone's two acceptance sets are both computed (assess skips the second
** when the first is empty, and an empty zone's bounds are not kept either way).
*/
#define MED_W 4
typedef double med_v __attribute__((vector_size(MED_W * sizeof(double))));
typedef int64_t med_m __attribute__((vector_size(MED_W * sizeof(double))));
#define MED_LOAD(p) (__extension__({ med_v v_; memcpy(&v_, (p), sizeof v_); v_; }))
#define MED_STORE(p, v) (__extension__({ med_v s_ = (v); memcpy((p), &s_, sizeof s_); }))
#define MED_SELECT(m, a, b) ((med_v)(((m) & (med_m)(a)) | (~(m) & (med_m)(b))))
#define MED_ISNAN(x) ((x) != (x))
/* max_of and min_of (core/bargain.h), lane by lane */
#define MED_MAX(x, y) MED_SELECT(MED_ISNAN(x), (y), MED_SELECT(MED_ISNAN(y), (x), \
				 MED_SELECT((x) > (y), (x), (y))))
#define MED_MIN(x, y) MED_SELECT(MED_ISNAN(x), (y), MED_SELECT(MED_ISNAN(y), (x), \
				 MED_SELECT((x) < (y), (x), (y))))

/* accept_set on lanes: lo, hi narrowed, the mask of lanes whose set is not empty. */
#define MED_ACCEPT_SET(a0, slope, batna, tol, lo, hi, ok) do {			\
	if ((slope) == 0) {							\
		(ok) = ~((a0) - (batna) < -(tol)) & ((lo) <= (hi) + (tol));	\
	} else {								\
		med_v t_ = ((batna) - (a0)) / (slope);				\
		if ((slope) > 0)						\
			(lo) = MED_MAX((lo), t_);				\
		else								\
			(hi) = MED_MIN((hi), t_);				\
		(ok) = (lo) <= (hi) + (tol);					\
	}									\
} while (0)

SCEN_VECTOR_CLONES
static void columns_by_vectors(const struct core_mediate_fixed *f, unsigned n,
			       struct core_mediate_columns *k)
{
	const med_v zero = { 0 }, nan_ = zero + NAN;
	const double q = f->q, tol = f->tol;
	med_m accepts_s = { 0 }, accepts_r = { 0 }, agree = { 0 }, zones = { 0 };
	for (unsigned i = 0; i + MED_W <= n; i += MED_W) {
		med_v as = MED_LOAD(k->alpha[0] + i), ar = MED_LOAD(k->alpha[1] + i);
		med_v bs = q * MED_LOAD(k->rejects_in[0] + i) + (1 - q) * MED_LOAD(k->rejects_out[0] + i);
		med_v br = q * MED_LOAD(k->rejects_in[1] + i) + (1 - q) * MED_LOAD(k->rejects_out[1] + i);
		med_v batna_s = f->war_state - bs, batna_r = f->war_rebels - br;
		med_v margin_s = (f->accept_state - as) - batna_s;
		med_v margin_r = (f->accept_rebels - ar) - batna_r;
		med_m yes_s = margin_s >= -tol, yes_r = margin_r >= -tol;
		med_v lo = zero, hi = zero + f->value;
		med_m ok_s, ok_r;
		MED_ACCEPT_SET(f->zero_state - as, f->slope_state, batna_s, tol, lo, hi, ok_s);
		MED_ACCEPT_SET(f->zero_rebels - ar, f->slope_rebels, batna_r, tol, lo, hi, ok_r);
		med_m ok = ok_s & ok_r;
		MED_STORE(k->margin[0] + i, margin_s);
		MED_STORE(k->margin[1] + i, margin_r);
		MED_STORE(k->zone_lo + i, MED_SELECT(ok, lo, nan_));
		MED_STORE(k->zone_hi + i, MED_SELECT(ok, MED_MAX(lo, hi), nan_));
		accepts_s -= yes_s;
		accepts_r -= yes_r;
		agree -= yes_s & yes_r;
		zones -= ok;
	}
	for (int l = 0; l < MED_W; l++) {
		k->accepts[0] += (uint64_t)accepts_s[l];
		k->accepts[1] += (uint64_t)accepts_r[l];
		k->agreements += (uint64_t)agree[l];
		k->zones += (uint64_t)zones[l];
	}
}

void core_mediate_columns(const struct core_mediate_fixed *f, unsigned n,
			  struct core_mediate_columns *k)
{
	k->accepts[0] = k->accepts[1] = k->agreements = k->zones = 0;
	columns_by_vectors(f, n, k);
	for (unsigned i = n - n % MED_W; i < n; i++) {	/* the last few, by assess itself */
		double bs = f->q * k->rejects_in[0][i] + (1 - f->q) * k->rejects_out[0][i];
		double br = f->q * k->rejects_in[1][i] + (1 - f->q) * k->rejects_out[1][i];
		struct core_mediation_side s, r;
		bool agreement;
		struct core_zone z;
		assess(f, k->alpha[0][i], bs, k->alpha[1][i], br, &s, &r, &agreement, &z);
		k->margin[0][i] = s.margin;
		k->margin[1][i] = r.margin;
		k->zone_lo[i] = z.empty ? NAN : z.lo;
		k->zone_hi[i] = z.empty ? NAN : z.hi;
		k->accepts[0] += s.accepts;
		k->accepts[1] += r.accepts;
		k->agreements += agreement;
		k->zones += !z.empty;
	}
}
