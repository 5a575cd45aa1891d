/*
** report_strategic.c: the text of the mediation report (core.md §3: each party's
** verdict with its margin or shortfall, the coercion grouped by kind, the enticing zone,
** ripeness) and of the provocation report (§4: the equilibrium path, payoffs, what the
** leaders gain and their followers lose, the expected toll, the rules that deter).
*/
#include <math.h>
#include <string.h>

#include "report.h"

static const char *const kinds[] = { "negative", "positive", "targeted", "judicial",
				      "military" };

/* The coercion rules, grouped by kind as the seed discusses them. */
static void print_coercion(FILE *out, const struct mediation_result *m)
{
	if (!m->nrules) {
		fputs("  coercion      none: no sanction names this mediation\n", out);
		return;
	}
	fputs("  coercion     ", out);
	const char *sep = " ";
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		bool any = false;
		for (unsigned i = 0; i < m->nrules; i++) {
			if (strcmp(m->rule_kind[i], kinds[k]) != 0)
				continue;
			fprintf(out, "%s%s%s%s (%s%son %s)", any ? ", " : sep, any ? "" : kinds[k],
				any ? "" : ": ", m->rules[i], m->rule_by[i], *m->rule_by[i] ? " " : "",
				m->rule_on[i]);
			any = true;
			sep = "; ";
		}
	}
	fputc('\n', out);
}

static void print_side_exact(FILE *out, const char *name, const char *role,
			     const struct core_mediation_side *s,
			     const struct core_mediation_side *free_, const char *u)
{
	if (s->accepts)
		fprintf(out, "  %-12s  ACCEPTS, margin %s%s: accepting is worth %s, its "
			"alternative %s\n", name, N(s->margin), u, N(s->accept), N(s->batna));
	else
		fprintf(out, "  %-12s  REJECTS, %s%s short: accepting is worth %s, its "
			"alternative %s\n", name, N(s->shortfall), u, N(s->accept), N(s->batna));
	if (free_->accepts != s->accepts)
		fprintf(out, "  %-12s  without the coercion it %s (%s %s)\n", "",
			free_->accepts ? "ACCEPTS" : "REJECTS",
			free_->accepts ? "margin" : "short by",
			N(free_->accepts ? free_->margin : free_->shortfall));
	(void)role;
}

static void print_zone(FILE *out, const char *label, const struct core_zone *z)
{
	if (z->empty)
		fprintf(out, "  %-12s  none\n", label);
	else
		fprintf(out, "  %-12s  [%s, %s]\n", label, N(z->lo), N(z->hi));
}

static void mediation_exact(FILE *out, const struct run_result *r,
			    const struct mediation_result *m)
{
	const struct core_mediation *x = &m->med;
	const char *u = unit_of(r);
	print_side_exact(out, m->party[0], "state", &x->state, &x->state_free, u);
	print_side_exact(out, m->party[1], "rebels", &x->rebels, &x->rebels_free, u);
	fprintf(out, "  %-12s  %s\n", "verdict", x->agreement ? "AGREEMENT" : "NO AGREEMENT");
	if (!x->agreement)
		fprintf(out, "  %-12s  %s needs %s more; %s needs %s more\n", "to agree",
			m->party[0], N(x->state.shortfall), m->party[1], N(x->rebels.shortfall));
	print_zone(out, "zone", &x->zone);
	print_zone(out, "zone, free", &x->zone_free);
	fprintf(out, "  %-12s  the stalemate %s %s and %s %s%s\n", "ripeness",
		x->state.hurts ? "hurts" : "does not hurt", m->party[0],
		x->rebels.hurts ? "hurts" : "does not hurt", m->party[1],
		x->mutually_hurting ? ": a mutually hurting stalemate" : "");
}

static void mediation_uncertain(FILE *out, const struct mediation_result *m)
{
	fputs("  outcomes (share of draws ± standard error)\n", out);
	share_line(out, "AGREEMENT", m->agreements, m->draws);
	share_line(out, "without the coercion", m->agreements_free, m->draws);
	for (int i = 0; i < 2; i++) {
		char label[64];
		snprintf(label, sizeof label, "%s accepts", m->party[i]);
		share_line(out, label, m->accepts[i], m->draws);
	}
	fprintf(out, "  %-26s %12s %12s %12s %12s\n", "margins (< 0: short)", "mean", "5%",
		"50%", "95%");
	for (int i = 0; i < 2; i++)
		fprintf(out, "    %-24s %12s %12s %12s %12s\n", m->party[i], N(m->mean_margin[i]),
			N(m->margin_q[i][0]), N(m->margin_q[i][1]), N(m->margin_q[i][2]));
	if (m->zones)
		fprintf(out, "  enticing zone in %s of draws, on average [%s, %s]\n",
			P((double)m->zones / (double)m->draws), N(m->mean_zone_lo),
			N(m->mean_zone_hi));
	else
		fputs("  enticing zone: none in any draw\n", out);
}

void report_mediation_text(FILE *out, const struct run_result *r,
			   const struct report_result *rep)
{
	const struct mediation_result *m = &rep->med;
	fprintf(out, "mediation %s by %s over %s between %s and %s, stage %s\n", m->name,
		m->by, m->stake, m->party[0], m->party[1], m->stage);
	fprintf(out, "  %-12s  %s%s to %s\n", "proposal", N(m->exact ? m->med.proposal
								   : m->mean_proposal),
		unit_of(r), m->party[1]);
	print_coercion(out, m);
	if (m->exact)
		mediation_exact(out, r, m);
	else
		mediation_uncertain(out, m);
}

/* ---- the provocation game ---- */

static const char *const replies[] = { "concedes", "represses selectively",
				       "commits atrocities" };

/* "the leaders gain X by provoking; their followers lose Y" (or gain, or lose). */
static void print_agency(FILE *out, double gain, double loss, const char *end)
{
	fprintf(out, "the leaders %s %s by provoking; their followers %s %s%s\n",
		gain >= 0 ? "gain" : "lose", N(fabs(gain)), loss >= 0 ? "lose" : "gain",
		N(fabs(loss)), end);
}

static void game_exact(FILE *out, const struct game_result *g)
{
	const struct core_game_solution *s = &g->sol;
	fprintf(out, "  %-12s  the leaders %s%s; if provoked the state %s%s\n", "equilibrium",
		s->provoke ? "provoke" : "abstain", s->leaders_tie ? " (a tie: abstaining)" : "",
		replies[s->reply], s->state_tie ? " (a tie: the less violent move)" : "");
	fprintf(out, "  %-12s  leaders %s, state %s, followers %s\n", "payoffs",
		N(s->value[CORE_LEADERS]), N(s->value[CORE_STATE]), N(s->value[CORE_FOLLOWERS]));
	fprintf(out, "  %-12s  leaders %s, state %s, followers %s\n", "if provoke",
		N(s->if_provoke[CORE_LEADERS]), N(s->if_provoke[CORE_STATE]),
		N(s->if_provoke[CORE_FOLLOWERS]));
	fprintf(out, "  %-12s  leaders %s, state %s, followers %s\n", "if abstain",
		N(s->if_abstain[CORE_LEADERS]), N(s->if_abstain[CORE_STATE]),
		N(s->if_abstain[CORE_FOLLOWERS]));
	fputs("  agency        ", out);
	print_agency(out, s->leaders_gain, s->followers_loss, "");
	fprintf(out, "  %-12s  P(war) %s, P(atrocities) %s, P(intervention) %s\n", "path",
		P(s->p_war), P(s->p_atrocities), P(s->p_intervention));
}

static void game_uncertain(FILE *out, const struct game_result *g)
{
	fputs("  equilibrium paths (share of draws ± standard error)\n", out);
	uint64_t abstain = g->paths[0][0] + g->paths[0][1] + g->paths[0][2];
	share_line(out, "abstain", abstain, g->draws);
	for (int m = 0; m < 3; m++) {
		char label[64];
		snprintf(label, sizeof label, "provoke, %s", m == 0 ? "concede"
			 : m == 1 ? "repress" : "atrocities");
		share_line(out, label, g->paths[1][m], g->draws);
	}
	fprintf(out, "  mean payoffs: leaders %s, state %s, followers %s\n",
		N(g->mean_value[0]), N(g->mean_value[1]), N(g->mean_value[2]));
	fputs("  on average ", out);
	print_agency(out, g->mean_gain, g->mean_loss, "");
	fprintf(out, "  mean P(war) %s, P(atrocities) %s, P(intervention) %s\n",
		P(g->mean_p_war), P(g->mean_p_atrocities), P(g->mean_p_intervention));
}

/* core.md §4 step 2: the concession, or that there is none the leaders would accept. */
static void print_concession(FILE *out, const struct game_result *g)
{
	static const char none[] = "no admissible offer up to V reaches x_min";
	if (g->exact && !g->no_concession)
		fprintf(out, "  %-12s  if provoked, conceding gives the rebels %s\n", "concession",
			N(g->concession));
	else if (g->exact)
		fprintf(out, "  %-12s  not available: %s, so the state chooses between repression "
			"and atrocities\n", "concession", none);
	else if (g->no_concession)
		fprintf(out, "  %-12s  not available in %s of draws (%s): the state then chooses "
			"between repression and atrocities\n", "concession",
			P((double)g->no_concession / (double)g->draws), none);
}

/* One cause of the disagreeing breakdowns, with its share of all draws when it explains
** only some of them. */
static void print_disagree_cause(FILE *out, const char *sep, const char *name, uint64_t k,
				 const struct game_result *g)
{
	fprintf(out, "%s%s", sep, name);
	if (k < g->disagreements)
		fprintf(out, " in %s of draws", P((double)k / (double)g->draws));
}

/* core.md §4 step 5: "in 38% of draws the settlement report finds BREAKDOWN (divergent
** expectations) while the game, played on the true chances, ends in a concession". */
static void print_disagreement(FILE *out, const struct game_result *g)
{
	if (!g->disagreements)
		return;
	fprintf(out, "  %-12s  ", "disagreement");
	if (!g->exact)
		fprintf(out, "in %s of draws ", P((double)g->disagreements / (double)g->draws));
	fputs("the settlement report finds BREAKDOWN", out);
	const char *sep = " (";
	for (int c = 0; c < CORE_NCAUSES; c++)
		if (g->disagree_causes[c]) {
			print_disagree_cause(out, sep, core_cause_name((enum core_cause)c),
					     g->disagree_causes[c], g);
			sep = ", ";
		}
	if (g->disagree_uncaused)
		print_disagree_cause(out, sep, "no single factor", g->disagree_uncaused, g);
	fputs(") while the game, played on the true chances, ends in a concession\n", out);
}

void report_game_text(FILE *out, const struct run_result *r, const struct report_result *rep)
{
	(void)r;
	const struct game_result *g = &rep->game;
	fprintf(out, "provocation by %s against %s\n", g->rebels, g->state);
	if (g->exact)
		game_exact(out, g);
	else
		game_uncertain(out, g);
	print_concession(out, g);
	print_disagreement(out, g);
	if (g->followers)
		fprintf(out, "  %-12s  %s deaths expected among %s (P(atrocities) × toll × size)\n",
			"toll", N(g->mean_toll), g->followers);
	bool any = false;
	for (unsigned i = 0; i < g->nrules; i++) {
		if (!g->pivotal[i])
			continue;
		if (g->exact)
			fprintf(out, "%s%s", any ? ", " : "  deterrence    removing it alone changes "
				"the leaders' choice: ", g->rules[i]);
		else
			fprintf(out, "%s%s (%s of draws)", any ? ", " : "  deterrence    removing "
				"it alone changes the leaders' choice: ", g->rules[i],
				P((double)g->pivotal[i] / (double)g->draws));
		any = true;
	}
	fputs(any ? "\n" : "  deterrence    no single sanction rule changes the leaders' choice\n",
	      out);
}
