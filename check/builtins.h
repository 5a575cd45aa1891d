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

#include <math.h>
#include <stdbool.h>

enum builtin_kind { B_MATH, B_DIST, B_EVENT, B_PROVOCATION };

/* The math builtins. Their arithmetic is written once, here: the checker folds a
** constant call with it and the interpreter's instruction for the builtin (interp/vm.c)
** computes the same function, so a value never depends on whether it was folded. */
enum builtin_math { BM_MIN, BM_MAX, BM_CLAMP, BM_ABS, BM_SQRT, BM_EXP, BM_LOG, BM_NCDF };

/* min and max let a NaN through (fmin would drop it): min(1, 0/0) is not a number. */
static inline double builtin_min_max(const double *a, unsigned n, bool is_min)
{
	double r = a[0];
	for (unsigned i = 1; i < n && !isnan(r); i++)
		if (isnan(a[i]) || (is_min ? a[i] < r : a[i] > r))
			r = a[i];
	return r;
}
static inline double builtin_clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}
double builtin_normal_cdf(double x, double mu, double sd);
/* The value of math builtin m at a[0..n) (n within its arity). */
double builtin_apply(enum builtin_math m, const double *a, unsigned n);

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
	enum builtin_math math;		/* B_MATH: which */
};

extern const struct builtin builtins[];
extern const unsigned nbuiltins;
const struct builtin *builtin_find(const char *name);

#endif
