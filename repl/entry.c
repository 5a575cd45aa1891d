/*
** entry.c: one entry of the REPL: a command (cmd.c), `NAME.ATTR = EXPR`, or
** items of the language. A change is spliced into the session's text (edit.c) and
** the whole text checked again; diagnostics inside the typed bytes are shown against the
** entry (`<repl>:line:col`), and the session changes only when the check passes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/model.h"
#include "interp/describe.h"
#include "parser/parse.h"
#include "parser/print.h"
#include "repl/repl.h"
#include "util/xalloc.h"

/* Checks the new text t; on success it becomes the session's model. */
static bool apply(struct repl *r, struct repl_entry *e, struct repl_text *t, const char *what)
{
	struct repl_state st;
	if (!repl_state_load(r, &st, t->text, t->len, t, e))
		return false;
	repl_replace(r, &st, what);
	return true;
}

static void entry_init(struct repl_entry *e, const char *text, size_t len)
{
	arena_init(&e->arena);
	e->text = arena_strndup(&e->arena, text, len);
	e->len = len;
	srcfile_init(&e->src, &e->arena, "<repl>", e->text, len);
}

static void entry_free(struct repl_entry *e)
{
	arena_free(&e->arena);
}

static const struct ast_node *find_attr(const struct ast_node *item, const char *name)
{
	const struct ast_node *at = item->kind == AST_ACTOR ? item->u.actor.attrs
							    : item->u.block.attrs;
	for (; at; at = at->next)
		if (strcmp(at->u.attr.name.text, name) == 0)
			return at;
	return NULL;
}

static const struct ast_file *main_ast(const struct repl *r)
{
	return &r->cur.s.prog.files->ast;
}

/* Says why owner, which names no actor, stake, sanction or mediation of the session's
** own text, cannot take `owner.attr = ...`. */
static void assign_owner_error(struct repl *r, struct repl_entry *e, const struct repl_assign *a,
			       const char *owner)
{
	const struct symbol *s = model_find(r->model, owner);
	size_t end = a->owner + a->owner_len;
	if (s && s->kind == SYM_LET) {
		repl_error(r, e, a->owner, end, "`%s` is a let: type `let %s = ...` to change it",
			   owner, owner);
	} else if (s && s->role) {
		repl_error(r, e, a->owner, end, "`%s` is defined in `%s`, not in this session",
			   owner, s->file->name);
	} else if (s) {
		repl_error(r, e, a->owner, end, "`%s` is a %s, which has no attributes", owner,
			   sym_kind_name(s->kind));
	} else {
		const char **names = xmalloc((r->model->nsymbols + 1) * sizeof *names);
		size_t n = 0;
		for (const struct symbol *x = r->model->symbols; x; x = x->next_in_order)
			if (x->role)
				names[n++] = x->name;
		const char *near = check_suggest(owner, names, n);
		repl_error(r, e, a->owner, end,
			   "no actor, stake, sanction or mediation called `%s`%s%s%s", owner,
			   near ? "; did you mean `" : "", near ? near : "", near ? "`?" : "");
		free(names);
	}
}

/* `owner.attr = expr`: one attribute of the session's model. */
static void entry_assign(struct repl *r, struct repl_entry *e, const struct repl_assign *a)
{
	char *owner = repl_dupn(e->text + a->owner, a->owner_len);
	char *attr = repl_dupn(e->text + a->attr, a->attr_len);
	const struct ast_node *item = repl_find_item(main_ast(r), owner);
	if (!item || item->kind == AST_LET || item->kind == AST_FN) {
		assign_owner_error(r, e, a, owner);
		goto out;
	}
	if (!repl_check_value(&e->src, a, &r->sink)) {
		repl_flush(r);
		goto out;
	}
	char *old = repl_value_text(find_attr(item, attr));
	struct repl_text t;
	repl_edit_attr(r->cur.text, r->cur.len, item, e->text, a, &t);
	if (apply(r, e, &t, e->text)) {
		char *now = repl_value_text(find_attr(repl_find_item(main_ast(r), owner), attr));
		printf("%s.%s: %s → %s\n", owner, attr, old, now);
		free(now);
	}
	free(old);
out:
	free(owner);
	free(attr);
}


/* Whether the entry reads as an expression, not items: it does not parse as items and
** does as a let's value. */
static bool is_expression(const struct repl_entry *e)
{
	struct arena a;
	arena_init(&a);
	struct diag_sink quiet;
	diag_init(&quiet);
	struct ast_file f;
	bool expr = parse_text(&f, &a, "<repl>", e->text, e->len, &quiet) > 0;
	diag_clear(&quiet);
	if (expr) {
		char *probe = arena_printf(&a, "let _ = %.*s", (int)e->len, e->text);
		expr = parse_text(&f, &a, "<repl>", probe, strlen(probe), &quiet) == 0 &&
		       f.items && !f.items->next;
	}
	diag_free(&quiet);
	arena_free(&a);
	return expr;
}

/* Whether e is a condition (a comparison, `and`, `or`, `not`, true or false, or an `if`
** whose branches are: the checker gives both branches one type). */
static bool is_condition(const struct ast_node *e)
{
	if (e->kind == AST_IF)
		return is_condition(e->u.cond.then);
	return e->kind == AST_BOOL || (e->kind == AST_UNARY && e->u.unary.op == OP_NOT) ||
	       (e->kind == AST_BINARY && e->u.binary.op >= OP_LT && e->u.binary.op <= OP_OR);
}

void repl_describe_value(const struct program *p, const struct vnode *v)
{
	if (v->constant && is_condition(v->expr))
		printf(" → %s", v->value != 0 ? "true" : "false");
	else
		describe_value(stdout, p, v, NULL);
}

/* An expression typed alone: its value (interp/describe.h), checked against the
** session's model as a let of its own that the session does not keep; errors point
** into the typed line. */
static bool entry_expression(struct repl *r, struct repl_entry *e)
{
	if (!is_expression(e))
		return false;
	static const char name[] = "repl_value_";
	struct repl_text t;
	repl_edit_value(r->cur.text, r->cur.len, name, e->text, e->len, &t);
	struct repl_state st;
	if (repl_state_load(r, &st, t.text, t.len, &t, e)) {
		const struct symbol *s = model_find(st.s.prog.model, name);
		size_t at = strspn(e->text, " \t"), end = e->len;
		while (end > at && strchr(" \t\r\n", e->text[end - 1]))
			end--;
		printf("%.*s", (int)(end - at), e->text + at);
		if (s && s->value)
			repl_describe_value(&st.s.prog, s->value);
		putchar('\n');
		repl_state_free(&st);
	}
	return true;
}

/* Items: each new one is appended; a single item that has a namesake replaces it. */
static void entry_items(struct repl *r, struct repl_entry *e)
{
	struct arena a;
	arena_init(&a);
	struct ast_file f;
	if (parse_text(&f, &a, "<repl>", e->text, e->len, &r->sink) > 0) {
		repl_flush(r);
		arena_free(&a);
		return;
	}
	if (!f.items) {
		arena_free(&a);
		return;
	}
	const struct ast_node *same = f.items->next ? NULL : repl_find_same(main_ast(r), f.items);
	struct repl_text t;
	repl_edit_item(r->cur.text, r->cur.len, same, e->text, e->len, &t);
	if (apply(r, e, &t, e->text)) {
		unsigned n = 0;
		for (const struct ast_node *it = f.items; it; it = it->next)
			n++;
		if (n > 1)
			printf("added %u items\n", n);
		else
			printf("%s %s%s%s\n", same ? "replaced" : "added",
			       ast_kind_name(f.items->kind), ast_item_name(f.items) ? " " : "",
			       ast_item_name(f.items) ? ast_item_name(f.items) : "");
	}
	arena_free(&a);
}

static bool is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* True when the entry is language input that ends inside an open item or bracket. */
bool repl_entry_incomplete(const char *text, size_t len)
{
	struct repl_assign a;
	struct arena ar;
	arena_init(&ar);
	char *probe;
	if (repl_parse_assign(text, len, &a))
		probe = arena_printf(&ar, "let _ = %.*s", (int)(len - a.value), text + a.value);
	else
		probe = arena_strndup(&ar, text, len);
	struct diag_sink quiet;
	diag_init(&quiet);
	struct ast_file f;
	parse_text(&f, &ar, "<repl>", probe, strlen(probe), &quiet);
	bool open = parse_incomplete(&f);
	diag_free(&quiet);
	arena_free(&ar);
	return open;
}

void repl_run_entry(struct repl *r, const char *text, size_t len)
{
	if (is_blank(text, len))
		return;
	struct repl_entry e;
	entry_init(&e, text, len);
	struct repl_assign a;
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (text[i] == ':')
		repl_command(r, &e);
	else if (repl_parse_assign(e.text, e.len, &a))
		entry_assign(r, &e, &a);
	else if (repl_show_bare(r, &e) || entry_expression(r, &e))
		;
	else
		entry_items(r, &e);
	fflush(stdout);
	entry_free(&e);
}
