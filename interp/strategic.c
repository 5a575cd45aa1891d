/*
** strategic.c: the strategic models on one draw. A mediation (core.md §3) asks the core
** whether each party accepts the proposal against its BATNA, with the sanctions that
** coerce it; the provocation game (§4) gets the per-leaf sanctions evaluated with each
** leaf's events and its concession from §1, and is solved by backward induction; each
** sanction rule is removed in turn (the concession found again without it) to see
** whether it changes the leaders' choice; and a game that ends in a concession is
** compared with the settlement analysis of the same conflict.
*/
#include <limits.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/bargain.h"
#include "interp/interp_int.h"
#include "util/xalloc.h"

/* Does e name rejects(m) or accepts(m)? (Bounded: the parser caps expression depth.) */
static bool names_mediation(const struct ast_node *e, const char *m)
{
	switch (e->kind) {
	case AST_CALL:
		if ((strcmp(e->u.call.fn.text, "rejects") == 0 ||
		     strcmp(e->u.call.fn.text, "accepts") == 0) &&
		    strcmp(e->u.call.args->u.name.text, m) == 0)
			return true;
		for (const struct ast_node *a = e->u.call.args; a; a = a->next)
			if (names_mediation(a, m))
				return true;
		return false;
	case AST_UNARY: return names_mediation(e->u.unary.operand, m);
	case AST_BINARY:
		return names_mediation(e->u.binary.lhs, m) || names_mediation(e->u.binary.rhs, m);
	case AST_IF:
		return names_mediation(e->u.cond.cond, m) || names_mediation(e->u.cond.then, m) ||
		       names_mediation(e->u.cond.els, m);
	case AST_NUM: case AST_BOOL: case AST_STR: case AST_LIST: case AST_NAME:
	case AST_FIELD: AST_CASES(AST_ITEM_KINDS) break;
	}
	return false;
}

static const struct vnode *attr_of(const struct symbol *s, const char *name)
{
	return s->attrs[attr_find(s->role, name) - s->role->attrs];
}

static void build_mediation(struct interp *it, struct imediation *im, const struct symbol *m)
{
	const struct ast_node *parties = attr_of(m, "parties")->expr;
	const char *a = parties->u.list.items->u.name.text;
	const char *b = parties->u.list.items->next->u.name.text;
	im->sym = m;
	for (unsigned k = 0; k < it->nconflicts; k++) {
		const struct conflict_info *c = it->conflicts[k].info;
		if ((!strcmp(c->state->name, a) && !strcmp(c->rebels->name, b)) ||
		    (!strcmp(c->state->name, b) && !strcmp(c->rebels->name, a)))
			im->conflict = k;
	}
	im->proposal = attr_slot(it, m, "proposal");
	const struct vnode *stage = attr_of(m, "stage");
	im->stage_name = stage ? stage->expr->u.name.text : "consent";
	im->rules = arena_alloc(&it->arena, (it->nsanctions + 1) * sizeof *im->rules);
	for (unsigned i = 0; i < it->nsanctions; i++)
		if (names_mediation(attr_of(it->sanctions[i].sym, "when")->expr, m->name))
			im->rules[im->nrules++] = i;
}

static const struct symbol *followers_of(const struct interp *it, const struct symbol *rebels);

void strategic_build(struct interp *it)
{
	for (unsigned i = 0; i < it->nconflicts; i++) {	/* the provocation game's */
		struct iconflict *ic = &it->conflicts[i];
		ic->followers = followers_of(it, ic->info->rebels);
		if (ic->followers) {
			ic->harm = attr_slot(it, ic->followers, "harm");
			ic->toll = attr_slot(it, ic->followers, "toll");
			ic->size = attr_slot(it, ic->followers, "size");
		}
	}
	it->mediations = arena_alloc(&it->arena, (it->nmediations + 1) *
				     sizeof *it->mediations);
	for (const struct symbol *s = it->m->symbols; s; s = s->next_in_order)
		if (s->kind == SYM_MEDIATION && it->mediation_of[s->id] != UINT_MAX)
			build_mediation(it, &it->mediations[it->mediation_of[s->id]], s);
}

/* A mediation's two branches (core.md §3, Sanctions). Rejecting: the war goes on, a war
** like any other, with its atrocities, the rebels' `provoked` and the intervention coin
** (sanction_sums sets them). Accepting: a settlement, with no coin. */
void draw_mediation(const struct interp *it, struct draw_state *d,
		    const struct imediation *m, struct core_mediation *out)
{
	const struct iconflict *ic = &it->conflicts[m->conflict];
	struct core_conflict c;
	struct core_range r;
	fill_conflict(it, d, ic, &c, -1);
	core_bargain(&c, &r);
	unsigned ev = NEV + 2 * (unsigned)(m - it->mediations);
	struct core_sanctions rejects[2] = { { 0, 0 }, { 0, 0 } };
	struct core_sanctions accepts[2] = { { 0, 0 }, { 0, 0 } };
	d->events[ev] = 1;
	sanction_sums(it, d, ic, &c, CORE_WAR, -1, m->rules, m->nrules, rejects);
	d->events[ev + 1] = 1;
	sanction_sums(it, d, ic, &c, CORE_SETTLED, -1, m->rules, m->nrules, accepts);
	struct core_coercion state = { rejects[0], accepts[0] };
	struct core_coercion rebels = { rejects[1], accepts[1] };
	core_mediate(&c, &r, d->slots[m->proposal] * c.value, &state, &rebels, out);
}

/* ---- the provocation game ---- */

/* The followers: the first population whose `of` is the conflict's rebels. */
static const struct symbol *followers_of(const struct interp *it, const struct symbol *rebels)
{
	for (const struct symbol *s = it->m->symbols; s; s = s->next_in_order)
		if (s->kind == SYM_ACTOR && s->role == &roles[ROLE_POPULATION]) {
			const struct vnode *of = attr_of(s, "of");
			if (of && strcmp(of->expr->u.name.text, rebels->name) == 0)
				return s;
		}
	return NULL;
}

/* What the state concedes when it concedes, and whether it can (core.md §4, step 2):
** §1 with `provoked`, without rule ic->sanctions[omit] (UINT_MAX: with every rule). */
static bool concession(const struct interp *it, struct draw_state *d,
		       const struct iconflict *ic, unsigned omit, double *x)
{
	struct core_conflict c;
	struct core_range r;
	fill_conflict_without(it, d, ic, &c, 1, omit);
	core_bargain(&c, &r);
	return core_game_concession(&c, &r, x);
}

/* Each rule's contribution at each leaf, and their sums into the game. */
static void leaf_sanctions(const struct interp *it, struct draw_state *d,
			   const struct iconflict *ic, struct core_game *g,
			   struct core_game_rule *rules, unsigned nrules)
{
	for (int leaf = 0; leaf < CORE_GAME_NLEAVES; leaf++) {
		struct core_game_events e = core_game_leaf_events(leaf);
		d->events[EV_PROVOKED] = e.provoked;
		d->events[EV_SETTLED] = e.settled;
		d->events[EV_WAR] = e.war;
		d->events[EV_ATROCITIES] = e.atrocities;
		d->events[EV_INTERVENED] = e.intervened;
		for (unsigned n = 0; n < ic->nsanctions; n++) {
			const struct isanction *s = &it->sanctions[ic->sanctions[n]];
			double amount;
			if (!draw_rule_values(d, s, &amount))
				continue;
			amount *= s->sign;
			bool on_state = s->on == ic->info->state;
			*(on_state ? &g->sanctions[leaf].state : &g->sanctions[leaf].rebels) += amount;
			if (n < nrules)
				*(on_state ? &rules[n].leaf[leaf].state
					   : &rules[n].leaf[leaf].rebels) += amount;
		}
	}
	memset(d->events, 0, it->nevents * sizeof *d->events);
}

/* core.md §4, step 5: whether the settlement analysis of the same conflict (§1 on the
** sides' beliefs, screening included, as its report computes it) breaks down while the
** game, played on the true chances, ends in a concession; and the breakdown's causes. */
static void compare_with_settlement(const struct interp *it, struct draw_state *d,
				    const struct iconflict *ic, struct game_draw *out)
{
	if (!out->sol.provoke || out->sol.reply != CORE_CONCEDE)
		return;
	struct settle_draw sd;
	sd.c = out->conflict;	/* the game's is the settlement's: fill_conflict's, provoked -1 */
	draw_settlement_filled(it, d, ic, &sd);
	out->disagrees = !sd.screened && sd.r.verdict == CORE_BREAKDOWN;
	out->disagree_causes = out->disagrees ? sd.why.single : 0;
}

/* The expected death toll (core.md §4): P(atrocities) × toll × size; 0 without followers. */
static double expected_toll(const struct draw_state *d, const struct iconflict *ic,
			    const struct core_game_solution *sol)
{
	return ic->followers ? sol->p_atrocities * d->slots[ic->toll] * d->slots[ic->size] : 0;
}

void draw_game(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
	       struct game_draw *out)
{
	memset(out, 0, sizeof *out);
	fill_conflict(it, d, ic, &out->conflict, -1);
	struct core_game *g = &out->game;
	g->conflict = &out->conflict;
	g->concede_unavailable = !concession(it, d, ic, UINT_MAX, &g->concession);
	g->capacity = d->slots[ic->capacity];
	const struct symbol *pop = ic->followers;
	g->harm = pop ? d->slots[ic->harm] : 0;
	struct core_game_rule rules[MAX_PIVOTAL];
	out->nrules = ic->nsanctions < MAX_PIVOTAL ? ic->nsanctions : MAX_PIVOTAL;
	memset(rules, 0, out->nrules * sizeof *rules);
	leaf_sanctions(it, d, ic, g, rules, out->nrules);
	for (unsigned n = 0; n < out->nrules; n++)	/* deterrence: §1 without the rule */
		rules[n].concede_unavailable = !concession(it, d, ic, n, &rules[n].concession);
	core_game_solve(g, &out->sol);
	core_game_pivotal_of(g, &out->sol, rules, out->nrules, out->pivotal);
	compare_with_settlement(it, d, ic, out);
	out->toll = expected_toll(d, ic, &out->sol);
}

/* ---- the game over a block of draws (issue 15) ---- */

/*
** When lanes_plan finds that only fields of the core's struct change from draw to draw
** in the block (every rule remembered: it reads only events and values no draw
** changes), every sanction sum is the same in every draw: the σ of each branch (core.md,
** Sanctions) and each leaf's (§4 step 4), with every rule and without each one. They are
** computed once, in templates of the game's conflict and of each concession's (§4 step
** 2: §1 with `provoked`, with every rule and without each), and each draw writes its
** fields into the templates and solves: draw_game's doubles, without the VM.
*/
struct game_block {
	struct core_conflict conflict;			/* the game's: provoked -1 */
	struct core_conflict concede[1 + MAX_PIVOTAL];	/* [0] every rule, [1 + n] not n */
	unsigned same_as[1 + MAX_PIVOTAL];	/* concede[k]'s sums are concede[same_as[k]]'s */
	struct core_game_sanctions leaf[CORE_GAME_NLEAVES];	/* every rule's sums */
	struct core_game_rule rules[MAX_PIVOTAL];	/* each rule's part of them */
	unsigned nrules;
	struct lane_field f[2 * 32];
	unsigned nf;
};

static bool same_sanctions(const struct core_conflict *a, const struct core_conflict *b)
{
	return memcmp(a->state.sanctions, b->state.sanctions, sizeof a->state.sanctions) == 0 &&
	       memcmp(a->rebels.sanctions, b->rebels.sanctions, sizeof a->rebels.sanctions) == 0;
}

/* The block's templates, at d->slots; false when its draws need draw_game. */
static bool game_block_plan(const struct interp *it, struct draw_state *d,
			    const struct iconflict *ic, struct game_block *b)
{
	if (d->ndrawn > 32 || !lanes_plan(it, d, ic, &b->conflict, b->f, &b->nf))
		return false;
	b->nrules = ic->nsanctions < MAX_PIVOTAL ? ic->nsanctions : MAX_PIVOTAL;
	for (unsigned k = 0; k <= b->nrules; k++) {
		fill_conflict_without(it, d, ic, &b->concede[k], 1, k ? k - 1 : UINT_MAX);
		b->same_as[k] = k;
		for (unsigned j = 0; j < k && b->same_as[k] == k; j++)
			if (same_sanctions(&b->concede[j], &b->concede[k]))
				b->same_as[k] = j;	/* a rule that σ never sees */
	}
	struct core_game g = { .conflict = &b->conflict };
	memset(b->rules, 0, b->nrules * sizeof *b->rules);
	leaf_sanctions(it, d, ic, &g, b->rules, b->nrules);
	memcpy(b->leaf, g.sanctions, sizeof b->leaf);
	return true;
}

static void write_fields(const struct game_block *b, unsigned i, struct core_conflict *c)
{
	for (unsigned k = 0; k < b->nf; k++)
		*(double *)((char *)c + b->f[k].offset) = b->f[k].column[i];
}

/* Draw i of the block (its slots in d->slots), as draw_game computes it. */
static void game_block_draw(const struct interp *it, struct draw_state *d,
			    const struct iconflict *ic, struct game_block *b, unsigned i,
			    struct game_draw *out)
{
	double x[1 + MAX_PIVOTAL];
	bool unavailable[1 + MAX_PIVOTAL];
	memset(out, 0, sizeof *out);
	out->conflict = b->conflict;
	write_fields(b, i, &out->conflict);
	for (unsigned k = 0; k <= b->nrules; k++) {
		unsigned j = b->same_as[k];
		if (j < k) {
			x[k] = x[j];
			unavailable[k] = unavailable[j];
			continue;
		}
		struct core_range r;
		write_fields(b, i, &b->concede[k]);
		bargain_in(&b->concede[k], &r);
		unavailable[k] = !core_game_concession(&b->concede[k], &r, &x[k]);
	}
	struct core_game *g = &out->game;
	g->conflict = &out->conflict;
	g->concession = x[0];
	g->concede_unavailable = unavailable[0];
	g->capacity = d->slots[ic->capacity];
	g->harm = ic->followers ? d->slots[ic->harm] : 0;
	memcpy(g->sanctions, b->leaf, sizeof g->sanctions);
	out->nrules = b->nrules;
	for (unsigned n = 0; n < b->nrules; n++) {
		b->rules[n].concession = x[1 + n];
		b->rules[n].concede_unavailable = unavailable[1 + n];
	}
	core_game_solve(g, &out->sol);
	core_game_pivotal_of(g, &out->sol, b->rules, b->nrules, out->pivotal);
	compare_with_settlement(it, d, ic, out);
	out->toll = expected_toll(d, ic, &out->sol);
}

/* SCEN_CHECK_BLOCKS: draw_game on the same draw gives the same doubles, bit for bit. */
static void game_block_check(const struct interp *it, struct draw_state *d,
			     const struct iconflict *ic, const struct game_draw *got)
{
	struct game_draw ref;
	draw_game(it, d, ic, &ref);
	const struct core_game_solution *a = &got->sol, *r = &ref.sol;
#define SAME(x, y) (memcmp(&(x), &(y), sizeof (x)) == 0)
	bool same = SAME(got->conflict, ref.conflict) && SAME(got->game.sanctions, ref.game.sanctions)
		&& SAME(got->game.concession, ref.game.concession)
		&& got->game.concede_unavailable == ref.game.concede_unavailable
		&& SAME(got->game.capacity, ref.game.capacity) && SAME(got->game.harm, ref.game.harm)
		&& SAME(a->payoff, r->payoff) && SAME(a->move_value, r->move_value)
		&& a->reply == r->reply && a->reply_ties == r->reply_ties
		&& a->state_tie == r->state_tie && a->provoke == r->provoke
		&& a->leaders_tie == r->leaders_tie && SAME(a->if_provoke, r->if_provoke)
		&& SAME(a->if_abstain, r->if_abstain) && SAME(a->value, r->value)
		&& SAME(a->leaders_gain, r->leaders_gain) && SAME(a->followers_loss, r->followers_loss)
		&& SAME(a->reach, r->reach) && SAME(a->p_war, r->p_war)
		&& SAME(a->p_atrocities, r->p_atrocities) && SAME(a->p_intervention, r->p_intervention)
		&& got->nrules == ref.nrules && SAME(got->pivotal, ref.pivotal)
		&& SAME(got->toll, ref.toll) && got->disagrees == ref.disagrees
		&& got->disagree_causes == ref.disagree_causes;
#undef SAME
	if (!same)
		block_differs(d->env.draw, "provocation games");
}

static void record_game(struct acc *acc, const struct game_draw *g);

bool game_block(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		uint64_t first, unsigned n, struct acc *a, double *values)
{
	struct game_block *b = xmalloc(sizeof *b);
	if (!game_block_plan(it, d, ic, b)) {
		free(b);
		return false;
	}
	for (unsigned i = 0; i < n; i++) {
		struct game_draw g;
		d->env.draw = first + i;
		draw_lane(d, i);
		game_block_draw(it, d, ic, b, i, &g);
		/* Stopped inside the screening of step 5, or a fault there: run.c drops the
		** unit, or runs the block again by the scalar path. */
		if (draw_stopped(d) || d->fault.site || d->error_vnode >= 0)
			break;
		if (it->check_blocks)
			game_block_check(it, d, ic, &g);
		if (xsum_fits(g.conflict.value))	/* as run.c's run_job */
			a->sum_value += xsum_of(g.conflict.value);
		a->strat.n++;
		record_game(a, &g);
		for (int k = 0; k < NSTATS; k++)
			values[k * RUN_BLOCK + i] = NAN;
	}
	free(b);
	return true;
}

/* ---- a mediation over a block of draws (issue 15) ---- */

/*
** Every sanction sum of a mediation's draw (fill's σ of each branch, the coercion's α and
** β: core.md §3, Sanctions) adds, from 0 and in rule order, the amounts of the rules whose
** `when` holds at its events. When each rule's `when` reads only events and values no
** draw changes (remembered, or isanction.when_fixed), which rules hold at each setting
** of the events is the block's, found once; an amount is then one number for the block
** (a remembered rule's, or a constant column) or one column (the aid cut's drawn cost,
** by the columnar VM). Each draw adds its sums again from those terms, writes its drawn
** fields, and asks the core (bargain_in once for the block when nothing of the conflict
** moves, and core_mediate): draw_mediation's doubles, without the VM.
*/
enum { MED_RULES = 16, MED_SUMS = 2 * 2 * (CORE_NBRANCHES + 2), MED_TERMS = MED_SUMS * MED_RULES };

/* What a draw hands the core: the conflict, and the coercion on each party. */
struct med_draw {
	struct core_conflict c;
	struct core_coercion k[2];	/* the state, the rebels */
};

struct med_term {
	double sign;
	const double *column;		/* NULL: k in every draw */
	double k;
};

/* One sum: at offset `at` of struct med_draw, terms [first, first + n). */
struct med_sum {
	size_t at;
	unsigned first, n;
	bool varies;
};

struct med_block {
	struct med_draw w;		/* the template, the current draw's once written */
	struct core_range r;		/* bargain_in's of w.c, when !moves */
	bool moves;			/* a field or a σ of the conflict changes by draw */
	struct core_mediate_fixed fixed;	/* what no coercion changes, when !moves and
						** the proposal is one number */
	const double *proposal;		/* the proposal's column, or NULL: d->slots' */
	struct lane_field f[2 * 32];
	unsigned nf;
	struct med_sum sum[MED_SUMS];
	unsigned nsums, nvarying;
	struct med_term term[MED_TERMS];
	unsigned nterms;
	/* each rule's amount over the block, by rule index (rules[k]: it->sanctions') */
	unsigned rules[MED_RULES], nrules;
	double amount_k[MED_RULES];
	double *amount_v[MED_RULES];	/* NULL: amount_k in every draw, or remembered */
	double *scratch;
	struct col *stack;
};

static void med_block_free(struct med_block *b)
{
	for (unsigned k = 0; k < b->nrules; k++)
		free(b->amount_v[k]);
	free(b->scratch);
	free(b->stack);
	free(b);
}

/* Rule ri's place in b->rules, its amount evaluated over the block by columns (when not
** remembered); -1 when the block needs the scalar path for it. */
static int med_rule(const struct interp *it, struct draw_state *d, struct med_block *b,
		    unsigned ri, uint64_t first, unsigned n)
{
	for (unsigned k = 0; k < b->nrules; k++)
		if (b->rules[k] == ri)
			return (int)k;
	const struct isanction *s = &it->sanctions[ri];
	if (b->nrules == MED_RULES || (!s->memo && (!s->when_fixed || !col_supports(&s->amount))))
		return -1;
	unsigned k = b->nrules++;
	b->rules[k] = ri;
	b->amount_v[k] = NULL;
	if (s->memo)
		return (int)k;
	free(b->scratch);
	free(b->stack);
	b->scratch = xmalloc(((size_t)s->amount.maxstack + 1) * RUN_BLOCK * sizeof *b->scratch);
	b->stack = xmalloc((s->amount.maxstack + 1) * sizeof *b->stack);
	struct col_env e = { d->slots, d->column, d->env.keys, first, n, it->sites, b->scratch,
			     b->stack };
	struct col v;
	if (!col_eval(&s->amount, &e, &v))
		return -1;	/* a draw outside a builtin's domain: the scalar VM's to find */
	if (v.v) {
		b->amount_v[k] = xmalloc(RUN_BLOCK * sizeof *b->amount_v[k]);
		memcpy(b->amount_v[k], v.v, n * sizeof *v.v);
	} else {
		b->amount_k[k] = v.k;
	}
	return (int)k;
}

/* The sums sanction_sums makes at branch br (mediation event ev set, unless UINT_MAX) of
** rules[0, nr), into b->sum at sums (offsets of the state's struct core_sanctions, the
** rebels' one): its terms. False when a rule needs the scalar path. */
static bool med_sums(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		     struct med_block *b, enum core_branch br, unsigned ev, const unsigned *rules,
		     unsigned nr, const size_t at[2], uint64_t first, unsigned n)
{
	for (int who = 0; who < 2; who++)
		for (int in = 0; in <= (br == CORE_WAR); in++) {
			struct med_sum *sm = &b->sum[b->nsums++];
			sm->at = at[who] + (in ? offsetof(struct core_sanctions, if_in)
					       : offsetof(struct core_sanctions, if_out));
			sm->first = b->nterms;
			sm->n = 0;
			sm->varies = false;
			for (unsigned i = 0; i < nr; i++) {
				const struct isanction *s = &it->sanctions[rules[i]];
				int side = s->on == ic->info->state ? 0 : s->on == ic->info->rebels ? 1 : -1;
				if (side != who)
					continue;
				int k = med_rule(it, d, b, rules[i], first, n);
				if (k < 0)
					return false;
				if (ev != UINT_MAX)
					d->events[ev] = 1;
				draw_branch_events(ic, d, &b->w.c, br, -1);
				d->events[EV_INTERVENED] = in;
				double amount = 0;
				bool holds = s->memo ? draw_rule_values(d, s, &amount)
					     : vm_eval(&s->when, &d->env, NULL) != 0;
				memset(d->events, 0, it->nevents * sizeof *d->events);
				if (d->fault.site)
					return false;
				if (!holds)
					continue;
				const double *col = s->memo ? NULL : b->amount_v[k];
				b->term[b->nterms++] = (struct med_term){ s->sign, col,
									  s->memo ? amount : b->amount_k[k] };
				sm->n++;
				sm->varies |= col != NULL;
			}
		}
	return true;
}

/* One sum at draw i, as sanction_sums adds it. */
static void med_sum_at(struct med_block *b, const struct med_sum *sm, unsigned i)
{
	double sum = 0;
	for (unsigned t = sm->first; t < sm->first + sm->n; t++) {
		const struct med_term *x = &b->term[t];
		sum += x->sign * (x->column ? x->column[i] : x->k);
	}
	*(double *)((char *)&b->w + sm->at) = sum;
}

/* Whether column v[0, n) holds one double, bit for bit: a value evaluated per draw that
** no draw changes (interp.fixed) still has a column (draw.c: draw_model_block). */
static bool column_constant(const double *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		if (memcmp(&v[i], &v[0], sizeof *v) != 0)
			return false;
	return true;
}

/* The block's plan at d->slots (draw 0's); NULL when its draws need draw_mediation. */
static struct med_block *med_block_plan(const struct interp *it, struct draw_state *d,
					const struct imediation *m, uint64_t first, unsigned n)
{
	const struct iconflict *ic = &it->conflicts[m->conflict];
	if (ic->patron || d->ndrawn > 32 || ic->nsanctions > MED_RULES || m->nrules > MED_RULES)
		return NULL;
	struct med_block *b = xcalloc(1, sizeof *b);
	if (!lanes_fields(d, ic, b->f, &b->nf))
		goto fail;
	unsigned kept = 0;	/* the fields whose column holds one double are the template's */
	for (unsigned k = 0; k < b->nf; k++)
		if (!column_constant(b->f[k].column, n))
			b->f[kept++] = b->f[k];
	b->nf = kept;
	fill_conflict(it, d, ic, &b->w.c, -1);
	if (d->fault.site)
		goto fail;
	memset(b->w.k, 0, sizeof b->w.k);
#define AT(member) offsetof(struct med_draw, member)
	for (int br = 0; br < CORE_NBRANCHES; br++) {
		size_t at[2] = { AT(c.state.sanctions) + br * sizeof(struct core_sanctions),
				 AT(c.rebels.sanctions) + br * sizeof(struct core_sanctions) };
		if (!med_sums(it, d, ic, b, br, UINT_MAX, ic->sanctions, ic->nsanctions, at, first, n))
			goto fail;
	}
	unsigned ev = NEV + 2 * (unsigned)(m - it->mediations);
	size_t rejects[2] = { AT(k[0].rejects), AT(k[1].rejects) };
	size_t accepts[2] = { AT(k[0].accepts), AT(k[1].accepts) };
#undef AT
	if (!med_sums(it, d, ic, b, CORE_WAR, ev, m->rules, m->nrules, rejects, first, n) ||
	    !med_sums(it, d, ic, b, CORE_SETTLED, ev + 1, m->rules, m->nrules, accepts, first, n))
		goto fail;
	/* The sums that vary first; each sum at draw 0 into the template. */
	struct med_sum sorted[MED_SUMS];
	unsigned k = 0;
	for (int pass = 1; pass >= 0; pass--)
		for (unsigned j = 0; j < b->nsums; j++)
			if (b->sum[j].varies == pass)
				sorted[k++] = b->sum[j];
	memcpy(b->sum, sorted, b->nsums * sizeof *sorted);
	b->nvarying = 0;
	b->moves = b->nf > 0;
	for (unsigned j = 0; j < b->nsums; j++) {
		med_sum_at(b, &b->sum[j], 0);
		b->nvarying += b->sum[j].varies;
		b->moves |= b->sum[j].varies && b->sum[j].at < sizeof(struct core_conflict);
	}
	b->proposal = d->column[m->proposal];
	if (b->proposal && column_constant(b->proposal, n))
		b->proposal = NULL;	/* d->slots holds draw 0's, the block's */
	if (!b->moves)
		bargain_in(&b->w.c, &b->r);
	if (!b->moves && !b->proposal)
		core_mediate_fix(&b->w.c, &b->r, d->slots[m->proposal] * b->w.c.value, &b->fixed);
	return b;
fail:
	med_block_free(b);
	return NULL;
}

/* Draw i of the block, as draw_mediation computes it. */
static void med_block_draw(const struct interp *it, struct draw_state *d,
			   const struct imediation *m, struct med_block *b, unsigned i,
			   struct core_mediation *out)
{
	for (unsigned k = 0; k < b->nf; k++)
		*(double *)((char *)&b->w.c + b->f[k].offset) = b->f[k].column[i];
	for (unsigned j = 0; j < b->nvarying; j++)
		med_sum_at(b, &b->sum[j], i);
	struct core_range r;
	const struct core_range *rp = &b->r;
	if (b->moves) {
		bargain_in(&b->w.c, &r);
		rp = &r;
	}
	double proposal = b->proposal ? b->proposal[i] : d->slots[m->proposal];
	core_mediate(&b->w.c, rp, proposal * b->w.c.value, &b->w.k[0], &b->w.k[1], out);
	(void)it;
}

static bool same_side(const struct core_mediation_side *a, const struct core_mediation_side *b)
{
#define SAME(x, y) (memcmp(&(x), &(y), sizeof (x)) == 0)
	return SAME(a->accept, b->accept) && SAME(a->batna, b->batna) && SAME(a->margin, b->margin)
	       && a->accepts == b->accepts && SAME(a->shortfall, b->shortfall)
	       && SAME(a->status_quo, b->status_quo) && a->hurts == b->hurts;
}

static bool same_zone(const struct core_zone *a, const struct core_zone *b)
{
	return a->empty == b->empty && SAME(a->lo, b->lo) && SAME(a->hi, b->hi);
}

/* SCEN_CHECK_BLOCKS: draw_mediation on the same draw gives the same doubles, bit for bit. */
static void med_block_check(const struct interp *it, struct draw_state *d,
			    const struct imediation *m, const struct core_mediation *got)
{
	struct core_mediation ref;
	draw_mediation(it, d, m, &ref);
	bool same = SAME(got->proposal, ref.proposal) && same_side(&got->state, &ref.state)
		&& same_side(&got->rebels, &ref.rebels) && got->agreement == ref.agreement
		&& same_zone(&got->zone, &ref.zone) && same_side(&got->state_free, &ref.state_free)
		&& same_side(&got->rebels_free, &ref.rebels_free)
		&& got->agreement_free == ref.agreement_free
		&& same_zone(&got->zone_free, &ref.zone_free)
		&& got->mutually_hurting == ref.mutually_hurting;
#undef SAME
	if (!same)
		block_differs(d->env.draw, "mediations");
}

static void record_mediation(struct acc *acc, const struct core_mediation *m);

/* Column col[0, n) of the sum at offset `at` of struct med_draw: its terms at each draw,
** in med_sum_at's order, or the template's number. */
static void med_sum_column(const struct med_block *b, size_t at, unsigned n, double *col)
{
	for (unsigned j = 0; j < b->nvarying; j++) {
		const struct med_sum *sm = &b->sum[j];
		if (sm->at != at)
			continue;
		for (unsigned i = 0; i < n; i++) {
			double sum = 0;
			for (unsigned t = sm->first; t < sm->first + sm->n; t++) {
				const struct med_term *x = &b->term[t];
				sum += x->sign * (x->column ? x->column[i] : x->k);
			}
			col[i] = sum;
		}
		return;
	}
	double k = *(const double *)((const char *)&b->w + at);
	for (unsigned i = 0; i < n; i++)
		col[i] = k;
}

/* The block's draws when only the coercion moves (b->fixed): its sums by columns, the
** verdicts and zones by vectors (core_mediate_columns), and what record_mediation adds,
** by columns (the margins are the block's values) and counts; what no coercion changes
** counted once for the n draws. */
static void med_block_fixed(struct med_block *b, unsigned n, struct acc *acc, double *values)
{
	struct strat_acc *a = &acc->strat;
	const struct core_mediation *f = &b->fixed.free;
	double *cols = xmalloc(8 * RUN_BLOCK * sizeof *cols);
	struct core_mediate_columns k = {
		.margin = { values + ST_XMIN * RUN_BLOCK, values + ST_XMAX * RUN_BLOCK },
		.zone_lo = cols + 6 * RUN_BLOCK, .zone_hi = cols + 7 * RUN_BLOCK };
	for (int who = 0; who < 2; who++) {
#define AT(member) (offsetof(struct med_draw, k) + who * sizeof(struct core_coercion) \
		    + offsetof(struct core_coercion, member))
		double *c = cols + 3 * who * RUN_BLOCK;
		med_sum_column(b, AT(accepts.if_out), n, c);
		med_sum_column(b, AT(rejects.if_in), n, c + RUN_BLOCK);
		med_sum_column(b, AT(rejects.if_out), n, c + 2 * RUN_BLOCK);
#undef AT
		k.alpha[who] = c;
		k.rejects_in[who] = c + RUN_BLOCK;
		k.rejects_out[who] = c + 2 * RUN_BLOCK;
	}
	core_mediate_columns(&b->fixed, n, &k);
	for (int s = 0; s < NSTATS; s++)
		if (s != ST_XMIN && s != ST_XMAX)
			for (unsigned i = 0; i < n; i++)
				values[s * RUN_BLOCK + i] = NAN;
	/* The zones' bounds, kept where the zone is not empty (never NaN there). */
	unsigned zones = 0;
	for (unsigned i = 0; i < n; i++) {
		k.zone_lo[zones] = k.zone_lo[i];
		k.zone_hi[zones] = k.zone_hi[i];
		zones += !isnan(k.zone_lo[i]);
	}
	a->n += n;
	a->agreements += k.agreements;
	a->agreements_free += n * (uint64_t)f->agreement_free;
	if (xsum_fits(f->proposal))
		a->proposal += (xsum)n * xsum_of(f->proposal);
	else
		acc->too_large += n;
	const struct core_mediation_side *free_[2] = { &f->state_free, &f->rebels_free };
	const struct core_mediation_side *side[2] = { &f->state, &f->rebels };
	for (int s = 0; s < 2; s++) {
		a->accepts[s] += k.accepts[s];
		a->accepts_free[s] += n * (uint64_t)free_[s]->accepts;
		a->hurts[s] += n * (uint64_t)side[s]->hurts;
		column_add(acc, k.margin[s], n, &a->margin[s]);
		column_add_squares(k.margin[s], n, &a->margin_sq[s], &a->sq_too_large[0]);
	}
	a->zones += k.zones;
	column_add(acc, k.zone_lo, zones, &a->zone_lo);
	column_add(acc, k.zone_hi, zones, &a->zone_hi);
	double V = b->w.c.value;
	if (xsum_fits(V))	/* as run.c's run_job */
		acc->sum_value += (xsum)n * xsum_of(V);
	free(cols);
}

/* SCEN_CHECK_BLOCKS: what the block added to a (zero before it) and its margins in values
** are what draw_mediation and record_mediation make of its draws, bit for bit. */
static void med_block_check_sums(const struct interp *it, struct draw_state *d,
				 const struct imediation *m, uint64_t first, unsigned n,
				 const struct acc *a, const double *values)
{
	struct acc *ref = xcalloc(1, sizeof *ref);
	for (unsigned i = 0; i < n; i++) {
		struct core_mediation md;
		d->env.draw = first + i;
		draw_lane(d, i);
		draw_mediation(it, d, m, &md);
		double V = d->slots[it->conflicts[m->conflict].value];
		if (xsum_fits(V))	/* as run.c's run_job */
			ref->sum_value += xsum_of(V);
		ref->strat.n++;
		record_mediation(ref, &md);
		if (memcmp(&values[ST_XMIN * RUN_BLOCK + i], &md.state.margin, sizeof(double)) ||
		    memcmp(&values[ST_XMAX * RUN_BLOCK + i], &md.rebels.margin, sizeof(double)))
			block_differs(first + i, "mediation margins");
	}
	if (memcmp(ref, a, sizeof *ref) != 0)
		block_differs(first, "mediation counts (in the block of that draw)");
	free(ref);
}

bool mediation_block(const struct interp *it, struct draw_state *d, const struct imediation *m,
		     uint64_t first, unsigned n, struct acc *a, double *values)
{
	struct med_block *b = med_block_plan(it, d, m, first, n);
	if (!b)
		return false;
	if (!b->moves && !b->proposal) {
		med_block_fixed(b, n, a, values);
		med_block_free(b);
		if (it->check_blocks)
			med_block_check_sums(it, d, m, first, n, a, values);
		return true;
	}
	for (unsigned i = 0; i < n; i++) {
		struct core_mediation md;
		med_block_draw(it, d, m, b, i, &md);
		if (it->check_blocks) {
			d->env.draw = first + i;
			draw_lane(d, i);
			med_block_check(it, d, m, &md);
		}
		if (xsum_fits(b->w.c.value))	/* as run.c's run_job */
			a->sum_value += xsum_of(b->w.c.value);
		a->strat.n++;
		record_mediation(a, &md);
		for (int k = 0; k < NSTATS; k++)
			values[k * RUN_BLOCK + i] = NAN;
		values[ST_XMIN * RUN_BLOCK + i] = md.state.margin;
		values[ST_XMAX * RUN_BLOCK + i] = md.rebels.margin;
	}
	med_block_free(b);
	if (it->check_blocks)
		med_block_check_sums(it, d, m, first, n, a, values);
	return true;
}

/* ---- sums over draws ---- */

static void record_mediation(struct acc *acc, const struct core_mediation *m)
{
	struct strat_acc *a = &acc->strat;
	const struct core_mediation_side *side[2] = { &m->state, &m->rebels };
	const struct core_mediation_side *free_[2] = { &m->state_free, &m->rebels_free };
	a->agreements += m->agreement;
	a->agreements_free += m->agreement_free;
	acc_add(acc, &a->proposal, m->proposal);
	for (int i = 0; i < 2; i++) {
		a->accepts[i] += side[i]->accepts;
		a->accepts_free[i] += free_[i]->accepts;
		a->hurts[i] += side[i]->hurts;
		acc_add_sq(acc, &a->margin[i], &a->margin_sq[i], &a->sq_too_large[0],
			   side[i]->margin);
	}
	if (!m->zone.empty) {
		a->zones++;
		acc_add(acc, &a->zone_lo, m->zone.lo);
		acc_add(acc, &a->zone_hi, m->zone.hi);
	}
}

static void record_game(struct acc *acc, const struct game_draw *g)
{
	struct strat_acc *a = &acc->strat;
	const struct core_game_solution *s = &g->sol;
	a->paths[s->provoke][s->reply]++;
	a->state_ties += s->state_tie;
	a->leaders_ties += s->leaders_tie;
	for (int p = 0; p < 3; p++) {
		acc_add(acc, &a->value[p], s->value[p]);
		acc_add(acc, &a->if_provoke[p], s->if_provoke[p]);
		acc_add(acc, &a->if_abstain[p], s->if_abstain[p]);
	}
	acc_add_sq(acc, &a->gain, &a->gain_sq, &a->sq_too_large[1], s->leaders_gain);
	acc_add(acc, &a->loss, s->followers_loss);
	acc_add(acc, &a->p_war, s->p_war);
	acc_add(acc, &a->p_atrocities, s->p_atrocities);
	acc_add(acc, &a->p_intervention, s->p_intervention);
	acc_add(acc, &a->toll, g->toll);
	for (unsigned i = 0; i < g->nrules; i++)
		a->pivotal[i] += g->pivotal[i];
	a->no_concession += g->game.concede_unavailable;
	a->disagreements += g->disagrees;
	for (int c = 0; c < CORE_NCAUSES; c++)
		a->disagree_causes[c] += (g->disagree_causes >> c) & 1;
	a->disagree_uncaused += g->disagrees && !g->disagree_causes;
}

void strategic_record(struct acc *a, enum job_kind kind, const struct job_draw *d)
{
	a->strat.n++;
	if (kind == JOB_MEDIATION)
		record_mediation(a, &d->med);
	else if (kind == JOB_GAME)
		record_game(a, &d->game);
}

static const char *name_or(const struct vnode *v, const char *none)
{
	return v ? v->expr->u.name.text : none;
}

/* The SE of a mean kept with its squares; undefined when a square did not fit (unfit). */
static double squares_se(const struct strat_acc *a, xsum s, xsum sq, uint64_t unfit)
{
	return unfit ? NAN : xsum_se(s, sq, a->n);
}

static void summarise_mediation(const struct interp *it, const struct ijob *job,
				const struct strat_acc *a, const struct job_draw *exact,
				struct mediation_result *r)
{
	const struct imediation *m = &it->mediations[job->index];
	const struct conflict_info *k = it->conflicts[m->conflict].info;
	uint64_t n = a->n ? a->n : 1;
	r->name = m->sym->name;
	r->by = name_or(attr_of(m->sym, "by"), "");
	r->stage = m->stage_name;
	r->party[0] = k->state->name;
	r->party[1] = k->rebels->name;
	r->stake = k->stake->name;
	r->draws = a->n;
	r->agreements = a->agreements;
	r->agreements_free = a->agreements_free;
	r->zones = a->zones;
	for (int i = 0; i < 2; i++) {
		r->accepts[i] = a->accepts[i];
		r->accepts_free[i] = a->accepts_free[i];
		r->hurts[i] = a->hurts[i];
		r->mean_margin[i] = xsum_mean(a->margin[i], n);
		r->se_margin[i] = squares_se(a, a->margin[i], a->margin_sq[i], a->sq_too_large[0]);
	}
	r->mean_proposal = xsum_mean(a->proposal, n);
	r->mean_zone_lo = a->zones ? xsum_mean(a->zone_lo, a->zones) : NAN;
	r->mean_zone_hi = a->zones ? xsum_mean(a->zone_hi, a->zones) : NAN;
	r->nrules = m->nrules;
	r->rules = xcalloc(m->nrules + 1, 4 * sizeof *r->rules);
	r->rule_kind = r->rules + m->nrules;
	r->rule_by = r->rule_kind + m->nrules;
	r->rule_on = r->rule_by + m->nrules;
	for (unsigned i = 0; i < m->nrules; i++) {
		const struct symbol *s = it->sanctions[m->rules[i]].sym;
		r->rules[i] = s->name;
		r->rule_kind[i] = name_or(attr_of(s, "kind"), "negative");
		r->rule_by[i] = name_or(attr_of(s, "by"), "");
		r->rule_on[i] = name_or(attr_of(s, "on"), "");
	}
	if (exact) {
		r->exact = true;
		r->med = exact->med;
	}
}

static void summarise_game(const struct interp *it, const struct ijob *job,
			   const struct strat_acc *a, const struct job_draw *exact,
			   struct game_result *r)
{
	const struct iconflict *ic = &it->conflicts[job->conflict];
	const struct symbol *pop = ic->followers;
	uint64_t n = a->n ? a->n : 1;
	r->rebels = ic->info->rebels->name;
	r->state = ic->info->state->name;
	r->followers = pop ? pop->name : NULL;
	r->draws = a->n;
	memcpy(r->paths, a->paths, sizeof r->paths);
	r->state_ties = a->state_ties;
	r->leaders_ties = a->leaders_ties;
	for (int p = 0; p < 3; p++) {
		r->mean_value[p] = xsum_mean(a->value[p], n);
		r->mean_if_provoke[p] = xsum_mean(a->if_provoke[p], n);
		r->mean_if_abstain[p] = xsum_mean(a->if_abstain[p], n);
	}
	r->mean_gain = xsum_mean(a->gain, n);
	r->se_gain = squares_se(a, a->gain, a->gain_sq, a->sq_too_large[1]);
	r->mean_loss = xsum_mean(a->loss, n);
	r->mean_p_war = xsum_mean(a->p_war, n);
	r->mean_p_atrocities = xsum_mean(a->p_atrocities, n);
	r->mean_p_intervention = xsum_mean(a->p_intervention, n);
	r->mean_toll = xsum_mean(a->toll, n);
	r->no_concession = a->no_concession;
	r->disagreements = a->disagreements;
	memcpy(r->disagree_causes, a->disagree_causes, sizeof r->disagree_causes);
	r->disagree_uncaused = a->disagree_uncaused;
	r->nrules = ic->nsanctions < GAME_MAX_RULES ? ic->nsanctions : GAME_MAX_RULES;
	r->rules = xcalloc(r->nrules + 1, sizeof *r->rules);
	for (unsigned i = 0; i < r->nrules; i++) {
		r->rules[i] = it->sanctions[ic->sanctions[i]].sym->name;
		r->pivotal[i] = a->pivotal[i];
	}
	if (exact) {
		r->exact = true;
		r->sol = exact->game.sol;
		r->concession = exact->game.game.concession;
		r->no_repress = !core_game_can_repress(&exact->game.game);
	}
}

void strategic_summarise(const struct interp *it, const struct ijob *job,
			 const struct strat_acc *a, const struct job_draw *exact,
			 struct report_result *r)
{
	if (job->kind == JOB_MEDIATION) {
		r->kind = RK_MEDIATION;
		summarise_mediation(it, job, a, exact, &r->med);
	} else {
		r->kind = RK_PROVOCATION;
		summarise_game(it, job, a, exact, &r->game);
	}
}
