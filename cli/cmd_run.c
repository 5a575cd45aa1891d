/*
** cmd_run.c: `scen run FILE [--seed N] [--draws N] [--threads N] [--types K]
** [--format text|json|csv|markdown|latex]`: check, compile, evaluate every report,
** print. With `--shard I/N [-o PARTIAL]`: evaluate only shard I of N and write its totals
** (partial.h), which `scen merge` adds up into the report of the whole run.
** On a terminal, a run longer than a second shows its progress on stderr; Ctrl-C stops
** at the next block and prints what was computed, marked as interrupted, with exit
** status 130 (STATUS_INTERRUPTED), so that a script can tell the results are partial.
** The options and the running are shared with the other commands that run a file
** (cli_run_option, cli_run_file in cli.h).
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli/cli.h"
#include "interp/interp.h"
#include "check/model.h"
#include "report/partial.h"
#include "report/report.h"
#include "util/scen_conf.h"
#include "util/rewrite.h"

static int run_file(const char *path, struct run_options *o, const char *format)
{
	struct session cr = { .loaded = false };
	int status = cli_run_file(&cr, path, o);
	if (status == 0) {
		report_print(stdout, &cr.result, format);
		if (cr.result.stopped)
			status = STATUS_INTERRUPTED;
	}
	session_free(&cr);
	return status;
}

/* `scen run A.scen B.scen ...`: each file's report (report/batch.c); the status is the
** worst file's, and Ctrl-C stops the batch. */
static int run_files(char **paths, int n, struct run_options *o, const char *format)
{
	int worst = 0;
	unsigned printed = 0;
	for (int i = 0; i < n; i++) {
		struct session cr = { .loaded = false };
		int status = cli_run_file(&cr, paths[i], o);
		if (status == 0) {
			if (!report_batch_file(stdout, format, paths[i], &cr.result, printed))
				status = STATUS_IO;
			else
				printed++;
			if (cr.result.stopped)
				status = STATUS_INTERRUPTED;
		}
		session_free(&cr);
		if (status > worst)
			worst = status;
		if (status == STATUS_INTERRUPTED)
			break;
	}
	report_batch_end(stdout, format, printed);
	return worst;
}

/* ---- `scen run FILE --shard I/N [-o PARTIAL]` ---- */

static int run_shard(struct session *cr, const struct run_options *o, void *arg)
{
	return interp_run_shard(cr->it, o, arg, &cr->sink);
}

/* The body of a run's partial: its totals (partial.h). */
static int write_totals(FILE *out, const struct partial_head *h, void *totals)
{
	return partial_write(out, h, totals);
}

static int shard_file(const char *path, struct run_options *o, const char *output,
		      struct rewrite *rw)
{
	if (output && rewrite_check(rw, output) != 0) {	/* before the run, which may be long */
		fprintf(stderr, "scen run: cannot write '%s': %s\n", output, rw->why);
		return STATUS_IO;
	}
	struct session cr = { .loaded = false };
	struct run_totals t = { 0 };
	int status = cli_load_file(&cr, path, o);
	if (status == 0)
		status = cli_with_progress(&cr, o, run_shard, &t);
	if (status == 0 && o->stop && *o->stop) {
		fprintf(stderr, "scen run: interrupted: shard %u/%u not written\n",
			o->shard_index, o->shard_count);
		status = STATUS_INTERRUPTED;
	}
	if (status == 0)
		status = cli_write_partial("run", path, output, rw, o, &cr,
					   interp_params(cr.it, o).units, write_totals, &t);
	totals_free(&t);
	session_free(&cr);
	return status;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_RUN_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		CLI_SHARD_LONGOPTS,
		CLI_SET_LONGOPT,
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	struct rewrite rw = { .force_hint = "--force" };
	const char *format = NULL, *output = NULL;
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS "f:o:", longopts, NULL)) != -1) {
		if ((st = cli_run_option("run", c, optarg, &o)) >= 0) {
			if (st)
				return st;
			continue;
		}
		switch (c) {
		case 'f':
			if ((st = cli_format_option("run", optarg, &format)))
				return st;
			break;
		case 'S':
			if (!partial_parse_shard(optarg, &o.shard_index, &o.shard_count))
				return cli_usage_error("run", "--shard needs I/N, 1 <= I <= N <= 1048576");
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			rw.force = true;
			break;
		case 'V':
			if ((st = cli_add_override("run", optarg)))
				return st;
			break;
		default: return cli_usage_error("run", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("run", "missing FILE");
	if (optind + 1 != argc && o.shard_count)
		return cli_usage_error("run", "--shard runs one FILE at a time");
	if (o.shard_count && format)
		return cli_usage_error("run", "a shard writes a partial, not a report: --format "
				       "is for `scen merge`");
	if ((st = cli_shard_usage("run", &o, output, &rw)))
		return st;
	if (o.shard_count)
		return shard_file(argv[optind], &o, output, &rw);
	if (optind + 1 != argc)
		return run_files(argv + optind, argc - optind, &o, format ? format : "text");
	return run_file(argv[optind], &o, format ? format : "text");
}
