/*
** exact.c: exact rationals for the .efg export (exact.h). Natural numbers are arrays of
** 32-bit limbs with schoolbook arithmetic; fractions are kept reduced by a binary gcd.
** The numbers are a few hundred bits at most, so the simple algorithms (bit-by-bit long
** division among them) cost nothing next to writing the file.
*/
#include "core/exact.h"

#include <math.h>
#include <string.h>

typedef unsigned __int128 u128;

/* Results keep one limb free, so that doubling a remainder (nat_div) always fits. */
enum { MAX_LIMBS = EXACT_LIMBS - 1 };

/* ---- natural numbers ---- */

static void nat_trim(struct exact_nat *a)
{
	while (a->n && !a->limb[a->n - 1])
		a->n--;
}

static void nat_u128(struct exact_nat *a, u128 v)
{
	a->n = 0;
	for (; v; v >>= 32)
		a->limb[a->n++] = (uint32_t)v;
}

static bool nat_is(const struct exact_nat *a, uint32_t v)
{
	return v ? a->n == 1 && a->limb[0] == v : a->n == 0;
}

static int nat_cmp(const struct exact_nat *a, const struct exact_nat *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (unsigned i = a->n; i-- > 0;)
		if (a->limb[i] != b->limb[i])
			return a->limb[i] < b->limb[i] ? -1 : 1;
	return 0;
}

/* r = a + b (r may be a or b). */
static bool nat_add(struct exact_nat *r, const struct exact_nat *a, const struct exact_nat *b)
{
	unsigned n = a->n > b->n ? a->n : b->n;
	uint64_t carry = 0;
	struct exact_nat t;
	for (unsigned i = 0; i < n; i++) {
		carry += (uint64_t)(i < a->n ? a->limb[i] : 0) + (i < b->n ? b->limb[i] : 0);
		t.limb[i] = (uint32_t)carry;
		carry >>= 32;
	}
	t.n = n;
	if (carry) {
		if (n >= MAX_LIMBS)
			return false;
		t.limb[t.n++] = (uint32_t)carry;
	}
	*r = t;
	return true;
}

/* r = a − b for a ≥ b (r may be a or b). */
static void nat_sub(struct exact_nat *r, const struct exact_nat *a, const struct exact_nat *b)
{
	int64_t borrow = 0;
	struct exact_nat t;
	for (unsigned i = 0; i < a->n; i++) {
		int64_t d = (int64_t)a->limb[i] - (i < b->n ? b->limb[i] : 0) - borrow;
		borrow = d < 0;
		t.limb[i] = (uint32_t)(d + (borrow ? (int64_t)1 << 32 : 0));
	}
	t.n = a->n;
	nat_trim(&t);
	*r = t;
}

/* r = a · b (r may be a or b). */
static bool nat_mul(struct exact_nat *r, const struct exact_nat *a, const struct exact_nat *b)
{
	if (!a->n || !b->n) {
		r->n = 0;
		return true;
	}
	if (a->n + b->n > MAX_LIMBS)
		return false;
	struct exact_nat t = { .n = a->n + b->n };
	memset(t.limb, 0, t.n * sizeof *t.limb);
	for (unsigned i = 0; i < a->n; i++) {
		uint64_t carry = 0;
		for (unsigned j = 0; j < b->n; j++) {
			carry += (uint64_t)a->limb[i] * b->limb[j] + t.limb[i + j];
			t.limb[i + j] = (uint32_t)carry;
			carry >>= 32;
		}
		t.limb[i + b->n] = (uint32_t)carry;
	}
	nat_trim(&t);
	*r = t;
	return true;
}

static unsigned nat_bits(const struct exact_nat *a)
{
	return a->n ? 32 * (a->n - 1) + (32 - (unsigned)__builtin_clz(a->limb[a->n - 1])) : 0;
}

static bool nat_bit(const struct exact_nat *a, unsigned i)
{
	return i / 32 < a->n && (a->limb[i / 32] >> (i % 32) & 1);
}

static unsigned nat_ctz(const struct exact_nat *a)	/* a ≠ 0 */
{
	unsigned i = 0;
	while (!a->limb[i])
		i++;
	return 32 * i + (unsigned)__builtin_ctz(a->limb[i]);
}

static void nat_shr(struct exact_nat *a, unsigned k)
{
	unsigned words = k / 32, bits = k % 32;
	if (words >= a->n) {
		a->n = 0;
		return;
	}
	for (unsigned i = 0; i + words < a->n; i++) {
		uint64_t lo = a->limb[i + words];
		uint64_t hi = i + words + 1 < a->n ? a->limb[i + words + 1] : 0;
		a->limb[i] = (uint32_t)(((hi << 32 | lo) >> bits));
	}
	a->n -= words;
	nat_trim(a);
}

/* a ← 2a + bit, for a below 2^(32·MAX_LIMBS) (as every result is). */
static void nat_shl1(struct exact_nat *a, bool bit)
{
	uint32_t carry = bit;
	for (unsigned i = 0; i < a->n; i++) {
		uint32_t top = a->limb[i] >> 31;
		a->limb[i] = a->limb[i] << 1 | carry;
		carry = top;
	}
	if (carry)
		a->limb[a->n++] = carry;
}

/* Binary gcd; a and b not both 0. */
static void nat_gcd(struct exact_nat *g, const struct exact_nat *a, const struct exact_nat *b)
{
	if (!a->n || !b->n) {
		*g = a->n ? *a : *b;
		return;
	}
	struct exact_nat x = *a, y = *b;
	unsigned zx = nat_ctz(&x), zy = nat_ctz(&y), k = zx < zy ? zx : zy;
	nat_shr(&x, zx);
	nat_shr(&y, zy);
	while (y.n) {			/* x, y odd */
		if (nat_cmp(&x, &y) > 0) {
			struct exact_nat t = x;
			x = y;
			y = t;
		}
		nat_sub(&y, &y, &x);
		if (y.n)
			nat_shr(&y, nat_ctz(&y));
	}
	*g = x;
	for (unsigned i = 0; i < k; i++)
		nat_shl1(g, false);
}

/* q = a / b, b ≠ 0, by long division one bit at a time (q may be a). */
static void nat_div(struct exact_nat *q, const struct exact_nat *a, const struct exact_nat *b)
{
	struct exact_nat r = { .n = 0 }, t = { .n = a->n };
	memset(t.limb, 0, t.n * sizeof *t.limb);
	for (unsigned i = nat_bits(a); i-- > 0;) {
		nat_shl1(&r, nat_bit(a, i));
		if (nat_cmp(&r, b) >= 0) {
			nat_sub(&r, &r, b);
			t.limb[i / 32] |= 1u << (i % 32);
		}
	}
	nat_trim(&t);
	*q = t;
}

/* a ← a / d; returns the remainder. */
static uint32_t nat_divsmall(struct exact_nat *a, uint32_t d)
{
	uint64_t rem = 0;
	for (unsigned i = a->n; i-- > 0;) {
		uint64_t cur = rem << 32 | a->limb[i];
		a->limb[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	nat_trim(a);
	return (uint32_t)rem;
}

static void nat_print(FILE *f, const struct exact_nat *a)
{
	uint32_t chunk[EXACT_LIMBS * 32 / 29 + 2];	/* base 10^9 digits */
	unsigned n = 0;
	struct exact_nat t = *a;
	do
		chunk[n++] = nat_divsmall(&t, 1000000000u);
	while (t.n);
	fprintf(f, "%u", chunk[--n]);
	while (n-- > 0)
		fprintf(f, "%09u", chunk[n]);
}

/* ---- rationals ---- */

/* Divides out the gcd, and makes zero 0/1. */
static void reduce(struct exact *r)
{
	if (!r->num.n) {
		r->neg = false;
		nat_u128(&r->den, 1);
		return;
	}
	struct exact_nat g;
	nat_gcd(&g, &r->num, &r->den);
	if (nat_is(&g, 1))
		return;
	nat_div(&r->num, &r->num, &g);
	nat_div(&r->den, &r->den, &g);
}

void exact_int(struct exact *r, int64_t v)
{
	r->neg = v < 0;
	nat_u128(&r->num, v < 0 ? -(u128)v : (u128)v);
	nat_u128(&r->den, 1);
}

bool exact_add(struct exact *r, const struct exact *a, const struct exact *b)
{
	struct exact t;
	struct exact_nat x, y;
	if (!nat_mul(&x, &a->num, &b->den) || !nat_mul(&y, &b->num, &a->den) ||
	    !nat_mul(&t.den, &a->den, &b->den))
		return false;
	if (a->neg == b->neg) {
		if (!nat_add(&t.num, &x, &y))
			return false;
		t.neg = a->neg;
	} else if (nat_cmp(&x, &y) >= 0) {
		nat_sub(&t.num, &x, &y);
		t.neg = a->neg;
	} else {
		nat_sub(&t.num, &y, &x);
		t.neg = b->neg;
	}
	reduce(&t);
	*r = t;
	return true;
}

bool exact_sub(struct exact *r, const struct exact *a, const struct exact *b)
{
	struct exact minus_b = *b;
	minus_b.neg = b->num.n && !b->neg;
	return exact_add(r, a, &minus_b);
}

bool exact_mul(struct exact *r, const struct exact *a, const struct exact *b)
{
	struct exact t;
	if (!nat_mul(&t.num, &a->num, &b->num) || !nat_mul(&t.den, &a->den, &b->den))
		return false;
	t.neg = a->neg != b->neg;
	reduce(&t);
	*r = t;
	return true;
}

void exact_print(FILE *f, const struct exact *r)
{
	if (r->neg)
		fputc('-', f);
	nat_print(f, &r->num);
	if (!nat_is(&r->den, 1)) {
		fputc('/', f);
		nat_print(f, &r->den);
	}
}

/*
** The simplest fraction p/q in [a/b, c/d], 0 ≤ a/b ≤ c/d, by continued fractions: when
** the interval holds an integer, the smallest one; else its integer part t, then t + 1/y
** with y the simplest in [1/(hi − t), 1/(lo − t)]. The ends' numerators and denominators
** only shrink (as in Euclid's algorithm), and each term extends the convergents
** p_k = t·p_{k−1} + p_{k−2} (the same for q), which are in lowest terms.
*/
static bool simplest_between(u128 a, u128 b, u128 c, u128 d, u128 *p, u128 *q)
{
	u128 p1 = 1, p0 = 0, q1 = 0, q0 = 1;	/* p_{k−1}, p_{k−2}, q_{k−1}, q_{k−2} */
	for (int step = 0; step < 256; step++) {
		u128 t = a / b, up = t + (a % b != 0);
		bool last = up * d <= c;	/* ceil(lo) ≤ hi */
		if (last)
			t = up;
		u128 pn = t * p1 + p0, qn = t * q1 + q0;
		p0 = p1, p1 = pn, q0 = q1, q1 = qn;
		if (last) {
			*p = p1;
			*q = q1;
			return true;
		}
		u128 na = d, nb = c - t * d, nc = b, nd = a - t * b;
		a = na, b = nb, c = nc, d = nd;
	}
	return false;
}

bool exact_simplest(struct exact *r, double x, double tol)
{
	double ax = fabs(x);
	if (!isfinite(x) || ax >= 0x1p62 || !(tol >= 0x1p-50 * fmax(1, ax)) || !(tol < 0x1p60))
		return false;
	/* The interval in units of 2^-64: X ± T, X rounded (the double's bits below 2^-64
	** are far inside the tolerance), T rounded down. */
	u128 X = (u128)nearbyint(ldexp(ax, 64)), T = (u128)ldexp(tol, 64);
	u128 lo = X > T ? X - T : 0, hi = X + T, D = (u128)1 << 64, p, q;
	if (!simplest_between(lo, D, hi, D, &p, &q))
		return false;
	r->neg = x < 0 && p != 0;
	nat_u128(&r->num, p);
	nat_u128(&r->den, q);
	return true;
}
