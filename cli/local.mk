scen_SOURCES += cli/main.c cli/cli.h cli/cmd_check.c cli/cmd_fmt.c cli/cmd_run.c cli/cmd_export.c \
	cli/report.h cli/report_text.c cli/report_strategic.c cli/report_json.c cli/report_csv.c \
	cli/plot.h cli/plot.c cli/cmd_plot.c
