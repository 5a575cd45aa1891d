/*
** exact.h: exact rational numbers for the .efg export (core.md §4, "Exact means
** rational"): the simplest fraction within a tolerance of a double, and the sums and
** products that make the values scen treats as tied exactly equal in the exported game.
**
** A number is sign · num / den with num, den natural numbers of at most EXACT_LIMBS
** 32-bit limbs, den > 0, gcd(num, den) = 1 (zero is 0/1). The export's numbers are
** small: a simplest fraction within 1e-12 has a denominator below 10^12 (40 bits), and
** an expected value over one war move's four leaves, or the difference of two, needs at
** most a few hundred bits; 2,048 bits leave room for any intermediate product. An
** operation whose result would not fit returns false and leaves *r unspecified.
** No allocation: the caller owns every struct.
*/
#ifndef SCEN_CORE_EXACT_H
#define SCEN_CORE_EXACT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum { EXACT_LIMBS = 64 };

struct exact_nat {
	uint32_t limb[EXACT_LIMBS];	/* little-endian */
	unsigned n;			/* limbs in use: limb[n - 1] != 0, or n = 0 for 0 */
};

struct exact {
	bool neg;
	struct exact_nat num, den;
};

/* The integer v. */
void exact_int(struct exact *r, int64_t v);

/*
** The simplest fraction (the smallest denominator, then the smallest numerator: the first
** met going down the Stern–Brocot tree) in [x − tol, x + tol], found by continued
** fractions on the interval's exact ends; integers come out as integers. x finite,
** |x| < 2^62, 2^60 > tol ≥ 2^-50 · max(1, |x|) (so that the denominator stays below
** 2^50). Returns false when x or tol is outside those bounds.
*/
bool exact_simplest(struct exact *r, double x, double tol);

bool exact_add(struct exact *r, const struct exact *a, const struct exact *b);
bool exact_sub(struct exact *r, const struct exact *a, const struct exact *b);
bool exact_mul(struct exact *r, const struct exact *a, const struct exact *b);

/* "3", "-7", "1/3", "-25/7": what Gambit and Python's fractions.Fraction read exactly. */
void exact_print(FILE *f, const struct exact *r);

#endif
