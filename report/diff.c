/*
** report/diff.c: `scen diff` as text or JSON (docs/json.md). The model's changes come
** first, then each report's results side by side. Both versions exact: each report's
** outcome old → new and its quantities. Otherwise shares and means in both versions,
** the difference new − old and its standard error under common random numbers, marked
** with `*` beyond 3 standard errors; a report with no such difference is one line.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/diff.h"
#include "report/json_u64.h"
#include "report/provenance.h"
#include "report/report.h"

/* The report's numbers, in buffers of the expression's own lifetime (format.c). */
#define N(v) report_num((char[40]){ 0 }, 40, (v))

static const char *const change_mark = "-+~";

#define C_COUNT(n) report_count((char[40]){ 0 }, 40, (n))

static void print_at(FILE *out, const char *file, unsigned line)
{
	fprintf(out, "%s:%u", file, line);
}

static void model_text(FILE *out, const struct model_diff *md)
{
	if (!md->n) {
		fputs("model: no change\n", out);
		return;
	}
	fputs("model\n", out);
	for (unsigned i = 0; i < md->n; i++) {
		const struct mdiff_item *it = &md->items[i];
		fprintf(out, "  %c ", change_mark[it->change]);
		switch (it->change) {
		case MC_REMOVED:
			fprintf(out, "%s  (", it->whole_old);
			print_at(out, it->old_file, it->old_line);
			break;
		case MC_ADDED:
			fprintf(out, "%s  (", it->whole_new);
			print_at(out, it->new_file, it->new_line);
			break;
		case MC_CHANGED:
			fprintf(out, "%s%s%s: %s → %s  (", strcmp(it->kind, "attribute") == 0 ? ""
				: it->kind, strcmp(it->kind, "attribute") == 0 ? "" : " ", it->name,
				it->old, it->new_);
			print_at(out, it->old_file, it->old_line);
			fputs(" → ", out);
			print_at(out, it->new_file, it->new_line);
			break;
		}
		fputs(")\n", out);
	}
}

/* "settlement gov vs reb", with its sweep row when it has one. */
static void heading(FILE *out, const struct paired_report *r)
{
	fputs(r->what, out);
	if (!r->sweep)
		return;
	double v = r->in_old ? r->sweep_old : r->sweep_new;
	fprintf(out, ", sweep %s = %s", r->sweep, N(v));
	if (r->in_old && r->in_new && r->sweep_old != r->sweep_new)
		fprintf(out, " → %s", N(r->sweep_new));
	if (!r->sweep2)
		return;
	fprintf(out, ", %s = %s", r->sweep2, N(r->in_old ? r->sweep2_old : r->sweep2_new));
	if (r->in_old && r->in_new && r->sweep2_old != r->sweep2_new)
		fprintf(out, " → %s", N(r->sweep2_new));
}

static const char *signed_num(char *buf, size_t size, double v, bool share)
{
	if (share)
		snprintf(buf, size, "%+.1f%%", 100 * v + 0.0);
	else
		snprintf(buf, size, "%s%s", v > 0 ? "+" : "", report_num((char[40]){ 0 }, 40, v));
	return buf;
}
#define SN(v, share) signed_num((char[48]){ 0 }, 48, (v), (share))

static const char *se_text(char *buf, size_t size, double se, bool share)
{
	if (share)
		snprintf(buf, size, "± %.2f%%", 100 * se + 0.0);
	else
		snprintf(buf, size, "± %s", report_num((char[40]){ 0 }, 40, se));
	return buf;
}
#define SE(v, share) se_text((char[48]){ 0 }, 48, (v), (share))

static const char *value(double v, bool share)
{
	static _Thread_local char buf[2][48];
	static _Thread_local int which;
	which ^= 1;
	return share ? report_pct(buf[which], sizeof buf[which], v) : report_num(buf[which], 48, v);
}

/* Shown in a table: an outcome or cause of either version, a quantity measured. */
static bool shown(const struct paired_stat *s)
{
	if (s->redundant || !s->n)
		return false;
	if (s->share || strcmp(s->label, "gap") == 0)
		return s->old != 0 || s->new_ != 0 || s->beyond;
	return true;
}

static void exact_text(FILE *out, const struct paired_report *r)
{
	if (!r->changed) {
		heading(out, r);
		fprintf(out, ": no change (%s)\n", r->outcome_old ? r->outcome_old : "?");
		return;
	}
	heading(out, r);
	fputc('\n', out);
	const char *what = r->kind == RK_SETTLEMENT ? "verdict" : r->kind == RK_MEDIATION
			   ? "outcome" : "path";
	if (r->outcome_old && r->outcome_new && strcmp(r->outcome_old, r->outcome_new) != 0)
		fprintf(out, "  %-38s %s → %s\n", what, r->outcome_old, r->outcome_new);
	else
		fprintf(out, "  %-38s %s (no change)\n", what, r->outcome_old ? r->outcome_old
								   : "?");
	for (unsigned k = 0; k < r->nstats; k++) {
		const struct paired_stat *s = &r->stats[k];
		if (s->outcome || s->redundant || !s->n)
			continue;
		if (s->share) {
			if (s->beyond)
				fprintf(out, "  %-38s %s → %s\n", s->label, s->old ? "yes" : "no",
					s->new_ ? "yes" : "no");
		} else if (s->beyond) {
			fprintf(out, "  %-38s %s → %s\n", s->label, N(s->old), N(s->new_));
		} else if (strcmp(s->label, "gap") != 0 || s->old != 0) {
			fprintf(out, "  %-38s %s (no change)\n", s->label, N(s->old));
		}
	}
}

static void uncertain_text(FILE *out, const struct paired_report *r)
{
	heading(out, r);
	if (!r->changed) {
		fputs(": no change beyond noise\n", out);
		return;
	}
	fprintf(out, "\n  %-38s %10s %10s %10s %s\n", "", "old", "new", "diff", "± SE");
	for (unsigned k = 0; k < r->nstats; k++) {
		const struct paired_stat *s = &r->stats[k];
		if (!shown(s))
			continue;
		fprintf(out, "  %-38s %10s %10s %10s %s%s\n", s->label, value(s->old, s->share),
			value(s->new_, s->share), SN(s->diff, s->share), SE(s->se_diff, s->share),
			s->beyond ? "  *" : "");
	}
}

void diff_text(FILE *out, const char *old, const char *new_, const struct model_diff *md,
	       const struct diff_result *r)
{
	fprintf(out, "--- %s\n+++ %s\n", old, new_);
	model_text(out, md);
	diff_results_text(out, "results", "OLD", "NEW", r);
}

void diff_results_text(FILE *out, const char *head, const char *old, const char *new_,
		       const struct diff_result *r)
{
	bool exact = !r->uncertain_old && !r->uncertain_new;
	if (!r->nreports) {
		fprintf(out, "%s: no reports\n", head);
		return;
	}
	if (exact)
		fprintf(out, "%s: one exact evaluation of each version", head);
	else
		fprintf(out, "%s: %s paired draws, seed %llu", head, C_COUNT(r->draws),
			(unsigned long long)r->seed);
	if (!exact && r->seeds_differ)
		fprintf(out, " (%s's; %s sets its own seed, not used: both must see the same "
			"draws)", old, new_);
	if (r->stopped)
		fputs(" (interrupted)", out);
	if (!r->changed) {
		fputs(exact ? ": no change\n" : ": no change beyond noise\n", out);
		return;
	}
	fputs(exact ? "\n" : "; the same random values for attributes of the same name;\n"
	      "  difference new − old ± its standard error; * beyond 3 standard errors\n", out);
	for (unsigned i = 0; i < r->nreports; i++) {
		const struct paired_report *p = &r->reports[i];
		if (!p->in_old || !p->in_new) {
			heading(out, p);
			fprintf(out, ": only in %s\n", p->in_old ? old : new_);
		} else if (exact) {
			exact_text(out, p);
		} else {
			uncertain_text(out, p);
		}
	}
}

/* ---- JSON ---- */

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *at(const char *file, unsigned line)
{
	return file ? json_sprintf("%s:%u", file, line) : json_null();
}

static json_t *opt_string(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *model_json(const struct model_diff *md)
{
	static const char *const change[] = { "removed", "added", "changed" };
	json_t *a = json_array();
	for (unsigned i = 0; i < md->n; i++) {
		const struct mdiff_item *it = &md->items[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
			"change", change[it->change], "kind", it->kind, "name", it->name,
			"old", opt_string(it->change == MC_CHANGED ? it->old : it->whole_old),
			"new", opt_string(it->change == MC_CHANGED ? it->new_ : it->whole_new),
			"old_at", at(it->old_file, it->old_line),
			"new_at", at(it->new_file, it->new_line)));
	}
	return a;
}

static json_t *stat_json(const struct paired_stat *s)
{
	return json_pack("{s:s, s:b, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
			 "name", s->label, "share", s->share, "draws", (json_int_t)s->n,
			 "old", num(s->old), "new", num(s->new_), "diff", num(s->diff),
			 "se_old", num(s->se_old), "se_new", num(s->se_new),
			 "se_diff", num(s->se_diff),
			 "se_unpaired", num(sqrt(s->se_old * s->se_old + s->se_new * s->se_new)),
			 "beyond_noise", s->beyond);
}

static json_t *report_json1(const struct paired_report *r)
{
	static const char *const kinds[] = { "settlement", "mediation", "provocation" };
	json_t *stats = json_array();
	for (unsigned k = 0; k < r->nstats && r->in_old && r->in_new; k++)
		if (!r->stats[k].redundant)
			json_array_append_new(stats, stat_json(&r->stats[k]));
	json_t *sweep = json_null();
	if (r->sweep)
		sweep = json_pack("{s:s, s:I, s:o, s:o}", "attribute", r->sweep, "row",
				  (json_int_t)r->sweep_row,
				  "old", r->in_old ? num(r->sweep_old) : json_null(),
				  "new", r->in_new ? num(r->sweep_new) : json_null());
	if (r->sweep2)	/* a map's cell: its second value */
		json_object_set_new(sweep, "second", json_pack("{s:s, s:o, s:o}", "attribute",
				    r->sweep2, "old", r->in_old ? num(r->sweep2_old) : json_null(),
				    "new", r->in_new ? num(r->sweep2_new) : json_null()));
	json_t *outcome = json_null();
	if (r->outcome_old || r->outcome_new)
		outcome = json_pack("{s:o, s:o}", "old", opt_string(r->outcome_old), "new",
				    opt_string(r->outcome_new));
	return json_pack("{s:s, s:s, s:o, s:s, s:b, s:o, s:o}", "report", r->what, "kind",
			 kinds[r->kind], "sweep", sweep, "in", r->in_old && r->in_new ? "both"
			 : r->in_old ? "old" : "new", "changed", r->changed, "outcome", outcome,
			 "stats", stats);
}

/* ---- CSV: one row per stat of each report (the model's changes are the text's and the
** JSON's); its table's SHA-256 is the digest of the CSV and of the JSON ---- */

static void csv_num(FILE *out, double v, bool there)
{
	if (there && isfinite(v))
		fprintf(out, "%.10g", v);
}

/* One row: the report's columns, then stat s's (NULL: a report in one version only). */
static void csv_row(FILE *out, const struct paired_report *r, const struct paired_stat *s)
{
	static const char *const kinds[] = { "settlement", "mediation", "provocation" };
	report_csv_field(out, r->what);
	fprintf(out, ",%s,%s,", kinds[r->kind], r->in_old && r->in_new ? "both"
		: r->in_old ? "old" : "new");
	report_csv_field(out, r->sweep ? r->sweep : "");
	fputc(',', out);
	if (r->sweep)
		fprintf(out, "%u", r->sweep_row);
	fputc(',', out);
	csv_num(out, r->sweep_old, r->sweep && r->in_old);
	fputc(',', out);
	csv_num(out, r->sweep_new, r->sweep && r->in_new);
	fputc(',', out);
	report_csv_field(out, r->sweep2 ? r->sweep2 : "");
	fputc(',', out);
	csv_num(out, r->sweep2_old, r->sweep2 && r->in_old);
	fputc(',', out);
	csv_num(out, r->sweep2_new, r->sweep2 && r->in_new);
	fputc(',', out);
	if (s) {
		report_csv_field(out, s->label);
		fprintf(out, ",%s,%llu,", s->share ? "true" : "false", (unsigned long long)s->n);
		double v[] = { s->old, s->new_, s->diff, s->se_diff,
			       sqrt(s->se_old * s->se_old + s->se_new * s->se_new) };
		for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
			csv_num(out, v[i], true);
			fputc(',', out);
		}
		fputs(s->beyond ? "true" : "false", out);
	} else {
		fputs(",,,,,,,,", out);
	}
	fputc('\n', out);
}

static void csv_table(FILE *out, const void *arg)
{
	const struct diff_result *r = arg;
	fputs("report,kind,in,sweep,row,value_old,value_new,sweep2,value2_old,value2_new,"
	      "measure,share,draws,old,new,diff,se_diff,se_unpaired,beyond_noise\n", out);
	for (unsigned i = 0; i < r->nreports; i++) {
		const struct paired_report *p = &r->reports[i];
		if (!(p->in_old && p->in_new)) {
			csv_row(out, p, NULL);
			continue;
		}
		for (unsigned k = 0; k < p->nstats; k++)
			if (!p->stats[k].redundant)
				csv_row(out, p, &p->stats[k]);
	}
}

void diff_csv(FILE *out, const char *old, const char *new_, const struct model_diff *md,
	      const struct diff_result *r)
{
	(void)old, (void)new_, (void)md;
	char digest[65];
	size_t len;
	char *table = provenance_capture(csv_table, r, &len, digest);
	if (r->prov[0] && r->prov[1])
		provenance_csv_pair(out, r->prov[0], r->prov[1], digest);
	if (table)
		fwrite(table, 1, len, out);
	free(table);
}

void diff_json(FILE *out, const char *old, const char *new_, const struct model_diff *md,
	       const struct diff_result *r)
{
	json_t *reports = json_array();
	for (unsigned i = 0; i < r->nreports; i++)
		json_array_append_new(reports, report_json1(&r->reports[i]));
	json_t *results = json_pack("{s:o, s:I, s:{s:b, s:b}, s:b, s:b, s:o}",
				    "seed", json_u64(r->seed), "draws", (json_int_t)r->draws,
				    "uncertain", "old", r->uncertain_old, "new", r->uncertain_new,
				    "interrupted", r->stopped, "changed", r->changed,
				    "reports", reports);
	json_t *root = json_pack("{s:s, s:s, s:b, s:o, s:o, s:i}", "old", old, "new", new_,
				 "model_changed", md->n > 0, "model", model_json(md),
				 "results", results, "exit", r->changed ? 1 : 0);
	if (r->prov[0] && r->prov[1]) {
		char digest[65];
		provenance_digest_of(csv_table, r, digest);
		json_object_set_new(root, "provenance", provenance_json_pair(r->prov[0], r->prov[1],
									     digest));
	}
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', out);
	json_decref(root);
}
