/*
** cmd_flip.c: `scen flip FILE ATTR [--report R] [--level P] [--format
** text|json|csv|markdown|latex] [--set NAME.ATTR=VALUE]...` and scen run's --seed,
** --draws, --threads, --types: where
** ATTR changes a settlement report's verdict, or with `~` where a verdict's share
** crosses P (interp/flip.h, docs/sense.md). As scen run: the progress on a terminal
** after a second; Ctrl-C stops at a block's end, prints what was found, says so on
** stderr and exits 130.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "check/model.h"
#include "cli/cli.h"
#include "cli/swept.h"
#include "interp/flip.h"
#include "report/report.h"

/* FLIP_NO_REPORT when the report (NULL: any settlement report) is in the file, inside a
** sweep: an error at it, and a note at the sweep of what to write instead (1); else -1
** (it is not there: the command line's error). */
static int swept_error(struct session *s, const char *report)
{
	const struct ast_file *file = &s->prog.model->main->ast;
	return swept_flip_error(&s->sink, &file->src, file->items, report, &swept_flip_words)
		? STATUS_ERRORS : -1;
}

/* The status for st: a usage error (2) when the command line named what is not there,
** else 1 (the sink holds the file's diagnostic). */
static int flip_error(enum flip_status st, const char *label, const char *report,
		      const struct flip_result *f, struct session *s, const char *file)
{
	const struct attr_def *conflict_attr;
	if ((st == FLIP_BAD_LABEL || st == FLIP_NO_OWNER || st == FLIP_NO_ATTR) &&
	    interp_conflict_attr(s->prog.model, label, &conflict_attr))
		return cli_conflict_attr_error("flip", label, file, s->prog.model);
	const char *why = flip_status_text(st);
	if (why) {	/* the label or its owner and attribute, as the command line quotes */
		char what[144], attr[144];
		bool parts = st == FLIP_NO_OWNER || st == FLIP_NO_ATTR;
		snprintf(what, sizeof what, "'%s'", parts ? f->label : label);
		snprintf(attr, sizeof attr, "'%s'", parts ? f->label + strlen(f->label) + 1 : "");
		return cli_usage_error("flip", why, what, attr);
	}
	int located;
	switch (st) {
	case FLIP_NO_REPORT:
		if ((located = swept_error(s, report)) >= 0)
			return located;
		if (report)
			return cli_usage_error("flip", "no settlement report '%s' in the file "
					       "(outside sweeps)", report);
		return cli_usage_error("flip", "the file has no settlement report (outside "
				       "sweeps)");
	default:
		return STATUS_ERRORS;	/* the sink says why */
	}
}

struct flip_job {
	const char *label, *report;
	double level;
	struct flip_result f;
	enum flip_status fs;
};

static int run_flip(struct session *s, const struct run_options *o, void *arg)
{
	struct flip_job *j = arg;
	j->fs = flip_find(s, j->label, j->report, j->level, o, &j->f);
	return STATUS_OK;
}

/* After Ctrl-C, whether there is a result to print: with `~`, the crossings found
** before; without, none (that search takes a fraction of a second). */
static bool found_before_stop(const struct flip_result *f)
{
	return f->uncertain && f->ncrossings > 0;
}

/* After Ctrl-C, on stderr after the result: where the search stopped, or that nothing
** was found. */
static void stopped_note(const struct flip_result *f)
{
	if (!found_before_stop(f)) {
		fprintf(stderr, "scen flip: interrupted: nothing found (the search stopped "
			"before its first %s)\n", f->uncertain ? "crossing" : "breakpoint");
		return;
	}
	bool prob = strcmp(f->def->unit, "probability") == 0;
	fprintf(stderr, "scen flip: interrupted: the search stopped at %s = %.6g%s: only "
		"the crossings below it are shown (each on all the draws)\n", f->label_full,
		prob ? 100 * f->searched_to : f->searched_to, prob ? "%" : "");
}

int cmd_flip(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_RUN_LONGOPTS,
		{ "report", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "level", required_argument, NULL, 'l' },
		CLI_SET_LONGOPT,
		{ NULL, 0, NULL, 0 },
	};
	const char *report = NULL, *format = "text";
	double level = 0.5;
	struct run_options o = { 0 };
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS "r:f:l:", longopts, NULL)) != -1) {
		if ((st = cli_run_option("flip", c, optarg, &o)) >= 0) {
			if (st)
				return st;
			continue;
		}
		switch (c) {
		case 'r': report = optarg; break;
		case 'l':
			if (!flip_parse_level(optarg, &level))
				return cli_usage_error("flip", "--level must be a share between 0 "
						       "and 1, not included (0.5 or 50%%), not '%s'",
						       optarg);
			break;
		case 'f':
			if ((st = cli_format_option("flip", optarg, &format)))
				return st;
			break;
		case 'V':
			if ((st = cli_add_override("flip", optarg)))
				return st;
			break;
		default: return cli_usage_error("flip", "bad option");
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("flip", "needs FILE and ACTOR.ATTR");
	struct session s = { .unfolded = true };
	st = cli_load_file(&s, argv[optind], &o);	/* and the Ctrl-C handler */
	struct flip_job j = { .label = argv[optind + 1], .report = report, .level = level };
	if (st == STATUS_OK)
		cli_with_progress(&s, &o, run_flip, &j);
	const struct flip_result *f = &j.f;
	bool stopped = st == STATUS_OK && j.fs == FLIP_RUN_FAILED && f->stopped;
	if (st == STATUS_OK && (j.fs == FLIP_OK || (stopped && found_before_stop(f))))
	{	/* without `~`, one exact run per point: draws 1 */
		struct run_result prov = { .seed = f->seed, .draws = f->uncertain ? f->draws : 1,
					   .files = s.prog.files, .stopped = stopped };
		cli_override_provenance(&prov);
		if (report_table_style(format))
			report_flip_table(stdout, f, format);
		else if (strcmp(format, "csv") == 0)
			report_flip_csv(stdout, f, &prov);
		else
			report_flip(stdout, f, strcmp(format, "json") == 0, &prov);
	}
	else if (st == STATUS_OK && !stopped)
		st = flip_error(j.fs, argv[optind + 1], report, f, &s, argv[optind]);
	if (stopped) {
		fflush(stdout);	/* the note after what was found */
		stopped_note(f);
		st = STATUS_INTERRUPTED;
	}
	session_free(&s);
	return st;
}
