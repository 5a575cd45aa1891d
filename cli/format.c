/*
** format.c: `--format`, one table for every command that takes it: the formats, and
** which of them each command prints. A bad value gets one wording everywhere, listing
** that command's formats from the table:
**   scen flip: --format 'html': scen flip takes text, json, csv, markdown or latex
** (with a pointer to `scen report` for html, the one page that is not a --format).
** The formats themselves are report/report.c's table (report_format_name), bit k here
** its k-th.
*/
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"

enum { ALL = ~0u };

/* Each command's formats, bit k for report_format_name(k). */
static const struct {
	const char *cmd;
	unsigned takes;
} commands[] = {
	{ "run", ALL }, { "diff", ALL }, { "sense", ALL }, { "merge", ALL }, { "flip", ALL },
};

static unsigned formats_of(const char *cmd)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].cmd, cmd) == 0)
			return commands[i].takes;
	return 0;
}

/* "text, json, csv, markdown or latex": the formats of takes, in the table's order. */
static void list_formats(char *buf, size_t size, unsigned takes)
{
	unsigned n = 0, left = 0;
	for (unsigned k = 0; report_format_name(k); k++)
		left += (takes >> k) & 1;
	buf[0] = '\0';
	for (unsigned k = 0; report_format_name(k); k++) {
		if (!((takes >> k) & 1))
			continue;
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", n == 0 ? "" : n + 1 == left ? " or " : ", ",
			 report_format_name(k));
		n++;
	}
}

int cli_format_option(const char *cmd, const char *arg, const char **format)
{
	unsigned takes = formats_of(cmd);
	for (unsigned k = 0; report_format_name(k); k++)
		if ((takes >> k) & 1 && strcmp(arg, report_format_name(k)) == 0) {
			*format = report_format_name(k);
			return 0;
		}
	char list[96];
	list_formats(list, sizeof list, takes);
	return cli_usage_error(cmd, "--format '%s': scen %s takes %s%s", arg, cmd, list,
			       strcmp(arg, "html") == 0 ? " (an HTML page: scen report FILE)" : "");
}
