#!/usr/bin/env python3
"""tests/tables/agree.py KIND TABLES JSON: every number of the Markdown or LaTeX tables of
`scen sense` or `scen flip` (KIND sense or flip; TABLES their --format markdown or latex)
agrees with the same command's --format json (JSON): each printed number lies within half
a unit of its last printed digit of the JSON's value (a share in percent, a swing in
points, an index as it is), each label and verdict is the JSON's, and every input and
side of the JSON has its rows. The notes' draws, seeds and ranges are checked too.
Prints `N numbers agree`; exits 1 with the first disagreement."""
import json
import re
import sys


class Disagree(Exception):
    pass


# ---- reading the tables back ----

TEX_SUBST = [("$\\pm$", "±"), ("$-$", "−"), ("$\\cdot$", "·"), ("\\textbackslash{}", "\\"),
             ("\\textasciitilde{}", "~"), ("\\textasciicircum{}", "^"),
             ("\\textless{}", "<"), ("\\textgreater{}", ">"), ("--", "—")]


def tex_unescape(s):
    for a, b in TEX_SUBST:
        s = s.replace(a, b)
    return re.sub(r"\\([&%$#_{}])", r"\1", s)


def md_unescape(s):
    return re.sub(r"\\(.)", r"\1", s)


def read_tables(text):
    """[(caption, head, rows)] and the notes (lines outside the tables), unescaped."""
    tables, notes = [], []
    if "\\begin{tabular}" in text:
        caption, rows = None, None
        for line in text.splitlines():
            if line.startswith("\\caption{"):
                caption = tex_unescape(line[len("\\caption{"):-1])
            elif "\\begin{tabular}" in line:  # after \setbox0=\hbox{
                rows = []
            elif line.startswith("\\end{tabular}"):  # then }%
                tables.append((caption, rows[0], rows[1:]))
                rows = None
            elif rows is not None and line.endswith(" \\\\"):
                rows.append([tex_unescape(c.strip())
                             for c in re.split(r"(?<!\\)&", line[:-3])])
            elif line.startswith("% "):
                notes.append(tex_unescape(line[2:]))
        return tables, notes
    caption, rows = None, None
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [md_unescape(c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if rows is None:
                rows = [cells]
            elif not re.fullmatch(r"\|(:?-+:?\|)+", line):
                rows.append(cells)
            continue
        if rows is not None:
            tables.append((caption, rows[0], rows[1:]))
            rows = None
        if line.startswith("### "):
            caption = md_unescape(line[4:])
        elif line and not line.startswith("## "):
            notes.append(md_unescape(line))
    return tables, notes


# ---- numbers ----

checked = 0


def tolerance(printed):
    """Half a unit of the last digit printed; report_num keeps 6 significant digits."""
    digits = printed.replace(",", "").lstrip("+-−")
    intpart, _, frac = digits.partition(".")
    tol = 0.5 * 10 ** -len(frac)
    if len(intpart.lstrip("0")) > 6:
        tol = max(tol, 0.5 * 10 ** (len(intpart.lstrip("0")) - 6))
    return tol + 1e-9


def number(printed):
    return float(printed.replace(",", "").replace("−", "-"))


def agree(what, printed, value, scale=1.0):
    """printed (a cell's number, "12.3%", "<0.1%", "—") against value · scale."""
    global checked
    checked += 1
    printed = printed.strip()
    if printed == "—" or value is None:
        if printed == "—" and value is None:
            return
        raise Disagree(f"{what}: the table has {printed!r}, the JSON {value!r}")
    v = value * scale
    if printed in ("<0.1%", ">99.9%"):
        ok = 0 < v < 0.05 if printed[0] == "<" else 99.95 <= v < 100
    elif printed == "<0.01%":
        ok = 0 < v < 0.005
    else:
        p = printed.rstrip("%")
        ok = abs(number(p) - v) <= tolerance(p)
    if not ok:
        raise Disagree(f"{what}: the table has {printed}, the JSON {value!r} (·{scale:g})")


def pm(cell):
    """"74.5% ± 0.44%" -> ("74.5%", "0.44%"); "0.0" -> ("0.0", None)."""
    a, _, b = cell.partition(" ± ")
    return a, (b or None)


def same(what, printed, value):
    global checked
    checked += 1
    if printed != value:
        raise Disagree(f"{what}: the table has {printed!r}, the JSON {value!r}")


def draws_note(notes, j, pattern):
    for n in notes:
        m = re.match(pattern, n)
        if m:
            agree("the notes' draws", m.group(1), j["draws"])
            agree("the notes' seed", m.group(2), j["seed"])
            return
    raise Disagree(f"no note says the draws and the seed: {notes}")


# ---- scen sense ----

def input_cell(what, printed, value):
    """An input's value: a probability in percent ("30%"), else as it is."""
    agree(what, printed, value, 100 if printed.endswith("%") else 1)


def check_sense(tables, notes, j):
    if any(i["kind"] == "uncertain" for r in j["reports"] for i in r["inputs"]):
        draws_note(notes, j, r"([\d,]+) draws?, seed (\d+);")
    by_caption = {c: (h, rows) for c, h, rows in tables}
    for rep in j["reports"]:
        name = rep["report"]
        inputs = {i["input"]: i for i in rep["inputs"]}

        def table(what):
            key = f"sense {name}: {what}"
            hits = [c for c in by_caption if c.startswith(key)]
            if not hits:
                raise Disagree(f"no table {key!r} among {list(by_caption)}")
            return by_caption[hits[0]]

        head, rows = table("as drawn")
        for label, cell in rows:
            share, se = pm(cell)
            agree(f"{name} as drawn {label}", share, rep["as_drawn"][label]["share"], 100)
            if se is not None:
                agree(f"{name} as drawn {label} SE", se, rep["as_drawn"][label]["se"], 100)

        head, rows = table("tornado")
        seen, current = set(), None
        for row in rows:
            inp, lo, hi, label, at_lo, at_hi, swing = row
            if inp:
                current = inputs[inp]
                seen.add(inp)
                input_cell(f"{name} {inp} low", lo, current["low"])
                input_cell(f"{name} {inp} high", hi, current["high"])
            w = current["tornado"][label]
            what = f"{name} tornado {current['input']} {label}"
            agree(what + " at low", at_lo, w["low"], 100)
            agree(what + " at high", at_hi, w["high"], 100)
            s, se = pm(swing)
            agree(what + " swing", s, w["swing"], 100)
            if se is not None:
                agree(what + " swing SE", se, w["se_swing"], 100)
        same(f"{name}: the tornado's inputs", sorted(seen), sorted(inputs))

        drawn = [i for i in rep["inputs"] if "first_order" in i]
        if not drawn:
            if any(c.startswith(f"sense {name}: first-order") for c in by_caption):
                raise Disagree(f"{name}: an index table without draws")
            continue
        head, rows = table("first-order index")
        same(f"{name}: the indices' inputs", [r[0] for r in rows], [i["input"] for i in drawn])
        for row in rows:
            x = inputs[row[0]]["first_order"]
            for label, cell in zip(head[1:], row[1:]):
                s, se = pm(cell)
                agree(f"{name} index {row[0]} {label}", s, x[label]["index"])
                if se is not None:
                    agree(f"{name} index {row[0]} {label} SE", se, x[label]["se"])

        head, rows = table("each share (%) among the draws")
        same(f"{name}: the deciles' head", head[2:], [str(b) for b in range(1, 11)])
        seen, current = [], None
        for row in rows:
            if row[0]:
                current = inputs[row[0]]
                seen.append(row[0])
            for b, cell in enumerate(row[2:]):
                agree(f"{name} decile {b + 1} of {current['input']} {row[1]}", cell,
                      current["deciles"][row[1]][b], 100)
        same(f"{name}: the deciles' inputs", seen, [i["input"] for i in drawn])


# ---- scen flip ----

def flip_value(what, printed, value):
    agree(what, printed, value, 100 if printed.endswith("%") else 1)


def check_flip(tables, notes, j):
    m = next((re.match(r"range (\S+) to (\S+)", n) for n in notes if n.startswith("range ")),
             None)
    if not m:
        raise Disagree(f"no note says the range: {notes}")
    flip_value("range low", m.group(1), j["range"][0])
    flip_value("range high", m.group(2), j["range"][1])
    v = next((re.search(r"V = ([\d,.]+)\)", n) for n in notes if "·V" in n), None)
    if v:  # searched up to 2·V: the range's end is 2·V
        agree("the range's end, 2·V", v.group(1), j["range"][1], 0.5)
    if len(tables) > 1:
        raise Disagree(f"{len(tables)} tables: one expected")
    if "crossings" in j:
        draws_note(notes, j, r"([\d,]+) draws a value, seed (\d+),")
        rows = tables[0][2] if tables else []
        same("the crossings", len(rows), len(j["crossings"]))
        for row, x in zip(rows, j["crossings"]):
            verdict, how, at, ci = row
            same("a crossing's verdict", verdict, x["verdict"])
            direction, _, level = how.rpartition(" ")
            same("a crossing's direction", direction,
                 {"rises": "rises above", "falls": "falls below"}[x["direction"]])
            agree("the level", level, j["level"], 100)
            flip_value(f"{verdict} crossing", at, x["at"])
            if x["interval"] is None:
                same(f"{verdict}'s interval", ci, "— (the share is flat there)")
            else:
                lo, _, hi = ci.partition(" to ")
                flip_value(f"{verdict}'s interval low", lo, x["interval"][0])
                flip_value(f"{verdict}'s interval high", hi, x["interval"][1])
        return
    caption, head, rows = tables[0]
    same("the caption", caption, f"flip {j['attribute']} in {j['report']}")
    same("the sides", len(rows), len(j["sides"]))
    for i, (row, side) in enumerate(zip(rows, j["sides"])):
        frm, to, verdict = row
        if i:
            same("a side's from", frm[:6], "above ")
            frm = frm[6:]
        flip_value(f"side {i + 1} from", frm, side["from"])
        flip_value(f"side {i + 1} to", to, side["to"])
        same(f"side {i + 1}'s verdict", verdict, side["verdict"])


def main():
    kind, tables_path, json_path = sys.argv[1:4]
    tables, notes = read_tables(open(tables_path, encoding="utf-8").read())
    j = json.load(open(json_path, encoding="utf-8"))
    try:
        (check_sense if kind == "sense" else check_flip)(tables, notes, j)
    except (Disagree, KeyError, ValueError) as e:
        print(f"{tables_path}: {type(e).__name__}: {e}")
        return 1
    print(f"{checked} numbers agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
