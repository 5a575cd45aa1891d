/*
** lanes.h: §1 over CORE_LANES draws at once (issue 15). bargain.h's formulas on numbers,
** lane by lane, with no branch on a draw's values: each test is computed in every lane
** and the result selected, so that GCC turns each loop into vector instructions and a
** verdict that no predictor can follow costs no mispredicted branch. The doubles are
** bargain_in's, bit for bit: the same formulas in the same order (interp/run.c's
** SCEN_CHECK_BLOCKS checks it draw by draw).
**
** The domain: a stake divisible with any offer admissible (step 0), or indivisible (0 or
** V), the same in every lane, as are the sanctions. Every other field of struct core_conflict may differ from lane to
** lane. A field a draw changes is never NaN (a value that is not a number stops the
** run), so whether a belief or an expectation is set is the same in every lane.
*/
#ifndef SCEN_LANES_H
#define SCEN_LANES_H

#include <stdint.h>

#include "core/bargain.h"

enum { CORE_LANES = 8 };

/* The fields of struct core_conflict that lanes hold, as (name, member). */
#define CORE_LANE_FIELDS(X)                                                              \
	X(LF_VALUE, value) X(LF_STATUS_QUO, status_quo) X(LF_WIN, win)                   \
	X(LF_WIN_IF_IN, win_if_in) X(LF_CHANCE, chance)                                  \
	X(LF_CHANCE_IF_ATROCITIES, chance_if_atrocities) X(LF_COST_TO_STATE, cost_to_state) \
	X(LF_COST_TO_REBELS, cost_to_rebels) X(LF_WILL, will)                            \
	X(LF_LEADERS_SHARE, leaders_share) X(LF_LEADERS_COST, leaders_cost)              \
	X(LF_CHALLENGERS, challengers) X(LF_REPUTATION, reputation)                      \
	X(LF_S_COST, state.cost) X(LF_S_RESOLVE, state.resolve)                          \
	X(LF_S_BELIEF, state.belief) X(LF_S_EXPECTS, state.expects)                      \
	X(LF_R_COST, rebels.cost) X(LF_R_RESOLVE, rebels.resolve)                        \
	X(LF_R_BELIEF, rebels.belief) X(LF_R_EXPECTS, rebels.expects)

enum core_lane_field {
#define CORE_LANE_ENUM(k, m) k,
	CORE_LANE_FIELDS(CORE_LANE_ENUM)
#undef CORE_LANE_ENUM
	CORE_NLANE_FIELDS
};

typedef double core_lane[CORE_LANES];
/* A test in each lane: all ones (−1) where it holds, else 0, as vector compares give. */
typedef int64_t core_mask[CORE_LANES];

/* The parts of §1 that the kernel takes from a block's plan, rather than computing them
** for each chunk, when no field they read varies (core/lanes.c: lanes_parts): p, the two
** beliefs, λr_R, the two σ(war), the heads of W_R, x_min and x_max (bargain.h), the
** costs q_R·k_R and q_S·k, x_min's tail (1 − g)·x_sq, NO THREAT's bound, x_max's
** divisor and the tolerance 1e-9·V. */
enum core_lane_part {
	LP_P, LP_B_S, LP_B_R, LP_LR, LP_SWAR_S, LP_SWAR_R, LP_WAR_HEAD, LP_QK_R, LP_QK_S,
	LP_XMIN_HEAD, LP_XMIN_TAIL, LP_XMAX_HEAD, LP_NO_THREAT, LP_DENOM, LP_TOL, CORE_NPARTS
};

/* A conflict over CORE_LANES draws. f[k] points to field k's value in each lane;
** varies[k] false: the same value in every lane (f[k] may then be a shared lane of
** constants). */
struct core_lanes {
	const double *f[CORE_NLANE_FIELDS];
	bool varies[CORE_NLANE_FIELDS];
	bool atrocities;
	bool divisible;		/* false: only 0 or V can be offered; true: any amount */
	struct core_sanctions sanctions[2][CORE_NBRANCHES];	/* [0] the state, [1] the rebels */
	bool divide;		/* core_lanes_plan: some divisor is not 1 in some lane */
	/* core_lanes_plan: bit i set when part i is the same in every lane, its value then
	** part[i] in each (0, as a struct made without the plan has it: none is). */
	unsigned fixed;
	const core_lane *part;
};

/* What §1 gives in each lane: bargain_in's fields that a settlement report records. */
struct core_lanes_out {
	core_lane p, x_min, x_max, gap;
	core_mask breakdown, no_threat;	/* the verdict (neither: SETTLE) */
	core_mask committed_lane;	/* g > 0 */
};

extern const core_lane core_lane_zero, core_lane_one, core_lane_nan;
extern const core_mask core_mask_all;

/* The field is the same in every lane, and that value is x, bit for bit. */
static inline bool lanes_all(const struct core_lanes *L, enum core_lane_field k, double x)
{
	return !L->varies[k] && same(L->f[k][0], x);
}

/* §1 in each lane: bargain_in's verdict and the quantities a settlement report records,
** by vector instructions (core/lanes.c: AVX2 or AVX-512 where the processor has it). */
void core_bargain_lanes(const struct core_lanes *L, struct core_lanes_out *o);
/* For the tests: how many kernels this processor runs (1: SSE2's; 2: AVX2's too; 3:
** AVX-512's too), and core_bargain_lanes by kernel 0 (SSE2), 1 (AVX2) or 2 (AVX-512). */
unsigned core_lanes_kernels(void);
void core_bargain_lanes_by(unsigned kernel, const struct core_lanes *L, struct core_lanes_out *o);

/* The factors present in a block's lanes, and the lanes without each (bargain.h:
** remove_factor), then without each pair of them, then without all (restores): the fields
** a removal replaces are fixed for the block, the others follow the block's own lanes
** (`follow`). A factor absent from every lane (its removal would change no field, bit for
** bit) is left out: the conflict without it is the block's own, whose verdict decides,
** and a pair with it is the other factor alone. */
enum { CORE_LANE_SETS = CORE_NCAUSES + CORE_NCAUSES * (CORE_NCAUSES - 1) / 2 + 1 };
struct core_lanes_causes {
	unsigned n;				/* factors present: sets [0, n) */
	unsigned nsets;				/* then their pairs, then all of them */
	unsigned mask[CORE_LANE_SETS];		/* the factors each set removes */
	struct core_lanes without[CORE_LANE_SETS];
	struct core_lanes_out out[CORE_NCAUSES];	/* each chunk's p and verdict, without each factor */
	unsigned nfollow[CORE_LANE_SETS];
	unsigned char follow[CORE_LANE_SETS][CORE_NLANE_FIELDS];
	core_lane parts[CORE_LANE_SETS + 1][CORE_NPARTS];	/* each set's, then L's */
};

/* The plan for a block whose lanes are L, once its fields and which vary are set: L's
** divisors, and the causes' lanes; p: where each chunk's core_bargain_lanes puts the true
** chance p (divergent expectations: both sides believe it). */
void core_lanes_plan(struct core_lanes *L, const double *p, struct core_lanes_causes *cz);

/* The causes of each lane's breakdown (bargain.h: causes_with): bit f of single[j] set
** when removing f alone restores a settlement in lane j; base is core_bargain_lanes of L
** (whose verdict decides for a factor absent from the lane: a breakdown that screening
** made of a settlement has every absent factor for a cause, as in causes_with). Where
** need[j] holds and no single factor restores one: pair[j], the first pair in cause
** order that does, else jointly[j], whether removing every factor does. */
void core_causes_lanes(const struct core_lanes *L, const struct core_lanes_out *base,
		       struct core_lanes_causes *cz, const int64_t *need, uint64_t *single,
		       uint64_t *pair, bool *jointly);

#endif
