/*
** cmd_merge.c: `scen merge [--file FILE] [--format text|json|csv] [--threads N]
** PARTIAL...`: adds up the partials that `scen run FILE --shard I/N` wrote and prints
** the report of the whole run, byte for byte what `scen run FILE` prints. The partials
** must come from the same file (same hash of every file loaded), seed, draws and
** types, and their units must cover the run once, in any order and from any mix of
** shard counts. The file is read again (the partials name it; --file when it has moved).
*/
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "partial.h"
#include "report.h"
#include "xalloc.h"

/* What is kept of a partial once its totals are added to the sum. */
struct part {
	const char *path;
	struct partial_head h;
	uint64_t lo, hi;		/* its units */
	unsigned njobs, nvnodes;
};

static int merge_error(const char *fmt, ...) SCEN_PRINTF(1, 2);
static int merge_error(const char *fmt, ...)
{
	va_list ap;
	fputs("scen merge: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_ERRORS;
}

/* b was made by the same run as a. */
static int same_run(const struct part *a, const struct part *b)
{
	const char *what = strcmp(a->h.version, b->h.version) ? "version of scen"
		: strcmp(a->h.source, b->h.source) ? "source"
		: strcmp(a->h.hash, b->h.hash) ? "source text (a file changed between shards)"
		: a->h.seed != b->h.seed ? "seed" : a->h.draws != b->h.draws ? "draws"
		: a->h.types != b->h.types ? "types" : a->h.units != b->h.units ? "units"
		: a->njobs != b->njobs || a->nvnodes != b->nvnodes ? "reports" : NULL;
	if (what)
		return merge_error("%s and %s come from different runs: not the same %s",
				   a->path, b->path, what);
	return 0;
}

static int by_first_unit(const void *x, const void *y)
{
	const struct part *a = *(struct part *const *)x, *b = *(struct part *const *)y;
	return (a->lo > b->lo) - (a->lo < b->lo);
}

/* The partials cover units 0 .. units-1 once (an empty one, from more shards than
** units, covers nothing). */
static int covered(struct part *parts, unsigned n)
{
	struct part **sorted = xmalloc(n * sizeof *sorted);
	for (unsigned i = 0; i < n; i++)
		sorted[i] = &parts[i];
	qsort(sorted, n, sizeof *sorted, by_first_unit);
	uint64_t next = 0, units = parts[0].h.units;
	const struct part *last = NULL;
	int status = 0;
	for (unsigned i = 0; i < n && !status; i++) {
		const struct part *p = sorted[i];
		if (p->lo == p->hi)
			continue;
		if (p->lo > next)
			status = merge_error("units %llu to %llu of %llu are in no partial (is a "
					     "shard missing?)", (unsigned long long)next,
					     (unsigned long long)p->lo - 1,
					     (unsigned long long)units);
		else if (p->lo < next)
			status = merge_error("%s and %s overlap (units from %llu): each shard "
					     "must be given once", last->path, p->path,
					     (unsigned long long)p->lo);
		next = p->hi;
		last = p;
	}
	if (!status && next < units)
		status = merge_error("units %llu to %llu of %llu are in no partial (is a shard "
				     "missing?)", (unsigned long long)next,
				     (unsigned long long)units - 1, (unsigned long long)units);
	free(sorted);
	return status;
}

/* Reads the partials one at a time, adding each one's totals into sum (so that only
** one partial is in memory at once), and checks that they fit together. */
static int read_parts(struct part *parts, unsigned n, struct run_totals *sum)
{
	char err[512];
	for (unsigned i = 0; i < n; i++) {
		struct part *p = &parts[i];
		struct run_totals t;
		int st = partial_read(p->path, &p->h, &t, err, sizeof err);
		if (st)
			fprintf(stderr, "scen merge: %s\n", err);
		p->lo = t.lo;
		p->hi = t.hi;
		p->njobs = t.njobs;
		p->nvnodes = t.nvnodes;
		if (!st && i)
			st = same_run(&parts[0], p);
		if (!st && !i)
			totals_init(sum, t.njobs, t.nvnodes);
		if (!st)
			totals_add(sum, &t);
		totals_free(&t);
		if (st)
			return st;
	}
	sum->hi = parts[0].h.units;
	return covered(parts, n);
}

/* The file as it is now is the one the shards ran. */
static int same_file(const struct cli_run *cr, const struct run_options *o,
		     const struct part *p, const char *path)
{
	char hash[17];
	partial_hash(&cr->prog, hash);
	struct run_params rp = interp_params(cr->it, o);
	if (strcmp(hash, p->h.hash) != 0)
		return merge_error("%s has changed since the shards ran (its hash, with its "
				   "imports, is %s, the partials' %s)", path, hash, p->h.hash);
	if (rp.units != p->h.units || rp.jobs != p->njobs || rp.vnodes != p->nvnodes)
		return merge_error("%s does not make the run the partials come from", path);
	return 0;
}

static int print_merged(const struct part *parts, struct run_totals *sum, const char *file,
			struct run_options *o, const char *format)
{
	const struct partial_head *h = &parts[0].h;
	const char *path = file ? file : h->source;
	o->have_seed = o->have_draws = true;
	o->seed = h->seed;
	o->draws = h->draws;
	o->types = (unsigned)h->types;
	struct cli_run cr;
	int status = cli_load_file(&cr, path, o);
	if (status == 0)
		status = same_file(&cr, o, &parts[0], path);
	if (status == 0)
		status = interp_summarise(cr.it, o, sum, &cr.result, &cr.sink);
	if (status == 0)
		report_print(stdout, &cr.result, format);
	cli_run_free(&cr);
	return status;
}

int cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	const char *format = "text", *file = NULL;
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, "F:f:t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			file = optarg;
			break;
		case 'f':
			format = optarg;
			if (!report_format_known(format))
				return cli_usage_error("merge", "--format is text, json or csv");
			break;
		case 't':
			if ((st = cli_run_option("merge", c, optarg, &o)))
				return st;
			break;
		case 'h':
			puts("usage: scen merge [--file FILE] [--format text|json|csv] [--threads N] "
			     "PARTIAL...");
			return EXIT_OK;
		default: return cli_usage_error("merge", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("merge", "missing PARTIAL (the files of `scen run --shard`)");
	unsigned n = (unsigned)(argc - optind);
	struct part *parts = xcalloc(n, sizeof *parts);
	for (unsigned i = 0; i < n; i++)
		parts[i].path = argv[optind + i];
	struct run_totals sum = { 0 };
	st = read_parts(parts, n, &sum);
	if (st == 0)
		st = print_merged(parts, &sum, file, &o, format);
	for (unsigned i = 0; i < n; i++)
		partial_head_free(&parts[i].h);
	totals_free(&sum);
	free(parts);
	return st;
}
