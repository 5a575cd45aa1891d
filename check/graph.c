/*
** graph.c: the value graph. Lets, set attributes and fns are nodes; references are
** edges. A depth-first search (iterative: a chain of 100,000 lets must not overflow
** the C stack) finds cycles, which are errors naming every node on them, and leaves
** the rest in dependency order. Folding then computes, once and in that order, every
** value that needs no draw, to check ranges and catch division by zero and overflow
** before anything runs.
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

struct vnode *vnode_new(struct checker *c, const char *label, const struct ast_node *expr,
			const struct ast_node *at, const struct srcfile *file)
{
	struct vnode *v = ARENA_NEW(c->arena, struct vnode);
	v->label = label;
	v->expr = expr;
	v->at = at;
	v->file = file;
	if (c->nall == c->capall) {
		c->capall = c->capall ? 2 * c->capall : 64;
		c->all = xrealloc(c->all, c->capall * sizeof *c->all);
	}
	c->all[c->nall++] = v;
	return v;
}

void vnode_depend(struct checker *c, struct vnode *from, struct vnode *to)
{
	if (!from || !to)
		return;
	if (from->ndeps == from->capdeps) {
		unsigned cap = from->capdeps ? 2 * from->capdeps : 4;
		struct vnode **d = arena_alloc(c->arena, cap * sizeof *d);
		if (from->ndeps)
			memcpy(d, from->deps, from->ndeps * sizeof *d);
		from->deps = d;
		from->capdeps = cap;
	}
	from->deps[from->ndeps++] = to;
}

/* ---- cycles ---- */

struct frame {
	struct vnode *v;
	unsigned next;		/* the next edge to follow */
};

/* How many members of a long cycle its message names (and notes point to): the first
** ones, then how many more, so that a cycle of 100,000 lets stays one readable error
** built in time linear in its length. */
enum { CYCLE_SHOWN = 16 };

static void report_cycle(struct checker *c, struct frame *stack, unsigned top,
			 struct vnode *back)
{
	unsigned from = top;
	while (stack[from].v != back)
		from--;
	bool all_fns = true;
	for (unsigned i = from; i <= top; i++)
		all_fns &= stack[i].v->is_fn;
	unsigned members = top - from + 1;
	const char *path = "";
	for (unsigned i = from; i <= top; i++) {
		if (members > CYCLE_SHOWN && i - from == CYCLE_SHOWN - 1) {
			path = arena_printf(c->arena, "%s… (%u more) → ", path,
					    members - (CYCLE_SHOWN - 1));
			break;
		}
		path = arena_printf(c->arena, "%s`%s` → ", path, stack[i].v->label);
	}
	path = arena_printf(c->arena, "%s`%s`", path, back->label);
	struct diag *d = all_fns
		? diag_error(c->sink, back->file, back->where,
			     "`%s` is recursive (%s); a fn may not call itself", back->label, path)
		: diag_error(c->sink, back->file, back->where, "reference cycle: %s", path);
	for (unsigned i = from; i <= top; i++) {
		stack[i].v->in_cycle = true;
		if (i > from && i - from < CYCLE_SHOWN - 1)
			diag_note(c->sink, d, stack[i].v->file, stack[i].v->where,
				  "`%s` is defined here", stack[i].v->label);
	}
}

/* Depth-first from root, appending finished nodes to order. */
static void visit(struct checker *c, struct vnode *root, struct frame *stack,
		  struct vnode **order, unsigned *norder)
{
	unsigned top = 0;
	stack[0] = (struct frame){ root, 0 };
	root->mark = 1;
	for (;;) {
		struct frame *f = &stack[top];
		if (f->next < f->v->ndeps) {
			struct vnode *w = f->v->deps[f->next++];
			if (w->mark == 1 && !w->in_cycle)
				report_cycle(c, stack, top, w);
			if (w->mark == 0) {
				w->mark = 1;
				stack[++top] = (struct frame){ w, 0 };
			}
			continue;
		}
		f->v->mark = 2;
		order[(*norder)++] = f->v;
		if (top == 0)
			return;
		top--;
	}
}

/* ---- folding ---- */

struct env {
	const struct ast_node *params;
	const double *vals;
};

static bool fold(struct checker *c, const struct srcfile *f, const struct ast_node *e,
		 const struct env *env, unsigned calls, bool report, double *out);

static bool fold_name(struct checker *c, const struct ast_node *e, const struct env *env,
		      double *out)
{
	unsigned i = 0;
	for (const struct ast_node *p = env ? env->params : NULL; p; p = p->next, i++)
		if (strcmp(p->u.name.text, e->u.name.text) == 0) {
			if (!env->vals)
				return false;
			*out = env->vals[i];
			return true;
		}
	struct symbol *s = sym_find(c, e->u.name.text);
	if (!s || s->kind != SYM_LET || !s->value->constant)
		return false;
	*out = s->value->value;
	return true;
}

static bool fold_field(struct checker *c, const struct ast_node *e, double *out)
{
	struct symbol *s = sym_find(c, e->u.field.owner.text);
	if (!s || !s->role)
		return false;
	const struct attr_def *a = attr_find(s->role, e->u.field.attr.text);
	if (!a || a->type != AT_NUMBER)
		return false;
	struct vnode *v = s->attrs[a - s->role->attrs];
	if (v) {
		*out = v->value;
		return v->constant;
	}
	*out = a->dflt_value;
	return !isnan(a->dflt_value);
}

/* Folding calls a fn by folding its body: a fn that calls another twice, which calls
** another twice, ... would take 2^depth steps. A call written outside any fn may make
** at most MAX_FOLD_WORK calls in all; past that its value is left to run time. */
enum { MAX_FOLD_ARGS = 16, MAX_FOLD_CALLS = 32, MAX_FOLD_WORK = 4096 };
static unsigned fold_work;

/* The number of values the arguments of builtin call e make (choice: both lists'). */
static unsigned builtin_nargs(const struct ast_node *e)
{
	unsigned n = 0;
	for (const struct ast_node *p = e->u.call.args; p; p = p->next)
		n += p->kind == AST_LIST ? p->u.list.count : 1;
	return n;
}

/* Folds the arguments of builtin call e into a[0..builtin_nargs(e)), NaN where one is
** not constant (choice: its lists flattened, values then chances). Returns the
** arguments that are constant, bit i for argument i (a list's bit: all its items). */
static unsigned fold_args(struct checker *c, const struct srcfile *f, const struct ast_node *e,
			  const struct env *env, unsigned calls, bool report, double *a)
{
	unsigned known = 0, i = 0, n = 0;
	for (const struct ast_node *p = e->u.call.args; p; p = p->next, i++) {
		bool all = true;
		const struct ast_node *item = p->kind == AST_LIST ? p->u.list.items : p;
		for (; item; item = p->kind == AST_LIST ? item->next : NULL, n++)
			if (!fold(c, f, item, env, calls, report, &a[n])) {
				a[n] = NAN;
				all = false;
			}
		known |= (unsigned)all << i;
	}
	return known;
}

/* Whether the arguments a[0..n) of b are outside its domain (builtins.h), as far as
** the constant ones (known) can tell. */
static bool outside_domain(const struct builtin *b, const double *a, unsigned n,
			   unsigned known)
{
	return b->outside && (b->args & ~known) == 0 && b->outside(a, n);
}

/* A call of a builtin function: its value when its arguments are constant; arguments
** outside its domain are an error (when report), and leave the call to run time
** otherwise (where the interpreter finds them in the first draw). */
static bool fold_builtin(struct checker *c, const struct srcfile *f, const struct ast_node *e,
			 const struct builtin *b, const struct env *env, unsigned calls,
			 bool report, double *out)
{
	double args[MAX_FOLD_ARGS];
	unsigned n = e->u.call.nargs;
	/* a wrong number of arguments was reported when it was typed */
	if (b->kind != B_MATH || (int)n < b->min || (b->max >= 0 && (int)n > b->max))
		return false;
	unsigned known = fold_args(c, f, e, env, calls, report, args);
	if (outside_domain(b, args, n, known)) {
		if (report)
			diag_error(c->sink, f, e->span, "`%s` is undefined: `%s` needs %s",
				   src_text(c, f, e), b->sig, b->needs);
		return false;
	}
	if (known != (1u << n) - 1)
		return false;
	*out = builtin_apply(b->math, args, n);
	return true;
}

static bool fold_call(struct checker *c, const struct srcfile *f, const struct ast_node *e,
		      const struct env *env, unsigned calls, bool report, double *out)
{
	double args[MAX_FOLD_ARGS];
	unsigned n = 0;
	if (calls == 0)
		fold_work = MAX_FOLD_WORK;
	if (e->u.call.nargs > MAX_FOLD_ARGS || calls >= MAX_FOLD_CALLS || fold_work == 0)
		return false;
	fold_work--;
	const struct builtin *b = builtin_find(e->u.call.fn.text);
	if (b)
		return fold_builtin(c, f, e, b, env, calls, report, out);
	for (const struct ast_node *a = e->u.call.args; a; a = a->next)
		if (!fold(c, f, a, env, calls, false, &args[n++]))
			return false;
	struct symbol *s = sym_find(c, e->u.call.fn.text);
	if (!s || s->kind != SYM_FN || s->value->in_cycle || n != s->item->u.fn.nparams)
		return false;
	struct env inner = { s->item->u.fn.params, args };
	return fold(c, s->file, s->item->u.fn.body, &inner, calls + 1, false, out);
}

static double arith(enum ast_op op, double a, double b)
{
	switch (op) {
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_MUL: return a * b;
	case OP_DIV: return a / b;
	case OP_POW: return pow(a, b);
	case OP_LT: return a < b;
	case OP_LE: return a <= b;
	case OP_GT: return a > b;
	case OP_GE: return a >= b;
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	case OP_AND: return a != 0 && b != 0;
	case OP_OR: return a != 0 || b != 0;
	case OP_NEG: case OP_NOT: break;	/* unary: never here */
	}
	return NAN;
}

static bool fold_binary(struct checker *c, const struct srcfile *f, const struct ast_node *e,
			const struct env *env, unsigned calls, bool report, double *out)
{
	double a, b;
	enum ast_op op = e->u.binary.op;
	bool ka = fold(c, f, e->u.binary.lhs, env, calls, report, &a);
	bool kb = fold(c, f, e->u.binary.rhs, env, calls, report, &b);
	if (op == OP_AND && ((ka && a == 0) || (kb && b == 0)))
		return *out = 0, true;
	if (op == OP_OR && ((ka && a != 0) || (kb && b != 0)))
		return *out = 1, true;
	if (op == OP_DIV && kb && b == 0) {
		if (report)
			diag_error(c->sink, f, e->span, "division by zero in `%s`",
				   src_text(c, f, e));
		return false;
	}
	if (!ka || !kb)
		return false;
	*out = arith(op, a, b);
	return true;
}

/* Folds e; reports (when report) what makes it non-finite. */
static bool fold(struct checker *c, const struct srcfile *f, const struct ast_node *e,
		 const struct env *env, unsigned calls, bool report, double *out)
{
	bool k = false;
	double v = 0;
	switch (e->kind) {
	case AST_NUM: v = e->u.num.value; k = true; break;
	case AST_BOOL: v = e->u.boolean; k = true; break;
	case AST_NAME: k = fold_name(c, e, env, &v); break;
	case AST_FIELD: k = fold_field(c, e, &v); break;
	case AST_CALL: k = fold_call(c, f, e, env, calls, report, &v); break;
	case AST_UNARY:
		k = fold(c, f, e->u.unary.operand, env, calls, report, &v);
		v = e->u.unary.op == OP_NEG ? -v : v == 0;
		break;
	case AST_BINARY: k = fold_binary(c, f, e, env, calls, report, &v); break;
	case AST_IF: {
		double cond;
		if (fold(c, f, e->u.cond.cond, env, calls, report, &cond))
			k = fold(c, f, cond != 0 ? e->u.cond.then : e->u.cond.els, env, calls,
				 report, &v);
		break;
	}
	case AST_STR: case AST_LIST: AST_CASES(AST_ITEM_KINDS) break;
	}
	if (k && !isfinite(v)) {
		if (report)
			diag_error(c->sink, f, e->span, isnan(v)
				   ? "`%s` is undefined (not a number)"
				   : "`%s` overflows: it is infinite", src_text(c, f, e));
		return false;
	}
	*out = v;
	return k;
}

/* ---- ranges ---- */

/* A whole number with thousands separators: "10,000,000,000". */
static const char *whole_text(struct checker *c, double x)
{
	char digits[32], out[48];
	int n = snprintf(digits, sizeof digits, "%.0f", x), k = 0;
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = 0;
	return arena_strndup(c->arena, out, (size_t)k);
}

static void check_range(struct checker *c, const struct vnode *v, const struct ast_node *at,
			double x)
{
	const struct attr_def *a = v->def;
	const char *name = a->name;
	bool whole = a->flags & AF_INTEGER;
	if (whole && isfinite(a->hi) && !(a->flags & AF_LO_OPEN) &&
	    (x < a->lo || x > a->hi || x != floor(x)))	/* a count with a limit: `draws` */
		diag_error(c->sink, v->file, at->span, "`%s` must be a whole number from %s to "
			   "%s, but it is %.15g", name, whole_text(c, a->lo), whole_text(c, a->hi), x);
	else if (a->lo == 0 && a->hi == 1 && (x < 0 || x > 1))
		diag_error(c->sink, v->file, at->span, "`%s` is a probability: it must be "
			   "between 0 and 1 (0%% and 100%%), but it is %g", name, x);
	else if (a->flags & AF_LO_OPEN ? x <= a->lo : x < a->lo)
		diag_error(c->sink, v->file, at->span, "`%s` must be %s %g, but it is %g", name,
			   a->flags & AF_LO_OPEN ? "above" : "at least", a->lo, x);
	else if (x > a->hi)
		diag_error(c->sink, v->file, at->span, "`%s` must be at most %g, but it is %g",
			   name, a->hi, x);
	else if (whole && x != floor(x))
		diag_error(c->sink, v->file, at->span,
			   "`%s` must be a whole number, but it is %g", name, x);
	else if (a == attr_find(&roles[BLOCK_STAKE], "value") && x != 0 && x < SCEN_MIN_STAKE)
		diag_error(c->sink, v->file, at->span, "a stake's `value` of %g is too small for "
			   "the exact sums, which hold amounts to 2^-40 (about 9.1e-13): its "
			   "quantities would lose digits; measure in a smaller unit, so that it is "
			   "at least %g", x, SCEN_MIN_STAKE);
}

/* Where the distribution call e draws ([*lo, *hi], ±HUGE_VAL when unbounded): false
** when that is not known before the run (a parameter its support needs is not
** constant) or its parameters are outside its domain (builtins.h), as far as the
** constant ones tell; then, when report, says so. */
static bool call_range(struct checker *c, const struct srcfile *f, const struct ast_node *e,
		       bool report, double *lo, double *hi)
{
	const struct builtin *b = builtin_find(e->u.call.fn.text);
	if (!b || b->kind != B_DIST || (int)e->u.call.nargs != b->min)
		return false;
	const struct ast_node *first = e->u.call.args, *second = first->next;
	if (strcmp(b->name, "choice") == 0 && (first->kind != AST_LIST || second->kind != AST_LIST
					       || first->u.list.count != second->u.list.count))
		return false;	/* not two lists of the same length: reported when typed */
	unsigned n = builtin_nargs(e);
	double *a = xmalloc((n + 1) * sizeof *a);
	unsigned known = fold_args(c, f, e, NULL, 0, report, a);
	*lo = -HUGE_VAL, *hi = HUGE_VAL;
	if (b->support)
		b->support(a, n, lo, hi);
	bool outside = outside_domain(b, a, n, known);
	free(a);
	if (outside && report)
		diag_error(c->sink, f, e->span, "bad distribution `%s`: `%s` needs %s",
			   src_text(c, f, e), b->sig, b->needs);
	return !outside && !isnan(*lo) && !isnan(*hi);
}

/* Where distribution e draws (a call, an `if` choosing between two, or a named
** distribution, whose range was found when it was folded: dependencies come first);
** false when that is not known before the run. Reports invalid parameters of the calls
** written in e. */
static bool dist_range(struct checker *c, const struct srcfile *f, const struct ast_node *e,
		       double *lo, double *hi)
{
	switch (e->kind) {
	case AST_CALL: return call_range(c, f, e, true, lo, hi);
	case AST_IF: {
		double lo2, hi2;
		bool then = dist_range(c, f, e->u.cond.then, lo, hi);
		if (!dist_range(c, f, e->u.cond.els, &lo2, &hi2) || !then)
			return false;
		*lo = fmin(*lo, lo2), *hi = fmax(*hi, hi2);
		return true;
	}
	case AST_NAME: {
		const struct symbol *s = sym_find(c, e->u.name.text);
		const struct vnode *d = s ? s->value : NULL;
		if (!d || !d->distribution || !d->ranged)
			return false;
		*lo = d->lo, *hi = d->hi;
		return true;
	}
	case AST_NUM: case AST_BOOL: case AST_STR: case AST_LIST: case AST_FIELD: case AST_UNARY:
	case AST_BINARY: AST_CASES(AST_ITEM_KINDS) break;
	}
	return false;
}

/* A distribution drawn with `~`, or named by a let: are its parameters valid, and can it
** draw values outside the attribute's range? */
static void check_dist(struct checker *c, struct vnode *v)
{
	double lo, hi;
	if (!dist_range(c, v->file, v->expr, &lo, &hi))
		return;
	if (v->distribution) {
		v->ranged = true;
		v->lo = lo, v->hi = hi;
	} else if (v->def && v->def->type == AT_NUMBER && isfinite(lo) && isfinite(hi) &&
		   (lo < v->def->lo || hi > v->def->hi)) {
		diag_error(c->sink, v->file, v->expr->span,
			   "`%s` can draw values outside the range of `%s` (%s)",
			   src_text(c, v->file, v->expr), v->def->name, isfinite(v->def->hi)
			   ? arena_printf(c->arena, "%g to %g", v->def->lo, v->def->hi)
			   : arena_printf(c->arena, "%s %g", v->def->flags & AF_LO_OPEN
					  ? "above" : "at least", v->def->lo));
	}
}

/* Is e a distribution (reported as such when it was typed)? */
static bool is_distribution(struct checker *c, const struct ast_node *e)
{
	if (e->kind == AST_IF)
		return is_distribution(c, e->u.cond.then) || is_distribution(c, e->u.cond.els);
	if (e->kind == AST_NAME) {
		const struct symbol *s = sym_find(c, e->u.name.text);
		return s && s->value && s->value->distribution;
	}
	const struct builtin *b = e->kind == AST_CALL ? builtin_find(e->u.call.fn.text) : NULL;
	return b && b->kind == B_DIST;
}

/* A number written in decimal digits (and `_`, not `%`): its exact value. Returns 1,
** 0 when e is not such a number, -1 when it is one above 2^64 − 1. */
static int digits_value(const struct ast_node *e, uint64_t *out)
{
	if (e->kind != AST_NUM)
		return 0;
	uint64_t v = 0;
	for (const char *p = e->u.num.text; *p; p++) {
		if (*p == '_')
			continue;
		if (*p < '0' || *p > '9')
			return 0;
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

/* The seed: a whole number from 0 to 2^64 − 1, kept exact (a double holds 53 bits:
** `seed = 9007199254740993` would run as ...992). Written in digits, it is read from
** them; any other spelling (an exponent, an expression) is folded to a double, exact
** only below 2^53, and refused at or above it. */
static void check_seed(struct checker *c, struct vnode *v)
{
	const struct ast_node *e = v->expr;
	uint64_t seed = 0;
	int digits = digits_value(e, &seed);
	double x = 0;
	if (digits == 0 && !fold(c, v->file, e, NULL, 0, true, &x)) {
		if (!is_distribution(c, e))
			diag_error(c->sink, v->file, e->span, "`seed` must be a constant number");
		return;
	}
	if (digits == -1 || (digits == 0 && (x < 0 || x >= 0x1p64 || x != floor(x)))) {
		diag_error(c->sink, v->file, e->span, "`seed` must be %s, but it is %s",
			   SCEN_SEED_RANGE, digits ? e->u.num.text : arena_printf(c->arena, "%.15g", x));
		return;
	}
	if (digits == 0 && x >= 0x1p53) {
		diag_error(c->sink, v->file, e->span, "`seed` is `%s`, at least 2^53 "
			   "(9,007,199,254,740,992): a seed that large is exact only when written "
			   "in digits", src_text(c, v->file, e));
		return;
	}
	c->has_seed = true;
	c->seed = digits ? seed : (uint64_t)x;
	v->constant = true;
	v->value = (double)c->seed;
}

static void fold_node(struct checker *c, struct vnode *v)
{
	v->folded = true;
	if (v->in_cycle || !v->expr ||
	    (v->def && v->def->type != AT_NUMBER && v->def->type != AT_BOOL))
		return;
	if (v->uncertain || v->distribution) {
		check_dist(c, v);
		return;
	}
	if (v->is_fn) {
		double ignored;
		struct env none = { v->at->u.fn.params, NULL };
		fold(c, v->file, v->expr, &none, 0, true, &ignored);
		return;
	}
	if (v->def && v->def->flags & AF_SETTING && strcmp(v->def->name, "seed") == 0) {
		check_seed(c, v);
		return;
	}
	v->constant = fold(c, v->file, v->expr, NULL, 0, true, &v->value);
	if (v->def && v->def->type == AT_NUMBER) {
		if (v->constant)
			check_range(c, v, v->expr, v->value);
		else if (v->def->flags & AF_SETTING && !is_distribution(c, v->expr))
			diag_error(c->sink, v->file, v->expr->span,
				   "`%s` must be a constant number", v->def->name);
	}
}

bool graph_fold(struct checker *c, const struct srcfile *f, const struct ast_node *e,
		double *out)
{
	return fold(c, f, e, NULL, 0, true, out);
}

/* One value as it was before graph_row_not_whole changed it. */
struct folded { double value; bool constant; };

/* Folds v again when one of its dependencies moved; true when it did. Only what folded to a constant is folded again: a drawn value stays drawn, and a
** fn is evaluated where it is called. */
/* Whether v depends on a value that moved (moved[], by index; marks v so). */
static bool moves(const struct vnode *v, bool *moved)
{
	for (unsigned d = 0; d < v->ndeps && !moved[v->index]; d++)
		moved[v->index] = moved[v->deps[d]->index];
	return moved[v->index];
}

static bool refold(struct checker *c, struct vnode *v, bool *moved)
{
	if (!moves(v, moved) || v->is_fn || !v->constant)
		return false;
	v->constant = fold(c, v->file, v->expr, NULL, 0, false, &v->value);
	return true;
}

bool graph_feeds_whole(const struct checker *c, const struct vnode *let)
{
	bool *moved = xcalloc(c->norder + 1, sizeof *moved), feeds = false;
	moved[let->index] = true;
	for (unsigned i = let->index + 1; i < c->norder && !feeds; i++)
		feeds = moves(c->order[i], moved) && c->order[i]->def &&
			c->order[i]->def->flags & AF_INTEGER;
	free(moved);
	return feeds;
}

const struct vnode *graph_row_not_whole(struct checker *c, struct vnode *let, double x,
					double *out)
{
	struct folded *was = xmalloc((c->norder + 1) * sizeof *was);
	bool *moved = xcalloc(c->norder + 1, sizeof *moved);
	const struct vnode *bad = NULL;
	unsigned i = let->index, end = let->index;
	was[i] = (struct folded){ let->value, let->constant };
	let->value = x;
	let->constant = moved[i] = true;
	for (i++; i < c->norder && !bad; i++, end++) {	/* c->order: dependencies first */
		struct vnode *v = c->order[i];
		was[i] = (struct folded){ v->value, v->constant };
		if (refold(c, v, moved) && v->constant && v->def && v->def->flags & AF_INTEGER &&
		    v->value != floor(v->value)) {
			bad = v;
			*out = v->value;
		}
	}
	for (unsigned k = let->index; k <= end; k++) {
		c->order[k]->value = was[k].value;
		c->order[k]->constant = was[k].constant;
	}
	free(was);
	free(moved);
	return bad;
}

/* ---- call depth ---- */

/* Fns and named distributions are evaluated as calls (interp: V_CALL), one inside the
** other as deep as they refer to each other: a chain of 70,000 fns overflowed the C
** stack. Each one's depth is 1 + the deepest it calls, found in dependency order (what
** it calls comes first); the first past SCEN_MAX_CALL_DEPTH is an error, and only the
** first of a chain, since every one above it is past the limit because of it. */
static bool is_call(const struct vnode *v)
{
	return v->is_fn || v->distribution;
}

static void check_call_depth(struct checker *c, struct vnode **order, unsigned n)
{
	unsigned *depth = xcalloc(n + 1, sizeof *depth);
	for (unsigned i = 0; i < n; i++) {
		const struct vnode *v = order[i];
		if (!is_call(v) || v->in_cycle)
			continue;
		unsigned deepest = 0;
		for (unsigned d = 0; d < v->ndeps; d++)
			if (is_call(v->deps[d]) && depth[v->deps[d]->index] > deepest)
				deepest = depth[v->deps[d]->index];
		depth[i] = deepest + 1;
		if (depth[i] == SCEN_MAX_CALL_DEPTH + 1)
			diag_error(c->sink, v->file, v->where, "`%s` nests calls %u deep (the fns "
				   "and named distributions it calls, theirs, and so on); at most "
				   "%d may nest", v->label, depth[i], SCEN_MAX_CALL_DEPTH);
	}
	free(depth);
}

bool model_fold(const struct program *p, const struct ast_node *e, double *out)
{
	assert(p->model);
	struct diag_sink quiet;		/* never written: nothing is reported */
	diag_init(&quiet);
	struct checker c = { .sink = &quiet, .names = p->model->names };
	bool k = fold(&c, NULL, e, NULL, 0, false, out);
	diag_free(&quiet);
	return k;
}

/* model.h */
double model_sweep_row(double from, double step, double to, unsigned r)
{
	double v = from + r * step;
	int k = (int)ceil(6 - log10(fabs(step)));
	if (k >= 0 && k <= 22) {	/* 10^k exact in a double: the quotient rounds once */
		double q = pow(10, k), n = nearbyint(v * q);
		if (fabs(n) < 0x1p53 && fabs(n / q - v) <= 1e-9 * fabs(step))
			v = n / q + 0.0;	/* never -0 */
	}
	return (v - to) * step > 0 ? to : v;
}

void graph_order(struct checker *c)
{
	struct frame *stack = xmalloc((c->nall + 1) * sizeof *stack);
	struct vnode **order = arena_alloc(c->arena, (c->nall + 1) * sizeof *order);
	unsigned n = 0;
	for (unsigned i = 0; i < c->nall; i++)
		if (c->all[i]->mark == 0)
			visit(c, c->all[i], stack, order, &n);
	free(stack);
	for (unsigned i = 0; i < n; i++) {
		order[i]->index = i;
		fold_node(c, order[i]);
	}
	check_call_depth(c, order, n);
	c->order = order;
	c->norder = n;
}
