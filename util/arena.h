/*
** arena.h: region allocation. Everything a loaded file produces (its text, tokens'
** strings, AST nodes, diagnostics) comes from one arena and is released at once by
** arena_free. Ownership rule: a pointer field owns only what its struct allocated;
** nothing allocated from an arena is ever freed on its own.
*/
#ifndef SCEN_ARENA_H
#define SCEN_ARENA_H

#include <stddef.h>

#include "util/printf_attr.h"

struct arena_block;

struct arena {
	struct arena_block *head;	/* newest block first */
	size_t total;			/* bytes handed out, for the memory benchmark */
};

void  arena_init(struct arena *a);
void  arena_free(struct arena *a);	/* releases every block; the arena is reusable */
void *arena_alloc(struct arena *a, size_t size);	/* zeroed, aligned for any type */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	SCEN_PRINTF(2, 3);

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))

#endif
