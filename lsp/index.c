/*
** index.c: every name in every file of a program, each an occurrence (struct occ):
** where it is, what it names, and whether it is that thing's definition.
**
** Built from the ASTs alone, so that a file with errors still has its names: every
** item that parsed is indexed. Names resolve as the checker resolves them
** (check/items.c): lets, fns, stakes, actors, sanctions and mediations share one
** namespace, in which a name defined in the main file shadows a module's; inside a fn,
** its parameters come first. `owner.attr` names the attribute of owner's block. A bare
** name that names nothing is a word (an event, or a choice such as `consensus`).
**
** Resolution goes through one hash table keyed by (scope, name): symbols under the
** scope NULL, a fn's parameters under the fn, a block's attributes under the block.
*/
#include <stdlib.h>
#include <string.h>

#include "check/attrs.h"
#include "check/builtins.h"
#include "lsp/lsp_int.h"
#include "util/xalloc.h"

#define NO_OCC ((size_t)-1)

struct walk {
	struct index *x;
	const struct loaded_file *file;
	const struct ast_node *scope;	/* the item being walked */
	const struct ast_node *params;	/* inside a fn: its parameters */
};

static size_t add(struct walk *w, enum occ_what what, struct ast_ident id,
		  const struct ast_node *node, const char *owner, bool def)
{
	struct index *x = w->x;
	if (!id.text || !*id.text)
		return NO_OCC;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 256;
		x->v = xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n] = (struct occ){ .span = id.span, .file = w->file, .scope = w->scope,
				   .node = node, .name = id.text, .owner = owner, .what = what,
				   .def = def, .to = NO_OCC };
	return x->n++;
}

static bool is_param(const struct walk *w, const char *name)
{
	for (const struct ast_node *p = w->params; p; p = p->next)
		if (strcmp(p->u.name.text, name) == 0)
			return true;
	return false;
}

static void walk_expr(struct walk *w, const struct ast_node *e)
{
	for (; e; e = NULL) {
		switch (e->kind) {
		case AST_NAME:
			add(w, is_param(w, e->u.name.text) ? OCC_PARAM : OCC_SYMBOL, e->u.name, e,
			    NULL, false);
			break;
		case AST_FIELD:
			add(w, OCC_SYMBOL, e->u.field.owner, e, NULL, false);
			add(w, OCC_ATTR, e->u.field.attr, e, e->u.field.owner.text, false);
			break;
		case AST_CALL:
			add(w, builtin_find(e->u.call.fn.text) ? OCC_BUILTIN : OCC_SYMBOL,
			    e->u.call.fn, e, NULL, false);
			for (const struct ast_node *a = e->u.call.args; a; a = a->next)
				walk_expr(w, a);
			break;
		case AST_LIST:
			for (const struct ast_node *a = e->u.list.items; a; a = a->next)
				walk_expr(w, a);
			break;
		case AST_UNARY: walk_expr(w, e->u.unary.operand); break;
		case AST_BINARY:
			walk_expr(w, e->u.binary.lhs);
			walk_expr(w, e->u.binary.rhs);
			break;
		case AST_IF:
			walk_expr(w, e->u.cond.cond);
			walk_expr(w, e->u.cond.then);
			walk_expr(w, e->u.cond.els);
			break;
		case AST_NUM: case AST_BOOL: case AST_STR: AST_CASES(AST_ITEM_KINDS)
			break;
		}
	}
}

/* A block's attributes; owner is the block's name (NULL: a conflict or the scenario). */
static void walk_attrs(struct walk *w, const struct ast_node *attrs, const char *owner)
{
	for (const struct ast_node *a = attrs; a; a = a->next) {
		add(w, OCC_ATTR, a->u.attr.name, a, owner, true);
		walk_expr(w, a->u.attr.value);
	}
}

static void walk_named(struct walk *w, const struct ast_node *it, struct ast_ident name)
{
	add(w, OCC_SYMBOL, name, it, NULL, true);
}

static void walk_report(struct walk *w, const struct ast_node *r)
{
	add(w, OCC_SYMBOL, r->u.report.a, r, NULL, false);
	if (r->u.report.what == REPORT_SETTLEMENT)
		add(w, OCC_SYMBOL, r->u.report.b, r, NULL, false);
}

static void walk_fn(struct walk *w, const struct ast_node *it)
{
	walk_named(w, it, it->u.fn.name);
	for (const struct ast_node *p = it->u.fn.params; p; p = p->next)
		add(w, OCC_PARAM, p->u.name, p, NULL, true);
	w->params = it->u.fn.params;
	walk_expr(w, it->u.fn.body);
	w->params = NULL;
}

static void walk_item(struct walk *w, const struct ast_node *it)
{
	w->scope = it;
	switch (it->kind) {
	case AST_SCENARIO: walk_attrs(w, it->u.scenario.attrs, NULL); break;
	case AST_IMPORT:
		add(w, OCC_IMPORT, (struct ast_ident){ it->u.import.path, it->u.import.path_span },
		    it, NULL, false);
		break;
	case AST_LET:
		walk_named(w, it, it->u.let.name);
		walk_expr(w, it->u.let.value);
		break;
	case AST_FN: walk_fn(w, it); break;
	case AST_STAKE:
	case AST_SANCTION:
	case AST_MEDIATION:
		walk_named(w, it, it->u.block.name);
		walk_attrs(w, it->u.block.attrs, it->u.block.name.text);
		break;
	case AST_ACTOR:
		walk_named(w, it, it->u.actor.name);
		add(w, OCC_ROLE, it->u.actor.role, it, NULL, false);
		walk_attrs(w, it->u.actor.attrs, it->u.actor.name.text);
		break;
	case AST_CONFLICT:
		add(w, OCC_SYMBOL, it->u.conflict.state, it, NULL, false);
		add(w, OCC_SYMBOL, it->u.conflict.rebels, it, NULL, false);
		add(w, OCC_SYMBOL, it->u.conflict.stake, it, NULL, false);
		walk_attrs(w, it->u.conflict.attrs, NULL);
		break;
	case AST_REPORT: walk_report(w, it); break;
	case AST_SWEEP:
		walk_expr(w, it->u.sweep.target);
		walk_expr(w, it->u.sweep.from);
		walk_expr(w, it->u.sweep.to);
		walk_expr(w, it->u.sweep.step);
		if (it->u.sweep.second) {	/* a map's second axis */
			walk_expr(w, it->u.sweep.second->u.sweep.target);
			walk_expr(w, it->u.sweep.second->u.sweep.from);
			walk_expr(w, it->u.sweep.second->u.sweep.to);
			walk_expr(w, it->u.sweep.second->u.sweep.step);
		}
		for (const struct ast_node *r = it->u.sweep.reports; r; r = r->next)
			walk_report(w, r);
		break;
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: break;
	}
}

/* ---- the (scope, name) table ---- */

static size_t slot_of(const struct index *x, const void *scope, const char *name)
{
	size_t h = (size_t)(uintptr_t)scope * 31;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	size_t i = h & (x->nkeys - 1);
	while (x->keys[i] != NO_OCC) {
		const struct occ *o = &x->v[x->keys[i]];
		if (o->def_scope == scope && strcmp(o->name, name) == 0)
			break;
		i = (i + 1) & (x->nkeys - 1);
	}
	return i;
}

static size_t lookup(const struct index *x, const void *scope, const char *name)
{
	return x->nkeys ? x->keys[slot_of(x, scope, name)] : NO_OCC;
}

/* The scope a definition is keyed under: NULL for a symbol, the fn for a parameter,
** the block for an attribute. */
static const void *def_scope(const struct occ *o)
{
	return o->what == OCC_SYMBOL ? NULL : o->scope;
}

/* Puts every definition in the table; of two symbols of one name, the main file's
** first one wins, else the first loaded. */
static void fill_table(struct index *x)
{
	x->nkeys = 64;
	while (x->nkeys < 2 * x->n)
		x->nkeys *= 2;
	x->keys = xmalloc(x->nkeys * sizeof *x->keys);
	for (size_t i = 0; i < x->nkeys; i++)
		x->keys[i] = NO_OCC;
	for (size_t i = 0; i < x->n; i++) {
		struct occ *o = &x->v[i];
		o->def_scope = def_scope(o);
		if (!o->def || o->what == OCC_IMPORT)
			continue;
		size_t s = slot_of(x, o->def_scope, o->name);
		if (x->keys[s] == NO_OCC)
			x->keys[s] = i;
		else if (!x->v[x->keys[s]].file->is_main && o->file->is_main)
			x->keys[s] = i;
	}
}

/* Links each occurrence to its definition. */
static void resolve(struct index *x)
{
	for (size_t i = 0; i < x->n; i++) {
		struct occ *o = &x->v[i];
		if (o->def) {
			o->to = o->what == OCC_ATTR || o->what == OCC_SYMBOL || o->what == OCC_PARAM
				? lookup(x, o->def_scope, o->name) : NO_OCC;
			o->block = o->what == OCC_ATTR ? o->scope : NULL;
			continue;
		}
		switch (o->what) {
		case OCC_SYMBOL:
			o->to = lookup(x, NULL, o->name);
			if (o->to == NO_OCC)
				o->what = OCC_WORD;
			break;
		case OCC_PARAM: o->to = lookup(x, o->scope, o->name); break;
		case OCC_ATTR: {
			size_t owner = lookup(x, NULL, o->owner);
			o->block = owner == NO_OCC ? NULL : x->v[owner].node;
			o->to = o->block ? lookup(x, o->block, o->name) : NO_OCC;
			break;
		}
		case OCC_ROLE: case OCC_BUILTIN: case OCC_WORD: case OCC_IMPORT: break;
		}
	}
}

void index_build(struct index *x, const struct program *p)
{
	memset(x, 0, sizeof *x);
	for (const struct loaded_file *f = p->files; f; f = f->next) {
		struct walk w = { .x = x, .file = f };
		for (const struct ast_node *it = f->ast.items; it; it = it->next)
			walk_item(&w, it);
	}
	fill_table(x);
	resolve(x);
}

void index_free(struct index *x)
{
	free(x->v);
	free(x->keys);
	memset(x, 0, sizeof *x);
}

/* ---- queries ---- */

const struct occ *index_at(const struct index *x, const struct loaded_file *f,
			   uint32_t offset)
{
	const struct occ *best = NULL;
	for (size_t i = 0; i < x->n; i++) {
		const struct occ *o = &x->v[i];
		if (o->file != f || offset < o->span.start || offset > o->span.end)
			continue;
		if (!best || o->span.end - o->span.start < best->span.end - best->span.start)
			best = o;
	}
	return best;
}

const struct occ *index_definition(const struct index *x, const struct occ *o)
{
	return o->to == NO_OCC ? NULL : &x->v[o->to];
}

bool index_same(const struct index *x, const struct occ *a, const struct occ *b)
{
	(void)x;
	if (a->to != NO_OCC || b->to != NO_OCC)
		return a->to == b->to;
	if (a->what != b->what || strcmp(a->name, b->name) != 0)
		return false;
	switch (a->what) {
	case OCC_ROLE:
	case OCC_BUILTIN:
	case OCC_WORD: return true;
	case OCC_ATTR: return a->block && a->block == b->block;	/* an attribute not set */
	case OCC_IMPORT: return a == b;
	case OCC_SYMBOL: case OCC_PARAM: break;
	}
	return false;
}

const struct occ *index_symbol(const struct index *x, const char *name)
{
	size_t i = lookup(x, NULL, name);
	return i == NO_OCC ? NULL : &x->v[i];
}

const struct role_def *item_role(const struct ast_node *item)
{
	switch (item->kind) {
	case AST_SCENARIO: return &roles[BLOCK_SCENARIO];
	case AST_STAKE: return &roles[BLOCK_STAKE];
	case AST_CONFLICT: return &roles[BLOCK_CONFLICT];
	case AST_SANCTION: return &roles[BLOCK_SANCTION];
	case AST_MEDIATION: return &roles[BLOCK_MEDIATION];
	case AST_ACTOR: return role_find(item->u.actor.role.text, true);
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: case AST_IMPORT: case AST_LET:
	case AST_FN: case AST_REPORT: case AST_SWEEP: break;
	}
	return NULL;
}

const struct ast_node *item_attrs(const struct ast_node *item)
{
	switch (item->kind) {
	case AST_SCENARIO: return item->u.scenario.attrs;
	case AST_ACTOR: return item->u.actor.attrs;
	case AST_CONFLICT: return item->u.conflict.attrs;
	case AST_STAKE:
	case AST_SANCTION:
	case AST_MEDIATION: return item->u.block.attrs;
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: case AST_IMPORT: case AST_LET:
	case AST_FN: case AST_REPORT: case AST_SWEEP: break;
	}
	return NULL;
}

/* The loader's rule (check/load.c): a string with '/' or ending in ".scen" is a path relative to the
** importing file, anything else a module found as NAME.scen in a folder. */
bool import_names(const struct loaded_file *from, const struct ast_node *imp,
		  const struct loaded_file *f)
{
	const char *name = imp->u.import.path;
	size_t n = strlen(name), plen = strlen(f->path);
	if (strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".scen") == 0)) {
		const char *slash = strrchr(from->path, '/');
		size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - from->path) + 1;
		return plen == dir + n && strncmp(f->path, from->path, dir) == 0 &&
		       strcmp(f->path + dir, name) == 0;
	}
	return plen >= n + 6 && f->path[plen - n - 6] == '/' &&
	       strncmp(f->path + plen - n - 5, name, n) == 0 &&
	       strcmp(f->path + plen - 5, ".scen") == 0;
}

const struct loaded_file *import_target(const struct program *p,
					const struct loaded_file *from,
					const struct ast_node *imp)
{
	for (const struct loaded_file *f = p->files; f; f = f->next)
		if (f != from && import_names(from, imp, f))
			return f;
	return NULL;
}
