/*
** sense_plot.c: `scen sense --plot` and `--spider` as gnuplot scripts (run by
** plot_run_gnuplot, like every plot; docs/sense.md).
**
** The tornado (--plot): one chart per report, one row per input, the largest movement on
** top; a bar from the headline share as drawn to its value with the input at its low
** end, another to its value at the high end (the two ends in two colours), and for a
** settlement report thinner bars below, one per cause of BREAKDOWN that occurs, the same
** way. Headline: BREAKDOWN (P(war) when some draw is RISK), the mediation's AGREEMENT,
** the provocation's share of provoking (1 − abstain).
**
** The spider (--spider): one panel per report and uncertain input, in the tornado's
** order: each outcome's share among the draws in each decile of the input (the text's
** "by decile" table), with ±2 SE bars, SE = sqrt(P(1 − P)/n) over the decile's n draws,
** and the share as drawn as a dotted line.
**
** --mono (scen plot's option and its way: black lines told apart by dash pattern and
** point type) draws the tornado's ends and causes with grey levels and hatching instead.
*/
#include <math.h>
#include <string.h>

#include "report/plot.h"
#include "report/report.h"

/* The headline stat of r, and whether it is read as 1 − share (provocation). */
static unsigned headline(const struct sense_report *r, bool *complement)
{
	*complement = false;
	switch (r->r.kind) {
	case RK_SETTLEMENT: {
		bool risk = r->r.stats[SS_VERDICT + CORE_RISK].old > 0;
		return risk ? SS_PWAR : SS_VERDICT + CORE_BREAKDOWN;
	}
	case RK_MEDIATION:
		return SM_AGREE;
	case RK_PROVOCATION:
		*complement = true;
		return SG_ABSTAIN;
	}
	return 0;
}

static double pct(double v, bool complement)
{
	return 100 * (complement ? 1 - v : v);
}

/* Whether cause c of a settlement report is ever a cause, as drawn or at an end. */
static bool cause_occurs(const struct sense_result *res, const struct sense_report *r,
			 unsigned c)
{
	unsigned k = SS_CAUSE + c;
	if (r->r.stats[k].old > 0)
		return true;
	for (unsigned i = 0; i < res->ninputs; i++)
		if (r->swing[i * PAIRED_MAXSTATS + k].lo > 0 ||
		    r->swing[i * PAIRED_MAXSTATS + k].hi > 0)
			return true;
	return false;
}

/* Datablock $tJ: per input, by rank (row 1 on top): y, the share as drawn, at low, at
** high (in %) for the headline, then the same triple for each cause that occurs. */
static void write_data(FILE *out, unsigned j, const struct sense_result *res,
		       const struct sense_report *r, const unsigned *causes, unsigned ncauses)
{
	bool comp;
	unsigned h = headline(r, &comp);
	fprintf(out, "$t%u << EOD\n", j);
	for (unsigned o = 0; o < res->ninputs; o++) {
		unsigned i = r->order[o];
		const struct sense_swing *w = &r->swing[i * PAIRED_MAXSTATS + h];
		fprintf(out, "%u %.6g %.6g %.6g", res->ninputs - o,
			pct(r->r.stats[h].old, comp), pct(w->lo, comp), pct(w->hi, comp));
		for (unsigned c = 0; c < ncauses; c++) {
			unsigned k = SS_CAUSE + causes[c];
			const struct sense_swing *x = &r->swing[i * PAIRED_MAXSTATS + k];
			fprintf(out, " %.6g %.6g %.6g", pct(r->r.stats[k].old, false),
				pct(x->lo, false), pct(x->hi, false));
		}
		fputc('\n', out);
	}
	fputs("EOD\n", out);
}

static const char *const cause_colours[] = { "#7f7f7f", "#bcbd22", "#17becf", "#9467bd",
					     "#8c564b", "#e377c2", "#2ca02c" };
enum { NCAUSE_COLOURS = sizeof cause_colours / sizeof *cause_colours };

/* --mono's fills: hatching (gnuplot's fill patterns 2, 6, 7, 1, 4: crossed and slanted;
** 5 is the headline's low end) for the causes, grey at the low end and black at the high. */
static const unsigned mono_cause_pattern[] = { 2, 6, 7, 1, 4 };
enum { NMONO_PATTERNS = sizeof mono_cause_pattern / sizeof *mono_cause_pattern };

/* The fill of the headline's bar at one end: colours, or for --mono hatching (low) and a
** grey (high), both outlined. */
static const char *end_fill(bool mono, bool high)
{
	if (mono)
		return high ? "fc rgb '#000000' fs solid 0.55 border lc rgb '#000000'"
			    : "fc rgb '#000000' fs pattern 5 border lc rgb '#000000'";
	return high ? "fc rgb '#d62728'" : "fc rgb '#1f77b4'";
}

/* The fill of cause c's thin bar at one end. */
static void cause_fill(FILE *out, unsigned c, bool mono, bool high)
{
	if (mono)
		fprintf(out, "fc rgb '%s' fs pattern %u border lc rgb '%s'",
			high ? "#000000" : "#909090", mono_cause_pattern[c % NMONO_PATTERNS],
			high ? "#000000" : "#909090");
	else
		fprintf(out, "fc rgb '%s' fs solid %s", cause_colours[c % NCAUSE_COLOURS],
			high ? "0.9" : "0.45");
}

/* Whether every input is uncertain (the ends are the 5% and 95% quantiles), else some
** is a --vary'd attribute (its ends are the range given). */
static bool all_quantiles(const struct sense_result *res)
{
	return res->nuncertain == res->ninputs;
}

static void write_chart(FILE *out, unsigned j, const struct sense_result *res,
			const struct sense_report *r, bool mono)
{
	unsigned causes[CORE_NCAUSES], ncauses = 0;
	for (unsigned c = 0; r->r.kind == RK_SETTLEMENT && c < CORE_NCAUSES; c++)
		if (cause_occurs(res, r, c))
			causes[ncauses++] = c;
	write_data(out, j, res, r, causes, ncauses);
	bool comp;
	unsigned h = headline(r, &comp);
	const char *what = comp ? "provoke" : r->r.stats[h].label;
	bool q = all_quantiles(res);
	fputs("set title ", out);
	plot_gp_string(out, r->r.what);
	fputs("\nset ytics (", out);
	for (unsigned o = 0; o < res->ninputs; o++) {
		fprintf(out, "%s", o ? ", " : "");
		plot_gp_string(out, res->inputs[r->order[o]].label);
		fprintf(out, " %u", res->ninputs - o);
	}
	fprintf(out, ")\nset yrange [0.4:%u.6]\n", res->ninputs);
	char xl[256];
	snprintf(xl, sizeof xl, "%s, %% of draws (input at its %s; line: as drawn)", what,
		 q ? "5% / 95% quantile" : res->nuncertain ? "low / high end: 5% / 95% "
		 "quantile, or --vary's range" : "low / high end, --vary's range");
	fputs("set xlabel ", out);
	plot_gp_string(out, xl);
	fputc('\n', out);
	fprintf(out, "set arrow 1 from %.6g, graph 0 to %.6g, graph 1 nohead dt 2 lc rgb "
		"'black'\n", pct(r->r.stats[h].old, comp), pct(r->r.stats[h].old, comp));
	/* boxxyerror: x y xlow xhigh ylow yhigh */
	double half = ncauses ? 0.22 : 0.32, thin = ncauses ? 0.5 / (2.0 * ncauses) : 0;
	double up = ncauses ? 0.2 : 0.0;
	for (int end = 0; end < 2; end++) {
		unsigned e = 3 + (unsigned)end;
		fprintf(out, "%s$t%u using (($2+$%u)/2):($1+%g):(($2<$%u)?$2:$%u):(($2<$%u)?$%u:$2):"
			"($1+%g-%g):($1+%g+%g) with boxxyerror %s title '%s'", end ? ", \\\n     "
			: "plot ", j, e, up, e, e, e, e, up, half, up, half, end_fill(mono, end),
			end ? (q ? "at 95%" : "high end") : (q ? "at 5%" : "low end"));
	}
	for (unsigned c = 0; c < ncauses; c++) {
		unsigned a = 5 + 3 * c;	/* its as-drawn column */
		double y = -0.05 - (2 * c + 1) * thin;
		for (int end = 0; end < 2; end++) {
			unsigned e = a + 1 + (unsigned)end;
			fprintf(out, ", \\\n     $t%u using (($%u+$%u)/2):($1%+g):(($%u<$%u)?$%u:$%u):"
				"(($%u<$%u)?$%u:$%u):($1%+g-%g):($1%+g+%g) with boxxyerror ", j, a,
				e, y, a, e, a, e, a, e, e, a, y, thin * 0.9, y, thin * 0.9);
			cause_fill(out, causes[c], mono, end);
			if (end)
				fputs(" notitle", out);
			else {
				fputs(" title ", out);
				char t[96];
				snprintf(t, sizeof t, "cause: %s (%s)",
					 core_cause_name((enum core_cause)causes[c]),
					 mono ? "grey: low end" : "light: low end");
				plot_gp_string(out, t);
			}
		}
	}
	fprintf(out, "\nunset arrow 1\n");
}

static const char *page_title(const struct sense_result *res, const struct plot_style *st)
{
	if (st && st->title && *st->title)
		return st->title;
	return res->title && *res->title ? res->title : "scen sense";
}

void plot_tornado_script(FILE *out, const struct sense_result *res, const struct plot_style *st)
{
	bool mono = st && st->mono;
	unsigned n = res->nreports;
	unsigned height = 80;
	for (unsigned j = 0; j < n; j++)
		height += 150 + 60 * res->ninputs;
	fputs("# scen sense --plot: the tornado of each report\n"
	      "if (!exists(\"scen_output\")) scen_output = 'scen-sense.svg'\n"
	      "if (!exists(\"scen_format\")) scen_format = 'svg'\n", out);
	plot_terminal(out, 960, height);
	fputs("set lmargin 16\nset rmargin 4\nset xrange [0:100]\nset format x '%g%%'\n"
	      "set grid xtics\nset key outside bottom center horizontal Left reverse\n"
	      "set style fill solid 0.8 noborder\n", out);
	fprintf(out, "set multiplot layout %u,1 title ", n);
	plot_gp_string(out, page_title(res, st));
	fputs(" font ',13'\n", out);
	for (unsigned j = 0; j < n; j++)
		write_chart(out, j, res, &res->reports[j], mono);
	fputs("unset multiplot\nset output\n", out);
}

/* ---- the spider ---- */

/* The colours of the outcomes that are not a settlement's verdicts (a mediation's, a
** provocation's paths), by their rank among the report's outcomes. */
static const char *const outcome_colours[] = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
					       "#9467bd", "#8c564b", "#17becf" };
enum { NOUTCOME_COLOURS = sizeof outcome_colours / sizeof *outcome_colours };
/* --mono: the outcomes' dash patterns and points, by rank (the form of scen plot's). */
static const char *const mono_dash[] = { "solid", "(10,5)", "(2,4)", "(10,4,2,4)",
					 "(20,6)", "(4,8)" };
static const unsigned mono_point[] = { 7, 5, 9, 13, 11, 3 };
enum { NMONO_LINES = sizeof mono_dash / sizeof *mono_dash };

/* The outcomes of r that occur (their share as drawn is above 0: a decile's share can be
** above 0 only then), into ks; how many. */
static unsigned spider_outcomes(const struct sense_report *r, unsigned ks[PAIRED_MAXSTATS])
{
	unsigned n = 0;
	for (unsigned k = 0; k < r->r.nstats; k++)
		if (r->r.stats[k].outcome && r->r.stats[k].share && r->r.stats[k].old > 0)
			ks[n++] = k;
	return n;
}

static double bin_share(const struct sense_report *r, unsigned i, unsigned b, unsigned k)
{
	return r->bins[((size_t)i * SENSE_BINS + b) * PAIRED_MAXSTATS + k];
}

/* Datablock $sJ_O (report J, the input ranked O, from 1): per decile b, its number, its
** draws, then per outcome drawn the share, its SE, and share ∓ 2 SE within 0..100, in %.
** A decile with no draw (only with very few draws) has "NaN" (gnuplot: no point). */
static void write_spider_data(FILE *out, unsigned j, unsigned o, const struct sense_report *r,
			      unsigned i, const unsigned *ks, unsigned nk)
{
	fprintf(out, "$s%u_%u << EOD\n", j + 1, o + 1);
	for (unsigned b = 0; b < SENSE_BINS; b++) {
		uint64_t n = r->bin_draws[i * SENSE_BINS + b];
		fprintf(out, "%u %llu", b + 1, (unsigned long long)n);
		for (unsigned c = 0; c < nk; c++) {
			double p = bin_share(r, i, b, ks[c]);
			if (!n || !isfinite(p)) {
				fputs(" NaN NaN NaN NaN", out);
				continue;
			}
			double se = sqrt(p * (1 - p) / (double)n);
			fprintf(out, " %.10g %.10g %.10g %.10g", 100 * p, 100 * se,
				100 * fmax(0, p - 2 * se), 100 * fmin(1, p + 2 * se));
		}
		fputc('\n', out);
	}
	fputs("EOD\n", out);
}

/* Outcome k's colour, ranked rank among those drawn: a settlement verdict's as scen plot
** draws it; black for --mono. */
static const char *outcome_colour(const struct sense_report *r, unsigned k, unsigned rank,
				  bool mono)
{
	if (mono)
		return "#000000";
	if (r->r.kind == RK_SETTLEMENT && k <= SS_VERDICT + CORE_RISK)
		return plot_verdict_color[k - SS_VERDICT];
	return outcome_colours[rank % NOUTCOME_COLOURS];
}

static void outcome_style(FILE *out, const struct sense_report *r, unsigned k, unsigned rank,
			  bool mono)
{
	fprintf(out, "lc rgb '%s' lw 2 ", outcome_colour(r, k, rank, mono));
	if (mono)
		fprintf(out, "dt %s pt %u", mono_dash[rank % NMONO_LINES],
			mono_point[rank % NMONO_LINES]);
	else
		fputs("pt 7", out);
}

static void write_panel(FILE *out, unsigned j, unsigned o, const struct sense_result *res,
			const struct sense_report *r, const unsigned *ks, unsigned nk, bool mono)
{
	unsigned i = r->order[o];
	char t[256];
	snprintf(t, sizeof t, "%s: %s", r->r.what, res->inputs[i].label);
	fputs("set title ", out);
	plot_gp_string(out, t);
	snprintf(t, sizeof t, "decile of %s (1: its lowest tenth)", res->inputs[i].label);
	fputs("\nset xlabel ", out);
	plot_gp_string(out, t);
	fputc('\n', out);
	for (unsigned c = 0; c < nk; c++) {	/* the shares as drawn */
		double p = 100 * r->r.stats[ks[c]].old;
		fprintf(out, "set arrow %u from graph 0, first %.6g to graph 1, first %.6g nohead "
			"dt 3 lw 1 lc rgb '%s'\n", c + 1, p, p, outcome_colour(r, ks[c], c, mono));
	}
	for (unsigned c = 0; c < nk; c++) {
		unsigned col = 3 + 4 * c;	/* the share; +2 and +3 the bar's ends */
		fprintf(out, "%s$s%u_%u using 1:%u:%u:%u with yerrorlines ", c ? ", \\\n     "
			: "plot ", j + 1, o + 1, col, col + 2, col + 3);
		outcome_style(out, r, ks[c], c, mono);
		fputs(" ps 0.7 title ", out);
		plot_gp_string(out, r->r.stats[ks[c]].label);
	}
	fputc('\n', out);
	for (unsigned c = 0; c < nk; c++)
		fprintf(out, "unset arrow %u\n", c + 1);
}

unsigned plot_spider_script(FILE *out, const struct sense_result *res,
			    const struct plot_style *st)
{
	bool mono = st && st->mono;
	unsigned panels = 0;
	if (res->draws < 2)	/* no deciles (sense.h) */
		return 0;
	for (unsigned j = 0; j < res->nreports; j++)
		panels += res->nuncertain;
	if (panels == 0)
		return 0;
	unsigned cols = panels > 1 ? 2 : 1, rows = (panels + cols - 1) / cols;
	fputs("# scen sense --spider: each outcome's share per decile of each uncertain input,\n"
	      "# with bars of +/-2 standard errors (SE = sqrt(P(1 - P)/n), n the decile's draws)\n"
	      "if (!exists(\"scen_output\")) scen_output = 'scen-spider.svg'\n"
	      "if (!exists(\"scen_format\")) scen_format = 'svg'\n", out);
	plot_terminal(out, 960, 60 + 320 * rows);
	fputs("\n# Datablocks $sJ_O: report J, its input ranked O (the tornado's order). Columns:\n"
	      "# 1 the decile, 2 its draws; then per outcome drawn (in the order of the plot\n"
	      "# command's titles) its share, its SE, share - 2 SE and share + 2 SE, in %.\n", out);
	unsigned ks[PAIRED_MAXSTATS];
	for (unsigned j = 0; j < res->nreports; j++) {
		const struct sense_report *r = &res->reports[j];
		unsigned nk = spider_outcomes(r, ks);
		for (unsigned o = 0; o < res->ninputs; o++)
			if (!res->inputs[r->order[o]].fixed) {
				fprintf(out, "# $s%u_%u: %s, %s\n", j + 1, o + 1, r->r.what,
					res->inputs[r->order[o]].label);
				write_spider_data(out, j, o, r, r->order[o], ks, nk);
			}
	}
	fputs("set xrange [0.5:10.5]\nset xtics 1, 1, 10\nset yrange [-2:102]\n"
	      "set ytics 0, 20, 100\nset format y '%g%%'\nset ylabel 'share of draws'\n"
	      "set grid\nset key outside bottom center horizontal\nset bmargin 5.5\nset bars small\n", out);
	fprintf(out, "set multiplot layout %u,%u title ", rows, cols);
	plot_gp_string(out, page_title(res, st));
	fputs(" font ',13'\n", out);
	for (unsigned j = 0; j < res->nreports; j++) {
		const struct sense_report *r = &res->reports[j];
		unsigned nk = spider_outcomes(r, ks);
		for (unsigned o = 0; o < res->ninputs; o++)
			if (!res->inputs[r->order[o]].fixed)
				write_panel(out, j, o, res, r, ks, nk, mono);
	}
	fputs("unset multiplot\nset output\n", out);
	return panels;
}
