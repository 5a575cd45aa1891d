/* STUB: replaced by the real parser (parser/scen.y, parser/parse.c). */
#include "parse.h"

int parse_text(struct ast_file *out, struct arena *a, const char *name, const char *text,
	       size_t len, struct diag_sink *sink)
{
	(void)sink;
	srcfile_init(&out->src, a, name, text, len);
	out->items = NULL;
	out->comments = NULL;
	return 0;
}

bool parse_incomplete(const struct ast_file *f, struct diag_sink *sink)
{
	(void)f; (void)sink;
	return false;
}
