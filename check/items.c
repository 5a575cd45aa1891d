/*
** items.c: declaring items (pass 1) and resolving their attributes (pass 2).
**
** Names: lets, fns, stakes, actors, sanctions and mediations share one namespace.
** A name defined twice in one file is an error; a name defined in the main file
** shadows one from an imported module (so a file can redefine a stdlib default, e.g.
** the heights of `tripwire`'s steps); two imported modules may not define the same name.
*/
#include <string.h>

#include "check/check_int.h"

/* ---- pass 1: declare ---- */

static bool reserved(struct checker *c, const struct srcfile *f, struct ast_ident id)
{
	const char *what = builtin_find(id.text) ? "a builtin function"
			 : word_in_list(events, id.text) ? "an event" : NULL;
	if (what)
		diag_error(c->sink, f, id.span, "`%s` is %s; choose another name", id.text,
			   what);
	return what != NULL;
}

static struct symbol *declare(struct checker *c, struct loaded_file *lf, bool is_main,
			      enum sym_kind kind, const struct ast_node *item,
			      struct ast_ident id)
{
	const struct srcfile *f = &lf->ast.src;
	if (reserved(c, f, id))
		return NULL;
	struct symbol *old = sym_find(c, id.text);
	struct symbol *s = ARENA_NEW(c->arena, struct symbol);
	*s = (struct symbol){ .kind = kind, .name = id.text, .where = id.span, .item = item,
			      .file = f, .from_main = is_main };
	if (old && old->file != f && old->from_main != is_main) {
		if (!is_main)
			return NULL;	/* the main file's definition shadows this one */
	} else if (old) {
		struct diag *d = diag_error(c->sink, f, id.span, "`%s` is already defined",
					    id.text);
		diag_note(c->sink, d, old->file, old->where, "first defined here, as %s %s",
			  article(sym_kind_name(old->kind)), sym_kind_name(old->kind));
		return NULL;
	}
	s->id = c->nsymbols++;
	sym_put(c, s);
	if (c->last)
		c->last->next_in_order = s;
	else
		c->first = s;
	c->last = s;
	return s;
}

/* Where a value enters the bargaining range, from its table entry's flags. */
static const char *enters_text(const struct attr_def *def)
{
	unsigned x = def->flags & (AF_XMIN | AF_XMAX | AF_XSIDE);
	return x == (AF_XMIN | AF_XMAX) ? "it enters both x_min and x_max"
	     : x == AF_XMAX ? "it enters x_max" : x == AF_XMIN ? "it enters x_min"
	     : x == AF_XSIDE ? "it enters the side it acts on" : "it enters neither";
}

/* Why `private` cannot stand on v, or NULL when it can (core.md §2): it marks the
** rebels' private information (the state proposes without knowing it), so it is
** allowed on a rebels actor's value that enters x_min and not x_max, one per actor. */
static const char *private_problem(struct checker *c, const struct role_def *role,
				   const char *owner, struct vnode *const *slots,
				   const struct vnode *v, const struct vnode *first)
{
	static const char rule[] = "`private` is for the rebels' own values, which enter "
				   "x_min and not x_max";
	const struct attr_def *def = v->def;
	const char *name = role == &roles[BLOCK_CONFLICT]
		? arena_printf(c->arena, "`%s`", def->name)
		: arena_printf(c->arena, "`%s.%s`", owner, def->name);
	if (!role_is(role, ROLE_REBELS))
		return arena_printf(c->arena, "%s: %s is %s %s's, and %s", rule, name,
				    article(role->name), role->name, enters_text(def));
	if ((def->flags & (AF_XMIN | AF_XMAX)) != AF_XMIN)
		return arena_printf(c->arena, "%s: %s %s", rule, name, enters_text(def));
	if (strcmp(def->name, "expects_intervention") == 0 &&
	    slots[attr_find(role, "belief") - role->attrs])
		return arena_printf(c->arena, "%s: %s enters neither, since `belief` is set "
				    "and wins", rule, name);
	if (first)
		return arena_printf(c->arena, "`%s` has a private value already, `%s`: "
				    "screening knows one private value of the rebels", owner,
				    first->def->name);
	return NULL;
}

static void check_private(struct checker *c, const struct srcfile *f,
			  const struct role_def *role, const char *owner,
			  struct vnode *const *slots)
{
	const struct vnode *first = NULL;
	for (size_t i = 0; i < role->nattrs; i++) {
		const struct vnode *v = slots[i];
		if (!v || !v->at->u.attr.private_ || v->def->type != AT_NUMBER ||
		    v->def->flags & AF_SETTING)
			continue;	/* (a `~` that cannot be is reported as such) */
		const char *why = private_problem(c, role, owner, slots, v, first);
		if (why)
			diag_error(c->sink, f, v->where, "%s", why);
		else
			first = v;
	}
}

/* One vnode per set attribute of a block, in *slots (indexed like role->attrs). */
static struct vnode **declare_attrs(struct checker *c, const struct srcfile *f,
				    const struct role_def *role, const char *owner,
				    const struct ast_node *attrs)
{
	struct vnode **slots = arena_alloc(c->arena, (role->nattrs + 1) * sizeof *slots);
	for (const struct ast_node *a = attrs; a; a = a->next) {
		const char *name = a->u.attr.name.text;
		const struct attr_def *def = attr_find(role, name);
		if (!def) {
			const char *near = suggest_attr(role, name);
			diag_error(c->sink, f, a->u.attr.name.span, role->nattrs
				   ? "unknown attribute `%s` for %s %s%s%s"
				   : "`%s`: %s %s%s has no attributes%s", name,
				   article(role->name), role->name, role->is_role ? " actor" : "",
				   did_you_mean(c, near));
			continue;
		}
		struct vnode **slot = &slots[def - role->attrs];
		if (*slot) {
			struct diag *d = diag_error(c->sink, f, a->u.attr.name.span,
						    "`%s` is set twice", name);
			diag_note(c->sink, d, f, (*slot)->where, "first set here");
			continue;
		}
		if (a->u.attr.uncertain && (def->type != AT_NUMBER || def->flags & AF_SETTING))
			diag_error(c->sink, f, a->u.attr.name.span,
				   "`%s` cannot be uncertain (`~`): %s", name,
				   def->flags & AF_SETTING ? "it is a setting, fixed for the run"
							   : "it is not a number");
		*slot = vnode_new(c, arena_printf(c->arena, "%s.%s", owner, name),
				  a->u.attr.value, a, f);
		(*slot)->where = a->u.attr.name.span;
		(*slot)->def = def;
		(*slot)->uncertain = a->u.attr.uncertain;
	}
	check_private(c, f, role, owner, slots);
	return slots;
}

static void declare_block(struct checker *c, struct loaded_file *lf, bool is_main,
			  const struct ast_node *item, enum sym_kind kind, int role)
{
	struct symbol *s = declare(c, lf, is_main, kind, item, item->u.block.name);
	if (!s)
		return;
	s->role = &roles[role];
	s->attrs = declare_attrs(c, &lf->ast.src, s->role, s->name, item->u.block.attrs);
}

static void declare_actor(struct checker *c, struct loaded_file *lf, bool is_main,
			  const struct ast_node *item)
{
	const struct srcfile *f = &lf->ast.src;
	struct ast_ident role = item->u.actor.role;
	const struct role_def *r = role_find(role.text, true);
	if (!r) {
		char list[128] = "";
		for (int i = 0; i < NROLES && roles[i].is_role; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
				 i ? "|" : "", roles[i].name);
		diag_error(c->sink, f, role.span, "unknown role `%s`%s", role.text,
			   did_you_mean(c, suggest_in_list(c, list, role.text)));
	}
	struct symbol *s = declare(c, lf, is_main, SYM_ACTOR, item, item->u.actor.name);
	if (s && r) {
		s->role = r;
		s->attrs = declare_attrs(c, f, r, s->name, item->u.actor.attrs);
	}
}

static void declare_conflict(struct checker *c, struct loaded_file *lf,
			     const struct ast_node *item)
{
	struct conflict_info *k = ARENA_NEW(c->arena, struct conflict_info);
	k->item = item;
	k->file = &lf->ast.src;
	const char *label = arena_printf(c->arena, "%s vs %s", item->u.conflict.state.text,
					 item->u.conflict.rebels.text);
	k->attrs = declare_attrs(c, k->file, &roles[BLOCK_CONFLICT], label,
				 item->u.conflict.attrs);
	if (c->last_conflict)
		c->last_conflict->next = k;
	else
		c->conflicts = k;
	c->last_conflict = k;
}

static void declare_scenario(struct checker *c, struct loaded_file *lf,
			     const struct ast_node *item)
{
	const struct srcfile *f = &lf->ast.src;
	if (c->scenario) {
		struct diag *d = diag_error(c->sink, f, item->span,
					    "a second `scenario`: a program has at most one");
		diag_note(c->sink, d, c->scenario_file, c->scenario->span, "the first is here");
		return;
	}
	c->scenario = item;
	c->scenario_file = f;
	c->scenario_attrs = declare_attrs(c, f, &roles[BLOCK_SCENARIO], "scenario",
					  item->u.scenario.attrs);
}

static void declare_value(struct checker *c, struct loaded_file *lf, bool is_main,
			  const struct ast_node *item)
{
	bool fn = item->kind == AST_FN;
	struct ast_ident id = fn ? item->u.fn.name : item->u.let.name;
	struct symbol *s = declare(c, lf, is_main, fn ? SYM_FN : SYM_LET, item, id);
	if (!s)
		return;
	struct vnode *v = vnode_new(c, id.text, fn ? item->u.fn.body : item->u.let.value, item,
				    &lf->ast.src);
	v->where = id.span;
	v->is_fn = fn;
	v->uncertain = !fn && item->u.let.uncertain;
	s->value = v;
}

void items_declare(struct checker *c, struct loaded_file *lf, bool is_main)
{
	for (const struct ast_node *it = lf->ast.items; it; it = it->next) {
		switch (it->kind) {
		case AST_SCENARIO: declare_scenario(c, lf, it); break;
		case AST_LET:
		case AST_FN: declare_value(c, lf, is_main, it); break;
		case AST_STAKE: declare_block(c, lf, is_main, it, SYM_STAKE, BLOCK_STAKE); break;
		case AST_SANCTION:
			declare_block(c, lf, is_main, it, SYM_SANCTION, BLOCK_SANCTION);
			break;
		case AST_MEDIATION:
			declare_block(c, lf, is_main, it, SYM_MEDIATION, BLOCK_MEDIATION);
			break;
		case AST_ACTOR: declare_actor(c, lf, is_main, it); break;
		case AST_CONFLICT: declare_conflict(c, lf, it); break;
		case AST_ATTR: case AST_IMPORT: case AST_REPORT: case AST_SWEEP:
		AST_CASES(AST_EXPR_KINDS) break;
		}
	}
}
