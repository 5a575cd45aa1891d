/*
** cmd_diff.c: `scen diff OLD NEW [--format text|json|csv|markdown|latex] [--seed N] [--draws N]
** [--threads N] [--types K]`: what the edit from OLD to NEW changed in the model, and
** in each report's results, with each difference's standard error under common random
** numbers (interp_run_paired). Exit status like diff(1): 0 no result differs beyond
** noise (the model may have changed), 1 some result differs beyond 3 standard errors
** (an exact verdict change always does) or a report is in only one version, 2 trouble:
** bad usage, a file with errors, a file that cannot be read, a draw that is not a number,
** an output that cannot be written (main's table of commands gives diff that status);
** 130 when Ctrl-C stopped the runs (what was compared is printed, marked interrupted).
*/
#include <assert.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli/cli.h"
#include "report/report.h"
#include "check/diff.h"
#include "interp/interp.h"
#include "util/progress.h"

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

enum { DIFF_SAME = 0, DIFF_DIFFERENT = 1, DIFF_TROUBLE = 2 };

/* The formats of `scen diff`, one table. */
static const struct {
	const char *name;
	void (*print)(FILE *out, const char *old, const char *new_,
		      const struct model_diff *md, const struct diff_result *r);
} diff_formats[] = {
	{ "text", diff_text },
	{ "json", diff_json },
	{ "csv", diff_csv },
	{ "markdown", diff_markdown },
	{ "latex", diff_latex },
};
enum { NDIFF_FORMATS = sizeof diff_formats / sizeof diff_formats[0] };

static int diff_files(const char *old, const char *new_, const struct run_options *o,
		      unsigned format)
{
	struct diag_sink sink;
	diag_init(&sink);
	struct program prog[2];
	program_init(&prog[0]);
	program_init(&prog[1]);
	bool ok = check_load_file(&prog[0], old, &sink) == STATUS_OK;
	ok &= cli_load_program(&prog[1], new_, &sink) == STATUS_OK;	/* --set: NEW's */
	int status = DIFF_TROUBLE;
	struct interp *it[2] = { NULL, NULL };
	if (ok) {
		diag_flush_stderr(&sink);	/* both files' warnings, before the run */
		it[0] = interp_new(&prog[0]);
		it[1] = interp_new(&prog[1]);
	}
	if (it[0] && it[1]) {
		struct model_diff md;
		model_diff(&prog[0], &prog[1], &md);
		struct diff_result r;
		struct run_options po = *o;	/* with the progress line on a terminal */
		struct progress pl;
		if (progress_start(&pl)) {
			po.progress = progress_show;
			po.progress_arg = &pl;
		}
		int ran = interp_run_paired(it[0], it[1], &po, &r, &sink);
		progress_clear(&pl);
		struct run_result prov[2] = {
			{ .seed = r.seed, .draws = r.draws, .stopped = r.stopped,
			  .files = prog[0].files },
			{ .seed = r.seed, .draws = r.draws, .stopped = r.stopped,
			  .files = prog[1].files },
		};
		cli_override_provenance(&prov[1]);
		r.prov[0] = &prov[0];
		r.prov[1] = &prov[1];
		if (ran == 0) {
			diff_formats[format].print(stdout, old, new_, &md, &r);
			status = r.changed ? DIFF_DIFFERENT : DIFF_SAME;
		}
		diff_result_free(&r);
		model_diff_free(&md);
	}
	for (int i = 0; i < 2; i++)
		if (it[i])
			interp_free(it[i]);
	diag_flush_stderr(&sink);
	program_free(&prog[0]);
	program_free(&prog[1]);
	diag_free(&sink);
	return status;
}

/* `--plot OUT`: both versions' sweeps on shared charts, as `scen plot OLD NEW -o OUT`
** draws them (each version with the same run options). Returns 0, or 2 on trouble. */
static int plot_both(const char *old, const char *new, const char *out,
		     const struct run_options *o)
{
	char seed[32], draws[32], threads[32];
	char *argv[16];
	int n = 0;
	argv[n++] = "plot";
	argv[n++] = (char *)old;
	argv[n++] = (char *)new;
	argv[n++] = "-o";
	argv[n++] = (char *)out;
	if (o->have_seed) {
		snprintf(seed, sizeof seed, "--seed=%llu", (unsigned long long)o->seed);
		argv[n++] = seed;
	}
	if (o->have_draws) {
		snprintf(draws, sizeof draws, "--draws=%llu", (unsigned long long)o->draws);
		argv[n++] = draws;
	}
	if (o->threads) {
		snprintf(threads, sizeof threads, "--threads=%u", o->threads);
		argv[n++] = threads;
	}
	argv[n] = NULL;
	return cmd_plot(n, argv) == 0 ? 0 : 2;
}

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_RUN_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "plot", required_argument, NULL, 'p' },
		CLI_SET_LONGOPT,
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { .stop = (volatile int *)&interrupted };
	unsigned format = 0;
	const char *plot = NULL, *name;
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS "f:p:", longopts, NULL)) != -1) {
		if ((st = cli_run_option("diff", c, optarg, &o)) >= 0) {
			if (st)
				return STATUS_USAGE;
			continue;
		}
		switch (c) {
		case 'f':
			if (cli_format_option("diff", optarg, &name))
				return STATUS_USAGE;
			for (format = 0; strcmp(name, diff_formats[format].name) != 0; format++)
				assert(format + 1 < NDIFF_FORMATS);	/* format.c's table */
			break;
		case 'p': plot = optarg; break;
		case 'V':
			if (cli_add_override("diff", optarg))
				return STATUS_USAGE;
			break;
		default: return cli_usage_error("diff", "bad option");
		}
	}
	if (plot && cli_have_overrides())	/* plot_both would apply them to OLD too */
		return cli_usage_error("diff", "--set is not for --plot: plot the variant with "
				       "`scen plot FILE --set ...`");
	if (optind + 2 != argc)
		return cli_usage_error("diff", argc - optind < 2 ? "needs two files, OLD and NEW"
							    : "two files only, OLD and NEW");
	struct sigaction sa = { .sa_handler = on_interrupt };
	sigaction(SIGINT, &sa, NULL);
	const char *old = argv[optind], *new = argv[optind + 1];
	st = diff_files(old, new, &o, format);
	if (plot && st < 2 && !interrupted && plot_both(old, new, plot, &o) != 0)
		st = 2;
	/* A comparison cut short by Ctrl-C is printed, but neither "same" (0) nor
	** "different" (1) holds of the draws not made: 130, as scen run says. */
	return st < 2 && interrupted ? STATUS_INTERRUPTED : st;
}
