/*
** strategic.c: the text of the mediation report (core.md §3: each party's
** verdict with its margin or shortfall, the coercion grouped by kind, the enticing zone,
** ripeness) and of the provocation report (§4: the equilibrium path, payoffs, what the
** leaders gain and their followers lose, the expected toll, the rules that deter).
*/
#include <math.h>
#include <string.h>

#include "report/report.h"

/* Where a line's text starts after its label ("  %-12s  "): report_prose's hang. */
enum { HANG = 16 };

/* The report's numbers, in buffers of the expression's own lifetime (format.c). */
#define N(v) report_num((char[40]){ 0 }, 40, (v))
#define A(v, V) report_amount((char[40]){ 0 }, 40, (v), (V))
#define P(v) report_pct((char[40]){ 0 }, 40, (v))

static const char *const kinds[] = { "negative", "positive", "targeted", "judicial",
				      "military" };

/* The coercion rules, grouped by kind as the seed discusses them: `kind: rule (by on
** whom), ...; kind: ...`, broken before a rule that would pass MAP_LINE columns (the
** line a terminal holds) and carried on under the first. */
static void print_coercion(FILE *out, const struct mediation_result *m)
{
	if (!m->nrules) {
		fputs("  coercion      none: no sanction names this mediation\n", out);
		return;
	}
	enum { INDENT = 16 };		/* "  coercion      " */
	fputs("  coercion      ", out);
	int col = INDENT;
	const char *sep = "";
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		bool any = false;
		for (unsigned i = 0; i < m->nrules; i++) {
			if (strcmp(m->rule_kind[i], kinds[k]) != 0)
				continue;
			char item[512];
			snprintf(item, sizeof item, "%s%s%s (%s%son %s)", any ? "" : kinds[k],
				 any ? "" : ": ", m->rules[i], m->rule_by[i],
				 *m->rule_by[i] ? " " : "", m->rule_on[i]);
			int w = report_columns(item);
			if (*sep && col + (int)strlen(sep) + 1 + w > MAP_LINE) {
				fprintf(out, "%s\n%*s", sep, INDENT, "");
				col = INDENT;
			} else if (*sep) {
				fprintf(out, "%s ", sep);
				col += (int)strlen(sep) + 1;
			}
			fputs(item, out);
			col += w;
			any = true;
			sep = ",";
		}
		if (any)
			sep = ";";
	}
	fputc('\n', out);
}

static void print_side_exact(FILE *out, const char *name,
			     const struct core_mediation_side *s,
			     const struct core_mediation_side *free_, const char *u, double V)
{
	if (s->accepts)
		report_prose(out, HANG, "  %-12s  ACCEPTS, margin %s%s: accepting is worth %s, "
			     "its alternative %s", name, A(s->margin, V), u, A(s->accept, V),
			     A(s->batna, V));
	else
		report_prose(out, HANG, "  %-12s  REJECTS, %s%s short: accepting is worth %s, "
			     "its alternative %s", name, A(s->shortfall, V), u, A(s->accept, V),
			     A(s->batna, V));
	if (free_->accepts != s->accepts)
		report_prose(out, HANG, "  %-12s  without the coercion it %s (%s %s)", "",
			     free_->accepts ? "ACCEPTS" : "REJECTS",
			     free_->accepts ? "margin" : "short by",
			     A(free_->accepts ? free_->margin : free_->shortfall, V));
}

static void print_zone(FILE *out, const char *label, const struct core_zone *z, double V)
{
	if (z->empty)
		fprintf(out, "  %-12s  none\n", label);
	else
		report_prose(out, HANG, "  %-12s  [%s, %s]", label, A(z->lo, V), A(z->hi, V));
}

static void mediation_exact(FILE *out, const struct run_result *r,
			    const struct mediation_result *m, double V)
{
	const struct core_mediation *x = &m->med;
	const char *u = report_unit(r);
	print_side_exact(out, m->party[0], &x->state, &x->state_free, u, V);
	print_side_exact(out, m->party[1], &x->rebels, &x->rebels_free, u, V);
	fprintf(out, "  %-12s  %s\n", "verdict", x->agreement ? "AGREEMENT" : "NO AGREEMENT");
	if (!x->agreement)
		report_prose(out, HANG, "  %-12s  %s needs %s more; %s needs %s more", "to agree",
			     m->party[0], A(x->state.shortfall, V), m->party[1],
			     A(x->rebels.shortfall, V));
	print_zone(out, "zone", &x->zone, V);
	print_zone(out, "zone, free", &x->zone_free, V);
	report_prose(out, HANG, "  %-12s  the stalemate %s %s and %s %s%s", "ripeness",
		     x->state.hurts ? "hurts" : "does not hurt", m->party[0],
		     x->rebels.hurts ? "hurts" : "does not hurt", m->party[1],
		     x->mutually_hurting ? ": a mutually hurting stalemate" : "");
}

static void mediation_uncertain(FILE *out, const struct mediation_result *m, double V)
{
	fputs("  outcomes (share of draws ± standard error)\n", out);
	share_line(out, "AGREEMENT", m->agreements, m->draws);
	share_line(out, "without the coercion", m->agreements_free, m->draws);
	for (int i = 0; i < 2; i++) {
		char label[64];
		snprintf(label, sizeof label, "%s accepts", m->party[i]);
		share_line(out, label, m->accepts[i], m->draws);
	}
	struct quantile_widths w = quantile_widths("margins (< 0: short)");
	for (int i = 0; i < 2; i++)
		quantile_widths_add(&w, m->party[i], m->mean_margin[i], m->margin_q[i], V);
	quantile_head(out, &w, "margins (< 0: short)");
	for (int i = 0; i < 2; i++)
		quantile_line(out, &w, m->party[i], m->mean_margin[i], m->margin_q[i], V);
	if (m->zones)
		report_prose(out, LINE_HANG, "  enticing zone in %s of draws, on average [%s, %s]",
			     P((double)m->zones / (double)m->draws), A(m->mean_zone_lo, V),
			     A(m->mean_zone_hi, V));
	else
		fputs("  enticing zone: none in any draw\n", out);
}

void report_mediation_text(FILE *out, const struct run_result *r,
			   const struct report_result *rep)
{
	const struct mediation_result *m = &rep->med;
	double V = rep->stake_value;
	report_prose(out, LINE_HANG, "mediation %s by %s over %s between %s and %s, stage %s",
		     m->name, m->by, m->stake, m->party[0], m->party[1], m->stage);
	report_prose(out, HANG, "  %-12s  %s%s to %s", "proposal",
		     A(m->exact ? m->med.proposal : m->mean_proposal, V), report_unit(r),
		     m->party[1]);
	print_coercion(out, m);
	if (m->exact)
		mediation_exact(out, r, m, V);
	else
		mediation_uncertain(out, m, V);
}

/* A sweep of a mediation: per row the AGREEMENT share, each party's acceptance share
** and mean margin (< 0: short); with one draw, the verdicts and margins themselves. */
void report_mediation_sweep(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	const struct report_result *first = &r->reports[i];
	const struct mediation_result *m0 = &first->med;
	char accepts[2][80], margin[2][80];
	for (int p = 0; p < 2; p++) {
		snprintf(accepts[p], sizeof accepts[p], "%s accepts", m0->party[p]);
		snprintf(margin[p], sizeof margin[p], "%s margin", m0->party[p]);
	}
	const struct text_column exact[] = { { "verdict", 'l' }, { m0->party[0], 'l' },
					     { margin[0], 'r' }, { m0->party[1], 'l' },
					     { margin[1], 'r' } };
	const struct text_column drawn[] = { { "AGREEMENT", 'r' }, { accepts[0], 'r' },
					     { accepts[1], 'r' }, { "max SE", 'r' },
					     { margin[0], 'r' }, { margin[1], 'r' } };
	struct text_table *t = m0->exact ? sweep_table_open(r, i, end, exact, 5)
					 : sweep_table_open(r, i, end, drawn, 6);
	for (unsigned k = i; k < end; k++) {
		const struct mediation_result *m = &r->reports[k].med;
		const struct core_mediation_side *side[2] = { &m->med.state, &m->med.rebels };
		double V = r->reports[k].stake_value;
		sweep_value_cell(t, &r->reports[k]);
		if (m->exact) {
			text_table_cell(t, m->med.agreement ? "AGREEMENT" : "NO AGREEMENT");
			for (int p = 0; p < 2; p++) {
				text_table_cell(t, side[p]->accepts ? "ACCEPTS" : "REJECTS");
				text_table_cell(t, A(side[p]->margin, V));
			}
			continue;
		}
		uint64_t shares[3] = { m->agreements, m->accepts[0], m->accepts[1] };
		for (int s = 0; s < 3; s++)
			share_cell(t, shares[s], m->draws);
		text_table_cell(t, P(max_se(shares, 3, m->draws)));
		for (int p = 0; p < 2; p++)
			text_table_cell(t, m->draws ? A(m->mean_margin[p], V) : UNDEFINED);
	}
	report_prose(out, SWEEP_HANG, "sweep %s: mediation %s over %s between %s and %s%s",
		     first->sweep, m0->name, m0->stake, m0->party[0], m0->party[1],
		     sweep_draws((char[64]){ 0 }, 64, m0->exact, m0->draws));
	text_table_print(out, t);
}

/* ---- the provocation game ---- */

const char *report_path_label(char *buf, size_t n, enum core_game_move m)
{
	snprintf(buf, n, "provoke, %s", core_game_move_name(m));
	return buf;
}

/* "LEAD the leaders gain X by provoking; their followers lose Y" (or gain, or lose),
** going on at hang after a break. */
static void print_agency(FILE *out, int hang, const char *lead, double gain, double loss,
			 double V)
{
	report_prose(out, hang, "%sthe leaders %s %s by provoking; their followers %s %s", lead,
		     gain >= 0 ? "gain" : "lose", A(fabs(gain), V), loss >= 0 ? "lose" : "gain",
		     A(fabs(loss), V));
}

static void print_players(FILE *out, const char *label, const double *v, double V,
			  const struct vocab *w)
{
	report_prose(out, HANG, "  %-12s  leaders %s, %s %s, followers %s", label,
		     A(v[CORE_LEADERS], V), w->state, A(v[CORE_STATE], V), A(v[CORE_FOLLOWERS], V));
}

static void game_exact(FILE *out, const struct game_result *g, double V, const struct vocab *w)
{
	const struct core_game_solution *s = &g->sol;
	report_prose(out, HANG, "  %-12s  the leaders %s%s; if provoked %s %s%s", "equilibrium",
		     s->provoke ? "provoke" : "abstain",
		     s->leaders_tie ? " (a tie: abstaining)" : "", w->the_state, core_game_move_verb(s->reply),
		     s->state_tie ? " (a tie: the less violent move)" : "");
	print_players(out, "payoffs", s->value, V, w);
	print_players(out, "if provoke", s->if_provoke, V, w);
	print_players(out, "if abstain", s->if_abstain, V, w);
	print_agency(out, HANG, "  agency        ", s->leaders_gain, s->followers_loss, V);
	report_prose(out, HANG, "  %-12s  P(war) %s, P(atrocities) %s, P(intervention) %s",
		     "path", P(s->p_war), P(s->p_atrocities), P(s->p_intervention));
}

static void game_uncertain(FILE *out, const struct game_result *g, double V,
			   const struct vocab *w)
{
	fputs("  equilibrium paths (share of draws ± standard error)\n", out);
	uint64_t abstain = g->paths[0][0] + g->paths[0][1] + g->paths[0][2];
	share_line(out, "abstain", abstain, g->draws);
	for (int m = 0; m < 3; m++) {
		char label[64];
		share_line(out, report_path_label(label, sizeof label, m), g->paths[1][m],
			   g->draws);
	}
	report_prose(out, LINE_HANG, "  mean payoffs: leaders %s, %s %s, followers %s",
		     A(g->mean_value[0], V), w->state, A(g->mean_value[1], V),
		     A(g->mean_value[2], V));
	print_agency(out, LINE_HANG, "  on average ", g->mean_gain, g->mean_loss, V);
	report_prose(out, LINE_HANG, "  mean P(war) %s, P(atrocities) %s, P(intervention) %s",
		     P(g->mean_p_war), P(g->mean_p_atrocities), P(g->mean_p_intervention));
}

/* core.md §4 step 2: the concession, or that there is none the leaders would accept. */
static void print_concession(FILE *out, const struct game_result *g, const struct vocab *w)
{
	static const char none[] = "no admissible offer up to V reaches x_min";
	if (g->exact && !g->no_concession)
		report_prose(out, HANG, "  %-12s  if provoked, conceding gives %s %s", "concession",
			     w->the_rebels, N(g->concession));
	else if (g->exact && g->no_repress)	/* core.md §4: repression takes capacity */
		report_prose(out, HANG, "  %-12s  not available: %s, so %s, without the capacity "
			     "to repress, can only commit atrocities", "concession", none, w->the_state);
	else if (g->exact)
		report_prose(out, HANG, "  %-12s  not available: %s, so %s chooses between "
			     "repression and atrocities", "concession", none, w->the_state);
	else if (g->no_concession)
		report_prose(out, HANG, "  %-12s  not available in %s of draws (%s): %s then "
			     "chooses between repression and atrocities", "concession",
			     P((double)g->no_concession / (double)g->draws), none, w->the_state);
}

/* One cause of the disagreeing breakdowns, with its share of all draws when it explains
** only some of them, appended to buf. */
static void add_disagree_cause(char *buf, size_t size, const char *name, uint64_t k,
			       const struct game_result *g)
{
	size_t n = strlen(buf);
	snprintf(buf + n, size - n, "%s%s", *buf ? ", " : "", name);
	n = strlen(buf);
	if (k < g->disagreements)
		snprintf(buf + n, size - n, " in %s of draws",
			 P((double)k / (double)g->draws));
}

/* core.md §4 step 5: "in 38% of draws the settlement report finds BREAKDOWN (divergent
** expectations) while the game, played on the true chances, ends in a concession". */
static void print_disagreement(FILE *out, const struct game_result *g)
{
	if (!g->disagreements)
		return;
	char share[64] = "", causes[512] = "";
	if (!g->exact)
		snprintf(share, sizeof share, "in %s of draws ",
			 P((double)g->disagreements / (double)g->draws));
	for (int c = 0; c < CORE_NCAUSES; c++)
		if (g->disagree_causes[c])
			add_disagree_cause(causes, sizeof causes,
					   core_cause_name((enum core_cause)c),
					   g->disagree_causes[c], g);
	if (g->disagree_uncaused)
		add_disagree_cause(causes, sizeof causes, "no single factor",
				   g->disagree_uncaused, g);
	report_prose(out, HANG, "  %-12s  %sthe settlement report finds BREAKDOWN (%s) while the "
		     "game, played on the true chances, ends in a concession", "disagreement",
		     share, causes);
}

/* The sanction rules whose removal alone changes the leaders' choice (core.md §4), with
** the share of draws in which it does when there are draws. */
static void print_deterrence(FILE *out, const struct game_result *g)
{
	char rules[1024] = "";
	for (unsigned i = 0; i < g->nrules; i++) {
		size_t n = strlen(rules);
		if (!g->pivotal[i])
			continue;
		if (g->exact)
			snprintf(rules + n, sizeof rules - n, "%s%s", n ? ", " : "", g->rules[i]);
		else
			snprintf(rules + n, sizeof rules - n, "%s%s (%s of draws)", n ? ", " : "",
				 g->rules[i], P((double)g->pivotal[i] / (double)g->draws));
	}
	if (*rules)
		report_prose(out, HANG, "  deterrence    removing it alone changes the leaders' "
			     "choice: %s", rules);
	else
		fputs("  deterrence    no single sanction rule changes the leaders' choice\n", out);
}

void report_game_text(FILE *out, const struct run_result *r, const struct report_result *rep)
{
	(void)r;
	const struct game_result *g = &rep->game;
	report_prose(out, LINE_HANG, "provocation by %s against %s", g->rebels, g->state);
	if (g->exact)
		game_exact(out, g, rep->stake_value, rep->words);
	else
		game_uncertain(out, g, rep->stake_value, rep->words);
	print_concession(out, g, rep->words);
	print_disagreement(out, g);
	if (g->followers)
		report_prose(out, HANG, "  %-12s  %s deaths expected among %s (P(atrocities) × "
			     "toll × size)", "toll", N(g->mean_toll), g->followers);
	print_deterrence(out, g);
}

/* A move with " (tie)" when another is as good for the player (core.md §4). */
static const char *move_cell(char *buf, size_t size, const char *move, bool tie)
{
	snprintf(buf, size, "%s%s", move, tie ? " (tie)" : "");
	return buf;
}

/* A sweep of the provocation game: per row the share of each equilibrium path, mean
** P(war) and P(atrocities), the leaders' mean gain by provoking; with one draw, the
** leaders' choice and the state's reply to a provocation instead of the shares. */
void report_game_sweep(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	const struct report_result *first = &r->reports[i];
	const struct game_result *g0 = &first->game;
	const struct text_column exact[] = { { "leaders", 'l' }, { "if provoked", 'l' },
					     { "P(war)", 'r' }, { "P(atrocities)", 'r' },
					     { "leaders' gain", 'r' } };
	const struct text_column drawn[] = { { "abstain", 'r' },
					     { core_game_move_name(0), 'r' },
					     { core_game_move_name(1), 'r' },
					     { core_game_move_name(2), 'r' }, { "max SE", 'r' },
					     { "P(war)", 'r' }, { "P(atrocities)", 'r' },
					     { "leaders' gain", 'r' } };
	struct text_table *t = g0->exact ? sweep_table_open(r, i, end, exact, 5)
					 : sweep_table_open(r, i, end, drawn, 8);
	for (unsigned k = i; k < end; k++) {
		const struct game_result *g = &r->reports[k].game;
		double V = r->reports[k].stake_value;
		char b[40];
		sweep_value_cell(t, &r->reports[k]);
		if (g->exact) {
			text_table_cell(t, move_cell(b, sizeof b, g->sol.provoke ? "provoke"
						     : "abstain", g->sol.leaders_tie));
			text_table_cell(t, move_cell(b, sizeof b, core_game_move_name(g->sol.reply),
						     g->sol.state_tie));
			text_table_cell(t, P(g->sol.p_war));
			text_table_cell(t, P(g->sol.p_atrocities));
			text_table_cell(t, A(g->sol.leaders_gain, V));
			continue;
		}
		uint64_t shares[4] = { g->paths[0][0] + g->paths[0][1] + g->paths[0][2],
				       g->paths[1][0], g->paths[1][1], g->paths[1][2] };
		for (int m = 0; m < 4; m++)
			share_cell(t, shares[m], g->draws);
		text_table_cell(t, P(max_se(shares, 4, g->draws)));
		text_table_cell(t, g->draws ? P(g->mean_p_war) : UNDEFINED);
		text_table_cell(t, g->draws ? P(g->mean_p_atrocities) : UNDEFINED);
		text_table_cell(t, g->draws ? A(g->mean_gain, V) : UNDEFINED);
	}
	report_prose(out, SWEEP_HANG, "sweep %s: provocation by %s against %s%s", first->sweep,
		     g0->rebels, g0->state, sweep_draws((char[64]){ 0 }, 64, g0->exact, g0->draws));
	text_table_print(out, t);
}
