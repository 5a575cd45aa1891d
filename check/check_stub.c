/* STUB: replaced by the real checker (check/). */
#include "check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "attrs.h"
#include "parse.h"
#include "readfile.h"
#include "xalloc.h"

void program_init(struct program *p) { memset(p, 0, sizeof *p); arena_init(&p->arena); }

void program_free(struct program *p)
{
	struct loaded_file *f = p->files;
	while (f) {
		struct loaded_file *next = f->next;
		arena_free(&f->arena);
		free(f);
		f = next;
	}
	arena_free(&p->arena);
	program_init(p);
}

enum check_status check_load_text(struct program *p, const char *name, const char *text,
				  size_t len, struct diag_sink *sink)
{
	struct loaded_file *f = xcalloc(1, sizeof *f);
	arena_init(&f->arena);
	f->path = arena_strdup(&f->arena, name);
	f->next = p->files;
	p->files = f;
	const char *copy = arena_strndup(&f->arena, text, len);
	return parse_text(&f->ast, &f->arena, f->path, copy, len, sink) ? CHECK_ERRORS : CHECK_OK;
}

enum check_status check_load_file(struct program *p, const char *path, struct diag_sink *sink)
{
	struct arena tmp;
	arena_init(&tmp);
	size_t len;
	char *text = read_file(&tmp, path, &len);
	if (!text) {
		diag_error(sink, NULL, (struct span){ 0, 0 }, "cannot read '%s': %s", path,
			   strerror(errno));
		arena_free(&tmp);
		return CHECK_IO;
	}
	enum check_status st = check_load_text(p, path, text, len, sink);
	arena_free(&tmp);
	return st;
}

void check_summary(FILE *out, const struct program *p) { (void)out; (void)p; }
bool check_print_attrs(FILE *out, const char *role, bool markdown)
{
	return attrs_print(out, role, markdown);
}
