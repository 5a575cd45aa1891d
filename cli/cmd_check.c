/*
** cmd_check.c: `scen check [-v] [--werror] FILE...` and `scen attrs [--markdown] [ROLE]`.
*/
#include <getopt.h>
#include <stdio.h>

#include "check/check.h"
#include "cli/cli.h"

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "werror", no_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 },
	};
	bool verbose = false, werror = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "v", longopts, NULL)) != -1) {
		switch (c) {
		case 'v': verbose = true; break;
		case 'W': werror = true; break;
		default: return cli_usage_error("check", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("check", "missing FILE");
	int status = STATUS_OK;
	struct diag_sink sink;
	diag_init(&sink);
	for (int i = optind; i < argc; i++) {
		struct program prog;
		program_init(&prog);
		enum status st = check_load_file(&prog, argv[i], &sink);
		if (werror && diag_promote_warnings(&sink) && st == STATUS_OK)
			st = STATUS_ERRORS;
		diag_flush_stderr(&sink);
		if (st == STATUS_OK && verbose)
			check_summary(stdout, &prog);
		if ((int)st > status)
			status = (int)st;
		program_free(&prog);
	}
	diag_free(&sink);
	return status;
}

int cmd_attrs(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	bool markdown = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "m", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': markdown = true; break;
		default: return cli_usage_error("attrs", "bad option");
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("attrs", "at most one ROLE");
	const char *role = optind < argc ? argv[optind] : NULL;
	if (!check_print_attrs(stdout, role, markdown))
		return cli_usage_error("attrs", "unknown role '%s'", role);
	return STATUS_OK;
}
