libscen_a_SOURCES += check/check.h check/check_stub.c check/attrs.h check/attrs.c
