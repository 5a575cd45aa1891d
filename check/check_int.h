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
**   4. relate (relate.c): conflicts, mediations, reports and sweeps against each other;
**   5. warn (warn.c, with the read model of reads.c), only when there is no error: the
**      silent no-ops, each a located warning.
*/
#ifndef SCEN_CHECK_INT_H
#define SCEN_CHECK_INT_H

#include "check/builtins.h"
#include "check/model.h"

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
	struct conflict_info **by_sides;	/* relate.c: by (state, rebels, id) */
	unsigned nby_sides;
	const struct ast_node *scenario;
	const struct srcfile *scenario_file;
	struct vnode **scenario_attrs;
	struct vnode **all;		/* every vnode, in creation order */
	unsigned nall, capall;
	struct loaded_file *main;
	struct vnode **order;		/* graph.c: dependencies first */
	unsigned norder;
	struct facts *facts;		/* reads.c, during the warnings */
	bool has_seed;			/* graph.c: the `seed` setting, exact */
	uint64_t seed;
	struct shape *shapes;		/* expr.c: each let's and fn's type, by symbol id */
	struct symbol **shape_stack;	/* expr.c: the lets and fns being typed */
	struct suggestion *pending;	/* names.c: "did you mean"s not yet looked for */
	unsigned npending, cappending;
};

/* An error about an unknown name whose "did you mean" is found at the end of the check
** (names.c, suggest_later). */
struct suggestion {
	struct diag *d;
	const char *name;
	unsigned kinds;
	const char *list, *not_this;
};

/* resolve.c: the words of a '|' list joined by "or" ("selective or indiscriminate"),
** with articles ("a state or a defender") when asked. */
const char *roles_text(struct checker *c, const char *list, bool articles);

/* names.c */
struct symbol *sym_find(struct checker *c, const char *name);
void sym_put(struct checker *c, struct symbol *s);	/* replaces one of the same name */
/* The nearest name of an allowed kind (bit (1 << kind) set in kinds), or NULL: a pass
** over every symbol. */
const char *sym_suggest(struct checker *c, const char *name, unsigned kinds);
/* Appends to d, if it is printed, "; did you mean `x`?" with x the nearest symbol of
** kinds (bits 1 << kind) unless that is not_this (or NULL), else the nearest word of
** list (or NULL). Found by suggest_finish, at the end of the check. */
void suggest_later(struct checker *c, struct diag *d, const char *name, unsigned kinds,
		   const char *list, const char *not_this);
void suggest_finish(struct checker *c);
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
/* A row of a sweep of the let whose value is `let`: what depends on it folded again with
** the let at x; the first whole-number attribute that is then not whole (its value in
** *out), else NULL. Every value is put back as it was. */
/* Does a whole-number attribute depend on the let whose value is `let`? */
bool graph_feeds_whole(const struct checker *c, const struct vnode *let);
const struct vnode *graph_row_not_whole(struct checker *c, struct vnode *let, double x,
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

/* reads.c: facts about conflicts as the interpreter decides them, and what reports read.
** The facts are found once, in time linear in the program (a file of 100,000 lines has
** thousands of conflicts): facts_build before the other calls, facts_free after. */
struct facts {
	struct symbol *first_intervener;
	struct symbol **patron;		/* by actor id: the first patron whose client it is */
	struct symbol **followers;	/* by rebels id: their first population */
	const struct conflict_info **side_of;	/* by actor id: the first conflict it is in */
	const struct conflict_info **patron_in;	/* by patron id: the first conflict it is
						** the patron of */
	bool *intervenes;		/* by id: the intervener of some conflict */
	bool *guarantees;		/* by id: the guarantor of some conflict */
	unsigned *sanctions_at;		/* an actor's sanctions are sanctions[at[id]] up
					** to sanctions[at[id + 1]] */
	struct symbol **sanctions;	/* the sanctions, grouped by their target */
	bool *varies;			/* by vnode index: a sweep varies it (reads.c) */
	const struct ast_node **axes;	/* the main file's sweeps and maps' second axes */
	unsigned naxes;
};
void facts_build(struct checker *c);
void facts_free(struct checker *c);
enum tri { TRI_NO, TRI_YES, TRI_UNKNOWN };
struct vnode *attr_of(const struct symbol *s, const char *name);	/* set, or NULL */
struct symbol *named_by(struct checker *c, const struct vnode *v);	/* `x = NAME` */
/* s.name's value when the file fixes it (set to a constant, or unset with a numeric
** default) and no sweep varies it (nor a let it comes from). */
bool attr_constant(const struct checker *c, const struct symbol *s, const char *name,
		   double *out);
struct symbol *conflict_guarantor(struct checker *c, const struct conflict_info *k);
struct symbol *conflict_intervener(struct checker *c, const struct conflict_info *k);
struct symbol *conflict_patron(struct checker *c, const struct conflict_info *k);
struct symbol *conflict_source(struct checker *c, const struct conflict_info *k);
struct symbol *followers_of(struct checker *c, const struct symbol *rebels);
enum tri state_atrocities(const struct checker *c, const struct symbol *state,
			  const struct vnode **why);
bool conflict_expects_weighs(struct checker *c, const struct conflict_info *k, int side);

struct report_ref {
	enum ast_report_kind what;
	const struct conflict_info *k;	/* the conflict it analyses */
	const struct symbol *m;		/* a mediation's */
};
/* The reports among items, resolved (arena-allocated). */
struct report_ref *reports_of(struct checker *c, const struct ast_node *items, unsigned *n);
/* Every report the main file runs: its own (or every conflict's settlement), its
** sweeps'. */
struct report_ref *file_reports(struct checker *c, unsigned *n);

/* Why a report does not read an attribute it could (the rules of reads.c). */
enum skip_rule {
	SKIP_NONE,
	SKIP_ATROCITIES,	/* `chance`: the war is fought with atrocities */
	SKIP_NO_ATROCITIES,	/* `chance_if_atrocities`: it is not */
	SKIP_VIOLENCE,		/* `capacity`: `violence` decides atrocities */
	SKIP_INDIVISIBLE,	/* `step`: `divisible = false` */
	SKIP_NO_REPUTATION,	/* `challengers`: `reputation` is 0 */
	SKIP_NO_CHALLENGERS,	/* `reputation`: `challengers` is 0 */
	SKIP_BELIEF		/* `expects_intervention`: `belief` is set */
};
struct skip {
	enum skip_rule rule;
	const struct symbol *who;	/* whose attribute decides: the state, the stake, ... */
	const struct vnode *at;		/* that attribute, or NULL when it is the default */
};

struct reads {
	struct checker *c;
	size_t width;			/* attributes per symbol in slot and skip */
	bool *slot;			/* [symbol id * width + attribute]: read */
	struct skip *skip;		/* [the same]: the first reason it was not */
	bool *marked;			/* [vnode index]: its value is read */
	struct vnode **stack;
	unsigned top;
};
void reads_init(struct reads *r, struct checker *c);
void reads_free(struct reads *r);
void reads_add(struct reads *r, const struct report_ref *rep);
void reads_close(struct reads *r);	/* after every reads_add */
bool reads_slot(const struct reads *r, const struct symbol *s, const struct attr_def *a);
/* Why s.a was not read by some report, or NULL. */
const struct skip *reads_skip(const struct reads *r, const struct symbol *s,
			      const struct attr_def *a);

/* warn.c */
void warn_program(struct checker *c);

#endif
