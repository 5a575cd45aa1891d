libscen_a_SOURCES += core/core.h core/clones.h core/bargain.h core/lanes.h core/lanes_kernel.h core/bargain.c core/lanes.c core/screen.c \
	core/mediate.h core/mediate.c core/game.h core/game.c core/efg.c \
	core/exact.h core/exact.c
tests_unit_unit_SOURCES += tests/unit/test_core.c tests/unit/test_mediate.c tests/unit/test_game.c \
	tests/unit/conflict.h tests/unit/test_edges.c
