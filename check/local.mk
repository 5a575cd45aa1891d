# check/local.mk: loading programs (imports), names, types, the value graph, checks;
# the model diff of `scen diff` (diff.c).
tests_unit_unit_SOURCES += tests/unit/test_check.c
libscen_a_SOURCES += check/check.h check/model.h check/check_int.h check/attrs.h check/attrs.c \
	check/builtins.h check/builtins.c \
	check/names.c check/expr.c check/items.c check/resolve.c check/graph.c \
	check/relate.c check/reads.c check/warn.c check/load.c check/summary.c \
	check/diff.h check/diff.c
