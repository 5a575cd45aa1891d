#!/bin/sh
# tests/plot/sense.sh: `scen sense --plot` (the tornado), `--spider` (the shares by
# decile) and `--mono`. A gnuplot in front of the real one (tests/plot/gnuplot-tee) keeps
# every script scen sends it, so that the numbers plotted can be read back:
#   - the spider's datablock of each report and uncertain input holds, per decile, the
#     share of each outcome that `--format json` gives in "deciles" (the same run), its
#     SE sqrt(p(1 - p)/n) over the decile's n draws (the n in the datablock: they add up
#     to the draws, each within 4 binomial SDs of a tenth), and its ±2 SE bar within 0..100;
#   - for tests/golden/sense/costs.scen the deciles of gov.cost against the closed form
#     the file derives: SETTLE (2k − 1)/10 in decile k ≤ 5, 100% after, within 4 SE;
#   - the tornado's datablock holds the headline (BREAKDOWN) as drawn and at both ends
#     and its cause's, as the JSON's "as_drawn" and "tornado" give them;
#   - a provocation (examples/kosovo.scen) draws both of its paths, in the JSON's numbers;
#   - --mono: every line and bar black or grey, the outcomes told apart by dash pattern
#     and point type; without it, the verdicts in scen plot's colours;
#   - with gnuplot: the PNG, PDF and SVG of each are written (the files' magic).
# Without python3 the number checks are skipped, with a message. The last line is
# `plot/sense: N passed, M failed`.
NAME=plot/sense
. "${srcdir:-.}/tests/lib.sh"
case $scen in /*) ;; *) scen=$PWD/$scen ;; esac
top=$(cd "$srcdir" && pwd)
costs=$top/tests/golden/sense/costs.scen
kosovo=$top/examples/kosovo.scen

# The gnuplot scen runs: this one, which copies its script to $GP_KEEP/N.gp (N = 0, 1,
# ... in the order of the calls) and hands it to the real gnuplot, or without one
# writes a byte to the output the script names (so that scen's checks pass).
real=$(command -v gnuplot || true)
mkdir -p "$tmp/bin"
cat > "$tmp/bin/gnuplot" <<EOF
#!/bin/sh
n=\$(ls "\$GP_KEEP" | grep -c "\\.gp\$")
if [ -n "$real" ]; then
	tee "\$GP_KEEP/\$n.gp" | "$real"
else
	cat > "\$GP_KEEP/\$n.gp"
	out=\$(sed -n "s/^scen_output = '\\(.*\\)'\$/\\1/p" "\$GP_KEEP/\$n.gp" | head -n 1)
	printf x > "\$out"
fi
EOF
chmod +x "$tmp/bin/gnuplot"
# sense DIR ARGS...: scen sense ARGS with the scripts kept in DIR (0.gp the tornado's when
# --plot comes first, 1.gp the spider's), its stdout in DIR/out
sense() {
	d=$1
	shift
	mkdir -p "$d"
	GP_KEEP=$d PATH=$tmp/bin:$PATH "$scen" sense "$@" > "$d/out" 2> "$d/err"
}

if sense "$tmp/c" "$costs" --format json --plot "$tmp/c/t.png" --spider "$tmp/c/s.png"; then ok; else
	bad "sense --plot --spider exited $?: $(cat "$tmp/c/err")"
fi
check "--plot and --spider: not two scripts" [ -s "$tmp/c/0.gp" ] && [ -s "$tmp/c/1.gp" ]
check "the first script is not the tornado" grep -q '^\$t0 << EOD$' "$tmp/c/0.gp"
check "the second script is not the spider" grep -q '^\$s1_1 << EOD$' "$tmp/c/1.gp"
check "the spider: not one panel per uncertain input" \
	[ "$(grep -c 'with yerrorlines' "$tmp/c/1.gp")" -eq 4 ]

# numbers SCRIPT_DIR: the datablocks of both scripts against the JSON in DIR/out
numbers() {
	python3 - "$1" <<'PY'
import json, math, re, sys
d = sys.argv[1]
res = json.load(open(d + "/out"))
fails = []
def blocks(text):
    out, name, rows = {}, None, []
    for line in text.splitlines():
        m = re.match(r"^\$(\w+) << EOD$", line)
        if m:
            name, rows = m.group(1), []
        elif line == "EOD" and name:
            out[name], name = rows, None
        elif name:
            rows.append([float(x) for x in line.split()])
    return out
def close(a, b, what, tol=1e-6):	# a datablock's %.10g in % against the JSON's
    if not abs(a - b) <= tol * max(1, abs(b)):
        fails.append("%s: %r plotted, %r in the JSON" % (what, a, b))
spider = open(d + "/1.gp").read()
sb = blocks(spider)
draws = res["draws"]
for name, rows in sb.items():
    head = re.search(r"^# \$%s: (.*), ([^,\n]*)$" % name, spider, re.M)
    report, label = head.group(1), head.group(2)
    rep = next(r for r in res["reports"] if r["report"] == report)
    inp = next(i for i in rep["inputs"] if i["input"] == label)
    # the outcomes, in the order of the plot command's titles for this datablock
    titles = re.findall(r"\$%s using \S+ with yerrorlines .*? title '([^']*)'" % name, spider)
    if not titles:
        fails.append("%s: no curve" % name)
    if len(rows) != 10:
        fails.append("%s: %d deciles" % (name, len(rows)))
    if sum(r[1] for r in rows) != draws:
        fails.append("%s: the deciles' draws add up to %g, not %d" % (name, sum(r[1] for r in rows), draws))
    for r in rows:
        n = r[1]
        # a decile's draws: binomial(draws, 1/10), SD sqrt(draws · 0.1 · 0.9)
        if abs(n - draws / 10) > 4 * math.sqrt(draws * 0.09):
            fails.append("%s: decile %d has %d draws of %d" % (name, r[0], n, draws))
        for c, t in enumerate(titles):
            p, se, lo, hi = r[2 + 4 * c: 6 + 4 * c]
            want = inp["deciles"][t][int(r[0]) - 1]
            close(p, 100 * want, "%s %s decile %d" % (label, t, r[0]))
            q = p / 100
            close(se, 100 * math.sqrt(q * (1 - q) / n), "%s %s decile %d: SE" % (label, t, r[0]))
            close(lo, 100 * max(0, q - 2 * se / 100), "%s %s decile %d: -2 SE" % (label, t, r[0]))
            close(hi, 100 * min(1, q + 2 * se / 100), "%s %s decile %d: +2 SE" % (label, t, r[0]))
    if sorted(titles) != sorted(k for k, v in inp["deciles"].items()
                                if rep["as_drawn"][k]["share"] > 0 and not k.startswith("cause: ")):
        fails.append("%s: curves %s, not the outcomes that occur" % (name, titles))
tornado = open(d + "/0.gp").read()
tb = blocks(tornado)
for j, rep in enumerate(res["reports"]):
    rows = tb["t%d" % j]
    if rep["report"].startswith("settlement"):
        head = "BREAKDOWN"	# no RISK in these files
        causes = [k for k in rep["as_drawn"] if k.startswith("cause: ") and
                  (rep["as_drawn"][k]["share"] > 0 or any(i["tornado"][k]["low"] > 0 or
                   i["tornado"][k]["high"] > 0 for i in rep["inputs"]))]
        for o, r in enumerate(rows):
            inp = rep["inputs"][o]	# ranked as the datablock's rows
            if r[0] != len(rows) - o:
                fails.append("tornado row %d at y %g" % (o, r[0]))
            for c, k in enumerate([head] + causes):
                close(r[1 + 3 * c], 100 * rep["as_drawn"][k]["share"], "%s as drawn" % k)
                close(r[2 + 3 * c], 100 * inp["tornado"][k]["low"], "%s %s low" % (inp["input"], k))
                close(r[3 + 3 * c], 100 * inp["tornado"][k]["high"], "%s %s high" % (inp["input"], k))
for f in fails[:12]:
    print("    " + f)
sys.exit(1 if fails else 0)
PY
}

if $have_python; then
	check "costs: the plotted numbers are not the JSON's" numbers "$tmp/c"
	# gov.cost's deciles by hand (costs.scen's comment): SETTLE in decile k is
	# (2k − 1)/10 for k ≤ 5 (10, 30, 50, 70, 90%), then 100%; within 4 SE of the decile
	check "costs: gov.cost's deciles are not 10, 30, 50, 70, 90, 100... %" python3 - "$tmp/c/1.gp" <<'PY'
import math, re, sys
text = open(sys.argv[1]).read()
name = re.search(r"^# \$(\w+): settlement gov vs reb, gov.cost$", text, re.M).group(1)
block = text.split("$%s << EOD\n" % name)[1].split("EOD")[0].split("\n")[:-1]
titles = re.findall(r"\$%s using \S+ with yerrorlines .*? title '([^']*)'" % name, text)
c = titles.index("SETTLE")
bad = 0
for row in block:
    r = [float(x) for x in row.split()]
    k, n, p = int(r[0]), r[1], r[2 + 4 * c] / 100
    want = (2 * k - 1) / 10 if k <= 5 else 1.0
    se = math.sqrt(want * (1 - want) / n)
    if abs(p - want) > 4 * se + 1e-9:
        print("    decile %d: %g, not %g" % (k, p, want)); bad = 1
sys.exit(bad)
PY
else
	echo "plot/sense: python3 not found: the number checks are skipped"
fi

# ---- a provocation: both paths of the game ----
if sense "$tmp/k" "$kosovo" --draws 4000 --format json --plot "$tmp/k/t.svg" --spider "$tmp/k/s.svg"; then ok; else
	bad "kosovo: sense exited $?: $(cat "$tmp/k/err")"
fi
check "kosovo: the provocation's spider lacks a path" \
	grep -q "title 'provoke, state concedes'" "$tmp/k/1.gp"
check "kosovo: the provocation's spider lacks the other path" \
	grep -q "title 'provoke, state represses selectively'" "$tmp/k/1.gp"
if $have_python; then
	check "kosovo: the plotted numbers are not the JSON's" numbers "$tmp/k"
fi

# ---- colours, and --mono ----
check "the spider's SETTLE is not scen plot's green" \
	grep -q "using 1:[0-9:]* with yerrorlines lc rgb '#2ca02c'.*title 'SETTLE'" "$tmp/c/1.gp"
sense "$tmp/m" "$costs" --plot "$tmp/m/t.pdf" --spider "$tmp/m/s.pdf" --mono ||
	bad "--mono exited $?: $(cat "$tmp/m/err")"
check "--mono: a colour in the tornado or the spider" sh -c "! cat '$tmp/m/0.gp' '$tmp/m/1.gp' |
	grep -v '^#' | grep -o \"rgb '#[0-9a-f]*'\" | grep -qv \"'#000000'\|'#909090'\|'black'\""
check "--mono: SETTLE and BREAKDOWN not told apart by dash and point" \
	grep -q "lc rgb '#000000' lw 2 dt solid pt 7 ps 0.7 title 'SETTLE'" "$tmp/m/1.gp" &&
	grep -q "lc rgb '#000000' lw 2 dt (10,5) pt 5 ps 0.7 title 'BREAKDOWN'" "$tmp/m/1.gp"
check "--mono: the tornado's ends are not hatched and grey" \
	grep -q "fs pattern 5 border lc rgb '#000000' title 'at 5%'" "$tmp/m/0.gp" &&
	grep -q "fs solid 0.55 border lc rgb '#000000' title 'at 95%'" "$tmp/m/0.gp"
# data DIR: the datablocks of DIR's scripts
data() { cat "$1/0.gp" "$1/1.gp" | awk '/ << EOD$/ { s = 1 } s; /^EOD$/ { s = 0 }'; }
data "$tmp/c" > "$tmp/a"
data "$tmp/m" > "$tmp/b"
check "--mono: the data differ from the colour run's" cmp -s "$tmp/a" "$tmp/b"
check "--mono: no data" [ -s "$tmp/a" ]

# ---- the files ----
if [ -n "$real" ]; then
	check "the tornado PNG is not a PNG" sh -c "head -c 4 '$tmp/c/t.png' | grep -q PNG"
	check "the spider PNG is not a PNG" sh -c "head -c 4 '$tmp/c/s.png' | grep -q PNG"
	check "the mono PDFs are not PDFs" sh -c "head -c 4 '$tmp/m/t.pdf' | grep -q '%PDF' &&
		head -c 4 '$tmp/m/s.pdf' | grep -q '%PDF'"
	check "the kosovo SVGs lack a curve" grep -q '<svg' "$tmp/k/s.svg"
else
	echo "plot/sense: gnuplot not found: the images are not checked"
fi
finish
