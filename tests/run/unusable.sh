#!/bin/sh
# tests/run/unusable.sh: values a draw makes unusable: a draw that is not a number, a quantity too large
# for the exact sums (2^53), beta shapes out of the reliable range, builtin arguments
# outside their domain exit 1 naming the attribute and the draw; 70,000 nested fns are a
# located error; a drawn probability outside [0, 1] is clamped and counted.
# Monte Carlo comparisons allow 3 standard errors. The last line is
# `run/unusable: N passed, M failed`.
NAME=run/unusable
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/run

# ---- values a draw makes unusable ----
# expect_error NAME TEXT PATTERN: `scen run` on TEXT exits 1, stderr matches PATTERN
expect_error() {
	printf '%s\n' "$2" > "$tmp/$1.scen"
	(cd "$tmp" && $scen run "$1.scen") > "$tmp/out" 2> "$tmp/err"
	st=$?
	if [ $st -ne 1 ]; then
		bad "$1: exit status $st, not 1"
	elif [ -s "$tmp/out" ]; then
		bad "$1: printed a report after an error"
	elif grep -q "$3" "$tmp/err"; then
		ok
	else
		bad "$1: stderr does not match '$3':"
		sed 's/^/    /' "$tmp/err"
	fi
}
base='stake s { value = 100 }
actor gov : state { cost = 10 }
conflict gov vs reb over s { win = 50% }'
expect_error too-large 'stake s { value = 1e17 }
actor gov : state { cost = 10 }
conflict gov vs reb over s { win = 50% }
actor reb : rebels { cost ~ uniform(0, 1) }' \
	'^too-large.scen:1:11: error: report `settlement gov vs reb`: 20000 values of its quantities are not below 2^53 (about 9.0e15) in magnitude, too large for the exact sums; measure stake `s` in a larger unit (its value and every amount with it)$'
expect_error div-zero "$base
actor reb : rebels { cost ~ uniform(0, 1); resolve = 1 / (reb.cost - reb.cost) }" \
	'^div-zero.scen:4:44: error: `reb.resolve` is infinite in draw 1: not a number'
expect_error log-negative "$base
let x ~ uniform(-1, 1)
actor reb : rebels { cost = 10 + log(x) }" \
	'^log-negative.scen:5:34: error: `log(x)` in draw [0-9]*: `log(x)` needs x > 0, but its argument is -0\.[0-9]*$'
# A builtin's arguments outside its domain (check/builtins.c) when they vary: an error
# at the call, naming the draw and the arguments, never a silent value. The chances
# p, 1/2 with p ~ U(0.4, 0.6) add up to 1 only when p = 1/2 (never, in draw 1); sd =
# x − 1/2 is at most 0 in half the draws; lo ~ U(0, 1) is above hi = 1/2 in half.
expect_error choice-drawn "$base
let p ~ uniform(0.4, 0.6)
actor reb : rebels { cost ~ choice([10, 20], [p, 0.5]) }" \
	'^choice-drawn.scen:5:29: error: `choice(\[10, 20\], \[p, 0.5\])` in draw 1: `choice(values, chances)` needs each chance between 0 and 1, and the chances adding up to 1 (to within 1e-9), but its chances are 0\.[0-9]*, 0\.5 (adding up to 0\.[0-9]*)$'
expect_error ncdf-drawn "$base
let x ~ uniform(0, 1)
actor reb : rebels { cost = 10; belief = normal_cdf(0.5, 0, x - 0.5) }" \
	'^ncdf-drawn.scen:5:42: error: `normal_cdf(0.5, 0, x - 0.5)` in draw [0-9]*: `normal_cdf(x, mu, sd)` needs sd > 0, but its arguments are 0.5, 0, -0\.[0-9]*$'
expect_error clamp-drawn "$base
let lo ~ uniform(0, 1)
actor reb : rebels { cost = 10; belief = clamp(0.7, lo, 0.5) }" \
	'^clamp-drawn.scen:5:42: error: `clamp(0.7, lo, 0.5)` in draw [0-9]*: `clamp(x, lo, hi)` needs lo <= hi, but its arguments are 0.7, 0\.[0-9]*, 0.5$'
# min and max pass a NaN on (0/0 in every draw here), into the not-a-number error of
# the value: min(1, NaN) was 1, silently, while max(NaN, 3) was this error.
for f in 'min(1, (z - z) / (z - z))' 'max((z - z) / (z - z), 3)'; do
	expect_error "nan-${f%%(*}" "$base
let z ~ uniform(1, 2)
actor reb : rebels { cost = 10 * $f }" \
		"^nan-${f%%(*}.scen:5:22: error: \`reb.cost\` is undefined (NaN) in draw 1: not a number"
done
expect_error resolve-zero "$base
actor reb : rebels { cost = 10; resolve ~ normal(0.5, 1) }" \
	'^resolve-zero.scen:4:33: error: `reb.resolve` is -[0-9.]* in draw [0-9]*: it must be above 0'
expect_error sanction-inf "$base
actor reb : rebels { cost ~ uniform(0, 1) }
sanction x { on = reb; when = war; cost = 1 / (reb.cost - reb.cost) }" \
	'^sanction-inf.scen:5:36: error: `x.cost` is infinite in draw 1'

# beta shapes whose draws GSL could not compute: they run (its quantile aborted the
# process at these, exit 134); shapes that vary per draw out of the reliable range stop
# the run with a located error at the call naming the draw and the shapes, as for any
# builtin's arguments outside its domain (it looped for ever)
printf '%s\n' "$base" 'actor reb : rebels { cost = 10; belief ~ beta(0.01, 0.01) }' \
	'actor ext : intervener { chance ~ beta(50, 0.1); rebels_win_if_in ~ beta(1e4, 1e4) }' \
	> "$tmp/beta.scen"
(cd "$tmp" && timeout 60 $scen run beta.scen --draws 20000 > out 2> err)
st=$?
check "beta: shapes GSL could not invert exit $st ($(head -c 300 "$tmp/err"))" \
	[ $st -eq 0 -a ! -s "$tmp/err" ]
expect_error beta-shapes "$base
let shape ~ uniform(5e4, 3e5)
actor reb : rebels { cost = 10; belief ~ beta(shape, 2) }" \
	'^beta-shapes.scen:5:42: error: `beta(shape, 2)` in draw [0-9]*: `beta(a, b)` needs a and b from 0.001 to 100000, where its quantile is reliable, but its arguments are [0-9.e+]*, 2$'

# the REPL survives the error: a fixed belief then reports
printf ':report\nreb.belief = 50%%\n:report\n' | (cd "$tmp" && $scen repl beta-shapes.scen) \
	> "$tmp/repl.out" 2>&1
check "beta: the REPL did not print the error, then a report" sh -c \
	"grep -q 'in draw [0-9]*: .beta(a, b). needs' '$tmp/repl.out' &&
	 grep -q '^settlement gov vs reb over s' '$tmp/repl.out'"

# a chain of 70,000 fns (and one of 70,000 named distributions) overflowed the stack of
# `scen run`: calls nest at most SCEN_MAX_CALL_DEPTH (200) deep, a located error
awk 'BEGIN { print "fn f0(x) = x + 1"; for (i = 1; i < 70000; i++)
	printf "fn f%d(x) = f%d(x) + 1\n", i, i - 1
	print "let d0 = uniform(0, 1)"; for (i = 1; i < 70000; i++) printf "let d%d = d%d\n", i, i - 1 }' \
	> "$tmp/calls.scen"
printf '%s\n' "$base" 'actor reb : rebels { cost = f69999(1); belief ~ d69999 }' >> "$tmp/calls.scen"
for cmd in check run; do
	(cd "$tmp" && $scen $cmd calls.scen) > /dev/null 2> "$tmp/err"
	st=$?
	check "calls: 70,000 nested calls: \`scen $cmd\` exited $st, not 1" [ $st -eq 1 ]
	check "calls: \`scen $cmd\` does not name the limit at f200 and d200" sh -c "
		grep -q '^calls.scen:201:4: error: \`f200\` nests calls 201 deep' '$tmp/err' &&
		grep -q '^calls.scen:70201:5: error: \`d200\` nests calls 201 deep' '$tmp/err'"
done

# a drawn probability outside [0, 1]: clamped, counted, said
printf '%s\n' "$base" 'actor reb : rebels { cost = 10; belief ~ normal(0.5, 1) }' > "$tmp/clamp.scen"
$scen run "$tmp/clamp.scen" > "$tmp/out" 2> "$tmp/err"
check "clamp: exit status not 0" [ $? -eq 0 ]
check "clamp: no note line counting the clamped draws" \
	grep -q '^note: `reb.belief` was drawn outside its range in [0-9,]* draws and clamped into it$' "$tmp/out"
check "clamp: n/a, nan or inf printed" sh -c "! grep -qiw 'n/a\|nan\|inf' '$tmp/out'"
if $have_python; then
	$scen run "$tmp/clamp.scen" --format json > "$tmp/c.json"
	check "clamp: JSON 'clamped' does not count about 61.7% of draws" python3 - "$tmp/c.json" <<'EOF'
import json, math, sys
d = json.load(open(sys.argv[1]))
(c,) = d["clamped"]
assert c["attribute"] == "reb.belief"
p = c["draws"] / d["draws"]
assert abs(p - 0.6171) < 3 * math.sqrt(0.6171 * 0.3829 / d["draws"]), p
EOF
fi

finish
