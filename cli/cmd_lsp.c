/*
** cmd_lsp.c: `scen lsp [--stdio]`: the language server (lsp/) on standard input and
** output. `--stdio` is accepted because clients pass it; it is the only transport.
*/
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "lsp/lsp.h"
#include "util/scen_conf.h"

int cmd_lsp(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stdio", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's': break;
		default: return cli_usage_error("lsp", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("lsp", "unexpected argument '%s'", argv[optind]);
	struct lsp_options o = { .in = STDIN_FILENO, .out = stdout,
				 .debounce_ms = SCEN_LSP_DEBOUNCE_MS };
	return lsp_serve(&o);
}
