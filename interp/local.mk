# interp/local.mk: from the checked model to results: compiled expressions (vm), random
# streams, one draw of the model, the Monte Carlo driver, the efg export; the session
# facade (session.h: load, check, build, run, free).
libscen_a_SOURCES += interp/interp.h interp/interp_int.h interp/vm.h interp/vm.c interp/column.h interp/column.c interp/quantile.c \
	interp/rng.h interp/rng.c interp/compile.c interp/build.c interp/reports.c \
	interp/draw.c interp/lanes.c interp/strategic.c interp/driver.c interp/run.c interp/paired.c interp/totals.h interp/totals.c \
	interp/export.c interp/session.h interp/session.c \
	interp/flip.h interp/flip.c interp/flip_level.c interp/sense.h interp/sense.c interp/moments.h \
	interp/describe.h interp/describe.c
tests_unit_unit_SOURCES += tests/unit/test_interp.c tests/unit/test_paired.c
