/*
** cli.c: what the subcommands share (cli.h): usage errors, the run options, and running
** a file through the session facade (interp/session.h) with the Ctrl-C handler and the
** progress line of a terminal.
*/
#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "check/model.h"
#include "report/partial.h"
#include "util/rewrite.h"
#include "util/progress.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "scen%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'scen --help' for more information.\n", stderr);
	return STATUS_USAGE;
}

/* What the file sets a conflict's attribute to, as written ("25%"), or its default. */
static const char *conflict_value(char *buf, size_t size, const struct vnode *v,
				  const struct attr_def *a)
{
	if (!v)
		return a->dflt;
	struct span sp = v->expr->span;
	snprintf(buf, size, "%.*s", (int)(sp.end - sp.start), v->file->text + sp.start);
	return buf;
}

int cli_conflict_attr_error(const char *cmd, const char *label, const char *file,
			    const struct model *m)
{
	const struct attr_def *a;
	const struct conflict_info *c = interp_conflict_attr(m, label, &a);
	assert(c);
	const struct vnode *v = c->attrs[a - roles[BLOCK_CONFLICT].attrs];
	bool vary = strcmp(cmd, "sense") == 0;
	char value[128], then[320];
	snprintf(then, sizeof then, vary ? "--vary %s" : "scen flip %2$s %1$s", a->name, file);
	fprintf(stderr, "scen %s: %s'%s': a conflict has no name, so its attributes have no "
		"NAME.ATTR spelling: put the value in a let and %s the let\n", cmd,
		vary ? "--vary " : "", label, vary ? "vary" : "flip");
	struct diag_sink sink;
	diag_init(&sink);
	const char *x = conflict_value(value, sizeof value, v, a);
	if (v)
		diag_note_alone(&sink, v->file, v->where, "conflict %s vs %s sets `%s` here: write "
				"`let %s = %s` before it and `%s = %s` here, then %s",
				c->state->name, c->rebels->name, a->name, a->name, x, a->name,
				a->name, then);
	else	/* its default: point at the conflict */
		diag_note_alone(&sink, c->file, (struct span){ c->item->span.start,
				c->item->span.start + (uint32_t)strlen("conflict") },
				"conflict %s vs %s leaves `%s` at its default, %s: write `let %s = "
				"%s` before it and `%s = %s` in its block, then %s", c->state->name,
				c->rebels->name, a->name, x, a->name, x, a->name, a->name, then);
	diag_flush_stderr(&sink);
	diag_free(&sink);
	fputs("Try 'scen --help' for more information.\n", stderr);
	return STATUS_USAGE;
}

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
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
		if (!parse_count(arg, &n, 1, SCEN_MAX_THREADS))
			return cli_usage_error(cmd, "--threads needs " SCEN_THREADS_RANGE);
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
	if (!cli_have_overrides())
		return session_load(cr, path);
	/* session_load with the overrides applied to the text (override.c) */
	diag_init(&cr->sink);
	program_init(&cr->prog);
	cr->it = NULL;
	cr->result = (struct run_result){ 0 };
	cr->loaded = true;
	enum status st = cli_load_program(&cr->prog, path, &cr->sink);
	if (st != STATUS_OK)
		return (int)st;
	diag_flush_stderr(&cr->sink);	/* its warnings, before the run */
	cr->it = cr->unfolded ? interp_new_unfolded(&cr->prog) : interp_new(&cr->prog);
	return cr->it ? STATUS_OK : STATUS_ERRORS;
}

/* Runs f(cr, o) with the progress shown on stderr when it is a terminal. */
int cli_with_progress(struct session *cr, struct run_options *o,
		      int (*f)(struct session *cr, const struct run_options *o, void *arg),
		      void *arg)
{
	struct progress p;
	if (progress_start(&p)) {
		o->progress = progress_show;
		o->progress_arg = &p;
	}
	int status = f(cr, o, arg);
	progress_clear(&p);
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
	if (!status)
		status = cli_with_progress(cr, o, run_all, NULL);
	if (!status)
		cli_override_provenance(&cr->result);
	return status;
}

int cli_shard_usage(const char *cmd, const struct run_options *o, const char *output,
		    const struct rewrite *rw)
{
	if (o->shard_count && cli_have_overrides())
		return cli_usage_error(cmd, "--set is not for --shard: `scen merge` reads the "
				       "file as it is");
	if (output && !o->shard_count)
		return cli_usage_error(cmd, "-o is for --shard (a report goes to stdout)");
	if (rw->force && !output)
		return cli_usage_error(cmd, "--force is for -o (it rewrites a read-only "
				       "partial)");
	return 0;
}

/* The partial in memory: 0, or -1 with why set. */
static int render_partial(char **buf, size_t *len, const struct partial_head *h,
			  int (*write_body)(FILE *out, const struct partial_head *h, void *arg),
			  void *arg, char *why, size_t whylen)
{
	FILE *mem = open_memstream(buf, len);
	int rc = mem ? write_body(mem, h, arg) : -1;
	if (mem && fclose(mem) != 0)
		rc = -1;
	if (rc != 0)
		snprintf(why, whylen, "%s", strerror(errno));
	return rc;
}

int cli_write_partial(const char *cmd, const char *path, const char *output,
		      struct rewrite *rw, const struct run_options *o,
		      const struct session *s, uint64_t units,
		      int (*write_body)(FILE *out, const struct partial_head *h, void *arg),
		      void *arg)
{
	struct run_params rp = interp_params(s->it, o);
	struct partial_head h = { .source = (char *)path, .seed = rp.seed, .draws = rp.draws,
				  .types = rp.types, .units = units,
				  .index = o->shard_index, .count = o->shard_count,
				  .keys = rp.keys };
	partial_hash(&s->prog, h.hash);
	partial_files(&s->prog, &h);
	char *buf = NULL;
	size_t len = 0;
	int rc = render_partial(&buf, &len, &h, write_body, arg, rw->why, sizeof rw->why);
	if (rc == 0 && output)
		rc = rewrite_file(rw, output, buf, len);
	else if (rc == 0)
		fwrite(buf, 1, len, stdout);
	free(buf);
	h.source = NULL;	/* path's, not h's */
	partial_head_free(&h);
	if (rc == 0)
		return STATUS_OK;
	fprintf(stderr, "scen %s: cannot write '%s': %s\n", cmd,
		output ? output : "the partial", rw->why);
	return STATUS_IO;
}

char *cli_default_output(const char *path, const char *fallback, const char *ext)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".scen") == 0)
		n -= 5;
	if (n == 0) {
		base = fallback;
		n = strlen(fallback);
	}
	char *out = xmalloc(n + strlen(ext) + 1);
	memcpy(out, base, n);
	strcpy(out + n, ext);
	return out;
}
