/*
** report_text.c: the text report, readable at 100 columns. A file with no uncertain
** value gets the exact arithmetic of core.md §1; otherwise shares of draws with their
** standard errors sqrt(P(1 − P)/N), and means and quantiles of the key quantities.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

const char *fmt_num(char *buf, size_t size, double v)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "n/a");
		return buf;
	}
	if (fabs(v) < 5e-13)
		v = 0;
	char raw[64];
	int digits = fabs(v) >= 1 ? 6 - (int)floor(log10(fabs(v))) - 1 : 6;
	snprintf(raw, sizeof raw, "%.*f", digits < 0 ? 0 : digits > 9 ? 9 : digits, v);
	char *dot = strchr(raw, '.');
	if (dot) {	/* trim trailing zeros */
		char *end = raw + strlen(raw) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	const char *digits_start = raw + (raw[0] == '-');
	size_t intlen = strcspn(digits_start, ".");
	size_t o = 0;
	if (raw[0] == '-' && strcmp(raw, "-0") != 0)
		buf[o++] = '-';
	for (size_t i = 0; i < intlen && o + 2 < size; i++) {
		if (i && (intlen - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits_start[i];
	}
	snprintf(buf + o, size - o, "%s", digits_start + intlen);
	return buf;
}

const char *pct(char *buf, size_t size, double share)
{
	snprintf(buf, size, "%.1f%%", 100 * share + 0.0);
	return buf;
}

/* A count, exactly, with thousands separators (fmt_num keeps 6 significant digits:
** 1,234,567 draws would print as 1,234,570). */
const char *fmt_count(char *buf, size_t size, uint64_t n)
{
	char raw[32];
	int len = snprintf(raw, sizeof raw, "%llu", (unsigned long long)n);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
	return buf;
}

/* A subtracted term of a formula: "− 11", or "+ 40" for −40 (a benefit). */
static const char *minus_term(char *buf, size_t size, double v)
{
	char num[40];
	snprintf(buf, size, "%s %s", v < 0 ? "+" : "−", fmt_num(num, sizeof num, fabs(v)));
	return buf;
}

#define N(v) fmt_num((char[40]){ 0 }, 40, (v))
#define M(v) minus_term((char[48]){ 0 }, 48, (v))
#define P(v) pct((char[40]){ 0 }, 40, (v))
#define C(n) fmt_count((char[40]){ 0 }, 40, (n))

/* " points", or "" when the scenario names no unit. */
const char *unit_of(const struct run_result *r)
{
	static _Thread_local char buf[80];
	snprintf(buf, sizeof buf, "%s%s", *r->unit ? " " : "", r->unit);
	return buf;
}

static void print_causes_exact(FILE *out, const struct settle_result *s)
{
	const struct core_causes *w = &s->why;
	if (w->single) {
		for (int c = 0; c < CORE_NCAUSES; c++) {
			if (!(w->single >> c & 1))
				continue;
			const struct core_range *x = &w->without[c];
			if (x->verdict == CORE_NO_THREAT)
				fprintf(out, "  cause        %s: without it NO THREAT (war is worth %s "
					"to the leaders)\n", core_cause_name(c), N(x->war_rebels));
			else
				fprintf(out, "  cause        %s: without it the range is [%s, %s]\n",
					core_cause_name(c), N(x->lo), N(x->hi));
		}
	} else if (w->pair) {
		int a = __builtin_ctz(w->pair), b = __builtin_ctz(w->pair & (w->pair - 1));
		fprintf(out, "  causes       %s and %s together: no single one restores a "
			"settlement\n", core_cause_name(a), core_cause_name(b));
	} else if (w->jointly) {
		fputs("  causes       jointly: only removing every factor restores a settlement\n",
		      out);
	} else {
		fputs("  causes       none of the factors: no settlement even without them\n", out);
	}
}

static void print_exact(FILE *out, const struct run_result *rr, const struct settle_result *s)
{
	const struct core_conflict *c = &s->conflict;
	const struct core_range *r = &s->range;
	const char *u = unit_of(rr);
	fprintf(out, "  stake        V = %s%s; rebels' true chance p = %s (q = %s)\n",
		N(c->value), u, P(r->p), P(r->q));
	fprintf(out, "  rebels       W_R = %s·%s·%s·%s − %s·%s %s = %s\n",
		N(c->leaders_share), N(c->rebels.resolve), N(r->b_rebels), N(c->value),
		N(c->leaders_cost), N(c->rebels.cost), M(r->sigma_rebels[CORE_WAR]),
		N(r->war_rebels));
	fprintf(out, "  state        W_S = %s·(1 − %s)·%s − %s − %s·%s %s = %s\n",
		N(c->state.resolve), N(r->b_state), N(c->value), N(c->state.cost),
		N(r->q_state), N(c->cost_to_state), M(r->sigma_state[CORE_WAR]),
		N(r->war_state));
	if (r->verdict == CORE_NO_THREAT) {
		fprintf(out, "  verdict      NO THREAT: war is worth %s%s to the leaders, no more than "
			"the\n               status quo (%s%s); the state need concede nothing\n",
			N(r->war_rebels), u, N(c->leaders_share * c->rebels.resolve * c->status_quo
					       - r->sigma_rebels[CORE_STATUS_QUO]), u);
		return;
	}
	if (!r->committed) {	/* g = 0: x_min and x_max divide by g */
		fputs("  verdict      BREAKDOWN: no settlement can be carried out (g = 0)\n", out);
		print_causes_exact(out, s);
		return;
	}
	fprintf(out, "  x_min        %s%s (the least the leaders accept)\n", N(r->x_min), u);
	fprintf(out, "  x_max        %s%s (the most the state concedes)\n", N(r->x_max), u);
	if (r->verdict == CORE_SETTLE) {
		fprintf(out, "  verdict      SETTLE: the range is [%s, %s]; predicted split %s%s "
			"to the rebels\n", N(r->lo), N(r->hi), N(r->split), u);
		return;
	}
	if (r->gap > 0)
		fprintf(out, "  verdict      BREAKDOWN: the range is empty, gap %s%s\n", N(r->gap),
			u);
	else if (r->x_min > c->value)
		fprintf(out, "  verdict      BREAKDOWN: the leaders need more than the whole stake "
			"(x_min > V = %s%s)\n", N(c->value), u);
	else if (r->x_max < 0)
		fputs("  verdict      BREAKDOWN: the state would concede nothing (x_max < 0)\n", out);
	else
		fprintf(out, "  verdict      BREAKDOWN: the range [%s, %s] holds no admissible "
			"offer\n", N(r->lo), N(r->hi));
	print_causes_exact(out, s);
}

void share_line(FILE *out, const char *label, uint64_t k, uint64_t n)
{
	double p = n ? (double)k / (double)n : 0;
	double se = n ? sqrt(p * (1 - p) / (double)n) : 0;
	fprintf(out, "    %-24s %7s  ± %.2f%%\n", label, P(p), 100 * se + 0.0);
}

static void print_uncertain(FILE *out, const struct settle_result *s)
{
	static const char *const stat_names[NSTATS] = { "x_min", "x_max", "gap", "P(war)",
							  "offer x*" };
	fputs("  verdicts (share of draws ± standard error)\n", out);
	for (int v = 0; v <= CORE_RISK; v++)
		if (s->verdicts[v] || v == CORE_SETTLE || v == CORE_BREAKDOWN)
			share_line(out, core_verdict_name(v), s->verdicts[v], s->draws);
	if (s->verdicts[CORE_BREAKDOWN]) {
		fputs("  causes of BREAKDOWN (share of all draws)\n", out);
		for (int c = 0; c < CORE_NCAUSES; c++)
			if (s->causes[c])
				share_line(out, core_cause_name(c), s->causes[c], s->draws);
		if (s->pairs)
			share_line(out, "only a pair", s->pairs, s->draws);
		if (s->jointly)
			share_line(out, "only jointly", s->jointly, s->draws);
		if (s->uncaused)
			share_line(out, "none of the factors", s->uncaused, s->draws);
	}
	fprintf(out, "  %-26s %12s %12s %12s %12s\n", "quantities", "mean", "5%", "50%", "95%");
	for (int k = 0; k < NSTATS; k++) {
		const struct stat_summary *st = &s->stats[k];
		if (!st->n)
			continue;
		fprintf(out, "    %-24s %12s %12s %12s %12s\n", stat_names[k], N(st->mean),
			N(st->q[0]), N(st->q[1]), N(st->q[2]));
	}
	if (s->verdicts[CORE_BREAKDOWN])
		fprintf(out, "  mean true chance p over the breakdown draws: %s\n",
			P(s->mean_p_breakdown));
	if (s->screening)
		fprintf(out, "  screening: the state's expected payoff at its best offer: %s\n",
			N(s->eu_state));
}

/* What the verdict would be without the conflict's patron (core.md §5). */
static void print_patron(FILE *out, const struct settle_result *s)
{
	fprintf(out, "  without the patron `%s` (no troops, no intervention by it):", s->patron);
	if (s->exact) {
		for (int v = 0; v <= CORE_RISK; v++)
			if (s->without_patron[v])
				fprintf(out, " %s\n", core_verdict_name(v));
		return;
	}
	for (int v = 0; v <= CORE_RISK; v++)
		if (s->without_patron[v])
			fprintf(out, " %s %s", core_verdict_name(v),
				P((double)s->without_patron[v] / (double)s->draws));
	fputc('\n', out);
}

void report_settlement_text(FILE *out, const struct run_result *rr,
			    const struct report_result *rep)
{
	const struct settle_result *s = &rep->settle;
	fprintf(out, "%s over %s", rep->what, s->stake);
	if (rep->sweep)
		fprintf(out, ", %s = %s", rep->sweep, N(rep->sweep_value));
	fputc('\n', out);
	if (s->exact && !s->screening)
		print_exact(out, rr, s);
	else
		print_uncertain(out, s);
	if (s->patron)
		print_patron(out, s);
}

/* A sweep's rows for one report, as a table: reports[i..end). */
static unsigned print_sweep(FILE *out, const struct run_result *r, unsigned i)
{
	const struct report_result *first = &r->reports[i];
	unsigned end = i;
	while (end < r->nreports && r->reports[end].sweep &&
	       r->reports[end].sweep_id == first->sweep_id &&
	       strcmp(r->reports[end].what, first->what) == 0)
		end++;
	fprintf(out, "sweep %s: %s over %s (%s draws a row)\n",
		first->sweep, first->what, first->settle.stake, N((double)first->settle.draws));
	int w = (int)strlen(first->sweep) > 14 ? (int)strlen(first->sweep) : 14;
	fprintf(out, "  %*s %10s %10s %10s %10s %7s %12s %12s\n", w, first->sweep, "NO THREAT",
		"SETTLE", "BREAKDOWN", "RISK", "max SE", "mean gap", "P(war)");
	for (unsigned k = i; k < end; k++) {
		const struct settle_result *s = &r->reports[k].settle;
		double n = (double)s->draws, worst = 0;
		fprintf(out, "  %*s", w, N(r->reports[k].sweep_value));
		for (int v = 0; v <= CORE_RISK; v++) {
			double p = (double)s->verdicts[v] / n;
			worst = fmax(worst, sqrt(p * (1 - p) / n));
			fprintf(out, " %10s", P(p));
		}
		fprintf(out, " %7s %12s %12s\n", pct((char[40]){ 0 }, 40, worst),
			N(s->stats[ST_GAP].mean), N(s->stats[ST_PWAR].mean));
	}
	return end;
}

/* An exact sweep: one line per value with the verdict and the range. */
static unsigned print_sweep_exact(FILE *out, const struct run_result *r, unsigned i)
{
	const struct report_result *first = &r->reports[i];
	unsigned end = i;
	while (end < r->nreports && r->reports[end].sweep &&
	       r->reports[end].kind == RK_SETTLEMENT &&
	       r->reports[end].sweep_id == first->sweep_id &&
	       strcmp(r->reports[end].what, first->what) == 0)
		end++;
	int w = (int)strlen(first->sweep) > 14 ? (int)strlen(first->sweep) : 14;
	fprintf(out, "sweep %s: %s over %s\n", first->sweep, first->what, first->settle.stake);
	fprintf(out, "  %*s %-10s %12s %12s %12s %12s\n", w, first->sweep, "verdict", "x_min",
		"x_max", "split", "gap");
	for (unsigned k = i; k < end; k++) {
		const struct core_range *g = &r->reports[k].settle.range;
		fprintf(out, "  %*s %-10s %12s %12s %12s %12s\n", w, N(r->reports[k].sweep_value),
			core_verdict_name(g->verdict), N(g->x_min), N(g->x_max),
			g->verdict == CORE_SETTLE ? N(g->split) : "-",
			g->verdict == CORE_BREAKDOWN ? N(g->gap) : "-");
	}
	return end;
}

void report_text(FILE *out, const struct run_result *r)
{
	if (*r->title)
		fprintf(out, "%s\n", r->title);
	if (r->uncertain)
		fprintf(out, "%s draws, seed %llu\n", C(r->draws),
			(unsigned long long)r->seed);
	else
		fputs("no uncertain values: one exact evaluation\n", out);
	for (unsigned i = 0; i < r->nreports;) {
		fputc('\n', out);
		if (r->reports[i].kind == RK_MEDIATION) {
			report_mediation_text(out, r, &r->reports[i++]);
		} else if (r->reports[i].kind == RK_PROVOCATION) {
			report_game_text(out, r, &r->reports[i++]);
		} else if (r->reports[i].sweep && r->uncertain) {
			i = print_sweep(out, r, i);
		} else if (r->reports[i].sweep) {
			i = print_sweep_exact(out, r, i);
		} else {
			report_settlement_text(out, r, &r->reports[i]);
			i++;
		}
	}
	for (unsigned i = 0; i < r->nclamps; i++)
		fprintf(out, "%snote: `%s` was drawn outside its range in %s draws and clamped "
			"into it\n", i ? "" : "\n", r->clamps[i].label,
			C(r->clamps[i].draws));
	if (r->stopped)
		fputs("\ninterrupted: these results cover only the draws made\n", out);
}

bool report_format_known(const char *format)
{
	return !strcmp(format, "text") || !strcmp(format, "json") || !strcmp(format, "csv");
}

void report_print(FILE *out, const struct run_result *r, const char *format)
{
	if (strcmp(format, "json") == 0)
		report_json(out, r);
	else if (strcmp(format, "csv") == 0)
		report_csv(out, r);
	else
		report_text(out, r);
}
