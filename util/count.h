/*
** count.h: parsing a count from the command line or the REPL.
*/
#ifndef SCEN_COUNT_H
#define SCEN_COUNT_H

#include <stdbool.h>
#include <stdint.h>

/* A whole number from min to max, written in decimal digits with nothing around it. */
bool parse_count(const char *s, uint64_t *out, uint64_t min, uint64_t max);

#endif
