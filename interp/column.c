/*
** column.c: the columnar evaluator (column.h). Each case below is vm.c's case of the
** same instruction, applied to every draw of the block: where an operand is one number
** for the whole block, the loop reads it once.
*/
#include "interp/column.h"

#include <math.h>
#include <string.h>

#include "check/builtins.h"
#include "core/clones.h"
#include "interp/interp_int.h"
#include "interp/rng.h"

bool col_supports(const struct vm_chunk *c)
{
	for (unsigned pc = 0; pc < c->len; pc++)
		switch ((enum vm_op)c->code[pc].op) {
		case V_PARAM: case V_EVENT: case V_JMPF: case V_JMP: case V_CALL: case V_DRAWS:
			return false;
		default:
			break;
		}
	return true;
}

static inline double at(const struct col *c, unsigned i)
{
	return c->v ? c->v[i] : c->k;
}

/* The column of stack cell sp: where an operation writes its result. */
static double *cell(const struct col_env *e, unsigned sp)
{
	return e->scratch + (size_t)sp * RUN_BLOCK;
}

/* a OP b over the block into cell sp (a's), a scalar when both are. */
#define BINARY(expr) do { \
	struct col *A = &st[sp - 2], *B = &st[sp - 1]; \
	if (!A->v && !B->v) { \
		double a = A->k, b = B->k; \
		A->k = (expr); \
	} else { \
		double *o = cell(e, sp - 2); \
		for (unsigned i = 0; i < n; i++) { \
			double a = at(A, i), b = at(B, i); \
			o[i] = (expr); \
		} \
		A->v = o; \
		A->bounded = false; \
	} \
	sp--; \
} while (0)

/* f(x) over the block, in place. */
#define UNARY(expr) do { \
	struct col *X = &st[sp - 1]; \
	if (!X->v) { \
		double x = X->k; \
		X->k = (expr); \
	} else { \
		double *o = cell(e, sp - 1); \
		for (unsigned i = 0; i < n; i++) { \
			double x = X->v[i]; \
			o[i] = (expr); \
		} \
		X->v = o; \
		X->bounded = false; \
	} \
} while (0)

/* Whether the builtin call `in` has, in some draw, its arguments (the top m cells)
** outside its domain: the scalar VM would record a fault there. */
static bool any_outside(const struct vm_ins *in, const struct col_env *e, const struct col *a,
			unsigned m)
{
	if (!in->site)
		return false;
	const struct builtin *b = e->sites[in->site].b;
	double args[VM_FAULT_ARGS];
	bool scalar = true;
	for (unsigned j = 0; j < m; j++)
		scalar &= !a[j].v;
	for (unsigned i = 0; i < (scalar ? 1 : e->n); i++) {
		for (unsigned j = 0; j < m; j++)
			args[j] = at(&a[j], i);
		if (b->outside(args, m))
			return true;
	}
	return false;
}

/* The m operands at a, draw i's, into args. */
static void gather(const struct col *a, unsigned m, unsigned i, double *args)
{
	for (unsigned j = 0; j < m; j++)
		args[j] = at(&a[j], i);
}

/* uniform_column's loop on vectors of W lanes (VD, VU, VM: of doubles, their unsigned
** and signed twins), from i while W fit. rng_uniform's key + (first + i + 1)·γ is
** stepped by adding W·γ (modulo 2^64, the same integers): one multiply fewer a lane. */
#define UNIFORM_LOOP(VD, VU, VM, W) do {						\
	VU lane_;									\
	for (unsigned j_ = 0; j_ < (W); j_++)						\
		lane_[j_] = j_ + 1;							\
	const VD below_one_ = (VD){ 0 } + 0x1.fffffffffffffp-1;			\
	VU ctr_ = key + (first + i + lane_) * RNG_GAMMA;				\
	for (; i + (W) <= n; i += (W), ctr_ += (W) * RNG_GAMMA) {			\
		VU z = ctr_;								\
		z = RNG_MIX(z);								\
		VD u = (__builtin_convertvector(z >> 11, VD) + 0.5) * 0x1.0p-53;	\
		VM in = u < 1;								\
		u = (VD)((in & (VM)u) | (~in & (VM)below_one_));			\
		VD r = lo + width * u;							\
		memcpy(o + i, &r, sizeof r);						\
	}										\
} while (0)

/* lo + width times the uniform of each draw [first, first + n) of stream key, into o:
** vm_quantile's uniform, inline, on vectors (core/clones.h): eight lanes where the
** processor has AVX-512 (single instructions for splitmix64's multiplies and for the
** integer-to-double conversion), four with AVX2; without AVX2, one by one (SSE2 would
** emulate both, 2.5 times slower). Each lane computes rng_uniform's doubles exactly (an
** integer below 2^53 converts exactly). */
SCEN_VECTOR_CLONES
static void uniform_column(uint64_t key, uint64_t first, unsigned n, double lo, double width,
			   double *o)
{
	unsigned i = 0;
	if (scen_widest_vectors())
		UNIFORM_LOOP(scen_vd8, scen_vu8, scen_vm8, SCEN_V8);
	else if (scen_wide_vectors())
		UNIFORM_LOOP(scen_vd, scen_vu, scen_vm, SCEN_V);
	for (; i < n; i++)
		o[i] = lo + width * rng_uniform(key, first + i);
}

/* V_DRAW: the quantile of each draw's uniform of the stream. */
static void draw_column(const struct vm_ins *in, const struct col_env *e, struct col *a,
			double *o)
{
	uint64_t key = e->keys[in->a];
	unsigned m = in->n;
	bool scalar = true;
	for (unsigned j = 0; j < m; j++)
		scalar &= !a[j].v;
	if (scalar && in->dist == D_UNIFORM) {
		double lo = a[0].k, width = a[1].k - a[0].k;
		uniform_column(key, e->first, e->n, lo, width, o);
		/* Each lo + width·u, 0 < u < 1, lies between lo and lo + width: rounding is
		** monotone, and |width·u| ≤ |width|. */
		double end = lo + width;
		a[0].bounded = isfinite(lo) && isfinite(end);
		a[0].lo = fmin(lo, end);
		a[0].hi = fmax(lo, end);
		return;
	}
	double args[VM_FAULT_ARGS];
	for (unsigned i = 0; i < e->n; i++) {
		gather(a, m, i, args);
		o[i] = vm_quantile((enum vm_dist)in->dist, args, m,
				   rng_uniform(key, e->first + i));
	}
}

/* MIN, MAX, CLAMP, NCDF, DRAW: m operands in, one out, into cell sp − m. */
static bool nary(const struct vm_ins *in, const struct col_env *e, struct col *st, unsigned sp)
{
	unsigned m = in->op == V_CLAMP || in->op == V_NCDF ? 3 : in->n;
	struct col *a = &st[sp - m];
	if (m > VM_FAULT_ARGS || (in->op != V_MIN && in->op != V_MAX && any_outside(in, e, a, m)))
		return false;
	double *o = cell(e, sp - m), args[VM_FAULT_ARGS];
	a[0].bounded = false;
	if (in->op == V_DRAW) {
		draw_column(in, e, a, o);
	} else {
		bool scalar = true;
		for (unsigned j = 0; j < m; j++)
			scalar &= !a[j].v;
		for (unsigned i = 0; i < (scalar ? 1 : e->n); i++) {
			gather(a, m, i, args);
			double r = in->op == V_CLAMP ? builtin_clamp(args[0], args[1], args[2])
				 : in->op == V_NCDF ? builtin_normal_cdf(args[0], args[1], args[2])
				 : builtin_min_max(args, m, in->op == V_MIN);
			if (scalar)
				a[0].k = r;
			else
				o[i] = r;
		}
		if (scalar) {
			a[0].v = NULL;
			return true;
		}
	}
	a[0].v = o;
	return true;
}

bool col_eval(const struct vm_chunk *c, const struct col_env *e, struct col *out)
{
	struct col *st = e->stack;
	unsigned sp = 0, n = e->n;
	for (unsigned pc = 0; pc < c->len; pc++) {
		const struct vm_ins *in = &c->code[pc];
		switch ((enum vm_op)in->op) {
		case V_CONST: st[sp++] = (struct col){ .k = in->k }; break;
		case V_LOAD: st[sp++] = (struct col){ .v = e->column[in->a], .k = e->slots[in->a] }; break;
		case V_ADD: BINARY(a + b); break;
		case V_SUB: BINARY(a - b); break;
		case V_MUL: BINARY(a * b); break;
		case V_DIV: BINARY(a / b); break;
		case V_POW: BINARY(pow(a, b)); break;
		case V_LT: BINARY(a < b); break;
		case V_LE: BINARY(a <= b); break;
		case V_GT: BINARY(a > b); break;
		case V_GE: BINARY(a >= b); break;
		case V_EQ: BINARY(a == b); break;
		case V_NE: BINARY(a != b); break;
		case V_AND: BINARY(a != 0 && b != 0); break;
		case V_OR: BINARY(a != 0 || b != 0); break;
		case V_NEG: UNARY(-x); break;
		case V_NOT: UNARY(x == 0); break;
		case V_ABS: UNARY(fabs(x)); break;
		case V_EXP: UNARY(exp(x)); break;
		case V_SQRT:
		case V_LOG:
			if (any_outside(in, e, &st[sp - 1], 1))
				return false;
			if (in->op == V_SQRT)
				UNARY(sqrt(x));
			else
				UNARY(log(x));
			break;
		case V_MIN: case V_MAX: case V_CLAMP: case V_NCDF: case V_DRAW: {
			unsigned m = in->op == V_CLAMP || in->op == V_NCDF ? 3 : in->n;
			if (!nary(in, e, st, sp))
				return false;
			sp = sp - m + 1;
			break;
		}
		case V_PARAM: case V_EVENT: case V_JMPF: case V_JMP: case V_CALL: case V_DRAWS:
			return false;	/* col_supports said no */
		}
	}
	*out = sp ? st[sp - 1] : (struct col){ .k = NAN };
	return true;
}
