/*
** arena.c: a list of blocks, each at least ARENA_BLOCK bytes; large requests get a block
** of their own. Allocation is a pointer bump; arena_free walks the list once.
*/
#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/scen_conf.h"
#include "util/xalloc.h"

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena_init(a);
}

static struct arena_block *arena_grow(struct arena *a, size_t size)
{
	size_t cap = size > SCEN_ARENA_BLOCK ? size : SCEN_ARENA_BLOCK;
	struct arena_block *b = xmalloc(sizeof *b + cap);
	b->used = 0;
	b->size = cap;
	b->next = a->head;
	a->head = b;
	return b;
}

void *arena_alloc(struct arena *a, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	size = (size + align - 1) / align * align;
	if (size == 0)
		size = align;
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < size)
		b = arena_grow(a, size);
	void *p = (char *)b->data + b->used;
	b->used += size;
	a->total += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	/* Most messages fit the stack buffer; a longer one is formatted twice. */
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof small) {
		memcpy(p, small, (size_t)n + 1);
		return p;
	}
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
