# bench/local.mk: `make bench` runs the benchmarks (never part of `make check`).
EXTRA_DIST += bench/gen-check.sh bench/check.sh
bench: all
	SCEN=./scen srcdir='$(srcdir)' $(SHELL) $(srcdir)/bench/check.sh
.PHONY: bench
