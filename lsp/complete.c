/*
** complete.c: what may be typed at a position.
**
** The context comes from the text before the cursor, not from the AST: the line being
** typed rarely parses. A scan from the start of the document, which knows comments,
** strings, brackets and the newline rule (language.md, Lexical rules), finds the
** statement the cursor is in and the blocks open around it; the statement's tokens
** then say what comes next:
**   - `NAME.`: the attributes of NAME's role;
**   - at the start of a statement: the item keywords at top level, a block's attributes
**     (with their meaning, values and default, from check/attrs.c) inside its block,
**     `report` in a sweep's;
**   - `actor NAME :` the roles; `conflict A vs B over S`, `report settlement A vs B`,
**     `report provocation by B`, `report mediation M`: the actors of the right role,
**     the stakes, the mediations;
**   - after `ATTR =` or `ATTR ~`: by the attribute's type, the actors of its roles, the
**     stakes, its choices, true and false, or for a condition (`when`) the events;
**     for a number an expression: lets, fns and the parameters in scope, actors and
**     stakes (for `owner.attr`), the builtin functions, the distributions after `~` or
**     in a let, the events and `provocation` in a sanction, and the keywords.
** The names come from the document's index (index.c), its imports' included.
*/
#include <stdlib.h>
#include <string.h>

#include "check/attrs.h"
#include "check/builtins.h"
#include "lsp/lsp_int.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

/* The protocol's CompletionItemKind numbers. */
enum {
	CK_FUNCTION = 3, CK_VARIABLE = 6, CK_CLASS = 7, CK_INTERFACE = 8, CK_MODULE = 9,
	CK_PROPERTY = 10, CK_KEYWORD = 14, CK_ENUM_MEMBER = 20, CK_STRUCT = 22, CK_EVENT = 23
};

/* The reserved words (parser/lex.l; tests/editors/run.sh checks this list against it):
** the first ITEM_KEYWORDS begin an item. */
static const char *const keywords[] = {
	"scenario", "import", "let", "fn", "stake", "actor", "conflict", "sanction",
	"mediation", "report", "sweep",
	"vs", "over", "from", "to", "if", "then", "else", "and", "or", "not", "private",
	"true", "false",
};
enum { ITEM_KEYWORDS = 11 };
static const char *const expr_keywords[] = { "if", "then", "else", "and", "or", "not",
					     "true", "false" };

/* ---- the scan ---- */

struct tok {
	uint32_t start, end;
	char kind;		/* 'w' a word, 'n' a number, 's' a string, else the character */
};

struct open_block {
	uint32_t header;	/* where its statement starts */
	uint32_t brace;		/* its `{` */
};

struct scan {
	const char *text;
	uint32_t cur;			/* the cursor */
	uint32_t stmt;			/* where the statement at the cursor starts */
	struct open_block blocks[SCEN_MAX_DEPTH];
	unsigned nblocks, parens;	/* `(`/`[` open in the statement */
	bool can_end;			/* the last token could end a statement */
	bool quiet;			/* the cursor is in a comment or a string */
};

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Whether a word is a keyword after which a newline does not end the statement. */
static bool continues(const char *w, size_t n)
{
	static const char *const ends[] = { "over", "private", "true", "false" };
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
		if (strlen(ends[i]) == n && strncmp(ends[i], w, n) == 0)
			return false;
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (strlen(keywords[i]) == n && strncmp(keywords[i], w, n) == 0)
			return true;
	return false;
}

/* Skips a comment or a string at s->text[i]; returns where it ends. */
static uint32_t skip_quoted(struct scan *s, uint32_t i)
{
	const char *t = s->text;
	char c = t[i];
	uint32_t j = i + 1;
	while (j < s->cur && t[j] != '\n' && !(c == '"' && t[j] == '"')) {
		if (c == '"' && t[j] == '\\' && j + 1 < s->cur && t[j + 1] != '\n')
			j++;
		j++;
	}
	if (j >= s->cur)
		s->quiet = true;	/* the cursor is inside it (a closed string: j < cur) */
	else if (c == '"' && t[j] == '"')
		j++, s->can_end = true;
	return j;
}

static void scan_char(struct scan *s, uint32_t i)
{
	char c = s->text[i];
	switch (c) {
	case '{':
		if (s->nblocks < SCEN_MAX_DEPTH)
			s->blocks[s->nblocks++] = (struct open_block){ s->stmt, i };
		s->stmt = i + 1, s->parens = 0, s->can_end = false;
		break;
	case '}':
		if (s->nblocks)
			s->nblocks--;
		s->stmt = i + 1, s->parens = 0, s->can_end = true;
		break;
	case ';': s->stmt = i + 1, s->parens = 0, s->can_end = false; break;
	case '\n':
		if (s->can_end && s->parens == 0)
			s->stmt = i + 1, s->can_end = false;
		break;
	case '(': case '[': s->parens++, s->can_end = false; break;
	case ')': case ']': s->parens -= s->parens > 0, s->can_end = true; break;
	case ' ': case '\t': case '\r': break;
	case '%': s->can_end = true; break;
	default: s->can_end = false; break;
	}
}

static void scan(struct scan *s)
{
	const char *t = s->text;
	for (uint32_t i = 0; i < s->cur && !s->quiet;) {
		if (t[i] == '#' || t[i] == '"') {
			i = skip_quoted(s, i);
		} else if (is_word_char(t[i])) {
			uint32_t j = i;
			while (j < s->cur && is_word_char(t[j]))
				j++;
			s->can_end = !continues(t + i, j - i);
			i = j;
		} else {
			scan_char(s, i++);
		}
	}
}

/* The tokens of text[from, to), comments skipped. */
static struct tok *tokens(const char *t, uint32_t from, uint32_t to, size_t *n)
{
	struct tok *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (uint32_t i = from; i < to;) {
		char c = t[i];
		uint32_t j = i + 1;
		if (c == '#') {
			while (j < to && t[j] != '\n')
				j++;
			i = j;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			i++;
			continue;
		}
		if (is_word_char(c)) {
			while (j < to && is_word_char(t[j]))
				j++;
			c = c >= '0' && c <= '9' ? 'n' : 'w';
		} else if (c == '"') {
			while (j < to && t[j] != '"' && t[j] != '\n')
				j += t[j] == '\\' && j + 1 < to ? 2 : 1;
			j += j < to && t[j] == '"';
			c = 's';
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[(*n)++] = (struct tok){ i, j, c };
		i = j;
	}
	return v;
}

/* ---- the items ---- */

struct items {
	json_t *list;
	const char *text;
	const struct index *index;
};

static json_t *item(struct items *it, const char *label, int kind, const char *detail)
{
	json_t *j = json_pack("{s:o,s:i}", "label", jtext(label), "kind", kind);
	if (detail)
		json_object_set_new(j, "detail", jtext(detail));
	json_array_append_new(it->list, j);
	return j;
}

static void add_keywords(struct items *it, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		item(it, words[i], CK_KEYWORD, NULL);
}

/* The markdown of an attribute's values and default. */
static char *attr_values(const struct attr_def *a)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return NULL;
	attrs_print_range(m, a);
	if (*a->unit && strcmp(a->unit, "probability") != 0)
		fprintf(m, ", %s", a->unit);
	fprintf(m, "; %s%s", a->flags & AF_REQUIRED ? "required" : "default ",
		a->flags & AF_REQUIRED ? "" : a->dflt);
	fclose(m);
	return text;
}

static void add_attrs(struct items *it, const struct role_def *r)
{
	for (size_t i = 0; r && i < r->nattrs; i++) {
		const struct attr_def *a = &r->attrs[i];
		char *values = attr_values(a), say[VOCAB_SAY_MAX];
		json_t *j = item(it, a->name, CK_PROPERTY, values);
		json_object_set_new(j, "documentation", json_pack("{s:s,s:o}", "kind", "markdown",
			"value", jtext(vocab_say(say, sizeof say, a->meaning, &vocabs[r->vocab]))));
		free(values);
	}
}

static void add_roles(struct items *it)
{
	for (size_t i = 0; i < NROLES; i++)
		if (roles[i].is_role) {
			json_t *j = item(it, roles[i].name, CK_INTERFACE, "role");
			json_object_set_new(j, "documentation", jtext(roles[i].what));
		}
}

static void add_words(struct items *it, const char *list, int kind, const char *detail)
{
	for (const char *p = list; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)n, p);
		item(it, word, kind, detail);
		p = bar ? bar + 1 : NULL;
	}
}

static void add_builtins(struct items *it, enum builtin_kind kind)
{
	for (unsigned i = 0; i < nbuiltins; i++)
		if (builtins[i].kind == kind) {
			json_t *j = item(it, builtins[i].name, CK_FUNCTION, builtins[i].sig);
			if (builtins[i].needs)
				json_object_set_new(j, "documentation",
						    jtext(builtins[i].needs));
		}
}

/* Which symbols add_symbols takes: items of these kinds, actors of these roles. */
struct want {
	unsigned kinds;		/* bit (1 << ast_kind) */
	const char *roles;	/* actors: '|'-separated roles, or NULL for any */
};
#define KIND(k) (1u << (k))

static int symbol_kind(const struct ast_node *item)
{
	switch (item->kind) {
	case AST_LET: return CK_VARIABLE;
	case AST_FN: return CK_FUNCTION;
	case AST_STAKE: return CK_STRUCT;
	case AST_ACTOR: return CK_CLASS;
	case AST_MEDIATION: return CK_MODULE;
	AST_CASES(AST_EXPR_KINDS) case AST_ATTR: case AST_SCENARIO: case AST_IMPORT:
	case AST_CONFLICT: case AST_SANCTION: case AST_REPORT: case AST_SWEEP:
		break;
	}
	return CK_EVENT;
}

/* The program's symbols (each name once: the definition that wins). */
static void add_symbols(struct items *it, struct want w)
{
	const struct index *x = it->index;
	for (size_t i = 0; i < x->n; i++) {
		const struct occ *o = &x->v[i];
		const struct ast_node *s = o->scope;
		if (!o->def || o->what != OCC_SYMBOL || o->to != i || !(w.kinds & KIND(s->kind)))
			continue;
		if (s->kind == AST_ACTOR && w.roles &&
		    !role_in_list(w.roles, role_find(s->u.actor.role.text, true)))
			continue;
		item(it, o->name, symbol_kind(s), s->kind == AST_ACTOR ? s->u.actor.role.text
		     : ast_kind_name(s->kind));
	}
}

static void add_params(struct items *it, const struct tok *t, size_t n)
{
	for (size_t i = 3; i < n && t[i].kind != ')'; i++)	/* fn NAME ( a , b ) = */
		if (t[i].kind == 'w') {
			char name[128];
			snprintf(name, sizeof name, "%.*s", (int)(t[i].end - t[i].start),
				 it->text + t[i].start);
			item(it, name, CK_VARIABLE, "parameter");
		}
}

/* ---- contexts ---- */

struct where {
	struct items *it;
	const struct tok *t;	/* the statement's tokens before the word being typed */
	size_t n;
};

static bool is(const struct items *it, const struct tok *t, const char *word)
{
	size_t n = strlen(word);
	return t->end - t->start == n && strncmp(it->text + t->start, word, n) == 0;
}

static void expression(struct items *it, bool uncertain, bool sanction)
{
	add_symbols(it, (struct want){ KIND(AST_LET) | KIND(AST_FN) | KIND(AST_ACTOR) |
				       KIND(AST_STAKE), NULL });
	add_builtins(it, B_MATH);
	if (uncertain)
		add_builtins(it, B_DIST);
	if (sanction) {
		add_words(it, check_event_names(), CK_EVENT, "event");
		add_builtins(it, B_EVENT);
		add_builtins(it, B_PROVOCATION);
	}
	add_keywords(it, expr_keywords, sizeof expr_keywords / sizeof expr_keywords[0]);
}

/* Inside `rejects(`, `accepts(`, `provocation(`: true when one of them took it. */
static bool call_argument(const struct where *w)
{
	if (w->n < 2 || w->t[w->n - 1].kind != '(' || w->t[w->n - 2].kind != 'w')
		return false;
	const struct tok *f = &w->t[w->n - 2];
	if (is(w->it, f, "rejects") || is(w->it, f, "accepts"))
		add_symbols(w->it, (struct want){ KIND(AST_MEDIATION), NULL });
	else if (is(w->it, f, "provocation"))
		add_symbols(w->it, (struct want){ KIND(AST_ACTOR), "rebels" });
	else
		return false;
	return true;
}

/* After `ATTR =` or `ATTR ~` in a block of role r. */
static void value(const struct where *w, const struct attr_def *a, bool uncertain,
		  bool sanction)
{
	struct items *it = w->it;
	if (call_argument(w))
		return;
	switch (a ? a->type : AT_NUMBER) {
	case AT_ACTOR:
	case AT_ACTORS: add_symbols(it, (struct want){ KIND(AST_ACTOR), a->choices }); break;
	case AT_STAKE: add_symbols(it, (struct want){ KIND(AST_STAKE), NULL }); break;
	case AT_CHOICE: add_words(it, a->choices, CK_ENUM_MEMBER, a->name); break;
	case AT_BOOL: add_keywords(it, expr_keywords + 6, 2); break;
	case AT_STRING: break;
	case AT_CONDITION:
		add_words(it, check_event_names(), CK_EVENT, "event");
		add_builtins(it, B_EVENT);
		add_keywords(it, expr_keywords + 3, 5);	/* and or not true false */
		break;
	case AT_NUMBER: expression(it, uncertain, sanction); break;
	}
}

/* A report's words: `report settlement A vs B`, `provocation by B`, `mediation M`. */
static void report(const struct where *w, size_t at)
{
	struct items *it = w->it;
	const struct tok *t = w->t + at;
	size_t n = w->n - at;
	if (n == 1) {
		static const char *const kinds[] = { "settlement", "provocation", "mediation" };
		add_keywords(it, kinds, 3);
	} else if (is(it, &t[1], "settlement")) {
		if (n == 2 || n == 4)
			add_symbols(it, (struct want){ KIND(AST_ACTOR), n == 2 ? "state" : "rebels" });
		else if (n == 3)
			add_keywords(it, keywords + ITEM_KEYWORDS, 1);	/* vs */
	} else if (is(it, &t[1], "provocation")) {
		static const char *const by[] = { "by" };
		if (n == 2)
			add_keywords(it, by, 1);
		else if (n == 3)
			add_symbols(it, (struct want){ KIND(AST_ACTOR), "rebels" });
	} else if (is(it, &t[1], "mediation") && n == 2) {
		add_symbols(it, (struct want){ KIND(AST_MEDIATION), NULL });
	}
}

static void conflict(const struct where *w)
{
	static const char *const vs[] = { "vs" }, *const over[] = { "over" };
	struct items *it = w->it;
	switch (w->n) {
	case 1: add_symbols(it, (struct want){ KIND(AST_ACTOR), "state" }); break;
	case 2: add_keywords(it, vs, 1); break;
	case 3: add_symbols(it, (struct want){ KIND(AST_ACTOR), "rebels" }); break;
	case 4: add_keywords(it, over, 1); break;
	case 5: add_symbols(it, (struct want){ KIND(AST_STAKE), NULL }); break;
	default: break;
	}
}

/* A statement at top level. */
static void top(const struct where *w)
{
	struct items *it = w->it;
	const struct tok *t = w->t;
	size_t n = w->n;
	if (n == 0) {
		add_keywords(it, keywords, ITEM_KEYWORDS);
	} else if (is(it, t, "actor")) {
		if (n == 3 && t[2].kind == ':')
			add_roles(it);
	} else if (is(it, t, "conflict")) {
		conflict(w);
	} else if (is(it, t, "report")) {
		report(w, 0);
	} else if (is(it, t, "sweep")) {
		static const char *const parts[] = { "from", "to", "step" };
		if (n == 1) {
			add_symbols(it, (struct want){ KIND(AST_LET) | KIND(AST_ACTOR) | KIND(AST_STAKE),
						       NULL });
		} else {
			expression(it, false, false);
			add_keywords(it, parts, 3);
		}
	} else if (is(it, t, "let") && n >= 3 && (t[2].kind == '=' || t[2].kind == '~')) {
		if (!call_argument(w))
			expression(it, true, false);
	} else if (is(it, t, "fn")) {
		for (size_t i = 0; i + 1 < n; i++)
			if (t[i].kind == ')' && t[i + 1].kind == '=') {
				add_params(it, t, n);
				expression(it, false, false);
				break;
			}
	}
}

/* The role of the block whose header tokens are h[0..n). */
static const struct role_def *header_role(const struct items *it, const struct tok *h, size_t n)
{
	static const struct { const char *word; int role; } blocks[] = {
		{ "scenario", BLOCK_SCENARIO }, { "stake", BLOCK_STAKE },
		{ "conflict", BLOCK_CONFLICT }, { "sanction", BLOCK_SANCTION },
		{ "mediation", BLOCK_MEDIATION },
	};
	if (n >= 4 && is(it, h, "actor") && h[2].kind == ':' && h[3].kind == 'w') {
		char role[64];
		snprintf(role, sizeof role, "%.*s", (int)(h[3].end - h[3].start),
			 it->text + h[3].start);
		return role_find(role, true);
	}
	for (size_t i = 0; n && i < sizeof blocks / sizeof blocks[0]; i++)
		if (is(it, h, blocks[i].word))
			return &roles[blocks[i].role];
	return NULL;
}

/* A statement inside a block whose header is h[0..nh). */
static void in_block(const struct where *w, const struct tok *h, size_t nh)
{
	struct items *it = w->it;
	const struct tok *t = w->t;
	if (nh && is(it, h, "sweep")) {
		static const char *const rep[] = { "report" };
		if (w->n == 0)
			add_keywords(it, rep, 1);
		else if (is(it, t, "report"))
			report(w, 0);
		return;
	}
	const struct role_def *r = header_role(it, h, nh);
	if (w->n == 0) {
		add_attrs(it, r);
	} else if (w->n >= 2 && t[0].kind == 'w' && (t[1].kind == '=' || t[1].kind == '~')) {
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(t[0].end - t[0].start),
			 it->text + t[0].start);
		value(w, r ? attr_find(r, name) : NULL, t[1].kind == '~',
		      r == &roles[BLOCK_SANCTION]);
	}
}

/* `owner.`: the attributes of owner's role. */
static void dot(struct items *it, const struct tok *owner)
{
	char name[128];
	snprintf(name, sizeof name, "%.*s", (int)(owner->end - owner->start),
		 it->text + owner->start);
	const struct occ *def = index_symbol(it->index, name);
	if (def)
		add_attrs(it, item_role(def->scope));
}

json_t *complete(const struct doc *d, struct lsp_pos at)
{
	struct scan *s = xcalloc(1, sizeof *s);
	s->text = d->text;
	s->cur = linemap_offset(&d->lines, at);
	scan(s);
	struct items it = { json_array(), d->text, &d->an->index };
	uint32_t word = s->cur;
	while (word > s->stmt && is_word_char(d->text[word - 1]))
		word--;
	size_t n = 0, nh = 0;
	struct tok *t = s->quiet ? NULL : tokens(d->text, s->stmt, word, &n);
	struct tok *h = NULL;
	struct where w = { &it, t, n };
	if (s->quiet) {
		/* in a comment or a string: nothing */
	} else if (n >= 2 && t[n - 1].kind == '.' && t[n - 2].kind == 'w' &&
		   t[n - 1].end == word) {
		dot(&it, &t[n - 2]);
	} else if (s->nblocks) {
		const struct open_block *b = &s->blocks[s->nblocks - 1];
		h = tokens(d->text, b->header, b->brace, &nh);
		in_block(&w, h, nh);
	} else {
		top(&w);
	}
	free(h);
	free(t);
	free(s);
	return it.list;
}
