/*
** rng.h: counter-based random streams. The uniform of stream `name` in draw i is a
** pure function of (seed, name, i): splitmix64 of a key made from the seed and the
** name's hash, advanced by i. Nothing is carried from one draw to the next, so draws
** can be computed in any order, on any thread, and adding or removing one uncertain
** attribute leaves every other attribute's draws where they were (design/core.md,
** "Aggregation over draws").
*/
#ifndef SCEN_RNG_H
#define SCEN_RNG_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64's output function (Steele, Lea, Flood 2014), and the step between draws:
** one text for a uint64_t and for a vector of them (interp/column.c's uniforms). */
#define RNG_GAMMA 0x9e3779b97f4a7c15ull
#define RNG_MIX(z) ((z) = ((z) ^ ((z) >> 30)) * 0xbf58476d1ce4e5b9ull, \
		    (z) = ((z) ^ ((z) >> 27)) * 0x94d049bb133111ebull, (z) ^ ((z) >> 31))
static inline uint64_t rng_mix(uint64_t z)
{
	return RNG_MIX(z);
}

/* FNV-1a 64 of n bytes, continuing from h (start from RNG_FNV_OFFSET): the hash of
** stream names here, and of the source text and the content of a partial (partial.c). */
#define RNG_FNV_OFFSET 0xcbf29ce484222325ull
static inline uint64_t rng_fnv1a(uint64_t h, const void *p, size_t n)
{
	for (const unsigned char *b = p; n--; b++)
		h = (h ^ *b) * 0x100000001b3ull;
	return h;
}

/* The key of a stream: depends on the seed and the name only. */
uint64_t rng_key(uint64_t seed, const char *name);

/* The uniform of draw i in (0, 1), never 0 or 1 (inverse CDFs are finite there). The
** largest z, 2^53 − 1 + 1/2, rounds to 2^53, that is to u = 1: it becomes the largest
** double below 1. */
static inline double rng_uniform(uint64_t key, uint64_t i)
{
	uint64_t z = rng_mix(key + (i + 1) * RNG_GAMMA);
	double u = ((double)(z >> 11) + 0.5) * 0x1.0p-53;
	return u < 1 ? u : 0x1.fffffffffffffp-1;
}

#endif
