/*
** lanes.c: §1 over CORE_LANES draws at once (core/lanes.h), by vector instructions: the
** kernel of lanes_kernel.h compiled three times, for SSE2 (every x86-64) with vectors of
** two doubles, for AVX2 with vectors of four, and (GCC) for x86-64-v4 with AVX-512's
** eight, chosen once by what the processor has. All give the same doubles (IEEE 754
** operations, no fused multiply-add: -ffp-contract=off), lane by lane.
*/
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "core/clones.h"
#include "core/lanes.h"

#define LANES_CAT_(a, b) a##b
#define LANES_CAT(a, b) LANES_CAT_(a, b)

#define LANES_W 2
#define LANES_KERNEL kernel_w2
#define LANES_TARGET
#include "core/lanes_kernel.h"
#undef LANES_W
#undef LANES_KERNEL
#undef LANES_TARGET

#if defined(__x86_64__) && defined(__GNUC__)
#define LANES_W 4
#define LANES_KERNEL kernel_avx2
#define LANES_TARGET __attribute__((target("avx2")))
#include "core/lanes_kernel.h"
#undef LANES_W
#undef LANES_KERNEL
#undef LANES_TARGET
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LANES_W 8
#define LANES_KERNEL kernel_avx512
#define LANES_TARGET __attribute__((target("arch=x86-64-v4")))
#include "core/lanes_kernel.h"
#undef LANES_W
#undef LANES_KERNEL
#undef LANES_TARGET
#endif

_Static_assert(CORE_LANES == 8, "the lanes below have CORE_LANES values");
const core_lane core_lane_zero = { 0, 0, 0, 0, 0, 0, 0, 0 };
const core_lane core_lane_one = { 1, 1, 1, 1, 1, 1, 1, 1 };
const core_lane core_lane_nan = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
const core_mask core_mask_all = { -1, -1, -1, -1, -1, -1, -1, -1 };

typedef void kernel_fn(const struct core_lanes *, struct core_lanes_out *, bool, bool);

/* The kernels, narrowest first, each with the test of the processor it needs: one test
** of a flag libgcc set at start-up. */
static bool any_cpu(void) { return true; }
#if defined(__x86_64__) && defined(__GNUC__)
static bool has_avx2(void) { return __builtin_cpu_supports("avx2"); }
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
static bool has_avx512(void) { return __builtin_cpu_supports("x86-64-v4"); }	/* its target */
#endif
static const struct { kernel_fn *kernel; bool (*runs)(void); } kernels[] = {
	{ kernel_w2, any_cpu },
#if defined(__x86_64__) && defined(__GNUC__)
	{ kernel_avx2, has_avx2 },
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
	{ kernel_avx512, has_avx512 },
#endif
};

unsigned core_lanes_kernels(void)
{
	unsigned n = 0;
	while (n < sizeof kernels / sizeof *kernels && kernels[n].runs())
		n++;
	return n;
}

/* The widest kernel this processor runs, found as the program loads (before any
** thread: no race), after libgcc's own look at the processor. */
static kernel_fn *widest = kernel_w2;
__attribute__((constructor)) static void find_widest(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	__builtin_cpu_init();
#endif
	widest = kernels[core_lanes_kernels() - 1].kernel;
}

void core_bargain_lanes(const struct core_lanes *L, struct core_lanes_out *o)
{
	widest(L, o, L->divide, false);
}

void core_bargain_lanes_by(unsigned kernel, const struct core_lanes *L, struct core_lanes_out *o)
{
	assert(kernel < core_lanes_kernels());
	kernels[kernel].kernel(L, o, L->divide, false);
}

/* Some divisor (λr_R, g, g·r_S + ρ·n) is not 1 in some lane; else the kernel divides by
** none (x / 1 is x). */
static bool lanes_divide(const struct core_lanes *L)
{
	const double *g = L->f[LF_WILL], *r_s = L->f[LF_S_RESOLVE];
	return !(lanes_all(L, LF_LEADERS_SHARE, 1) && lanes_all(L, LF_R_RESOLVE, 1)
		 && lanes_all(L, LF_WILL, 1) && !L->varies[LF_S_RESOLVE]
		 && !L->varies[LF_REPUTATION] && !L->varies[LF_CHALLENGERS]
		 && same(X_MAX_DENOM(g[0], r_s[0], L->f[LF_REPUTATION][0],
				     L->f[LF_CHALLENGERS][0]), 1));
}

#define BIT(k) (1u << (k))	/* field k in a mask of fields */

/* L's parts whose fields do not vary (core/lanes.h), each by bargain.h's formula on
** one lane's doubles (all lanes alike): the doubles each lane of the kernel computes. */
static void lanes_parts(struct core_lanes *L, core_lane *part)
{
	_Static_assert(CORE_NLANE_FIELDS <= 32 && CORE_NPARTS <= 32, "masks of fields, parts");
	unsigned varies = 0;
	for (int k = 0; k < CORE_NLANE_FIELDS; k++)
		varies |= (unsigned)L->varies[k] << k;
	const enum core_lane_field chance_field = L->atrocities ? LF_CHANCE_IF_ATROCITIES : LF_CHANCE;
	const bool own_s = !isnan(L->f[LF_S_BELIEF][0]), own_r = !isnan(L->f[LF_R_BELIEF][0]);
	const bool from_s = !isnan(L->f[LF_S_EXPECTS][0]), from_r = !isnan(L->f[LF_R_EXPECTS][0]);
	/* the fields of q, p, each belief, each side's q_i */
	unsigned q_of = BIT(chance_field), p_of = q_of | BIT(LF_WIN) | BIT(LF_WIN_IF_IN);
	unsigned bs_of = own_s ? BIT(LF_S_BELIEF) : from_s ? BIT(LF_S_EXPECTS) | p_of : p_of;
	unsigned br_of = own_r ? BIT(LF_R_BELIEF) : from_r ? BIT(LF_R_EXPECTS) | p_of : p_of;
	unsigned qs_of = from_s ? BIT(LF_S_EXPECTS) : q_of, qr_of = from_r ? BIT(LF_R_EXPECTS) : q_of;
	unsigned lr_of = BIT(LF_LEADERS_SHARE) | BIT(LF_R_RESOLVE);
	const unsigned reads[CORE_NPARTS] = {
		[LP_P] = p_of, [LP_B_S] = bs_of, [LP_B_R] = br_of, [LP_LR] = lr_of,
		[LP_SWAR_S] = q_of, [LP_SWAR_R] = q_of,
		[LP_WAR_HEAD] = lr_of | br_of | BIT(LF_VALUE),
		[LP_QK_R] = qr_of | BIT(LF_COST_TO_REBELS), [LP_QK_S] = qs_of | BIT(LF_COST_TO_STATE),
		[LP_XMIN_HEAD] = br_of | BIT(LF_VALUE), [LP_XMIN_TAIL] = BIT(LF_WILL) | BIT(LF_STATUS_QUO),
		[LP_XMAX_HEAD] = BIT(LF_S_RESOLVE) | bs_of | BIT(LF_VALUE) | BIT(LF_WILL)
				 | BIT(LF_STATUS_QUO),
		[LP_NO_THREAT] = lr_of | BIT(LF_STATUS_QUO),
		[LP_DENOM] = BIT(LF_WILL) | BIT(LF_S_RESOLVE) | BIT(LF_REPUTATION) | BIT(LF_CHALLENGERS),
		[LP_TOL] = BIT(LF_VALUE),
	};
	/* One lane's values, as the kernel's lines compute them. */
#define F(k) (L->f[k][0])
	const struct core_sanctions *sS = L->sanctions[0], *sR = L->sanctions[1];
	double q = F(chance_field), p0 = F(LF_WIN), p1 = F(LF_WIN_IF_IN), v = F(LF_VALUE);
	double sq = F(LF_STATUS_QUO), g = F(LF_WILL), rs = F(LF_S_RESOLVE);
	double p = MIX_CHANCE(q, p0, p1);
	double b_s = own_s ? F(LF_S_BELIEF) : from_s ? MIX_CHANCE(F(LF_S_EXPECTS), p0, p1) : p;
	double b_r = own_r ? F(LF_R_BELIEF) : from_r ? MIX_CHANCE(F(LF_R_EXPECTS), p0, p1) : p;
	double q_s = from_s ? F(LF_S_EXPECTS) : q, q_r = from_r ? F(LF_R_EXPECTS) : q;
	double lr = F(LF_LEADERS_SHARE) * F(LF_R_RESOLVE);
	const double value[CORE_NPARTS] = {
		[LP_P] = p, [LP_B_S] = b_s, [LP_B_R] = b_r, [LP_LR] = lr,
		[LP_SWAR_S] = SIGMA_WAR(q, sS[CORE_WAR].if_in, sS[CORE_WAR].if_out),
		[LP_SWAR_R] = SIGMA_WAR(q, sR[CORE_WAR].if_in, sR[CORE_WAR].if_out),
		[LP_WAR_HEAD] = WAR_HEAD(lr, b_r, v),
		[LP_QK_R] = COST_OF(q_r, F(LF_COST_TO_REBELS)),
		[LP_QK_S] = COST_OF(q_s, F(LF_COST_TO_STATE)),
		[LP_XMIN_HEAD] = X_MIN_HEAD(b_r, v), [LP_XMIN_TAIL] = X_MIN_TAIL(g, sq),
		[LP_XMAX_HEAD] = X_MAX_HEAD(rs, b_s, v, g, sq),
		[LP_NO_THREAT] = NO_THREAT(lr, sq, sR[CORE_STATUS_QUO].if_out),
		[LP_DENOM] = X_MAX_DENOM(g, rs, F(LF_REPUTATION), F(LF_CHALLENGERS)),
		[LP_TOL] = 1e-9 * (v > 0 ? v : 1),
	};
#undef F
	L->fixed = 0;
	L->part = part;
	for (int i = 0; i < CORE_NPARTS; i++) {
		if (reads[i] & varies)
			continue;
		L->fixed |= 1u << i;
		for (int j = 0; j < CORE_LANES; j++)
			part[i][j] = value[i];
	}
}
#undef BIT

/* Whether factor f is present in some lane of L: its removal would change a field. */
static bool lanes_present(const struct core_lanes *L, enum core_cause f)
{
	static const enum core_lane_field expects[] = { LF_S_EXPECTS, LF_R_EXPECTS };
	switch (f) {
	case CORE_CAUSE_DIVERGENT:	/* both believe p already, or not */
		return !(isnan(L->f[LF_S_BELIEF][0]) && isnan(L->f[LF_R_BELIEF][0])
			 && isnan(L->f[LF_S_EXPECTS][0]) && isnan(L->f[LF_R_EXPECTS][0]));
	case CORE_CAUSE_REPUTATION:
		return !lanes_all(L, LF_CHALLENGERS, 0);
	case CORE_CAUSE_INDIVISIBLE:
		return !L->divisible;
	case CORE_CAUSE_COMMITMENT:
		return !lanes_all(L, LF_WILL, 1);
	case CORE_CAUSE_AGENCY:
		return !(lanes_all(L, LF_LEADERS_SHARE, 1) && lanes_all(L, LF_LEADERS_COST, 1));
	case CORE_CAUSE_SANCTIONS: {
		bool none = true;
		for (int s = 0; s < 2; s++)
			for (int b = 0; b < CORE_NBRANCHES; b++)
				none &= same(L->sanctions[s][b].if_in, 0)
					&& same(L->sanctions[s][b].if_out, 0);
		return !none;
	}
	case CORE_CAUSE_INTERVENTION: {
		bool none = lanes_all(L, LF_CHANCE, 0) && lanes_all(L, LF_CHANCE_IF_ATROCITIES, 0);
		for (int s = 0; s < 2; s++)
			none &= isnan(L->f[expects[s]][0]) || lanes_all(L, expects[s], 0);
		return !none;
	}
	case CORE_NCAUSES: break;
	}
	return false;
}

/* Field k of w from lane, varying from lane to lane or not. */
static void lanes_set(struct core_lanes *w, enum core_lane_field k, const double *lane, bool varies)
{
	w->f[k] = lane;
	w->varies[k] = varies;
}

/* w without factor f, in place (bargain.h: remove_factor; p: core_lanes_plan's). */
static void lanes_remove(struct core_lanes *w, const double *p, enum core_cause f)
{
	static const enum core_lane_field expects[] = { LF_S_EXPECTS, LF_R_EXPECTS };
	switch (f) {
	case CORE_CAUSE_DIVERGENT:
		lanes_set(w, LF_S_BELIEF, p, true);
		lanes_set(w, LF_R_BELIEF, p, true);
		lanes_set(w, LF_S_EXPECTS, core_lane_nan, false);
		lanes_set(w, LF_R_EXPECTS, core_lane_nan, false);
		return;
	case CORE_CAUSE_REPUTATION:
		lanes_set(w, LF_CHALLENGERS, core_lane_zero, false);
		return;
	case CORE_CAUSE_INDIVISIBLE:
		w->divisible = true;	/* and step 0: the kernel reads no step */
		return;
	case CORE_CAUSE_COMMITMENT:
		lanes_set(w, LF_WILL, core_lane_one, false);
		return;
	case CORE_CAUSE_AGENCY:
		lanes_set(w, LF_LEADERS_SHARE, core_lane_one, false);
		lanes_set(w, LF_LEADERS_COST, core_lane_one, false);
		return;
	case CORE_CAUSE_SANCTIONS:
		memset(w->sanctions, 0, sizeof w->sanctions);
		return;
	case CORE_CAUSE_INTERVENTION:
		/* an expectation set is one of intervening: 0 without it */
		for (int s = 0; s < 2; s++)
			if (!isnan(w->f[expects[s]][0]))
				lanes_set(w, expects[s], core_lane_zero, false);
		lanes_set(w, LF_CHANCE, core_lane_zero, false);
		lanes_set(w, LF_CHANCE_IF_ATROCITIES, core_lane_zero, false);
		return;
	case CORE_NCAUSES: break;
	}
}

/* L without the factors of mask (restores: the last factor first), into w. Divergent
** expectations set both beliefs to the p of the lanes as they are by then: p_out, the
** kernel's p without intervention, when mask removes it too (no other removal changes
** p), else p. */
static void lanes_without_all(const struct core_lanes *L, const double *p, const double *p_out,
			      unsigned mask, struct core_lanes *w)
{
	*w = *L;
	for (int f = CORE_NCAUSES - 1; f >= 0; f--) {
		if (!(mask >> f & 1))
			continue;
		bool out = f == CORE_CAUSE_DIVERGENT && mask >> CORE_CAUSE_INTERVENTION & 1;
		lanes_remove(w, out ? p_out : p, (enum core_cause)f);
	}
}

/* Set i of cz removes mask from L: its lanes, divisors and the fields that follow L's. */
static void plan_set(const struct core_lanes *L, const double *p, struct core_lanes_causes *cz,
		     unsigned i, unsigned mask, const double *p_out)
{
	struct core_lanes *w = &cz->without[i];
	lanes_without_all(L, p, p_out, mask, w);
	w->divide = lanes_divide(w);
	lanes_parts(w, cz->parts[i]);
	cz->mask[i] = mask;
	unsigned n = 0;
	for (int k = 0; k < CORE_NLANE_FIELDS; k++)
		if (L->varies[k] && w->f[k] == L->f[k])
			cz->follow[i][n++] = (unsigned char)k;
	cz->nfollow[i] = n;
}

void core_lanes_plan(struct core_lanes *L, const double *p, struct core_lanes_causes *cz)
{
	L->divide = lanes_divide(L);
	lanes_parts(L, cz->parts[CORE_LANE_SETS]);
	unsigned present = 0;
	const double *p_out = p;	/* p without intervention: its set's output */
	cz->n = 0;
	for (int f = 0; f < CORE_NCAUSES; f++) {
		if (!lanes_present(L, (enum core_cause)f))
			continue;
		present |= 1u << f;
		if (f == CORE_CAUSE_INTERVENTION)
			p_out = cz->out[cz->n].p;
		plan_set(L, p, cz, cz->n++, 1u << f, p);
	}
	cz->nsets = cz->n;
	for (int i = 0; i < CORE_NCAUSES; i++)
		for (int j = i + 1; j < CORE_NCAUSES; j++)
			if ((present >> i & 1) && (present >> j & 1))
				plan_set(L, p, cz, cz->nsets++, 1u << i | 1u << j, p_out);
	plan_set(L, p, cz, cz->nsets++, present, p_out);
}

/* The kernel on set i of cz, its following fields pointed at L's lanes: p and the
** verdict only (o's other quantities are not written), all that the causes read. */
static void run_set(const struct core_lanes *L, struct core_lanes_causes *cz, unsigned i,
		    struct core_lanes_out *o)
{
	struct core_lanes *w = &cz->without[i];
	for (unsigned k = 0; k < cz->nfollow[i]; k++)
		w->f[cz->follow[i][k]] = L->f[cz->follow[i][k]];
	widest(w, o, w->divide, true);
}

/* single[j] |= ~breakdown[j] & mask, lane by lane: on vectors, which read the kernel's
** vector stores of breakdown just made whole (word by word, each load waited for them). */
static inline void add_restored(uint64_t *single, const int64_t *breakdown, uint64_t mask)
{
	for (int j = 0; j < CORE_LANES; j += SCEN_V) {
		scen_vu s, b;
		memcpy(&s, single + j, sizeof s);
		memcpy(&b, breakdown + j, sizeof b);
		s |= ~b & mask;
		memcpy(single + j, &s, sizeof s);
	}
}

/* core_causes_lanes, compiled per vector level: static, since Clang's multiversioning
** wants every declaration of a cloned function marked, and core/lanes.h's is not. */
SCEN_VECTOR_CLONES
static void causes_lanes(const struct core_lanes *L, const struct core_lanes_out *base,
			 struct core_lanes_causes *cz, const int64_t *need, uint64_t *single,
			 uint64_t *pair, bool *jointly)
{
	/* A factor absent from every lane restores a settlement where the lane's own
	** verdict is not a breakdown (causes_with: the conflict without it is the lane's). */
	uint64_t absent = (1u << CORE_NCAUSES) - 1;
	for (unsigned i = 0; i < cz->n; i++)
		absent &= ~(uint64_t)cz->mask[i];
	memset(single, 0, CORE_LANES * sizeof *single);
	add_restored(single, base->breakdown, absent);
	for (unsigned i = 0; i < cz->n; i++) {
		run_set(L, cz, i, &cz->out[i]);
		add_restored(single, cz->out[i].breakdown, cz->mask[i]);
	}
	/* The pair search, rare: the lanes with no single cause. */
	unsigned left = 0;
	for (int j = 0; j < CORE_LANES; j++) {
		pair[j] = 0;
		jointly[j] = false;
		left += need[j] != 0 && !single[j];
	}
	for (unsigned i = cz->n; left && i < cz->nsets; i++) {
		struct core_lanes_out o;
		run_set(L, cz, i, &o);
		bool all = i == cz->nsets - 1;
		for (int j = 0; j < CORE_LANES; j++) {
			if (need[j] == 0 || single[j] || pair[j] || jointly[j] || o.breakdown[j] != 0)
				continue;
			if (all)
				jointly[j] = true;
			else
				pair[j] = cz->mask[i];
			left--;
		}
	}
}

void core_causes_lanes(const struct core_lanes *L, const struct core_lanes_out *base,
		       struct core_lanes_causes *cz, const int64_t *need, uint64_t *single,
		       uint64_t *pair, bool *jointly)
{
	causes_lanes(L, base, cz, need, single, pair, jointly);
}
