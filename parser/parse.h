/*
** parse.h: text -> AST. The parser is pure bison over a reentrant flex scanner; it
** recovers at item and attribute level, so one call reports every syntax and lexical
** error in the file to the sink.
*/
#ifndef SCEN_PARSE_H
#define SCEN_PARSE_H

#include "parser/ast.h"

/* Parses text (len bytes; the arena must own a NUL-terminated copy) into *out, whose
** nodes come from a. Sets up out->src. Returns the number of errors reported to sink;
** out->items holds every item that parsed, even when there were errors, except an item
** with an expression nested deeper than SCEN_MAX_DEPTH (reported, then left out so that
** recursive walks over the AST stay bounded). out->comments lists every comment. */
int parse_text(struct ast_file *out, struct arena *a, const char *name, const char *text,
	       size_t len, struct diag_sink *sink);

/* True when f's parse failed only because the input ended too soon (an item or a
** bracket left open): the REPL reads a continuation line then. */
bool parse_incomplete(const struct ast_file *f);

#endif
