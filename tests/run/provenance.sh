#!/bin/sh
# tests/run/provenance.sh: every JSON, CSV and partial names where its numbers come from
# (docs/json.md, "Provenance"): scen's version (that of `scen --version`), the seed, the
# draws, the digest of the results and the path and SHA-256 of every file loaded, the
# main file first, then its import, then the prelude. Checked against other programs,
# not against scen's own idea of them:
#   - the CSV's `# file` lines are sha256sum's format: `sha256sum -c` accepts them, in
#     the folder of the run; `# digest` is what sha256sum prints for the table below the
#     comment lines; the JSON's `provenance` says the same as the CSV's lines;
#   - the digest is the same at 1 and 3 threads, and for the merge of 3 shards; another
#     seed changes it;
#   - with --set, `# set` lines name the overrides and the main file's hash is still
#     that of the file on disk;
#   - a partial lists the same files with the same hashes;
#   - `scen report`'s footer (at 3 threads) names the same version, seed, draws, digest
#     and files, each with sha256sum's hash of it;
#   - `scen sense`'s CSV and JSON, `scen flip --format json` (with `~`: the --level scan)
#     and `scen diff --format csv|json` carry the same: sense's `# digest` is sha256sum's of
#     its table, the same at 1 and 2 threads, and its JSON says the same; so for
#     `scen diff --format csv` and its JSON, whose files are both versions'; flip's
#     digest is sha256sum's of the text `scen flip` prints; every listed file's hash is
#     sha256sum's of it;
#   - R's read.csv(comment.char = "#") and Python's csv module (the comment lines
#     dropped) load the CSV: 10 columns, as many rows as the table has (each skipped
#     without R or python3, with a message).
# The last line is `run/provenance: N passed, M failed`.
NAME=run/provenance
. "${srcdir:-.}/tests/lib.sh"
cd "$tmp" || exit 99
cat > inc.scen <<'SCEN'
# inc.scen: the stake, imported
stake land { value = 100 }
SCEN
cat > main.scen <<'SCEN'
import "inc.scen"
scenario "provenance" { seed = 7; draws = 3_000 }
actor gov : state { cost ~ uniform(5, 15) }
actor reb : rebels { cost = 10; belief ~ beta(2, 5) }
conflict gov vs reb over land { win = 40% }
report settlement gov vs reb
SCEN
"$scen" run main.scen --format csv --threads 1 > one.csv 2> err || bad "run --format csv failed"
"$scen" run main.scen --format csv --threads 3 > three.csv 2>> err
"$scen" run main.scen --format json > run.json 2>> err

version=$("$scen" --version | sed 's/^scen //')
check "the CSV's first line is not '# scen $version'" [ "$(sed -n 1p one.csv)" = "# scen $version" ]
check "the CSV does not say seed 7 and draws 3000" \
	[ "$(sed -n '2,3p' one.csv | tr '\n' ' ')" = "# seed 7 # draws 3000 " ]
sed -n 's/^# file //p' one.csv > files
check "the files are not main.scen, inc.scen, then the prelude" \
	[ "$(sed 's/^[0-9a-f]*  //' files | sed 's|.*/prelude.scen$|PRELUDE|' | tr '\n' ' ')" = \
	  "main.scen inc.scen PRELUDE " ]
check "sha256sum -c does not accept the CSV's # file lines" sha256sum -c --quiet files
grep -v '^#' one.csv > table
check "# digest is not the SHA-256 of the table" \
	[ "$(sed -n 's/^# digest //p' one.csv)" = "$(sha256sum < table | cut -d' ' -f1)" ]
check "the CSV's table is not right below its comment lines" \
	[ "$(grep -n -v '^#' one.csv | head -n 1 | cut -d: -f2)" = \
	  "report,kind,sweep,value,draws,measure,estimate,se,sweep2,value2" ]
check "the CSV differs at 1 and 3 threads" cmp -s one.csv three.csv

for i in 1 2 3; do
	"$scen" run main.scen --shard $i/3 --threads $i -o part.$i.json 2>> err
done
"$scen" merge part.3.json part.1.json part.2.json --format csv > merged.csv 2>> err
check "the merge of 3 shards does not print the run's CSV, provenance included" \
	cmp -s one.csv merged.csv
"$scen" run main.scen --format csv --seed 8 > seed8.csv 2>> err
check "another seed leaves the digest as it was" \
	[ "$(grep '^# digest' seed8.csv)" != "$(grep '^# digest' one.csv)" ]

"$scen" run main.scen --format csv --set gov.cost=12 --set 'reb.belief = 30%' > set.csv 2>> err
check "--set: no '# set' lines naming the overrides in order" \
	[ "$(sed -n 's/^# set //p' set.csv | tr '\n' '|')" = "gov.cost=12|reb.belief = 30%|" ]
check "--set: the main file's hash is not that of the file on disk" \
	[ "$(sed -n 's/^# file //p' set.csv)" = "$(cat files)" ]
check "--set: the digest is that of the run without the overrides" \
	[ "$(grep '^# digest' set.csv)" != "$(grep '^# digest' one.csv)" ]

# digest FILE: the provenance's digest in a JSON document (4 spaces in, as printed).
digest() { sed -n 's/^    "digest": "\([0-9a-f]*\)",$/\1/p' "$1"; }
"$scen" sense main.scen --format csv --threads 1 > sense1.csv 2>> err
"$scen" sense main.scen --format csv --threads 2 > sense2.csv 2>> err
"$scen" sense main.scen --format json --threads 2 > sense.json 2>> err
check "sense: the CSV differs at 1 and 2 threads" cmp -s sense1.csv sense2.csv
check "sense: # digest is not the SHA-256 of the table" \
	[ "$(sed -n 's/^# digest //p' sense1.csv)" = "$(grep -v '^#' sense1.csv | sha256sum | cut -d' ' -f1)" ]
check "sense: the CSV's # file lines are not those of the run" \
	[ "$(sed -n 's/^# file //p' sense1.csv)" = "$(cat files)" ]
check "sense: the JSON's digest is not the CSV's" \
	[ "$(digest sense.json)" = "$(sed -n 's/^# digest //p' sense1.csv)" ]
"$scen" flip main.scen gov.cost > flip.txt 2>> err
"$scen" flip main.scen gov.cost --format json > flip.json 2>> err
check "flip: the JSON's digest is not the SHA-256 of the text" \
	[ "$(digest flip.json)" = "$(sha256sum < flip.txt | cut -d' ' -f1)" ]
sed 's/cost = 10;/cost = 12;/' main.scen > new.scen
for t in 1 2; do
	"$scen" diff main.scen new.scen --threads $t --format csv > diff$t.csv 2>> err
	"$scen" diff main.scen new.scen --threads $t --format json > diff$t.json 2>> err
done
check "diff: the CSV differs at 1 and 2 threads" cmp -s diff1.csv diff2.csv
check "diff: # digest is not the SHA-256 of the table" \
	[ "$(sed -n 's/^# digest //p' diff1.csv)" = "$(grep -v '^#' diff1.csv | sha256sum | cut -d' ' -f1)" ]
check "diff: the JSON's digest is not the CSV's, or differs at 1 and 2 threads" \
	[ "$(digest diff1.json)" = "$(sed -n 's/^# digest //p' diff1.csv)" -a \
	  "$(digest diff2.json)" = "$(sed -n 's/^# digest //p' diff1.csv)" ]
sed -n 's/^# file //p' diff1.csv > difffiles
check "diff: the CSV's # file lines are not main.scen, inc.scen, the prelude, new.scen" \
	[ "$(sed 's/^[0-9a-f]*  //' difffiles | sed 's|.*/prelude.scen$|PRELUDE|' | tr '\n' ' ')" = \
	  "main.scen inc.scen PRELUDE new.scen " ]
check "diff: sha256sum -c does not accept the CSV's # file lines" sha256sum -c --quiet difffiles
if $have_python; then
	check "sense, flip, diff: a listed file's hash is not sha256sum's, or a file is missing" \
		python3 - <<'PY'
import json, subprocess
def listed(name):
    return [(f["path"], f["sha256"]) for f in json.load(open(name))["provenance"]["files"]]
def sha(path):
    return subprocess.run(["sha256sum", path], capture_output=True, text=True).stdout.split()[0]
for name, want in [("sense.json", ["main.scen", "inc.scen"]), ("flip.json", ["main.scen", "inc.scen"]),
                   ("diff1.json", ["main.scen", "inc.scen", "new.scen"])]:
    files = listed(name)
    assert [p for p, _ in files if not p.endswith("/prelude.scen")] == want, (name, files)
    for p, h in files:
        assert h == sha(p), (name, p, h)
PY
fi

if $have_python; then
	check "the JSON's provenance does not say what the CSV's lines say, or a partial's files differ" \
		python3 - "$version" <<'PY'
import json, sys
p = json.load(open("run.json"))["provenance"]
lines = [l.rstrip("\n") for l in open("one.csv") if l.startswith("#")]
want = ["# scen " + sys.argv[1], "# seed 7", "# draws 3000", "# digest " + p["digest"]]
want += ["# file %s  %s" % (f["sha256"], f["path"]) for f in p["files"]]
assert (p["scen"], p["seed"], p["draws"], p["set"]) == (sys.argv[1], 7, 3000, []), p
assert lines == want, (lines, want)
part = json.load(open("part.2.json"))
assert part["files"] == p["files"], (part["files"], p["files"])
PY
	check "Python's csv module does not load the CSV, the comment lines dropped" \
		python3 - <<'PY'
import csv
rows = list(csv.reader(l for l in open("one.csv", newline="") if not l.startswith("#")))
table = open("table").read().splitlines()
assert len(rows) == len(table) and {len(r) for r in rows} == {10}, rows[:2]
assert rows[0][:2] == ["report", "kind"]
PY
else
	echo "run/provenance: python3 not found: the JSON and the csv module not checked"
fi
if command -v Rscript >/dev/null 2>&1; then
	rows=$(($(wc -l < table) - 1))
	check "R's read.csv(comment.char = \"#\") does not load the CSV's $rows rows, 10 columns" \
		Rscript -e 'd <- read.csv("one.csv", comment.char = "#"); stopifnot(ncol(d) == 10, nrow(d) == as.integer(commandArgs(TRUE)[1]), names(d)[1] == "report", is.numeric(d$estimate))' "$rows"
else
	echo "run/provenance: Rscript not found: R's read.csv not checked"
fi
[ -s err ] && { bad "a run wrote to stderr"; sed 's/^/    /' err; }
# scen report's page: its provenance footer, a <dd> a fact and a row of cells a file
"$scen" report main.scen -o page.html --threads 3 > /dev/null 2>> err || bad "scen report failed"
sed -n '/<footer id="provenance">/,/<\/footer>/p' page.html > footer
check "html: the footer does not say scen $version" grep -qF "<dt>scen</dt><dd>$version</dd>" footer
check "html: the footer does not say seed 7" grep -qF "<dt>seed</dt><dd>7</dd>" footer
check "html: the footer does not say 3000 draws" grep -qF "<dt>draws</dt><dd>3000</dd>" footer
check "html: the footer's digest is not the CSV's (at 1 thread)" \
	grep -qF "<code class=\"hash\">$(sed -n 's/^# digest //p' one.csv)</code>" footer
sed -n 's|^<tr><td><code>\(.*\)</code></td><td><code class="hash">\([0-9a-f]*\)</code></td></tr>$|\2  \1|p' \
	footer > html-files
check "html: the footer's files are not the CSV's, with the same hashes" cmp -s files html-files
finish
