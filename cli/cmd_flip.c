/*
** cmd_flip.c: `scen flip FILE ATTR [--report R] [--level P] [--format
** text|json|markdown|latex]`: where ATTR changes a settlement report's verdict, or with
** `~` where a verdict's share crosses P (interp/flip.h, docs/sense.md).
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "interp/flip.h"
#include "report/report.h"

static const char flip_usage[] =
	"usage: scen flip FILE ACTOR.ATTR [--report R] [--level P] "
	"[--format text|json|markdown|latex]";

/* The status for st: a usage error (2) when the command line named what is not there,
** else 1 (the sink holds the file's diagnostic). */
static int flip_error(enum flip_status st, const char *label, const char *report,
		      const struct flip_result *f)
{
	switch (st) {
	case FLIP_BAD_LABEL:
		return cli_usage_error("flip", "'%s' is not ACTOR.ATTR", label);
	case FLIP_NO_OWNER:
		return cli_usage_error("flip", "no actor or item '%s' in the file", f->label);
	case FLIP_NO_ATTR:
		return cli_usage_error("flip", "'%s' has no attribute '%s' (see scen attrs)",
				       f->label, f->label + strlen(f->label) + 1);
	case FLIP_NOT_NUMBER:
		return cli_usage_error("flip", "'%s' is not a number: only a numeric attribute "
				       "can be flipped", f->label_full);
	case FLIP_NO_REPORT:
		if (report)
			return cli_usage_error("flip", "no settlement report '%s' in the file "
					       "(outside sweeps)", report);
		return cli_usage_error("flip", "the file has no settlement report (outside "
				       "sweeps)");
	default:
		return STATUS_ERRORS;	/* the sink says why */
	}
}

int cmd_flip(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "report", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "level", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *report = NULL, *format = "text";
	double level = 0.5;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "r:f:l:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': report = optarg; break;
		case 'l':
			if (!flip_parse_level(optarg, &level))
				return cli_usage_error("flip", "--level must be a share between 0 "
						       "and 1, not included (0.5 or 50%%), not '%s'",
						       optarg);
			break;
		case 'f': format = optarg; break;
		case 'h': puts(flip_usage); return STATUS_OK;
		default: return cli_usage_error("flip", "bad option");
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    !report_table_style(format))
		return cli_usage_error("flip", "--format must be text, json, markdown or latex");
	if (argc - optind != 2)
		return cli_usage_error("flip", "needs FILE and ACTOR.ATTR");
	struct session s = { .unfolded = true };
	int st = session_load(&s, argv[optind]);
	if (st == STATUS_OK) {
		struct flip_result f;
		enum flip_status fs = flip_find(&s, argv[optind + 1], report, level, NULL, &f);
		if (fs == FLIP_OK)
		{	/* without `~`, one exact run per point: draws 1 */
			struct run_result prov = { .seed = f.seed, .draws = f.uncertain ? f.draws : 1,
						   .files = s.prog.files };
			if (report_table_style(format))
				report_flip_table(stdout, &f, format);
			else
				report_flip(stdout, &f, strcmp(format, "json") == 0, &prov);
		}
		else
			st = flip_error(fs, argv[optind + 1], report, &f);
	}
	session_free(&s);
	return st;
}
