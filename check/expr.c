/*
** expr.c: typing expressions. Every expression is checked where it stands (an
** attribute, a let, a fn body) and every name in it resolved; each reference to a let,
** an attribute or a fn becomes an edge from the value being defined (graph.c orders
** them and finds cycles). Errors say what was expected and what was found.
*/
#include <string.h>

#include "check/check_int.h"

const char *const events = "war|settled|provoked|atrocities|intervened";

const char *check_event_names(void)
{
	return events;
}

const char *type_name(enum type t)
{
	static const char *const names[] = { "an error", "a number", "a boolean", "a string",
		"a distribution", "a list", "an actor", "a name" };
	return names[t];
}

const char *src_text(struct checker *c, const struct srcfile *f, const struct ast_node *e)
{
	uint32_t len = e->span.end - e->span.start;
	if (len > 40)
		return arena_printf(c->arena, "%.37s...", f->text + e->span.start);
	return arena_strndup(c->arena, f->text + e->span.start, len);
}

/* fail(x, e, fmt, ...): reports at e and gives T_ERROR. A macro over diag_error, so
** that the compiler checks the format against its arguments. */
static enum type failed(const struct diag *reported)
{
	(void)reported;
	return T_ERROR;
}
#define fail(x, e, ...) failed(diag_error((x)->c->sink, (x)->file, (e)->span, __VA_ARGS__))

/* Requires e to have type want (got is what it has); says what was meant. */
static bool expect(struct expr_ctx *x, const struct ast_node *e, enum type got,
		   enum type want)
{
	if (got == want || got == T_ERROR)
		return got == want;
	const char *text = src_text(x->c, x->file, e);
	if (got == T_DIST && want == T_NUM)
		fail(x, e, "`%s` is a distribution where a number is needed; %s", text,
		     "draw from it with `~` (an attribute or `let NAME ~ ...`)");
	else
		diag_error(x->c->sink, x->file, e->span, "expected %s, but `%s` is %s",
			   type_name(want), text, type_name(got));
	return false;
}


static enum type attr_value_type(const struct attr_def *a);

static bool in_params(const struct ast_node *params, const char *name)
{
	for (const struct ast_node *p = params; p; p = p->next)
		if (strcmp(p->u.name.text, name) == 0)
			return true;
	return false;
}

/* The type of a let's or a fn's value from its form alone, following lets and fns by
** name (they may be defined after use, so they cannot have been typed yet); a fn's
** parameters are numbers. Each symbol is typed once (memoized in c->shapes) and with an
** explicit stack, so that a chain of 100,000 lets, in any order, takes linear time and
** no C stack. T_ERROR when it cannot be known: an unknown name or a cycle, both
** reported where they are. */
enum { SHAPE_NEW, SHAPE_BUSY, SHAPE_DONE };
struct shape {
	unsigned char state, type;
};

/* A symbol's type when it is known; else T_ERROR, and *need is the symbol to type first
** (NULL when it is on the stack already: a cycle). */
static enum type known_shape(struct checker *c, struct symbol *s, struct symbol **need)
{
	const struct shape *m = &c->shapes[s->id];
	if (m->state == SHAPE_DONE)
		return (enum type)m->type;
	if (m->state == SHAPE_NEW)
		*need = s;
	return T_ERROR;
}

/* e's type from its form, where every let and fn it leads to is typed; else *need. */
static enum type shape_of(struct checker *c, const struct ast_node *e,
			  const struct ast_node *params, struct symbol **need)
{
	switch (e->kind) {
	case AST_NUM: return T_NUM;
	case AST_BOOL: return T_BOOL;
	case AST_STR: return T_STR;
	case AST_LIST: return T_LIST;
	case AST_UNARY: return e->u.unary.op == OP_NOT ? T_BOOL : T_NUM;
	case AST_BINARY: return ast_op_precedence(e->u.binary.op) <= 4 ? T_BOOL : T_NUM;
	case AST_IF: {
		enum type t = shape_of(c, e->u.cond.then, params, need);
		return t != T_ERROR || *need ? t : shape_of(c, e->u.cond.els, params, need);
	}
	case AST_CALL: {
		const struct builtin *b = builtin_find(e->u.call.fn.text);
		if (b)
			return b->kind == B_DIST ? T_DIST : b->kind == B_EVENT ? T_BOOL : T_NUM;
		struct symbol *s = sym_find(c, e->u.call.fn.text);
		return s && s->kind == SYM_FN ? known_shape(c, s, need) : T_ERROR;
	}
	case AST_NAME: {
		const char *name = e->u.name.text;
		if (in_params(params, name))
			return T_NUM;
		if (word_in_list(events, name))
			return T_BOOL;
		struct symbol *s = sym_find(c, name);
		if (s && s->kind == SYM_ACTOR)
			return T_ACTOR;
		return s && s->kind == SYM_LET ? known_shape(c, s, need) : T_ERROR;
	}
	case AST_FIELD: {
		const struct symbol *s = sym_find(c, e->u.field.owner.text);
		const struct attr_def *a = s && s->role ? attr_find(s->role, e->u.field.attr.text)
							: NULL;
		enum type t = a ? attr_value_type(a) : T_ERROR;
		return t == T_NAME ? T_ERROR : t;
	}
	AST_CASES(AST_ITEM_KINDS) break;
	}
	return T_ERROR;
}

/* The type of a let's or a fn's value (a let drawn with `~` is a number). */
static enum type value_shape(struct checker *c, struct symbol *root)
{
	if (!c->shapes) {
		c->shapes = arena_alloc(c->arena, (c->nsymbols + 1) * sizeof *c->shapes);
		memset(c->shapes, 0, (c->nsymbols + 1) * sizeof *c->shapes);
		c->shape_stack = arena_alloc(c->arena, (c->nsymbols + 1) *
					     sizeof *c->shape_stack);
	}
	if (c->shapes[root->id].state == SHAPE_DONE)
		return (enum type)c->shapes[root->id].type;
	unsigned top = 0;
	c->shape_stack[top++] = root;
	c->shapes[root->id].state = SHAPE_BUSY;
	while (top) {
		struct symbol *s = c->shape_stack[top - 1], *need = NULL;
		bool fn = s->kind == SYM_FN;
		enum type t = !fn && s->item->u.let.uncertain ? T_NUM
			    : shape_of(c, fn ? s->item->u.fn.body : s->item->u.let.value,
				       fn ? s->item->u.fn.params : NULL, &need);
		if (need) {
			c->shapes[need->id].state = SHAPE_BUSY;
			c->shape_stack[top++] = need;
			continue;
		}
		c->shapes[s->id] = (struct shape){ SHAPE_DONE, (unsigned char)t };
		top--;
	}
	return (enum type)c->shapes[root->id].type;
}

static enum type check_name(struct expr_ctx *x, const struct ast_node *e)
{
	const char *name = e->u.name.text;
	if (in_params(x->params, name))
		return T_NUM;
	if (word_in_list(events, name)) {
		if (x->events)
			return T_BOOL;
		return fail(x, e, "event `%s` can only be used in a sanction (its `when`, "
			    "`cost` or `benefit`)", name);
	}
	struct symbol *s = sym_find(x->c, name);
	if (!s) {
		/* not the let being defined: that would be a cycle */
		const char *self = x->owner && !x->owner->is_fn ? x->owner->label : NULL;
		suggest_later(x->c, diag_error(x->c->sink, x->file, e->span, "unknown name `%s`",
					       name),
			      name, 1u << SYM_LET | 1u << SYM_ACTOR, x->events ? events : NULL,
			      self);
		return T_ERROR;
	}
	if (s->kind == SYM_LET) {
		s->value->referenced = true;
		vnode_depend(x->c, x->owner, s->value);
		return value_shape(x->c, s);
	}
	if (s->kind == SYM_ACTOR)
		return T_ACTOR;
	diag_error(x->c->sink, x->file, e->span, "`%s` is a %s, not a value", name,
		   sym_kind_name(s->kind));
	return T_ERROR;
}

static enum type attr_value_type(const struct attr_def *a)
{
	switch (a->type) {
	case AT_NUMBER: return T_NUM;
	case AT_BOOL: return T_BOOL;
	case AT_STRING: return T_STR;
	case AT_CHOICE: case AT_ACTOR: case AT_ACTORS: case AT_STAKE: case AT_CONDITION:
		break;
	}
	return T_NAME;
}

static enum type check_field(struct expr_ctx *x, const struct ast_node *e)
{
	const char *owner = e->u.field.owner.text, *attr = e->u.field.attr.text;
	struct symbol *s = sym_find(x->c, owner);
	unsigned kinds = 1u << SYM_ACTOR | 1u << SYM_STAKE | 1u << SYM_MEDIATION |
			 1u << SYM_SANCTION;
	if (!s || !(kinds & (1u << s->kind))) {
		if (s)
			return fail(x, e, "`%s` is a %s; it has no attributes", owner,
				    sym_kind_name(s->kind));
		suggest_later(x->c, diag_error(x->c->sink, x->file, e->u.field.owner.span,
					       "unknown name `%s`", owner),
			      owner, kinds, NULL, NULL);
		return T_ERROR;
	}
	if (!s->role)
		return T_ERROR;		/* its role is unknown: reported where it is declared */
	const struct attr_def *a = attr_find(s->role, attr);
	if (!a) {
		diag_error(x->c->sink, x->file, e->u.field.attr.span,
			   "%s `%s` (%s) has no attribute `%s`%s", sym_kind_name(s->kind), owner,
			   s->role->name, attr, did_you_mean(x->c, suggest_attr(s->role, attr)));
		return T_ERROR;
	}
	struct vnode *v = s->attrs[a - s->role->attrs];
	if (v)
		vnode_depend(x->c, x->owner, v);
	enum type t = attr_value_type(a);
	if (t == T_NAME)
		return fail(x, e, "`%s` names %s; it is not a value to compute with",
			    src_text(x->c, x->file, e), a->type == AT_STAKE ? "a stake" :
			    a->type == AT_CONDITION ? "a condition" :
			    a->type == AT_ACTORS ? "a list of actors" :
			    a->type == AT_CHOICE ? arena_printf(x->c->arena, "a word (%s)",
				roles_text(x->c, a->choices, false)) : "an actor");
	return t;
}

/* The argument of rejects(M), accepts(M) or provocation(B): a name of the right kind. */
static bool check_named_arg(struct expr_ctx *x, const struct ast_node *call,
			    enum sym_kind kind, int role)
{
	const struct ast_node *arg = call->u.call.args;
	const char *fn = call->u.call.fn.text;
	if (arg->kind != AST_NAME) {
		fail(x, arg, "`%s` needs the name of %s", fn,
		     kind == SYM_MEDIATION ? "a mediation" : "rebels or a challenger");
		return false;
	}
	struct symbol *s = sym_find(x->c, arg->u.name.text);
	bool ok = s && s->kind == kind && (role < 0 || role_is(s->role, (unsigned)role));
	if (!ok) {
		struct diag *d = diag_error(x->c->sink, x->file, arg->span, "`%s` is not %s",
					    arg->u.name.text, kind == SYM_MEDIATION
					    ? "a mediation" : "a rebels or challenger actor");
		if (!s)
			suggest_later(x->c, d, arg->u.name.text, 1u << kind, NULL, NULL);
	}
	return ok;
}

static enum type check_args(struct expr_ctx *x, const struct ast_node *call, enum type want)
{
	enum type result = T_NUM;
	for (const struct ast_node *a = call->u.call.args; a; a = a->next)
		if (!expect(x, a, expr_check(x, a), want))
			result = T_ERROR;
	return result;
}

static enum type check_choice(struct expr_ctx *x, const struct ast_node *call)
{
	const struct ast_node *vals = call->u.call.args, *probs = vals->next;
	bool ok = true;
	for (const struct ast_node *l = vals; l; l = l->next) {
		if (l->kind != AST_LIST) {
			fail(x, l, "`choice` takes two lists: values and their chances");
			ok = false;
			continue;
		}
		for (const struct ast_node *a = l->u.list.items; a; a = a->next)
			ok &= expect(x, a, expr_check(x, a), T_NUM);
	}
	if (ok && vals->u.list.count != probs->u.list.count) {
		diag_error(x->c->sink, x->file, call->span,
			   "`choice` has %u values but %u chances", vals->u.list.count,
			   probs->u.list.count);
		ok = false;
	}
	return ok ? T_DIST : T_ERROR;
}

static enum type check_call(struct expr_ctx *x, const struct ast_node *e)
{
	const char *fn = e->u.call.fn.text;
	unsigned n = e->u.call.nargs;
	const struct builtin *b = builtin_find(fn);
	struct symbol *s = b ? NULL : sym_find(x->c, fn);
	if (!b && (!s || s->kind != SYM_FN)) {
		if (s)
			return fail(x, e, "`%s` is a %s, not a function", fn,
				    sym_kind_name(s->kind));
		const char *names = "";		/* the builtins, '|'-separated */
		for (unsigned i = 0; i < nbuiltins; i++)
			names = arena_printf(x->c->arena, "%s%s%s", names, i ? "|" : "",
					     builtins[i].name);
		suggest_later(x->c, diag_error(x->c->sink, x->file, e->u.call.fn.span,
					       "unknown function `%s`", fn),
			      fn, 1u << SYM_FN, names, NULL);
		return T_ERROR;
	}
	int min = b ? b->min : (int)s->item->u.fn.nparams, max = b ? b->max : min;
	if ((int)n < min || (max >= 0 && (int)n > max)) {
		diag_error(x->c->sink, x->file, e->span,
			   "`%s` takes %s%d argument%s, but %u %s given", fn,
			   max < 0 ? "at least " : "", min, min == 1 ? "" : "s", n,
			   n == 1 ? "was" : "were");
		return T_ERROR;
	}
	if (!b) {
		vnode_depend(x->c, x->owner, s->value);
		if (check_args(x, e, T_NUM) == T_ERROR)
			return T_ERROR;
		return value_shape(x->c, s);
	}
	switch (b->kind) {
	case B_MATH: return check_args(x, e, T_NUM);
	case B_DIST:
		if (strcmp(fn, "choice") == 0)
			return check_choice(x, e);
		return check_args(x, e, T_NUM) == T_NUM ? T_DIST : T_ERROR;
	case B_EVENT:
		if (!x->events)
			return fail(x, e, "event `%s(...)` can only be used in a sanction (its "
				    "`when`, `cost` or `benefit`)", fn);
		return check_named_arg(x, e, SYM_MEDIATION, -1) ? T_BOOL : T_ERROR;
	case B_PROVOCATION:
		if (!x->sanction)
			return fail(x, e, "`%s(...)` can only be used in a sanction", fn);
		return check_named_arg(x, e, SYM_ACTOR, ROLE_REBELS) ? T_NUM : T_ERROR;
	}
	return T_ERROR;
}

static enum type check_binary(struct expr_ctx *x, const struct ast_node *e)
{
	const struct ast_node *l = e->u.binary.lhs, *r = e->u.binary.rhs;
	enum type lt = expr_check(x, l), rt = expr_check(x, r);
	enum ast_op op = e->u.binary.op;
	if (op == OP_AND || op == OP_OR) {
		/* both sides are checked, so that each reports its own error */
		bool lok = expect(x, l, lt, T_BOOL), rok = expect(x, r, rt, T_BOOL);
		return lok && rok ? T_BOOL : T_ERROR;
	}
	if ((op == OP_EQ || op == OP_NE) && lt == T_BOOL)
		return expect(x, r, rt, T_BOOL) ? T_BOOL : T_ERROR;
	bool lok = expect(x, l, lt, T_NUM), rok = expect(x, r, rt, T_NUM);
	if (!lok || !rok)
		return T_ERROR;
	return ast_op_precedence(op) == 4 ? T_BOOL : T_NUM;
}

static enum type check_if(struct expr_ctx *x, const struct ast_node *e)
{
	enum type c = expr_check(x, e->u.cond.cond);
	enum type a = expr_check(x, e->u.cond.then), b = expr_check(x, e->u.cond.els);
	bool ok = expect(x, e->u.cond.cond, c, T_BOOL);
	if (a == T_ERROR || b == T_ERROR || !ok)
		return T_ERROR;
	if (a != b) {
		diag_error(x->c->sink, x->file, e->u.cond.els->span,
			   "the branches of `if` differ: `then` gives %s, `else` %s",
			   type_name(a), type_name(b));
		return T_ERROR;
	}
	return a;
}

enum type expr_check(struct expr_ctx *x, const struct ast_node *e)
{
	switch (e->kind) {
	case AST_NUM: return T_NUM;
	case AST_BOOL: return T_BOOL;
	case AST_STR: return T_STR;
	case AST_LIST:
		for (const struct ast_node *a = e->u.list.items; a; a = a->next)
			expr_check(x, a);
		return T_LIST;
	case AST_NAME: return check_name(x, e);
	case AST_FIELD: return check_field(x, e);
	case AST_CALL: return check_call(x, e);
	case AST_UNARY: {
		enum type want = e->u.unary.op == OP_NOT ? T_BOOL : T_NUM;
		return expect(x, e->u.unary.operand, expr_check(x, e->u.unary.operand), want)
			       ? want : T_ERROR;
	}
	case AST_BINARY: return check_binary(x, e);
	case AST_IF: return check_if(x, e);
	AST_CASES(AST_ITEM_KINDS) break;
	}
	return T_ERROR;
}

bool expr_expect(struct expr_ctx *x, const struct ast_node *e, enum type got, enum type want)
{
	return expect(x, e, got, want);
}
