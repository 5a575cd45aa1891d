/*
** svg.c: a sweep as an inline SVG chart, for `scen report` (html.c): one line per share
** or probability of the report (below), against the swept value, in a band of ±2
** standard errors (SE = sqrt(P(1 − P)/N), core.md, Aggregation) when the run has draws,
** on a 0–100% axis; the swept value's axis in % when it is a probability (as `scen
** plot` draws it); the legend in HTML under it, the series named as the text reports
** name them; each SE is the one the CSV prints (measures.c: P(war) and P(atrocities)
** are shares of the draws too). Drawn directly, not through gnuplot: the page needs no
** program but scen, and the same run writes the same bytes. Each series is a <g data-series="NAME"> (the
** CSV's measure name), its band a <polygon class="band">, so that a test can find
** them; its colour and its dash differ from the others', so that a page printed in grey
** still tells them apart. Then the tornado of `scen sense` (below).
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

/* The chart's frame: 480 × 300 user units (on a phone's 360 pixels the text is still
** 10 pixels high, and the page's styles make it larger there), the plot inside the
** margins: the y axis's labels and title on the left, the x axis's below. */
enum { W = 480, H = 300, LEFT = 64, RIGHT = 22, TOP = 12, BOTTOM = 50 };

struct frame {
	double x0, x1;		/* the swept values' range */
	bool percent;		/* the swept attribute is a probability: its axis in % */
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

/* An x tick at v, labelled with its value (a probability in %, as `scen plot` draws
** it); a minor one's label is left out on a narrow screen (the page's styles). */
static void x_tick(FILE *out, const struct frame *f, double v, bool minor)
{
	double x = px(f, v);
	fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
		"<text class=\"x-tick%s\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x, x,
		H - BOTTOM, H - BOTTOM + 5, minor ? " minor" : "", x, H - BOTTOM + 19);
	if (f->percent)
		fprintf(out, "%.4g%%</text>\n", 100 * v + 0.0);
	else
		fprintf(out, "%.4g</text>\n", v + 0.0);
}

/* The frame, the 0–100% grid, and an x tick at each swept value (at most 12 of them,
** else at quarters of the range; beyond 6, every other one minor), and the axes'
** titles. */
static void axes(FILE *out, const struct frame *f, const struct run_result *r, unsigned i,
		 unsigned rows)
{
	fprintf(out, "<g class=\"axes\" font-size=\"13\" fill=\"#333\">\n");
	for (int k = 0; k <= 4; k++) {
		double y = py(k / 4.0);
		fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			"<text class=\"y-tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n",
			LEFT, W - RIGHT, y, y, LEFT - 6, y + 4, 25 * k);
	}
	unsigned nticks = rows <= 12 ? rows : 5;
	for (unsigned k = 0; k < nticks; k++)
		x_tick(out, f, rows <= 12 ? r->reports[i + k].sweep_value
					  : f->x0 + (f->x1 - f->x0) * k / 4,
		       nticks > 6 && k % 2 == 1);
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
		"stroke=\"#333\"/>\n<text class=\"x-title\" x=\"%d\" y=\"%d\" "
		"text-anchor=\"middle\">", LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM,
		(LEFT + W - RIGHT) / 2, H - 10);
	report_html_text(out, r->reports[i].sweep);
	fprintf(out, "</text>\n<text class=\"y-title\" transform=\"translate(15 %d) "
		"rotate(-90)\" text-anchor=\"middle\">%s</text>\n</g>\n", (TOP + H - BOTTOM) / 2,
		r->reports[i].kind == RK_PROVOCATION ? "share of draws, probability" : "share of draws");
}

/* Series k: its band (p ± 2 SE, within 0 and 1), its line and its points. */
static void draw_series(FILE *out, const struct frame *f, const struct run_result *r,
			unsigned i, unsigned rows, const struct series *s, unsigned k)
{
	fputs("<g class=\"series\" data-series=\"", out);
	report_html_text(out, s->name);
	fprintf(out, "\" stroke=\"%s\" fill=\"%s\">\n", colours[k], colours[k]);
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

/* A series' name in the legend, as the text reports say it: "verdict.no_threat" is NO
** THREAT, "accepts.kibaki" kibaki accepts, "path.concede" provoke, concede. */
static const char *series_label(char *buf, size_t n, const char *name)
{
	static const struct {
		const char *prefix, *before, *after;
		bool upper;
	} words[] = {
		{ "verdict.", "", "", true }, { "accepts.", "", " accepts", false },
		{ "path.abstain", "abstain", "", false }, { "path.", "provoke, ", "", false },
		{ "agreement", "AGREEMENT", "", false }, { "p_war", "P(war)", "", false },
		{ "p_atrocities", "P(atrocities)", "", false },
	};
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t len = strlen(words[w].prefix);
		if (strncmp(name, words[w].prefix, len) != 0)
			continue;
		const char *rest = words[w].prefix[len - 1] == '.' ? name + len : "";
		snprintf(buf, n, "%s%s%s", words[w].before, rest, words[w].after);
		for (char *c = buf; words[w].upper && *c; c++)
			*c = *c == '_' ? ' ' : (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
		return buf;
	}
	snprintf(buf, n, "%s", name);
	return buf;
}

/* The legend, in HTML under the chart (it wraps on a narrow screen). */
static void legend(FILE *out, const struct collect *c, const unsigned *drawn, unsigned n,
		   bool bands)
{
	fputs("<ul class=\"legend\">\n", out);
	for (unsigned d = 0; d < n; d++) {
		unsigned k = drawn[d];
		char label[160];
		fputs("<li title=\"", out);
		report_html_text(out, c->s[k].name);
		fprintf(out, "\"><svg width=\"28\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" "
			"x2=\"28\" y1=\"5\" y2=\"5\" stroke=\"%s\" stroke-width=\"2\"%s%s%s/></svg>",
			colours[d], *dashes[d] ? " stroke-dasharray=\"" : "", dashes[d],
			*dashes[d] ? "\"" : "");
		report_html_text(out, series_label(label, sizeof label, c->s[k].name));
		fputs("</li>\n", out);
	}
	if (bands)
		fputs("<li class=\"bands\"><svg width=\"28\" height=\"10\" aria-hidden=\"true\">"
		      "<rect width=\"28\" height=\"10\" fill=\"#0072b2\" fill-opacity=\"0.15\"/>"
		      "</svg>bands: ±2 standard errors</li>\n", out);
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
	struct frame f = { r->reports[i].sweep_value, r->reports[i].sweep_value,
			   r->reports[i].sweep_probability };
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

/* ---- the tornado of a report (`scen sense`, interp/sense.h) ----
** One panel per share the text of `scen sense` prints but a cause (those are in the
** text under it): each verdict, AGREEMENT and each party's acceptance, each path of
** the game, and P(war) when some draw is RISK. In a panel, a row per input, the
** largest movement first (at most TORNADO_ROWS): a bar from the share as drawn (a
** dashed line) to the share with the input at its 5% quantile, another to the share at
** its 95%, each ending in a ±2 SE whisker and labelled with the input's value and the
** share ("at 11: 40.9%"). The numbers are sense_run's, as `scen sense --format json`
** prints them (data-* attributes with its 10 significant digits, for tests/html). */

enum { TORNADO_ROWS = 12 };
enum { TW = 440, T_MARGIN = 20, T_HEAD = 60, T_ROW = 60, T_FOOT = 30 };

static const char tornado_low[] = "#0072b2", tornado_high[] = "#d55e00";

/* Whether stat k of r gets a panel: a share (or P(war) when some draw is RISK) that
** is not 0 as drawn and at every end; no cause, no AGREEMENT without the coercion.
** (report/sense.c's rule for its tables, less the causes.) */
static bool tornado_stat(const struct sense_result *res, const struct sense_report *r,
			 unsigned k)
{
	const struct paired_stat *s = &r->r.stats[k];
	if (r->r.kind == RK_MEDIATION && k == SM_FREE)
		return false;
	if (r->r.kind == RK_SETTLEMENT && k >= SS_CAUSE && k < SS_CAUSE + CORE_NCAUSES)
		return false;
	unsigned of = k;
	if (r->r.kind == RK_SETTLEMENT && k == SS_PWAR)
		of = SS_VERDICT + CORE_RISK;	/* P(war) is BREAKDOWN's again without RISK */
	else if (!s->share)
		return false;
	if (r->r.stats[of].old > 0)
		return true;
	for (unsigned i = 0; i < res->ninputs; i++) {
		const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS + of];
		if (w->lo > 0 || w->hi > 0)
			return true;
	}
	return false;
}

/* A number for a data-* attribute: JSON's 10 significant digits; "" when undefined. */
static void data_num(FILE *out, const char *name, double v)
{
	if (isfinite(v))
		fprintf(out, " %s=\"%.10g\"", name, v);
	else
		fprintf(out, " %s=\"\"", name);
}

/* The x axis of a panel: [lo, hi] of the shares, in tenths, at least 20 points wide;
** the whole 0–100% when they spread over more than half of it. */
struct taxis {
	double lo, hi, step;
};

static struct taxis tornado_axis(const struct sense_result *res, const struct sense_report *r,
				 unsigned k)
{
	double mn = r->r.stats[k].old, mx = mn;
	for (unsigned i = 0; i < res->ninputs; i++) {
		const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS + k];
		double v[2] = { w->lo, w->hi };
		for (int e = 0; e < 2; e++)
			if (isfinite(v[e])) {
				mn = isfinite(mn) && mn < v[e] ? mn : v[e];
				mx = isfinite(mx) && mx > v[e] ? mx : v[e];
			}
	}
	if (!isfinite(mn))
		mn = 0, mx = 1;
	struct taxis a = { floor(mn * 10 + 1e-9) / 10, ceil(mx * 10 - 1e-9) / 10, 0.05 };
	while (a.hi - a.lo < 0.2 - 1e-9) {	/* widen inside 0–1 */
		if (a.hi < 1)
			a.hi += 0.1;
		if (a.hi - a.lo < 0.2 - 1e-9 && a.lo > 0)
			a.lo -= 0.1;
	}
	if (a.hi - a.lo > 0.5 + 1e-9)
		a = (struct taxis){ 0, 1, 0.25 };
	else if (a.hi - a.lo > 0.3 + 1e-9)
		a.step = 0.1;
	return a;
}

static double tx(const struct taxis *a, double v)
{
	v = v < a->lo ? a->lo : v > a->hi ? a->hi : v;
	return T_MARGIN + (v - a->lo) / (a->hi - a->lo) * (TW - 2 * T_MARGIN);
}

/* The width of text in the panel's font, roughly (DejaVu Sans: 0.6 em a character). */
static double text_width(const char *s, int font)
{
	return 0.6 * font * report_columns(s);
}

/* A bar from the share as drawn to v (its SE se) at y, with its label. */
static void tornado_bar(FILE *out, const struct taxis *a, double base, double v, double se,
			double y, const char *colour, const char *label)
{
	enum { BAR = 16, LABEL_FONT = 13 };
	if (!isfinite(v)) {
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\">", tx(a, base) + 4,
			y + 12, LABEL_FONT);
		report_html_text(out, label);
		fputs("</text>\n", out);
		return;
	}
	double x0 = tx(a, base), x1 = tx(a, v);
	double left = x0 < x1 ? x0 : x1, w = fabs(x1 - x0);
	fprintf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
		"fill=\"%s\"/>\n", left, y, w < 1 ? 1 : w, BAR, colour);
	double xe = x1;		/* where the label starts: past the whisker */
	if (isfinite(se) && se > 0) {
		double w0 = tx(a, v - 2 * se), w1 = tx(a, v + 2 * se), ym = y + BAR / 2.0;
		fprintf(out, "<path class=\"se\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" "
			"stroke=\"#222\" fill=\"none\"/>\n", w0, ym, w1, w0, ym - 4, ym + 4, w1,
			ym - 4, ym + 4);
		xe = v < base ? w0 : w1;
	}
	/* beyond the bar's end (and whisker), away from the line as drawn; where that does
	** not fit, on the line's other side; else inside the bar, in white, from its end */
	double tw = text_width(label, LABEL_FONT);
	bool left_of = v < base, inside = false;	/* left_of: the text ends at lx */
	double beyond = left_of ? fmin(xe, x1) - 4 : fmax(xe, x1) + 4, lx = beyond;
	if (left_of ? beyond - tw < 2 : beyond + tw > TW - 2) {
		double other = left_of ? x0 + 4 : x0 - 4;
		if (left_of ? other + tw <= TW - 2 : other - tw >= 2) {
			lx = other;
			left_of = !left_of;
		} else {
			inside = true;
			lx = left_of ? x1 + 4 : x1 - 4;
			left_of = !left_of;
		}
	}
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\"%s>",
		lx, y + 12.5, LABEL_FONT, left_of ? "end" : "start", inside ? " fill=\"#fff\"" : "");
	report_html_text(out, label);
	fputs("</text>\n", out);
}

/* "at 11: 40.9%": the input's value at an end and the share there. */
static const char *end_label(char *buf, size_t n, const struct sense_input *in, double at,
			     double share)
{
	char a[48], b[48];
	snprintf(buf, n, "at %s: %s", report_sense_value(a, sizeof a, in, at),
		 isfinite(share) ? report_pct(b, sizeof b, share) : UNDEFINED);
	return buf;
}

static void tornado_row(FILE *out, const struct sense_result *res, const struct sense_report *r,
			unsigned k, unsigned i, double y, const struct taxis *a)
{
	const struct sense_input *in = &res->inputs[i];
	const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS + k];
	double base = r->r.stats[k].old;
	bool se = res->draws > 1;
	fputs("<g class=\"tornado-row\" data-input=\"", out);
	report_html_text(out, in->label);
	fputc('"', out);
	data_num(out, "data-input-low", in->lo);
	data_num(out, "data-input-high", in->hi);
	data_num(out, "data-low", w->lo);
	data_num(out, "data-high", w->hi);
	data_num(out, "data-swing", w->swing);
	fputs(">\n<title>", out);
	char l[160], h[160], s[48];
	report_html_text(out, in->label);
	fputs(": ", out);
	report_html_text(out, end_label(l, sizeof l, in, in->lo, w->lo));
	fputs(", ", out);
	report_html_text(out, end_label(h, sizeof h, in, in->hi, w->hi));
	if (isfinite(w->swing)) {
		snprintf(s, sizeof s, "%+.1f", 100 * w->swing + 0.0);
		fprintf(out, "; swing %s points", fabs(100 * w->swing) < 0.05 ? "0.0" : s);
		if (se && isfinite(w->se_swing))
			fprintf(out, " ± %.1f", 100 * w->se_swing);
	}
	fprintf(out, "</title>\n<text x=\"%d\" y=\"%.1f\" font-weight=\"600\">", T_MARGIN,
		y + 14);
	report_html_text(out, in->label);
	fputs("</text>\n", out);
	tornado_bar(out, a, base, w->lo, se ? w->se_lo : NAN, y + 20, tornado_low, l);
	tornado_bar(out, a, base, w->hi, se ? w->se_hi : NAN, y + 39, tornado_high, h);
	fputs("</g>\n", out);
}

/* The panel of stat k: its title, the rows, the line as drawn, the axis. */
static void tornado_panel(FILE *out, const struct sense_result *res, const struct sense_report *r,
			  unsigned k, unsigned rows)
{
	const struct paired_stat *s = &r->r.stats[k];
	struct taxis a = tornado_axis(res, r, k);
	int height = T_HEAD + (int)rows * T_ROW + T_FOOT;
	char p[48], e[48];
	fprintf(out, "<svg class=\"tornado\" viewBox=\"0 0 %d %d\" role=\"img\" data-stat=\"",
		TW, height);
	report_html_text(out, s->label);
	fputc('"', out);
	data_num(out, "data-as-drawn", s->old);
	fputs(" aria-label=\"", out);
	report_html_text(out, s->label);
	fputs(": what moves it\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" "
	      "font-size=\"14\" fill=\"#1b1b1b\">\n", out);
	fprintf(out, "<text x=\"%d\" y=\"18\" font-size=\"15\" font-weight=\"700\">", T_MARGIN);
	report_html_text(out, s->label);
	fprintf(out, "</text>\n<text x=\"%d\" y=\"37\" font-size=\"13\" fill=\"#555\">as drawn %s",
		T_MARGIN, isfinite(s->old) ? report_pct(p, sizeof p, s->old) : UNDEFINED);
	if (res->draws > 1 && isfinite(s->se_old))
		fprintf(out, " (SE %s)", report_pct_se(e, sizeof e, s->se_old));
	fputs("</text>\n", out);
	/* the grid and the axis, under the bars */
	int y0 = T_HEAD - 10, y1 = T_HEAD + (int)rows * T_ROW;
	fputs("<g class=\"axis\" font-size=\"12\" fill=\"#555\">\n", out);
	for (double v = a.lo; v <= a.hi + 1e-9; v += a.step)
		fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#e3e3e3\"/>"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f%%</text>\n", tx(&a, v),
			tx(&a, v), y0, y1, tx(&a, v), y1 + 16, 100 * v + 0.0);
	fputs("</g>\n", out);
	for (unsigned o = 0; o < rows; o++)
		tornado_row(out, res, r, k, r->order[o], T_HEAD + o * T_ROW, &a);
	if (isfinite(s->old))
		fprintf(out, "<line class=\"as-drawn\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
			"stroke=\"#1b1b1b\" stroke-dasharray=\"4 3\"/>\n", tx(&a, s->old),
			tx(&a, s->old), y0, y1);
	fputs("</svg>\n", out);
}

unsigned report_svg_tornado(FILE *out, const struct sense_result *res, unsigned j)
{
	const struct sense_report *r = &res->reports[j];
	unsigned rows = res->ninputs < TORNADO_ROWS ? res->ninputs : TORNADO_ROWS, n = 0;
	fputs("<figure class=\"tornado\" data-report=\"", out);
	report_html_text(out, r->r.what);
	fputs("\">\n", out);
	for (unsigned k = 0; k < r->r.nstats; k++)
		if (tornado_stat(res, r, k)) {
			tornado_panel(out, res, r, k, rows);
			n++;
		}
	fprintf(out, "<ul class=\"legend\">\n<li><svg width=\"22\" height=\"12\" aria-hidden="
		"\"true\"><rect width=\"22\" height=\"12\" fill=\"%s\"/></svg>each input at its "
		"%g%% quantile</li>\n<li><svg width=\"22\" height=\"12\" aria-hidden=\"true\"><rect "
		"width=\"22\" height=\"12\" fill=\"%s\"/></svg>at its %g%% quantile</li>\n<li><svg "
		"width=\"22\" height=\"12\" aria-hidden=\"true\"><line x1=\"11\" x2=\"11\" y1=\"0\" "
		"y2=\"12\" stroke=\"#1b1b1b\" stroke-dasharray=\"4 3\"/></svg>as drawn</li>\n",
		tornado_low, 100 * SENSE_LO, tornado_high, 100 * SENSE_HI);
	if (res->draws > 1)
		fputs("<li>whiskers: ±2 standard errors</li>\n", out);
	fputs("</ul>\n", out);
	if (res->ninputs > rows)
		fprintf(out, "<figcaption>The %u inputs that move the shares most; the other %u "
			"are in the table below.</figcaption>\n", rows, res->ninputs - rows);
	fputs("</figure>\n", out);
	return n;
}
