/*
** repl.h: `scen repl [FILE]`, the interactive session (repl/loop.c and the files beside
** it), its text edits (repl/edit.c) and its tab completion (repl/complete.c).
**
** The session's model is held as source text: the loaded file's text plus what was typed.
** Every change builds a new text, which replaces the current one only when it checks
** cleanly; so an error leaves the session exactly as it was. The edit functions here work
** on that text and the AST parsed from it, and say which bytes of the new text were copied
** from the typed line, so that a diagnostic there can be shown at its place in the line.
*/
#ifndef SCEN_REPL_H
#define SCEN_REPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "parser/ast.h"
#include "check/check.h"
#include "interp/interp.h"
#include "interp/flip.h"
#include "interp/sense.h"
#include "interp/session.h"
#include "util/progress.h"

struct model;

/* The interactive session on FILE (NULL: an empty model), until :quit or end of input;
** returns the exit status (util/status.h). */
int repl_main(const char *file);

/* A typed `owner.attr = expr` (or `~ expr`), as offsets into the line. */
struct repl_assign {
	size_t owner, owner_len;	/* the owner's name */
	size_t attr, attr_len;		/* the attribute's name */
	size_t value;			/* the expression, after `=` or `~` */
	size_t end;			/* the end of the attribute, before a comment or spaces */
	bool uncertain;			/* `~` */
};

/* True when line has the form `NAME.NAME = ...` or `NAME.NAME ~ ...` (not `==`). */
bool repl_parse_assign(const char *line, size_t len, struct repl_assign *a);

/* " → VALUE" (or a distribution's quantiles, interp/describe.h) after a let's or an
** expression's text: a constant condition as true or false, not 1 or 0. */
void repl_describe_value(const struct program *p, const struct vnode *v);

/* Whether line[a->value, a->end) parses as one expression, `private` after it allowed:
** else its syntax errors are added to sink against entry (whose text is line), where
** they belong. Spliced into the file, a value that stops short (`= (5`, `=`) or runs on
** (`= 5 }`, `= 5; cost = 1`) would be reported in the file's lines, or set more than the
** one attribute named. */
bool repl_check_value(const struct srcfile *entry, const struct repl_assign *a,
		      struct diag_sink *sink);

/* A new text made from an old one. Its bytes [at, at + n) are a copy of the typed entry's
** bytes [from, from + n): a diagnostic located there belongs to the typed entry. */
struct repl_text {
	char *text;		/* malloc'd, NUL-terminated */
	size_t len;
	size_t at, n, from;
};

/* The item of f called name (an actor, stake, sanction, mediation, let or fn; a
** conflict as "STATE vs REBELS"), or NULL. */
const struct ast_node *repl_find_item(const struct ast_file *f, const char *name);
/* The item of f that a typed item would replace: the same kind and name (a conflict: the
** same two sides; the scenario: the scenario), or NULL. */
const struct ast_node *repl_find_same(const struct ast_file *f, const struct ast_node *item);

/* Sets owner.attr in text (of which f is the parse): replaces the attribute's whole
** `name = value` when item sets it, else inserts the typed `attr = expr` into its block,
** adding a block to an actor written without one. line[a->attr, a->end) is the text put
** in. item is owner's item in f (an actor, stake, sanction or mediation). */
void repl_edit_attr(const char *text, size_t len, const struct ast_node *item,
		    const char *line, const struct repl_assign *a, struct repl_text *out);

/* Replaces item (of text) with entry[0, n), or appends entry when item is NULL. */
/* out = text + "let NAME = " + entry: an expression typed alone, checked as a let's
** value (repl_show_expr). */
void repl_edit_value(const char *text, size_t len, const char *name, const char *entry,
		     size_t n, struct repl_text *out);
void repl_edit_item(const char *text, size_t len, const struct ast_node *item,
		    const char *entry, size_t n, struct repl_text *out);

/* Completion (repl/complete.c): installs the readline completer, which completes
** commands, keywords, roles, the names of *model (read at each TAB: it may change or be
** NULL) and, after `name.`, the attributes of that symbol's role. */
void repl_complete_init(const struct model *const *model);
void repl_complete_free(void);

/* The name of command i of the one command table (repl/cmd.c), for completion and
** "did you mean"; NULL past the last. */
const char *repl_command_name(size_t i);

/* ---- internal to repl/ ---- */

/* One checked text and what was computed from it. */
struct repl_state {
	char *text;			/* malloc'd, NUL-terminated */
	size_t len;
	struct session s;		/* checked (s.prog.model is set), built at the
					 * first run; s.result the last complete run,
					 * when have_res; diagnostics go to the REPL's */
	bool have_res;
	char **warnings;		/* the messages of its warnings */
	size_t nwarnings;
	char *new_warnings;		/* those the model it replaces had not, rendered:
					** shown once, when it becomes the model */
};

/* A text to go back to (:undo), with what changed it. */
struct repl_undo {
	char *text;
	size_t len;
	char *what;
	struct repl_undo *next;
};

struct repl {
	char *path;			/* the loaded file, or NULL */
	char *orig;			/* its text as loaded, for :diff */
	size_t orig_len;
	char *saved;			/* the text as last loaded or saved: no unsaved change */
	size_t saved_len;
	bool asked;			/* leaving with unsaved changes was warned of once */
	struct repl_state cur;		/* the session's model */
	struct repl_undo *undo;
	struct run_options opts;	/* :set seed|draws|threads */
	struct progress progress;	/* of the evaluation under way, on a terminal */
	const struct model *model;	/* cur.prog.model, for completion */
	struct diag_sink sink;
	bool tty, color;
	bool failed;			/* an entry had an error (the exit status) */
	bool write_failed;		/* a :save failed (exit status 3) */
	bool quit;
};

/* One typed entry (a command or language input), as a source for diagnostics. */
struct repl_entry {
	struct arena arena;
	struct srcfile src;		/* named <repl>: its lines are the entry's */
	const char *text;
	size_t len;
};

/* loop.c */
const char *repl_name(const struct repl *r);
void repl_flush(struct repl *r);
void repl_error(struct repl *r, struct repl_entry *e, size_t start, size_t end,
		const char *fmt, ...) SCEN_PRINTF(5, 6);
bool repl_state_load(struct repl *r, struct repl_state *st, char *text, size_t len,
		     const struct repl_text *t, struct repl_entry *e);
void repl_state_free(struct repl_state *st);
bool repl_state_run(struct repl *r, struct repl_state *st);
/* `:sense`: scen sense on st (interp/sense.h). */
enum sense_status repl_state_sense(struct repl *r, struct repl_state *st,
				   struct sense_options *so, struct sense_result *out);
/* `:flip ATTR [LEVEL]`: scen flip on st (interp/flip.h), printed when FLIP_OK. On
** FLIP_NO_REPORT, *said tells whether the error was shown already: at the report inside
** a sweep, as scen flip shows it (cli/swept.h). */
enum flip_status repl_state_flip(struct repl *r, struct repl_state *st, const char *label,
				 double level, bool *said);
/* Forgets st's last run (it no longer stands, or was interrupted). */
void repl_state_forget_run(struct repl_state *st);
bool repl_state_paired(struct repl *r, struct repl_state *old, struct repl_state *now,
		       struct diff_result *out);
/* Shows the current model's new warnings, once (after each entry). */
void repl_show_warnings(struct repl *r);
void repl_replace(struct repl *r, struct repl_state *st, const char *what);
void repl_undo_clear(struct repl *r);	/* drops every step of the undo stack */
void repl_mark_saved(struct repl *r);
/* cmd.c: `NAME` or `NAME.ATTR` alone is shown as `:show` shows it; false for other text. */
bool repl_show_bare(struct repl *r, struct repl_entry *e);	/* the current text is in a file now */
char *repl_dupn(const char *s, size_t n);

/* entry.c: runs one entry; whether language input is still open. */
void repl_run_entry(struct repl *r, const char *text, size_t len);
bool repl_entry_incomplete(const char *text, size_t len);

/* diff.c: :diff, and AST helpers */
void repl_diff(struct repl *r);
/* Prints an item or attribute as canonical source, its first line after first, the
** others after pre. */
void repl_print_node(FILE *out, const struct ast_node *n, const char *first, const char *pre);
bool repl_has_attrs(const struct ast_node *item);
const struct ast_node *repl_item_attrs(const struct ast_node *item);
const struct ast_node *repl_attr_named(const struct ast_node *list, const char *name);
/* An attribute's or let's value as one line (`~ uniform(1, 2) private`), or "(unset)"
** for NULL; malloc'd. */
char *repl_value_text(const struct ast_node *n);

/* why.c: :why of the selected reports sel (core.md §1, §3, §4; shares of all
** draws, as :report). */
void repl_why(FILE *out, const struct run_result *sel);

/* cmd.c: runs the command that entry holds (it starts with ':'). */
void repl_command(struct repl *r, struct repl_entry *e);

#endif
