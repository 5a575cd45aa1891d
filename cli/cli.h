/*
** cli.h: the subcommands. Each takes argc/argv starting at the subcommand's name and
** returns the exit status: 0 ok, 1 the input has errors, 2 usage, 3 I/O failure, 130
** a run interrupted by Ctrl-C.
*/
#ifndef SCEN_CLI_H
#define SCEN_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "check/check.h"
#include "util/diag.h"
#include "interp/interp.h"
#include "interp/session.h"
#include "util/count.h"
#include "util/status.h"

int cmd_check(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_attrs(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_export(int argc, char **argv);
/* Returns diff(1)'s statuses instead: 0 same, 1 different, 2 trouble. */
int cmd_diff(int argc, char **argv);
int cmd_textconv(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_repl(int argc, char **argv);
int cmd_lsp(int argc, char **argv);
int cmd_flip(int argc, char **argv);
int cmd_sense(int argc, char **argv);

/* ---- running a file, as `scen run` does (cmd_run.c); shared with plot and diff ---- */

/* The run options --seed N, --draws N, --threads N, --types K for getopt_long (needs
** <getopt.h>): CLI_RUN_SHORTOPTS in the option string, CLI_RUN_LONGOPTS in the table. */
#define CLI_RUN_SHORTOPTS "s:n:t:k:"
#define CLI_RUN_LONGOPTS						\
	{ "seed", required_argument, NULL, 's' },			\
	{ "draws", required_argument, NULL, 'n' },			\
	{ "threads", required_argument, NULL, 't' },			\
	{ "types", required_argument, NULL, 'k' }
/* Takes getopt's answer c when it is a run option: 0 when taken, STATUS_USAGE (the
** message printed, naming cmd) when its argument is bad, -1 when c is not one. */
int cli_run_option(const char *cmd, int c, const char *arg, struct run_options *o);

/* Checks, compiles and runs FILE with o (progress on a terminal; Ctrl-C stops at the
** next block unless o->stop is set). Returns the exit status; on 0 cr->result holds the
** results. The check's warnings go to stderr before the run; call session_free
** afterwards in every case: it prints the other diagnostics. */
int cli_run_file(struct session *cr, const char *path, struct run_options *o);
/* The same up to compiling, without running (cr->it is set when it returns 0). */
int cli_load_file(struct session *cr, const char *path, struct run_options *o);

/* override.c: `--set NAME.ATTR=VALUE`. cli_add_override takes one (0, or STATUS_USAGE
** with the message printed); cli_load_file then applies every one, in order, as the REPL
** would (an error inside one is shown on it: `--set:1:COL`), and so does
** cli_load_program, check_load_file's counterpart. */
#define CLI_SET_LONGOPT { "set", required_argument, NULL, 'V' }
int cli_add_override(const char *cmd, const char *arg);
bool cli_have_overrides(void);
/* Names the overrides in r's provenance (the main file's hash, as on disk, with them). */
void cli_override_provenance(struct run_result *r);
enum status cli_load_program(struct program *p, const char *path, struct diag_sink *sink);

/* Runs f(cr, o) with the progress shown on stderr when it is a terminal. */
int cli_with_progress(struct session *cr, struct run_options *o,
		      int (*f)(struct session *cr, const struct run_options *o, void *arg),
		      void *arg);

/* ---- the partial of `scen run --shard` and `scen sense --shard` (report/partial.h) ---- */

struct partial_head;
struct rewrite;
/* The options of a shard, --shard I/N, -o/--output PARTIAL, --force, for getopt_long:
** 'S', 'o' (add "o:" to the option string) and 'F'. */
#define CLI_SHARD_LONGOPTS						\
	{ "shard", required_argument, NULL, 'S' },			\
	{ "output", required_argument, NULL, 'o' },			\
	{ "force", no_argument, NULL, 'F' }
/* What a shard's options rule out, for cmd "run" or "sense": --set with --shard (merge
** reads the file as it is), -o without --shard, --force without -o. The usage error
** printed (STATUS_USAGE), else 0. */
int cli_shard_usage(const char *cmd, const struct run_options *o, const char *output,
		    const struct rewrite *rw);
/* What the two kinds of partial share: a head (partial.h: path's name and the hash and
** SHA-256 of every file s loaded, o's seed, draws, types and shard I/N, units the run's
** units), then write_body(out, head, arg), the kind's own, rendered in memory and then
** written to output (rw rewrites it) or, output NULL, to stdout (checked, as every write
** to stdout, when main returns). Returns STATUS_OK, or STATUS_IO with "scen CMD: cannot
** write '...': why" printed (write_body returns 0, or -1 when out fails). */
int cli_write_partial(const char *cmd, const char *path, const char *output,
		      struct rewrite *rw, const struct run_options *o,
		      const struct session *s, uint64_t units,
		      int (*write_body)(FILE *out, const struct partial_head *h, void *arg),
		      void *arg);

/* `scen CMD --help` (main.c, from the one table of the commands' usage): prints CMD's
** synopsis and summary on stdout; returns STATUS_OK. */
int cli_help(const char *cmd);

/* FILE's base name without .scen, with ext ("examples/darfur.scen", "plot", ".svg" ->
** "darfur.svg"; fallback when nothing is left): malloc'd. */
char *cli_default_output(const char *path, const char *fallback, const char *ext);
/* format.c: `--format ARG` of cmd (run, diff, sense, merge, flip), from the one table of
** each command's formats: 0 with *format set to the format's name, or STATUS_USAGE with
** the message printed, which lists cmd's formats. */
int cli_format_option(const char *cmd, const char *arg, const char **format);
/* Prints "scen CMD: message" and a pointer to --help; returns STATUS_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) SCEN_PRINTF(2, 3);
/* The usage error of a --vary (cmd "sense") or a flip (cmd "flip") of label, which
** means a conflict's attribute (interp_conflict_attr: it has no NAME.ATTR spelling):
** a note at where m's conflict sets it, saying how to put it in a let and vary or flip
** that (docs/sense.md). Returns STATUS_USAGE. */
int cli_conflict_attr_error(const char *cmd, const char *label, const char *file,
			    const struct model *m);

#endif
