/*
** csv.c: `--format csv`, one tidy table for every report kind (docs/json.md,
** "scen run --format csv"): a header, then one row per report × sweep row × measure,
**
**     report,kind,sweep,value,draws,measure,estimate,se,sweep2,value2
**
** (sweep2 and value2: a map's second attribute and value, empty otherwise; last, so
** that a reader by position of the first eight columns reads any run) so that read.csv or pandas.read_csv load any run, and a pivot on `measure` gives one
** column per quantity. A share has its standard error sqrt(P(1 − P)/N) (core.md,
** Aggregation), and so have the mean margins and the leaders' gain (measures.c); another
** mean or a quantile has none (se empty). An estimate that is undefined
** (a mean over no draws, x_min with g = 0) is empty: NA in R, NaN in pandas. Numbers keep
** 10 significant digits, as the JSON; RFC 4180, and no field needs quoting (names are
** identifiers, report names "settlement a vs b" hold only letters, digits, _ and spaces).
** Before the header, the provenance as `#` comment lines (provenance.h), which read.csv
** skips with comment.char = "#" and pandas with comment = "#".
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/provenance.h"
#include "report/report.h"

struct csv {
	FILE *out;
	const struct report_result *rep;
};

void report_csv_number(FILE *out, double v)
{
	if (isfinite(v))
		fprintf(out, ",%.10g", v + 0.0);
	else
		fputc(',', out);
}

/* One measure: its estimate and standard error (NAN: none). */
static void row(void *ctx, const char *measure, double estimate, double se, bool share)
{
	const struct csv *c = ctx;
	const struct report_result *rep = c->rep;
	(void)share;
	fprintf(c->out, "%s,%s,%s", rep->what, report_kind_name(rep), rep->sweep ? rep->sweep : "");
	report_csv_number(c->out, rep->sweep ? rep->sweep_value : NAN);
	fprintf(c->out, ",%llu,%s", (unsigned long long)report_draws(rep), measure);
	report_csv_number(c->out, estimate);
	report_csv_number(c->out, se);
	fprintf(c->out, ",%s", rep->sweep2 ? rep->sweep2 : "");
	report_csv_number(c->out, rep->sweep2 ? rep->sweep2_value : NAN);
	fputc('\n', c->out);
}

void report_csv_table(FILE *out, const struct run_result *r)
{
	fputs("report,kind,sweep,value,draws,measure,estimate,se,sweep2,value2\n", out);
	for (unsigned i = 0; i < r->nreports; i++) {
		struct csv c = { out, &r->reports[i] };
		report_measures(c.rep, row, &c);
	}
}

/* The provenance's comment lines, then the table (whose SHA-256 is their digest). */
void report_csv(FILE *out, const struct run_result *r)
{
	char digest[65];
	size_t len;
	char *buf = provenance_table(r, &len, digest);
	provenance_csv(out, r, digest);
	if (buf)
		fwrite(buf, 1, len, out);
	free(buf);
}
