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
**
** The partials of `scen sense FILE --shard I/N` are merged the same way into the report
** of `scen sense FILE` (with the --vary and reports the partials name), byte for byte;
** a sense partial does not merge with a run's.
*/
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "interp/sense.h"
#include "report/partial.h"
#include "report/report.h"
#include "util/xalloc.h"

/* What is kept of a partial once its totals are added to the sum. */
struct part {
	const char *path;
	struct partial_head h;
	enum partial_kind kind;
	uint64_t lo, hi;		/* its units */
	unsigned njobs, nvnodes;	/* a sense partial's: reports and inputs */
};

/* What the merge adds up: a run's totals, or a sense run's with its options (the first
** partial's, which every other must share). */
struct merge {
	struct part *parts;
	unsigned n;
	const char *file;		/* --file */
	struct session cr;
	struct run_options o;
	struct run_totals sum;
	struct partial_sense sense;	/* sense.t the sum */
	struct sense_options so;
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

static const char *const writer[] = { [PARTIAL_RUN] = "scen run",
				       [PARTIAL_SENSE] = "scen sense" };

/* A sense partial b names the --vary and reports of the first, s. */
static bool same_options(const struct partial_sense *s, const struct partial_sense *b)
{
	if (s->nvary != b->nvary || s->nreports != b->nreports)
		return false;
	for (unsigned v = 0; v < s->nvary; v++) {
		const struct sense_vary *x = &s->vary[v], *y = &b->vary[v];
		if (strcmp(x->label, y->label) != 0 || x->have_range != y->have_range ||
		    (x->have_range && (x->lo != y->lo || x->hi != y->hi)))
			return false;
	}
	for (unsigned r = 0; r < s->nreports; r++)
		if (strcmp(s->reports[r], b->reports[r]) != 0)
			return false;
	return true;
}

/* b was made by the same run as a (for sense partials, s the first's options, bs b's). */
static int same_run(const struct part *a, const struct part *b,
		    const struct partial_sense *s, const struct partial_sense *bs)
{
	if (a->kind != b->kind)
		return merge_error("%s is a partial of `%s --shard`, %s of `%s --shard`: they "
				   "do not merge", a->path, writer[a->kind], b->path,
				   writer[b->kind]);
	const char *what = strcmp(a->h.version, b->h.version) ? "version of scen"
		: strcmp(a->h.source, b->h.source) ? "source"
		: strcmp(a->h.hash, b->h.hash) ? "source text (a file changed between shards)"
		: !partial_same_files(&a->h, &b->h, true) ? "files (their paths or SHA-256)"
		: a->h.seed != b->h.seed ? "seed" : a->h.draws != b->h.draws ? "draws"
		: a->h.types != b->h.types ? "types" : a->h.units != b->h.units ? "units"
		: a->njobs != b->njobs || a->nvnodes != b->nvnodes ? "reports"
		: a->kind == PARTIAL_SENSE && !same_options(s, bs) ? "--vary or reports" : NULL;
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
	bool fits = p->kind == PARTIAL_SENSE
		? sense_blocks(cr->it, o) == p->h.units
		: rp.units == p->h.units && rp.jobs == p->njobs && rp.vnodes == p->nvnodes;
	if (!fits)
		return merge_error("%s does not make the run the partials come from", path);
	return 0;
}

/* p's totals b can be what the run of the file computes for its units, with its seed. */
static int fits_run(struct merge *m, const struct part *p, const struct partial_body *b)
{
	const struct session *cr = &m->cr;
	const struct run_options *o = &m->o;
	char why[512];
	if (interp_params(cr->it, o).keys != p->h.keys)
		return merge_error("%s: its draws were not made with its seed %llu (its stream "
				   "keys are those of another seed): the seed was changed after "
				   "the shard ran", p->path, (unsigned long long)p->h.seed);
	bool holds = p->kind == PARTIAL_SENSE
		? sense_check_totals(cr->it, &m->so, o, &b->sense.t, why, sizeof why)
		: interp_check_totals(cr->it, o, &b->run, why, sizeof why) == NULL;
	if (!holds)
		return merge_error("%s: not the totals of its units of the run: %s", p->path, why);
	return 0;
}

/* The part of partial i, read into b. */
static void note_part(struct part *p, const struct partial_body *b)
{
	p->kind = b->kind;
	if (b->kind == PARTIAL_SENSE) {
		p->lo = b->sense.t.lo;
		p->hi = b->sense.t.hi;
		p->njobs = b->sense.t.njobs;
		p->nvnodes = b->sense.t.ninputs;
	} else {
		p->lo = b->run.lo;
		p->hi = b->run.hi;
		p->njobs = b->run.njobs;
		p->nvnodes = b->run.nvnodes;
	}
}

/* The first partial b's sense options, kept in m (b's taken), and an empty sum of its
** shape. */
static void keep_options(struct merge *m, struct partial_body *b)
{
	struct partial_sense *s = &m->sense;
	const struct sense_totals *t = &b->sense.t;
	*s = b->sense;
	s->t = (struct sense_totals){ 0 };
	b->sense = (struct partial_sense){ .t = *t };
	sense_totals_init(&s->t, t->njobs, t->ninputs, t->nuncertain);
	m->so = (struct sense_options){ .vary = s->vary, .nvary = s->nvary,
					.reports = (const char *const *)s->reports,
					.nreports = s->nreports };
}

/* Reads partial i into b; for the first, loads the file and checks that it is the
** one the shards ran (m->cr, m->o set here). */
static int read_part(struct merge *m, unsigned i, struct partial_body *b)
{
	struct part *p = &m->parts[i];
	char err[512];
	int st = partial_read_any(p->path, &p->h, b, err, sizeof err);
	if (st) {
		fprintf(stderr, "scen merge: %s\n", err);
		return st;
	}
	note_part(p, b);
	if (i)
		return same_run(&m->parts[0], p, &m->sense, &b->sense);
	const char *path = m->file ? m->file : p->h.source;
	struct run_options *o = &m->o;
	o->have_seed = o->have_draws = true;
	o->seed = p->h.seed;
	o->draws = p->h.draws;
	o->types = (unsigned)p->h.types;
	if (b->kind == PARTIAL_SENSE)
		keep_options(m, b);
	m->cr.quiet = true;	/* the runs that wrote the partials showed its warnings */
	m->cr.unfolded = m->so.nvary > 0;	/* as scen sense builds it */
	st = cli_load_file(&m->cr, path, o);
	return st ? st : same_file(&m->cr, o, p, path);
}

/* Adds b, of the first's kind, into the sum; false when a count or a sum overflows. */
static bool add_part(struct merge *m, unsigned i, const struct partial_body *b)
{
	if (b->kind == PARTIAL_SENSE)
		return sense_totals_add(&m->sense.t, &b->sense.t);
	if (!i)
		totals_init(&m->sum, b->run.njobs, b->run.nvnodes);
	return totals_add(&m->sum, &b->run);
}

/* Reads the partials one at a time (only one is in memory at once), checks each against
** the first and against the run the file makes, and adds its totals into the sum. */
static int read_parts(struct merge *m)
{
	for (unsigned i = 0; i < m->n; i++) {
		struct partial_body b;
		int st = read_part(m, i, &b);
		if (!st)
			st = fits_run(m, &m->parts[i], &b);
		if (!st && !add_part(m, i, &b))	/* cannot happen after fits_run */
			st = merge_error("%s: its counts or sums overflow", m->parts[i].path);
		partial_body_free(&b);
		if (st)
			return st;
	}
	m->sum.hi = m->sense.t.hi = m->parts[0].h.units;
	return covered(m->parts, m->n);
}

/* The report of scen sense from the sum. */
static int print_sense(struct merge *m, const char *format)
{
	struct sense_result res;
	char why[512];
	enum sense_status st = sense_merge(m->cr.it, &m->so, &m->o, &m->sense.t, &res, why,
					   sizeof why);
	if (st == SENSE_OK) {
		struct run_result prov = { .seed = res.seed, .draws = res.draws,
					   .files = m->cr.prog.files };
		report_sense(stdout, &res, format, &prov);
	} else {
		merge_error("the partials are not the totals of the whole run: %s", why);
	}
	sense_result_free(&res);
	return st == SENSE_OK ? STATUS_OK : STATUS_ERRORS;
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
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	const char *format = "text", *file = NULL;
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, "F:f:t:", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			file = optarg;
			break;
		case 'f':
			if ((st = cli_format_option("merge", optarg, &format)))
				return st;
			break;
		case 't':
			if ((st = cli_run_option("merge", c, optarg, &o)))
				return st;
			break;
		default: return cli_usage_error("merge", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("merge", "missing PARTIAL (the files of `scen run --shard` or `scen sense --shard`)");
	unsigned n = (unsigned)(argc - optind);
	struct part *parts = xcalloc(n, sizeof *parts);
	for (unsigned i = 0; i < n; i++)
		parts[i].path = argv[optind + i];
	struct merge m = { .parts = parts, .n = n, .file = file, .o = o,
			   .cr = { .loaded = false } };
	st = read_parts(&m);
	if (st == 0)
		st = parts[0].kind == PARTIAL_SENSE ? print_sense(&m, format)
						    : print_merged(&m.cr, &m.o, &m.sum, format);
	if (m.cr.loaded)
		session_free(&m.cr);
	for (unsigned i = 0; i < n; i++)
		partial_head_free(&parts[i].h);
	totals_free(&m.sum);
	partial_sense_free(&m.sense);
	free(parts);
	return st;
}
