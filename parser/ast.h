/*
** ast.h: the abstract syntax tree of one .scen file.
**
** A node is a tagged union: `kind` names the live arm of `u` (each kind's comment says
** which). Every node carries the byte span of its source text. Lists (items, attributes,
** call arguments, list elements, fn parameters, sweep reports) are singly linked through
** `next` in source order. All nodes, strings and comments come from the file's arena
** (struct ast_file) and are freed with it; nothing here is freed on its own.
**
** Names are `struct ast_ident`: the text (arena-owned, NUL-terminated) and its span.
*/
#ifndef SCEN_AST_H
#define SCEN_AST_H

#include <stdbool.h>

#include "util/arena.h"
#include "util/diag.h"

/* X-macro lists of node kinds: X(ENUM, "name used in messages"). Expressions first,
** then the kinds of a file's items and their attributes; AST_KINDS is both. A switch
** over a kind names every kind (no `default:`), so that the compiler (-Wswitch) points
** at each switch a new kind must be handled in; AST_CASES(AST_ITEM_KINDS) names the
** kinds a switch over expressions does not expect, and the other way round. */
#define AST_EXPR_KINDS(X) \
	X(AST_NUM, "number")		/* u.num */ \
	X(AST_BOOL, "boolean")		/* u.boolean */ \
	X(AST_STR, "string")		/* u.str */ \
	X(AST_LIST, "list")		/* u.list */ \
	X(AST_NAME, "name")		/* u.name: a let, fn parameter, event or actor */ \
	X(AST_FIELD, "attribute reference") /* u.field: owner.attr */ \
	X(AST_CALL, "call")		/* u.call */ \
	X(AST_UNARY, "unary expression")	/* u.unary */ \
	X(AST_BINARY, "binary expression")	/* u.binary */ \
	X(AST_IF, "if expression")	/* u.cond */
#define AST_ITEM_KINDS(X) \
	X(AST_ATTR, "attribute")	/* u.attr: name = expr | name ~ expr [private] */ \
	X(AST_SCENARIO, "scenario")	/* u.scenario */ \
	X(AST_IMPORT, "import")		/* u.import */ \
	X(AST_LET, "let")		/* u.let */ \
	X(AST_FN, "fn")			/* u.fn */ \
	X(AST_STAKE, "stake")		/* u.block */ \
	X(AST_ACTOR, "actor")		/* u.actor */ \
	X(AST_CONFLICT, "conflict")	/* u.conflict */ \
	X(AST_SANCTION, "sanction")	/* u.block */ \
	X(AST_MEDIATION, "mediation")	/* u.block */ \
	X(AST_REPORT, "report")		/* u.report */ \
	X(AST_SWEEP, "sweep")		/* u.sweep */
#define AST_KINDS(X) AST_EXPR_KINDS(X) AST_ITEM_KINDS(X)

/* AST_CASES(AST_ITEM_KINDS) is `case AST_ATTR: case AST_SCENARIO: ...`. */
#define AST_CASE_(k, s) case k:
#define AST_CASES(list) list(AST_CASE_)

enum ast_kind {
#define AST_ENUM(k, s) k,
	AST_KINDS(AST_ENUM)
#undef AST_ENUM
};
/* How many kinds there are: not an enumerator, so that no switch has to name it. */
#define AST_COUNT_(k, s) + 1
#define AST_NKINDS (0 AST_KINDS(AST_COUNT_))

/* Operators, in one list with their spelling. */
#define AST_OPS(X) \
	X(OP_ADD, "+") X(OP_SUB, "-") X(OP_MUL, "*") X(OP_DIV, "/") X(OP_POW, "^") \
	X(OP_LT, "<") X(OP_LE, "<=") X(OP_GT, ">") X(OP_GE, ">=") X(OP_EQ, "==") \
	X(OP_NE, "!=") X(OP_AND, "and") X(OP_OR, "or") \
	X(OP_NEG, "-") X(OP_NOT, "not")	/* the two unary operators */

enum ast_op {
#define AST_OP_ENUM(k, s) k,
	AST_OPS(AST_OP_ENUM)
#undef AST_OP_ENUM
};
#define AST_NOPS (0 AST_OPS(AST_COUNT_))

enum ast_report_kind { REPORT_SETTLEMENT, REPORT_PROVOCATION, REPORT_MEDIATION };

struct ast_ident {
	const char *text;
	struct span span;
};

struct ast_node {
	enum ast_kind kind;
	struct span span;
	struct ast_node *next;	/* the next sibling in a list */
	unsigned depth;		/* expressions: 1 + the deepest child's depth (leaves: 1);
				** set by the parser, never above SCEN_MAX_DEPTH in an item
				** it keeps */
	union {
		struct {
			double value;	/* 25% is 0.25; 200_000 is 200000 */
			const char *text;	/* the source spelling, kept for fmt */
		} num;
		bool boolean;
		struct {
			const char *text;	/* decoded: escapes resolved */
			size_t len;		/* may hold \0 only if the source had none: never */
		} str;
		struct {
			struct ast_node *items;
			unsigned count;
		} list;
		struct ast_ident name;
		struct {
			struct ast_ident owner;	/* an actor, stake, conflict, ... */
			struct ast_ident attr;
		} field;
		struct {
			struct ast_ident fn;
			struct ast_node *args;
			unsigned nargs;
		} call;
		struct {
			enum ast_op op;		/* OP_NEG or OP_NOT */
			struct ast_node *operand;
		} unary;
		struct {
			enum ast_op op;
			struct ast_node *lhs, *rhs;
		} binary;
		struct {
			struct ast_node *cond, *then, *els;
		} cond;
		struct {
			struct ast_ident name;
			bool uncertain;		/* `~` rather than `=` */
			bool private_;		/* `private` after a `~` attribute */
			struct ast_node *value;
		} attr;
		struct {
			const char *title;	/* decoded string */
			struct span title_span;
			struct ast_node *attrs;	/* AST_ATTR list: the settings */
		} scenario;
		struct {
			const char *path;	/* decoded string: a module name or a path */
			struct span path_span;
		} import;
		struct {
			struct ast_ident name;
			bool uncertain;		/* `let X ~ dist` */
			struct ast_node *value;
		} let;
		struct {
			struct ast_ident name;
			struct ast_node *params;	/* AST_NAME list */
			unsigned nparams;
			struct ast_node *body;
		} fn;
		struct {		/* stake, sanction, mediation */
			struct ast_ident name;
			struct ast_node *attrs;	/* AST_ATTR list */
		} block;
		struct {
			struct ast_ident name;
			struct ast_ident role;
			struct ast_node *attrs;	/* AST_ATTR list */
			bool has_block;		/* `{ }` written, even if empty */
		} actor;
		struct {
			struct ast_ident state, rebels, stake;
			struct ast_node *attrs;	/* AST_ATTR list */
			bool has_block;
		} conflict;
		struct {
			enum ast_report_kind what;
			struct ast_ident a;	/* settlement: the state; else the rebels/mediation */
			struct ast_ident b;	/* settlement: the rebels; else unused */
		} report;
		struct {
			struct ast_node *target;	/* AST_FIELD or AST_NAME (a let) */
			struct ast_node *from, *to, *step;
			struct ast_node *reports;	/* AST_REPORT list */
			/* A map's second axis (`sweep a from … step …, b from … step …`): an
			** AST_SWEEP with no reports, its rows inside each of the first's; or NULL */
			struct ast_node *second;
		} sweep;
	} u;
};

/* A comment, kept for fmt: the text from '#' to the end of the line, without newline. */
struct ast_comment {
	struct span span;
	const char *text;
	struct ast_comment *next;
};

/* One parsed file. */
struct ast_file {
	struct srcfile src;
	struct ast_node *items;		/* top-level item list */
	struct ast_comment *comments;	/* in source order */
	bool incomplete;		/* the parse failed only at the end of input */
};

const char *ast_kind_name(enum ast_kind k);
const char *ast_op_text(enum ast_op op);
/* Binding strength used by both the parser's precedence table and the printer. */
int ast_op_precedence(enum ast_op op);
bool ast_op_right_assoc(enum ast_op op);
bool ast_is_expr(const struct ast_node *n);
/* The name a named item (actor, stake, sanction, mediation, let, fn) defines, else NULL. */
const char *ast_item_name(const struct ast_node *it);

/* Constructors used by the parser: zeroed node from the arena with kind and span set. */
struct ast_node *ast_new(struct arena *a, enum ast_kind kind, struct span span);

/* Structural equality ignoring spans, comments and numeric spelling of the same value
** (used to prove that fmt preserves the AST). */
bool ast_equal(const struct ast_node *x, const struct ast_node *y);
bool ast_list_equal(const struct ast_node *x, const struct ast_node *y);

#endif
