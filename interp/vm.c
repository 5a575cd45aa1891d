/*
** vm.c: the evaluator. A switch over a flat instruction array with an operand stack
** sized at compile time. Draws are quantile functions (quantile.c) at one counter-based
** uniform per stream and draw (rng.h).
*/
#include "interp/vm.h"

#include <math.h>

#include "check/builtins.h"
#include "interp/rng.h"

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

static double draw(const struct vm_ins *in, unsigned stream, const struct vm_env *env,
		   const double *args)
{
	if (outside(in, env, args, in->n))
		return NAN;
	double u = (int)stream == env->force_stream ? env->force_u
		   : stream + 1 == env->hold ? env->hold_u
		   : rng_uniform(env->keys[stream], env->draw);
	return vm_quantile((enum vm_dist)in->dist, args, in->n, u);
}

/* min and max let a NaN through (fmin would drop it): it is then reported as the value
** that is not a number, whichever argument it is (check/graph.c folds them alike). */

/* A chunk's own cells: its operand stack and one spare cell below it, since `top` (the
** cell under sp) is formed before every instruction, also when the stack is empty, and
** must point into the array then (&stack[sp - 1] with sp = 0 indexed 2^32 − 1:
** undefined behaviour); a call's operands start above the caller's. */
void vm_chunk_need(struct vm_chunk *c, const struct vm_chunk *fns)
{
	unsigned deepest = 0;
	for (unsigned i = 0; i < c->len; i++)
		if (c->code[i].op == V_CALL && fns[c->code[i].a].need > deepest)
			deepest = fns[c->code[i].a].need;
	c->need = c->maxstack + 1 + deepest;
}

/* Evaluates c with its operand stack at stack (stack[-1] is a cell it may point to). */
static double eval(const struct vm_chunk *c, const struct vm_env *env, const double *params,
		   double *stack)
{
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
			stack[sp] = builtin_min_max(&stack[sp], in->n, in->op == V_MIN);
			sp++;
			break;
		case V_CLAMP:
			sp -= 2;
			top = &stack[sp - 1];
			*top = outside(in, env, top, 3) ? NAN : builtin_clamp(*top, top[1], top[2]);
			break;
		case V_ABS: *top = fabs(*top); break;
		case V_SQRT: *top = outside(in, env, top, 1) ? NAN : sqrt(*top); break;
		case V_EXP: *top = exp(*top); break;
		case V_LOG: *top = outside(in, env, top, 1) ? NAN : log(*top); break;
		case V_NCDF:
			sp -= 2;
			top = &stack[sp - 1];
			*top = outside(in, env, top, 3) ? NAN
			     : builtin_normal_cdf(*top, top[1], top[2]);
			break;
		case V_CALL:
			sp -= in->n;
			stack[sp] = eval(&env->fns[in->a], env, &stack[sp],
					 &stack[sp + in->n + 1]);
			sp++;
			break;
		case V_DRAW:
			sp -= in->n;
			stack[sp] = draw(in, in->a, env, &stack[sp]);
			sp++;
			break;
		case V_DRAWS: {
			unsigned stream = (unsigned)stack[--sp];
			sp -= in->n;
			stack[sp] = draw(in, stream, env, &stack[sp]);
			sp++;
			break;
		}
		}
	}
	return sp ? stack[sp - 1] : NAN;
}

double vm_eval(const struct vm_chunk *c, const struct vm_env *env, const double *params)
{
	return eval(c, env, params, env->stack + 1);
}
