/*
** partial.h: the JSON file of one shard of a run (`scen run --shard I/N`), which
** `scen merge` adds up. It names the source and a hash of every file the run loaded,
** the path and SHA-256 of each (their provenance), the run's seed, draws and types, the units it covers, a digest of what the seed made
** of the file (its stream keys), and its totals (totals.h): counts as integers, exact
** sums as decimal strings, sampled values as numbers with 17 significant digits (read
** back to the same double); last, a digest of all of it, so that a damaged file is
** reported as such. docs/json.md has the schema and the digest's definition.
**
** Reading checks what a partial alone can be checked against (its form, its digest,
** its head: the limits of draws, types and shards, the units of shard I of N);
** interp_check_totals checks its totals against the run the file makes.
*/
#ifndef SCEN_PARTIAL_H
#define SCEN_PARTIAL_H

#include <stdbool.h>
#include <stdio.h>

#include "check/check.h"
#include "interp/interp.h"
#include "interp/sense.h"
#include "interp/totals.h"

struct partial_file {
	char *path;			/* as loaded */
	char sha256[65];		/* of its text, in hex */
};

struct partial_head {
	char *source;			/* the file's path, as given to `scen run` */
	char hash[17];			/* FNV-1a 64 of every loaded file, in hex */
	struct partial_file *files;	/* every loaded file (the provenance) */
	unsigned nfiles;
	char *version;			/* of scen */
	uint64_t seed, draws, types, units;
	unsigned index, count;		/* shard I of N */
	uint64_t keys;			/* run_params.keys */
};

/* The hash of every file p loaded (the main file, its imports, the prelude). */
void partial_hash(const struct program *p, char out[17]);
/* h->files: the path and SHA-256 of each file p loaded (freed by partial_head_free). */
void partial_files(const struct program *p, struct partial_head *h);
/* a and b name as many files, with the same SHA-256s in order (and, with paths, the same
** paths). */
bool partial_same_files(const struct partial_head *a, const struct partial_head *b,
			bool paths);
/* Writes h and t as one line of JSON. Returns 0, or -1 when out fails. */
int partial_write(FILE *out, const struct partial_head *h, const struct run_totals *t);
/* Reads path into h and t (t->jobs and t->clamped allocated here). Returns 0, else
** writes why into err and returns STATUS_IO (unreadable) or STATUS_ERRORS (not a partial). */
int partial_read(const char *path, struct partial_head *h, struct run_totals *t,
		 char *err, size_t errlen);
/* The same from text (name for messages; the fuzzer calls this). */
int partial_parse(const char *name, const char *text, size_t len, struct partial_head *h,
		  struct run_totals *t, char *err, size_t errlen);
void partial_head_free(struct partial_head *h);

/* The partial of one shard of `scen sense FILE --shard I/N` (format "scen sense partial
** 1"): the head as above (its units the run's blocks of draws), the options that make
** the run (--vary with their ranges, the reports named) and its totals (sense.h). */
struct partial_sense {
	struct sense_vary *vary;	/* labels owned (partial_sense_free) */
	unsigned nvary;
	char **reports;
	unsigned nreports;
	struct sense_totals t;
};
int partial_write_sense(FILE *out, const struct partial_head *h, const struct partial_sense *s);
void partial_sense_free(struct partial_sense *s);

/* "I/N" of --shard, 1 <= I <= N <= 2^20, into *index and *count; false when it is not. */
bool partial_parse_shard(const char *s, unsigned *index, unsigned *count);

/* A partial of either kind. */
enum partial_kind { PARTIAL_RUN, PARTIAL_SENSE };
struct partial_body {
	enum partial_kind kind;
	struct run_totals run;
	struct partial_sense sense;
};
/* partial_read and partial_parse for both kinds, told apart by their `format`. */
int partial_read_any(const char *path, struct partial_head *h, struct partial_body *b,
		     char *err, size_t errlen);
int partial_parse_any(const char *name, const char *text, size_t len, struct partial_head *h,
		      struct partial_body *b, char *err, size_t errlen);
void partial_body_free(struct partial_body *b);

#endif
