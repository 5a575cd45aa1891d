#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *nonnull(void *p)
{
	if (!p) {
		fputs("scen: out of memory\n", stderr);
		exit(3);
	}
	return p;
}

void *xmalloc(size_t n)
{
	return nonnull(malloc(n ? n : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return nonnull(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n)
{
	return nonnull(realloc(p, n ? n : 1));
}

char *xstrdup(const char *s)
{
	return nonnull(strdup(s));
}
