/*
** text.c: the text report, readable at 100 columns. A file with no uncertain
** value gets the exact arithmetic of core.md §1; otherwise shares of draws with their
** standard errors sqrt(P(1 − P)/N), and means and quantiles of the key quantities.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"

/* The report's numbers, in buffers of the expression's own lifetime (format.c). */
#define N(v) report_num((char[40]){ 0 }, 40, (v))
#define A(v, V) report_amount((char[40]){ 0 }, 40, (v), (V))
#define P(v) report_pct((char[40]){ 0 }, 40, (v))

/* A subtracted term of a formula: "− 11", or "+ 40" for −40 (a benefit). */
static const char *minus_term(char *buf, size_t size, double v, double stake)
{
	char num[40];
	report_amount(num, sizeof num, fabs(v), stake);
	snprintf(buf, size, "%s %s", v < 0 && strcmp(num, "0") != 0 ? "+" : "−", num);
	return buf;
}

#define M(v, V) minus_term((char[48]){ 0 }, 48, (v), (V))
#define C(n) report_count((char[40]){ 0 }, 40, (n))

/* Where a line's text starts after its label ("  verdict      "): report_prose's hang. */
enum { HANG = 15 };

/* Whether a range the core closed (its ends cross by less than 1e-9·V: core_bargain
** settles on lo) would print reversed: ends that print alike are rounding, not news. */
static bool crossed(double lo, double hi, double V)
{
	return lo > hi && strcmp(A(lo, V), A(hi, V)) != 0;
}

/* "[lo, hi]", or "the point lo" when crossed: an interval is never printed reversed. */
static const char *range_text(char *buf, size_t size, double lo, double hi, double V)
{
	if (crossed(lo, hi, V))
		snprintf(buf, size, "the point %s", A(lo, V));
	else
		snprintf(buf, size, "[%s, %s]", A(lo, V), A(hi, V));
	return buf;
}

#define R(lo, hi, V) range_text((char[96]){ 0 }, 96, (lo), (hi), (V))

static void print_causes_exact(FILE *out, const struct settle_result *s, double V)
{
	const struct core_causes *w = &s->why;
	if (w->single) {
		for (int c = 0; c < CORE_NCAUSES; c++) {
			if (!(w->single >> c & 1))
				continue;
			const struct core_range *x = &w->without[c];
			if (x->verdict == CORE_NO_THREAT)
				report_prose(out, HANG, "  cause        %s: without it NO THREAT "
					     "(war is worth %s to the leaders)", core_cause_name(c),
					     A(x->war_rebels, V));
			else
				report_prose(out, HANG, "  cause        %s: without it the range "
					     "is %s", core_cause_name(c), R(x->lo, x->hi, V));
		}
	} else if (w->pair) {
		int a = __builtin_ctz(w->pair), b = __builtin_ctz(w->pair & (w->pair - 1));
		report_prose(out, HANG, "  causes       %s and %s together: no single one "
			     "restores a settlement", core_cause_name(a), core_cause_name(b));
	} else if (w->jointly) {
		fputs("  causes       jointly: only removing every factor restores a settlement\n",
		      out);
	} else {
		fputs("  causes       none of the factors: no settlement even without them\n", out);
	}
}

static void print_exact(FILE *out, const struct run_result *rr,
			const struct report_result *rep)
{
	const struct settle_result *s = &rep->settle;
	const struct vocab *w = rep->words;
	const struct core_conflict *c = &s->conflict;
	const struct core_range *r = &s->range;
	const char *u = report_unit(rr);
	double V = c->value;
	report_prose(out, HANG, "  stake        V = %s%s; %s true chance p = %s (q = %s)",
		     N(c->value), u, w->rebels_s, P(r->p), P(r->q));
	/* q_R·k_R, what a patron of the state costs them (§5), only when there is one */
	char kr[96] = "";
	if (c->cost_to_rebels != 0)
		snprintf(kr, sizeof kr, " − %s·%s", N(r->q_rebels), N(c->cost_to_rebels));
	report_prose(out, HANG, "  %-12s W_R = %s·%s·%s·%s − %s·%s%s %s = %s", w->rebels,
		     N(c->leaders_share), N(c->rebels.resolve), N(r->b_rebels), N(c->value),
		     N(c->leaders_cost), N(c->rebels.cost), kr, M(r->sigma_rebels[CORE_WAR], V),
		     A(r->war_rebels, V));
	report_prose(out, HANG, "  %-12s W_S = %s·(1 − %s)·%s − %s − %s·%s %s = %s", w->state,
		     N(c->state.resolve), N(r->b_state), N(c->value), N(c->state.cost),
		     N(r->q_state), N(c->cost_to_state), M(r->sigma_state[CORE_WAR], V),
		     A(r->war_state, V));
	if (r->verdict == CORE_NO_THREAT) {
		report_prose(out, HANG, "  verdict      NO THREAT: war is worth %s%s to the leaders, "
			     "no more than the status quo (%s%s); %s need concede nothing",
			     A(r->war_rebels, V), u, A(c->leaders_share * c->rebels.resolve
						       * c->status_quo
						       - r->sigma_rebels[CORE_STATUS_QUO], V), u,
			     w->the_state);
		return;
	}
	if (!r->committed) {	/* g = 0: x_min and x_max divide by g */
		fputs("  verdict      BREAKDOWN: no settlement can be carried out (g = 0)\n", out);
		print_causes_exact(out, s, V);
		return;
	}
	if (isinf(r->x_min))	/* λ = 0: a concession is worth nothing to the leaders */
		fprintf(out, "  x_min        none: with no share of any gain, the leaders accept %s\n",
			r->x_min < 0 ? "any offer" : "no offer");
	else
		report_prose(out, HANG, "  x_min        %s%s (the least the leaders accept)",
			     A(r->x_min, V), u);
	report_prose(out, HANG, "  x_max        %s%s (the most %s concedes)", A(r->x_max, V), u,
		     w->the_state);
	if (r->verdict == CORE_SETTLE) {
		report_prose(out, HANG, "  verdict      SETTLE: the range is %s; predicted split "
			     "%s%s to %s", R(r->lo, r->hi, V), A(r->split, V), u, w->the_rebels);
		if (crossed(r->lo, r->hi, V))
			report_prose(out, HANG, "%*s(x_min is above x_max by %s%s, within the "
				     "core's 1e-9·V: one point)", HANG, "", N(r->lo - r->hi), u);
		return;
	}
	if (r->gap > 0)
		report_prose(out, HANG, "  verdict      BREAKDOWN: the range is empty, gap %s%s",
			     A(r->gap, V), u);
	else if (r->x_min > c->value)
		report_prose(out, HANG, "  verdict      BREAKDOWN: the leaders need more than the "
			     "whole stake (x_min > V = %s%s)", N(c->value), u);
	else if (r->x_max < 0)
		report_prose(out, HANG, "  verdict      BREAKDOWN: %s would concede nothing "
			     "(x_max < 0)", w->the_state);
	else
		report_prose(out, HANG, "  verdict      BREAKDOWN: the range %s holds no "
			     "admissible offer", R(r->lo, r->hi, V));
	print_causes_exact(out, s, V);
}

void share_line(FILE *out, const char *label, uint64_t k, uint64_t n)
{
	fprintf(out, "    %-24s %7s  ± %s\n", label, n ? P((double)k / (double)n) : UNDEFINED,
		report_pct_se((char[40]){ 0 }, 40, report_share_se(k, n)));
}

struct quantile_widths quantile_widths(const char *title)
{
	int t = report_columns(title) - 2;	/* the head's title is 2 columns left of rows */
	return (struct quantile_widths){ .label = 24, .cell = 12, .widest = t > 0 ? t : 0 };
}

void quantile_widths_add(struct quantile_widths *w, const char *label, double mean,
			 const double *q, double V)
{
	int l = report_columns(label);
	w->widest = l > w->widest ? l : w->widest;
	int c = report_columns(A(mean, V));
	for (int k = 0; k < NQUANTILES; k++) {
		int n = report_columns(A(q[k], V));
		c = n > c ? n : c;
	}
	w->cell = c > w->cell ? c : w->cell;
	/* a row is 4 + label + (1 + cell) a column: narrow the label to fit MAP_LINE */
	int room = MAP_LINE - 4 - (NQUANTILES + 1) * (1 + w->cell);
	w->label = room >= 24 ? 24 : room > w->widest ? room : w->widest;
}

void quantile_head(FILE *out, const struct quantile_widths *w, const char *title)
{
	static const char *const head[NQUANTILES + 1] = { "mean", "5%", "50%", "95%" };
	fprintf(out, "  %-*s", w->label + 2, title);
	for (int k = 0; k <= NQUANTILES; k++)
		report_cell(out, w->cell, head[k]);
	fputc('\n', out);
}

/* "    LABEL        mean    5%    50%    95%": a quantity's row, amounts in V's units. */
void quantile_line(FILE *out, const struct quantile_widths *w, const char *label, double mean,
		   const double *q, double V)
{
	fprintf(out, "    %-*s", w->label, label);
	report_cell(out, w->cell, A(mean, V));
	for (int k = 0; k < NQUANTILES; k++)
		report_cell(out, w->cell, A(q[k], V));
	fputc('\n', out);
}

void report_cause_lines(FILE *out, const struct settle_result *s)
{
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

static void print_uncertain(FILE *out, const struct report_result *rep)
{
	static const char *const stat_names[NSTATS] = { "x_min", "x_max", "gap", "P(war)",
							  "offer x*" };
	const struct settle_result *s = &rep->settle;
	double V = rep->stake_value;
	fputs("  verdicts (share of draws ± standard error)\n", out);
	for (int v = 0; v <= CORE_RISK; v++)
		if (s->verdicts[v] || v == CORE_SETTLE || v == CORE_BREAKDOWN)
			share_line(out, core_verdict_name(v), s->verdicts[v], s->draws);
	if (s->verdicts[CORE_BREAKDOWN]) {
		fputs("  causes of BREAKDOWN (share of all draws)\n", out);
		report_cause_lines(out, s);
	}
	/* P(war) is a probability, not an amount: no V to scale */
	struct quantile_widths w = quantile_widths("quantities");
	for (int k = 0; k < NSTATS; k++)
		if (s->stats[k].n)
			quantile_widths_add(&w, stat_names[k], s->stats[k].mean, s->stats[k].q,
					    k == ST_PWAR ? 0 : V);
	quantile_head(out, &w, "quantities");
	for (int k = 0; k < NSTATS; k++)
		if (s->stats[k].n)
			quantile_line(out, &w, stat_names[k], s->stats[k].mean, s->stats[k].q,
				      k == ST_PWAR ? 0 : V);
	if (s->verdicts[CORE_BREAKDOWN])
		report_prose(out, LINE_HANG, "  mean true chance p over the breakdown draws: %s",
			     P(s->mean_p_breakdown));
	if (s->screening)
		report_prose(out, LINE_HANG, "  screening: the %s expected payoff at its best "
			     "offer: %s", rep->words->state_s, A(s->eu_state, V));
}

/* What the verdict would be without the conflict's patron (core.md §5): the exact verdict,
** or each verdict's share of the draws. */
static void print_patron(FILE *out, const struct settle_result *s)
{
	char verdicts[256] = "";
	for (int v = 0; v <= CORE_RISK; v++) {
		size_t n = strlen(verdicts);
		if (!s->without_patron[v])
			continue;
		if (s->exact)
			snprintf(verdicts + n, sizeof verdicts - n, " %s", core_verdict_name(v));
		else
			snprintf(verdicts + n, sizeof verdicts - n, " %s %s", core_verdict_name(v),
				 P((double)s->without_patron[v] / (double)s->draws));
	}
	report_prose(out, LINE_HANG, "  without the patron `%s` (no troops, no intervention by "
		     "it):%s", s->patron, verdicts);
}

void report_settlement_text(FILE *out, const struct run_result *rr,
			    const struct report_result *rep)
{
	const struct settle_result *s = &rep->settle;
	report_prose(out, LINE_HANG, "%s over %s", rep->what, s->stake);
	if (s->exact && !s->screening)
		print_exact(out, rr, rep);
	else
		print_uncertain(out, rep);
	if (s->patron)
		print_patron(out, s);
}

/* ---- sweeps: one table per report, one line per row ---- */

unsigned sweep_end(const struct run_result *r, unsigned i)
{
	const struct report_result *first = &r->reports[i];
	unsigned end = i;
	while (end < r->nreports && r->reports[end].sweep &&
	       r->reports[end].sweep_id == first->sweep_id &&
	       strcmp(r->reports[end].what, first->what) == 0)
		end++;
	return end;
}

struct text_table *sweep_table_open(const struct run_result *r, unsigned i, unsigned end,
				    const struct text_column *col, unsigned cols)
{
	struct text_column all[TEXT_MAX_COLS] = { { r->reports[i].sweep, 'r' } };
	memcpy(all + 1, col, cols * sizeof *col);
	return text_table_open(all, cols + 1, end - i);
}

const char *sweep_draws(char *buf, size_t size, bool exact, uint64_t draws)
{
	if (exact)
		*buf = '\0';
	else
		snprintf(buf, size, " (%s draws a row)", C(draws));
	return buf;
}

void sweep_value_cell(struct text_table *t, const struct report_result *row)
{
	text_table_cell(t, N(row->sweep_value));
}

/* The largest standard error of the shares k[0..n) of the draws. */
double max_se(const uint64_t *k, unsigned n, uint64_t draws)
{
	double worst = 0;
	for (unsigned i = 0; i < n; i++)
		worst = fmax(worst, report_share_se(k[i], draws));
	return worst;
}

/* A share of draws as a cell (UNDEFINED with no draws). */
void share_cell(struct text_table *t, uint64_t k, uint64_t n)
{
	text_table_cell(t, n ? P((double)k / (double)n) : UNDEFINED);
}

static void print_sweep(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	const struct report_result *first = &r->reports[i];
	struct text_column col[CORE_RISK + 4];
	for (int v = 0; v <= CORE_RISK; v++)
		col[v] = (struct text_column){ core_verdict_name(v), 'r' };
	col[CORE_RISK + 1] = (struct text_column){ "max SE", 'r' };
	col[CORE_RISK + 2] = (struct text_column){ "mean gap", 'r' };
	col[CORE_RISK + 3] = (struct text_column){ "P(war)", 'r' };
	struct text_table *t = sweep_table_open(r, i, end, col, CORE_RISK + 4);
	for (unsigned k = i; k < end; k++) {
		const struct settle_result *s = &r->reports[k].settle;
		sweep_value_cell(t, &r->reports[k]);
		for (int v = 0; v <= CORE_RISK; v++)
			share_cell(t, s->verdicts[v], s->draws);
		text_table_cell(t, P(max_se(s->verdicts, CORE_RISK + 1, s->draws)));
		text_table_cell(t, A(s->stats[ST_GAP].mean, r->reports[k].stake_value));
		text_table_cell(t, N(s->stats[ST_PWAR].mean));
	}
	report_prose(out, SWEEP_HANG, "sweep %s: %s over %s%s", first->sweep, first->what,
		     first->settle.stake, sweep_draws((char[64]){ 0 }, 64, false,
						      first->settle.draws));
	text_table_print(out, t);
}

/* An exact sweep: one line per value with the verdict and the range. x_min and x_max
** are undefined with g = 0 (they divide by g), the split without a settlement, the gap
** without a breakdown: "—". */
static void print_sweep_exact(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	static const struct text_column col[] = { { "verdict", 'l' }, { "x_min", 'r' },
						  { "x_max", 'r' }, { "split", 'r' },
						  { "gap", 'r' } };
	const struct report_result *first = &r->reports[i];
	struct text_table *t = sweep_table_open(r, i, end, col, sizeof col / sizeof col[0]);
	for (unsigned k = i; k < end; k++) {
		const struct core_range *g = &r->reports[k].settle.range;
		double V = r->reports[k].stake_value;
		bool range = g->committed;
		sweep_value_cell(t, &r->reports[k]);
		text_table_cell(t, core_verdict_name(g->verdict));
		text_table_cell(t, range ? A(g->x_min, V) : UNDEFINED);
		text_table_cell(t, range ? A(g->x_max, V) : UNDEFINED);
		text_table_cell(t, g->verdict == CORE_SETTLE ? A(g->split, V) : UNDEFINED);
		text_table_cell(t, g->verdict == CORE_BREAKDOWN && g->committed ? A(g->gap, V)
										  : UNDEFINED);
	}
	report_prose(out, SWEEP_HANG, "sweep %s: %s over %s", first->sweep, first->what,
		     first->settle.stake);
	text_table_print(out, t);
}

void report_sweep_text(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	if (r->reports[i].sweep2) {
		report_map_text(out, r, i, end);
		return;
	}
	switch (r->reports[i].kind) {
	case RK_MEDIATION:
		report_mediation_sweep(out, r, i, end);
		break;
	case RK_PROVOCATION:
		report_game_sweep(out, r, i, end);
		break;
	case RK_SETTLEMENT:
		if (r->uncertain)
			print_sweep(out, r, i, end);
		else
			print_sweep_exact(out, r, i, end);
		break;
	}
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
		const struct report_result *rep = &r->reports[i];
		fputc('\n', out);
		if (rep->sweep) {
			unsigned end = sweep_end(r, i);
			report_sweep_text(out, r, i, end);
			i = end;
			continue;
		}
		if (rep->kind == RK_MEDIATION)
			report_mediation_text(out, r, rep);
		else if (rep->kind == RK_PROVOCATION)
			report_game_text(out, r, rep);
		else
			report_settlement_text(out, r, rep);
		i++;
	}
	for (unsigned i = 0; i < r->nclamps; i++) {
		if (i == 0)
			fputc('\n', out);
		char where[96];
		report_prose(out, LINE_HANG, "note: `%s` was %s and clamped into it",
			     r->clamps[i].label, report_clamp_where(where, sizeof where, r, i));
	}
	if (r->stopped)
		fputs("\ninterrupted: these results cover only the draws made\n", out);
}

