/*
** printf_attr.h: SCEN_PRINTF, the one way to declare a printf-like function.
*/
#ifndef SCEN_PRINTF_ATTR_H
#define SCEN_PRINTF_ATTR_H

/* SCEN_PRINTF(F, A): the format is parameter F, its arguments start at parameter A (0
** when they come as a va_list). Besides -Wformat, the format is declared nonnull, which
** is what keeps the sanitizer build warning-free: under -fsanitize=undefined without
** -fno-sanitize-recover, gcc 12 checks the format passed on to vsnprintf for NULL and,
** since the check returns, keeps a path on which it is NULL; at -O1 to -O3
** -Wformat-truncation then reports "null format string" on that path. A nonnull
** parameter has no such path. */
#define SCEN_PRINTF(F, A) __attribute__((format(printf, F, A), nonnull(F)))

#endif
