/*
** ast.c: node construction, kind and operator tables, structural equality.
*/
#include "parser/ast.h"

#include <string.h>

static const char *const kind_names[] = {
#define AST_NAME_STR(k, s) s,
	AST_KINDS(AST_NAME_STR)
#undef AST_NAME_STR
};

static const char *const op_texts[] = {
#define AST_OP_STR(k, s) s,
	AST_OPS(AST_OP_STR)
#undef AST_OP_STR
};

const char *ast_kind_name(enum ast_kind k)
{
	return (unsigned)k < AST_NKINDS ? kind_names[k] : "?";
}

const char *ast_op_text(enum ast_op op)
{
	return (unsigned)op < AST_NOPS ? op_texts[op] : "?";
}

/*
** Binding strength, loosest first: or, and, not, comparisons, + -, * /, unary -, ^.
** `if then else` binds looser than all of them. `-x^2` is -(x^2), as in mathematics.
*/
int ast_op_precedence(enum ast_op op)
{
	switch (op) {
	case OP_OR: return 1;
	case OP_AND: return 2;
	case OP_NOT: return 3;
	case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE: return 4;
	case OP_ADD: case OP_SUB: return 5;
	case OP_MUL: case OP_DIV: return 6;
	case OP_NEG: return 7;
	case OP_POW: return 8;
	}
	return 0;
}

bool ast_op_right_assoc(enum ast_op op)
{
	return op == OP_POW;
}

bool ast_is_expr(const struct ast_node *n)
{
	return n->kind <= AST_IF;
}

struct ast_node *ast_new(struct arena *a, enum ast_kind kind, struct span span)
{
	struct ast_node *n = ARENA_NEW(a, struct ast_node);
	n->kind = kind;
	n->span = span;
	return n;
}

static bool str_eq(const char *x, const char *y)
{
	if (!x || !y)
		return x == y;
	return strcmp(x, y) == 0;
}

static bool ident_eq(struct ast_ident x, struct ast_ident y)
{
	return str_eq(x.text, y.text);
}

bool ast_list_equal(const struct ast_node *x, const struct ast_node *y)
{
	for (; x && y; x = x->next, y = y->next)
		if (!ast_equal(x, y))
			return false;
	return !x && !y;
}

static bool node_equal(const struct ast_node *x, const struct ast_node *y)
{
	switch (x->kind) {
	case AST_NUM:
		return x->u.num.value == y->u.num.value;
	case AST_BOOL:
		return x->u.boolean == y->u.boolean;
	case AST_STR:
		return x->u.str.len == y->u.str.len &&
		       memcmp(x->u.str.text, y->u.str.text, x->u.str.len) == 0;
	case AST_LIST:
		return ast_list_equal(x->u.list.items, y->u.list.items);
	case AST_NAME:
		return ident_eq(x->u.name, y->u.name);
	case AST_FIELD:
		return ident_eq(x->u.field.owner, y->u.field.owner) &&
		       ident_eq(x->u.field.attr, y->u.field.attr);
	case AST_CALL:
		return ident_eq(x->u.call.fn, y->u.call.fn) &&
		       ast_list_equal(x->u.call.args, y->u.call.args);
	case AST_UNARY:
		return x->u.unary.op == y->u.unary.op &&
		       ast_equal(x->u.unary.operand, y->u.unary.operand);
	case AST_BINARY:
		return x->u.binary.op == y->u.binary.op &&
		       ast_equal(x->u.binary.lhs, y->u.binary.lhs) &&
		       ast_equal(x->u.binary.rhs, y->u.binary.rhs);
	case AST_IF:
		return ast_equal(x->u.cond.cond, y->u.cond.cond) &&
		       ast_equal(x->u.cond.then, y->u.cond.then) &&
		       ast_equal(x->u.cond.els, y->u.cond.els);
	case AST_ATTR:
		return ident_eq(x->u.attr.name, y->u.attr.name) &&
		       x->u.attr.uncertain == y->u.attr.uncertain &&
		       x->u.attr.private_ == y->u.attr.private_ &&
		       ast_equal(x->u.attr.value, y->u.attr.value);
	case AST_SCENARIO:
		return str_eq(x->u.scenario.title, y->u.scenario.title) &&
		       ast_list_equal(x->u.scenario.attrs, y->u.scenario.attrs);
	case AST_IMPORT:
		return str_eq(x->u.import.path, y->u.import.path);
	case AST_LET:
		return ident_eq(x->u.let.name, y->u.let.name) &&
		       x->u.let.uncertain == y->u.let.uncertain &&
		       ast_equal(x->u.let.value, y->u.let.value);
	case AST_FN:
		return ident_eq(x->u.fn.name, y->u.fn.name) &&
		       ast_list_equal(x->u.fn.params, y->u.fn.params) &&
		       ast_equal(x->u.fn.body, y->u.fn.body);
	case AST_STAKE: case AST_SANCTION: case AST_MEDIATION:
		return ident_eq(x->u.block.name, y->u.block.name) &&
		       ast_list_equal(x->u.block.attrs, y->u.block.attrs);
	case AST_ACTOR:
		return ident_eq(x->u.actor.name, y->u.actor.name) &&
		       ident_eq(x->u.actor.role, y->u.actor.role) &&
		       ast_list_equal(x->u.actor.attrs, y->u.actor.attrs);
	case AST_CONFLICT:
		return ident_eq(x->u.conflict.state, y->u.conflict.state) &&
		       ident_eq(x->u.conflict.rebels, y->u.conflict.rebels) &&
		       ident_eq(x->u.conflict.stake, y->u.conflict.stake) &&
		       ast_list_equal(x->u.conflict.attrs, y->u.conflict.attrs);
	case AST_REPORT:
		return x->u.report.what == y->u.report.what &&
		       ident_eq(x->u.report.a, y->u.report.a) &&
		       ident_eq(x->u.report.b, y->u.report.b);
	case AST_SWEEP:
		return ast_equal(x->u.sweep.target, y->u.sweep.target) &&
		       ast_equal(x->u.sweep.from, y->u.sweep.from) &&
		       ast_equal(x->u.sweep.to, y->u.sweep.to) &&
		       ast_equal(x->u.sweep.step, y->u.sweep.step) &&
		       ast_equal(x->u.sweep.second, y->u.sweep.second) &&
		       ast_list_equal(x->u.sweep.reports, y->u.sweep.reports);
	}
	return false;
}

bool ast_equal(const struct ast_node *x, const struct ast_node *y)
{
	if (!x || !y)
		return x == y;
	return x->kind == y->kind && node_equal(x, y);
}

const char *ast_item_name(const struct ast_node *it)
{
	switch (it->kind) {
	case AST_ACTOR: return it->u.actor.name.text;
	case AST_STAKE:
	case AST_SANCTION:
	case AST_MEDIATION: return it->u.block.name.text;
	case AST_LET: return it->u.let.name.text;
	case AST_FN: return it->u.fn.name.text;
	default: return NULL;
	}
}
