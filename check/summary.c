/*
** summary.c: the checked model handed to later stages, `scen check -v` (what the
** program holds) and `scen attrs`.
*/
#include <math.h>
#include <string.h>

#include "check/check_int.h"

void model_build(struct checker *c)
{
	struct model *m = ARENA_NEW(c->arena, struct model);
	m->symbols = c->first;
	m->conflicts = c->conflicts;
	m->by_sides = c->by_sides;
	m->nby_sides = c->nby_sides;
	m->scenario = c->scenario;
	m->scenario_attrs = c->scenario_attrs;
	m->order = c->order;
	m->norder = c->norder;
	m->names = c->names;
	m->nsymbols = c->nsymbols;
	m->main = c->main;
	m->seed = c->has_seed ? c->seed
		: (uint64_t)attr_find(&roles[BLOCK_SCENARIO], "seed")->dflt_value;
	c->prog->model = m;
}

static double setting(const struct model *m, const char *name)
{
	const struct attr_def *a = attr_find(&roles[BLOCK_SCENARIO], name);
	const struct vnode *v = m->scenario_attrs
		? m->scenario_attrs[a - roles[BLOCK_SCENARIO].attrs] : NULL;
	return v ? v->value : a->dflt_value;
}

/* One line listing the main file's symbols of a kind, with a detail each. */
static void list_kind(FILE *out, const struct model *m, enum sym_kind kind,
		      const char *label)
{
	bool any = false;
	for (const struct symbol *s = m->symbols; s; s = s->next_in_order) {
		if (s->kind != kind || !s->from_main)
			continue;
		fprintf(out, "%s%s", any ? ", " : label, s->name);
		if (kind == SYM_ACTOR && s->role)
			fprintf(out, " (%s)", s->role->name);
		any = true;
	}
	if (any)
		fputc('\n', out);
}

static unsigned count_uncertain(const struct model *m, unsigned *private_)
{
	unsigned n = 0;
	*private_ = 0;
	for (unsigned i = 0; i < m->norder; i++) {
		const struct vnode *v = m->order[i];
		if (v->uncertain) {
			n++;
			*private_ += v->at && v->at->kind == AST_ATTR && v->at->u.attr.private_;
		}
	}
	return n;
}

void check_summary(FILE *out, const struct program *p)
{
	const struct model *m = p->model;
	const struct loaded_file *main = p->files;
	if (!m || !main)
		return;
	fprintf(out, "%s: ok\n", main->path);
	if (m->scenario)
		fprintf(out, "  scenario   \"%s\"\n", m->scenario->u.scenario.title);
	fprintf(out, "  settings   seed %llu, %.0f draws\n", (unsigned long long)m->seed,
		setting(m, "draws"));
	list_kind(out, m, SYM_STAKE, "  stakes     ");
	list_kind(out, m, SYM_ACTOR, "  actors     ");
	for (const struct conflict_info *k = m->conflicts; k; k = k->next)
		fprintf(out, "  conflict   %s vs %s over %s\n", k->state->name, k->rebels->name,
			k->stake->name);
	list_kind(out, m, SYM_SANCTION, "  sanctions  ");
	list_kind(out, m, SYM_MEDIATION, "  mediations ");
	list_kind(out, m, SYM_LET, "  lets       ");
	list_kind(out, m, SYM_FN, "  fns        ");
	unsigned reports = 0, sweeps = 0, priv;
	for (const struct ast_node *it = main->ast.items; it; it = it->next) {
		reports += it->kind == AST_REPORT;
		sweeps += it->kind == AST_SWEEP;
	}
	fprintf(out, "  reports    %u, and %u sweep%s\n", reports, sweeps, sweeps == 1 ? "" : "s");
	unsigned uncertain = count_uncertain(m, &priv);
	fprintf(out, "  uncertain  %u value%s, %u private\n", uncertain, uncertain == 1 ? "" : "s",
		priv);
	for (const struct loaded_file *f = main->next; f; f = f->next)
		fprintf(out, "  loaded     %s\n", f->path);
}

bool check_print_attrs(FILE *out, const char *role, bool markdown)
{
	return attrs_print(out, role, markdown);
}
