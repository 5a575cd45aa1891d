/*
** model.h: the checked model, what later stages (interp/) build from. Every name is
** resolved, every value typed, and the values are in dependency order; a value that
** needs no draw is folded (constant, value).
*/
#ifndef SCEN_MODEL_H
#define SCEN_MODEL_H

#include "check/attrs.h"
#include "check/check.h"

/* A hash table of symbols by name. */
struct symtab {
	struct symbol **slots;
	unsigned cap, count;
};

enum sym_kind { SYM_LET, SYM_FN, SYM_STAKE, SYM_ACTOR, SYM_SANCTION, SYM_MEDIATION };

/* A node of the value graph: a let, a set attribute of a named block, or a fn. */
struct vnode {
	const char *label;		/* `serbia.cost`, `V`, `tripwire` */
	const struct ast_node *expr;	/* the value (a fn: its body) */
	const struct ast_node *at;	/* the item or attribute that defines it */
	struct span where;		/* its name there, for messages */
	const struct srcfile *file;
	const struct attr_def *def;	/* an attribute: its table entry */
	bool is_fn, uncertain;
	bool distribution;		/* a let naming a distribution, drawn only by `~` */
	bool ranged;			/* a named distribution: it draws in [lo, hi] */
	double lo, hi;
	bool referenced;		/* a let: named by an expression or a sweep */
	struct vnode **deps;		/* what expr refers to */
	unsigned ndeps, capdeps;
	unsigned index;			/* its place in model.order */
	unsigned char mark;		/* graph.c: 0 new, 1 on the stack, 2 done */
	bool in_cycle;
	bool folded, constant;		/* after folding: constant holds value */
	double value;
};

struct symbol {
	enum sym_kind kind;
	unsigned id;			/* 0, 1, ... in declaration order */
	const char *name;
	struct span where;		/* the name where it is defined */
	const struct ast_node *item;
	const struct srcfile *file;
	bool from_main;			/* defined in the main file (shadows imports) */
	const struct role_def *role;	/* actors, stakes, sanctions, mediations */
	struct vnode **attrs;		/* per attribute of role: the set value or NULL */
	struct vnode *value;		/* a let or fn */
	struct symbol *next_in_order;	/* declaration order, for summaries */
	struct conflict_info *first_as_rebels;	/* actors: the first conflict they rebel in */
	struct conflict_info *as_state;	/* actors: the conflicts they are the state of */
	unsigned as_rebels;		/* actors: how many conflicts they rebel in */
};

struct conflict_info {
	const struct ast_node *item;
	const struct srcfile *file;
	unsigned id;			/* 0, 1, ... in declaration order */
	struct symbol *state, *rebels, *stake;
	const struct vocab *words;	/* its sides' words: state and rebels, or defender
					** and challenger (check/attrs.h) */
	struct vnode **attrs;		/* per conflict attribute */
	struct conflict_info *next;
	struct conflict_info *next_of_state;	/* the state's other conflicts */
};

/* The checked model: what later stages build from. */
struct model {
	struct symbol *symbols;		/* declaration order */
	struct conflict_info *conflicts;
	struct conflict_info **by_sides;	/* the conflicts by (state, rebels, id) */
	unsigned nby_sides;
	const struct ast_node *scenario;
	struct vnode **scenario_attrs;
	struct vnode **order;		/* every vnode, dependencies first */
	unsigned norder;
	struct symtab names;		/* the symbol of each name */
	unsigned nsymbols;
	const struct loaded_file *main;
	uint64_t seed;			/* the `seed` setting, exact: read from its digits,
					** not from the double the value holds (53 bits) */
};

/* The symbol called name, or NULL. */
struct symbol *model_find(const struct model *m, const char *name);
/* The first conflict of state against rebels, or NULL: a binary search. */
struct conflict_info *model_conflict(const struct model *m, const struct symbol *state,
				     const struct symbol *rebels);
/* Folds e, an expression of p's files, as the checker folds constants (check/graph.c:
** lets, attributes, builtins, fns, with no parameter in scope): true with *out set when
** it is constant. Reports nothing. p must have passed the check (p->model set). */
bool model_fold(const struct program *p, const struct ast_node *e, double *out);
/* A sweep's row r (the interp's rows, and the checker's: check/relate.c): from + r·step, put back on the decimal the file means when it is
** within rounding of one. Summed in binary, `from -0.3 to 0.3 step 0.1` gives
** 5.55e-17 for 0 (the text printed 0, the CSV, the JSON and the model had 5.55e-17)
** and 0.6000000000000001 for 0.6 (so `scen diff` saw 0.6 → 0.6 between sweeps to 60%
** and to 70%). The nearest multiple of a power of ten a millionth of the step or finer
** is taken when it is within 1e-9 steps (a step of 1/3 keeps its thirds), and a row
** never passes `to` (the row count allows 1e-9 steps of slack). */
double model_sweep_row(double from, double step, double to, unsigned r);
const char *sym_kind_name(enum sym_kind k);


#endif
