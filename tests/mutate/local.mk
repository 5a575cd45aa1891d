# tests/mutate/local.mk: `make mutate` (never part of `make check` or CI) applies each
# mutation of tests/mutate/mutations, one at a time, to a scratch copy of the tree and
# runs the tests on it: MUTATE_FAST first, then the rest of TESTS when those pass (not
# validate.sh, which a mutant fails by construction). It
# prints each mutant's fate, the kill rate per area and the time (tests/mutate/mutate.py
# says how). MUTATE_ONLY='core 12 40-45' runs some; `make mutate-validate` only checks
# that every mutation's text is still found, once, in its file.
EXTRA_DIST += tests/mutate/mutate.py tests/mutate/mutations tests/mutate/validate.sh
# the list's texts are checked by `make check` too (a second)
TESTS += tests/mutate/validate.sh
MUTATE_FAST = tests/unit/unit tests/errors/run.sh tests/golden/run.sh tests/efg/run.sh \
	tests/repl/run.sh
mutate:
	python3 $(srcdir)/tests/mutate/mutate.py --srcdir '$(srcdir)' --tests '$(filter-out tests/mutate/validate.sh,$(TESTS))' \
	  --fast '$(MUTATE_FAST)' --programs '$(check_PROGRAMS)' --only $(MUTATE_ONLY)
mutate-validate:
	python3 $(srcdir)/tests/mutate/mutate.py --srcdir '$(srcdir)' --validate
.PHONY: mutate mutate-validate
