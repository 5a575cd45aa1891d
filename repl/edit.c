/*
** edit.c: the REPL's edits of the session's source text. Each edit splices typed
** text into the old text at a place the AST gives (an attribute's span, an item's span,
** a block's closing brace) and records where the typed bytes landed (struct repl_text),
** so that the caller can show a diagnostic there against the typed line. The text is
** not reformatted: the rest of the file keeps its layout and comments.
*/
#include <stdio.h>
#include <string.h>

#include "parser/parse.h"
#include "repl/repl.h"
#include "util/xalloc.h"

static bool is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static size_t skip_blanks(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* The end of a name starting at i (i itself when there is none). */
static size_t scan_name(const char *s, size_t i, size_t len)
{
	if (i >= len || !is_name_start(s[i]))
		return i;
	while (i < len && is_name_char(s[i]))
		i++;
	return i;
}

/* Where the attribute ends: before a `#` comment (outside strings) and trailing space. */
static size_t attr_end(const char *s, size_t i, size_t len)
{
	bool in_str = false;
	size_t end = i;
	for (; i < len; i++) {
		char c = s[i];
		if (in_str && c == '\\' && i + 1 < len) {
			i++;
		} else if (c == '"') {
			in_str = !in_str;
		} else if (c == '#' && !in_str) {
			break;
		}
	}
	end = i;
	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n' ||
			   s[end - 1] == '\r' || s[end - 1] == ';'))
		end--;
	return end;
}

bool repl_parse_assign(const char *line, size_t len, struct repl_assign *a)
{
	memset(a, 0, sizeof *a);
	size_t i = skip_blanks(line, 0, len);
	a->owner = i;
	i = scan_name(line, i, len);
	a->owner_len = i - a->owner;
	if (!a->owner_len || i >= len || line[i] != '.')
		return false;
	a->attr = ++i;
	i = scan_name(line, i, len);
	a->attr_len = i - a->attr;
	i = skip_blanks(line, i, len);
	if (!a->attr_len || i >= len || (line[i] != '=' && line[i] != '~'))
		return false;
	if (line[i] == '=' && i + 1 < len && line[i + 1] == '=')
		return false;
	a->uncertain = line[i] == '~';
	a->value = i + 1;
	a->end = attr_end(line, a->value, len);
	return a->end >= a->value;
}

/* The end of line[value, end) without a `private` after the expression. */
static size_t before_private(const char *line, size_t value, size_t end)
{
	static const char word[] = "private";
	size_t n = sizeof word - 1;
	if (end - value < n || memcmp(line + end - n, word, n) != 0 ||
	    (end - n > value && is_name_char(line[end - n - 1])))
		return end;
	end -= n;
	while (end > value && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	return end;
}

bool repl_check_value(const struct srcfile *entry, const struct repl_assign *a,
		      struct diag_sink *sink)
{
	static const char prefix[] = "let _ = ";
	const size_t at = sizeof prefix - 1;
	const char *line = entry->text;
	size_t n = before_private(line, a->value, a->end) - a->value;
	struct arena ar;
	arena_init(&ar);
	char *probe = arena_printf(&ar, "%s%.*s\n", prefix, (int)n, line + a->value);
	struct diag_sink quiet;
	diag_init(&quiet);
	struct ast_file f;
	parse_text(&f, &ar, "--", probe, strlen(probe), &quiet);
	if (!quiet.errors && f.items && f.items->next)	/* `5; let y = 1`: a second item */
		diag_error(&quiet, NULL, f.items->next->span, "expected the end of the value, "
			   "found more after it");
	bool ok = quiet.errors == 0;
	/* probe[at, at + n] is line[a->value, a->value + n]; what lies beyond is its end */
	for (const struct diag *d = quiet.first; d; d = d->next) {
		if (d->level != DIAG_ERROR)
			continue;
		uint32_t s = d->span.start < at ? 0 : d->span.start - at;
		uint32_t e = d->span.end < at ? 0 : d->span.end - at;
		struct span sp = { (uint32_t)a->value + (s < n ? s : (uint32_t)n),
				   (uint32_t)a->value + (e < n ? e : (uint32_t)n) };
		diag_error(sink, entry, sp, "%s", d->msg);
	}
	diag_free(&quiet);
	arena_free(&ar);
	return ok;
}

/* out = text[0, at) + pre + ins[0, n) + post + text[at + del, len); out->at is where
** ins landed. */
static void splice(const char *text, size_t len, size_t at, size_t del, const char *pre,
		   const char *ins, size_t n, const char *post, struct repl_text *out)
{
	size_t lp = strlen(pre), lq = strlen(post);
	out->len = len - del + lp + n + lq;
	out->text = xmalloc(out->len + 1);
	char *o = out->text;
	memcpy(o, text, at);
	memcpy(o + at, pre, lp);
	memcpy(o + at + lp, ins, n);
	memcpy(o + at + lp + n, post, lq);
	memcpy(o + at + lp + n + lq, text + at + del, len - at - del);
	o[out->len] = '\0';
	out->at = at + lp;
	out->n = n;
}


/* Does name spell this conflict, "STATE vs REBELS" (any spaces around `vs`)? */
static bool names_conflict(const struct ast_node *it, const char *name)
{
	char a[128], b[128];
	return it->kind == AST_CONFLICT && sscanf(name, " %127s vs %127s", a, b) == 2 &&
	       strcmp(a, it->u.conflict.state.text) == 0 &&
	       strcmp(b, it->u.conflict.rebels.text) == 0;
}

const struct ast_node *repl_find_item(const struct ast_file *f, const char *name)
{
	for (const struct ast_node *it = f->items; it; it = it->next) {
		const char *n = ast_item_name(it);
		if ((n && strcmp(n, name) == 0) || names_conflict(it, name))
			return it;
	}
	return NULL;
}

static bool same_conflict(const struct ast_node *x, const struct ast_node *y)
{
	return strcmp(x->u.conflict.state.text, y->u.conflict.state.text) == 0 &&
	       strcmp(x->u.conflict.rebels.text, y->u.conflict.rebels.text) == 0;
}

const struct ast_node *repl_find_same(const struct ast_file *f, const struct ast_node *item)
{
	const char *name = ast_item_name(item);
	for (const struct ast_node *it = f->items; it; it = it->next) {
		if (it->kind != item->kind)
			continue;
		if (it->kind == AST_SCENARIO ||
		    (it->kind == AST_CONFLICT && same_conflict(it, item)))
			return it;
		const char *n = ast_item_name(it);
		if (name && n && strcmp(n, name) == 0)
			return it;
	}
	return NULL;
}

static const struct ast_node *block_attrs(const struct ast_node *item)
{
	return item->kind == AST_ACTOR ? item->u.actor.attrs : item->u.block.attrs;
}

static size_t line_start(const char *text, size_t i)
{
	while (i > 0 && text[i - 1] != '\n')
		i--;
	return i;
}

/* True when text[ls, i) is only blanks. */
static bool only_blanks(const char *text, size_t ls, size_t i)
{
	return skip_blanks(text, ls, i) == i;
}

/* Inserts ins into the block of item, whose closing brace is at close. */
static void insert_attr(const char *text, size_t len, const struct ast_node *item,
			size_t close, const char *ins, size_t n, struct repl_text *out)
{
	const struct ast_node *last = block_attrs(item);
	while (last && last->next)
		last = last->next;
	size_t cls = line_start(text, close);
	if (!only_blanks(text, cls, close)) {
		/* `{ a = 1 }` or `  a = 1 }`: on the same line */
		if (last)
			splice(text, len, last->span.end, 0, "; ", ins, n, "", out);
		else
			splice(text, len, close, 0, text[close - 1] == ' ' ? "" : " ", ins, n, " ",
			       out);
		return;
	}
	/* `}` on its own line: a new line above it, indented as the last attribute */
	char indent[64] = "  ";
	if (last) {
		size_t ls = line_start(text, last->span.start);
		size_t w = last->span.start - ls;
		if (only_blanks(text, ls, last->span.start) && w < sizeof indent) {
			memcpy(indent, text + ls, w);
			indent[w] = '\0';
		}
	}
	splice(text, len, cls, 0, indent, ins, n, "\n", out);
}

void repl_edit_attr(const char *text, size_t len, const struct ast_node *item,
		    const char *line, const struct repl_assign *a, struct repl_text *out)
{
	const char *ins = line + a->attr;
	size_t n = a->end - a->attr;
	out->from = a->attr;
	for (const struct ast_node *at = block_attrs(item); at; at = at->next) {
		if (strlen(at->u.attr.name.text) == a->attr_len &&
		    memcmp(at->u.attr.name.text, ins, a->attr_len) == 0) {
			splice(text, len, at->span.start, at->span.end - at->span.start, "", ins,
			       n, "", out);
			return;
		}
	}
	if (item->kind == AST_ACTOR && !item->u.actor.has_block) {
		splice(text, len, item->span.end, 0, " { ", ins, n, " }", out);
		return;
	}
	size_t close = item->span.end;
	while (close > item->span.start && text[close - 1] != '}')
		close--;
	insert_attr(text, len, item, close ? close - 1 : 0, ins, n, out);
}

void repl_edit_value(const char *text, size_t len, const char *name, const char *entry,
		     size_t n, struct repl_text *out)
{
	char pre[64];
	snprintf(pre, sizeof pre, "\nlet %s = ", name);
	out->from = 0;
	splice(text, len, len, 0, pre, entry, n, "\n", out);
}

void repl_edit_item(const char *text, size_t len, const struct ast_node *item,
		    const char *entry, size_t n, struct repl_text *out)
{
	out->from = 0;
	if (item) {
		splice(text, len, item->span.start, item->span.end - item->span.start, "", entry,
		       n, "", out);
		return;
	}
	/* a new item goes after a blank line, as `scen fmt` separates items (issue 19) */
	const char *pre = len == 0 ? ""
			  : text[len - 1] != '\n' ? "\n\n"
			  : len >= 2 && text[len - 2] == '\n' ? "" : "\n";
	splice(text, len, len, 0, pre, entry, n, "\n", out);
}
