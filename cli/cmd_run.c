/*
** cmd_run.c: `scen run FILE [--seed N] [--draws N] [--threads N] [--types K]
** [--format text|json|csv]`: check, compile, evaluate every report, print.
** On a terminal, a run longer than a second shows its progress on stderr; Ctrl-C stops
** at the next block and prints what was computed, marked as interrupted.
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

#include "check.h"
#include "cli.h"
#include "interp.h"
#include "model.h"
#include "report.h"

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct progress {
	struct timespec start;
	bool shown;
};

static void show_progress(uint64_t done, uint64_t total, void *arg)
{
	struct progress *p = arg;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double secs = (double)(now.tv_sec - p->start.tv_sec) +
		      (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
	if (secs < 1 && !p->shown)
		return;
	p->shown = true;
	fprintf(stderr, "\rscen: %3.0f%% of %llu draws", 100.0 * (double)done / (double)total,
		(unsigned long long)total);
	if (done == total)
		fputs("\r\033[K", stderr);
}

bool cli_parse_count(const char *s, uint64_t *out, uint64_t min)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v < min || s[0] == '-')
		return false;
	*out = v;
	return true;
}

int cli_run_option(const char *cmd, int c, const char *arg, struct run_options *o)
{
	uint64_t n;
	switch (c) {
	case 's':
		if (!cli_parse_count(arg, &o->seed, 0))
			return cli_usage_error(cmd, "--seed needs a whole number");
		o->have_seed = true;
		return 0;
	case 'n':
		if (!cli_parse_count(arg, &o->draws, 1))
			return cli_usage_error(cmd, "--draws needs a whole number >= 1");
		o->have_draws = true;
		return 0;
	case 't':
		if (!cli_parse_count(arg, &n, 1) || n > 256)
			return cli_usage_error(cmd, "--threads needs 1 to 256");
		o->threads = (unsigned)n;
		return 0;
	case 'k':
		if (!cli_parse_count(arg, &n, 1) || n > 1u << 24)
			return cli_usage_error(cmd, "--types needs 1 to 16777216");
		o->types = (unsigned)n;
		return 0;
	default: return -1;
	}
}

int cli_run_file(struct cli_run *cr, const char *path, struct run_options *o)
{
	diag_init(&cr->sink);
	program_init(&cr->prog);
	cr->it = NULL;
	cr->result = (struct run_result){ 0 };
	cr->loaded = true;
	if (!o->stop) {
		struct sigaction sa = { .sa_handler = on_interrupt };
		sigaction(SIGINT, &sa, NULL);
		o->stop = (volatile int *)&interrupted;
	}
	enum check_status st = check_load_file(&cr->prog, path, &cr->sink);
	if (st != CHECK_OK)
		return (int)st;
	cr->it = interp_new(&cr->prog, &cr->sink);
	if (!cr->it)
		return EXIT_ERRORS;
	struct progress p = { .shown = false };
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	if (isatty(STDERR_FILENO)) {
		o->progress = show_progress;
		o->progress_arg = &p;
	}
	int status = interp_run(cr->it, o, &cr->result, &cr->sink);
	o->progress = NULL;
	o->progress_arg = NULL;
	return status;
}

void cli_run_free(struct cli_run *cr)
{
	if (!cr->loaded)
		return;
	run_result_free(&cr->result);
	interp_free(cr->it);
	cli_flush_diags(&cr->sink);
	program_free(&cr->prog);
	diag_free(&cr->sink);
	cr->loaded = false;
}

static int run_file(const char *path, struct run_options *o, const char *format)
{
	struct cli_run cr;
	int status = cli_run_file(&cr, path, o);
	if (status == 0) {
		if (strcmp(format, "json") == 0)
			report_json(stdout, &cr.result);
		else if (strcmp(format, "csv") == 0)
			report_csv(stdout, &cr.result);
		else
			report_text(stdout, &cr.result);
	}
	cli_run_free(&cr);
	return status;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_RUN_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	const char *format = "text";
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS "f:h", longopts, NULL)) != -1) {
		if ((st = cli_run_option("run", c, optarg, &o)) >= 0) {
			if (st)
				return st;
			continue;
		}
		switch (c) {
		case 'f':
			format = optarg;
			if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv"))
				return cli_usage_error("run", "--format is text, json or csv");
			break;
		case 'h':
			puts("usage: scen run FILE [--seed N] [--draws N] [--threads N] [--types K] "
			     "[--format text|json|csv]");
			return EXIT_OK;
		default: return cli_usage_error("run", "bad option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("run", optind >= argc ? "missing FILE" : "one FILE at a time");
	return run_file(argv[optind], &o, format);
}
