/*
** main.c: `scen COMMAND ...`: dispatch to the subcommands, --help and --version; and
** the one place where the standard streams are checked, as main returns.
*/
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/closeout.h"
#include "repl/repl.h"

static const char usage[] =
	"usage: scen COMMAND [OPTIONS] [FILE...]\n"
	"\n"
	"commands:\n"
	"  check [-v] [--werror] FILE...  parse and check; -v summarises the model,\n"
	"                           --werror makes warnings errors\n"
	"  fmt [-w [--force]] FILE...  print canonical source; -w rewrites the files\n"
	"                           (--force: read-only or hard-linked ones too)\n"
	"  attrs [--markdown] [ROLE]  the attributes each role accepts\n"
	"  run FILE [--seed N] [--draws N] [--threads N] [--format FORMAT]\n"
	"                           evaluate the scenario and print its reports; FORMAT\n"
	"                           is text, json, csv, markdown or latex\n"
	"  run FILE --shard I/N [-o PARTIAL [--force]] [--seed N] [--draws N]\n"
	"                           evaluate shard I of N of the run, write its totals\n"
	"  merge [--file FILE] [--format FORMAT] PARTIAL...\n"
	"                           add up the shards' partials: the whole run's report\n"
	"  export --efg FILE [--draw N]  the provocation game as a Gambit .efg file\n"
	"  repl [FILE]              the interactive session (also: `scen` with no arguments\n"
	"                           on a terminal); type :help inside\n"
	"  plot FILE... [-o OUT.svg|OUT.png [--force]] [--seed N] [--draws N] [--threads N]\n"
	"                           run the scenario and draw its sweeps with gnuplot\n"
	"  report FILE [-o OUT.html [--force]] [--seed N] [--draws N] [--threads N]\n"
	"                           run the scenario and write it as one self-contained\n"
	"                           HTML page: reports, sweep charts, source, provenance\n"
	"  diff OLD NEW [--format FORMAT] [--plot OUT] [--seed N] [--draws N] [--threads N]\n"
	"                           what an edit changed: the model, then each report's\n"
	"                           results with standard errors under common random\n"
	"                           numbers (exit 0 same, 1 different, 2 trouble)\n"
	"  flip FILE ACTOR.ATTR [--report R] [--level P] [--format text|json]\n"
	"                           where ATTR changes a settlement verdict: the exact\n"
	"                           breakpoints over its range; with `~`, where each\n"
	"                           verdict's share crosses P (50%), with a 95% interval\n"
	"  sense FILE [REPORT...] [--vary NAME.ATTR[=LO:HI]]... [--format text|json|csv]\n"
	"       [--plot OUT] [--set NAME.ATTR=VALUE]... [--seed N] [--draws N] [--threads N]\n"
	"                           what the verdicts hinge on: each input swung to its 5%\n"
	"                           and 95% quantile (tornado), first-order importance,\n"
	"                           shares by decile, under common random numbers\n"
	"  textconv FILE [--draws N] the source, then its results as comments (git diff)\n"
	"  lsp [--stdio]            the language server, for editors (LSP on stdin/stdout)\n"
	"\n"
	"options:\n"
	"  -h, --help               this text\n"
	"  -V, --version            the version\n"
	"  --set NAME.ATTR=VALUE    run, plot, report, diff (to NEW), sense; repeatable:\n"
	"                           the REPL's edit, checked as there; the file unchanged\n"
	"\n"
	"exit status: 0 ok, 1 the input has errors, 2 bad usage, 3 I/O failure (a file or\n"
	"  the output cannot be written), 130 a run interrupted by Ctrl-C\n"
	"environment: SCEN_PATH (extra import directories), NO_COLOR, TERM (dumb: no escapes)\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	int write_failed;	/* the status when the output could not be written */
};

static const struct command commands[] = {
	{ "check", cmd_check, STATUS_IO },
	{ "fmt", cmd_fmt, STATUS_IO },
	{ "attrs", cmd_attrs, STATUS_IO },
	{ "run", cmd_run, STATUS_IO },
	{ "export", cmd_export, STATUS_IO },
	{ "repl", cmd_repl, STATUS_IO },
	{ "plot", cmd_plot, STATUS_IO },
	{ "report", cmd_report, STATUS_IO },
	{ "diff", cmd_diff, 2 },	/* diff(1)'s "trouble" */
	{ "textconv", cmd_textconv, STATUS_IO },
	{ "merge", cmd_merge, STATUS_IO },
	{ "lsp", cmd_lsp, STATUS_IO },
	{ "flip", cmd_flip, STATUS_IO },
	{ "sense", cmd_sense, STATUS_IO },
};

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
		fputs(usage, stdout);
		return STATUS_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("scen %s\n", PACKAGE_VERSION);
		return STATUS_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i].name) == 0) {
			*write_failed = commands[i].write_failed;
			return commands[i].run(argc - 1, argv + 1);
		}
	return cli_usage_error(NULL, "unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
	closeout_init();
	int write_failed = STATUS_IO;
	int status = dispatch(argc, argv, &write_failed);
	return closeout_std_streams(status, write_failed);
}
