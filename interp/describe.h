/*
** describe.h: a value of a checked model in words, as the language server's hover and
** the REPL show it: the number it folds to, or for a distribution its 5%, 50% and 95%
** quantiles, computed by the interpreter's own quantile functions (interp/vm.c, GSL)
** at the parameters the checker folds.
*/
#ifndef SCEN_DESCRIBE_H
#define SCEN_DESCRIBE_H

#include <stddef.h>
#include <stdio.h>

#include "check/attrs.h"
#include "check/model.h"

/* x with at most six significant digits, trailing zeros dropped ("0.15", "1.5e-05"). */
void describe_number(char *buf, size_t size, double x);

/* What v, a value of p's model (of attribute a, or NULL for a let), is:
** ": 5% 11 · 50% 20 · 95% 29" for `~`, " → 0.15 (15%)" for a constant, ", a
** distribution: ..." for a named one, ": not constant, computed in every draw". */
void describe_value(FILE *out, const struct program *p, const struct vnode *v,
		    const struct attr_def *a);

/* The same for e, an expression written against p's model (a REPL entry): " → 5", ", a
** distribution: 5% ...", or ": not constant, computed in every draw". */
void describe_expr(FILE *out, const struct program *p, const struct ast_node *e);

#endif
