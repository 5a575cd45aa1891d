/*
** relate.c: pass 4, after values are folded. Items that refer to each other: one
** conflict per pair of sides, mediations between the sides of a conflict over their
** stake, reports that name a conflict or mediation, sweeps with a step that reaches
** their end.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"
#include "util/scen_conf.h"

/* ---- conflicts by their sides ---- */

static int by_sides(const struct conflict_info *a, const struct symbol *state,
		    const struct symbol *rebels, unsigned id)
{
	if (a->state->id != state->id)
		return a->state->id < state->id ? -1 : 1;
	if (a->rebels->id != rebels->id)
		return a->rebels->id < rebels->id ? -1 : 1;
	return (a->id > id) - (a->id < id);
}

static int compare_sides(const void *x, const void *y)
{
	const struct conflict_info *a = *(struct conflict_info *const *)x;
	const struct conflict_info *b = *(struct conflict_info *const *)y;
	return by_sides(a, b->state, b->rebels, b->id);
}

/* Numbers the conflicts and sorts those with both sides by (state, rebels, id), so that
** the conflict of two sides is a binary search: a pass over one state's conflicts per
** report made 16,000 conflicts of one state quadratic. */
static void index_conflicts(struct checker *c)
{
	unsigned n = 0;
	for (struct conflict_info *k = c->conflicts; k; k = k->next)
		k->id = n++;
	c->by_sides = arena_alloc(c->arena, (n + 1) * sizeof *c->by_sides);
	c->nby_sides = 0;
	for (struct conflict_info *k = c->conflicts; k; k = k->next)
		if (k->state && k->rebels)
			c->by_sides[c->nby_sides++] = k;
	qsort(c->by_sides, c->nby_sides, sizeof *c->by_sides, compare_sides);
}

static struct conflict_info *conflict_of(struct conflict_info *const *v, unsigned n,
					 const struct symbol *state,
					 const struct symbol *rebels)
{
	unsigned lo = 0, hi = n;	/* the first not below (state, rebels, 0) */
	while (state && rebels && lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (by_sides(v[mid], state, rebels, 0) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return state && rebels && lo < n && v[lo]->state == state && v[lo]->rebels == rebels
	       ? v[lo] : NULL;
}

struct conflict_info *model_conflict(const struct model *m, const struct symbol *state,
				     const struct symbol *rebels)
{
	return conflict_of(m->by_sides, m->nby_sides, state, rebels);
}

static struct conflict_info *find_conflict(struct checker *c, const struct symbol *state,
					   const struct symbol *rebels)
{
	return conflict_of(c->by_sides, c->nby_sides, state, rebels);
}

/* A second conflict between the same sides is an error: in sorted order it follows the
** first. */
static void relate_conflicts(struct checker *c)
{
	for (unsigned i = 1; i < c->nby_sides; i++) {
		struct conflict_info *first = c->by_sides[i - 1], *k = c->by_sides[i];
		if (first->state != k->state || first->rebels != k->rebels)
			continue;
		first = find_conflict(c, k->state, k->rebels);
		struct diag *d = diag_error(c->sink, k->file, k->item->span,
					    "a second conflict between `%s` and `%s`",
					    k->state->name, k->rebels->name);
		diag_note(c->sink, d, first->file, first->item->span, "the first is here");
	}
}

static void relate_mediation(struct checker *c, const struct symbol *m)
{
	const struct role_def *r = m->role;
	struct vnode *parties = m->attrs[attr_find(r, "parties") - r->attrs];
	struct vnode *over = m->attrs[attr_find(r, "over") - r->attrs];
	if (!parties || !over || parties->expr->kind != AST_LIST)
		return;
	const struct ast_node *list = parties->expr;
	if (list->u.list.count != 2) {
		diag_error(c->sink, parties->file, list->span, "a mediation has two parties, "
			   "but this list has %u", list->u.list.count);
		return;
	}
	const struct ast_node *a = list->u.list.items, *b = a->next;
	if (a->kind != AST_NAME || b->kind != AST_NAME)
		return;
	struct symbol *x = sym_find(c, a->u.name.text), *y = sym_find(c, b->u.name.text);
	struct symbol *z = over->expr->kind == AST_NAME ? sym_find(c, over->expr->u.name.text)
							 : NULL;
	/* an unknown party or stake is reported where it is named: say nothing more */
	if (!x || !y || !z || x->kind != SYM_ACTOR || y->kind != SYM_ACTOR ||
	    z->kind != SYM_STAKE)
		return;
	const char *stake = z->name;
	struct conflict_info *k = find_conflict(c, x, y);
	if (!k)
		k = find_conflict(c, y, x);
	if (!k || !k->stake || strcmp(k->stake->name, stake) != 0)
		diag_error(c->sink, parties->file, list->span,
			   "`%s` and `%s` are not in a conflict over `%s`", a->u.name.text,
			   b->u.name.text, stake);
}

/* A report's side that is not an actor (s: what the name is, or NULL). */
static void unknown_actor(struct checker *c, const struct srcfile *f, struct ast_ident a,
			  const struct symbol *s)
{
	struct diag *d = diag_error(c->sink, f, a.span, "unknown actor `%s`", a.text);
	if (!s)
		suggest_later(c, d, a.text, 1u << SYM_ACTOR, NULL, NULL);
}

/* report settlement A vs B | provocation by B | mediation M */
static void relate_report(struct checker *c, const struct srcfile *f,
			  const struct ast_node *r)
{
	const struct ast_ident a = r->u.report.a, b = r->u.report.b;
	struct symbol *s = sym_find(c, a.text);
	if (r->u.report.what == REPORT_MEDIATION) {
		if (!s || s->kind != SYM_MEDIATION)
			suggest_later(c, diag_error(c->sink, f, a.span, "`%s` is not a mediation",
						    a.text), a.text, 1u << SYM_MEDIATION, NULL, NULL);
		return;
	}
	if (!s || s->kind != SYM_ACTOR) {
		unknown_actor(c, f, a, s);
		return;
	}
	if (r->u.report.what == REPORT_PROVOCATION) {
		if (s->first_as_rebels)
			return;
		diag_error(c->sink, f, a.span, "`%s` is not the rebel side of any conflict",
			   a.text);
		return;
	}
	struct symbol *t = sym_find(c, b.text);
	if (!t || t->kind != SYM_ACTOR) {
		unknown_actor(c, f, b, t);
		return;
	}
	if (find_conflict(c, s, t))
		return;
	diag_error(c->sink, f, r->span, "no conflict between `%s` and `%s`%s", a.text, b.text,
		   find_conflict(c, t, s)
		   ? arena_printf(c->arena, "; the state comes first: `report settlement %s vs %s`",
				  b.text, a.text) : "");
}

/* An attribute's range in words: "0 to 1", "at least 0", "above 0". */
static const char *range_text(struct checker *c, const struct attr_def *a)
{
	if (isfinite(a->hi))
		return arena_printf(c->arena, "%g to %g", a->lo, a->hi);
	return arena_printf(c->arena, "%s %g", a->flags & AF_LO_OPEN ? "above" : "at least",
			    a->lo);
}

/* The attribute a sweep varies; NULL (reported) when it cannot be swept. */
static const struct attr_def *sweep_target(struct checker *c, const struct srcfile *f,
					   const struct ast_node *t)
{
	if (t->kind == AST_NAME) {
		struct symbol *s = sym_find(c, t->u.name.text);
		if (!s || s->kind != SYM_LET) {
			struct diag *d = diag_error(c->sink, f, t->span, "`%s` is not a let",
						    t->u.name.text);
			if (!s)
				suggest_later(c, d, t->u.name.text, 1u << SYM_LET, NULL, NULL);
		} else if (s->value->uncertain)
			diag_error(c->sink, f, t->span, "cannot sweep `%s`: it is drawn (`~`)",
				   s->name);
		else if (s->value->distribution)
			diag_error(c->sink, f, t->span, "cannot sweep `%s`: it is a distribution, "
				   "not a number", s->name);
		else	/* a let nothing else names: the sweep's own warning says so */
			s->value->referenced = true;
		return NULL;
	}
	struct expr_ctx x = { c, f, NULL, NULL, false, false };
	enum type type = expr_check(&x, t);
	if (type != T_NUM) {
		if (type != T_ERROR)
			diag_error(c->sink, f, t->span, "cannot sweep `%s`: it is %s, not a number",
				   src_text(c, f, t), type_name(type));
		return NULL;
	}
	struct symbol *s = sym_find(c, t->u.field.owner.text);
	const struct attr_def *a = attr_find(s->role, t->u.field.attr.text);
	struct vnode *v = s->attrs[a - s->role->attrs];
	if (v && v->uncertain) {
		diag_error(c->sink, f, t->span, "cannot sweep `%s`: it is drawn (`~`)", v->label);
		return NULL;
	}
	return a;
}

static bool sweep_bound(struct checker *c, const struct srcfile *f,
			const struct ast_node *e, double *out)
{
	struct expr_ctx x = { c, f, NULL, NULL, false, false };
	if (!expr_expect(&x, e, expr_check(&x, e), T_NUM))
		return false;
	if (graph_fold(c, f, e, out))
		return true;
	diag_error(c->sink, f, e->span, "a sweep's bounds and step must be constant");
	return false;
}

/* The let a sweep varies (sw's target names one), or NULL. */
static struct symbol *swept_let(struct checker *c, const struct ast_node *sw)
{
	const struct ast_node *t = sw->u.sweep.target;
	struct symbol *s = t->kind == AST_NAME ? sym_find(c, t->u.name.text) : NULL;
	return s && s->kind == SYM_LET && s->value ? s : NULL;
}

/* A sweep of a let steps the whole-number attributes the let feeds (core.md, Notation:
** a count is whole): an attribute that is the let itself (`challengers = n`) is told as
** a sweep of it would be (relate_axis), at the start or the step; one computed from it,
** at its first row that is not whole (graph_row_not_whole). Returns false when told. */
static bool let_rows_whole(struct checker *c, const struct srcfile *f,
			   const struct ast_node *sw, double from, double step, double to,
			   double rows)
{
	struct symbol *let = swept_let(c, sw);
	if (let && !graph_feeds_whole(c, let->value))
		return true;
	for (unsigned r = 0; let && r < rows; r++) {
		double x = model_sweep_row(from, step, to, r), y;
		const struct vnode *v = graph_row_not_whole(c, let->value, x, &y);
		if (!v)
			continue;
		const struct ast_node *e = v->expr;
		struct diag *d;
		if (e->kind == AST_NAME && strcmp(e->u.name.text, let->name) == 0) {
			bool start = from != floor(from);
			d = diag_error(c->sink, f, (start ? sw->u.sweep.from : sw->u.sweep.step)->span,
				       "`%s` must be a whole number, but the sweep's %s is %g",
				       v->def->name, start ? "start" : "step", start ? from : step);
			diag_note(c->sink, d, v->file, e->span, "`%s` is `%s`", v->label, let->name);
		} else {
			d = diag_error(c->sink, v->file, e->span, "`%s` must be a whole number, but "
				       "it is %g in the sweep's row %s = %g", v->def->name, y,
				       let->name, x);
			diag_note(c->sink, d, f, sw->u.sweep.target->span, "the sweep of `%s` is "
				  "here", let->name);
		}
		return false;
	}
	return true;
}

/* One axis of a sweep: its target and bounds. Returns its number of rows, 0 when it
** has an error (reported). */
static double relate_axis(struct checker *c, const struct srcfile *f,
			  const struct ast_node *sw)
{
	const struct attr_def *a = sweep_target(c, f, sw->u.sweep.target);
	double from, to, step;
	bool ok = sweep_bound(c, f, sw->u.sweep.from, &from);
	ok &= sweep_bound(c, f, sw->u.sweep.to, &to);
	ok &= sweep_bound(c, f, sw->u.sweep.step, &step);
	if (!ok)
		return 0;
	const struct ast_node *st = sw->u.sweep.step;
	double rows = floor(fabs(to - from) / fabs(step) + 1e-9) + 1;	/* used when step ≠ 0 */
	if (step == 0) {
		diag_error(c->sink, f, st->span, "the step is 0: the sweep would never end");
		return 0;
	} else if ((to - from) * step < 0) {
		diag_error(c->sink, f, st->span, "the step %s points away from the end: "
			   "from %g to %g needs a %s step", src_text(c, f, st), from, to,
			   step < 0 ? "positive" : "negative");
		return 0;
	} else if (fabs(to - from) / fabs(step) > SCEN_MAX_SWEEP_ROWS) {
		diag_error(c->sink, f, st->span, "the sweep has more than %d rows",
			   SCEN_MAX_SWEEP_ROWS);
		return 0;
	} else if (a && a->flags & AF_INTEGER && (from != floor(from) || step != floor(step))) {
		/* rows from + k·step: whole when the start and the step are (check_range) */
		bool start = from != floor(from);
		diag_error(c->sink, f, (start ? sw->u.sweep.from : st)->span, "`%s` must be a "
			   "whole number, but the sweep's %s is %g", a->name,
			   start ? "start" : "step", start ? from : step);
		return 0;
	} else if (!let_rows_whole(c, f, sw, from, step, to, rows)) {
		return 0;
	} else if (a && a->type == AT_NUMBER) {
		double lo = from < to ? from : to, hi = from < to ? to : from;
		bool from_in = from >= a->lo && from <= a->hi &&
			       !(a->flags & AF_LO_OPEN && from <= a->lo);
		/* point at the bound that is out of range (the start when both are) */
		const struct ast_node *out = from_in ? sw->u.sweep.to : sw->u.sweep.from;
		if (lo < a->lo || hi > a->hi || (a->flags & AF_LO_OPEN && lo <= a->lo))
			diag_error(c->sink, f, out->span, "the sweep goes from %g to "
				   "%g, outside the range of `%s` (%s)", from, to, a->name,
				   range_text(c, a));
	}
	return rows;
}

/* Do two sweep targets (a let's name, or owner.attr) name the same value? */
static bool same_target(const struct ast_node *x, const struct ast_node *y)
{
	if (x->kind != y->kind)
		return false;
	if (x->kind == AST_NAME)
		return strcmp(x->u.name.text, y->u.name.text) == 0;
	return strcmp(x->u.field.owner.text, y->u.field.owner.text) == 0 &&
	       strcmp(x->u.field.attr.text, y->u.field.attr.text) == 0;
}

/* A map's axes must differ, and its cells (every row of one axis with every row of the
** other) number at most SCEN_MAX_SWEEP_ROWS, the limit of a sweep's rows. */
static void relate_map(struct checker *c, const struct srcfile *f,
		       const struct ast_node *sw, double rows, double cols)
{
	const struct ast_node *t = sw->u.sweep.target, *t2 = sw->u.sweep.second->u.sweep.target;
	if (same_target(t, t2)) {
		struct diag *d = diag_error(c->sink, f, t2->span, "the map sweeps `%s` on both "
					    "axes", src_text(c, f, t2));
		diag_note(c->sink, d, f, t->span, "the first axis sweeps it here");
	} else if (rows && cols && rows * cols > SCEN_MAX_SWEEP_ROWS) {
		diag_error(c->sink, f, t2->span, "the map has %.0f × %.0f = %.0f cells, more than "
			   "the %d rows a sweep may have", rows, cols, rows * cols,
			   SCEN_MAX_SWEEP_ROWS);
	}
}

static void relate_sweep(struct checker *c, const struct srcfile *f,
			 const struct ast_node *sw)
{
	double rows = relate_axis(c, f, sw);
	if (sw->u.sweep.second)
		relate_map(c, f, sw, rows, relate_axis(c, f, sw->u.sweep.second));
	for (const struct ast_node *r = sw->u.sweep.reports; r; r = r->next)
		relate_report(c, f, r);
}

/* A patron's troops act on its client through the stdlib function `tripwire`
** (core.md §5), which the program must import (or define). */
static void relate_patron(struct checker *c, const struct symbol *p)
{
	const struct symbol *t = sym_find(c, "tripwire");
	if ((t && t->kind == SYM_FN && t->item->u.fn.nparams == 1) ||
	    !p->attrs[attr_find(p->role, "client") - p->role->attrs])
		return;	/* (a patron without a client is reported as such) */
	const struct vnode *troops = p->attrs[attr_find(p->role, "troops") - p->role->attrs];
	diag_error(c->sink, p->file, troops ? troops->where : p->where,
		   "patron `%s`'s troops act through the function `tripwire(troops)`; "
		   "add `import \"tripwire\"`", p->name);
}

void items_relate(struct checker *c)
{
	index_conflicts(c);
	relate_conflicts(c);
	for (struct symbol *s = c->first; s; s = s->next_in_order) {
		if (s->kind == SYM_MEDIATION && sym_find(c, s->name) == s)
			relate_mediation(c, s);
		if (s->kind == SYM_ACTOR && s->role == &roles[ROLE_PATRON] && s->attrs)
			relate_patron(c, s);
	}
	for (struct loaded_file *lf = c->prog->files; lf; lf = lf->next) {
		const struct srcfile *f = &lf->ast.src;
		for (const struct ast_node *it = lf->ast.items; it; it = it->next) {
			if (it->kind == AST_REPORT)
				relate_report(c, f, it);
			else if (it->kind == AST_SWEEP)
				relate_sweep(c, f, it);
		}
	}
}
