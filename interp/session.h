/*
** session.h: the library's front door. A session loads a file (imports and all), checks
** it, builds the interpreter and runs it; the command line, the REPL's runs, plot, diff
** and the fuzzer use it alike (the coming language server and sensitivity commands too).
**
**	struct session s = { .loaded = false };
**	int st = session_load(&s, path);	(or session_load_text)
**	if (st == 0) st = session_run(&s, &options);
**	... s.result ...
**	session_free(&s);
**
** A session loaded from a file is built at once; one loaded from a text (the REPL's
** states, the fuzzer's inputs) is built at its first run (session_build), since many
** are checked and never run. Diagnostics go to s->sink and are printed to stderr by
** session_free, unless the caller sets s->to: then they go there, for it to render (the
** REPL shows them against the line typed).
*/
#ifndef SCEN_SESSION_H
#define SCEN_SESSION_H

#include <stdbool.h>

#include "check/check.h"
#include "interp/interp.h"
#include "util/diag.h"

/* A file checked, compiled and run. The results point into the program and the
** interpreter, which live as long as this. */
struct session {
	struct diag_sink sink;
	struct diag_sink *to;		/* set by the caller: diagnostics go there, not to
					 * sink, and session_free prints none */
	struct program prog;
	struct interp *it;
	struct run_result result;	/* when session_run returned 0 */
	bool loaded;
	bool quiet;			/* set by the caller: the check's warnings are not
					 * printed (merge: the shards' runs printed them) */
	bool unfolded;			/* set by the caller: built with interp_new_unfolded
					 * (interp_override: scen flip) */
};

/* Checks and compiles the file at path (s->it is set when it returns 0). The check's
** warnings go to stderr at once, before any run. Returns the status (util/status.h);
** call session_free afterwards in every case: it prints the other diagnostics. */
int session_load(struct session *s, const char *path);
/* Checks text (not copied: it must outlive s), named name, into s; builds nothing. A
** text that checks but has no model (no conflict) returns STATUS_ERRORS. */
int session_load_text(struct session *s, const char *name, const char *text, size_t len);
/* Builds s's interpreter, once; false when it cannot be built. */
bool session_build(struct session *s);
/* Runs every report with o (building first when needed); on 0 s->result holds the
** results (a previous result is freed first). */
int session_run(struct session *s, const struct run_options *o);
/* The sink diagnostics go to. */
struct diag_sink *session_sink(struct session *s);
void session_free(struct session *s);

#endif
