/*
** print.h: AST -> canonical source (`scen fmt`). Keeps comments, one blank line where
** the source had one or more, aligns `=` and trailing comments in runs of attributes.
** fmt(fmt(x)) == fmt(x), and fmt(x) parses to an AST equal (ast_equal) to x's.
*/
#ifndef SCEN_PRINT_H
#define SCEN_PRINT_H

#include <stdio.h>

#include "parser/ast.h"

void print_file(FILE *out, const struct ast_file *f);
/* One expression, canonical spelling, minimal parentheses. */
void print_expr(FILE *out, const struct ast_node *e);
/* One item or attribute, without comments (for the REPL's :show and for messages). */
void print_item(FILE *out, const struct ast_node *item);

#endif
