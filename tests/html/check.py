#!/usr/bin/env python3
# tests/html/check.py DOM CSV [TEXT SOURCE]: the DOM that Chromium built from a `scen report` page
# (chromium --dump-dom) holds every report of the run and every series of its charts
# (run by run.sh). What should be there is read from the CSV of the same run, not from
# the page:
#   - one <section class="report"> per report and per sweep (or map) of a report, in
#     the CSV's order, with data-report, data-sweep and data-sweep2 the CSV's `report`,
#     `sweep` and `sweep2`; each holds a <table> and the text report in a <pre>;
#   - a sweep's section (not a map's) has one <svg class="chart"> whose <g data-series> are the CSV's
#     measures that svg.c charts (settlement: verdict.*; mediation: agreement, accepts.*;
#     provocation: path.*, p_war, p_atrocities) that are not 0 in every row, in the CSV's
#     order; with draws, every series of every kind has a band (a <polygon class="band">
#     of two points per sweep row: the upper edge out, the lower back), P ± 2 SE to the
#     0.1 pixel the page rounds to on the chart's 0–100% axis (its frame, the <rect>):
#     SE the CSV's, which has one for every charted series: for a provocation's p_war
#     and p_atrocities (means, but each draw's game is a war or not, with atrocities or
#     not: shares of the draws, core.md, Aggregation) sqrt(P(1 − P)/N) of the CSV's own
#     P and draws; and a line with a point per sweep row;
#   - the provenance footer names the digest, the SHA-256 of the CSV's table;
#   - with TEXT (`scen run`'s text report of the same run) and SOURCE (the file): the
#     <h1> is the title of SOURCE's `scenario "..."` (else the file's name), the <pre
#     class="source"> is SOURCE itself, and the <pre class="text">s are, in order, the
#     text report's reports (its verdicts, causes, quantities and arithmetic): TEXT is
#     its header (the title, the draws) then exactly them, each after a blank line; the
#     line under the <h1> ends in the text header's draws, as the text writes them;
#   - the page loads nothing: no src, no href but to its own #fragments, no <script>,
#     <link>, url( or @import.
# Prints "ok N" (the sections checked) or raises AssertionError saying where.
import csv
import hashlib
import math
import os
import re
import sys
from html.parser import HTMLParser

CHARTED = {"settlement": ["verdict."], "mediation": ["agreement", "accepts."],
           "provocation": ["path.", "p_war", "p_atrocities"]}


# means of a value 0 or 1 in each draw: shares of the draws, with a share's SE
INDICATORS = {("provocation", "p_war"), ("provocation", "p_atrocities")}


def charted(kind, name):
    return any(name.startswith(p) if p.endswith(".") else name == p for p in CHARTED[kind])


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.loads, self.footer_text = [], [], ""
        self.in_footer = self.in_section = False
        self.h1, self.texts, self.source, self.grab = "", [], None, None
        self.sub = None             # the header's line under the title

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("src", "href"):
            if k in a and not (k == "href" and a[k].startswith("#")):
                self.loads.append((tag, k, a[k]))
        if tag in ("script", "link", "iframe", "img", "object", "embed"):
            self.loads.append((tag,))
        if tag == "section" and a.get("class") == "report":
            self.sections.append({"report": a["data-report"], "kind": a["data-kind"],
                                  "sweep": a.get("data-sweep", ""),
                                  "sweep2": a.get("data-sweep2", ""), "series": [],
                                  "charts": 0, "tables": 0, "pres": 0})
            self.in_section = True
        s = self.sections[-1] if self.in_section else None
        if s is None:
            pass
        elif tag == "svg" and a.get("class") == "chart":
            s["charts"] += 1
        elif tag == "rect" and a.get("fill") == "none" and s["charts"] and "frame" not in s:
            s["frame"] = (float(a["y"]), float(a["height"]))   # the 0–100% axis
        elif tag == "g" and "data-series" in a:
            s["series"].append({"name": a["data-series"], "bands": 0, "points": 0})
        elif tag == "polygon" and s["series"]:
            assert a.get("class") == "band", "a series' polygon that is not its band: %r" % a
            s["series"][-1]["bands"] += 1
            s["series"][-1]["band"] = [tuple(map(float, xy.split(",")))
                                       for xy in a.get("points", "").split()]
        elif tag == "circle" and s["series"]:
            s["series"][-1]["points"] += 1
        elif tag == "table":
            s["tables"] += 1
        elif tag == "pre" and a.get("class") == "text":
            s["pres"] += 1
        if tag == "footer":
            self.in_footer = True
        if tag == "h1" or (tag == "pre" and a.get("class") in ("text", "source")):
            self.grab = [tag if tag == "h1" else a["class"], ""]
        if tag == "p" and a.get("class") == "sub" and self.sub is None and not self.sections:
            self.grab = ["sub", ""]

    def handle_endtag(self, tag):
        if tag == "section":
            self.in_section = False
        if self.grab and tag in ("h1", "pre", "p"):
            what, data = self.grab
            if what == "h1":
                self.h1 = data
            elif what == "sub":
                self.sub = data
            elif what == "text":
                self.texts.append(data)
            else:
                self.source = data
            self.grab = None

    def handle_data(self, data):
        if self.grab:
            self.grab[1] += data
        if self.in_footer:
            self.footer_text += data
        if "url(" in data or "@import" in data:
            self.loads.append(("style", data[:60]))


dom = Dom()
dom.convert_charrefs = True
dom.feed(open(sys.argv[1], encoding="utf-8").read())
assert not dom.loads, "the page loads something: %r" % dom.loads[:3]

text = open(sys.argv[2], newline="").read()
table = "".join(l for l in text.splitlines(keepends=True) if not l.startswith("#"))
rows = list(csv.DictReader(table.splitlines()))
# ((report, kind, sweep, sweep2), its rows), in order: consecutive rows of one key, a
# new group when a measure comes again at a value it had (two sweeps of one attribute)
groups, seen = [], set()
for r in rows:
    key = (r["report"], r["kind"], r["sweep"], r["sweep2"])
    at = (r["measure"], r["value"], r["value2"])
    if not groups or groups[-1][0] != key or at in seen:
        groups.append((key, []))
        seen = set()
    seen.add(at)
    groups[-1][1].append(r)
got = [(s["report"], s["kind"], s["sweep"], s["sweep2"]) for s in dom.sections]
assert got == [g[0] for g in groups], "sections %r, the CSV's reports %r" % (got, [g[0] for g in groups])
uncertain = any(int(r["draws"]) > 1 for r in rows)
for s, (key, rs) in zip(dom.sections, groups):
    assert s["tables"] == 1 and s["pres"] == 1, "%r: %d tables, %d text reports" % (
        key, s["tables"], s["pres"])
    if not key[2] or key[3]:
        assert s["charts"] == 0 and not s["series"], "%r: a chart without a sweep, or of a map" % (key,)
        continue
    values = []
    for r in rs:
        if r["value"] not in values:
            values.append(r["value"])
    want = []
    for r in rs:
        if charted(key[1], r["measure"]) and r["estimate"] not in ("", "0") and \
                r["measure"] not in want:
            want.append(r["measure"])
    order = [r["measure"] for r in rs if r["value"] == values[0]]
    want.sort(key=order.index)
    assert s["charts"] == 1, "%r: %d charts" % (key, s["charts"])
    assert [x["name"] for x in s["series"]] == want, "%r: series %r, the CSV's %r" % (
        key, [x["name"] for x in s["series"]], want)
    for x in s["series"]:
        assert x["points"] == len(values), "%r %s: %d points, %d rows" % (
            key, x["name"], x["points"], len(values))
        assert x["bands"] == (1 if uncertain else 0), "%r %s: %d bands" % (
            key, x["name"], x["bands"])
        if not x["bands"]:
            continue
        # the band: p + 2 SE along the row, then p - 2 SE back
        band = x["band"]
        assert len(band) == 2 * len(values), \
            "%r %s: a band of %d points, %d rows" % (key, x["name"], len(band), len(values))
        top, height = s["frame"]
        row = {r["value"]: r for r in rs if r["measure"] == x["name"]}
        for j, v in enumerate(values):
            p, n = float(row[v]["estimate"]), int(row[v]["draws"])
            assert row[v]["se"], "%r %s at %s: no SE in the CSV" % (key, x["name"], v)
            se = float(row[v]["se"])
            if (key[1], x["name"]) in INDICATORS:
                assert abs(se - math.sqrt(p * (1 - p) / n)) <= 1e-9 * max(se, 1e-300), \
                    "%r %s at %s: the CSV's SE %r, not sqrt(P(1 - P)/N)" % (key, x["name"], v, se)
            for y, edge in ((band[j][1], p + 2 * se), (band[-1 - j][1], p - 2 * se)):
                want = top + (1 - min(max(edge, 0), 1)) * height
                assert abs(y - want) <= 0.06, "%r %s at %s: a band's edge at y %.1f, P %.4g ± 2·%.4g at %.2f" % (
                    key, x["name"], v, y, p, se, want)
digest = hashlib.sha256(table.encode()).hexdigest()
assert digest in dom.footer_text, "the footer does not name the digest %s" % digest
if len(sys.argv) > 3:
    text = open(sys.argv[3], encoding="utf-8").read()
    source = open(sys.argv[4], encoding="utf-8").read()
    m = re.search(r'^\s*scenario\s+"((?:[^"\\]|\\.)*)"', source, re.M)
    esc = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    title = re.sub(r"\\(.)", lambda e: esc[e.group(1)], m.group(1)) if m else \
        os.path.basename(sys.argv[4])
    assert dom.h1 == title, "the <h1> is %r, the file's title %r" % (dom.h1, title)
    assert dom.source == source, "the <pre class=source> is not the file (%d characters, %d)" % (
        len(dom.source or ""), len(source))
    header, _, body = text.partition("\n\n")
    # the draws as the text says them ("100,000 draws, seed 2003"), after the file's path
    said = header.split("\n")[-1]
    assert dom.sub is not None and dom.sub.endswith(" · " + said), \
        "the page's header says %r, the text's %r" % (dom.sub, said)
    want = "\n\n".join(t.rstrip("\n") for t in dom.texts) + "\n"
    assert body == want, "the text reports of the page are not scen run's: %r... against %r..." % (
        want[:120], body[:120])
    assert len(dom.texts) == len(dom.sections), "%d text reports, %d sections" % (
        len(dom.texts), len(dom.sections))
print("ok", len(dom.sections))
