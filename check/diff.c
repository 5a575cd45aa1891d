/*
** diff.c: the model half of `scen diff`. Each program is flattened into facts:
** one per item (actor, stake, let, fn, sanction, mediation, conflict, the scenario,
** import, report, sweep) keyed by its kind and name, and one per attribute (a sweep's
** reports count as its attributes) keyed by its owner's key and its name. Facts are
** matched by key; a matched pair differs when its signature (a role, `=` or `~`,
** `private`, the stake of a conflict, ...) or its expression (ast_equal: spans,
** comments and the spelling of a number do not count) differs. The attributes of an
** item added or removed as a whole are not listed one by one.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check/diff.h"
#include "check/model.h"
#include "parser/print.h"
#include "util/xalloc.h"

struct fact {
	char *key;			/* "actor kla", "attr kla.belief" */
	int owner;			/* an attribute: its item's fact, else -1 */
	const char *kind;
	char *name;
	char *sig;			/* what besides the expression must be equal */
	const struct ast_node *expr;	/* compared with ast_equal (NULL: none) */
	char *whole, *value;		/* for display */
	const struct srcfile *file;
	unsigned line;
	int match;			/* the other version's fact, or -1 */
};

struct facts {
	struct fact *f;
	unsigned n, cap;
};

/* printf into a new string. */
static char *str(const char *fmt, ...) SCEN_PRINTF(1, 2);
static char *str(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static char *expr_text(const struct ast_node *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return xstrdup("?");
	print_expr(mem, e);
	fclose(mem);
	return buf;
}

/* The first line of print_item: the item's header. */
static char *item_text(const struct ast_node *item)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return xstrdup("?");
	print_item(mem, item);
	fclose(mem);
	buf[strcspn(buf, "\n")] = '\0';
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '{' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return buf;
}

static unsigned line_of(const struct srcfile *f, struct span s)
{
	return srcfile_pos(f, s.start).line;
}

static int add(struct facts *fs, int owner, const char *kind, char *key, char *name,
	       char *sig, const struct ast_node *expr, char *whole, char *value,
	       const struct srcfile *file, struct span at)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 32;
		fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
	}
	fs->f[fs->n] = (struct fact){ key, owner, kind, name, sig, expr, whole, value, file,
				      line_of(file, at), -1 };
	return (int)fs->n++;
}

/* An attribute's value as shown: `60%`, `~ beta(2, 3)`, `~ beta(2, 3) private`. */
static char *attr_value(const struct ast_node *a)
{
	char *e = expr_text(a->u.attr.value);
	char *v = str("%s%s%s", a->u.attr.uncertain ? "~ " : "", e,
		      a->u.attr.private_ ? " private" : "");
	free(e);
	return v;
}

static void add_attrs(struct facts *fs, int owner, const char *owner_name,
		      const struct ast_node *attrs, const struct srcfile *file)
{
	for (const struct ast_node *a = attrs; a; a = a->next) {
		if (a->kind != AST_ATTR)
			continue;
		char *e = expr_text(a->u.attr.value);
		add(fs, owner, "attribute", str("attr %s.%s", owner_name, a->u.attr.name.text),
		    str("%s.%s", owner_name, a->u.attr.name.text),
		    str("%s%s", a->u.attr.uncertain ? "~" : "=", a->u.attr.private_ ? "p" : ""),
		    a->u.attr.value, str("%s.%s %s %s%s", owner_name, a->u.attr.name.text,
					 a->u.attr.uncertain ? "~" : "=", e,
					 a->u.attr.private_ ? " private" : ""),
		    attr_value(a), file, a->span);
		free(e);
	}
}

static void add_symbol(struct facts *fs, const struct symbol *s)
{
	const struct ast_node *it = s->item;
	const char *kind = sym_kind_name(s->kind);
	int me;
	switch (it->kind) {
	case AST_ACTOR:
		me = add(fs, -1, "actor", str("actor %s", s->name), xstrdup(s->name),
			 xstrdup(it->u.actor.role.text), NULL,
			 str("actor %s : %s", s->name, it->u.actor.role.text),
			 str("role %s", it->u.actor.role.text), s->file, s->where);
		add_attrs(fs, me, s->name, it->u.actor.attrs, s->file);
		return;
	case AST_STAKE: case AST_SANCTION: case AST_MEDIATION:
		me = add(fs, -1, kind, str("%s %s", kind, s->name), xstrdup(s->name), xstrdup(""),
			 NULL, str("%s %s", kind, s->name), xstrdup(""), s->file, s->where);
		add_attrs(fs, me, s->name, it->u.block.attrs, s->file);
		return;
	case AST_LET: {
		char *e = expr_text(it->u.let.value);
		add(fs, -1, "let", str("let %s", s->name), xstrdup(s->name),
		    xstrdup(it->u.let.uncertain ? "~" : "="), it->u.let.value, item_text(it),
		    str("%s%s", it->u.let.uncertain ? "~ " : "", e), s->file, s->where);
		free(e);
		return;
	}
	case AST_FN: {
		char *params = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&params, &len);
		if (!mem)
			return;
		fputc('(', mem);
		for (const struct ast_node *p = it->u.fn.params; p; p = p->next)
			fprintf(mem, "%s%s", p == it->u.fn.params ? "" : ", ", p->u.name.text);
		fputc(')', mem);
		fclose(mem);
		char *body = expr_text(it->u.fn.body);
		add(fs, -1, "fn", str("fn %s", s->name), xstrdup(s->name), xstrdup(params),
		    it->u.fn.body, item_text(it), str("%s = %s", params, body), s->file, s->where);
		free(params);
		free(body);
		return;
	}
	case AST_ATTR: case AST_SCENARIO: case AST_IMPORT: case AST_CONFLICT: case AST_REPORT:
	case AST_SWEEP: AST_CASES(AST_EXPR_KINDS)
		return;
	}
}


/* A sweep's targets: `a`, or a map's `a, b`. */
static char *sweep_targets(const struct ast_node *sw)
{
	char *t = expr_text(sw->u.sweep.target);
	if (!sw->u.sweep.second)
		return t;
	char *t2 = expr_text(sw->u.sweep.second->u.sweep.target);
	char *both = str("%s, %s", t, t2);
	free(t);
	free(t2);
	return both;
}

/* A map's second axis as written: `b from X to Y step Z`. */
static char *axis_text(const struct ast_node *sw)
{
	char *t = expr_text(sw->u.sweep.target), *from = expr_text(sw->u.sweep.from);
	char *to = expr_text(sw->u.sweep.to), *step = expr_text(sw->u.sweep.step);
	char *out = str("%s from %s to %s step %s", t, from, to, step);
	free(t);
	free(from);
	free(to);
	free(step);
	return out;
}

static void flatten(const struct program *p, struct facts *fs)
{
	const struct model *m = p->model;
	const struct srcfile *main = &m->main->ast.src;
	if (m->scenario) {
		const struct ast_node *sc = m->scenario;
		/* named by what changes: "scenario title: "A" → "B"" */
		int me = add(fs, -1, "scenario", xstrdup("scenario"), xstrdup("title"),
			     xstrdup(sc->u.scenario.title), NULL, item_text(sc),
			     str("\"%s\"", sc->u.scenario.title), main, sc->span);
		add_attrs(fs, me, "scenario", sc->u.scenario.attrs, main);
	}
	for (const struct ast_node *i = m->main->ast.items; i; i = i->next)
		if (i->kind == AST_IMPORT)
			add(fs, -1, "import", str("import %s", i->u.import.path),
			    xstrdup(i->u.import.path), xstrdup(""), NULL, item_text(i),
			    xstrdup(""), main, i->span);
	for (const struct symbol *s = m->symbols; s; s = s->next_in_order)
		add_symbol(fs, s);
	for (const struct conflict_info *c = m->conflicts; c; c = c->next) {
		char *name = str("%s vs %s", c->state->name, c->rebels->name);
		int me = add(fs, -1, "conflict", str("conflict %s", name), xstrdup(name),
			     xstrdup(c->stake->name), NULL, item_text(c->item),
			     str("over %s", c->stake->name), c->file, c->item->span);
		char *owner = str("(%s)", name);
		add_attrs(fs, me, owner, c->item->u.conflict.attrs, c->file);
		free(owner);
		free(name);
	}
	for (const struct ast_node *i = m->main->ast.items; i; i = i->next) {
		if (i->kind == AST_REPORT) {
			char *t = item_text(i);
			add(fs, -1, "report", xstrdup(t), xstrdup(t + strlen("report ")),
			    xstrdup(""), NULL, xstrdup(t), xstrdup(""), main, i->span);
			free(t);
		} else if (i->kind == AST_SWEEP) {
			const struct ast_node *sw2 = i->u.sweep.second;
			char *target = sweep_targets(i);
			char *from = expr_text(i->u.sweep.from), *to = expr_text(i->u.sweep.to);
			char *step = expr_text(i->u.sweep.step);
			char *axis2 = sw2 ? axis_text(sw2) : xstrdup("");
			int me = add(fs, -1, "sweep", str("sweep %s", target), xstrdup(target),
				     str("%s|%s|%s|%s", from, to, step, axis2), NULL, item_text(i),
				     str("from %s to %s step %s%s%s", from, to, step,
					 sw2 ? ", " : "", axis2), main, i->span);
			free(axis2);
			for (const struct ast_node *r = i->u.sweep.reports; r; r = r->next) {
				char *t = item_text(r);
				add(fs, me, "sweep report", str("sweep %s: %s", target, t),
				    str("sweep %s: %s", target, t + strlen("report ")),
				    xstrdup(""), NULL, str("sweep %s: %s", target, t),
				    xstrdup(""), main, r->span);
				free(t);
			}
			free(target);
			free(from);
			free(to);
			free(step);
		}
	}
}

static void facts_free(struct facts *fs)
{
	for (unsigned i = 0; i < fs->n; i++) {
		struct fact *f = &fs->f[i];
		free(f->key);
		free(f->name);
		free(f->sig);
		free(f->whole);
		free(f->value);
	}
	free(fs->f);
}

/* Pairs each fact of a with the first unpaired fact of b with the same key (and, for
** an attribute, an owner paired with its owner). */
static void pair(struct facts *a, struct facts *b)
{
	for (unsigned i = 0; i < a->n; i++) {
		struct fact *x = &a->f[i];
		for (unsigned j = 0; j < b->n; j++) {
			struct fact *y = &b->f[j];
			if (y->match >= 0 || strcmp(x->key, y->key) != 0)
				continue;
			if (x->owner >= 0 && (y->owner < 0 || a->f[x->owner].match != y->owner))
				continue;
			x->match = (int)j;
			y->match = (int)i;
			break;
		}
	}
}

static bool same(const struct fact *x, const struct fact *y)
{
	if (strcmp(x->sig, y->sig) != 0)
		return false;
	if (!x->expr || !y->expr)
		return !x->expr && !y->expr;
	return ast_equal(x->expr, y->expr);
}

static struct mdiff_item *emit(struct model_diff *d, enum mchange c, const struct fact *x,
			       const struct fact *y)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->items = xrealloc(d->items, d->cap * sizeof *d->items);
	}
	struct mdiff_item *it = &d->items[d->n++];
	const struct fact *any = x ? x : y;
	*it = (struct mdiff_item){ .change = c, .kind = any->kind, .name = xstrdup(any->name) };
	if (x) {
		it->whole_old = xstrdup(x->whole);
		it->old = xstrdup(x->value);
		it->old_file = x->file->name;
		it->old_line = x->line;
	}
	if (y) {
		it->whole_new = xstrdup(y->whole);
		it->new_ = xstrdup(y->value);
		it->new_file = y->file->name;
		it->new_line = y->line;
	}
	return it;
}

void model_diff(const struct program *a, const struct program *b, struct model_diff *out)
{
	memset(out, 0, sizeof *out);
	struct facts fa = { 0 }, fb = { 0 };
	flatten(a, &fa);
	flatten(b, &fb);
	pair(&fa, &fb);
	/* In the old version's order: what was removed or changed; then what was added. */
	for (unsigned i = 0; i < fa.n; i++) {
		const struct fact *x = &fa.f[i];
		if (x->owner >= 0 && fa.f[x->owner].match < 0)
			continue;	/* its item was removed */
		if (x->match < 0)
			emit(out, MC_REMOVED, x, NULL);
		else if (!same(x, &fb.f[x->match]))
			emit(out, MC_CHANGED, x, &fb.f[x->match]);
	}
	for (unsigned j = 0; j < fb.n; j++) {
		const struct fact *y = &fb.f[j];
		if (y->owner >= 0 && fb.f[y->owner].match < 0)
			continue;	/* its item was added */
		if (y->match < 0)
			emit(out, MC_ADDED, NULL, y);
	}
	facts_free(&fa);
	facts_free(&fb);
}

void model_diff_free(struct model_diff *d)
{
	for (unsigned i = 0; i < d->n; i++) {
		struct mdiff_item *it = &d->items[i];
		free(it->name);
		free(it->whole_old);
		free(it->whole_new);
		free(it->old);
		free(it->new_);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}
