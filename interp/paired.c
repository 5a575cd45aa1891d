/*
** paired.c: `scen diff`'s results. Two compiled programs are evaluated on the same
** draws: in draw i each program's uncertain attribute of a given qualified name takes
** the value of stream (seed, name, i) (rng.h), so both versions see the same random
** values for the attributes they share (common random numbers). The reports are matched
** by their text ("settlement gov vs reb") and sweep row, and for each pair every compared
** quantity is recorded per draw in both versions; the difference's standard error is
** that of the per-draw differences, sd(new_i − old_i)/sqrt(n), which is far below the
** unpaired sqrt(SE_old² + SE_new²) when the edit leaves most of the randomness alone.
**
** The draws are run by run.c's block driver: blocks of RUN_BLOCK draws over worker
** threads, each block's moments (Welford) merged in block order (Chan et al.), so the
** result is the same at any thread count.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp_int.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"
#include "interp/rng.h"
#include "interp/moments.h"

/* ---- what is compared, per kind of report ---- */

_Static_assert((int)SS_N <= (int)PAIRED_MAXSTATS && (int)SM_N <= (int)PAIRED_MAXSTATS &&
	       (int)SG_N <= (int)PAIRED_MAXSTATS,
	       "PAIRED_MAXSTATS too small");

unsigned paired_nstats(enum job_kind k)
{
	return k == JOB_SETTLE ? SS_N : k == JOB_MEDIATION ? SM_N : SG_N;
}

static void label(struct paired_stat *s, bool share, const char *a, const char *b)
{
	snprintf(s->label, sizeof s->label, "%s%s", a, b);
	s->share = share;
}

void paired_labels(const struct interp *it, const struct ijob *job, struct paired_report *r)
{
	struct paired_stat *s = r->stats;
	r->nstats = paired_nstats(job->kind);
	switch (job->kind) {
	case JOB_SETTLE:
		r->kind = RK_SETTLEMENT;
		for (int v = 0; v <= CORE_RISK; v++) {
			label(&s[SS_VERDICT + v], true, core_verdict_name(v), "");
			s[SS_VERDICT + v].outcome = true;
		}
		for (int c = 0; c < CORE_NCAUSES; c++)
			label(&s[SS_CAUSE + c], true, "cause: ", core_cause_name(c));
		label(&s[SS_XMIN], false, "x_min", "");
		label(&s[SS_XMAX], false, "x_max", "");
		label(&s[SS_GAP], false, "gap", "");
		label(&s[SS_PWAR], false, "P(war)", "");
		break;
	case JOB_MEDIATION: {
		r->kind = RK_MEDIATION;
		const struct conflict_info *k = it->conflicts[job->conflict].info;
		const char *party[2] = { k->state->name, k->rebels->name };
		label(&s[SM_AGREE], true, "AGREEMENT", "");
		s[SM_AGREE].outcome = true;
		label(&s[SM_FREE], true, "AGREEMENT without the coercion", "");
		for (int i = 0; i < 2; i++) {
			label(&s[SM_ACCEPT + i], true, party[i], " accepts");
			label(&s[SM_MARGIN + i], false, "margin of ", party[i]);
		}
		break;
	}
	case JOB_GAME:
		r->kind = RK_PROVOCATION;
		label(&s[SG_ABSTAIN], true, "abstain", "");
		s[SG_ABSTAIN].outcome = true;
		for (int m = 0; m < CORE_GAME_NMOVES; m++) {
			label(&s[SG_PROVOKE + m], true, "provoke, state ",
			      core_game_move_verb(m));
			s[SG_PROVOKE + m].outcome = true;
		}
		label(&s[SG_TOLL], false, "expected toll", "");
		label(&s[SG_GAIN], false, "leaders' gain by provoking", "");
		break;
	}
}

void paired_values(const struct interp *it, struct draw_state *d, const struct ijob *job,
		       double *v)
{
	struct job_draw jd;
	switch (job->kind) {
	case JOB_SETTLE: {
		draw_settlement(it, d, &it->conflicts[job->conflict], &jd.settle);
		const struct settle_draw *s = &jd.settle;
		const struct core_range *r = &s->r;
		enum core_verdict verdict = s->verdict;
		for (int k = 0; k <= CORE_RISK; k++)
			v[SS_VERDICT + k] = verdict == (enum core_verdict)k;
		for (int c = 0; c < CORE_NCAUSES; c++)
			v[SS_CAUSE + c] = verdict == CORE_BREAKDOWN && (s->why.single >> c & 1);
		v[SS_XMIN] = r->x_min;
		v[SS_XMAX] = r->x_max;
		v[SS_GAP] = r->verdict == CORE_BREAKDOWN ? r->gap : 0;
		v[SS_PWAR] = s->p_war;
		break;
	}
	case JOB_MEDIATION: {
		draw_mediation(it, d, &it->mediations[job->index], &jd.med);
		const struct core_mediation *m = &jd.med;
		v[SM_AGREE] = m->agreement;
		v[SM_FREE] = m->agreement_free;
		v[SM_ACCEPT] = m->state.accepts;
		v[SM_ACCEPT + 1] = m->rebels.accepts;
		v[SM_MARGIN] = m->state.margin;
		v[SM_MARGIN + 1] = m->rebels.margin;
		break;
	}
	case JOB_GAME: {
		draw_game(it, d, &it->conflicts[job->conflict], &jd.game);
		const struct core_game_solution *s = &jd.game.sol;
		v[SG_ABSTAIN] = !s->provoke;
		for (int m = 0; m < CORE_GAME_NMOVES; m++)
			v[SG_PROVOKE + m] = s->provoke && s->reply == (enum core_game_move)m;
		v[SG_TOLL] = jd.game.toll;
		v[SG_GAIN] = s->leaders_gain;
		break;
	}
	}
}

/* ---- matching the reports ---- */

struct jpair {
	const struct ijob *job[2];
	unsigned report;		/* its index in the result */
};

/* Two groups (the file's own reports, or the same row of the same sweep) and the jobs
** they share. */
struct gpair {
	const struct igroup *group[2];
	struct jpair *jobs;
	unsigned njobs;
};

/* Which sweep of this label (0: the first sweep of it in the file) a group's row is. */
static unsigned sweep_occurrence(const struct interp *it, const struct igroup *g)
{
	unsigned n = 0;
	for (unsigned i = 0; i < it->ngroups; i++) {
		const struct igroup *h = &it->groups[i];
		if (h->sweep && h->row == 0 && h->second.row == 0 && h->sweep_id < g->sweep_id &&
		    strcmp(h->sweep, g->sweep) == 0)
			n++;
	}
	return n;
}

/* The same cell of a map along its second axis, or neither a map. */
static bool same_second(const struct iswept *x, const struct iswept *y)
{
	if ((x->slot < 0) != (y->slot < 0))
		return false;
	return x->slot < 0 || (strcmp(x->name, y->name) == 0 && x->row == y->row);
}

static const struct igroup *find_group(const struct interp *in, const struct interp *it,
				       const struct igroup *g)
{
	unsigned occ = g->sweep ? sweep_occurrence(it, g) : 0;
	for (unsigned i = 0; i < in->ngroups; i++) {
		const struct igroup *h = &in->groups[i];
		if (!g->sweep != !h->sweep)
			continue;
		if (!g->sweep)
			return h;
		if (strcmp(g->sweep, h->sweep) == 0 && g->row == h->row &&
		    same_second(&g->second, &h->second) && sweep_occurrence(in, h) == occ)
			return h;
	}
	return NULL;
}

/* The job of h that matches job j of g: the same text, the same occurrence of it. */
static const struct ijob *find_job(const struct igroup *h, const struct igroup *g, unsigned j)
{
	if (!h)
		return NULL;
	unsigned occ = 0;
	for (unsigned i = 0; i < j; i++)
		occ += strcmp(g->jobs[i].what, g->jobs[j].what) == 0;
	for (unsigned i = 0; i < h->njobs; i++)
		if (strcmp(h->jobs[i].what, g->jobs[j].what) == 0 && occ-- == 0)
			return &h->jobs[i];
	return NULL;
}

static struct paired_report *add_report(struct diff_result *out, unsigned *cap)
{
	if (out->nreports == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		out->reports = xrealloc(out->reports, *cap * sizeof *out->reports);
	}
	struct paired_report *r = &out->reports[out->nreports++];
	memset(r, 0, sizeof *r);
	return r;
}

static void describe(struct paired_report *r, const struct interp *it, const struct igroup *g,
		     const struct ijob *job, int side)
{
	paired_labels(it, job, r);
	r->what = job->what;
	r->sweep = g->sweep;
	r->sweep_row = g->row;
	r->sweep2 = g->second.slot >= 0 ? g->second.name : NULL;
	if (side == 0) {
		r->sweep_old = g->value;
		r->sweep2_old = g->second.value;
	} else {
		r->sweep_new = g->value;
		r->sweep2_new = g->second.value;
	}
}

/* The reports in the old version's order (matched or not), then those only in the new;
** the matched ones into gpairs. */
static struct gpair *match(const struct interp *a, const struct interp *b, struct diff_result *out,
			   unsigned *ngpairs)
{
	unsigned cap = 0;
	struct gpair *gp = xcalloc(a->ngroups + 1, sizeof *gp);
	*ngpairs = 0;
	for (unsigned i = 0; i < a->ngroups; i++) {
		const struct igroup *g = &a->groups[i], *h = find_group(b, a, g);
		struct gpair *p = &gp[*ngpairs];
		p->group[0] = g;
		p->group[1] = h;
		p->jobs = xcalloc(g->njobs + 1, sizeof *p->jobs);
		for (unsigned j = 0; j < g->njobs; j++) {
			const struct ijob *other = find_job(h, g, j);
			struct paired_report *r = add_report(out, &cap);
			describe(r, a, g, &g->jobs[j], 0);
			r->in_old = true;
			if (!other) {
				r->nstats = 0;
				continue;
			}
			describe(r, b, h, other, 1);
			r->sweep_old = g->value;
			r->sweep2_old = g->second.value;
			r->in_new = true;
			p->jobs[p->njobs++] = (struct jpair){ { &g->jobs[j], other },
							       out->nreports - 1 };
		}
		if (p->njobs)
			++*ngpairs;
		else
			free(p->jobs);
	}
	for (unsigned i = 0; i < b->ngroups; i++) {
		const struct igroup *h = &b->groups[i], *g = find_group(a, b, h);
		for (unsigned j = 0; j < h->njobs; j++) {
			if (find_job(g, h, j))
				continue;
			struct paired_report *r = add_report(out, &cap);
			describe(r, b, h, &h->jobs[j], 1);
			r->in_new = true;
			r->nstats = 0;
		}
	}
	return gp;
}

/* ---- the run ---- */

struct pairing {
	const struct interp *it[2];
	const struct run_options *o;
	uint64_t draws;
	unsigned types;
	const uint64_t *keys[2];
	struct gpair *gp;
	unsigned ngp, npairs;
	unsigned *pair_base;		/* by gpair: its first pair's index */
	struct moments *tot;		/* [pair][stat] */
	int error_side;
	struct draw_error error;
	uint64_t kept;			/* blocks merged */
};

struct pblock {
	struct moments *m;		/* [pair][stat] */
	int error_side;
	struct draw_error error;
	bool abandoned;			/* stopped (Ctrl-C) before its last draw */
};

struct pworker {
	struct draw_state d[2];
};

static void *pw_new(void *ctx)
{
	const struct pairing *pr = ctx;
	struct pworker *w = xmalloc(sizeof *w);
	for (int s = 0; s < 2; s++) {
		draw_state_init(pr->it[s], pr->types, &w->d[s], pr->keys[s]);
		w->d[s].stop = pr->o->stop;
	}
	return w;
}

static void pw_free(void *ctx, void *worker)
{
	const struct pairing *pr = ctx;
	struct pworker *w = worker;
	for (int s = 0; s < 2; s++)
		draw_state_free(pr->it[s], &w->d[s]);
	free(w);
}

/* Moves this thread's vm_failure, if any, into why (unless it holds one already). */
static void take_failure(char *why, size_t size)
{
	if (vm_failure() && !why[0])
		snprintf(why, size, "%s", vm_failure());
	vm_clear_failure();
}

static void pw_run(void *ctx, void *worker, void *result, uint64_t block)
{
	const struct pairing *pr = ctx;
	uint64_t first, count;
	block_span(pr->draws, block, &first, &count);
	struct pworker *w = worker;
	struct pblock *b = result;
	memset(b->m, 0, (size_t)pr->npairs * PAIRED_MAXSTATS * sizeof *b->m);
	b->error = DRAW_ERROR_NONE;
	b->abandoned = false;
	vm_clear_failure();
	uint32_t *clamped[2];
	for (int s = 0; s < 2; s++) {
		clamped[s] = xcalloc(pr->it[s]->m->norder + 1, sizeof *clamped[s]);
		w->d[s].clamped = clamped[s];
		w->d[s].error_vnode = -1;
		w->d[s].fault.site = 0;
	}
	for (unsigned g = 0; g < pr->ngp; g++) {
		const struct gpair *p = &pr->gp[g];
		for (int s = 0; s < 2; s++) {
			const struct igroup *gs = p->group[s];
			if (gs->slot >= 0)
				w->d[s].slots[gs->slot] = gs->value;
			if (gs->second.slot >= 0)
				w->d[s].slots[gs->second.slot] = gs->second.value;
		}
		for (uint64_t i = 0; i < count && !b->abandoned; i++) {
			char why[2][160] = { "", "" };	/* vm_failure of each side */
			for (int s = 0; s < 2; s++) {
				w->d[s].env.draw = first + i;
				draw_model(pr->it[s], &w->d[s], p->group[s]);
				take_failure(why[s], sizeof why[s]);
			}
			for (unsigned j = 0; j < p->njobs; j++) {
				double v[2][PAIRED_MAXSTATS];
				for (int s = 0; s < 2; s++) {
					paired_values(pr->it[s], &w->d[s], p->jobs[j].job[s], v[s]);
					take_failure(why[s], sizeof why[s]);
				}
				struct moments *m = &b->m[(size_t)(pr->pair_base[g] + j) *
							  PAIRED_MAXSTATS];
				unsigned n = paired_nstats(p->jobs[j].job[0]->kind);
				for (unsigned k = 0; k < n; k++)
					if (isfinite(v[0][k]) && isfinite(v[1][k]))
						mom_add(&m[k], v[0][k], v[1][k]);
			}
			for (int s = 0; s < 2 && !draw_error_set(&b->error); s++) {
				draw_error_note(pr->it[s], &w->d[s], p->group[s], first + i,
						why[s][0] ? why[s] : NULL, &b->error);
				if (draw_error_set(&b->error))
					b->error_side = s;
			}
			b->abandoned = draw_stopped(&w->d[0]);	/* Ctrl-C: as in run.c */
		}
		for (int s = 0; s < 2; s++) {
			const struct igroup *gs = p->group[s];
			if (gs->slot >= 0)
				w->d[s].slots[gs->slot] = pr->it[s]->init[gs->slot];
			if (gs->second.slot >= 0)
				w->d[s].slots[gs->second.slot] = pr->it[s]->init[gs->second.slot];
		}
	}
	for (int s = 0; s < 2; s++) {
		free(clamped[s]);
		w->d[s].clamped = NULL;
	}
}

static bool pw_merge(void *ctx, void *result, uint64_t block)
{
	struct pairing *pr = ctx;
	uint64_t first, count;
	block_span(pr->draws, block, &first, &count);
	const struct pblock *b = result;
	if (b->abandoned)
		return true;
	for (size_t i = 0; i < (size_t)pr->npairs * PAIRED_MAXSTATS; i++)
		mom_merge(&pr->tot[i], &b->m[i]);
	pr->kept++;
	if (!draw_error_set(&pr->error) && draw_error_set(&b->error)) {
		pr->error_side = b->error_side;
		pr->error = b->error;
	}
	const struct run_options *o = pr->o;
	if (o->progress)
		o->progress(first + count, pr->draws, o->progress_arg);
	return (o->stop && *o->stop) || draw_error_set(&pr->error);
}

static void summarise(const struct moments *m, struct paired_stat *s)
{
	s->n = m->n;
	if (!m->n) {
		s->old = s->new_ = s->diff = NAN;
		s->se_old = s->se_new = s->se_diff = NAN;
		return;
	}
	double n = (double)m->n;
	s->old = m->ma;
	s->new_ = m->mb;
	s->diff = m->md;
	if (s->share) {	/* the counts over n, as scen run prints them */
		int64_t a = mom_count(m->ma, m->n), b = mom_count(m->mb, m->n);
		s->old = (double)a / n;
		s->new_ = (double)b / n;
		s->diff = (double)(b - a) / n;
	}
	/* sqrt(M2/n)/sqrt(n): for a share, exactly sqrt(P(1 − P)/n) */
	s->se_old = sqrt(fmax(m->qa, 0)) / n;
	s->se_new = sqrt(fmax(m->qb, 0)) / n;
	s->se_diff = sqrt(fmax(m->qd, 0)) / n;
	/* Rounding in the means of identical values is no difference. */
	double tiny = 1e-12 * (1 + fabs(s->old) + fabs(s->new_));
	if (fabs(s->diff) <= tiny) {
		s->diff = 0;
		if (s->se_diff <= tiny)
			s->se_diff = 0;
	}
	s->beyond = fabs(s->diff) > 3 * s->se_diff && fabs(s->diff) > tiny;
}

/* P(war) repeats the BREAKDOWN share unless a version screens (RISK); one draw: the
** outcome of each version, by its label. */
static void finish(struct paired_report *r, bool one_draw)
{
	if (r->kind == RK_SETTLEMENT)
		r->stats[SS_PWAR].redundant = r->stats[SS_VERDICT + CORE_RISK].old == 0 &&
					      r->stats[SS_VERDICT + CORE_RISK].new_ == 0;
	if (!one_draw)
		return;
	for (unsigned k = 0; k < r->nstats; k++) {
		const struct paired_stat *s = &r->stats[k];
		if (s->outcome && s->old == 1)
			r->outcome_old = s->label;
		if (s->outcome && s->new_ == 1)
			r->outcome_new = s->label;
	}
	if (r->kind == RK_MEDIATION) {
		r->outcome_old = r->stats[SM_AGREE].old == 1 ? "AGREEMENT" : "NO AGREEMENT";
		r->outcome_new = r->stats[SM_AGREE].new_ == 1 ? "AGREEMENT" : "NO AGREEMENT";
	}
}

int interp_run_paired(struct interp *a, struct interp *b, const struct run_options *o,
		      struct diff_result *out, struct diag_sink *sink)
{
	memset(out, 0, sizeof *out);
	struct pairing pr = { .it = { a, b }, .o = o, .error = DRAW_ERROR_NONE };
	uint64_t seed = o->have_seed ? o->seed : a->seed;
	pr.draws = !a->uncertain && !b->uncertain ? 1 : o->have_draws ? o->draws
		   : a->uncertain ? a->draws : b->draws;
	pr.types = o->types ? o->types : SCEN_SCREEN_TYPES;
	pr.gp = match(a, b, out, &pr.ngp);
	pr.pair_base = xcalloc(pr.ngp + 1, sizeof *pr.pair_base);
	for (unsigned g = 0; g < pr.ngp; g++) {
		pr.pair_base[g] = pr.npairs;
		pr.npairs += pr.gp[g].njobs;
	}
	uint64_t *keys[2];
	for (int s = 0; s < 2; s++) {
		keys[s] = interp_stream_keys(pr.it[s], seed);
		pr.keys[s] = keys[s];
	}
	size_t nmom = (size_t)pr.npairs * PAIRED_MAXSTATS + 1;
	pr.tot = xcalloc(nmom, sizeof *pr.tot);
	unsigned threads = blocks_threads(run_thread_count(a, o), block_count(pr.draws));
	unsigned nring = threads * RUN_WINDOW;
	struct pblock *ring = xcalloc(nring, sizeof *ring);
	void **results = xcalloc(nring, sizeof *results);
	for (unsigned r = 0; r < nring; r++) {
		ring[r].m = xcalloc(nmom, sizeof *ring[r].m);
		results[r] = &ring[r];
	}
	uint64_t merged = 0;
	if (pr.npairs) {
		struct block_driver d = { .count = block_count(pr.draws), .threads = threads, .ctx = &pr,
					  .results = results, .worker_new = pw_new,
					  .worker_free = pw_free, .run = pw_run,
					  .merge = pw_merge };
		blocks_run(&d);
		merged = pr.kept;
	}
	uint64_t nblocks = block_count(pr.draws);
	out->seed = seed;
	out->seeds_differ = !o->have_seed && b->uncertain && b->seed != seed;
	out->seed_new = b->seed;
	out->draws = pr.npairs == 0 || merged == nblocks ? pr.draws : merged * RUN_BLOCK;
	out->threads = threads;
	out->uncertain_old = a->uncertain;
	out->uncertain_new = b->uncertain;
	out->stopped = pr.npairs && merged < nblocks;
	for (unsigned r = 0; r < out->nreports; r++)
		out->changed |= out->reports[r].changed = !out->reports[r].in_old ||
							  !out->reports[r].in_new;
	for (unsigned g = 0; g < pr.ngp; g++)
		for (unsigned j = 0; j < pr.gp[g].njobs; j++) {
			struct paired_report *r = &out->reports[pr.gp[g].jobs[j].report];
			const struct moments *m = &pr.tot[(size_t)(pr.pair_base[g] + j) *
							  PAIRED_MAXSTATS];
			for (unsigned k = 0; k < r->nstats; k++) {
				summarise(&m[k], &r->stats[k]);
				r->changed |= r->stats[k].beyond;
			}
			finish(r, pr.draws == 1);
			out->changed |= r->changed;
		}
	int status = 0;
	if (draw_error_set(&pr.error)) {
		report_draw_error(pr.it[pr.error_side], &pr.error, sink);
		status = 1;
	}
	for (unsigned r = 0; r < nring; r++)
		free(ring[r].m);
	free(ring);
	free(results);
	for (unsigned g = 0; g < pr.ngp; g++)
		free(pr.gp[g].jobs);
	free(pr.gp);
	free(pr.pair_base);
	free(pr.tot);
	free(keys[0]);
	free(keys[1]);
	return status;
}

void diff_result_free(struct diff_result *r)
{
	free(r->reports);
	memset(r, 0, sizeof *r);
}
