/*
** column.h: a chunk evaluated over the draws of one block at once (issue 15). Where the
** scalar VM (vm.c) runs a chunk once per draw, paying its dispatch each time, this runs
** each instruction once per block over a column of values, one per draw: a value that
** is the same in every draw of the block (a constant, a slot no draw changes) stays one
** number, a column otherwise. It computes the same doubles as vm_eval, draw by draw:
** the same operations in the same order on the same operands.
**
** It covers the straight-line chunks (no jump, call or stream parameter: col_supports);
** a draw with an argument outside a builtin's domain makes it give up (false), and the
** caller evaluates the block with the scalar VM, which reports it as it always has.
*/
#ifndef SCEN_COLUMN_H
#define SCEN_COLUMN_H

#include <stdbool.h>
#include <stdint.h>

#include "interp/vm.h"

/* One operand: k in every draw (v NULL), or v[0..n). bounded: every v[i] is a finite
** number in [lo, hi] (a uniform draw's column: store_column then checks the bounds,
** not each draw); false, with lo and hi unset, when nothing is known. */
struct col {
	const double *v;
	double k;
	bool bounded;
	double lo, hi;
};

struct col_env {
	const double *slots;		/* the scalar slots */
	double *const *column;		/* by slot: its column in this block, or NULL */
	const uint64_t *keys;		/* stream keys */
	uint64_t first;			/* the block's first draw */
	unsigned n;			/* its draws, at most RUN_BLOCK */
	const struct vm_site *sites;
	double *scratch;		/* c->maxstack + 1 columns of RUN_BLOCK */
	struct col *stack;		/* c->maxstack + 1 entries */
};

/* Whether col_eval can evaluate c. */
bool col_supports(const struct vm_chunk *c);
/* Evaluates c over the block: *out is the value of each draw (out->v, when not NULL,
** points into scratch or a slot's column). False when some draw has an argument
** outside a builtin's domain. */
bool col_eval(const struct vm_chunk *c, const struct col_env *e, struct col *out);

#endif
