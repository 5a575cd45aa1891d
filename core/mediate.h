/*
** mediate.h: mediation and coercion (core.md §3; Ifediora, "Strategic Coercion and
** International Mediation of Atrocity-related Conflict").
**
** A mediator proposes x_m, the part of the stake offered to the rebels, in the stake's
** units (the file's `proposal` share × V). Each party accepts when what accepting gives
** it is at least its BATNA, its best alternative to the agreement:
**
**   accept_S = U_S(x_m) − α_S,   U_S(x) = r_S·(V − g·x − (1 − g)·x_sq) − ρ·n·x − σ_S(settled)
**   accept_R = U_R(x_m) − α_R,   U_R(x) = λ·r_R·(g·x + (1 − g)·x_sq) − σ_R(settled)
**   batna_i  = W_i − β_i         (W_S, W_R: the §1 war payoffs)
**
** where α_i is the expected sanction sum on i `when accepts(M)` (a benefit is a negative
** cost, so a reward raises accept_i) and β_i the expected sanction sum on i `when
** rejects(M)`: coercion worsens the BATNA of the party that refuses.
**
** Same plain-struct rules as core.h: no allocation, one call is one draw, every amount
** is in the unit of V.
*/
#ifndef SCEN_CORE_MEDIATE_H
#define SCEN_CORE_MEDIATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/core.h"

/*
** The coercion on one party, as the caller sums it from the sanction rules that target
** the party (cost positive, benefit negative), split on the intervention coin as in
** struct core_sanctions:
**
**   rejects: the rules whose `when` holds when the party rejects M. What follows is a war
**            like any other (core.md, Sanctions): evaluate `when` with rejects(M) and war
**            true, accepts(M) and settled false, atrocities by the capacity rule
**            (core_conflict.atrocities), provoked from the rebels' attribute, and both
**            values of the coin; core_mediate takes the expectation with the range's q;
**   accepts: the rules whose `when` holds when it accepts M: a settlement (settled and
**            accepts(M) true, war, atrocities and rejects(M) false, provoked from the
**            rebels' attribute). There is no war, so no coin: `intervened` is false,
**            if_out is the sum and if_in is never read.
**
** Only the rules whose `when` mentions rejects(M) or accepts(M) belong here; the rest are
** already in the range's σ(war) and σ(settled), which the caller computed with rejects(M)
** and accepts(M) false. A rule with no `intervened` in it has if_in = if_out.
*/
struct core_coercion {
	struct core_sanctions rejects, accepts;
};

/* One party's verdict on the proposal. */
struct core_mediation_side {
	double accept;		/* U_i(x_m) − α_i: what accepting gives it */
	double batna;		/* W_i − β_i: what refusing leaves it */
	double margin;		/* accept − batna: > 0 by how much it prefers to accept */
	bool accepts;		/* margin ≥ 0 (up to 1e-9·V): ACCEPTS, else REJECTS */
	double shortfall;	/* REJECTS: −margin, the rejection sanctions it would still
				 * need (or the benefits of acceptance); 0 when it accepts */
	double status_quo;	/* its status-quo payoff: state r_S·(V − x_sq) − σ_S(status quo),
				 * rebels λ·r_R·x_sq − σ_R(status quo) */
	bool hurts;		/* ripeness: W_i < status_quo, the stalemate hurts it */
};

/*
** The enticing zone: the proposals x in [0, V] that both parties accept, [lo, hi], or
** none (empty; lo = hi = 0). Both payoffs are linear in x, U_S falling and U_R rising, so
** the set is an interval: x ≥ the rebels' threshold, x ≤ the state's. When a payoff does
** not depend on x (g = 0, and ρ·n = 0 for the state), the party accepts every x or none.
*/
struct core_zone {
	bool empty;
	double lo, hi;
};

struct core_mediation {
	double proposal;	/* x_m as given */
	/* Under the present coercion. */
	struct core_mediation_side state, rebels;
	bool agreement;		/* both accept: AGREEMENT; else NO AGREEMENT */
	struct core_zone zone;
	/* The counterfactual without coercion (α = β = 0 for both): what the coercion
	 * achieves. hurts and status_quo are the same as above. */
	struct core_mediation_side state_free, rebels_free;
	bool agreement_free;
	struct core_zone zone_free;
	bool mutually_hurting;	/* state.hurts && rebels.hurts */
};

/*
** §3: the parties' verdicts on the proposal x_m. c is the conflict and r the range that
** core_bargain(c, r) computed for it (W_S, W_R, σ and q are read from r); state and
** rebels the coercion on each (NULL: none).
**
** A mediator's proposal is taken as made: `divisible = false` and `step` restrict the
** offers of §1's bargaining, not what a mediator may propose, so they are ignored here,
** and so is the zone (any x in [lo, hi] counts). x_m is not clamped either: a proposal
** outside [0, V] is the caller's to refuse. With g = 0 (no settlement can be carried
** out) the formulas still hold: U_i does not depend on x_m, as §1's U_i.
*/
void core_mediate(const struct core_conflict *c, const struct core_range *r, double proposal,
		  const struct core_coercion *state, const struct core_coercion *rebels,
		  struct core_mediation *out);

/* core_mediate in two steps, for many draws that differ only in the coercion (issue 15):
** what no coercion changes, once (core_mediate_fix: the parties' payoffs from x_m and from
** 0, W_i, the slopes of U_i, and the whole counterfactual without coercion, ripeness
** included), then each coercion (core_mediate_fixed: the verdicts and zone under it, the
** fields of *out that f->free does not hold; the rest of *out is left as it is). The
** same doubles as core_mediate, which is these two with *out = f->free between. */
struct core_mediate_fixed {
	double tol, value, q, war_state, war_rebels;
	double accept_state, accept_rebels;	/* U_S(x_m), U_R(x_m) */
	double zero_state, zero_rebels;		/* U_S(0), U_R(0) */
	double slope_state, slope_rebels;	/* dU_S/dx, dU_R/dx */
	struct core_mediation free;	/* proposal, *_free, ripeness and mutually_hurting */
};
void core_mediate_fix(const struct core_conflict *c, const struct core_range *r, double proposal,
		      struct core_mediate_fixed *f);
void core_mediate_fixed(const struct core_mediate_fixed *f, const struct core_coercion *state,
			const struct core_coercion *rebels, struct core_mediation *out);

/* core_mediate_fixed for n draws at once, the coercion on each party ([0] the state, [1]
** the rebels) given by columns of n values: α (accepts.if_out) and β's two sums
** (rejects.if_in, rejects.if_out). Out: each draw's margins; its zone's bounds, NAN where
** the zone is empty (a zone's bounds are never NAN: lo starts at 0, hi at V); and the
** counts of the draws where each side accepts, both do, and the zone is not empty. The
** same doubles as core_mediate_fixed, draw by draw. */
struct core_mediate_columns {
	const double *alpha[2], *rejects_in[2], *rejects_out[2];
	double *margin[2], *zone_lo, *zone_hi;
	uint64_t accepts[2], agreements, zones;
};
void core_mediate_columns(const struct core_mediate_fixed *f, unsigned n,
			  struct core_mediate_columns *k);

/* U_R(x): the rebel leaders' payoff from a settlement at x (§1), the counterpart of
** core_settle_state. */
double core_settle_rebels(const struct core_conflict *c, const struct core_range *r, double x);

#endif
