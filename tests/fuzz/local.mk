# tests/fuzz/local.mk: `make fuzz` builds the libFuzzer harness with clang, compiling the
# library's sources again with -fsanitize=fuzzer,address,undefined (fuzz_scen: the
# language; fuzz_partial: the partials of `scen merge`; fuzz_repl: sessions of the REPL); `make fuzz-run` fuzzes for
# FUZZ_SECONDS (60) each.
EXTRA_DIST += tests/fuzz/fuzz_scen.c tests/fuzz/fuzz_partial.c tests/fuzz/fuzz_repl.c tests/fuzz/scen.dict tests/fuzz/run.sh
FUZZ_SECONDS = 60
FUZZ_LIB_SRCS = $(patsubst %.l,%.c,$(patsubst %.y,%.c,$(filter %.c %.l %.y,$(libscen_a_SOURCES))))
tests/fuzz/fuzz_scen: $(FUZZ_LIB_SRCS) tests/fuzz/fuzz_scen.c
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(GSL_CFLAGS) $(JANSSON_CFLAGS) -o $@ \
	  $(PTHREAD_CFLAGS) $(filter %.c,$^) $(READLINE_LIBS) $(GSL_LIBS) $(JANSSON_LIBS) $(PTHREAD_LIBS) -lm
# fuzz_partial mutates valid partials' structure (its custom mutator); built with
# libFuzzer's FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, the reader skips the digest, so
# that the changes meet the checks behind it.
tests/fuzz/fuzz_partial: $(FUZZ_LIB_SRCS) tests/fuzz/fuzz_partial.c
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(GSL_CFLAGS) $(JANSSON_CFLAGS) -o $@ \
	  $(PTHREAD_CFLAGS) $(filter %.c,$^) $(READLINE_LIBS) $(GSL_LIBS) $(JANSSON_LIBS) $(PTHREAD_LIBS) -lm
tests/fuzz/fuzz_repl: $(FUZZ_LIB_SRCS) tests/fuzz/fuzz_repl.c
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(GSL_CFLAGS) $(JANSSON_CFLAGS) -o $@ \
	  $(PTHREAD_CFLAGS) $(filter %.c,$^) $(READLINE_LIBS) $(GSL_LIBS) $(JANSSON_LIBS) $(PTHREAD_LIBS) -lm
fuzz: all tests/fuzz/fuzz_scen tests/fuzz/fuzz_partial tests/fuzz/fuzz_repl
fuzz-run: fuzz
	srcdir='$(srcdir)' build=. $(SHELL) $(srcdir)/tests/fuzz/run.sh $(FUZZ_SECONDS)
CLEANFILES += tests/fuzz/fuzz_scen tests/fuzz/fuzz_partial tests/fuzz/fuzz_repl
.PHONY: fuzz fuzz-run
