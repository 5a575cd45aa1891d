/*
** hand.c: the baseline `scen run` is measured against. The model of bench/courting.scen
** written by hand, as an analyst would write it in C without the language: draw the two
** costs, compute the bargaining range, its verdict and (on a breakdown) its causes, and
** aggregate over the draws. Standalone on purpose (C11 and libm, nothing from core/):
** it is an independent check of the core as much as a speed baseline.
**
** The formulas are those of design/core.md section 1 (Nzelibe, "Courting Genocide",
** Part II.B) and "Aggregation over draws": every quantity in units of the stake, a range
** "not empty" up to 1e-9·V, causes found by recomputing with one factor removed (then
** pairs, then all together), shares with standard errors sqrt(P(1 - P)/N).
**
** Random numbers: a counter-based stream, like the interpreter's. The uniform for the
** attribute NAME in draw i is (splitmix64(seed ^ fnv1a(NAME) ^ i) >> 11) · 2^-53.
**
** Usage: hand [DRAWS]          the Monte Carlo run (default 1,000,000 draws)
**        hand --one C_S C_R    one draw with the costs fixed, every intermediate printed
**        hand --selftest       assert hand-computed values of core.md section 1
** Build: cc -std=c11 -O2 -o hand hand.c -lm
*/
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the model (core.md, Notation) ---- */

enum branch { WAR, SETTLED, STATUS_QUO, NBRANCH };

struct side {
	double cost;		/* c */
	double resolve;		/* r */
	double belief;		/* b; NAN: not set */
	double expects;		/* expects_intervention; NAN: not set */
	/* Sanctions on this side per branch, with the intervener in and out:
	** σ(branch) = q·in + (1 − q)·out. */
	double sanction_in[NBRANCH], sanction_out[NBRANCH];
};

struct model {
	double V, x_sq;
	bool divisible;
	double step;		/* > 0: offers are multiples of it; 0: any amount */
	double p0, p_in;	/* p⁰, p⁺ */
	double chance, chance_atrocities;
	bool atrocities;
	double k, g;		/* cost of intervention to the state; guarantor's will */
	double lambda, kappa;	/* the leaders' share of gains and of war costs */
	double n, rho;		/* challengers, reputation */
	struct side S, R;	/* state, rebels */
};

enum verdict { NO_THREAT, SETTLE, BREAKDOWN, NVERDICT };
static const char *const verdict_name[NVERDICT] = { "NO THREAT", "SETTLE", "BREAKDOWN" };

struct range {
	double q, p, b_S, b_R, q_S;
	double sigma_S[NBRANCH], sigma_R[NBRANCH];
	double W_R, W_S, x_min, x_max, lo, hi;
	enum verdict verdict;
	double split;		/* SETTLE: the admissible offer nearest the midpoint */
	double gap;		/* BREAKDOWN: max(x_min − x_max, 0) */
};

/* bench/courting.scen, every other attribute at its default. */
static struct model courting(double c_S, double c_R)
{
	struct model m = {
		.V = 100, .x_sq = 30, .divisible = true, .step = 0,
		.p0 = 0.20, .p_in = 0.70, .chance = 0.30, .chance_atrocities = 0.60,
		.atrocities = false,	/* capacity 100%, violence not set */
		.k = 0, .g = 1, .lambda = 1, .kappa = 1, .n = 0, .rho = 0,
		.S = { .cost = c_S, .resolve = 1, .belief = 0.15, .expects = NAN },
		.R = { .cost = c_R, .resolve = 1, .belief = 0.50, .expects = NAN },
	};
	return m;
}

/* ---- section 1: the bargaining range and its verdict ---- */

static double belief(const struct model *m, const struct side *s, double p)
{
	if (!isnan(s->belief))
		return s->belief;
	if (!isnan(s->expects))
		return (1 - s->expects) * m->p0 + s->expects * m->p_in;
	return p;
}

/* The admissible offer in [lo, hi] nearest the midpoint (ties: the smaller one). */
static bool admissible(const struct model *m, double lo, double hi, double tol, double *x)
{
	double mid = (lo + hi) / 2;
	if (!m->divisible) {	/* all or nothing: 0 or V */
		bool zero = lo <= tol, all = hi >= m->V - tol;
		if (zero && (!all || mid <= m->V - mid))
			*x = 0;
		else if (all)
			*x = m->V;
		return zero || all;
	}
	if (m->step <= 0) {
		*x = mid;
		return true;
	}
	double first = ceil((lo - tol) / m->step), last = floor((hi + tol) / m->step);
	if (first > last)
		return false;
	double j = floor(mid / m->step + 0.5);
	if (j - mid / m->step == 0.5)
		j -= 1;
	*x = fmin(fmax(j, first), last) * m->step;
	return true;
}

static void bargain(const struct model *m, struct range *r)
{
	const struct side *S = &m->S, *R = &m->R;
	double V = m->V, g = m->g, lr = m->lambda * R->resolve;

	r->q = m->atrocities ? m->chance_atrocities : m->chance;
	r->p = (1 - r->q) * m->p0 + r->q * m->p_in;
	r->b_S = belief(m, S, r->p);
	r->b_R = belief(m, R, r->p);
	r->q_S = isnan(S->expects) ? r->q : S->expects;
	for (int b = 0; b < NBRANCH; b++) {
		r->sigma_S[b] = r->q * S->sanction_in[b] + (1 - r->q) * S->sanction_out[b];
		r->sigma_R[b] = r->q * R->sanction_in[b] + (1 - r->q) * R->sanction_out[b];
	}

	/* War payoffs, and the offers each side accepts (core.md section 1, "Hence"). */
	r->W_R = lr * r->b_R * V - m->kappa * R->cost - r->sigma_R[WAR];
	r->W_S = S->resolve * (1 - r->b_S) * V - S->cost - r->q_S * m->k - r->sigma_S[WAR];
	if (g > 0) {
		r->x_min = (r->b_R * V
			    - (m->kappa * R->cost + r->sigma_R[WAR] - r->sigma_R[SETTLED]) / lr
			    - (1 - g) * m->x_sq) / g;
		r->x_max = (S->resolve * r->b_S * V - S->resolve * (1 - g) * m->x_sq + S->cost
			    + r->q_S * m->k + r->sigma_S[WAR] - r->sigma_S[SETTLED])
			   / (g * S->resolve + m->rho * m->n);
	} else {	/* no settlement can be carried out */
		r->x_min = r->x_max = 0;
	}

	/* The verdict, in core.md's order. */
	double tol = 1e-9 * (V > 0 ? V : 1);
	r->lo = fmax(r->x_min, 0);
	r->hi = fmin(r->x_max, V);
	r->split = r->gap = 0;
	if (r->W_R <= lr * m->x_sq - r->sigma_R[STATUS_QUO])
		r->verdict = NO_THREAT;
	else if (g > 0 && r->lo <= r->hi + tol
		 && admissible(m, r->lo, fmax(r->lo, r->hi), tol, &r->split))
		r->verdict = SETTLE;
	else {
		r->verdict = BREAKDOWN;
		r->gap = fmax(r->x_min - r->x_max, 0);
	}
}

/* ---- section 1: the causes of a breakdown ---- */

enum cause { DIVERGENT, REPUTATION, INDIVISIBLE, COMMITMENT, AGENCY, SANCTIONS, INTERVENTION,
	     NCAUSE };
static const char *const cause_name[NCAUSE] = {
	"divergent expectations", "reputation", "indivisibility", "commitment",
	"leaders vs followers", "sanctions", "intervention",
};

/* The model with one factor removed. */
static struct model without(const struct model *m, enum cause f)
{
	struct model w = *m;
	struct range r;
	switch (f) {
	case DIVERGENT:		/* both believe the true p; the state expects the true q */
		bargain(m, &r);
		w.S.belief = w.R.belief = r.p;
		w.S.expects = w.R.expects = NAN;
		break;
	case REPUTATION: w.n = 0; break;
	case INDIVISIBLE: w.divisible = true; w.step = 0; break;
	case COMMITMENT: w.g = 1; break;
	case AGENCY: w.lambda = w.kappa = 1; break;
	case SANCTIONS:
		memset(w.S.sanction_in, 0, sizeof w.S.sanction_in);
		memset(w.S.sanction_out, 0, sizeof w.S.sanction_out);
		memset(w.R.sanction_in, 0, sizeof w.R.sanction_in);
		memset(w.R.sanction_out, 0, sizeof w.R.sanction_out);
		break;
	case INTERVENTION:	/* explicit beliefs stay; expectations fall to 0 */
		w.chance = w.chance_atrocities = 0;
		if (!isnan(w.S.expects))
			w.S.expects = 0;
		if (!isnan(w.R.expects))
			w.R.expects = 0;
		break;
	case NCAUSE: break;
	}
	return w;
}

/* Does removing the factors in mask restore a settlement (any verdict but BREAKDOWN)?
** The last factor goes first: removing intervention changes the p that divergent reads. */
static bool restores(const struct model *m, unsigned mask)
{
	struct model w = *m;
	struct range r;
	for (int f = NCAUSE - 1; f >= 0; f--)
		if (mask & (1u << f))
			w = without(&w, (enum cause)f);
	bargain(&w, &r);
	return r.verdict != BREAKDOWN;
}

struct causes {
	unsigned single;	/* bit f: removing f alone restores a settlement */
	unsigned pair;		/* else the first pair that does */
	bool jointly;		/* else removing all of them does */
};

static void causes(const struct model *m, struct causes *c)
{
	c->single = c->pair = 0;
	c->jointly = false;
	for (int f = 0; f < NCAUSE; f++)
		if (restores(m, 1u << f))
			c->single |= 1u << f;
	if (c->single)
		return;
	for (int i = 0; i < NCAUSE && !c->pair; i++)
		for (int j = i + 1; j < NCAUSE && !c->pair; j++)
			if (restores(m, (1u << i) | (1u << j)))
				c->pair = (1u << i) | (1u << j);
	if (!c->pair)
		c->jointly = restores(m, (1u << NCAUSE) - 1);
}

/* ---- random numbers: a counter-based stream ---- */

static uint64_t splitmix64(uint64_t z)
{
	z += UINT64_C(0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return h;
}

static double uniform(uint64_t stream, uint64_t i, double a, double b)
{
	double u = (double)(splitmix64(stream ^ i) >> 11) * 0x1.0p-53;
	return a + (b - a) * u;
}

/* ---- the Monte Carlo run ---- */

struct tally {
	long n;
	long verdict[NVERDICT];
	long cause[NCAUSE], pair, jointly, none;
	double sum_x_min, sum_x_max;
};

static void print_share(const char *label, long k, long n)
{
	double P = (double)k / n;
	printf("  %-24s %8.4f%% ± %.4f%%\n", label, 100 * P, 100 * sqrt(P * (1 - P) / n));
}

static void report(const struct tally *t, double seconds)
{
	printf("hand.c: courting bench, %ld draws, seed 7\n", t->n);
	for (int v = 0; v < NVERDICT; v++)
		print_share(verdict_name[v], t->verdict[v], t->n);
	for (int f = 0; f < NCAUSE; f++)
		print_share(cause_name[f], t->cause[f], t->n);
	print_share("(a pair)", t->pair, t->n);
	print_share("(jointly)", t->jointly, t->n);
	print_share("(no cause)", t->none, t->n);
	printf("  mean x_min %.4f, mean x_max %.4f\n", t->sum_x_min / t->n, t->sum_x_max / t->n);
	printf("  %.3f s, %.0f draws/s\n", seconds, t->n / seconds);
}

static int run(long draws)
{
	const uint64_t seed = 7;
	const uint64_t c_S_stream = seed ^ fnv1a("regime.cost");
	const uint64_t c_R_stream = seed ^ fnv1a("insurgents.cost");
	struct tally t = { .n = draws };
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < draws; i++) {
		struct model m = courting(uniform(c_S_stream, (uint64_t)i, 10, 30),
					  uniform(c_R_stream, (uint64_t)i, 5, 25));
		struct range r;
		bargain(&m, &r);
		t.verdict[r.verdict]++;
		t.sum_x_min += r.x_min;
		t.sum_x_max += r.x_max;
		if (r.verdict != BREAKDOWN)
			continue;
		struct causes c;
		causes(&m, &c);
		for (int f = 0; f < NCAUSE; f++)
			t.cause[f] += (c.single >> f) & 1;
		t.pair += c.pair != 0;
		t.jointly += c.jointly;
		t.none += !c.single && !c.pair && !c.jointly;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	report(&t, (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
	return 0;
}

/* One draw with the costs fixed, every intermediate printed (to compare with
** courting.py --one). */
static int one(double c_S, double c_R)
{
	struct model m = courting(c_S, c_R);
	struct range r;
	struct causes c;
	bargain(&m, &r);
	printf("q %.17g p %.17g b_S %.17g b_R %.17g\n", r.q, r.p, r.b_S, r.b_R);
	printf("W_R %.17g W_S %.17g x_min %.17g x_max %.17g\n", r.W_R, r.W_S, r.x_min, r.x_max);
	printf("range %.17g %.17g verdict %s split %.17g gap %.17g\n", r.lo, r.hi,
	       verdict_name[r.verdict], r.split, r.gap);
	if (r.verdict == BREAKDOWN) {
		causes(&m, &c);
		printf("causes");
		for (int f = 0; f < NCAUSE; f++)
			if (c.single & (1u << f))
				printf(" [%s]", cause_name[f]);
		for (int f = 0; f < NCAUSE; f++)
			if (c.pair & (1u << f))
				printf(" pair:%s", cause_name[f]);
		printf("%s\n", c.jointly ? " jointly" : "");
	}
	return 0;
}

/* ---- --selftest: values computed by hand from core.md section 1 ---- */

static int failures;

#define NEAR(got, want) near_(#got, (got), (want), __LINE__)
static void near_(const char *what, double got, double want, int line)
{
	if (fabs(got - want) > 1e-9 * fmax(1, fabs(want))) {
		fprintf(stderr, "hand.c:%d: selftest: %s is %.17g, want %.17g\n", line, what, got,
			want);
		failures++;
	}
}

#define TRUE(cond) true_(#cond, (cond), __LINE__)
static void true_(const char *what, bool cond, int line)
{
	if (!cond) {
		fprintf(stderr, "hand.c:%d: selftest: not %s\n", line, what);
		failures++;
	}
}

static int selftest(void)
{
	struct range r;
	struct causes c;
	struct model m;

	/* courting.scen, c_S = 20, c_R = 10: q = 30%, p = .7·.2 + .3·.7 = 35%;
	** W_R = 50 − 10 = 40 > x_sq = 30; W_S = 85 − 20 = 65; x_min = 40, x_max = 15 + 20
	** = 35: BREAKDOWN, gap 5. Cause: divergent (b = 35%: W_R = 25 ≤ 30, NO THREAT);
	** removing intervention keeps the explicit beliefs, hence the breakdown. */
	m = courting(20, 10);
	bargain(&m, &r);
	NEAR(r.q, 0.30); NEAR(r.p, 0.35); NEAR(r.b_S, 0.15); NEAR(r.b_R, 0.50);
	NEAR(r.W_R, 40); NEAR(r.W_S, 65); NEAR(r.x_min, 40); NEAR(r.x_max, 35);
	TRUE(r.verdict == BREAKDOWN); NEAR(r.gap, 5);
	causes(&m, &c);
	TRUE(c.single == 1u << DIVERGENT);

	/* c_S = 25, c_R = 15: W_R = 35 > 30; x_min = 35, x_max = 40: SETTLE at 37.5. */
	m = courting(25, 15);
	bargain(&m, &r);
	NEAR(r.W_R, 35); NEAR(r.W_S, 60); NEAR(r.x_min, 35); NEAR(r.x_max, 40);
	TRUE(r.verdict == SETTLE); NEAR(r.lo, 35); NEAR(r.hi, 40); NEAR(r.split, 37.5);

	/* Offers in lumps of 10: only 40 lies in [35, 40]. All or nothing: none does. The
	** causes: indivisibility, and divergent expectations (b = 35%: W_R = 20 ≤ 30). */
	m.step = 10;
	bargain(&m, &r);
	TRUE(r.verdict == SETTLE); NEAR(r.split, 40);
	m.step = 0;
	m.divisible = false;
	bargain(&m, &r);
	TRUE(r.verdict == BREAKDOWN); NEAR(r.gap, 0);
	causes(&m, &c);
	TRUE(c.single == ((1u << DIVERGENT) | (1u << INDIVISIBLE)));

	/* c_R = 22: W_R = 28 ≤ 30: NO THREAT. */
	m = courting(20, 22);
	bargain(&m, &r);
	NEAR(r.W_R, 28);
	TRUE(r.verdict == NO_THREAT);

	/* core.md's worked check: V = 1e6, c_S = c_R = 2e5. b_R = 5% (no intervention):
	** W_R = 50,000 − 200,000 < 0, NO THREAT. With intervention in prospect, p = 25%,
	** b_R = 60%, b_S = 10%: x_min = 400,000, x_max = 300,000, BREAKDOWN, gap 100,000,
	** cause divergent (with b = 25% the range is [50,000, 450,000]). */
	m = courting(2e5, 2e5);
	m.V = 1e6; m.x_sq = 0; m.p0 = 0.05; m.chance = m.chance_atrocities = 0;
	m.R.belief = 0.05; m.S.belief = NAN;
	bargain(&m, &r);
	NEAR(r.W_R, -150000);
	TRUE(r.verdict == NO_THREAT);
	m.p0 = 0; m.p_in = 0.5; m.chance = m.chance_atrocities = 0.5;	/* p = 25% */
	m.R.belief = 0.60; m.S.belief = 0.10;
	bargain(&m, &r);
	NEAR(r.p, 0.25); NEAR(r.x_min, 400000); NEAR(r.x_max, 300000);
	TRUE(r.verdict == BREAKDOWN); NEAR(r.gap, 100000);
	causes(&m, &c);
	TRUE(c.single == 1u << DIVERGENT);
	m = without(&m, DIVERGENT);
	bargain(&m, &r);
	NEAR(r.lo, 50000); NEAR(r.hi, 450000);

	/* Every factor at once (hand arithmetic): V = 100, x_sq = 10, g = .5, λ = κ = .5,
	** r_S = 2, n = 2, ρ = .5, k = 10, q = 40%, p⁰ = 20%, p⁺ = 70% (p = 40%), b_R = 60%,
	** b_S = 30%, c_R = 10, c_S = 20, a sanction of 10 on the state at war if the
	** intervener is in (σ_S(war) = 4).
	** W_R = .5·60 − 5 = 25 > λ·x_sq = 5; W_S = 2·70 − 20 − 4 − 4 = 112;
	** x_min = (60 − 5/.5 − .5·10)/.5 = 90; x_max = (60 − 10 + 20 + 4 + 4)/(1 + 1) = 39.
	** No single removal restores a range: divergent gives x_min = 50, x_max = 49;
	** reputation x_max = 78; commitment x_min = 50, x_max = 88/3; agency and
	** intervention leave x_min = 90. Divergent with reputation does: [50, 98]. */
	m = courting(20, 10);
	m.x_sq = 10; m.g = 0.5; m.lambda = m.kappa = 0.5; m.S.resolve = 2;
	m.n = 2; m.rho = 0.5; m.k = 10; m.chance = m.chance_atrocities = 0.4;
	m.R.belief = 0.60; m.S.belief = 0.30;
	m.S.sanction_in[WAR] = 10;
	bargain(&m, &r);
	NEAR(r.p, 0.40); NEAR(r.sigma_S[WAR], 4);
	NEAR(r.W_R, 25); NEAR(r.W_S, 112); NEAR(r.x_min, 90); NEAR(r.x_max, 39);
	TRUE(r.verdict == BREAKDOWN); NEAR(r.gap, 51);
	causes(&m, &c);
	TRUE(c.single == 0); TRUE(c.pair == ((1u << DIVERGENT) | (1u << REPUTATION)));
	struct model w = without(&m, REPUTATION);
	w = without(&w, DIVERGENT);
	bargain(&w, &r);
	NEAR(r.x_min, 50); NEAR(r.x_max, 98); TRUE(r.verdict == SETTLE);
	w = without(&m, COMMITMENT);
	bargain(&w, &r);
	NEAR(r.x_min, 50); NEAR(r.x_max, 88.0 / 3);

	/* The random stream: splitmix64 of 0 is its published first output. */
	TRUE(splitmix64(0) == UINT64_C(0xe220a8397b1dcdaf));

	if (failures)
		fprintf(stderr, "hand.c: selftest: %d failures\n", failures);
	else
		printf("hand.c: selftest passed\n");
	return failures != 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--selftest") == 0)
		return selftest();
	if (argc == 4 && strcmp(argv[1], "--one") == 0)
		return one(atof(argv[2]), atof(argv[3]));
	long draws = 1000000;
	if (argc == 2) {
		char *end;
		draws = strtol(argv[1], &end, 10);
		if (*end || draws < 1) {
			fprintf(stderr, "hand: DRAWS must be a positive integer\n");
			return 2;
		}
	} else if (argc > 2) {
		fprintf(stderr, "usage: hand [DRAWS] | --one C_S C_R | --selftest\n");
		return 2;
	}
	return run(draws);
}
