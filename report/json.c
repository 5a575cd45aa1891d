/*
** json.c: `--format json`, built with jansson. The schema is in docs/json.md.
** Numbers are JSON numbers (NaN and infinities, which JSON lacks, become null).
*/
#include <jansson.h>
#include <math.h>

#include "report/json_u64.h"
#include "report/provenance.h"
#include "report/report.h"

/* A number; -0 is written 0, as the CSV writes it (v + 0.0 is +0 for v = −0). */
static json_t *num(double v)
{
	return isfinite(v) ? json_real(v + 0.0) : json_null();
}

static json_t *share(uint64_t k, uint64_t n)
{
	double p = n ? (double)k / (double)n : 0;
	return json_pack("{s:I, s:o, s:o}", "draws", (json_int_t)k, "share", num(p), "se",
			 num(n ? sqrt(p * (1 - p) / (double)n) : 0));
}

/* The SE of a mean of what is 0 or 1 in every draw, a share p of n draws. */
static json_t *indicator_se(double p, uint64_t n)
{
	return num(n && isfinite(p) ? report_share_se_of(p, n) : NAN);
}

/* A key with a side's word: "war_rebels", "war_challenger" (docs/json.md). */
static const char *key(char buf[static 40], const char *prefix, const char *word,
		       const char *suffix)
{
	snprintf(buf, 40, "%s%s%s", prefix, word, suffix);
	return buf;
}

#define KEY(prefix, word, suffix) key((char[40]){ 0 }, prefix, word, suffix)

static json_t *range_json(const struct core_range *r, const struct vocab *w)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
			 "p", num(r->p), "q", num(r->q), KEY("war_", w->rebels, ""),
			 num(r->war_rebels), KEY("war_", w->state, ""), num(r->war_state),
			 "x_min", num(report_range_amount(r, r->x_min)),
			 "x_max", num(report_range_amount(r, r->x_max)),
			 "lo", num(report_range_amount(r, r->lo)),
			 "hi", num(report_range_amount(r, r->hi)),
			 "split", num(report_range_split(r)),
			 "gap", num(report_range_amount(r, r->gap)),
			 "verdict", core_verdict_name(r->verdict));
}

static json_t *exact_json(const struct settle_result *s, const struct vocab *w)
{
	json_t *causes = json_array();
	for (int c = 0; c < CORE_NCAUSES; c++)
		if (s->why.single >> c & 1)
			json_array_append_new(causes, json_pack("{s:s, s:o}", "cause",
				core_cause_name(c), "without", range_json(&s->why.without[c], w)));
	return json_pack("{s:o, s:o, s:b, s:b}", "range", range_json(&s->range, w), "causes",
			 causes, "pair", s->why.pair != 0 && !s->why.single,
			 "jointly", s->why.jointly && !s->why.single && !s->why.pair);
}

/* A sweep row's { attribute, value, row }, or null: every report kind carries it. A
** map's cell adds its second { attribute, value, row }. */
static json_t *sweep_json(const struct report_result *rep)
{
	if (!rep->sweep)
		return json_null();
	json_t *o = json_pack("{s:s, s:o, s:I}", "attribute", rep->sweep, "value",
			      num(rep->sweep_value), "row", (json_int_t)rep->sweep_row);
	if (rep->sweep2)
		json_object_set_new(o, "second", json_pack("{s:s, s:o, s:I}", "attribute",
				    rep->sweep2, "value", num(rep->sweep2_value), "row",
				    (json_int_t)rep->sweep2_row));
	return o;
}

static json_t *settle_json(const struct report_result *rep)
{
	const struct settle_result *s = &rep->settle;
	json_t *verdicts = json_object(), *causes = json_object(), *stats = json_object();
	for (int v = 0; v <= CORE_RISK; v++)
		json_object_set_new(verdicts, core_verdict_name(v), share(s->verdicts[v], s->draws));
	for (int c = 0; c < CORE_NCAUSES; c++)
		json_object_set_new(causes, core_cause_name(c), share(s->causes[c], s->draws));
	json_object_set_new(causes, "only a pair", share(s->pairs, s->draws));
	json_object_set_new(causes, "only jointly", share(s->jointly, s->draws));
	for (int k = 0; k < NSTATS; k++) {
		const struct stat_summary *st = &s->stats[k];
		if (st->n)
			json_object_set_new(stats, report_stat_name[k], json_pack(
				"{s:I, s:o, s:o, s:o, s:o}", "draws", (json_int_t)st->n, "mean",
				num(st->mean), "q05", num(st->q[0]), "q50", num(st->q[1]),
				"q95", num(st->q[2])));
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o}",
			      "report", rep->what, rep->words->state, s->state,
			      rep->words->rebels, s->rebels,
			      "stake", s->stake, "draws", (json_int_t)s->draws,
			      "verdicts", verdicts, "causes", causes, "quantities", stats,
			      "mean_p_breakdown", num(s->mean_p_breakdown));
	json_object_set_new(o, "sweep", sweep_json(rep));
	if (s->screening)
		json_object_set_new(o, KEY("eu_", rep->words->state, ""), num(s->eu_state));
	if (s->exact)
		json_object_set_new(o, "exact", exact_json(s, rep->words));
	return o;
}

static json_t *side_json(const char *name, const struct core_mediation_side *x)
{
	return json_pack("{s:s, s:b, s:o, s:o, s:o, s:o, s:b}", "party", name, "accepts",
			 x->accepts, "margin", num(x->margin), "accept", num(x->accept),
			 "batna", num(x->batna), "status_quo", num(x->status_quo),
			 "hurts", x->hurts);
}

static json_t *zone_json(const struct core_zone *z)
{
	return z->empty ? json_null() : json_pack("[o, o]", num(z->lo), num(z->hi));
}

static json_t *mediation_json(const struct report_result *rep)
{
	const struct mediation_result *m = &rep->med;
	json_t *rules = json_array();
	for (unsigned i = 0; i < m->nrules; i++)
		json_array_append_new(rules, json_pack("{s:s, s:s, s:s, s:s}", "sanction",
			m->rules[i], "kind", m->rule_kind[i], "by", m->rule_by[i], "on",
			m->rule_on[i]));
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:[s, s], s:s, s:I, s:o, s:o, s:o}",
			      "report", rep->what, "mediation", m->name, "by", m->by,
			      "stage", m->stage, "parties", m->party[0], m->party[1],
			      "stake", m->stake, "draws", (json_int_t)m->draws,
			      "agreement", share(m->agreements, m->draws),
			      "agreement_without_coercion", share(m->agreements_free, m->draws),
			      "coercion", rules);
	json_object_set_new(o, "accepts", json_pack("{s:o, s:o}", m->party[0],
		share(m->accepts[0], m->draws), m->party[1], share(m->accepts[1], m->draws)));
	json_t *margins = json_object();
	for (int i = 0; i < 2; i++)
		json_object_set_new(margins, m->party[i], json_pack("{s:o, s:o, s:o, s:o, s:o}",
			"mean", num(m->mean_margin[i]), "se", num(m->se_margin[i]),
			"q05", num(m->margin_q[i][0]),
			"q50", num(m->margin_q[i][1]), "q95", num(m->margin_q[i][2])));
	json_object_set_new(o, "margin", margins);
	json_object_set_new(o, "sweep", sweep_json(rep));
	if (m->exact)
		json_object_set_new(o, "exact", json_pack("{s:o, s:o, s:o, s:b, s:o, s:o, s:b}",
			"proposal", num(m->med.proposal), rep->words->state,
			side_json(m->party[0], &m->med.state), rep->words->rebels,
			side_json(m->party[1], &m->med.rebels),
			"agreement", m->med.agreement, "zone", zone_json(&m->med.zone),
			"zone_without_coercion", zone_json(&m->med.zone_free),
			"mutually_hurting", m->med.mutually_hurting));
	return o;
}

static json_t *players_json(const double *v, const struct vocab *w)
{
	return json_pack("{s:o, s:o, s:o}", "leaders", num(v[0]), w->state, num(v[1]),
			 "followers", num(v[2]));
}

static json_t *game_json(const struct report_result *rep)
{
	const struct game_result *g = &rep->game;
	const struct vocab *w = rep->words;
	json_t *paths = json_object(), *pivotal = json_object();
	uint64_t abstain = g->paths[0][0] + g->paths[0][1] + g->paths[0][2];
	json_object_set_new(paths, "abstain", share(abstain, g->draws));
	for (int m = 0; m < CORE_GAME_NMOVES; m++)
		json_object_set_new(paths, core_game_move_name(m), share(g->paths[1][m], g->draws));
	for (unsigned i = 0; i < g->nrules; i++)
		json_object_set_new(pivotal, g->rules[i], share(g->pivotal[i], g->draws));
	json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
			      "s:o, s:o}", "report", rep->what, w->rebels, g->rebels, w->state,
			      g->state, "draws", (json_int_t)g->draws, "paths", paths,
			      "payoffs", players_json(g->mean_value, w),
			      "if_provoke", players_json(g->mean_if_provoke, w),
			      "if_abstain", players_json(g->mean_if_abstain, w),
			      "leaders_gain", num(g->mean_gain), "followers_loss", num(g->mean_loss),
			      "p_war", num(g->mean_p_war), "p_atrocities", num(g->mean_p_atrocities),
			      "expected_toll", num(g->mean_toll), "pivotal", pivotal);
	json_object_set_new(o, "leaders_gain_se", num(g->se_gain));
	/* P(war) and P(atrocities) are shares of the draws (0 or 1 in each): a share's SE,
	 * the CSV's (measures.c), null without draws as the CSV leaves it empty */
	json_object_set_new(o, "p_war_se", indicator_se(g->mean_p_war, g->draws));
	json_object_set_new(o, "p_atrocities_se", indicator_se(g->mean_p_atrocities, g->draws));
	json_object_set_new(o, "followers", g->followers ? json_string(g->followers)
							   : json_null());
	json_object_set_new(o, "sweep", sweep_json(rep));
	json_object_set_new(o, "concede_unavailable", share(g->no_concession, g->draws));
	json_t *causes = json_object();
	for (int c = 0; c < CORE_NCAUSES; c++)
		json_object_set_new(causes, core_cause_name((enum core_cause)c),
				    share(g->disagree_causes[c], g->draws));
	json_object_set_new(causes, "no single factor", share(g->disagree_uncaused, g->draws));
	json_t *disagreement = share(g->disagreements, g->draws);
	json_object_set_new(disagreement, "causes", causes);
	json_object_set_new(o, "disagreement", disagreement);
	if (g->exact)
		json_object_set_new(o, "exact", json_pack("{s:b, s:s, s:b, s:b, s:o}", "provoke",
			g->sol.provoke, "reply", core_game_move_name(g->sol.reply), "leaders_tie",
			g->sol.leaders_tie, KEY("", w->state, "_tie"), g->sol.state_tie, "concession",
			num(g->concession)));
	return o;
}

void report_json(FILE *out, const struct run_result *r)
{
	json_t *reports = json_array(), *clamps = json_array();
	for (unsigned i = 0; i < r->nreports; i++)
		json_array_append_new(reports, r->reports[i].kind == RK_MEDIATION
				      ? mediation_json(&r->reports[i])
				      : r->reports[i].kind == RK_PROVOCATION
				      ? game_json(&r->reports[i]) : settle_json(&r->reports[i]));
	for (unsigned i = 0; i < r->nclamps; i++)
		json_array_append_new(clamps, json_pack("{s:s, s:I}", "attribute",
			r->clamps[i].label, "draws", (json_int_t)r->clamps[i].draws));
	json_t *root = json_pack("{s:s, s:s, s:o, s:I, s:b, s:b, s:o, s:o}", "scenario",
				 r->title, "unit", r->unit, "seed", json_u64(r->seed),
				 "draws", (json_int_t)r->draws, "uncertain", r->uncertain,
				 "interrupted", r->stopped, "reports", reports, "clamped", clamps);
	json_object_set_new(root, "provenance", provenance_json(r));
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', out);
	json_decref(root);
}
