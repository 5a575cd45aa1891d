#!/usr/bin/env python3
"""tests/efg/check.py SCEN SRCDIR: the .efg export solved exactly (tests/efg/run.sh).

Each exported file is read as Gambit reads it (every number an exact rational) and
checked for the form of design/efg.md (one node a line in preorder, 18 nodes, one
fewer when concede is not available, seven fewer when repress is not; outcomes 1, 2,
... in order; chance information sets 1, 2, ... in order; unique labels; chance
probabilities summing to exactly 1). It is then solved by backward induction in exact
arithmetic, as core.md §4 says: the state takes its best move, a tie going to the less
violent (concede, repress, atrocities: the file's action order); the leaders provoke
only when that is strictly better for them. The result must be the solution scen
wrote on the description line ("scen: leaders abstain (tied with provoke); state
concede (tied with atrocities)"): the same choices and exactly the same ties. For a
file without `~` values, the solution and each player's payoff must also be those of
`scen run --format json`.
"""
import glob
import json
import os
import random
import re
import subprocess
import sys
from fractions import Fraction

MOVES = ("concede", "repress", "atrocities")
DRAWS = 200                      # random draws of each Monte Carlo example
NODE = re.compile(r'^([pct]) "([^"]*)" (.*)$')
PATH = re.compile(r'scen: leaders (provoke|abstain)(?: \(tied with (?:provoke|abstain)\))?; '
                  r'state (concede|repress|atrocities)(?: \(tied with ([a-z ]+)\))?'
                  r'(; concede not available)?(; repress not available)?"$')


class Bad(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Bad(what)


def parse(text):
    """The description line and the nodes: (kind, label, rest of the line)."""
    lines = text.split("\n")
    expect(lines[0].startswith('EFG 2 R "') and
           lines[0].endswith('{ "leaders" "state" "followers" }'), "header: " + lines[0])
    nodes = []
    for line in lines[2:]:
        if not line:
            continue
        m = NODE.match(line)
        expect(m, "not a node: " + line)
        nodes.append(m.groups())
    return lines[1], nodes


class Solver:
    """Exact backward induction over the nodes, in preorder."""

    def __init__(self, nodes):
        self.nodes, self.pos, self.outcomes, self.labels = nodes, 0, [], set()
        self.events = []             # the chance nodes' information sets, in order
        self.state = None            # (reply, set of tied moves) at the state's node
        self.leaders = None          # (provoke, tied)

    def solve(self):
        kind, label, rest = self.nodes[self.pos]
        self.pos += 1
        expect(label not in self.labels, "duplicate label " + label)
        self.labels.add(label)
        if kind == "t":
            m = re.fullmatch(r'(\d+) "([^"]*)" \{ ([^,]+), ([^,]+), ([^,]+) \}', rest)
            expect(m and m.group(2) == label, "leaf: " + rest)
            self.outcomes.append(int(m.group(1)))
            return [Fraction(x) for x in m.group(3, 4, 5)]
        if kind == "c":
            m = re.fullmatch(r'(\d+) "([^"]*)" \{ "[a-z]+" (\S+) "[a-z]+" (\S+) \} 0', rest)
            expect(m, "chance node: " + rest)
            self.events.append(int(m.group(1)))
            probs = [Fraction(m.group(3)), Fraction(m.group(4))]
            expect(sum(probs) == 1 and all(0 <= p <= 1 for p in probs),
                   "probabilities %s at %s" % (probs, label))
            kids = [self.solve() for _ in probs]
            return [sum(p * k[i] for p, k in zip(probs, kids)) for i in range(3)]
        m = re.fullmatch(r'([12]) 1 "(leaders|state)" \{ ((?:"[a-z]+" ?)+)\} 0', rest)
        expect(m, "player node: " + rest)
        player, acts = int(m.group(1)), re.findall(r'"([a-z]+)"', m.group(3))
        kids = [self.solve() for _ in acts]
        mine = [k[player - 1] for k in kids]
        if player == 2:
            expect(acts in ([a for a in MOVES if a != gone] for gone in (None,) + MOVES[:2])
                   or acts == ["atrocities"], "state's moves %s" % acts)
            best = max(mine)
            ties = {a for a, v in zip(acts, mine) if v == best}
            reply = next(a for a in acts if a in ties)       # the least violent
            self.state = (reply, ties, "concede" in acts, "repress" in acts)
            return kids[acts.index(reply)]
        expect(acts == ["provoke", "abstain"], "leaders' moves %s" % acts)
        provoke, tied = mine[0] > mine[1], mine[0] == mine[1]
        self.leaders = (provoke, tied)
        return kids[0] if provoke else kids[1]


def check_export(text, report=None):
    """Raises Bad unless the export solves exactly to the path on its description (and,
    given the JSON report of a file without `~`, to its path and payoffs)."""
    description, nodes = parse(text)
    s = Solver(nodes)
    value = s.solve()
    expect(s.pos == len(nodes), "%d nodes after the tree" % (len(nodes) - s.pos))
    reply, ties, can_concede, can_repress = s.state
    expect(len(nodes) == 18 - (not can_concede) - 7 * (not can_repress),
           "%d nodes" % len(nodes))
    expect(s.outcomes == list(range(1, len(s.outcomes) + 1)), "outcomes %s" % s.outcomes)
    expect(s.events == list(range(1, len(s.events) + 1)),    # first appearance: design/efg.md
           "chance information sets %s" % s.events)
    m = PATH.search(description)
    expect(m, "no solution on the description line: " + description)
    provoke, tied = s.leaders
    want_ties = {m.group(2)} | set((m.group(3) or "").split())
    got = ("provoke" if provoke else "abstain", tied, reply, ties, can_concede, can_repress)
    said = (m.group(1), "(tied with" in description.split("; state")[0], m.group(2),
            want_ties, not m.group(4), not m.group(5))
    expect(got == said, "exact solution %s, scen says %s" % (got, said))
    if report:
        exact = report["exact"]
        json_says = (exact["provoke"], exact["leaders_tie"], exact["reply"],
                     exact["state_tie"])
        expect(json_says == (provoke, tied, reply, len(ties) > 1),
               "scen run says %s, the export %s" % (json_says, got))
        for i, who in enumerate(("leaders", "state", "followers")):
            want = report["payoffs"][who]
            expect(abs(float(value[i]) - want) <= 1e-9 * max(1, abs(want)),
                   "%s's payoff %s, scen run %s" % (who, float(value[i]), want))


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    expect(p.returncode == 0, "%s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr))
    return p.stdout


def file_draws(path):
    m = re.search(r"\bdraws\s*=\s*([\d_]+)", open(path).read())
    return int(m.group(1).replace("_", "")) if m else 10000


def main():
    scen, srcdir = sys.argv[1], sys.argv[2]
    goldens = sorted(glob.glob(os.path.join(srcdir, "tests/golden/run/provocation-*.scen")))
    goldens.append(os.path.join(srcdir, "tests/run/game.scen"))
    goldens += sorted(glob.glob(os.path.join(srcdir, "tests/efg/*.scen")))
    examples = [f for f in sorted(glob.glob(os.path.join(srcdir, "examples/*.scen")))
                if "report provocation" in open(f).read()]
    cases = []                   # (what, file, draw or None)
    for f in goldens + examples:
        cases.append((f, f, None))
    rng = random.Random(2026)    # the same draws every run
    for f in examples:
        if "~" in open(f).read():
            for d in sorted(rng.sample(range(1, file_draws(f) + 1), DRAWS)):
                cases.append(("%s --draw %d" % (f, d), f, d))
    expect(len(goldens) >= 6 and len(examples) >= 2, "the files are missing")
    passed = failed = 0
    for what, f, draw in cases:
        try:
            cmd = [scen, "export", "--efg", f] + (["--draw", str(draw)] if draw else [])
            report = None
            if draw is None:
                result = json.loads(run([scen, "run", f, "--format", "json", "--draws", "1"]))
                # The export is the file's own game: a sweep row's game is another one.
                own = [r for r in result["reports"] if "paths" in r and not r.get("sweep")]
                if not result["uncertain"] and own:
                    report = own[0]
            check_export(run(cmd), report)
            passed += 1
        except Bad as e:
            failed += 1
            print("FAIL: efg: %s: %s" % (what, e))
    # kenya.scen has a mediation and no provocation game: refused with status 1
    p = subprocess.run([scen, "export", "--efg", os.path.join(srcdir, "examples/kenya.scen")],
                       capture_output=True, text=True)
    if p.returncode == 1 and not p.stdout and "no provocation game" in p.stderr:
        passed += 1
    else:
        failed += 1
        print("FAIL: efg: kenya.scen exported (status %d): %s" % (p.returncode, p.stderr))
    print("efg: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
