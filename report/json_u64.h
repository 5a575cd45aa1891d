/*
** json_u64.h: a 64-bit whole number (a seed: any of 0 to 2^64 − 1) as JSON, exactly.
** jansson's integers are signed 64-bit, so a seed of 2^63 or more cast to one comes out
** negative: up to 2^63 − 1 it is a JSON integer, above that a string of its decimal
** digits (docs/json.md). Readers take either (partial.c).
*/
#ifndef SCEN_JSON_U64_H
#define SCEN_JSON_U64_H

#include <inttypes.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

static inline json_t *json_u64(uint64_t v)
{
	if (v <= INT64_MAX)
		return json_integer((json_int_t)v);
	char digits[24];
	snprintf(digits, sizeof digits, "%" PRIu64, v);
	return json_string(digits);
}

#endif
