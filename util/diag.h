/*
** diag.h: source text, positions and diagnostics; the one module that prints them.
**
** Positions are byte spans into a srcfile; line and column are computed only when a
** diagnostic is rendered (GNU Coding Standards 4.4: lines and columns from 1, tab stops
** every 8 columns, one column per UTF-8 code point). Diagnostics are collected in a
** sink, sorted by position, and rendered as
**     file:line:col: error: message
**        12 |   cost = -5
**           |          ^~
** followed by their note: lines; a warning is the same with `warning:`, and errors and
** warnings interleave by position. Colour only when the output is a terminal that takes
** escape sequences (TERM set and not "dumb") and NO_COLOR is unset.
*/
#ifndef SCEN_DIAG_H
#define SCEN_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/arena.h"
#include "util/printf_attr.h"

struct span {
	uint32_t start, end;	/* byte offsets, end exclusive; start == end is a point */
};

struct srcfile {
	const char *name;	/* as given on the command line or in the import */
	const char *text;	/* NUL-terminated; may hold other NULs, which lex as errors */
	size_t len;
	uint32_t *lines;	/* offset of the start of each line */
	size_t nlines;
};

struct srcpos {
	unsigned line, col;	/* from 1 */
};

/* Sets up a srcfile over text (which the caller's arena owns). */
void srcfile_init(struct srcfile *f, struct arena *a, const char *name, const char *text,
		  size_t len);
struct srcpos srcfile_pos(const struct srcfile *f, uint32_t offset);

enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

struct diag {
	enum diag_level level;
	const struct srcfile *file;	/* NULL: a message with no location */
	struct span span;
	char *msg;
	struct diag *notes;		/* notes attached to this error, in order */
	struct diag *next;
	unsigned seq;			/* order of emission, for a stable sort */
	bool promoted;			/* a warning made an error by --werror */
};

struct diag_sink {
	struct arena arena;		/* the diagnostics' own storage */
	struct diag *first, *last;
	unsigned count;			/* errors, warnings and notes alone */
	unsigned errors;
	unsigned warnings;
};

void diag_init(struct diag_sink *s);
void diag_free(struct diag_sink *s);
void diag_clear(struct diag_sink *s);

/* Adds an error; returns it so that notes can be attached. */
struct diag *diag_error(struct diag_sink *s, const struct srcfile *f, struct span sp,
			const char *fmt, ...) SCEN_PRINTF(4, 5);
struct diag *diag_warning(struct diag_sink *s, const struct srcfile *f, struct span sp,
			  const char *fmt, ...) SCEN_PRINTF(4, 5);
/* Adds a note attached to no error: where a usage error of the command line points
** into a file (scen sense --vary of a conflict's attribute). Counted in count only. */
void diag_note_alone(struct diag_sink *s, const struct srcfile *f, struct span sp,
		     const char *fmt, ...) SCEN_PRINTF(4, 5);
/* Attaches a note to d (which may be NULL: then the note is dropped). */
void diag_note(struct diag_sink *s, struct diag *d, const struct srcfile *f, struct span sp,
	       const char *fmt, ...) SCEN_PRINTF(5, 6);

/* `--werror`: every warning becomes an error, rendered `error: ... [--werror]`.
** Returns how many were. */
unsigned diag_promote_warnings(struct diag_sink *s);

/* Sorts by file, then position, and prints every diagnostic (at most SCEN_MAX_ERRORS). */
void diag_render(struct diag_sink *s, FILE *out, bool color);
/* The diagnostics diag_render would print now, in its order, into out (room for
** SCEN_MAX_ERRORS); returns how many. Ones added later can only push some out. */
size_t diag_shown(const struct diag_sink *s, struct diag **out);
/* The same for the diagnostics that keep(d, arg) accepts. */
void diag_render_some(struct diag_sink *s, FILE *out, bool color,
		      bool (*keep)(const struct diag *d, void *arg), void *arg);
/* True when out is a terminal that takes ANSI escape sequences: TERM is set, and not
** to "dumb" (Emacs' shell buffers, some CI consoles), which shows them as garbage. */
bool diag_term_has_escapes(FILE *out);
/* True when diag_term_has_escapes and NO_COLOR is unset or empty. */
bool diag_want_color(FILE *out);

/* Renders the sink's diagnostics on stderr (colour on a terminal) in one write and
** empties it. */
void diag_flush_stderr(struct diag_sink *sink);

#endif
