/*
** attrs.c: the attribute tables. Symbols and defaults follow core.md's notation table;
** a default written in words ("the true chance p") is derived by the core at run time.
*/
#include "check/attrs.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "util/scen_conf.h"

#define INF HUGE_VAL
#define NUM(n, f, lo, hi, unit, d, dv, m) { n, AT_NUMBER, f, lo, hi, unit, d, dv, NULL, m }
#define PROB(n, f, d, dv, m) NUM(n, f, 0, 1, "probability", d, dv, m)
#define COST(n, f, d, dv, m) NUM(n, f, 0, INF, "stake units", d, dv, m)
#define OTHER(n, t, f, d, choices, m) { n, t, f, 0, 0, "", d, NAN, choices, m }

#define ANY_ROLE "state|rebels|population|intervener|mediator|coercer|patron"

static const struct attr_def state_attrs[] = {
	COST("cost", AF_XMAX, "0", 0, "c_S: what a war costs {S}"),
	NUM("resolve", AF_LO_OPEN | AF_XMAX, 0, INF, "multiple of value", "1", 1,
	    "r_S: the value {S} places on the whole stake, as a multiple of its value"),
	PROB("belief", AF_XMAX, "from `expects_intervention`, else the true chance p", NAN,
	     "b_S: {S'} estimate of {R'} chance of winning a war"),
	PROB("expects_intervention", AF_XMAX, "the intervener's chance q", NAN,
	     "q_S: the chance of intervention {S} expects; sets its belief when "
	     "`belief` is not given"),
	NUM("challengers", AF_INTEGER | AF_XMAX, 0, INF, "count", "0", 0,
	    "n: other would-be {Rs} watching how {S} treats these"),
	NUM("reputation", AF_XMAX, 0, INF, "stake units per unit conceded", "0", 0,
	    "ρ: what each unit conceded costs {S} for each of its `challengers`"),
	PROB("capacity", AF_XMIN | AF_XMAX, "100%", 1,
	     "ability to use selective violence; below 50% the war is fought with atrocities"),
	OTHER("violence", AT_CHOICE, 0, "from `capacity`", "selective|indiscriminate",
	      "how {S} fights; `indiscriminate` means atrocities"),
};

static const struct attr_def rebels_attrs[] = {
	COST("cost", AF_XMIN, "0", 0, "c_R: what a war costs {R}"),
	NUM("resolve", AF_LO_OPEN | AF_XMIN, 0, INF, "multiple of value", "1", 1,
	    "r_R: the value of the whole stake to {R}, as a multiple of its value"),
	PROB("belief", AF_XMIN, "from `expects_intervention`, else the true chance p", NAN,
	     "b_R: {R'} estimate of {their} own chance of winning a war"),
	PROB("expects_intervention", AF_XMIN, "the intervener's chance q", NAN,
	     "q_R: {R'} expected chance of intervention; sets {their} belief when "
	     "`belief` is not given"),
	PROB("leaders_share", AF_XMIN, "100%", 1, "λ: the leaders' share of any gains"),
	PROB("leaders_cost", AF_XMIN, "100%", 1,
	     "κ: the share of the war's costs the leaders themselves bear"),
	OTHER("provoked", AT_BOOL, 0, "false", NULL,
	      "whether the leaders provoked {S} (the `provoked` event outside the "
	      "provocation game)"),
};

static const struct attr_def population_attrs[] = {
	OTHER("of", AT_ACTOR, AF_REQUIRED, "", "rebels", "the rebels whose followers they are"),
	NUM("size", AF_INTEGER, 0, INF, "people", "0", 0, "how many people"),
	PROB("toll", 0, "0", 0, "the share killed if the state turns to atrocities"),
	COST("harm", 0, "0", 0, "what the followers lose when the state commits atrocities"),
};

static const struct attr_def intervener_attrs[] = {
	PROB("chance", AF_XMIN | AF_XMAX, "0", 0, "q: the chance it intervenes if war breaks out"),
	PROB("chance_if_atrocities", AF_XMIN | AF_XMAX, "`chance`", NAN,
	     "q when the war is fought with atrocities"),
	PROB("rebels_win_if_in", AF_XMIN | AF_XMAX, "the conflict's `win`", NAN,
	     "p⁺: the rebels' chance of winning once it is in"),
	COST("cost_to_state", AF_XMAX, "0", 0, "k: what its intervention costs the state"),
	PROB("will", AF_XMIN | AF_XMAX, "100%", 1,
	     "g: the chance it enforces a settlement it guarantees"),
};

static const struct attr_def patron_attrs[] = {
	OTHER("client", AT_ACTOR, AF_REQUIRED, "", "state|rebels", "the actor it protects"),
	NUM("troops", AF_INTEGER | AF_XSIDE, 0, INF, "troops", "0", 0,
	    "troops stationed with the client; they lower its resolve through `tripwire`"),
	PROB("chance", AF_XMIN | AF_XMAX, "0", 0, "the chance it intervenes on its client's side"),
	COST("cost_to_other", AF_XSIDE, "0", 0,
	     "what its intervention costs the side it fights, as `cost_to_state` does the "
	     "state: q·cost in that side's war payoff"),
	PROB("chance_if_atrocities", AF_XMIN | AF_XMAX, "`chance`", NAN,
	     "its chance when the war is fought with atrocities"),
	PROB("rebels_win_if_in", AF_XMIN | AF_XMAX, "the conflict's `win`", NAN,
	     "p⁺: the rebels' chance of winning once it is in"),
	PROB("will", AF_XMIN | AF_XMAX, "100%", 1,
	     "g: the chance it enforces a settlement it guarantees"),
};

static const struct attr_def scenario_attrs[] = {
	NUM("seed", AF_INTEGER | AF_SETTING, 0, 18446744073709549568.0, "integer",
	    SCEN_STR(SCEN_DEFAULT_SEED), SCEN_DEFAULT_SEED,
	    "the seed of the random streams: the same seed gives the same report"),
	NUM("draws", AF_INTEGER | AF_SETTING, 1, (double)SCEN_MAX_DRAWS, "count",
	    SCEN_STR(SCEN_DEFAULT_DRAWS), SCEN_DEFAULT_DRAWS,
	    "Monte Carlo draws (a file with no `~` has one)"),
	OTHER("unit", AT_STRING, AF_SETTING, "\"\"", NULL,
	      "the unit of the stakes' values, used in reports"),
	NUM("threads", AF_INTEGER | AF_SETTING, 0, SCEN_MAX_THREADS, "count", "0", 0,
	    "worker threads; 0 means one per core"),
};

static const struct attr_def stake_attrs[] = {
	COST("value", AF_XMIN | AF_XMAX, "1", 1, "V: what the stake is worth"),
	OTHER("divisible", AT_BOOL, 0, "true", NULL,
	      "false: all or nothing (offers are 0 or V)"),
	NUM("step", AF_LO_OPEN, 0, INF, "stake units", "none", NAN,
	    "offers come in multiples of this"),
};

static const struct attr_def conflict_attrs[] = {
	PROB("win", AF_REQUIRED | AF_XMIN | AF_XMAX, "", NAN,
	     "p⁰: the rebels' true chance of winning without intervention"),
	OTHER("guarantor", AT_ACTOR, 0, "none", "intervener|patron",
	      "who guarantees a settlement; its `will` is g"),
	COST("status_quo", AF_XMIN | AF_XMAX, "0", 0, "x_sq: what the rebels hold now"),
};

static const struct attr_def sanction_attrs[] = {
	OTHER("by", AT_ACTOR, 0, "none", ANY_ROLE, "who imposes it"),
	OTHER("on", AT_ACTOR, AF_REQUIRED, "", "state|rebels", "who pays it (or gains)"),
	OTHER("kind", AT_CHOICE, 0, "negative", "negative|positive|targeted|judicial|military",
	      "its kind, as the report groups sanctions"),
	OTHER("when", AT_CONDITION, AF_REQUIRED, "", NULL,
	      "the events in which it applies: war, settled, provoked, atrocities, "
	      "intervened, rejects(M), accepts(M)"),
	COST("cost", AF_XSIDE, "one of `cost`, `benefit`", NAN,
	     "what the target pays when it applies"),
	COST("benefit", AF_XSIDE, "one of `cost`, `benefit`", NAN,
	     "what the target gains when it applies"),
};

static const struct attr_def mediation_attrs[] = {
	OTHER("by", AT_ACTOR, AF_REQUIRED, "", "mediator", "the mediator"),
	OTHER("parties", AT_ACTORS, AF_REQUIRED, "", "state|rebels",
	      "the two sides of a conflict over `over`"),
	OTHER("over", AT_STAKE, AF_REQUIRED, "", NULL, "the stake"),
	PROB("proposal", AF_REQUIRED, "", NAN,
	     "x_m: the share of the stake offered to the rebels"),
	OTHER("stage", AT_CHOICE, 0, "consent", "consent|stalemate|consensus",
	      "the role coercion plays: consent, stalemate or consensus"),
};

#define ROLE(n, is_role, what, a) { n, is_role, what, a, sizeof a / sizeof a[0], NULL, 0 }
#define BARE(n, what) { n, true, what, NULL, 0, NULL, 0 }
/* An interstate role: the model of roles[of], under the words of VOCAB_INTERSTATE. */
#define ALIAS(n, what, of, a) { n, true, what, a, sizeof a / sizeof a[0], &roles[of], \
				VOCAB_INTERSTATE }

const struct vocab vocabs[NVOCABS] = {
	[VOCAB_CIVIL] = { "state", "rebels", "the state", "the rebels", "state's",
			  "rebels'", "rebels", "their" },
	[VOCAB_INTERSTATE] = { "defender", "challenger", "the defender", "the challenger",
			       "defender's", "challenger's", "challengers", "its" },
};

const struct role_def roles[NROLES] = {
	[ROLE_STATE] = ROLE("state", true, "the government whose territory or power is "
			    "contested", state_attrs),
	[ROLE_REBELS] = ROLE("rebels", true, "the rebel leaders who may fight or settle",
			     rebels_attrs),
	[ROLE_DEFENDER] = ALIAS("defender", "a state that holds the stake against a challenger; "
				"the model of `state`", ROLE_STATE, state_attrs),
	[ROLE_CHALLENGER] = ALIAS("challenger", "a state that may fight the defender for the "
				  "stake or settle; the model of `rebels`", ROLE_REBELS,
				  rebels_attrs),
	[ROLE_POPULATION] = ROLE("population", true, "the followers who bear the violence",
				 population_attrs),
	[ROLE_INTERVENER] = ROLE("intervener", true, "an outside power that may enter a war",
				 intervener_attrs),
	[ROLE_MEDIATOR] = BARE("mediator", "a third party who proposes settlements"),
	[ROLE_COERCER] = BARE("coercer", "imposes sanctions, never fights"),
	[ROLE_PATRON] = ROLE("patron", true, "a protector with troops stationed in its client",
			     patron_attrs),
	[BLOCK_SCENARIO] = ROLE("scenario", false, "settings of the run", scenario_attrs),
	[BLOCK_STAKE] = ROLE("stake", false, "what is fought over", stake_attrs),
	[BLOCK_CONFLICT] = ROLE("conflict", false, "a state against rebels, or a defender against "
				"a challenger, over a stake",
				conflict_attrs),
	[BLOCK_SANCTION] = ROLE("sanction", false, "a rule: when its condition holds, the "
				"target pays its cost (or gains its benefit)", sanction_attrs),
	[BLOCK_MEDIATION] = ROLE("mediation", false, "a proposal the parties accept or reject",
				 mediation_attrs),
};

const struct role_def *role_find(const char *name, bool roles_only)
{
	for (size_t i = 0; i < NROLES; i++)
		if ((!roles_only || roles[i].is_role) && strcmp(roles[i].name, name) == 0)
			return &roles[i];
	return NULL;
}

const struct attr_def *attr_find(const struct role_def *r, const char *name)
{
	for (size_t i = 0; i < r->nattrs; i++)
		if (strcmp(r->attrs[i].name, name) == 0)
			return &r->attrs[i];
	return NULL;
}

const struct role_def *role_model(const struct role_def *r)
{
	return r->model ? r->model : r;
}

bool role_is(const struct role_def *r, unsigned id)
{
	return r && role_model(r) == &roles[id];
}

bool role_in_list(const char *list, const struct role_def *r)
{
	return r && (word_in_list(list, r->name) || word_in_list(list, role_model(r)->name));
}

/* The placeholders of vocab_say: each stands for an article (or nothing) and a word. */
static const struct placeholder {
	const char *ph, *article;
	size_t at;
} placeholders[] = {
	{ "{S}", "", offsetof(struct vocab, the_state) },
	{ "{R}", "", offsetof(struct vocab, the_rebels) },
	{ "{S'}", "the ", offsetof(struct vocab, state_s) },
	{ "{R'}", "the ", offsetof(struct vocab, rebels_s) },
	{ "{Rs}", "", offsetof(struct vocab, rebels_pl) },
	{ "{their}", "", offsetof(struct vocab, their) },
};

static const struct placeholder *placeholder_at(const char *p)
{
	for (size_t i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++)
		if (strncmp(p, placeholders[i].ph, strlen(placeholders[i].ph)) == 0)
			return &placeholders[i];
	return NULL;
}

char *vocab_say(char *buf, size_t size, const char *text, const struct vocab *v)
{
	size_t n = 0;
	for (const char *p = text; *p && n + 1 < size;) {
		const struct placeholder *ph = *p == '{' ? placeholder_at(p) : NULL;
		if (!ph) {
			buf[n++] = *p++;
			continue;
		}
		n += (size_t)snprintf(buf + n, size - n, "%s%s", ph->article,
				      *(const char *const *)((const char *)v + ph->at));
		n = n < size ? n : size - 1;
		p += strlen(ph->ph);
	}
	buf[n] = 0;
	return buf;
}

bool word_in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, name, n) == 0)
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

/* ---- printing ---- */

/* The valid values in words: "[0, 1]", "≥ 0", "whole, ≥ 1", "true, false", ... */
void attrs_print_range(FILE *out, const struct attr_def *a)
{
	switch (a->type) {
	case AT_NUMBER:
		if (a->lo == 0 && a->hi == 1)
			fputs("0 to 1", out);
		else if (a->hi == INF || a->hi > 1e12)
			fprintf(out, "%s%s %g", a->flags & AF_INTEGER ? "whole, " : "",
				a->flags & AF_LO_OPEN ? ">" : "≥", a->lo);
		else
			fprintf(out, "%s%g to %g", a->flags & AF_INTEGER ? "whole, " : "",
				a->lo, a->hi);
		break;
	case AT_BOOL: fputs("true, false", out); break;
	case AT_STRING: fputs("a string", out); break;
	case AT_CHOICE:
		for (const char *p = a->choices; *p; p++)
			fputs(*p == '|' ? ", " : (char[]){ *p, 0 }, out);
		break;
	case AT_ACTOR:
	case AT_ACTORS:
		if (strcmp(a->choices, ANY_ROLE) == 0) {
			fputs(a->type == AT_ACTOR ? "any actor" : "a list of actors", out);
			break;
		}
		fprintf(out, "%s: ", a->type == AT_ACTOR ? "an actor" : "a list of actors");
		for (const char *p = a->choices; *p; p++)
			fputs(*p == '|' ? " or " : (char[]){ *p, 0 }, out);
		break;
	case AT_STAKE: fputs("a stake", out); break;
	case AT_CONDITION: fputs("a condition over events", out); break;
	}
}

static void print_role_text(FILE *out, const struct role_def *r)
{
	const struct vocab *v = &vocabs[r->vocab];
	char say[VOCAB_SAY_MAX];
	fprintf(out, "%s%s: %s\n", r->is_role ? "actor NAME : " : "", r->name, r->what);
	if (r->nattrs == 0)
		fputs("  (no attributes)\n", out);
	for (size_t i = 0; i < r->nattrs; i++) {
		const struct attr_def *a = &r->attrs[i];
		fprintf(out, "  %-21s ", a->name);
		attrs_print_range(out, a);
		if (*a->unit && strcmp(a->unit, "probability") != 0)
			fprintf(out, ", %s", a->unit);
		fprintf(out, "; %s%s\n      %s\n", a->flags & AF_REQUIRED ? "required" : "default ",
			a->flags & AF_REQUIRED ? "" : a->dflt,
			vocab_say(say, sizeof say, a->meaning, v));
	}
}

static void print_role_markdown(FILE *out, const struct role_def *r)
{
	fprintf(out, "#### %s`%s`\n\n%c%s.\n\n", r->is_role ? "role " : "", r->name,
		r->what[0] - 'a' + 'A', r->what + 1);
	if (r->nattrs == 0) {
		fputs("No attributes.\n", out);
		return;
	}
	char say[VOCAB_SAY_MAX];
	fputs("| attribute | meaning | unit | values | default |\n|---|---|---|---|---|\n", out);
	for (size_t i = 0; i < r->nattrs; i++) {
		const struct attr_def *a = &r->attrs[i];
		fprintf(out, "| `%s` | %s | %s | ", a->name,
			vocab_say(say, sizeof say, a->meaning, &vocabs[r->vocab]),
			*a->unit ? a->unit : "");
		attrs_print_range(out, a);
		fprintf(out, " | %s |\n", a->flags & AF_REQUIRED ? "required" : a->dflt);
	}
}

bool attrs_print(FILE *out, const char *role, bool markdown)
{
	const struct role_def *only = role ? role_find(role, false) : NULL;
	if (role && !only)
		return false;
	bool first = true;
	for (size_t i = 0; i < NROLES; i++) {
		if (only && only != &roles[i])
			continue;
		if (!first)
			fputc('\n', out);
		first = false;
		if (markdown)
			print_role_markdown(out, &roles[i]);
		else
			print_role_text(out, &roles[i]);
	}
	return true;
}
