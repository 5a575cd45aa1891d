/*
** report.c: the output formats, one table: the name that --format takes and the
** function that prints a run's results in it (`scen run`, `scen merge`). The command
** line's --format (cli/format.c) lists its formats from here: every command prints the
** same ones (diff, sense and flip in their own printers).
*/
#include <assert.h>
#include <string.h>

#include "report/report.h"

static const struct {
	const char *name;
	void (*print)(FILE *out, const struct run_result *r);
} formats[] = {
	{ "text", report_text },
	{ "json", report_json },
	{ "csv", report_csv },
	{ "markdown", report_markdown },
	{ "latex", report_latex },
};

static int format_index(const char *format)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i].name, format) == 0)
			return (int)i;
	return -1;
}

const char *report_format_name(unsigned k)
{
	return k < sizeof formats / sizeof formats[0] ? formats[k].name : NULL;
}

void report_print(FILE *out, const struct run_result *r, const char *format)
{
	int i = format_index(format);
	assert(i >= 0);	/* the command line took it from report_format_name */
	formats[i].print(out, r);
}
