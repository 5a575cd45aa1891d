/*
** table.c: `--format markdown` (GitHub and Pandoc pipe tables) and `--format latex`
** (booktabs tabulars, every text escaped) for papers, and the HTML tables of `scen
** report` (html.c). One table per report, and one per
** sweep of a report with a column per swept value; a row per measure, with the names and
** the order of `--format csv` (measures.c), so a number in a paper can be found in the
** CSV. Cells are formatted as the text report formats them: shares in percent with their
** standard error sqrt(P(1 − P)/N) when the run has draws (core.md, Aggregation), amounts
** with report_amount's rounding rule against the report's V. The same styles print the
** tables of `scen diff` here, and those of `scen sense` (sense.c) and `scen flip` (flip.c)
** through report_table_open/row/close: the escaping is written once, here. And the
** tables of the text report (text_table_*: the sweeps'), laid out from their cells to fit
** MAP_LINE.
*/
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/xalloc.h"

/* What differs between the formats. align: a letter a column, 'l' or 'r' (NULL: the
** first column 'l', the others 'r', as a table of numbers has them). */
struct table_style {
	void (*text)(FILE *out, const char *s);		/* escaped text */
	const char *undefined, *pm;			/* "—" or "--"; " ± " */
	void (*open)(FILE *out, const char *caption, unsigned cols, const char *align);
	const char *bol, *sep, *eol;			/* before, between and after cells */
	void (*rule)(FILE *out, unsigned cols, const char *align);	/* after the header */
	void (*close)(FILE *out);
	void (*note)(FILE *out, const char *s);		/* a line of the run's notes */
	void (*title)(FILE *out, const char *s);	/* the scenario's title, first */
};

/* The alignment of column i. */
static char column_align(const char *align, unsigned i)
{
	return align ? align[i] : i ? 'r' : 'l';
}

/* ---- Markdown ---- */

/* What has a meaning in a heading or a cell beyond CommonMark's (emphasis, code, links,
** HTML, a pipe table's cells, a heading's closing #s: md_text's first list): entities
** &amp;, images !, GitHub's ~~strike~~, and Pandoc's math $, subscript ~, superscript ^,
** citations @ and a heading's attributes {#id}. Both Markdowns take a backslash before
** any ASCII punctuation as the character itself. */
static const char md_extension_special[] = "&!$~^@{}";

/* A title may hold a new line (`\n`): a table's cell and a heading are one line. */
static void md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			fputc(' ', out);
			continue;
		}
		if (strchr("|\\*_`[]<>#", *s))
			fputc('\\', out);
		else if (strchr(md_extension_special, *s))
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void md_open(FILE *out, const char *caption, unsigned cols, const char *align)
{
	(void)cols;
	(void)align;
	fputs("\n### ", out);
	md_text(out, caption);
	fputs("\n\n", out);
}

static void md_rule(FILE *out, unsigned cols, const char *align)
{
	for (unsigned i = 0; i < cols; i++)
		fputs(column_align(align, i) == 'l' ? "|:---" : "|---:", out);
	fputs("|\n", out);
}

static void md_close(FILE *out)
{
	(void)out;
}

static void md_note(FILE *out, const char *s)
{
	fputc('\n', out);
	md_text(out, s);
	fputc('\n', out);
}

/* A heading above the tables' (### caption). */
static void md_title(FILE *out, const char *s)
{
	fputs("## ", out);
	md_text(out, s);
	fputc('\n', out);
}

static const struct table_style markdown = { md_text, "—", " ± ", md_open, "| ", " | ",
					     " |\n", md_rule, md_close, md_note, md_title };

/* ---- LaTeX ---- */

/* The ten characters special to LaTeX, < > and | (which OT1, the default font
** encoding, sets as ¡ ¿ and —), ` (an opening quote, “ when doubled), the UTF-8 that the
** reports print, and a title's new lines (a % comment ends at one). */
static void tex_text(FILE *out, const char *s)
{
	static const struct {
		const char *from, *to;
	} subst[] = {
		{ "\\", "\\textbackslash{}" }, { "&", "\\&" }, { "%", "\\%" }, { "$", "\\$" },
		{ "#", "\\#" }, { "_", "\\_" }, { "{", "\\{" }, { "}", "\\}" },
		{ "~", "\\textasciitilde{}" }, { "^", "\\textasciicircum{}" },
		{ "<", "\\textless{}" }, { ">", "\\textgreater{}" }, { "|", "\\textbar{}" },
		{ "`", "\\textasciigrave{}" }, { "±", "$\\pm$" },
		{ "—", "--" }, { "−", "$-$" }, { "·", "$\\cdot$" }, { "\n", " " }, { "\r", " " },
	};
	while (*s) {
		size_t i = 0, n = sizeof subst / sizeof subst[0];
		while (i < n && strncmp(s, subst[i].from, strlen(subst[i].from)) != 0)
			i++;
		if (i < n) {
			fputs(subst[i].to, out);
			s += strlen(subst[i].from);
		} else {
			fputc(*s++, out);
		}
	}
}

static void tex_open(FILE *out, const char *caption, unsigned cols, const char *align)
{
	fputs("\n\\begin{table}[htbp]\n\\centering\n\\caption{", out);
	tex_text(out, caption);
	fputs("}\n\\setbox0=\\hbox{\\begin{tabular}{", out);
	for (unsigned i = 0; i < cols; i++)
		fputc(column_align(align, i), out);
	fputs("}\n\\toprule\n", out);
}

static void tex_rule(FILE *out, unsigned cols, const char *align)
{
	(void)cols;
	(void)align;
	fputs("\\midrule\n", out);
}

/* The tabular is set in box 0 first: a table wider than the line (a sweep of many
** values, the deciles) is shrunk to the line's width when the document loads graphicx
** (\resizebox), and set as it is without it. After the float, an empty line of text:
** LaTeX stalls on floats with nothing between them ("Output loop---100 consecutive dead
** cycles" at 50 in a row: a diff of a map has one a cell; tests/tables/matrix.sh). */
static void tex_close(FILE *out)
{
	fputs("\\bottomrule\n\\end{tabular}}%\n"
	      "\\ifdim\\wd0>\\linewidth\\ifdefined\\resizebox\\resizebox{\\linewidth}{!}"
	      "{\\usebox0}\\else\\usebox0\\fi\\else\\usebox0\\fi\n\\end{table}\n"
	      "\\par\\noindent\\null\\par\n", out);
}

static void tex_note(FILE *out, const char *s)
{
	fputs("\n% ", out);
	tex_text(out, s);
	fputc('\n', out);
}

static const struct table_style latex = { tex_text, "--", " ± ", tex_open, "", " & ",
					  " \\\\\n", tex_rule, tex_close, tex_note, tex_note };

/* ---- HTML (scen report, html.c) ---- */

static void html_open(FILE *out, const char *caption, unsigned cols, const char *align)
{
	(void)cols;
	(void)align;
	fputs("<div class=\"scroll\"><table>\n<caption>", out);
	report_html_text(out, caption);
	fputs("</caption>\n<thead>\n", out);
}

static void html_rule(FILE *out, unsigned cols, const char *align)
{
	(void)cols;
	(void)align;
	fputs("</thead>\n<tbody>\n", out);
}

static void html_close(FILE *out)
{
	fputs("</tbody>\n</table></div>\n", out);
}

static void html_note(FILE *out, const char *s)
{
	fputs("<p class=\"note\">", out);
	report_html_text(out, s);
	fputs("</p>\n", out);
}

static const struct table_style html = { report_html_text, "—", " ± ", html_open,
					 "<tr><td>", "</td><td>", "</td></tr>\n", html_rule,
					 html_close, html_note, html_note };

/* ---- a table of text cells (report.h): the diff's, `scen sense`'s, `scen flip`'s ---- */

const struct table_style *report_table_style(const char *format)
{
	if (strcmp(format, "markdown") == 0)
		return &markdown;
	return strcmp(format, "latex") == 0 ? &latex : NULL;
}

/* One row of t->cols cells, each escaped. */
void report_table_row(const struct report_table *t, const char *const *cells)
{
	for (unsigned i = 0; i < t->cols; i++) {
		fputs(i ? t->st->sep : t->st->bol, t->out);
		t->st->text(t->out, cells[i]);
	}
	fputs(t->st->eol, t->out);
}

void report_table_open(const struct report_table *t, const char *caption,
		       const char *const *head)
{
	t->st->open(t->out, caption, t->cols, t->align);
	report_table_row(t, head);
	t->st->rule(t->out, t->cols, t->align);
}

void report_table_close(const struct report_table *t)
{
	t->st->close(t->out);
}

void report_table_note(FILE *out, const struct table_style *st, const char *s)
{
	st->note(out, s);
}

void report_table_title(FILE *out, const struct table_style *st, const char *s)
{
	st->title(out, s);
}

/* ---- the text report's tables (text.c, strategic.c): fitted to MAP_LINE ---- */

/* Two columns before the first column and between two: the gutters of every table. */
enum { TEXT_LEAD = 2, TEXT_GAP = 2 };

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

struct text_table {
	struct text_column col[TEXT_MAX_COLS];
	unsigned cols, cells, size;
	char (*cell)[TEXT_CELL];		/* row by row */
};

struct text_table *text_table_open(const struct text_column *col, unsigned cols,
				   unsigned rows)
{
	assert(cols <= TEXT_MAX_COLS);
	struct text_table *t = xmalloc(sizeof *t);
	memcpy(t->col, col, cols * sizeof *col);
	t->cols = cols;
	t->cells = 0;
	t->size = cols * rows;
	t->cell = xmalloc((t->size ? t->size : 1) * sizeof *t->cell);
	return t;
}

void text_table_cell(struct text_table *t, const char *s)
{
	assert(t->cells < t->size);
	snprintf(t->cell[t->cells++], TEXT_CELL, "%s", s);
}

/* head into buf as lines of at most width columns, '\n' between them, broken at its
** spaces and after its dots ("nato." "chance_if_atrocities": an attribute's path) and
** nowhere else, so a piece wider than width stays whole. Returns the widest line. */
static int wrap_head(char *buf, const char *head, int width)
{
	int col = 0, widest = 0;
	size_t o = 0;
	bool spaced = false;	/* a space before the piece */
	for (const char *p = head; *p;) {
		const char *e = p;
		while (*e && *e != ' ' && *e++ != '.')
			;
		if (col && col + spaced + report_columns_n(p, (size_t)(e - p)) > width) {
			buf[o++] = '\n';
			col = 0;
		} else if (col && spaced) {
			buf[o++] = ' ';
			col++;
		}
		col += report_columns_n(p, (size_t)(e - p));
		memcpy(buf + o, p, (size_t)(e - p));
		o += (size_t)(e - p);
		widest = max_int(widest, col);
		for (spaced = false, p = e; *p == ' '; p++)
			spaced = true;
	}
	buf[o] = '\0';
	return widest;
}

/* One line of the table, text[c] in column c as wide as width[c]; nothing after the last
** text that is not empty (no trailing spaces). */
static void text_line(FILE *out, const struct text_table *t, const int *width,
		      const char *const *text)
{
	unsigned last = t->cols;
	while (last && !*text[last - 1])
		last--;
	int owed = TEXT_LEAD;	/* spaces before the next text */
	for (unsigned c = 0; c < last; c++) {
		int pad = width[c] - report_columns(text[c]);
		bool right = t->col[c].align == 'r';
		pad = pad > 0 ? pad : 0;
		fprintf(out, "%*s%s", owed + (right ? pad : 0), "", text[c]);
		owed = TEXT_GAP + (right ? 0 : pad);
	}
	fputc('\n', out);
}

/* The widths of t's columns and their headings, wrapped: each column as wide as its
** widest cell and its heading; when the line would pass MAP_LINE, the headings wider
** than a limit are broken to it (or to their column's cells, if wider), the limit the
** widest that lets the line fit, so that as few headings as can be are broken. */
static void text_layout(const struct text_table *t, int *width, char **head)
{
	int cells[TEXT_MAX_COLS] = { 0 }, limit = 1;
	for (unsigned c = 0; c < t->cols; c++)
		limit = max_int(limit, report_columns(t->col[c].head));
	for (unsigned k = 0; k < t->cells; k++)
		cells[k % t->cols] = max_int(cells[k % t->cols], report_columns(t->cell[k]));
	for (;; limit--) {
		int line = TEXT_LEAD - TEXT_GAP;
		for (unsigned c = 0; c < t->cols; c++) {
			int h = wrap_head(head[c], t->col[c].head, max_int(cells[c], limit));
			width[c] = max_int(h, cells[c]);
			line += TEXT_GAP + width[c];
		}
		if (line <= MAP_LINE || limit == 1)
			return;
	}
}

/* The n-th line of a wrapped heading of lines lines, bottom-aligned in a table's head of
** rows lines (above its first line: ""), into buf. */
static const char *head_line(char *buf, const char *head, int lines, int rows, int n)
{
	*buf = '\0';
	if (n < rows - lines)
		return buf;
	for (n -= rows - lines; n > 0; n--)
		head = strchr(head, '\n') + 1;
	snprintf(buf, strcspn(head, "\n") + 1, "%s", head);
	return buf;
}

static int line_count(const char *s)
{
	int n = 1;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

void text_table_print(FILE *out, struct text_table *t)
{
	int width[TEXT_MAX_COLS], lines[TEXT_MAX_COLS], head_rows = 1;
	char *head[TEXT_MAX_COLS], *buf[TEXT_MAX_COLS];
	const char *text[TEXT_MAX_COLS];
	for (unsigned c = 0; c < t->cols; c++) {	/* a break adds at most a byte a piece */
		head[c] = xmalloc(2 * strlen(t->col[c].head) + 2);
		buf[c] = xmalloc(strlen(t->col[c].head) + 1);
	}
	text_layout(t, width, head);
	for (unsigned c = 0; c < t->cols; c++) {
		lines[c] = line_count(head[c]);
		head_rows = max_int(head_rows, lines[c]);
	}
	for (int n = 0; n < head_rows; n++) {
		for (unsigned c = 0; c < t->cols; c++)
			text[c] = head_line(buf[c], head[c], lines[c], head_rows, n);
		text_line(out, t, width, text);
	}
	for (unsigned k = 0; k < t->cells; k += t->cols) {
		for (unsigned c = 0; c < t->cols; c++)
			text[c] = t->cell[k + c];
		text_line(out, t, width, text);
	}
	for (unsigned c = 0; c < t->cols; c++) {
		free(head[c]);
		free(buf[c]);
	}
	free(t->cell);
	free(t);
}

/* ---- the tables of a run ---- */

/* The want-th measure of a report, caught by report_measures' callback. */
struct catch {
	unsigned want, seen;
	char name[96];
	double estimate, se;
	bool share, found;
};

static void catch_measure(void *ctx, const char *name, double estimate, double se, bool share)
{
	struct catch *c = ctx;
	if (c->seen++ != c->want)
		return;
	snprintf(c->name, sizeof c->name, "%s", name);
	c->estimate = estimate;
	c->se = se;
	c->share = share;
	c->found = true;
}

static struct catch measure_at(const struct report_result *rep, unsigned m)
{
	struct catch c = { .want = m };
	report_measures(rep, catch_measure, &c);
	return c;
}

/* One cell: "12.3% ± 0.10%" for a share of a run with draws, else the number. */
static void cell(FILE *out, const struct table_style *st, const struct run_result *r,
		 const struct report_result *rep, const struct catch *c)
{
	char num[48], se[48], buf[112];
	if (!isfinite(c->estimate)) {
		st->text(out, st->undefined);
		return;
	}
	if (!c->share) {
		st->text(out, report_amount(num, sizeof num, c->estimate, rep->stake_value));
		return;
	}
	report_pct(num, sizeof num, c->estimate);
	if (r->uncertain && isfinite(c->se))
		snprintf(buf, sizeof buf, "%s%s%s", num, st->pm,
			 report_pct_se(se, sizeof se, c->se));
	else
		snprintf(buf, sizeof buf, "%s", num);
	st->text(out, buf);
}

/* The shares whose row is left out when they are 0 in every column: causes, ties and
** pivotal rules that no draw had (the text report leaves them out too). A verdict, a
** path or an agreement of 0% is a result and stays. */
static bool dropped_when_zero(const char *name)
{
	static const char *const prefixes[] = { "cause.", "tie.", "pivotal." };
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

/* Whether the row of measure m is left out: undefined in every column; a share of
** dropped_when_zero that is 0 in every column; a quantile of a run without draws to
** spread it (it is the mean). */
static bool skip_row(const struct run_result *r, unsigned i, unsigned end, unsigned m)
{
	struct catch c = measure_at(&r->reports[i], m);
	size_t len = strlen(c.name);
	if (!r->uncertain && len > 4 && c.name[len - 4] == '.' && c.name[len - 3] == 'q')
		return true;
	bool zero_drops = c.share && dropped_when_zero(c.name);
	for (unsigned k = i; k < end; k++) {
		c = measure_at(&r->reports[k], m);
		if (isfinite(c.estimate) && !(zero_drops && c.estimate == 0))
			return false;
	}
	return true;
}

/* A sweep row's value; a map cell's two, "0.2, 0.5". */
static const char *sweep_values(char *buf, size_t size, const struct report_result *rep)
{
	char a[40], b[40];
	report_num(a, sizeof a, rep->sweep_value);
	if (!rep->sweep2)
		snprintf(buf, size, "%s", a);
	else
		snprintf(buf, size, "%s, %s", a, report_num(b, sizeof b, rep->sweep2_value));
	return buf;
}

/* The reports i..end as one table: one report (end = i + 1), or the rows of a sweep. */
static void run_table(FILE *out, const struct table_style *st, const struct run_result *r,
		      unsigned i, unsigned end)
{
	const struct report_result *first = &r->reports[i];
	char caption[256], head[160], num[84];
	if (first->sweep2)	/* a map: a column per cell, "a, b" */
		snprintf(head, sizeof head, "%s, %s", first->sweep, first->sweep2);
	else
		snprintf(head, sizeof head, "%s", first->sweep ? first->sweep : "measure");
	if (first->sweep)
		snprintf(caption, sizeof caption, "%s %s: %s", first->sweep2 ? "map" : "sweep",
			 head, first->what);
	else
		snprintf(caption, sizeof caption, "%s", first->what);
	st->open(out, caption, end - i + 1, NULL);
	fputs(st->bol, out);
	st->text(out, head);	/* a column per value */
	for (unsigned k = i; k < end; k++) {
		fputs(st->sep, out);
		st->text(out, first->sweep ? sweep_values(num, sizeof num, &r->reports[k])
					   : "estimate");
	}
	fputs(st->eol, out);
	st->rule(out, end - i + 1, NULL);
	for (unsigned m = 0;; m++) {
		struct catch c = measure_at(first, m);
		if (!c.found)
			break;
		if (skip_row(r, i, end, m))
			continue;
		fputs(st->bol, out);
		st->text(out, c.name);
		for (unsigned k = i; k < end; k++) {
			struct catch ck = measure_at(&r->reports[k], m);
			assert(ck.found);	/* every row of a sweep has the same measures */
			fputs(st->sep, out);
			cell(out, st, r, &r->reports[k], &ck);
		}
		fputs(st->eol, out);
	}
	st->close(out);
}

static void tables(FILE *out, const struct table_style *st, const struct run_result *r)
{
	char line[256], n[40];
	if (*r->title)
		st->title(out, r->title);
	if (r->uncertain)
		snprintf(line, sizeof line, "%s draws, seed %llu", report_count(n, sizeof n, r->draws),
			 (unsigned long long)r->seed);
	else
		snprintf(line, sizeof line, "no uncertain values: one exact evaluation");
	st->note(out, line);
	for (unsigned i = 0; i < r->nreports;) {
		unsigned end = r->reports[i].sweep ? sweep_end(r, i) : i + 1;
		run_table(out, st, r, i, end);
		i = end;
	}
	for (unsigned i = 0; i < r->nclamps; i++) {
		char where[96];
		snprintf(line, sizeof line, "note: `%s` was %s and clamped into it",
			 r->clamps[i].label, report_clamp_where(where, sizeof where, r, i));
		st->note(out, line);
	}
	if (r->stopped)
		st->note(out, "interrupted: these results cover only the draws made");
}

void report_markdown(FILE *out, const struct run_result *r)
{
	tables(out, &markdown, r);
}

void report_latex(FILE *out, const struct run_result *r)
{
	tables(out, &latex, r);
}

void report_markdown_text(FILE *out, const char *s)
{
	md_text(out, s);
}

void report_latex_text(FILE *out, const char *s)
{
	tex_text(out, s);
}

void report_html_table(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	run_table(out, &html, r, i, end);
}

/* ---- `scen diff --format markdown|latex` ---- */

/* The model's changes: one table, a row per item or attribute added, removed, changed. */
static void model_table(FILE *out, const struct table_style *st, const struct model_diff *md)
{
	static const char *const change[] = { "removed", "added", "changed" };
	if (!md->n) {
		st->note(out, "model: no change");
		return;
	}
	const struct report_table t = { out, st, 4, "llll" };	/* text, not numbers */
	report_table_open(&t, "model", (const char *const[]){ "change", "item", "old", "new" });
	for (unsigned i = 0; i < md->n; i++) {
		const struct mdiff_item *it = &md->items[i];
		bool changed = it->change == MC_CHANGED;
		char item[160];
		snprintf(item, sizeof item, "%s %s", it->kind, it->name);
		const char *cells[4] = { change[it->change], item,
					 changed ? it->old : it->whole_old ? it->whole_old : "",
					 changed ? it->new_ : it->whole_new ? it->whole_new : "" };
		report_table_row(&t, cells);
	}
	report_table_close(&t);
}

/* A value of a paired stat: a share in percent, else the number; signed for a change. */
static const char *paired_value(char *buf, size_t size, double v, bool share, bool sign)
{
	char num[48];
	if (share)
		snprintf(num, sizeof num, sign ? "%+.1f%%" : "%.1f%%", 100 * v + 0.0);
	else
		report_num(num, sizeof num, v);
	snprintf(buf, size, "%s%s", sign && !share && v > 0 ? "+" : "", num);
	return buf;
}

/* " = 0.3", or " = 0.3 → 0.4" when the versions' rows differ there. */
static void row_values(char *buf, size_t size, double old, double new_)
{
	char a[40], b[40];
	snprintf(buf, size, " = %s%s%s", report_num(a, sizeof a, old), old != new_ ? " → " : "",
		 old != new_ ? report_num(b, sizeof b, new_) : "");
}

/* "settlement gov vs reb", with its sweep row, and a map's second value, as the text of
** `scen diff` heads it (diff.c): each cell of a map has a caption of its own. */
static void paired_caption(char *buf, size_t size, const struct paired_report *p)
{
	char v1[96] = "", v2[96] = "";
	if (p->sweep)
		row_values(v1, sizeof v1, p->sweep_old, p->sweep_new);
	if (p->sweep2)
		row_values(v2, sizeof v2, p->sweep2_old, p->sweep2_new);
	snprintf(buf, size, "%s%s%s%s%s%s", p->what, p->sweep ? ", sweep " : "",
		 p->sweep ? p->sweep : "", v1, p->sweep2 ? ", " : "", p->sweep2 ? p->sweep2 : "");
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, "%s", v2);
}

/* One report of both versions: old, new, the difference and its paired standard error
** (with draws), * beyond 3 standard errors, as the text of `scen diff` marks it. */
static void paired_table(FILE *out, const struct table_style *st, const struct paired_report *p,
			 bool draws)
{
	char caption[320], b[4][64];
	const struct report_table t = { out, st, draws ? 5 : 4, NULL };
	paired_caption(caption, sizeof caption, p);
	report_table_open(&t, caption, (const char *const[]){ "measure", "old", "new",
							      "difference", "SE" });
	for (unsigned k = 0; k < p->nstats; k++) {
		const struct paired_stat *s = &p->stats[k];
		if (s->redundant || !s->n || (s->share && !s->old && !s->new_))
			continue;	/* a share 0 in both: an outcome or cause neither had */
		paired_value(b[0], sizeof b[0], s->old, s->share, false);
		paired_value(b[1], sizeof b[1], s->new_, s->share, false);
		paired_value(b[2], sizeof b[2], s->diff, s->share, true);
		if (s->beyond)
			strcat(b[2], " *");
		const char *cells[5] = { s->label, b[0], b[1], b[2],
					 s->share ? report_pct_se(b[3], sizeof b[3], s->se_diff)
						  : report_num(b[3], sizeof b[3], s->se_diff) };
		report_table_row(&t, cells);
	}
	report_table_close(&t);
}

static void diff_tables(FILE *out, const struct table_style *st, const char *old,
			const char *new_, const struct model_diff *md, const struct diff_result *r)
{
	char line[512], n[40];
	bool draws = r->uncertain_old || r->uncertain_new;
	snprintf(line, sizeof line, "old: %s; new: %s", old, new_);
	st->note(out, line);
	model_table(out, st, md);
	if (draws)
		snprintf(line, sizeof line, "%s paired draws, seed %llu%s; difference new − old "
			 "± its standard error; * beyond 3 standard errors",
			 report_count(n, sizeof n, r->draws), (unsigned long long)r->seed,
			 r->stopped ? " (interrupted)" : "");
	else
		snprintf(line, sizeof line, "one exact evaluation of each version");
	st->note(out, line);
	for (unsigned i = 0; i < r->nreports; i++) {
		const struct paired_report *p = &r->reports[i];
		if (p->in_old && p->in_new) {
			paired_table(out, st, p, draws);
			continue;
		}
		snprintf(line, sizeof line, "%s: only in %s", p->what, p->in_old ? old : new_);
		st->note(out, line);
	}
}

void diff_markdown(FILE *out, const char *old, const char *new_, const struct model_diff *md,
		   const struct diff_result *r)
{
	diff_tables(out, &markdown, old, new_, md, r);
}

void diff_latex(FILE *out, const char *old, const char *new_, const struct model_diff *md,
		const struct diff_result *r)
{
	diff_tables(out, &latex, old, new_, md, r);
}
