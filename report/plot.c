/*
** plot.c: sweeps as gnuplot charts (plot.h). The script is plain gnuplot 5: inline
** datablocks, one chart per sweep and report in a multiplot column, the terminal chosen
** from two variables so that the same script serves `--script` and the run here.
*/
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/status.h"
#include "report/plot.h"
#include "report/report.h"
#include "util/printf_attr.h"
#include "util/rewrite.h"
#include "util/xalloc.h"

/* The report's numbers, in buffers of the expression's own lifetime (format.c). */
#define N(v) report_num((char[40]){ 0 }, 40, (v))
#define P(v) report_pct((char[40]){ 0 }, 40, (v))

extern char **environ;

enum { NVERDICTS = CORE_RISK + 1 };

const char *const plot_verdict_color[NVERDICTS] = {
	[CORE_NO_THREAT] = "#7f7f7f", [CORE_SETTLE] = "#2ca02c",
	[CORE_BREAKDOWN] = "#d62728", [CORE_RISK] = "#ff7f0e",
};

/* Black and white (--mono): each verdict's dash pattern and point (open, filled). */
static const char *const mono_dash[NVERDICTS] = {
	[CORE_NO_THREAT] = "(2,4)", [CORE_SETTLE] = "solid",
	[CORE_BREAKDOWN] = "(10,5)", [CORE_RISK] = "(10,4,2,4)",
};
static const unsigned mono_point[NVERDICTS] = {
	[CORE_NO_THREAT] = 8, [CORE_SETTLE] = 6, [CORE_BREAKDOWN] = 4, [CORE_RISK] = 12,
};

/* One run's rows of one report in one sweep: indices into run->reports, in order. */
struct series {
	const struct run_result *run;
	unsigned sweep_id, occurrence;	/* occurrence: among this run's series of the same
					** attribute and report (a sweep repeated) */
	const char *sweep, *what;
	unsigned *rows, nrows;
};

/* One chart: the series of each run with the same attribute, report and occurrence. */
struct chart {
	const char *sweep, *what;
	unsigned occurrence;
	struct series **of_run;		/* [nruns], NULL where a run lacks it */
};

enum plot_format plot_format_of(const char *outpath)
{
	const char *dot = strrchr(outpath, '.');
	if (!dot || strchr(dot, '/'))
		return PLOT_UNKNOWN;
	if (strcasecmp(dot, ".svg") == 0)
		return PLOT_SVG;
	if (strcasecmp(dot, ".png") == 0)
		return PLOT_PNG;
	if (strcasecmp(dot, ".pdf") == 0)
		return PLOT_PDF;
	return PLOT_UNKNOWN;
}

/* The one table of terminals, by scen_format: cairo's where gnuplot has them (png falls
** back to libgd's), a width and height in pixels; pdfcairo's size in inches at 96 px an
** inch, its font a little smaller (points on paper, not pixels). */
void plot_terminal(FILE *out, unsigned width, unsigned height)
{
	fprintf(out, "scen_width = %u\nscen_height = %u\n", width, height);
	fputs("if (scen_format eq 'png') {\n"
	      "  if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n"
	      "    set terminal pngcairo size scen_width, scen_height noenhanced font 'sans,10'\n"
	      "  } else {\n"
	      "    set terminal png size scen_width, scen_height noenhanced\n"
	      "  }\n"
	      "} else { if (scen_format eq 'pdf') {\n"
	      "  set terminal pdfcairo size (scen_width / 96.0), (scen_height / 96.0) "
	      "noenhanced font 'sans,9'\n"
	      "} else {\n"
	      "  set terminal svg size scen_width, scen_height dynamic noenhanced "
	      "font 'sans,11' background rgb 'white'\n"
	      "} }\n"
	      "set output scen_output\n", out);
}

void plot_gp_string(FILE *out, const char *s)
{
	fputc('\'', out);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("''", out);
		else if ((unsigned char)*s < 0x20)
			fputc(' ', out);
		else
			fputc(*s, out);
	}
	fputc('\'', out);
}

/* The series of every run, grouped: *nseries series in run order. Every kind of report
** in a sweep of one attribute (a map: plotmap.c). */
static struct series *collect(const struct run_result *const *runs, unsigned nruns,
			      unsigned *nseries)
{
	struct series *all = NULL;
	unsigned n = 0, cap = 0;
	for (unsigned r = 0; r < nruns; r++) {
		unsigned first = n;
		for (unsigned i = 0; i < runs[r]->nreports; i++) {
			const struct report_result *rep = &runs[r]->reports[i];
			if (!rep->sweep || rep->sweep2)
				continue;
			unsigned k = first;
			while (k < n && !(all[k].sweep_id == rep->sweep_id &&
					  strcmp(all[k].what, rep->what) == 0))
				k++;
			if (k == n) {
				if (n == cap) {
					cap = cap ? 2 * cap : 8;
					all = xrealloc(all, cap * sizeof *all);
				}
				unsigned occ = 0;
				for (unsigned j = first; j < n; j++)
					occ += strcmp(all[j].sweep, rep->sweep) == 0 &&
					       strcmp(all[j].what, rep->what) == 0;
				all[n++] = (struct series){ .run = runs[r], .sweep_id = rep->sweep_id,
							    .occurrence = occ, .sweep = rep->sweep,
							    .what = rep->what };
			}
			struct series *s = &all[k];
			s->rows = xrealloc(s->rows, (s->nrows + 1) * sizeof *s->rows);
			s->rows[s->nrows++] = i;
		}
	}
	*nseries = n;
	return all;
}

/* A series' first row: its kind, its names. */
static const struct report_result *first_row(const struct series *s)
{
	return &s->run->reports[s->rows[0]];
}

/* Draws per verdict summed over a series' rows: which verdicts occur. */
static void occurring(const struct series *s, bool seen[NVERDICTS])
{
	for (unsigned k = 0; s && k < s->nrows; k++)
		for (int v = 0; v < NVERDICTS; v++)
			seen[v] |= s->run->reports[s->rows[k]].settle.verdicts[v] > 0;
}

/* The SE of a share p of n draws, sqrt(P(1 − P)/N); 0 for an exact run (one draw). */
static double band_se(const struct series *s, double p, double n)
{
	return s->run->uncertain ? sqrt(p * (1 - p) / n) : 0;
}

/* A share of the row's draws, its SE, and its ±2 SE band within 0..100, in % (NaN, no
** point, for a row of no draw, as the CSV leaves it empty). */
static void share_cols(FILE *out, const struct series *s, double p, uint64_t draws)
{
	if (!draws || !isfinite(p)) {
		fputs(" NaN NaN NaN NaN", out);
		return;
	}
	double se = band_se(s, p, (double)draws);
	fprintf(out, " %.10g %.10g %.10g %.10g", 100 * p, 100 * se, 100 * fmax(0, p - 2 * se),
		100 * fmin(1, p + 2 * se));
}

/* A mean in stake units (NaN where it is undefined). */
static void mean_col(FILE *out, double v, bool defined)
{
	if (defined && isfinite(v))
		fprintf(out, " %.10g", v);
	else
		fputs(" NaN", out);
}

static void write_settle_row(FILE *out, const struct series *s, const struct report_result *rep)
{
	const struct settle_result *st = &rep->settle;
	double n = st->draws ? (double)st->draws : 1;
	for (int v = 0; v < NVERDICTS; v++) {
		double p = (double)st->verdicts[v] / n;
		double se = band_se(s, p, n);
		fprintf(out, " %.10g %.10g %.10g %.10g", 100 * p, 100 * se,
			100 * fmax(0, p - 2 * se), 100 * fmin(1, p + 2 * se));
	}
	/* P(war): a mean over the draws with no SE in the data (no band); NaN
	** (gnuplot: no point) where no draw measured it */
	const struct stat_summary *w = &st->stats[ST_PWAR];
	if (w->n)
		fprintf(out, " %.10g", 100 * w->mean);
	else
		fputs(" NaN", out);
	/* each cause's share of all draws, with its ±2 SE band, in %: columns
	** CAUSE_COL + 3c (share), + 1 and + 2 (the band) */
	for (int c = 0; c < CORE_NCAUSES; c++) {
		double p = (double)st->causes[c] / n;
		double se = band_se(s, p, n);
		fprintf(out, " %.10g %.10g %.10g", 100 * p, 100 * fmax(0, p - 2 * se),
			100 * fmin(1, p + 2 * se));
	}
	/* each quantity's mean and its 5% and 95% quantiles, in stake units (NaN
	** where no draw measured it): columns QUANTITY_COL + 3k, + 1, + 2 */
	for (int j = 0; j < NSTATS; j++) {
		const struct stat_summary *q = &st->stats[j];
		if (q->n)
			fprintf(out, " %.10g %.10g %.10g", q->mean, q->q[0], q->q[2]);
		else
			fputs(" NaN NaN NaN", out);
	}
}

/* A mean's ±2 SE band (NaN NaN, no band, where the mean or its SE is undefined). */
static void mean_band_cols(FILE *out, double mean, double se, bool defined)
{
	bool band = defined && isfinite(mean) && isfinite(se);
	mean_col(out, mean - 2 * se, band);
	mean_col(out, mean + 2 * se, band);
}

/* A mediation's row: the CSV's agreement (a share, MED_AGREE_COL..+3), then each party's
** margin.ROLE.mean, .q05 and .q95 in stake units (MED_MARGIN_COL + 3i, + 1, + 2), then
** each mean margin's ±2 SE band, its SE margin.ROLE.mean's se in the CSV (xsum_se:
** MED_MARGIN_SE_COL + 2i, + 1). */
static void write_mediation_row(FILE *out, const struct series *s,
				const struct report_result *rep)
{
	const struct mediation_result *m = &rep->med;
	double n = m->draws ? (double)m->draws : 1;
	share_cols(out, s, (double)m->agreements / n, m->draws);
	for (int i = 0; i < 2; i++) {
		mean_col(out, m->mean_margin[i], m->draws > 0);
		mean_col(out, m->margin_q[i][0], m->draws > 0);
		mean_col(out, m->margin_q[i][2], m->draws > 0);
	}
	for (int i = 0; i < 2; i++)
		mean_band_cols(out, m->mean_margin[i], m->se_margin[i], m->draws > 0);
}

/* A provocation's row: the CSV's p_war and p_atrocities, as shares (GAME_PWAR_COL..+3,
** GAME_ATROCITIES_COL..+3), then its leaders_gain in stake units (GAME_GAIN_COL) and
** the gain's ±2 SE band (+ 1, + 2: the CSV's leaders_gain se, from the sums of its
** squares). In each draw the game's path is a war or not, with atrocities or not
** (core/game.c sets p_war and p_atrocities to 0 or 1), so their means are shares of
** the draws, with a share's SE. */
static void write_game_row(FILE *out, const struct series *s, const struct report_result *rep)
{
	const struct game_result *g = &rep->game;
	share_cols(out, s, g->mean_p_war, g->draws);
	share_cols(out, s, g->mean_p_atrocities, g->draws);
	mean_col(out, g->mean_gain, g->draws > 0);
	mean_band_cols(out, g->mean_gain, g->se_gain, g->draws > 0);
}

/* A datablock: the value, then the row's columns for its kind (the header of the
** script, plot_sweeps, names them) */
static void write_data(FILE *out, unsigned chart, unsigned run, const struct series *s)
{
	fprintf(out, "$chart%u_run%u << EOD\n", chart + 1, run + 1);
	for (unsigned k = 0; k < s->nrows; k++) {
		const struct report_result *rep = &s->run->reports[s->rows[k]];
		fprintf(out, "%.10g", rep->sweep_value);
		switch (rep->kind) {
		case RK_MEDIATION:
			write_mediation_row(out, s, rep);
			break;
		case RK_PROVOCATION:
			write_game_row(out, s, rep);
			break;
		case RK_SETTLEMENT:
			write_settle_row(out, s, rep);
			break;
		}
		fputc('\n', out);
	}
	fputs("EOD\n", out);
}

/* The datablocks' columns (write_data): a settlement's past the verdicts', a
** mediation's, a provocation's. */
enum { PWAR_COL = 18, CAUSE_COL = 19, QUANTITY_COL = CAUSE_COL + 3 * CORE_NCAUSES };
enum { MED_AGREE_COL = 2, MED_MARGIN_COL = 6, MED_MARGIN_SE_COL = 12 };
enum { GAME_PWAR_COL = 2, GAME_ATROCITIES_COL = 6, GAME_GAIN_COL = 10 };

/* The colours of the curves that are not a verdict's (a verdict's colour where the
** curve means one: AGREEMENT is a settlement, P(war) a war). */
#define COLOR_AGREEMENT (plot_verdict_color[CORE_SETTLE])
#define COLOR_WAR (plot_verdict_color[CORE_BREAKDOWN])
static const char *const party_color[2] = { "#1f77b4", "#9467bd" };	/* state, rebels */
static const char COLOR_ATROCITIES[] = "#8c564b", COLOR_GAIN[] = "#1f77b4";

/* A curve other than the verdicts': its datablock column, its band between two columns
** (lo 0: none), the columns of its draws' 5% and 95% drawn as thin lines (spread 0:
** none; the 95% at spread + 1), its name in the key, its colour, its dash pattern and
** point with --mono (the point open; + 1 filled for the first run), and whether it is
** on the right axis (y2: stake units beside shares). */
struct y_curve {
	unsigned col, lo, hi, spread;
	char name[96];
	const char *color, *dash;
	unsigned point;
	bool y2;
};
enum { MAX_CURVES = 3 };

/* A chart's axes: y in % (a share) or in stake units, its label; a right axis (y2, in
** stake units) when label2 is set. */
struct y_axes {
	bool percent;
	const char *label, *label2;
};

static struct y_curve curve(unsigned col, unsigned lo, const char *name, const char *color,
			    const char *dash, unsigned point, bool y2)
{
	struct y_curve c = { col, lo, lo ? lo + 1 : 0, 0, "", color, dash, point, y2 };
	snprintf(c.name, sizeof c.name, "%s", name);
	return c;
}

/* A settlement chart's curves (none for the verdicts: write_verdicts draws them). */
static unsigned settle_curves(const struct plot_style *style, struct y_curve *c,
			      struct y_axes *ax)
{
	unsigned k = style->which;
	*ax = (struct y_axes){ true, "share of draws", NULL };
	switch (style->y[RK_SETTLEMENT]) {
	case PLOT_Y_PWAR:
		ax->label = "P(war), mean over the draws";
		/* no band: the data have no SE for a mean of probabilities */
		c[0] = curve(PWAR_COL, 0, "P(war)", COLOR_WAR, "solid", 6, false);
		return 1;
	case PLOT_Y_CAUSE:
		ax->label = "share of draws with the cause";
		c[0] = curve(CAUSE_COL + 3 * k, CAUSE_COL + 3 * k + 1, core_cause_name(k),
			     COLOR_WAR, "solid", 6, false);
		return 1;
	case PLOT_Y_QUANTITY:	/* the band: 5% to 95% of the draws */
		*ax = (struct y_axes){ false, NULL, NULL };
		c[0] = curve(QUANTITY_COL + 3 * k, QUANTITY_COL + 3 * k + 1, report_stat_name[k],
			     COLOR_WAR, "solid", 6, false);
		return 1;
	default:
		return 0;
	}
}

/* A mediation chart's: the agreement share (±2 SE) in %, each party's mean margin (±2
** SE, and thin lines at 5% and 95% of the draws) in stake units, on the right axis
** beside the share. */
static unsigned mediation_curves(const struct report_result *rep, const struct plot_style *style,
				 struct y_curve *c, struct y_axes *ax)
{
	enum plot_y y = style->y[RK_MEDIATION];
	static const char *const dash[2] = { "(10,5)", "(2,4)" };
	static const unsigned point[2] = { 4, 8 };
	static const char margin_label[] = "margin (≥ 0: accepts; thin: 5%, 95% of draws)";
	unsigned n = 0;
	*ax = (struct y_axes){ y != PLOT_Y_MARGINS, y == PLOT_Y_MARGINS ? margin_label
			       : "share of draws", y == PLOT_Y_DEFAULT ? margin_label : NULL };
	if (y != PLOT_Y_MARGINS)
		c[n++] = curve(MED_AGREE_COL, MED_AGREE_COL + 2, "AGREEMENT", COLOR_AGREEMENT,
			       "solid", 6, false);
	if (y == PLOT_Y_AGREEMENT)
		return n;
	for (int i = 0; i < 2; i++) {
		char name[96];
		snprintf(name, sizeof name, "margin: %s", rep->med.party[i]);
		c[n] = curve(MED_MARGIN_COL + 3 * (unsigned)i, MED_MARGIN_SE_COL + 2 * (unsigned)i,
			     name, party_color[i], dash[i], point[i], y == PLOT_Y_DEFAULT);
		c[n++].spread = MED_MARGIN_COL + 3 * (unsigned)i + 1;
	}
	return n;
}

/* A provocation chart's: P(war) and P(atrocities) (±2 SE) in %, the leaders' mean gain
** by provoking (±2 SE) in stake units, on the right axis beside the shares. */
static unsigned game_curves(const struct plot_style *style, struct y_curve *c,
			    struct y_axes *ax)
{
	enum plot_y y = style->y[RK_PROVOCATION];
	static const char gain_label[] = "leaders' gain by provoking (mean)";
	unsigned n = 0;
	*ax = (struct y_axes){ y != PLOT_Y_GAIN, y == PLOT_Y_GAIN ? gain_label : "share of draws",
			       y == PLOT_Y_DEFAULT ? gain_label : NULL };
	if (y == PLOT_Y_DEFAULT || y == PLOT_Y_PWAR)
		c[n++] = curve(GAME_PWAR_COL, GAME_PWAR_COL + 2, "P(war)", COLOR_WAR, "solid", 6,
			       false);
	if (y == PLOT_Y_DEFAULT || y == PLOT_Y_ATROCITIES)
		c[n++] = curve(GAME_ATROCITIES_COL, GAME_ATROCITIES_COL + 2, "P(atrocities)",
			       COLOR_ATROCITIES, "(10,5)", 4, false);
	if (y == PLOT_Y_DEFAULT || y == PLOT_Y_GAIN)
		c[n++] = curve(GAME_GAIN_COL, GAME_GAIN_COL + 1, "leaders' gain", COLOR_GAIN,
			       "(10,4,2,4)", 12,
			       y == PLOT_Y_DEFAULT);
	return n;
}

/* What a chart of rep's kind draws: its curves (0: the verdicts) and axes. */
static unsigned chart_curves(const struct report_result *rep, const struct plot_style *style,
			     struct y_curve c[MAX_CURVES], struct y_axes *ax)
{
	switch (rep->kind) {
	case RK_MEDIATION:
		return mediation_curves(rep, style, c, ax);
	case RK_PROVOCATION:
		return game_curves(style, c, ax);
	case RK_SETTLEMENT:
		break;
	}
	return settle_curves(style, c, ax);
}

/* The y axes of one chart: a share's in % (0..100), a mean's its own; a right axis in
** stake units where the chart has one (unset after it: write_chart). */
static void write_y_axes(FILE *out, const struct y_axes *ax, const struct plot_style *style)
{
	if (ax->percent)
		fputs("set yrange [-2:102]\nset ytics 0, 20, 100\nset format y '%g%%'\n", out);
	else		/* in stake units: the axis its own */
		fputs("set autoscale y\nset ytics autofreq\nset format y '% h'\n", out);
	char label[160];
	if (ax->label)
		snprintf(label, sizeof label, "%s", ax->label);
	else		/* a settlement quantity */
		snprintf(label, sizeof label, "mean over the draws: %s",
			 report_stat_name[style->which]);
	fputs("set ylabel ", out);
	plot_gp_string(out, label);
	fputc('\n', out);
	if (ax->label2) {
		fputs("set ytics nomirror\nset autoscale y2\nset y2tics autofreq\n"
		      "set format y2 '% h'\nset y2label ", out);
		plot_gp_string(out, ax->label2);
		fputc('\n', out);
	}
}

static void write_y_curves(FILE *out, unsigned c, const struct chart *ch,
			   const char *const *labels, unsigned nruns, bool mono, const char *x,
			   const struct y_curve *y, unsigned ncurves)
{
	const char *sep = "plot ";
	for (unsigned r = 0; r < nruns; r++) {	/* the bands under the curves */
		if (!ch->of_run[r] || !ch->of_run[r]->run->uncertain)
			continue;
		for (unsigned k = 0; k < ncurves; k++) {
			if (!y[k].lo)
				continue;
			fprintf(out, "%s$chart%u_run%u using %s:%u:%u%s with filledcurves fc rgb "
				"'%s' notitle", sep, c + 1, r + 1, x, y[k].lo, y[k].hi,
				y[k].y2 ? " axes x1y2" : "", mono ? "#000000" : y[k].color);
			sep = ", \\\n     ";
		}
		for (unsigned k = 0; k < ncurves; k++)	/* the draws' 5% and 95%: thin lines */
			for (unsigned e = 0; y[k].spread && e < 2; e++) {
				fprintf(out, "%s$chart%u_run%u using %s:%u%s with lines lc rgb '%s' "
					"lw 1 dt 3 notitle", sep, c + 1, r + 1, x, y[k].spread + e,
					y[k].y2 ? " axes x1y2" : "", mono ? "#000000" : y[k].color);
				sep = ", \\\n     ";
			}
	}
	bool zero = false;	/* a margin's 0: it accepts above it */
	for (unsigned r = 0; r < nruns; r++) {
		if (!ch->of_run[r])
			continue;
		for (unsigned k = 0; k < ncurves; k++) {
			char t[256];
			bool named = labels && labels[r] && nruns > 1;
			snprintf(t, sizeof t, "%s%s%s%s", y[k].name, named ? " (" : "",
				 named ? labels[r] : "", named ? ")" : "");
			fprintf(out, "%s$chart%u_run%u using %s:%u%s with linespoints ", sep, c + 1,
				r + 1, x, y[k].col, y[k].y2 ? " axes x1y2" : "");
			if (mono)	/* the runs: open and filled points, thinner lines */
				fprintf(out, "lc rgb '#000000' lw %s dt %s pt %u ps 0.8 title ",
					r ? "1" : "2", y[k].dash, y[k].point + (r % 2 ? 0 : 1));
			else
				fprintf(out, "lc rgb '%s' lw 2 dt %u pt %u ps 0.7 title ", y[k].color,
					r % 5 + 1, r % 2 ? 6 : 7);
			plot_gp_string(out, t);
			sep = ", \\\n     ";
			zero |= strncmp(y[k].name, "margin: ", 8) == 0;
		}
	}
	if (zero)
		fprintf(out, "%s0%s with lines lc rgb '#7f7f7f' dt 2 lw 1 notitle", sep,
			y[ncurves - 1].y2 ? " axes x1y2" : "");
	fputc('\n', out);
}

/* ---- --y ---- */

#define KIND(k) (1u << (k))

/* The words --y takes, and the kinds of report whose sweeps draw them (bits KIND(enum
** report_kind)); a word ending in ':' takes a NAME (a cause, a quantity). */
static const struct y_word {
	const char *word;
	enum plot_y y;
	unsigned kinds;
} y_words[] = {
	{ "verdicts", PLOT_Y_VERDICTS, KIND(RK_SETTLEMENT) },
	{ "pwar", PLOT_Y_PWAR, KIND(RK_SETTLEMENT) | KIND(RK_PROVOCATION) },
	{ "cause:", PLOT_Y_CAUSE, KIND(RK_SETTLEMENT) },
	{ "quantity:", PLOT_Y_QUANTITY, KIND(RK_SETTLEMENT) },
	{ "agreement", PLOT_Y_AGREEMENT, KIND(RK_MEDIATION) },
	{ "margins", PLOT_Y_MARGINS, KIND(RK_MEDIATION) },
	{ "atrocities", PLOT_Y_ATROCITIES, KIND(RK_PROVOCATION) },
	{ "gain", PLOT_Y_GAIN, KIND(RK_PROVOCATION) },
};
enum { NY_WORDS = sizeof y_words / sizeof y_words[0] };

static const char *const kind_name[PLOT_KINDS] = {
	[RK_SETTLEMENT] = "settlement", [RK_MEDIATION] = "mediation",
	[RK_PROVOCATION] = "provocation",
};

/* Appends to buf (size) at *o, never past its end. */
static void add(char *buf, size_t size, size_t *o, const char *fmt, ...) SCEN_PRINTF(4, 5);
static void add(char *buf, size_t size, size_t *o, const char *fmt, ...)
{
	if (*o >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *o, size - *o, fmt, ap);
	va_end(ap);
	*o = n < 0 ? size : *o + (size_t)n;
}

/* What a sweep of kind k draws, in words ("agreement or margins"), at buf + *o. */
static void kind_choices(enum report_kind k, char *buf, size_t size, size_t *o)
{
	char id[96];
	unsigned total = 0, n = 0;
	for (unsigned w = 0; w < NY_WORDS; w++)
		total += (y_words[w].kinds & KIND(k)) != 0;
	for (unsigned w = 0; w < NY_WORDS; w++) {
		if (!(y_words[w].kinds & KIND(k)))
			continue;
		add(buf, size, o, "%s%s", n == 0 ? "" : n + 1 == total ? " or " : ", ",
		    y_words[w].word);
		n++;
		if (y_words[w].y == PLOT_Y_CAUSE || y_words[w].y == PLOT_Y_QUANTITY) {
			bool cause = y_words[w].y == PLOT_Y_CAUSE;
			add(buf, size, o, "NAME (");
			for (unsigned j = 0; j < (cause ? (unsigned)CORE_NCAUSES : (unsigned)NSTATS); j++)
				add(buf, size, o, "%s%s", j ? ", " : "",
				    cause ? report_cause_ident(j, id, sizeof id) : report_stat_name[j]);
			add(buf, size, o, ")");
		}
	}
}

/* The kinds that --y's word can draw, in words: "settlement or provocation". */
static void kinds_words(unsigned kinds, char *buf, size_t size, size_t *o)
{
	const char *sep = "";
	for (unsigned k = 0; k < PLOT_KINDS; k++)
		if (kinds & KIND(k)) {
			add(buf, size, o, "%s%s", sep, kind_name[k]);
			sep = " or ";
		}
}

bool plot_y_parse(const char *arg, struct plot_style *style, char *why, size_t size)
{
	char id[96];
	for (unsigned w = 0; w < NY_WORDS; w++) {
		const struct y_word *yw = &y_words[w];
		size_t len = strlen(yw->word);
		bool named = yw->word[len - 1] == ':';
		unsigned which = 0;
		if (!named && strcmp(arg, yw->word) != 0)
			continue;
		if (named) {
			if (strncmp(arg, yw->word, len) != 0)
				continue;
			bool cause = yw->y == PLOT_Y_CAUSE;
			unsigned n = cause ? (unsigned)CORE_NCAUSES : (unsigned)NSTATS;
			while (which < n && strcmp(arg + len, cause ?
						   report_cause_ident(which, id, sizeof id)
						   : report_stat_name[which]) != 0)
				which++;
			if (which == n)
				break;		/* no such NAME */
		}
		for (unsigned k = 0; k < PLOT_KINDS; k++)
			if ((yw->kinds & KIND(k)) && style->y_arg[k]) {
				size_t o = 0;
				add(why, size, &o, "--y %s and --y %s both choose what a %s sweep "
				    "draws: give one of them", style->y_arg[k], arg, kind_name[k]);
				return false;
			}
		for (unsigned k = 0; k < PLOT_KINDS; k++)
			if (yw->kinds & KIND(k)) {
				style->y[k] = yw->y;
				style->y_arg[k] = arg;
			}
		if (named)
			style->which = which;
		return true;
	}
	size_t o = 0;
	add(why, size, &o, "--y takes ");
	for (unsigned k = 0; k < PLOT_KINDS; k++) {
		add(why, size, &o, "%s", k ? "; " : "");
		kind_choices(k, why, size, &o);
		add(why, size, &o, " for a %s sweep", kind_name[k]);
	}
	add(why, size, &o, "; not '%s'", arg);
	return false;
}

/* The kinds of the sweeps the runs draw (bits KIND(k)): every kind swept along one
** attribute, and settlement for a map. */
static unsigned swept_kinds(const struct run_result *const *runs, unsigned nruns)
{
	unsigned kinds = 0;
	for (unsigned r = 0; r < nruns; r++)
		for (unsigned i = 0; i < runs[r]->nreports; i++) {
			const struct report_result *rep = &runs[r]->reports[i];
			if (rep->sweep && (!rep->sweep2 || rep->kind == RK_SETTLEMENT))
				kinds |= KIND(rep->kind);
		}
	return kinds;
}

bool plot_y_check(const struct run_result *const *runs, unsigned nruns,
		  const struct plot_style *style, const char *where, char *why, size_t size)
{
	unsigned have = swept_kinds(runs, nruns);
	for (unsigned k = 0; k < PLOT_KINDS; k++) {
		const char *arg = style->y_arg[k];
		unsigned kinds = 0;	/* of this --y */
		for (unsigned j = 0; arg && j < PLOT_KINDS; j++)
			kinds |= style->y_arg[j] == arg ? KIND(j) : 0;
		if (!arg || (kinds & have) || !have)
			continue;	/* (no sweep at all: "nothing to plot") */
		size_t o = 0;
		add(why, size, &o, "--y %s is for a ", arg);
		kinds_words(kinds, why, size, &o);
		add(why, size, &o, " sweep, and %s %s none: ", where,
		    strcmp(where, "these files") == 0 ? "have" : "has");
		const char *sep = "";
		for (unsigned j = 0; j < PLOT_KINDS; j++)
			if (have & KIND(j)) {
				add(why, size, &o, "%sa %s sweep draws ", sep, kind_name[j]);
				kind_choices(j, why, size, &o);
				sep = "; ";
			}
		return false;
	}
	return true;
}

/* ---- the charts ---- */

/* The verdicts' curves of a settlement chart, each in its ±2 SE band. */
static void write_verdicts(FILE *out, unsigned c, const struct chart *ch,
			   const char *const *labels, unsigned nruns, bool mono, const char *x)
{
	bool seen[NVERDICTS] = { false };
	for (unsigned r = 0; r < nruns; r++)
		occurring(ch->of_run[r], seen);
	/* the bands first, so that every curve is drawn over them */
	const char *sep = "plot ";
	for (unsigned r = 0; r < nruns; r++) {
		if (!ch->of_run[r] || !ch->of_run[r]->run->uncertain)
			continue;
		for (int v = 0; v < NVERDICTS; v++) {
			if (!seen[v])
				continue;
			fprintf(out, "%s$chart%u_run%u using %s:%d:%d with filledcurves fc rgb '%s' "
				"notitle", sep, c + 1, r + 1, x, 4 + 4 * v, 5 + 4 * v,
				mono ? "#000000" : plot_verdict_color[v]);
			sep = ", \\\n     ";
		}
	}
	for (unsigned r = 0; r < nruns; r++) {
		if (!ch->of_run[r])
			continue;
		for (int v = 0; v < NVERDICTS; v++) {
			if (!seen[v])
				continue;
			char t[256];
			if (labels && labels[r] && nruns > 1)
				snprintf(t, sizeof t, "%s (%s)", core_verdict_name(v),
					 labels[r]);
			else
				snprintf(t, sizeof t, "%s", core_verdict_name(v));
			if (mono)	/* the runs: open and filled points, thinner lines */
				fprintf(out, "%s$chart%u_run%u using %s:%d with linespoints lc rgb "
					"'#000000' lw %s dt %s pt %u ps 0.8 title ", sep, c + 1,
					r + 1, x, 2 + 4 * v, r ? "1" : "2", mono_dash[v],
					mono_point[v] + (r % 2 ? 0 : 1));
			else
				fprintf(out, "%s$chart%u_run%u using %s:%d with linespoints lc rgb "
					"'%s' lw 2 dt %u pt %u ps 0.7 title ", sep, c + 1, r + 1,
					x, 2 + 4 * v, plot_verdict_color[v], r % 5 + 1, r % 2 ? 6 : 7);
			plot_gp_string(out, t);
			sep = ", \\\n     ";
		}
	}
	fputc('\n', out);
}

/* What the chart's title says after the report's name, as the text report does: " over
** STAKE", or a provocation's " against STATE" (its name has the rebels). */
static void title_tail(const struct report_result *rep, char *buf, size_t size)
{
	switch (rep->kind) {
	case RK_MEDIATION:
		snprintf(buf, size, " over %s", rep->med.stake);
		return;
	case RK_PROVOCATION:
		snprintf(buf, size, " against %s", rep->game.state);
		return;
	case RK_SETTLEMENT:
		break;
	}
	snprintf(buf, size, " over %s", rep->settle.stake);
}

static void write_chart(FILE *out, unsigned c, const struct chart *ch,
			const char *const *labels, unsigned nruns, const struct plot_style *style)
{
	const struct series *any = NULL;
	bool uncertain = false;
	for (unsigned r = 0; r < nruns; r++)
		if (ch->of_run[r]) {
			any = any ? any : ch->of_run[r];
			uncertain |= ch->of_run[r]->run->uncertain;
		}
	const struct report_result *rep = first_row(any);
	fprintf(out, "\n# chart %u: sweep %s, %s\nset title ", c + 1, ch->sweep, ch->what);
	char title[512], over[256];
	title_tail(rep, over, sizeof over);
	if (uncertain && nruns == 1)
		snprintf(title, sizeof title, "sweep %s: %s%s (%s draws a row)", ch->sweep,
			 ch->what, over, N((double)report_draws(rep)));
	else
		snprintf(title, sizeof title, "sweep %s: %s%s%s", ch->sweep, ch->what, over,
			 uncertain ? "" : " (exact)");
	plot_gp_string(out, title);
	fputs("\nset xlabel ", out);
	plot_gp_string(out, ch->sweep);
	/* a probability swept: its axis in % (the data keep the value, as the CSV has it) */
	bool prob = rep->sweep_probability;
	const char *x = prob ? "($1*100)" : "1";
	fprintf(out, "\nset format x '%s'\n", prob ? "%g%%" : "% h");
	struct y_curve y[MAX_CURVES];
	struct y_axes ax;
	unsigned ny = chart_curves(rep, style, y, &ax);
	write_y_axes(out, &ax, style);
	if (ny)
		write_y_curves(out, c, ch, labels, nruns, style->mono, x, y, ny);
	else
		write_verdicts(out, c, ch, labels, nruns, style->mono, x);
	if (ax.label2)		/* the next chart has no right axis, unless it sets one */
		fputs("unset y2tics\nunset y2label\nset ytics mirror\n", out);
}

/* The key's width, in characters: the longest curve title of the charts. */
static size_t key_width(const struct chart *charts, unsigned ncharts, const char *const *labels,
			unsigned nruns, const struct plot_style *style)
{
	size_t name = strlen("BREAKDOWN"), label = 0;
	for (unsigned c = 0; c < ncharts; c++) {
		const struct series *s = NULL;
		for (unsigned r = 0; !s && r < nruns; r++)
			s = charts[c].of_run[r];
		struct y_curve y[MAX_CURVES];
		struct y_axes ax;
		unsigned ny = chart_curves(first_row(s), style, y, &ax);
		for (unsigned k = 0; k < ny; k++)
			if (strlen(y[k].name) > name)
				name = strlen(y[k].name);
	}
	for (unsigned r = 0; labels && nruns > 1 && r < nruns; r++)
		if (labels[r] && strlen(" ()") + strlen(labels[r]) > label)
			label = strlen(" ()") + strlen(labels[r]);
	return name + label;
}

/* Whether a chart has a right axis (the page's right margin holds its tics too). */
static bool any_y2(const struct chart *charts, unsigned ncharts, unsigned nruns,
		   const struct plot_style *style)
{
	for (unsigned c = 0; c < ncharts; c++) {
		const struct series *s = NULL;
		for (unsigned r = 0; !s && r < nruns; r++)
			s = charts[c].of_run[r];
		struct y_curve y[MAX_CURVES];
		struct y_axes ax;
		chart_curves(first_row(s), style, y, &ax);
		if (ax.label2)
			return true;
	}
	return false;
}

unsigned plot_sweeps(FILE *out, const struct run_result *const *runs,
		     const char *const *labels, unsigned nruns, const struct plot_style *style)
{
	static const struct plot_style plain;
	if (!style)
		style = &plain;
	unsigned nseries;
	struct series *all = collect(runs, nruns, &nseries);
	struct chart *charts = xcalloc(nseries + 1, sizeof *charts);
	unsigned ncharts = 0;
	for (unsigned i = 0; i < nseries; i++) {
		struct series *s = &all[i];
		unsigned r = 0;
		while (runs[r] != s->run)
			r++;
		unsigned c = 0;
		while (c < ncharts && !(strcmp(charts[c].sweep, s->sweep) == 0 &&
					strcmp(charts[c].what, s->what) == 0 &&
					charts[c].occurrence == s->occurrence && !charts[c].of_run[r]))
			c++;
		if (c == ncharts) {
			charts[c] = (struct chart){ .sweep = s->sweep, .what = s->what,
						    .occurrence = s->occurrence,
						    .of_run = xcalloc(nruns, sizeof(struct series *)) };
			ncharts++;
		}
		charts[c].of_run[r] = s;
	}
	unsigned nmaps = plot_map_count(runs, nruns);
	if (ncharts + nmaps > 0) {
		const char *head = style->title ? style->title : runs[0]->title && *runs[0]->title ?
			runs[0]->title : "scen plot";
		fputs("# scen plot: every sweep against the swept value: a settlement's share of "
		      "draws\n# per verdict, a mediation's agreement share and margins, a "
		      "provocation's P(war),\n# P(atrocities) and leaders' gain; each share "
		      "with a band of +/-2 standard errors\n# (SE = sqrt(P(1 - P)/N)).\n"
		      "# Run: gnuplot -e \"scen_output='out.svg'; scen_format='svg'\" "
		      "THIS_FILE (or 'png')\n", out);
		fputs("if (!exists(\"scen_output\")) scen_output = 'scen-plot.svg'\n"
		      "if (!exists(\"scen_format\")) scen_format = 'svg'\n", out);
		plot_terminal(out, style->width ? style->width : 960,
			      style->height ? style->height : 60 + 340 * (ncharts + nmaps));
		fputs("\n# Datablocks $chartC_runR, one row per sweep value; shares in % of the "
		      "draws, the\n# rest in stake units (NaN: not measured). Column 1 is the "
		      "swept value, then:\n# - settlement: for NO THREAT (2-5), SETTLE (6-9), "
		      "BREAKDOWN (10-13)\n#   and RISK (14-17): the share, its SE, share - 2 SE, "
		      "share + 2 SE (within 0..100);\n#   18 P(war), its mean over the draws; "
		      "19-39 each cause's share and band;\n#   40-54 x_min, x_max, gap, p_war, "
		      "offer: each one's mean, 5% and 95% quantiles;\n# - mediation: 2-5 the "
		      "agreement share, its SE and band (as a verdict's);\n#   6-8 and 9-11 "
		      "each party's margin (state, then rebels): mean, 5%, 95%;\n"
		      "# - provocation: 2-5 P(war) and 6-9 P(atrocities), shares of the draws "
		      "with\n#   their SE and band; 10 the leaders' gain by provoking, its mean.\n",
		      out);
		for (unsigned c = 0; c < ncharts; c++)
			for (unsigned r = 0; r < nruns; r++)
				if (charts[c].of_run[r])
					write_data(out, c, r, charts[c].of_run[r]);
		plot_map_data(out, runs, nruns);
		/* the same margins on every chart, the right one wide enough for the key
		** (and a right axis's tics and label, where a chart has one) */
		size_t key = key_width(charts, ncharts, labels, nruns, style);
		fprintf(out, "\nset lmargin 10\nset rmargin %zu\n",
			key + 10 + (any_y2(charts, ncharts, nruns, style) ? 10 : 0));
		fprintf(out, "set multiplot layout %u,1 title ", ncharts + nmaps);
		plot_gp_string(out, head);
		fputs(" font ',13'\n", out);
		fputs("set grid\nset key outside right top reverse Left width 3\n"
		      "set autoscale xfix\nset offsets graph 0.02, graph 0.02, 0, 0\n"
		      "set style fill transparent solid 0.18 noborder\n", out);
		for (unsigned c = 0; c < ncharts; c++)
			write_chart(out, c, &charts[c], labels, nruns, style);
		plot_map_charts(out, runs, labels, nruns, style->mono);
		fputs("unset multiplot\nset output\n", out);
	}
	for (unsigned c = 0; c < ncharts; c++)
		free(charts[c].of_run);
	free(charts);
	for (unsigned i = 0; i < nseries; i++)
		free(all[i].rows);
	free(all);
	return ncharts + nmaps;
}

/* ---- running gnuplot ---- */

/* The path of gnuplot in PATH (malloc'd), or NULL. */
static char *find_gnuplot(void)
{
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;; p++) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *cand = xmalloc(len + sizeof "/gnuplot" + 1);
		if (len == 0)
			strcpy(cand, "./gnuplot");
		else
			snprintf(cand, len + sizeof "/gnuplot" + 1, "%.*s/gnuplot", (int)len, p);
		if (access(cand, X_OK) == 0)
			return cand;
		free(cand);
		if (!end)
			return NULL;
		p = end;
	}
}

int plot_check_gnuplot(void)
{
	char *gp = find_gnuplot();
	if (gp) {
		free(gp);
		return 0;
	}
	fprintf(stderr, "scen: gnuplot is not installed (not found in PATH): install the Debian "
		"package %s\n", PLOT_GNUPLOT_PACKAGE);
	return STATUS_IO;
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* Runs gnuplot with the script on its stdin, drawing into rw's temporary file; its
** stdout is our stderr (it writes nothing there when its output opens; were it to, the
** image must not land in our stdout). Returns 0, or STATUS_IO with the message printed. */
static int gnuplot(const char *gp, const char *script, enum plot_format f,
		   const struct rewrite *rw)
{
	char *head = NULL;
	size_t headlen = 0;
	FILE *h = open_memstream(&head, &headlen);
	if (!h) {
		fprintf(stderr, "scen: out of memory\n");
		return STATUS_IO;
	}
	fputs("scen_output = ", h);
	plot_gp_string(h, rewrite_tmp_path(rw));
	fprintf(h, "\nscen_format = '%s'\n", f == PLOT_PNG ? "png" : f == PLOT_PDF ? "pdf" : "svg");
	fclose(h);

	int fds[2];
	if (pipe(fds) != 0) {
		fprintf(stderr, "scen: cannot run gnuplot: %s\n", strerror(errno));
		free(head);
		return STATUS_IO;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], STDIN_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
	char *argv[] = { "gnuplot", NULL };
	pid_t pid;
	int err = posix_spawn(&pid, gp, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[0]);
	if (err) {
		close(fds[1]);
		fprintf(stderr, "scen: cannot run %s: %s\n", gp, strerror(err));
		free(head);
		return STATUS_IO;
	}
	/* gnuplot stopping early must not kill us with SIGPIPE: it is reported below */
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigaction(SIGPIPE, &ign, &old);
	bool wrote = write_all(fds[1], head, headlen) && write_all(fds[1], script, strlen(script));
	close(fds[1]);
	sigaction(SIGPIPE, &old, NULL);
	free(head);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status))
			fprintf(stderr, "scen: gnuplot failed (exit status %d)\n",
				WEXITSTATUS(status));
		else
			fprintf(stderr, "scen: gnuplot failed (signal %d)\n", WTERMSIG(status));
		return STATUS_IO;
	}
	if (!wrote) {
		fprintf(stderr, "scen: gnuplot did not read its script\n");
		return STATUS_IO;
	}
	return STATUS_OK;
}

int plot_run_gnuplot(const char *script, const char *outpath, bool force)
{
	enum plot_format f = plot_format_of(outpath);
	if (f == PLOT_UNKNOWN) {
		fprintf(stderr, "scen: %s: the plot's file name must end in .svg, .png or .pdf\n",
			outpath);
		return STATUS_USAGE;
	}
	char *gp = find_gnuplot();
	if (!gp)
		return plot_check_gnuplot();
	/* gnuplot writes a temporary file beside outpath, which replaces it only when
	** gnuplot succeeded: outpath is never left half drawn, and one that cannot be
	** written is reported before gnuplot runs */
	struct rewrite rw = { .force = force, .force_hint = "--force" };
	int fd = rewrite_begin(&rw, outpath);
	int rc = fd < 0 ? STATUS_IO : gnuplot(gp, script, f, &rw);
	if (rc == 0 && lseek(fd, 0, SEEK_END) <= 0) {	/* its size */
		fprintf(stderr, "scen: gnuplot did not write %s\n", outpath);
		rc = STATUS_IO;
	}
	if (rc == 0 && rewrite_commit(&rw) != 0)
		rc = STATUS_IO;
	else if (rc != 0 && fd >= 0)
		rewrite_abort(&rw);
	if (rc == STATUS_IO && rw.why[0])
		fprintf(stderr, "scen: cannot write '%s': %s\n", outpath, rw.why);
	free(gp);
	return rc;
}
