/*
** check.h: loading and checking a program. A program is the main file and every file it
** imports (each loaded once, each with its own arena). check_* parses them (parser/),
** resolves names, and runs every semantic check, reporting each problem as a located
** diagnostic. On success it leaves a checked model that later stages build from.
*/
#ifndef SCEN_CHECK_H
#define SCEN_CHECK_H

#include <stdio.h>

#include "parser/ast.h"
#include "util/status.h"

struct loaded_file {
	struct arena arena;	/* owns the text, the AST and its comments */
	struct ast_file ast;
	char *path;		/* the path the file was read from */
	char *real;		/* its canonical path (realpath), to load each file once */
	bool is_main;
	struct loaded_file *next;
};

struct model;			/* check/model.h: the checked symbols */

struct program {
	struct loaded_file *files;	/* in load order; the main file first */
	struct model *model;		/* NULL unless the check passed */
	struct arena arena;		/* the model's storage */
};

void program_init(struct program *p);
void program_free(struct program *p);

/* Loads path (and its imports), parses and checks. */
enum status check_load_file(struct program *p, const char *path,
				  struct diag_sink *sink);
/* path's text edited (`scen run --set`): text stands for the file's, and imports
** resolve as they do from path. */
enum status check_load_edited(struct program *p, const char *path, const char *text,
				size_t len, struct diag_sink *sink);
/* The same from a buffer; imports resolve relative to the current directory. */
enum status check_load_text(struct program *p, const char *name, const char *text,
				  size_t len, struct diag_sink *sink);

/* `scen check -v`: what the model holds (actors by role, stakes, conflicts, reports). */
void check_summary(FILE *out, const struct program *p);

/* The events a sanction's `when` may name, '|'-separated ("war|settled|..."); with
** them the event functions of the builtin table (check/builtins.h). */
const char *check_event_names(void);

/* `scen attrs`: the attribute table of one role (or every role when role is NULL), as
** plain text or as markdown tables. Returns false when role names no role. */
bool check_print_attrs(FILE *out, const char *role, bool markdown);

/* The nearest of list[0..n) to name within check's "did you mean" reach (names.c: the
** edit distance with a transposition as one edit), or NULL: the one suggester, used by
** the checker and the REPL alike. */
const char *check_suggest(const char *name, const char *const *list, size_t n);

#endif
