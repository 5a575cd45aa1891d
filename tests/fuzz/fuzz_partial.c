/*
** fuzz_partial.c: libFuzzer harness over the reader of `scen merge`'s partials
** (report/partial.c). For every input: read it as a partial; if it reads, write it, read
** that back and write it again, and require both writings to be the same bytes (what
** a partial holds survives the round trip: counts, exact sums, sampled values), and
** add the totals to themselves. Any crash, sanitizer report, leak or abort() is a bug.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/partial.h"

static char *written(const struct partial_head *h, const struct run_totals *t, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);
	if (!m || partial_write(m, h, t) != 0)
		abort();
	fclose(m);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct partial_head h, h2;
	struct run_totals t, t2;
	char err[512];
	if (partial_parse("fuzz", (const char *)data, size, &h, &t, err, sizeof err) != 0) {
		partial_head_free(&h);
		totals_free(&t);
		return 0;
	}
	size_t n1, n2;
	char *one = written(&h, &t, &n1);
	if (partial_parse("again", one, n1, &h2, &t2, err, sizeof err) != 0) {
		fprintf(stderr, "a written partial does not read back: %s\n", err);
		abort();
	}
	char *two = written(&h2, &t2, &n2);
	if (n1 != n2 || memcmp(one, two, n1) != 0)
		abort();
	totals_add(&t, &t2);
	free(one);
	free(two);
	partial_head_free(&h);
	partial_head_free(&h2);
	totals_free(&t);
	totals_free(&t2);
	return 0;
}
