/*
** fuzz_repl.c: libFuzzer harness over the REPL: each input is a session, its lines typed
** into `scen repl` (repl_main) one after the other: items, multi-line items, edits
** (`NAME.ATTR = EXPR`), bare names and the commands that neither read nor write files.
**
** The session starts with `:set draws 50` and `:set threads 1`, so that every run is
** short; lines that would reach the file system or lift those limits (`:load`,
** `:reload`, `:save`, `:set`, and any command not in `allowed`) are dropped, and an
** input that imports or sweeps (a sweep may ask for 100,000 rows) is skipped, as in
** fuzz_scen.c. Any crash, sanitizer report, leak, hang or abort() is a bug.
*/
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repl/repl.h"

static const char *const allowed[] = { ":report", ":why", ":show", ":undo", ":diff", ":help",
				       ":quit", NULL };

/* Whether line [p, end) may be typed: not a command, or an allowed one written whole. */
static bool may_type(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p != ':')
		return true;
	size_t n = 0;
	while (p + n < end && p[n] != ' ' && p[n] != '\t' && p[n] != '\n')
		n++;
	for (const char *const *a = allowed; *a; a++)
		if (strlen(*a) == n && memcmp(*a, p, n) == 0)
			return true;
	return false;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	/* not a terminal: no readline, no prompt; the session's output goes nowhere */
	if (!freopen("/dev/null", "r", stdin) || !freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (memmem(data, size, "import", 6) || memmem(data, size, "sweep", 5))
		return 0;
	static const char head[] = ":set draws 50\n:set threads 1\n";
	char *session = malloc(sizeof head + size + 1);
	if (!session)
		abort();
	size_t len = sizeof head - 1;
	memcpy(session, head, len);
	const char *p = (const char *)data, *end = p + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl + 1 : end;
		if (may_type(p, stop)) {
			memcpy(session + len, p, (size_t)(stop - p));
			len += (size_t)(stop - p);
		}
		p = stop;
	}
	FILE *in = fmemopen(session, len, "r");
	if (!in)
		abort();
	FILE *saved = stdin;
	stdin = in;
	repl_main(NULL);
	stdin = saved;
	fclose(in);
	free(session);
	return 0;
}
