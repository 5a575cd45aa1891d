scen_SOURCES += cli/main.c cli/cli.h cli/cmd_check.c cli/cmd_fmt.c cli/cmd_lsp.c cli/cmd_run.c cli/cmd_export.c \
	cli/report.h cli/report_text.c cli/report_strategic.c cli/report_json.c cli/report_csv.c \
	cli/repl.h cli/repl.c cli/repl_cmd.c cli/repl_diff.c cli/repl_why.c cli/repl_entry.c cli/repl_edit.c cli/repl_complete.c \
	cli/plot.h cli/plot.c cli/cmd_plot.c \
	cli/diff.h cli/cmd_diff.c cli/diff_model.c cli/diff_report.c cli/diff_textconv.c \
	cli/partial.h cli/partial.c cli/cmd_merge.c cli/json_u64.h
