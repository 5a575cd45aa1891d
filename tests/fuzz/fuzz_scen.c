/*
** fuzz_scen.c: libFuzzer harness over parse + check + fmt.
**
** For every input: parse it; if it parses, print it (fmt), and require that
**   - the printed text parses with no error,
**   - it parses to an AST equal to the original's (ast_equal), with as many comments,
**   - printing it again gives the same bytes (fmt is idempotent);
** then run the checker on it. Inputs that import are parsed and printed but not
** checked: an import reads the file system, which a fuzzer must not steer. A checked
** program runs, with SCEN_CHECK_BLOCKS set: each block the block evaluator computes is
** computed again by the scalar reference, draw by draw, and a difference aborts.
** Any crash, sanitizer report, leak, hang or abort() here is a bug.
*/
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "interp/interp.h"
#include "interp/session.h"
#include "report/report.h"
#include "parser/parse.h"
#include "parser/print.h"

static char *format(const struct ast_file *f, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);
	if (!m)
		abort();
	print_file(m, f);
	fclose(m);
	return buf;
}

static unsigned count_comments(const struct ast_file *f)
{
	unsigned n = 0;
	for (const struct ast_comment *c = f->comments; c; c = c->next)
		n++;
	return n;
}

static void roundtrip(const struct ast_file *orig)
{
	size_t len1, len2;
	char *once = format(orig, &len1);
	struct arena a;
	arena_init(&a);
	struct diag_sink sink;
	diag_init(&sink);
	struct ast_file again;
	char *copy = arena_strndup(&a, once, len1);
	if (parse_text(&again, &a, "fmt", copy, len1, &sink) != 0) {
		diag_render(&sink, stderr, false);
		fprintf(stderr, "fmt output does not parse:\n%s", once);
		abort();
	}
	if (!ast_list_equal(orig->items, again.items) ||
	    count_comments(orig) != count_comments(&again)) {
		fprintf(stderr, "fmt changed the AST or lost comments:\n%s", once);
		abort();
	}
	char *twice = format(&again, &len2);
	if (len1 != len2 || memcmp(once, twice, len1) != 0) {
		fprintf(stderr, "fmt is not idempotent:\n--- once\n%s--- twice\n%s", once, twice);
		abort();
	}
	free(once);
	free(twice);
	diag_free(&sink);
	arena_free(&a);
}

/* A checked program runs too: a few draws, one thread, few screening types (sweeps are
** left out: a sweep may ask for 100,000 rows). Any crash or sanitizer report in the
** compiler, the driver or the core is a bug; a NaN stopping the run is not. */
static void evaluate(struct session *s, FILE *null)
{
	struct run_options o = { .have_draws = true, .draws = 50, .threads = 1, .types = 8 };
	if (session_run(s, &o) == 0) {
		report_text(null, &s->result);
		report_json(null, &s->result);
		report_csv(null, &s->result);
	}
	diag_render(s->to, null, false);
	diag_clear(s->to);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	setenv("SCEN_CHECK_BLOCKS", "1", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	struct diag_sink sink;
	diag_init(&sink);
	struct ast_file file;
	const char *text = arena_strndup(&a, (const char *)data, size);
	if (parse_text(&file, &a, "fuzz", text, size, &sink) == 0)
		roundtrip(&file);
	FILE *null = fopen("/dev/null", "w");
	diag_render(&sink, null, false);
	diag_clear(&sink);
	if (!memmem(data, size, "import", 6)) {
		struct session s = { .to = &sink };
		int st = session_load_text(&s, "fuzz", text, size);
		diag_render(&sink, null, false);
		if (st == 0) {
			check_summary(null, &s.prog);
			if (!memmem(data, size, "sweep", 5))
				evaluate(&s, null);
		}
		session_free(&s);
	}
	fclose(null);
	diag_free(&sink);
	arena_free(&a);
	return 0;
}
