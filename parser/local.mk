libscen_a_SOURCES += parser/ast.c parser/ast.h parser/parse.h parser/print.h \
	parser/parse_stub.c parser/print_stub.c
