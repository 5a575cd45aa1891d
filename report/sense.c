/*
** sense.c: `scen sense`'s answer (interp/sense.h) as text (a ranked table, at most 100
** columns), JSON, CSV, or Markdown and LaTeX tables (table.c's styles: the as-drawn
** shares, the tornado, the first-order indices and the deciles, a table each). Shares
** print in percent, swings in percentage points.
*/
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/json_u64.h"
#include "report/provenance.h"
#include "report/report.h"

/* Whether stat k of report r is printed: a share that is not 0 in every version (or
** P(war), when it is not the BREAKDOWN share again: some draw is RISK). Means (x_min,
** margins) and AGREEMENT without the coercion are left to `scen run`. */
static bool shown(const struct sense_result *res, const struct sense_report *r, unsigned k)
{
	const struct paired_stat *s = &r->r.stats[k];
	if (r->r.kind == RK_MEDIATION && k == SM_FREE)
		return false;
	if (r->r.kind == RK_SETTLEMENT && k == SS_PWAR) {
		for (unsigned i = 0; i < res->ninputs; i++) {
			const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS +
								 SS_VERDICT + CORE_RISK];
			if (w->lo > 0 || w->hi > 0)
				return true;
		}
		return r->r.stats[SS_VERDICT + CORE_RISK].old > 0;
	}
	if (!s->share)
		return false;
	if (s->old > 0)
		return true;
	for (unsigned i = 0; i < res->ninputs; i++) {
		const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS + k];
		if (w->lo > 0 || w->hi > 0)
			return true;
	}
	return false;
}

static bool is_cause(const struct sense_report *r, unsigned k)
{
	return r->r.kind == RK_SETTLEMENT && k >= SS_CAUSE && k < SS_CAUSE + CORE_NCAUSES;
}

/* The label of stat k in the tables: a cause indented under BREAKDOWN. */
static const char *stat_label(const struct sense_report *r, unsigned k, char *buf, size_t n)
{
	if (r->r.kind == RK_PROVOCATION && k <= SG_PROVOKE + CORE_GAME_NMOVES - 1)
		k == SG_PROVOKE - 1 ? snprintf(buf, n, "abstain")
				    : (void)report_path_label(buf, n, k - SG_PROVOKE);
	else if (is_cause(r, k))
		snprintf(buf, n, "  %s", core_cause_name((enum core_cause)(k - SS_CAUSE)));
	else
		snprintf(buf, n, "%s", r->r.stats[k].label);
	return buf;
}

const char *report_sense_value(char *buf, size_t n, const struct sense_input *in, double v)
{
	if (!isfinite(v))
		return UNDEFINED;
	if (!in->probability)
		return report_num(buf, n, v);
	char a[48];
	snprintf(buf, n, "%s%%", report_num(a, sizeof a, 100 * v));
	return buf;
}

/* Points with a sign and one decimal, pm then the SE: "+60.0 ±0.8", "0.0". */
static const char *points(char *buf, size_t n, double d, double se, const char *pm)
{
	if (!isfinite(d))
		return UNDEFINED;
	double p = 100 * d, s = 100 * se;
	if (fabs(p) < 0.05)
		p = 0;
	if (!isfinite(s))	/* one draw: exact */
		snprintf(buf, n, p == 0 ? "0.0" : "%+.1f", p);
	else if (p == 0)
		snprintf(buf, n, "0.0%s%.1f", pm, s);
	else
		snprintf(buf, n, "%+.1f%s%.1f", p, pm, s);
	return buf;
}

static void text_head(FILE *out, const struct sense_result *res, const struct sense_report *r)
{
	char n[32], a[32], b[32];
	fprintf(out, "sense %s: %s draw%s, seed %llu\n", r->r.what,	/* a seed as run prints it */
		report_count(n, sizeof n, res->draws), res->draws == 1 ? "" : "s",
		(unsigned long long)res->seed);
	fprintf(out, "  as drawn     ");
	const char *sep = " ";
	for (unsigned k = 0; k < r->r.nstats; k++) {
		const struct paired_stat *s = &r->r.stats[k];
		if (!s->outcome && !(r->r.kind == RK_SETTLEMENT && k == SS_PWAR && shown(res, r, k)))
			continue;
		if (s->outcome && !(s->old > 0))
			continue;
		char l[96];
		fprintf(out, "%s%s %s", sep, stat_label(r, k, l, sizeof l),
			report_pct(a, sizeof a, s->old));
		if (res->draws > 1)
			fprintf(out, " (SE %s)", report_pct_se(b, sizeof b, s->se_old));
		sep = ", ";
	}
	fprintf(out, "\n");
}

enum { W_INPUT = 16, W_VALUE = 9, W_LABEL = 26, W_SHARE = 8, W_SWING = 13 };

/* The input column: 15 wide (100 columns in all), wider for a longer name, so that the
** columns stay aligned. */
static int input_width(const struct sense_result *res)
{
	int w = W_INPUT - 1;
	for (unsigned i = 0; i < res->ninputs; i++)
		if (report_columns(res->inputs[i].label) > w)
			w = report_columns(res->inputs[i].label);
	return w;
}

static void tornado_text(FILE *out, const struct sense_result *res, const struct sense_report *r)
{
	char a[64], b[64], l[96];
	if (res->nuncertain)
		fprintf(out, "  tornado       each input at its 5%% and its 95%% quantile (a --vary "
			"at its range's ends),\n                every other as drawn; swing = high − "
			"low in points, ± its paired SE\n");
	else
		fprintf(out, "  tornado       each --vary at its range's ends, every other value "
			"as the file says;\n                swing = high − low in points\n");
	fprintf(out, " ");
	report_cell_left(out, input_width(res), "input");
	report_cell(out, W_VALUE, "low");
	report_cell(out, W_VALUE, "high");
	fprintf(out, " ");
	report_cell_left(out, W_LABEL - 1, "share");
	report_cell(out, W_SHARE, "at low");
	report_cell(out, W_SHARE, "at high");
	report_cell(out, W_SWING, "swing");
	fprintf(out, "\n");
	for (unsigned o = 0; o < res->ninputs; o++) {
		unsigned i = r->order[o];
		const struct sense_input *in = &res->inputs[i];
		bool first = true;
		for (unsigned k = 0; k < r->r.nstats; k++) {
			if (!shown(res, r, k))
				continue;
			const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS + k];
			fprintf(out, " ");
			report_cell_left(out, input_width(res), first ? in->label : "");
			report_cell(out, W_VALUE,
				    first ? report_sense_value(a, sizeof a, in, in->lo) : "");
			report_cell(out, W_VALUE,
				    first ? report_sense_value(b, sizeof b, in, in->hi) : "");
			fprintf(out, " ");
			report_cell_left(out, W_LABEL - 1, stat_label(r, k, l, sizeof l));
			report_cell(out, W_SHARE, isfinite(w->lo) ? report_pct(a, sizeof a, w->lo)
							   : UNDEFINED);
			report_cell(out, W_SHARE, isfinite(w->hi) ? report_pct(b, sizeof b, w->hi)
							   : UNDEFINED);
			report_cell(out, W_SWING, points(l, sizeof l, w->swing,
							 res->draws > 1 ? w->se_swing : NAN, " ±"));
			fprintf(out, "\n");
			first = false;
		}
	}
}

/* The shares the importance and decile tables have a column or a row for: the
** outcomes that occur. */
static bool outcome_shown(const struct sense_result *res, const struct sense_report *r,
			  unsigned k)
{
	return r->r.stats[k].outcome && shown(res, r, k);
}

enum { W_INDEX = 20 };

/* A first-order index, three decimals, pm then its SE: "0.548 ±0.010". */
static const char *index_value(char *buf, size_t n, const struct sense_index *x,
			       const char *pm)
{
	if (!x->defined)
		return UNDEFINED;
	snprintf(buf, n, "%.3f%s%.3f", fabs(x->s) < 5e-4 ? 0 : x->s, pm, x->se); /* no -0.000 */
	return buf;
}

/* A decile's share in percent, one decimal: "97.5". */
static const char *decile_value(char *buf, size_t n, const struct sense_report *r, unsigned i,
				unsigned bin, unsigned k)
{
	double v = r->bins[((size_t)i * SENSE_BINS + bin) * PAIRED_MAXSTATS + k];
	if (!isfinite(v))
		return UNDEFINED;
	snprintf(buf, n, "%.1f", 100 * v);
	return buf;
}

static void importance_text(FILE *out, const struct sense_result *res,
			    const struct sense_report *r)
{
	char a[64];
	fprintf(out, "  importance    first-order index: the share of each verdict's variance "
		"that the input\n                explains alone, ± its SE\n");
	fprintf(out, " ");
	report_cell_left(out, input_width(res), "input");
	for (unsigned k = 0; k < r->r.nstats; k++)
		if (outcome_shown(res, r, k))
			report_cell(out, W_INDEX, stat_label(r, k, a, sizeof a));
	fprintf(out, "\n");
	for (unsigned o = 0; o < res->ninputs; o++) {
		unsigned i = r->order[o];
		if (res->inputs[i].fixed)
			continue;
		fprintf(out, " ");
		report_cell_left(out, input_width(res), res->inputs[i].label);
		for (unsigned k = 0; k < r->r.nstats; k++) {
			if (!outcome_shown(res, r, k))
				continue;
			report_cell(out, W_INDEX, index_value(a, sizeof a,
						&r->index[i * PAIRED_MAXSTATS + k], " ±"));
		}
		fprintf(out, "\n");
	}
}

enum { W_BIN = 7, W_DECILE_LABEL = 24 };

static void deciles_text(FILE *out, const struct sense_result *res, const struct sense_report *r)
{
	char a[64], l[96];
	fprintf(out, "  by decile     each share among the draws in each tenth of the input's "
		"distribution\n");
	for (unsigned o = 0; o < res->ninputs; o++) {
		unsigned i = r->order[o];
		if (res->inputs[i].fixed)
			continue;
		fprintf(out, " ");
		report_cell_left(out, W_DECILE_LABEL + 2 + (input_width(res) - (W_INPUT - 1)),
				 res->inputs[i].label);
		for (unsigned b = 0; b < SENSE_BINS; b++) {
			snprintf(a, sizeof a, "%u", b + 1);
			report_cell(out, W_BIN - 1, a);
		}
		fprintf(out, "\n");
		for (unsigned k = 0; k < r->r.nstats; k++) {
			if (!outcome_shown(res, r, k))
				continue;
			fprintf(out, "   ");
			report_cell_left(out, W_DECILE_LABEL + (input_width(res) - (W_INPUT - 1)),
				 stat_label(r, k, l, sizeof l));
			for (unsigned b = 0; b < SENSE_BINS; b++)
				report_cell(out, W_BIN - 1, decile_value(a, sizeof a, r, i, b, k));
			fprintf(out, "\n");
		}
	}
}

/* What a file without a report outside sweeps gets, in every format but JSON and CSV
** (whose empty `reports` and table say it): a line, not nothing (docs/sense.md, Reports). */
static const char no_reports[] = "no report outside sweeps: scen sense analyses a file's "
				 "own reports, not its sweeps' rows";

static void sense_text(FILE *out, const struct sense_result *res)
{
	if (!res->nreports)
		fprintf(out, "%s\n", no_reports);
	for (unsigned j = 0; j < res->nreports; j++) {
		const struct sense_report *r = &res->reports[j];
		if (j)
			fprintf(out, "\n");
		text_head(out, res, r);
		tornado_text(out, res, r);
		if (res->nuncertain && res->draws > 1) {
			importance_text(out, res, r);
			deciles_text(out, res, r);
		}
	}
	char n[32];
	if (res->stopped)
		fprintf(out, "\ninterrupted: these results cover only the first %s draws\n",
			report_count(n, sizeof n, res->draws));
}

/* ---- Markdown and LaTeX: the text's tables, in table.c's styles ---- */

/* A table's caption: "sense settlement gov vs reb: tornado". */
static const char *caption_of(char *buf, size_t n, const struct sense_report *r,
			      const char *what)
{
	snprintf(buf, n, "sense %s: %s", r->r.what, what);
	return buf;
}

/* A share in percent with its standard error when there are draws: "74.5% ± 0.44%". */
static const char *share_value(char *buf, size_t n, double share, double se, bool draws)
{
	char a[32], b[32];
	if (!isfinite(share))
		return UNDEFINED;
	if (draws)
		snprintf(buf, n, "%s ± %s", report_pct(a, sizeof a, share),
			 report_pct_se(b, sizeof b, se));
	else
		snprintf(buf, n, "%s", report_pct(a, sizeof a, share));
	return buf;
}

/* The shares as drawn, a row each of the tornado's shares; named as in the JSON. */
static void as_drawn_table(FILE *out, const struct table_style *st,
			   const struct sense_result *res, const struct sense_report *r)
{
	const struct report_table t = { out, st, 2, "lr" };
	char caption[256], a[64];
	report_table_open(&t, caption_of(caption, sizeof caption, r, "as drawn"),
			  (const char *const[]){ "share", "as drawn" });
	for (unsigned k = 0; k < r->r.nstats; k++) {
		const struct paired_stat *s = &r->r.stats[k];
		if (shown(res, r, k))
			report_table_row(&t, (const char *const[]){ s->label,
				share_value(a, sizeof a, s->old, s->se_old, res->draws > 1) });
	}
	report_table_close(&t);
}

/* A row per input and share, the input's name and values on its first row only. */
static void tornado_table(FILE *out, const struct table_style *st,
			  const struct sense_result *res, const struct sense_report *r)
{
	const struct report_table t = { out, st, 7, "lrrlrrr" };
	char caption[256], lo[64], hi[64], at_lo[32], at_hi[32], swing[64];
	report_table_open(&t, caption_of(caption, sizeof caption, r, "tornado"),
			  (const char *const[]){ "input", "low", "high", "share", "at low",
						 "at high", "swing" });
	for (unsigned o = 0; o < res->ninputs; o++) {
		unsigned i = r->order[o];
		const struct sense_input *in = &res->inputs[i];
		bool first = true;
		for (unsigned k = 0; k < r->r.nstats; k++) {
			if (!shown(res, r, k))
				continue;
			const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS + k];
			report_table_row(&t, (const char *const[]){
				first ? in->label : "",
				first ? report_sense_value(lo, sizeof lo, in, in->lo) : "",
				first ? report_sense_value(hi, sizeof hi, in, in->hi) : "",
				r->r.stats[k].label,
				share_value(at_lo, sizeof at_lo, w->lo, NAN, false),
				share_value(at_hi, sizeof at_hi, w->hi, NAN, false),
				points(swing, sizeof swing, w->swing,
				       res->draws > 1 ? w->se_swing : NAN, " ± ") });
			first = false;
		}
	}
	report_table_close(&t);
}

/* A column per outcome that occurs, a row per uncertain input. */
static void index_table(FILE *out, const struct table_style *st,
			const struct sense_result *res, const struct sense_report *r)
{
	const char *cells[PAIRED_MAXSTATS + 1] = { "input" };
	unsigned cols = 1, col_stat[PAIRED_MAXSTATS + 1];
	for (unsigned k = 0; k < r->r.nstats; k++)
		if (outcome_shown(res, r, k)) {
			col_stat[cols] = k;
			cells[cols++] = r->r.stats[k].label;
		}
	const struct report_table t = { out, st, cols, NULL };
	char caption[256], buf[PAIRED_MAXSTATS + 1][48];
	report_table_open(&t, caption_of(caption, sizeof caption, r, "first-order index "
					 "(the share of each verdict's variance that the input "
					 "explains alone)"), cells);
	for (unsigned o = 0; o < res->ninputs; o++) {
		unsigned i = r->order[o];
		if (res->inputs[i].fixed)
			continue;
		cells[0] = res->inputs[i].label;
		for (unsigned c = 1; c < cols; c++)
			cells[c] = index_value(buf[c], sizeof buf[c],
					       &r->index[i * PAIRED_MAXSTATS + col_stat[c]], " ± ");
		report_table_row(&t, cells);
	}
	report_table_close(&t);
}

/* A row per uncertain input and outcome that occurs, a column per decile. */
static void deciles_table(FILE *out, const struct table_style *st,
			  const struct sense_result *res, const struct sense_report *r)
{
	const char *cells[SENSE_BINS + 2] = { "input", "share" };
	char caption[256], head[SENSE_BINS][8], buf[SENSE_BINS][32];
	for (unsigned b = 0; b < SENSE_BINS; b++) {
		snprintf(head[b], sizeof head[b], "%u", b + 1);
		cells[b + 2] = head[b];
	}
	const struct report_table t = { out, st, SENSE_BINS + 2, "llrrrrrrrrrr" };
	report_table_open(&t, caption_of(caption, sizeof caption, r, "each share (%) among the "
					 "draws in each tenth of the input's distribution"), cells);
	for (unsigned o = 0; o < res->ninputs; o++) {
		unsigned i = r->order[o];
		bool first = true;
		for (unsigned k = 0; k < r->r.nstats && !res->inputs[i].fixed; k++) {
			if (!outcome_shown(res, r, k))
				continue;
			cells[0] = first ? res->inputs[i].label : "";
			cells[1] = r->r.stats[k].label;
			for (unsigned b = 0; b < SENSE_BINS; b++)
				cells[b + 2] = decile_value(buf[b], sizeof buf[b], r, i, b, k);
			report_table_row(&t, cells);
			first = false;
		}
	}
	report_table_close(&t);
}

static void sense_tables(FILE *out, const struct table_style *st,
			 const struct sense_result *res)
{
	char line[320], n[32];
	if (res->title && *res->title)
		report_table_title(out, st, res->title);
	if (res->nuncertain)
		snprintf(line, sizeof line, "%s draw%s, seed %llu; each input at its 5%% and its "
			 "95%% quantile (a --vary at its range's ends), every other as drawn; "
			 "swing = high − low in points%s", report_count(n, sizeof n, res->draws),
			 res->draws == 1 ? "" : "s", (unsigned long long)res->seed,
			 res->draws > 1 ? " ± its paired SE" : "");
	else
		snprintf(line, sizeof line, "no uncertain values: each --vary at its range's ends, "
			 "every other value as the file says; swing = high − low in points");
	report_table_note(out, st, line);
	if (!res->nreports)
		report_table_note(out, st, no_reports);
	for (unsigned j = 0; j < res->nreports; j++) {
		const struct sense_report *r = &res->reports[j];
		as_drawn_table(out, st, res, r);
		tornado_table(out, st, res, r);
		if (res->nuncertain && res->draws > 1) {
			index_table(out, st, res, r);
			deciles_table(out, st, res, r);
		}
	}
	if (res->stopped) {
		snprintf(line, sizeof line, "interrupted: these results cover only the first %s "
			 "draws", report_count(n, sizeof n, res->draws));
		report_table_note(out, st, line);
	}
}

/* ---- JSON ---- */

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *swing_json(const struct sense_swing *w)
{
	return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "low", num(w->lo), "high", num(w->hi),
			 "swing", num(w->swing), "se_low", num(w->se_lo), "se_high",
			 num(w->se_hi), "se_swing", num(w->se_swing));
}

static json_t *input_json(const struct sense_result *res, const struct sense_report *r,
			  unsigned i)
{
	const struct sense_input *in = &res->inputs[i];
	json_t *o = json_pack("{s:s,s:s,s:o,s:o,s:o}", "input", in->label, "kind",
			      in->fixed ? "fixed" : "uncertain", "low", num(in->lo), "high",
			      num(in->hi), "movement", num(r->movement[i]));
	json_t *sw = json_object(), *ix = json_object(), *bins = json_object();
	for (unsigned k = 0; k < r->r.nstats; k++) {
		const char *label = r->r.stats[k].label;
		if (!r->r.stats[k].share && !(r->r.kind == RK_SETTLEMENT && k == SS_PWAR))
			continue;
		json_object_set_new(sw, label, swing_json(&r->swing[i * PAIRED_MAXSTATS + k]));
		if (in->fixed || !r->r.stats[k].share || res->draws < 2)
			continue;
		const struct sense_index *x = &r->index[i * PAIRED_MAXSTATS + k];
		json_object_set_new(ix, label, json_pack("{s:o,s:o}", "index",
							 x->defined ? num(x->s) : json_null(),
							 "se", x->defined ? num(x->se) : json_null()));
		json_t *a = json_array();
		for (unsigned b = 0; b < SENSE_BINS; b++)
			json_array_append_new(a, num(r->bins[((size_t)i * SENSE_BINS + b) *
							     PAIRED_MAXSTATS + k]));
		json_object_set_new(bins, label, a);
	}
	json_object_set_new(o, "tornado", sw);
	if (!in->fixed && res->draws > 1) {
		json_object_set_new(o, "first_order", ix);
		json_object_set_new(o, "deciles", bins);
	} else {
		json_decref(ix);
		json_decref(bins);
	}
	return o;
}

static void sense_csv_table(FILE *out, const void *arg);

static void sense_json(FILE *out, const struct sense_result *res, const struct run_result *prov)
{
	json_t *reps = json_array();
	for (unsigned j = 0; j < res->nreports; j++) {
		const struct sense_report *r = &res->reports[j];
		json_t *base = json_object(), *inputs = json_array();
		for (unsigned k = 0; k < r->r.nstats; k++) {
			const struct paired_stat *s = &r->r.stats[k];
			if (s->share || (r->r.kind == RK_SETTLEMENT && k == SS_PWAR))
				json_object_set_new(base, s->label,
						    json_pack("{s:o,s:o}", "share", num(s->old),
							      "se", num(s->se_old)));
		}
		for (unsigned o = 0; o < res->ninputs; o++)
			json_array_append_new(inputs, input_json(res, r, r->order[o]));
		json_array_append_new(reps, json_pack("{s:s,s:o,s:o}", "report", r->r.what,
						      "as_drawn", base, "inputs", inputs));
	}
	json_t *root = json_pack("{s:o,s:I,s:f,s:f,s:b,s:o}", "seed", json_u64(res->seed),
				 "draws", (json_int_t)res->draws, "low_quantile", SENSE_LO,
				 "high_quantile", SENSE_HI, "interrupted", res->stopped,
				 "reports", reps);
	if (prov) {
		char digest[65];
		provenance_digest_of(sense_csv_table, res, digest);
		json_object_set_new(root, "provenance", provenance_json_digest(prov, digest));
	}
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', out);
	json_decref(root);
}

/* ---- CSV: one row per number ---- */

static void csv_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void csv_num(FILE *out, double v)
{
	if (isfinite(v))
		fprintf(out, "%.10g", v);
}

static void csv_row(FILE *out, const char *report, const char *input, const char *measure,
		    const char *share, int bin, double value, double se)
{
	csv_quoted(out, report);
	fputc(',', out);
	csv_quoted(out, input);
	fprintf(out, ",%s,", measure);
	csv_quoted(out, share);
	fputc(',', out);
	if (bin > 0)
		fprintf(out, "%d", bin);
	fputc(',', out);
	csv_num(out, value);
	fputc(',', out);
	csv_num(out, se);
	fputc('\n', out);
}

static void csv_input(FILE *out, const struct sense_result *res, const struct sense_report *r,
		      unsigned i)
{
	const struct sense_input *in = &res->inputs[i];
	csv_row(out, r->r.what, in->label, "input.low", "", 0, in->lo, NAN);
	csv_row(out, r->r.what, in->label, "input.high", "", 0, in->hi, NAN);
	csv_row(out, r->r.what, in->label, "movement", "", 0, r->movement[i], NAN);
	for (unsigned k = 0; k < r->r.nstats; k++) {
		const char *label = r->r.stats[k].label;
		if (!r->r.stats[k].share && !(r->r.kind == RK_SETTLEMENT && k == SS_PWAR))
			continue;
		const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS + k];
		csv_row(out, r->r.what, in->label, "low", label, 0, w->lo, w->se_lo);
		csv_row(out, r->r.what, in->label, "high", label, 0, w->hi, w->se_hi);
		csv_row(out, r->r.what, in->label, "swing", label, 0, w->swing, w->se_swing);
		if (in->fixed || !r->r.stats[k].share || res->draws < 2)
			continue;
		const struct sense_index *x = &r->index[i * PAIRED_MAXSTATS + k];
		csv_row(out, r->r.what, in->label, "first_order", label, 0,
			x->defined ? x->s : NAN, x->defined ? x->se : NAN);
		for (unsigned b = 0; b < SENSE_BINS; b++)
			csv_row(out, r->r.what, in->label, "decile", label, (int)b + 1,
				r->bins[((size_t)i * SENSE_BINS + b) * PAIRED_MAXSTATS + k], NAN);
	}
}

/* The table alone: its SHA-256 is the provenance's digest. */
static void sense_csv_table(FILE *out, const void *arg)
{
	const struct sense_result *res = arg;
	fprintf(out, "report,input,measure,share,decile,value,se\n");
	for (unsigned j = 0; j < res->nreports; j++) {
		const struct sense_report *r = &res->reports[j];
		for (unsigned k = 0; k < r->r.nstats; k++) {
			const struct paired_stat *s = &r->r.stats[k];
			if (s->share || (r->r.kind == RK_SETTLEMENT && k == SS_PWAR))
				csv_row(out, r->r.what, "", "as_drawn", s->label, 0, s->old,
					s->se_old);
		}
		for (unsigned o = 0; o < res->ninputs; o++)
			csv_input(out, res, r, r->order[o]);
	}
}

/* The provenance's comment lines (as `scen run`'s CSV has them), then the table. */
static void sense_csv(FILE *out, const struct sense_result *res, const struct run_result *prov)
{
	char digest[65];
	size_t len;
	char *buf = provenance_capture(sense_csv_table, res, &len, digest);
	if (prov)
		provenance_csv(out, prov, digest);
	if (buf)
		fwrite(buf, 1, len, out);
	free(buf);
}

void report_sense(FILE *out, const struct sense_result *res, const char *format,
		  const struct run_result *prov)
{
	if (strcmp(format, "json") == 0)
		sense_json(out, res, prov);
	else if (strcmp(format, "csv") == 0)
		sense_csv(out, res, prov);
	else if (report_table_style(format))
		sense_tables(out, report_table_style(format), res);
	else
		sense_text(out, res);
}
