/*
** cmd_export.c: `scen export --efg FILE [--draw N] [--seed N]`: the provocation game of
** FILE (core.md §4) as a Gambit .efg file on stdout, with the values of one draw (the
** first by default; with no uncertain value every draw is the same): exact fractions,
** and scen's solution of the draw on the description line (core/game.h).
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli/cli.h"
#include "interp/interp.h"
#include "util/scen_conf.h"

static int export_file(const char *path, const struct run_options *o, uint64_t draw)
{
	struct diag_sink sink;
	diag_init(&sink);
	struct program prog;
	program_init(&prog);
	int status = (int)check_load_file(&prog, path, &sink);
	if (status == STATUS_OK)
		diag_flush_stderr(&sink);	/* its warnings, before the export */
	struct interp *it = status == STATUS_OK ? interp_new(&prog) : NULL;
	if (status == STATUS_OK && !it)
		status = STATUS_ERRORS;
	/* Into memory first: a failure to write stdout is then not taken for a game that
	** cannot be written (main reports it, with its reason), and nothing is half out. */
	char *efg = NULL;
	size_t len = 0;
	FILE *mem = it ? open_memstream(&efg, &len) : NULL;
	if (it && !mem) {
		fprintf(stderr, "scen export: out of memory\n");
		status = STATUS_IO;
	} else if (it) {
		const char *why = NULL;
		status = interp_export_efg(it, o, draw, mem, &why);
		fclose(mem);
		if (status)
			fprintf(stderr, "scen export: %s: %s\n", path, why);
		else
			fwrite(efg, 1, len, stdout);
		free(efg);
	}
	if (it)
		interp_free(it);
	diag_flush_stderr(&sink);
	program_free(&prog);
	diag_free(&sink);
	return status;
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "efg", no_argument, NULL, 'e' },
		{ "draw", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	uint64_t draw = 1;
	bool efg = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ed:s:", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': efg = true; break;
		case 'd':
			if (!parse_count(optarg, &draw, 1, SCEN_MAX_DRAWS))
				return cli_usage_error("export", "--draw needs " SCEN_DRAWS_RANGE);
			break;
		case 's':
			if (!parse_count(optarg, &o.seed, 0, UINT64_MAX))
				return cli_usage_error("export", "--seed needs " SCEN_SEED_RANGE);
			o.have_seed = true;
			break;
		default: return cli_usage_error("export", "bad option");
		}
	}
	if (!efg)
		return cli_usage_error("export", "say which format: --efg (Gambit)");
	if (optind + 1 != argc)
		return cli_usage_error("export", optind >= argc ? "missing FILE"
								 : "one FILE at a time");
	return export_file(argv[optind], &o, draw - 1);
}
