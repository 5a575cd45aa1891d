/*
** html.c: `scen report`: a run as one self-contained HTML page, to share with people who
** do not run scen (docs/workflows.md, "A shared report"). In order: the scenario's title
** and file; a list of the reports; each report (or sweep) in a <section data-report=...>
** with its table of measures (table.c, the CSV's names), a sweep's chart (svg.c; a map's
** grid is that of its text report) and the
** text report itself (verdicts, causes, quantities and the arithmetic, as `scen run`
** prints them); the run's notes; the source as it ran; and the provenance in the footer
** (provenance.h). Nothing is loaded from elsewhere: the styles are inline, the charts
** inline SVG, no script, and the page's Content-Security-Policy forbids every fetch,
** so it reads the same from a mail attachment with no network. The styles fit a phone's
** width (viewport, tables and text that scroll sideways) and print (no navigation, no
** grey backgrounds, nothing cut across pages where it can be helped).
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report/provenance.h"
#include "report/report.h"

void report_html_text(FILE *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
}

static const char style[] =
	":root{--fg:#1b1b1b;--muted:#555;--rule:#ccc}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0 auto;max-width:62rem;padding:1rem;color:var(--fg);background:#fff;"
	"font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif}\n"
	"h1{font-size:1.6rem;margin:.2rem 0}\n"
	"h2{font-size:1.2rem;margin:2.2rem 0 .6rem;border-bottom:1px solid var(--rule)}\n"
	".sub{color:var(--muted);margin:.2rem 0}\n"
	"pre{overflow-x:auto;font:13px/1.35 ui-monospace,\"DejaVu Sans Mono\",monospace;"
	"background:#f6f6f6;padding:.6rem;border-radius:4px}\n"
	/* a scroll container shows a shadow at an edge with more beyond it (the
	** backgrounds that cover the shadows scroll with the content, the shadows not) */
	".scroll{overflow-x:auto;background:linear-gradient(to right,#fff 30%,#fff0),"
	"linear-gradient(to left,#fff 30%,#fff0) 100% 0,radial-gradient(farthest-side at 0 50%,"
	"#0003,#0000),radial-gradient(farthest-side at 100% 50%,#0003,#0000) 100% 0;"
	"background-repeat:no-repeat;background-size:2.5rem 100%,2.5rem 100%,.8rem 100%,"
	".8rem 100%;background-attachment:local,local,scroll,scroll}\n"
	"table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums;"
	"margin:.4rem 0}\n"
	/* the section's heading says what the caption says: kept for screen readers */
	"caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
	"white-space:nowrap}\n"
	"td{padding:.12rem .6rem;border-bottom:1px solid #eee;text-align:right;"
	"white-space:nowrap}\n"
	"td:first-child{text-align:left}\n"
	"thead td{font-weight:600;border-bottom:1px solid var(--fg)}\n"
	"figure{margin:1rem 0}\n"
	"svg.chart{display:block;width:100%;max-width:36rem;height:auto}\n"
	"svg.tornado{display:block;width:100%;max-width:36rem;height:auto;margin:.6rem 0}\n"
	"h3{font-size:1.02rem;margin:1.6rem 0 .2rem}\n"
	".legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;"
	"gap:.2rem 1.2rem;font-size:.85rem}\n"
	".legend svg{vertical-align:middle;margin-right:.35rem}\n"
	".note{color:var(--muted)}\n"
	"footer{margin-top:3rem;border-top:2px solid var(--fg);font-size:.85rem}\n"
	"footer dt{font-weight:600}\nfooter dd{margin:0 0 .4rem 0}\n"
	"code{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace}\n"
	".hash{word-break:break-all}\n"
	"table.files td{white-space:normal;text-align:left;overflow-wrap:anywhere}\n"
	"@media (max-width:40rem){body{padding:.6rem;font-size:15px}pre{font-size:11px}"
	"svg.chart .axes text{font-size:16px}svg.chart text.minor{display:none}}\n"
	".print-only{display:none}\n"
	/* Printed: no navigation; a page break before each report and the source; paper
	** does not scroll, so a table of five columns or more (a sweep's) takes the page's
	** width in equal columns whose cells wrap, one too wide for any page (a map's, a
	** long sweep's: the section says so) is left to the screen, and the text reports
	** are small enough for their 100 columns and wrap where they do not fit. Charts,
	** legends, table rows and short texts are not cut across pages. */
	"@media print{nav,.screen-only{display:none}.print-only{display:block}"
	"body{max-width:none;padding:0;font-size:10pt}"
	"section.report+section.report,#source{break-before:page}"
	".scroll{overflow:visible;background:none}"
	"table:has(thead td:nth-child(5)){table-layout:fixed;width:100%;font-size:7.5pt}"
	"table:has(thead td:nth-child(5)) td{white-space:normal;overflow-wrap:anywhere;"
	"padding:.1rem .2rem}table:has(thead td:nth-child(5)) td:first-child{width:22%}"
	"pre{white-space:pre-wrap;overflow:visible;overflow-wrap:anywhere;font-size:7.5pt;"
	"background:none;border:1px solid var(--rule)}"
	"h2,h3,.sense-head{break-after:avoid}figure,svg,tr,.legend,pre.text,pre.sense,"
	".sense-head{break-inside:avoid}figure.tornado{break-inside:auto}"
	"a{color:inherit;text-decoration:none}}\n";

/* Reports i..end as the text report prints them, in a <pre>. */
static void pre(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return;
	const struct report_result *rep = &r->reports[i];
	if (rep->sweep)
		report_sweep_text(mem, r, i, end);
	else if (rep->kind == RK_MEDIATION)
		report_mediation_text(mem, r, rep);
	else if (rep->kind == RK_PROVOCATION)
		report_game_text(mem, r, rep);
	else
		report_settlement_text(mem, r, rep);
	if (fclose(mem) == 0) {
		fputs("<pre class=\"text\">", out);
		report_html_text(out, buf);
		fputs("</pre>\n", out);
	}
	free(buf);
}

static void head(FILE *out, const struct run_result *r, const char *name)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'\">\n<meta name=\"generator\" content=\"scen "
	      PACKAGE_VERSION "\">\n<title>", out);
	report_html_text(out, name);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", style);
	report_html_text(out, name);
	fputs("</h1>\n<p class=\"sub\">", out);
	report_html_text(out, r->files ? r->files->path : "");
	char count[32];
	if (r->uncertain)	/* counts as the text prints them: 100,000 */
		fprintf(out, " · %s draws, seed %llu", report_count(count, sizeof count, r->draws),
			(unsigned long long)r->seed);
	else
		fputs(" · no uncertain values: one exact evaluation", out);
	fputs("</p>\n</header>\n", out);
}

/* The caption of reports i..: the report, and for a sweep its attribute. */
static void caption(FILE *out, const struct report_result *rep)
{
	report_html_text(out, rep->what);
	if (rep->sweep) {
		fputs(rep->sweep2 ? ", map of " : ", sweep of ", out);
		report_html_text(out, rep->sweep);
	}
	if (rep->sweep2) {
		fputs(" and ", out);
		report_html_text(out, rep->sweep2);
	}
}

static void contents(FILE *out, const struct run_result *r)
{
	fputs("<nav>\n<h2>Reports</h2>\n<ul>\n", out);
	for (unsigned i = 0, n = 1; i < r->nreports; n++) {
		unsigned end = r->reports[i].sweep ? sweep_end(r, i) : i + 1;
		fprintf(out, "<li><a href=\"#report-%u\">", n);
		caption(out, &r->reports[i]);
		fputs("</a></li>\n", out);
		i = end;
	}
	fputs("</ul>\n</nav>\n", out);
}

/* The sensitivity of report j of sense (interp/sense.h): its tornado (svg.c), then the
** text `scen sense` prints for it (the tornado with the causes, the first-order
** indices, the shares by decile). */
static void sensitivity(FILE *out, const struct run_result *r, const struct sense_result *sense,
			unsigned j)
{
	unsigned long long n = (unsigned long long)sense->draws;
	fprintf(out, "<div class=\"sense\" data-seed=\"%llu\" data-draws=\"%llu\">\n"
		"<div class=\"sense-head\">\n<h3>What it hinges on</h3>\n<p class=\"sub\">Each "
		"uncertain input held at its "
		"%g%% and at its %g%% quantile, every other as drawn, on ",
		(unsigned long long)sense->seed, n, 100 * SENSE_LO, 100 * SENSE_HI);
	char count[32], all[32];
	report_count(count, sizeof count, n);
	if (sense->draws < r->draws)
		fprintf(out, "the first %s of the run's %s draws", count,
			report_count(all, sizeof all, r->draws));
	else if (sense->draws == r->draws)
		fprintf(out, "the run's %s draws", count);
	else
		fprintf(out, "%s draws with the run's seed", count);
	fprintf(out, " (<code>scen sense %s--draws %llu</code>).</p>\n</div>\n",
		r->files ? "FILE " : "", n);
	report_svg_tornado(out, sense, j);
	struct sense_result one = *sense;	/* the text of this report alone */
	one.reports = &sense->reports[j];
	one.nreports = 1;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem) {
		report_sense(mem, &one, "text", NULL);
		if (fclose(mem) == 0) {
			fputs("<pre class=\"sense\">", out);
			report_html_text(out, buf);
			fputs("</pre>\n", out);
		}
	}
	free(buf);
	fputs("</div>\n", out);
}

/* The index in sense of report rep (sense's reports are the file's own outside sweeps,
** in order, as the run's first reports; *next is the one to try), or -1. */
static int sense_index_of(const struct sense_result *sense, const struct report_result *rep,
			  unsigned *next)
{
	if (!sense || rep->sweep || *next >= sense->nreports ||
	    strcmp(sense->reports[*next].r.what, rep->what) != 0)
		return -1;
	return (int)(*next)++;
}

/* The most rows of a sweep (or cells of a map) whose table, a column each, is printed:
** 13 columns of "100.0% ± 0.00%" at 7.5pt in an A4 page's width. */
enum { PRINT_MAX_ROWS = 12 };

static void section(FILE *out, const struct run_result *r, unsigned i, unsigned end,
		    unsigned n, const struct sense_result *sense, int j)
{
	const struct report_result *rep = &r->reports[i];
	fprintf(out, "<section class=\"report\" id=\"report-%u\" data-kind=\"%s\" data-report=\"",
		n, report_kind_name(rep));
	report_html_text(out, rep->what);
	if (rep->sweep) {
		fputs("\" data-sweep=\"", out);
		report_html_text(out, rep->sweep);
	}
	if (rep->sweep2) {
		fputs("\" data-sweep2=\"", out);
		report_html_text(out, rep->sweep2);
	}
	fputs("\">\n<h2>", out);
	caption(out, rep);
	fputs("</h2>\n", out);
	if (rep->sweep && !rep->sweep2)	/* a map's grid is in its text report */
		report_svg_sweep(out, r, i, end);
	if (end - i > PRINT_MAX_ROWS) {	/* its columns: a measure's, then one per row */
		fprintf(out, "<p class=\"print-only note\">Its table of %u columns does not fit "
			"a page: see it on screen, or in <code>scen run --format csv</code>.</p>\n"
			"<div class=\"screen-only\">\n", end - i + 1);
		report_html_table(out, r, i, end);
		fputs("</div>\n", out);
	} else {
		report_html_table(out, r, i, end);
	}
	pre(out, r, i, end);
	if (j >= 0)
		sensitivity(out, r, sense, (unsigned)j);
	fputs("</section>\n", out);
}

static void notes(FILE *out, const struct run_result *r)
{
	for (unsigned i = 0; i < r->nclamps; i++) {
		fputs("<p class=\"note\">note: <code>", out);
		report_html_text(out, r->clamps[i].label);
		char where[96];
		fprintf(out, "</code> was %s and clamped into it</p>\n",
			report_clamp_where(where, sizeof where, r, i));
	}
	if (r->stopped)
		fputs("<p class=\"note\"><strong>interrupted:</strong> these results cover only "
		      "the draws made</p>\n", out);
}

/* The main file's text as it ran (with --set, edited), and the overrides. */
static void source(FILE *out, const struct run_result *r)
{
	if (!r->files)
		return;
	fputs("<section id=\"source\">\n<h2>Source: <code>", out);
	report_html_text(out, r->files->path);
	fputs("</code></h2>\n", out);
	if (r->nset) {
		fputs("<p>as run, with ", out);
		for (unsigned i = 0; i < r->nset; i++) {
			fputs(i ? ", <code>--set " : "<code>--set ", out);
			report_html_text(out, r->set[i]);
			fputs("</code>", out);
		}
		fputs("</p>\n", out);
	}
	fputs("<pre class=\"source\">", out);
	report_html_text(out, r->files->ast.src.text);
	fputs("</pre>\n</section>\n", out);
}

static void footer(FILE *out, const struct run_result *r)
{
	char digest[65], hash[65];
	provenance_digest(r, digest);
	fputs("<footer id=\"provenance\">\n<h2>Provenance</h2>\n<dl>\n<dt>scen</dt><dd>"
	      PACKAGE_VERSION "</dd>\n", out);
	fprintf(out, "<dt>seed</dt><dd>%llu</dd>\n<dt>draws</dt><dd>%llu</dd>\n"
		"<dt>digest of the results</dt><dd><code class=\"hash\">%s</code> (SHA-256 of "
		"<code>scen run --format csv</code>'s table)</dd>\n<dt>files</dt><dd>\n"
		"<div class=\"scroll\"><table class=\"files\">\n<thead><tr><td>path</td>"
		"<td>SHA-256</td></tr></thead>\n<tbody>\n", (unsigned long long)r->seed,
		(unsigned long long)r->draws, digest);
	for (const struct loaded_file *f = r->files; f; f = f->next) {
		provenance_file_sha256(r, f, hash);
		fputs("<tr><td><code>", out);
		report_html_text(out, f->path);
		fprintf(out, "</code></td><td><code class=\"hash\">%s</code></td></tr>\n", hash);
	}
	fputs("</tbody>\n</table></div>\n</dd>\n", out);
	for (unsigned i = 0; i < r->nset; i++) {
		fputs(i ? "" : "<dt>overrides</dt>\n", out);
		fputs("<dd><code>--set ", out);
		report_html_text(out, r->set[i]);
		fputs("</code></dd>\n", out);
	}
	fputs("</dl>\n</footer>\n", out);
}

void report_html(FILE *out, const struct run_result *r, const struct sense_result *sense,
		 const char *sense_note)
{
	const char *name = *r->title ? r->title : r->files ? r->files->path : "scen report";
	head(out, r, name);
	contents(out, r);
	fputs("<main>\n", out);
	unsigned next = 0;
	for (unsigned i = 0, n = 1; i < r->nreports; n++) {
		unsigned end = r->reports[i].sweep ? sweep_end(r, i) : i + 1;
		section(out, r, i, end, n, sense, sense_index_of(sense, &r->reports[i], &next));
		i = end;
	}
	if (sense_note) {
		fputs("<p class=\"note\">sensitivity: ", out);
		report_html_text(out, sense_note);
		fputs("</p>\n", out);
	}
	notes(out, r);
	source(out, r);
	fputs("</main>\n", out);
	footer(out, r);
	fputs("</body>\n</html>\n", out);
}
