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
	bool too_large;			/* the failed run's quantities passed 2^53 */
};

/* A one-draw exact run with run's types (screening), or the file's. */
static struct run_options exact_options(const struct run_options *run)
{
	return (struct run_options){ .threads = 1, .have_draws = true, .draws = 1,
				     .types = run ? run->types : 0 };
}

/* The verdict at value x; sets failed when the run fails, and stopped (and failed)
** after Ctrl-C: the search ends there. */
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
		k->failed = true;
		k->too_large = s->result.too_large;
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

/* The grid's run at x failed with quantities too large for the exact sums, those at
** every value below it passed (as `scen run` of the file with x would fail, and with
** them pass): the range searched ends at the last, below, and the run's error becomes a
** warning saying so, at the same place. A V of 1e16 runs, and its flip, which tries
** amounts up to 2·V, failed whole at the first value past 2^53. */
static void end_range_below(struct search *k, struct flip_result *out, double below,
			    double x)
{
	struct diag_sink *sink = session_sink(k->s);
	const struct diag *d = sink->last;
	char *why = xstrdup(d->msg), upto[64], whole[64], at[64];
	const struct srcfile *file = d->file;
	struct span sp = d->span;
	diag_clear(sink);	/* it held the failed run's error alone: warnings go first */
	diag_warning(sink, file, sp, "the flip's search of %s stopped at %s, short of %s: at "
		     "%s, %s", out->label_full, value_text(upto, sizeof upto, out, below),
		     value_text(whole, sizeof whole, out, out->hi), value_text(at, sizeof at, out, x),
		     why);
	free(why);
	out->hi = below;
	k->failed = k->too_large = false;
}

static void scan(struct search *k, struct flip_result *out)
{
	double tol = FLIP_TOL * fmax(1, out->hi - out->lo);
	double step = (out->hi - out->lo) / FLIP_GRID, prev = out->lo;
	enum core_verdict pv = verdict_at(k, prev);
	add_side(out, prev, pv);
	for (unsigned i = 1; i <= FLIP_GRID && !k->failed && !out->truncated; i++) {
		double x = i == FLIP_GRID ? out->hi : out->lo + i * step;
		enum core_verdict v = verdict_at(k, x);
		if (k->failed && k->too_large && !k->stopped) {
			end_range_below(k, out, prev, x);
			break;
		}
		if (v != pv) {
			double at = refine(k, prev, x, pv, tol);
			out->sides[out->nsides - 1].to = at;
			add_side(out, at, v);
		}
		prev = x;
		pv = v;
	}
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
