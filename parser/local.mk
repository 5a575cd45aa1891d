# parser/local.mk: the reentrant flex scanner (parser/lex.l, parser/lex.h), the grammar
# (bison), the node builders and parse_text(), the AST. Scanner and parser depend on each
# other through the generated header, so they live together. bison writes parser/scen.c
# and parser/scen.h into the build tree; the scanner includes that header for the token
# kinds, so it is built first.
libscen_a_SOURCES += parser/lex.l parser/lex.h parser/ast.c parser/ast.h parser/parse.h parser/print.h \
	parser/scen.y parser/parse.c parser/print.c
BUILT_SOURCES += parser/scen.h
tests_unit_unit_SOURCES += tests/unit/test_lexer.c tests/unit/test_parser.c tests/unit/test_print.c
# Whatever includes the generated header waits for it, even when a single target is
# made without `all` (BUILT_SOURCES covers only all, check and install).
parser/parse.$(OBJEXT) parser/lex.$(OBJEXT): parser/scen.h
tests/unit/unit-test_lexer.$(OBJEXT) tests/unit/unit-test_parser.$(OBJEXT): parser/scen.h
