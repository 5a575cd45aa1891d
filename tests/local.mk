# tests/local.mk: `make check` runs the Criterion unit tests (one binary, every suite),
# the golden tests and the error corpus through automake's parallel harness, then prints
# Criterion's summary line and the harness totals.
TESTS += tests/unit/unit tests/errors/run.sh tests/golden/run.sh tests/shard/run.sh tests/shard/edges.sh \
	tests/docs/run.sh tests/editors/run.sh tests/plot/run.sh tests/git/run.sh tests/csv/run.sh \
	tests/efg/run.sh tests/hostile/merge.sh tests/lsp/run.sh tests/vscode/run.sh
# scen sense's tornado and spider: the numbers plotted against its JSON
TESTS += tests/plot/sense.sh
# scen sense --shard and scen merge of its partials: byte-identical to the whole run
TESTS += tests/shard/sense.sh
EXTRA_DIST += tests/shard/sense.sh tests/shard/lib.sh
# Properties of `scen run` that no single golden shows, one harness each, so that
# `make -j2 check` runs them side by side and a failure names its property.
TESTS += tests/run/determinism.sh tests/run/models.sh tests/run/interrupt.sh \
	tests/run/named.sh tests/run/unusable.sh tests/run/patron.sh tests/run/seeds.sh tests/run/rows.sh \
	tests/run/scale.sh tests/run/memory.sh tests/run/set.sh \
	tests/run/batch.sh tests/run/reference.sh tests/run/sense.sh tests/run/map.sh tests/run/flip.sh \
	tests/run/provenance.sh tests/run/se.sh tests/run/screen-lines.sh \
	tests/run/width.sh
EXTRA_DIST += tests/lib.sh
# `scen report` in headless Chromium (skipped without it); the screenshots stay for a
# person to look at, until `make clean`.
TESTS += tests/html/run.sh
EXTRA_DIST += tests/html/run.sh tests/html/check.py tests/html/sense_check.py \
	tests/html/layout.py tests/html/layout.js
CLEANFILES += tests/html/shots/*.png tests/html/shots/*.pdf
# The REPL: transcripts (tests/golden/repl/) and a pseudo-terminal driver.
TESTS += tests/repl/run.sh
check_PROGRAMS += tests/repl/pty_test
tests_repl_pty_test_SOURCES = tests/repl/pty_test.c
tests_repl_pty_test_LDADD = -lutil
tests_unit_unit_SOURCES += tests/unit/test_repl.c tests/unit/test_rewrite.c tests/unit/test_format.c \
	tests/unit/test_text_table.c
tests_unit_unit_SOURCES += tests/unit/tmpdir.h tests/unit/helpers.h tests/unit/test_limits.c
# Failing writes and special files; slow_fsync.so (an LD_PRELOAD shim) holds a rewrite at
# its fsync so that the test can signal it there. Built with $(CC) alone: no sanitizer
# runtime of its own to load into the programs it is preloaded into.
TESTS += tests/hostile/writes.sh
check_DATA = tests/hostile/slow_fsync.so
tests/hostile/slow_fsync.so: $(srcdir)/tests/hostile/slow_fsync.c
	@$(MKDIR_P) tests/hostile
	$(AM_V_CC)$(CC) -shared -fPIC -o $@ $(srcdir)/tests/hostile/slow_fsync.c -ldl
CLEANFILES += tests/hostile/slow_fsync.so
EXTRA_DIST += tests/hostile/writes.sh tests/hostile/slow_fsync.c
AM_TESTS_ENVIRONMENT = srcdir='$(srcdir)'; SCEN='$(abs_builddir)/scen'; NO_COLOR=1; \
	export srcdir SCEN NO_COLOR;
EXTRA_DIST += tests/errors tests/golden tests/run tests/docs tests/editors tests/plot
EXTRA_DIST += tests/repl/run.sh tests/git/run.sh tests/shard/run.sh tests/shard/edges.sh tests/csv tests/efg tests/hostile
EXTRA_DIST += tests/lsp tests/vscode/run.sh

# The test folders go into the tarball whole; an in-tree `make check` leaves its logs,
# the LD_PRELOAD shim it built and Python's caches there, which must not travel.
dist-hook:
	find $(distdir)/tests \( -name '*.log' -o -name '*.trs' -o -name '*.so' \) -exec rm -f {} +
	find $(distdir)/tests -name __pycache__ -prune -exec rm -rf {} +

# After the harness (check-local waits for it: automake makes both in one make run, in
# parallel under -j): Criterion's own summary, then one plain total over every suite.
check-local: check-TESTS
	@grep -h 'Synthesis' tests/unit/unit.log | sed 's/\x1b\[[0-9;]*m//g'
	@cat tests/unit/unit.log tests/*/*.sh.log 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | awk '\
	  /Synthesis: Tested:/ { for (i = 1; i <= NF; i++) { if ($$i == "Passing:") p += $$(i+1); \
	    if ($$i == "Failing:" || $$i == "Crashing:") f += $$(i+1) } } \
	  /^[a-z]+: [0-9]+ passed, [0-9]+ failed$$/ { p += $$2; f += $$4 } \
	  END { printf "%d passed, %d failed\n", p, f }'
# --format latex compiles (pdflatex, when installed).
TESTS += tests/tables/latex.sh
# the tables of scen sense and scen flip agree with their JSON (python3, when installed).
TESTS += tests/tables/agree.sh
# every format of run, diff, sense, merge and flip on every report kind is well formed
# (wellformed.py, with python3; each LaTeX output built alone, with pdflatex).
TESTS += tests/tables/matrix.sh
EXTRA_DIST += tests/tables
# every command's usage, written once, names every option its getopt table takes
TESTS += tests/cli/help.sh
# scen flip --set (cli/override.c, as scen run's) and --format csv, hand-derived breakpoints
TESTS += tests/cli/flip.sh
# CRLF files read as LF ones; CR alone refused, located (parser/parse.c)
TESTS += tests/cli/line-endings.sh
# the commands of docs/workflows.md work as written (scen plot's with gnuplot)
TESTS += tests/docs/workflows.sh
# --format: one table, one wording of a bad value, the formats --help names (cli/format.c)
TESTS += tests/cli/format.sh
EXTRA_DIST += tests/cli
