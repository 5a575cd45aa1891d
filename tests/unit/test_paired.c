/*
** test_paired.c: interp_run_paired, the results half of `scen diff`. Two programs on
** the same draws: identical programs differ by exactly 0; an edit's difference has the
** standard error of the per-draw differences, far below the unpaired
** sqrt(SE_old² + SE_new²); an edit that touches no reported value changes nothing in any
** draw; an exact verdict change is flagged with SE 0; reports are matched by text and
** sweep row; the result is the same at any thread count.
*/
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/diag.h"
#include "interp/interp.h"

struct pair {
	struct program prog[2];
	struct interp *it[2];
	struct diag_sink sink;
	struct diff_result r;
	int status;
};

static struct pair *paired(const char *old, const char *new_, unsigned threads, uint64_t draws)
{
	struct pair *p = calloc(1, sizeof *p);
	diag_init(&p->sink);
	const char *text[2] = { old, new_ };
	for (int i = 0; i < 2; i++) {
		program_init(&p->prog[i]);
		cr_assert_eq(check_load_text(&p->prog[i], i ? "new.scen" : "old.scen", text[i],
					     strlen(text[i]), &p->sink), STATUS_OK);
		p->it[i] = interp_new(&p->prog[i]);
		cr_assert_not_null(p->it[i]);
	}
	struct run_options o = { .threads = threads, .have_draws = draws > 0, .draws = draws };
	p->status = interp_run_paired(p->it[0], p->it[1], &o, &p->r, &p->sink);
	return p;
}

static void pair_free(struct pair *p)
{
	diff_result_free(&p->r);
	for (int i = 0; i < 2; i++) {
		interp_free(p->it[i]);
		program_free(&p->prog[i]);
	}
	diag_free(&p->sink);
	free(p);
}

static const struct paired_stat *stat(const struct paired_report *r, const char *label)
{
	for (unsigned k = 0; k < r->nstats; k++)
		if (strcmp(r->stats[k].label, label) == 0)
			return &r->stats[k];
	cr_assert_fail("no stat %s", label);
	return NULL;
}

/* b_R ~ uniform(0, 1), x_min = 100·b_R − 20, x_max = 10 + c_S: BREAKDOWN when
** b_R > (30 + c_S)/100. */
#define UNCERTAIN(cost_s) \
	"scenario \"t\" { seed = 11; draws = 10_000 }\n" \
	"stake land { value = 100 }\n" \
	"actor gov : state { cost = " cost_s "; belief = 10% }\n" \
	"actor reb : rebels { cost = 20; belief ~ uniform(0, 1) }\n" \
	"actor reb2 : rebels { cost ~ uniform(10, 30); belief = 40% }\n" \
	"conflict gov vs reb over land { win = 10% }\n" \
	"conflict gov vs reb2 over land { win = 30% }\n" \
	"report settlement gov vs reb\n"

Test(paired, identical_programs_differ_by_exactly_zero)
{
	struct pair *p = paired(UNCERTAIN("20"), UNCERTAIN("20"), 2, 0);
	cr_assert_eq(p->status, 0);
	cr_assert_eq(p->r.draws, 10000);
	cr_assert_eq(p->r.nreports, 1);
	cr_assert_not(p->r.changed);
	const struct paired_report *r = &p->r.reports[0];
	cr_assert(r->in_old && r->in_new);
	cr_assert_gt(stat(r, "BREAKDOWN")->old, 0.4);
	for (unsigned k = 0; k < r->nstats; k++) {
		cr_assert_eq(r->stats[k].diff, 0, "%s", r->stats[k].label);
		cr_assert_eq(r->stats[k].se_diff, 0, "%s", r->stats[k].label);
		cr_assert_eq(r->stats[k].old, r->stats[k].new_, "%s", r->stats[k].label);
		cr_assert_not(r->stats[k].beyond);
	}
	pair_free(p);
}

/* c_S 20 → 21: BREAKDOWN when b_R > 50% → b_R > 51%: the per-draw difference is −1 in
** 1% of draws: mean −1%, SE sqrt(0.01·0.99/10,000) = 0.0995%; unpaired, the two shares
** (about 50% and 49%) have SE 0.5% each: sqrt(2)·0.5% = 0.707%, seven times as much. */
Test(paired, the_paired_standard_error_is_far_below_the_unpaired_one)
{
	struct pair *p = paired(UNCERTAIN("20"), UNCERTAIN("21"), 2, 0);
	cr_assert_eq(p->status, 0);
	const struct paired_stat *s = stat(&p->r.reports[0], "BREAKDOWN");
	double unpaired = sqrt(s->se_old * s->se_old + s->se_new * s->se_new);
	cr_assert_lt(fabs(s->diff - -0.01), 3 * 0.000995, "diff %g", s->diff);
	cr_assert_lt(fabs(s->se_diff - 0.000995), 0.0002, "se %g", s->se_diff);
	cr_assert_gt(unpaired, 0.0069);
	cr_assert_lt(s->se_diff, unpaired / 5, "paired %g unpaired %g", s->se_diff, unpaired);
	cr_assert(s->beyond);		/* −1% is 10 paired SE (and under 2 unpaired ones) */
	cr_assert_lt(fabs(s->diff), 3 * unpaired);
	/* the same b_R in both versions: x_min is the same in every draw */
	const struct paired_stat *x = stat(&p->r.reports[0], "x_min");
	cr_assert_eq(x->diff, 0);
	cr_assert_eq(x->se_diff, 0);
	cr_assert_eq(stat(&p->r.reports[0], "x_max")->diff, 1);
	pair_free(p);
}

Test(paired, an_unrelated_uncertain_edit_changes_no_draw)
{
	const char *old = UNCERTAIN("20");
	char *new_ = strdup(old);
	char *at = strstr(new_, "uniform(10, 30)");
	memcpy(at, "uniform(20, 40)", strlen("uniform(20, 40)"));
	struct pair *p = paired(old, new_, 3, 0);
	cr_assert_not(p->r.changed);
	const struct paired_report *r = &p->r.reports[0];
	for (unsigned k = 0; k < r->nstats; k++) {
		cr_assert_eq(r->stats[k].diff, 0, "%s", r->stats[k].label);
		cr_assert_eq(r->stats[k].se_diff, 0, "%s", r->stats[k].label);
	}
	pair_free(p);
	free(new_);
}

Test(paired, the_same_at_any_thread_count)
{
	struct pair *a = paired(UNCERTAIN("20"), UNCERTAIN("25"), 1, 5000);
	struct pair *b = paired(UNCERTAIN("20"), UNCERTAIN("25"), 4, 5000);
	cr_assert_eq(a->r.nreports, b->r.nreports);
	cr_assert_eq(a->r.draws, 5000);
	for (unsigned i = 0; i < a->r.nreports; i++)
		cr_assert_eq(memcmp(a->r.reports[i].stats, b->r.reports[i].stats,
				    sizeof a->r.reports[i].stats), 0);
	pair_free(a);
	pair_free(b);
}

#define EXACT(belief) \
	"stake land { value = 1_000_000 }\n" \
	"actor gov : state { cost = 200_000; belief = 10% }\n" \
	"actor reb : rebels { cost = 200_000; belief = " belief " }\n" \
	"conflict gov vs reb over land { win = 25% }\n"

/* core.md §1: b_R 60% → 25% turns BREAKDOWN (x_min 400,000 > x_max 300,000) into
** SETTLE (x_min 50,000). */
Test(paired, an_exact_verdict_change_is_flagged_with_no_noise)
{
	struct pair *p = paired(EXACT("60%"), EXACT("25%"), 2, 0);
	cr_assert_eq(p->r.draws, 1);
	cr_assert(p->r.changed);
	const struct paired_report *r = &p->r.reports[0];
	cr_assert_str_eq(r->outcome_old, "BREAKDOWN");
	cr_assert_str_eq(r->outcome_new, "SETTLE");
	const struct paired_stat *s = stat(r, "BREAKDOWN");
	cr_assert_eq(s->diff, -1);
	cr_assert_eq(s->se_diff, 0);
	cr_assert(s->beyond);
	cr_assert_float_eq(stat(r, "x_min")->old, 400000, 1e-6);
	cr_assert_float_eq(stat(r, "x_min")->new_, 50000, 1e-6);
	cr_assert_not(stat(r, "x_max")->beyond);
	pair_free(p);
}

Test(paired, reports_matched_by_text_and_sweep_row)
{
	const char *old = EXACT("60%") "report settlement gov vs reb\n"
		"sweep reb.belief from 40% to 60% step 10% { report settlement gov vs reb }\n";
	const char *new_ = EXACT("60%") "actor reb2 : rebels { cost = 1; belief = 1% }\n"
		"conflict gov vs reb2 over land { win = 1% }\n"
		"report settlement gov vs reb2\nreport settlement gov vs reb\n"
		"sweep reb.belief from 40% to 70% step 10% { report settlement gov vs reb }\n";
	struct pair *p = paired(old, new_, 1, 0);
	/* the old version's order: its report, its 3 rows; then the new report and row */
	cr_assert_eq(p->r.nreports, 6);
	cr_assert(p->r.changed);
	const struct paired_report *r = p->r.reports;
	cr_assert(r[0].in_old && r[0].in_new && !r[0].changed && !r[0].sweep);
	for (int i = 1; i <= 3; i++) {
		cr_assert(r[i].in_old && r[i].in_new && !r[i].changed);
		cr_assert_str_eq(r[i].sweep, "reb.belief");
		cr_assert_eq(r[i].sweep_row, (unsigned)i - 1);
		cr_assert_float_eq(r[i].sweep_old, r[i].sweep_new, 1e-12);
	}
	cr_assert_str_eq(r[1].outcome_new, "SETTLE");	/* x_min = 200,000 ≤ 300,000 */
	cr_assert(!r[4].in_old && r[4].in_new && r[4].changed);
	cr_assert_str_eq(r[4].what, "settlement gov vs reb2");
	cr_assert(!r[5].in_old && r[5].in_new && r[5].sweep_row == 3);
	pair_free(p);
}
