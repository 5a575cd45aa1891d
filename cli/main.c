/*
** main.c: `scen COMMAND ...`: dispatch to the subcommands, --help and --version; and
** the one place where the standard streams are checked, as main returns.
*/
#include "config.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/closeout.h"
#include "repl/repl.h"

/* Each command's usage, written once: `scen --help` lists them all, `scen CMD --help`
** shows its own (tests/cli/help.sh checks that each names every option its getopt table
** takes). synopsis: its forms after "scen ", one a line; a line that starts with a space
** goes on with the form above. summary: what it does, one line of the help a line. */
struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	int write_failed;	/* the status when the output could not be written */
	const char *synopsis, *summary;
};

#define RUN_OPTS "[--seed N] [--draws N] [--threads N] [--types K]"
#define SET_OPT "[--set NAME.ATTR=VALUE]..."

static const struct command commands[] = {
	{ "check", cmd_check, STATUS_IO, "check [-v] [--werror] FILE...",
	  "parse and check; -v summarises the model,\n--werror makes warnings errors" },
	{ "fmt", cmd_fmt, STATUS_IO, "fmt [-w [--force]] FILE...",
	  "print canonical source; -w rewrites the files\n"
	  "(--force: read-only or hard-linked ones too)" },
	{ "attrs", cmd_attrs, STATUS_IO, "attrs [--markdown] [ROLE]",
	  "the attributes each role accepts" },
	{ "run", cmd_run, STATUS_IO,
	  "run FILE... [--format text|json|csv|markdown|latex]\n"
	  "    " SET_OPT "\n"
	  "    " RUN_OPTS "\n"
	  "run FILE --shard I/N [-o PARTIAL [--force]] [--seed N] [--draws N]\n"
	  "    [--threads N] [--types K]",
	  "evaluate the scenario and print its reports; FILE...:\n"
	  "each file's (csv, json: one table, a file column);\n"
	  "--shard: shard I of N of the run, its totals as a\n"
	  "partial for scen merge" },
	{ "merge", cmd_merge, STATUS_IO,
	  "merge [--file FILE] [--format text|json|csv|markdown|latex]\n"
	  "    [--threads N] PARTIAL...",
	  "add up the partials of `scen run --shard` or of\n"
	  "`scen sense --shard` (one kind at a time): the\n"
	  "report of the whole run, byte for byte what scen\n"
	  "run or scen sense prints" },
	{ "export", cmd_export, STATUS_IO, "export --efg FILE [--draw N] [--seed N]",
	  "the provocation game as a Gambit .efg file" },
	{ "repl", cmd_repl, STATUS_IO, "repl [FILE]",
	  "the interactive session (also: `scen` with no\n"
	  "arguments on a terminal); type :help inside" },
	{ "plot", cmd_plot, STATUS_IO,
	  "plot FILE... [-o OUT.svg|OUT.png|OUT.pdf [--force]] [--script]\n"
	  "    [--y verdicts|pwar|cause:NAME|quantity:NAME]...\n"
	  "    [--y agreement|margins] [--y pwar|atrocities|gain]\n"
	  "    [--title TEXT] [--size WxH] [--mono] " SET_OPT "\n"
	  "    " RUN_OPTS,
	  "run the scenario and draw its sweeps with gnuplot;\n"
	  "--y: what a settlement, a mediation or a provocation\n"
	  "sweep draws (by default the verdicts; all series);\n"
	  "--mono for print; --script: the gnuplot script only" },
	{ "report", cmd_report, STATUS_IO,
	  "report FILE [-o OUT.html [--force]] [--no-sense | --sense-draws N]\n"
	  "    " SET_OPT "\n"
	  "    " RUN_OPTS,
	  "run the scenario and write it as one self-contained\n"
	  "HTML page: reports, sweep charts, source, provenance" },
	{ "diff", cmd_diff, 2,	/* diff(1)'s "trouble" */
	  "diff OLD NEW [--format text|json|csv|markdown|latex]\n"
	  "    [--plot OUT.svg] " SET_OPT "\n"
	  "    " RUN_OPTS,
	  "what an edit changed: the model, then each report's\n"
	  "results with standard errors under common random\n"
	  "numbers; --set edits NEW (exit 0 same, 1 different,\n"
	  "2 trouble)" },
	{ "flip", cmd_flip, STATUS_IO,
	  "flip FILE ACTOR.ATTR [--report R] [--level P]\n"
	  "    [--format text|json|csv|markdown|latex] " SET_OPT "\n"
	  "    " RUN_OPTS,
	  "where ATTR changes a settlement verdict: the exact\n"
	  "breakpoints over its range; with `~`, where each\n"
	  "verdict's share crosses P (50%), with a 95% interval" },
	{ "sense", cmd_sense, STATUS_IO,
	  "sense FILE [REPORT...] [--report R]... [--vary NAME.ATTR[=LO:HI]]...\n"
	  "    [--format text|json|csv|markdown|latex] [--plot OUT.svg|OUT.png|OUT.pdf]\n"
	  "    [--spider OUT.svg|OUT.png|OUT.pdf] [--mono] " SET_OPT "\n"
	  "    [--shard I/N [--output PARTIAL] [--force]]\n"
	  "    " RUN_OPTS,
	  "what the verdicts hinge on: each input swung to its\n"
	  "5% and 95% quantile (tornado), first-order\n"
	  "importance, shares by decile, under common random\n"
	  "numbers" },
	{ "textconv", cmd_textconv, STATUS_IO, "textconv FILE [--seed N] [--draws N] [--threads N]",
	  "the source, then its results as comments (git diff)" },
	{ "lsp", cmd_lsp, STATUS_IO, "lsp [--stdio]",
	  "the language server, for editors (LSP on\n"
	  "stdin/stdout)" },
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static const char options_and_status[] =
	"options:\n"
	"  -h, --help               this text; after a command, that command's usage\n"
	"  -V, --version            the version\n"
	"  --set NAME.ATTR=VALUE    run, plot, report, diff (to NEW), sense, flip;\n"
	"                           repeatable: the REPL's edit, checked as there; the\n"
	"                           file unchanged\n"
	"\n"
	"exit status: 0 ok, 1 the input has errors, 2 bad usage, 3 I/O failure (a file or\n"
	"  the output cannot be written), 130 a run interrupted by Ctrl-C\n"
	"environment: SCEN_PATH (extra import directories), NO_COLOR, TERM (dumb: no\n"
	"  escapes)\n";

enum { SUMMARY_COLUMN = 27 };

/* Prints text's lines, each after indent spaces; the first after `first` columns
** already written (on the same line when they leave room). */
static void print_lines(const char *text, int indent, int first)
{
	if (first + 2 > indent) {
		putchar('\n');
		first = 0;
	}
	for (const char *s = text; *s; first = 0) {
		size_t n = strcspn(s, "\n");
		printf("%*s%.*s\n", indent - first, "", (int)n, s);
		s += n + (s[n] == '\n');
	}
}

/* The command's synopsis lines: each form after `form`, each line going on with one
** after `cont` and its own indent dropped; returns the width of the last line. */
static int print_synopsis(const struct command *c, const char *form, const char *then,
			  const char *cont, bool keep_indent)
{
	int width = 0;
	for (const char *s = c->synopsis; *s; form = then) {
		size_t n = strcspn(s, "\n");
		bool goes_on = *s == ' ';
		const char *line = s;
		if (goes_on && !keep_indent)
			while (*line == ' ')
				line++;
		if (s != c->synopsis)
			putchar('\n');
		width = printf("%s%.*s", goes_on ? cont : form, (int)(n - (size_t)(line - s)), line);
		s += n + (s[n] == '\n');
	}
	return width;
}

static void print_all_usage(void)
{
	fputs("usage: scen COMMAND [OPTIONS] [FILE...]\n\ncommands:\n", stdout);
	for (const struct command *c = commands; c < commands + NCOMMANDS; c++)
		print_lines(c->summary, SUMMARY_COLUMN, print_synopsis(c, "  ", "  ", "  ", true));
	putchar('\n');
	fputs(options_and_status, stdout);
}

static const struct command *find_command(const char *name)
{
	for (const struct command *c = commands; c < commands + NCOMMANDS; c++)
		if (strcmp(name, c->name) == 0)
			return c;
	return NULL;
}

int cli_help(const char *name)
{
	const struct command *c = find_command(name);
	assert(c);
	print_synopsis(c, "usage: scen ", "       scen ", "       ", false);
	putchar('\n');
	print_lines(c->summary, 2, 0);
	return STATUS_OK;
}

/* `scen CMD ... --help`: -h or --help anywhere before `--`, so that every command's help
** is its line in commands[] (an option's argument of "-h" is not one any option wants). */
static bool asks_help(int argc, char **argv)
{
	for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

/* Renders into memory first: stderr is unbuffered, and one write per batch keeps a
** long list of diagnostics fast and in one piece. */

static int dispatch(int argc, char **argv, int *write_failed)
{
	if (argc < 2 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return cmd_repl(1, (char *[]){ "repl", NULL });
	if (argc < 2)
		return cli_usage_error(NULL, "missing command");
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		print_all_usage();
		return STATUS_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("scen %s\n", PACKAGE_VERSION);
		return STATUS_OK;
	}
	const struct command *c = find_command(cmd);
	if (!c)
		return cli_usage_error(NULL, "unknown command '%s'", cmd);
	*write_failed = c->write_failed;
	return asks_help(argc, argv) ? cli_help(cmd) : c->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	closeout_init();
	int write_failed = STATUS_IO;
	int status = dispatch(argc, argv, &write_failed);
	return closeout_std_streams(status, write_failed);
}
