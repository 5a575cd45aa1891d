/*
** report/diff.c: `scen diff` as text or JSON (docs/json.md). The model's changes come
** first, then each report's results side by side. Both versions exact: each report's
** outcome old → new and its quantities. Otherwise shares and means in both versions,
** the difference new − old and its standard error under common random numbers, marked
** with `*` beyond 3 standard errors; a report with no such difference is one line.
** A map (a sweep of two attributes) is first a grid of its cells, the change in the
** share of its leading outcome, and then its changed cells one by one (map_grid).
*/
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/diff.h"
#include "report/json_u64.h"
#include "report/provenance.h"
#include "report/report.h"
#include "util/xalloc.h"

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

/* ---- maps: a grid of the change in the leading outcome's share ---- */

/* The cells of one map of one report, in the old version's order: cell[c] is a report's
** index, at row[c] of the first attribute and col[c] of the second. */
struct map_cells {
	unsigned *cell, *row, *col;
	unsigned n, rows, cols;
};

/* Report b is a cell of the same map and report as a, in the old version. */
static bool same_map(const struct paired_report *a, const struct paired_report *b)
{
	return b->sweep2 && b->in_old && strcmp(a->sweep, b->sweep) == 0 &&
	       strcmp(a->sweep2, b->sweep2) == 0;
}

/* The cells of the map whose first cell is report i: the reports that follow it with the
** same two attributes (the map's groups, row-major, each with every report of the
** map: interp/paired.c keeps the old version's order), those of i's report, up to where
** its rows start again (the next map of the same attributes). */
static void map_scan(const struct diff_result *r, unsigned i, struct map_cells *m)
{
	const struct paired_report *a = &r->reports[i];
	unsigned cap = 0, last_row = 0, col = 0;
	double row_first = 0;
	*m = (struct map_cells){ 0 };
	for (unsigned j = i; j < r->nreports && same_map(a, &r->reports[j]); j++) {
		const struct paired_report *b = &r->reports[j];
		if (strcmp(a->what, b->what) != 0)
			continue;
		if (m->n && (b->sweep_row < last_row ||
			     (b->sweep_row == last_row && b->sweep2_old == row_first)))
			break;
		if (!m->n || b->sweep_row > last_row) {
			last_row = b->sweep_row;
			row_first = b->sweep2_old;
			col = 0;
		} else {
			col++;
		}
		if (m->n == cap) {
			cap = cap ? 2 * cap : 16;
			m->cell = xrealloc(m->cell, cap * sizeof *m->cell);
			m->row = xrealloc(m->row, cap * sizeof *m->row);
			m->col = xrealloc(m->col, cap * sizeof *m->col);
		}
		m->cell[m->n] = j;
		m->row[m->n] = b->sweep_row;
		m->col[m->n++] = col;
		m->rows = b->sweep_row + 1 > m->rows ? b->sweep_row + 1 : m->rows;
		m->cols = col + 1 > m->cols ? col + 1 : m->cols;
	}
}

static void map_cells_free(struct map_cells *m)
{
	free(m->cell);
	free(m->row);
	free(m->col);
}

/* Reports a and b are of the same cell of a map (a map's reports come a cell at a time). */
static bool same_cell(const struct paired_report *a, const struct paired_report *b)
{
	return a->sweep2 && same_map(a, b) && a->in_old && a->sweep_row == b->sweep_row &&
	       a->sweep2_old == b->sweep2_old;
}

/* For each report, the index of the first cell of the map it is a cell of, or UINT_MAX
** (malloc'd). */
static unsigned *map_members(const struct diff_result *r)
{
	unsigned *of = xmalloc((r->nreports + 1) * sizeof *of);
	for (unsigned i = 0; i < r->nreports; i++)
		of[i] = UINT_MAX;
	for (unsigned i = 0; i < r->nreports; i++) {
		if (of[i] != UINT_MAX || !r->reports[i].sweep2 || !r->reports[i].in_old)
			continue;
		struct map_cells m;
		map_scan(r, i, &m);
		for (unsigned c = 0; c < m.n; c++)
			of[m.cell[c]] = i;
		map_cells_free(&m);
	}
	return of;
}

/* The map's leading outcome: the outcome with the most draws over the cells of both
** versions (as `scen plot` leads a map's heat map with one verdict; here of OLD and
** NEW together, so that swapping them only flips the signs); on a tie, the first. */
static unsigned map_leading_stat(const struct diff_result *r, const struct map_cells *m)
{
	double total[PAIRED_MAXSTATS] = { 0 };
	const struct paired_report *a = &r->reports[m->cell[0]];
	for (unsigned c = 0; c < m->n; c++) {
		const struct paired_report *p = &r->reports[m->cell[c]];
		for (unsigned k = 0; p->in_new && k < p->nstats; k++)
			if (p->stats[k].outcome && p->stats[k].n)
				total[k] += p->stats[k].old + p->stats[k].new_;
	}
	unsigned lead = UINT_MAX;
	for (unsigned k = 0; k < a->nstats; k++)
		if (a->stats[k].outcome && (lead == UINT_MAX || total[k] > total[lead]))
			lead = k;
	return lead;
}

/* A cell: "." when nothing in it changed, else the change of stat k's share in points,
** rounded ("0" only when it is exactly 0, "+0" or "-0" when it rounds to it); mark: "*"
** beyond noise. Empty for a cell in one version only. */
static void map_cell_text(const struct paired_report *p, unsigned k, char *num, size_t size,
			  const char **mark)
{
	const struct paired_stat *s = &p->stats[k];
	*mark = "";
	if (!p->in_new || !s->n || !isfinite(s->diff))
		snprintf(num, size, "%s", "");
	else if (!p->changed && s->diff == 0)
		snprintf(num, size, ".");
	else if (s->diff == 0)
		snprintf(num, size, "0");
	else
		snprintf(num, size, "%+.0f", 100 * s->diff);
	if (s->beyond && p->in_new && s->n)
		*mark = "*";
}

/* A value of an axis: OLD's, "a → b" when NEW's differs. */
static const char *axis_value(char *buf, size_t size, double old, double new_, bool both)
{
	char a[40], b[40];
	report_num(a, sizeof a, old);
	if (both && new_ != old)
		snprintf(buf, size, "%s → %s", a, report_num(b, sizeof b, new_));
	else
		snprintf(buf, size, "%s", a);
	return buf;
}

/* What a cell says, under the map's heading. */
static void map_legend(FILE *out, const struct paired_report *a, unsigned lead, bool exact)
{
	static const char *const noun[] = { [RK_SETTLEMENT] = "verdict",
					    [RK_MEDIATION] = "outcome", [RK_PROVOCATION] = "path" };
	const char *name = a->stats[lead].label;
	unsigned outcomes = 0;
	for (unsigned k = 0; k < a->nstats; k++)
		outcomes += a->stats[k].outcome;
	fprintf(out, "  each cell: the change in %s's share, new − old, in points\n", name);
	if (outcomes > 1)
		fprintf(out, "  (%s: the %s with the most draws in both versions' cells)\n",
			name, noun[a->kind]);
	else	/* a mediation's: NO AGREEMENT is the rest */
		fprintf(out, "  (NO %s moves by as much the other way)\n", name);
	if (exact)
		fprintf(out, "  .: no change; 0: the same %s, a quantity changed\n",
			noun[a->kind]);
	else
		fputs("  *: beyond 3 standard errors; .: no change beyond noise; 0: the same "
		      "share,\n  a quantity changed\n", out);
}

/* The widths of the grid's numbers (nw) and of its row labels (lw). */
static void map_widths(const struct diff_result *r, const struct map_cells *m, unsigned lead,
		       int *nw, int *lw)
{
	char num[48], label[96];
	const char *mark;
	*nw = *lw = 1;
	for (unsigned c = 0; c < m->n; c++) {
		const struct paired_report *p = &r->reports[m->cell[c]];
		map_cell_text(p, lead, num, sizeof num, &mark);
		*nw = (int)strlen(num) > *nw ? (int)strlen(num) : *nw;
		axis_value(label, sizeof label, p->sweep_old, p->sweep_new, p->in_new);
		*lw = report_columns(label) > *lw ? report_columns(label) : *lw;
	}
}

/* One row of the grid: its value, then each cell's number right-aligned in nw and its
** mark (a column of its own when not exact); no blank at the end of the line. */
static void map_row_text(FILE *out, const struct diff_result *r, const unsigned *line,
			 unsigned cols, unsigned lead, int nw, int lw, bool exact)
{
	char num[48], label[96] = "";
	const char *mark;
	char *buf = NULL;
	size_t len = 0;
	FILE *row = open_memstream(&buf, &len);
	if (!row)
		return;
	for (unsigned c = 0; c < cols && !label[0]; c++)
		if (line[c] != UINT_MAX)
			axis_value(label, sizeof label, r->reports[line[c]].sweep_old,
				   r->reports[line[c]].sweep_new, r->reports[line[c]].in_new);
	fprintf(row, "  %*s%s", lw - report_columns(label), "", label);
	for (unsigned c = 0; c < cols; c++) {
		num[0] = '\0';
		mark = "";
		if (line[c] != UINT_MAX)
			map_cell_text(&r->reports[line[c]], lead, num, sizeof num, &mark);
		fprintf(row, " %*s%s", nw, num, exact ? "" : *mark ? mark : " ");
	}
	if (fclose(row) == 0) {
		while (len > 0 && buf[len - 1] == ' ')
			len--;
		fprintf(out, "%.*s\n", (int)len, buf);
	}
	free(buf);
}

/* The report of column c: its cell in the first row that has one (the map's first cell
** when none has: a cell in one version only). */
static const struct paired_report *column_report(const struct diff_result *r,
						 const struct map_cells *m, const unsigned *at,
						 unsigned c)
{
	for (unsigned row = 0; row < m->rows; row++)
		if (at[row * m->cols + c] != UINT_MAX)
			return &r->reports[at[row * m->cols + c]];
	return &r->reports[m->cell[0]];
}

/* One band of the grid, columns c0 .. c1 − 1 (all of them, or those of one band of a
** grid too wide for a line): the first attribute's name (and in a band which columns
** it holds), the band's rows, its last row on top, and under them the band's first and
** last values of the second attribute, spanning its cells. */
static void map_band_text(FILE *out, const struct diff_result *r, const struct map_cells *m,
			  const unsigned *at, unsigned c0, unsigned c1, unsigned lead, int nw,
			  int lw, bool exact)
{
	const struct paired_report *a = &r->reports[m->cell[0]];
	fprintf(out, "  %s", a->sweep);
	if (c1 - c0 < m->cols)
		fprintf(out, "  (columns %u to %u of %u)", c0 + 1, c1, m->cols);
	fputc('\n', out);
	for (unsigned row = m->rows; row-- > 0;)
		map_row_text(out, r, &at[row * m->cols + c0], c1 - c0, lead, nw, lw, exact);
	const struct paired_report *lo = column_report(r, m, at, c0);
	const struct paired_report *hi = column_report(r, m, at, c1 - 1);
	char first[96], last[96];
	axis_value(first, sizeof first, lo->sweep2_old, lo->sweep2_new, lo->in_new);
	axis_value(last, sizeof last, hi->sweep2_old, hi->sweep2_new, hi->in_new);
	int width = (int)(c1 - c0) * (nw + (exact ? 0 : 1) + 1);
	map_axis(out, lw, first, c1 - c0 > 1 ? last : "", width - 1, a->sweep2);
}

/* The grid: the first attribute up the side, its last row on top, the second across
** (as report/map.c prints a map). A grid wider than MAP_LINE (more than about 15
** columns of +100) is printed in bands of columns, one under the other, as few as fit
** and as even as they can be (map_band_columns), each saying which columns it holds
** and under its own first and last values. */
static void map_grid_text(FILE *out, const struct diff_result *r, const struct map_cells *m,
			  unsigned lead, bool exact)
{
	unsigned ncells = m->rows * m->cols;
	unsigned *at = xmalloc((ncells + 1) * sizeof *at);
	for (unsigned c = 0; c < ncells; c++)
		at[c] = UINT_MAX;
	for (unsigned c = 0; c < m->n; c++)
		at[m->row[c] * m->cols + m->col[c]] = m->cell[c];
	int nw, lw;
	map_widths(r, m, lead, &nw, &lw);
	/* a row: 2 + lw, then each cell: a space, its number, its mark */
	unsigned per = map_band_columns(m->cols, nw + (exact ? 0 : 1) + 1, 2 + lw);
	for (unsigned c0 = 0; c0 < m->cols; c0 += per)
		map_band_text(out, r, m, at, c0, c0 + per < m->cols ? c0 + per : m->cols, lead,
			      nw, lw, exact);
	free(at);
}

/* The map whose first cell is report i: its heading and grid, or one line when none of
** its cells changed. */
static void map_grid(FILE *out, const struct diff_result *r, unsigned i, bool exact)
{
	struct map_cells m;
	map_scan(r, i, &m);
	const struct paired_report *a = &r->reports[i];
	bool changed = false, paired = false;
	for (unsigned c = 0; c < m.n; c++) {
		const struct paired_report *p = &r->reports[m.cell[c]];
		changed |= p->changed || !p->in_new;
		paired |= p->in_new;
	}
	unsigned lead = paired ? map_leading_stat(r, &m) : UINT_MAX;
	fprintf(out, "map %s × %s: %s", a->sweep, a->sweep2, a->what);
	if (!changed)
		fprintf(out, ": no change%s (%u cells)\n", exact ? "" : " beyond noise", m.n);
	else if (lead == UINT_MAX)
		fprintf(out, ": no cell in both versions\n");
	else {
		fputc('\n', out);
		map_legend(out, a, lead, exact);
		map_grid_text(out, r, &m, lead, exact);
	}
	map_cells_free(&m);
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
	unsigned *map_of = map_members(r);
	for (unsigned i = 0; i < r->nreports; i++) {
		const struct paired_report *p = &r->reports[i];
		if (map_of[i] == i && (i == 0 || !same_cell(&r->reports[i - 1], p)))
			for (unsigned j = i; j < r->nreports && same_cell(p, &r->reports[j]); j++)
				if (map_of[j] == j)	/* every report's grid, then the cells */
					map_grid(out, r, j, exact);
		if (map_of[i] != UINT_MAX && p->in_new && !p->changed)
			continue;	/* a "." of its grid */
		if (!p->in_old || !p->in_new) {
			heading(out, p);
			fprintf(out, ": only in %s\n", p->in_old ? old : new_);
		} else if (exact) {
			exact_text(out, p);
		} else {
			uncertain_text(out, p);
		}
	}
	free(map_of);
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
