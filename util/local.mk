libscen_a_SOURCES += util/arena.c util/arena.h util/xalloc.c util/xalloc.h \
	util/diag.c util/diag.h util/readfile.c util/readfile.h util/rewrite.c util/rewrite.h \
	util/closeout.c util/closeout.h util/scen_conf.h util/printf_attr.h \
	util/status.h util/count.c util/count.h util/sha256.c util/sha256.h \
	util/progress.c util/progress.h util/sort.c util/sort.h
