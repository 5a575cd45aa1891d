/*
** rng.c: stream keys. FNV-1a 64 of the name, mixed with the seed.
*/
#include "interp/rng.h"

#include <string.h>

uint64_t rng_key(uint64_t seed, const char *name)
{
	uint64_t h = rng_fnv1a(RNG_FNV_OFFSET, name, strlen(name));
	return rng_mix(seed ^ rng_mix(h));
}
