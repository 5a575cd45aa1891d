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
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/clones.h"
#include "core/lanes.h"
#include "interp/interp_int.h"

/* What one breakdown's causes add (core/bargain.h: causes_with's single, pair, jointly). */
static void record_causes(struct acc *a, unsigned single, unsigned pair, bool jointly)
{
	for (unsigned w = single; w; w &= w - 1)
		a->causes[__builtin_ctz(w)]++;
	if (!single && pair) {
		a->pairs++;
		int x = __builtin_ctz(pair);
		int y = __builtin_ctz(pair & (pair - 1));
		a->pair_count[x * CORE_NCAUSES + y]++;
	} else if (!single) {
		jointly ? a->jointly++ : a->uncaused++;
	}
}

/* settle_record but for the causes of a breakdown, which lanes_settle adds later. */
static void record_but_causes(struct acc *a, double *values, uint64_t i,
			      const struct settle_draw *s)
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
	if (v == CORE_BREAKDOWN)
		acc_add(a, &a->sum_p_breakdown, r->p);
	for (int k = 0; k < NSTATS; k++)
		values[k * RUN_BLOCK + i] = stat[k];
}

void settle_record(struct acc *a, double *values, uint64_t i, const struct settle_draw *s)
{
	record_but_causes(a, values, i, s);
	if (s->verdict == CORE_BREAKDOWN)
		record_causes(a, s->why.single, s->why.pair, s->why.jointly);
}

/* The loop of small_sum on vectors of type VD (VL, VU: its signed and unsigned integer
** twins), W lanes: i, total, count and big as small_sum declares them. */
#define SMALL_SUM_LOOP(VD, VL, VU, W) do {						\
	VL big_ = { 0 }, count_ = { 0 };						\
	VU total_ = { 0 };								\
	for (; i + (W) <= n; i += (W)) {						\
		VD x;									\
		memcpy(&x, v + i, sizeof x);						\
		VL number = x == x;							\
		VD size = (VD)((VL)x & INT64_MAX);					\
		big_ |= size >= 0x1p11;							\
		VD t = (VD)((VL)x & number) * 0x1p40 + magic;				\
		total_ += (VU)t - magic_bits;						\
		count_ -= number;							\
	}									\
	for (int j_ = 0; j_ < (W); j_++) {						\
		all += total_[j_];							\
		numbers += count_[j_];							\
		large |= big_[j_] != 0;							\
	}									\
} while (0)

/* The exact sum of the values of v[0, n) that are numbers, and how many, when every one
** is below 2^11 in magnitude (true, else false with nothing done): then each v·2^40 is
** below 2^51, and adding 1.5·2^52 rounds it to an integer (to nearest, ties to even, as
** xsum_of's lrint) held in the low bits of the double, so that the sum is integer
** arithmetic on those bits, in 64 bits for a block (2^10 terms below 2^51), vectorised. */
SCEN_VECTOR_CLONES
static bool small_sum(const double *v, unsigned n, xsum *sum, uint64_t *measured)
{
	const double magic = 0x1.8p52;
	uint64_t magic_bits;
	memcpy(&magic_bits, &magic, sizeof magic_bits);
	_Static_assert(XSUM_BITS == 40 && RUN_BLOCK <= 1 << 11, "each term below 2^51");
	/* A NaN (not measured) adds 0 and counts nothing. The terms add up in unsigned
	** arithmetic: a value too large for this path (found only at the end) must not
	** overflow a signed sum; when none is, the unsigned sum is the signed one modulo
	** 2^64, and it fits. Eight lanes where the copy has AVX-512, four with AVX2
	** (core/clones.h), else SSE2's two: with four, GCC makes scalar code of the
	** default copy's loop. */
	typedef double v2d __attribute__((vector_size(16)));
	typedef int64_t v2l __attribute__((vector_size(16)));
	typedef uint64_t v2u __attribute__((vector_size(16)));
	uint64_t all = 0;
	int64_t numbers = 0;
	bool large = false;
	unsigned i = 0;
	if (scen_widest_vectors())
		SMALL_SUM_LOOP(scen_vd8, scen_vm8, scen_vu8, SCEN_V8);
	else if (scen_wide_vectors())
		SMALL_SUM_LOOP(scen_vd, scen_vm, scen_vu, SCEN_V);
	else
		SMALL_SUM_LOOP(v2d, v2l, v2u, 2);
	for (; i < n; i++) {
		large |= fabs(v[i]) >= 0x1p11;
		if (isnan(v[i]))
			continue;
		double t = v[i] * 0x1p40 + magic;
		uint64_t bits;
		memcpy(&bits, &t, sizeof bits);
		all += bits - magic_bits;
		numbers++;
	}
	if (large)
		return false;
	*sum = (int64_t)all;	/* below 2^61 in magnitude: the signed sum */
	*measured = (uint64_t)numbers;
	return true;
}

/* Adds the exact sum of v[0, n)'s numbers to *sum (small_sum, else one by one, a value
** too large for the sums counted in a->too_large); returns how many there are. */
static uint64_t column_sum(struct acc *a, const double *v, unsigned n, xsum *sum)
{
	xsum part = 0;
	uint64_t numbers = 0;
	if (!small_sum(v, n, &part, &numbers))
		for (unsigned i = 0; i < n; i++)
			if (!isnan(v[i])) {
				numbers++;
				acc_add(a, &part, v[i]);
			}
	*sum += part;
	return numbers;
}

void column_add(struct acc *a, const double *v, unsigned n, xsum *sum)
{
	xsum part = 0;
	uint64_t numbers = 0;
	if (small_sum(v, n, &part, &numbers) && numbers == n) {
		*sum += part;
		return;
	}
	for (unsigned i = 0; i < n; i++)
		acc_add(a, sum, v[i]);
}

void column_add_squares(const double *v, unsigned n, xsum *sq, uint64_t *unfit)
{
	double s[RUN_BLOCK] = { 0 };	/* (GCC cannot see that small_sum reads s[0, n) only) */
	for (unsigned i = 0; i < n; i++)
		s[i] = v[i] * v[i];
	xsum part = 0;
	uint64_t numbers = 0;
	if (small_sum(s, n, &part, &numbers) && numbers == n) {
		*sq += part;
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		if (xsum_fits(s[i]))
			*sq += xsum_of(s[i]);
		else
			++*unfit;
	}
}

void settle_sums(struct acc *a, const double *values, unsigned n)
{
	for (int k = 0; k < NSTATS; k++)
		a->nstat[k] += column_sum(a, &values[k * RUN_BLOCK], n, &a->sum[k]);
}

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
bool lanes_plan(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
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
	if (!lanes_fields(d, ic, f, nf))
		return false;
	fill_conflict(it, d, ic, c0, -1);
	return true;
}

bool lanes_fields(const struct draw_state *d, const struct iconflict *ic, struct lane_field *f,
		  unsigned *nf)
{
	*nf = 0;
	for (unsigned k = 0; k < d->ndrawn; k++) {
		size_t at[4];
		int n = fields_of(ic, d, d->drawn[k], at);
		if (n < 0)
			return false;
		for (int j = 0; j < n; j++)
			f[(*nf)++] = (struct lane_field){ d->column[d->drawn[k]], at[j] };
	}
	return true;
}

/* ---- by vector lanes (core/lanes.h): a block without a private value ---- */

/* Where each lane field lives in struct core_conflict. */
static const size_t lane_offset[CORE_NLANE_FIELDS] = {
#define LANE_OFFSET(k, m) offsetof(struct core_conflict, m),
	CORE_LANE_FIELDS(LANE_OFFSET)
#undef LANE_OFFSET
};

/* The lane field at offset at of struct core_conflict; -1 for a field lanes do not hold. */
static int lane_field_at(size_t at)
{
	for (int k = 0; k < CORE_NLANE_FIELDS; k++)
		if (lane_offset[k] == at)
			return k;
	return -1;
}

/* A block of one report by lanes: the template, its columns, each as a lane field. */
struct lane_block {
	struct core_conflict c0;
	struct core_lanes L;
	struct core_lanes_out o;		/* the chunk's, where causes read its p */
	struct core_lanes_causes causes;
	core_lane konst[CORE_NLANE_FIELDS];	/* the template's value of each field */
	core_lane tail[CORE_NLANE_FIELDS];	/* the last draws of a block not a multiple of 8 */
	const double *column[CORE_NLANE_FIELDS];	/* NULL: the template's */
	unsigned ndrawn;
	unsigned char drawn[CORE_NLANE_FIELDS];		/* the fields with a column */
	/* The block's breakdowns so far (lanes_vector): their draws, and each draw's p
	** where it is one, NaN where it is not: the causes and the mean p of breakdowns
	** are taken once for the block, over whole chunks of breakdowns. */
	unsigned nbroken;
	unsigned short broken[RUN_BLOCK + CORE_LANES];	/* (a chunk's eight stored whole) */
	double p_broken[RUN_BLOCK];
	/* A block whose screening is hopeless (lanes_settle): every lane whose type poses a
	** threat is a breakdown, and the causes need §1's own verdict of each draw. */
	bool hopeless;
	int64_t base_broken[RUN_BLOCK];
};

/* False when a field the draws change is one lanes do not hold (the stake's step), or
** the stake is divisible in steps (core/lanes.h: the domain). */
static bool lane_block_init(struct lane_block *b, const struct core_conflict *c0,
			    const struct lane_field *f, unsigned nf)
{
	if (c0->divisible && !same(c0->step, 0))
		return false;
	b->c0 = *c0;
	for (int k = 0; k < CORE_NLANE_FIELDS; k++) {
		double v = *(const double *)((const char *)c0 + lane_offset[k]);
		for (int j = 0; j < CORE_LANES; j++)
			b->konst[k][j] = v;
		b->L.f[k] = b->konst[k];
		b->L.varies[k] = false;
		b->column[k] = NULL;
	}
	b->ndrawn = b->nbroken = 0;
	b->hopeless = false;
	for (unsigned i = 0; i < nf; i++) {
		int k = lane_field_at(f[i].offset);
		if (k < 0)
			return false;
		if (!b->column[k])
			b->drawn[b->ndrawn++] = (unsigned char)k;
		b->column[k] = f[i].column;
		b->L.varies[k] = true;
	}
	b->L.atrocities = c0->atrocities;
	b->L.divisible = c0->divisible;
	for (int br = 0; br < CORE_NBRANCHES; br++) {
		b->L.sanctions[0][br] = c0->state.sanctions[br];
		b->L.sanctions[1][br] = c0->rebels.sanctions[br];
	}
	core_lanes_plan(&b->L, b->o.p, &b->causes);
	return true;
}

/* Points the lanes at draws [i0, i0 + m) of the block's columns. */
static void lane_block_at(struct lane_block *b, unsigned i0, unsigned m)
{
	for (unsigned i = 0; i < b->ndrawn; i++) {
		int k = b->drawn[i];
		if (m == CORE_LANES) {
			b->L.f[k] = b->column[k] + i0;
			continue;
		}
		for (unsigned j = 0; j < CORE_LANES; j++)
			b->tail[k][j] = b->column[k][i0 + (j < m ? j : 0)];
		b->L.f[k] = b->tail[k];
	}
}

/* What the causes of the breakdowns at lanes [0, m) add (record_causes of each): the
** single causes counted for the chunk at once, from lane j's bits in byte j of a word
** (one increment of each count a chunk, where an increment a lane waited for the one
** before it, to the same count), then the lanes with none one by one. */
static void lanes_causes(struct acc *a, struct lane_block *b, unsigned m)
{
	uint64_t single[CORE_LANES], pair[CORE_LANES];
	bool jointly[CORE_LANES];
	core_causes_lanes(&b->L, &b->o, &b->causes, core_mask_all, single, pair, jointly);
	_Static_assert(CORE_NCAUSES <= 8 && CORE_LANES == 8, "a lane's causes in a byte");
	const uint64_t ones = 0x0101010101010101ull;	/* bit 0 of each byte */
	uint64_t bytes = 0;
	for (unsigned j = 0; j < CORE_LANES; j++)
		bytes |= single[j] << 8 * j;
	bytes &= m == CORE_LANES ? ~0ull : (1ull << 8 * m) - 1;
	/* the causes some lane has: the bytes OR-ed into the low one */
	uint64_t some = bytes | bytes >> 32;
	some |= some >> 16;
	some |= some >> 8;
	/* how many bytes have bit f: their bits f, one a byte, added up by a multiply into
	** the top byte (at most 8: no carry) */
	for (unsigned w = (unsigned)some & 0xff; w; w &= w - 1) {
		int f = __builtin_ctz(w);
		a->causes[f] += (bytes >> f & ones) * ones >> 56;
	}
	/* the lanes with no single cause: each byte's bits OR-ed into its bit 0 (a byte's
	** shifts by 1, 2 and 4 reach only its own bits there), gathered into bit j */
	uint64_t any = bytes | bytes >> 4;
	any |= any >> 2;
	any |= any >> 1;
	unsigned none = (unsigned)(((any & ones) ^ ones) * 0x0102040810204080ull >> 56) & ((1u << m) - 1);
	for (; none; none &= none - 1) {
		int j = __builtin_ctz(none);
		record_causes(a, 0, (unsigned)pair[j], jointly[j]);
	}
}

/* A chunk's lanes as one of GCC's vectors (as wide as the processor's, or in parts). */
typedef double lane_vd __attribute__((vector_size(CORE_LANES * sizeof(double))));
typedef int64_t lane_vm __attribute__((vector_size(CORE_LANES * sizeof(double))));
#define LANE_LOAD(T, p) (__extension__({ T v_; memcpy(&v_, (p), sizeof v_); v_; }))
#define LANE_STORE(p, v) (__extension__({ lane_vd s_ = (v); memcpy((p), &s_, sizeof s_); }))
/* m ? a : b, lane by lane (m: all ones or all zeros) */
#define LANE_SELECT(m, a, b) ((lane_vd)(((m) & (lane_vm)(a)) | (~(m) & (lane_vm)(b))))
/* x where it is finite, else NaN */
#define LANE_FINITE(x) LANE_SELECT((lane_vd)((lane_vm)(x) & INT64_MAX) <= DBL_MAX, (x), nan_)

/* lanes_of_mask[w]: the lanes of the bits of w, in order (those past them: any lane). */
static uint8_t lanes_of_mask[1 << CORE_LANES][CORE_LANES];
__attribute__((constructor)) static void lanes_of_mask_init(void)
{
	for (unsigned w = 0; w < 1u << CORE_LANES; w++)
		for (unsigned j = 0, n = 0; j < CORE_LANES; j++) {
			lanes_of_mask[w][n] = (uint8_t)j;	/* kept when bit j is set */
			n += w >> j & 1;
		}
}

/* Bit j set where lane j of mask *m holds (a pointer: Clang warns that a vector argument
** changes the ABI between copies): by shuffles of the vector, in registers (a
** lane read one by one from the vector's store waits for that store to finish). */
static inline __attribute__((always_inline)) unsigned lane_bits(const lane_vm *m)
{
	/* w's lanes in the order given: GCC's and Clang's builtins */
#if defined(__clang__)
#define LANE_SHUFFLE(w, ...) __builtin_shufflevector(w, w, __VA_ARGS__)
#else
#define LANE_SHUFFLE(w, ...) __builtin_shuffle(w, (lane_vm){ __VA_ARGS__ })
#endif
	lane_vm w = *m & (lane_vm){ 1, 2, 4, 8, 16, 32, 64, 128 };
	w |= LANE_SHUFFLE(w, 4, 5, 6, 7, 0, 1, 2, 3);
	w |= LANE_SHUFFLE(w, 2, 3, 0, 1, 6, 7, 4, 5);
	w |= LANE_SHUFFLE(w, 1, 0, 3, 2, 5, 4, 7, 6);
#undef LANE_SHUFFLE
	return (unsigned)w[0];
}

/* What lanes [0, m) of one chunk add, as settle_record does for each draw but for the
** breakdowns' p and causes, which lanes_vector adds at the block's end. The values of
** every lane are written (the block's columns have room for them: i0 + CORE_LANES ≤
** RUN_BLOCK), those below m counted; no branch on a lane's verdict. When the block's
** screening is hopeless (b->hopeless), a lane that is not NO THREAT is a BREAKDOWN
** (draw.c: screen, thresholds_fast gives no thresholds): its P(war) 1, its gap §1's (0
** where §1 settles), unscreened, and §1's own verdict kept for its causes. */
static inline __attribute__((always_inline))
void lanes_record(struct acc *a, double *values, unsigned i0, unsigned m, struct lane_block *b)
{
	const struct core_lanes_out *o = &b->o;
	_Static_assert(RUN_BLOCK % CORE_LANES == 0, "a block is whole chunks of lanes");
	_Static_assert(CORE_LANES == 8, "the lane numbers below");
	const lane_vd nan_ = (lane_vd){ 0 } + NAN, zero = { 0 };
	const lane_vm in = (lane_vm){ 0, 1, 2, 3, 4, 5, 6, 7 } < (int64_t)m;
	lane_vm no_threat = LANE_LOAD(lane_vm, o->no_threat) & in;
	lane_vm breakdown = LANE_LOAD(lane_vm, o->breakdown);
	if (b->hopeless) {
		memcpy(b->base_broken + i0, &breakdown, sizeof breakdown);
		breakdown = ~LANE_LOAD(lane_vm, o->no_threat);
	}
	lane_vd undefined = LANE_SELECT(LANE_LOAD(lane_vm, o->committed_lane), zero, nan_);
	lane_vd x_min = LANE_LOAD(lane_vd, o->x_min), gap = LANE_LOAD(lane_vd, o->gap);
	double *at = values + i0;
	LANE_STORE(at + ST_XMIN * RUN_BLOCK, LANE_FINITE(x_min) + undefined);
	LANE_STORE(at + ST_XMAX * RUN_BLOCK, LANE_LOAD(lane_vd, o->x_max) + undefined);
	LANE_STORE(at + ST_GAP * RUN_BLOCK, LANE_FINITE(gap) + undefined);
	LANE_STORE(at + ST_PWAR * RUN_BLOCK, __builtin_convertvector(-breakdown, lane_vd));
	LANE_STORE(at + ST_OFFER * RUN_BLOCK, nan_);
	breakdown &= in;
	LANE_STORE(b->p_broken + i0, LANE_SELECT(breakdown, LANE_LOAD(lane_vd, o->p), nan_));
	/* The breakdowns' draws, in order: the lanes of the chunk's mask, from the table,
	** plus i0, stored as one vector of eight (those past the breakdowns are
	** overwritten by the next chunk's, or never read). */
	typedef uint8_t u8x8 __attribute__((vector_size(8)));
	typedef uint16_t u16x8 __attribute__((vector_size(16)));
	unsigned nt = lane_bits(&no_threat), bd = lane_bits(&breakdown);
	u8x8 lanes;
	memcpy(&lanes, lanes_of_mask[bd], sizeof lanes);
	u16x8 draws = __builtin_convertvector(lanes, u16x8) + (uint16_t)i0;
	memcpy(b->broken + b->nbroken, &draws, sizeof draws);
	nt = (unsigned)__builtin_popcount(nt);
	bd = (unsigned)__builtin_popcount(bd);
	b->nbroken += bd;
	a->n += m;
	a->without_patron[CORE_NO_THREAT] += m;
	a->verdicts[CORE_NO_THREAT] += nt;
	a->verdicts[CORE_BREAKDOWN] += bd;
	a->verdicts[CORE_SETTLE] += m - nt - bd;	/* 0 when hopeless */
	const double *V = b->L.f[LF_VALUE];
	if (!b->L.varies[LF_VALUE]) {
		if (xsum_fits(V[0]))
			a->sum_value += (xsum)m * xsum_of(V[0]);
		return;
	}
	for (unsigned j = 0; j < m; j++)
		if (xsum_fits(V[j]))
			a->sum_value += xsum_of(V[j]);
}

/* The values of c at draws at[0, 8), as one vector. */
#define LANE_GATHER(T, c, at) \
	((T){ (c)[at[0]], (c)[at[1]], (c)[at[2]], (c)[at[3]], (c)[at[4]], (c)[at[5]], (c)[at[6]], (c)[at[7]] })

/* The causes of the breakdowns at draws idx[0, n) of the block, by lanes gathered from
** the block's columns. p: each draw's p, and base: each draw's §1 verdict, a breakdown
** (−1) or not (0); base NULL: every gathered lane is a breakdown of the block's own
** lanes (lanes_vector). p NULL: the kernel runs again on the gathered lanes for their p
** and verdicts (with a private value, after each draw's screening: a breakdown
** screening made may be a settlement of the lanes). Each chunk's lanes are put together
** in registers and stored whole, as the kernel's vectors load them: a vector loaded from
** eight stores of one double waits for them to reach the cache. Compiled per vector
** level (core/clones.h), so that the stores are as wide as the kernel's loads. */
SCEN_VECTOR_CLONES
static void lanes_gathered(struct acc *a, struct lane_block *b, const unsigned short *idx,
			   unsigned n, const double *p, const int64_t *base)
{
	_Static_assert(CORE_LANES == 8, "LANE_GATHER's lanes");
	for (unsigned i0 = 0; i0 < n; i0 += CORE_LANES) {
		unsigned m = n - i0 < CORE_LANES ? n - i0 : CORE_LANES;
		unsigned at[CORE_LANES];	/* the chunk's draws; the first again past m */
		for (unsigned j = 0; j < CORE_LANES; j++)
			at[j] = idx[i0 + (j < m ? j : 0)];
		for (unsigned i = 0; i < b->ndrawn; i++) {
			int k = b->drawn[i];
			LANE_STORE(b->tail[k], LANE_GATHER(lane_vd, b->column[k], at));
			b->L.f[k] = b->tail[k];
		}
		if (p) {
			LANE_STORE(b->o.p, LANE_GATHER(lane_vd, p, at));
			lane_vm broken = base ? LANE_GATHER(lane_vm, base, at) : (lane_vm){ 0 } - 1;
			memcpy(b->o.breakdown, &broken, sizeof broken);
		} else {
			core_bargain_lanes(&b->L, &b->o);
		}
		lanes_causes(a, b, m);
	}
}

/* The n draws of a block by lanes; false, with nothing done, outside core/lanes.h's
** domain. Compiled for each vector level (core/clones.h): lanes_record's masks are
** 64-bit compares, which SSE2 lacks. */
SCEN_VECTOR_CLONES
static bool lanes_vector(const struct core_conflict *c0, const struct lane_field *f,
			 unsigned nf, unsigned n, bool hopeless, struct acc *a, double *values)
{
	struct lane_block b;
	if (!lane_block_init(&b, c0, f, nf))
		return false;
	b.hopeless = hopeless;
	uint64_t broken = a->verdicts[CORE_BREAKDOWN];
	for (unsigned i0 = 0; i0 < n; i0 += CORE_LANES) {
		unsigned m = n - i0 < CORE_LANES ? n - i0 : CORE_LANES;
		lane_block_at(&b, i0, m);
		core_bargain_lanes(&b.L, &b.o);
		lanes_record(a, values, i0, m, &b);
	}
	/* settle_sums, knowing two columns: P(war) is 1 in each breakdown and 0 in every
	** other draw, so its sum is their count; no draw here is screened, so no offer. */
	for (int k = 0; k < NSTATS; k++)
		if (k != ST_PWAR && k != ST_OFFER)
			a->nstat[k] += column_sum(a, &values[k * RUN_BLOCK], n, &a->sum[k]);
	_Static_assert(NSTATS == 5, "every quantity summed");
	a->nstat[ST_PWAR] += n;
	a->sum[ST_PWAR] += (xsum)(a->verdicts[CORE_BREAKDOWN] - broken) * xsum_of(1);
	column_sum(a, b.p_broken, n, &a->sum_p_breakdown);	/* counted: lanes_record */
	lanes_gathered(a, &b, b.broken, b.nbroken, b.p_broken, hopeless ? b.base_broken : NULL);
	return true;
}

/* Whether the fields f[0, nf) that the block's columns change are, but for the private
** one, fields of the state's party: then the lines of the types' thresholds (draw.c:
** thresholds_fast) are those of the template in every draw. */
static bool only_state_varies(const struct interp *it, const struct iconflict *ic,
			      const struct lane_field *f, unsigned nf)
{
	unsigned slot = it->slot_of[ic->private_vnode];
	size_t private = slot == ic->r_cost ? offsetof(struct core_conflict, rebels.cost)
		       : slot == ic->leaders_cost ? offsetof(struct core_conflict, leaders_cost)
		       : SIZE_MAX;
	size_t lo = offsetof(struct core_conflict, state);
	size_t hi = lo + offsetof(struct core_party, sanctions);
	for (unsigned k = 0; k < nf; k++)
		if (f[k].offset != private && (f[k].offset < lo || f[k].offset >= hi))
			return false;
	return private != SIZE_MAX;
}

bool lanes_settle(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		  uint64_t first, unsigned n, struct acc *a, double *values, bool *summed)
{
	*summed = false;
	struct core_conflict c0;
	struct lane_field f[2 * 32];
	unsigned nf;
	if (d->ndrawn > 32 || !lanes_plan(it, d, ic, &c0, f, &nf))
		return false;
	bool private = ic->private_vnode >= 0;
	if (!private && lanes_vector(&c0, f, nf, n, false, a, values))
		return *summed = true;
	/* With a private value whose screening no draw of the block can pass (kosovo: every
	** type wants more than the whole stake), by lanes too. */
	if (private && only_state_varies(it, ic, f, nf) && draw_screen_hopeless(it, d, ic, &c0)
	    && lanes_vector(&c0, f, nf, n, true, a, values))
		return *summed = true;
	if (draw_stopped(d))
		return true;	/* the unit is dropped (run.c) */
	/* The breakdowns' causes by lanes once the block's draws are screened (deferred),
	** or draw by draw: each draw writes its fields into s.c and into each factor's
	** working copy (core/bargain.h: causes_with), filled once for the block. */
	struct lane_block b;
	bool vector = lane_block_init(&b, &c0, f, nf);
	_Static_assert(RUN_BLOCK <= 65536, "a draw of the block is an unsigned short");
	struct settle_draw s;
	struct core_conflict w[CORE_NCAUSES];
	s.c = c0;
	for (int k = 0; k < CORE_NCAUSES; k++)
		w[k] = c0;
	s.screened = s.private_only = false;
	s.without_patron = CORE_NO_THREAT;
	for (unsigned i = 0; i < n; i++) {
		for (unsigned k = 0; k < nf; k++) {
			double v = f[k].column[i];
			*(double *)((char *)&s.c + f[k].offset) = v;
			for (int j = 0; !vector && j < CORE_NCAUSES; j++)
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
			if (draw_stopped(d))
				return true;	/* the unit is dropped (run.c) */
			if (s.verdict == CORE_BREAKDOWN && !s.private_only) {
				if (vector) {
					b.broken[b.nbroken++] = (unsigned short)i;
					record_but_causes(a, values, i, &s);
					if (xsum_fits(s.c.value))
						a->sum_value += xsum_of(s.c.value);
					continue;
				}
				causes_with(&s.c, &base, w, &s.why);
			}
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
	if (vector)
		lanes_gathered(a, &b, b.broken, b.nbroken, NULL, NULL);
	return true;
}
