/*
** cli.h: the subcommands. Each takes argc/argv starting at the subcommand's name and
** returns the exit status: 0 ok, 1 the input has errors, 2 usage, 3 I/O failure.
*/
#ifndef SCEN_CLI_H
#define SCEN_CLI_H

#include <stdbool.h>

#include "check.h"
#include "diag.h"
#include "interp.h"

enum exit_status { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

int cmd_check(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_attrs(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_export(int argc, char **argv);
/* Returns diff(1)'s statuses instead: 0 same, 1 different, 2 trouble. */
int cmd_diff(int argc, char **argv);
int cmd_textconv(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_lsp(int argc, char **argv);

/* ---- running a file, as `scen run` does (cmd_run.c); shared with plot and diff ---- */

/* The run options --seed N, --draws N, --threads N, --types K for getopt_long (needs
** <getopt.h>): CLI_RUN_SHORTOPTS in the option string, CLI_RUN_LONGOPTS in the table. */
#define CLI_RUN_SHORTOPTS "s:n:t:k:"
#define CLI_RUN_LONGOPTS						\
	{ "seed", required_argument, NULL, 's' },			\
	{ "draws", required_argument, NULL, 'n' },			\
	{ "threads", required_argument, NULL, 't' },			\
	{ "types", required_argument, NULL, 'k' }
/* Takes getopt's answer c when it is a run option: 0 when taken, EXIT_USAGE (the
** message printed, naming cmd) when its argument is bad, -1 when c is not one. */
int cli_run_option(const char *cmd, int c, const char *arg, struct run_options *o);
/* A whole number from min to max, written in decimal digits with nothing around it. */
bool cli_parse_count(const char *s, uint64_t *out, uint64_t min, uint64_t max);

/* A file checked, compiled and run. The results point into the program and the
** interpreter, which live as long as this. */
struct cli_run {
	struct diag_sink sink;
	struct program prog;
	struct interp *it;
	struct run_result result;	/* when cli_run_file returned 0 */
	bool loaded;
	bool quiet;			/* set by the caller: the check's warnings are not
					 * printed (merge: the shards' runs printed them) */
};
/* Checks, compiles and runs FILE with o (progress on a terminal; Ctrl-C stops at the
** next block unless o->stop is set). Returns the exit status; on 0 cr->result holds the
** results. The check's warnings go to stderr before the run; call cli_run_free
** afterwards in every case: it prints the other diagnostics. */
int cli_run_file(struct cli_run *cr, const char *path, struct run_options *o);
/* The same up to compiling, without running (cr->it is set when it returns 0). */
int cli_load_file(struct cli_run *cr, const char *path, struct run_options *o);
void cli_run_free(struct cli_run *cr);

/* Prints "scen CMD: message" and a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Renders the sink's diagnostics on stderr (colour on a terminal) and empties it. */
void cli_flush_diags(struct diag_sink *sink);

#endif
