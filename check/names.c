/*
** names.c: the symbol table (open addressing, FNV-1a) and "did you mean" suggestions
** by edit distance (Levenshtein, with a transposition counted as one edit).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct symbol **slot(struct symtab *t, const char *name)
{
	unsigned i = hash(name) & (t->cap - 1);
	while (t->slots[i] && strcmp(t->slots[i]->name, name) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static void grow(struct checker *c)
{
	struct symtab old = c->names;
	c->names.cap = old.cap ? old.cap * 2 : 64;
	c->names.slots = arena_alloc(c->arena, c->names.cap * sizeof *c->names.slots);
	for (unsigned i = 0; i < old.cap; i++)
		if (old.slots[i])
			*slot(&c->names, old.slots[i]->name) = old.slots[i];
}

static struct symbol *symtab_find(const struct symtab *t, const char *name)
{
	return t->cap ? *slot((struct symtab *)t, name) : NULL;
}

struct symbol *sym_find(struct checker *c, const char *name)
{
	return symtab_find(&c->names, name);
}

struct symbol *model_find(const struct model *m, const char *name)
{
	return symtab_find(&m->names, name);
}

void sym_put(struct checker *c, struct symbol *s)
{
	if (2 * (c->names.count + 1) > c->names.cap)
		grow(c);
	struct symbol **p = slot(&c->names, s->name);
	if (!*p)
		c->names.count++;
	*p = s;
}

const char *sym_kind_name(enum sym_kind k)
{
	static const char *const names[] = { "let", "fn", "stake", "actor", "sanction",
					     "mediation" };
	return names[k];
}

const char *article(const char *noun)
{
	return strchr("aeiou", noun[0]) ? "an" : "a";
}

/* Optimal string alignment distance, capped: returns limit + 1 when farther. */
static unsigned distance(const char *a, const char *b, unsigned limit)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 64 || m > 64 || (n > m ? n - m : m - n) > limit)
		return limit + 1;
	unsigned d[65][65];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

/* How far a suggestion may be: a third of the name, at least 1, at most the limit. */
static unsigned reach(const char *name)
{
	unsigned r = (unsigned)(strlen(name) + 2) / 3;
	return r < 1 ? 1 : r > SCEN_SUGGEST_DISTANCE ? SCEN_SUGGEST_DISTANCE : r;
}

/* Keeps the nearest candidate; ties go to the first seen. */
struct nearest {
	const char *name, *best;
	unsigned dist;
};

static void consider(struct nearest *n, const char *candidate)
{
	unsigned d = distance(n->name, candidate, n->dist - 1);
	if (d < n->dist && strcmp(candidate, n->name) != 0) {
		n->dist = d;
		n->best = candidate;
	}
}

/* The nearest symbol of an allowed kind unless it is not_this; else the nearest word of
** list. */
static const char *nearest_symbol(struct checker *c, const struct suggestion *p)
{
	struct nearest n = { p->name, NULL, reach(p->name) + 1 };
	for (struct symbol *s = c->first; s; s = s->next_in_order)
		if (p->kinds & (1u << s->kind))
			consider(&n, s->name);
	if (n.best && p->not_this && strcmp(n.best, p->not_this) == 0)
		n.best = NULL;
	return n.best ? n.best : p->list ? suggest_in_list(c, p->list, p->name) : NULL;
}

const char *sym_suggest(struct checker *c, const char *name, unsigned kinds)
{
	return nearest_symbol(c, &(struct suggestion){ NULL, name, kinds, NULL, NULL });
}

/* "Did you mean" against the symbols costs a pass over all of them: 100,000 unknown
** names in a file of 100,000 symbols took minutes, though at most SCEN_MAX_ERRORS
** errors print. So the error is reported now and its suggestion found at the end of
** the check (suggest_finish), only for the errors that are then among those printed
** (errors added later can only push some out). */
void suggest_later(struct checker *c, struct diag *d, const char *name, unsigned kinds,
		   const char *list, const char *not_this)
{
	if (c->npending == c->cappending) {
		c->cappending = c->cappending ? 2 * c->cappending : 16;
		c->pending = xrealloc(c->pending, c->cappending * sizeof *c->pending);
	}
	c->pending[c->npending++] = (struct suggestion){ d, name, kinds, list, not_this };
}

void suggest_finish(struct checker *c)
{
	struct diag *shown[SCEN_MAX_ERRORS];
	size_t n = c->npending ? diag_shown(c->sink, shown) : 0;
	for (size_t i = 0; i < n; i++)
		for (unsigned p = 0; p < c->npending; p++) {
			if (c->pending[p].d != shown[i])
				continue;
			const char *near = nearest_symbol(c, &c->pending[p]);
			if (near)
				shown[i]->msg = arena_printf(&c->sink->arena, "%s%s", shown[i]->msg,
							     did_you_mean(c, near));
		}
	free(c->pending);
	c->pending = NULL;
	c->npending = c->cappending = 0;
}

const char *suggest_in_list(struct checker *c, const char *list, const char *name)
{
	struct nearest n = { name, NULL, reach(name) + 1 };
	char word[64];
	for (const char *p = list; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len < sizeof word) {
			memcpy(word, p, len);
			word[len] = '\0';
			unsigned before = n.dist;
			consider(&n, word);
			if (n.dist < before)
				n.best = arena_strdup(c->arena, word);
		}
		p = bar ? bar + 1 : NULL;
	}
	return n.best;
}

const char *suggest_attr(const struct role_def *r, const char *name)
{
	struct nearest n = { name, NULL, reach(name) + 1 };
	for (size_t i = 0; i < r->nattrs; i++)
		consider(&n, r->attrs[i].name);
	return n.best;
}

const char *check_suggest(const char *name, const char *const *list, size_t n)
{
	struct nearest near = { name, NULL, reach(name) + 1 };
	for (size_t i = 0; i < n; i++)
		consider(&near, list[i]);
	return near.best;
}

const char *did_you_mean(struct checker *c, const char *suggestion)
{
	return suggestion ? arena_printf(c->arena, "; did you mean `%s`?", suggestion) : "";
}
