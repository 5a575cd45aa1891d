/*
** csv.c: `--format csv`, one tidy table for every report kind (docs/json.md,
** "scen run --format csv"): a header, then one row per report × sweep row × measure,
**
**     report,kind,sweep,value,draws,measure,estimate,se
**
** so that read.csv or pandas.read_csv load any run, and a pivot on `measure` gives one
** column per quantity. A share has its standard error sqrt(P(1 − P)/N) (core.md,
** Aggregation); a mean or a quantile has none (se empty). An estimate that is undefined
** (a mean over no draws, x_min with g = 0) is empty: NA in R, NaN in pandas. Numbers keep
** 10 significant digits, as the JSON; RFC 4180, and no field needs quoting (names are
** identifiers, report names "settlement a vs b" hold only letters, digits, _ and spaces).
*/
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "report/report.h"

struct csv {
	FILE *out;
	const struct report_result *rep;
	const char *kind;
	uint64_t draws;			/* the report's: the N of every share's SE */
};

static void number(FILE *out, double v)
{
	if (isfinite(v))
		fprintf(out, ",%.10g", v + 0.0);
	else
		fputc(',', out);
}

/* One measure: its estimate and standard error (NAN: none). */
static void row(const struct csv *c, const char *measure, double estimate, double se)
{
	const struct report_result *rep = c->rep;
	fprintf(c->out, "%s,%s,%s", rep->what, c->kind, rep->sweep ? rep->sweep : "");
	number(c->out, rep->sweep ? rep->sweep_value : NAN);
	fprintf(c->out, ",%llu,%s", (unsigned long long)c->draws, measure);
	number(c->out, estimate);
	number(c->out, se);
	fputc('\n', c->out);
}

/* A share of the report's draws, k of them. */
static void share(const struct csv *c, const char *measure, uint64_t k)
{
	row(c, measure, c->draws ? (double)k / (double)c->draws : NAN,
	    c->draws ? report_share_se(k, c->draws) : NAN);
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

/* NAME.mean, NAME.q05, NAME.q50, NAME.q95; all undefined when measured in no draw. */
static void quantiles(const struct csv *c, const char *name, double mean, const double *q,
		      bool measured)
{
	static const char *const at[NQUANTILES] = { "q05", "q50", "q95" };
	char m[96];
	snprintf(m, sizeof m, "%s.mean", name);
	row(c, m, measured ? mean : NAN, NAN);
	for (int k = 0; k < NQUANTILES; k++) {
		snprintf(m, sizeof m, "%s.%s", name, at[k]);
		row(c, m, measured ? q[k] : NAN, NAN);
	}
}

static void settlement(const struct csv *c)
{
	static const char *const stat_names[NSTATS] = { "x_min", "x_max", "gap", "p_war",
							  "offer" };
	const struct settle_result *s = &c->rep->settle;
	for (int v = 0; v <= CORE_RISK; v++)
		share(c, ID("verdict", core_verdict_name(v)), s->verdicts[v]);
	for (int k = 0; k < CORE_NCAUSES; k++)
		share(c, ID("cause", core_cause_name(k)), s->causes[k]);
	share(c, "cause.only_a_pair", s->pairs);
	share(c, "cause.only_jointly", s->jointly);
	share(c, "cause.none_of_the_factors", s->uncaused);
	for (int k = 0; k < NSTATS; k++)
		quantiles(c, stat_names[k], s->stats[k].mean, s->stats[k].q, s->stats[k].n > 0);
	row(c, "mean_p_breakdown", s->mean_p_breakdown, NAN);
	row(c, "eu_state", s->eu_state, NAN);
	if (s->patron)
		for (int v = 0; v <= CORE_RISK; v++)
			share(c, ID("without_patron", core_verdict_name(v)), s->without_patron[v]);
	if (s->exact) {		/* the one draw's arithmetic (core.md §1) */
		const struct core_range *r = &s->range;
		row(c, "war_rebels", r->war_rebels, NAN);
		row(c, "war_state", r->war_state, NAN);
		row(c, "lo", r->committed ? r->lo : NAN, NAN);	/* [max(x_min, 0), min(x_max, V)] */
		row(c, "hi", r->committed ? r->hi : NAN, NAN);
		row(c, "split", r->verdict == CORE_SETTLE ? r->split : NAN, NAN);
	}
}

static void mediation(const struct csv *c)
{
	static const char *const role[2] = { "state", "rebels" };
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
		quantiles(c, ID("margin", role[i]), m->mean_margin[i], m->margin_q[i],
			  m->draws > 0);
	row(c, "proposal", m->exact ? m->med.proposal : m->mean_proposal, NAN);
	share(c, "zone", m->zones);
	row(c, "zone.lo", m->mean_zone_lo, NAN);
	row(c, "zone.hi", m->mean_zone_hi, NAN);
}

static void provocation(const struct csv *c)
{
	static const char *const moves[3] = { "concede", "repress", "atrocities" };
	static const char *const players[3] = { "leaders", "state", "followers" };
	const struct game_result *g = &c->rep->game;
	share(c, "path.abstain", g->paths[0][0] + g->paths[0][1] + g->paths[0][2]);
	for (int m = 0; m < 3; m++)
		share(c, ID("path", moves[m]), g->paths[1][m]);
	share(c, "tie.leaders", g->leaders_ties);
	share(c, "tie.state", g->state_ties);
	for (int p = 0; p < 3; p++)
		row(c, ID("payoff", players[p]), g->mean_value[p], NAN);
	for (int p = 0; p < 3; p++)
		row(c, ID("if_provoke", players[p]), g->mean_if_provoke[p], NAN);
	for (int p = 0; p < 3; p++)
		row(c, ID("if_abstain", players[p]), g->mean_if_abstain[p], NAN);
	row(c, "leaders_gain", g->mean_gain, NAN);
	row(c, "followers_loss", g->mean_loss, NAN);
	row(c, "p_war", g->mean_p_war, NAN);
	row(c, "p_atrocities", g->mean_p_atrocities, NAN);
	row(c, "p_intervention", g->mean_p_intervention, NAN);
	row(c, "expected_toll", g->followers ? g->mean_toll : NAN, NAN);
	for (unsigned i = 0; i < g->nrules; i++)
		share(c, ID("pivotal", g->rules[i]), g->pivotal[i]);
}

void report_csv(FILE *out, const struct run_result *r)
{
	fputs("report,kind,sweep,value,draws,measure,estimate,se\n", out);
	for (unsigned i = 0; i < r->nreports; i++) {
		const struct report_result *rep = &r->reports[i];
		struct csv c = { out, rep, "settlement", rep->settle.draws };
		if (rep->kind == RK_MEDIATION) {
			c.kind = "mediation";
			c.draws = rep->med.draws;
			mediation(&c);
		} else if (rep->kind == RK_PROVOCATION) {
			c.kind = "provocation";
			c.draws = rep->game.draws;
			provocation(&c);
		} else {
			settlement(&c);
		}
	}
}
