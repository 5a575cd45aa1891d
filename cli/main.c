/*
** main.c: `scen COMMAND ...`: dispatch to the subcommands, --help and --version.
*/
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "repl.h"

static const char usage[] =
	"usage: scen COMMAND [OPTIONS] [FILE...]\n"
	"\n"
	"commands:\n"
	"  check [-v] [--werror] FILE...  parse and check; -v summarises the model,\n"
	"                           --werror makes warnings errors\n"
	"  fmt [-w] FILE...         print canonical source; -w rewrites the files\n"
	"  attrs [--markdown] [ROLE]  the attributes each role accepts\n"
	"  run FILE [--seed N] [--draws N] [--threads N] [--format text|json|csv]\n"
	"                           evaluate the scenario and print its reports\n"
	"  run FILE --shard I/N [-o PARTIAL] [--seed N] [--draws N]\n"
	"                           evaluate shard I of N of the run, write its totals\n"
	"  merge [--file FILE] [--format text|json|csv] PARTIAL...\n"
	"                           add up the shards' partials: the whole run's report\n"
	"  export --efg FILE [--draw N]  the provocation game as a Gambit .efg file\n"
	"  repl [FILE]              the interactive session (also: `scen` with no arguments\n"
	"                           on a terminal); type :help inside\n"
	"  plot FILE... [-o OUT.svg|OUT.png] [--seed N] [--draws N] [--threads N]\n"
	"                           run the scenario and draw its sweeps with gnuplot\n"
	"  diff OLD NEW [--format text|json] [--plot OUT] [--seed N] [--draws N] [--threads N]\n"
	"                           what an edit changed: the model, then each report's\n"
	"                           results with standard errors under common random\n"
	"                           numbers (exit 0 same, 1 different, 2 trouble)\n"
	"  textconv FILE [--draws N] the source, then its results as comments (git diff)\n"
	"  lsp [--stdio]            the language server, for editors (LSP on stdin/stdout)\n"
	"\n"
	"options:\n"
	"  -h, --help               this text\n"
	"  -V, --version            the version\n"
	"\n"
	"exit status: 0 ok, 1 the input has errors, 2 bad usage, 3 I/O failure\n"
	"environment: SCEN_PATH (extra import directories), NO_COLOR\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "check", cmd_check },
	{ "fmt", cmd_fmt },
	{ "attrs", cmd_attrs },
	{ "run", cmd_run },
	{ "export", cmd_export },
	{ "repl", cmd_repl },
	{ "plot", cmd_plot },
	{ "diff", cmd_diff },
	{ "textconv", cmd_textconv },
	{ "merge", cmd_merge },
	{ "lsp", cmd_lsp },
};

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "scen%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'scen --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/* Renders into memory first: stderr is unbuffered, and one write per batch keeps a
** long list of diagnostics fast and in one piece. */
void cli_flush_diags(struct diag_sink *sink)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem) {
		diag_render(sink, mem, diag_want_color(stderr));
		fclose(mem);
		fwrite(buf, 1, len, stderr);
		free(buf);
	} else {
		diag_render(sink, stderr, diag_want_color(stderr));
	}
	diag_clear(sink);
}

int main(int argc, char **argv)
{
	if (argc < 2 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return cmd_repl(1, (char *[]){ "repl", NULL });
	if (argc < 2)
		return cli_usage_error(NULL, "missing command");
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("scen %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
