/*
** cmd_sense.c: `scen sense FILE [REPORT...] [--report R]... [--vary NAME.ATTR[=LO:HI]]...
** [--set NAME.ATTR=VALUE]... [--format text|json|csv|markdown|latex] [--plot OUT]
** [--spider OUT] [--mono]` and the run options: what each report's verdicts hinge on
** (interp/sense.h, docs/sense.md). --plot draws the tornado, --spider the shares by
** decile, both from the one run (the expensive part); --mono is scen plot's (black and
** white). argv only. With `--shard I/N [-o PARTIAL [--force]]`: only shard I of N of
** the run's blocks of draws, its totals written as a partial (report/partial.h) that
** `scen merge` adds up into the report of the whole run (docs/shards.md).
*/
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/model.h"
#include "cli/cli.h"
#include "cli/swept.h"
#include "parser/ast.h"
#include "interp/sense.h"
#include "report/partial.h"
#include "report/plot.h"
#include "report/report.h"
#include "util/rewrite.h"

/* A number of the command line: "0.2", "20%" (a percent: 0.2); false when it is not. */
static bool parse_number(const char *s, const char *end, double *out)
{
	char buf[64];
	size_t n = (size_t)(end - s);
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	bool pct = buf[n - 1] == '%';
	if (pct)
		buf[--n] = '\0';
	char *stop;
	errno = 0;
	double v = strtod(buf, &stop);
	if (n == 0 || *stop || errno || !isfinite(v))
		return false;
	*out = pct ? v / 100 : v;
	return true;
}

/* NAME.ATTR or NAME.ATTR=LO:HI into v (the label is cut out of arg, which it keeps). */
static int parse_vary(char *arg, struct sense_vary *v)
{
	char *eq = strchr(arg, '=');
	*v = (struct sense_vary){ .label = arg };
	if (!eq)
		return 0;
	*eq = '\0';
	const char *lo = eq + 1, *colon = strchr(lo, ':');
	if (!colon || !parse_number(lo, colon, &v->lo) ||
	    !parse_number(colon + 1, colon + 1 + strlen(colon + 1), &v->hi))
		return cli_usage_error("sense", "--vary %s=LO:HI needs two numbers (0.2:0.6 or "
				       "20%%:60%%), not '%s'", arg, eq + 1);
	v->have_range = true;
	return 0;
}

struct job {
	struct sense_options so;
	struct sense_result res;
	struct sense_totals shard;	/* --shard: its totals, not res */
	enum sense_status st;
};

static int run_sense(struct session *s, const struct run_options *o, void *arg)
{
	struct job *j = arg;
	j->st = o->shard_count ? sense_run_shard(s->it, &j->so, o, &j->shard, &s->sink)
			       : sense_run(s->it, &j->so, o, &j->res, &s->sink);
	return j->st == SENSE_OK ? STATUS_OK : j->st == SENSE_RUN_FAILED ? STATUS_ERRORS
									  : STATUS_USAGE;
}

/* ---- reports inside sweeps: what sense does not rank ---- */

/* The error at report r of sweep sw (why: the message), and a note at the sweep saying
** what to do instead (docs/sense.md, "Reports inside sweeps"). Returns STATUS_ERRORS. */
static int swept_error(struct session *s, const char *file, const struct ast_node *r,
		       const struct ast_node *sw, const char *why)
{
	const struct srcfile *f = &s->prog.model->main->ast.src;
	const struct ast_node *sw2 = sw->u.sweep.second;
	struct span a = sw->u.sweep.target->span, b = sw2 ? sw2->u.sweep.target->span : a;
	int na = (int)(a.end - a.start), nb = (int)(b.end - b.start);
	const char *ta = f->text + a.start, *tb = f->text + b.start;
	struct span at = { sw->span.start, sw->span.start + (uint32_t)strlen("sweep") };
	char text[400];
	swept_report_text(r, text, sizeof text);
	struct diag *d = diag_error(&s->sink, f, r->span, "%s", why);
	if (r->u.report.what != REPORT_SETTLEMENT)
		diag_note(&s->sink, d, f, at, "write `report %s` outside the sweep as well, and "
			  "`scen sense` ranks its inputs; the %s stays for `scen run` and `scen "
			  "plot`", text, sw2 ? "map" : "sweep");
	else if (!sw2)
		diag_note(&s->sink, d, f, at, "write `report %s` outside the sweep as well, and "
			  "`scen sense` ranks its inputs; `scen flip %s %.*s` then finds where "
			  "along %.*s its verdict changes; the sweep stays for `scen run` and "
			  "`scen plot`", text, file, na, ta, na, ta);
	else
		diag_note(&s->sink, d, f, at, "write `report %s` outside the map as well, and "
			  "`scen sense` ranks its inputs; `scen flip %s %.*s` (or %.*s) then finds "
			  "where along it its verdict changes; the map stays for `scen run` and "
			  "`scen plot`", text, file, na, ta, nb, tb);
	return STATUS_ERRORS;
}

/* Before the run: a file whose reports are all inside sweeps leaves sense nothing to
** rank (the file's own reports are what it ranks: interp/sense.h), an error at the first
** of them. 0 when the file has a report outside sweeps, or none at all (then every
** conflict is reported). */
static int swept_only(struct session *s, const char *file)
{
	const struct ast_node *items = s->prog.model->main->ast.items, *sw;
	for (const struct ast_node *i = items; i; i = i->next)
		if (i->kind == AST_REPORT)
			return 0;
	const struct ast_node *r = swept_report(items, NULL, false, &sw);
	if (!r)
		return 0;
	return swept_error(s, file, r, sw, "`scen sense` ranks the inputs of reports outside "
			   "sweeps, and every report of this file is inside one");
}

/* The usage error of a status other than SENSE_OK and SENSE_RUN_FAILED. */
static int sense_error(const struct job *j, const char *file, const struct model *model)
{
	const struct sense_vary *v = j->so.nvary ? &j->so.vary[j->so.bad] : NULL;
	const char *l = v ? v->label : "";
	switch (j->st) {
	case SENSE_BAD_LABEL:
		return cli_usage_error("sense", "--vary '%s' is not NAME.ATTR or a let", l);
	case SENSE_CONFLICT_ATTR:
		return cli_conflict_attr_error("sense", l, file, model);
	case SENSE_NO_OWNER:
		return cli_usage_error("sense", "--vary %s: no actor or item '%.*s' in %s", l,
				       (int)(strchr(l, '.') - l), l, file);
	case SENSE_NO_ATTR:
		return cli_usage_error("sense", "--vary %s: '%.*s' has no attribute '%s' (see "
				       "scen attrs)", l, (int)(strchr(l, '.') - l), l,
				       strchr(l, '.') + 1);
	case SENSE_NOT_NUMBER:
		return cli_usage_error("sense", "--vary %s: not a number: only a numeric "
				       "attribute can be varied", l);
	case SENSE_DRAWN:
		return cli_usage_error("sense", "--vary %s: it is uncertain (`~`): it is swung "
				       "between its 5%% and 95%% quantiles already", l);
	case SENSE_NO_VALUE:
		return cli_usage_error("sense", "--vary %s: its value is not a fixed nonzero "
				       "number, so ±25%% of it is no range: give one, --vary "
				       "%s=LO:HI", l, l);
	case SENSE_BAD_RANGE:
		if (!(v->lo < v->hi))
			return cli_usage_error("sense", "--vary %s=%g:%g: LO must be below HI", l,
					       v->lo, v->hi);
		if (isinf(j->so.valid_hi))
			return cli_usage_error("sense", "--vary %s=%g:%g: outside its valid range, "
					       "%g and above (see scen attrs)", l, v->lo, v->hi,
					       j->so.valid_lo);
		return cli_usage_error("sense", "--vary %s=%g:%g: outside its valid range, %g "
				       "to %g (see scen attrs)", l, v->lo, v->hi, j->so.valid_lo,
				       j->so.valid_hi);
	case SENSE_NOTHING:
		return cli_usage_error("sense", "%s has no uncertain value (`~`) and nothing "
				       "was given to vary: name a fixed attribute with --vary "
				       "NAME.ATTR[=LO:HI]", file);
	case SENSE_NO_REPORT:
		return cli_usage_error("sense", "no report '%s' in %s", j->so.reports[j->so.bad],
				       file);
	case SENSE_OK:
	case SENSE_RUN_FAILED:
	case SENSE_BAD_TOTALS:	/* scen merge's */
		break;
	}
	return STATUS_ERRORS;
}

/* SENSE_NO_REPORT: a REPORT named that the file has only inside a sweep (an error at
** it), or not at all (a usage error). */
static int named_error(struct session *s, const struct job *j, const char *file)
{
	const char *want = j->so.reports[j->so.bad];
	const struct ast_node *sw, *r = swept_report(s->prog.model->main->ast.items, want, false, &sw);
	if (!r)
		return sense_error(j, file, s->prog.model);
	char why[512];
	snprintf(why, sizeof why, "`scen sense` ranks the inputs of reports outside sweeps, "
		 "and this file has '%s' only inside one", want);
	return swept_error(s, file, r, sw, why);
}

/* The tornado (spider false) or the spider drawn into path by gnuplot
** (report/sense_plot.c); a spider with nothing to draw is an error (1), as scen plot's. */
static int draw_plot(const struct sense_result *res, const char *path, bool spider,
		     const struct plot_style *style, const char *file)
{
	char *script = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&script, &len);
	if (!f) {
		fprintf(stderr, "scen: out of memory\n");
		return STATUS_IO;
	}
	unsigned panels = 1;
	if (spider)
		panels = plot_spider_script(f, res, style);
	else
		plot_tornado_script(f, res, style);
	int st = fclose(f) == 0 ? STATUS_OK : STATUS_IO;
	if (st != STATUS_OK)
		fprintf(stderr, "scen: out of memory\n");
	else if (panels == 0) {
		fprintf(stderr, "scen sense: %s: nothing to plot for --spider: %s\n", file,
			res->nuncertain ? "a single draw has no deciles" : "the deciles are of "
			"uncertain inputs (`~`) only, and it has none");
		st = STATUS_ERRORS;
	} else
		st = plot_run_gnuplot(script, path, false);
	free(script);
	return st;
}

/* ---- `scen sense FILE --shard I/N [-o PARTIAL]` ---- */

/* The body of the shard's partial: the options that make the run, and its totals. */
static int write_sense(FILE *out, const struct partial_head *h, void *job)
{
	struct job *j = job;
	struct partial_sense ps = { .vary = (struct sense_vary *)j->so.vary,
				    .nvary = j->so.nvary, .reports = (char **)j->so.reports,
				    .nreports = j->so.nreports, .t = j->shard };
	return partial_write_sense(out, h, &ps);
}

/* What --shard and -o rule out, checked before the run (the usage error, else 0). */
static int shard_usage(const struct run_options *o, const char *output,
		       const struct rewrite *rw, bool report_options)
{
	if (o->shard_count && report_options)
		return cli_usage_error("sense", "a shard writes a partial, not a report: "
				       "--format is for `scen merge`, --plot and --spider for "
				       "`scen sense` of the whole run");
	return cli_shard_usage("sense", o, output, rw);
}

/* A plot's output name (--plot, --spider), checked before the run. */
static bool plot_name_ok(const char *opt, const char *path)
{
	if (!path || plot_format_of(path) != PLOT_UNKNOWN)
		return true;
	cli_usage_error("sense", "--%s writes .svg, .png or .pdf, not '%s'", opt, path);
	return false;
}

int cmd_sense(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_RUN_LONGOPTS,
		{ "vary", required_argument, NULL, 'v' },
		{ "report", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "plot", required_argument, NULL, 'p' },
		{ "spider", required_argument, NULL, 'D' },
		{ "mono", no_argument, NULL, 'M' },
		CLI_SHARD_LONGOPTS,
		CLI_SET_LONGOPT,
		{ NULL, 0, NULL, 0 },
	};
	static struct sense_vary vary[SENSE_MAX_VARY];
	static const char *named[SENSE_MAX_VARY];	/* --report R, then REPORT... */
	unsigned nnamed = 0;
	struct job j = { .so = { .vary = vary, .reports = named } };
	struct run_options o = { 0 };
	const char *format = NULL, *plot = NULL, *spider = NULL, *output = NULL;
	struct rewrite rw = { .force_hint = "--force" };
	struct plot_style style = { 0 };
	int c, st;
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS "f:o:", longopts, NULL)) != -1) {
		if ((st = cli_run_option("sense", c, optarg, &o)) >= 0) {
			if (st)
				return st;
			continue;
		}
		switch (c) {
		case 'v':
			if (j.so.nvary == SENSE_MAX_VARY)
				return cli_usage_error("sense", "--vary: at most %d", SENSE_MAX_VARY);
			if ((st = parse_vary(optarg, &vary[j.so.nvary++])))
				return st;
			break;
		case 'r':
			if (nnamed == SENSE_MAX_VARY)
				return cli_usage_error("sense", "--report: at most %d", SENSE_MAX_VARY);
			named[nnamed++] = optarg;
			break;
		case 'f':
			if ((st = cli_format_option("sense", optarg, &format)))
				return st;
			break;
		case 'p': plot = optarg; break;
		case 'D': spider = optarg; break;
		case 'M': style.mono = true; break;
		case 'S':
			if (!partial_parse_shard(optarg, &o.shard_index, &o.shard_count))
				return cli_usage_error("sense", "--shard needs I/N, 1 <= I <= N <= "
						       "1048576");
			break;
		case 'o': output = optarg; break;
		case 'F': rw.force = true; break;
		case 'V':
			if ((st = cli_add_override("sense", optarg)))
				return st;
			break;
		default: return cli_usage_error("sense", "bad option");
		}
	}
	if ((st = shard_usage(&o, output, &rw, format || plot || spider)))
		return st;
	if (!format)
		format = "text";
	if (!plot_name_ok("plot", plot) || !plot_name_ok("spider", spider))
		return STATUS_USAGE;
	if (style.mono && !plot && !spider)
		return cli_usage_error("sense", "--mono is for --plot or --spider (it draws them "
				       "in black and white)");
	if (optind >= argc)
		return cli_usage_error("sense", "missing FILE");
	const char *file = argv[optind];
	for (int i = optind + 1; i < argc; i++) {
		if (nnamed == SENSE_MAX_VARY)
			return cli_usage_error("sense", "at most %d reports", SENSE_MAX_VARY);
		named[nnamed++] = argv[i];
	}
	j.so.nreports = nnamed;
	struct session s = { .unfolded = j.so.nvary > 0 };
	if (output && rewrite_check(&rw, output) != 0) {	/* before the run, which may be long */
		fprintf(stderr, "scen sense: cannot write '%s': %s\n", output, rw.why);
		return STATUS_IO;
	}
	st = cli_load_file(&s, file, &o);
	if (st == STATUS_OK && nnamed == 0)
		st = swept_only(&s, file);
	if (st == STATUS_OK) {
		st = cli_with_progress(&s, &o, run_sense, &j);
		if (j.st == SENSE_OK && o.shard_count) {
			if (st == STATUS_OK && o.stop && *o.stop) {
				fprintf(stderr, "scen sense: interrupted: shard %u/%u not written\n",
					o.shard_index, o.shard_count);
				st = STATUS_INTERRUPTED;
			}
			if (st == STATUS_OK)
				st = cli_write_partial("sense", file, output, &rw, &o, &s,
						       sense_blocks(s.it, &o), write_sense, &j);
		} else if (j.st == SENSE_OK) {
			struct run_result prov = { .seed = j.res.seed, .draws = j.res.draws,
						   .stopped = j.res.stopped,
						   .files = s.prog.files };
			cli_override_provenance(&prov);
			report_sense(stdout, &j.res, format, &prov);
			if (plot)
				st = draw_plot(&j.res, plot, false, &style, file);
			if (spider && st == STATUS_OK)
				st = draw_plot(&j.res, spider, true, &style, file);
			if (st == STATUS_OK && j.res.stopped)
				st = STATUS_INTERRUPTED;
		} else if (j.st == SENSE_NO_REPORT) {
			st = named_error(&s, &j, file);
		} else if (j.st != SENSE_RUN_FAILED) {
			st = sense_error(&j, file, s.prog.model);
		}
	}
	sense_result_free(&j.res);
	sense_totals_free(&j.shard);
	session_free(&s);
	return st;
}
