/*
** cmd_merge.c: `scen merge [--file FILE] [--format text|json|csv|markdown|latex]
** [--threads N] PARTIAL...`: adds up the partials that `scen run FILE --shard I/N`
** wrote and prints the report of the whole run, byte for byte what `scen run FILE`
** prints. The partials must come from the same file (same hash of every file loaded),
** seed, draws and types, and their units must cover the run once, in any order and from any mix of
** shard counts. The file is read again (the partials name it; --file when it has moved)
** once the first partial is read, and every partial is checked against the run it
** makes before its totals are added: the stream keys of its seed, and every invariant
** of its totals (interp_check_totals). A partial that does not hold them is refused,
** never printed (docs/shards.md, "What scen merge checks").
*/
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/partial.h"
#include "report/report.h"
#include "util/xalloc.h"

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
	return STATUS_ERRORS;
}

/* b was made by the same run as a. */
static int same_run(const struct part *a, const struct part *b)
{
	const char *what = strcmp(a->h.version, b->h.version) ? "version of scen"
		: strcmp(a->h.source, b->h.source) ? "source"
		: strcmp(a->h.hash, b->h.hash) ? "source text (a file changed between shards)"
		: !partial_same_files(&a->h, &b->h, true) ? "files (their paths or SHA-256)"
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

/* The file as it is now is the one the shards ran. */
static int same_file(const struct session *cr, const struct run_options *o,
		     const struct part *p, const char *path)
{
	char hash[17];
	partial_hash(&cr->prog, hash);
	struct run_params rp = interp_params(cr->it, o);
	if (strcmp(hash, p->h.hash) != 0)
		return merge_error("%s has changed since the shards ran (its hash, with its "
				   "imports, is %s, the partials' %s)", path, hash, p->h.hash);
	struct partial_head now = { .source = NULL };
	partial_files(&cr->prog, &now);
	bool same = partial_same_files(&now, &p->h, false);
	partial_head_free(&now);
	if (!same)
		return merge_error("%s: its `files` are not those %s loads now (their SHA-256 "
				   "differ)", p->path, path);
	if (rp.units != p->h.units || rp.jobs != p->njobs || rp.vnodes != p->nvnodes)
		return merge_error("%s does not make the run the partials come from", path);
	return 0;
}

/* p's totals t can be what the run of the file computes for its units, with its seed. */
static int fits_run(const struct session *cr, const struct run_options *o,
		    const struct part *p, const struct run_totals *t)
{
	char why[512];
	if (interp_params(cr->it, o).keys != p->h.keys)
		return merge_error("%s: its draws were not made with its seed %llu (its stream "
				   "keys are those of another seed): the seed was changed after "
				   "the shard ran", p->path, (unsigned long long)p->h.seed);
	if (interp_check_totals(cr->it, o, t, why, sizeof why))
		return merge_error("%s: not the totals of its units of the run: %s", p->path, why);
	return 0;
}

/* Reads partial i into t; for the first, loads the file and checks that it is the
** one the shards ran (cr, o set here). */
static int read_part(struct part *parts, unsigned i, const char *file, struct session *cr,
		     struct run_options *o, struct run_totals *t)
{
	struct part *p = &parts[i];
	char err[512];
	int st = partial_read(p->path, &p->h, t, err, sizeof err);
	if (st) {
		fprintf(stderr, "scen merge: %s\n", err);
		return st;
	}
	p->lo = t->lo;
	p->hi = t->hi;
	p->njobs = t->njobs;
	p->nvnodes = t->nvnodes;
	if (i)
		return same_run(&parts[0], p);
	const char *path = file ? file : p->h.source;
	o->have_seed = o->have_draws = true;
	o->seed = p->h.seed;
	o->draws = p->h.draws;
	o->types = (unsigned)p->h.types;
	cr->quiet = true;	/* the runs that wrote the partials showed its warnings */
	st = cli_load_file(cr, path, o);
	return st ? st : same_file(cr, o, p, path);
}

/* Reads the partials one at a time (only one is in memory at once), checks each against
** the first and against the run the file makes, and adds its totals into sum. */
static int read_parts(struct part *parts, unsigned n, const char *file, struct session *cr,
		      struct run_options *o, struct run_totals *sum)
{
	for (unsigned i = 0; i < n; i++) {
		struct run_totals t;
		int st = read_part(parts, i, file, cr, o, &t);
		if (!st)
			st = fits_run(cr, o, &parts[i], &t);
		if (!st && !i)
			totals_init(sum, t.njobs, t.nvnodes);
		if (!st && !totals_add(sum, &t))	/* cannot happen after fits_run */
			st = merge_error("%s: its counts or sums overflow", parts[i].path);
		totals_free(&t);
		if (st)
			return st;
	}
	sum->hi = parts[0].h.units;
	return covered(parts, n);
}

static int print_merged(struct session *cr, const struct run_options *o,
			struct run_totals *sum, const char *format)
{
	int status = interp_summarise(cr->it, o, sum, &cr->result, &cr->sink);
	if (status == 0)
		report_print(stdout, &cr->result, format);
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
				return cli_usage_error("merge", "--format is text, json, csv, "
						       "markdown or latex");
			break;
		case 't':
			if ((st = cli_run_option("merge", c, optarg, &o)))
				return st;
			break;
		case 'h':
			puts("usage: scen merge [--file FILE] [--format text|json|csv|markdown|latex] "
			     "[--threads N] PARTIAL...");
			return STATUS_OK;
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
	struct session cr = { .loaded = false };
	st = read_parts(parts, n, file, &cr, &o, &sum);
	if (st == 0)
		st = print_merged(&cr, &o, &sum, format);
	if (cr.loaded)
		session_free(&cr);
	for (unsigned i = 0; i < n; i++)
		partial_head_free(&parts[i].h);
	totals_free(&sum);
	free(parts);
	return st;
}
