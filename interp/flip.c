/*
** flip.c: the breakpoints of a settlement verdict in one attribute (flip.h). The core
** is not reimplemented: every value tried is a one-draw exact run of the whole model
** (with `~`, a run of the file's draws: flip_level.c).
*/
#include "interp/flip.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/model.h"
#include "util/xalloc.h"

struct search {
	struct session *s;
	const char *owner, *attr;
	unsigned report;		/* its index in the run's reports */
	const struct run_options *run;	/* the types and the Ctrl-C flag; NULL: none */
	unsigned runs;
	bool failed, stopped;
	bool missed;			/* the failed run failed at its value (flip_grid) */
};

/* A one-draw exact run with run's types (screening), or the file's. */
static struct run_options exact_options(const struct run_options *run)
{
	return (struct run_options){ .threads = 1, .have_draws = true, .draws = 1,
				     .types = run ? run->types : 0 };
}

/* The verdict at value x; sets failed when the run fails (and missed: at its value,
** flip_grid), and stopped (and failed) after Ctrl-C: the search ends there. */
static enum core_verdict verdict_at(struct search *k, double x)
{
	struct session *s = k->s;
	if (k->run && k->run->stop && *k->run->stop) {
		k->failed = k->stopped = true;
		return CORE_BREAKDOWN;
	}
	bool ok = interp_override(s->it, k->owner, k->attr, x);
	assert(ok);
	(void)ok;
	struct run_options o = exact_options(k->run);
	k->runs++;
	if (session_run(s, &o) != 0) {
		k->failed = k->missed = true;
		return CORE_BREAKDOWN;
	}
	const struct settle_result *r = &s->result.reports[k->report].settle;
	for (unsigned v = 0; v <= CORE_RISK; v++)
		if (r->verdicts[v])
			return (enum core_verdict)v;
	k->failed = true;
	return CORE_BREAKDOWN;
}

static bool matches(const char *what, const char *want)
{
	if (strcmp(what, want) == 0)
		return true;
	const char *sp = strchr(what, ' ');
	return sp && strcmp(sp + 1, want) == 0;
}

/* The report searched: the first of the file's own settlement reports (not a sweep's
** rows) that matches want, or the first at all when want is NULL. */
static bool pick_report(const struct run_result *r, const char *want, unsigned *out)
{
	for (unsigned i = 0; i < r->nreports; i++) {
		const struct report_result *rep = &r->reports[i];
		if (rep->sweep || rep->kind != RK_SETTLEMENT)
			continue;
		if (!want || matches(rep->what, want)) {
			*out = i;
			return true;
		}
	}
	return false;
}

/* A let (k->owner NULL): its unit and range are those of the attribute whose whole value
** it is (`win = win`: docs/sense.md, a conflict's attribute flipped through a let). */
static enum flip_status find_let(struct session *s, const char *name, struct search *k,
				 struct flip_result *out)
{
	const struct vnode *v = interp_let(s->prog.model, name);
	if (!v)
		return FLIP_BAD_LABEL;
	memcpy(out->label, name, strlen(name) + 1);
	memcpy(out->label_full, name, strlen(name) + 1);
	k->owner = NULL;
	k->attr = out->label;
	out->def = interp_let_attr(s->prog.model, v);
	if (v->uncertain || v->distribution || v->is_fn)
		return FLIP_LET_DRAWN;
	return out->def ? FLIP_OK : FLIP_LET_NO_RANGE;
}

const char *flip_status_text(enum flip_status st)
{
	switch (st) {
	case FLIP_BAD_LABEL: return "%s is not ACTOR.ATTR or a let";
	case FLIP_NO_OWNER: return "no actor or item %s in the file";
	case FLIP_NO_ATTR: return "%s has no attribute %s (see `scen attrs`)";
	case FLIP_NOT_NUMBER: return "%s is not a number: only a numeric attribute can be "
				     "flipped";
	case FLIP_LET_DRAWN: return "%s is drawn (`~`) or a function: only a fixed value can "
				    "be flipped (flip an attribute it feeds, or see `scen sense`)";
	case FLIP_LET_NO_RANGE: return "%s has no range to search: no attribute takes the "
				       "let as its whole value (as in `win = win`), which "
				       "gives a let its unit and range; flip the attribute "
				       "it feeds";
	default: return NULL;
	}
}

static enum flip_status find_attr(struct session *s, const char *label, struct search *k,
				  struct flip_result *out)
{
	const char *dot = strchr(label, '.');
	if (!dot && strlen(label) < sizeof out->label)
		return find_let(s, label, k, out);
	if (!dot || dot == label || !dot[1] || strlen(label) >= sizeof out->label)
		return FLIP_BAD_LABEL;
	memcpy(out->label, label, strlen(label) + 1);
	memcpy(out->label_full, label, strlen(label) + 1);
	out->label[dot - label] = '\0';
	k->owner = out->label;
	k->attr = out->label + (dot - label) + 1;
	const struct symbol *sym = model_find(s->prog.model, k->owner);
	if (!sym || !sym->role)
		return FLIP_NO_OWNER;
	out->def = attr_find(sym->role, k->attr);
	if (!out->def)
		return FLIP_NO_ATTR;
	if (out->def->type != AT_NUMBER || out->def->flags & AF_SETTING)
		return FLIP_NOT_NUMBER;
	return FLIP_OK;
}

/* The range searched: the attribute's own, its unbounded top replaced (flip.h). An
** open bottom (resolve > 0) starts a grid cell's thousandth above it. */
static void set_range(struct flip_result *out)
{
	const struct attr_def *a = out->def;
	out->lo = a->lo;
	out->hi = a->hi;
	if (isinf(out->hi)) {
		out->hi_assumed = true;
		bool amount = strcmp(a->unit, "stake units") == 0 && out->V > 0;
		out->hi = amount ? FLIP_V_MULTIPLE * out->V : FLIP_OTHER_HI;
	}
	if (a->flags & AF_LO_OPEN)
		out->lo += (out->hi - out->lo) / FLIP_GRID / 1000;
}

/* m rounded to a multiple of 10^e: the multiple nearest m within [from, to], else NAN.
** A negative e divides by 10^-e (exact up to 10^22), so that the result is the double
** nearest the decimal. */
static double multiple_within(double m, int e, double from, double to)
{
	double q = pow(10, abs(e));
	double n = e >= 0 ? round(m / q) : round(m * q);
	double best = NAN;
	for (int d = -1; d <= 1; d++) {
		double r = e >= 0 ? (n + d) * q : (n + d) / q;
		if (r >= from && r <= to && !(fabs(r - m) >= fabs(best - m)))
			best = r;
	}
	return best;
}

double flip_snap(double a, double b)
{
	double m = a + (b - a) / 2;
	if (!isfinite(m) || !(b > a))
		return m;
	if (a <= 0 && 0 <= b)
		return 0;
	int top = (int)ceil(log10(fmax(fabs(a), fabs(b))));
	int bottom = (int)floor(log10(b - a)) - 1;
	for (int e = top; e >= bottom; e--) {
		double r = multiple_within(m, e, a, b);
		if (!isnan(r))
			return r;
	}
	return m;
}

/* Narrows [a, b], verdict va at a and another at b, to the tolerance: returns the
** change's value, its fewest digits within the bracket (flip_snap). */
static double refine(struct search *k, double a, double b, enum core_verdict va, double tol)
{
	while (b - a > tol && !k->failed) {
		double m = a + (b - a) / 2;
		if (m <= a || m >= b)
			break;
		if (verdict_at(k, m) == va)
			a = m;
		else
			b = m;
	}
	return flip_snap(a, b);
}

static void add_side(struct flip_result *out, double from, enum core_verdict v)
{
	if (out->nsides == FLIP_MAX_SIDES) {
		out->truncated = true;
		return;
	}
	out->sides[out->nsides++] = (struct flip_side){ from, from, v };
}

/* x as the attribute's unit reads: a probability in percent. */
static const char *value_text(char *buf, size_t size, const struct flip_result *out, double x)
{
	bool prob = strcmp(out->def->unit, "probability") == 0;
	snprintf(buf, size, "%.6g%s", prob ? 100 * x : x, prob ? "%" : "");
	return buf;
}

void flip_grid_init(struct flip_grid *g, struct session *s, struct flip_result *out,
		    unsigned cells)
{
	*g = (struct flip_grid){ .s = s, .out = out, .cells = cells, .lowest.x = NAN,
				 .below.x = NAN, .above.x = NAN };
}

/* The run's error at x, out of the sink (which held it alone: a warning made of it goes
** before what follows). */
static void take_miss(struct session *s, struct flip_miss *m, double x)
{
	struct diag_sink *sink = session_sink(s);
	const struct diag *d = sink->last;
	free(m->why);
	*m = (struct flip_miss){ x, xstrdup(d ? d->msg : "the run failed"), d ? d->file : NULL,
				 d ? d->span : (struct span){ 0, 0 } };
	diag_clear(sink);
}

bool flip_grid_next(struct flip_grid *g, double x, bool ran)
{
	if (ran) {
		if (!g->ran)
			g->first = x;
		g->ran = true;
		g->last = x;
		return true;
	}
	if (g->ran) {
		take_miss(g->s, &g->above, x);
		g->ended = true;
		return false;
	}
	take_miss(g->s, isnan(g->lowest.x) ? &g->lowest : &g->below, x);
	return true;
}

/* "the flip's search of gov.belief stopped at 90%, short of 100%: at 90.1%, <why>", or
** "started at 12%, above 0%: at 10%, <why>", at the run's error's place. */
static void warn_cut(struct flip_grid *g, const char *how, double at, const char *than,
		     double asked, const struct flip_miss *m)
{
	const struct flip_result *out = g->out;
	char a[64], b[64], x[64];
	diag_warning(session_sink(g->s), m->file, m->span, "the flip's search of %s %s %s, %s "
		     "%s: at %s, %s", out->label_full, how, value_text(a, sizeof a, out, at), than,
		     value_text(b, sizeof b, out, asked), value_text(x, sizeof x, out, m->x),
		     m->why);
}

bool flip_grid_end(struct flip_grid *g)
{
	struct flip_result *out = g->out;
	/* the failure below first: the last of them, or the only one */
	const struct flip_miss *below = isnan(g->below.x) ? &g->lowest : &g->below;
	char a[64], b[64], x[64];
	if (!g->ran)
		diag_error(session_sink(g->s), g->lowest.file, g->lowest.span, "the flip's search "
			   "of %s ran at none of the %u values it tried from %s to %s, so it "
			   "found no change: at %s, %s", out->label_full, g->cells + 1,
			   value_text(a, sizeof a, out, out->lo),
			   value_text(b, sizeof b, out, out->hi),
			   value_text(x, sizeof x, out, g->lowest.x), g->lowest.why);
	if (g->ran && !isnan(below->x)) {
		warn_cut(g, "started at", g->first, "above", out->lo, below);
		out->lo = g->first;
	}
	if (g->ended) {
		warn_cut(g, "stopped at", g->last, "short of", out->hi, &g->above);
		out->hi = g->last;
	}
	bool ran = g->ran;
	flip_grid_free(g);
	return ran;
}

void flip_grid_free(struct flip_grid *g)
{
	free(g->lowest.why);
	free(g->below.why);
	free(g->above.why);
	flip_grid_init(g, g->s, g->out, g->cells);
}

/* The grid's values, the changes between them refined; a value whose run fails is
** outside the range searched (flip_grid). */
static void scan(struct search *k, struct flip_result *out)
{
	double tol = FLIP_TOL * fmax(1, out->hi - out->lo);
	double step = (out->hi - out->lo) / FLIP_GRID, prev = out->lo;
	enum core_verdict pv = CORE_BREAKDOWN;
	struct flip_grid g;
	flip_grid_init(&g, k->s, out, FLIP_GRID);
	for (unsigned i = 0; i <= FLIP_GRID && !k->failed && !out->truncated; i++) {
		double x = i == FLIP_GRID ? out->hi : out->lo + i * step;
		enum core_verdict v = verdict_at(k, x);
		bool missed = k->failed && k->missed;
		k->failed = k->failed && !missed;
		k->missed = false;
		bool had = g.ran;
		if (!flip_grid_next(&g, x, !missed))
			break;
		if (missed || k->failed)
			continue;
		if (!had) {
			add_side(out, x, v);
		} else if (v != pv) {
			double at = refine(k, prev, x, pv, tol);
			out->sides[out->nsides - 1].to = at;
			add_side(out, at, v);
		}
		prev = x;
		pv = v;
	}
	if (k->failed) {	/* stopped, or a refinement's run failed (the sink says why) */
		flip_grid_free(&g);
		return;
	}
	if (!flip_grid_end(&g))
		k->failed = true;
	else
		out->sides[out->nsides - 1].to = out->hi;
}

/* Runs each side's middle again: another verdict there means a missed change. */
static void confirm(struct search *k, struct flip_result *out)
{
	for (unsigned i = 0; i < out->nsides && !k->failed; i++) {
		const struct flip_side *sd = &out->sides[i];
		if (verdict_at(k, sd->from + (sd->to - sd->from) / 2) != sd->verdict)
			out->unconfirmed = true;
	}
}

enum flip_status flip_find(struct session *s, const char *label, const char *report,
			   double level, const struct run_options *run, struct flip_result *out)
{
	assert(s->it && s->unfolded);
	*out = (struct flip_result){ .nsides = 0 };
	struct search k = { .s = s, .run = run };
	enum flip_status st = find_attr(s, label, &k, out);
	if (st != FLIP_OK)
		return st;
	/* One draw is enough to learn whether the file has `~` and which its reports are. */
	struct run_options o = exact_options(run);
	if (session_run(s, &o) != 0)
		return FLIP_RUN_FAILED;
	if (!pick_report(&s->result, report, &k.report))
		return FLIP_NO_REPORT;
	out->what = s->result.reports[k.report].what;
	/* V: the exact run's own (the mean of the exact sums cannot hold a V of 2^53 or
	** more: a V of 1e16 searched a cost up to 10, not 2·V) */
	const struct report_result *rep = &s->result.reports[k.report];
	out->V = rep->settle.exact ? rep->settle.conflict.value : rep->stake_value;
	set_range(out);
	if (s->result.uncertain) {
		out->uncertain = true;
		out->level = level;
		bool ok = flip_level_scan(s, k.owner, k.attr, k.report, run, out,
					  &out->runs);
		return ok ? FLIP_OK : FLIP_RUN_FAILED;
	}
	scan(&k, out);
	if (!k.failed)
		confirm(&k, out);
	out->runs = k.runs;
	if (k.stopped) {	/* a fraction of a second's search: nothing kept */
		out->stopped = true;
		out->nsides = 0;
		out->searched_to = out->lo;
	}
	return k.failed ? FLIP_RUN_FAILED : FLIP_OK;
}

/* P of --level or :flip's level: a share strictly between 0 and 1, as 0.5 or 50%. */
bool flip_parse_level(const char *text, double *level)
{
	char *end;
	double v = strtod(text, &end);
	if (end == text)
		return false;
	if (*end == '%') {
		v /= 100;
		end++;
	}
	if (*end || !(v > 0 && v < 1))
		return false;
	*level = v;
	return true;
}
