/*
** diag.c: line maps, positions and GCC-style rendering of diagnostics.
*/
#include "util/diag.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/scen_conf.h"
#include "util/xalloc.h"

void srcfile_init(struct srcfile *f, struct arena *a, const char *name, const char *text,
		  size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	f->name = name;
	f->text = text;
	f->len = len;
	f->lines = arena_alloc(a, n * sizeof *f->lines);
	f->nlines = 0;
	f->lines[f->nlines++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			f->lines[f->nlines++] = (uint32_t)(i + 1);
}

static size_t line_index(const struct srcfile *f, uint32_t offset)
{
	size_t lo = 0, hi = f->nlines;	/* lines[lo] <= offset < lines[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static bool is_utf8_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

struct srcpos srcfile_pos(const struct srcfile *f, uint32_t offset)
{
	if (offset > f->len)
		offset = (uint32_t)f->len;
	size_t li = line_index(f, offset);
	unsigned col = 0;
	for (uint32_t i = f->lines[li]; i < offset; i++) {
		unsigned char c = (unsigned char)f->text[i];
		if (c == '\t')
			col = (col / SCEN_TABSTOP + 1) * SCEN_TABSTOP;
		else if (!is_utf8_continuation(c))
			col++;
	}
	return (struct srcpos){ (unsigned)li + 1, col + 1 };
}

void diag_init(struct diag_sink *s)
{
	memset(s, 0, sizeof *s);
	arena_init(&s->arena);
}

void diag_free(struct diag_sink *s)
{
	arena_free(&s->arena);
	diag_init(s);
}

void diag_clear(struct diag_sink *s)
{
	diag_free(s);
}

/* A byte of a name: letters, digits, `_`, and any of a UTF-8 character. */
static bool is_name_byte(unsigned char c)
{
	return c >= 0x80 || c == '_' || isalnum(c);
}

/* The characters (UTF-8 code points) of [s, end). */
static size_t count_chars(const char *s, const char *end)
{
	size_t n = 0;
	for (; s < end; s++)
		n += !is_utf8_continuation((unsigned char)*s);
	return n;
}

/* Where the first n characters of s (it has more) end. */
static const char *after_chars(const char *s, size_t n)
{
	for (size_t kept = 0; kept < n || is_utf8_continuation((unsigned char)*s); s++)
		kept += !is_utf8_continuation((unsigned char)*s);
	return s;
}

/* Where the run of name bytes at s ends. */
static const char *name_end(const char *s)
{
	while (*s && is_name_byte((unsigned char)*s))
		s++;
	return s;
}

/* msg with each name longer than SCEN_NAME_WIDTH characters cut to that many, then
** "…", and after its closing quote (` or ') when one follows, " (N characters)":
** "unknown name `aaaa…` (10000 characters)". msg itself when none is that long. */
static char *shorten_long_names(struct arena *a, char *msg)
{
	size_t longs = 0;
	for (const char *s = msg; *s; ) {
		const char *e = name_end(s);
		longs += count_chars(s, e) > SCEN_NAME_WIDTH;
		s = e > s ? e : s + 1;
	}
	if (!longs)
		return msg;
	/* each cut keeps fewer bytes than it drops, and adds "…", a quote, " (N characters)" */
	char *out = arena_alloc(a, strlen(msg) + longs * 48 + 1), *o = out;
	for (const char *s = msg; *s; ) {
		const char *e = name_end(s);
		size_t chars = count_chars(s, e);
		if (chars <= SCEN_NAME_WIDTH) {
			size_t n = e > s ? (size_t)(e - s) : 1;
			memcpy(o, s, n);
			o += n, s += n;
			continue;
		}
		const char *cut = after_chars(s, SCEN_NAME_WIDTH);
		memcpy(o, s, (size_t)(cut - s));
		o += cut - s;
		o += sprintf(o, "\xe2\x80\xa6");	/* … */
		if (*e == '`' || *e == '\'')
			*o++ = *e++;
		o += sprintf(o, " (%zu characters)", chars);
		s = e;
	}
	*o = '\0';
	return out;
}

/* msg with each control character written as an escape (\n, \r, \t, else \xHH): a
** name or path from the input (`import "a\nb"`) must not break the diagnostic's one
** line. msg itself when it holds none. */
static char *escape_controls(struct arena *a, char *msg)
{
	size_t controls = 0;
	for (const char *s = msg; *s; s++)
		controls += (unsigned char)*s < 0x20 || *s == 0x7f;
	if (!controls)
		return msg;
	char *out = arena_alloc(a, strlen(msg) + 3 * controls + 1), *o = out;
	for (const char *s = msg; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != 0x7f)
			*o++ = (char)c;
		else if (c == '\n' || c == '\r' || c == '\t')
			o += sprintf(o, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
		else
			o += sprintf(o, "\\x%02X", c);
	}
	*o = '\0';
	return out;
}

static struct diag *diag_make(struct diag_sink *s, enum diag_level level,
			      const struct srcfile *f, struct span sp, const char *fmt,
			      va_list ap) SCEN_PRINTF(5, 0);
static struct diag *diag_make(struct diag_sink *s, enum diag_level level,
			      const struct srcfile *f, struct span sp, const char *fmt,
			      va_list ap)
{
	struct diag *d = ARENA_NEW(&s->arena, struct diag);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	d->msg = arena_alloc(&s->arena, (size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(d->msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	d->msg = shorten_long_names(&s->arena, escape_controls(&s->arena, d->msg));
	d->level = level;
	d->file = f;
	d->span = sp;
	d->seq = s->count;
	return d;
}

static struct diag *diag_add(struct diag_sink *s, enum diag_level level,
			     const struct srcfile *f, struct span sp, const char *fmt,
			     va_list ap)
{
	struct diag *d = diag_make(s, level, f, sp, fmt, ap);
	if (s->last)
		s->last->next = d;
	else
		s->first = d;
	s->last = d;
	s->count++;
	if (level == DIAG_ERROR)
		s->errors++;
	else if (level == DIAG_WARNING)
		s->warnings++;
	return d;
}

struct diag *diag_error(struct diag_sink *s, const struct srcfile *f, struct span sp,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = diag_add(s, DIAG_ERROR, f, sp, fmt, ap);
	va_end(ap);
	return d;
}

struct diag *diag_warning(struct diag_sink *s, const struct srcfile *f, struct span sp,
			  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = diag_add(s, DIAG_WARNING, f, sp, fmt, ap);
	va_end(ap);
	return d;
}

void diag_note_alone(struct diag_sink *s, const struct srcfile *f, struct span sp,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_add(s, DIAG_NOTE, f, sp, fmt, ap);
	va_end(ap);
}

void diag_note(struct diag_sink *s, struct diag *d, const struct srcfile *f, struct span sp,
	       const char *fmt, ...)
{
	if (!d)
		return;
	va_list ap;
	va_start(ap, fmt);
	struct diag *n = diag_make(s, DIAG_NOTE, f, sp, fmt, ap);
	va_end(ap);
	struct diag **tail = &d->notes;
	while (*tail)
		tail = &(*tail)->next;
	*tail = n;
}

unsigned diag_promote_warnings(struct diag_sink *s)
{
	unsigned n = 0;
	for (struct diag *d = s->first; d; d = d->next)
		if (d->level == DIAG_WARNING) {
			d->level = DIAG_ERROR;
			d->promoted = true;
			n++;
		}
	s->errors += n;
	s->warnings -= n;
	return n;
}

/* ---- rendering ---- */

struct palette {
	const char *bold, *error, *warning, *note, *caret, *reset;
};

static const struct palette plain = { "", "", "", "", "", "" };
static const struct palette ansi = { "\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m",
				     "\033[1;32m", "\033[0m" };

bool diag_term_has_escapes(FILE *out)
{
	const char *term = getenv("TERM");
	return isatty(fileno(out)) && term && *term && strcmp(term, "dumb") != 0;
}

bool diag_want_color(FILE *out)
{
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return false;
	return diag_term_has_escapes(out);
}

/* The part of line [bol, eol) an excerpt shows: all of it when it is at most
** SCEN_EXCERPT_WIDTH bytes, else that many around the span's start (a third before it),
** cut at UTF-8 character boundaries; *cut_left and *cut_right say where "..." stands
** for what is left out. A 62 MB line once printed whole under its error. */
static void excerpt_window(const struct srcfile *f, uint32_t bol, uint32_t eol, uint32_t start,
			   uint32_t *from, uint32_t *to, bool *cut_left, bool *cut_right)
{
	*from = bol, *to = eol;
	if (eol - bol > SCEN_EXCERPT_WIDTH) {
		uint32_t before = SCEN_EXCERPT_WIDTH / 3;
		*from = start - bol > before ? start - before : bol;
		*to = eol - *from > SCEN_EXCERPT_WIDTH ? *from + SCEN_EXCERPT_WIDTH : eol;
		if (*to == eol)	/* near the end: show the last SCEN_EXCERPT_WIDTH */
			*from = eol - SCEN_EXCERPT_WIDTH;
		while (*from > bol && is_utf8_continuation((unsigned char)f->text[*from]))
			(*from)--;
		while (*to < eol && is_utf8_continuation((unsigned char)f->text[*to]))
			(*to)++;
	}
	*cut_left = *from > bol;
	*cut_right = *to < eol;
}

/* Prints the source line holding sp.start and a caret line under the span. */
static void render_excerpt(FILE *out, const struct diag *d, const struct palette *p)
{
	const struct srcfile *f = d->file;
	uint32_t start = d->span.start > f->len ? (uint32_t)f->len : d->span.start;
	size_t li = line_index(f, start);
	uint32_t bol = f->lines[li], eol = bol;
	/* a CR ends the line shown, of CRLF or alone (parse_text's error): printed, it
	** would send the terminal's cursor back over the line */
	while (eol < f->len && f->text[eol] != '\n' && f->text[eol] != '\r')
		eol++;
	uint32_t from, to;
	bool cut_left, cut_right;
	excerpt_window(f, bol, eol, start, &from, &to, &cut_left, &cut_right);
	fprintf(out, "%5zu | %s", li + 1, cut_left ? "..." : "");
	for (uint32_t i = from; i < to; i++)
		fputc(f->text[i] ? f->text[i] : ' ', out);
	fprintf(out, "%s\n      | %s", cut_right ? "..." : "", cut_left ? "   " : "");
	for (uint32_t i = from; i < start && i < to; i++) {
		unsigned char c = (unsigned char)f->text[i];
		if (c == '\t')
			fputc('\t', out);
		else if (!is_utf8_continuation(c))
			fputc(' ', out);
	}
	fputs(p->caret, out);
	fputc('^', out);
	uint32_t end = d->span.end < to ? d->span.end : to;
	for (uint32_t i = start + 1; i < end; i++)
		if (!is_utf8_continuation((unsigned char)f->text[i]))
			fputc('~', out);
	fprintf(out, "%s\n", p->reset);
}

static void render_one(FILE *out, const struct diag *d, const struct palette *p)
{
	static const char *const label[] = { "error", "warning", "note" };
	const char *colour = d->level == DIAG_ERROR ? p->error
			   : d->level == DIAG_WARNING ? p->warning : p->note;
	if (d->file) {
		struct srcpos pos = srcfile_pos(d->file, d->span.start);
		fprintf(out, "%s%s:%u:%u:%s ", p->bold, d->file->name, pos.line, pos.col,
			p->reset);
	} else {
		fprintf(out, "%sscen:%s ", p->bold, p->reset);
	}
	fprintf(out, "%s%s:%s %s%s\n", colour, label[d->level], p->reset, d->msg,
		d->promoted ? " [--werror]" : "");
	if (d->file)
		render_excerpt(out, d, p);
}

static int diag_compare(const void *a, const void *b)
{
	const struct diag *x = *(const struct diag *const *)a;
	const struct diag *y = *(const struct diag *const *)b;
	if (x->file != y->file) {
		if (!x->file || !y->file)
			return x->file ? 1 : -1;
		int c = strcmp(x->file->name, y->file->name);
		if (c)
			return c;
	}
	if (x->file && x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The diagnostics of s that keep(d, arg) accepts (every one when keep is NULL), in the
** order they print: an array to free; *n of them. */
static struct diag **sorted(const struct diag_sink *s,
			    bool (*keep)(const struct diag *d, void *arg), void *arg, size_t *n)
{
	struct diag **v = xmalloc((s->count ? s->count : 1) * sizeof *v);
	*n = 0;
	for (struct diag *d = s->first; d; d = d->next)
		if (!keep || keep(d, arg))
			v[(*n)++] = d;
	qsort(v, *n, sizeof *v, diag_compare);
	return v;
}

size_t diag_shown(const struct diag_sink *s, struct diag **out)
{
	size_t n;
	struct diag **v = sorted(s, NULL, NULL, &n);
	size_t shown = n < SCEN_MAX_ERRORS ? n : SCEN_MAX_ERRORS;
	memcpy(out, v, shown * sizeof *v);
	free(v);
	return shown;
}

/* "scen: too many errors (N); stopped after 50", counting errors only (and warnings
** apart). */
static void render_too_many(FILE *out, const struct diag *const *v, size_t n, size_t shown)
{
	unsigned errors = 0, warnings = 0;
	for (size_t i = 0; i < n; i++) {
		errors += v[i]->level == DIAG_ERROR;
		warnings += v[i]->level == DIAG_WARNING;
	}
	if (errors && warnings)
		fprintf(out, "scen: too many errors (%u) and warnings (%u); stopped after %zu\n",
			errors, warnings, shown);
	else
		fprintf(out, "scen: too many %s (%u); stopped after %zu\n",
			errors ? "errors" : "warnings", errors ? errors : warnings, shown);
}

void diag_render_some(struct diag_sink *s, FILE *out, bool color,
		      bool (*keep)(const struct diag *d, void *arg), void *arg)
{
	const struct palette *p = color ? &ansi : &plain;
	size_t n;
	struct diag **v = sorted(s, keep, arg, &n);
	size_t shown = n < SCEN_MAX_ERRORS ? n : SCEN_MAX_ERRORS;
	for (size_t i = 0; i < shown; i++) {
		render_one(out, v[i], p);
		for (struct diag *note = v[i]->notes; note; note = note->next)
			render_one(out, note, p);
	}
	if (shown < n)
		render_too_many(out, (const struct diag *const *)v, n, shown);
	free(v);
}

void diag_render(struct diag_sink *s, FILE *out, bool color)
{
	diag_render_some(s, out, color, NULL, NULL);
}

void diag_flush_stderr(struct diag_sink *sink)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem) {
		diag_render(sink, mem, diag_want_color(stderr));
		fclose(mem);
		fwrite(buf, 1, len, stderr);
		free(buf);
	} else {
		diag_render(sink, stderr, diag_want_color(stderr));
	}
	diag_clear(sink);
}
