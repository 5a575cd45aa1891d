/*
** parse.h: text -> AST. The parser is pure bison over a reentrant flex scanner; it
** recovers at item and attribute level, so one call reports every syntax and lexical
** error in the file to the sink.
*/
#ifndef SCEN_PARSE_H
#define SCEN_PARSE_H

#include "ast.h"

/* Parses text (len bytes; the arena must own a NUL-terminated copy) into *out, whose
** nodes come from a. Sets up out->src. Returns the number of errors reported to sink;
** out->items holds every item that parsed, even when there were errors. */
int parse_text(struct ast_file *out, struct arena *a, const char *name, const char *text,
	       size_t len, struct diag_sink *sink);

/* True when the last parse_text error on this sink was an unexpected end of input
** (an item left open): the REPL reads a continuation line then. */
bool parse_incomplete(const struct ast_file *f, struct diag_sink *sink);

#endif
