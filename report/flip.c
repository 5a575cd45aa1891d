/*
** flip.c: `scen flip`'s answer (interp/flip.h) as text, JSON, CSV, or a Markdown or
** LaTeX table (table.c's styles) of the sides or of the crossings.
*/
#include <assert.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/attrs.h"
#include "report/provenance.h"
#include "report/report.h"

/* A breakpoint, found to FLIP_TOL of the range, with 10 significant digits: the core
** counts payoffs within 1e-9·V of each other as ties (core.md), so a breakpoint is
** only that exact, and the digits after are the bisection's. */
static double rounded(double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.10g", v);
	return strtod(buf, NULL);
}

/* A value of the attribute: a probability in percent ("20%"), else report_num. */
static const char *value(char *buf, size_t size, const struct flip_result *f, double v)
{
	v = rounded(v);
	if (strcmp(f->def->unit, "probability") != 0)
		return report_num(buf, size, v);
	char n[48];
	snprintf(buf, size, "%s%%", report_num(n, sizeof n, rounded(100 * v)));
	return buf;
}

/* With `~`: each crossing of the level, with its interval. */
static void level_text(FILE *out, const struct flip_result *f)
{
	char a[64], b[64], c[64], buf[40];
	fprintf(out, "  draws        %s a value, seed %llu, the same draws at every value\n",
		report_count(buf, sizeof buf, f->draws), (unsigned long long)f->seed);
	if (f->ncrossings == 0) {
		fprintf(out, "  no verdict's share crosses %s over the range\n",
			report_pct(buf, sizeof buf, f->level));
		return;
	}
	fprintf(out, "  %-10s %-18s %12s   %s\n", "verdict", "its share", "at",
		"95% interval");
	for (unsigned i = 0; i < f->ncrossings; i++) {
		const struct flip_crossing *x = &f->crossings[i];
		char how[40];
		snprintf(how, sizeof how, "%s %s", x->rising ? "rises above" : "falls below",
			 report_pct(buf, sizeof buf, f->level));
		fprintf(out, "  %-10s %-18s", core_verdict_name(x->verdict), how);
		report_cell(out, 12, value(a, sizeof a, f, x->at));
		if (isnan(x->lo))
			fprintf(out, "   — (the share is flat there)\n");
		else
			fprintf(out, "   %s to %s\n", value(b, sizeof b, f, x->lo),
				value(c, sizeof c, f, x->hi));
	}
	if (f->truncated)
		fprintf(out, "  (more crossings than %d: the rest not shown)\n", FLIP_MAX_SIDES);
}

static void flip_text(FILE *out, const struct flip_result *f)
{
	char a[64], b[64];
	fprintf(out, "flip %s in %s\n", f->label_full, f->what);
	fprintf(out, "  range        %s to %s", value(a, sizeof a, f, f->lo),
		value(b, sizeof b, f, f->hi));
	if (f->hi_assumed && f->hi == FLIP_OTHER_HI)
		fprintf(out, " (unbounded: searched up to 10)");
	else if (f->hi_assumed)
		fprintf(out, " (unbounded: searched up to %d·V, V = %s)", FLIP_V_MULTIPLE,
			report_num(b, sizeof b, f->V));
	fprintf(out, "\n");
	if (f->uncertain) {
		level_text(out, f);
		return;
	}
	for (unsigned i = 0; i < f->nsides; i++) {
		const struct flip_side *sd = &f->sides[i];
		char span[160];
		snprintf(span, sizeof span, "%s%s to %s", i ? "above " : "",
			 value(a, sizeof a, f, sd->from), value(b, sizeof b, f, sd->to));
		fprintf(out, " ");
		report_cell_left(out, 28, span);
		fprintf(out, " %s\n", core_verdict_name(sd->verdict));
	}
	if (f->nsides == 1)
		fprintf(out, "  no breakpoint: the verdict is the same over the range\n");
	if (f->truncated)
		fprintf(out, "  (more breakpoints than %d: the rest not shown)\n", FLIP_MAX_SIDES - 1);
	if (f->unconfirmed)
		fprintf(out, "  warning: a side's middle has another verdict: a change narrower "
			     "than 1/%d of the range was missed\n", FLIP_GRID);
}

/* ---- Markdown and LaTeX ---- */

/* "range 0 to 2,000,000 (unbounded: searched up to 2·V, V = 1,000,000)", as the text's. */
static const char *range_line(char *buf, size_t size, const struct flip_result *f)
{
	char a[64], b[64], v[64];
	int n = snprintf(buf, size, "range %s to %s", value(a, sizeof a, f, f->lo),
			 value(b, sizeof b, f, f->hi));
	if (n < 0 || (size_t)n >= size)
		return buf;
	if (f->hi_assumed && f->hi == FLIP_OTHER_HI)
		snprintf(buf + n, size - (size_t)n, " (unbounded: searched up to 10)");
	else if (f->hi_assumed)
		snprintf(buf + n, size - (size_t)n, " (unbounded: searched up to %d·V, V = %s)",
			 FLIP_V_MULTIPLE, report_num(v, sizeof v, f->V));
	return buf;
}

/* With `~`: a row per crossing of the level. */
static void level_table(FILE *out, const struct table_style *st, const struct flip_result *f,
			const char *caption)
{
	char line[160], a[64], b[64], c[64], ci[160], pct[32];
	snprintf(line, sizeof line, "%s draws a value, seed %llu, the same draws at every value",
		 report_count(a, sizeof a, f->draws), (unsigned long long)f->seed);
	report_table_note(out, st, line);
	if (f->ncrossings == 0) {
		snprintf(line, sizeof line, "no verdict's share crosses %s over the range",
			 report_pct(pct, sizeof pct, f->level));
		report_table_note(out, st, line);
		return;
	}
	const struct report_table t = { out, st, 4, "llrr" };
	report_table_open(&t, caption, (const char *const[]){ "verdict", "its share", "at",
							      "95% interval" });
	for (unsigned i = 0; i < f->ncrossings; i++) {
		const struct flip_crossing *x = &f->crossings[i];
		char how[40];
		snprintf(how, sizeof how, "%s %s", x->rising ? "rises above" : "falls below",
			 report_pct(pct, sizeof pct, f->level));
		if (isnan(x->lo))
			snprintf(ci, sizeof ci, "%s (the share is flat there)", UNDEFINED);
		else
			snprintf(ci, sizeof ci, "%s to %s", value(b, sizeof b, f, x->lo),
				 value(c, sizeof c, f, x->hi));
		report_table_row(&t, (const char *const[]){ core_verdict_name(x->verdict), how,
							    value(a, sizeof a, f, x->at), ci });
	}
	report_table_close(&t);
	if (f->truncated) {
		snprintf(line, sizeof line, "more crossings than %d: the rest not shown",
			 FLIP_MAX_SIDES);
		report_table_note(out, st, line);
	}
}

/* Without `~`: a row per side, from the breakpoint below it (excluded) to the next. */
static void sides_table(FILE *out, const struct table_style *st, const struct flip_result *f,
			const char *caption)
{
	char line[200], a[64], b[80];
	const struct report_table t = { out, st, 3, "rrl" };
	report_table_open(&t, caption, (const char *const[]){ "from", "to", "verdict" });
	for (unsigned i = 0; i < f->nsides; i++) {
		const struct flip_side *sd = &f->sides[i];
		snprintf(b, sizeof b, "%s%s", i ? "above " : "", value(a, sizeof a, f, sd->from));
		char to[64];
		report_table_row(&t, (const char *const[]){ b, value(to, sizeof to, f, sd->to),
							    core_verdict_name(sd->verdict) });
	}
	report_table_close(&t);
	if (f->nsides == 1)
		report_table_note(out, st, "no breakpoint: the verdict is the same over the range");
	if (f->truncated) {
		snprintf(line, sizeof line, "more breakpoints than %d: the rest not shown",
			 FLIP_MAX_SIDES - 1);
		report_table_note(out, st, line);
	}
	if (f->unconfirmed) {
		snprintf(line, sizeof line, "warning: a side's middle has another verdict: a change "
			 "narrower than 1/%d of the range was missed", FLIP_GRID);
		report_table_note(out, st, line);
	}
}

static void flip_tables(FILE *out, const struct table_style *st, const struct flip_result *f)
{
	char caption[320], line[240];
	snprintf(caption, sizeof caption, "flip %s in %s", f->label_full, f->what);
	report_table_note(out, st, range_line(line, sizeof line, f));
	if (f->uncertain)
		level_table(out, st, f, caption);
	else
		sides_table(out, st, f, caption);
	if (f->stopped) {	/* as scen sense's tables say it; the text says it on stderr */
		char at[64];
		snprintf(line, sizeof line, "interrupted: the search stopped at %s = %s: only "
			 "the crossings below it are shown", f->label_full,
			 value(at, sizeof at, f, f->searched_to));
		report_table_note(out, st, line);
	}
}

void report_flip_table(FILE *out, const struct flip_result *f, const char *format)
{
	assert(report_table_style(format));	/* the command line checked it */
	flip_tables(out, report_table_style(format), f);
}

/* ---- CSV: a row per breakpoint or crossing (docs/scen.1, scen flip) ---- */

static void csv_start(FILE *out, const struct flip_result *f)
{
	report_csv_field(out, f->label_full);
	fputc(',', out);
	report_csv_field(out, f->what);
}

static void breakpoints_csv(FILE *out, const struct flip_result *f)
{
	fputs("attribute,report,at,below,above\n", out);
	for (unsigned i = 0; i + 1 < f->nsides; i++) {
		csv_start(out, f);
		report_csv_number(out, f->sides[i].to);
		fprintf(out, ",%s,%s\n", core_verdict_name(f->sides[i].verdict),
			core_verdict_name(f->sides[i + 1].verdict));
	}
}

static void crossings_csv(FILE *out, const struct flip_result *f)
{
	fputs("attribute,report,level,verdict,direction,at,interval_lo,interval_hi,se,slope\n",
	      out);
	for (unsigned i = 0; i < f->ncrossings; i++) {
		const struct flip_crossing *x = &f->crossings[i];
		csv_start(out, f);
		report_csv_number(out, f->level);
		fprintf(out, ",%s,%s", core_verdict_name(x->verdict), x->rising ? "rises" : "falls");
		report_csv_number(out, x->at);
		report_csv_number(out, x->lo);		/* NAN: the share is flat there */
		report_csv_number(out, x->hi);
		report_csv_number(out, x->se);
		report_csv_number(out, x->slope);
		fputc('\n', out);
	}
}

/* What the JSON says in its flags, as comment lines after the provenance's. */
static void csv_notes(FILE *out, const struct flip_result *f)
{
	if (f->truncated)
		fprintf(out, "# truncated: more %s than %d: the rest not shown\n",
			f->uncertain ? "crossings" : "breakpoints",
			f->uncertain ? FLIP_MAX_SIDES : FLIP_MAX_SIDES - 1);
	if (f->unconfirmed)
		fprintf(out, "# unconfirmed: a side's middle has another verdict: a change "
			"narrower than 1/%d of the range was missed\n", FLIP_GRID);
}

static void text_of(FILE *out, const void *f);

void report_flip_csv(FILE *out, const struct flip_result *f, const struct run_result *prov)
{
	char digest[65];
	provenance_digest_of(text_of, f, digest);
	provenance_csv(out, prov, digest);
	csv_notes(out, f);
	if (f->uncertain)
		crossings_csv(out, f);
	else
		breakpoints_csv(out, f);
}

/* ---- JSON ---- */

static json_t *level_json(const struct flip_result *f)
{
	json_t *crossings = json_array();
	for (unsigned i = 0; i < f->ncrossings; i++) {
		const struct flip_crossing *x = &f->crossings[i];
		json_t *ci = isnan(x->lo) ? json_null() : json_pack("[f, f]", rounded(x->lo),
								     rounded(x->hi));
		json_array_append_new(crossings, json_pack("{s:s, s:s, s:f, s:o, s:f, s:f}",
			"verdict", core_verdict_name(x->verdict), "direction", x->rising ?
			"rises" : "falls", "at", rounded(x->at), "interval", ci, "se", x->se,
			"slope", x->slope));
	}
	return json_pack("{s:s, s:s, s:[f, f], s:b, s:f, s:I, s:I, s:o, s:b, s:b}",
			 "attribute", f->label_full, "report", f->what, "range", f->lo, f->hi,
			 "range_assumed", f->hi_assumed, "level", f->level, "draws",
			 (json_int_t)f->draws, "seed", (json_int_t)f->seed, "crossings", crossings,
			 "truncated", f->truncated, "interrupted", f->stopped);
}

static json_t *flip_json(const struct flip_result *f)
{
	if (f->uncertain)
		return level_json(f);
	json_t *breaks = json_array(), *sides = json_array();
	for (unsigned i = 0; i < f->nsides; i++) {
		const struct flip_side *sd = &f->sides[i];
		json_array_append_new(sides, json_pack("{s:f, s:f, s:s}", "from",
			rounded(sd->from), "to", rounded(sd->to), "verdict",
			core_verdict_name(sd->verdict)));
		if (i + 1 < f->nsides)
			json_array_append_new(breaks, json_pack("{s:f, s:s, s:s}", "at",
				rounded(sd->to), "below", core_verdict_name(sd->verdict),
				"above", core_verdict_name(f->sides[i + 1].verdict)));
	}
	return json_pack("{s:s, s:s, s:[f, f], s:b, s:o, s:o, s:b, s:b, s:b}", "attribute",
			 f->label_full, "report", f->what, "range", f->lo, f->hi, "range_assumed",
			 f->hi_assumed, "breakpoints", breaks, "sides", sides, "truncated",
			 f->truncated, "unconfirmed", f->unconfirmed, "interrupted", f->stopped);
}

static void text_of(FILE *out, const void *f)
{
	flip_text(out, f);
}

void report_flip(FILE *out, const struct flip_result *f, bool json,
		 const struct run_result *prov)
{
	if (!json) {
		flip_text(out, f);
		return;
	}
	json_t *root = flip_json(f);
	if (prov) {
		char digest[65];
		provenance_digest_of(text_of, f, digest);
		json_object_set_new(root, "provenance", provenance_json_digest(prov, digest));
	}
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', out);
	json_decref(root);
}
