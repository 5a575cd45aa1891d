/*
** lex.h: the scanner's per-file state, shared by parser/lex.l and the parser.
**
** The scanner is reentrant flex (prefix scen_yy); everything it needs lives in a
** struct lex_state reached through yyextra, so there are no globals. Tokens carry byte
** spans (struct span) into the srcfile; strings and names are arena copies.
**
** Invariants:
**   - `offset` is the byte offset of the next unread character;
**   - `open[0 .. depth)` is the stack of brackets `(` `[` `{` opened and not yet closed,
**     never deeper than SCEN_MAX_DEPTH: one more is an error and the scanner stops
**     (`stopped`), returning end of input from then on;
**   - `can_end` says whether the last token could end a statement (Go's rule): a newline
**     then yields a TERM token, unless the innermost open bracket is `(` or `[`.
*/
#ifndef SCEN_LEX_H
#define SCEN_LEX_H

#include <stdbool.h>
#include <stdint.h>

#include "parser/ast.h"
#include "util/diag.h"
#include "util/scen_conf.h"

/* An open bracket: its character and where it was opened. */
struct lex_bracket {
	char c;
	uint32_t offset;
};

/* How a TERM token came about, for messages ("found end of line"). */
enum lex_term { TERM_NEWLINE, TERM_SEMI, TERM_EOF };

struct lex_state {
	struct arena *arena;		/* token strings and comments */
	const struct srcfile *src;
	struct diag_sink *sink;
	struct ast_comment **comment_tail;	/* where the next comment is linked */
	uint32_t offset;
	bool can_end;
	bool at_eof;			/* the end-of-input TERM has been decided */
	bool stopped;			/* brackets nested too deeply: no more tokens */
	bool discard;			/* the parser drops this item (an expression too
					** deep): names, numbers and strings keep no text */
	enum lex_term term;		/* the kind of the last TERM returned */
	unsigned depth;
	unsigned depth_before;		/* depth before the last token was scanned */
	struct lex_bracket open[SCEN_MAX_DEPTH];
	unsigned errors;		/* lexical errors reported */
};

union SCEN_YYSTYPE;

/* Sets up a scanner over f's text (f->text[f->len] must be NUL); comments are linked
** at *comments. Returns false when memory runs out (the scanner is then unusable). */
bool lex_open(void **scanner, struct lex_state *ls, struct arena *a, const struct srcfile *f,
	      struct diag_sink *sink, struct ast_comment **comments);
void lex_close(void *scanner);

/* The next token (a yytokentype), its value and its span. */
int scen_yylex(union SCEN_YYSTYPE *lval, struct span *lloc, void *scanner);

/* The innermost bracket that was open before the last token was scanned, or NULL. */
const struct lex_bracket *lex_innermost(const struct lex_state *ls);

#endif
