/*
** partial.c: see partial.h.
*/
#include "config.h"

#include "report/partial.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/count.h"
#include "util/status.h"
#include "report/json_u64.h"
#include "interp/rng.h"
#include "util/scen_conf.h"
#include "util/sha256.h"
#include "util/xalloc.h"

#define PARTIAL_FORMAT "scen partial 4"
#define SENSE_FORMAT "scen sense partial 1"

void partial_hash(const struct program *p, char out[17])
{
	uint64_t h = RNG_FNV_OFFSET;
	static const unsigned char boundary = 0xff;
	for (const struct loaded_file *f = p->files; f; f = f->next) {
		const struct srcfile *s = &f->ast.src;
		h = rng_fnv1a(h, s->text, s->len);
		h = rng_fnv1a(h, &boundary, 1);	/* a file boundary */
	}
	snprintf(out, 17, "%016" PRIx64, h);
}

void partial_files(const struct program *p, struct partial_head *h)
{
	h->nfiles = 0;
	for (const struct loaded_file *f = p->files; f; f = f->next)
		h->nfiles++;
	h->files = xcalloc(h->nfiles + 1, sizeof *h->files);
	unsigned i = 0;
	for (const struct loaded_file *f = p->files; f; f = f->next, i++) {
		h->files[i].path = xstrdup(f->path);
		sha256_of(f->ast.src.text, f->ast.src.len, h->files[i].sha256);
	}
}

bool partial_same_files(const struct partial_head *a, const struct partial_head *b,
			bool paths)
{
	if (a->nfiles != b->nfiles)
		return false;
	for (unsigned i = 0; i < a->nfiles; i++)
		if (strcmp(a->files[i].sha256, b->files[i].sha256) != 0 ||
		    (paths && strcmp(a->files[i].path, b->files[i].path) != 0))
			return false;
	return true;
}

bool partial_parse_shard(const char *s, unsigned *index, unsigned *count)
{
	char i[24];
	const char *slash = strchr(s, '/');
	if (!slash || slash - s >= (long)sizeof i)
		return false;
	memcpy(i, s, (size_t)(slash - s));
	i[slash - s] = 0;
	uint64_t a, b;
	if (!parse_count(i, &a, 1, 1u << 20) || !parse_count(slash + 1, &b, 1, 1u << 20) || a > b)
		return false;
	*index = (unsigned)a;
	*count = (unsigned)b;
	return true;
}

/* ---- exact sums as decimal text ---- */

static void xsum_text(xsum v, char buf[48])
{
	unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
	char tmp[48];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u);
	int k = 0;
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = 0;
}

static bool xsum_parse(const char *s, xsum *out)
{
	bool neg = *s == '-';
	s += neg;
	if (!*s)
		return false;
	unsigned __int128 u = 0, limit = (unsigned __int128)1 << 127;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || u > (limit - (unsigned)(*s - '0')) / 10)
			return false;
		u = u * 10 + (unsigned)(*s - '0');
	}
	if (!neg && u == limit)
		return false;
	*out = neg ? (xsum)-u : (xsum)u;
	return true;
}

/* ---- the digest of the content ---- */

/* FNV-1a 64 over the text of every value, each followed by a newline: the head's
** (format, scen, source, source_hash, the number of files and each one's path and
** sha256, seed, draws, types, shard, the three units,
** keys), the number of jobs, each job's fields in acc_fields' order (counts and sums in
** decimal), each of its samples' length and values (each the 16 hex digits of its
** IEEE 754 bits, so that no formatting of doubles enters), then the number of clamped
** counts and each. Over the values, not the bytes of the file: a partial re-indented
** keeps its digest; any value changed does not. */
struct digest {
	uint64_t h;
};

static void digest_text(struct digest *d, const char *text)
{
	static const unsigned char newline = '\n';
	d->h = rng_fnv1a(d->h, text, strlen(text));
	d->h = rng_fnv1a(d->h, &newline, 1);
}

static void digest_u64(struct digest *d, uint64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%" PRIu64, v);
	digest_text(d, buf);
}

static void digest_double(struct digest *d, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	char buf[24];
	snprintf(buf, sizeof buf, "%016" PRIx64, bits);
	digest_text(d, buf);
}

static void digest_job(struct digest *d, const struct job_totals *jt)
{
	for (unsigned f = 0; f < nacc_fields; f++) {
		const struct acc_field *a = &acc_fields[f];
		const char *p = (const char *)&jt->acc + a->offset;
		for (unsigned i = 0; i < a->len; i++) {
			char buf[48];
			if (a->kind == FIELD_COUNT) {
				digest_u64(d, ((const uint64_t *)p)[i]);
				continue;
			}
			xsum_text(((const xsum *)p)[i], buf);
			digest_text(d, buf);
		}
	}
	for (int k = 0; k < NSTATS; k++) {
		digest_u64(d, jt->q[k].n);
		for (uint64_t i = 0; i < jt->q[k].n; i++)
			digest_double(d, jt->q[k].v[i]);
	}
}

/* The head's values, its units [lo, hi) of h->units. */
static void digest_head(struct digest *d, const char *format, const char *version,
			const struct partial_head *h, uint64_t lo, uint64_t hi)
{
	char buf[48];
	digest_text(d, format);
	digest_text(d, version);
	digest_text(d, h->source);
	digest_text(d, h->hash);
	digest_u64(d, h->nfiles);
	for (unsigned i = 0; i < h->nfiles; i++) {
		digest_text(d, h->files[i].path);
		digest_text(d, h->files[i].sha256);
	}
	digest_u64(d, h->seed);
	digest_u64(d, h->draws);
	digest_u64(d, h->types);
	snprintf(buf, sizeof buf, "%u/%u", h->index, h->count);
	digest_text(d, buf);
	digest_u64(d, lo);
	digest_u64(d, hi);
	digest_u64(d, h->units);
	snprintf(buf, sizeof buf, "%016" PRIx64, h->keys);
	digest_text(d, buf);
}

static uint64_t content_digest(const char *version, const struct partial_head *h,
			       const struct run_totals *t)
{
	struct digest d = { RNG_FNV_OFFSET };
	digest_head(&d, PARTIAL_FORMAT, version, h, t->lo, t->hi);
	digest_u64(&d, t->njobs);
	for (unsigned j = 0; j < t->njobs; j++)
		digest_job(&d, &t->jobs[j]);
	digest_u64(&d, t->nvnodes);
	for (unsigned i = 0; i < t->nvnodes; i++)
		digest_u64(&d, t->clamped[i]);
	return d.h;
}

/* A sense partial's: the head's values, then each --vary's label, whether it has a
** range and its two ends (IEEE 754 bits), each report named, the shape (reports, inputs,
** uncertain inputs), the draws, and every value of every field in sense_fields' order (a
** sense_sums as its two counts and six sums). */
static void digest_sums(struct digest *d, const struct sense_sums *s)
{
	const xsum *x[] = { &s->a, &s->b, &s->d, &s->qa, &s->qb, &s->qd };
	char buf[48];
	digest_u64(d, s->n);
	digest_u64(d, s->unfit);
	for (unsigned i = 0; i < sizeof x / sizeof x[0]; i++) {
		xsum_text(*x[i], buf);
		digest_text(d, buf);
	}
}

static void digest_sense_field(struct digest *d, const struct sense_totals *t, unsigned f)
{
	const void *a = sense_field_array(t, f);
	char buf[48];
	for (size_t i = 0; i < sense_field_len(t, f); i++)
		switch (sense_fields[f].kind) {
		case SF_SUMS: digest_sums(d, &((const struct sense_sums *)a)[i]); break;
		case SF_COUNTS: digest_u64(d, ((const uint64_t *)a)[i]); break;
		case SF_XSUMS:
			xsum_text(((const xsum *)a)[i], buf);
			digest_text(d, buf);
			break;
		}
}

static uint64_t sense_digest(const char *version, const struct partial_head *h,
			     const struct partial_sense *s)
{
	struct digest d = { RNG_FNV_OFFSET };
	const struct sense_totals *t = &s->t;
	digest_head(&d, SENSE_FORMAT, version, h, t->lo, t->hi);
	digest_u64(&d, s->nvary);
	for (unsigned v = 0; v < s->nvary; v++) {
		digest_text(&d, s->vary[v].label);
		digest_u64(&d, s->vary[v].have_range);
		digest_double(&d, s->vary[v].lo);
		digest_double(&d, s->vary[v].hi);
	}
	digest_u64(&d, s->nreports);
	for (unsigned r = 0; r < s->nreports; r++)
		digest_text(&d, s->reports[r]);
	digest_u64(&d, t->njobs);
	digest_u64(&d, t->ninputs);
	digest_u64(&d, t->nuncertain);
	digest_u64(&d, t->n);
	for (unsigned f = 0; f < nsense_fields; f++)
		digest_sense_field(&d, t, f);
	return d.h;
}

/* ---- writing ---- */

/* Element i of field f of a: a count as an integer, a sum as its decimal text. */
static json_t *field_value(const char *p, const struct acc_field *f, unsigned i)
{
	if (f->kind == FIELD_COUNT)
		return json_integer((json_int_t)((const uint64_t *)p)[i]);
	char buf[48];
	xsum_text(((const xsum *)p)[i], buf);
	return json_string(buf);
}

/* Field f of a: its value, or an array of them. */
static json_t *field_json(const struct acc *a, const struct acc_field *f)
{
	const char *p = (const char *)a + f->offset;
	if (f->len == 1)
		return field_value(p, f, 0);
	json_t *arr = json_array();
	for (unsigned i = 0; i < f->len; i++)
		json_array_append_new(arr, field_value(p, f, i));
	return arr;
}

static json_t *job_json(const struct job_totals *jt)
{
	json_t *o = json_object(), *sample = json_array();
	for (unsigned f = 0; f < nacc_fields; f++)
		json_object_set_new(o, acc_fields[f].name, field_json(&jt->acc, &acc_fields[f]));
	for (int k = 0; k < NSTATS; k++) {
		json_t *v = json_array();
		for (uint64_t i = 0; i < jt->q[k].n; i++)
			json_array_append_new(v, json_real(jt->q[k].v[i]));
		json_array_append_new(sample, v);
	}
	json_object_set_new(o, "sample", sample);
	return o;
}

/* The head's members, format first, then body's, then the digest (17 hex digits with
** its terminator); written as one line of JSON. */
static int write_root(FILE *out, const char *format, const struct partial_head *h,
		      uint64_t lo, uint64_t hi, json_t *body, const char *digest)
{
	char shard[48], keys[17];
	snprintf(shard, sizeof shard, "%u/%u", h->index, h->count);
	snprintf(keys, sizeof keys, "%016" PRIx64, h->keys);
	json_t *files = json_array();
	for (unsigned i = 0; i < h->nfiles; i++)
		json_array_append_new(files, json_pack("{s:s, s:s}", "path", h->files[i].path,
						       "sha256", h->files[i].sha256));
	json_t *root = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:I, s:s, s:[I, I, I], "
				 "s:s}",
		"format", format, "scen", PACKAGE_VERSION, "source", h->source,
		"source_hash", h->hash, "files", files, "seed", json_u64(h->seed),
		"draws", (json_int_t)h->draws, "types", (json_int_t)h->types, "shard", shard,
		"units", (json_int_t)lo, (json_int_t)hi, (json_int_t)h->units, "keys", keys);
	json_object_update(root, body);
	json_decref(body);
	json_object_set_new(root, "digest", json_string(digest));
	int rc = json_dumpf(root, out, JSON_COMPACT | JSON_PRESERVE_ORDER |
			    JSON_REAL_PRECISION(17));
	json_decref(root);
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	return rc;
}

int partial_write(FILE *out, const struct partial_head *h, const struct run_totals *t)
{
	json_t *jobs = json_array(), *clamped = json_array();
	for (unsigned j = 0; j < t->njobs; j++)
		json_array_append_new(jobs, job_json(&t->jobs[j]));
	for (unsigned i = 0; i < t->nvnodes; i++)
		json_array_append_new(clamped, json_integer((json_int_t)t->clamped[i]));
	char digest[17];
	snprintf(digest, sizeof digest, "%016" PRIx64, content_digest(PACKAGE_VERSION, h, t));
	return write_root(out, PARTIAL_FORMAT, h, t->lo, t->hi,
			  json_pack("{s:o, s:o}", "jobs", jobs, "clamped", clamped), digest);
}

static json_t *xsum_json(xsum v)
{
	char buf[48];
	xsum_text(v, buf);
	return json_string(buf);
}

/* A sense_sums as [n, unfit, "Σa", "Σb", "Σd", "Σa²", "Σb²", "Σd²"]. */
static json_t *sums_json(const struct sense_sums *s)
{
	return json_pack("[I, I, o, o, o, o, o, o]", (json_int_t)s->n, (json_int_t)s->unfit,
			 xsum_json(s->a), xsum_json(s->b), xsum_json(s->d), xsum_json(s->qa),
			 xsum_json(s->qb), xsum_json(s->qd));
}

static json_t *sense_field_json(const struct sense_totals *t, unsigned f)
{
	const void *a = sense_field_array(t, f);
	json_t *arr = json_array();
	for (size_t i = 0; i < sense_field_len(t, f); i++)
		json_array_append_new(arr,
			sense_fields[f].kind == SF_SUMS
				? sums_json(&((const struct sense_sums *)a)[i])
			: sense_fields[f].kind == SF_COUNTS
				? json_integer((json_int_t)((const uint64_t *)a)[i])
				: xsum_json(((const xsum *)a)[i]));
	return arr;
}

int partial_write_sense(FILE *out, const struct partial_head *h, const struct partial_sense *s)
{
	const struct sense_totals *t = &s->t;
	json_t *vary = json_array(), *reports = json_array();
	for (unsigned v = 0; v < s->nvary; v++) {
		const struct sense_vary *x = &s->vary[v];
		json_array_append_new(vary, x->have_range
			? json_pack("{s:s, s:[f, f]}", "label", x->label, "range", x->lo, x->hi)
			: json_pack("{s:s}", "label", x->label));
	}
	for (unsigned r = 0; r < s->nreports; r++)
		json_array_append_new(reports, json_string(s->reports[r]));
	json_t *body = json_pack("{s:o, s:o, s:[I, I, I], s:I}", "vary", vary, "reports",
				 reports, "shape", (json_int_t)t->njobs, (json_int_t)t->ninputs,
				 (json_int_t)t->nuncertain, "n", (json_int_t)t->n);
	for (unsigned f = 0; f < nsense_fields; f++)
		json_object_set_new(body, sense_fields[f].name, sense_field_json(t, f));
	char digest[17];
	snprintf(digest, sizeof digest, "%016" PRIx64, sense_digest(PACKAGE_VERSION, h, s));
	return write_root(out, SENSE_FORMAT, h, t->lo, t->hi, body, digest);
}

/* ---- reading ---- */

struct reader {
	const char *path;
	const char *cmd;		/* "scen run", "scen sense": its writer */
	char *err;
	size_t errlen;
	bool failed;
};

static bool fail(struct reader *r, const char *fmt, ...) SCEN_PRINTF(2, 3);
static bool fail(struct reader *r, const char *fmt, ...)
{
	if (r->failed)
		return false;
	r->failed = true;
	int n = snprintf(r->err, r->errlen, "%s: not a partial of `%s --shard`: ",
			 r->path, r->cmd);
	va_list ap;
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < r->errlen)
		vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static bool get_count(struct reader *r, json_t *v, const char *what, uint64_t *out)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return fail(r, "%s is not a whole number", what);
	*out = (uint64_t)json_integer_value(v);
	return true;
}

/* A count in [lo, hi], with `range` the words of fail's message. */
static bool get_in(struct reader *r, json_t *v, const char *what, uint64_t lo, uint64_t hi,
		   const char *range, uint64_t *out)
{
	if (!get_count(r, v, what, out))
		return false;
	return *out >= lo && *out <= hi ? true : fail(r, "%s is not %s", what, range);
}

/* A seed: an integer, or above 2^63 − 1 its digits as a string (json_u64.h). */
static bool get_seed(struct reader *r, json_t *v, uint64_t *out)
{
	const char *s = json_string_value(v);
	if (!s)
		return get_count(r, v, "`seed`", out);
	char *end;
	errno = 0;
	unsigned long long u = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || errno)
		return fail(r, "`seed` is not " SCEN_SEED_RANGE);
	*out = u;
	return true;
}

/* 16 hexadecimal digits. */
static bool get_hex(struct reader *r, json_t *v, const char *what, uint64_t *out)
{
	const char *s = json_string_value(v);
	char *end;
	if (!s || strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16)
		return fail(r, "%s is not 16 hexadecimal digits", what);
	*out = strtoull(s, &end, 16);
	return true;
}

static bool read_field(struct reader *r, json_t *job, const struct acc_field *f,
		       struct acc *a)
{
	json_t *v = json_object_get(job, f->name);
	char *p = (char *)a + f->offset;
	if (f->len > 1 && (!json_is_array(v) || json_array_size(v) != f->len))
		return fail(r, "`%s` is not an array of %u", f->name, f->len);
	for (unsigned i = 0; i < f->len; i++) {
		json_t *x = f->len > 1 ? json_array_get(v, i) : v;
		if (f->kind == FIELD_COUNT) {
			if (!get_count(r, x, f->name, &((uint64_t *)p)[i]))
				return false;
		} else if (!json_is_string(x) ||
			   !xsum_parse(json_string_value(x), &((xsum *)p)[i])) {
			return fail(r, "`%s` is not an exact sum (a decimal string)", f->name);
		}
	}
	return true;
}

static bool read_sample(struct reader *r, json_t *v, struct sample *s)
{
	if (!json_is_array(v))
		return fail(r, "a sample is not an array");
	size_t n = json_array_size(v);
	s->v = xmalloc((n + 1) * sizeof *s->v);
	s->cap = n + 1;
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(v, i);
		if (!json_is_number(x) || !isfinite(json_number_value(x)))
			return fail(r, "a sampled value is not a finite number");
		s->v[s->n++] = json_number_value(x);
	}
	return true;
}

static bool read_job(struct reader *r, json_t *job, struct job_totals *jt)
{
	if (!json_is_object(job))
		return fail(r, "a job is not an object");
	for (unsigned f = 0; f < nacc_fields; f++)
		if (!read_field(r, job, &acc_fields[f], &jt->acc))
			return false;
	json_t *sample = json_object_get(job, "sample");
	if (!json_is_array(sample) || json_array_size(sample) != NSTATS)
		return fail(r, "`sample` is not an array of %d", NSTATS);
	for (int k = 0; k < NSTATS; k++)
		if (!read_sample(r, json_array_get(sample, k), &jt->q[k]))
			return false;
	return true;
}

/* `files`: an array of { path, sha256 }, the hash 64 hexadecimal digits. */
static bool get_files(struct reader *r, json_t *files, struct partial_head *h)
{
	if (!json_is_array(files))
		return fail(r, "`files` is not an array");
	h->files = xcalloc(json_array_size(files) + 1, sizeof *h->files);
	for (size_t i = 0; i < json_array_size(files); i++) {
		json_t *f = json_array_get(files, i);
		const char *path = json_string_value(json_object_get(f, "path"));
		const char *hash = json_string_value(json_object_get(f, "sha256"));
		if (!path || !hash || strlen(hash) != 64 || strspn(hash, "0123456789abcdef") != 64)
			return fail(r, "`files` holds an entry that is not { path, sha256 } "
				    "with 64 hexadecimal digits");
		h->files[h->nfiles].path = xstrdup(path);
		memcpy(h->files[h->nfiles++].sha256, hash, 65);
	}
	return true;
}

/* Shard I of N covers units [⌊U·(I − 1)/N⌋, ⌊U·I/N⌋) of the U = B·G of a run of B
** blocks of draws and G report groups (interp_run_shard, docs/shards.md). */
static bool check_units(struct reader *r, const struct partial_head *h, const uint64_t u[3])
{
	uint64_t blocks = interp_blocks(h->draws);
	if (h->index < 1 || h->index > h->count || h->count > 1u << 20)
		return fail(r, "`shard` is not I/N with 1 <= I <= N <= 1048576");
	if (u[2] == 0 || u[2] % blocks != 0)
		return fail(r, "`units` has a total of %" PRIu64 ", not a multiple of the %" PRIu64
			    " blocks of its %" PRIu64 " draws", u[2], blocks, h->draws);
	uint64_t lo = (uint64_t)((unsigned __int128)u[2] * (h->index - 1) / h->count);
	uint64_t hi = (uint64_t)((unsigned __int128)u[2] * h->index / h->count);
	if (u[0] != lo || u[1] != hi)
		return fail(r, "`units` is [%" PRIu64 ", %" PRIu64 "), but shard %u/%u of %" PRIu64
			    " units is [%" PRIu64 ", %" PRIu64 ")", u[0], u[1], h->index, h->count,
			    u[2], lo, hi);
	return true;
}

static bool read_head(struct reader *r, json_t *root, const char *want,
		      struct partial_head *h, uint64_t units[3])
{
	const char *format = json_string_value(json_object_get(root, "format"));
	const char *version = json_string_value(json_object_get(root, "scen"));
	const char *source = json_string_value(json_object_get(root, "source"));
	const char *hash = json_string_value(json_object_get(root, "source_hash"));
	const char *shard = json_string_value(json_object_get(root, "shard"));
	json_t *u = json_object_get(root, "units");
	if (!format || strcmp(format, want) != 0)
		return fail(r, "its `format` is not \"%s\"", want);
	if (!version || !source || !hash || strlen(hash) != 16 || !shard)
		return fail(r, "`scen`, `source`, `source_hash` or `shard` is missing");
	char tail;
	if (sscanf(shard, "%u/%u%c", &h->index, &h->count, &tail) != 2)
		return fail(r, "`shard` is not I/N");
	if (!json_is_array(u) || json_array_size(u) != 3)
		return fail(r, "`units` is not [first, end, total]");
	h->version = xstrdup(version);
	h->source = xstrdup(source);
	memcpy(h->hash, hash, 17);
	return get_files(r, json_object_get(root, "files"), h) && get_seed(r, json_object_get(root, "seed"), &h->seed) &&
	       get_in(r, json_object_get(root, "draws"), "`draws`", 1, SCEN_MAX_DRAWS,
		      SCEN_DRAWS_RANGE, &h->draws) &&
	       get_in(r, json_object_get(root, "types"), "`types`", 1, 1u << 24,
		      "a whole number from 1 to 16,777,216", &h->types) &&
	       get_count(r, json_array_get(u, 0), "`units`", &units[0]) &&
	       get_count(r, json_array_get(u, 1), "`units`", &units[1]) &&
	       get_count(r, json_array_get(u, 2), "`units`", &units[2]) &&
	       check_units(r, h, units) &&
	       get_hex(r, json_object_get(root, "keys"), "`keys`", &h->keys);
}

static bool read_body(struct reader *r, json_t *root, struct run_totals *t)
{
	json_t *jobs = json_object_get(root, "jobs"), *clamped = json_object_get(root, "clamped");
	if (!json_is_array(jobs) || !json_is_array(clamped))
		return fail(r, "`jobs` or `clamped` is not an array");
	totals_init(t, (unsigned)json_array_size(jobs), (unsigned)json_array_size(clamped));
	for (unsigned j = 0; j < t->njobs; j++)
		if (!read_job(r, json_array_get(jobs, j), &t->jobs[j]))
			return false;
	for (unsigned i = 0; i < t->nvnodes; i++)
		if (!get_count(r, json_array_get(clamped, i), "`clamped`", &t->clamped[i]))
			return false;
	return true;
}

/* The digest the partial carries is that of what it holds. */
static bool check_digest(struct reader *r, json_t *root, uint64_t have)
{
	uint64_t want;
	if (!get_hex(r, json_object_get(root, "digest"), "`digest`", &want))
		return false;
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* tests/fuzz/fuzz_partial.c mutates valid partials' structure: past the digest,
	** every later check of the reader is reached (libFuzzer's convention) */
	want = have;
#endif
	if (have != want) {
		snprintf(r->err, r->errlen, "%s: damaged: its content does not match its digest "
			 "(the file was changed after `%s --shard` wrote it)", r->path, r->cmd);
		r->failed = true;
		return false;
	}
	return true;
}

/* ---- reading a sense partial ---- */

static bool get_sums(struct reader *r, json_t *v, const char *name, struct sense_sums *s)
{
	xsum *x[] = { &s->a, &s->b, &s->d, &s->qa, &s->qb, &s->qd };
	if (!json_is_array(v) || json_array_size(v) != 8)
		return fail(r, "`%s` holds an entry that is not [n, unfit, and six sums]", name);
	if (!get_count(r, json_array_get(v, 0), name, &s->n) ||
	    !get_count(r, json_array_get(v, 1), name, &s->unfit))
		return false;
	for (unsigned i = 0; i < 6; i++) {
		json_t *e = json_array_get(v, i + 2);
		if (!json_is_string(e) || !xsum_parse(json_string_value(e), x[i]))
			return fail(r, "`%s` holds a sum that is not an exact sum (a decimal "
				    "string)", name);
	}
	return true;
}

static bool get_sense_field(struct reader *r, json_t *root, struct sense_totals *t, unsigned f)
{
	const char *name = sense_fields[f].name;
	json_t *arr = json_object_get(root, name);
	size_t n = sense_field_len(t, f);
	void *a = sense_field_array(t, f);
	if (!json_is_array(arr) || json_array_size(arr) != n)
		return fail(r, "`%s` is not an array of %zu", name, n);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, i);
		bool ok = true;
		switch (sense_fields[f].kind) {
		case SF_SUMS: ok = get_sums(r, v, name, &((struct sense_sums *)a)[i]); break;
		case SF_COUNTS: ok = get_count(r, v, name, &((uint64_t *)a)[i]); break;
		case SF_XSUMS:
			if (!json_is_string(v) || !xsum_parse(json_string_value(v), &((xsum *)a)[i]))
				ok = fail(r, "`%s` holds a value that is not an exact sum (a decimal "
					  "string)", name);
			break;
		}
		if (!ok)
			return false;
	}
	return true;
}

/* `vary`: [{label, range: [lo, hi]?}], `reports`: [text], at most SENSE_MAX_VARY each. */
static bool get_options(struct reader *r, json_t *root, struct partial_sense *s)
{
	json_t *vary = json_object_get(root, "vary"), *reports = json_object_get(root, "reports");
	if (!json_is_array(vary) || !json_is_array(reports) ||
	    json_array_size(vary) > SENSE_MAX_VARY || json_array_size(reports) > SENSE_MAX_VARY)
		return fail(r, "`vary` or `reports` is not an array of at most %d", SENSE_MAX_VARY);
	s->vary = xcalloc(json_array_size(vary) + 1, sizeof *s->vary);
	s->reports = xcalloc(json_array_size(reports) + 1, sizeof *s->reports);
	for (; s->nvary < json_array_size(vary); s->nvary++) {
		json_t *v = json_array_get(vary, s->nvary), *range = json_object_get(v, "range");
		const char *label = json_string_value(json_object_get(v, "label"));
		struct sense_vary *x = &s->vary[s->nvary];
		if (!label || (range && (json_unpack(range, "[F, F]", &x->lo, &x->hi) != 0 ||
					 json_array_size(range) != 2)))
			return fail(r, "`vary` holds an entry that is not { label, range: [lo, hi] }");
		x->label = xstrdup(label);
		x->have_range = range != NULL;
	}
	for (; s->nreports < json_array_size(reports); s->nreports++) {
		const char *text = json_string_value(json_array_get(reports, s->nreports));
		if (!text)
			return fail(r, "`reports` holds an entry that is not a string");
		s->reports[s->nreports] = xstrdup(text);
	}
	return true;
}

/* The shape, at most 2^16 reports and inputs (no run has more), then the fields. */
static bool read_sense_body(struct reader *r, json_t *root, struct partial_sense *s)
{
	json_int_t jobs, inputs, uncertain;
	if (!get_options(r, root, s))
		return false;
	if (json_unpack(json_object_get(root, "shape"), "[I, I, I]", &jobs, &inputs,
			&uncertain) != 0 || jobs < 0 || jobs > 1 << 16 || inputs < 0 ||
	    inputs > 1 << 16 || uncertain < 0 || uncertain > inputs)
		return fail(r, "`shape` is not [reports, inputs, uncertain inputs]");
	sense_totals_init(&s->t, (unsigned)jobs, (unsigned)inputs, (unsigned)uncertain);
	if (!get_count(r, json_object_get(root, "n"), "`n`", &s->t.n))
		return false;
	for (unsigned f = 0; f < nsense_fields; f++)
		if (!get_sense_field(r, root, &s->t, f))
			return false;
	return true;
}

/* ---- reading either kind ---- */

/* root (taken) into h and b, of the kind its format says when any, else a run's. */
static int from_json(const char *name, json_t *root, json_error_t *je, bool any,
		     struct partial_head *h, struct partial_body *b, char *err, size_t errlen)
{
	memset(h, 0, sizeof *h);
	memset(b, 0, sizeof *b);
	if (!root) {
		snprintf(err, errlen, "%s:%d:%d: not JSON: %s", name, je->line, je->column,
			 je->text);
		return STATUS_ERRORS;
	}
	const char *format = json_string_value(json_object_get(root, "format"));
	/* "scen sense partial 0" (another version's) is a sense partial that does not read */
	bool sense = any && format && strncmp(format, SENSE_FORMAT, strlen(SENSE_FORMAT) - 1) == 0;
	b->kind = sense ? PARTIAL_SENSE : PARTIAL_RUN;
	struct reader r = { name, sense ? "scen sense" : "scen run", err, errlen, false };
	uint64_t units[3] = { 0 };
	bool ok = json_is_object(root)
		? read_head(&r, root, sense ? SENSE_FORMAT : PARTIAL_FORMAT, h, units) &&
		  (sense ? read_sense_body(&r, root, &b->sense) : read_body(&r, root, &b->run))
		: fail(&r, "not a JSON object");
	if (ok) {
		struct sense_totals *st = &b->sense.t;
		h->units = units[2];
		if (sense) {
			st->lo = units[0];
			st->hi = units[1];
		} else {
			b->run.lo = units[0];
			b->run.hi = units[1];
		}
		ok = check_digest(&r, root, sense ? sense_digest(h->version, h, &b->sense)
						  : content_digest(h->version, h, &b->run));
	}
	json_decref(root);
	return ok ? 0 : STATUS_ERRORS;
}

static int parse_text(const char *name, const char *text, size_t len, bool any,
		      struct partial_head *h, struct partial_body *b, char *err, size_t errlen)
{
	json_error_t je;
	return from_json(name, json_loadb(text, len, 0, &je), &je, any, h, b, err, errlen);
}

/* No size limit: a partial of a long sweep may well pass SCEN_MAX_FILE. */
static int read_path(const char *path, bool any, struct partial_head *h,
		     struct partial_body *b, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		memset(h, 0, sizeof *h);
		memset(b, 0, sizeof *b);
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return STATUS_IO;
	}
	json_error_t je;
	json_t *root = json_loadf(f, 0, &je);
	fclose(f);
	return from_json(path, root, &je, any, h, b, err, errlen);
}

int partial_parse(const char *name, const char *text, size_t len, struct partial_head *h,
		  struct run_totals *t, char *err, size_t errlen)
{
	struct partial_body b;
	int st = parse_text(name, text, len, false, h, &b, err, errlen);
	*t = b.run;
	return st;
}

int partial_read(const char *path, struct partial_head *h, struct run_totals *t,
		 char *err, size_t errlen)
{
	struct partial_body b;
	int st = read_path(path, false, h, &b, err, errlen);
	*t = b.run;
	return st;
}

int partial_parse_any(const char *name, const char *text, size_t len, struct partial_head *h,
		      struct partial_body *b, char *err, size_t errlen)
{
	return parse_text(name, text, len, true, h, b, err, errlen);
}

int partial_read_any(const char *path, struct partial_head *h, struct partial_body *b,
		     char *err, size_t errlen)
{
	return read_path(path, true, h, b, err, errlen);
}

void partial_sense_free(struct partial_sense *s)
{
	for (unsigned v = 0; v < s->nvary; v++)
		free((char *)s->vary[v].label);
	for (unsigned r = 0; r < s->nreports; r++)
		free(s->reports[r]);
	free(s->vary);
	free(s->reports);
	sense_totals_free(&s->t);
	memset(s, 0, sizeof *s);
}

void partial_body_free(struct partial_body *b)
{
	totals_free(&b->run);
	partial_sense_free(&b->sense);
}

void partial_head_free(struct partial_head *h)
{
	for (unsigned i = 0; i < h->nfiles; i++)
		free(h->files[i].path);
	free(h->files);
	free(h->source);
	free(h->version);
	memset(h, 0, sizeof *h);
}
