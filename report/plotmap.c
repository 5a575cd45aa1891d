/*
** plotmap.c: maps (sweeps of two attributes) in `scen plot`'s script, as heat maps: for
** each settlement map of each run, the share of draws with the map's leading verdict
** (the one with the most draws over all its cells; on a tie the first of NO THREAT,
** SETTLE, BREAKDOWN, RISK) in each cell, the second attribute across and the first up,
** with the line where that share is 50% (gnuplot's contour of the cells, computed into
** a datablock before the multiplot). plot_sweeps (plot.c) places them after the sweeps'
** charts in its multiplot.
*/
#include <math.h>
#include <string.h>

#include "report/plot.h"
#include "report/report.h"

/* A settlement map: reports[first .. end) of a run, rows × cols cells. */
struct map {
	const struct run_result *run;
	unsigned first, end, cols;
	unsigned leading;		/* the verdict with the most draws in all cells */
};

/* The i-th settlement map of the runs (counted over every run in order), or false. */
static bool nth_map(const struct run_result *const *runs, unsigned nruns, unsigned want,
		    struct map *m, unsigned *run)
{
	unsigned n = 0;
	for (unsigned r = 0; r < nruns; r++) {
		const struct run_result *x = runs[r];
		for (unsigned i = 0; i < x->nreports;) {
			if (!x->reports[i].sweep2) {
				i++;
				continue;
			}
			unsigned end = sweep_end(x, i);
			if (x->reports[i].kind == RK_SETTLEMENT && n++ == want) {
				*m = (struct map){ x, i, end, 1, 0 };
				while (i + m->cols < end && x->reports[i + m->cols].sweep_row ==
							    x->reports[i].sweep_row)
					m->cols++;
				uint64_t sum[CORE_RISK + 1] = { 0 };
				for (unsigned k = i; k < end; k++)
					for (int v = 0; v <= CORE_RISK; v++)
						sum[v] += x->reports[k].settle.verdicts[v];
				for (int v = 1; v <= CORE_RISK; v++)
					if (sum[v] > sum[m->leading])
						m->leading = (unsigned)v;
				*run = r;
				return true;
			}
			i = end;
		}
	}
	return false;
}

unsigned plot_map_count(const struct run_result *const *runs, unsigned nruns)
{
	struct map m;
	unsigned n = 0, run;
	while (nth_map(runs, nruns, n, &m, &run))
		n++;
	return n;
}

/* $mapN: x (the second value), y (the first), the leading verdict's share in %, a scan
** (blank line) per row of the first attribute, as splot's contour wants them. */
static void write_map_data(FILE *out, unsigned n, const struct map *m)
{
	fprintf(out, "$map%u << EOD\n", n + 1);
	for (unsigned k = m->first; k < m->end; k++) {
		const struct report_result *rep = &m->run->reports[k];
		const struct settle_result *s = &rep->settle;
		if (k > m->first && (k - m->first) % m->cols == 0)
			fputc('\n', out);
		fprintf(out, "%.10g %.10g %.10g\n", rep->sweep2_value, rep->sweep_value,
			s->draws ? 100.0 * (double)s->verdicts[m->leading] / (double)s->draws : 0);
	}
	fputs("EOD\n", out);
	if (m->cols < 2 || m->end - m->first < 2 * m->cols)
		return;		/* one row or one column: no contour */
	fprintf(out, "set table $map%u_50\nset contour base\nset cntrparam levels discrete 50\n"
		"unset surface\nsplot $map%u using 1:2:3 with lines notitle\nunset table\n"
		"unset contour\nset surface\n", n + 1, n + 1);
}

void plot_map_data(FILE *out, const struct run_result *const *runs, unsigned nruns)
{
	struct map m;
	unsigned run;
	for (unsigned n = 0; nth_map(runs, nruns, n, &m, &run); n++)
		write_map_data(out, n, &m);
}

static void write_map_chart(FILE *out, unsigned n, const struct map *m, const char *label,
			    bool mono)
{
	const struct report_result *first = &m->run->reports[m->first];
	const char *verdict = core_verdict_name((enum core_verdict)m->leading);
	char title[512];
	int len = snprintf(title, sizeof title, "map %s × %s: %s over %s", first->sweep,
			   first->sweep2, first->what, first->settle.stake);
	if (label && len > 0 && (size_t)len < sizeof title)
		snprintf(title + len, sizeof title - (size_t)len, " (%s)", label);
	fprintf(out, "\n# map %u: %s, the share of %s\nset title ", n + 1, title, verdict);
	plot_gp_string(out, title);
	fputs("\nset xlabel ", out);
	plot_gp_string(out, first->sweep2);
	fputs("\nset ylabel ", out);
	plot_gp_string(out, first->sweep);
	fputs("\nset cblabel ", out);
	char cb[64];
	snprintf(cb, sizeof cb, "share of %s", verdict);
	plot_gp_string(out, cb);
	fprintf(out, "\nset palette defined (0 '#ffffff', 100 '%s')\n",
		mono ? "#000000" : plot_verdict_color[m->leading]);
	/* a probability swept: its axis in % (the data keep the value, as the CSV has it) */
	const char *x = first->sweep2_probability ? "($1*100)" : "1";
	const char *y = first->sweep_probability ? "($2*100)" : "2";
	fprintf(out, "set format x '%s'\nset format y '%s'\n",
		first->sweep2_probability ? "%g%%" : "% h", first->sweep_probability ? "%g%%" : "%g");
	if (m->cols < 2 || m->end - m->first < 2 * m->cols) {	/* a line of cells */
		/* a range around the one value (gnuplot warns of an empty one) */
		double one = m->cols < 2 ? first->sweep2_value : first->sweep_value;
		if (m->cols < 2 ? first->sweep2_probability : first->sweep_probability)
			one *= 100;	/* the axis in % */
		double pad = one != 0 ? fabs(one) / 10 : 1;
		fprintf(out, "set %srange [%.10g:%.10g]\n", m->cols < 2 ? "x" : "y", one - pad,
			one + pad);
		fprintf(out, "unset key\nset offsets graph 0.05, graph 0.05, graph 0.05, "
			"graph 0.05\nplot $map%u using %s:%s:3 with points pt 5 ps 4 lc palette "
			"notitle, \\\n     '' using %s:%s with points pt 4 ps 4 lc rgb '#7f7f7f' "
			"notitle\nset offsets 0, 0, 0, 0\n", n + 1, x, y, x, y);
		return;
	}
	fprintf(out, "set key\nplot $map%u using %s:%s:3 with image notitle, \\\n"
		"     $map%u_50 using %s:%s with lines lc rgb 'black' lw 2 title '50%%'\n",
		n + 1, x, y, n + 1, x, y);
}

void plot_map_charts(FILE *out, const struct run_result *const *runs,
		     const char *const *labels, unsigned nruns, bool mono)
{
	struct map m;
	unsigned run;
	if (!nth_map(runs, nruns, 0, &m, &run))
		return;
	/* the sweeps' charts set these for shares on y */
	fputs("\n# maps: the share of the leading verdict per cell, in %, with its 50% line\n"
	      "set yrange [*:*]\nset autoscale yfix\nset ytics autofreq\n"
	      "set offsets 0, 0, 0, 0\nset cbrange [0:100]\nset format cb '%g%%'\n"
	      "set key inside left top opaque box noreverse Right\nunset grid\n"
	      "set style fill solid 1 noborder\n", out);
	for (unsigned n = 0; nth_map(runs, nruns, n, &m, &run); n++)
		write_map_chart(out, n, &m, labels && nruns > 1 ? labels[run] : NULL, mono);
}
