/*
** qsketch.c: see qsketch.h.
*/
#include "qsketch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void qs_init(struct qsketch *s)
{
	memset(s, 0, sizeof *s);
}

void qs_free(struct qsketch *s)
{
	for (int h = 0; h < QS_LEVELS; h++)
		free(s->level[h]);
	qs_init(s);
}

static double *level(struct qsketch *s, int h)
{
	if (!s->level[h])
		s->level[h] = xmalloc(2 * QS_CAP * sizeof *s->level[h]);
	return s->level[h];
}

static int ascending(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Merges sorted src[0..n) into level h (which has room for 2·QS_CAP). */
static void merge_into(struct qsketch *s, int h, const double *src, unsigned n)
{
	double *dst = level(s, h), tmp[2 * QS_CAP];
	unsigned i = 0, j = 0, k = 0, m = s->count[h];
	while (i < m || j < n)
		tmp[k++] = j >= n || (i < m && dst[i] <= src[j]) ? dst[i++] : src[j++];
	memcpy(dst, tmp, k * sizeof *dst);
	s->count[h] = k;
}

/* Halves every level that is over capacity, carrying the kept half up. */
static void compact(struct qsketch *s)
{
	for (int h = 0; h + 1 < QS_LEVELS; h++) {
		if (s->count[h] <= QS_CAP)
			continue;
		double *v = s->level[h], up[QS_CAP];
		unsigned n = s->count[h], keep = 0, start = s->parity++ & 1;
		if (n % 2)	/* an odd count: the largest stays behind at this level */
			n--;
		for (unsigned i = start; i < n; i += 2)
			up[keep++] = v[i];
		if (s->count[h] % 2) {
			v[0] = v[n];
			s->count[h] = 1;
		} else {
			s->count[h] = 0;
		}
		merge_into(s, h + 1, up, keep);
	}
}

/* Sorts v[0..n) ascending: quicksort (median of three; the smaller side first, so the
** recursion is at most log2(n) deep) finished by insertion sort. A specialised sort:
** qsort's indirect comparisons cost more than the draws themselves. */
static void sort_doubles(double *v, size_t n)
{
	while (n > 16) {
		double a = v[0], b = v[n / 2], c = v[n - 1];
		double pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		size_t i = 0, j = n - 1;
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i >= j)
				break;
			double t = v[i];
			v[i++] = v[j];
			v[j--] = t;
		}
		size_t left = j + 1;
		if (left < n - left) {
			sort_doubles(v, left);
			v += left;
			n -= left;
		} else {
			sort_doubles(v + left, n - left);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++) {
		double x = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Sorts v[0..n): a three-way split around 0 first (Dijkstra's flag), since many of the
** quantities summarised are exactly 0 (or 1) in most draws, then each side. */
static void sort_values(double *v, size_t n)
{
	size_t lt = 0, i = 0, gt = n;
	while (i < gt) {
		double x = v[i];
		if (x < 0) {
			v[i++] = v[lt];
			v[lt++] = x;
		} else if (x > 0) {
			v[i] = v[--gt];
			v[gt] = x;
		} else {
			i++;
		}
	}
	sort_doubles(v, lt);
	size_t ones = gt;	/* the positive side: 1s are common too (P(war)) */
	for (size_t k = gt; k < n; k++)
		if (v[k] == 1) {
			v[k] = v[ones];
			v[ones++] = 1;
		}
	sort_doubles(v + ones, n - ones);
	/* the 1s sit before larger values only if none is below 1: re-merge when needed */
	if (ones > gt && ones < n && v[ones] < 1)
		sort_doubles(v + gt, n - gt);
}

void qs_from_block(struct qsketch *s, double *v, unsigned n)
{
	for (int h = 0; h < QS_LEVELS; h++)
		s->count[h] = 0;
	s->n = n;
	sort_values(v, n);
	while (n > 2 * QS_CAP)	/* never with blocks of RUN_BLOCK <= QS_CAP */
		n = 2 * QS_CAP;
	memcpy(level(s, 0), v, n * sizeof *v);
	s->count[0] = n;
	compact(s);
}

void qs_merge(struct qsketch *s, const struct qsketch *b)
{
	for (int h = 0; h < QS_LEVELS; h++)
		if (b->count[h]) {
			merge_into(s, h, b->level[h], b->count[h]);
			compact(s);
		}
	s->n += b->n;
}

double qs_quantile(const struct qsketch *s, double phi)
{
	unsigned total = 0;
	for (int h = 0; h < QS_LEVELS; h++)
		total += s->count[h];
	if (!total)
		return NAN;
	struct item { double v; double w; } *all = xmalloc(total * sizeof *all);
	unsigned k = 0;
	double weight = 0;
	for (int h = 0; h < QS_LEVELS; h++)
		for (unsigned i = 0; i < s->count[h]; i++) {
			all[k++] = (struct item){ s->level[h][i], ldexp(1, h) };
			weight += ldexp(1, h);
		}
	qsort(all, total, sizeof *all, ascending);	/* by v: the first member */
	double target = phi * weight, acc = 0, v = all[total - 1].v;
	for (unsigned i = 0; i < total; i++) {
		acc += all[i].w;
		if (acc >= target) {
			v = all[i].v;
			break;
		}
	}
	free(all);
	return v;
}
