/*
** cmd_report.c: `scen report FILE [-o OUT.html [--force]] [--no-sense] [--seed N]
** [--draws N] [--threads N] [--types K] [--set NAME.ATTR=VALUE]...`: run FILE as `scen
** run` does and write the run as one self-contained HTML page (report/html.c); when FILE
** has uncertain values, with what each report hinges on, as `scen sense FILE --draws
** N` finds it (interp/sense.h) with the run's seed: N is --sense-draws, else the run's
** draws up to SENSE_REPORT_DRAWS, so that the page stays quick to make whatever the
** file's draws (the analysis costs about 1 + 3 × inputs evaluations a draw); --no-sense:
** not at all. The default output is
** FILE's base name with .html, in the current folder (as `scen plot` names its chart);
** `-o -` writes to stdout. The file is written as rewrite.h writes one (a temporary file
** renamed over it; --force: a read-only one too), checked before the run; an output that
** cannot be written is exit status 3, a run stopped by Ctrl-C 130 (after writing it).
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"
#include "util/rewrite.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

/* The draws of the sensitivity analysis by default: at most this many of the run's
** (its shares' SE at most 0.36 points). */
enum { SENSE_REPORT_DRAWS = 20000 };

struct sensing {
	struct sense_options so;
	struct sense_result res;
	enum sense_status st;
	bool stopped;		/* by Ctrl-C: left out */
};

static int run_sense(struct session *s, const struct run_options *o, void *arg)
{
	struct sensing *j = arg;
	j->st = sense_run(s->it, &j->so, o, &j->res, &s->sink);
	return j->st == SENSE_OK ? STATUS_OK : STATUS_ERRORS;
}

/* What each report hinges on, after the run of cr, as `scen sense FILE` with the same
** options: into j (j->st SENSE_OK), or *note says why not. Returns the exit status. */
static int sense_of_run(struct session *cr, const struct run_options *o, bool wanted,
			uint64_t draws, struct sensing *j, const char **note)
{
	j->st = SENSE_NOTHING;
	if (!cr->result.uncertain)
		return STATUS_OK;	/* the header says: one exact evaluation */
	if (!wanted) {
		*note = "left out (--no-sense)";
		return STATUS_OK;
	}
	if (cr->result.stopped) {
		*note = "not computed: the run was interrupted";
		return STATUS_OK;
	}
	bool outside_sweeps = false;	/* what sense_run looks at */
	for (unsigned i = 0; i < cr->result.nreports; i++)
		outside_sweeps |= !cr->result.reports[i].sweep;
	if (!outside_sweeps)
		return STATUS_OK;
	struct run_options so = *o;	/* the run's seed (it ran with o) */
	so.have_draws = true;
	so.draws = draws ? draws : cr->result.draws < SENSE_REPORT_DRAWS ? cr->result.draws
									 : SENSE_REPORT_DRAWS;
	int st = cli_with_progress(cr, &so, run_sense, j);
	if (j->st == SENSE_OK && j->res.stopped) {
		*note = "not computed: interrupted";
		j->st = SENSE_NOTHING;
		j->stopped = true;
		return STATUS_INTERRUPTED;
	}
	if (j->st == SENSE_RUN_FAILED) {
		fprintf(stderr, "scen report: the sensitivity analysis failed (--no-sense "
			"leaves it out)\n");
		return st;
	}
	if (j->st != SENSE_OK)	/* SENSE_NOTHING: no input (no `~` the reports use) */
		*note = "no uncertain input to move";
	return STATUS_OK;
}

/* The page of cr's run, to outpath (rw) or, for "-", to stdout. */
static int write_page(const struct session *cr, const struct sensing *j, const char *note,
		      const char *outpath, struct rewrite *rw)
{
	char *page = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&page, &len);
	if (!mem) {
		fprintf(stderr, "scen report: out of memory\n");
		return STATUS_IO;
	}
	report_html(mem, &cr->result, j->st == SENSE_OK ? &j->res : NULL, note);
	int st = STATUS_OK;
	if (fclose(mem) != 0) {
		fprintf(stderr, "scen report: out of memory\n");
		st = STATUS_IO;
	} else if (strcmp(outpath, "-") == 0) {
		fwrite(page, 1, len, stdout);	/* checked as scen ends (closeout.h) */
	} else if (rewrite_file(rw, outpath, page, len) != 0) {
		fprintf(stderr, "scen report: cannot write '%s': %s\n", outpath, rw->why);
		st = STATUS_IO;
	} else {
		const struct run_result *r = &cr->result;
		unsigned n = 0;	/* reports, a sweep's rows counted once */
		for (unsigned i = 0; i < r->nreports; n++)
			i = r->reports[i].sweep ? sweep_end(r, i) : i + 1;
		printf("%s: %u report%s%s\n", outpath, n, n == 1 ? "" : "s",
		       r->stopped ? " (interrupted: only the draws made)"
		       : j->stopped ? " (interrupted: without the sensitivity)" : "");
	}
	free(page);
	return st;
}

int cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_RUN_LONGOPTS,
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "no-sense", no_argument, NULL, 'S' },
		{ "sense-draws", required_argument, NULL, 'D' },
		CLI_SET_LONGOPT,
		{ NULL, 0, NULL, 0 },
	};
	struct run_options o = { 0 };
	const char *output = NULL;
	bool force = false, sense = true;
	uint64_t sense_draws = 0;	/* 0: the default */
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS "o:", longopts, NULL)) != -1) {
		if ((st = cli_run_option("report", c, optarg, &o)) >= 0) {
			if (st)
				return st;
			continue;
		}
		switch (c) {
		case 'o': output = optarg; break;
		case 'F': force = true; break;
		case 'S': sense = false; break;
		case 'D':
			if (!parse_count(optarg, &sense_draws, 1, SCEN_MAX_DRAWS))
				return cli_usage_error("report", "--sense-draws needs "
						       SCEN_DRAWS_RANGE);
			break;
		case 'V':
			if ((st = cli_add_override("report", optarg)))
				return st;
			break;
		default: return cli_usage_error("report", "bad option");
		}
	}
	if (!sense && sense_draws)
		return cli_usage_error("report", "--no-sense leaves out what --sense-draws is for");
	if (optind >= argc)
		return cli_usage_error("report", "missing FILE");
	if (optind + 1 != argc)
		return cli_usage_error("report", "one FILE at a time (a page per file)");
	const char *path = argv[optind];
	char *outpath = output ? xstrdup(output)
			       : cli_default_output(path, "report", ".html");
	bool to_stdout = strcmp(outpath, "-") == 0;
	if (force && to_stdout) {
		free(outpath);
		return cli_usage_error("report", "--force is for a file (-o - writes to stdout)");
	}
	/* before the run, which may be long */
	struct rewrite rw = { .force = force, .force_hint = "--force" };
	if (!to_stdout && rewrite_check(&rw, outpath) != 0) {
		fprintf(stderr, "scen report: cannot write '%s': %s\n", outpath, rw.why);
		free(outpath);
		return STATUS_IO;
	}
	struct session cr = { .loaded = false };
	struct sensing j = { .st = SENSE_NOTHING };
	const char *note = NULL;
	st = cli_run_file(&cr, path, &o);
	int sense_st = st == 0 ? sense_of_run(&cr, &o, sense, sense_draws, &j, &note) : st;
	if (st == 0 && sense_st != STATUS_ERRORS) {
		st = write_page(&cr, &j, note, outpath, &rw);
		if (st == 0 && (cr.result.stopped || sense_st == STATUS_INTERRUPTED))
			st = STATUS_INTERRUPTED;
	} else if (st == 0) {
		st = sense_st;
	}
	sense_result_free(&j.res);
	session_free(&cr);
	free(outpath);
	return st;
}
