/*
** plot.h: sweeps drawn with gnuplot (`scen plot`; `scen diff --plot` with two runs).
**
** plot_sweeps writes a gnuplot script: for each sweep and each settlement report in it,
** one chart (a map, a sweep of two attributes: a heat map, plotmap.c) of the share of draws per verdict (NO THREAT, SETTLE, BREAKDOWN, RISK: those
** that occur) against the swept value, each curve in a band of ±2 standard errors
** (SE = sqrt(P(1 - P)/N)). The data are inline datablocks. The script reads two gnuplot
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

/* What a sweep's chart draws (`scen plot --y`): the share of each verdict, P(war), the
** share of draws with one cause (cause:NAME), or one quantity's mean (quantity:NAME). */
enum plot_y { PLOT_Y_VERDICTS, PLOT_Y_PWAR, PLOT_Y_CAUSE, PLOT_Y_QUANTITY };

/* How the page looks (`scen plot --title --size --mono --y`); all zero: the default. */
struct plot_style {
	enum plot_y y;
	unsigned which;		/* PLOT_Y_CAUSE: the enum core_cause; PLOT_Y_QUANTITY: the
				** enum stat */
	const char *title;	/* heads the page; NULL: the first run's scenario title */
	unsigned width, height;	/* the page in pixels (pdf: at 96 an inch); 0: 960 wide,
				** 340 a chart high */
	bool mono;		/* black and white: each verdict its dash pattern and point */
};

/* Writes the script that draws every sweep of runs[0..nruns). With several runs (old
** and new versions of a file), each chart holds the curves of every run that has the
** same sweep (attribute) and report, told apart by labels[i] (in the series titles)
** and by the line style; labels may be NULL with one run. style: the page's title, size
** and colours (NULL: the default). Returns the number of charts; 0 when no run has a
** settlement report in a sweep: then nothing is written. */
unsigned plot_sweeps(FILE *out, const struct run_result *const *runs,
		     const char *const *labels, unsigned nruns, const struct plot_style *style);

/* Sets style->y (and which) from --y's argument: verdicts, pwar, cause:NAME (a cause as
** the CSV names it, "divergent_expectations") or quantity:NAME (x_min, x_max, gap,
** p_war, offer). False when it is none of them. */
bool plot_y_parse(const char *arg, struct plot_style *style);
/* What --y takes, in words, for its usage error (from the tables of causes and
** quantities), into buf. */
const char *plot_y_choices(char *buf, size_t size);

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
