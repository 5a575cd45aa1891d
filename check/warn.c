/*
** warn.c: pass 5, the warnings: what a file says that changes nothing. Each is certain
** from the file alone (reads.c says how the rules are read), each is located, and none
** stops anything (`scen check --werror` makes them errors). Only the main file's items
** are warned about: a module's lets and actors serve many files.
**   - a stake worth nothing (a constant `value` of 0);
**   - `expects_intervention` beside `belief` on one actor: the belief wins;
**   - an attribute the rules never read in this file's reports: an intervener's (or
**     patron's) `chance` or `chance_if_atrocities` (atrocities decide which), a `will`
**     that guarantees nothing, a `step` of an indivisible stake, a state's `capacity`
**     beside its `violence`, its `challengers` with no `reputation` (and the reverse);
**   - a sweep whose rows cannot differ: nothing its reports compute depends on it;
**   - a let that nothing names;
**   - an intervener no conflict has (a conflict has one), a patron's intervention
**     beside an intervener (core.md §5), a second patron of one conflict, a population
**     the provocation game does not use;
**   - a state or rebels in no conflict.
*/
#include <stdlib.h>
#include <string.h>

#include "check/check_int.h"
#include "util/xalloc.h"

/* Why an attribute is never read, told in a note at the place that decides it. */
struct reason {
	const struct srcfile *file;
	struct span at;
	const char *text;
};

/* "`serbia` fights with atrocities (its `capacity`, 30%, is below 50%), ..." */
static const char *atrocities_text(struct checker *c, const struct skip *k)
{
	bool yes = k->rule == SKIP_ATROCITIES;
	const struct vnode *why = k->at;
	const char *cause = !why ? "its `capacity` is 100%, the default"
		: why->def->type == AT_CHOICE
		? arena_printf(c->arena, "`violence = %s`", why->expr->u.name.text)
		: arena_printf(c->arena, "its `capacity`, %g%%, is %s 50%%", 100 * why->value,
			       yes ? "below" : "at least");
	return arena_printf(c->arena, "`%s` fights %s atrocities (%s), so the chance of "
			    "intervention in its war is `%s`; only a provocation report reads "
			    "`%s`", k->who->name, yes ? "with" : "without", cause,
			    yes ? "chance_if_atrocities" : "chance",
			    yes ? "chance" : "chance_if_atrocities");
}

/* ρ·n (core.md §1): one factor is unread when the other is a constant 0. */
static const char *product_text(struct checker *c, const struct skip *k)
{
	bool no_reputation = k->rule == SKIP_NO_REPUTATION;
	return arena_printf(c->arena, "`%s`'s `%s` is 0%s, and `%s` enters only through "
			    "reputation × challengers", k->who->name,
			    no_reputation ? "reputation" : "challengers",
			    k->at ? "" : " (the default)",
			    no_reputation ? "challengers" : "reputation");
}

/* The text of a rule of reads.c, told at the place that decides it. */
static struct reason skip_reason(struct checker *c, const struct skip *k)
{
	const char *text = NULL;
	switch (k->rule) {
	case SKIP_ATROCITIES:
	case SKIP_NO_ATROCITIES: text = atrocities_text(c, k); break;
	case SKIP_VIOLENCE:
		text = "`violence` is set and decides whether the war is fought with "
		       "atrocities; only a provocation report reads `capacity` (the cost of "
		       "selective repression)";
		break;
	case SKIP_INDIVISIBLE:
		text = "`divisible = false` allows only offers of 0 or the whole stake";
		break;
	case SKIP_NO_REPUTATION:
	case SKIP_NO_CHALLENGERS: text = product_text(c, k); break;
	case SKIP_BELIEF: text = "`belief` is set, and wins over `expects_intervention`"; break;
	case SKIP_NONE: break;
	}
	return k->at ? (struct reason){ k->at->file, k->at->where, text }
		     : (struct reason){ k->who->file, k->who->where, text };
}

/* Why s.a is not read by the reports of r, if a rule says so. */
static bool unread_reason(struct checker *c, const struct reads *r, const struct symbol *s,
			  const struct attr_def *a, struct reason *out)
{
	bool mover = s->role == &roles[ROLE_INTERVENER] || s->role == &roles[ROLE_PATRON];
	const struct skip *k = reads_skip(r, s, a);
	if (mover && !strcmp(a->name, "will") && !c->facts->guarantees[s->id]) {
		*out = (struct reason){ s->file, s->where, arena_printf(c->arena,
			"`%s` is no conflict's `guarantor`, and only a guarantor's `will` is "
			"read", s->name) };
		return true;
	}
	if (k)
		*out = skip_reason(c, k);
	return k != NULL;
}

/* ---- attributes ---- */

static void warn_zero_stake(struct checker *c, const struct symbol *s)
{
	const struct vnode *v = attr_of(s, "value");
	if (v && v->constant && v->value == 0)
		diag_warning(c->sink, v->file, v->expr->span, "stake `%s` is worth nothing: its "
			     "`value` is 0, so there is nothing to bargain over", s->name);
}

/* core.md, Notation: b is `belief` if set, else from `expects_intervention`; the
** state's expectation also weighs the intervention's cost to it (q_S·k). */
static void warn_expects_and_belief(struct checker *c, const struct symbol *s)
{
	const struct vnode *e = attr_of(s, "expects_intervention"), *b = attr_of(s, "belief");
	bool weighs = false;
	if (!e || !b)
		return;
	for (const struct conflict_info *k = s->as_state; k; k = k->next_of_state)
		weighs |= conflict_expects_weighs(c, k, 0);
	struct diag *d = weighs
		? diag_warning(c->sink, e->file, e->where, "`expects_intervention` does not give "
			       "`%s`'s belief: `belief` is set too, and wins; it only weighs the "
			       "intervention's cost to the state (`cost_to_state`)", s->name)
		: diag_warning(c->sink, e->file, e->where, "`expects_intervention` is ignored: "
			       "`%s` sets `belief` too, which wins (an expectation of "
			       "intervention only gives a belief that is not set)", s->name);
	diag_note(c->sink, d, b->file, b->where, "`belief` is set here");
}

/* The attributes whose being unread a rule of reads.c can explain. */
static void warn_unread(struct checker *c, const struct symbol *s, const struct reads *r)
{
	static const char *const names[] = { "chance", "chance_if_atrocities", "will", "step",
					     "capacity", "challengers", "reputation" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const struct attr_def *a = attr_find(s->role, names[i]);
		const struct vnode *v = a ? s->attrs[a - s->role->attrs] : NULL;
		struct reason why;
		if (!v || r->marked[v->index] || !unread_reason(c, r, s, a, &why))
			continue;
		struct diag *d = diag_warning(c->sink, v->file, v->where,
					      "`%s` is never read by this file's reports",
					      v->label);
		diag_note(c->sink, d, why.file, why.at, "%s", why.text);
	}
}

/* ---- actors: each returns whether the actor is used at all ---- */

static bool warn_side(struct checker *c, const struct symbol *s)
{
	if (role_is(s->role, ROLE_STATE) ? s->as_state != NULL : s->as_rebels != 0)
		return true;
	diag_warning(c->sink, s->file, s->where, "`%s` (%s) is in no conflict, so no report "
		     "uses it", s->name, s->role->name);
	return false;
}

/* A conflict has one intervener: its guarantor when that is one, else the first. */
static bool warn_intervener(struct checker *c, const struct symbol *s)
{
	if (!c->conflicts) {
		diag_warning(c->sink, s->file, s->where, "`%s` (intervener) is in no "
			     "conflict, so no report uses it", s->name);
		return false;
	}
	if (c->facts->intervenes[s->id])
		return true;
	const struct symbol *first = c->facts->first_intervener;
	if (first == s)
		diag_warning(c->sink, s->file, s->where, "`%s` (intervener) is ignored: every "
			     "conflict's intervener is its `guarantor`", s->name);
	else
		diag_warning(c->sink, s->file, s->where, "`%s` (intervener) is ignored: a "
			     "conflict has one intervener, its `guarantor` when that is one, "
			     "else the first declared, `%s`", s->name, first->name);
	return false;
}

/* A conflict has one patron, the first whose client is a side of it; it intervenes
** only when the conflict has no intervener (core.md §5). */
static bool warn_patron(struct checker *c, const struct symbol *s)
{
	const struct symbol *client = named_by(c, attr_of(s, "client"));
	const struct conflict_info *own = c->facts->patron_in[s->id];
	const struct conflict_info *other = c->facts->side_of[client->id];
	bool guarantor = c->facts->guarantees[s->id];
	const char *what = guarantor
		? arena_printf(c->arena, "the troops and intervention of `%s` (patron) are", s->name)
		: arena_printf(c->arena, "`%s` (patron) is", s->name);
	if (!own && other)
		diag_warning(c->sink, s->file, s->where, "%s ignored: conflict `%s vs %s` has a "
			     "patron already, `%s` (a conflict has one patron, the first "
			     "declared)%s", what, other->state->name, other->rebels->name,
			     conflict_patron(c, other)->name,
			     guarantor ? "; only its `will` is read, as a guarantor's" : "");
	if (!own)
		return guarantor;	/* (a client in no conflict is warned about as such) */
	const struct symbol *i = conflict_intervener(c, own);
	const struct vnode *v = attr_of(s, "chance");
	v = v ? v : attr_of(s, "chance_if_atrocities");
	v = v ? v : attr_of(s, "rebels_win_if_in");
	if (i && v)
		diag_warning(c->sink, v->file, v->where, "the intervention of `%s` (patron) is "
			     "ignored: conflict `%s vs %s` has an intervener, `%s`, and a patron "
			     "intervenes only in a conflict that has none", s->name,
			     own->state->name, own->rebels->name, i->name);
	return true;
}

static bool warn_population(struct checker *c, const struct symbol *s, const bool *game_on)
{
	const struct symbol *rebels = named_by(c, attr_of(s, "of"));
	if (!rebels || !rebels->as_rebels)
		return false;	/* (rebels in no conflict are warned about as such) */
	const struct symbol *first = followers_of(c, rebels);
	if (first != s) {
		diag_warning(c->sink, s->file, s->where, "`%s` (population) is ignored: the "
			     "provocation game of `%s` takes its first population, `%s`",
			     s->name, rebels->name, first->name);
		return false;
	}
	if (game_on[rebels->id])
		return true;
	diag_warning(c->sink, s->file, s->where, "`%s` (population) is used only by a "
		     "provocation report, and this file has no `report provocation by %s`",
		     s->name, rebels->name);
	return false;
}

/* The file's reports and what they read. */
struct file_reads {
	const struct report_ref *refs;
	unsigned n;
	struct reads r;
	bool *game_on;			/* by rebels id: a provocation report on them */
};

static void warn_actor(struct checker *c, const struct symbol *s, const struct file_reads *fr)
{
	bool used = true;
	if (role_is(s->role, ROLE_STATE) || role_is(s->role, ROLE_REBELS))
		used = warn_side(c, s);
	else if (s->role == &roles[ROLE_INTERVENER])
		used = warn_intervener(c, s);
	else if (s->role == &roles[ROLE_PATRON])
		used = warn_patron(c, s);
	else if (s->role == &roles[ROLE_POPULATION])
		used = warn_population(c, s, fr->game_on);
	if (!used)
		return;		/* one warning says it all */
	warn_expects_and_belief(c, s);
	warn_unread(c, s, &fr->r);
}

/* ---- sweeps ---- */

/* Does e name owner.attr? (Bounded: the parser caps expression depth.) */
static bool names_field(const struct ast_node *e, const char *owner, const char *attr)
{
	switch (e->kind) {
	case AST_FIELD:
		return !strcmp(e->u.field.owner.text, owner) && !strcmp(e->u.field.attr.text, attr);
	case AST_CALL:
		for (const struct ast_node *a = e->u.call.args; a; a = a->next)
			if (names_field(a, owner, attr))
				return true;
		return false;
	case AST_LIST:
		for (const struct ast_node *a = e->u.list.items; a; a = a->next)
			if (names_field(a, owner, attr))
				return true;
		return false;
	case AST_UNARY: return names_field(e->u.unary.operand, owner, attr);
	case AST_BINARY:
		return names_field(e->u.binary.lhs, owner, attr) ||
		       names_field(e->u.binary.rhs, owner, attr);
	case AST_IF:
		return names_field(e->u.cond.cond, owner, attr) ||
		       names_field(e->u.cond.then, owner, attr) ||
		       names_field(e->u.cond.els, owner, attr);
	case AST_NUM: case AST_BOOL: case AST_STR: case AST_NAME: AST_CASES(AST_ITEM_KINDS)
		break;
	}
	return false;
}

/* An unset attribute holds its default, which a read value may name (`x = k.step`):
** the graph has no node for it, so look in the read values' expressions. */
static bool unset_is_read(const struct reads *r, const struct symbol *s,
			  const struct attr_def *a)
{
	if (reads_slot(r, s, a))
		return true;
	for (unsigned i = 0; i < r->c->norder; i++)
		if (r->marked[i] && r->c->order[i]->expr &&
		    names_field(r->c->order[i]->expr, s->name, a->name))
			return true;
	return false;
}

/* An axis t of a sweep (or of a map) whose reports read nothing that depends on it;
** lines: what it would make differ ("rows of this sweep", "columns of this map"). */
static void warn_axis(struct checker *c, const struct ast_node *t,
		      const struct ast_node *reports, const char *lines)
{
	unsigned n;
	const struct report_ref *refs = reports_of(c, reports, &n);
	struct reads r;
	reads_init(&r, c);
	for (unsigned i = 0; i < n; i++)
		reads_add(&r, &refs[i]);
	reads_close(&r);
	const struct symbol *s = sym_find(c, t->kind == AST_NAME ? t->u.name.text
							     : t->u.field.owner.text);
	const struct attr_def *a = t->kind == AST_NAME ? NULL
				 : attr_find(s->role, t->u.field.attr.text);
	const struct vnode *v = a ? s->attrs[a - s->role->attrs] : s->value;
	bool differ = v ? r.marked[v->index] : unset_is_read(&r, s, a);
	if (!differ) {
		struct diag *d = diag_warning(c->sink, &c->main->ast.src, t->span,
					      "the %s cannot differ: nothing its reports "
					      "compute depends on `%s`", lines,
					      a ? arena_printf(c->arena, "%s.%s", s->name, a->name)
						: s->name);
		struct reason why;
		if (a && unread_reason(c, &r, s, a, &why))
			diag_note(c->sink, d, why.file, why.at, "%s", why.text);
	}
	reads_free(&r);
}

/* ---- the pass ---- */

void warn_program(struct checker *c)
{
	struct file_reads fr;
	facts_build(c);
	fr.refs = file_reports(c, &fr.n);
	fr.game_on = xcalloc(c->nsymbols + 1, sizeof *fr.game_on);
	reads_init(&fr.r, c);
	for (unsigned i = 0; i < fr.n; i++) {
		reads_add(&fr.r, &fr.refs[i]);
		if (fr.refs[i].what == REPORT_PROVOCATION)
			fr.game_on[fr.refs[i].k->rebels->id] = true;
	}
	reads_close(&fr.r);
	for (const struct symbol *s = c->first; s; s = s->next_in_order) {
		if (!s->from_main)
			continue;
		if (s->kind == SYM_LET && !s->value->referenced)
			diag_warning(c->sink, s->file, s->where, "let `%s` is never used", s->name);
		if (s->kind == SYM_STAKE) {
			warn_zero_stake(c, s);
			warn_unread(c, s, &fr.r);
		}
		if (s->kind == SYM_ACTOR)
			warn_actor(c, s, &fr);
	}
	reads_free(&fr.r);
	free(fr.game_on);
	for (const struct ast_node *it = c->main->ast.items; it; it = it->next)
		if (it->kind == AST_SWEEP) {
			const struct ast_node *second = it->u.sweep.second;
			warn_axis(c, it->u.sweep.target, it->u.sweep.reports,
				  second ? "rows of this map" : "rows of this sweep");
			if (second)
				warn_axis(c, second->u.sweep.target, it->u.sweep.reports,
					  "columns of this map");
		}
	facts_free(c);
}
