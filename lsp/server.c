/*
** server.c: the lifecycle, the dispatch of messages, and the loop.
**
** Lifecycle (LSP 3.17): a request before `initialize` is answered "server not
** initialized"; after `shutdown`, "invalid request"; `exit` ends the loop with status
** 0 if `shutdown` came first, else 1 (so does the end of input).
**
** Checking: a document is checked when it is opened, and after changes once no new
** message has come for debounce_ms (a burst of changes is checked once, at its last
** version). Any request about a document first checks it if it changed, so every
** answer is about the text the client has. A save, or a change to a watched file,
** checks every open document again: their imports may have changed on disk.
*/
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lsp/lsp.h"
#include "lsp/lsp_int.h"
#include "util/xalloc.h"

struct server {
	struct rpc rpc;
	struct doc *docs;
	bool initialized, shut_down;
	unsigned debounce_ms;
	bool pending;			/* a changed document waits for its check */
	long long deadline;		/* then: when (ms, CLOCK_MONOTONIC) */
};

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

json_t *rpc_error(int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return json_pack("{s:i,s:o}", "code", code, "message", jtext(msg));
}

static void reply(struct server *s, json_t *id, json_t *result, json_t *error)
{
	json_t *m = json_pack("{s:s,s:O}", "jsonrpc", "2.0", "id", id ? id : json_null());
	json_object_set_new(m, error ? "error" : "result", error ? error
			    : result ? result : json_null());
	rpc_send(&s->rpc, m);
}

static void notify(struct server *s, const char *method, json_t *params)
{
	rpc_send(&s->rpc, json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method", method,
				    "params", params));
}

/* ---- documents ---- */

static struct doc **find_doc(struct server *s, const char *uri)
{
	struct doc **p = &s->docs;
	while (*p && strcmp((*p)->uri, uri) != 0)
		p = &(*p)->next;
	return p;
}

static void check_doc(struct server *s, struct doc *d)
{
	analysis_free(d->an);
	d->an = analyze(d);
	d->dirty = false;
	notify(s, "textDocument/publishDiagnostics", diagnostics_params(d));
}

static void check_dirty(struct server *s)
{
	for (struct doc *d = s->docs; d; d = d->next)
		if (d->dirty)
			check_doc(s, d);
	s->pending = false;
}

static void schedule(struct server *s)
{
	s->pending = true;
	s->deadline = now_ms() + s->debounce_ms;
}

static void did_open(struct server *s, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = json_string_value(json_object_get(td, "uri"));
	json_t *text = json_object_get(td, "text");
	if (!uri || !json_is_string(text))
		return;
	struct doc **p = find_doc(s, uri), *old = *p;
	struct doc *d = doc_new(uri, json_string_value(text), json_string_length(text),
				json_integer_value(json_object_get(td, "version")));
	d->next = old ? old->next : NULL;
	*p = d;
	if (old) {
		analysis_free(old->an);
		doc_free(old);
	}
	check_doc(s, d);
}

/* One element of contentChanges: {text} replaces the whole, {range, text} a part. */
static void apply_change(struct doc *d, json_t *change)
{
	json_t *text = json_object_get(change, "text");
	json_t *range = json_object_get(change, "range");
	if (!json_is_string(text))
		return;
	uint32_t start = 0, end = (uint32_t)d->len;
	if (range) {
		struct lsp_pos a, b;
		if (!jget_pos(json_object_get(range, "start"), &a) ||
		    !jget_pos(json_object_get(range, "end"), &b))
			return;
		start = linemap_offset(&d->lines, a);
		end = linemap_offset(&d->lines, b);
		if (end < start) {
			uint32_t t = start;
			start = end;
			end = t;
		}
	}
	doc_splice(d, start, end, json_string_value(text), json_string_length(text));
}

static void did_change(struct server *s, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = json_string_value(json_object_get(td, "uri"));
	struct doc *d = uri ? *find_doc(s, uri) : NULL;
	json_t *changes = json_object_get(params, "contentChanges");
	if (!d)
		return;
	size_t i;
	json_t *c;
	json_array_foreach(changes, i, c)
		apply_change(d, c);
	if (json_is_integer(json_object_get(td, "version")))
		d->version = json_integer_value(json_object_get(td, "version"));
	d->dirty = true;
	schedule(s);
}

static void did_close(struct server *s, json_t *params)
{
	const char *uri = jget_uri(params);
	struct doc **p = uri ? find_doc(s, uri) : NULL, *d = p ? *p : NULL;
	if (!d)
		return;
	*p = d->next;
	notify(s, "textDocument/publishDiagnostics",
	       json_pack("{s:o,s:[]}", "uri", jtext(d->uri), "diagnostics"));
	analysis_free(d->an);
	doc_free(d);
}

/* A file on disk changed: every document may import it. */
static void recheck_all(struct server *s, json_t *params)
{
	(void)params;
	for (struct doc *d = s->docs; d; d = d->next)
		d->dirty = true;
	if (s->docs)
		schedule(s);
}

/* ---- requests ---- */

static json_t *capabilities(void)
{
	return json_pack("{s:{s:s,s:{s:b,s:i,s:{s:b}},s:b,s:{s:[s,s]},s:b,s:b,s:b,s:b},"
			 "s:{s:s,s:s}}",
			 "capabilities", "positionEncoding", "utf-16",
			 "textDocumentSync", "openClose", 1, "change", 2, "save", "includeText", 0,
			 "hoverProvider", 1, "completionProvider", "triggerCharacters", ".", ":",
			 "definitionProvider", 1, "referencesProvider", 1,
			 "documentSymbolProvider", 1, "documentFormattingProvider", 1,
			 "serverInfo", "name", "scen", "version", PACKAGE_VERSION);
}

/* The document a request is about, checked if it changed; NULL with *err set. */
static struct doc *request_doc(struct server *s, json_t *params, json_t **err)
{
	const char *uri = jget_uri(params);
	struct doc *d = uri ? *find_doc(s, uri) : NULL;
	if (!d) {
		*err = uri ? rpc_error(RPC_INVALID_PARAMS, "%s is not open", uri)
			   : rpc_error(RPC_INVALID_PARAMS, "no textDocument.uri");
		return NULL;
	}
	if (d->dirty)
		check_doc(s, d);
	return d;
}

/* A request at a position in a document. */
static json_t *at_position(struct server *s, json_t *params, json_t **err,
			   json_t *(*answer)(const struct doc *, struct lsp_pos))
{
	struct lsp_pos at;
	struct doc *d = request_doc(s, params, err);
	if (d && !jget_position(params, &at)) {
		*err = rpc_error(RPC_INVALID_PARAMS, "no position, or not a line and a character");
		return NULL;
	}
	return d ? answer(d, at) : NULL;
}

static json_t *references_request(struct server *s, json_t *params, json_t **err)
{
	struct lsp_pos at;
	struct doc *d = request_doc(s, params, err);
	if (d && !jget_position(params, &at)) {
		*err = rpc_error(RPC_INVALID_PARAMS, "no position, or not a line and a character");
		return NULL;
	}
	json_t *ctx = json_object_get(params, "context");
	return d ? references(d, at, json_is_true(json_object_get(ctx, "includeDeclaration")))
		 : NULL;
}

static json_t *request(struct server *s, const char *method, json_t *params, json_t **err)
{
	static const struct {
		const char *method;
		json_t *(*answer)(const struct doc *, struct lsp_pos);
	} positional[] = {
		{ "textDocument/hover", hover },
		{ "textDocument/completion", complete },
		{ "textDocument/definition", definition },
	};
	for (size_t i = 0; i < sizeof positional / sizeof positional[0]; i++)
		if (strcmp(method, positional[i].method) == 0)
			return at_position(s, params, err, positional[i].answer);
	if (strcmp(method, "textDocument/references") == 0)
		return references_request(s, params, err);
	struct doc *d;
	if (strcmp(method, "textDocument/documentSymbol") == 0)
		return (d = request_doc(s, params, err)) ? document_symbols(d) : NULL;
	if (strcmp(method, "textDocument/formatting") == 0)
		return (d = request_doc(s, params, err)) ? format_document(d, err) : NULL;
	*err = rpc_error(RPC_METHOD_NOT_FOUND, "unknown method %s", method);
	return NULL;
}

static void notification(struct server *s, const char *method, json_t *params)
{
	static const struct {
		const char *method;
		void (*handle)(struct server *, json_t *);
	} table[] = {
		{ "textDocument/didOpen", did_open },
		{ "textDocument/didChange", did_change },
		{ "textDocument/didClose", did_close },
		{ "textDocument/didSave", recheck_all },
		{ "workspace/didChangeWatchedFiles", recheck_all },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(method, table[i].method) == 0)
			table[i].handle(s, params);
}

/* A request (id set) or a notification, at any point of the lifecycle. Returns the
** exit status after `exit`, else -1. */
static int handle(struct server *s, json_t *msg)
{
	json_t *id = json_object_get(msg, "id");
	const char *method = json_string_value(json_object_get(msg, "method"));
	json_t *params = json_object_get(msg, "params");
	json_t *err = NULL, *result = NULL;
	if (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id)) {
		reply(s, NULL, NULL, rpc_error(RPC_INVALID_REQUEST, "an id must be a number or a string"));
		return -1;
	}
	if (!method) {
		if (!json_object_get(msg, "result") && !json_object_get(msg, "error"))
			reply(s, id, NULL, rpc_error(RPC_INVALID_REQUEST, "a message without a method"));
		return -1;	/* else a response: the server sends no requests */
	}
	if (strcmp(method, "exit") == 0)
		return s->shut_down ? 0 : 1;
	if (!id) {
		if (s->initialized && !s->shut_down)
			notification(s, method, params);
		return -1;
	}
	if (strcmp(method, "initialize") == 0) {
		if (s->initialized)
			err = rpc_error(RPC_INVALID_REQUEST, "initialize came already");
		else
			result = capabilities();
		s->initialized = true;
	} else if (!s->initialized) {
		err = rpc_error(RPC_SERVER_NOT_INITIALIZED, "initialize first");
	} else if (s->shut_down) {
		err = rpc_error(RPC_INVALID_REQUEST, "the server is shutting down: only exit");
	} else if (strcmp(method, "shutdown") == 0) {
		s->shut_down = true;
	} else {
		result = request(s, method, params, &err);
	}
	reply(s, id, result, err);
	return -1;
}

/* Whether input arrives within ms milliseconds. */
static bool input_within(int fd, long long ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	for (;;) {
		int n = poll(&p, 1, ms > 1000000 ? 1000000 : (int)ms);
		if (n >= 0 || errno != EINTR)
			return n > 0;
	}
}

int lsp_serve(const struct lsp_options *o)
{
	struct server s = { .debounce_ms = o->debounce_ms };
	rpc_init(&s.rpc, o->in, o->out);
	int status = -1;
	while (status < 0) {
		if (s.pending && !rpc_buffered(&s.rpc)) {
			long long wait = s.deadline - now_ms();
			if (wait <= 0 || !input_within(o->in, wait)) {
				check_dirty(&s);
				continue;
			}
		}
		json_t *msg = rpc_read(&s.rpc);
		if (!msg)
			break;
		status = handle(&s, msg);
		json_decref(msg);
	}
	while (s.docs) {
		struct doc *d = s.docs;
		s.docs = d->next;
		analysis_free(d->an);
		doc_free(d);
	}
	rpc_free(&s.rpc);
	return status >= 0 ? status : s.shut_down ? 0 : 1;
}
