/*
** report.h: printing results (interp.h) as text, JSON, CSV, Markdown or LaTeX.
*/
#ifndef SCEN_REPORT_H
#define SCEN_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "check/diff.h"
#include "interp/flip.h"
#include "interp/interp.h"
#include "interp/sense.h"

void report_text(FILE *out, const struct run_result *r);
void report_json(FILE *out, const struct run_result *r);
void report_csv(FILE *out, const struct run_result *r);
/* The CSV's table alone, without the provenance's comment lines. */
void report_csv_table(FILE *out, const struct run_result *r);
/* v as the next field of a row (a comma, then 10 significant digits; NAN: empty). */
void report_csv_number(FILE *out, double v);
/* batch.c: s as one CSV field (RFC 4180: quoted when it holds a comma, a quote or a line
** break), quoted too when it starts with #, so that no row reads as a comment line. */
void report_csv_field(FILE *out, const char *s);
/* batch.c: `scen run A.scen B.scen ...`. The report of the i-th file printed (from 0), in
** format, named by path (false: it could not be formatted); then the end, after n. */
bool report_batch_file(FILE *out, const char *format, const char *path,
		       const struct run_result *r, unsigned i);
void report_batch_end(FILE *out, const char *format, unsigned n);
/* table.c: a table per report and per sweep, for papers. */
void report_markdown(FILE *out, const struct run_result *r);
void report_latex(FILE *out, const struct run_result *r);
/* html.c: `scen report`: the run as one self-contained HTML page, with the tornado of
** sense's reports (sense_run on the same draws; NULL: none, and sense_note, when not
** NULL, says why in the page). */
void report_html(FILE *out, const struct run_result *r, const struct sense_result *sense,
		 const char *sense_note);
/* s with & < > " ' as HTML's character references. */
void report_html_text(FILE *out, const char *s);
/* table.c: s as Markdown text (| \ * _ ` [ ] < > # escaped) and as LaTeX text (its ten
** special characters and the reports' UTF-8); both on one line (a line break is a space). */
void report_markdown_text(FILE *out, const char *s);
void report_latex_text(FILE *out, const char *s);
/* table.c: a table of text cells in the style of --format markdown or latex, for the
** tables of every command (diff, sense, flip): report_table_style("markdown") or
** ("latex"), NULL for another format. open prints the caption and the head row of
** t->cols cells, row a row, close the table's end; every cell is escaped. align: a
** letter a column, 'l' or 'r' (NULL: the first 'l', the others 'r'). */
struct table_style;
struct report_table {
	FILE *out;
	const struct table_style *st;
	unsigned cols;
	const char *align;
};
const struct table_style *report_table_style(const char *format);
void report_table_open(const struct report_table *t, const char *caption,
		       const char *const *head);
void report_table_row(const struct report_table *t, const char *const *cells);
void report_table_close(const struct report_table *t);
/* A line outside the tables (a comment in LaTeX); the scenario's title, first. */
void report_table_note(FILE *out, const struct table_style *st, const char *s);
void report_table_title(FILE *out, const struct table_style *st, const char *s);
/* table.c: the reports i..end (one report, or a sweep's rows) as an HTML table. */
void report_html_table(FILE *out, const struct run_result *r, unsigned i, unsigned end);
/* svg.c: a sweep's rows i..end as an inline SVG chart of its shares and probabilities
** (each in a band of ±2 standard errors), and its legend. Returns the series drawn. */
unsigned report_svg_sweep(FILE *out, const struct run_result *r, unsigned i, unsigned end);
/* svg.c: the tornado of res's report j as a figure of inline SVG panels, one per share
** (`scen sense`'s numbers, in data-* attributes too). Returns the panels drawn. */
unsigned report_svg_tornado(FILE *out, const struct sense_result *res, unsigned j);
/* report.c: the formats, one table. format is one of report_format_name's. */
void report_print(FILE *out, const struct run_result *r, const char *format);
/* The k-th format's name ("text", "json", "csv", "markdown", "latex"); NULL past the last. */
const char *report_format_name(unsigned k);

/* An input's value v as `scen sense` prints it (a probability in %) into buf[n]; for the
** HTML page's tornado too (svg.c). */
const char *report_sense_value(char *buf, size_t n, const struct sense_input *in, double v);
/* sense.c: `scen sense`'s tornado, importance and deciles; format text, json, csv,
** markdown or latex; JSON and CSV with prov's provenance (provenance.h) when prov is not
** NULL. */
void report_sense(FILE *out, const struct sense_result *res, const char *format,
		  const struct run_result *prov);

/* flip.c: `scen flip`'s breakpoints, as text or JSON; the JSON with prov's provenance
** (provenance.h, the digest that of the text) when prov is not NULL. */
void report_flip(FILE *out, const struct flip_result *f, bool json,
		 const struct run_result *prov);
/* The same as a table of the sides (a file with `~`: of the crossings), format markdown
** or latex (report_table_style). */
void report_flip_table(FILE *out, const struct flip_result *f, const char *format);
/* The same as CSV (docs/scen.1, scen flip): a row per breakpoint (with `~`: per
** crossing), after prov's provenance as comment lines (the text's digest). */
void report_flip_csv(FILE *out, const struct flip_result *f, const struct run_result *prov);

/* table.c: a table of the text report (a sweep's): a heading and an alignment ('l' or
** 'r') a column, then its cells added row by row; printed (and freed) with each column as
** wide as its widest cell or heading, two columns apart and two in. When that passes
** MAP_LINE, the widest headings are broken across lines (at spaces and after dots, the
** lines at the bottom of the head), as few as let the table fit: it passes MAP_LINE only
** when its cells and the longest words of its headings do. A cell holds TEXT_CELL − 1
** bytes. */
enum { TEXT_MAX_COLS = 10, TEXT_CELL = 64 };
struct text_table;
struct text_column {
	const char *head;
	char align;
};
struct text_table *text_table_open(const struct text_column *col, unsigned cols,
				   unsigned rows);
void text_table_cell(struct text_table *t, const char *s);
void text_table_print(FILE *out, struct text_table *t);

/* ---- format.c: numbers, shares, counts and units as every report prints them ---- */

/* v with thousands separators and at most 6 significant digits ("1,234.57"); UNDEFINED
** when not finite. */
const char *report_num(char *buf, size_t size, double v);
/* v, an amount in units of the stake: 0 when |v| < 1e-9·|stake| (rounding, not data:
** the rule of docs/language.md, "Reading a report"), else report_num. JSON and CSV keep
** every digit. */
const char *report_amount(char *buf, size_t size, double v, double stake);
/* A count, exactly, with thousands separators ("1,234,567"). */
const char *report_count(char *buf, size_t size, uint64_t n);
/* Where clamp note i of r was clamped: "drawn outside its range in 3,349 draws", or in
** an exact run "outside its range in 2 rows" (nothing is drawn: one evaluation a row). */
const char *report_clamp_where(char *buf, size_t size, const struct run_result *r,
			       unsigned i);
/* A share as "12.3%"; "<0.1%" and ">99.9%" when it is not exactly 0 or 1 but rounds so. */
const char *report_pct(char *buf, size_t size, double share);
/* A standard error in percent, two decimals, "<0.01%" rather than 0.00% when not 0. */
const char *report_pct_se(char *buf, size_t size, double se);
/* The standard error of a share k/n: sqrt(P(1 − P)/N) (core.md, Aggregation). */
double report_share_se(uint64_t k, uint64_t n);
/* The same of a share p of n draws (a mean of what is 0 or 1 in every draw). */
double report_share_se_of(double p, uint64_t n);
/* One draw's range r as core.md §1 defines it, NAN (empty, null) where it defines
** nothing: x_min, x_max, the range [lo, hi] and the gap need g > 0 (r->committed); the
** split is a SETTLE's alone. The CSV's measures and the JSON's exact ranges read these. */
double report_range_amount(const struct core_range *r, double v);
double report_range_split(const struct core_range *r);
/* " points", or "" when the scenario names no unit. */
const char *report_unit(const struct run_result *r);
/* The text a report prints for an undefined quantity (a mean over no draws, x_min
** with g = 0). UTF-8, like the rest of the report (±, −, ·); one column wide. */
#define UNDEFINED "—"
/* The columns of UTF-8 text s (its bytes less the continuation bytes); of its first n
** bytes. */
int report_columns(const char *s);
int report_columns_n(const char *s, size_t n);
/* One line of prose printed as fprintf would print fmt (its newline optional), broken
** between words so that no line passes MAP_LINE columns, the lines after the first
** indented hang columns (under the text that follows a label). */
void report_prose(FILE *out, int hang, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* " " then s right-aligned (report_cell) or left-aligned (report_cell_left) in width
** columns, counting the columns of UTF-8 text, not its bytes. */
void report_cell(FILE *out, int width, const char *s);
void report_cell_left(FILE *out, int width, const char *s);

/* ---- measures.c: every measure of a report, in one order, with the CSV's names ---- */

/* One measure: its name ("verdict.settle", "x_min.q05"), its estimate and standard error
** (NAN: undefined, none), and whether it is a share of the report's draws. */
typedef void report_measure_fn(void *ctx, const char *name, double estimate, double se,
			       bool share);
void report_measures(const struct report_result *rep, report_measure_fn *fn, void *ctx);
/* The quantities' names in every output ("x_min", ... "offer"), by enum stat. */
extern const char *const report_stat_name[NSTATS];
/* A cause's name as the outputs spell it in a measure ("divergent_expectations"), into
** buf. */
const char *report_cause_ident(enum core_cause c, char *buf, size_t size);
/* "settlement", "mediation" or "provocation"; the report's draws. */
const char *report_kind_name(const struct report_result *rep);
uint64_t report_draws(const struct report_result *rep);

/* ---- text.c ---- */

/* "    LABEL   12.3%  ± 0.10%": a share of n with its standard error. */
void share_line(FILE *out, const char *label, uint64_t k, uint64_t n);
/* The share_lines of BREAKDOWN's causes: each cause present, then the draws only a
** pair, only all jointly or none of the factors explains (the text report, :why). */
void report_cause_lines(FILE *out, const struct settle_result *s);
/* "provoke, concede": the label of the game's path through move m, in every report. */
const char *report_path_label(char *buf, size_t n, enum core_game_move m);
/* A block of quantile rows under a head: "  TITLE   mean   5%   50%   95%", then each
** "    LABEL   mean   5%   50%   95%", amounts rounded by report_amount against V. The
** widths are 24 for a label and 12 for a number, widened to the block's widest number
** (quantile_widths_add of each row first), the labels then narrowed, to their widest,
** for a row to fit MAP_LINE columns. */
struct quantile_widths {
	int label, cell, widest;	/* widest: the widest label, and the title less 2 */
};
struct quantile_widths quantile_widths(const char *title);
void quantile_widths_add(struct quantile_widths *w, const char *label, double mean,
			 const double *q, double V);
void quantile_head(FILE *out, const struct quantile_widths *w, const char *title);
void quantile_line(FILE *out, const struct quantile_widths *w, const char *label, double mean,
		   const double *q, double V);

/* One settlement report (not a sweep's table), as report_text prints it. */
void report_settlement_text(FILE *out, const struct run_result *r,
			    const struct report_result *rep);
/* The rows i..end of one sweep of one report, as a table. */
void report_sweep_text(FILE *out, const struct run_result *r, unsigned i, unsigned end);
/* Sweeps. A sweep's rows of one report are reports[i..sweep_end(r, i)). */
unsigned sweep_end(const struct run_result *r, unsigned i);
/* A sweep's table of rows i..end, its first column the swept value (text.c), whose
** cells the caller adds after it: the swept values' column first in every row. */
struct text_table *sweep_table_open(const struct run_result *r, unsigned i, unsigned end,
				    const struct text_column *col, unsigned cols);
void sweep_value_cell(struct text_table *t, const struct report_result *row);
/* The end of a sweep's heading: " (20,000 draws a row)", or "" when exact. */
const char *sweep_draws(char *buf, size_t size, bool exact, uint64_t draws);
/* Where a line with no label (a heading, a note) goes on after a break (report_prose). */
enum { LINE_HANG = 4 };
/* Where a sweep's heading ("sweep ATTR: ...", report_prose) goes on after a break. */
enum { SWEEP_HANG = 6 };
/* The largest standard error of the shares k[0..n) of draws. */
double max_se(const uint64_t *k, unsigned n, uint64_t draws);
/* The share k/n as t's next cell (UNDEFINED with no draws). */
void share_cell(struct text_table *t, uint64_t k, uint64_t n);

/* map.c: maps (sweeps of two attributes). A map's cells of one report are
** reports[i..sweep_end(r, i)), row-major (report_result.sweep2 set). */
struct map_outcomes {
	unsigned n;			/* settlement 4, mediation 2, provocation 4 */
	const char *name[4];		/* "SETTLE", "AGREEMENT", "concede" */
	char letter[5];			/* "NSBR", "AX", "acrx" */
	uint64_t k[4];			/* draws with each */
	uint64_t draws;
};
void map_outcomes(const struct report_result *rep, struct map_outcomes *o);
/* The outcome with the most draws; on a tie the first in the report's order. */
unsigned map_leading(const struct map_outcomes *o);
/* The grid of a map's cells: the leading outcome of each and its share in tenths. A
** grid wider than MAP_LINE is printed in bands of columns, one under the other. */
void report_map_text(FILE *out, const struct run_result *r, unsigned i, unsigned end);
/* A line of a map's grid (run's and diff's) is at most this wide: a terminal's. */
enum { MAP_LINE = 100 };
/* How many of a grid's cols columns, each cell columns wide, a band holds, when a line
** has fixed columns besides the cells: as few bands as fit MAP_LINE, as even as they
** can be (41 columns that fit 17 a band: 14, 14 and 13); at least one column. */
unsigned map_band_columns(unsigned cols, int cell, int fixed);
/* Under a grid whose cells, width columns, start after a lead of lead columns: the
** second attribute's first and last values at their two ends ("" for last: one column),
** then its name, on a line of its own when the line would pass MAP_LINE. */
void map_axis(FILE *out, int lead, const char *first, const char *last, int width,
	      const char *name);

/* strategic.c: the mediation and provocation reports, as text: one report, and
** the rows i..end of one sweep of one report, as a table. */
void report_mediation_text(FILE *out, const struct run_result *r,
			   const struct report_result *rep);
void report_game_text(FILE *out, const struct run_result *r, const struct report_result *rep);
void report_mediation_sweep(FILE *out, const struct run_result *r, unsigned i, unsigned end);
void report_game_sweep(FILE *out, const struct run_result *r, unsigned i, unsigned end);

/* ---- `scen diff` (diff.c): the model diff (check/diff.h) and the paired results ---- */

/* The whole report. old and new: the paths as given. */
void diff_text(FILE *out, const char *old, const char *new_, const struct model_diff *md,
	       const struct diff_result *r);
/* Its results part alone (the REPL's :diff): head ("results"), then each report; old and
** new_ name the versions where a report or seed is only one's ("OLD", "NEW"). */
void diff_results_text(FILE *out, const char *head, const char *old, const char *new_,
		       const struct diff_result *r);
void diff_json(FILE *out, const char *old, const char *new_, const struct model_diff *md,
	       const struct diff_result *r);
/* The paired results, one row per stat, after the provenance's comment lines (r->prov). */
void diff_csv(FILE *out, const char *old, const char *new_, const struct model_diff *md,
	      const struct diff_result *r);
/* table.c: the model's changes as a table, then a table per report of both versions:
** old, new, the difference and its standard error. */
void diff_markdown(FILE *out, const char *old, const char *new_, const struct model_diff *md,
		   const struct diff_result *r);
void diff_latex(FILE *out, const char *old, const char *new_, const struct model_diff *md,
		const struct diff_result *r);

#endif
