/*
** cmd_textconv.c: `scen textconv FILE [--seed N] [--draws N] [--threads N]`, for git's
** `diff=scen` attribute (docs/git.md): the file's source exactly as it is, then its
** text report (`scen run`) as comment lines, so that `git diff` and `git log -p` show
** each source change next to the change in the results it caused. `scen run` alone
** would show the results without the source lines that changed them.
**
** A textconv filter that fails makes git fail, so a file with errors (an old commit
** that did not check, an import git's temporary copy cannot find) still prints its
** source, followed by the diagnostics as comments; the exit status is 0 unless the file
** cannot be read (3) or the usage is wrong (2). A file that checks prints its warnings
** on stderr, as `scen run` does: they are not results.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli/cli.h"
#include "interp/interp.h"
#include "util/readfile.h"
#include "report/report.h"

/* Each line of text as "# line" ("#" alone for an empty line). */
static void as_comments(FILE *out, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		fputs(n ? "# " : "#", out);
		fwrite(p, 1, n, out);
		fputc('\n', out);
		p += n + 1;
	}
}

static int textconv(const char *path, const struct run_options *o)
{
	struct arena a;
	arena_init(&a);
	size_t len;
	char *src = read_file(&a, path, &len);
	if (!src) {
		fprintf(stderr, "scen textconv: %s: %s\n", path, strerror(errno));
		arena_free(&a);
		return STATUS_IO;
	}
	fwrite(src, 1, len, stdout);
	if (len && src[len - 1] != '\n')
		fputc('\n', stdout);
	char *buf = NULL;
	size_t blen = 0;
	FILE *mem = open_memstream(&buf, &blen);
	if (!mem) {
		arena_free(&a);
		return STATUS_IO;
	}
	struct diag_sink sink;
	diag_init(&sink);
	struct program prog;
	program_init(&prog);
	if (check_load_file(&prog, path, &sink) == STATUS_OK) {
		diag_flush_stderr(&sink);	/* warnings: to stderr, not into the text */
		struct interp *it = interp_new(&prog);
		struct run_result r = { 0 };
		if (it && interp_run(it, o, &r, &sink) == 0)
			report_text(mem, &r);
		run_result_free(&r);
		if (it)
			interp_free(it);
	}
	diag_render(&sink, mem, false);
	fclose(mem);
	puts("\n# ---- scen run ----");
	as_comments(stdout, buf, blen);
	free(buf);
	program_free(&prog);
	diag_free(&sink);
	arena_free(&a);
	return STATUS_OK;
}

int cmd_textconv(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "draws", required_argument, NULL, 'n' },
		{ "threads", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, "s:n:t:", longopts, NULL)) != -1) {
		if ((st = cli_run_option("textconv", c, optarg, &o)) >= 0) {
			if (st)
				return STATUS_USAGE;
			continue;
		}
		return cli_usage_error("textconv", "bad option");
	}
	if (optind + 1 != argc)
		return cli_usage_error("textconv", optind >= argc ? "missing FILE"
								  : "one FILE at a time");
	return textconv(argv[optind], &o);
}
