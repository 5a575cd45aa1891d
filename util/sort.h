/*
** sort.h: sorting a sample of numbers for its quantiles.
*/
#ifndef SCEN_SORT_H
#define SCEN_SORT_H

#include <stddef.h>

/* Sorts v[0, n) ascending. v holds no NaN; -0 and 0 are told apart (-0 first), so
** callers that want them equal write 0 for -0 before (interp/run.c sample_unit). */
void sort_doubles(double *v, size_t n);

#endif
