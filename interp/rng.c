/*
** rng.c: stream keys. FNV-1a 64 of the name, mixed with the seed.
*/
#include "rng.h"

uint64_t rng_key(uint64_t seed, const char *name)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 0x100000001b3ull;
	return rng_mix(seed ^ rng_mix(h));
}
