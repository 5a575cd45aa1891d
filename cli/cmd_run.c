/*
** cmd_run.c: `scen run FILE [--seed N] [--draws N] [--threads N] [--types K]
** [--format text|json|csv]`: check, compile, evaluate every report, print. With
** `--shard I/N [-o PARTIAL]`: evaluate only shard I of N and write its totals
** (partial.h), which `scen merge` adds up into the report of the whole run.
** On a terminal, a run longer than a second shows its progress on stderr; Ctrl-C stops
** at the next block and prints what was computed, marked as interrupted, with exit
** status 130 (STATUS_INTERRUPTED), so that a script can tell the results are partial.
** The options and the running are shared with the other commands that run a file
** (cli_run_option, cli_run_file in cli.h).
*/
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check/check.h"
#include "cli/cli.h"
#include "interp/interp.h"
#include "check/model.h"
#include "report/partial.h"
#include "report/report.h"
#include "util/scen_conf.h"
#include "util/rewrite.h"

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct progress {
	struct timespec start;
	int width;		/* of the line shown; 0 while none is */
};

static void show_progress(uint64_t done, uint64_t total, void *arg)
{
	struct progress *p = arg;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double secs = (double)(now.tv_sec - p->start.tv_sec) +
		      (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
	if (secs < 1 && !p->width)
		return;
	int n = fprintf(stderr, "\rscen: %3.0f%% of %llu draws",
			100.0 * (double)done / (double)total, (unsigned long long)total);
	if (n > p->width)
		p->width = n;
}

/* Erases the progress line, finished or interrupted, before the report: with an escape
** sequence, or on a terminal that has none (TERM=dumb) with spaces. */
static void clear_progress(const struct progress *p)
{
	if (!p->width)
		return;
	if (diag_term_has_escapes(stderr))
		fputs("\r\033[K", stderr);
	else
		fprintf(stderr, "\r%*s\r", p->width, "");
}


int cli_run_option(const char *cmd, int c, const char *arg, struct run_options *o)
{
	uint64_t n;
	switch (c) {
	case 's':
		if (!parse_count(arg, &o->seed, 0, UINT64_MAX))
			return cli_usage_error(cmd, "--seed needs " SCEN_SEED_RANGE);
		o->have_seed = true;
		return 0;
	case 'n':
		if (!parse_count(arg, &o->draws, 1, SCEN_MAX_DRAWS))
			return cli_usage_error(cmd, "--draws needs " SCEN_DRAWS_RANGE);
		o->have_draws = true;
		return 0;
	case 't':
		if (!parse_count(arg, &n, 1, 256))
			return cli_usage_error(cmd, "--threads needs 1 to 256");
		o->threads = (unsigned)n;
		return 0;
	case 'k':
		if (!parse_count(arg, &n, 1, 1u << 24))
			return cli_usage_error(cmd, "--types needs 1 to 16777216");
		o->types = (unsigned)n;
		return 0;
	default: return -1;
	}
}

int cli_load_file(struct session *cr, const char *path, struct run_options *o)
{
	if (!o->stop) {
		struct sigaction sa = { .sa_handler = on_interrupt };
		sigaction(SIGINT, &sa, NULL);
		o->stop = (volatile int *)&interrupted;
	}
	return session_load(cr, path);
}

/* Runs f(cr, o) with the progress shown on stderr when it is a terminal. */
static int with_progress(struct session *cr, struct run_options *o,
			 int (*f)(struct session *cr, const struct run_options *o, void *arg),
			 void *arg)
{
	struct progress p = { .width = 0 };
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	if (isatty(STDERR_FILENO)) {
		o->progress = show_progress;
		o->progress_arg = &p;
	}
	int status = f(cr, o, arg);
	clear_progress(&p);
	o->progress = NULL;
	o->progress_arg = NULL;
	return status;
}

static int run_all(struct session *cr, const struct run_options *o, void *arg)
{
	(void)arg;
	return session_run(cr, o);
}

int cli_run_file(struct session *cr, const char *path, struct run_options *o)
{
	int status = cli_load_file(cr, path, o);
	return status ? status : with_progress(cr, o, run_all, NULL);
}

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

/* ---- `scen run FILE --shard I/N [-o PARTIAL]` ---- */

static int run_shard(struct session *cr, const struct run_options *o, void *arg)
{
	return interp_run_shard(cr->it, o, arg, &cr->sink);
}

/* The partial goes to output (rw rewrites it) or to stdout (checked, as every write to
** stdout, when main returns). */
static int write_partial(const char *path, const char *output, struct rewrite *rw,
			 const struct run_options *o, const struct session *cr,
			 const struct run_totals *t)
{
	struct run_params rp = interp_params(cr->it, o);
	struct partial_head h = { .source = (char *)path, .seed = rp.seed, .draws = rp.draws,
				  .types = rp.types, .units = rp.units,
				  .index = o->shard_index, .count = o->shard_count,
				  .keys = rp.keys };
	partial_hash(&cr->prog, h.hash);
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	int rc = mem ? partial_write(mem, &h, t) : -1;
	if (mem && fclose(mem) != 0)
		rc = -1;
	if (rc != 0)
		snprintf(rw->why, sizeof rw->why, "%s", strerror(errno));
	else if (output)
		rc = rewrite_file(rw, output, buf, len);
	else
		fwrite(buf, 1, len, stdout);
	free(buf);
	if (rc != 0) {
		fprintf(stderr, "scen run: cannot write '%s': %s\n",
			output ? output : "the partial", rw->why);
		return STATUS_IO;
	}
	return STATUS_OK;
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
		status = with_progress(&cr, o, run_shard, &t);
	if (status == 0 && o->stop && *o->stop) {
		fprintf(stderr, "scen run: interrupted: shard %u/%u not written\n",
			o->shard_index, o->shard_count);
		status = STATUS_INTERRUPTED;
	}
	if (status == 0)
		status = write_partial(path, output, rw, o, &cr, &t);
	totals_free(&t);
	session_free(&cr);
	return status;
}

/* "I/N", 1 <= I <= N <= 2^20. */
static bool parse_shard(const char *s, struct run_options *o)
{
	char i[24], n[24];
	const char *slash = strchr(s, '/');
	if (!slash || slash - s >= (long)sizeof i || strlen(slash + 1) >= sizeof n)
		return false;
	memcpy(i, s, (size_t)(slash - s));
	i[slash - s] = 0;
	strcpy(n, slash + 1);
	uint64_t a, b;
	if (!parse_count(i, &a, 1, 1u << 20) || !parse_count(n, &b, 1, 1u << 20) || a > b)
		return false;
	o->shard_index = (unsigned)a;
	o->shard_count = (unsigned)b;
	return true;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_RUN_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "shard", required_argument, NULL, 'S' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	struct rewrite rw = { .force_hint = "--force" };
	const char *format = NULL, *output = NULL;
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS "f:o:h", longopts, NULL)) != -1) {
		if ((st = cli_run_option("run", c, optarg, &o)) >= 0) {
			if (st)
				return st;
			continue;
		}
		switch (c) {
		case 'f':
			format = optarg;
			if (!report_format_known(format))
				return cli_usage_error("run", "--format is text, json or csv");
			break;
		case 'S':
			if (!parse_shard(optarg, &o))
				return cli_usage_error("run", "--shard needs I/N, 1 <= I <= N <= 1048576");
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			rw.force = true;
			break;
		case 'h':
			puts("usage: scen run FILE [--seed N] [--draws N] [--threads N] [--types K] "
			     "[--format text|json|csv]\n"
			     "       scen run FILE --shard I/N [-o PARTIAL [--force]] [--seed N] "
			     "[--draws N] [--threads N] [--types K]");
			return STATUS_OK;
		default: return cli_usage_error("run", "bad option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("run", optind >= argc ? "missing FILE" : "one FILE at a time");
	if (o.shard_count && format)
		return cli_usage_error("run", "a shard writes a partial, not a report: --format "
				       "is for `scen merge`");
	if (output && !o.shard_count)
		return cli_usage_error("run", "-o is for --shard (a report goes to stdout)");
	if (rw.force && !output)
		return cli_usage_error("run", "--force is for -o (it rewrites a read-only partial)");
	if (o.shard_count)
		return shard_file(argv[optind], &o, output, &rw);
	return run_file(argv[optind], &o, format ? format : "text");
}
