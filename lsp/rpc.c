/*
** rpc.c: the protocol's base layer. A message is a header part (lines ending in
** \r\n, of which `Content-Length: N` is the one that matters), an empty line, and N
** bytes of JSON. Input is read with read(2) into a buffer of our own, so that the
** server's loop can poll(2) the descriptor and know that nothing is left unread.
**
** Nothing the client sends stops the server: a header part without a Content-Length
** is skipped, a body that is not JSON is answered with a parse error (id null), a
** body larger than RPC_MAX_BODY is read, dropped and answered the same way.
*/
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp/lsp_int.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

/* The largest body taken: a document of SCEN_MAX_FILE bytes, escaped (\uXXXX for a
** control character: 6 bytes for 1), and room for the rest of the message. */
#define RPC_MAX_BODY ((size_t)SCEN_MAX_FILE * 6 + 65536)
/* The largest header part: far more than `Content-Length` and `Content-Type` need. */
enum { RPC_MAX_HEADER = 8192 };

void rpc_init(struct rpc *r, int fd, FILE *out)
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
	r->out = out;
}

void rpc_free(struct rpc *r)
{
	free(r->buf);
	memset(r, 0, sizeof *r);
}

bool rpc_buffered(const struct rpc *r)
{
	return r->pos < r->len;
}

/* Reads more input into the buffer (blocking). Returns false at the end of input. */
static bool fill(struct rpc *r)
{
	if (r->eof)
		return false;
	if (r->pos > 0) {	/* move what is left to the front */
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->cap - r->len < 65536) {
		r->cap = r->cap ? 2 * r->cap : 131072;
		r->buf = xrealloc(r->buf, r->cap);
	}
	for (;;) {
		ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (n > 0) {
			r->len += (size_t)n;
			return true;
		}
		if (n < 0 && errno == EINTR)
			continue;
		r->eof = true;
		return false;
	}
}

/* The end of the header part at buf[pos..): the offset just past its empty line, or 0
** when it has not all arrived. */
static size_t header_end(const struct rpc *r)
{
	for (size_t i = r->pos; i + 1 < r->len; i++) {
		if (r->buf[i] == '\n' && r->buf[i + 1] == '\n')
			return i + 2;
		if (i + 3 < r->len && memcmp(r->buf + i, "\r\n\r\n", 4) == 0)
			return i + 4;
	}
	return 0;
}

/* The Content-Length of the header part buf[from..to), or -1 when it has none. */
static long long content_length(const char *buf, size_t from, size_t to)
{
	static const char key[] = "content-length:";
	for (size_t i = from; i < to;) {
		size_t eol = i;
		while (eol < to && buf[eol] != '\n')
			eol++;
		size_t k = 0;
		while (k < sizeof key - 1 && i + k < eol && tolower((unsigned char)buf[i + k]) == key[k])
			k++;
		if (k == sizeof key - 1) {
			long long n = 0;
			size_t j = i + k;
			while (j < eol && (buf[j] == ' ' || buf[j] == '\t'))
				j++;
			if (j == eol || !isdigit((unsigned char)buf[j]))
				return -1;
			for (; j < eol && isdigit((unsigned char)buf[j]) && n < (1LL << 40); j++)
				n = n * 10 + (buf[j] - '0');
			return n;
		}
		i = eol + 1;
	}
	return -1;
}

static void send_parse_error(struct rpc *r, const char *why)
{
	rpc_send(r, json_pack("{s:s,s:n,s:o}", "jsonrpc", "2.0", "id",
			      "error", rpc_error(RPC_PARSE_ERROR, "%s", why)));
}

/* Drops n bytes of input (a body too large to keep). Returns false at the end. */
static bool skip_bytes(struct rpc *r, unsigned long long n)
{
	while (n > 0) {
		if (r->pos == r->len && !fill(r))
			return false;
		size_t take = r->len - r->pos < n ? r->len - r->pos : (size_t)n;
		r->pos += take;
		n -= take;
	}
	return true;
}

/* The next header part's Content-Length, consuming the header part; -2 at the end of
** input. A header part with no length is skipped. */
static long long next_length(struct rpc *r)
{
	for (;;) {
		size_t end;
		while ((end = header_end(r)) == 0) {
			if (r->len - r->pos > RPC_MAX_HEADER)
				r->pos = r->len - 3;	/* garbage: keep looking at the tail */
			if (!fill(r))
				return -2;
		}
		long long n = content_length(r->buf, r->pos, end);
		r->pos = end;
		if (n >= 0)
			return n;
		send_parse_error(r, "a message header without Content-Length");
	}
}

json_t *rpc_read(struct rpc *r)
{
	for (;;) {
		long long n = next_length(r);
		if (n == -2)
			return NULL;
		if ((unsigned long long)n > RPC_MAX_BODY) {
			if (!skip_bytes(r, (unsigned long long)n))
				return NULL;
			send_parse_error(r, "a message larger than the largest document");
			continue;
		}
		while (r->len - r->pos < (size_t)n)
			if (!fill(r))
				return NULL;
		json_error_t err;
		json_t *msg = json_loadb(r->buf + r->pos, (size_t)n, JSON_ALLOW_NUL, &err);
		r->pos += (size_t)n;
		if (msg && json_is_object(msg))
			return msg;
		json_decref(msg);
		send_parse_error(r, msg ? "a message that is not a JSON object" : err.text);
	}
}

void rpc_send(struct rpc *r, json_t *msg)
{
	char *body = json_dumps(msg, JSON_COMPACT);
	json_decref(msg);
	if (!body)
		return;
	size_t n = strlen(body);
	fprintf(r->out, "Content-Length: %zu\r\n\r\n", n);
	fwrite(body, 1, n, r->out);
	fflush(r->out);
	free(body);
}
