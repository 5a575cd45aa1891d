/*
** swept.h: reports inside sweeps, which `scen sense` and `scen flip` do not take (they
** search the file's own reports): finding them, to say so at them (cli/cmd_sense.c,
** cli/cmd_flip.c, the REPL's :flip: in libscen for it).
*/
#ifndef SCEN_CLI_SWEPT_H
#define SCEN_CLI_SWEPT_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/ast.h"
#include "util/diag.h"

/* A report item's text as the run names it ("settlement gov vs reb", "provocation by
** reb", "mediation talks": interp/reports.c), into buf. */
const char *swept_report_text(const struct ast_node *r, char *buf, size_t size);

/* The first report inside a sweep of items that want names (all of its text, or what
** follows its kind: "gov vs reb"; NULL: any), a settlement report only when
** settlement; its sweep in *sweep. NULL when there is none. */
const struct ast_node *swept_report(const struct ast_node *items, const char *want,
				    bool settlement, const struct ast_node **sweep);

/* How a flip's error about a swept report names things: the command ("`scen flip`",
** "`:flip`"), the model ("of this file", "in the model") and what runs sweeps. */
struct swept_words {
	const char *cmd, *of_model, *runs_sweeps;
};
extern const struct swept_words swept_flip_words, swept_repl_words;

/* A flip that found no settlement report `report` (NULL: any) outside sweeps, when one
** is inside a sweep of f's items: an error at it, and a note at its sweep of what to
** write instead, into sink (scen flip, the REPL's :flip). False when none is. */
bool swept_flip_error(struct diag_sink *sink, const struct srcfile *f,
		      const struct ast_node *items, const char *report,
		      const struct swept_words *w);

#endif
