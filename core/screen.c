/*
** screen.c: screening under private information (core.md §2; Fearon 1995). The state
** does not know the rebels' x_min, only K draws of it; it makes the admissible offer that
** maximises its expected payoff, accepting that the toughest types will fight.
*/
#include "core/core.h"
#include "core/clones.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/*
** EU_S(x) = A(x)·U_S(x) + (1 − A(x))·W_S, A(x) = (number of thresholds ≤ x) / K.
** Between two admissible offers that the same types accept U_S falls with x, so the
** optimum is 0 or the smallest admissible offer at or above a threshold
** (core_admissible_up: the threshold itself on a divisible stake, rounded up to a
** multiple of the step, or V on an indivisible one). Thresholds arrive sorted: one
** pass, O(K). Ties go to the smaller offer. Types whose threshold no admissible offer up
** to V reaches always fight; types that pose no threat (−HUGE_VAL) never do.
*/
/* The smaller of t and V where t is positive or NaN: fmin's value there (a NaN gives the
** other; the two are never zeros of different signs), without libm's call through the
** PLT in the loop below. */
static double min_positive(double t, double v)
{
	return t < v || isnan(v) ? t : v;
}

/* core_admissible_up, inlined in core_screen's loop. */
static inline double admissible_up(const struct core_conflict *c, double t)
{
	double V = c->value, tol = core_tolerance(c);
	if (t <= tol)
		return 0;	/* tol > 0: from here t is positive or NaN, as x below */
	if (t > V + tol)
		return HUGE_VAL;
	if (!c->divisible)
		return V;
	if (c->step > 0) {
		double x = ceil((t - tol) / c->step) * c->step;
		return x <= V + tol ? min_positive(x, V) : HUGE_VAL;
	}
	return min_positive(t, V);
}

double core_admissible_up(const struct core_conflict *c, double t)
{
	return admissible_up(c, t);
}

/* U_S(x) = r_S·(V − g·x − (1 − g)·x_sq) − ρ·n·x − σ_S(settled), with held = (1 − g)·x_sq
** and rho_n = ρ·n: a macro, one text for a double and a vector (screen_divisible). */
#define SETTLE_STATE(r_s, V, g, x, held, rho_n, sigma) \
	((r_s) * ((V) - (g) * (x) - (held)) - (rho_n) * (x) - (sigma))

double core_settle_state(const struct core_conflict *c, const struct core_range *r, double x)
{
	double g = c->will;
	return SETTLE_STATE(c->state.resolve, c->value, g, x, (1 - g) * c->status_quo,
			    c->reputation * c->challengers, r->sigma_state[CORE_SETTLED]);
}

/*
** core_screen's pass when every offer is admissible (a divisible stake, no step), K is a
** power of two and no two thresholds that an offer can reach are within tol of each
** other: then the offers are 0 and each such threshold t_j (V if t_j is within tol above
** V), each accepted by exactly the types up to it, j + 1 of them, and the pass is an
** argmax over EU_S(t_j) = A_j·U_S(t_j) + (1 − A_j)·W_S, the first of equal ones. The
** same doubles as the general loop: the same operations in the same order. An EU that
** is not a number is the best in neither (both ask eu > best; the offer 0's is tested by
** screen_fast). False, with nothing written, when a condition does not hold: the
** general loop decides.
**
** The thresholds ascend, so those an offer reaches (≤ V + tol) are a run [j0, reach) and
** those below V a run [j0, below) in it, both found from the end. Over [j0, below) each
** offer is its threshold, and the pass is one branch-free loop, four thresholds at a
** time, that only checks the run (each one below V, the next more than tol above it);
** the rest (the last few, and at most one within tol of V) go one by one.
*/
#define SCREEN_W 4
typedef double screen_v __attribute__((vector_size(SCREEN_W * sizeof(double))));
typedef int64_t screen_m __attribute__((vector_size(SCREEN_W * sizeof(double))));
#define SCREEN_SELECT(m, a, b) ((screen_v)(((m) & (screen_m)(a)) | (~(m) & (screen_m)(b))))

struct screen_best {
	double eu, x;
	size_t accepted;
};

/* One draw's EU_S(x) = A·U_S(x) + (1 − A)·W_S, core_settle_state's fields read once. */
struct screen_eu {
	double V, tol, war, inv_k, g, r_s, held, rho_n, sigma;
};

static struct screen_eu screen_eu_of(const struct core_conflict *c, const struct core_range *r,
				     size_t k)
{
	double g = c->will;
	return (struct screen_eu){ c->value, core_tolerance(c), r->war_state, 1 / (double)k, g,
				   c->state.resolve, (1 - g) * c->status_quo,
				   c->reputation * c->challengers, r->sigma_state[CORE_SETTLED] };
}

/* EU_S of the offer x accepted by n types (a double or a vector): core_settle_state
** inlined. */
#define SCREEN_EU(e, x, n) ((n) * (e)->inv_k \
			    * SETTLE_STATE((e)->r_s, (e)->V, (e)->g, (x), (e)->held, \
					   (e)->rho_n, (e)->sigma) \
			    + (1 - (n) * (e)->inv_k) * (e)->war)

/* The lanes' part of screen_divisible: t[*j..) four at a time while the four and the
** one after them are in t[..end] (t[end] is read, as the next of the last), each below V
** and more than tol below the next; *j is where it stopped. The first best of them,
** if better than top's, replaces it. False when a threshold breaks the run. */
static inline bool screen_lanes(const struct screen_eu *e, const double *t, size_t *j,
				size_t end, struct screen_best *top)
{
	const screen_v zero = { 0 }, vv = zero + e->V;
	screen_v best_eu = zero - HUGE_VAL, best_n = zero;
	screen_v n = zero + (double)*j + (screen_v){ 1, 2, 3, 4 };
	screen_m bad = { 0 };
	size_t i = *j;
	for (; i + SCREEN_W <= end; i += SCREEN_W, n += SCREEN_W) {
		screen_v x, next;
		memcpy(&x, t + i, sizeof x);
		memcpy(&next, t + i + 1, sizeof next);
		bad |= ~(x < vv) | (next <= x + e->tol);	/* a NaN: not below V */
		screen_v eu = SCREEN_EU(e, x, n);
		screen_m better = eu > best_eu;
		best_eu = SCREEN_SELECT(better, eu, best_eu);
		best_n = SCREEN_SELECT(better, n, best_n);
	}
	*j = i;
	/* The lanes' best, the first of equal ones (a lane none bettered keeps n = 0). */
	struct screen_best lanes = { -HUGE_VAL, 0, 0 };
	for (int l = 0; l < SCREEN_W; l++) {
		if (bad[l])
			return false;
		if (best_eu[l] > lanes.eu
		    || (best_eu[l] == lanes.eu && (size_t)best_n[l] < lanes.accepted)) {
			lanes.eu = best_eu[l];
			lanes.accepted = (size_t)best_n[l];
		}
	}
	if (lanes.accepted && lanes.eu > top->eu)
		*top = (struct screen_best){ lanes.eu, t[lanes.accepted - 1], lanes.accepted };
	return true;
}

/* The end of the run of t[j0..end) at or below limit (strictly below it when strict),
** looked for from the end. */
static size_t run_end(const double *t, size_t j0, size_t end, double limit, bool strict)
{
	while (end > j0 && !(strict ? t[end - 1] < limit : t[end - 1] <= limit))
		end--;
	return end;
}

/* Four doubles a vector are one AVX2 register, two SSE2 ones; and SSE2 lacks the 64-bit
** compares these masks need, which GCC then makes of scalar code: an AVX2 copy too, and
** with GCC an x86-64-v4 (AVX-512) one, whose masks and blends make the loop 0.71 → 0.63 s
** on bench/screening.scen at 100,000 draws (issue 15), chosen at load time where the
** processor has them. */
SCEN_VECTOR_CLONES
static bool screen_divisible(const struct core_conflict *c, const struct core_range *r,
			     const double *t, size_t k, size_t j0, struct screen_best *best)
{
	const struct screen_eu e = screen_eu_of(c, r, k);
	const double V = e.V, reach_v = V + e.tol;
	size_t reach = run_end(t, j0, k, reach_v, false), below = run_end(t, j0, reach, V, true);
	struct screen_best top = { -HUGE_VAL, 0, 0 };
	size_t j = j0;
	if (!screen_lanes(&e, t, &j, below < k ? below : k - 1, &top))
		return false;
	for (; j < reach; j++) {
		if (!(t[j] <= reach_v))
			return false;	/* a NaN or a threshold above V + tol inside the run */
		double x = t[j] < V ? t[j] : V, m = (double)(j + 1), eu = SCREEN_EU(&e, x, m);
		if (j + 1 < k && t[j + 1] <= x + e.tol)
			return false;
		if (eu > top.eu)
			top = (struct screen_best){ eu, x, j + 1 };
	}
	if (top.accepted && top.eu > best->eu)
		*best = top;
	return true;
}

/* The best offer by the general pass: each admissible offer in turn, from 0, with the
** types each accepts; best->accepted of them accept the best. */
static struct screen_best screen_general(const struct core_conflict *c,
					 const struct core_range *r, const double *thresholds,
					 size_t k)
{
	double war = r->war_state, tol = core_tolerance(c);
	/* A(x) = accepted / K. When K is a power of two (the default 4,096), 1/K is exact
	** and so is the product by it: the same double as the quotient, without a
	** division per offer. */
	bool pow2 = (k & (k - 1)) == 0;
	double inv_k = 1 / (double)k;
	size_t accepted = 0, best = 0;
	double x = 0, best_x = 0, best_eu = 0;
	for (bool first = true;; first = false) {
		while (accepted < k && thresholds[accepted] <= x + tol)
			accepted++;
		double a = pow2 ? (double)accepted * inv_k : (double)accepted / (double)k;
		double eu = a * core_settle_state(c, r, x) + (1 - a) * war;
		if (first || eu > best_eu) {
			best_x = x;
			best_eu = eu;
			best = accepted;
		}
		/* A threshold that is not a number is a type no offer satisfies, as HUGE_VAL:
		** the pass ends there (it would not advance past it). */
		if (accepted == k || isnan(thresholds[accepted])
		    || (x = admissible_up(c, thresholds[accepted])) == HUGE_VAL)
			break;
	}
	return (struct screen_best){ best_eu, best_x, best };
}

/* The same by screen_divisible where it applies: the offer 0, then the thresholds above
** tol. */
static bool screen_fast(const struct core_conflict *c, const struct core_range *r,
			const double *thresholds, size_t k, struct screen_best *best)
{
	if ((k & (k - 1)) != 0 || !c->divisible || c->step > 0)
		return false;
	double tol = core_tolerance(c), inv_k = 1 / (double)k;
	size_t accepted = 0;
	while (accepted < k && thresholds[accepted] <= tol)
		accepted++;
	double a = (double)accepted * inv_k;
	*best = (struct screen_best){ a * core_settle_state(c, r, 0) + (1 - a) * r->war_state,
				      0, accepted };
	return best->eu == best->eu && screen_divisible(c, r, thresholds, k, accepted, best);
}

static void screen_with(const struct core_conflict *c, const struct core_range *r,
			const double *thresholds, size_t k, bool general,
			struct core_screen *out)
{
	size_t safe = 0;
	while (safe < k && thresholds[safe] == -HUGE_VAL)
		safe++;
	*out = (struct core_screen){ 0, 1, 0, 1, r->war_state };
	if (!k)
		return;
	struct screen_best b;
	if (general || !screen_fast(c, r, thresholds, k, &b))
		b = screen_general(c, r, thresholds, k);
	out->offer = b.x;
	out->eu_state = b.eu;
	out->refused = (double)(k - b.accepted) / (double)k;
	out->threat = (double)(k - safe) / (double)k;
	out->p_war = safe < k ? (double)(k - b.accepted) / (double)(k - safe) : 0;
}

void core_screen(const struct core_conflict *c, const struct core_range *r,
		 const double *thresholds, size_t k, struct core_screen *out)
{
	screen_with(c, r, thresholds, k, false, out);
}

void core_screen_general(const struct core_conflict *c, const struct core_range *r,
			 const double *thresholds, size_t k, struct core_screen *out)
{
	screen_with(c, r, thresholds, k, true, out);
}
