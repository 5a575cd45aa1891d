/*
** parse.c: parse_text() and the node builders the grammar (scen.y) calls.
**
** Input: one file's text, NUL-terminated, owned by the caller's arena. Output: the
** ast_file (items, comments, srcfile) from the same arena, and every lexical and syntax
** error in the sink. Invariants kept here:
**   - every expression node's `depth` is 1 + the depth of its deepest child, computed
**     as it is built, so nothing ever has to recurse to find it;
**   - an item holding an expression deeper than SCEN_MAX_DEPTH is reported once, at
**     the level that passes the limit counted from the expression's outside (its
**     (SCEN_MAX_DEPTH + 1)th), and left out of the item list, so every later recursive
**     walk is bounded;
**   - lists are built in source order with their counts set.
*/
#include "parser/parse.h"

#include <limits.h>
#include <string.h>

#include "parser/scen.h"
#include "util/scen_conf.h"

/* ---- lists and expressions ---- */

/* The depth of the one node every builder returns in an item being dropped (built()):
** never linked into a list. */
#define DROPPED_DEPTH UINT_MAX

void parse_list_add(struct node_list *l, struct ast_node *n)
{
	if (!n || n->depth == DROPPED_DEPTH)
		return;
	if (l->tail)
		l->tail->next = n;
	else
		l->head = n;
	l->tail = n;
	l->count++;
}

static unsigned deeper(unsigned a, const struct ast_node *n)
{
	return n && n->depth > a ? n->depth : a;
}

/* The child on n's deepest path (NULL for a leaf). */
static const struct ast_node *deepest_child(const struct ast_node *n)
{
	const struct ast_node *kids[3] = { NULL, NULL, NULL };
	const struct ast_node *list = NULL;
	switch (n->kind) {
	case AST_UNARY: kids[0] = n->u.unary.operand; break;
	case AST_BINARY: kids[0] = n->u.binary.lhs; kids[1] = n->u.binary.rhs; break;
	case AST_IF:
		kids[0] = n->u.cond.cond;
		kids[1] = n->u.cond.then;
		kids[2] = n->u.cond.els;
		break;
	case AST_CALL: list = n->u.call.args; break;
	case AST_LIST: list = n->u.list.items; break;
	default: break;
	}
	const struct ast_node *best = NULL;
	for (int i = 0; i < 3; i++)
		if (kids[i] && (!best || kids[i]->depth > best->depth))
			best = kids[i];
	for (; list; list = list->next)
		if (!best || list->depth > best->depth)
			best = list;
	return best;
}

/* Whether n's deepest path goes through its last child (a prefix operator's operand,
** the right of `^`, an `else`): such chains are shifted whole before any is built, so
** the parser's stack bounds them (YYMAXDEPTH); a chain that grows on its left
** (`1+1+…`) is built as it is read, and nothing else bounds it. */
static bool deep_on_the_right(const struct ast_node *n)
{
	switch (n->kind) {
	case AST_UNARY: return true;
	case AST_BINARY: return n->u.binary.rhs->depth >= n->u.binary.lhs->depth;
	case AST_IF: return n->u.cond.els->depth >= n->u.cond.cond->depth &&
			    n->u.cond.els->depth >= n->u.cond.then->depth;
	default: return false;
	}
}

/* A node past SCEN_MAX_DEPTH that grows on its left is reported as soon as it is built
** (where its levels start: at its start), and the rest of its item is parsed into
** nothing: every builder
** returns one shared node and the scanner keeps no text, so that a 62 MB line of
** `1-1-1-…` does not build 31 million nodes (6.4 GB) before it is found too deep. The
** item is then dropped. Any other is reported when its expression is whole
** (parse_check_depth), at the level that passes the limit counted from the outside. */
static struct ast_node *built(struct parse_ctx *ctx, struct ast_node *n)
{
	if (n->depth > SCEN_MAX_DEPTH && !ctx->item_too_deep && !deep_on_the_right(n)) {
		parse_check_depth(ctx, n);
		ctx->lex.discard = true;
	}
	return n;
}

/* What every builder returns in an item being dropped (never linked into a list). */
static struct ast_node *dropped(struct parse_ctx *ctx, struct span sp)
{
	if (!ctx->too_deep) {
		ctx->too_deep = ast_new(ctx->arena, AST_NUM, sp);
		ctx->too_deep->depth = DROPPED_DEPTH;
	}
	return ctx->too_deep;
}

static struct ast_node *leaf(struct parse_ctx *ctx, enum ast_kind k, struct span sp)
{
	struct ast_node *n = ast_new(ctx->arena, k, sp);
	n->depth = 1;
	return n;
}

struct ast_node *parse_num(struct parse_ctx *ctx, struct span sp, double v, const char *text)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_NUM, sp);
	n->u.num.value = v;
	n->u.num.text = text;
	return n;
}

struct ast_node *parse_bool(struct parse_ctx *ctx, struct span sp, bool v)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_BOOL, sp);
	n->u.boolean = v;
	return n;
}

struct ast_node *parse_str(struct parse_ctx *ctx, struct span sp, const char *s, size_t len)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_STR, sp);
	n->u.str.text = s;
	n->u.str.len = len;
	return n;
}

/* The depth of a list of nodes: that of its deepest member. */
static unsigned list_depth(const struct ast_node *n)
{
	unsigned d = 0;
	for (; n; n = n->next)
		d = deeper(d, n);
	return d;
}

struct ast_node *parse_list(struct parse_ctx *ctx, struct span sp, struct node_list items)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_LIST, sp);
	n->u.list.items = items.head;
	n->u.list.count = items.count;
	n->depth = 1 + list_depth(items.head);
	return built(ctx, n);
}

struct ast_node *parse_name(struct parse_ctx *ctx, struct ast_ident name)
{
	if (ctx->item_too_deep)
		return dropped(ctx, name.span);
	struct ast_node *n = leaf(ctx, AST_NAME, name.span);
	n->u.name = name;
	return n;
}

struct ast_node *parse_field(struct parse_ctx *ctx, struct span sp, struct ast_ident owner,
			     struct ast_ident attr)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_FIELD, sp);
	n->u.field.owner = owner;
	n->u.field.attr = attr;
	return n;
}

struct ast_node *parse_call(struct parse_ctx *ctx, struct span sp, struct ast_ident fn,
			    struct node_list args)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_CALL, sp);
	n->u.call.fn = fn;
	n->u.call.args = args.head;
	n->u.call.nargs = args.count;
	n->depth = 1 + list_depth(args.head);
	return built(ctx, n);
}

struct ast_node *parse_unary(struct parse_ctx *ctx, struct span sp, enum ast_op op,
			     struct ast_node *operand)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_UNARY, sp);
	n->u.unary.op = op;
	n->u.unary.operand = operand;
	n->depth = 1 + deeper(0, operand);
	return built(ctx, n);
}

struct ast_node *parse_binary(struct parse_ctx *ctx, struct span sp, enum ast_op op,
			      struct ast_node *lhs, struct ast_node *rhs)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_BINARY, sp);
	n->u.binary.op = op;
	n->u.binary.lhs = lhs;
	n->u.binary.rhs = rhs;
	n->depth = 1 + deeper(deeper(0, lhs), rhs);
	return built(ctx, n);
}

struct ast_node *parse_if(struct parse_ctx *ctx, struct span sp, struct ast_node *c,
			  struct ast_node *then, struct ast_node *els)
{
	if (ctx->item_too_deep)
		return dropped(ctx, sp);
	struct ast_node *n = leaf(ctx, AST_IF, sp);
	n->u.cond.cond = c;
	n->u.cond.then = then;
	n->u.cond.els = els;
	n->depth = 1 + deeper(deeper(deeper(0, c), then), els);
	return built(ctx, n);
}

/* `(e)`: no node of its own; e's span grows to cover the parentheses. */
struct ast_node *parse_paren(struct ast_node *e, struct span sp)
{
	e->span = sp;
	return e;
}

/* A keyword used as a name (`over = executive`): its text is a static string. */
struct ast_ident parse_keyword_ident(struct span sp, const char *text)
{
	return (struct ast_ident){ text, sp };
}

/* ---- attributes and items ---- */

void parse_check_depth(struct parse_ctx *ctx, const struct ast_node *e)
{
	if (!e || e->depth <= SCEN_MAX_DEPTH)
		return;
	if (!ctx->item_too_deep) {
		const struct ast_node *at = e;	/* level 1: down to SCEN_MAX_DEPTH + 1 */
		for (unsigned level = 1; level <= SCEN_MAX_DEPTH && deepest_child(at); level++)
			at = deepest_child(at);
		struct span sp = { at->span.start, at->span.start + 1 };
		struct diag *d = diag_error(ctx->sink, &ctx->file->src, sp,
					    "expression nested too deeply (limit is %d)",
					    SCEN_MAX_DEPTH);
		if (e->kind == AST_BINARY && !deep_on_the_right(e)) {	/* 1+1+…: say why */
			const char *op = ast_op_text(e->u.binary.op);
			diag_note(ctx->sink, d, &ctx->file->src, sp, "each `%s` of a chain `a %s b "
				  "%s c …` is a level inside the next: %d in a row pass the limit; "
				  "write the chain in parts (a let for each)", op, op, op,
				  SCEN_MAX_DEPTH);
		}
		ctx->errors++;
	}
	ctx->item_too_deep = true;
}

struct ast_node *parse_attr(struct parse_ctx *ctx, struct span sp, struct ast_ident name,
			    bool uncertain, bool private_, struct ast_node *value)
{
	parse_check_depth(ctx, value);
	struct ast_node *n = ast_new(ctx->arena, AST_ATTR, sp);
	n->u.attr.name = name;
	n->u.attr.uncertain = uncertain;
	n->u.attr.private_ = private_;
	n->u.attr.value = value;
	return n;
}

void parse_private_misplaced(struct parse_ctx *ctx, struct span sp)
{
	diag_error(ctx->sink, &ctx->file->src, sp,
		   "`private` applies only to uncertain (`~`) attributes");
	ctx->errors++;
}

static bool spelled(struct ast_ident id, const char *text)
{
	return strcmp(id.text, text) == 0;
}

/* Reports "msg, found `word`" (or "found end of line" when word is that). */
static struct ast_node *report_error(struct parse_ctx *ctx, struct span sp, const char *msg,
				     const char *found)
{
	bool eol = strcmp(found, "end of line") == 0;
	diag_error(ctx->sink, &ctx->file->src, sp, "%s, found %s%s%s", msg, eol ? "" : "`",
		   found, eol ? "" : "`");
	ctx->errors++;
	return NULL;
}

/* `report settlement A vs B` or `report provocation by B`, given as the words after
** `report`: kind, a, then b (NULL when absent) and whether `vs` stood between a and b.
** `settlement`, `provocation` and `by` are not reserved, so they are checked here;
** returns NULL after reporting a misspelling. */
struct ast_node *parse_report(struct parse_ctx *ctx, struct span sp, struct ast_ident kind,
			      struct ast_ident a, const struct ast_ident *b, bool has_vs)
{
	bool settlement = spelled(kind, "settlement");
	if (!settlement && !spelled(kind, "provocation"))
		return report_error(ctx, kind.span, "expected `settlement`, `provocation` or "
				    "`mediation` after `report`", kind.text);
	if (settlement && !b)
		return report_error(ctx, (struct span){ sp.end, sp.end },
				    "expected `vs` and the rebels after the state", "end of line");
	if (settlement && !has_vs)
		return report_error(ctx, b->span, "expected `vs`", b->text);
	if (!settlement && (has_vs || !b || !spelled(a, "by")))
		return report_error(ctx, a.span, "expected `by` after `report provocation`",
				    a.text);
	struct ast_node *n = ast_new(ctx->arena, AST_REPORT, sp);
	n->u.report.what = settlement ? REPORT_SETTLEMENT : REPORT_PROVOCATION;
	n->u.report.a = settlement ? a : *b;
	if (settlement)
		n->u.report.b = *b;
	return n;
}

struct ast_node *parse_report_mediation(struct parse_ctx *ctx, struct span sp,
					struct ast_ident m)
{
	struct ast_node *n = ast_new(ctx->arena, AST_REPORT, sp);
	n->u.report.what = REPORT_MEDIATION;
	n->u.report.a = m;
	return n;
}

struct ast_node *parse_sweep(struct parse_ctx *ctx, struct span sp, struct ast_node *target,
			     struct ast_node *from, struct ast_node *to, struct ast_ident step,
			     struct ast_node *by, struct node_list reports)
{
	if (ctx->item_too_deep)		/* dropped; its names kept no text */
		return NULL;
	if (!spelled(step, "step"))
		return report_error(ctx, step.span, "expected `step`", step.text);
	parse_check_depth(ctx, from);
	parse_check_depth(ctx, to);
	parse_check_depth(ctx, by);
	struct ast_node *n = ast_new(ctx->arena, AST_SWEEP, sp);
	n->u.sweep.target = target;
	n->u.sweep.from = from;
	n->u.sweep.to = to;
	n->u.sweep.step = by;
	n->u.sweep.reports = reports.head;
	return n;
}

/* An item is complete (or failed: NULL): keep it unless it was too deep. */
void parse_item_done(struct parse_ctx *ctx, struct ast_node *item)
{
	if (!ctx->item_too_deep)
		parse_list_add(&ctx->items, item);
	ctx->item_too_deep = false;
	ctx->lex.discard = false;
}

/* bison's yyerror: only "memory exhausted" comes here (syntax errors go through
** yyreport_syntax_error), when the parser stack would pass YYMAXDEPTH. Brackets are
** bounded by the scanner, so only levels of an expression shifted before any is built
** (`- - - … 1`, `2^2^…`, an `else if` chain) get here: it is the same error as
** parse_check_depth's, said alike and at the same place, past_limit, the start of the
** (SCEN_MAX_DEPTH + 1)th level counted from the outside (scen.y, level_past_limit). */
void parse_error(struct span *loc, void *scanner, struct parse_ctx *ctx, const char *msg,
		 const struct span *past_limit)
{
	(void)scanner;
	if (ctx->lex.stopped)
		return;
	if (strcmp(msg, "memory exhausted") == 0) {
		struct span at = past_limit ? (struct span){ past_limit->start,
							     past_limit->start + 1 } : *loc;
		diag_error(ctx->sink, &ctx->file->src, at,
			   "expression nested too deeply (limit is %d)", SCEN_MAX_DEPTH);
	} else {
		diag_error(ctx->sink, &ctx->file->src, *loc, "%s", msg);
	}
	ctx->errors++;
}

/* ---- line endings ---- */

/* A carriage return alone (not before a line feed, nor before CRs before one) is no
** line ending here: the lexer reads it as a blank, so a file saved with CR line endings
** (classic Mac OS) would be one line, a comment at its top swallowing everything after
** it. The first lone CR is
** reported, and the file not parsed: its lines, and so every later position, are not
** known. True when there was one. */
static bool lone_cr_reported(struct ast_file *out, const char *text, size_t len,
			     struct diag_sink *sink)
{
	const char *end = text + len, *cr = memchr(text, '\r', len);
	for (;;) {	/* CRs before an LF are blanks at the end of its line (CRLF, CRCRLF) */
		if (!cr)
			return false;
		const char *after = cr;
		while (after < end && *after == '\r')
			after++;
		if (after == end || *after != '\n')
			break;
		cr = memchr(after, '\r', (size_t)(end - after));
	}
	uint32_t at = (uint32_t)(cr - text);
	struct span sp = { at, at + 1 };
	if (!memchr(text, '\n', len))
		diag_error(sink, &out->src, sp, "this file's lines end in a carriage return alone "
			   "(CR, as classic Mac OS saved text): save it with LF or CRLF line "
			   "endings");
	else
		diag_error(sink, &out->src, sp, "a carriage return alone (CR) ends this line, "
			   "which the other lines do not: save the file with LF or CRLF line "
			   "endings");
	return true;
}

/* ---- the interface of parse.h ---- */

int parse_text(struct ast_file *out, struct arena *a, const char *name, const char *text,
	       size_t len, struct diag_sink *sink)
{
	memset(out, 0, sizeof *out);
	srcfile_init(&out->src, a, name, text, len);
	if (lone_cr_reported(out, text, len, sink))
		return 1;
	struct parse_ctx *ctx = ARENA_NEW(a, struct parse_ctx);
	ctx->arena = a;
	ctx->file = out;
	ctx->sink = sink;
	void *scanner;
	if (!lex_open(&scanner, &ctx->lex, a, &out->src, sink, &out->comments)) {
		diag_error(sink, &out->src, (struct span){ 0, 0 }, "out of memory");
		return 1;
	}
	scen_yyparse(scanner, ctx);
	lex_close(scanner);
	out->items = ctx->items.head;
	unsigned errors = ctx->errors + ctx->lex.errors;
	out->incomplete = errors > 0 && errors == ctx->eof_errors;
	return (int)errors;
}

bool parse_incomplete(const struct ast_file *f)
{
	return f->incomplete;
}
