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

static bool has_sweeps(const struct model *m)
{
	for (const struct ast_node *it = m->main->ast.items; it; it = it->next)
		if (it->kind == AST_SWEEP)
			return true;
	return false;
}

static bool is_value(const struct vnode *v)
{
	return !v->def || v->def->type == AT_NUMBER || v->def->type == AT_BOOL;
}

/* Compiles every value that varies; stores the others in init. With a sweep, nothing
** is folded: the swept value may feed anything. */
static void compile_values(struct interp *it)
{
	const struct model *m = it->m;
	bool fold = !has_sweeps(m);
	it->chunks = xcalloc(m->norder + 1, sizeof *it->chunks);
	it->varies = arena_alloc(&it->arena, m->norder + 1);
	for (unsigned i = 0; i < m->norder; i++) {
		const struct vnode *v = m->order[i];
		if (!v->expr || !is_value(v) || (v->def && v->def->flags & AF_SETTING))
			continue;
		struct compile_ctx k = { it, &it->chunks[i], NULL, 0, 0, v->file };
		if (v->is_fn) {
			k.params = v->at->u.fn.params;
			compile_expr(&k, v->expr);
		} else if (v->uncertain) {
			compile_draw(&k, v->expr, interp_stream(it, v->label));
			it->uncertain = true;
		} else if (fold && v->constant) {
			it->init[it->slot_of[i]] = v->value;
			continue;
		} else {
			compile_expr(&k, v->expr);
		}
		compile_finish(&k);
		it->varies[i] = !v->is_fn;
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
			continue;
		}
		k = (struct compile_ctx){ it, &x->amount, NULL, 0, 0, s->file };
		compile_expr(&k, amount->expr);
		compile_finish(&k);
	}
}

/* The intervener of a conflict: its guarantor when that is an intervener, else the
** first intervener declared. */
static const struct symbol *intervener_of(const struct interp *it,
					  const struct symbol *guarantor)
{
	if (guarantor && guarantor->role == &roles[ROLE_INTERVENER])
		return guarantor;
	for (const struct symbol *s = it->m->symbols; s; s = s->next_in_order)
		if (s->kind == SYM_ACTOR && s->role == &roles[ROLE_INTERVENER])
			return s;
	return NULL;
}

/* Patrons (core.md §5): the first patron whose client is a side of the conflict. Its
** troops scale its client's resolve by 1 − tripwire(troops); with no intervener, it
** is the conflict's intervener, on its client's side. */
static void build_patron(struct interp *it, struct iconflict *ic)
{
	const struct symbol *tw = model_find(it->m, "tripwire");
	for (const struct symbol *s = it->m->symbols; s; s = s->next_in_order) {
		if (s->kind != SYM_ACTOR || s->role != &roles[ROLE_PATRON])
			continue;
		const struct symbol *client = named(it, attr_vnode(s, "client"));
		int side = client == ic->info->state ? 0 : client == ic->info->rebels ? 1 : -1;
		if (side < 0 || !tw || tw->kind != SYM_FN)
			continue;
		struct compile_ctx k = { it, &ic->tripwire[side], NULL, 0, 0, NULL };
		emit_raw(&k, (struct vm_ins){ .op = V_CONST, .k = 1 }, 1);
		emit_raw(&k, (struct vm_ins){ .op = V_LOAD, .a = attr_slot(it, s, "troops") }, 1);
		emit_raw(&k, (struct vm_ins){ .op = V_CALL, .n = 1, .a = tw->value->index }, 0);
		emit_raw(&k, (struct vm_ins){ .op = V_SUB }, -1);
		compile_finish(&k);
		ic->patron = s;
		if (ic->chance < 0) {
			ic->patron_intervenes = true;
			ic->chance = (int)attr_slot(it, s, "chance");
			ic->chance_if_atrocities = (int)attr_slot(it, s, "chance_if_atrocities");
			ic->win_if_in = (int)attr_slot(it, s, "rebels_win_if_in");
		}
		return;
	}
}

/* The rebels' private value and every value that depends on it. */
static void find_private(struct interp *it, struct iconflict *ic, const struct symbol *rb)
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
	for (unsigned s = 0; s < it->nstreams; s++)
		if (strcmp(it->streams[s], it->m->order[ic->private_vnode]->label) == 0)
			ic->private_stream = (int)s;
	const struct vnode *pv = it->m->order[ic->private_vnode];
	ic->private_fixed = true;
	for (unsigned d = 0; d < pv->ndeps; d++)
		ic->private_fixed &= !it->varies[pv->deps[d]->index];
	bool *hit = xcalloc(it->m->norder + 1, 1);
	hit[ic->private_vnode] = true;
	ic->downstream = arena_alloc(&it->arena, (it->m->norder + 1) * sizeof *ic->downstream);
	for (unsigned i = (unsigned)ic->private_vnode + 1; i < it->m->norder; i++) {
		const struct vnode *v = it->m->order[i];
		for (unsigned d = 0; d < v->ndeps && !hit[i]; d++)
			hit[i] = hit[v->deps[d]->index];
		if (hit[i] && it->varies[i])
			ic->downstream[ic->ndownstream++] = i;
	}
	free(hit);
}

static void build_conflict(struct interp *it, struct iconflict *ic,
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
	const struct symbol *iv = intervener_of(it, g);
	ic->chance = iv ? (int)attr_slot(it, iv, "chance") : -1;
	ic->chance_if_atrocities = iv ? (int)attr_slot(it, iv, "chance_if_atrocities") : -1;
	ic->win_if_in = iv ? (int)attr_slot(it, iv, "rebels_win_if_in") : -1;
	ic->cost_to_state = iv ? (int)attr_slot(it, iv, "cost_to_state") : -1;
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
	ic->sanctions = arena_alloc(&it->arena, (it->nsanctions + 1) * sizeof *ic->sanctions);
	for (unsigned i = 0; i < it->nsanctions; i++)
		if (it->sanctions[i].on == st || it->sanctions[i].on == rb)
			ic->sanctions[ic->nsanctions++] = i;
	build_patron(it, ic);
	find_private(it, ic, rb);
}

static void build_conflicts(struct interp *it, const unsigned *conflict_base)
{
	for (const struct conflict_info *k = it->m->conflicts; k; k = k->next)
		it->nconflicts++;
	it->conflicts = arena_alloc(&it->arena, (it->nconflicts + 1) * sizeof *it->conflicts);
	unsigned n = 0;
	for (const struct conflict_info *k = it->m->conflicts; k; k = k->next, n++)
		build_conflict(it, &it->conflicts[n], k, conflict_base[n]);
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

struct interp *interp_new(const struct program *p, struct diag_sink *sink)
{
	(void)sink;
	if (!p->model)
		return NULL;
	struct interp *it = xcalloc(1, sizeof *it);
	arena_init(&it->arena);
	it->prog = p;
	it->m = p->model;
	unsigned *conflict_base;
	lay_out(it, &conflict_base);
	fill_defaults(it, conflict_base);
	number_mediations(it);
	compile_values(it);
	build_sanctions(it);
	build_conflicts(it, conflict_base);
	strategic_build(it);
	read_settings(it);
	interp_build_reports(it);
	return it;
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
