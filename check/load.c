/*
** load.c: loading a program (the main file, the prelude and every import, each file
** once) and running the checker's passes over it.
**
** An import is a path when it holds a '/' or ends in ".scen": then it is relative to
** the importing file. Otherwise it names a module, looked for as NAME.scen in each
** directory of $SCEN_PATH (':'-separated), then in the installed stdlib, then in the
** source tree's stdlib (so an uninstalled build finds its own). The prelude module is
** loaded after the main file, when it exists. Syntax errors in any file stop the check
** before the semantic passes: their partial trees would only add noise.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check_int.h"
#include "parser/parse.h"
#include "util/readfile.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

void program_init(struct program *p)
{
	memset(p, 0, sizeof *p);
	arena_init(&p->arena);
}

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

struct loader {
	struct program *p;
	struct diag_sink *sink;
	struct loaded_file *last;
	const char *chain[SCEN_MAX_IMPORT_DEPTH + 1];	/* real paths being loaded */
	const char *shown[SCEN_MAX_IMPORT_DEPTH + 1];	/* the same, as their imports say */
	unsigned depth;
	int syntax_errors;
};

static void load_imports(struct loader *l, struct loaded_file *f);

/* Parses text (which f->arena owns) into f and appends f to the program. */
static void add_file(struct loader *l, struct loaded_file *f, const char *text, size_t len)
{
	l->syntax_errors += parse_text(&f->ast, &f->arena, f->path, text, len, l->sink);
	if (l->last)
		l->last->next = f;
	else
		l->p->files = f;
	l->last = f;
	if (l->depth < SCEN_MAX_IMPORT_DEPTH) {
		l->shown[l->depth] = f->path;
		l->chain[l->depth++] = f->real;
		load_imports(l, f);
		l->depth--;
	}
}

static struct loaded_file *new_file(const char *path, const char *real)
{
	struct loaded_file *f = xcalloc(1, sizeof *f);
	arena_init(&f->arena);
	f->path = arena_strdup(&f->arena, path);
	f->real = arena_strdup(&f->arena, real ? real : path);
	return f;
}

static bool file_exists(const char *path)
{
	return access(path, R_OK) == 0;
}

/* dir/name.scen when that file exists (malloc'd), else NULL. */
static char *find_in(const char *dir, size_t dirlen, const char *name)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%.*s/%s.scen", (int)dirlen, dir, name);
	return n > 0 && (size_t)n < sizeof path && file_exists(path) ? xstrdup(path) : NULL;
}

/* Where module name lives, or NULL. The result is malloc'd. */
static char *find_module(const char *name)
{
	char *found = NULL;
	for (const char *d = getenv("SCEN_PATH"); !found && d && *d;) {
		const char *end = strchr(d, ':');
		size_t len = end ? (size_t)(end - d) : strlen(d);
		if (len)
			found = find_in(d, len, name);
		d = end ? end + 1 : NULL;
	}
	const char *const fixed[] = { SCEN_STDLIB_DIR, SCEN_SRC_STDLIB_DIR };
	for (size_t i = 0; !found && i < 2; i++)
		found = find_in(fixed[i], strlen(fixed[i]), name);
	return found;
}

/* The path an import names, or NULL (reported). The result is malloc'd. */
static char *resolve_import(struct loader *l, const struct loaded_file *from,
			    const struct ast_node *imp)
{
	const char *name = imp->u.import.path;
	size_t n = strlen(name);
	bool is_path = strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".scen") == 0);
	if (!is_path) {
		char *found = find_module(name);
		if (!found)
			diag_error(l->sink, &from->ast.src, imp->u.import.path_span,
				   "cannot find module `%s` (looked in $SCEN_PATH and the "
				   "standard library)", name);
		return found;
	}
	const char *slash = strrchr(from->path, '/');
	size_t dirlen = name[0] == '/' || !slash ? 0 : (size_t)(slash - from->path) + 1;
	char *path = xmalloc(dirlen + n + 1);
	memcpy(path, from->path, dirlen);
	memcpy(path + dirlen, name, n + 1);
	return path;
}

static bool already_loaded(struct loader *l, const char *real)
{
	for (struct loaded_file *f = l->p->files; f; f = f->next)
		if (strcmp(f->real, real) == 0)
			return true;
	return false;
}

static void report_cycle(struct loader *l, const struct loaded_file *from,
			 const struct ast_node *imp, const char *real, const char *shown)
{
	unsigned i = 0;
	while (strcmp(l->chain[i], real) != 0)
		i++;
	char *path = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&path, &len);
	for (; m && i < l->depth; i++)
		fprintf(m, "`%s` → ", l->shown[i]);
	if (m) {
		fprintf(m, "`%s`", shown);
		fclose(m);
	}
	diag_error(l->sink, &from->ast.src, imp->span, "import cycle: %s", path ? path : "");
	free(path);
}

/* Loads one import of f, unless it is loaded already. */
static void load_import(struct loader *l, struct loaded_file *from,
			const struct ast_node *imp)
{
	char *path = resolve_import(l, from, imp);
	if (!path)
		return;
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		diag_error(l->sink, &from->ast.src, imp->u.import.path_span,
			   "cannot read `%s`: %s", path, strerror(errno));
		free(path);
		return;
	}
	for (unsigned i = 0; i < l->depth; i++)
		if (strcmp(l->chain[i], real) == 0) {
			report_cycle(l, from, imp, real, path);
			free(path);
			return;
		}
	if (l->depth >= SCEN_MAX_IMPORT_DEPTH)
		diag_error(l->sink, &from->ast.src, imp->span,
			   "imports nest deeper than %d files", SCEN_MAX_IMPORT_DEPTH);
	if (l->depth >= SCEN_MAX_IMPORT_DEPTH || already_loaded(l, real)) {
		free(path);
		return;
	}
	struct loaded_file *f = new_file(path, real);
	free(path);
	size_t len;
	char *text = read_file(&f->arena, f->path, &len);
	if (!text) {
		diag_error(l->sink, &from->ast.src, imp->u.import.path_span,
			   "cannot read `%s`: %s", f->path, strerror(errno));
		arena_free(&f->arena);
		free(f);
		return;
	}
	add_file(l, f, text, len);
}

static void load_imports(struct loader *l, struct loaded_file *f)
{
	for (const struct ast_node *it = f->ast.items; it; it = it->next)
		if (it->kind == AST_IMPORT)
			load_import(l, f, it);
}

static void load_prelude(struct loader *l)
{
	char *path = find_module("prelude");
	char real[PATH_MAX];
	if (path && realpath(path, real) && !already_loaded(l, real)) {
		struct loaded_file *f = new_file(path, real);
		size_t len;
		char *text = read_file(&f->arena, f->path, &len);
		if (text) {
			add_file(l, f, text, len);
		} else {
			arena_free(&f->arena);
			free(f);
		}
	}
	free(path);
}

static enum status check_program(struct program *p, struct diag_sink *sink)
{
	unsigned before = sink->errors;
	struct checker c = { .prog = p, .sink = sink, .arena = &p->arena, .main = p->files };
	for (struct loaded_file *f = p->files; f; f = f->next)
		items_declare(&c, f, f->is_main);
	for (struct loaded_file *f = p->files; f; f = f->next)
		items_resolve(&c, f);
	graph_order(&c);
	items_relate(&c);
	/* the errors' suggestions, now that every error is known; warnings only for a
	** file without errors (they add no suggestion) */
	suggest_finish(&c);
	if (sink->errors == before)
		warn_program(&c);
	free(c.all);
	if (sink->errors > before)
		return STATUS_ERRORS;
	model_build(&c);
	return STATUS_OK;
}

static enum status load_main(struct program *p, struct loaded_file *f,
				   const char *text, size_t len, struct diag_sink *sink)
{
	struct loader l = { .p = p, .sink = sink };
	f->is_main = true;
	unsigned before = sink->errors;
	add_file(&l, f, text, len);
	load_prelude(&l);
	if (sink->errors > before)
		return STATUS_ERRORS;
	return check_program(p, sink);
}

enum status check_load_text(struct program *p, const char *name, const char *text,
				  size_t len, struct diag_sink *sink)
{
	struct loaded_file *f = new_file(name, NULL);
	char *copy = arena_strndup(&f->arena, text, len);
	return load_main(p, f, copy, len, sink);
}

enum status check_load_edited(struct program *p, const char *path, const char *text,
				size_t len, struct diag_sink *sink)
{
	char real[PATH_MAX];
	struct loaded_file *f = new_file(path, realpath(path, real) ? real : NULL);
	char *copy = arena_strndup(&f->arena, text, len);
	return load_main(p, f, copy, len, sink);
}

enum status check_load_file(struct program *p, const char *path, struct diag_sink *sink)
{
	char real[PATH_MAX];
	struct loaded_file *f = new_file(path, realpath(path, real) ? real : NULL);
	size_t len;
	char *text = read_file(&f->arena, path, &len);
	if (!text) {
		diag_error(sink, NULL, (struct span){ 0, 0 }, "cannot read '%s': %s", path,
			   strerror(errno));
		arena_free(&f->arena);
		free(f);
		return STATUS_IO;
	}
	return load_main(p, f, text, len, sink);
}
