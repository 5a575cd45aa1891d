/*
** build.c: interp_new. Lays out the slots, compiles every value that varies, and
** gathers for each conflict the slots the core needs, its sanctions, and the reports
** (the file's own and each sweep row's).
*/
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp_int.h"
#include "util/xalloc.h"

static unsigned new_slots(struct interp *it, unsigned n)
{
	unsigned first = it->nslots;
	it->nslots += n;
	return first;
}

/* Slots: every attribute of every block, then each let. Defaults go in init. */
static void lay_out(struct interp *it, unsigned **conflict_base)
{
	const struct model *m = it->m;
	it->attr_base = arena_alloc(&it->arena, (m->nsymbols + 1) * sizeof *it->attr_base);
	it->slot_of = arena_alloc(&it->arena, (m->norder + 1) * sizeof *it->slot_of);
	for (const struct symbol *s = m->symbols; s; s = s->next_in_order) {
		if (s->role) {
			it->attr_base[s->id] = new_slots(it, (unsigned)s->role->nattrs);
			for (size_t i = 0; i < s->role->nattrs; i++)
				if (s->attrs[i])
					it->slot_of[s->attrs[i]->index] = it->attr_base[s->id] +
									 (unsigned)i;
		} else if (s->kind == SYM_LET) {
			it->slot_of[s->value->index] = new_slots(it, 1);
		}
	}
	unsigned n = 0;
	for (const struct conflict_info *k = m->conflicts; k; k = k->next)
		n++;
	*conflict_base = arena_alloc(&it->arena, (n + 1) * sizeof **conflict_base);
	n = 0;
	const struct role_def *cr = &roles[BLOCK_CONFLICT];
	for (const struct conflict_info *k = m->conflicts; k; k = k->next, n++) {
		(*conflict_base)[n] = new_slots(it, (unsigned)cr->nattrs);
		for (size_t i = 0; i < cr->nattrs; i++)
			if (k->attrs[i])
				it->slot_of[k->attrs[i]->index] = (*conflict_base)[n] + (unsigned)i;
	}
}

static double default_of(const struct attr_def *a)
{
	if (a->type == AT_BOOL)
		return strcmp(a->dflt, "true") == 0;
	return a->dflt_value;
}

static void fill_defaults(struct interp *it, const unsigned *conflict_base)
{
	const struct model *m = it->m;
	it->init = arena_alloc(&it->arena, (it->nslots + 1) * sizeof *it->init);
	for (const struct symbol *s = m->symbols; s; s = s->next_in_order)
		for (size_t i = 0; s->role && i < s->role->nattrs; i++)
			it->init[it->attr_base[s->id] + i] = default_of(&s->role->attrs[i]);
	unsigned n = 0;
	const struct role_def *cr = &roles[BLOCK_CONFLICT];
	for (const struct conflict_info *k = m->conflicts; k; k = k->next, n++)
		for (size_t i = 0; i < cr->nattrs; i++)
			it->init[conflict_base[n] + i] = default_of(&cr->attrs[i]);
}

static bool names_target(const struct ast_node *e, const struct ast_node *target);

static bool list_names_target(const struct ast_node *l, const struct ast_node *target)
{
	for (; l; l = l->next)
		if (names_target(l, target))
			return true;
	return false;
}

static bool same_ident(struct ast_ident a, struct ast_ident b)
{
	return strcmp(a.text, b.text) == 0;
}

/* Whether expression e reads the swept target (a let's name, or owner.attr), directly:
** the values it reads through are the vnode graph's (swept_values). */
static bool names_target(const struct ast_node *e, const struct ast_node *target)
{
	switch (e->kind) {
	case AST_NAME:
		return target->kind == AST_NAME && same_ident(e->u.name, target->u.name);
	case AST_FIELD:
		return target->kind == AST_FIELD &&
		       same_ident(e->u.field.owner, target->u.field.owner) &&
		       same_ident(e->u.field.attr, target->u.field.attr);
	case AST_CALL: return list_names_target(e->u.call.args, target);
	case AST_LIST: return list_names_target(e->u.list.items, target);
	case AST_UNARY: return names_target(e->u.unary.operand, target);
	case AST_BINARY:
		return names_target(e->u.binary.lhs, target) ||
		       names_target(e->u.binary.rhs, target);
	case AST_IF:
		return names_target(e->u.cond.cond, target) ||
		       names_target(e->u.cond.then, target) || names_target(e->u.cond.els, target);
	case AST_NUM: case AST_BOOL: case AST_STR: AST_CASES(AST_ITEM_KINDS)
		return false;
	}
	return false;
}

/* Marks the swept value t and what names it. */
static void mark_target(struct interp *it, bool *swept, const struct ast_node *t)
{
	const struct model *m = it->m;
	for (unsigned i = 0; i < m->norder; i++) {
		const struct vnode *v = m->order[i];
		swept[i] |= v->expr && names_target(v->expr, t);
	}
	const struct vnode *v;
	sweep_target(it, t, &v, NULL);
	if (v)
		swept[v->index] = true;
}

/* By vnode index: whether a sweep row can change it. The swept value itself, and every
** value that reads a swept target, directly or through others (deps come first in
** m->order). A swept attribute that the file does not set has no vnode: its readers are
** found by name. Only these stay compiled when a file sweeps: the rest are folded, as
** in a file without a sweep (issue 15: +22% a row-draw before). */
static bool *swept_values(struct interp *it)
{
	const struct model *m = it->m;
	bool *swept = arena_alloc(&it->arena, m->norder + 1);
	memset(swept, 0, m->norder + 1);
	for (const struct ast_node *sw = m->main->ast.items; sw; sw = sw->next) {
		if (sw->kind != AST_SWEEP)
			continue;
		mark_target(it, swept, sw->u.sweep.target);
		if (sw->u.sweep.second)		/* a map: both axes */
			mark_target(it, swept, sw->u.sweep.second->u.sweep.target);
	}
	for (unsigned i = 0; i < m->norder; i++)
		for (unsigned d = 0; d < m->order[i]->ndeps && !swept[i]; d++)
			swept[i] = swept[m->order[i]->deps[d]->index];
	return swept;
}

static bool is_value(const struct vnode *v)
{
	return !v->def || v->def->type == AT_NUMBER || v->def->type == AT_BOOL;
}

/* Compiles every value that varies; stores the others in init. With a sweep, what a
** row can change is not folded (swept_values). */
static void compile_values(struct interp *it)
{
	const struct model *m = it->m;
	bool fold = !it->unfolded && !it->reference;
	const bool *swept = it->swept = swept_values(it);
	it->chunks = xcalloc(m->norder + 1, sizeof *it->chunks);
	it->varies = arena_alloc(&it->arena, m->norder + 1);
	it->stream_of = arena_alloc(&it->arena, (m->norder + 1) * sizeof *it->stream_of);
	for (unsigned i = 0; i < m->norder; i++) {
		const struct vnode *v = m->order[i];
		if (!v->expr || !is_value(v) || (v->def && v->def->flags & AF_SETTING))
			continue;
		struct compile_ctx k = { it, &it->chunks[i], NULL, 0, 0, v->file };
		if (v->is_fn) {
			k.params = v->at->u.fn.params;
			compile_expr(&k, v->expr);
		} else if (v->distribution) {	/* called by each `~` with its stream */
			compile_draw(&k, v->expr, STREAM_PARAM);
		} else if (v->uncertain) {
			it->stream_of[i] = interp_stream(it, v->label);
			compile_draw(&k, v->expr, it->stream_of[i]);
			it->uncertain = true;
		} else if (fold && v->constant && !swept[i]) {
			it->init[it->slot_of[i]] = v->value;
			continue;
		} else {
			compile_expr(&k, v->expr);
		}
		compile_finish(&k);
		it->varies[i] = !v->is_fn && !v->distribution;
	}
}

/* Which values change from draw to draw: those evaluated per draw, and the fns and
** named distributions that read one (they are evaluated where they are called). */
static void find_moving(struct interp *it)
{
	const struct model *m = it->m;
	it->moves = arena_alloc(&it->arena, m->norder + 1);
	for (unsigned i = 0; i < m->norder; i++) {
		const struct vnode *v = m->order[i];
		it->moves[i] = it->varies[i];
		for (unsigned d = 0; d < v->ndeps && (v->is_fn || v->distribution); d++)
			it->moves[i] |= it->moves[v->deps[d]->index];
	}
}

static const struct symbol *named(const struct interp *it, const struct vnode *v)
{
	return v && v->expr->kind == AST_NAME ? model_find(it->m, v->expr->u.name.text) : NULL;
}

static const struct vnode *attr_vnode(const struct symbol *s, const char *name)
{
	const struct attr_def *a = attr_find(s->role, name);
	return s->attrs[a - s->role->attrs];
}

static void build_sanctions(struct interp *it)
{
	for (const struct symbol *s = it->m->symbols; s; s = s->next_in_order)
		it->nsanctions += s->kind == SYM_SANCTION;
	it->sanctions = arena_alloc(&it->arena, (it->nsanctions + 1) * sizeof *it->sanctions);
	unsigned n = 0;
	for (const struct symbol *s = it->m->symbols; s; s = s->next_in_order) {
		if (s->kind != SYM_SANCTION)
			continue;
		struct isanction *x = &it->sanctions[n++];
		const struct vnode *cost = attr_vnode(s, "cost"), *benefit = attr_vnode(s, "benefit");
		x->sym = s;
		x->on = named(it, attr_vnode(s, "on"));
		x->sign = cost ? 1 : -1;
		struct compile_ctx k = { it, &x->when, NULL, 0, 0, s->file };
		compile_expr(&k, attr_vnode(s, "when")->expr);
		compile_finish(&k);
		const struct vnode *amount = cost ? cost : benefit;
		if (amount->uncertain) {
			/* `cost ~ dist`: drawn once per draw into its slot by draw_model (a
			** distribution is no expression compile_expr knows); read it there. */
			x->amount.code = xmalloc(sizeof *x->amount.code);
			x->amount.code[0] = (struct vm_ins){ .op = V_LOAD,
							     .a = it->slot_of[amount->index] };
			x->amount.len = x->amount.cap = 1;
			x->amount.maxstack = 1;
			vm_chunk_need(&x->amount, it->chunks);
			continue;
		}
		k = (struct compile_ctx){ it, &x->amount, NULL, 0, 0, s->file };
		compile_expr(&k, amount->expr);
		compile_finish(&k);
	}
}

/* What the conflicts look up, by actor or by value, gathered in one pass over the
** symbols, the sanctions and the values: a pass per conflict made 16,000 conflicts
** take 45 s. */
struct lookups {
	const struct symbol *intervener;	/* the first intervener declared */
	const struct symbol *tripwire;		/* the fn patrons act through, or NULL */
	const struct symbol **patron;		/* by symbol id: the first patron of it */
	unsigned *sanctions, *first;		/* by symbol id: the sanctions on it are
						** sanctions[first[id] .. first[id + 1]) */
	unsigned *dependents, *first_dependent;	/* by vnode: the values that refer to it,
						** dependents[first_dependent[i] ..] */
	unsigned *seen;				/* by vnode: the conflict that last saw it */
};

/* Counts per key into first[1..n], then makes them the starts of each key's run. */
static void starts(unsigned *first, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		first[i + 1] += first[i];
}

static void index_sanctions(const struct interp *it, struct lookups *x)
{
	unsigned n = it->m->nsymbols;
	x->first = xcalloc(n + 2, sizeof *x->first);
	x->sanctions = xmalloc((it->nsanctions + 1) * sizeof *x->sanctions);
	for (unsigned i = 0; i < it->nsanctions; i++)
		if (it->sanctions[i].on)
			x->first[it->sanctions[i].on->id + 1]++;
	starts(x->first, n);
	unsigned *fill = xmalloc((n + 1) * sizeof *fill);
	memcpy(fill, x->first, (n + 1) * sizeof *fill);
	for (unsigned i = 0; i < it->nsanctions; i++)	/* in order: each run ascends */
		if (it->sanctions[i].on)
			x->sanctions[fill[it->sanctions[i].on->id]++] = i;
	free(fill);
}

static void index_dependents(const struct interp *it, struct lookups *x)
{
	const struct model *m = it->m;
	x->first_dependent = xcalloc(m->norder + 2, sizeof *x->first_dependent);
	unsigned edges = 0;
	for (unsigned i = 0; i < m->norder; i++)
		for (unsigned d = 0; d < m->order[i]->ndeps; d++, edges++)
			x->first_dependent[m->order[i]->deps[d]->index + 1]++;
	starts(x->first_dependent, m->norder);
	x->dependents = xmalloc((edges + 1) * sizeof *x->dependents);
	unsigned *fill = xmalloc((m->norder + 1) * sizeof *fill);
	memcpy(fill, x->first_dependent, (m->norder + 1) * sizeof *fill);
	for (unsigned i = 0; i < m->norder; i++)
		for (unsigned d = 0; d < m->order[i]->ndeps; d++)
			x->dependents[fill[m->order[i]->deps[d]->index]++] = i;
	free(fill);
	x->seen = xmalloc((m->norder + 1) * sizeof *x->seen);
	memset(x->seen, 0xff, (m->norder + 1) * sizeof *x->seen);
}

static void lookups_init(const struct interp *it, struct lookups *x)
{
	memset(x, 0, sizeof *x);
	x->patron = xcalloc(it->m->nsymbols + 1, sizeof *x->patron);
	const struct symbol *tw = model_find(it->m, "tripwire");
	x->tripwire = tw && tw->kind == SYM_FN ? tw : NULL;
	for (const struct symbol *s = it->m->symbols; s; s = s->next_in_order) {
		if (s->kind != SYM_ACTOR)
			continue;
		if (s->role == &roles[ROLE_INTERVENER] && !x->intervener)
			x->intervener = s;
		const struct symbol *client = s->role == &roles[ROLE_PATRON]
					      ? named(it, attr_vnode(s, "client")) : NULL;
		if (client && !x->patron[client->id])
			x->patron[client->id] = s;
	}
	index_sanctions(it, x);
	index_dependents(it, x);
}

static void lookups_free(struct lookups *x)
{
	free(x->patron);
	free(x->first);
	free(x->sanctions);
	free(x->first_dependent);
	free(x->dependents);
	free(x->seen);
}

/* The sanctions on either side, in declaration order: the two runs merged. */
static void conflict_sanctions(struct interp *it, const struct lookups *x,
			       struct iconflict *ic, const struct symbol *st,
			       const struct symbol *rb)
{
	unsigned a = x->first[st->id], a_end = x->first[st->id + 1];
	unsigned b = x->first[rb->id], b_end = x->first[rb->id + 1];
	ic->sanctions = arena_alloc(&it->arena, (a_end - a + b_end - b + 1) *
				    sizeof *ic->sanctions);
	while (a < a_end || b < b_end)
		ic->sanctions[ic->nsanctions++] =
			b == b_end || (a < a_end && x->sanctions[a] < x->sanctions[b])
			? x->sanctions[a++] : x->sanctions[b++];
}

/* Patrons (core.md §5): the first patron whose client is a side of the conflict. Its
** troops scale its client's resolve by 1 − tripwire(troops); with no intervener, it
** is the conflict's intervener, on its client's side. */
static void build_patron(struct interp *it, const struct lookups *x, struct iconflict *ic)
{
	const struct symbol *ps = x->patron[ic->info->state->id];
	const struct symbol *pr = x->patron[ic->info->rebels->id];
	const struct symbol *s = !ps ? pr : !pr ? ps : ps->id < pr->id ? ps : pr;
	if (!s || !x->tripwire)
		return;
	int side = s == ps ? 0 : 1;
	struct compile_ctx k = { it, &ic->tripwire[side], NULL, 0, 0, NULL };
	emit_raw(&k, (struct vm_ins){ .op = V_CONST, .k = 1 }, 1);
	emit_raw(&k, (struct vm_ins){ .op = V_LOAD, .a = attr_slot(it, s, "troops") }, 1);
	emit_raw(&k, (struct vm_ins){ .op = V_CALL, .n = 1, .a = x->tripwire->value->index },
		 0);
	emit_raw(&k, (struct vm_ins){ .op = V_SUB }, -1);
	compile_finish(&k);
	ic->patron = s;
	if (ic->chance < 0) {
		ic->patron_intervenes = true;
		ic->chance = (int)attr_slot(it, s, "chance");
		ic->chance_if_atrocities = (int)attr_slot(it, s, "chance_if_atrocities");
		ic->win_if_in = (int)attr_slot(it, s, "rebels_win_if_in");
		/* what its intervention costs the side it fights (§5) */
		*(side == 0 ? &ic->cost_to_rebels : &ic->cost_to_state) =
			(int)attr_slot(it, s, "cost_to_other");
	}
}

static int ascending_index(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

/* The rebels' private value and every value that depends on it (a search over the
** dependents, in the order of the values). */
static void find_private(struct interp *it, struct lookups *x, struct iconflict *ic,
			 const struct symbol *rb)
{
	ic->private_vnode = -1;
	for (size_t i = 0; i < rb->role->nattrs; i++) {
		const struct vnode *v = rb->attrs[i];
		if (v && v->uncertain && v->at->u.attr.private_) {
			ic->private_vnode = (int)v->index;
			break;
		}
	}
	if (ic->private_vnode < 0)
		return;
	ic->private_stream = (int)it->stream_of[ic->private_vnode];
	const struct vnode *pv = it->m->order[ic->private_vnode];
	/* fixed: the same K types in every draw and every sweep row (a row may change
	** what the distribution reads, even an attribute the file leaves unset) */
	ic->private_fixed = !it->swept[ic->private_vnode];
	for (unsigned d = 0; d < pv->ndeps; d++)
		ic->private_fixed &= !it->moves[pv->deps[d]->index];
	unsigned me = (unsigned)(ic - it->conflicts), *todo = NULL, ntodo = 0, cap = 0;
	unsigned *found = NULL, nfound = 0, capfound = 0;
	x->seen[ic->private_vnode] = me;
	unsigned from = (unsigned)ic->private_vnode;
	for (;;) {
		for (unsigned e = x->first_dependent[from]; e < x->first_dependent[from + 1]; e++) {
			unsigned w = x->dependents[e];
			if (x->seen[w] == me)
				continue;
			x->seen[w] = me;
			if (ntodo == cap)
				todo = xrealloc(todo, (cap = cap ? 2 * cap : 16) * sizeof *todo);
			todo[ntodo++] = w;
			if (!it->varies[w])
				continue;
			if (nfound == capfound)
				found = xrealloc(found, (capfound = capfound ? 2 * capfound : 16) *
						 sizeof *found);
			found[nfound++] = w;
		}
		if (!ntodo)
			break;
		from = todo[--ntodo];
	}
	ic->downstream = arena_alloc(&it->arena, (nfound + 1) * sizeof *ic->downstream);
	if (nfound) {
		qsort(found, nfound, sizeof *found, ascending_index);
		memcpy(ic->downstream, found, nfound * sizeof *found);
	}
	ic->ndownstream = nfound;
	free(todo);
	free(found);
}

static void build_conflict(struct interp *it, struct lookups *x, struct iconflict *ic,
			   const struct conflict_info *k, unsigned base)
{
	const struct symbol *st = k->state, *rb = k->rebels, *sk = k->stake;
	const struct role_def *cr = &roles[BLOCK_CONFLICT];
	ic->info = k;
	ic->value = attr_slot(it, sk, "value");
	ic->divisible = attr_slot(it, sk, "divisible");
	ic->step = attr_slot(it, sk, "step");
	ic->win = base + (unsigned)(attr_find(cr, "win") - cr->attrs);
	ic->status_quo = base + (unsigned)(attr_find(cr, "status_quo") - cr->attrs);
	const struct symbol *g = named(it, k->attrs[attr_find(cr, "guarantor") - cr->attrs]);
	/* the intervener: the guarantor when it is one, else the first declared */
	const struct symbol *iv = g && g->role == &roles[ROLE_INTERVENER] ? g : x->intervener;
	ic->chance = iv ? (int)attr_slot(it, iv, "chance") : -1;
	ic->chance_if_atrocities = iv ? (int)attr_slot(it, iv, "chance_if_atrocities") : -1;
	ic->win_if_in = iv ? (int)attr_slot(it, iv, "rebels_win_if_in") : -1;
	ic->cost_to_state = iv ? (int)attr_slot(it, iv, "cost_to_state") : -1;
	ic->cost_to_rebels = -1;
	ic->will = g ? (int)attr_slot(it, g, "will") : -1;
	ic->s_cost = attr_slot(it, st, "cost");
	ic->s_resolve = attr_slot(it, st, "resolve");
	ic->s_belief = attr_slot(it, st, "belief");
	ic->s_expects = attr_slot(it, st, "expects_intervention");
	ic->challengers = attr_slot(it, st, "challengers");
	ic->reputation = attr_slot(it, st, "reputation");
	ic->capacity = attr_slot(it, st, "capacity");
	ic->r_cost = attr_slot(it, rb, "cost");
	ic->r_resolve = attr_slot(it, rb, "resolve");
	ic->r_belief = attr_slot(it, rb, "belief");
	ic->r_expects = attr_slot(it, rb, "expects_intervention");
	ic->leaders_share = attr_slot(it, rb, "leaders_share");
	ic->leaders_cost = attr_slot(it, rb, "leaders_cost");
	ic->provoked = attr_slot(it, rb, "provoked");
	const struct vnode *violence = attr_vnode(st, "violence");
	ic->violence = !violence ? -1
		     : strcmp(violence->expr->u.name.text, "indiscriminate") == 0;
	conflict_sanctions(it, x, ic, st, rb);
	build_patron(it, x, ic);
	find_private(it, x, ic, rb);
}

static void build_conflicts(struct interp *it, const unsigned *conflict_base)
{
	for (const struct conflict_info *k = it->m->conflicts; k; k = k->next)
		it->nconflicts++;
	it->conflicts = arena_alloc(&it->arena, (it->nconflicts + 1) * sizeof *it->conflicts);
	struct lookups x;
	lookups_init(it, &x);
	unsigned n = 0;
	for (const struct conflict_info *k = it->m->conflicts; k; k = k->next, n++)
		build_conflict(it, &x, &it->conflicts[n], k, conflict_base[n]);
	lookups_free(&x);
}

static double setting(const struct interp *it, const char *name)
{
	const struct role_def *r = &roles[BLOCK_SCENARIO];
	const struct attr_def *a = attr_find(r, name);
	const struct vnode *v = it->m->scenario_attrs ? it->m->scenario_attrs[a - r->attrs]
						      : NULL;
	return v ? v->value : a->dflt_value;
}

static void read_settings(struct interp *it)
{
	const struct role_def *r = &roles[BLOCK_SCENARIO];
	it->seed = it->m->seed;
	it->draws = (uint64_t)setting(it, "draws");
	it->threads = (unsigned)setting(it, "threads");
	it->title = it->m->scenario ? it->m->scenario->u.scenario.title : "";
	const struct vnode *unit = it->m->scenario_attrs
		? it->m->scenario_attrs[attr_find(r, "unit") - r->attrs] : NULL;
	it->unit = unit ? unit->expr->u.str.text : "";
}

/* Each mediation's index, which its events rejects(M), accepts(M) need when compiled. */
static void number_mediations(struct interp *it)
{
	it->mediation_of = arena_alloc(&it->arena, (it->m->nsymbols + 1) *
				       sizeof *it->mediation_of);
	for (const struct symbol *s = it->m->symbols; s; s = s->next_in_order)
		it->mediation_of[s->id] = s->kind == SYM_MEDIATION ? it->nmediations++ : UINT_MAX;
	it->nevents = NEV + 2 * it->nmediations;
}

/* Whether chunk c reads only slots that stay put (fixed) and no draw, through the fns
** it calls too; the events it reads are added to x, when not NULL (false when over
** MEMO_EVENTS). */
static bool reads_fixed(const struct interp *it, const struct vm_chunk *c, const bool *moving,
			struct isanction *x)
{
	for (unsigned pc = 0; pc < c->len; pc++) {
		const struct vm_ins *in = &c->code[pc];
		switch ((enum vm_op)in->op) {
		case V_LOAD:
			if (moving[in->a])
				return false;
			break;
		case V_DRAW: case V_DRAWS: return false;
		case V_CALL:
			if (!reads_fixed(it, &it->chunks[in->a], moving, x))
				return false;
			break;
		case V_EVENT: {
			if (!x)
				break;
			unsigned k = 0;
			while (k < x->nev && x->ev[k] != in->a)
				k++;
			if (k == MEMO_EVENTS)
				return false;
			if (k == x->nev)
				x->ev[x->nev++] = in->a;
			break;
		}
		default: break;
		}
	}
	return true;
}

/* Which rules draw.c remembers (struct isanction.memo): not with an override to come
** (unfolded) nor in the reference evaluator. A slot moves when a value in it is
** evaluated per draw or a report group (a sweep row, a map's cell) sets it. */
static void plan_memos(struct interp *it)
{
	if (it->unfolded || it->reference)
		return;
	bool *moving = xcalloc(it->nslots + 1, 1);
	for (unsigned i = 0; i < it->m->norder; i++)
		if (it->varies[i])
			moving[it->slot_of[i]] = true;
	for (unsigned g = 0; g < it->ngroups; g++) {
		if (it->groups[g].slot >= 0)
			moving[it->groups[g].slot] = true;
		if (it->groups[g].second.slot >= 0)	/* a map's second axis */
			moving[it->groups[g].second.slot] = true;
	}
	/* A value outside the sanctions sees every event false (draw.c: draw_model), in
	** every draw. */
	it->fixed = arena_alloc(&it->arena, it->m->norder + 1);
	for (unsigned i = 0; i < it->m->norder; i++)
		it->fixed[i] = it->varies[i] && !it->m->order[i]->uncertain &&
			       reads_fixed(it, &it->chunks[i], moving, NULL);
	for (unsigned i = 0; i < it->nsanctions; i++) {
		struct isanction *x = &it->sanctions[i];
		x->nev = 0;
		x->when_fixed = reads_fixed(it, &x->when, moving, NULL);
		x->memo = reads_fixed(it, &x->when, moving, x) &&
			  reads_fixed(it, &x->amount, moving, x);
		if (x->memo) {
			x->memo_base = it->nmemo;
			it->nmemo += 1u << x->nev;
		}
	}
	free(moving);
}

static struct interp *build(const struct program *p, bool unfolded)
{
	if (!p->model)
		return NULL;
	vm_init();
	struct interp *it = xcalloc(1, sizeof *it);
	it->unfolded = unfolded;
	it->reference = getenv("SCEN_REFERENCE") != NULL;
	it->check_blocks = getenv("SCEN_CHECK_BLOCKS") != NULL;
	arena_init(&it->arena);
	it->prog = p;
	it->m = p->model;
	unsigned *conflict_base;
	lay_out(it, &conflict_base);
	fill_defaults(it, conflict_base);
	number_mediations(it);
	compile_values(it);
	find_moving(it);
	build_sanctions(it);
	build_conflicts(it, conflict_base);
	strategic_build(it);
	read_settings(it);
	interp_build_reports(it);
	plan_memos(it);
	return it;
}

struct interp *interp_new(const struct program *p)
{
	return build(p, false);
}

struct interp *interp_new_unfolded(const struct program *p)
{
	return build(p, true);
}

void interp_free(struct interp *it)
{
	if (!it)
		return;
	for (unsigned i = 0; i < it->m->norder; i++)
		free(it->chunks[i].code);
	for (unsigned i = 0; i < it->nconflicts; i++) {
		free(it->conflicts[i].tripwire[0].code);
		free(it->conflicts[i].tripwire[1].code);
	}
	for (unsigned i = 0; i < it->nsanctions; i++) {
		free(it->sanctions[i].when.code);
		free(it->sanctions[i].amount.code);
	}
	free(it->chunks);
	free(it->streams);
	free(it->sites);
	arena_free(&it->arena);
	free(it);
}
