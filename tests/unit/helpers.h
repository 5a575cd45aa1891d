/*
** helpers.h: what the Criterion suites share: one parsed text with its arena and
** diagnostics (parse, parse_ok, parsed_free). Included by each test file that needs it;
** the functions are static, so each file has its own copy and no link-time coupling.
*/
#ifndef SCEN_TEST_HELPERS_H
#define SCEN_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "parser/ast.h"
#include "parser/parse.h"
#include "util/diag.h"

struct parsed {
	struct arena arena;
	struct diag_sink sink;
	struct ast_file file;
	int errors;
};

/* text parsed, errors and all (p->errors counts them). */
static inline struct parsed *parse(const char *text)
{
	struct parsed *p = calloc(1, sizeof *p);
	arena_init(&p->arena);
	diag_init(&p->sink);
	size_t len = strlen(text);
	char *copy = arena_strndup(&p->arena, text, len);
	p->errors = parse_text(&p->file, &p->arena, "t.scen", copy, len, &p->sink);
	return p;
}

/* text parsed, which must have no error (each one is logged with its place). */
static inline struct parsed *parse_ok(const char *text)
{
	struct parsed *p = parse(text);
	for (const struct diag *d = p->sink.first; d; d = d->next) {
		struct srcpos pos = srcfile_pos(&p->file.src, d->span.start);
		cr_log_error("%u:%u: %s", pos.line, pos.col, d->msg);
	}
	cr_assert_eq(p->errors, 0, "%d errors in:\n%s", p->errors, text);
	return p;
}

static inline void parsed_free(struct parsed *p)
{
	diag_free(&p->sink);
	arena_free(&p->arena);
	free(p);
}

#endif
