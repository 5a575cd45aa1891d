/*
** moments.h: the means and sums of squared deviations of two quantities measured on the
** same draws and of their difference (Welford), merged block by block in block order
** (Chan et al.), so that a result does not depend on the thread count. For `scen diff`
** (paired.c: old, new) and `scen sense` (sense.c: an input at its low end, at its high).
*/
#ifndef SCEN_MOMENTS_H
#define SCEN_MOMENTS_H

#include <math.h>
#include <stdint.h>

struct moments {
	uint64_t n;
	double ma, qa, mb, qb, md, qd;
};

static inline void welford(double *mean, double *q, double n, double x)
{
	double delta = x - *mean;
	*mean += delta / n;
	*q += delta * (x - *mean);
}

/* The count of draws a share's running mean stands for: a share is a mean of 0s and 1s,
** which Welford's running mean holds only to its last bits, so that printed it could
** round otherwise than the count over n that scen run prints (40.85% as 40.9% against
** run's 40.8%). */
static inline int64_t mom_count(double mean, uint64_t n)
{
	return llround(mean * (double)n);
}

static inline void mom_add(struct moments *m, double a, double b)
{
	double n = (double)++m->n;
	welford(&m->ma, &m->qa, n, a);
	welford(&m->mb, &m->qb, n, b);
	welford(&m->md, &m->qd, n, b - a);
}

static inline void chan(double *mx, double *qx, double nx, double my, double qy, double ny)
{
	double n = nx + ny, delta = my - *mx;
	*mx += delta * ny / n;
	*qx += qy + delta * delta * nx * ny / n;
}

static inline void mom_merge(struct moments *x, const struct moments *y)
{
	if (!y->n)
		return;
	if (!x->n) {
		*x = *y;
		return;
	}
	double nx = (double)x->n, ny = (double)y->n;
	chan(&x->ma, &x->qa, nx, y->ma, y->qa, ny);
	chan(&x->mb, &x->qb, nx, y->mb, y->qb, ny);
	chan(&x->md, &x->qd, nx, y->md, y->qd, ny);
	x->n += y->n;
}

#endif
