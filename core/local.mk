libscen_a_SOURCES += core/core.h core/bargain.c core/screen.c
tests_unit_unit_SOURCES += tests/unit/test_core.c
