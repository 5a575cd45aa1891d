/*
** resolve.c: pass 2. Each attribute's value is checked against its table entry (a
** number, a distribution behind `~`, an actor of the right role, ...), each let and fn
** body is typed, and the required attributes are there.
*/
#include <assert.h>
#include <string.h>

#include "check/check_int.h"

/* list with the roles that follow the model of one of its roles: "state|rebels" gives
** "state|rebels|defender|challenger" (an actor list, where those are accepted too). */
static const char *with_aliases(struct checker *c, const char *list)
{
	const char *out = list;
	for (size_t i = 0; i < NROLES; i++)
		if (roles[i].model && word_in_list(list, roles[i].model->name))
			out = arena_printf(c->arena, "%s|%s", out, roles[i].name);
	return out;
}

/* "a state or rebels" from "state|rebels" (with articles when articles) */
const char *roles_text(struct checker *c, const char *list, bool articles)
{
	char *s = arena_strdup(c->arena, list);
	const char *out = "";
	for (char *w = strtok(s, "|"); w; w = strtok(NULL, "|")) {
		const char *a = !articles || strcmp(w, "rebels") == 0 ? "" : article(w);
		out = arena_printf(c->arena, "%s%s%s%s%s", out, *out ? " or " : "", a,
				   *a ? " " : "", w);
	}
	return out;
}

static const char *quoted(struct checker *c, const char *name)
{
	return arena_printf(c->arena, "`%s`", name);
}

/* An actor's name where an attribute needs one; returns the actor or NULL. */
static struct symbol *resolve_actor(struct checker *c, const struct srcfile *f,
				    const struct ast_node *e, const char *attr,
				    const char *allowed)
{
	if (e->kind != AST_NAME) {
		diag_error(c->sink, f, e->span, "%s needs the name of an actor", attr);
		return NULL;
	}
	const char *name = e->u.name.text;
	struct symbol *s = sym_find(c, name);
	if (!s || s->kind != SYM_ACTOR) {
		if (s)
			diag_error(c->sink, f, e->span, "`%s` is a %s, not an actor", name,
				   sym_kind_name(s->kind));
		else
			suggest_later(c, diag_error(c->sink, f, e->span, "unknown actor `%s`",
						    name), name, 1u << SYM_ACTOR, NULL, NULL);
		return NULL;
	}
	if (s->role && !role_in_list(allowed, s->role)) {
		diag_error(c->sink, f, e->span, "`%s` is %s, but %s must be %s", name,
			   roles_text(c, s->role->name, true), attr,
			   roles_text(c, with_aliases(c, allowed), true));
		return NULL;
	}
	return s;
}

static void resolve_stake(struct checker *c, const struct srcfile *f,
			  const struct ast_node *e, const char *attr)
{
	const char *name = e->kind == AST_NAME ? e->u.name.text : NULL;
	struct symbol *s = name ? sym_find(c, name) : NULL;
	if (s && s->kind == SYM_STAKE)
		return;
	if (!name)
		diag_error(c->sink, f, e->span, "`%s` needs the name of a stake", attr);
	else if (s)
		diag_error(c->sink, f, e->span, "`%s` is a %s, not a stake", name,
			   sym_kind_name(s->kind));
	else
		suggest_later(c, diag_error(c->sink, f, e->span, "unknown stake `%s`", name),
			      name, 1u << SYM_STAKE, NULL, NULL);
}

static void resolve_choice(struct checker *c, const struct srcfile *f,
			   const struct ast_node *e, const struct attr_def *def)
{
	const char *name = e->kind == AST_NAME ? e->u.name.text : NULL;
	if (name && word_in_list(def->choices, name))
		return;
	diag_error(c->sink, f, e->span, "`%s` is one of %s%s", def->name,
		   roles_text(c, def->choices, false),
		   did_you_mean(c, name ? suggest_in_list(c, def->choices, name) : NULL));
}

/* A number (`=`) or a distribution (`~`), and say which was meant when they are mixed. */
static void resolve_number(struct expr_ctx *x, const struct vnode *v)
{
	const struct ast_node *e = v->expr;
	const char *name = v->def->name, *text = src_text(x->c, x->file, e);
	enum type t = expr_check(x, e);
	if (v->def->flags & AF_SETTING && t == T_DIST)
		diag_error(x->c->sink, x->file, e->span, "`%s` must be a constant number", name);
	else if (v->uncertain && t == T_NUM)
		diag_error(x->c->sink, x->file, e->span, "`~` needs a distribution, but `%s` is "
			   "a number; did you mean `%s = %s`?", text, name, text);
	else if (!v->uncertain && t == T_DIST)
		diag_error(x->c->sink, x->file, e->span, "`%s` is a distribution, drawn only with "
			   "`~`; did you mean `%s ~ %s`?", text, name, text);
	else
		expr_expect(x, e, t, v->uncertain ? T_DIST : T_NUM);
}

static void resolve_attr(struct checker *c, const struct srcfile *f, struct vnode *v,
			 bool in_sanction)
{
	const struct attr_def *def = v->def;
	/* events may appear anywhere in a sanction (`cost = if atrocities then ...`) */
	struct expr_ctx x = { c, f, v, NULL, in_sanction, in_sanction };
	const struct ast_node *e = v->expr;
	switch (def->type) {
	case AT_NUMBER: resolve_number(&x, v); break;
	case AT_BOOL: expr_expect(&x, e, expr_check(&x, e), T_BOOL); break;
	case AT_STRING:
		if (e->kind != AST_STR)
			diag_error(c->sink, f, e->span, "`%s` needs a string", def->name);
		break;
	case AT_CHOICE: resolve_choice(c, f, e, def); break;
	case AT_ACTOR: resolve_actor(c, f, e, quoted(c, def->name), def->choices); break;
	case AT_ACTORS:
		if (e->kind != AST_LIST) {
			diag_error(c->sink, f, e->span, "`%s` needs a list of actors, like "
				   "`[a, b]`", def->name);
			break;
		}
		for (const struct ast_node *a = e->u.list.items; a; a = a->next)
			resolve_actor(c, f, a, quoted(c, def->name), def->choices);
		break;
	case AT_STAKE: resolve_stake(c, f, e, def->name); break;
	case AT_CONDITION:
		expr_expect(&x, e, expr_check(&x, e), T_BOOL);
		break;
	}
}

/* Types every set attribute and reports the required ones missing at `at`. */
static void resolve_attrs(struct checker *c, const struct srcfile *f,
			  const struct role_def *r, struct vnode **slots, struct span at,
			  const char *what)
{
	bool sanction = r == &roles[BLOCK_SANCTION];
	for (size_t i = 0; i < r->nattrs; i++) {
		const struct attr_def *def = &r->attrs[i];
		if (slots[i] && slots[i]->uncertain &&
		    (def->type != AT_NUMBER || def->flags & AF_SETTING)) {
			/* a `~` that cannot be (reported when declared): resolve its names
			** only, since its type would only repeat that error */
			struct expr_ctx x = { c, f, slots[i], NULL, sanction, sanction };
			expr_check(&x, slots[i]->expr);
		} else if (slots[i])
			resolve_attr(c, f, slots[i], sanction);
		else if (r->attrs[i].flags & AF_REQUIRED)
			diag_error(c->sink, f, at, "%s has no `%s` (%s)", what, r->attrs[i].name,
				   r->attrs[i].meaning);
	}
	if (sanction) {
		struct vnode *cost = slots[attr_find(r, "cost") - r->attrs];
		struct vnode *benefit = slots[attr_find(r, "benefit") - r->attrs];
		if (cost && benefit)
			diag_error(c->sink, f, benefit->where,
				   "a sanction has a `cost` or a `benefit`, not both");
		else if (!cost && !benefit)
			diag_error(c->sink, f, at, "%s has neither `cost` nor `benefit`", what);
	}
}

static void resolve_value(struct checker *c, const struct srcfile *f, struct symbol *s)
{
	const struct ast_node *item = s->item;
	struct vnode *v = s->value;
	struct expr_ctx x = { c, f, v, NULL, false, false };
	if (v->is_fn) {
		x.params = item->u.fn.params;
		for (const struct ast_node *p = x.params; p; p = p->next)
			for (const struct ast_node *q = x.params; q != p; q = q->next)
				if (strcmp(p->u.name.text, q->u.name.text) == 0)
					diag_error(c->sink, f, p->span, "parameter `%s` is "
						   "named twice", p->u.name.text);
	}
	enum type t = expr_check(&x, v->expr);
	const char *text = src_text(c, f, v->expr);
	v->distribution = !v->is_fn && !v->uncertain && t == T_DIST;
	if (v->uncertain && t != T_DIST && t != T_ERROR)
		diag_error(c->sink, f, v->expr->span, "`~` needs a distribution, but `%s` is %s;"
			   " did you mean `let %s = %s`?", text, type_name(t), s->name, text);
	else if (t == T_STR || t == T_LIST || t == T_ACTOR || (v->is_fn && t == T_DIST))
		diag_error(c->sink, f, v->expr->span, "%s gives a number%s, but `%s` is %s",
			   v->is_fn ? "a fn" : "a let", v->is_fn ? " or a boolean"
			   : ", a boolean or a distribution", text, type_name(t));
}

static void resolve_conflict(struct checker *c, struct conflict_info *k)
{
	const struct ast_node *it = k->item;
	const struct srcfile *f = k->file;
	struct ast_node side = { .kind = AST_NAME };
	side.u.name = it->u.conflict.state;
	side.span = side.u.name.span;
	k->state = resolve_actor(c, f, &side, "the first side of a conflict", "state");
	side.u.name = it->u.conflict.rebels;
	side.span = side.u.name.span;
	k->rebels = resolve_actor(c, f, &side, "the second side of a conflict", "rebels");
	side.u.name = it->u.conflict.stake;
	side.span = side.u.name.span;
	resolve_stake(c, f, &side, "`over`");
	struct symbol *stake = sym_find(c, it->u.conflict.stake.text);
	k->stake = stake && stake->kind == SYM_STAKE ? stake : NULL;
	if (k->state && k->rebels && k->state->role && k->rebels->role &&
	    k->state->role->vocab != k->rebels->role->vocab) {
		diag_error(c->sink, f, it->u.conflict.rebels.span, "`%s` is %s, but `%s` is %s: "
			   "a conflict is a state against rebels or a defender against a "
			   "challenger", k->rebels->name, roles_text(c, k->rebels->role->name, true),
			   k->state->name, roles_text(c, k->state->role->name, true));
		k->rebels = NULL;
	}
	k->words = &vocabs[k->state && k->state->role ? k->state->role->vocab : VOCAB_CIVIL];
	if (k->state && k->rebels) {
		if (!k->rebels->first_as_rebels)
			k->rebels->first_as_rebels = k;
		k->next_of_state = k->state->as_state;	/* newest first (check/warn.c) */
		k->state->as_state = k;
		k->rebels->as_rebels++;
	}
	resolve_attrs(c, f, &roles[BLOCK_CONFLICT], k->attrs, it->span,
		      arena_printf(c->arena, "conflict `%s vs %s`", it->u.conflict.state.text,
				   it->u.conflict.rebels.text));
}

void items_resolve(struct checker *c, struct loaded_file *lf)
{
	const struct srcfile *f = &lf->ast.src;
	for (const struct ast_node *it = lf->ast.items; it; it = it->next) {
		struct ast_ident id = { .text = NULL };
		switch (it->kind) {
		case AST_LET: id = it->u.let.name; break;
		case AST_FN: id = it->u.fn.name; break;
		case AST_STAKE: case AST_SANCTION: case AST_MEDIATION: id = it->u.block.name; break;
		case AST_ACTOR: id = it->u.actor.name; break;
		case AST_SCENARIO:
			if (c->scenario == it)
				resolve_attrs(c, f, &roles[BLOCK_SCENARIO], c->scenario_attrs,
					      it->span, "the scenario");
			continue;
		case AST_ATTR: case AST_IMPORT: case AST_CONFLICT: case AST_REPORT: case AST_SWEEP:
		AST_CASES(AST_EXPR_KINDS) continue;
		}
		assert(id.text);	/* every named item kind set it */
		struct symbol *s = sym_find(c, id.text);
		if (!s || s->item != it)
			continue;	/* a duplicate (reported) or shadowed by the main file */
		if (s->value)
			resolve_value(c, f, s);
		else if (s->role)
			resolve_attrs(c, f, s->role, s->attrs, id.span,
				      arena_printf(c->arena, "%s `%s`", s->role->is_role ?
						   s->role->name : sym_kind_name(s->kind), s->name));
	}
	for (struct conflict_info *k = c->conflicts; k; k = k->next)
		if (k->file == f)
			resolve_conflict(c, k);
}
