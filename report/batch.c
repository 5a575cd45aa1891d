/*
** batch.c: `scen run A.scen B.scen ...`, the reports of several files in one output.
** Text, Markdown and LaTeX: each file's report after a line that names the file. CSV: one
** table, the CSV of every file with a first column `file` (so read.csv or pandas load a
** case library at once), each file's rows after its provenance's comment lines. JSON: one array of the files' documents, each with a first key
** "file". A file that fails (its errors on stderr) adds nothing.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

/* path as one CSV field (RFC 4180: quoted when it holds a comma, a quote or a new line),
** quoted too when it starts with #, so that no row reads as a comment line. */
void report_csv_field(FILE *out, const char *path)
{
	if (!strpbrk(path, ",\"\r\n") && path[0] != '#') {
		fputs(path, out);
		return;
	}
	fputc('"', out);
	for (const char *p = path; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

/* The report in format, as report_print prints it, in a malloc'd string. */
static char *printed(const struct run_result *r, const char *format)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return NULL;
	report_print(mem, r, format);
	if (fclose(mem) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The file's provenance comments as they are, the header once, then its rows. */
static void csv_file(FILE *out, const char *path, const char *csv, bool first)
{
	const char *line = csv, *nl;
	for (; *line == '#'; line = nl + 1) {
		nl = strchr(line, '\n');
		fprintf(out, "%.*s\n", (int)(nl - line), line);
	}
	nl = strchr(line, '\n');
	if (first)	/* the header, once */
		fprintf(out, "file,%.*s\n", (int)(nl - line), line);
	for (line = nl + 1; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		report_csv_field(out, path);
		fprintf(out, ",%.*s\n", (int)(nl - line), line);
	}
}

static void json_file(FILE *out, const char *path, const char *doc, bool first)
{
	json_t *parsed = json_loads(doc, JSON_DECODE_ANY, NULL);
	json_t *obj = json_pack("{s:s}", "file", path);
	if (parsed)
		json_object_update(obj, parsed);
	fputs(first ? "[\n" : ",\n", out);
	json_dumpf(obj, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(obj);
	json_decref(parsed);
}

bool report_batch_file(FILE *out, const char *format, const char *path,
		       const struct run_result *r, unsigned i)
{
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
		/* the name as the format writes text: a path's _ or * is not emphasis, its
		** line break does not end a heading or a comment */
		static const struct {
			const char *format, *before, *after;
			void (*text)(FILE *out, const char *s);
		} heads[] = {
			{ "markdown", "# ", "\n\n", report_markdown_text },
			{ "latex", "% ", "\n", report_latex_text },
		};
		const char *before = "==> ", *after = " <==\n";
		void (*text)(FILE *, const char *) = NULL;
		for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++)
			if (strcmp(heads[k].format, format) == 0)
				before = heads[k].before, after = heads[k].after, text = heads[k].text;
		fprintf(out, "%s%s", i ? "\n" : "", before);
		if (text)
			text(out, path);
		else
			fputs(path, out);
		fputs(after, out);
		report_print(out, r, format);
		return true;
	}
	char *text = printed(r, format);
	if (!text)
		return false;
	if (strcmp(format, "csv") == 0)
		csv_file(out, path, text, i == 0);
	else
		json_file(out, path, text, i == 0);
	free(text);
	return true;
}

void report_batch_end(FILE *out, const char *format, unsigned printed_files)
{
	if (strcmp(format, "json") == 0)
		fputs(printed_files ? "\n]\n" : "[]\n", out);
	else if (strcmp(format, "csv") == 0 && !printed_files)
		fputs("file,report,kind,sweep,value,draws,measure,estimate,se,sweep2,value2\n", out);
}
