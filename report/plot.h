/*
** plot.h: sweeps drawn with gnuplot (`scen plot`; `scen diff --plot` with two runs).
**
** plot_sweeps writes a gnuplot script: for each sweep and each report in it, one chart
** against the swept value: a settlement report's share of draws per verdict (NO THREAT,
** SETTLE, BREAKDOWN, RISK: those that occur), a mediation's agreement share and each
** party's margin, a provocation's P(war), P(atrocities) and the leaders' gain (or what
** --y chooses, struct plot_style); each share in a band of ±2 standard errors (SE =
** sqrt(P(1 - P)/N)). A map (a sweep of two attributes) of a settlement report is a heat
** map (plotmap.c). The data are inline datablocks. The script reads two gnuplot
** variables, scen_output (the file to write) and scen_format ('svg', 'png' or 'pdf'), and
** sets the terminal from them; plot_run_gnuplot defines both and runs gnuplot on it.
*/
#ifndef SCEN_PLOT_H
#define SCEN_PLOT_H

#include <stdio.h>

#include "interp/interp.h"

/* The Debian package that provides gnuplot without X (named in the error). */
#define PLOT_GNUPLOT_PACKAGE "gnuplot-nox"

enum plot_format { PLOT_UNKNOWN, PLOT_SVG, PLOT_PNG, PLOT_PDF };

/* The format an output file's extension asks for (.svg, .png or .pdf, any case). */
enum plot_format plot_format_of(const char *outpath);

/* What a sweep's chart draws (`scen plot --y`), by the kind of its report. A settlement
** sweep: the share of each verdict (verdicts, the default), P(war), the share of draws
** with one cause (cause:NAME) or one quantity's mean (quantity:NAME). A mediation sweep:
** the agreement share and each party's margin (the default), or agreement or margins
** alone. A provocation sweep: P(war), P(atrocities) and the leaders' gain (the default),
** or pwar, atrocities or gain alone. */
enum plot_y {
	PLOT_Y_DEFAULT,
	PLOT_Y_VERDICTS, PLOT_Y_PWAR, PLOT_Y_CAUSE, PLOT_Y_QUANTITY,
	PLOT_Y_AGREEMENT, PLOT_Y_MARGINS,
	PLOT_Y_ATROCITIES, PLOT_Y_GAIN,
};
enum { PLOT_KINDS = RK_PROVOCATION + 1 };

/* How the page looks (`scen plot --title --size --mono --y`); all zero: the default. */
struct plot_style {
	enum plot_y y[PLOT_KINDS];	/* what a sweep of each kind (enum report_kind) draws */
	unsigned which;		/* settlement's PLOT_Y_CAUSE: the enum core_cause;
				** PLOT_Y_QUANTITY: the enum stat */
	const char *y_arg[PLOT_KINDS];	/* the --y that chose y[k] (for its errors), or NULL */
	const char *title;	/* heads the page; NULL: the first run's scenario title */
	unsigned width, height;	/* the page in pixels (pdf: at 96 an inch); 0: 960 wide,
				** 340 a chart high */
	bool mono;		/* black and white: each curve its dash pattern and point */
};

/* Writes the script that draws every sweep of runs[0..nruns). With several runs (old
** and new versions of a file), each chart holds the curves of every run that has the
** same sweep (attribute) and report, told apart by labels[i] (in the series titles)
** and by the line style; labels may be NULL with one run. style: the page's title, size
** and colours (NULL: the default). Returns the number of charts; 0 when no run has a
** sweep to draw (of one attribute, or a map of a settlement report): then nothing is
** written. */
unsigned plot_sweeps(FILE *out, const struct run_result *const *runs,
		     const char *const *labels, unsigned nruns, const struct plot_style *style);

/* Sets style->y (and which, y_arg) of the kinds whose sweeps draw --y's argument arg:
** verdicts, pwar (settlement and provocation), cause:NAME (a cause as the CSV names it,
** "divergent_expectations"), quantity:NAME (x_min, x_max, gap, p_war, offer),
** agreement, margins, atrocities or gain. False when it is none of them, or when an
** earlier --y chose for one of those kinds already: then why holds the usage error. */
bool plot_y_parse(const char *arg, struct plot_style *style, char *why, size_t size);
/* After the run: false when a --y of style draws a kind of sweep that none of the runs
** has (where: the file, or "these files", for the message); then why holds the usage
** error, with what the kinds of sweep they have can draw. */
bool plot_y_check(const struct run_result *const *runs, unsigned nruns,
		  const struct plot_style *style, const char *where, char *why, size_t size);

/* The terminal for scen_format ('svg', 'png' or 'pdf'), width × height pixels (pdf: the
** same at 96 px an inch), and `set output scen_output`: one table for every plot. */
void plot_terminal(FILE *out, unsigned width, unsigned height);

/* s as a gnuplot single-quoted string ('' for a quote; control characters as spaces). */
void plot_gp_string(FILE *out, const char *s);

/* sense_plot.c: `scen sense`'s charts, scripts for plot_run_gnuplot (they read
** scen_format 'svg', 'png' or 'pdf'). style: its title (NULL: the scenario's) and mono;
** the size is the chart's own. The tornado of every report (--plot); the spider, each
** outcome's share per decile of each uncertain input (--spider): the panels it draws, 0
** (nothing written) when there is no uncertain input or a single draw. */
struct sense_result;
void plot_tornado_script(FILE *out, const struct sense_result *res,
			 const struct plot_style *style);
unsigned plot_spider_script(FILE *out, const struct sense_result *res,
			    const struct plot_style *style);

/* plotmap.c: maps (sweeps of two attributes), as heat maps of the share of each map's
** leading verdict with its 50% line, after the sweeps' charts: how many settlement maps
** the runs hold, their datablocks (before the multiplot), their charts (in it). */
unsigned plot_map_count(const struct run_result *const *runs, unsigned nruns);
void plot_map_data(FILE *out, const struct run_result *const *runs, unsigned nruns);
void plot_map_charts(FILE *out, const struct run_result *const *runs,
		     const char *const *labels, unsigned nruns, bool mono);
/* plot.c: each verdict's colour ("#2ca02c"), by enum core_verdict. */
extern const char *const plot_verdict_color[];

/* 0 when gnuplot is in PATH; else prints that it is missing, naming the package, and
** returns STATUS_IO (3). */
int plot_check_gnuplot(void);

/* Runs gnuplot on script (as plot_sweeps wrote it), writing outpath in the format of its
** extension, as rewrite.h writes a file (force: a read-only one too). Returns 0, or
** STATUS_USAGE (2) for an extension that is not .svg, .png or .pdf, or STATUS_IO (3) when
** gnuplot is missing or fails or outpath cannot be written (the message printed). */
int plot_run_gnuplot(const char *script, const char *outpath, bool force);

#endif
