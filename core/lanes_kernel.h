/*
** lanes_kernel.h: the body of core/lanes.c's kernel, §1 over CORE_LANES draws, on GCC's
** vector types of LANES_W doubles (LANES_W lanes a vector). core/lanes.c includes it
** once per vector width, each copy compiled for its instruction set: one text of the
** kernel. Every formula is bargain.h's macro, so each lane's doubles are bargain_in's;
** a test is computed in every lane and the result selected (bit masks), with no branch
** on a draw's values.
**
** Before including: LANES_W (2, 4 or 8), LANES_KERNEL (the function's name), and
** LANES_TARGET (a function attribute, possibly empty).
*/
typedef double LANES_CAT(vd, LANES_W) __attribute__((vector_size(LANES_W * sizeof(double))));
typedef int64_t LANES_CAT(vm, LANES_W) __attribute__((vector_size(LANES_W * sizeof(double))));
#define VD LANES_CAT(vd, LANES_W)
#define VM LANES_CAT(vm, LANES_W)

/* Macros, not functions: a function taking a 32-byte vector has another ABI with AVX and
** without it (GCC's -Wpsabi). */
#define LOAD(p) (__extension__({ VD v_; memcpy(&v_, (p), sizeof v_); v_; }))
#define STORE(p, v) (__extension__({ VD s_ = (v); memcpy((p), &s_, sizeof s_); }))
#define STORE_MASK(p, m) (__extension__({ VM s_ = (m); memcpy((p), &s_, sizeof s_); }))
#define SPLAT(x) ((VD){ 0 } + (x))
/* m ? a : b, lane by lane (m: all ones or all zeros) */
#define SELECT(m, a, b) ((VD)(((m) & (VM)(a)) | (~(m) & (VM)(b))))
#define ISNAN(x) ((x) != (x))
/* bargain.h's max_of and min_of: a NaN gives the other; of two equal, the second */
#define MAX_OF(x, y) SELECT(ISNAN(x), (y), SELECT(ISNAN(y), (x), SELECT((x) > (y), (x), (y))))
#define MIN_OF(x, y) SELECT(ISNAN(x), (y), SELECT(ISNAN(y), (x), SELECT((x) < (y), (x), (y))))

LANES_TARGET static void LANES_KERNEL(const struct core_lanes *L, struct core_lanes_out *o,
				      bool divide, bool verdict)
{
	const double *V = L->f[LF_VALUE], *x_sq = L->f[LF_STATUS_QUO];
	const double *win = L->f[LF_WIN], *win_in = L->f[LF_WIN_IF_IN];
	const double *chance = L->f[L->atrocities ? LF_CHANCE_IF_ATROCITIES : LF_CHANCE];
	const double *g = L->f[LF_WILL], *lambda = L->f[LF_LEADERS_SHARE];
	const double *kappa = L->f[LF_LEADERS_COST], *r_r = L->f[LF_R_RESOLVE];
	const double *r_s = L->f[LF_S_RESOLVE], *c_r = L->f[LF_R_COST], *c_s = L->f[LF_S_COST];
	const double *k = L->f[LF_COST_TO_STATE], *k_r = L->f[LF_COST_TO_REBELS];
	const double *rho = L->f[LF_REPUTATION], *n = L->f[LF_CHALLENGERS];
	const double *bel_s = L->f[LF_S_BELIEF], *bel_r = L->f[LF_R_BELIEF];
	const double *exp_s = L->f[LF_S_EXPECTS], *exp_r = L->f[LF_R_EXPECTS];
	const struct core_sanctions *sS = L->sanctions[0], *sR = L->sanctions[1];
	/* A side's belief is its own when set, else from its expectation when that is set,
	** else p (belief_of): whether each is set is the same in every lane. */
	const bool own_s = !isnan(bel_s[0]), own_r = !isnan(bel_r[0]);
	const bool from_s = !isnan(exp_s[0]), from_r = !isnan(exp_r[0]);
	const VD zero = SPLAT(0), one = SPLAT(1), huge = SPLAT(HUGE_VAL);

	const unsigned fixed = L->fixed;
	/* part i of §1: the plan's when fixed (core/lanes.h), else expr */
#define PART(i, expr) ((fixed >> (i) & 1) ? LOAD(L->part[i] + j) : (expr))

	for (int j = 0; j < CORE_LANES; j += LANES_W) {
		VD v = LOAD(V + j), sq = LOAD(x_sq + j), p0 = LOAD(win + j);
		VD p1 = LOAD(win_in + j), q = LOAD(chance + j), gj = LOAD(g + j);
		VD kap = LOAD(kappa + j), c = LOAD(c_r + j), kr = LOAD(k_r + j);
		VD rs = LOAD(r_s + j);
		VD p = PART(LP_P, MIX_CHANCE(q, p0, p1));
		VD b_s = PART(LP_B_S, own_s ? LOAD(bel_s + j)
				    : from_s ? MIX_CHANCE(LOAD(exp_s + j), p0, p1) : p);
		VD b_r = PART(LP_B_R, own_r ? LOAD(bel_r + j)
				    : from_r ? MIX_CHANCE(LOAD(exp_r + j), p0, p1) : p);
		VD q_s = from_s ? LOAD(exp_s + j) : q, q_r = from_r ? LOAD(exp_r + j) : q;
		VD lr = PART(LP_LR, LOAD(lambda + j) * LOAD(r_r + j));
		VD s_war_s = PART(LP_SWAR_S, SIGMA_WAR(q, sS[CORE_WAR].if_in, sS[CORE_WAR].if_out));
		VD s_war_r = PART(LP_SWAR_R, SIGMA_WAR(q, sR[CORE_WAR].if_in, sR[CORE_WAR].if_out));
		VD qk_r = PART(LP_QK_R, COST_OF(q_r, kr));
		VD w_r = WAR_REBELS_OF(PART(LP_WAR_HEAD, WAR_HEAD(lr, b_r, v)), kap, c, qk_r, s_war_r);
		VD net = REBELS_NET_OF(kap, c, qk_r, s_war_r, sR[CORE_SETTLED].if_out);
		/* bargain.h: per_unit_of */
		VD per = divide ? SELECT((lr == 0) & (net == 0), huge, net / lr) : net;
		VD x_min = X_MIN_NUMER_OF(PART(LP_XMIN_HEAD, X_MIN_HEAD(b_r, v)), per,
					  PART(LP_XMIN_TAIL, X_MIN_TAIL(gj, sq)));
		VD x_max = X_MAX_NUMER_OF(PART(LP_XMAX_HEAD, X_MAX_HEAD(rs, b_s, v, gj, sq)),
					  LOAD(c_s + j), PART(LP_QK_S, COST_OF(q_s, LOAD(k + j))),
					  s_war_s, sS[CORE_SETTLED].if_out);
		if (divide) {
			x_min = x_min / gj;
			x_max = x_max / PART(LP_DENOM, X_MAX_DENOM(gj, rs, LOAD(rho + j), LOAD(n + j)));
		}
		/* The verdict (bargain.h: range_verdict). */
		VM committed = gj > 0;
		x_min = SELECT(committed, x_min, zero);
		x_max = SELECT(committed, x_max, zero);
		VD lo = MAX_OF(x_min, zero), hi = MIN_OF(x_max, v);
		VM no_threat = w_r <= PART(LP_NO_THREAT, NO_THREAT(lr, sq, sR[CORE_STATUS_QUO].if_out));
		VD tol = PART(LP_TOL, 1e-9 * SELECT(v > 0, v, one));	/* core_tolerance_of */
		VM settle = committed & (lo <= hi + tol);
		if (!L->divisible)	/* bargain.h: admissible_split, 0 or V */
			settle &= (lo <= tol) | (MAX_OF(lo, hi) >= v - tol);
		VM breakdown = ~no_threat & ~settle;
		STORE(o->p + j, p);
		STORE_MASK(o->breakdown + j, breakdown);
		if (verdict)	/* the causes: p and the verdict only */
			continue;
		STORE(o->x_min + j, x_min);
		STORE(o->x_max + j, x_max);
		STORE_MASK(o->committed_lane + j, committed);
		STORE_MASK(o->no_threat + j, no_threat);
		STORE(o->gap + j, SELECT(breakdown, MAX_OF(x_min - x_max, zero), zero));
	}
}

#undef VD
#undef VM
#undef LOAD
#undef STORE
#undef STORE_MASK
#undef SPLAT
#undef SELECT
#undef ISNAN
#undef MAX_OF
#undef MIN_OF
#undef PART
