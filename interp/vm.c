/*
** vm.c: the evaluator. A switch over a flat instruction array with an operand stack
** sized at compile time. Draws are inverse-CDF transforms (GSL) of one counter-based
** uniform per stream and draw (rng.h).
*/
#include "interp/vm.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

#include "check/builtins.h"
#include "interp/rng.h"

static double triangular(double lo, double mode, double hi, double u)
{
	double f = (mode - lo) / (hi - lo);
	if (u < f)
		return lo + sqrt(u * (hi - lo) * (mode - lo));
	return hi - sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/* choice: p[0..n/2) are the values, p[n/2..n) their chances, which add up to 1 within
** SCEN_CHOICE_TOLERANCE (its domain); dividing by their sum makes the last threshold 1. */
static double choice(const double *p, unsigned n, double u)
{
	unsigned m = n / 2;
	double total = 0, acc = 0;
	for (unsigned i = 0; i < m; i++)
		total += p[m + i];
	for (unsigned i = 0; i < m; i++) {
		acc += p[m + i] / total;
		if (u < acc)
			return p[i];
	}
	return m ? p[m - 1] : NAN;
}

double vm_quantile(enum vm_dist d, const double *p, unsigned n, double u)
{
	switch (d) {
	case D_UNIFORM: return p[0] + (p[1] - p[0]) * u;
	case D_NORMAL: return p[0] + p[1] * gsl_cdf_ugaussian_Pinv(u);
	case D_LOGNORMAL: return gsl_cdf_lognormal_Pinv(u, p[0], p[1]);
	case D_BETA: return gsl_cdf_beta_Pinv(u, p[0], p[1]);
	case D_TRIANGULAR: return triangular(p[0], p[1], p[2], u);
	case D_BERNOULLI: return u < p[0];
	case D_CHOICE: return choice(p, n, u);
	}
	return NAN;
}

/* Whether the n arguments of the builtin call `in` are outside its domain; the first
** such call of an evaluation is kept in env->fault. */
static bool outside(const struct vm_ins *in, const struct vm_env *env, const double *args,
		    unsigned n)
{
	if (!in->site || !env->sites[in->site].b->outside(args, n))
		return false;
	struct vm_fault *f = env->fault;
	if (f && !f->site) {
		f->site = in->site;
		f->n = n;
		for (unsigned i = 0; i < n && i < VM_FAULT_ARGS; i++)
			f->args[i] = args[i];
	}
	return true;
}

static double draw(const struct vm_ins *in, const struct vm_env *env, const double *args)
{
	if (outside(in, env, args, in->n))
		return NAN;
	double u = (int)in->a == env->force_stream ? env->force_u
						    : rng_uniform(env->keys[in->a], env->draw);
	return vm_quantile((enum vm_dist)in->dist, args, in->n, u);
}

/* min and max let a NaN through (fmin would drop it): it is then reported as the value
** that is not a number, whichever argument it is (check/graph.c folds them alike). */
static double fold_minmax(const double *v, unsigned n, bool is_min)
{
	double r = v[0];
	for (unsigned i = 1; i < n && !isnan(r); i++)
		if (isnan(v[i]) || (is_min ? v[i] < r : v[i] > r))
			r = v[i];
	return r;
}

double vm_eval(const struct vm_chunk *c, const struct vm_env *env, const double *params)
{
	/* One spare cell below the stack: `top` (the cell under sp) is formed before every
	** instruction, also when the stack is empty, and must point into the array then
	** (&stack[sp - 1] with sp = 0 indexed 2^32 − 1: undefined behaviour). */
	double cells[c->maxstack + 2], *stack = cells + 1;
	unsigned sp = 0;
	const struct vm_ins *code = c->code;
	for (unsigned pc = 0; pc < c->len; pc++) {
		const struct vm_ins *in = &code[pc];
		double *top = stack + sp - 1;
		switch ((enum vm_op)in->op) {
		case V_CONST: stack[sp++] = in->k; break;
		case V_LOAD: stack[sp++] = env->slots[in->a]; break;
		case V_PARAM: stack[sp++] = params[in->a]; break;
		case V_EVENT: stack[sp++] = env->events[in->a]; break;
		case V_ADD: top[-1] += top[0]; sp--; break;
		case V_SUB: top[-1] -= top[0]; sp--; break;
		case V_MUL: top[-1] *= top[0]; sp--; break;
		case V_DIV: top[-1] /= top[0]; sp--; break;
		case V_POW: top[-1] = pow(top[-1], top[0]); sp--; break;
		case V_LT: top[-1] = top[-1] < top[0]; sp--; break;
		case V_LE: top[-1] = top[-1] <= top[0]; sp--; break;
		case V_GT: top[-1] = top[-1] > top[0]; sp--; break;
		case V_GE: top[-1] = top[-1] >= top[0]; sp--; break;
		case V_EQ: top[-1] = top[-1] == top[0]; sp--; break;
		case V_NE: top[-1] = top[-1] != top[0]; sp--; break;
		case V_AND: top[-1] = top[-1] != 0 && top[0] != 0; sp--; break;
		case V_OR: top[-1] = top[-1] != 0 || top[0] != 0; sp--; break;
		case V_NEG: top[0] = -top[0]; break;
		case V_NOT: top[0] = top[0] == 0; break;
		case V_JMPF:
			sp--;
			if (stack[sp] == 0)
				pc = in->a - 1;
			break;
		case V_JMP: pc = in->a - 1; break;
		case V_MIN:
		case V_MAX:
			sp -= in->n;
			stack[sp] = fold_minmax(&stack[sp], in->n, in->op == V_MIN);
			sp++;
			break;
		case V_CLAMP:
			sp -= 2;
			top = &stack[sp - 1];
			*top = outside(in, env, top, 3) ? NAN : *top < top[1] ? top[1]
			     : *top > top[2] ? top[2] : *top;
			break;
		case V_ABS: *top = fabs(*top); break;
		case V_SQRT: *top = outside(in, env, top, 1) ? NAN : sqrt(*top); break;
		case V_EXP: *top = exp(*top); break;
		case V_LOG: *top = outside(in, env, top, 1) ? NAN : log(*top); break;
		case V_NCDF:
			sp -= 2;
			top = &stack[sp - 1];
			*top = outside(in, env, top, 3) ? NAN
			     : gsl_cdf_gaussian_P(*top - top[1], top[2]);
			break;
		case V_CALL:
			sp -= in->n;
			stack[sp] = vm_eval(&env->fns[in->a], env, &stack[sp]);
			sp++;
			break;
		case V_DRAW:
			sp -= in->n;
			stack[sp] = draw(in, env, &stack[sp]);
			sp++;
			break;
		}
	}
	return sp ? stack[sp - 1] : NAN;
}
