/*
** xalloc.h: malloc that never returns NULL. Running out of memory is not a diagnostic
** the user can act on in the file, so it ends the program with exit status 3.
*/
#ifndef SCEN_XALLOC_H
#define SCEN_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
