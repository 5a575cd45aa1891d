/*
** builtins.h: the builtin functions and distributions, in one table: their arity, their
** kind, and the domain of their arguments. The checker types calls and folds constant
** ones by it (check/expr.c, graph.c); the interpreter checks the domain of every call
** whose arguments vary, in every draw (interp/vm.c), from the same entries. So a
** builtin's arguments outside its domain are one class of error: reported when the
** checker can decide it (the arguments the domain looks at are constant), else in the
** first draw that has them, located at the call (docs/language.md, Builtins).
*/
#ifndef SCEN_BUILTINS_H
#define SCEN_BUILTINS_H

#include <stdbool.h>

enum builtin_kind { B_MATH, B_DIST, B_EVENT, B_PROVOCATION };

struct builtin {
	const char *name;
	int min, max;			/* arguments; max -1: any number */
	enum builtin_kind kind;
	const char *sig;		/* "normal_cdf(x, mu, sd)", for messages */
	/* The domain, for a builtin that has one (else outside is NULL): `needs` in words;
	** outside(a, n) is true when a[0..n) are outside it. It reads only the arguments
	** whose bit is set in `args`, so the checker decides it as soon as those are
	** constant. A NaN argument is never outside: it propagates into the value, which is
	** then reported as not a number. The arguments of choice([v...], [p...]) are its
	** values then its chances, flattened (n = 2m); its `args` bit is the chances'. */
	const char *needs;
	bool (*outside)(const double *a, unsigned n);
	unsigned args;
	/* A distribution's support [lo, hi] for those parameters (infinite when unbounded;
	** NaN when a parameter it needs is not known), or NULL when it is all numbers. */
	void (*support)(const double *a, unsigned n, double *lo, double *hi);
};

extern const struct builtin builtins[];
extern const unsigned nbuiltins;
const struct builtin *builtin_find(const char *name);

#endif
