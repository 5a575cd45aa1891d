#!/usr/bin/env python3
# tests/csv/agree.py TEXT JSON CSV: the three reports of one run agree (run by run.sh).
#   - the CSV loads with the csv module (its `#` provenance lines skipped), has the
#     documented header and 10 fields a row,
#     and holds one group of rows (report × sweep row) per JSON report, in order, each
#     with the JSON's report name, sweep attribute and value, and draws; every sweep
#     row of a report has the same measures as the others;
#   - every measure that JSON also gives has the same estimate (and SE, for shares);
#   - the text shows, for each group, the same shares (formatted by the rule of
#     docs/language.md: one decimal, "<0.1%" and ">99.9%") and the same amounts (to
#     the 6 significant digits it prints, or 0 below 1e-6·V), block by block and sweep
#     table row by row.
# Prints "ok N" (the number of values compared) or raises AssertionError saying where.
import csv
import json
import math
import re
import sys

HEADER = ["report", "kind", "sweep", "value", "draws", "measure", "estimate", "se",
          "sweep2", "value2"]
VERDICTS = ["NO THREAT", "SETTLE", "BREAKDOWN", "RISK"]
CAUSES = ["divergent expectations", "reputation", "indivisibility", "commitment",
          "leaders vs followers", "sanctions", "intervention"]
MOVES = ["concede", "repress", "atrocities"]
compared = 0


def ident(name):
    return name.lower().replace(" ", "_")


def pct(share):
    s = "%.1f%%" % (100 * share + 0.0)
    if share > 0 and s == "0.0%":
        return "<0.1%"
    if share < 1 and s == "100.0%":
        return ">99.9%"
    return s


def pct_se(se):
    s = "%.2f%%" % (100 * se + 0.0)
    return "<0.01%" if se > 0 and s == "0.00%" else s


def num(text):
    """A number as the text prints it ("1,234.5", "—"): float, or None."""
    return None if text == "—" else float(text.replace(",", ""))


def same(what, a, b, rel=1e-9):
    global compared
    compared += 1
    if a is None or b is None:
        assert a is None and b is None, (what, a, b)
        return
    assert abs(a - b) <= rel * max(abs(a), abs(b), 1e-300) + 1e-12, (what, a, b)


def close(what, printed, value, stake=100.0):
    """A printed amount against the CSV's: 6 significant digits, 0 below 1e-6·V."""
    global compared
    compared += 1
    if value is None:
        assert printed is None, (what, printed, value)
        return
    assert printed is not None, (what, printed, value)
    if printed == 0 and abs(value) < 1e-6 * stake:
        return
    assert abs(printed - value) <= 5e-6 * abs(value) + 5e-7, (what, printed, value)


def same_text(what, printed, want):
    global compared
    compared += 1
    assert printed == want, (what, printed, want)


# ---- the CSV ----
rows = list(csv.reader(line for line in open(sys.argv[3], newline="") if line[0] != "#"))
assert rows and rows[0] == HEADER, rows[:1]
groups = []                       # [(key, {measure: (estimate, se)})], in order
for r in rows[1:]:
    assert len(r) == 10, r
    key = tuple(r[:5]) + tuple(r[8:])
    if not groups or groups[-1][0] != key:
        groups.append((key, {}))
    m = groups[-1][1]
    assert r[5] not in m, ("measure twice", r)
    m[r[5]] = (float(r[6]) if r[6] else None, float(r[7]) if r[7] else None)
measures_of = {}
for (report, kind, sweep, value, draws, sweep2, value2), m in groups:
    assert kind in ("settlement", "mediation", "provocation"), kind
    if sweep:
        assert measures_of.setdefault((report, sweep), list(m)) == list(m), (report, sweep)


def est(m, name):
    return m[name][0]


def sides(m):
    """The words of a report's sides (language.md, Interstate conflicts): a conflict of a
    defender and a challenger names its measures with them."""
    named = ("war_defender", "eu_defender", "accepts.defender", "tie.defender")
    return ("defender", "challenger") if any(k in m for k in named) else ("state", "rebels")


# ---- CSV against JSON ----
doc = json.load(open(sys.argv[2]))
assert len(doc["reports"]) == len(groups), (len(doc["reports"]), len(groups))
for j, ((report, kind, sweep, value, draws, sweep2, value2), m) in zip(doc["reports"],
                                                                        groups):
    where = (report, sweep, value, sweep2, value2)
    assert j["report"] == report and int(draws) == j["draws"], (where, j["report"])
    if j["sweep"]:
        assert j["sweep"]["attribute"] == sweep, where
        same(where, float(value), j["sweep"]["value"])
    else:
        assert sweep == "" and value == "", where
    if j["sweep"] and "second" in j["sweep"]:
        assert j["sweep"]["second"]["attribute"] == sweep2, where
        same(where, float(value2), j["sweep"]["second"]["value"])
    else:
        assert sweep2 == "" and value2 == "", where

    def share(name, obj):
        same((where, name), est(m, name), obj["share"])
        same((where, name, "se"), m[name][1], obj["se"])

    if kind == "settlement":
        for v in VERDICTS:
            share("verdict." + ident(v), j["verdicts"][v])
        for c in CAUSES + ["only a pair", "only jointly"]:
            share("cause." + ident(c), j["causes"][c])
        for q, stats in j["quantities"].items():
            for s in ("mean", "q05", "q50", "q95"):
                same((where, q, s), est(m, q + "." + s), stats[s])
        same((where, "mean_p_breakdown"), est(m, "mean_p_breakdown"), j["mean_p_breakdown"])
        if "exact" in j:
            rng = j["exact"]["range"]
            for k in ("war_" + sides(m)[1], "war_" + sides(m)[0]):
                same((where, k), est(m, k), rng[k])
            for k in ("lo", "hi", "split"):     # null in JSON where empty in CSV
                same((where, k), est(m, k), rng[k])
    elif kind == "mediation":
        share("agreement", j["agreement"])
        share("agreement_without_coercion", j["agreement_without_coercion"])
        for role, party in zip(sides(m), j["parties"]):
            share("accepts." + role, j["accepts"][party])
            for s in ("mean", "q05", "q50", "q95"):
                same((where, party, s), est(m, "margin.%s.%s" % (role, s)), j["margin"][party][s])
    else:
        for p in ("abstain",) + tuple(MOVES):
            share("path." + p, j["paths"][p])
        for who in ("leaders", sides(m)[0], "followers"):
            for k in ("payoffs", "if_provoke", "if_abstain"):
                same((where, k, who), est(m, ("payoff" if k == "payoffs" else k) + "." + who),
                     j[k][who])
        for k in ("leaders_gain", "followers_loss", "p_war", "p_atrocities"):
            same((where, k), est(m, k), j[k])
        if j["followers"]:
            same((where, "expected_toll"), est(m, "expected_toll"), j["expected_toll"])
        for rule, obj in j["pivotal"].items():
            share("pivotal." + rule, obj)

# ---- CSV against the text ----
blocks = open(sys.argv[1]).read().split("\n\n")[1:]     # the title and draws line first
blocks = [b for b in blocks if not b.startswith(("note: ", "interrupted:"))]
share_re = re.compile(r"^    (.+?)\s+(\S+%)  ± (\S+%)$")
NUM = r"(—|[-+]?[\d,]*\.?\d+(?:e[-+]?\d+)?)"      # a printed number, or undefined
quant_re = re.compile(r"^    (.+?)\s+%s\s+%s\s+%s\s+%s$" % (NUM, NUM, NUM, NUM))


def share_lines(block):
    return {g.group(1): (g.group(2), g.group(3))
            for g in map(share_re.match, block.split("\n")) if g}


def check_share(where, lines, label, m, measure, optional=False):
    if label not in lines:
        assert optional, (where, label, "not printed")
        return
    same_text((where, label), lines[label][0], pct(est(m, measure)))
    same_text((where, label, "se"), lines[label][1], pct_se(m[measure][1]))


def quantile_rows(block):
    out = {}
    for line in block.split("\n"):
        g = quant_re.match(line)
        if g and "%" not in line:
            out[g.group(1)] = [num(x) for x in g.groups()[1:]]
    return out


def check_quantiles(where, rows_, label, m, prefix):
    if label not in rows_:
        return
    for printed, s in zip(rows_[label], ("mean", "q05", "q50", "q95")):
        close((where, label, s), printed, est(m, prefix + "." + s))


def text_settlement(block, m, where):
    if "verdicts (share of draws" in block:
        lines = share_lines(block)
        for v in VERDICTS:
            check_share(where, lines, v, m, "verdict." + ident(v), optional=True)
        for c in CAUSES:
            check_share(where, lines, c, m, "cause." + ident(c), optional=True)
        q = quantile_rows(block)
        for label, prefix in (("x_min", "x_min"), ("x_max", "x_max"), ("gap", "gap"),
                              ("P(war)", "p_war"), ("offer x*", "offer")):
            check_quantiles(where, q, label, m, prefix)
        g = re.search(r"over the breakdown draws: (\S+%)", block)
        if g:
            same_text((where, "mean p"), g.group(1), pct(est(m, "mean_p_breakdown")))
    else:
        verdict = re.search(r"verdict      ([A-Z ]+):", block).group(1)
        same((where, "verdict"), est(m, "verdict." + ident(verdict)), 1)
        # the rounding rule's V: the exact report's "stake        V = 100 ...;" line
        V = num(re.search(r"  stake        V = (\S+?)[ ;]", block).group(1))
        for label, measure in (("x_min", "x_min.mean"), ("x_max", "x_max.mean")):
            g = re.search(r"  %s        (\S+)" % label, block)
            if g:	# "none: ... accept any offer" (λ = 0) has no number, as "—"
                printed = None if g.group(1) == "none:" else num(g.group(1))
                close((where, label), printed, est(m, measure), stake=V)
        g = re.search(r"predicted split (\S+)", block)
        if g:
            close((where, "split"), num(g.group(1)), est(m, "split"), stake=V)
        for label, measure in (("W_R", "war_" + sides(m)[1]), ("W_S", "war_" + sides(m)[0])):
            g = re.search(r"%s = .* = (\S+)\n" % label, block + "\n")
            close((where, label), num(g.group(1)), est(m, measure), stake=V)


def text_mediation(block, m, where, parties):
    if "outcomes (share of draws" in block:
        lines = share_lines(block)
        check_share(where, lines, "AGREEMENT", m, "agreement")
        check_share(where, lines, "without the coercion", m, "agreement_without_coercion")
        q = quantile_rows(block)
        for role, party in zip(sides(m), parties):
            check_share(where, lines, party + " accepts", m, "accepts." + role)
            check_quantiles(where, q, party, m, "margin." + role)
    else:
        agree = "verdict       AGREEMENT" in block
        same((where, "agreement"), est(m, "agreement"), 1 if agree else 0)
        for role, party in zip(sides(m), parties):
            g = re.search(r"  %s +(ACCEPTS, margin (\S+?)[ :]|REJECTS, (\S+?)[ :])" % party, block)
            margin = num(g.group(2)) if g.group(2) else -num(g.group(3))
            close((where, party), margin, est(m, "margin.%s.mean" % role))


def text_game(block, m, where):
    if "equilibrium paths (share of draws" in block:
        lines = share_lines(block)
        check_share(where, lines, "abstain", m, "path.abstain")
        for move in MOVES:
            check_share(where, lines, "provoke, " + move, m, "path." + move)
        g = re.search(r"mean payoffs: leaders (\S+), %s (\S+), followers (\S+)\n" % sides(m)[0], block)
    else:
        g = re.search(r"payoffs       leaders (\S+), %s (\S+), followers (\S+)\n" % sides(m)[0], block)
    for who, printed in zip(("leaders", sides(m)[0], "followers"), g.groups()):
        close((where, who), num(printed), est(m, "payoff." + who))
    g = re.search(r"P\(war\) (\S+%), P\(atrocities\) (\S+%), P\(intervention\) (\S+%)", block)
    for k, printed in zip(("p_war", "p_atrocities", "p_intervention"), g.groups()):
        same_text((where, k), printed, pct(est(m, k)))


def table_cells(line):
    """A sweep table row's cells: split on spaces, with NO THREAT, NO AGREEMENT and a
    trailing (tie) kept in one cell."""
    cells = []
    for t in line.split():
        if cells and (cells[-1] == "NO" or t == "(tie)"):
            cells[-1] += " " + t
        else:
            cells.append(t)
    return cells


def text_sweep_row(kind, exact, cells, m, where, value):
    close((where, "value"), num(cells[0]), value, stake=0)
    c = cells[1:]
    if kind == "settlement" and not exact:
        shares = ["verdict." + ident(v) for v in VERDICTS]
        for cell, measure in zip(c[:4], shares):
            same_text((where, measure), cell, pct(est(m, measure)))
        same_text((where, "max SE"), c[4], pct(max(m[s][1] for s in shares)))
        close((where, "mean gap"), num(c[5]), est(m, "gap.mean"))
        close((where, "P(war)"), num(c[6]), est(m, "p_war.mean"), stake=0)
    elif kind == "settlement":
        same((where, "verdict"), est(m, "verdict." + ident(c[0])), 1)
        close((where, "x_min"), num(c[1]), est(m, "x_min.mean"))
        close((where, "x_max"), num(c[2]), est(m, "x_max.mean"))
        close((where, "split"), num(c[3]), est(m, "split"))
        if c[0] == "BREAKDOWN":
            close((where, "gap"), num(c[4]), est(m, "gap.mean"))
    elif kind == "mediation" and not exact:
        shares = ["agreement"] + ["accepts." + w for w in sides(m)]
        for cell, measure in zip(c[:3], shares):
            same_text((where, measure), cell, pct(est(m, measure)))
        same_text((where, "max SE"), c[3], pct(max(m[s][1] for s in shares)))
        close((where, "margin state"), num(c[4]), est(m, "margin.%s.mean" % sides(m)[0]))
        close((where, "margin rebels"), num(c[5]), est(m, "margin.%s.mean" % sides(m)[1]))
    elif kind == "mediation":
        same((where, "agreement"), est(m, "agreement"), 1 if c[0] == "AGREEMENT" else 0)
        for i, role in zip((1, 3), sides(m)):
            same((where, role), est(m, "accepts." + role), 1 if c[i] == "ACCEPTS" else 0)
            close((where, role, "margin"), num(c[i + 1]), est(m, "margin.%s.mean" % role))
    elif not exact:
        shares = ["path.abstain"] + ["path." + x for x in MOVES]
        for cell, measure in zip(c[:4], shares):
            same_text((where, measure), cell, pct(est(m, measure)))
        same_text((where, "max SE"), c[4], pct(max(m[s][1] for s in shares)))
        same_text((where, "P(war)"), c[5], pct(est(m, "p_war")))
        same_text((where, "P(atrocities)"), c[6], pct(est(m, "p_atrocities")))
        close((where, "gain"), num(c[7]), est(m, "leaders_gain"))
    else:
        provoke = c[0].startswith("provoke")
        same((where, "abstain"), est(m, "path.abstain"), 0 if provoke else 1)
        if provoke:
            same((where, "reply"), est(m, "path." + c[1].split()[0]), 1)
        same_text((where, "P(war)"), c[2], pct(est(m, "p_war")))
        same_text((where, "P(atrocities)"), c[3], pct(est(m, "p_atrocities")))
        close((where, "gain"), num(c[4]), est(m, "leaders_gain"))


def outcomes(kind, m):
    """A report's outcomes in the order of a map's letters (report/map.c)."""
    if kind == "settlement":
        return "NSBR", [est(m, "verdict." + ident(v)) for v in VERDICTS]
    if kind == "mediation":
        return "AX", [est(m, "agreement"), 1 - est(m, "agreement")]
    return "acrx", [est(m, "path.abstain")] + [est(m, "path." + x) for x in MOVES]


def text_map(lines, first):
    """A map's grid: each cell the letter of its leading outcome (the first of the most
    draws) and, with draws, its share in tenths (* all); the last row on top."""
    global compared
    exact = not lines[0].endswith("draws a cell)")
    bands, rows = [], None       # a grid too wide for a line is in bands of columns
    sweep = groups[first][0][2]
    for ln in lines[1:]:
        if ln == "  " + sweep or ln.startswith("  %s  (columns " % sweep):
            rows = []
            bands.append(rows)
        elif rows is not None and re.match(r"^  +-?[0-9.,]+ [A-Za-z]", ln):
            rows.append(ln.strip().split(" ", 1)[1])
    cells = []
    for band in bands:           # the last row on top; a band's cells after the last's
        for r, grid in enumerate(reversed(band)):
            marks = grid.split(" ") if exact else [grid[i:i + 2] for i in range(0, len(grid), 2)]
            if r == len(cells):
                cells.append([])
            cells[r].extend(marks)
    n = 0
    for r, marks in enumerate(cells):
        for c, mark in enumerate(marks):
            (report, kind, sweep, value, draws, sweep2, value2), m = groups[first + n]
            letters, shares = outcomes(kind, m)
            lead = max(range(len(shares)), key=lambda i: (shares[i], -i))
            k = round(shares[lead] * int(draws))
            want = letters[lead] + ("" if exact else "*" if k == int(draws)
                                    else str(min(9, 10 * k // int(draws))))
            assert mark == want, ((report, sweep, value, sweep2, value2), mark, want)
            compared += 1
            n += 1
    return n


g = 0
for block in blocks:
    lines = block.strip("\n").split("\n")
    (report, kind, sweep, value, draws, sweep2, value2), m = groups[g]
    where = (report, sweep, value)
    if lines[0].startswith("map "):
        assert lines[0].startswith("map %s × %s: %s" % (sweep, sweep2, report)), lines[0]
        g += text_map(lines, g)
        continue
    if lines[0].startswith("sweep "):
        # the table's rows are its last lines, each from a number (the swept value); the
        # heading and the head above them may each take more than a line (report_prose,
        # text_table_print)
        first_row = len(lines)
        while first_row > 1 and re.match(r"^ +-?[0-9]", lines[first_row - 1]):
            first_row -= 1
        exact = "draws a row)" not in " ".join(ln.strip() for ln in lines[:first_row])
        assert lines[0].startswith("sweep %s: " % sweep), (where, lines[0])
        for line in lines[first_row:]:
            (report, kind, sweep, value, draws, sweep2, value2), m = groups[g]
            text_sweep_row(kind, exact, table_cells(line), m, (report, sweep, value),
                           float(value))
            g += 1
        continue
    g += 1
    # a line that report_prose broke goes on under its label's text (15 or 16 columns in)
    block = re.sub(r"\n {15,}(?=\S)", " ", block)
    lines = block.strip("\n").split("\n")
    if kind == "settlement":
        assert lines[0].startswith(report + " over "), (where, lines[0])
        text_settlement(block, m, where)
    elif kind == "mediation":
        h = re.match(r"mediation (\S+) by .* between (\S+) and (\S+), stage", lines[0])
        assert h and "mediation " + h.group(1) == report, (where, lines[0])
        text_mediation(block, m, where, h.groups()[1:])
    else:
        assert lines[0].startswith(report + " against "), (where, lines[0])
        text_game(block, m, where)
assert g == len(groups), ("text groups", g, len(groups))
print("ok", compared)
