#!/bin/sh
# tests/git/run.sh: the git recipes of docs/git.md, in a temporary repository.
#   - two commits of case.scen: the rebels' belief 60% (BREAKDOWN), then 25% (SETTLE);
#   - difftool: `git difftool -y -t scen HEAD~1 -- case.scen` with
#     difftool.scen.cmd 'scen diff "$LOCAL" "$REMOTE"' prints the model change and
#     BREAKDOWN → SETTLE;
#   - textconv: with `*.scen diff=scen` and diff.scen.textconv 'scen textconv',
#     `git diff HEAD~1 HEAD` and `git log -p` show the source change next to the results
#     (verdict BREAKDOWN removed, SETTLE added).
# Skipped (exit 77) without git. The last line is `git: N passed, M failed`.
NAME=git
. "${srcdir:-.}/tests/lib.sh"
command -v git >/dev/null 2>&1 || { echo "git: skipped (no git)"; exit 77; }
# has FILE TEXT: FILE holds the fixed string TEXT
has() { grep -qF -- "$2" "$1"; }

# A repository of its own: no user or system configuration, no pager, no colour.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" GIT_CONFIG_NOSYSTEM=1
export GIT_PAGER=cat PAGER=cat GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.org
mkdir -p "$HOME" "$tmp/repo"
cd "$tmp/repo" || exit 99
git init -q . || exit 99
git config color.ui false

version() { # version BELIEF: Nzelibe's worked numbers (core.md §1)
	cat > case.scen <<END
stake land { value = 1_000_000 }
actor gov : state { cost = 200_000; belief = 10% }
actor reb : rebels { cost = 200_000; belief = $1 }
conflict gov vs reb over land { win = 25% }
END
}
version 60%
git add case.scen && git commit -qm "b_R 60%" || exit 99
version 25%
git add case.scen && git commit -qm "b_R 25%" || exit 99

# ---- difftool ----
git config difftool.scen.cmd "\"$scen\" diff \"\$LOCAL\" \"\$REMOTE\""
git difftool -y -t scen HEAD~1 -- case.scen > "$tmp/difftool" 2>&1
if has "$tmp/difftool" "reb.belief: 60% → 25%" &&
   has "$tmp/difftool" "BREAKDOWN → SETTLE" && has "$tmp/difftool" "x_min"; then ok; else
	bad "difftool: no model change or verdict change"
	sed 's/^/    /' "$tmp/difftool"
fi
# the work tree against HEAD: no difference, nothing to show, and no error
git difftool -y -t scen HEAD -- case.scen > "$tmp/same" 2>&1 && [ ! -s "$tmp/same" ] && ok ||
	bad "difftool: output or error for an unchanged file"

# ---- textconv ----
echo '*.scen diff=scen' > .gitattributes
git config diff.scen.textconv "\"$scen\" textconv"
git diff HEAD~1 HEAD -- case.scen > "$tmp/diff" 2>&1
if has "$tmp/diff" "-actor reb : rebels { cost = 200_000; belief = 60% }" &&
   has "$tmp/diff" "+actor reb : rebels { cost = 200_000; belief = 25% }" &&
   grep -q '^-#   verdict      BREAKDOWN' "$tmp/diff" &&
   grep -q '^+#   verdict      SETTLE' "$tmp/diff"; then ok; else
	bad "git diff with textconv: no source change next to the verdict change"
	sed 's/^/    /' "$tmp/diff"
fi
git log -p -n 1 -- case.scen > "$tmp/log" 2>&1
if grep -q '^+#   verdict      SETTLE' "$tmp/log" && has "$tmp/log" "b_R 25%"; then ok; else
	bad "git log -p with textconv: no verdict change"
	sed 's/^/    /' "$tmp/log"
fi
# a commit that does not check: the diff still works, and shows the error
echo 'actor broken : nonsense' >> case.scen
git diff -- case.scen > "$tmp/broken" 2>&1
if [ $? -eq 0 ] && has "$tmp/broken" "+actor broken : nonsense" &&
   grep -q '^+# .*error' "$tmp/broken"; then ok; else
	bad "git diff with textconv of a file with errors"
	sed 's/^/    /' "$tmp/broken"
fi

finish
