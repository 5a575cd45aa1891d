# lexer/local.mk: the reentrant flex scanner (lexer/scen.l -> lexer/scen.c) and its
# interface with the parser (lexer/lex.h).
libscen_a_SOURCES += lexer/scen.l lexer/lex.h
tests_unit_unit_SOURCES += tests/unit/test_lexer.c
