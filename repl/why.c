/*
** why.c: the REPL's :why, the reasons behind each report's outcome.
**
** With no uncertain value: a settlement's exact arithmetic (core.md §1, as :report prints
** it); a mediation's comparison, party by party, of accepting with its alternative, and
** what the coercion on it adds to its margin (§3); the provocation game's backward
** induction, the state's reply and then the leaders' choice, and which sanction rules
** deter (§4).
**
** With draws: the same questions as shares of draws. Every share here is of *all* the
** report's draws, with its standard error sqrt(P·(1 − P)/N), as in :report, `scen run`
** and `scen diff` (core.md, Aggregation): so a cause's share is the share of draws that
** break down with that cause, never a share of the breakdowns.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "repl/repl.h"
#include "report/report.h"

/* The report's numbers, in buffers of the expression's own lifetime (format.c). */
#define N(v) report_num((char[40]){ 0 }, 40, (v))
#define P(v) report_pct((char[40]){ 0 }, 40, (v))

/* "12.3% ± 0.10%": k of n with its standard error, as the reports print them. */
static const char *share_text(char *buf, size_t size, uint64_t k, uint64_t n)
{
	char s[40], e[40];
	snprintf(buf, size, "%s ± %s", report_pct(s, sizeof s, n ? (double)k / (double)n : 0),
		 report_pct_se(e, sizeof e, report_share_se(k, n)));
	return buf;
}
#define SHARE(k, n) share_text((char[64]){ 0 }, 64, (k), (n))
#define COUNT(n) report_count((char[40]){ 0 }, 40, (n))

/* Whether v prints as 0: a difference of two sums that is only rounding is none. */
static bool prints_zero(double v)
{
	char n[40];
	return strcmp(report_num(n, sizeof n, fabs(v)), "0") == 0;
}

/* "+18", "−3", "0". */
static const char *signed_amount(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%s%s", prints_zero(v) ? "" : v < 0 ? "−" : "+", N(fabs(v)));
	return buf;
}
#define SIGNED(v) signed_amount((char[48]){ 0 }, 48, (v))

/* ---- settlements ---- */

static void why_settlement(FILE *out, const struct report_result *rep)
{
	const struct settle_result *s = &rep->settle;
	fprintf(out, "%s over %s (%s draws)\n", rep->what, s->stake, COUNT(s->draws));
	fputs("  verdicts (share of all draws ± standard error)\n", out);
	for (int v = 0; v <= CORE_RISK; v++)
		if (s->verdicts[v])
			share_line(out, core_verdict_name(v), s->verdicts[v], s->draws);
	if (!s->verdicts[CORE_BREAKDOWN]) {
		fputs("  no draw breaks down\n", out);
		return;
	}
	fputs("  causes of BREAKDOWN (share of all draws, as in :report; a draw may have "
	      "several)\n", out);
	report_cause_lines(out, s);
	fprintf(out, "  mean true chance p over the breakdown draws: %s\n",
		P(s->mean_p_breakdown));
}

/* ---- mediations ---- */

/* "    coercion     budget_freeze, travel_bans": the mediation's rules on party (or that
** there is none), with no newline; whether there is one. */
static bool print_coercion_on(FILE *out, const struct mediation_result *m, const char *party)
{
	bool any = false;
	fputs("    coercion     ", out);
	for (unsigned i = 0; i < m->nrules; i++)
		if (strcmp(m->rule_on[i], party) == 0) {
			fprintf(out, "%s%s", any ? ", " : "", m->rules[i]);
			any = true;
		}
	if (!any)
		fprintf(out, "none: no sanction on %s names `%s`", party, m->name);
	return any;
}

/* One party of one draw. s is under the present coercion, f without any: f's accept is
** U_i(x_m), its batna W_i; so U_i − accept is α_i (the sanctions if it accepts, a benefit
** negative) and W_i − batna is β_i (the sanctions if it rejects). */
static void why_party_exact(FILE *out, const struct mediation_result *m, int i,
			    const char *u)
{
	const struct core_mediation *x = &m->med;
	const struct core_mediation_side *s = i ? &x->rebels : &x->state;
	const struct core_mediation_side *f = i ? &x->rebels_free : &x->state_free;
	const char *name = m->party[i];
	double alpha = f->accept - s->accept, beta = f->batna - s->batna;
	if (s->accepts)
		fprintf(out, "  %-12s  ACCEPTS, margin %s%s = accepting %s − alternative %s\n",
			name, N(s->margin), u, N(s->accept), N(s->batna));
	else
		fprintf(out, "  %-12s  REJECTS, %s%s short = alternative %s − accepting %s\n",
			name, N(s->shortfall), u, N(s->batna), N(s->accept));
	if (prints_zero(alpha))
		fprintf(out, "    accepting    %s: the settlement at %s to %s\n", N(s->accept),
			N(x->proposal), m->party[1]);
	else
		fprintf(out, "    accepting    %s = %s from the settlement at %s to %s %s %s of %s "
			"if it accepts\n", N(s->accept), N(f->accept), N(x->proposal), m->party[1],
			alpha < 0 ? "+" : "−", N(fabs(alpha)), alpha < 0 ? "benefits" : "sanctions");
	if (prints_zero(beta))
		fprintf(out, "    alternative  %s: war, with no sanction if it rejects\n",
			N(s->batna));
	else
		fprintf(out, "    alternative  %s = %s from war %s %s of %s if it rejects\n",
			N(s->batna), N(f->batna), beta < 0 ? "+" : "−", N(fabs(beta)),
			beta < 0 ? "benefits" : "sanctions");
	if (!s->accepts)
		fprintf(out, "    to accept    it needs %s%s more: sanctions if it rejects, or "
			"benefits if it accepts\n", N(s->shortfall), u);
	if (!print_coercion_on(out, m, name)) {
		fputc('\n', out);
		return;
	}
	fprintf(out, ": %s to its margin\n", SIGNED(s->margin - f->margin));
	if (f->accepts)
		fprintf(out, "%17swithout it %s ACCEPTS, margin %s\n", "", name, N(f->margin));
	else
		fprintf(out, "%17swithout it %s REJECTS, %s short\n", "", name, N(f->shortfall));
}

static void why_mediation_exact(FILE *out, const struct run_result *r,
				const struct report_result *rep)
{
	const struct mediation_result *m = &rep->med;
	const struct core_mediation *x = &m->med;
	fprintf(out, "mediation %s over %s: %s%s to %s, stage %s\n", m->name, m->stake,
		N(x->proposal), report_unit(r), m->party[1], m->stage);
	for (int i = 0; i < 2; i++)
		why_party_exact(out, m, i, report_unit(r));
	fputs("  verdict       ", out);
	if (x->agreement)
		fputs("AGREEMENT: both accept", out);
	else if (!x->state.accepts && !x->rebels.accepts)
		fputs("NO AGREEMENT: both reject", out);
	else
		fprintf(out, "NO AGREEMENT: %s rejects", m->party[x->state.accepts]);
	fprintf(out, "; without the coercion %s\n", x->agreement_free ? "AGREEMENT"
		: "NO AGREEMENT");
}

static void why_party_uncertain(FILE *out, const struct mediation_result *m, int i,
				const char *u)
{
	const char *name = m->party[i];
	fprintf(out, "  %-12s  accepts in %s of draws; without the coercion %s\n", name,
		SHARE(m->accepts[i], m->draws), SHARE(m->accepts_free[i], m->draws));
	fprintf(out, "    margin       mean %s%s; 5%% %s, 50%% %s, 95%% %s (< 0: short)\n",
		N(m->mean_margin[i]), u, N(m->margin_q[i][0]), N(m->margin_q[i][1]),
		N(m->margin_q[i][2]));
	print_coercion_on(out, m, name);
	fputc('\n', out);
}

static void why_mediation_uncertain(FILE *out, const struct run_result *r,
				    const struct report_result *rep)
{
	const struct mediation_result *m = &rep->med;
	fprintf(out, "mediation %s over %s (%s draws): on average %s%s to %s, stage %s\n",
		m->name, m->stake, COUNT(m->draws), N(m->mean_proposal), report_unit(r),
		m->party[1], m->stage);
	fputs("  shares of all draws ± standard error\n", out);
	for (int i = 0; i < 2; i++)
		why_party_uncertain(out, m, i, report_unit(r));
	fprintf(out, "  %-12s  AGREEMENT in %s of draws; without the coercion %s\n", "verdict",
		SHARE(m->agreements, m->draws), SHARE(m->agreements_free, m->draws));
}

/* ---- the provocation game ---- */


/* "the leaders gain 3 by provoking" (or lose). */
static const char *gain_text(char *buf, size_t size, double gain)
{
	snprintf(buf, size, "the leaders %s %s by provoking", gain >= 0 ? "gain" : "lose",
		 N(fabs(gain)));
	return buf;
}
#define GAIN(v) gain_text((char[96]){ 0 }, 96, (v))

/* The followers' side: "the provocation costs them 2" (or gains them, or neither). */
static const char *cost_text(char *buf, size_t size, double loss)
{
	if (prints_zero(loss))
		snprintf(buf, size, "the provocation neither costs nor gains them anything");
	else
		snprintf(buf, size, "the provocation %s them %s", loss > 0 ? "costs" : "gains",
			 N(fabs(loss)));
	return buf;
}
#define COST(v) cost_text((char[96]){ 0 }, 96, (v))

/* The state's reply: its expected payoff after each move, and the move it takes. */
static void why_reply(FILE *out, const struct core_game_solution *s, const struct vocab *w)
{
	fprintf(out, "  %-12s  if provoked:", w->state);
	for (int m = 0; m < CORE_GAME_NMOVES; m++)
		fprintf(out, "%s %s %s", m ? "," : "", core_game_move_name(m),
			N(s->move_value[m][CORE_STATE]));
	fprintf(out, ": it %s", core_game_move_verb(s->reply));
	if (s->state_tie) {
		fprintf(out, "\n%16s(a tie with", "");
		for (int m = 0, n = 0; m < CORE_GAME_NMOVES; m++)
			if ((s->reply_ties >> m & 1) && m != (int)s->reply)
				fprintf(out, "%s %s", n++ ? "," : "", core_game_move_name(m));
		fputs(": the less violent move)", out);
	}
	fputc('\n', out);
}

static void why_game_exact(FILE *out, const struct report_result *rep)
{
	const struct game_result *g = &rep->game;
	const struct core_game_solution *s = &g->sol;
	const char *choice = s->provoke ? "provoke" : "abstain";
	fprintf(out, "provocation by %s against %s\n", g->rebels, g->state);
	why_reply(out, s, rep->words);
	fprintf(out, "  leaders       provoke %s, abstain %s: they %s%s; %s\n",
		N(s->if_provoke[CORE_LEADERS]), N(s->if_abstain[CORE_LEADERS]), choice,
		s->leaders_tie ? " (a tie: abstaining)" : "", GAIN(s->leaders_gain));
	fprintf(out, "  followers     provoke %s, abstain %s: %s\n",
		N(s->if_provoke[CORE_FOLLOWERS]), N(s->if_abstain[CORE_FOLLOWERS]),
		COST(s->followers_loss));
	fprintf(out, "  path          %s%s%s%s\n%16sP(war) %s, P(atrocities) %s, P(intervention) %s\n",
		s->provoke ? "provoke, " : "abstain", s->provoke ? rep->words->the_state : "",
		s->provoke ? " " : "", s->provoke ? core_game_move_verb(s->reply) : "", "", P(s->p_war), P(s->p_atrocities), P(s->p_intervention));
	if (!g->nrules) {
		fputs("  deterrence    no sanction rule applies to this conflict\n", out);
		return;
	}
	fputs("  deterrence    each rule removed alone, the whole game solved again:\n", out);
	for (unsigned i = 0; i < g->nrules; i++)
		fprintf(out, "    %-24s %s the leaders %s\n", g->rules[i], g->pivotal[i]
			? "pivotal: without it" : "not pivotal: without it", g->pivotal[i]
			? (s->provoke ? "abstain" : "provoke") : (s->provoke ? "still provoke"
			: "still abstain"));
}

static void why_game_uncertain(FILE *out, const struct report_result *rep)
{
	const struct game_result *g = &rep->game;
	fprintf(out, "provocation by %s against %s (%s draws)\n", g->rebels, g->state,
		COUNT(g->draws));
	fputs("  equilibrium paths (share of all draws ± standard error)\n", out);
	uint64_t abstain = g->paths[0][0] + g->paths[0][1] + g->paths[0][2];
	if (abstain)
		share_line(out, "abstain", abstain, g->draws);
	char label[64];
	for (int m = 0; m < CORE_GAME_NMOVES; m++)
		if (g->paths[1][m])
			share_line(out, report_path_label(label, sizeof label, m),
				   g->paths[1][m], g->draws);
	if (g->state_ties || g->leaders_ties)
		fprintf(out, "  ties          the %s reply in %s of draws, the leaders' choice "
			"in %s\n", rep->words->state_s, SHARE(g->state_ties, g->draws),
			SHARE(g->leaders_ties, g->draws));
	fprintf(out, "  leaders       on average provoke %s, abstain %s: %s\n",
		N(g->mean_if_provoke[CORE_LEADERS]), N(g->mean_if_abstain[CORE_LEADERS]),
		GAIN(g->mean_gain));
	fprintf(out, "  followers     on average provoke %s, abstain %s: %s\n",
		N(g->mean_if_provoke[CORE_FOLLOWERS]), N(g->mean_if_abstain[CORE_FOLLOWERS]),
		COST(g->mean_loss));
	if (!g->nrules) {
		fputs("  deterrence    no sanction rule applies to this conflict\n", out);
		return;
	}
	fputs("  deterrence (share of all draws in which removing the rule alone changes the "
	      "leaders' choice)\n", out);
	for (unsigned i = 0; i < g->nrules; i++)
		share_line(out, g->rules[i], g->pivotal[i], g->draws);
}

void repl_why(FILE *out, const struct run_result *sel)
{
	if (!sel->uncertain)
		fputs("no uncertain values: one exact evaluation\n", out);
	for (unsigned i = 0; i < sel->nreports; i++) {
		const struct report_result *rep = &sel->reports[i];
		if (i || !sel->uncertain)
			fputc('\n', out);
		if (rep->kind == RK_MEDIATION && rep->med.exact)
			why_mediation_exact(out, sel, rep);
		else if (rep->kind == RK_MEDIATION)
			why_mediation_uncertain(out, sel, rep);
		else if (rep->kind == RK_PROVOCATION && rep->game.exact)
			why_game_exact(out, rep);
		else if (rep->kind == RK_PROVOCATION)
			why_game_uncertain(out, rep);
		else if (!sel->uncertain)
			report_settlement_text(out, sel, rep);
		else
			why_settlement(out, rep);
	}
}
