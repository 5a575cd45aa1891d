/*
** cmd_fmt.c: `scen fmt [-w [--force]] FILE...`: canonical source. Without -w the result
** goes to stdout; with -w each file that changes is rewritten safely (rewrite.h: through
** a symbolic link, never a FIFO or a device, mode and owner kept; --force for a read-only
** or hard-linked file). A file with syntax errors is reported and left alone.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "parser/parse.h"
#include "parser/print.h"
#include "util/readfile.h"
#include "util/rewrite.h"

static int cannot_write(const char *path, const struct rewrite *rw)
{
	fprintf(stderr, "scen fmt: cannot write '%s': %s\n", path, rw->why);
	return STATUS_IO;
}

/* Formats one file, rewriting it with rw when rw is not NULL; returns its exit status. */
static int fmt_one(const char *path, struct rewrite *rw, struct diag_sink *sink)
{
	if (rw && strcmp(path, "-") == 0)
		return cli_usage_error("fmt", "-w cannot rewrite standard input");
	if (rw && rewrite_check(rw, path) != 0)	/* before reading: a FIFO would block */
		return cannot_write(path, rw);
	struct arena a;
	arena_init(&a);
	size_t len;
	char *text = read_file(&a, path, &len);
	if (!text) {
		fprintf(stderr, "scen: cannot read '%s': %s\n", path, strerror(errno));
		arena_free(&a);
		return STATUS_IO;
	}
	struct ast_file file;
	int status = STATUS_OK;
	if (parse_text(&file, &a, path, text, len, sink) > 0) {
		diag_flush_stderr(sink);
		arena_free(&a);
		return STATUS_ERRORS;
	}
	char *out = NULL;
	size_t outlen = 0;
	FILE *mem = open_memstream(&out, &outlen);
	if (!mem) {
		arena_free(&a);
		return STATUS_IO;
	}
	print_file(mem, &file);
	fclose(mem);
	if (!rw)
		fwrite(out, 1, outlen, stdout);
	else if ((outlen != len || memcmp(out, text, len) != 0) &&
		 rewrite_file(rw, path, out, outlen) != 0)
		status = cannot_write(path, rw);
	free(out);
	arena_free(&a);
	return status;
}

int cmd_fmt(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "write", no_argument, NULL, 'w' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	bool write = false;
	struct rewrite rw = { .force_hint = "--force" };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "wf", longopts, NULL)) != -1) {
		switch (c) {
		case 'w': write = true; break;
		case 'f': rw.force = true; break;
		default: return cli_usage_error("fmt", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("fmt", "missing FILE");
	if (rw.force && !write)
		return cli_usage_error("fmt", "--force is for -w (it rewrites read-only files)");
	struct diag_sink sink;
	diag_init(&sink);
	int status = STATUS_OK;
	for (int i = optind; i < argc; i++) {
		int st = fmt_one(argv[i], write ? &rw : NULL, &sink);
		if (st > status)
			status = st;
	}
	diag_free(&sink);
	return status;
}
