/*
** diff.c: the REPL's :diff: the session's model against the file as loaded. Items
** are matched by kind and name (a conflict by its two sides); a changed block is shown
** attribute by attribute (`NAME.ATTR: old → new`), a changed let by its value, anything
** else as the old and the new item. Then both models are run on the same draws with the
** session's options, as `scen diff` runs them (interp_run_paired), and each report's
** quantities that changed are shown as loaded → now, with the standard error of the
** difference when there are draws (report/diff.c). Also the AST helpers :show uses.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/diff.h"
#include "parser/parse.h"
#include "parser/print.h"
#include "repl/repl.h"
#include "report/report.h"
#include "util/xalloc.h"

/* Prints an item (or an attribute) with every line after the first indented by pre. */
void repl_print_node(FILE *out, const struct ast_node *n, const char *first, const char *pre)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return;
	print_item(m, n);
	fclose(m);
	fputs(first, out);
	for (size_t i = 0; i < len; i++) {
		fputc(buf[i], out);
		if (buf[i] == '\n' && i + 1 < len)
			fputs(pre, out);
	}
	if (len && buf[len - 1] != '\n')
		fputc('\n', out);
	free(buf);
}

const struct ast_node *repl_item_attrs(const struct ast_node *it)
{
	switch (it->kind) {
	case AST_ACTOR: return it->u.actor.attrs;
	case AST_CONFLICT: return it->u.conflict.attrs;
	case AST_SCENARIO: return it->u.scenario.attrs;
	case AST_STAKE:
	case AST_SANCTION:
	case AST_MEDIATION: return it->u.block.attrs;
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: case AST_IMPORT: case AST_LET:
	case AST_FN: case AST_REPORT: case AST_SWEEP: break;
	}
	return NULL;
}

bool repl_has_attrs(const struct ast_node *it)
{
	return it->kind == AST_ACTOR || it->kind == AST_CONFLICT || it->kind == AST_SCENARIO ||
	       it->kind == AST_STAKE || it->kind == AST_SANCTION || it->kind == AST_MEDIATION;
}

const struct ast_node *repl_attr_named(const struct ast_node *list, const char *name)
{
	for (; list; list = list->next)
		if (strcmp(list->u.attr.name.text, name) == 0)
			return list;
	return NULL;
}

/* An item's name in the diff: `name`, `A vs B`, `scenario`; NULL for the others. */

static const char *label(char *buf, size_t size, const struct ast_node *it)
{
	if (ast_item_name(it))
		return ast_item_name(it);
	switch (it->kind) {
	case AST_SCENARIO: return "scenario";
	case AST_CONFLICT:
		snprintf(buf, size, "%s vs %s", it->u.conflict.state.text,
			 it->u.conflict.rebels.text);
		return buf;
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: case AST_IMPORT: case AST_LET:
	case AST_FN: case AST_STAKE: case AST_ACTOR: case AST_SANCTION:
	case AST_MEDIATION: case AST_REPORT: case AST_SWEEP: break;
	}
	return NULL;
}

/* The item of f matching it: the same name (repl_find_same), or for an item with no name
** (an import, report or sweep), an equal one. */
static const struct ast_node *match(const struct ast_file *f, const struct ast_node *it)
{
	char buf[200];
	if (label(buf, sizeof buf, it))
		return repl_find_same(f, it);
	for (const struct ast_node *o = f->items; o; o = o->next)
		if (ast_equal(o, it))
			return o;
	return NULL;
}

/* The value of an attribute or let as one line (malloc'd); "(unset)" for NULL. */
char *repl_value_text(const struct ast_node *n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return xstrdup("?");
	if (!n) {
		fputs("(unset)", m);
	} else if (n->kind == AST_LET) {
		fputs(n->u.let.uncertain ? "~ " : "", m);
		print_expr(m, n->u.let.value);
	} else {
		fputs(n->u.attr.uncertain ? "~ " : "", m);
		print_expr(m, n->u.attr.value);
		fputs(n->u.attr.private_ ? " private" : "", m);
	}
	fclose(m);
	return buf;
}

static void change_line(const char *name, const char *attr, const struct ast_node *old,
			const struct ast_node *now)
{
	char *o = repl_value_text(old), *n = repl_value_text(now);
	printf("  %s%s%s: %s → %s\n", name, attr ? "." : "", attr ? attr : "", o, n);
	free(o);
	free(n);
}

/* The attributes of one named block that differ; false when none does (the header did). */
static bool diff_attrs(const char *name, const struct ast_node *old, const struct ast_node *now)
{
	bool any = false;
	for (const struct ast_node *a = repl_item_attrs(now); a; a = a->next) {
		const char *name_a = a->u.attr.name.text;
		const struct ast_node *b = repl_attr_named(repl_item_attrs(old), name_a);
		if (!b || !ast_equal(a, b)) {
			change_line(name, a->u.attr.name.text, b, a);
			any = true;
		}
	}
	for (const struct ast_node *b = repl_item_attrs(old); b; b = b->next)
		if (!repl_attr_named(repl_item_attrs(now), b->u.attr.name.text)) {
			change_line(name, b->u.attr.name.text, b, NULL);
			any = true;
		}
	return any;
}

/* One changed item of the current text; old is its match in the loaded text. */
static void diff_item(const struct ast_node *old, const struct ast_node *now)
{
	char buf[200];
	const char *name = label(buf, sizeof buf, now);
	if (!old)
		repl_print_node(stdout, now, "  + ", "    ");
	else if (ast_equal(old, now))
		return;
	else if (now->kind == AST_LET && old->kind == AST_LET)
		change_line(name, NULL, old, now);
	else if (!repl_has_attrs(now) || !diff_attrs(name, old, now)) {
		repl_print_node(stdout, old, "  - ", "    ");
		repl_print_node(stdout, now, "  + ", "    ");
	}
}

/* Prints the item changes of now against old; returns how many items differ. */
static unsigned diff_items(const struct ast_file *old, const struct ast_file *now)
{
	unsigned n = 0;
	for (const struct ast_node *it = now->items; it; it = it->next) {
		const struct ast_node *o = match(old, it);
		if (!o || !ast_equal(o, it)) {
			if (!n++)
				puts("changes:");
			diff_item(o, it);
		}
	}
	for (const struct ast_node *o = old->items; o; o = o->next)
		if (!match(now, o)) {
			if (!n++)
				puts("changes:");
			repl_print_node(stdout, o, "  - ", "    ");
		}
	return n;
}

void repl_diff(struct repl *r)
{
	struct arena ar;
	arena_init(&ar);
	struct diag_sink quiet;
	diag_init(&quiet);
	struct ast_file old;
	const char *name = r->path ? r->path : "the empty session";
	parse_text(&old, &ar, repl_name(r), arena_strndup(&ar, r->orig, r->orig_len),
		   r->orig_len, &quiet);
	if (!diff_items(&old, &r->cur.s.prog.files->ast))
		printf("no changes against %s as loaded\n", name);
	diag_free(&quiet);
	arena_free(&ar);
	struct repl_state st;
	if (!repl_state_load(r, &st, xstrdup(r->orig), r->orig_len, NULL, NULL))
		return;
	struct diff_result res;
	if (repl_state_paired(r, &st, &r->cur, &res)) {
		diff_results_text(stdout, "results (as loaded → now)", "the file as loaded",
				  "the session", &res);
		diff_result_free(&res);
	}
	repl_state_free(&st);
}
