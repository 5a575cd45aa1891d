/*
** print.c: AST -> canonical source, the printer behind `scen fmt` (docs: language.md).
**
** Contract (checked by tests/fuzz/fuzz_scen.c): the output parses with no error to an AST
** equal to the input's (ast_list_equal), keeps every comment with its text, and is a
** fixed point: fmt(fmt(x)) == fmt(x) byte for byte.
**
** The canonical style:
**   - two spaces per block level; one item per line at top level, one attribute or
**     report per line in a block; every expression on one line, with canonical spacing
**     (`a + b`, `f(x, y)`, `[a, b]`, `-x`, `not x`) and only the parentheses that
**     precedence and associativity need (if-then-else, as an operand, always gets them);
**   - numbers keep their source spelling; strings are re-escaped (\" \\ \n \t);
**   - a block written on one line in the source (from `{` to `}`) with no comment in it
**     stays on one line, `{ a = 1; b = 2 }`, when that line fits in PRINT_WIDTH columns;
**     an empty block prints `{}` (ast_equal ignores has_block, but the AST keeps it and
**     fmt keeps what the author wrote: `actor a : r {}` stays, `actor a : r` stays);
**   - one blank line where the source had one or more blank lines, never at the start
**     or the end of a block or of the file;
**   - in a run of consecutive attribute lines of one block (no blank line and no
**     own-line comment between them), names are padded so that `=`/`~` line up;
**   - trailing comments, gofmt's rule: in a run of consecutive lines at one indentation
**     that all carry a trailing comment, the comments start in one column, two spaces
**     after the longest code in the run (a line without one ends the run);
**   - a comment on its own line stays on its own line, indented to the current level,
**     before what followed it; a comment after code stays at the end of that line;
**     a comment inside an expression or an item's header (`conflict a vs # ...`) is
**     moved onto its own line before that item or attribute, since expressions print
**     on one line.
**
** How: the printer walks the items in source order with a cursor over the comment list
** (comments are in source order too) and the byte spans of the nodes; it collects
** output lines, then lines up names and trailing comments, then writes. Recursion
** over expressions is bounded by SCEN_MAX_DEPTH (the parser drops deeper items).
*/
#include "parser/print.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Longest one-line block, in columns (UTF-8 code points), indentation included. */
#define PRINT_WIDTH 100
/* Spaces between the longest code of a run and its trailing comments. */
#define COMMENT_GAP 2

/* ---- growable strings ---- */

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

static void buf_spaces(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_putc(b, ' ');
}

/* The string built so far (never NULL); b is empty again and owns nothing. */
static char *buf_take(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	*b = (struct buf){ 0 };
	return s;
}

/* Display width: one column per UTF-8 code point. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* ---- expressions ---- */

/* if-then-else binds loosest of all; literals, names, calls and lists tightest. */
enum { PREC_IF = 0, PREC_PRIMARY = 9 };

static int expr_precedence(const struct ast_node *e)
{
	if (e->kind == AST_IF)
		return PREC_IF;
	if (e->kind == AST_UNARY)
		return ast_op_precedence(e->u.unary.op);
	if (e->kind == AST_BINARY)
		return ast_op_precedence(e->u.binary.op);
	return PREC_PRIMARY;
}

static bool is_comparison(enum ast_op op)
{
	return ast_op_precedence(op) == ast_op_precedence(OP_LT);
}

/*
** Whether a binary operand needs parentheses. An `if` always does: its else branch
** would swallow whatever follows. A looser operand does, on either side: a prefix
** `not b` on the right of `a + not b + c` would take `b + c`. At equal precedence
** (only binary operators tie), comparisons are non-associative and the others keep
** their associativity: `a - (b - c)` and `(a ^ b) ^ c` keep theirs.
*/
static bool operand_needs_parens(enum ast_op op, const struct ast_node *child, bool right)
{
	int parent = ast_op_precedence(op), prec = expr_precedence(child);
	if (child->kind == AST_IF)
		return true;
	if (prec != parent)
		return prec < parent;
	if (is_comparison(op))
		return true;
	return right != ast_op_right_assoc(op);
}

static void put_expr(struct buf *b, const struct ast_node *e);

static void put_operand(struct buf *b, const struct ast_node *e, bool parens)
{
	if (parens)
		buf_putc(b, '(');
	put_expr(b, e);
	if (parens)
		buf_putc(b, ')');
}

/* Source spelling of a string: quotes and the escapes the scanner knows; UTF-8 raw. */
static void put_string(struct buf *b, const char *s, size_t len)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default: buf_putc(b, s[i]); break;
		}
	}
	buf_putc(b, '"');
}

/* Numbers keep the source spelling (`200_000`, `25%`, `1e6`), so fmt never changes
** one; a node built without it (by a tool, not the parser) prints its value. */
static void put_number(struct buf *b, const struct ast_node *e)
{
	if (e->u.num.text) {
		buf_puts(b, e->u.num.text);
		return;
	}
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%.17g", e->u.num.value);
	buf_puts(b, tmp);
}

/* Expressions separated by ", " (call arguments, list elements, fn parameters). */
static void put_expr_list(struct buf *b, const struct ast_node *n)
{
	for (; n; n = n->next) {
		put_expr(b, n);
		if (n->next)
			buf_puts(b, ", ");
	}
}

static void put_unary(struct buf *b, const struct ast_node *e)
{
	const struct ast_node *x = e->u.unary.operand;
	bool parens = x->kind == AST_IF || expr_precedence(x) < ast_op_precedence(e->u.unary.op);
	buf_puts(b, e->u.unary.op == OP_NOT ? "not " : "-");
	put_operand(b, x, parens);
}

static void put_binary(struct buf *b, const struct ast_node *e)
{
	enum ast_op op = e->u.binary.op;
	put_operand(b, e->u.binary.lhs, operand_needs_parens(op, e->u.binary.lhs, false));
	buf_putc(b, ' ');
	buf_puts(b, ast_op_text(op));
	buf_putc(b, ' ');
	put_operand(b, e->u.binary.rhs, operand_needs_parens(op, e->u.binary.rhs, true));
}

/* `if c then a else b`: the keywords delimit c and a, and b runs to the end of the
** enclosing expression, so no branch needs parentheses. */
static void put_if(struct buf *b, const struct ast_node *e)
{
	buf_puts(b, "if ");
	put_expr(b, e->u.cond.cond);
	buf_puts(b, " then ");
	put_expr(b, e->u.cond.then);
	buf_puts(b, " else ");
	put_expr(b, e->u.cond.els);
}

static void put_expr(struct buf *b, const struct ast_node *e)
{
	switch (e->kind) {
	case AST_NUM: put_number(b, e); return;
	case AST_BOOL: buf_puts(b, e->u.boolean ? "true" : "false"); return;
	case AST_STR: put_string(b, e->u.str.text, e->u.str.len); return;
	case AST_NAME: buf_puts(b, e->u.name.text); return;
	case AST_FIELD:
		buf_puts(b, e->u.field.owner.text);
		buf_putc(b, '.');
		buf_puts(b, e->u.field.attr.text);
		return;
	case AST_LIST:
		buf_putc(b, '[');
		put_expr_list(b, e->u.list.items);
		buf_putc(b, ']');
		return;
	case AST_CALL:
		buf_puts(b, e->u.call.fn.text);
		buf_putc(b, '(');
		put_expr_list(b, e->u.call.args);
		buf_putc(b, ')');
		return;
	case AST_UNARY: put_unary(b, e); return;
	case AST_BINARY: put_binary(b, e); return;
	case AST_IF: put_if(b, e); return;
	case AST_ATTR: case AST_SCENARIO: case AST_IMPORT: case AST_LET: case AST_FN:
	case AST_STAKE: case AST_ACTOR: case AST_CONFLICT: case AST_SANCTION:
	case AST_MEDIATION: case AST_REPORT: case AST_SWEEP:
		break;
	}
	buf_puts(b, "?");	/* not an expression: a caller's bug, shown rather than hidden */
}

/* ---- one-line forms of items and attributes ---- */

/* `= expr`, `~ expr` or `~ expr private`: an attribute after its name. */
static void put_attr_rest(struct buf *b, const struct ast_node *a)
{
	buf_puts(b, a->u.attr.uncertain ? "~ " : "= ");
	put_expr(b, a->u.attr.value);
	if (a->u.attr.private_)
		buf_puts(b, " private");
}

static void put_attr(struct buf *b, const struct ast_node *a)
{
	buf_puts(b, a->u.attr.name.text);
	buf_putc(b, ' ');
	put_attr_rest(b, a);
}

static void put_report(struct buf *b, const struct ast_node *r)
{
	buf_puts(b, "report ");
	switch (r->u.report.what) {
	case REPORT_SETTLEMENT:
		buf_puts(b, "settlement ");
		buf_puts(b, r->u.report.a.text);
		buf_puts(b, " vs ");
		buf_puts(b, r->u.report.b.text);
		return;
	case REPORT_PROVOCATION:
		buf_puts(b, "provocation by ");
		buf_puts(b, r->u.report.a.text);
		return;
	case REPORT_MEDIATION:
		buf_puts(b, "mediation ");
		buf_puts(b, r->u.report.a.text);
		return;
	}
}

static void put_let(struct buf *b, const struct ast_node *n)
{
	buf_puts(b, "let ");
	buf_puts(b, n->u.let.name.text);
	buf_puts(b, n->u.let.uncertain ? " ~ " : " = ");
	put_expr(b, n->u.let.value);
}

static void put_fn(struct buf *b, const struct ast_node *n)
{
	buf_puts(b, "fn ");
	buf_puts(b, n->u.fn.name.text);
	buf_putc(b, '(');
	put_expr_list(b, n->u.fn.params);
	buf_puts(b, ") = ");
	put_expr(b, n->u.fn.body);
}

/* `TARGET from X to Y step Z`: a sweep's axis. */
static void put_sweep_axis(struct buf *b, const struct ast_node *n)
{
	put_expr(b, n->u.sweep.target);
	buf_puts(b, " from ");
	put_expr(b, n->u.sweep.from);
	buf_puts(b, " to ");
	put_expr(b, n->u.sweep.to);
	buf_puts(b, " step ");
	put_expr(b, n->u.sweep.step);
}

static void put_sweep_header(struct buf *b, const struct ast_node *n)
{
	buf_puts(b, "sweep ");
	put_sweep_axis(b, n);
	if (n->u.sweep.second) {
		buf_puts(b, ", ");
		put_sweep_axis(b, n->u.sweep.second);
	}
}

/* Words separated by single spaces, up to the first NULL. */
static void put_words(struct buf *b, const char *const *words)
{
	for (size_t i = 0; words[i]; i++) {
		if (i > 0)
			buf_putc(b, ' ');
		buf_puts(b, words[i]);
	}
}

/* The part of a block item before its `{` (nothing for other nodes). */
static void put_header(struct buf *b, const struct ast_node *n)
{
	switch (n->kind) {
	case AST_SCENARIO:
		buf_puts(b, "scenario ");
		put_string(b, n->u.scenario.title, strlen(n->u.scenario.title));
		return;
	case AST_STAKE:
		put_words(b, (const char *[]){ "stake", n->u.block.name.text, NULL });
		return;
	case AST_SANCTION:
		put_words(b, (const char *[]){ "sanction", n->u.block.name.text, NULL });
		return;
	case AST_MEDIATION:
		put_words(b, (const char *[]){ "mediation", n->u.block.name.text, NULL });
		return;
	case AST_ACTOR:
		put_words(b, (const char *[]){ "actor", n->u.actor.name.text, ":",
					       n->u.actor.role.text, NULL });
		return;
	case AST_CONFLICT:
		put_words(b, (const char *[]){ "conflict", n->u.conflict.state.text, "vs",
					       n->u.conflict.rebels.text, "over",
					       n->u.conflict.stake.text, NULL });
		return;
	case AST_SWEEP: put_sweep_header(b, n); return;
	case AST_NUM: case AST_BOOL: case AST_STR: case AST_LIST: case AST_NAME:
	case AST_FIELD: case AST_CALL: case AST_UNARY: case AST_BINARY: case AST_IF:
	case AST_ATTR: case AST_IMPORT: case AST_LET: case AST_FN: case AST_REPORT:
		return;
	}
}

/* An item that has no block: the whole item; a block item: its header. */
static void put_line_item(struct buf *b, const struct ast_node *n)
{
	switch (n->kind) {
	case AST_IMPORT:
		buf_puts(b, "import ");
		put_string(b, n->u.import.path, strlen(n->u.import.path));
		return;
	case AST_LET: put_let(b, n); return;
	case AST_FN: put_fn(b, n); return;
	case AST_REPORT: put_report(b, n); return;
	case AST_ATTR: put_attr(b, n); return;
	case AST_NUM: case AST_BOOL: case AST_STR: case AST_LIST: case AST_NAME:
	case AST_FIELD: case AST_CALL: case AST_UNARY: case AST_BINARY: case AST_IF:
	case AST_SCENARIO: case AST_STAKE: case AST_ACTOR: case AST_CONFLICT:
	case AST_SANCTION: case AST_MEDIATION: case AST_SWEEP:
		put_header(b, n);
		return;
	}
}

/* The children printed inside an item's braces, and whether it has braces at all. */
static const struct ast_node *block_children(const struct ast_node *n, bool *has_block)
{
	*has_block = true;
	switch (n->kind) {
	case AST_SCENARIO: return n->u.scenario.attrs;
	case AST_STAKE: case AST_SANCTION: case AST_MEDIATION: return n->u.block.attrs;
	case AST_ACTOR: *has_block = n->u.actor.has_block; return n->u.actor.attrs;
	case AST_CONFLICT: *has_block = n->u.conflict.has_block; return n->u.conflict.attrs;
	case AST_SWEEP: return n->u.sweep.reports;
	case AST_NUM: case AST_BOOL: case AST_STR: case AST_LIST: case AST_NAME:
	case AST_FIELD: case AST_CALL: case AST_UNARY: case AST_BINARY: case AST_IF:
	case AST_ATTR: case AST_IMPORT: case AST_LET: case AST_FN: case AST_REPORT:
		break;
	}
	*has_block = false;
	return NULL;
}

/* The end of the last token before a block item's `{`. */
static uint32_t header_end(const struct ast_node *n)
{
	if (n->kind == AST_SCENARIO)
		return n->u.scenario.title_span.end;
	if (n->kind == AST_ACTOR)
		return n->u.actor.role.span.end;
	if (n->kind == AST_CONFLICT)
		return n->u.conflict.stake.span.end;
	if (n->kind == AST_SWEEP)
		return (n->u.sweep.second ? n->u.sweep.second : n)->u.sweep.step->span.end;
	return n->u.block.name.span.end;	/* stake, sanction, mediation */
}

/* ---- output lines ---- */

/* One output line: a blank line (code NULL), an own-line comment, or code with an
** optional trailing comment. An attribute line keeps its name apart, so that names
** can be padded when the lines are written. */
struct line {
	unsigned indent;
	const char *name;	/* attribute lines: the name; code holds the rest */
	char *code;		/* owned; NULL for a blank line */
	const char *comment;	/* trailing comment, from the AST; or NULL */
};

struct printer {
	const char *src;	/* the source text; NULL without one (print_item) */
	uint32_t srclen;
	const struct ast_comment *comment;	/* the next comment not yet printed */
	uint32_t last_end;	/* source offset just after the last thing printed */
	bool can_trail;		/* the last line is code that ends at last_end */
	bool block_empty;	/* nothing printed yet in the current block or file */
	unsigned indent;
	struct line *lines;
	size_t nlines, cap;
};

static void add_line(struct printer *p, const char *name, char *code)
{
	if (p->nlines == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->lines = xrealloc(p->lines, p->cap * sizeof *p->lines);
	}
	p->lines[p->nlines++] = (struct line){ p->indent, name, code, NULL };
}

/* A line of code (taken from b) whose source ends at offset end: a comment after that
** on the same source line will trail it. */
static void add_code(struct printer *p, const char *name, struct buf *b, uint32_t end)
{
	add_line(p, name, buf_take(b));
	p->last_end = end;
	p->can_trail = true;
	p->block_empty = false;
}

/* ---- blank lines and comments ---- */

/* Whether source bytes [from, to) hold a whole line of nothing but blanks. */
static bool blank_line_between(const struct printer *p, uint32_t from, uint32_t to)
{
	bool line_blank = false;	/* only blanks since the last newline */
	for (uint32_t i = from; i < to && i < p->srclen; i++) {
		char c = p->src[i];
		if (c == '\n' && line_blank)
			return true;
		if (c == '\n')
			line_blank = true;
		else if (c != ' ' && c != '\t' && c != '\r')
			line_blank = false;
	}
	return false;
}

/* One blank line before what starts at pos when the source had one or more, except
** at the start of a block or of the file. */
static void keep_blank_line(struct printer *p, uint32_t pos)
{
	if (p->src && !p->block_empty && pos > p->last_end &&
	    blank_line_between(p, p->last_end, pos))
		add_line(p, NULL, NULL);
}

static bool newline_between(const struct printer *p, uint32_t from, uint32_t to)
{
	for (uint32_t i = from; i < to && i < p->srclen; i++)
		if (p->src[i] == '\n')
			return true;
	return false;
}

/* A comment's text as printed: without the carriage returns at its end. The scanner
** strips one (CRLF input), so `# c\r\r\n` must print as `# c`, not `# c\r`, or the
** next fmt would see a different comment. */
static size_t comment_length(const char *text)
{
	size_t n = strlen(text);
	while (n > 0 && text[n - 1] == '\r')
		n--;
	return n;
}

static void own_line_comment(struct printer *p, const struct ast_comment *c)
{
	struct buf b = { 0 };
	buf_add(&b, c->text, comment_length(c->text));
	keep_blank_line(p, c->span.start);
	add_line(p, NULL, buf_take(&b));
	p->last_end = c->span.end;
	p->can_trail = false;
	p->block_empty = false;
}

/* Prints the comments that start before pos: one on the source line of the last
** code printed trails that code; the others stand on their own lines. */
static void comments_before(struct printer *p, uint32_t pos)
{
	while (p->comment && p->comment->span.start < pos) {
		const struct ast_comment *c = p->comment;
		p->comment = c->next;
		if (p->can_trail && !newline_between(p, p->last_end, c->span.start)) {
			p->lines[p->nlines - 1].comment = c->text;
			p->last_end = c->span.end;
			p->can_trail = false;
		} else {
			own_line_comment(p, c);
		}
	}
}

/* Comments inside something printed on one line (an expression, a header) before
** pos: each goes on its own line, ahead of that thing. */
static void comments_inside(struct printer *p, uint32_t pos)
{
	while (p->comment && p->comment->span.start < pos) {
		const struct ast_comment *c = p->comment;
		p->comment = c->next;
		own_line_comment(p, c);
	}
}

/* Everything ahead of a construct starting at span.start: the comments before it, the
** comments inside it up to `inner_end`, and a blank line if the source had one. */
static void before_construct(struct printer *p, struct span span, uint32_t inner_end)
{
	comments_before(p, span.start);
	comments_inside(p, inner_end);
	keep_blank_line(p, span.start);
}

/* ---- items and blocks ---- */

/* One attribute or report line inside a block. */
static void print_child(struct printer *p, const struct ast_node *n)
{
	struct buf b = { 0 };
	before_construct(p, n->span, n->span.end);
	if (n->kind == AST_ATTR) {
		put_attr_rest(&b, n);
		add_code(p, n->u.attr.name.text, &b, n->span.end);
	} else {
		put_line_item(&b, n);
		add_code(p, NULL, &b, n->span.end);
	}
}

/* The offset of an item's `{`: the first one after its header (only blanks between,
** since a newline after the header's last token would have ended the item). */
static uint32_t brace_offset(const struct printer *p, const struct ast_node *n)
{
	uint32_t i = header_end(n);
	while (i < n->span.end && p->src[i] != '{')
		i++;
	return i;
}

/* `{ a = 1; b = 2 }` (or `{}`) after the header in b: the block on one line. */
static void put_block_one_line(struct buf *b, const struct ast_node *children)
{
	if (!children) {
		buf_puts(b, " {}");
		return;
	}
	buf_puts(b, " { ");
	for (const struct ast_node *c = children; c; c = c->next) {
		put_line_item(b, c);
		buf_puts(b, c->next ? "; " : " }");
	}
}

/* Whether the block [brace, end) stays on one line: an empty one without comments
** always; another when the source had it on one line, without comments, and the
** line fits. */
static bool block_on_one_line(const struct printer *p, const struct ast_node *children,
			      uint32_t brace, uint32_t end, const struct buf *line)
{
	if (p->comment && p->comment->span.start < end)
		return false;
	if (!children)
		return true;
	return p->src && !newline_between(p, brace, end) &&
	       p->indent * 2 + width(line->s) <= PRINT_WIDTH;
}

/* The block of an item whose header line is in b, one child per line. */
static void print_block_lines(struct printer *p, const struct ast_node *item,
			      const struct ast_node *children, struct buf *b, uint32_t brace)
{
	buf_puts(b, " {");
	add_code(p, NULL, b, brace + 1);
	p->indent++;
	p->block_empty = true;
	for (const struct ast_node *c = children; c; c = c->next)
		print_child(p, c);
	comments_before(p, item->span.end - 1);
	p->indent--;
	buf_puts(b, "}");
	add_code(p, NULL, b, item->span.end);
}

static void print_block_item(struct printer *p, const struct ast_node *n,
			     const struct ast_node *children)
{
	uint32_t brace = p->src ? brace_offset(p, n) : n->span.start;
	before_construct(p, n->span, brace);
	struct buf b = { 0 }, one = { 0 };
	put_header(&b, n);
	buf_add(&one, b.s, b.len);
	put_block_one_line(&one, children);
	if (block_on_one_line(p, children, brace, n->span.end, &one)) {
		add_code(p, NULL, &one, n->span.end);
		free(b.s);
		return;
	}
	free(one.s);
	print_block_lines(p, n, children, &b, brace);
}

static void print_top_item(struct printer *p, const struct ast_node *n)
{
	bool has_block;
	const struct ast_node *children = block_children(n, &has_block);
	if (has_block) {
		print_block_item(p, n, children);
		return;
	}
	struct buf b = { 0 };
	before_construct(p, n->span, n->span.end);
	put_line_item(&b, n);
	add_code(p, NULL, &b, n->span.end);
}

/* ---- writing the lines out ---- */

/* Lines i and j (i < j) are in one run: lines are aligned over runs. */
typedef bool same_run_fn(const struct line *i, const struct line *j);

/* Attribute lines of one block (nothing between them) pad their names together. */
static bool same_name_run(const struct line *i, const struct line *j)
{
	return i->name && j->name && i->indent == j->indent;
}

/* Lines at one indentation that all carry a trailing comment align the comments. */
static bool same_comment_run(const struct line *i, const struct line *j)
{
	return i->comment && j->comment && i->indent == j->indent;
}

/* The end (exclusive) of the run that starts at line i. */
static size_t run_end(const struct line *lines, size_t n, size_t i, same_run_fn *same)
{
	size_t end = i + 1;
	while (end < n && same(&lines[end - 1], &lines[end]))
		end++;
	return end;
}

/* The width that each line's name is padded to: the longest name of its run. Each run
** is measured once, so that a block of thousands of attributes stays linear. */
static size_t *name_widths(const struct printer *p)
{
	size_t *w = xcalloc(p->nlines ? p->nlines : 1, sizeof *w);
	for (size_t i = 0, end; i < p->nlines; i = end) {
		end = run_end(p->lines, p->nlines, i, same_name_run);
		size_t longest = 0;
		for (size_t k = i; k < end; k++)
			if (p->lines[k].name && width(p->lines[k].name) > longest)
				longest = width(p->lines[k].name);
		for (size_t k = i; k < end; k++)
			w[k] = longest;
	}
	return w;
}

/* The code of each line with its indentation and padded name. Returns owned strings. */
static char **compose(const struct printer *p)
{
	char **text = xcalloc(p->nlines ? p->nlines : 1, sizeof *text);
	size_t *name_width = name_widths(p);
	for (size_t i = 0; i < p->nlines; i++) {
		const struct line *l = &p->lines[i];
		struct buf b = { 0 };
		if (l->code)
			buf_spaces(&b, 2 * l->indent);
		if (l->name) {
			buf_puts(&b, l->name);
			buf_spaces(&b, 1 + name_width[i] - width(l->name));
		}
		if (l->code)
			buf_puts(&b, l->code);
		text[i] = buf_take(&b);
	}
	free(name_width);
	return text;
}

/* The column of each line's trailing comment: COMMENT_GAP after the longest code of its
** run (consecutive lines, one indentation, each with a trailing comment). */
static size_t *comment_columns(const struct printer *p, char **text)
{
	size_t *col = xcalloc(p->nlines ? p->nlines : 1, sizeof *col);
	for (size_t i = 0, end; i < p->nlines; i = end) {
		end = run_end(p->lines, p->nlines, i, same_comment_run);
		size_t longest = 0;
		for (size_t k = i; k < end; k++)
			if (width(text[k]) > longest)
				longest = width(text[k]);
		for (size_t k = i; k < end; k++)
			col[k] = longest + COMMENT_GAP;
	}
	return col;
}

/* Writes every line, each ended by a newline (the last one only when final_newline),
** and frees what the printer holds. */
static void write_lines(struct printer *p, FILE *out, bool final_newline)
{
	char **text = compose(p);
	size_t *col = comment_columns(p, text);
	for (size_t i = 0; i < p->nlines; i++) {
		fputs(text[i], out);
		if (p->lines[i].comment) {
			size_t pad = col[i] - width(text[i]);
			const char *c = p->lines[i].comment;
			fprintf(out, "%*s%.*s", (int)pad, "", (int)comment_length(c), c);
		}
		if (final_newline || i + 1 < p->nlines)
			fputc('\n', out);
	}
	for (size_t i = 0; i < p->nlines; i++) {
		free(text[i]);
		free(p->lines[i].code);
	}
	free(col);
	free(text);
	free(p->lines);
}

/* ---- the interface of print.h ---- */

void print_file(FILE *out, const struct ast_file *f)
{
	struct printer p = { 0 };
	p.src = f->src.text;
	p.srclen = (uint32_t)f->src.len;
	p.comment = f->comments;
	p.block_empty = true;
	for (const struct ast_node *n = f->items; n; n = n->next)
		print_top_item(&p, n);
	comments_before(&p, UINT32_MAX);
	write_lines(&p, out, true);
}

void print_expr(FILE *out, const struct ast_node *e)
{
	struct buf b = { 0 };
	put_expr(&b, e);
	char *s = buf_take(&b);
	fputs(s, out);
	free(s);
}

/* Without the source, a block prints one child per line (`{}` when empty) and the
** text has no final newline, so that a message can quote it. */
void print_item(FILE *out, const struct ast_node *item)
{
	struct printer p = { 0 };
	p.block_empty = true;
	if (item->kind == AST_ATTR || item->kind == AST_REPORT)
		print_child(&p, item);
	else
		print_top_item(&p, item);
	write_lines(&p, out, false);
}
