/*
** plot.c: sweeps as gnuplot charts (plot.h). The script is plain gnuplot 5: inline
** datablocks, one chart per sweep and report in a multiplot column, the terminal chosen
** from two variables so that the same script serves `--script` and the run here.
*/
#include <errno.h>
#include <math.h>
#include <signal.h>
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

/* The series of every run, grouped: *nseries series in run order. */
static struct series *collect(const struct run_result *const *runs, unsigned nruns,
			      unsigned *nseries)
{
	struct series *all = NULL;
	unsigned n = 0, cap = 0;
	for (unsigned r = 0; r < nruns; r++) {
		unsigned first = n;
		for (unsigned i = 0; i < runs[r]->nreports; i++) {
			const struct report_result *rep = &runs[r]->reports[i];
			if (!rep->sweep || rep->sweep2 || rep->kind != RK_SETTLEMENT)
				continue;	/* (maps: plotmap.c) */
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

/* A datablock: the value, then per verdict its share, SE, and the band's ends, in % */
static void write_data(FILE *out, unsigned chart, unsigned run, const struct series *s)
{
	fprintf(out, "$chart%u_run%u << EOD\n", chart + 1, run + 1);
	for (unsigned k = 0; k < s->nrows; k++) {
		const struct report_result *rep = &s->run->reports[s->rows[k]];
		const struct settle_result *st = &rep->settle;
		double n = st->draws ? (double)st->draws : 1;
		fprintf(out, "%.10g", rep->sweep_value);
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
		fputc('\n', out);
	}
	fputs("EOD\n", out);
}

/* The datablock's columns past the verdicts' (write_data). */
enum { PWAR_COL = 18, CAUSE_COL = 19, QUANTITY_COL = CAUSE_COL + 3 * CORE_NCAUSES };

/* --y other than verdicts: one curve a run, its column and name; a band between two
** columns (0: none: P(war) has no SE in the data), named in the key. */
struct y_curve {
	unsigned col, lo, hi;
	const char *name, *band;
};

static struct y_curve y_curve_of(const struct plot_style *style)
{
	unsigned k = style->which;
	switch (style->y) {
	case PLOT_Y_CAUSE:
		return (struct y_curve){ CAUSE_COL + 3 * k, CAUSE_COL + 3 * k + 1,
					 CAUSE_COL + 3 * k + 2, core_cause_name(k), "±2 SE" };
	case PLOT_Y_QUANTITY:
		return (struct y_curve){ QUANTITY_COL + 3 * k, QUANTITY_COL + 3 * k + 1,
					 QUANTITY_COL + 3 * k + 2, report_stat_name[k],
					 "5% to 95% of draws" };
	default:
		return (struct y_curve){ PWAR_COL, 0, 0, "P(war)", NULL };
	}
}

static void write_y_curves(FILE *out, unsigned c, const struct chart *ch,
			   const char *const *labels, unsigned nruns, bool mono,
			   const char *x, const struct plot_style *style)
{
	struct y_curve y = y_curve_of(style);
	const char *color = mono ? "#000000" : plot_verdict_color[CORE_BREAKDOWN];
	const char *sep = "plot ";
	for (unsigned r = 0; y.lo && r < nruns; r++) {	/* the bands under the curves */
		if (!ch->of_run[r] || !ch->of_run[r]->run->uncertain)
			continue;
		fprintf(out, "%s$chart%u_run%u using %s:%u:%u with filledcurves fc rgb '%s' "
			"notitle", sep, c + 1, r + 1, x, y.lo, y.hi, color);
		sep = ", \\\n     ";
	}
	for (unsigned r = 0; r < nruns; r++) {
		if (!ch->of_run[r])
			continue;
		char t[256];
		bool named = labels && labels[r] && nruns > 1;
		snprintf(t, sizeof t, "%s%s%s%s", y.name, named ? " (" : "", named ? labels[r] : "",
			 named ? ")" : "");
		fprintf(out, "%s$chart%u_run%u using %s:%u with linespoints lc rgb '%s' lw 2 "
			"dt %u pt %u ps 0.7 title ", sep, c + 1, r + 1, x, y.col, color, r % 5 + 1,
			r % 2 ? 6 : 7);
		plot_gp_string(out, t);
		sep = ", \\\n     ";
	}
	fputc('\n', out);
}

const char *plot_y_choices(char *buf, size_t size)
{
	char id[96];
	size_t o = (size_t)snprintf(buf, size, "verdicts, pwar, cause:NAME (");
	for (unsigned c = 0; c < CORE_NCAUSES && o < size; c++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", c ? ", " : "",
				      report_cause_ident(c, id, sizeof id));
	if (o < size)
		o += (size_t)snprintf(buf + o, size - o, ") or quantity:NAME (");
	for (unsigned k = 0; k < NSTATS && o < size; k++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", k ? ", " : "", report_stat_name[k]);
	if (o < size)
		snprintf(buf + o, size - o, ")");
	return buf;
}

bool plot_y_parse(const char *arg, struct plot_style *style)
{
	char id[96];
	if (strcmp(arg, "verdicts") == 0 || strcmp(arg, "pwar") == 0) {
		style->y = arg[0] == 'v' ? PLOT_Y_VERDICTS : PLOT_Y_PWAR;
		return true;
	}
	if (strncmp(arg, "cause:", 6) == 0)
		for (unsigned c = 0; c < CORE_NCAUSES; c++)
			if (strcmp(arg + 6, report_cause_ident(c, id, sizeof id)) == 0) {
				style->y = PLOT_Y_CAUSE;
				style->which = c;
				return true;
			}
	if (strncmp(arg, "quantity:", 9) == 0)
		for (unsigned k = 0; k < NSTATS; k++)
			if (strcmp(arg + 9, report_stat_name[k]) == 0) {
				style->y = PLOT_Y_QUANTITY;
				style->which = k;
				return true;
			}
	return false;
}

static void write_chart(FILE *out, unsigned c, const struct chart *ch,
			const char *const *labels, unsigned nruns, const struct plot_style *style)
{
	bool mono = style->mono;
	const struct series *any = NULL;
	bool seen[NVERDICTS] = { false };
	bool uncertain = false;
	for (unsigned r = 0; r < nruns; r++) {
		occurring(ch->of_run[r], seen);
		if (ch->of_run[r]) {
			any = any ? any : ch->of_run[r];
			uncertain |= ch->of_run[r]->run->uncertain;
		}
	}
	const struct settle_result *st = &any->run->reports[any->rows[0]].settle;
	fprintf(out, "\n# chart %u: sweep %s, %s\nset title ", c + 1, ch->sweep, ch->what);
	char title[512];
	if (uncertain && nruns == 1)
		snprintf(title, sizeof title, "sweep %s: %s over %s (%s draws a row)", ch->sweep,
			 ch->what, st->stake, N((double)st->draws));
	else
		snprintf(title, sizeof title, "sweep %s: %s over %s%s", ch->sweep, ch->what,
			 st->stake, uncertain ? "" : " (exact)");
	plot_gp_string(out, title);
	fputs("\nset xlabel ", out);
	plot_gp_string(out, ch->sweep);
	/* a probability swept: its axis in % (the data keep the value, as the CSV has it) */
	bool prob = any->run->reports[any->rows[0]].sweep_probability;
	const char *x = prob ? "($1*100)" : "1";
	fprintf(out, "\nset format x '%s'\n", prob ? "%g%%" : "% h");
	if (style->y != PLOT_Y_VERDICTS) {
		write_y_curves(out, c, ch, labels, nruns, mono, x, style);
		return;
	}
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
		fputs("# scen plot: every sweep, the share of draws per verdict against the swept "
		      "value,\n# with bands of +/-2 standard errors (SE = sqrt(P(1 - P)/N)).\n"
		      "# Run: gnuplot -e \"scen_output='out.svg'; scen_format='svg'\" "
		      "THIS_FILE (or 'png')\n", out);
		fputs("if (!exists(\"scen_output\")) scen_output = 'scen-plot.svg'\n"
		      "if (!exists(\"scen_format\")) scen_format = 'svg'\n", out);
		plot_terminal(out, style->width ? style->width : 960,
			      style->height ? style->height : 60 + 340 * (ncharts + nmaps));
		fputs("\n# Datablocks $chartC_runR, one row per sweep value. Columns, in % of the "
		      "draws:\n# 1 the swept value; then for NO THREAT (2-5), SETTLE (6-9), "
		      "BREAKDOWN (10-13)\n# and RISK (14-17): the share, its SE, share - 2 SE, "
		      "share + 2 SE (within 0..100);\n# 18 P(war), its mean over the draws "
		      "(NaN: not measured).\n", out);
		for (unsigned c = 0; c < ncharts; c++)
			for (unsigned r = 0; r < nruns; r++)
				if (charts[c].of_run[r])
					write_data(out, c, r, charts[c].of_run[r]);
		plot_map_data(out, runs, nruns);
		/* the same margins on every chart, the right one wide enough for the key */
		size_t key = strlen(style->y == PLOT_Y_VERDICTS ? "BREAKDOWN"
				    : y_curve_of(style).name);
		for (unsigned r = 0; labels && nruns > 1 && r < nruns; r++)
			if (labels[r] && strlen("BREAKDOWN ()") + strlen(labels[r]) > key)
				key = strlen("BREAKDOWN ()") + strlen(labels[r]);
		fprintf(out, "\nset lmargin 10\nset rmargin %zu\n", key + 10);
		fprintf(out, "set multiplot layout %u,1 title ", ncharts + nmaps);
		plot_gp_string(out, head);
		fputs(" font ',13'\n", out);
		if (style->y == PLOT_Y_QUANTITY)	/* in stake units: the axis its own */
			fputs("set autoscale y\nset ytics autofreq\nset format y '% h'\n", out);
		else
			fputs("set yrange [-2:102]\nset ytics 0, 20, 100\nset format y '%g%%'\n",
			      out);
		fputs("set grid\nset key outside right top reverse Left width 3\n"
		      "set autoscale xfix\nset offsets graph 0.02, graph 0.02, 0, 0\n"
		      "set style fill transparent solid 0.18 noborder\n", out);
		fputs("set ylabel ", out);
		char ylabel[160];
		snprintf(ylabel, sizeof ylabel, "%s%s",
			 style->y == PLOT_Y_PWAR ? "P(war), mean over the draws"
			 : style->y == PLOT_Y_CAUSE ? "share of draws with the cause"
			 : style->y == PLOT_Y_QUANTITY ? "mean over the draws: " : "share of draws",
			 style->y == PLOT_Y_QUANTITY ? report_stat_name[style->which] : "");
		plot_gp_string(out, ylabel);
		fputc('\n', out);
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
