# tests/local.mk: `make check` runs the Criterion unit tests (one binary, every suite),
# the golden tests and the error corpus through automake's parallel harness, then prints
# Criterion's summary line and the harness totals.
TESTS += tests/unit/unit tests/errors/run.sh
AM_TESTS_ENVIRONMENT = srcdir='$(srcdir)'; SCEN='$(abs_builddir)/scen'; NO_COLOR=1; \
	export srcdir SCEN NO_COLOR;
EXTRA_DIST += tests/errors
