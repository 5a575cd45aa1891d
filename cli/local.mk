# cli/local.mk: the scen binary: main.c (dispatch, the streams checked at exit), cli.h
# (usage errors, the run options, running a file) and one cmd_*.c per subcommand.
scen_SOURCES += cli/main.c cli/cli.h cli/cli.c cli/cmd_check.c cli/cmd_fmt.c cli/cmd_lsp.c cli/cmd_run.c cli/cmd_export.c \
	cli/cmd_repl.c cli/cmd_plot.c cli/cmd_diff.c cli/cmd_textconv.c cli/cmd_merge.c \
	cli/override.c cli/cmd_flip.c cli/cmd_sense.c cli/cmd_report.c cli/format.c
# reports inside sweeps: for scen flip and scen sense, and the REPL's :flip (libscen)
libscen_a_SOURCES += cli/swept.h cli/swept.c
