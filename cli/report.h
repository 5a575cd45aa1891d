/*
** report.h: printing results (interp.h) as text, JSON or CSV.
*/
#ifndef SCEN_REPORT_H
#define SCEN_REPORT_H

#include <stdio.h>

#include "interp.h"

void report_text(FILE *out, const struct run_result *r);
void report_json(FILE *out, const struct run_result *r);
void report_csv(FILE *out, const struct run_result *r);

/* v with thousands separators and at most 6 significant digits ("1,234.57"). */
const char *fmt_num(char *buf, size_t size, double v);

#endif
