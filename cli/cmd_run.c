/*
** cmd_run.c: `scen run FILE [--seed N] [--draws N] [--threads N] [--types K]
** [--format text|json|csv]`: check, compile, evaluate every report, print.
** On a terminal, a run longer than a second shows its progress on stderr; Ctrl-C stops
** at the next block and prints what was computed, marked as interrupted.
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

static bool parse_count(const char *s, uint64_t *out, uint64_t min)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v < min || s[0] == '-')
		return false;
	*out = v;
	return true;
}

static int run_file(const char *path, struct run_options *o, const char *format)
{
	struct diag_sink sink;
	diag_init(&sink);
	struct program prog;
	program_init(&prog);
	enum check_status st = check_load_file(&prog, path, &sink);
	int status = (int)st;
	if (st == CHECK_OK) {
		struct interp *it = interp_new(&prog, &sink);
		struct run_result r = { 0 };
		struct progress p = { .shown = false };
		clock_gettime(CLOCK_MONOTONIC, &p.start);
		if (isatty(STDERR_FILENO)) {
			o->progress = show_progress;
			o->progress_arg = &p;
		}
		status = interp_run(it, o, &r, &sink);
		if (status == 0) {
			if (strcmp(format, "json") == 0)
				report_json(stdout, &r);
			else if (strcmp(format, "csv") == 0)
				report_csv(stdout, &r);
			else
				report_text(stdout, &r);
		}
		run_result_free(&r);
		interp_free(it);
	}
	cli_flush_diags(&sink);
	program_free(&prog);
	diag_free(&sink);
	return status;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "draws", required_argument, NULL, 'n' },
		{ "threads", required_argument, NULL, 't' },
		{ "types", required_argument, NULL, 'k' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { .stop = (volatile int *)&interrupted };
	const char *format = "text";
	uint64_t n;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "s:n:t:k:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!parse_count(optarg, &o.seed, 0))
				return cli_usage_error("run", "--seed needs a whole number");
			o.have_seed = true;
			break;
		case 'n':
			if (!parse_count(optarg, &o.draws, 1))
				return cli_usage_error("run", "--draws needs a whole number >= 1");
			o.have_draws = true;
			break;
		case 't':
			if (!parse_count(optarg, &n, 1) || n > 256)
				return cli_usage_error("run", "--threads needs 1 to 256");
			o.threads = (unsigned)n;
			break;
		case 'k':
			if (!parse_count(optarg, &n, 1) || n > 1u << 24)
				return cli_usage_error("run", "--types needs 1 to 16777216");
			o.types = (unsigned)n;
			break;
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
	struct sigaction sa = { .sa_handler = on_interrupt };
	sigaction(SIGINT, &sa, NULL);
	return run_file(argv[optind], &o, format);
}
