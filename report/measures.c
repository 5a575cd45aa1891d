/*
** measures.c: every measure of a report, in one order, named as `--format csv` names
** them (docs/json.md): the tidy CSV prints one row per measure, the Markdown and LaTeX
** tables one table row. A share of the report's draws has its standard error
** sqrt(P(1 − P)/N) (core.md, Aggregation), and so does a mean of what is 0 or 1 in every
** draw, which is a share of the draws (a provocation's P(war) and P(atrocities)); so do
** the mean margins and the mean leaders' gain (xsum_se, from their sums of squares);
** another mean or a quantile has none (NAN). Every format takes its SEs from here.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>

#include "report/report.h"

struct measure_walk {
	const struct report_result *rep;
	uint64_t draws;			/* the report's: the N of every share's SE */
	report_measure_fn *fn;
	void *ctx;
};

static void row(const struct measure_walk *c, const char *measure, double estimate, double se)
{
	c->fn(c->ctx, measure, estimate, se, false);
}

/* A share of the report's draws, k of them. */
static void share(const struct measure_walk *c, const char *measure, uint64_t k)
{
	c->fn(c->ctx, measure, c->draws ? (double)k / (double)c->draws : NAN,
	      c->draws ? report_share_se(k, c->draws) : NAN, true);
}

/* The mean of what is 0 or 1 in every draw: a share of the draws, with a share's SE. */
static void indicator_mean(const struct measure_walk *c, const char *measure, double mean)
{
	bool defined = c->draws && isfinite(mean);
	c->fn(c->ctx, measure, defined ? mean : NAN,
	      defined ? report_share_se_of(mean, c->draws) : NAN, true);
}

/* "prefix.name", name lower-cased with its spaces as _ ("verdict.no_threat"). */
static const char *ident(char *buf, size_t size, const char *prefix, const char *name)
{
	int o = snprintf(buf, size, "%s%s", prefix, *prefix ? "." : "");
	if (o >= (int)size)
		o = (int)size - 1;
	for (const char *p = name; *p && o + 1 < (int)size; p++)
		buf[o++] = *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
	buf[o] = '\0';
	return buf;
}
#define ID(prefix, name) ident((char[96]){ 0 }, 96, (prefix), (name))

/* A side's measure: "war_rebels", "war_challenger" (the words of the file's roles). */
static const char *sided(char *buf, size_t size, const char *prefix, const char *word)
{
	snprintf(buf, size, "%s%s", prefix, word);
	return buf;
}
#define SIDED(prefix, word) sided((char[96]){ 0 }, 96, (prefix), (word))

/* NAME.mean (with its SE, NAN: none), NAME.q05, NAME.q50, NAME.q95; all undefined when
** measured in no draw. */
static void quantiles(const struct measure_walk *c, const char *name, double mean, double se,
		      const double *q, bool measured)
{
	static const char *const at[NQUANTILES] = { "q05", "q50", "q95" };
	char m[96];
	snprintf(m, sizeof m, "%s.mean", name);
	row(c, m, measured ? mean : NAN, measured ? se : NAN);
	for (int k = 0; k < NQUANTILES; k++) {
		snprintf(m, sizeof m, "%s.%s", name, at[k]);
		row(c, m, measured ? q[k] : NAN, NAN);
	}
}

const char *const report_stat_name[NSTATS] = { "x_min", "x_max", "gap", "p_war", "offer" };

const char *report_cause_ident(enum core_cause c, char *buf, size_t size)
{
	return ident(buf, size, "", core_cause_name(c));
}

double report_range_amount(const struct core_range *r, double v)
{
	return r->committed ? v : NAN;
}

double report_range_split(const struct core_range *r)
{
	return r->verdict == CORE_SETTLE ? r->split : NAN;
}

static void settlement(const struct measure_walk *c)
{
	const struct settle_result *s = &c->rep->settle;
	const struct vocab *w = c->rep->words;
	for (int v = 0; v <= CORE_RISK; v++)
		share(c, ID("verdict", core_verdict_name(v)), s->verdicts[v]);
	for (int k = 0; k < CORE_NCAUSES; k++)
		share(c, ID("cause", core_cause_name(k)), s->causes[k]);
	share(c, "cause.only_a_pair", s->pairs);
	share(c, "cause.only_jointly", s->jointly);
	share(c, "cause.none_of_the_factors", s->uncaused);
	for (int k = 0; k < NSTATS; k++)
		quantiles(c, report_stat_name[k], s->stats[k].mean, NAN, s->stats[k].q,
			  s->stats[k].n > 0);
	row(c, "mean_p_breakdown", s->mean_p_breakdown, NAN);
	row(c, SIDED("eu_", w->state), s->eu_state, NAN);
	if (s->patron)
		for (int v = 0; v <= CORE_RISK; v++)
			share(c, ID("without_patron", core_verdict_name(v)), s->without_patron[v]);
	if (s->exact) {		/* the one draw's arithmetic (core.md §1) */
		const struct core_range *r = &s->range;
		row(c, SIDED("war_", w->rebels), r->war_rebels, NAN);
		row(c, SIDED("war_", w->state), r->war_state, NAN);
		row(c, "lo", report_range_amount(r, r->lo), NAN);	/* [max(x_min, 0), min(x_max, V)] */
		row(c, "hi", report_range_amount(r, r->hi), NAN);
		row(c, "split", report_range_split(r), NAN);
	}
}

static void mediation(const struct measure_walk *c)
{
	const char *const role[2] = { c->rep->words->state, c->rep->words->rebels };
	const struct mediation_result *m = &c->rep->med;
	share(c, "agreement", m->agreements);
	share(c, "agreement_without_coercion", m->agreements_free);
	for (int i = 0; i < 2; i++)
		share(c, ID("accepts", role[i]), m->accepts[i]);
	for (int i = 0; i < 2; i++)
		share(c, ID("accepts_without_coercion", role[i]), m->accepts_free[i]);
	for (int i = 0; i < 2; i++)
		share(c, ID("hurts", role[i]), m->hurts[i]);
	for (int i = 0; i < 2; i++)
		quantiles(c, ID("margin", role[i]), m->mean_margin[i], m->se_margin[i],
			  m->margin_q[i], m->draws > 0);
	row(c, "proposal", m->exact ? m->med.proposal : m->mean_proposal, NAN);
	share(c, "zone", m->zones);
	row(c, "zone.lo", m->mean_zone_lo, NAN);
	row(c, "zone.hi", m->mean_zone_hi, NAN);
}

static void provocation(const struct measure_walk *c)
{
	const char *const players[3] = { "leaders", c->rep->words->state, "followers" };
	const struct game_result *g = &c->rep->game;
	share(c, "path.abstain", g->paths[0][0] + g->paths[0][1] + g->paths[0][2]);
	for (int m = 0; m < CORE_GAME_NMOVES; m++)
		share(c, ID("path", core_game_move_name(m)), g->paths[1][m]);
	share(c, "tie.leaders", g->leaders_ties);
	share(c, ID("tie", c->rep->words->state), g->state_ties);
	for (int p = 0; p < 3; p++)
		row(c, ID("payoff", players[p]), g->mean_value[p], NAN);
	for (int p = 0; p < 3; p++)
		row(c, ID("if_provoke", players[p]), g->mean_if_provoke[p], NAN);
	for (int p = 0; p < 3; p++)
		row(c, ID("if_abstain", players[p]), g->mean_if_abstain[p], NAN);
	row(c, "leaders_gain", g->mean_gain, g->se_gain);
	row(c, "followers_loss", g->mean_loss, NAN);
	/* core/game.c's path() sets each to 0 or 1 in a draw: the game's path is a war or
	 * not, with atrocities or not (P(intervention) is a chance within the war). */
	indicator_mean(c, "p_war", g->mean_p_war);
	indicator_mean(c, "p_atrocities", g->mean_p_atrocities);
	row(c, "p_intervention", g->mean_p_intervention, NAN);
	row(c, "expected_toll", g->followers ? g->mean_toll : NAN, NAN);
	for (unsigned i = 0; i < g->nrules; i++)
		share(c, ID("pivotal", g->rules[i]), g->pivotal[i]);
}

const char *report_kind_name(const struct report_result *rep)
{
	switch (rep->kind) {
	case RK_MEDIATION:
		return "mediation";
	case RK_PROVOCATION:
		return "provocation";
	case RK_SETTLEMENT:
		break;
	}
	return "settlement";
}

uint64_t report_draws(const struct report_result *rep)
{
	switch (rep->kind) {
	case RK_MEDIATION:
		return rep->med.draws;
	case RK_PROVOCATION:
		return rep->game.draws;
	case RK_SETTLEMENT:
		break;
	}
	return rep->settle.draws;
}

void report_measures(const struct report_result *rep, report_measure_fn *fn, void *ctx)
{
	struct measure_walk c = { rep, report_draws(rep), fn, ctx };
	switch (rep->kind) {
	case RK_MEDIATION:
		mediation(&c);
		break;
	case RK_PROVOCATION:
		provocation(&c);
		break;
	case RK_SETTLEMENT:
		settlement(&c);
		break;
	}
}
