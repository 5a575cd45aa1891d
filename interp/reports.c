/*
** reports.c: what to compute. Group 0 holds the file's own reports (every conflict's
** settlement when the file names none); each sweep adds one group per row, in which
** the swept slot holds the row's value; a map (two axes) one group per cell. Rows run from `from` towards `to` by `step`,
** the end included when a step lands on it (to within 1e-9 of a step).
*/
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp_int.h"
#include "util/xalloc.h"

static struct igroup *add_group(struct interp *it, unsigned *cap)
{
	if (it->ngroups == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		struct igroup *g = arena_alloc(&it->arena, *cap * sizeof *g);
		if (it->ngroups)
			memcpy(g, it->groups, it->ngroups * sizeof *g);
		it->groups = g;
	}
	struct igroup *g = &it->groups[it->ngroups++];
	memset(g, 0, sizeof *g);
	g->slot = -1;
	g->second.slot = -1;
	return g;
}

/* The conflict of a report, by its sides' names (the checker proved they exist); its
** index among it->conflicts is its id. */
static int find_conflict(const struct interp *it, const char *state, const char *rebels)
{
	const struct conflict_info *k = model_conflict(it->m, model_find(it->m, state),
						       model_find(it->m, rebels));
	return k ? (int)k->id : -1;
}

static int find_rebels(const struct interp *it, const char *rebels)
{
	const struct symbol *s = model_find(it->m, rebels);
	return s && s->first_as_rebels ? (int)s->first_as_rebels->id : -1;
}

/* One job per report item: a settlement, a provocation game or a mediation. */
static void add_jobs(struct interp *it, struct igroup *g, const struct ast_node *reports)
{
	unsigned n = 0;
	for (const struct ast_node *r = reports; r; r = r->next)
		n++;
	g->jobs = arena_alloc(&it->arena, (n + 1) * sizeof *g->jobs);
	for (const struct ast_node *r = reports; r; r = r->next) {
		if (r->kind != AST_REPORT)
			continue;
		const char *a = r->u.report.a.text, *b = r->u.report.b.text;
		struct ijob job = { JOB_SETTLE, 0, 0, NULL };
		int k = -1;
		if (r->u.report.what == REPORT_SETTLEMENT) {
			k = find_conflict(it, a, b);
			job.what = arena_printf(&it->arena, "settlement %s vs %s", a, b);
		} else if (r->u.report.what == REPORT_PROVOCATION) {
			k = find_rebels(it, a);
			job.kind = JOB_GAME;
			job.what = arena_printf(&it->arena, "provocation by %s", a);
		} else {
			const struct symbol *m = model_find(it->m, a);
			job.kind = JOB_MEDIATION;
			job.index = it->mediation_of[m->id];
			k = (int)it->mediations[job.index].conflict;
			job.what = arena_printf(&it->arena, "mediation %s", a);
		}
		if (k < 0)
			continue;
		job.conflict = (unsigned)k;
		g->jobs[g->njobs++] = job;
	}
}

static void add_every_conflict(struct interp *it, struct igroup *g)
{
	g->jobs = arena_alloc(&it->arena, (it->nconflicts + 1) * sizeof *g->jobs);
	for (unsigned k = 0; k < it->nconflicts; k++) {
		const struct conflict_info *c = it->conflicts[k].info;
		g->jobs[g->njobs++] = (struct ijob){ JOB_SETTLE, k, 0, arena_printf(&it->arena,
			"settlement %s vs %s", c->state->name, c->rebels->name) };
	}
}

/* A constant expression's value (the checker proved it constant). */
static double constant(struct interp *it, const struct ast_node *e)
{
	struct vm_chunk c = { 0 };
	struct compile_ctx k = { it, &c, NULL, 0, 0, &it->m->main->ast.src };
	compile_expr(&k, e);
	compile_finish(&k);
	struct vm_env env = { .slots = it->init, .fns = it->chunks, .force_stream = -1,
			      .sites = it->sites };
	env.stack = xmalloc((c.need + 1) * sizeof *env.stack);
	double v = vm_eval(&c, &env, NULL);
	free(env.stack);
	free(c.code);
	return v;
}

int sweep_target(struct interp *it, const struct ast_node *t, const struct vnode **v,
		 const char **label)
{
	if (t->kind == AST_NAME) {
		const struct symbol *s = model_find(it->m, t->u.name.text);
		*v = s->value;
		if (label)
			*label = s->name;
		return (int)it->slot_of[(*v)->index];
	}
	const struct symbol *s = model_find(it->m, t->u.field.owner.text);
	const struct attr_def *a = attr_find(s->role, t->u.field.attr.text);
	*v = s->attrs[a - s->role->attrs];
	if (label)
		*label = arena_printf(&it->arena, "%s.%s", s->name, a->name);
	return (int)attr_slot(it, s, a->name);
}

/* What an axis sweeps: its slot, its vnode (NULL: an attribute left unset) and label. */
static struct iswept swept_target(struct interp *it, const struct ast_node *t)
{
	struct iswept w = { 0 };
	const struct vnode *v;
	w.slot = sweep_target(it, t, &v, &w.name);
	w.has_vnode = v != NULL;
	w.vnode = v ? v->index : 0;
	if (t->kind == AST_FIELD) {	/* (a `let`: a number of its own, no unit) */
		const struct symbol *s = model_find(it->m, t->u.field.owner.text);
		const struct attr_def *a = attr_find(s->role, t->u.field.attr.text);
		w.probability = a->unit && strcmp(a->unit, "probability") == 0;
	}
	return w;
}

/* An axis's rows: from, from + step, ... up to to; their number. */
static unsigned axis_rows(struct interp *it, const struct ast_node *sw, double *from,
			  double *step)
{
	*from = constant(it, sw->u.sweep.from);
	*step = constant(it, sw->u.sweep.step);
	double to = constant(it, sw->u.sweep.to);
	return (unsigned)floor((to - *from) / *step + 1e-9) + 1;
}

/* A group per row, or for a map per cell: the second axis's rows inside each of the
** first's (row-major, as report/map.c prints them). */
static void add_sweep(struct interp *it, const struct ast_node *sw, unsigned id,
		      unsigned *cap)
{
	const struct ast_node *sw2 = sw->u.sweep.second;
	struct iswept first = swept_target(it, sw->u.sweep.target);
	struct iswept second = sw2 ? swept_target(it, sw2->u.sweep.target)
				   : (struct iswept){ .slot = -1 };
	double from, step, from2 = 0, step2 = 0;
	unsigned rows = axis_rows(it, sw, &from, &step);
	unsigned cols = sw2 ? axis_rows(it, sw2, &from2, &step2) : 1;
	double to = constant(it, sw->u.sweep.to), to2 = sw2 ? constant(it, sw2->u.sweep.to) : 0;
	for (unsigned r = 0; r < rows; r++) {
		for (unsigned c = 0; c < cols; c++) {
			struct igroup *g = add_group(it, cap);
			g->slot = first.slot;
			g->has_vnode = first.has_vnode;
			g->vnode = first.vnode;
			g->value = model_sweep_row(from, step, to, r);
			g->sweep = first.name;
			g->probability = first.probability;
			g->row = r;
			g->sweep_id = id;
			g->second = second;
			g->second.value = sw2 ? model_sweep_row(from2, step2, to2, c) : 0;
			g->second.row = c;
			add_jobs(it, g, sw->u.sweep.reports);
		}
	}
}

void interp_build_reports(struct interp *it)
{
	unsigned cap = 0, sweeps = 0;
	const struct ast_node *items = it->m->main->ast.items;
	bool any = false;
	for (const struct ast_node *i = items; i; i = i->next)
		any |= i->kind == AST_REPORT || i->kind == AST_SWEEP;
	struct igroup *own = add_group(it, &cap);
	if (any)
		add_jobs(it, own, items);
	else
		add_every_conflict(it, own);
	for (const struct ast_node *i = items; i; i = i->next)
		if (i->kind == AST_SWEEP)
			add_sweep(it, i, sweeps++, &cap);
}

const struct vnode *interp_let(const struct model *m, const char *name)
{
	const struct symbol *s = model_find(m, name);
	return s && s->kind == SYM_LET ? s->value : NULL;
}

const struct attr_def *interp_let_attr(const struct model *m, const struct vnode *let)
{
	for (unsigned i = 0; i < m->norder; i++) {
		const struct vnode *v = m->order[i];
		if (v->def && v->expr && v->expr->kind == AST_NAME && v->ndeps == 1 &&
		    v->deps[0] == let)
			return v->def;
	}
	return NULL;
}

/* The conflict that owner means: the one of sides "A vs B", else one whose side is the
** actor owner, else the first (owner NULL: no owner given, or one that names nothing). */
static const struct conflict_info *conflict_named(const struct model *m, const char *owner)
{
	for (const struct conflict_info *c = m->conflicts; c && owner; c = c->next) {
		char sides[272];
		snprintf(sides, sizeof sides, "%s vs %s", c->state->name, c->rebels->name);
		if (strcmp(sides, owner) == 0 || strcmp(c->state->name, owner) == 0 ||
		    strcmp(c->rebels->name, owner) == 0)
			return c;
	}
	return m->conflicts;
}

const struct conflict_info *interp_conflict_attr(const struct model *m, const char *label,
						 const struct attr_def **attr)
{
	const char *dot = strrchr(label, '.');
	const char *name = dot ? dot + 1 : label;
	const struct attr_def *a = attr_find(&roles[BLOCK_CONFLICT], name);
	if (!a || a->type != AT_NUMBER || !m->conflicts)
		return NULL;
	char owner[256] = "";
	if (dot && (size_t)(dot - label) < sizeof owner) {
		memcpy(owner, label, (size_t)(dot - label));
		owner[dot - label] = '\0';
	}
	const struct symbol *s = model_find(m, dot ? owner : label);
	if (s && (!dot || (s->role && attr_find(s->role, name))))
		return NULL;	/* a let, or an attribute of that block: not the conflict's */
	*attr = a;
	return conflict_named(m, dot ? owner : NULL);
}

bool interp_override(struct interp *it, const char *owner, const char *attr, double value)
{
	assert(it->unfolded);	/* a folded value would not see the override */
	struct igroup *g = &it->groups[0];	/* the file's own reports */
	if (!owner) {	/* a let */
		const struct vnode *v = interp_let(it->m, attr);
		if (!v)
			return false;
		g->slot = (int)it->slot_of[v->index];
		g->has_vnode = true;
		g->vnode = v->index;
		g->value = value;
		return true;
	}
	const struct symbol *s = model_find(it->m, owner);
	const struct attr_def *a = s && s->role ? attr_find(s->role, attr) : NULL;
	if (!a || a->type != AT_NUMBER || a->flags & AF_SETTING)
		return false;
	const struct vnode *v = s->attrs[a - s->role->attrs];
	g->slot = (int)attr_slot(it, s, a->name);
	g->has_vnode = v != NULL;
	g->vnode = v ? v->index : 0;
	g->value = value;
	return true;
}
