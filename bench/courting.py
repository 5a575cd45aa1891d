#!/usr/bin/env python3
"""courting.py: the model of bench/courting.scen in plain Python, as an analyst would
write it (standard library only). The second baseline `scen run` is measured against:
draw the two costs, compute the bargaining range, its verdict and (on a breakdown) its
causes, and aggregate over the draws (design/core.md section 1 and "Aggregation over
draws"; the same formulas as bench/hand.c, with Python's own random numbers).

Usage: courting.py [DRAWS]          the Monte Carlo run (default 100,000 draws)
       courting.py --one C_S C_R    one draw with the costs fixed, every intermediate
       courting.py --selftest       assert hand-computed values of core.md section 1
"""
import dataclasses
import math
import random
import sys
import time
from dataclasses import dataclass, field

NAN = float("nan")
WAR, SETTLED, STATUS_QUO = 0, 1, 2
NO_THREAT, SETTLE, BREAKDOWN = "NO THREAT", "SETTLE", "BREAKDOWN"
VERDICTS = [NO_THREAT, SETTLE, BREAKDOWN]
CAUSES = ["divergent expectations", "reputation", "indivisibility", "commitment",
          "leaders vs followers", "sanctions", "intervention"]


@dataclass
class Side:
    cost: float
    belief: float = NAN         # NAN: not set
    resolve: float = 1.0
    expects: float = NAN        # expects_intervention; NAN: not set
    # sanctions per branch (war, settled, status quo), with the intervener in and out
    sanction_in: tuple = (0.0, 0.0, 0.0)
    sanction_out: tuple = (0.0, 0.0, 0.0)


@dataclass
class Model:
    S: Side                     # the state
    R: Side                     # the rebels
    V: float = 100.0
    x_sq: float = 0.0
    divisible: bool = True
    step: float = 0.0           # > 0: offers are multiples of it
    p0: float = 0.2             # the rebels' chance without intervention
    p_in: float = 0.2           # their chance once the intervener is in
    chance: float = 0.0
    chance_atrocities: float = 0.0
    atrocities: bool = False
    k: float = 0.0              # what intervention costs the state
    g: float = 1.0              # the guarantor's will
    lam: float = 1.0            # the leaders' share of gains
    kappa: float = 1.0          # the leaders' share of war costs
    n: float = 0.0              # challengers
    rho: float = 0.0            # reputation cost per unit conceded per challenger


@dataclass
class Range:
    q: float = 0.0
    p: float = 0.0
    b_S: float = 0.0
    b_R: float = 0.0
    q_S: float = 0.0
    sigma_S: list = field(default_factory=list)
    sigma_R: list = field(default_factory=list)
    W_R: float = 0.0
    W_S: float = 0.0
    x_min: float = 0.0
    x_max: float = 0.0
    lo: float = 0.0
    hi: float = 0.0
    verdict: str = ""
    split: float = 0.0
    gap: float = 0.0


def courting(c_S, c_R):
    """bench/courting.scen, every other attribute at its default."""
    return Model(S=Side(cost=c_S, belief=0.15), R=Side(cost=c_R, belief=0.50),
                 V=100, x_sq=30, p0=0.20, p_in=0.70, chance=0.30, chance_atrocities=0.60)


def belief(m, side, p):
    if not math.isnan(side.belief):
        return side.belief
    if not math.isnan(side.expects):
        return (1 - side.expects) * m.p0 + side.expects * m.p_in
    return p


def admissible(m, lo, hi, tol):
    """The admissible offer in [lo, hi] nearest the midpoint, or None."""
    mid = (lo + hi) / 2
    if not m.divisible:                     # all or nothing: 0 or V
        zero, everything = lo <= tol, hi >= m.V - tol
        if zero and (not everything or mid <= m.V - mid):
            return 0.0
        return m.V if everything else None
    if m.step <= 0:
        return mid
    first, last = math.ceil((lo - tol) / m.step), math.floor((hi + tol) / m.step)
    if first > last:
        return None
    j = math.floor(mid / m.step + 0.5)
    if j - mid / m.step == 0.5:             # a tie: the smaller concession
        j -= 1
    return min(max(j, first), last) * m.step


def bargain(m):
    """core.md section 1: the bargaining range and its verdict."""
    S, R, V, g = m.S, m.R, m.V, m.g
    lr = m.lam * R.resolve
    r = Range()
    r.q = m.chance_atrocities if m.atrocities else m.chance
    r.p = (1 - r.q) * m.p0 + r.q * m.p_in
    r.b_S = belief(m, S, r.p)
    r.b_R = belief(m, R, r.p)
    r.q_S = r.q if math.isnan(S.expects) else S.expects
    r.sigma_S = [r.q * i + (1 - r.q) * o for i, o in zip(S.sanction_in, S.sanction_out)]
    r.sigma_R = [r.q * i + (1 - r.q) * o for i, o in zip(R.sanction_in, R.sanction_out)]

    r.W_R = lr * r.b_R * V - m.kappa * R.cost - r.sigma_R[WAR]
    r.W_S = S.resolve * (1 - r.b_S) * V - S.cost - r.q_S * m.k - r.sigma_S[WAR]
    if g > 0:
        r.x_min = (r.b_R * V
                   - (m.kappa * R.cost + r.sigma_R[WAR] - r.sigma_R[SETTLED]) / lr
                   - (1 - g) * m.x_sq) / g
        r.x_max = ((S.resolve * r.b_S * V - S.resolve * (1 - g) * m.x_sq + S.cost
                    + r.q_S * m.k + r.sigma_S[WAR] - r.sigma_S[SETTLED])
                   / (g * S.resolve + m.rho * m.n))
    else:                                   # no settlement can be carried out
        r.x_min = r.x_max = 0.0

    tol = 1e-9 * (V if V > 0 else 1)
    r.lo, r.hi = max(r.x_min, 0.0), min(r.x_max, V)
    split = None
    if g > 0 and r.lo <= r.hi + tol:
        split = admissible(m, r.lo, max(r.lo, r.hi), tol)
    if r.W_R <= lr * m.x_sq - r.sigma_R[STATUS_QUO]:
        r.verdict = NO_THREAT
    elif split is not None:
        r.verdict, r.split = SETTLE, split
    else:
        r.verdict, r.gap = BREAKDOWN, max(r.x_min - r.x_max, 0.0)
    return r


def without(m, cause):
    """The model with one factor removed."""
    if cause == "divergent expectations":   # both believe the true p
        p = bargain(m).p
        return dataclasses.replace(
            m, S=dataclasses.replace(m.S, belief=p, expects=NAN),
            R=dataclasses.replace(m.R, belief=p, expects=NAN))
    if cause == "reputation":
        return dataclasses.replace(m, n=0.0)
    if cause == "indivisibility":
        return dataclasses.replace(m, divisible=True, step=0.0)
    if cause == "commitment":
        return dataclasses.replace(m, g=1.0)
    if cause == "leaders vs followers":
        return dataclasses.replace(m, lam=1.0, kappa=1.0)
    if cause == "sanctions":
        none = (0.0, 0.0, 0.0)
        return dataclasses.replace(
            m, S=dataclasses.replace(m.S, sanction_in=none, sanction_out=none),
            R=dataclasses.replace(m.R, sanction_in=none, sanction_out=none))
    if cause == "intervention":             # explicit beliefs stay
        def no_expectation(side):
            return side if math.isnan(side.expects) else dataclasses.replace(side, expects=0.0)
        return dataclasses.replace(m, chance=0.0, chance_atrocities=0.0,
                                   S=no_expectation(m.S), R=no_expectation(m.R))
    raise ValueError(cause)


def restores(m, removed):
    """Does removing these factors give any verdict but BREAKDOWN? The last factor goes
    first: removing intervention changes the p that divergent expectations reads."""
    for cause in sorted(removed, key=CAUSES.index, reverse=True):
        m = without(m, cause)
    return bargain(m).verdict != BREAKDOWN


def causes(m):
    """The single factors whose removal restores a settlement; else the first pair;
    else "jointly" if removing them all does; else nothing."""
    single = [c for c in CAUSES if restores(m, [c])]
    if single:
        return single, None, False
    for i, a in enumerate(CAUSES):
        for b in CAUSES[i + 1:]:
            if restores(m, [a, b]):
                return [], (a, b), False
    return [], None, restores(m, CAUSES)


def share(label, k, n):
    P = k / n
    print(f"  {label:<24} {100 * P:8.4f}% ± {100 * math.sqrt(P * (1 - P) / n):.4f}%")


def run(draws):
    rng = random.Random(7)
    verdicts = dict.fromkeys(VERDICTS, 0)
    cause_count = dict.fromkeys(CAUSES, 0)
    pairs = jointly = none = 0
    sum_x_min = sum_x_max = 0.0
    t0 = time.perf_counter()
    for _ in range(draws):
        m = courting(rng.uniform(10, 30), rng.uniform(5, 25))
        r = bargain(m)
        verdicts[r.verdict] += 1
        sum_x_min += r.x_min
        sum_x_max += r.x_max
        if r.verdict != BREAKDOWN:
            continue
        single, pair, joint = causes(m)
        for c in single:
            cause_count[c] += 1
        pairs += pair is not None
        jointly += joint
        none += not single and pair is None and not joint
    seconds = time.perf_counter() - t0

    print(f"courting.py: courting bench, {draws} draws, seed 7")
    for v in VERDICTS:
        share(v, verdicts[v], draws)
    for c in CAUSES:
        share(c, cause_count[c], draws)
    share("(a pair)", pairs, draws)
    share("(jointly)", jointly, draws)
    share("(no cause)", none, draws)
    print(f"  mean x_min {sum_x_min / draws:.4f}, mean x_max {sum_x_max / draws:.4f}")
    print(f"  {seconds:.3f} s, {draws / seconds:.0f} draws/s")


def one(c_S, c_R):
    """One draw with the costs fixed (to compare with hand --one)."""
    m = courting(c_S, c_R)
    r = bargain(m)

    def g(x):                               # as C's %.17g prints it
        return f"{float(x):.17g}"
    print(f"q {g(r.q)} p {g(r.p)} b_S {g(r.b_S)} b_R {g(r.b_R)}")
    print(f"W_R {g(r.W_R)} W_S {g(r.W_S)} x_min {g(r.x_min)} x_max {g(r.x_max)}")
    print(f"range {g(r.lo)} {g(r.hi)} verdict {r.verdict} split {g(r.split)} gap {g(r.gap)}")
    if r.verdict == BREAKDOWN:
        single, pair, joint = causes(m)
        print("causes" + "".join(f" [{c}]" for c in single)
              + "".join(f" pair:{c}" for c in (pair or ())) + (" jointly" if joint else ""))


def selftest():
    """The same hand-computed values as hand.c --selftest (see the comments there)."""
    def near(got, want):
        assert abs(got - want) <= 1e-9 * max(1, abs(want)), (got, want)

    m = courting(20, 10)                    # BREAKDOWN, cause: divergent expectations
    r = bargain(m)
    for got, want in [(r.q, .30), (r.p, .35), (r.b_S, .15), (r.b_R, .50), (r.W_R, 40),
                      (r.W_S, 65), (r.x_min, 40), (r.x_max, 35), (r.gap, 5)]:
        near(got, want)
    assert r.verdict == BREAKDOWN
    assert causes(m) == (["divergent expectations"], None, False)

    m = courting(25, 15)                    # SETTLE at 37.5
    r = bargain(m)
    for got, want in [(r.W_R, 35), (r.W_S, 60), (r.x_min, 35), (r.x_max, 40),
                      (r.lo, 35), (r.hi, 40), (r.split, 37.5)]:
        near(got, want)
    assert r.verdict == SETTLE
    r = bargain(dataclasses.replace(m, step=10))
    assert r.verdict == SETTLE
    near(r.split, 40)
    m = dataclasses.replace(m, divisible=False)
    r = bargain(m)
    assert r.verdict == BREAKDOWN and r.gap == 0
    assert causes(m) == (["divergent expectations", "indivisibility"], None, False)

    r = bargain(courting(20, 22))           # NO THREAT
    near(r.W_R, 28)
    assert r.verdict == NO_THREAT

    m = courting(2e5, 2e5)                  # core.md's worked check
    m = dataclasses.replace(m, V=1e6, x_sq=0, p0=0.05, chance=0, chance_atrocities=0,
                            R=dataclasses.replace(m.R, belief=0.05),
                            S=dataclasses.replace(m.S, belief=NAN))
    r = bargain(m)
    near(r.W_R, -150000)
    assert r.verdict == NO_THREAT
    m = dataclasses.replace(m, p0=0, p_in=0.5, chance=0.5, chance_atrocities=0.5,
                            R=dataclasses.replace(m.R, belief=0.60),
                            S=dataclasses.replace(m.S, belief=0.10))
    r = bargain(m)
    for got, want in [(r.p, .25), (r.x_min, 400000), (r.x_max, 300000), (r.gap, 100000)]:
        near(got, want)
    assert r.verdict == BREAKDOWN
    assert causes(m) == (["divergent expectations"], None, False)
    r = bargain(without(m, "divergent expectations"))
    near(r.lo, 50000)
    near(r.hi, 450000)

    m = courting(20, 10)                    # every factor at once
    m = dataclasses.replace(m, x_sq=10, g=0.5, lam=0.5, kappa=0.5, n=2, rho=0.5, k=10,
                            chance=0.4, chance_atrocities=0.4,
                            R=dataclasses.replace(m.R, belief=0.60),
                            S=dataclasses.replace(m.S, belief=0.30, resolve=2,
                                                  sanction_in=(10.0, 0.0, 0.0)))
    r = bargain(m)
    for got, want in [(r.p, .40), (r.sigma_S[WAR], 4), (r.W_R, 25), (r.W_S, 112),
                      (r.x_min, 90), (r.x_max, 39), (r.gap, 51)]:
        near(got, want)
    assert r.verdict == BREAKDOWN
    assert causes(m) == ([], ("divergent expectations", "reputation"), False)
    r = bargain(without(without(m, "reputation"), "divergent expectations"))
    near(r.x_min, 50)
    near(r.x_max, 98)
    assert r.verdict == SETTLE
    r = bargain(without(m, "commitment"))
    near(r.x_min, 50)
    near(r.x_max, 88 / 3)
    print("courting.py: selftest passed")


def main(argv):
    if argv == ["--selftest"]:
        selftest()
    elif len(argv) == 3 and argv[0] == "--one":
        one(float(argv[1]), float(argv[2]))
    elif len(argv) <= 1:
        draws = int(argv[0]) if argv else 100_000
        if draws < 1:
            sys.exit("courting.py: DRAWS must be a positive integer")
        run(draws)
    else:
        print("usage: courting.py [DRAWS] | --one C_S C_R | --selftest", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
