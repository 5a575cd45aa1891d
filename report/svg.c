/*
** svg.c: a sweep as an inline SVG chart, for `scen report` (html.c): one line per share
** or probability of the report (below), against the swept value, in a band of ±2
** standard errors (SE = sqrt(P(1 − P)/N), core.md, Aggregation) when the run has draws,
** on a 0–100% axis. Drawn directly, not through gnuplot: the page needs no program but
** scen, and the same run writes the same bytes. Each series is a <g data-series="NAME">
** (the CSV's measure name), so that a test can find it; its colour and its dash differ
** from the others', so that a page printed in grey still tells them apart.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/xalloc.h"

/* What is drawn for each kind of report: its measures named so (a name ending in '.' is
** a prefix). Series that are 0 in every row (a verdict no draw had) are left out. */
static const struct {
	enum report_kind kind;
	const char *name;
} charted[] = {
	{ RK_SETTLEMENT, "verdict." },
	{ RK_MEDIATION, "agreement" },
	{ RK_MEDIATION, "accepts." },
	{ RK_PROVOCATION, "path." },
	{ RK_PROVOCATION, "p_war" },
	{ RK_PROVOCATION, "p_atrocities" },
};

enum { MAX_SERIES = 8 };

/* The Okabe–Ito colours (told apart with the common colour blindnesses), and dashes. */
static const char *const colours[MAX_SERIES] = { "#0072b2", "#d55e00", "#009e73", "#cc79a7",
						  "#e69f00", "#56b4e9", "#000000", "#f0e442" };
static const char *const dashes[MAX_SERIES] = { "", "7 4", "2 3", "9 3 2 3", "4 2",
						 "12 4", "1 2", "6 2 1 2" };

struct series {
	char name[96];
	double *p, *se;		/* one per row */
	bool any;		/* not 0 in some row */
};

struct collect {
	struct series s[MAX_SERIES];
	unsigned n, row;
	enum report_kind kind;
};

static bool is_charted(enum report_kind kind, const char *name)
{
	for (size_t i = 0; i < sizeof charted / sizeof charted[0]; i++) {
		size_t len = strlen(charted[i].name);
		if (charted[i].kind == kind && (charted[i].name[len - 1] == '.'
			? strncmp(name, charted[i].name, len) == 0 : strcmp(name, charted[i].name) == 0))
			return true;
	}
	return false;
}

static void take(void *ctx, const char *name, double estimate, double se, bool share)
{
	struct collect *c = ctx;
	(void)share;
	if (!is_charted(c->kind, name))
		return;
	unsigned k = 0;
	while (k < c->n && strcmp(c->s[k].name, name) != 0)
		k++;
	if (k == c->n) {
		if (c->n == MAX_SERIES)
			return;
		c->n++;
		snprintf(c->s[k].name, sizeof c->s[k].name, "%s", name);
	}
	c->s[k].p[c->row] = estimate;
	c->s[k].se[c->row] = se;
	c->s[k].any |= isfinite(estimate) && estimate != 0;
}

/* The chart's frame: 640 × 360 user units, the plot inside the margins. */
enum { W = 640, H = 360, LEFT = 56, RIGHT = 16, TOP = 14, BOTTOM = 48 };

struct frame {
	double x0, x1;		/* the swept values' range */
};

static double px(const struct frame *f, double x)
{
	return LEFT + (x - f->x0) / (f->x1 - f->x0) * (W - LEFT - RIGHT);
}

static double py(double p)
{
	p = p < 0 ? 0 : p > 1 ? 1 : p;
	return TOP + (1 - p) * (H - TOP - BOTTOM);
}

/* An x tick at v, labelled with its value. */
static void x_tick(FILE *out, const struct frame *f, double v)
{
	double x = px(f, v);
	fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
		"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.4g</text>\n", x, x,
		H - BOTTOM, H - BOTTOM + 5, x, H - BOTTOM + 19, v + 0.0);
}

/* The frame, the 0–100% grid, and an x tick at each swept value (at most 12 of them,
** else at fifths of the range). */
static void axes(FILE *out, const struct frame *f, const struct run_result *r, unsigned i,
		 unsigned rows)
{
	fprintf(out, "<g class=\"axes\" font-size=\"13\" fill=\"#333\">\n");
	for (int k = 0; k <= 4; k++) {
		double y = py(k / 4.0);
		fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n", LEFT,
			W - RIGHT, y, y, LEFT - 6, y + 4, 25 * k);
	}
	for (unsigned k = 0; k < (rows <= 12 ? rows : 5); k++)
		x_tick(out, f, rows <= 12 ? r->reports[i + k].sweep_value
					  : f->x0 + (f->x1 - f->x0) * k / 4);
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
		"stroke=\"#333\"/>\n<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", LEFT, TOP,
		W - LEFT - RIGHT, H - TOP - BOTTOM, (LEFT + W - RIGHT) / 2, H - 8);
	report_html_text(out, r->reports[i].sweep);
	fputs("</text>\n</g>\n", out);
}

/* Series k: its band (p ± 2 SE, within 0 and 1), its line and its points. */
static void draw_series(FILE *out, const struct frame *f, const struct run_result *r,
			unsigned i, unsigned rows, const struct series *s, unsigned k)
{
	fprintf(out, "<g class=\"series\" data-series=\"%s\" stroke=\"%s\" fill=\"%s\">\n",
		s->name, colours[k], colours[k]);
	bool band = r->uncertain;
	for (unsigned j = 0; j < rows; j++)
		band &= isfinite(s->p[j]) && isfinite(s->se[j]);
	if (band) {
		fputs("<polygon class=\"band\" stroke=\"none\" fill-opacity=\"0.15\" points=\"", out);
		for (unsigned j = 0; j < rows; j++)
			fprintf(out, "%.1f,%.1f ", px(f, r->reports[i + j].sweep_value),
				py(s->p[j] + 2 * s->se[j]));
		for (unsigned j = rows; j-- > 0;)
			fprintf(out, "%.1f,%.1f ", px(f, r->reports[i + j].sweep_value),
				py(s->p[j] - 2 * s->se[j]));
		fputs("\"/>\n", out);
	}
	fprintf(out, "<polyline fill=\"none\" stroke-width=\"2\"%s%s%s points=\"",
		*dashes[k] ? " stroke-dasharray=\"" : "", dashes[k], *dashes[k] ? "\"" : "");
	for (unsigned j = 0; j < rows; j++)
		if (isfinite(s->p[j]))
			fprintf(out, "%.1f,%.1f ", px(f, r->reports[i + j].sweep_value), py(s->p[j]));
	fputs("\"/>\n", out);
	for (unsigned j = 0; j < rows; j++)
		if (isfinite(s->p[j]))
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" stroke=\"none\"/>\n",
				px(f, r->reports[i + j].sweep_value), py(s->p[j]));
	fputs("</g>\n", out);
}

/* The legend, in HTML under the chart (it wraps on a narrow screen). */
static void legend(FILE *out, const struct collect *c, const unsigned *drawn, unsigned n,
		   bool bands)
{
	fputs("<ul class=\"legend\">\n", out);
	for (unsigned d = 0; d < n; d++) {
		unsigned k = drawn[d];
		fprintf(out, "<li><svg width=\"28\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" "
			"x2=\"28\" y1=\"5\" y2=\"5\" stroke=\"%s\" stroke-width=\"2\"%s%s%s/></svg>",
			colours[d], *dashes[d] ? " stroke-dasharray=\"" : "", dashes[d],
			*dashes[d] ? "\"" : "");
		report_html_text(out, c->s[k].name);
		fputs("</li>\n", out);
	}
	if (bands)
		fputs("<li class=\"bands\">bands: ±2 standard errors</li>\n", out);
	fputs("</ul>\n", out);
}

unsigned report_svg_sweep(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	unsigned rows = end - i;
	struct collect c = { .kind = r->reports[i].kind };
	for (unsigned k = 0; k < MAX_SERIES; k++) {
		c.s[k].p = xcalloc(rows, sizeof *c.s[k].p);
		c.s[k].se = xcalloc(rows, sizeof *c.s[k].se);
	}
	struct frame f = { r->reports[i].sweep_value, r->reports[i].sweep_value };
	for (c.row = 0; c.row < rows; c.row++) {
		report_measures(&r->reports[i + c.row], take, &c);
		double v = r->reports[i + c.row].sweep_value;
		f.x0 = v < f.x0 ? v : f.x0;
		f.x1 = v > f.x1 ? v : f.x1;
	}
	if (f.x1 == f.x0) {
		f.x0 -= 0.5;
		f.x1 += 0.5;
	}
	unsigned drawn[MAX_SERIES], n = 0;
	for (unsigned k = 0; k < c.n; k++)
		if (c.s[k].any)
			drawn[n++] = k;
	fprintf(out, "<figure>\n<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-label=\"", W, H);
	report_html_text(out, r->reports[i].what);
	fputs(" against ", out);
	report_html_text(out, r->reports[i].sweep);
	fputs("\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\">\n", out);
	axes(out, &f, r, i, rows);
	for (unsigned d = 0; d < n; d++)
		draw_series(out, &f, r, i, rows, &c.s[drawn[d]], d);
	fputs("</svg>\n", out);
	legend(out, &c, drawn, n, r->uncertain);
	fputs("</figure>\n", out);
	for (unsigned k = 0; k < MAX_SERIES; k++) {
		free(c.s[k].p);
		free(c.s[k].se);
	}
	return n;
}
