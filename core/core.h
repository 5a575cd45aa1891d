/*
** core.h: the game-theoretic core on plain numbers. No AST, no allocation: a C
** programmer can call it without the language. One call is one Monte Carlo draw.
**
** The formulas are those of the design's core.md (section numbers cited below), which
** come from Nzelibe, "Courting Genocide" (bargaining range, causes of breakdown) and
** Fearon (screening under private information).
*/
#ifndef SCEN_CORE_H
#define SCEN_CORE_H

#include <stdbool.h>
#include <stddef.h>

/* The outcomes a sanction rule can see, outside the provocation game (core.md, Sanctions). */
enum core_branch { CORE_WAR, CORE_SETTLED, CORE_STATUS_QUO, CORE_NBRANCHES };

/*
** The expected sanctions on one party in one branch, split on the one coin a war leaves
** open: whether the intervener comes in. The caller sums, over the rules that target the
** party, the cost (a benefit is a negative cost) of those whose `when` holds with
** `intervened` true (if_in) and with it false (if_out). In the war branch
** σ(war) = q·if_in + (1 − q)·if_out exactly. The coin exists only where there is a war
** (core.md, Sanctions: q is the chance of intervention *if war breaks out*): in the
** settled and status-quo branches `intervened` is false, σ = if_out, and if_in is never
** read (the caller need not fill it).
*/
struct core_sanctions {
	double if_in, if_out;
};

/* One side of a conflict. NAN in belief or expects means "not set". */
struct core_party {
	double cost;		/* c: the cost of war */
	double resolve;		/* r: the value of the whole stake, as a multiple of V */
	double belief;		/* b: its estimate of the rebels' chance of winning */
	double expects;		/* its own chance of intervention (expects_intervention) */
	struct core_sanctions sanctions[CORE_NBRANCHES];
};

/* Everything §1 needs for one draw of one conflict. */
struct core_conflict {
	double value;		/* V */
	double status_quo;	/* x_sq: what the rebels hold now */
	bool divisible;		/* false: only 0 or V can be offered */
	double step;		/* > 0: offers are multiples of step; 0: any amount */
	double win;		/* p⁰: the rebels' true chance without intervention */
	double win_if_in;	/* p⁺: their chance once the intervener is in */
	double chance;		/* the intervener's chance of coming in (0: none) */
	double chance_if_atrocities;
	bool atrocities;	/* the war would be fought with atrocities (core_atrocities) */
	double cost_to_state;	/* k */
	double cost_to_rebels;	/* k_R: what intervention costs the rebels (a patron of the
				** state: its `cost_to_other`), charged q_R·k_R in W_R */
	double will;		/* g: the guarantor's will; 1 with no guarantor */
	double leaders_share;	/* λ */
	double leaders_cost;	/* κ */
	double challengers;	/* n */
	double reputation;	/* ρ */
	struct core_party state, rebels;
};

enum core_verdict { CORE_NO_THREAT, CORE_SETTLE, CORE_BREAKDOWN, CORE_RISK };

/* The bargaining range of one draw and its verdict (§1). */
struct core_range {
	double q;		/* the chance of intervention in this war */
	double p;		/* the true chance: (1 − q)·p⁰ + q·p⁺ */
	double b_state, b_rebels;	/* the beliefs used */
	double q_state;		/* the state's own expectation of intervention */
	double q_rebels;	/* the rebels' own expectation of intervention */
	double sigma_state[CORE_NBRANCHES], sigma_rebels[CORE_NBRANCHES];
	double war_rebels, war_state;	/* W_R, W_S */
	double x_min, x_max;	/* the least the leaders accept, the most the state concedes */
	double lo, hi;		/* the range [max(x_min, 0), min(x_max, V)] */
	bool committed;		/* false when g = 0: no settlement can be carried out */
	enum core_verdict verdict;	/* NO_THREAT, SETTLE or BREAKDOWN */
	double split;		/* SETTLE: the admissible offer nearest the midpoint */
	double gap;		/* BREAKDOWN: max(x_min − x_max, 0) */
};

/* The factors §1 removes one at a time to find the causes of a breakdown. */
#define CORE_CAUSES(X) \
	X(CORE_CAUSE_DIVERGENT, "divergent expectations") \
	X(CORE_CAUSE_REPUTATION, "reputation") \
	X(CORE_CAUSE_INDIVISIBLE, "indivisibility") \
	X(CORE_CAUSE_COMMITMENT, "commitment") \
	X(CORE_CAUSE_AGENCY, "leaders vs followers") \
	X(CORE_CAUSE_SANCTIONS, "sanctions") \
	X(CORE_CAUSE_INTERVENTION, "intervention")

enum core_cause {
#define CORE_CAUSE_ENUM(k, s) k,
	CORE_CAUSES(CORE_CAUSE_ENUM)
#undef CORE_CAUSE_ENUM
	CORE_NCAUSES
};

struct core_causes {
	unsigned single;	/* bit c set: removing factor c alone restores settlement */
	unsigned pair;		/* no single one: the first pair (in cause order) that does */
	bool jointly;		/* no pair: removing every factor together does */
	struct core_range without[CORE_NCAUSES];	/* the counterfactual of each single cause */
};

const char *core_cause_name(enum core_cause c);
const char *core_verdict_name(enum core_verdict v);

/* The war is fought with atrocities when violence is indiscriminate or, when the
** violence is not set (indiscriminate < 0), when capacity < 50% (core.md, Notation). */
bool core_atrocities(int indiscriminate, double capacity);

/* §1: the bargaining range and the verdict. */
void core_bargain(const struct core_conflict *c, struct core_range *out);

/* §1: the causes of a BREAKDOWN, each found by recomputing without one factor. */
void core_causes(const struct core_conflict *c, struct core_causes *out);
/* The same with base = core_bargain's range of c, as it left it (not one screening has
** changed), which the caller already has. */
void core_causes_of(const struct core_conflict *c, const struct core_range *base,
		    struct core_causes *out);

/* §2, screening (Fearon 1995). The rebels' x_min is private: the state knows K draws of
** it. thresholds[0..k) are those x_min values, sorted ascending (the caller sorts); a
** type that poses no threat (§1's NO THREAT test: core_threat ≤ 0) never fights and is
** passed as −HUGE_VAL, so that it accepts every offer. The state offers the admissible x
** (§1: any x; 0 or V when indivisible; a multiple of step) that maximises
** EU_S(x) = A(x)·U_S(x) + (1 − A(x))·W_S, with A(x) the share of thresholds ≤ x (to
** within 1e-9·V); the optimum is 0 or the smallest admissible offer at or above one of
** the thresholds. */
struct core_screen {
	double offer;		/* x* */
	double refused;		/* 1 − A(x*): the share of all K types that fight */
	double threat;		/* the share of the K types that pose a threat */
	double p_war;		/* refused / threat: the chance that a type that poses a
				 * threat refuses x* (0 when no type does) */
	double eu_state;	/* EU_S(x*) */
};
void core_screen(const struct core_conflict *c, const struct core_range *r,
		 const double *thresholds, size_t k, struct core_screen *out);
/* core_screen by its general pass alone, offer after offer: what its vectorised pass for
** a divisible stake must equal (the unit tests). */
void core_screen_general(const struct core_conflict *c, const struct core_range *r,
			 const double *thresholds, size_t k, struct core_screen *out);

/* W_R less the leaders' status-quo payoff, λ·r_R·x_sq − σ_R(status quo), for the rebels
** of c, the rest (p, σ) as in r: > 0 when they pose a threat (§1, verdict 1). */
double core_threat(const struct core_conflict *c, const struct core_range *r);

/* x_min for the rebels of c, the rest as in r (which core_bargain computed for c with
** other rebels' values): what screening needs for each type, and nothing more. */
double core_x_min(const struct core_conflict *c, const struct core_range *r);

/* The tolerance of every comparison of offers: 1e-9·V (1e-9 when V ≤ 0), so that a
** range closed exactly by arithmetic counts as a point, not as a breakdown by rounding. */
static inline double core_tolerance_of(double value)
{
	return 1e-9 * (value > 0 ? value : 1);
}

static inline double core_tolerance(const struct core_conflict *c)
{
	return core_tolerance_of(c->value);
}

/* The smallest admissible offer x ≥ t, to within 1e-9·V (§1: any x; multiples of step;
** 0 or V when the stake is indivisible; 0 whenever t ≤ 0); HUGE_VAL when no admissible
** offer up to V reaches t. */
double core_admissible_up(const struct core_conflict *c, double t);

/* U_S(x): the state's payoff from conceding x (§1). */
double core_settle_state(const struct core_conflict *c, const struct core_range *r, double x);

#endif
