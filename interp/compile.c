/*
** compile.c: checked expressions to chunks. Names were resolved and typed by the
** checker, so every lookup here succeeds; what remains is to pick the slot, parameter,
** event or fn each name means and to lay the instructions out.
*/
#include <string.h>

#include "check/builtins.h"
#include "interp/interp_int.h"
#include "interp/rng.h"
#include "util/xalloc.h"

void emit_raw(struct compile_ctx *k, struct vm_ins in, int stack_effect)
{
	struct vm_chunk *c = k->out;
	if (c->len == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->code = xrealloc(c->code, c->cap * sizeof *c->code);
	}
	c->code[c->len++] = in;
	k->depth += stack_effect;
	if (k->depth > k->maxdepth)
		k->maxdepth = k->depth;
}

#define emit emit_raw

static void emit_const(struct compile_ctx *k, double v)
{
	emit(k, (struct vm_ins){ .op = V_CONST, .k = v }, 1);
}

static void emit_load(struct compile_ctx *k, unsigned slot)
{
	emit(k, (struct vm_ins){ .op = V_LOAD, .a = slot }, 1);
}

void compile_finish(struct compile_ctx *k)
{
	k->out->maxstack = k->maxdepth;
	vm_chunk_need(k->out, k->it->chunks);
	if (k->out->need > k->it->stack_need)
		k->it->stack_need = k->out->need;
}

unsigned interp_stream(struct interp *it, const char *name)
{
	if (it->nstreams == it->capstreams) {
		it->capstreams = it->capstreams ? 2 * it->capstreams : 16;
		it->streams = xrealloc(it->streams, it->capstreams * sizeof *it->streams);
	}
	it->streams[it->nstreams] = name;
	return it->nstreams++;
}

uint64_t *interp_stream_keys(const struct interp *it, uint64_t seed)
{
	uint64_t *keys = xmalloc((it->nstreams + 1) * sizeof *keys);
	for (unsigned s = 0; s < it->nstreams; s++)
		keys[s] = rng_key(seed, it->streams[s]);
	return keys;
}

unsigned attr_slot(const struct interp *it, const struct symbol *s, const char *name)
{
	const struct attr_def *a = attr_find(s->role, name);
	return it->attr_base[s->id] + (unsigned)(a - s->role->attrs);
}

static int param_index(const struct compile_ctx *k, const char *name)
{
	int i = 0;
	for (const struct ast_node *p = k->params; p; p = p->next, i++)
		if (strcmp(p->u.name.text, name) == 0)
			return i;
	return -1;
}

static int event_index(const char *name)
{
	static const char *const names[NEV] = { "war", "settled", "provoked", "atrocities",
						"intervened" };
	for (int i = 0; i < NEV; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

static void compile_name(struct compile_ctx *k, const struct ast_node *e)
{
	const char *name = e->u.name.text;
	int i = param_index(k, name);
	if (i >= 0) {
		emit(k, (struct vm_ins){ .op = V_PARAM, .a = (uint32_t)i }, 1);
		return;
	}
	if ((i = event_index(name)) >= 0) {
		emit(k, (struct vm_ins){ .op = V_EVENT, .a = (uint32_t)i }, 1);
		return;
	}
	const struct symbol *s = model_find(k->it->m, name);
	emit_load(k, k->it->slot_of[s->value->index]);
}

/* The instruction of each math builtin (check/builtins.h). */
static const enum vm_op math_ops[] = {
	[BM_MIN] = V_MIN, [BM_MAX] = V_MAX, [BM_CLAMP] = V_CLAMP, [BM_ABS] = V_ABS,
	[BM_SQRT] = V_SQRT, [BM_EXP] = V_EXP, [BM_LOG] = V_LOG, [BM_NCDF] = V_NCDF,
};

enum vm_op compile_math_op(enum builtin_math m)
{
	return math_ops[m];
}

static const struct { const char *name; enum vm_dist dist; } dists[] = {
	{ "uniform", D_UNIFORM }, { "normal", D_NORMAL }, { "lognormal", D_LOGNORMAL },
	{ "beta", D_BETA }, { "triangular", D_TRIANGULAR }, { "bernoulli", D_BERNOULLI },
	{ "choice", D_CHOICE },
};

bool vm_dist_named(const char *name, enum vm_dist *out)
{
	for (size_t i = 0; i < sizeof dists / sizeof dists[0]; i++)
		if (strcmp(dists[i].name, name) == 0) {
			*out = dists[i].dist;
			return true;
		}
	return false;
}

/* The site of a call of builtin b (vm.h), when b has a domain to check; else 0. */
static uint32_t site_of(struct compile_ctx *k, const struct ast_node *call)
{
	struct interp *it = k->it;
	const struct builtin *b = builtin_find(call->u.call.fn.text);
	if (!b || !b->outside)
		return 0;
	if (it->nsites + 1 >= it->capsites) {
		it->capsites = it->capsites ? 2 * it->capsites : 16;
		it->sites = xrealloc(it->sites, it->capsites * sizeof *it->sites);
	}
	it->sites[++it->nsites] = (struct vm_site){ b, k->file, call };
	return it->nsites;
}

static void compile_args(struct compile_ctx *k, const struct ast_node *args)
{
	for (const struct ast_node *a = args; a; a = a->next)
		compile_expr(k, a);
}

static void compile_call(struct compile_ctx *k, const struct ast_node *e)
{
	const char *fn = e->u.call.fn.text;
	unsigned n = e->u.call.nargs;
	const struct builtin *b = builtin_find(fn);
	if (b && b->kind == B_MATH) {
		compile_args(k, e->u.call.args);
		emit(k, (struct vm_ins){ .op = compile_math_op(b->math), .n = (uint16_t)n,
					 .site = site_of(k, e) }, 1 - (int)n);
		return;
	}
	if (strcmp(fn, "provocation") == 0) {	/* the `provoked` event of the outcome */
		emit(k, (struct vm_ins){ .op = V_EVENT, .a = EV_PROVOKED }, 1);
		return;
	}
	if (strcmp(fn, "rejects") == 0 || strcmp(fn, "accepts") == 0) {
		const struct symbol *m = model_find(k->it->m, e->u.call.args->u.name.text);
		unsigned ev = NEV + 2 * k->it->mediation_of[m->id] + (fn[0] == 'a');
		emit(k, (struct vm_ins){ .op = V_EVENT, .a = ev }, 1);
		return;
	}
	const struct symbol *s = model_find(k->it->m, fn);
	compile_args(k, e->u.call.args);
	emit(k, (struct vm_ins){ .op = V_CALL, .n = (uint16_t)n, .a = s->value->index },
	     1 - (int)n);
}

/* `if`: a value, or (draw) a distribution drawn from stream. */
static void compile_if(struct compile_ctx *k, const struct ast_node *e, bool draw,
		       unsigned stream)
{
	compile_expr(k, e->u.cond.cond);
	unsigned jf = k->out->len;
	emit(k, (struct vm_ins){ .op = V_JMPF }, -1);
	if (draw)
		compile_draw(k, e->u.cond.then, stream);
	else
		compile_expr(k, e->u.cond.then);
	unsigned jmp = k->out->len;
	emit(k, (struct vm_ins){ .op = V_JMP }, -1);	/* the else branch pushes again */
	k->out->code[jf].a = k->out->len;
	if (draw)
		compile_draw(k, e->u.cond.els, stream);
	else
		compile_expr(k, e->u.cond.els);
	k->out->code[jmp].a = k->out->len;
}

static const enum vm_op binary_ops[] = {
	[OP_ADD] = V_ADD, [OP_SUB] = V_SUB, [OP_MUL] = V_MUL, [OP_DIV] = V_DIV,
	[OP_POW] = V_POW, [OP_LT] = V_LT, [OP_LE] = V_LE, [OP_GT] = V_GT, [OP_GE] = V_GE,
	[OP_EQ] = V_EQ, [OP_NE] = V_NE, [OP_AND] = V_AND, [OP_OR] = V_OR,
};

void compile_expr(struct compile_ctx *k, const struct ast_node *e)
{
	switch (e->kind) {
	case AST_NUM: emit_const(k, e->u.num.value); break;
	case AST_BOOL: emit_const(k, e->u.boolean); break;
	case AST_NAME: compile_name(k, e); break;
	case AST_FIELD: {
		const struct symbol *s = model_find(k->it->m, e->u.field.owner.text);
		emit_load(k, attr_slot(k->it, s, e->u.field.attr.text));
		break;
	}
	case AST_CALL: compile_call(k, e); break;
	case AST_UNARY:
		compile_expr(k, e->u.unary.operand);
		emit(k, (struct vm_ins){ .op = e->u.unary.op == OP_NEG ? V_NEG : V_NOT }, 0);
		break;
	case AST_BINARY:
		compile_expr(k, e->u.binary.lhs);
		compile_expr(k, e->u.binary.rhs);
		emit(k, (struct vm_ins){ .op = binary_ops[e->u.binary.op] }, -1);
		break;
	case AST_IF: compile_if(k, e, false, 0); break;
	case AST_STR: case AST_LIST: AST_CASES(AST_ITEM_KINDS)
		emit_const(k, 0); break;	/* strings, lists: never a value (checked) */
	}
}

/* Pushes the stream a draw takes its uniform from. */
static void emit_stream(struct compile_ctx *k, unsigned stream)
{
	if (stream == STREAM_PARAM)
		emit(k, (struct vm_ins){ .op = V_PARAM, .a = 0 }, 1);
	else
		emit_const(k, stream);
}

void compile_draw(struct compile_ctx *k, const struct ast_node *e, unsigned stream)
{
	if (e->kind == AST_IF) {
		compile_if(k, e, true, stream);
		return;
	}
	if (e->kind == AST_NAME) {
		/* A named distribution (`let x = uniform(…)`) is compiled once, as a chunk
		** whose one parameter is the stream (build.c); inlining it at each use
		** would double the code at every `if` of a chain of such lets. */
		const struct symbol *s = model_find(k->it->m, e->u.name.text);
		emit_stream(k, stream);
		emit(k, (struct vm_ins){ .op = V_CALL, .n = 1, .a = s->value->index }, 0);
		return;
	}
	const char *fn = e->u.call.fn.text;
	unsigned n = 0;
	if (strcmp(fn, "choice") == 0) {	/* two lists: values, then chances */
		for (const struct ast_node *l = e->u.call.args; l; l = l->next) {
			compile_args(k, l->u.list.items);
			n += l->u.list.count;
		}
	} else {
		compile_args(k, e->u.call.args);
		n = e->u.call.nargs;
	}
	enum vm_dist d = D_UNIFORM;
	vm_dist_named(fn, &d);
	if (stream == STREAM_PARAM) {
		emit_stream(k, stream);
		emit(k, (struct vm_ins){ .op = V_DRAWS, .dist = (uint8_t)d, .n = (uint16_t)n,
					 .site = site_of(k, e) }, -(int)n);
		return;
	}
	emit(k, (struct vm_ins){ .op = V_DRAW, .dist = (uint8_t)d, .n = (uint16_t)n,
				 .a = stream, .site = site_of(k, e) }, 1 - (int)n);
}
