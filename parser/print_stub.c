/* STUB: replaced by the real printer (parser/print.c). */
#include "print.h"

void print_file(FILE *out, const struct ast_file *f) { (void)out; (void)f; }
void print_expr(FILE *out, const struct ast_node *e) { (void)out; (void)e; }
void print_item(FILE *out, const struct ast_node *n) { (void)out; (void)n; }
