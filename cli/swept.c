/*
** swept.c: reports inside sweeps (swept.h).
*/
#include "cli/swept.h"

#include <stdio.h>
#include <string.h>

const char *swept_report_text(const struct ast_node *r, char *buf, size_t size)
{
	const char *a = r->u.report.a.text;
	switch (r->u.report.what) {
	case REPORT_SETTLEMENT:
		snprintf(buf, size, "settlement %s vs %s", a, r->u.report.b.text);
		break;
	case REPORT_PROVOCATION: snprintf(buf, size, "provocation by %s", a); break;
	case REPORT_MEDIATION: snprintf(buf, size, "mediation %s", a); break;
	}
	return buf;
}

/* Whether a REPORT of the command line names text: all of it, or what follows its
** kind ("gov vs reb"), as sense_run and flip_find match them. */
static bool names_report(const char *want, const char *text)
{
	const char *sp = strchr(text, ' ');
	return strcmp(want, text) == 0 || (sp && strcmp(want, sp + 1) == 0);
}

const struct ast_node *swept_report(const struct ast_node *items, const char *want,
				    bool settlement, const struct ast_node **sweep)
{
	char text[400];
	for (const struct ast_node *i = items; i; i = i->next) {
		if (i->kind != AST_SWEEP)
			continue;
		for (const struct ast_node *r = i->u.sweep.reports; r; r = r->next) {
			if (r->kind != AST_REPORT ||
			    (settlement && r->u.report.what != REPORT_SETTLEMENT))
				continue;
			if (!want || names_report(want, swept_report_text(r, text, sizeof text))) {
				*sweep = i;
				return r;
			}
		}
	}
	return NULL;
}

const struct swept_words swept_flip_words = { "`scen flip`", "of this file",
					      "`scen run` and `scen plot`" };
const struct swept_words swept_repl_words = { "`:flip`", "in the model", "`:report`" };

bool swept_flip_error(struct diag_sink *sink, const struct srcfile *f,
		      const struct ast_node *items, const char *report,
		      const struct swept_words *w)
{
	const struct ast_node *sw, *r = swept_report(items, report, true, &sw);
	if (!r)
		return false;
	char text[400];
	swept_report_text(r, text, sizeof text);
	struct diag *d = report
		? diag_error(sink, f, r->span, "%s searches settlement reports outside sweeps, "
			     "and this file has '%s' only inside one", w->cmd, report)
		: diag_error(sink, f, r->span, "%s searches settlement reports outside sweeps, "
			     "and every one %s is inside one", w->cmd, w->of_model);
	const char *what = sw->u.sweep.second ? "map" : "sweep";
	struct span at = { sw->span.start, sw->span.start + (uint32_t)strlen("sweep") };
	diag_note(sink, d, f, at, "write `report %s` outside the %s as well, and %s searches "
		  "it; the %s stays for %s", text, what, w->cmd, what, w->runs_sweeps);
	return true;
}
