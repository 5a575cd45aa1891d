#!/bin/sh
# tests/run/map.sh: a map (a sweep of two attributes) is a grid of cells on the same
# draws. On map.scen (its comments derive P(SETTLE) = clamp(1 − (100·d − 10)/20) with
# d = b_R − b_S):
#   - every cell's SETTLE share is within 4 standard errors of that (JSON);
#   - cells with the same d have the same count of SETTLE draws: each cell sees the same
#     draws of c_R (common random numbers; independent draws would differ by about
#     sqrt(N·P·(1 − P)) ≈ 22 on the line);
#   - the report is byte-identical at 1 and 2 threads, and in 3 shards merged;
#   - `scen diff` of it with gov.cost 20 prints its 41-column grid in bands of columns no
#     line of which is wider than 100 columns (a cell is 6: " +100*"): each band names
#     its columns, together they hold the 41 columns of every row in order, and the
#     values under them run from 0 (the first band's first) to 0.8 (the last's last).
# The last line is `run/map: N passed, M failed`.
NAME=run/map
. "${srcdir:-.}/tests/lib.sh"
f=$srcdir/tests/run/map.scen

$scen run "$f" --threads 1 > "$tmp/t1" 2>>"$tmp/err"
$scen run "$f" --threads 2 > "$tmp/t2" 2>>"$tmp/err"
check "threads: the map differs at 1 and 2 threads" cmp -s "$tmp/t1" "$tmp/t2"
check "the text is not a 41-row grid" [ "$(grep -c '^ *[0-9.]* [SB][0-9*]' "$tmp/t1")" -eq 41 ]
for i in 1 2 3; do
	$scen run "$f" --shard $i/3 -o "$tmp/p$i.json" 2>>"$tmp/err"
done
$scen merge --file "$f" "$tmp/p1.json" "$tmp/p2.json" "$tmp/p3.json" > "$tmp/merged" 2>>"$tmp/err"
check "shards: the merged map is not the run's" cmp -s "$tmp/t1" "$tmp/merged"

if $have_python; then
	$scen run "$f" --format json > "$tmp/map.json" 2>>"$tmp/err"
	check "the shares are not the closed form, or cells of one d differ" \
		python3 - "$tmp/map.json" <<'PY'
import json, math, sys
doc = json.load(open(sys.argv[1]))
cells = doc["reports"]
assert len(cells) == 41 * 41, len(cells)
by_d = {}
for c in cells:
    sw = c["sweep"]
    n = c["draws"]
    k = c["verdicts"]["SETTLE"]["draws"]
    d = sw["value"] - sw["second"]["value"]
    p = min(1.0, max(0.0, 1 - (100 * d - 10) / 20))
    se = math.sqrt(p * (1 - p) / n)
    assert abs(k / n - p) <= 4 * se + 1e-9, (sw, k / n, p, se)
    key = sw["row"] - sw["second"]["row"]          # d = 2% · key
    by_d.setdefault(key, set()).add(k)
assert all(len(v) == 1 for v in by_d.values()), {d: v for d, v in by_d.items() if len(v) > 1}
assert len(by_d) == 81
PY
fi

# scen run's own grid: a row is 2 + 4 ("0.22") + 1 + 41 cells of 2 = 89 columns, one
# band; under it "0" and "0.8" end at column 89 too, and "  gov.belief" after them would
# make 101: the name goes on a line of its own (report/map.c: map_axis)
check "scen run's grid: no line wider than 100 columns" \
	awk 'length($0) > 100 { bad = 1 } END { exit bad }' "$tmp/t1"
check "scen run's grid: 41 columns in one band" \
	sh -c '! grep -q "(columns" "$1"' sh "$tmp/t1"

$scen diff "$f" "$f" --set gov.cost=20 > "$tmp/diff" 2>>"$tmp/err"
st=$?
check "scen diff --set gov.cost=20: exit $st, not 1" [ $st -eq 1 ]
if $have_python; then
	check "the diff's grid is not 41 columns in bands of at most 100 columns" \
		python3 - "$tmp/diff" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("map reb.belief × gov.belief"))
end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("settlement "))
grid = lines[start:end]
wide = [l for l in grid if len(l) > 100]
assert not wide, "lines wider than 100: %r" % wide[:2]
heads = [(i, re.fullmatch(r"  reb\.belief  \(columns (\d+) to (\d+) of 41\)", l)) for i, l in enumerate(grid)]
heads = [(i, int(m.group(1)), int(m.group(2))) for i, m in heads if m]
assert len(heads) >= 3, "bands %r" % heads
assert [h[1] for h in heads] == [1] + [h[2] + 1 for h in heads[:-1]] and heads[-1][2] == 41, heads
rows = {}
for i, a, b in heads:
    band = grid[i + 1:i + 42]                       # 41 rows, the last on top
    for l in band:
        label, cells = l[:6].strip(), re.findall(r"[-+]?\d+\*?|\.", l[6:])
        assert len(cells) == b - a + 1, "%r: %d cells, columns %d to %d" % (l, len(cells), a, b)
        rows.setdefault(label, []).extend(cells)
    under = grid[i + 42].split()
    if a == 1:
        assert under[0] == "0", under
    if b == 41:
        assert under[-2:] == ["0.8", "gov.belief"], under
assert len(rows) == 41 and all(len(c) == 41 for c in rows.values()), {k: len(v) for k, v in rows.items()}
PY
fi
finish
