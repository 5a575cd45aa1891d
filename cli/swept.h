/*
** swept.h: reports inside sweeps, which `scen sense` and `scen flip` do not take (they
** search the file's own reports): finding them, to say so at them (cli/cmd_sense.c,
** cli/cmd_flip.c).
*/
#ifndef SCEN_CLI_SWEPT_H
#define SCEN_CLI_SWEPT_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/ast.h"

/* A report item's text as the run names it ("settlement gov vs reb", "provocation by
** reb", "mediation talks": interp/reports.c), into buf. */
const char *swept_report_text(const struct ast_node *r, char *buf, size_t size);

/* The first report inside a sweep of items that want names (all of its text, or what
** follows its kind: "gov vs reb"; NULL: any), a settlement report only when
** settlement; its sweep in *sweep. NULL when there is none. */
const struct ast_node *swept_report(const struct ast_node *items, const char *want,
				    bool settlement, const struct ast_node **sweep);

#endif
