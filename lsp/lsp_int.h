/*
** lsp_int.h: the language server's own structures, shared by the files of lsp/ and
** nobody else.
**
**   rpc.c      messages in and out: Content-Length framing, JSON (jansson)
**   text.c     documents' text, line maps, UTF-16 positions, edits, URIs
**   analyze.c  a document checked as `scen check` checks it; its diagnostics
**   index.c    every name of the program's files: definitions and references
**   hover.c    what a name means (the attribute table, its value here, builtins)
**   complete.c what may be typed at a position
**   outline.c  document symbols; formatting (`scen fmt`)
**   server.c   the lifecycle, the dispatch and the debounced loop
**
** Positions: the checker counts bytes (struct span); the protocol counts UTF-16 code
** units within a line, and ends lines at \n, \r\n or a lone \r. A struct linemap over
** a text converts between the two, exactly, both ways (text.c).
*/
#ifndef SCEN_LSP_INT_H
#define SCEN_LSP_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "check/check.h"
#include "util/diag.h"

/* ---- text.c ---- */

struct lsp_pos {
	unsigned line, character;	/* from 0; character in UTF-16 code units */
};

/* The start of every line of a text, by the protocol's rule. */
struct linemap {
	const char *text;
	size_t len;
	uint32_t *starts;	/* malloc'd; starts[0] = 0 */
	size_t n;
};
void linemap_build(struct linemap *m, const char *text, size_t len);
void linemap_free(struct linemap *m);
/* The position of a byte offset (past the end: the end; inside a line break or a
** UTF-8 sequence: where it starts). */
struct lsp_pos linemap_position(const struct linemap *m, uint32_t offset);
/* The byte offset of a position (a line past the last: the end of the text; a
** character past the line's end: the end of the line; inside a surrogate pair: the
** start of its character). */
uint32_t linemap_offset(const struct linemap *m, struct lsp_pos p);

/* An open document. */
struct analysis;
struct doc {
	char *uri;
	char *path;		/* the file the URI names, for imports; else the URI */
	char *text;		/* malloc'd, NUL-terminated */
	size_t len;
	struct linemap lines;
	json_int_t version;
	bool dirty;		/* changed since it was last checked */
	struct analysis *an;	/* the last check, of the text as it is unless dirty */
	struct doc *next;
};
struct doc *doc_new(const char *uri, const char *text, size_t len, json_int_t version);
void doc_free(struct doc *d);
/* Replaces bytes [start, end) with text[0..n). Returns false when the result would be
** larger than 2 GiB (the document is then unchanged). */
bool doc_splice(struct doc *d, uint32_t start, uint32_t end, const char *text, size_t n);

/* file:///a/b%20c.scen -> /a/b c.scen (malloc'd); NULL when uri is not a file URI. */
char *uri_to_path(const char *uri);
/* The reverse, for a path (made absolute from the working directory). */
char *path_to_uri(const char *path);

/* ---- json helpers (text.c) ---- */

/* A JSON string of s[0..n), with each byte that is not valid UTF-8 as U+FFFD. */
json_t *jtextn(const char *s, size_t n);
json_t *jtext(const char *s);
json_t *jposition(struct lsp_pos p);
json_t *jrange(const struct linemap *m, struct span sp);
/* A Position {line, character}, or false when it is not two whole numbers >= 0. */
bool jget_pos(json_t *p, struct lsp_pos *out);
/* params.position, or false when it is missing or not two whole numbers >= 0. */
bool jget_position(json_t *params, struct lsp_pos *out);
/* params.textDocument.uri, or NULL. */
const char *jget_uri(json_t *params);

/* ---- index.c ---- */

/* What an occurrence of a name is. */
enum occ_what {
	OCC_SYMBOL,	/* a let, fn, stake, actor, sanction or mediation (name) */
	OCC_PARAM,	/* a fn's parameter (name; scope: the fn) */
	OCC_ATTR,	/* an attribute (name) of a block (owner, or NULL: scope) */
	OCC_ROLE,	/* an actor's role */
	OCC_BUILTIN,	/* a builtin function, distribution or event function */
	OCC_WORD,	/* a bare name that is none of the above: an event, a choice */
	OCC_IMPORT	/* an import's string */
};

struct occ {
	struct span span;
	const struct loaded_file *file;
	const struct ast_node *scope;	/* the item it is in */
	const struct ast_node *node;	/* NAME, FIELD, CALL, ATTR, the param or the item */
	const char *name;
	const char *owner;		/* OCC_ATTR: the named block, or NULL */
	enum occ_what what;
	bool def;			/* where the name is defined */
	/* resolved by index_build: */
	size_t to;			/* the definition's index in the index, or -1 */
	const void *def_scope;		/* what a definition is keyed under */
	const struct ast_node *block;	/* OCC_ATTR: the block the attribute is of */
};

struct index {
	struct occ *v;
	size_t n, cap;
	size_t *keys;			/* the (scope, name) table: indices into v */
	size_t nkeys;			/* a power of 2, at least twice n */
};
void index_build(struct index *x, const struct program *p);
void index_free(struct index *x);
/* The occurrence in file f at offset (the innermost), or NULL. */
const struct occ *index_at(const struct index *x, const struct loaded_file *f,
			   uint32_t offset);
/* The definition o refers to (o itself when it is one), or NULL. */
const struct occ *index_definition(const struct index *x, const struct occ *o);
/* Whether a and b name the same thing. */
bool index_same(const struct index *x, const struct occ *a, const struct occ *b);
/* The symbol definition called name (the main file's first, as the checker's
** shadowing rule says), or NULL. */
const struct occ *index_symbol(const struct index *x, const char *name);
/* The role of a named block defined by item (an actor's role, or the block kind). */
const struct role_def *item_role(const struct ast_node *item);
/* The attributes of a block item (NULL for an item without a block). */
const struct ast_node *item_attrs(const struct ast_node *item);
/* Whether the import imp of file `from` names file f (the loader's rule). */
bool import_names(const struct loaded_file *from, const struct ast_node *imp,
		  const struct loaded_file *f);
/* The file an import names, or NULL. */
const struct loaded_file *import_target(const struct program *p,
					const struct loaded_file *from,
					const struct ast_node *imp);

/* ---- analyze.c ---- */

struct analysis {
	struct program prog;
	struct diag_sink sink;
	enum status status;
	const struct loaded_file *main;
	struct index index;
};
struct analysis *analyze(const struct doc *d);
void analysis_free(struct analysis *a);
/* The `textDocument/publishDiagnostics` parameters of d's analysis. */
json_t *diagnostics_params(const struct doc *d);
/* The linemap of a loaded file (malloc'd with linemap_build; linemap_free it). */
void file_lines(struct linemap *m, const struct loaded_file *f);
/* A location {uri, range} in a loaded file. */
json_t *jlocation(const struct doc *d, const struct loaded_file *f, struct span sp);

/* ---- hover.c, complete.c, outline.c: request handlers ---- */

/* Each returns the result, or NULL with *err set to a JSON-RPC error object. */
json_t *hover(const struct doc *d, struct lsp_pos at);
json_t *complete(const struct doc *d, struct lsp_pos at);
json_t *definition(const struct doc *d, struct lsp_pos at);
json_t *references(const struct doc *d, struct lsp_pos at, bool with_declaration);
json_t *document_symbols(const struct doc *d);
json_t *format_document(const struct doc *d, json_t **err);

/* ---- server.c ---- */

/* JSON-RPC error codes. */
enum {
	RPC_PARSE_ERROR = -32700, RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601, RPC_INVALID_PARAMS = -32602,
	RPC_SERVER_NOT_INITIALIZED = -32002, RPC_REQUEST_FAILED = -32803
};
json_t *rpc_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- rpc.c ---- */

struct rpc {
	int fd;
	FILE *out;
	char *buf;		/* bytes read and not yet consumed: buf[pos..len) */
	size_t len, pos, cap;
	bool eof;
};
void rpc_init(struct rpc *r, int fd, FILE *out);
void rpc_free(struct rpc *r);
/* Whether a byte is waiting in the buffer (poll(2) cannot see it). */
bool rpc_buffered(const struct rpc *r);
/* The next message; NULL at the end of input. A message that is not JSON (or is too
** large) is answered here with an error and skipped. */
json_t *rpc_read(struct rpc *r);
/* Sends msg (and takes its reference). */
void rpc_send(struct rpc *r, json_t *msg);

#endif
