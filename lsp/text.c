/*
** text.c: documents' text and the two ways of counting positions in it.
**
** The checker's spans are byte offsets; the protocol's positions are a line and a
** character counted in UTF-16 code units (LSP 3.17, "Position"): a code point below
** U+10000 (one to three bytes of UTF-8) is one unit, one above (four bytes) two. Lines
** end at \n, \r\n or a lone \r. A byte that is not part of valid UTF-8 (text read from
** a file on disk may hold one) counts as one unit, as an editor's U+FFFD replacement
** does. Offsets that fall inside a character, or inside a \r\n, round down to its start.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp/lsp_int.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

/* ---- UTF-8 ---- */

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0 when it is not
** one (RFC 3629: no overlong forms, surrogates, or code points past U+10FFFF). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
		return 0;
	return len;
}

/* ---- line maps ---- */

void linemap_build(struct linemap *m, const char *text, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
	m->text = text;
	m->len = len;
	m->starts = xmalloc(n * sizeof *m->starts);
	m->n = 0;
	m->starts[m->n++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
			m->starts[m->n++] = (uint32_t)(i + 1);
}

void linemap_free(struct linemap *m)
{
	free(m->starts);
	memset(m, 0, sizeof *m);
}

/* The offset where line li's text ends (its line break excluded). */
static uint32_t line_end(const struct linemap *m, size_t li)
{
	uint32_t end = li + 1 < m->n ? m->starts[li + 1] : (uint32_t)m->len;
	if (end > m->starts[li] && li + 1 < m->n) {
		end--;		/* the \n or lone \r */
		if (end > m->starts[li] && m->text[end] == '\n' && m->text[end - 1] == '\r')
			end--;
	}
	return end;
}

static size_t line_of(const struct linemap *m, uint32_t offset)
{
	size_t lo = 0, hi = m->n;	/* starts[lo] <= offset < starts[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct lsp_pos linemap_position(const struct linemap *m, uint32_t offset)
{
	if (offset > m->len)
		offset = (uint32_t)m->len;
	size_t li = line_of(m, offset);
	uint32_t end = line_end(m, li);
	if (offset > end)
		offset = end;
	const unsigned char *t = (const unsigned char *)m->text;
	unsigned units = 0;
	for (uint32_t i = m->starts[li]; i < offset;) {
		size_t len = utf8_len(t + i, end - i);
		if (len == 0)
			len = 1;
		if (i + len > offset)
			break;	/* offset is inside this character */
		units += len == 4 ? 2 : 1;
		i += (uint32_t)len;
	}
	return (struct lsp_pos){ (unsigned)li, units };
}

uint32_t linemap_offset(const struct linemap *m, struct lsp_pos p)
{
	if (p.line >= m->n)
		return (uint32_t)m->len;
	uint32_t i = m->starts[p.line], end = line_end(m, p.line);
	const unsigned char *t = (const unsigned char *)m->text;
	unsigned units = 0;
	while (i < end) {
		size_t len = utf8_len(t + i, end - i);
		if (len == 0)
			len = 1;
		unsigned w = len == 4 ? 2 : 1;
		if (units + w > p.character)
			break;
		units += w;
		i += (uint32_t)len;
	}
	return i;
}

/* ---- documents ---- */

/* The largest document kept: byte offsets are 32 bits. The checker reads at most
** SCEN_MAX_FILE of them; past that, the analysis says so (analyze.c). */
#define DOC_MAX ((size_t)UINT32_MAX / 2)

struct doc *doc_new(const char *uri, const char *text, size_t len, json_int_t version)
{
	struct doc *d = xcalloc(1, sizeof *d);
	d->uri = xstrdup(uri);
	d->path = uri_to_path(uri);
	if (!d->path)
		d->path = xstrdup(uri);
	d->text = xmalloc(len + 1);
	memcpy(d->text, text, len);
	d->text[len] = '\0';
	d->len = len;
	d->version = version;
	d->dirty = true;
	linemap_build(&d->lines, d->text, d->len);
	return d;
}

void doc_free(struct doc *d)
{
	linemap_free(&d->lines);
	free(d->text);
	free(d->path);
	free(d->uri);
	free(d);
}

bool doc_splice(struct doc *d, uint32_t start, uint32_t end, const char *text, size_t n)
{
	if (end < start || end > d->len)
		return false;
	size_t len = d->len - (end - start) + n;
	if (len > DOC_MAX)
		return false;
	char *t = xmalloc(len + 1);
	memcpy(t, d->text, start);
	memcpy(t + start, text, n);
	memcpy(t + start + n, d->text + end, d->len - end);
	t[len] = '\0';
	free(d->text);
	d->text = t;
	d->len = len;
	linemap_free(&d->lines);
	linemap_build(&d->lines, d->text, d->len);
	d->dirty = true;
	return true;
}

/* ---- URIs (RFC 8089, file:///absolute/path with %XX escapes) ---- */

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *uri_to_path(const char *uri)
{
	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	const char *s = uri + 7;
	if (strncmp(s, "localhost/", 10) == 0)
		s += 9;
	if (*s != '/')
		return NULL;
	char *path = xmalloc(strlen(s) + 1), *o = path;
	for (; *s && *s != '?' && *s != '#'; s++) {
		int hi, lo;
		if (*s == '%' && (hi = hex_value(s[1])) >= 0 && (lo = hex_value(s[2])) >= 0) {
			*o++ = (char)(hi * 16 + lo);
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	if (memchr(path, '\0', (size_t)(o - path)) != NULL) {
		free(path);	/* %00: no file has that name */
		return NULL;
	}
	return path;
}

/* Whether c stands for itself in a file URI's path (RFC 3986 unreserved, and '/'). */
static bool uri_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

char *path_to_uri(const char *path)
{
	char cwd[PATH_MAX] = "";
	if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
		cwd[0] = '\0';
	size_t n = strlen(cwd) + 1 + strlen(path);
	char *uri = xmalloc(7 + 3 * n + 1), *o = uri;
	memcpy(o, "file://", 7);
	o += 7;
	for (int part = 0; part < 2; part++) {
		const char *s = part == 0 ? cwd : path;
		if (part == 1 && cwd[0])
			*o++ = '/';
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;
			if (uri_plain(c)) {
				*o++ = (char)c;
			} else {
				static const char digits[] = "0123456789ABCDEF";
				*o++ = '%';
				*o++ = digits[c >> 4];
				*o++ = digits[c & 15];
			}
		}
	}
	*o = '\0';
	return uri;
}

/* ---- JSON ---- */

json_t *jtextn(const char *s, size_t n)
{
	char *clean = xmalloc(3 * n + 1), *o = clean;
	for (size_t i = 0; i < n;) {
		size_t len = s[i] ? utf8_len((const unsigned char *)s + i, n - i) : 1;
		if (len == 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);	/* U+FFFD */
			o += 3;
			i++;
			continue;
		}
		memcpy(o, s + i, len);
		o += len;
		i += len;
	}
	json_t *j = json_stringn(clean, (size_t)(o - clean));
	free(clean);
	return j ? j : json_string("");
}

json_t *jtext(const char *s)
{
	return jtextn(s, strlen(s));
}

json_t *jposition(struct lsp_pos p)
{
	return json_pack("{s:I,s:I}", "line", (json_int_t)p.line, "character",
			 (json_int_t)p.character);
}

json_t *jrange(const struct linemap *m, struct span sp)
{
	return json_pack("{s:o,s:o}", "start", jposition(linemap_position(m, sp.start)),
			 "end", jposition(linemap_position(m, sp.end < sp.start ? sp.start : sp.end)));
}

/* A whole number from 0 to UINT_MAX, or false. */
static bool juint(json_t *j, unsigned *out)
{
	if (!json_is_integer(j) || json_integer_value(j) < 0 ||
	    json_integer_value(j) > (json_int_t)UINT_MAX)
		return false;
	*out = (unsigned)json_integer_value(j);
	return true;
}

bool jget_pos(json_t *p, struct lsp_pos *out)
{
	return juint(json_object_get(p, "line"), &out->line) &&
	       juint(json_object_get(p, "character"), &out->character);
}

bool jget_position(json_t *params, struct lsp_pos *out)
{
	return jget_pos(json_object_get(params, "position"), out);
}

const char *jget_uri(json_t *params)
{
	return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}
