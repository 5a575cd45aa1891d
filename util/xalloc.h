/*
** xalloc.h: malloc that never returns NULL. Running out of memory is not a diagnostic
** the user can act on in the file, so it ends the program with exit status 3.
*/
#ifndef SCEN_XALLOC_H
#define SCEN_XALLOC_H

#include <stddef.h>

/* returns_nonnull says so to the compiler, which otherwise warns at -O2 (under the
** sanitizers) of a NULL destination for sprintf into a fresh buffer. */
#define SCEN_XALLOC __attribute__((returns_nonnull, warn_unused_result))

void *xmalloc(size_t n) SCEN_XALLOC __attribute__((malloc));
void *xcalloc(size_t n, size_t size) SCEN_XALLOC __attribute__((malloc));
void *xrealloc(void *p, size_t n) SCEN_XALLOC;
char *xstrdup(const char *s) SCEN_XALLOC __attribute__((malloc, nonnull(1)));

#endif
