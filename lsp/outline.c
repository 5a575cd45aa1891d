/*
** outline.c: the document's symbols (the outline) and its formatting.
**
** The outline lists the main file's items in source order, each with its kind and,
** for a block, its attributes as children: the scenario, imports, lets, fns, stakes,
** actors (their role as the detail, so that the outline reads `kla  rebels`),
** conflicts, sanctions, mediations, reports and sweeps (their reports as children).
**
** Formatting is `scen fmt` (parser/print.c) of the whole text, as one edit; a text
** with syntax errors is refused with the first of them, as `scen fmt` refuses it.
*/
#include <stdlib.h>
#include <string.h>

#include "lsp/lsp_int.h"
#include "parser/parse.h"
#include "parser/print.h"

/* The protocol's SymbolKind numbers. */
enum {
	SK_FILE = 1, SK_MODULE = 2, SK_CLASS = 5, SK_PROPERTY = 7, SK_FUNCTION = 12,
	SK_VARIABLE = 13, SK_OBJECT = 19, SK_STRUCT = 23, SK_EVENT = 24, SK_OPERATOR = 25,
	SK_INTERFACE = 11, SK_ARRAY = 18
};

/* The kind each item shows as. */
static int symbol_kind(enum ast_kind k)
{
	switch (k) {
	case AST_SCENARIO: return SK_MODULE;
	case AST_IMPORT: return SK_FILE;
	case AST_LET: return SK_VARIABLE;
	case AST_FN: return SK_FUNCTION;
	case AST_STAKE: return SK_STRUCT;
	case AST_ACTOR: return SK_CLASS;
	case AST_CONFLICT: return SK_OBJECT;
	case AST_SANCTION: return SK_OPERATOR;
	case AST_MEDIATION: return SK_INTERFACE;
	case AST_REPORT: return SK_EVENT;
	case AST_SWEEP: return SK_ARRAY;
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: break;
	}
	return SK_OBJECT;
}

/* prefix, what print_fn writes of n, suffix: a JSON string. */
static json_t *printed(void (*print_fn)(FILE *, const struct ast_node *), const char *prefix,
		       const struct ast_node *n, const char *suffix)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return jtext("");
	fputs(prefix, m);
	print_fn(m, n);
	fputs(suffix, m);
	fclose(m);
	json_t *j = jtextn(text, len);
	free(text);
	return j;
}

static json_t *symbol(const struct doc *d, json_t *name, const char *detail, int kind,
		      struct span range, struct span select)
{
	return json_pack("{s:o,s:o,s:i,s:o,s:o}", "name", name, "detail", jtext(detail),
			 "kind", kind, "range", jrange(&d->lines, range), "selectionRange",
			 jrange(&d->lines, select));
}

static json_t *attribute_symbols(const struct doc *d, const struct ast_node *attrs)
{
	json_t *list = json_array();
	for (const struct ast_node *a = attrs; a; a = a->next) {
		json_t *s = symbol(d, jtext(a->u.attr.name.text), "", SK_PROPERTY, a->span,
				   a->u.attr.name.span);
		json_object_set_new(s, "detail", printed(print_expr, a->u.attr.uncertain ? "~ " : "= ",
							 a->u.attr.value,
							 a->u.attr.private_ ? " private" : ""));
		json_array_append_new(list, s);
	}
	return list;
}

/* An item's name in the outline, and where it is. */
static json_t *item_name(const struct ast_node *it, struct span *select)
{
	*select = it->span;
	const char *name = ast_item_name(it);
	if (name) {
		*select = it->kind == AST_ACTOR ? it->u.actor.name.span
			: it->kind == AST_LET ? it->u.let.name.span
			: it->kind == AST_FN ? it->u.fn.name.span : it->u.block.name.span;
		return jtext(name);
	}
	char text[512];
	switch (it->kind) {
	case AST_SCENARIO: return jtext(it->u.scenario.title);
	case AST_IMPORT: return jtext(it->u.import.path);
	case AST_SWEEP: return printed(print_expr, "sweep ", it->u.sweep.target, "");
	case AST_CONFLICT:
		*select = (struct span){ it->u.conflict.state.span.start,
					 it->u.conflict.stake.span.end };
		snprintf(text, sizeof text, "%s vs %s over %s", it->u.conflict.state.text,
			 it->u.conflict.rebels.text, it->u.conflict.stake.text);
		return jtext(text);
	case AST_REPORT:
		if (it->u.report.what == REPORT_SETTLEMENT)
			snprintf(text, sizeof text, "settlement %s vs %s", it->u.report.a.text,
				 it->u.report.b.text);
		else
			snprintf(text, sizeof text, "%s %s", it->u.report.what == REPORT_MEDIATION
				 ? "mediation" : "provocation by", it->u.report.a.text);
		return jtext(text);
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: case AST_LET: case AST_FN:
	case AST_STAKE: case AST_ACTOR: case AST_SANCTION: case AST_MEDIATION:
		break;
	}
	return jtext(ast_kind_name(it->kind));
}

static const char *item_detail(const struct ast_node *it)
{
	switch (it->kind) {
	case AST_ACTOR: return it->u.actor.role.text;
	case AST_SCENARIO: return "scenario";
	case AST_IMPORT: return "import";
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: case AST_LET: case AST_FN:
	case AST_STAKE: case AST_CONFLICT: case AST_SANCTION: case AST_MEDIATION:
	case AST_REPORT: case AST_SWEEP: break;
	}
	return ast_kind_name(it->kind);
}

static json_t *item_symbol(const struct doc *d, const struct ast_node *it)
{
	struct span select;
	json_t *name = item_name(it, &select);
	json_t *s = symbol(d, name, item_detail(it), symbol_kind(it->kind), it->span, select);
	json_t *children = NULL;
	if (item_attrs(it)) {
		children = attribute_symbols(d, item_attrs(it));
	} else if (it->kind == AST_SWEEP && it->u.sweep.reports) {
		children = json_array();
		for (const struct ast_node *r = it->u.sweep.reports; r; r = r->next)
			json_array_append_new(children, item_symbol(d, r));
	}
	if (children)
		json_object_set_new(s, "children", children);
	return s;
}

json_t *document_symbols(const struct doc *d)
{
	json_t *list = json_array();
	const struct loaded_file *main = d->an->main;	/* NULL: the document was too large */
	for (const struct ast_node *it = main ? main->ast.items : NULL; it; it = it->next)
		json_array_append_new(list, item_symbol(d, it));
	return list;
}

/* ---- formatting ---- */

/* The first syntax error by position, as "LINE:COL: message". */
static json_t *syntax_error(const struct diag_sink *sink)
{
	const struct diag *first = sink->first;
	for (const struct diag *g = sink->first; g; g = g->next)
		if (g->file && first->file && g->span.start < first->span.start)
			first = g;
	struct srcpos pos = first->file ? srcfile_pos(first->file, first->span.start)
					: (struct srcpos){ 1, 1 };
	return rpc_error(RPC_REQUEST_FAILED, "cannot format: the file has syntax errors; the "
			 "first is at %u:%u: %s", pos.line, pos.col, first->msg);
}

json_t *format_document(const struct doc *d, json_t **err)
{
	struct arena a;
	arena_init(&a);
	struct diag_sink sink;
	diag_init(&sink);
	char *text = arena_strndup(&a, d->text, d->len);
	struct ast_file file;
	json_t *result = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *m;
	if (parse_text(&file, &a, d->path, text, d->len, &sink) > 0) {
		*err = syntax_error(&sink);
	} else if (!(m = open_memstream(&out, &len))) {
		*err = rpc_error(RPC_REQUEST_FAILED, "cannot format: out of memory");
	} else {
		print_file(m, &file);
		fclose(m);
		result = json_array();
		if (len != d->len || memcmp(out, d->text, len) != 0)
			json_array_append_new(result, json_pack("{s:o,s:o}", "range",
				jrange(&d->lines, (struct span){ 0, (uint32_t)d->len }),
				"newText", jtextn(out, len)));
	}
	free(out);
	diag_free(&sink);
	arena_free(&a);
	return result;
}
