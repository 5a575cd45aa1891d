/*
** sort.c: an LSD radix sort of doubles, three times as fast as a comparison sort on
** a quantile sample of 8,192 values (docs/performance.md). A double's bits, with the
** sign bit flipped for a positive number and every bit flipped for a negative one,
** order as unsigned integers as the numbers order (-inf < ... < -0 < 0 < ... < inf),
** so six counting passes of 11 bits sort them, each pass stable.
*/
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/sort.h"
#include "util/xalloc.h"

enum { DIGIT = 11, BUCKETS = 1 << DIGIT, PASSES = (64 + DIGIT - 1) / DIGIT, SMALL = 256 };

static uint64_t key_of(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u ^ ((uint64_t)((int64_t)u >> 63) | UINT64_C(1) << 63);
}

static double number_of(uint64_t k)
{
	uint64_t u = k ^ (((k >> 63) - 1) | UINT64_C(1) << 63);
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

static int ascending(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Six stable counting passes over the keys a, b the scratch; returns where they end. */
static uint64_t *radix_sort(uint64_t *a, uint64_t *b, size_t n)
{
	static_assert(PASSES * DIGIT >= 64, "the digits cover a key");
	size_t count[PASSES][BUCKETS] = { { 0 } };
	for (size_t i = 0; i < n; i++)
		for (unsigned p = 0; p < PASSES; p++)
			count[p][a[i] >> (p * DIGIT) & (BUCKETS - 1)]++;
	for (unsigned p = 0; p < PASSES; p++) {
		size_t *c = count[p], at = 0;
		if (c[a[0] >> (p * DIGIT) & (BUCKETS - 1)] == n)
			continue;	/* every key has this digit: nothing moves */
		for (unsigned d = 0; d < BUCKETS; d++) {
			size_t k = c[d];
			c[d] = at, at += k;
		}
		for (size_t i = 0; i < n; i++)
			b[c[a[i] >> (p * DIGIT) & (BUCKETS - 1)]++] = a[i];
		uint64_t *t = a;
		a = b, b = t;
	}
	return a;
}

void sort_doubles(double *v, size_t n)
{
	if (n < 2)
		return;
	uint64_t *keys = xmalloc(2 * n * sizeof *keys), *a = keys;
	for (size_t i = 0; i < n; i++) {
		assert(!isnan(v[i]));
		a[i] = key_of(v[i]);
	}
	if (n < SMALL)
		qsort(a, n, sizeof *a, ascending);
	else
		a = radix_sort(a, keys + n, n);
	for (size_t i = 0; i < n; i++)
		v[i] = number_of(a[i]);
	free(keys);
}
