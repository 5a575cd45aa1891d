/*
** count.c: whole numbers as the command line and the REPL take them.
*/
#include <errno.h>
#include <stdlib.h>

#include "util/count.h"

/* Digits only: strtoull alone would take leading blanks, a sign (and wrap "-1"). */
bool parse_count(const char *s, uint64_t *out, uint64_t min, uint64_t max)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}
