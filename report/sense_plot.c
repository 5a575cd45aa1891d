/*
** sense_plot.c: `scen sense --plot`: the tornado of each report as a gnuplot script
** (run by plot_run_gnuplot, like every plot). One chart per report: one row per input,
** the largest movement on top; a bar from the headline share as drawn to its value with
** the input at its low end, another to its value at the high end (the two ends in two
** colours), and for a settlement report thinner bars below, one per cause of BREAKDOWN
** that occurs, the same way. Headline: BREAKDOWN (P(war) when some draw is RISK), the
** mediation's AGREEMENT, the provocation's share of provoking (1 − abstain).
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

static void write_chart(FILE *out, unsigned j, const struct sense_result *res,
			const struct sense_report *r)
{
	unsigned causes[CORE_NCAUSES], ncauses = 0;
	for (unsigned c = 0; r->r.kind == RK_SETTLEMENT && c < CORE_NCAUSES; c++)
		if (cause_occurs(res, r, c))
			causes[ncauses++] = c;
	write_data(out, j, res, r, causes, ncauses);
	bool comp;
	unsigned h = headline(r, &comp);
	const char *what = comp ? "provoke" : r->r.stats[h].label;
	fputs("set title ", out);
	plot_gp_string(out, r->r.what);
	fputs("\nset ytics (", out);
	for (unsigned o = 0; o < res->ninputs; o++) {
		fprintf(out, "%s", o ? ", " : "");
		plot_gp_string(out, res->inputs[r->order[o]].label);
		fprintf(out, " %u", res->ninputs - o);
	}
	fprintf(out, ")\nset yrange [0.4:%u.6]\n", res->ninputs);
	fprintf(out, "set xlabel '%s, %% of draws (input at its 5%% / 95%% quantile; "
		"line: as drawn)'\n", what);
	fprintf(out, "set arrow 1 from %.6g, graph 0 to %.6g, graph 1 nohead dt 2 lc rgb "
		"'black'\n", pct(r->r.stats[h].old, comp), pct(r->r.stats[h].old, comp));
	/* boxxyerror: x y xlow xhigh ylow yhigh */
	double half = ncauses ? 0.22 : 0.32, thin = ncauses ? 0.5 / (2.0 * ncauses) : 0;
	fprintf(out, "plot $t%u using (($2+$3)/2):($1+%g):(($2<$3)?$2:$3):(($2<$3)?$3:$2):"
		"($1+%g-%g):($1+%g+%g) with boxxyerror fc rgb '#1f77b4' title 'at 5%%', \\\n"
		"     $t%u using (($2+$4)/2):($1+%g):(($2<$4)?$2:$4):(($2<$4)?$4:$2):"
		"($1+%g-%g):($1+%g+%g) with boxxyerror fc rgb '#d62728' title 'at 95%%'",
		j, ncauses ? 0.2 : 0.0, ncauses ? 0.2 : 0.0, half, ncauses ? 0.2 : 0.0, half,
		j, ncauses ? 0.2 : 0.0, ncauses ? 0.2 : 0.0, half, ncauses ? 0.2 : 0.0, half);
	for (unsigned c = 0; c < ncauses; c++) {
		unsigned a = 5 + 3 * c;	/* its as-drawn column */
		double y = -0.05 - (2 * c + 1) * thin;
		for (int end = 0; end < 2; end++) {
			unsigned e = a + 1 + (unsigned)end;
			fprintf(out, ", \\\n     $t%u using (($%u+$%u)/2):($1%+g):(($%u<$%u)?$%u:$%u):"
				"(($%u<$%u)?$%u:$%u):($1%+g-%g):($1%+g+%g) with boxxyerror fc rgb "
				"'%s' fs solid %s ", j, a, e, y, a, e, a, e, a, e, e, a, y, thin * 0.9,
				y, thin * 0.9, cause_colours[causes[c] % 7], end ? "0.9" : "0.45");
			if (end)
				fputs("notitle", out);
			else {
				fputs("title ", out);
				char t[96];
				snprintf(t, sizeof t, "cause: %s (light: at 5%%)",
					 core_cause_name((enum core_cause)causes[c]));
				plot_gp_string(out, t);
			}
		}
	}
	fprintf(out, "\nunset arrow 1\n");
}

void plot_tornado_script(FILE *out, const struct sense_result *res, const char *title)
{
	unsigned n = res->nreports;
	unsigned height = 80;
	for (unsigned j = 0; j < n; j++)
		height += 150 + 60 * res->ninputs;
	fputs("# scen sense --plot: the tornado of each report\n"
	      "if (!exists(\"scen_output\")) scen_output = 'scen-sense.svg'\n"
	      "if (!exists(\"scen_format\")) scen_format = 'svg'\n", out);
	plot_terminal(out, 960, height);
	fputs("set lmargin 16\nset rmargin 4\nset xrange [0:100]\nset format x '%g%%'\n"
	      "set grid xtics\nset key outside bottom center horizontal maxrows 1 Left reverse\n"
	      "set style fill solid 0.8 noborder\n", out);
	fprintf(out, "set multiplot layout %u,1 title ", n);
	plot_gp_string(out, title && *title ? title : "scen sense");
	fputs(" font ',13'\n", out);
	for (unsigned j = 0; j < n; j++)
		write_chart(out, j, res, &res->reports[j]);
	fputs("unset multiplot\nset output\n", out);
}
