/*
** check_int.h: the checker's own structures, shared by the files of check/ and nobody else.
**
** The check runs in passes over every loaded file (load.c):
**   1. declare (items.c): every named item becomes a symbol; duplicates are errors;
**   2. resolve (items.c, expr.c): each attribute is matched against its role's table
**      and its expression typed; every reference to a let, attribute or fn becomes an
**      edge of the value graph;
**   3. order (graph.c): cycles in the graph are errors that name the cycle; the rest is
**      put in dependency order and constant expressions are folded once, which finds
**      values out of range, division by zero and overflow;
**   4. relate (items.c): conflicts, mediations, reports and sweeps against each other.
*/
#ifndef SCEN_CHECK_INT_H
#define SCEN_CHECK_INT_H

#include "builtins.h"
#include "model.h"

/* The type of an expression. T_ERROR: already reported; say nothing more. */
enum type { T_ERROR, T_NUM, T_BOOL, T_STR, T_DIST, T_LIST, T_ACTOR, T_NAME };

struct checker {
	struct program *prog;
	struct diag_sink *sink;
	struct arena *arena;		/* the program's: symbols, vnodes, the model */
	struct symtab names;
	struct symbol *first, *last;	/* declaration order */
	unsigned nsymbols;
	struct conflict_info *conflicts, *last_conflict;
	const struct ast_node *scenario;
	const struct srcfile *scenario_file;
	struct vnode **scenario_attrs;
	struct vnode **all;		/* every vnode, in creation order */
	unsigned nall, capall;
	struct loaded_file *main;
	struct vnode **order;		/* graph.c: dependencies first */
	unsigned norder;
	bool has_seed;			/* graph.c: the `seed` setting, exact */
	uint64_t seed;
};

/* names.c */
struct symbol *sym_find(struct checker *c, const char *name);
void sym_put(struct checker *c, struct symbol *s);	/* replaces one of the same name */
/* The nearest name of an allowed kind (bit (1 << kind) set in kinds), or NULL. */
const char *sym_suggest(struct checker *c, const char *name, unsigned kinds);
/* The nearest word in a '|'-separated list, or NULL. */
const char *suggest_in_list(struct checker *c, const char *list, const char *name);
const char *suggest_attr(const struct role_def *r, const char *name);
const char *sym_kind_name(enum sym_kind k);
const char *article(const char *noun);	/* "a" or "an" */
/* "; did you mean `x`?" or "" */
const char *did_you_mean(struct checker *c, const char *suggestion);

/* graph.c */
struct vnode *vnode_new(struct checker *c, const char *label, const struct ast_node *expr,
			const struct ast_node *at, const struct srcfile *file);
void vnode_depend(struct checker *c, struct vnode *from, struct vnode *to);
void graph_order(struct checker *c);	/* cycles, order, folding, range checks */
/* Folds e (no fn parameters in scope), reporting division by zero and overflow. */
bool graph_fold(struct checker *c, const struct srcfile *f, const struct ast_node *e,
		double *out);

/* expr.c: the context an expression is checked in. */
struct expr_ctx {
	struct checker *c;
	const struct srcfile *file;
	struct vnode *owner;		/* the vnode whose value this is (edges start here) */
	const struct ast_node *params;	/* inside a fn: its parameters */
	bool events;			/* a sanction's `when`: events allowed */
	bool sanction;			/* inside a sanction: provocation(B) allowed */
};
enum type expr_check(struct expr_ctx *x, const struct ast_node *e);
/* Reports (unless got is T_ERROR) when got is not want, saying what was meant. */
bool expr_expect(struct expr_ctx *x, const struct ast_node *e, enum type got, enum type want);
const char *type_name(enum type t);
/* e's source text, shortened past 40 bytes, for messages (arena-allocated). */
const char *src_text(struct checker *c, const struct srcfile *f, const struct ast_node *e);


extern const char *const events;	/* the event names, '|'-separated */

/* items.c */
void items_declare(struct checker *c, struct loaded_file *f, bool is_main);
void items_resolve(struct checker *c, struct loaded_file *f);
void items_relate(struct checker *c);

/* summary.c */
void model_build(struct checker *c);

#endif
