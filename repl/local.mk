# repl/local.mk: `scen repl`: the loop (readline, history, signals), its commands, edits,
# completion, :diff and :why.
libscen_a_SOURCES += repl/repl.h repl/loop.c repl/cmd.c repl/diff.c repl/why.c repl/entry.c \
	repl/edit.c repl/complete.c
