/*
** bargain.h: the bargaining range, its verdict and the causes of a breakdown (core.md §1),
** as inline functions: bargain.c's core_bargain and core_causes_of are these, and a
** caller that runs them over a block of draws (interp/lanes.c) inlines them there, so
** that the compiler keeps the conflict's fields in registers and drops the work the
** file's constants make trivial (issue 15). One copy of every formula.
**
** Conventions. Every quantity is in units of the stake's value V. A range is "not
** empty" up to a tolerance of 1e-9·V, so that a range closed exactly by arithmetic
** (x_min = x_max) counts as a point, not as a breakdown by rounding.
*/
#ifndef SCEN_BARGAIN_H
#define SCEN_BARGAIN_H

#include <math.h>
#include <string.h>

#include "core/core.h"

/* a / b, without the division when b is 1: the same double (x / 1 is x exactly, IEEE
** 754), at a fraction of its cost, and b is 1 in most files (λ = r_R = g = 1; issue 15). */
static inline double over(double a, double b)
{
	return b == 1 ? a : a / b;
}

/* fmax and fmin as glibc computes them on x86-64 (maxsd, minsd; a NaN gives the
** other), inline rather than through the PLT: x when it is strictly beyond y, else y,
** so that of two zeros the second is returned. */
static inline double max_of(double x, double y)
{
	return isnan(x) ? y : isnan(y) ? x : x > y ? x : y;
}

static inline double min_of(double x, double y)
{
	return isnan(x) ? y : isnan(y) ? x : x < y ? x : y;
}

/* ---- the formulas on numbers (core.md §1). Each is a macro, so that one text computes
** a double (the functions below, and so bargain_in) and a vector of lanes (core/lanes.h,
** with GCC's vector extensions): the same operations in the same order, the same
** doubles. ---- */

/* (1 − q)·p⁰ + q·p⁺: the true chance at q, and a belief from an expectation q_i. */
#define MIX_CHANCE(q, win, win_if_in) ((1 - (q)) * (win) + (q) * (win_if_in))
/* σ(war) = q·if_in + (1 − q)·if_out (core.md, Sanctions). */
#define SIGMA_WAR(q, if_in, if_out) ((q) * (if_in) + (1 - (q)) * (if_out))
/* The heads of W_R, x_min and x_max, and a cost q·k: the parts of the formulas below
** that lanes compute once for a block when their operands are the same in every lane
** (core/lanes.h). Each formula is written with them as it associates (left to right:
** a·b·c − d·e − f is ((a·b)·c − d·e) − f), so that the doubles are those of the whole. */
#define WAR_HEAD(lr, b, V) ((lr) * (b) * (V))
#define COST_OF(q, k) ((q) * (k))
#define X_MIN_HEAD(b, V) ((b) * (V))
#define X_MIN_TAIL(g, x_sq) ((1 - (g)) * (x_sq))
#define X_MAX_HEAD(r_s, b_s, V, g, x_sq) ((r_s) * (b_s) * (V) - (r_s) * (1 - (g)) * (x_sq))
/* W_R = λr_R·b_R·V − κ·c_R − q_R·k_R − σ_R(war), lr = λ·r_R. */
#define WAR_REBELS_OF(head, kappa, c, qk_r, s_war) ((head) - (kappa) * (c) - (qk_r) - (s_war))
#define WAR_REBELS(lr, b, V, kappa, c, q_r, k_r, s_war) \
	WAR_REBELS_OF(WAR_HEAD(lr, b, V), kappa, c, COST_OF(q_r, k_r), s_war)
/* W_S = r_S·(1 − b_S)·V − c_S − q_S·k − σ_S(war). */
#define WAR_STATE(r_s, b_s, V, c_s, q_s, k, s_war) \
	((r_s) * (1 - (b_s)) * (V) - (c_s) - (q_s) * (k) - (s_war))
/* What the leaders have without a war, λr_R·x_sq − σ_R(status quo). */
#define NO_THREAT(lr, x_sq, s_sq) ((lr) * (x_sq) - (s_sq))
/* What a war costs the leaders more than a settlement, net: κ·c_R + q_R·k_R + σ_R(war)
** − σ_R(settled). */
#define REBELS_NET_OF(kappa, c, qk_r, s_war, s_settled) \
	((kappa) * (c) + (qk_r) + (s_war) - (s_settled))
#define REBELS_NET(kappa, c, q_r, k_r, s_war, s_settled) \
	REBELS_NET_OF(kappa, c, COST_OF(q_r, k_r), s_war, s_settled)
/* x_min·g = b_R·V − net/(λr_R) − (1 − g)·x_sq, with per_unit = net/(λr_R). */
#define X_MIN_NUMER_OF(head, per_unit, tail) ((head) - (per_unit) - (tail))
#define X_MIN_NUMER(b, V, per_unit, g, x_sq) \
	X_MIN_NUMER_OF(X_MIN_HEAD(b, V), per_unit, X_MIN_TAIL(g, x_sq))
/* x_max = numer / denom: (r_S·b_S·V − r_S·(1 − g)·x_sq + c_S + q_S·k + σ_S(war)
** − σ_S(settled)) / (g·r_S + ρ·n). */
#define X_MAX_NUMER_OF(head, c_s, qk_s, s_war, s_settled) \
	((head) + (c_s) + (qk_s) + (s_war) - (s_settled))
#define X_MAX_NUMER(r_s, b_s, V, g, x_sq, c_s, q_s, k, s_war, s_settled) \
	X_MAX_NUMER_OF(X_MAX_HEAD(r_s, b_s, V, g, x_sq), c_s, COST_OF(q_s, k), s_war, s_settled)
#define X_MAX_DENOM(g, r_s, rho, n) ((g) * (r_s) + (rho) * (n))

static inline double mix_chance(double q, double win, double win_if_in)
{
	return MIX_CHANCE(q, win, win_if_in);
}

static inline double sigma_war(double q, double if_in, double if_out)
{
	return SIGMA_WAR(q, if_in, if_out);
}

static inline double war_rebels_of(double lr, double b, double V, double kappa, double c,
				   double q_r, double k_r, double s_war)
{
	return WAR_REBELS(lr, b, V, kappa, c, q_r, k_r, s_war);
}

static inline double war_state_of(double r_s, double b_s, double V, double c_s, double q_s,
				  double k, double s_war)
{
	return WAR_STATE(r_s, b_s, V, c_s, q_s, k, s_war);
}

static inline double no_threat_of(double lr, double x_sq, double s_sq)
{
	return NO_THREAT(lr, x_sq, s_sq);
}

static inline double rebels_net_of(double kappa, double c, double q_r, double k_r,
				   double s_war, double s_settled)
{
	return REBELS_NET(kappa, c, q_r, k_r, s_war, s_settled);
}

/* net/(λr_R), and with λr_R = 0: the leaders gain nothing from any concession, and
** accept every offer when what a war costs them more than a settlement, net, is at least
** 0 (x_min = −∞, as net / 0 = +∞ gives), none when it is below 0 (+∞). A net of exactly 0
** would be 0 / 0: they are indifferent, and accept. */
static inline double per_unit_of(double net, double lr)
{
	return lr == 0 && net == 0 ? HUGE_VAL : over(net, lr);
}

static inline double x_min_numer(double b, double V, double per_unit, double g, double x_sq)
{
	return X_MIN_NUMER(b, V, per_unit, g, x_sq);
}

static inline double x_max_numer(double r_s, double b_s, double V, double g, double x_sq,
				 double c_s, double q_s, double k, double s_war, double s_settled)
{
	return X_MAX_NUMER(r_s, b_s, V, g, x_sq, c_s, q_s, k, s_war, s_settled);
}

static inline double x_max_denom(double g, double r_s, double rho, double n)
{
	return X_MAX_DENOM(g, r_s, rho, n);
}

/* ---- on the core's struct ---- */

/* b_i: the belief if set; else from the party's expectation of intervention q_i as
** (1 − q_i)·p⁰ + q_i·p⁺; else the true p. */
static inline double belief_of(const struct core_conflict *c, const struct core_party *who,
			       double p)
{
	if (!isnan(who->belief))
		return who->belief;
	if (!isnan(who->expects))
		return mix_chance(who->expects, c->win, c->win_if_in);
	return p;
}

/* σ(branch): the coin only in the war branch (core.md, Sanctions; core.h). */
static inline void expected_sanctions(const struct core_party *who, double q, double *sigma)
{
	for (int b = 0; b < CORE_NBRANCHES; b++)
		sigma[b] = b == CORE_WAR ? sigma_war(q, who->sanctions[b].if_in,
						     who->sanctions[b].if_out)
				   : who->sanctions[b].if_out;
}

/* q_R: the rebels' own expectation of intervention (expects_intervention, else q), which
** weighs what intervention costs them, k_R, as q_S weighs k (§1, §5). */
static inline double q_rebels(const struct core_conflict *c, double q)
{
	return isnan(c->rebels.expects) ? q : c->rebels.expects;
}

/* W_R = λ·r_R·b_R·V − κ·c_R − q_R·k_R − σ_R(war), and what the leaders have without a
** war, λ·r_R·x_sq − σ_R(status quo) (§1). */
static inline double war_rebels(const struct core_conflict *c, double belief, double q,
			 const double *sigma)
{
	return war_rebels_of(c->leaders_share * c->rebels.resolve, belief, c->value,
			     c->leaders_cost, c->rebels.cost, q_rebels(c, q), c->cost_to_rebels,
			     sigma[CORE_WAR]);
}

static inline double status_quo_rebels(const struct core_conflict *c, const double *sigma)
{
	return no_threat_of(c->leaders_share * c->rebels.resolve, c->status_quo,
			    sigma[CORE_STATUS_QUO]);
}


/* x_min = (b_R·V − (κ·c_R + q_R·k_R + σ_R(war) − σ_R(settled))/(λ·r_R) − (1 − g)·x_sq)/g,
** the least the leaders accept (§1, "Hence"), at the rebels' belief b_R and chance q_R;
** g > 0. */
static inline double x_min_at(const struct core_conflict *c, double belief, double q_r,
		       const double *sR)
{
	double g = c->will, lr = c->leaders_share * c->rebels.resolve;
	double net = rebels_net_of(c->leaders_cost, c->rebels.cost, q_r, c->cost_to_rebels,
				   sR[CORE_WAR], sR[CORE_SETTLED]);
	return over(x_min_numer(belief, c->value, per_unit_of(net, lr), g, c->status_quo), g);
}

/* W_R, W_S, x_min and x_max (§1, "Hence"). */
static inline void range_bounds(const struct core_conflict *c, struct core_range *r)
{
	const struct core_party *S = &c->state;
	double V = c->value, g = c->will;
	const double *sR = r->sigma_rebels, *sS = r->sigma_state;

	r->war_rebels = war_rebels(c, r->b_rebels, r->q, sR);
	r->war_state = war_state_of(S->resolve, r->b_state, V, S->cost, r->q_state,
				    c->cost_to_state, sS[CORE_WAR]);
	r->committed = g > 0;
	if (!r->committed) {
		r->x_min = r->x_max = 0;
		return;
	}
	r->x_min = x_min_at(c, r->b_rebels, r->q_rebels, sR);
	r->x_max = over(x_max_numer(S->resolve, r->b_state, V, g, c->status_quo, S->cost,
				    r->q_state, c->cost_to_state, sS[CORE_WAR], sS[CORE_SETTLED]),
			x_max_denom(g, S->resolve, c->reputation, c->challengers));
}

/* The admissible offer in [lo, hi] nearest the midpoint; false when there is none.
** Offers are any x when divisible, multiples of step when step > 0, else 0 or V;
** between two equally near, the smaller concession. */
static inline bool admissible_split(const struct core_conflict *c, double lo, double hi,
				    double tol,
			     double *split)
{
	double mid = (lo + hi) / 2;
	if (!c->divisible) {
		bool zero = lo <= tol, all = hi >= c->value - tol;
		if (zero && (!all || mid <= c->value - mid))
			*split = 0;
		else if (all)
			*split = c->value;
		return zero || all;
	}
	if (c->step <= 0) {
		*split = mid;
		return true;
	}
	double first = ceil((lo - tol) / c->step), last = floor((hi + tol) / c->step);
	if (first > last)
		return false;
	/* The nearest multiple; a tie (to within rounding: 0.725 / 0.05 is 14.499999...
	** or 14.500001... in binary) goes to the smaller concession. */
	double x = mid / c->step, k = floor(x);
	if (x - k > 0.5 + 1e-9)
		k += 1;
	*split = min_of(max_of(k, first), last) * c->step;
	return true;
}

static inline void range_verdict(const struct core_conflict *c, struct core_range *r)
{
	double tol = core_tolerance(c);
	double no_threat = status_quo_rebels(c, r->sigma_rebels);
	r->lo = max_of(r->x_min, 0);
	r->hi = min_of(r->x_max, c->value);
	r->split = 0;
	r->gap = 0;
	if (r->war_rebels <= no_threat) {
		r->verdict = CORE_NO_THREAT;
	} else if (r->committed && r->lo <= r->hi + tol
		   && admissible_split(c, r->lo, max_of(r->lo, r->hi), tol, &r->split)) {
		r->verdict = CORE_SETTLE;
	} else {
		r->verdict = CORE_BREAKDOWN;
		r->gap = max_of(r->x_min - r->x_max, 0);
	}
}

/* q, the chance of intervention in this war, and p = (1 − q)·p⁰ + q·p⁺. */
static inline double chance_in(const struct core_conflict *c)
{
	return c->atrocities ? c->chance_if_atrocities : c->chance;
}

static inline double true_chance(const struct core_conflict *c, double q)
{
	return mix_chance(q, c->win, c->win_if_in);
}



/* §1 for one draw (core_bargain). */
static inline void bargain_in(const struct core_conflict *c, struct core_range *r)
{
	r->q = chance_in(c);
	r->p = true_chance(c, r->q);
	r->b_state = belief_of(c, &c->state, r->p);
	r->b_rebels = belief_of(c, &c->rebels, r->p);
	r->q_state = isnan(c->state.expects) ? r->q : c->state.expects;
	r->q_rebels = q_rebels(c, r->q);
	expected_sanctions(&c->state, r->q, r->sigma_state);
	expected_sanctions(&c->rebels, r->q, r->sigma_rebels);
	range_bounds(c, r);
	range_verdict(c, r);
}

/* ---- causes ---- */

static inline void clear_sanctions(struct core_party *who)
{
	for (int b = 0; b < CORE_NBRANCHES; b++)
		who->sanctions[b] = (struct core_sanctions){ 0, 0 };
}

/*
** Removes factor f from w, in place. Intervention: no chance of it and no one expecting
** it; a belief set explicitly in the file is kept (the file did not say what the side
** would believe without intervention); beliefs derived from expectations fall back to
** p⁰. Divergent expectations: both sides believe the truth, the state expects the true
** chance of intervention.
*/
static inline void remove_factor(struct core_conflict *w, enum core_cause f)
{
	double p;
	switch (f) {
	case CORE_CAUSE_DIVERGENT:
		p = true_chance(w, chance_in(w));	/* core_bargain's p, no more */
		w->state.belief = w->rebels.belief = p;
		w->state.expects = w->rebels.expects = NAN;
		break;
	case CORE_CAUSE_REPUTATION: w->challengers = 0; break;
	case CORE_CAUSE_INDIVISIBLE: w->divisible = true; w->step = 0; break;
	case CORE_CAUSE_COMMITMENT: w->will = 1; break;
	case CORE_CAUSE_AGENCY: w->leaders_share = w->leaders_cost = 1; break;
	case CORE_CAUSE_SANCTIONS:
		clear_sanctions(&w->state);
		clear_sanctions(&w->rebels);
		break;
	case CORE_CAUSE_INTERVENTION:
		w->chance = w->chance_if_atrocities = 0;
		if (!isnan(w->state.expects))
			w->state.expects = 0;
		if (!isnan(w->rebels.expects))
			w->rebels.expects = 0;
		break;
	case CORE_NCAUSES: break;
	}
}

static inline bool restores(const struct core_conflict *c, unsigned mask, struct core_range *r)
{
	struct core_conflict w = *c;
	/* Last factor first: removing intervention changes p, which divergent reads. */
	for (int f = CORE_NCAUSES - 1; f >= 0; f--)
		if (mask & (1u << f))
			remove_factor(&w, (enum core_cause)f);
	bargain_in(&w, r);
	return r->verdict != CORE_BREAKDOWN;
}

/* x and y the same double, bit for bit (+0 and −0 differ: 1/x would). */
static inline bool same(double x, double y)
{
	return memcmp(&x, &y, sizeof x) == 0;
}

static inline bool no_sanctions(const struct core_party *who)
{
	for (int b = 0; b < CORE_NBRANCHES; b++)
		if (!same(who->sanctions[b].if_in, 0) || !same(who->sanctions[b].if_out, 0))
			return false;
	return true;
}

/* Factor f is absent from c: remove_factor(c, f) would leave every field as it is, bit
** for bit, so the conflict without it is c itself (r is core_bargain of c). */
static inline bool absent(const struct core_conflict *c, const struct core_range *r,
		   enum core_cause f)
{
	switch (f) {
	case CORE_CAUSE_DIVERGENT:
		return same(c->state.belief, r->p) && same(c->rebels.belief, r->p)
		       && isnan(c->state.expects) && isnan(c->rebels.expects);
	case CORE_CAUSE_REPUTATION: return same(c->challengers, 0);
	case CORE_CAUSE_INDIVISIBLE: return c->divisible && same(c->step, 0);
	case CORE_CAUSE_COMMITMENT: return same(c->will, 1);
	case CORE_CAUSE_AGENCY: return same(c->leaders_share, 1) && same(c->leaders_cost, 1);
	case CORE_CAUSE_SANCTIONS: return no_sanctions(&c->state) && no_sanctions(&c->rebels);
	case CORE_CAUSE_INTERVENTION:
		return same(c->chance, 0) && same(c->chance_if_atrocities, 0)
		       && (isnan(c->state.expects) || same(c->state.expects, 0))
		       && (isnan(c->rebels.expects) || same(c->rebels.expects, 0));
	case CORE_NCAUSES: break;
	}
	return false;
}


/* Removing factors i < j together is removing one of them alone (restores removes j
** first), which did not restore a settlement: j is absent from c, or i is absent from
** c and stays so once j is removed. Each factor's absence reads only fields its own
** removal writes, but for two: divergent expectations reads p, which removing
** intervention changes, and intervention reads the expectations, which removing
** divergent expectations sets to NaN, and NaN is as absent as 0. */
static inline bool pair_is_single(const struct core_conflict *c, const struct core_range *base,
				  int i, int j)
{
	if (absent(c, base, (enum core_cause)j))
		return true;
	return absent(c, base, (enum core_cause)i)
	       && !(i == CORE_CAUSE_DIVERGENT && j == CORE_CAUSE_INTERVENTION);
}

/*
** Only the factors present in c are recomputed one at a time: removing an absent one
** leaves c, whose own verdict (base) decides. The pair search, rare (no single factor
** restores a settlement), stays general: removing one factor can make another present
** (intervention changes p, which divergent reads).
**
** w: NULL, or one working conflict per factor that the caller keeps from draw to draw
** (interp/lanes.c), saving a copy of c per factor: w[f] holds c's value of every field
** but those remove_factor(f) writes, which it sets from fields it does not write (its
** one read of a field it writes, intervention's test of an expectation for NaN, gives
** the same answer on what it wrote: 0 is not NaN).
*/
static inline void causes_with(const struct core_conflict *c, const struct core_range *base,
			       struct core_conflict *w, struct core_causes *out)
{
	struct core_range r;
	out->single = out->pair = 0;
	out->jointly = false;
	for (int f = 0; f < CORE_NCAUSES; f++) {
		bool restored;
		if (absent(c, base, (enum core_cause)f)) {
			restored = base->verdict != CORE_BREAKDOWN;
			if (restored)
				out->without[f] = *base;
		} else if (w) {
			remove_factor(&w[f], (enum core_cause)f);
			bargain_in(&w[f], &out->without[f]);
			restored = out->without[f].verdict != CORE_BREAKDOWN;
		} else {
			restored = restores(c, 1u << f, &out->without[f]);
		}
		if (restored)
			out->single |= 1u << f;
	}
	if (out->single)
		return;
	for (int i = 0; i < CORE_NCAUSES && !out->pair; i++)
		for (int j = i + 1; j < CORE_NCAUSES && !out->pair; j++)
			if (!pair_is_single(c, base, i, j)
			    && restores(c, (1u << i) | (1u << j), &r))
				out->pair = (1u << i) | (1u << j);
	if (!out->pair)
		out->jointly = restores(c, (1u << CORE_NCAUSES) - 1, &r);
}

#endif
