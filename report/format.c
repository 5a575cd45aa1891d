/*
** format.c: the number, percent, count and unit helpers of every report (text, the
** diff, the REPL's :why, the plots' titles), and the cells of a text table. Only the
** formatting: which number a report prints is the report's business.
*/
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "report/report.h"

const char *report_num(char *buf, size_t size, double v)
{
	if (!isfinite(v)) {	/* undefined: a mean over no draws, x_min with g = 0 */
		snprintf(buf, size, "%s", UNDEFINED);
		return buf;
	}
	if (fabs(v) < 5e-13)
		v = 0;
	char raw[64];
	if (v != 0 && fabs(v) < 1e-4) {	/* as %g does: fixed point would keep too few digits */
		snprintf(buf, size, "%.6g", v);
		return buf;
	}
	int digits = fabs(v) >= 1 ? 6 - (int)floor(log10(fabs(v))) - 1 : 6;
	snprintf(raw, sizeof raw, "%.*f", digits < 0 ? 0 : digits > 9 ? 9 : digits, v);
	char *dot = strchr(raw, '.');
	if (dot) {	/* trim trailing zeros */
		char *end = raw + strlen(raw) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	const char *digits_start = raw + (raw[0] == '-');
	size_t intlen = strcspn(digits_start, ".");
	size_t o = 0;
	if (raw[0] == '-' && strcmp(raw, "-0") != 0)
		buf[o++] = '-';
	for (size_t i = 0; i < intlen && o + 2 < size; i++) {
		if (i && (intlen - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits_start[i];
	}
	snprintf(buf + o, size - o, "%s", digits_start + intlen);
	return buf;
}

/* The rounding rule for amounts (docs/language.md, "Reading a report"): the core calls
** two payoffs within 1e-9·V a tie and a range closed to within 1e-9·V a point
** (core_tolerance_of), so an amount below that is rounding in the sums, not data, and
** prints as 0. One threshold for the core and the text: an amount the core acts on (a gap
** that makes a BREAKDOWN) is never printed as 0. A mean is an exact sum of values each
** rounded to 2^-40 (interp/totals.h: xsum), about 9.1e-13, over the draws: its digits
** below 10^-12 are that rounding (5.9e-10 every draw sums as 649·2^-40 a draw and would
** print as 5.90262e-10), so no amount prints a digit finer than 10^-12. */
const char *report_amount(char *buf, size_t size, double v, double stake)
{
	if (fabs(v) < core_tolerance_of(fabs(stake)))
		v = 0;
	else if (fabs(v) < 1e-3)	/* no digit finer than the exact sums hold (below) */
		v = nearbyint(v * 1e12) / 1e12;
	return report_num(buf, size, v);
}

/* One decimal, but never 0.0% or 100.0% for a share that is not exactly 0 or 1: a draw
** in 100,000 is not none (core.md, Aggregation: the shares are counts of draws). */
const char *report_pct(char *buf, size_t size, double share)
{
	snprintf(buf, size, "%.1f%%", 100 * share + 0.0);
	if (share > 0 && strcmp(buf, "0.0%") == 0)
		snprintf(buf, size, "<0.1%%");
	else if (share < 1 && strcmp(buf, "100.0%") == 0)
		snprintf(buf, size, ">99.9%%");
	return buf;
}

/* A standard error in percent, two decimals, "<0.01%" rather than 0.00% when not 0. */
const char *report_pct_se(char *buf, size_t size, double se)
{
	snprintf(buf, size, "%.2f%%", 100 * se + 0.0);
	if (se > 0 && strcmp(buf, "0.00%") == 0)
		snprintf(buf, size, "<0.01%%");
	return buf;
}

/* sqrt(P(1 − P)/N) (core.md, Aggregation); 0 with no draws. */
double report_share_se(uint64_t k, uint64_t n)
{
	return report_share_se_of(n ? (double)k / (double)n : 0, n);
}

double report_share_se_of(double p, uint64_t n)
{
	return n ? sqrt(p * (1 - p) / (double)n) : 0;
}

/* A count, exactly, with thousands separators (report_num keeps 6 significant digits:
** 1,234,567 draws would print as 1,234,570). */
const char *report_count(char *buf, size_t size, uint64_t n)
{
	char raw[32];
	int len = snprintf(raw, sizeof raw, "%llu", (unsigned long long)n);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
	return buf;
}

const char *report_clamp_where(char *buf, size_t size, const struct run_result *r,
			       unsigned i)
{
	char n[40];
	uint64_t k = r->clamps[i].draws;
	/* an exact run evaluates each row of a sweep once: its count is of rows */
	snprintf(buf, size, "%soutside its range in %s %s%s", r->uncertain ? "drawn " : "",
		 report_count(n, sizeof n, k), r->uncertain ? "draw" : "row", k == 1 ? "" : "s");
	return buf;
}

/* " points", or "" when the scenario names no unit. */
const char *report_unit(const struct run_result *r)
{
	static _Thread_local char buf[80];
	snprintf(buf, sizeof buf, "%s%s", *r->unit ? " " : "", r->unit);
	return buf;
}

/* Columns of a UTF-8 string: its bytes less the continuation bytes ("—" is one). */
int report_columns(const char *s)
{
	return report_columns_n(s, strlen(s));
}

int report_columns_n(const char *s, size_t n)
{
	int cols = 0;
	for (size_t i = 0; i < n; i++)
		cols += ((unsigned char)s[i] & 0xC0) != 0x80;
	return cols;
}

void report_cell(FILE *out, int width, const char *s)
{
	fprintf(out, " %*s%s", width > report_columns(s) ? width - report_columns(s) : 0, "", s);
}

void report_cell_left(FILE *out, int width, const char *s)
{
	fprintf(out, " %s%*s", s, width > report_columns(s) ? width - report_columns(s) : 0, "");
}

/* Where the rest of line (printed from column col) breaks so that it ends by MAP_LINE:
** at its last space that fits, never before its first byte after lead (a label's
** padding), between a number and the word after it ("30,000 dollars") nor inside an
** interval ("[50, 300,000]": one unit); NULL when it fits whole or has no such space. */
static const char *prose_break(const char *line, int col, const char *lead)
{
	const char *cut = NULL;
	int interval = 0;	/* inside [ ] */
	for (const char *q = line; *q; q++) {
		if (col > MAP_LINE)
			return cut;
		interval += (*q == '[') - (*q == ']');
		if (*q == ' ' && q > lead && interval <= 0 && !(isdigit((unsigned char)q[-1])
								 && isalpha((unsigned char)q[1])))
			cut = q;
		col += ((unsigned char)*q & 0xC0) != 0x80;
	}
	return col > MAP_LINE ? cut : NULL;
}

void report_prose(FILE *out, int hang, const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	line[strcspn(line, "\n")] = '\0';
	const char *p = line, *cut;
	int col = 0;
	while ((cut = prose_break(p, col, col ? p : line + hang))) {
		fprintf(out, "%.*s\n%*s", (int)(cut - p), p, hang, "");
		p = cut + 1;
		col = hang;
	}
	fprintf(out, "%s\n", p);
}
