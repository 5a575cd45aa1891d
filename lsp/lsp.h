/*
** lsp.h: `scen lsp`, the language server. It speaks the Language Server Protocol
** (JSON-RPC 2.0 with Content-Length framing) on a pair of file descriptors, and answers
** from the same stages as the command line: the checker's diagnostics (check/), the
** attribute and builtin tables (check/attrs.h, check/builtins.h), the printer of
** `scen fmt` (parser/print.h). One thread; a document is checked when it is opened and
** again once its changes pause (debounced), and before any request about it is answered.
*/
#ifndef SCEN_LSP_H
#define SCEN_LSP_H

#include <stdio.h>

struct lsp_options {
	int in;			/* the client's messages (stdin) */
	FILE *out;		/* the server's (stdout) */
	unsigned debounce_ms;	/* how long changes must pause before a check */
};

/* Serves one client until it sends `exit` or closes its end. Returns the exit status
** the protocol asks for: 0 when `shutdown` came before `exit`, else 1. */
int lsp_serve(const struct lsp_options *o);

#endif
