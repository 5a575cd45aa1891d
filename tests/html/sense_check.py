#!/usr/bin/env python3
# tests/html/sense_check.py DOM JSON: the tornado charts of a `scen report` page (the DOM
# Chromium built from it) hold the numbers `scen sense FILE --format json` prints for
# the same file, seed and draws (JSON; an empty file: the file has nothing to sense, and
# the page no tornado). Run by run.sh. What should be there is read from the JSON and
# from docs/sense.md's rules, not from the page:
#   - each <div class="sense"> names the JSON's seed and draws (data-seed, data-draws);
#   - one <figure class="tornado" data-report=R> per report of the JSON, in its order,
#     inside the <section class="report"> of R;
#   - in it one <svg class="tornado" data-stat=S> per share that the tornado shows: every
#     share of the report ("as_drawn") but a settlement's causes and a mediation's
#     AGREEMENT without the coercion, and P(war) only when some draw is RISK, that is
#     not 0 as drawn and at every end; in the JSON's order; data-as-drawn its share;
#   - in each panel a <g class="tornado-row"> per input, the JSON's (ranked) order, at
#     most 12, with data-input-low/-high the input's values at the two ends and
#     data-low/-high/-swing the share's, to the JSON's 10 significant digits; its two
#     labels end with the share at each end in percent, one decimal, as the text says.
# Prints "ok N" (the panels checked) or raises AssertionError saying where.
import json
import sys
from html.parser import HTMLParser

MAX_ROWS = 12


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures, self.section, self.row, self.text = [], None, None, None
        self.senses = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("class") == "report":
            self.section = a["data-report"]
        elif tag == "div" and a.get("class") == "sense":
            self.senses.append(a)
        elif tag == "figure" and a.get("class") == "tornado":
            self.figures.append({"report": a["data-report"], "section": self.section,
                                 "panels": []})
        elif tag == "svg" and a.get("class") == "tornado":
            self.figures[-1]["panels"].append({"stat": a["data-stat"],
                                               "as_drawn": a["data-as-drawn"], "rows": []})
        elif tag == "g" and a.get("class") == "tornado-row":
            self.row = dict(a, labels=[])
            self.figures[-1]["panels"][-1]["rows"].append(self.row)
        elif tag == "text" and self.row is not None:
            self.text = ""

    def handle_endtag(self, tag):
        if tag == "section":
            self.section = None
        elif tag == "g":
            self.row = None
        elif tag == "text" and self.text is not None:
            self.row["labels"].append(self.text)
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text += data


def number(s):
    return None if s == "" else float(s)


def pct(v):
    """report_pct: a share as "12.3%", "<0.1%" and ">99.9%" when it rounds so."""
    s = "%.1f%%" % (100 * v + 0.0)
    if v > 0 and s == "0.0%":
        return "<0.1%"
    if v < 1 and s == "100.0%":
        return ">99.9%"
    return s


def panels_of(rep):
    """The shares the tornado of rep has a panel for, in order."""
    kind = rep["report"].split(" ")[0]
    inputs = rep["inputs"]

    def occurs(label):
        return rep["as_drawn"][label]["share"] > 0 or any(
            (i["tornado"][label]["low"] or 0) > 0 or (i["tornado"][label]["high"] or 0) > 0
            for i in inputs)
    out = []
    for label in rep["as_drawn"]:
        if kind == "settlement" and label.startswith("cause: "):
            continue
        if kind == "mediation" and label == "AGREEMENT without the coercion":
            continue
        if label == "P(war)":
            if occurs("RISK"):
                out.append(label)
        elif occurs(label):
            out.append(label)
    return out


dom = Dom()
dom.feed(open(sys.argv[1], encoding="utf-8").read())
text = open(sys.argv[2], encoding="utf-8").read()
sense = json.loads(text) if text.strip() else {"reports": []}
reports = sense["reports"]
for d in dom.senses:
    assert (int(d["data-seed"]), int(d["data-draws"])) == (sense["seed"], sense["draws"]), \
        "the page's sensitivity says seed %s, %s draws; scen sense's %r, %r" % (
            d["data-seed"], d["data-draws"], sense["seed"], sense["draws"])
got = [f["report"] for f in dom.figures]
assert got == [r["report"] for r in reports], "tornadoes %r, scen sense's %r" % (
    got, [r["report"] for r in reports])
npanels = 0
for fig, rep in zip(dom.figures, reports):
    where = rep["report"]
    assert fig["section"] == where, "%s: its tornado is in section %r" % (where, fig["section"])
    want = panels_of(rep)
    assert [p["stat"] for p in fig["panels"]] == want, "%s: panels %r, want %r" % (
        where, [p["stat"] for p in fig["panels"]], want)
    for p in fig["panels"]:
        npanels += 1
        stat = p["stat"]
        assert number(p["as_drawn"]) == rep["as_drawn"][stat]["share"], "%s %s: as drawn %s, json %r" % (
            where, stat, p["as_drawn"], rep["as_drawn"][stat]["share"])
        inputs = rep["inputs"][:MAX_ROWS]
        assert [r["data-input"] for r in p["rows"]] == [i["input"] for i in inputs], \
            "%s %s: rows %r" % (where, stat, [r["data-input"] for r in p["rows"]])
        for row, inp in zip(p["rows"], inputs):
            t = inp["tornado"][stat]
            for attr, want_v in (("data-input-low", inp["low"]), ("data-input-high", inp["high"]),
                                 ("data-low", t["low"]), ("data-high", t["high"]),
                                 ("data-swing", t["swing"])):
                assert number(row[attr]) == want_v, "%s %s %s: %s=%r, json %r" % (
                    where, stat, inp["input"], attr, row[attr], want_v)
            # the input's name, then the label at each end: "at 11: 40.9%"
            assert len(row["labels"]) == 3 and row["labels"][0] == inp["input"], \
                "%s %s: the labels %r" % (where, stat, row["labels"])
            for label, v in zip(row["labels"][1:], (t["low"], t["high"])):
                # the JSON's 10 digits cannot settle a tie (40.85%): either side
                ends = {pct(min(max(v + d, 0), 1)) for d in (-1e-9, 0, 1e-9)} if v is not None else {"\u2014"}
                assert label.startswith("at ") and any(label.endswith(": " + e) for e in ends), \
                    "%s %s %s: label %r, the share %s" % (where, stat, inp["input"], label, ends)
print("ok", npanels)
