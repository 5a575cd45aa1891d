/*
** cli.h: the subcommands. Each takes argc/argv starting at the subcommand's name and
** returns the exit status: 0 ok, 1 the input has errors, 2 usage, 3 I/O failure.
*/
#ifndef SCEN_CLI_H
#define SCEN_CLI_H

#include <stdbool.h>

#include "diag.h"

enum exit_status { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

int cmd_check(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_attrs(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_export(int argc, char **argv);
/* Returns diff(1)'s statuses instead: 0 same, 1 different, 2 trouble. */
int cmd_diff(int argc, char **argv);
int cmd_textconv(int argc, char **argv);

/* Prints "scen CMD: message" and a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Renders the sink's diagnostics on stderr (colour on a terminal) and empties it. */
void cli_flush_diags(struct diag_sink *sink);

#endif
