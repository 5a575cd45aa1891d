/*
** provenance.h: where a run's numbers come from, as JSON, CSV and the partials carry it
** (docs/json.md, "Provenance"): scen's version, the seed, the draws, the digest of the
** results, and the path and SHA-256 of every file loaded (imports and the prelude), with
** the `--set` overrides applied to the main file.
*/
#ifndef SCEN_PROVENANCE_H
#define SCEN_PROVENANCE_H

#include <jansson.h>
#include <stdio.h>

#include "interp/interp.h"

/* The digest of r's results: the SHA-256 of the table that `--format csv` prints below
** its comment lines (report_csv_table), the same at any thread or shard count. */
void provenance_digest(const struct run_result *r, char out[65]);
/* The same, and the table itself, malloc'd (NULL, with *len 0, when out of memory). */
char *provenance_table(const struct run_result *r, size_t *len, char digest[65]);
/* What print writes for arg, malloc'd (NULL, with *len 0, when out of memory), and its
** SHA-256 in digest: the digest of `scen sense`'s CSV table, of `scen flip`'s and
** `scen diff`'s text (docs/json.md, "Provenance"). */
char *provenance_capture(void (*print)(FILE *out, const void *arg), const void *arg,
			 size_t *len, char digest[65]);
/* Only the digest of what print writes for arg. */
void provenance_digest_of(void (*print)(FILE *out, const void *arg), const void *arg,
			  char digest[65]);
/* The SHA-256 of file f as the run read it (with `--set`, the main file's on disk). */
void provenance_file_sha256(const struct run_result *r, const struct loaded_file *f,
			    char out[65]);
/* { "scen", "seed", "draws", "digest", "files": [{ "path", "sha256" }], "set": [...] } */
json_t *provenance_json(const struct run_result *r);
/* The same with the digest given: r carries the seed, draws, files and overrides only
** (`scen sense` and `scen flip` fill one from their session). */
json_t *provenance_json_digest(const struct run_result *r, const char *digest);
/* `scen diff`'s: old's seed and draws, old's files then those of new_ not listed yet
** (the same path and hash: the prelude once), new_'s overrides. */
json_t *provenance_json_pair(const struct run_result *old, const struct run_result *new_,
			     const char *digest);
/* The same as CSV comment lines (`# scen 1.0`, `# file SHA256  PATH`, ...), before the
** table whose SHA-256 is digest. */
void provenance_csv(FILE *out, const struct run_result *r, const char *digest);
/* `scen diff`'s, as provenance_json_pair lists them. */
void provenance_csv_pair(FILE *out, const struct run_result *old,
			 const struct run_result *new_, const char *digest);

#endif
