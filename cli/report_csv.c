/*
** report_csv.c: `--format csv`: a header, then one row per report per sweep row
** (RFC 4180; names never need quoting: they are identifiers).
*/
#include <math.h>

#include "report.h"

static void num(FILE *out, double v)
{
	if (isfinite(v))
		fprintf(out, ",%.10g", v);
	else
		fputs(",", out);
}

void report_csv(FILE *out, const struct run_result *r)
{
	static const char *const stat_names[NSTATS] = { "x_min", "x_max", "gap", "p_war",
							  "offer" };
	fputs("report,sweep,value,draws,no_threat,settle,breakdown,risk,se_settle,"
	      "se_breakdown", out);
	for (int c = 0; c < CORE_NCAUSES; c++) {	/* "leaders vs followers": cause_leaders_vs_followers */
		fputs(",cause_", out);
		for (const char *p = core_cause_name(c); *p; p++)
			fputc(*p == ' ' ? '_' : *p, out);
	}
	for (int k = 0; k < NSTATS; k++)
		fprintf(out, ",mean_%s,q05_%s,q50_%s,q95_%s", stat_names[k], stat_names[k],
			stat_names[k], stat_names[k]);
	fputs(",mean_p_breakdown\n", out);
	for (unsigned i = 0; i < r->nreports; i++) {
		const struct report_result *rep = &r->reports[i];
		const struct settle_result *s = &rep->settle;
		if (rep->kind != RK_SETTLEMENT)
			continue;	/* mediation and provocation: text and JSON only */
		double n = (double)s->draws;
		fprintf(out, "%s,%s", rep->what, rep->sweep ? rep->sweep : "");
		num(out, rep->sweep ? rep->sweep_value : NAN);
		fprintf(out, ",%llu", (unsigned long long)s->draws);
		for (int v = 0; v <= CORE_RISK; v++)
			num(out, (double)s->verdicts[v] / n);
		for (int v = CORE_SETTLE; v <= CORE_BREAKDOWN; v++) {
			double p = (double)s->verdicts[v] / n;
			num(out, sqrt(p * (1 - p) / n));
		}
		for (int c = 0; c < CORE_NCAUSES; c++)
			num(out, (double)s->causes[c] / n);
		for (int k = 0; k < NSTATS; k++) {
			num(out, s->stats[k].mean);
			for (int q = 0; q < NQUANTILES; q++)
				num(out, s->stats[k].q[q]);
		}
		num(out, s->mean_p_breakdown);
		fputc('\n', out);
	}
}
