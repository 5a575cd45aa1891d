/*
** cmd_plot.c: `scen plot FILE... [-o OUT.svg|OUT.png|OUT.pdf] [--seed N] [--draws N] [--threads N]
** [--types K]`: run FILE as `scen run` does, then draw every sweep with gnuplot
** (plot.h). The default output is FILE's base name with .svg, in the current folder,
** written as rewrite.h writes a file (--force: a read-only one too) and checked before
** the run. A file with no sweep to draw (of one attribute, of any report; a map, of a
** settlement report) is an error (1); a --y for a kind of sweep the files lack, 2;
** gnuplot missing or failing, or an output that cannot be written, 3; a run stopped by
** Ctrl-C, 130 (after drawing it).
** With several files, each chart holds the curves of every file that has its sweep and
** report, labelled with the file names (the way `scen diff --plot` compares versions).
** `--script` (for tests and for editing the chart by hand) prints the gnuplot script
** instead of running gnuplot.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/plot.h"
#include "util/count.h"
#include "util/rewrite.h"
#include "util/xalloc.h"

/* --size WxH: the page in pixels, each side from 100 to 10000. */
static bool parse_size(const char *s, struct plot_style *st)
{
	char w[8];
	const char *x = strchr(s, 'x');
	uint64_t a, b;
	if (!x || x - s >= (long)sizeof w)
		return false;
	memcpy(w, s, (size_t)(x - s));
	w[x - s] = 0;
	if (!parse_count(w, &a, 100, 10000) || !parse_count(x + 1, &b, 100, 10000))
		return false;
	st->width = (unsigned)a;
	st->height = (unsigned)b;
	return true;
}

int cmd_plot(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_RUN_LONGOPTS,
		{ "output", required_argument, NULL, 'o' },
		{ "script", no_argument, NULL, 'S' },
		{ "force", no_argument, NULL, 'F' },
		{ "title", required_argument, NULL, 'T' },
		{ "size", required_argument, NULL, 'Z' },
		{ "mono", no_argument, NULL, 'M' },
		{ "y", required_argument, NULL, 'Y' },
		CLI_SET_LONGOPT,
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	struct plot_style style = { 0 };
	const char *output = NULL;
	bool script_only = false, force = false;
	char why[1024];
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS "o:", longopts, NULL)) != -1) {
		if ((st = cli_run_option("plot", c, optarg, &o)) >= 0) {
			if (st)
				return st;
			continue;
		}
		switch (c) {
		case 'o': output = optarg; break;
		case 'S': script_only = true; break;
		case 'F': force = true; break;
		case 'T': style.title = optarg; break;
		case 'M': style.mono = true; break;
		case 'Y':
			if (!plot_y_parse(optarg, &style, why, sizeof why))
				return cli_usage_error("plot", "%s", why);
			break;
		case 'Z':
			if (!parse_size(optarg, &style))
				return cli_usage_error("plot", "--size needs WxH in pixels, each "
						       "from 100 to 10000 (as 960x720), not '%s'",
						       optarg);
			break;
		case 'V':
			if ((st = cli_add_override("plot", optarg)))
				return st;
			break;
		default: return cli_usage_error("plot", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("plot", "missing FILE");
	const char *path = argv[optind];
	unsigned nfiles = (unsigned)(argc - optind);
	char *outpath = output ? xstrdup(output) : cli_default_output(path, "plot", ".svg");
	enum plot_format f = plot_format_of(outpath);
	if (f == PLOT_UNKNOWN) {
		free(outpath);
		return cli_usage_error("plot", "-o: the file name must end in .svg, .png or .pdf");
	}
	/* before the run, which may be long */
	struct rewrite rw = { .force = force, .force_hint = "--force" };
	if (!script_only && rewrite_check(&rw, outpath) != 0) {
		fprintf(stderr, "scen plot: cannot write '%s': %s\n", outpath, rw.why);
		free(outpath);
		return STATUS_IO;
	}
	if (!script_only && (st = plot_check_gnuplot()) != 0) {
		free(outpath);
		return st;
	}

	struct session *cr = xcalloc(nfiles, sizeof *cr);
	const struct run_result **runs = xcalloc(nfiles, sizeof *runs);
	st = 0;
	for (unsigned i = 0; i < nfiles && st == 0; i++) {
		st = cli_run_file(&cr[i], argv[optind + (int)i], &o);
		runs[i] = &cr[i].result;
	}
	char *script = NULL;
	size_t len = 0;
	/* a --y that no sweep here draws: a usage error, now that the kinds are known */
	if (st == 0 && !plot_y_check(runs, nfiles, &style, nfiles == 1 ? path : "these files",
				     why, sizeof why))
		st = cli_usage_error("plot", "%s", why);
	FILE *mem = st == 0 ? open_memstream(&script, &len) : NULL;
	if (st == 0 && !mem) {
		fprintf(stderr, "scen plot: out of memory\n");
		st = STATUS_IO;
	} else if (st == 0) {
		if (!style.title && !(cr[0].result.title && *cr[0].result.title))
			style.title = path;
		unsigned charts = plot_sweeps(mem, runs, (const char *const *)argv + optind,
					      nfiles, &style);
		fclose(mem);
		bool stopped = cr[0].result.stopped;
		if (charts == 0) {
			fprintf(stderr, "scen plot: %s: nothing to plot: %s no sweep to draw "
				"(a map is drawn only of a settlement report)\n", nfiles == 1 ? path : "these files",
				nfiles == 1 ? "the file has" : "none has");
			st = STATUS_ERRORS;
		} else if (script_only) {
			fwrite(script, 1, len, stdout);
		} else if ((st = plot_run_gnuplot(script, outpath, force)) == 0) {
			printf("%s: %u chart%s%s\n", outpath, charts, charts == 1 ? "" : "s",
			       stopped ? " (interrupted: only the draws made)" : "");
			if (stopped)
				st = STATUS_INTERRUPTED;
		}
	}
	free(script);
	for (unsigned i = 0; i < nfiles; i++)
		session_free(&cr[i]);
	free(cr);
	free(runs);
	free(outpath);
	return st;
}
