/*
** provenance.c: see provenance.h. The CSV's comment lines are those that read.csv
** (comment.char = "#") and pandas.read_csv (comment = "#") skip; the `# file` lines are
** `sha256sum`'s own format, so that `sed -n 's/^# file //p' run.csv | sha256sum -c`
** checks that the files are still those that made the numbers.
*/
#include "config.h"

#include "report/provenance.h"

#include <stdlib.h>
#include <string.h>

#include "report/json_u64.h"
#include "report/report.h"
#include "util/sha256.h"

char *provenance_capture(void (*print)(FILE *out, const void *arg), const void *arg,
			 size_t *len, char digest[65])
{
	char *buf = NULL;
	*len = 0;
	FILE *mem = open_memstream(&buf, len);
	if (mem) {
		print(mem, arg);
		if (fclose(mem) != 0) {
			free(buf);
			buf = NULL;
		}
	}
	if (!buf)
		*len = 0;
	sha256_of(buf ? buf : "", *len, digest);
	return buf;
}

void provenance_digest_of(void (*print)(FILE *out, const void *arg), const void *arg,
			  char digest[65])
{
	size_t len;
	free(provenance_capture(print, arg, &len, digest));
}

static void csv_table(FILE *out, const void *r)
{
	report_csv_table(out, r);
}

char *provenance_table(const struct run_result *r, size_t *len, char digest[65])
{
	return provenance_capture(csv_table, r, len, digest);
}

void provenance_digest(const struct run_result *r, char out[65])
{
	provenance_digest_of(csv_table, r, out);
}

void provenance_file_sha256(const struct run_result *r, const struct loaded_file *f,
			    char out[65])
{
	if (f == r->files && r->nset && r->main_sha256)
		snprintf(out, 65, "%s", r->main_sha256);
	else
		sha256_of(f->ast.src.text, f->ast.src.len, out);
}

static bool lists(const struct run_result *r, const char *path, const char *hash);

/* Appends r's files to files, but those that skip lists (the same path and hash). */
static void add_files(json_t *files, const struct run_result *r, const struct run_result *skip)
{
	char hash[65];
	for (const struct loaded_file *f = r->files; f; f = f->next) {
		provenance_file_sha256(r, f, hash);
		if (!skip || !lists(skip, f->path, hash))
			json_array_append_new(files, json_pack("{s:s, s:s}", "path", f->path,
							       "sha256", hash));
	}
}

json_t *provenance_json_pair(const struct run_result *old, const struct run_result *new_,
			     const char *digest)
{
	json_t *files = json_array(), *set = json_array();
	add_files(files, old, NULL);
	if (new_)
		add_files(files, new_, old);
	const struct run_result *with_set = new_ ? new_ : old;
	for (unsigned i = 0; i < with_set->nset; i++)
		json_array_append_new(set, json_string(with_set->set[i]));
	return json_pack("{s:s, s:o, s:I, s:s, s:o, s:o}", "scen", PACKAGE_VERSION,
			 "seed", json_u64(old->seed), "draws", (json_int_t)old->draws,
			 "digest", digest, "files", files, "set", set);
}

json_t *provenance_json_digest(const struct run_result *r, const char *digest)
{
	return provenance_json_pair(r, NULL, digest);
}

json_t *provenance_json(const struct run_result *r)
{
	char digest[65];
	provenance_digest(r, digest);
	return provenance_json_digest(r, digest);
}

/* "# file HASH  PATH" as sha256sum prints it: a path with a backslash or a line break
** has them escaped (\\, \n, \r) and the line starts with a backslash. */
static void file_line(FILE *out, const char *hash, const char *path)
{
	bool escaped = strpbrk(path, "\\\n\r") != NULL;
	fprintf(out, "# file %s%s  ", escaped ? "\\" : "", hash);
	for (const char *p = path; *p; p++)
		if (escaped && (*p == '\\' || *p == '\n' || *p == '\r'))
			fprintf(out, "\\%c", *p == '\\' ? '\\' : *p == '\n' ? 'n' : 'r');
		else
			fputc(*p, out);
	fputc('\n', out);
}

/* Whether r lists a file of that path and hash. */
static bool lists(const struct run_result *r, const char *path, const char *hash)
{
	char h[65];
	for (const struct loaded_file *f = r->files; f; f = f->next) {
		provenance_file_sha256(r, f, h);
		if (strcmp(f->path, path) == 0 && strcmp(h, hash) == 0)
			return true;
	}
	return false;
}

void provenance_csv_pair(FILE *out, const struct run_result *old,
			 const struct run_result *new_, const char *digest)
{
	fprintf(out, "# scen %s\n# seed %llu\n# draws %llu\n# digest %s\n", PACKAGE_VERSION,
		(unsigned long long)old->seed, (unsigned long long)old->draws, digest);
	/* Ctrl-C: the text's and HTML's note, JSON's "interrupted": true (docs/json.md) */
	if (old->stopped || (new_ && new_->stopped))
		fputs("# interrupted: these results cover only the draws made\n", out);
	char hash[65];
	for (const struct loaded_file *f = old->files; f; f = f->next) {
		provenance_file_sha256(old, f, hash);
		file_line(out, hash, f->path);
	}
	for (const struct loaded_file *f = new_ ? new_->files : NULL; f; f = f->next) {
		provenance_file_sha256(new_, f, hash);
		if (!lists(old, f->path, hash))
			file_line(out, hash, f->path);
	}
	const struct run_result *with_set = new_ ? new_ : old;
	for (unsigned i = 0; i < with_set->nset; i++)
		fprintf(out, "# set %s\n", with_set->set[i]);
}

void provenance_csv(FILE *out, const struct run_result *r, const char *digest)
{
	provenance_csv_pair(out, r, NULL, digest);
}
