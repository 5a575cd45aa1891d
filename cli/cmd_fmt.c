/*
** cmd_fmt.c: `scen fmt [-w] FILE...`: canonical source. Without -w the result goes to
** stdout; with -w each file that changes is rewritten atomically (temp file + rename).
** A file with syntax errors is reported and left alone.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parse.h"
#include "print.h"
#include "readfile.h"

/* Formats one file; returns its exit status. */
static int fmt_one(const char *path, bool write, struct diag_sink *sink)
{
	struct arena a;
	arena_init(&a);
	size_t len;
	char *text = read_file(&a, path, &len);
	if (!text) {
		fprintf(stderr, "scen: cannot read '%s': %s\n", path, strerror(errno));
		arena_free(&a);
		return EXIT_IO;
	}
	struct ast_file file;
	int status = EXIT_OK;
	if (parse_text(&file, &a, path, text, len, sink) > 0) {
		cli_flush_diags(sink);
		arena_free(&a);
		return EXIT_ERRORS;
	}
	char *out = NULL;
	size_t outlen = 0;
	FILE *mem = open_memstream(&out, &outlen);
	if (!mem) {
		arena_free(&a);
		return EXIT_IO;
	}
	print_file(mem, &file);
	fclose(mem);
	if (!write) {
		fwrite(out, 1, outlen, stdout);
	} else if (strcmp(path, "-") == 0) {
		status = cli_usage_error("fmt", "-w cannot rewrite standard input");
	} else if (outlen != len || memcmp(out, text, len) != 0) {
		if (write_file_atomic(path, out, outlen) != 0) {
			fprintf(stderr, "scen: cannot write '%s': %s\n", path, strerror(errno));
			status = EXIT_IO;
		}
	}
	free(out);
	arena_free(&a);
	return status;
}

int cmd_fmt(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "write", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool write = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "wh", longopts, NULL)) != -1) {
		switch (c) {
		case 'w': write = true; break;
		case 'h': puts("usage: scen fmt [-w] FILE..."); return EXIT_OK;
		default: return cli_usage_error("fmt", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("fmt", "missing FILE");
	struct diag_sink sink;
	diag_init(&sink);
	int status = EXIT_OK;
	for (int i = optind; i < argc; i++) {
		int st = fmt_one(argv[i], write, &sink);
		if (st > status)
			status = st;
	}
	diag_free(&sink);
	return status;
}
