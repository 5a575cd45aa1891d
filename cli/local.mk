scen_SOURCES += cli/main.c cli/cli.h cli/cmd_check.c cli/cmd_fmt.c
