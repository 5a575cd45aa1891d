# bench/local.mk: `make bench` runs the benchmarks (never part of `make check`):
# bench/check.sh times `scen check`; bench/run.sh times `scen run` on bench/courting.scen
# against the same model by hand in C (bench/hand.c) and in Python (bench/courting.py);
# bench/repl.sh times an edit + :report in `scen repl`; bench/shard.sh what cutting a
# run into shards (`scen run --shard`, `scen merge`) costs.
EXTRA_DIST += bench/gen-check.sh bench/check.sh \
	bench/run.sh bench/courting.scen bench/hand.c bench/courting.py bench/fast.c bench/courting_np.py bench/courting.R bench/screening.scen bench/screen_fast.c bench/repl.sh bench/shard.sh
bench: all
	SCEN=./scen srcdir='$(srcdir)' $(SHELL) $(srcdir)/bench/check.sh
	SCEN=./scen CC='$(CC)' srcdir='$(srcdir)' $(SHELL) $(srcdir)/bench/run.sh
	SCEN=./scen srcdir='$(srcdir)' $(SHELL) $(srcdir)/bench/repl.sh
	SCEN=./scen srcdir='$(srcdir)' $(SHELL) $(srcdir)/bench/shard.sh
.PHONY: bench
