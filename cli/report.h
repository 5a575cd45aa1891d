/*
** report.h: printing results (interp.h) as text, JSON or CSV.
*/
#ifndef SCEN_REPORT_H
#define SCEN_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "interp.h"

void report_text(FILE *out, const struct run_result *r);
void report_json(FILE *out, const struct run_result *r);
void report_csv(FILE *out, const struct run_result *r);
/* format is "text", "json" or "csv" (report_format_known). */
void report_print(FILE *out, const struct run_result *r, const char *format);
bool report_format_known(const char *format);

/* v with thousands separators and at most 6 significant digits ("1,234.57"). */
const char *fmt_num(char *buf, size_t size, double v);
/* A count, exactly, with thousands separators ("1,234,567"). */
const char *fmt_count(char *buf, size_t size, uint64_t n);
/* A share as "12.3%". */
const char *pct(char *buf, size_t size, double share);
/* " points", or "" when the scenario names no unit. */
const char *unit_of(const struct run_result *r);
/* "    LABEL   12.3%  ± 0.10%": a share of n with its standard error. */
void share_line(FILE *out, const char *label, uint64_t k, uint64_t n);
#define N(v) fmt_num((char[40]){ 0 }, 40, (v))
#define P(v) pct((char[40]){ 0 }, 40, (v))

/* One settlement report (not a sweep's table), as report_text prints it. */
void report_settlement_text(FILE *out, const struct run_result *r,
			    const struct report_result *rep);
/* report_strategic.c: the mediation and provocation reports, as text. */
void report_mediation_text(FILE *out, const struct run_result *r,
			   const struct report_result *rep);
void report_game_text(FILE *out, const struct run_result *r, const struct report_result *rep);

#endif
