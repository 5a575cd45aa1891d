/*
** reads.c: what a report reads, for the warnings of warn.c. The model is the
** interpreter's (interp/build.c, draw.c, strategic.c) and core.md's: a report on a
** conflict reads the stake, the two sides, the conflict's intervener (or its patron,
** which intervenes only where there is no intervener, §5), its guarantor's `will`, its
** patron's troops and the sanctions on either side; a mediation adds its own attributes,
** a provocation game the followers. A few attributes are left out when the file's
** constants prove that the rules never read them (core.md, Notation); a constant that a
** sweep varies, or that comes from a swept let, proves nothing:
**   - `chance` when the war is fought with atrocities (and `chance_if_atrocities` is
**     set), `chance_if_atrocities` when it is not, except in the provocation game,
**     whose state chooses between repression and atrocities;
**   - the state's `capacity` when its `violence` is set, except in the game (it
**     divides the cost of selective repression);
**   - a stake's `step` when `divisible = false` (offers are 0 or V);
**   - the state's `challengers` when its `reputation` is 0, and its `reputation` when
**     it has no challengers: they enter only as their product ρ·n (§1, §4);
**   - `expects_intervention` when `belief` is set, the rebels' always, the state's
**     when no intervention cost k weighs on it (q_S·k with k = 0).
** Everything else a report may read counts as read: a warning that something is not
** read must be certain. The set is closed over the value graph: what a read value
** refers to is read too.
*/
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"
#include "util/xalloc.h"

/* ---- facts about a conflict, as the interpreter decides them ---- */

struct vnode *attr_of(const struct symbol *s, const char *name)
{
	if (!s || !s->role || !s->attrs)
		return NULL;
	const struct attr_def *a = attr_find(s->role, name);
	return a ? s->attrs[a - s->role->attrs] : NULL;
}

/* The actor an attribute names (`guarantor = nato`), or NULL. */
struct symbol *named_by(struct checker *c, const struct vnode *v)
{
	return v && v->expr->kind == AST_NAME ? sym_find(c, v->expr->u.name.text) : NULL;
}

static bool is_actor(const struct symbol *s, int role)
{
	return s && s->kind == SYM_ACTOR && role_is(s->role, (unsigned)role);
}

struct symbol *conflict_guarantor(struct checker *c, const struct conflict_info *k)
{
	const struct role_def *r = &roles[BLOCK_CONFLICT];
	return named_by(c, k->attrs[attr_find(r, "guarantor") - r->attrs]);
}

/* Its guarantor when that is an intervener, else the first intervener declared. */
struct symbol *conflict_intervener(struct checker *c, const struct conflict_info *k)
{
	struct symbol *g = conflict_guarantor(c, k);
	return is_actor(g, ROLE_INTERVENER) ? g : c->facts->first_intervener;
}

/* The first patron whose client is a side of k. */
struct symbol *conflict_patron(struct checker *c, const struct conflict_info *k)
{
	struct symbol *a = c->facts->patron[k->state->id], *b = c->facts->patron[k->rebels->id];
	return !a ? b : !b ? a : a->id < b->id ? a : b;
}

/* Who may come in if k's war breaks out: its intervener, else its patron. */
struct symbol *conflict_source(struct checker *c, const struct conflict_info *k)
{
	struct symbol *i = conflict_intervener(c, k);
	return i ? i : conflict_patron(c, k);
}

/* The first population whose `of` is rebels: the followers of the provocation game. */
struct symbol *followers_of(struct checker *c, const struct symbol *rebels)
{
	return c->facts->followers[rebels->id];
}

/* Each actor's sanctions, grouped by target (counting sort, in declaration order). */
static void group_sanctions(struct checker *c, struct facts *f)
{
	unsigned n = c->nsymbols;
	f->sanctions_at = xcalloc(n + 2, sizeof *f->sanctions_at);
	for (struct symbol *s = c->first; s; s = s->next_in_order) {
		const struct symbol *on = s->kind == SYM_SANCTION ? named_by(c, attr_of(s, "on"))
								 : NULL;
		if (on)
			f->sanctions_at[on->id + 1]++;
	}
	for (unsigned i = 1; i <= n; i++)
		f->sanctions_at[i] += f->sanctions_at[i - 1];
	f->sanctions = xmalloc((f->sanctions_at[n] + 1) * sizeof *f->sanctions);
	unsigned *next = xmalloc((n + 1) * sizeof *next);
	memcpy(next, f->sanctions_at, (n + 1) * sizeof *next);
	for (struct symbol *s = c->first; s; s = s->next_in_order) {
		const struct symbol *on = s->kind == SYM_SANCTION ? named_by(c, attr_of(s, "on"))
								 : NULL;
		if (on)
			f->sanctions[next[on->id]++] = s;
	}
	free(next);
}

/* The first of each kind, by id: what the interpreter takes (interp/build.c). */
static void first_by_id(struct checker *c, struct facts *f)
{
	for (struct symbol *s = c->first; s; s = s->next_in_order) {
		if (is_actor(s, ROLE_INTERVENER) && !f->first_intervener)
			f->first_intervener = s;
		struct symbol *client = is_actor(s, ROLE_PATRON)
			? named_by(c, attr_of(s, "client")) : NULL;
		if (client && !f->patron[client->id])
			f->patron[client->id] = s;
		struct symbol *of = is_actor(s, ROLE_POPULATION) ? named_by(c, attr_of(s, "of"))
								 : NULL;
		if (of && !f->followers[of->id])
			f->followers[of->id] = s;
	}
}

/* Does sweep target t (a let's name, or owner.attr) name s's attribute `name` (NULL: the
** let s itself)? */
static bool targets(const struct ast_node *t, const struct symbol *s, const char *name)
{
	if (t->kind == AST_NAME)
		return !name && strcmp(t->u.name.text, s->name) == 0;
	return name && strcmp(t->u.field.owner.text, s->name) == 0 &&
	       strcmp(t->u.field.attr.text, name) == 0;
}

/* The sweeps of the main file and their maps' second axes, once (facts_build): each
** attribute's test reads only them, not every item of the file. */
static void collect_axes(const struct checker *c, struct facts *f)
{
	for (int pass = 0; pass < 2; pass++) {
		f->naxes = 0;
		for (const struct ast_node *it = c->main->ast.items; it; it = it->next)
			for (const struct ast_node *ax = it->kind == AST_SWEEP ? it : NULL; ax;
			     ax = ax->u.sweep.second) {
				if (pass)
					f->axes[f->naxes] = ax;
				f->naxes++;
			}
		if (!pass)
			f->axes = xcalloc(f->naxes + 1, sizeof *f->axes);
	}
}

/* Does a sweep (or a map's second axis) of the main file vary s.name (NULL: the let s)? */
static bool swept(const struct facts *f, const struct symbol *s, const char *name)
{
	for (unsigned i = 0; i < f->naxes; i++)
		if (targets(f->axes[i]->u.sweep.target, s, name))
			return true;
	return false;
}

/* f->varies: each value a sweep varies, and what depends on one (c->order has the
** dependencies first), so that no rule takes it for the constant the file writes. */
static void mark_varying(struct checker *c, struct facts *f)
{
	f->varies = xcalloc(c->norder + 1, sizeof *f->varies);
	for (const struct symbol *s = c->first; s; s = s->next_in_order) {
		if (s->kind == SYM_LET && s->value && swept(f, s, NULL))
			f->varies[s->value->index] = true;
		for (size_t i = 0; s->role && s->attrs && i < s->role->nattrs; i++)
			if (s->attrs[i] && swept(f, s, s->role->attrs[i].name))
				f->varies[s->attrs[i]->index] = true;
	}
	for (unsigned i = 0; i < c->norder; i++)
		for (unsigned d = 0; d < c->order[i]->ndeps && !f->varies[i]; d++)
			f->varies[i] = f->varies[c->order[i]->deps[d]->index];
}

void facts_build(struct checker *c)
{
	unsigned n = c->nsymbols + 1;
	struct facts *f = xcalloc(1, sizeof *f);
	c->facts = f;
	f->patron = xcalloc(n, sizeof *f->patron);
	f->followers = xcalloc(n, sizeof *f->followers);
	f->side_of = xcalloc(n, sizeof *f->side_of);
	f->patron_in = xcalloc(n, sizeof *f->patron_in);
	f->intervenes = xcalloc(n, sizeof *f->intervenes);
	f->guarantees = xcalloc(n, sizeof *f->guarantees);
	first_by_id(c, f);
	group_sanctions(c, f);
	collect_axes(c, f);
	mark_varying(c, f);
	for (const struct conflict_info *k = c->conflicts; k; k = k->next) {
		struct symbol *i = conflict_intervener(c, k), *p = conflict_patron(c, k);
		struct symbol *g = conflict_guarantor(c, k);
		if (!f->side_of[k->state->id])
			f->side_of[k->state->id] = k;
		if (!f->side_of[k->rebels->id])
			f->side_of[k->rebels->id] = k;
		if (p && !f->patron_in[p->id])
			f->patron_in[p->id] = k;
		if (i)
			f->intervenes[i->id] = true;
		if (g)
			f->guarantees[g->id] = true;
	}
}

void facts_free(struct checker *c)
{
	struct facts *f = c->facts;
	free(f->patron);
	free(f->followers);
	free(f->side_of);
	free(f->patron_in);
	free(f->intervenes);
	free(f->guarantees);
	free(f->sanctions_at);
	free(f->sanctions);
	free(f->varies);
	free(f->axes);
	free(f);
	c->facts = NULL;
}

/* An attribute's value when the file fixes it: set to a constant, or unset with a
** numeric default. */
bool attr_constant(const struct checker *c, const struct symbol *s, const char *name,
		   double *out)
{
	const struct vnode *v = attr_of(s, name);
	if (v) {
		*out = v->value;
		return v->constant && !c->facts->varies[v->index];
	}
	const struct attr_def *a = attr_find(s->role, name);
	*out = a->dflt_value;
	return a->type == AT_NUMBER && *out == *out && !swept(c->facts, s, name);
}

/* Whether the state fights with atrocities (core.md, Notation); *why is what decides
** it, `violence` or `capacity`, or NULL for the default capacity of 100%. */
enum tri state_atrocities(const struct checker *c, const struct symbol *state,
			  const struct vnode **why)
{
	const struct vnode *violence = attr_of(state, "violence");
	double capacity;
	*why = violence ? violence : attr_of(state, "capacity");
	if (violence)
		return strcmp(violence->expr->u.name.text, "indiscriminate") == 0 ? TRI_YES
										 : TRI_NO;
	if (!attr_constant(c, state, "capacity", &capacity))
		return TRI_UNKNOWN;
	return capacity < 0.5 ? TRI_YES : TRI_NO;
}

/* Is s.name fixed at 0 (set to a constant 0, or unset with the default 0)? */
static bool fixed_zero(const struct checker *c, const struct symbol *s, const char *name)
{
	double x;
	return attr_constant(c, s, name, &x) && x == 0;
}

/* Does a side's (0 the state, 1 the rebels) expectation of intervention weigh what the
** intervention costs it (q_S·k, q_R·k_R: §1, §5)? An intervener costs the state its
** `cost_to_state`; a patron costs the side it fights its `cost_to_other`. */
bool conflict_expects_weighs(struct checker *c, const struct conflict_info *k, int side)
{
	const struct symbol *i = conflict_source(c, k);
	if (!i)
		return false;
	if (is_actor(i, ROLE_INTERVENER))
		return side == 0 && !fixed_zero(c, i, "cost_to_state");
	const struct symbol *client = named_by(c, attr_of(i, "client"));
	return client == (side == 0 ? k->rebels : k->state) && !fixed_zero(c, i, "cost_to_other");
}

/* ---- the reports of a list, resolved ---- */

static const struct conflict_info *conflict_between(struct checker *c, const char *a,
						   const char *b)
{
	for (const struct conflict_info *k = c->conflicts; k; k = k->next)
		if (k->state && k->rebels && ((!strcmp(k->state->name, a) &&
					       !strcmp(k->rebels->name, b)) ||
					      (!strcmp(k->state->name, b) &&
					       !strcmp(k->rebels->name, a))))
			return k;
	return NULL;
}

static struct report_ref resolve_report(struct checker *c, const struct ast_node *r)
{
	struct report_ref ref = { r->u.report.what, NULL, NULL };
	const char *a = r->u.report.a.text;
	if (ref.what == REPORT_SETTLEMENT) {
		ref.k = conflict_between(c, a, r->u.report.b.text);
		if (ref.k && strcmp(ref.k->state->name, a) != 0)
			ref.k = NULL;	/* (the state comes first: reported as an error) */
	} else if (ref.what == REPORT_PROVOCATION) {
		for (const struct conflict_info *k = c->conflicts; k && !ref.k; k = k->next)
			if (k->rebels && strcmp(k->rebels->name, a) == 0)
				ref.k = k;
	} else {
		ref.m = sym_find(c, a);
		const struct vnode *parties = attr_of(ref.m, "parties");
		const struct ast_node *x = parties->expr->u.list.items;
		ref.k = conflict_between(c, x->u.name.text, x->next->u.name.text);
	}
	return ref;
}

struct report_ref *reports_of(struct checker *c, const struct ast_node *items, unsigned *n)
{
	unsigned cap = 0;
	for (const struct ast_node *it = items; it; it = it->next)
		cap += it->kind == AST_REPORT;
	struct report_ref *out = arena_alloc(c->arena, (cap + 1) * sizeof *out);
	*n = 0;
	for (const struct ast_node *it = items; it; it = it->next)
		if (it->kind == AST_REPORT) {
			out[*n] = resolve_report(c, it);
			*n += out[*n].k != NULL;
		}
	return out;
}

struct report_ref *file_reports(struct checker *c, unsigned *n)
{
	const struct ast_node *items = c->main->ast.items;
	unsigned total = 0, own, in_sweeps = 0;
	bool any = false;
	for (const struct ast_node *it = items; it; it = it->next) {
		any |= it->kind == AST_REPORT || it->kind == AST_SWEEP;
		if (it->kind == AST_SWEEP)
			for (const struct ast_node *r = it->u.sweep.reports; r; r = r->next)
				in_sweeps++;
	}
	for (const struct conflict_info *k = c->conflicts; k; k = k->next)
		total++;
	struct report_ref *own_refs = reports_of(c, items, &own);
	struct report_ref *out = arena_alloc(c->arena, (own + total + in_sweeps + 1) *
					     sizeof *out);
	memcpy(out, own_refs, own * sizeof *out);
	*n = own;
	if (!any)	/* a file with no report reports every conflict's settlement */
		for (const struct conflict_info *k = c->conflicts; k; k = k->next)
			out[(*n)++] = (struct report_ref){ REPORT_SETTLEMENT, k, NULL };
	for (const struct ast_node *it = items; it; it = it->next) {
		if (it->kind != AST_SWEEP)
			continue;
		unsigned m;
		struct report_ref *refs = reports_of(c, it->u.sweep.reports, &m);
		memcpy(out + *n, refs, m * sizeof *out);
		*n += m;
	}
	return out;
}

/* ---- the read set ---- */

static size_t widest_role(void)
{
	size_t w = 1;
	for (size_t i = 0; i < NROLES; i++)
		w = roles[i].nattrs > w ? roles[i].nattrs : w;
	return w;
}

void reads_init(struct reads *r, struct checker *c)
{
	size_t n = (size_t)c->nsymbols * widest_role() + 1;
	r->c = c;
	r->width = widest_role();
	r->slot = xcalloc(n, sizeof *r->slot);
	r->skip = xcalloc(n, sizeof *r->skip);
	r->marked = xcalloc(c->norder + 1, sizeof *r->marked);
	r->stack = xmalloc((c->norder + 1) * sizeof *r->stack);
	r->top = 0;
}

void reads_free(struct reads *r)
{
	free(r->slot);
	free(r->skip);
	free(r->marked);
	free(r->stack);
}

static void read_vnode(struct reads *r, struct vnode *v)
{
	if (v && !r->marked[v->index]) {
		r->marked[v->index] = true;
		r->stack[r->top++] = v;
	}
}

static size_t slot_index(const struct reads *r, const struct symbol *s,
			 const struct attr_def *a)
{
	return s->id * r->width + (size_t)(a - s->role->attrs);
}

bool reads_slot(const struct reads *r, const struct symbol *s, const struct attr_def *a)
{
	return r->slot[slot_index(r, s, a)];
}

const struct skip *reads_skip(const struct reads *r, const struct symbol *s,
			      const struct attr_def *a)
{
	const struct skip *k = &r->skip[slot_index(r, s, a)];
	return k->rule != SKIP_NONE ? k : NULL;
}

static void read_attr(struct reads *r, const struct symbol *s, const char *name)
{
	const struct attr_def *a = attr_find(s->role, name);
	r->slot[slot_index(r, s, a)] = true;
	read_vnode(r, s->attrs[a - s->role->attrs]);
}

/* Reads s.name, unless a rule says the report does not: then keeps why (the first). */
static void read_unless(struct reads *r, const struct symbol *s, const char *name,
			bool skip, struct skip why)
{
	struct skip *k = &r->skip[slot_index(r, s, attr_find(s->role, name))];
	if (!skip)
		read_attr(r, s, name);
	else if (k->rule == SKIP_NONE)
		*k = why;
}

static void read_all(struct reads *r, const struct symbol *s)
{
	for (size_t i = 0; i < s->role->nattrs; i++)
		read_attr(r, s, s->role->attrs[i].name);
}

/* q, p⁺ and k of the one who may come in: `chance` or `chance_if_atrocities` as the
** war is fought, both in the game (a missing `chance_if_atrocities` is `chance`). */
static void read_intervention(struct reads *r, const struct symbol *x,
			      const struct conflict_info *k, bool game)
{
	const struct vnode *why;
	enum tri atrocities = state_atrocities(r->c, k->state, &why);
	read_unless(r, x, "chance", !game && atrocities == TRI_YES &&
		    attr_of(x, "chance_if_atrocities"),
		    (struct skip){ SKIP_ATROCITIES, k->state, why });
	read_unless(r, x, "chance_if_atrocities", !game && atrocities == TRI_NO,
		    (struct skip){ SKIP_NO_ATROCITIES, k->state, why });
	read_attr(r, x, "rebels_win_if_in");
	read_attr(r, x, x->role == &roles[ROLE_INTERVENER] ? "cost_to_state" : "cost_to_other");
}

static void read_stake(struct reads *r, const struct symbol *stake)
{
	read_attr(r, stake, "value");
	read_attr(r, stake, "divisible");
	read_unless(r, stake, "step", fixed_zero(r->c, stake, "divisible"),
		    (struct skip){ SKIP_INDIVISIBLE, stake, attr_of(stake, "divisible") });
}

static void read_sides(struct reads *r, const struct conflict_info *k, bool game)
{
	static const char *const state[] = { "cost", "resolve", "belief", "violence" };
	static const char *const rebels[] = { "cost", "resolve", "belief", "leaders_share",
					      "leaders_cost", "provoked" };
	const struct symbol *s = k->state, *b = k->rebels;
	for (size_t i = 0; i < sizeof state / sizeof *state; i++)
		read_attr(r, s, state[i]);
	for (size_t i = 0; i < sizeof rebels / sizeof *rebels; i++)
		read_attr(r, b, rebels[i]);
	const struct vnode *violence = attr_of(s, "violence");
	read_unless(r, s, "capacity", !game && violence,
		    (struct skip){ SKIP_VIOLENCE, s, violence });
	read_unless(r, s, "challengers", fixed_zero(r->c, s, "reputation"),
		    (struct skip){ SKIP_NO_REPUTATION, s, attr_of(s, "reputation") });
	read_unless(r, s, "reputation", fixed_zero(r->c, s, "challengers"),
		    (struct skip){ SKIP_NO_CHALLENGERS, s, attr_of(s, "challengers") });
	const struct vnode *belief = attr_of(s, "belief");
	read_unless(r, s, "expects_intervention", belief && !conflict_expects_weighs(r->c, k, 0),
		    (struct skip){ SKIP_BELIEF, s, belief });
	belief = attr_of(b, "belief");
	read_unless(r, b, "expects_intervention", belief && !conflict_expects_weighs(r->c, k, 1),
		    (struct skip){ SKIP_BELIEF, b, belief });
}

static void read_patron(struct reads *r, const struct conflict_info *k)
{
	struct symbol *p = conflict_patron(r->c, k), *tw = sym_find(r->c, "tripwire");
	if (!p)
		return;
	read_attr(r, p, "client");
	read_attr(r, p, "troops");
	if (tw && tw->kind == SYM_FN)
		read_vnode(r, tw->value);	/* the troops act through it */
}

static void read_sanctions(struct reads *r, const struct symbol *target)
{
	const struct facts *f = r->c->facts;
	for (unsigned i = f->sanctions_at[target->id]; i < f->sanctions_at[target->id + 1]; i++)
		read_all(r, f->sanctions[i]);
}

void reads_add(struct reads *r, const struct report_ref *rep)
{
	const struct conflict_info *k = rep->k;
	bool game = rep->what == REPORT_PROVOCATION;
	for (size_t i = 0; i < roles[BLOCK_CONFLICT].nattrs; i++)
		read_vnode(r, k->attrs[i]);
	read_stake(r, k->stake);
	read_sides(r, k, game);
	struct symbol *source = conflict_source(r->c, k), *g = conflict_guarantor(r->c, k);
	if (source)
		read_intervention(r, source, k, game);
	if (g)
		read_attr(r, g, "will");
	read_patron(r, k);
	read_sanctions(r, k->state);
	read_sanctions(r, k->rebels);
	if (rep->m)
		read_all(r, rep->m);
	struct symbol *followers = game ? followers_of(r->c, k->rebels) : NULL;
	if (followers)
		read_all(r, followers);
}

/* What the read values refer to is read too. */
void reads_close(struct reads *r)
{
	while (r->top) {
		struct vnode *v = r->stack[--r->top];
		for (unsigned i = 0; i < v->ndeps; i++)
			read_vnode(r, v->deps[i]);
	}
}
