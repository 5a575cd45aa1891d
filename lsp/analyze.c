/*
** analyze.c: a document checked as `scen check` checks a file, and its diagnostics.
**
** The text is the editor's (saved or not), checked under the document's own path, so
** that its imports resolve relative to it and through $SCEN_PATH exactly as the loader
** resolves them (check/load.c); imported files are read from disk. One pass gives
** every error, and the warnings when there is none (check/warn.c).
**
** A diagnostic in the document itself keeps its span. One in an imported file is
** shown at the import of the document that leads to that file, its message prefixed
** with the file and the line and column `scen check` would print; its own place is
** the first related location. Notes are related locations too.
*/
#include <stdlib.h>
#include <string.h>

#include "lsp/lsp_int.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

struct analysis *analyze(const struct doc *d)
{
	struct analysis *a = xcalloc(1, sizeof *a);
	program_init(&a->prog);
	diag_init(&a->sink);
	if (d->len > (size_t)SCEN_MAX_FILE) {
		diag_error(&a->sink, NULL, (struct span){ 0, 0 },
			   "the document is larger than %ld bytes, the largest file scen reads",
			   (long)SCEN_MAX_FILE);
		a->status = STATUS_IO;
	} else {
		a->status = check_load_text(&a->prog, d->path, d->text, d->len, &a->sink);
	}
	a->main = a->prog.files;
	index_build(&a->index, &a->prog);
	return a;
}

void analysis_free(struct analysis *a)
{
	if (!a)
		return;
	index_free(&a->index);
	program_free(&a->prog);
	diag_free(&a->sink);
	free(a);
}

void file_lines(struct linemap *m, const struct loaded_file *f)
{
	linemap_build(m, f->ast.src.text, f->ast.src.len);
}

json_t *jlocation(const struct doc *d, const struct loaded_file *f, struct span sp)
{
	if (!f || f == d->an->main)
		return json_pack("{s:o,s:o}", "uri", jtext(d->uri), "range", jrange(&d->lines, sp));
	struct linemap m;
	file_lines(&m, f);
	char *uri = path_to_uri(f->real);
	json_t *loc = json_pack("{s:o,s:o}", "uri", jtext(uri), "range", jrange(&m, sp));
	free(uri);
	linemap_free(&m);
	return loc;
}

static const struct loaded_file *file_of(const struct analysis *a, const struct srcfile *src)
{
	for (const struct loaded_file *f = a->prog.files; f; f = f->next)
		if (&f->ast.src == src)
			return f;
	return NULL;
}

/* The import in the main file through which f was loaded, or NULL (the prelude). */
static const struct ast_node *import_leading_to(const struct analysis *a,
						const struct loaded_file *f)
{
	const struct ast_node *imp = NULL;
	for (unsigned depth = 0; f && f != a->main && depth <= SCEN_MAX_IMPORT_DEPTH; depth++) {
		const struct loaded_file *from = NULL;
		/* the loader goes depth first: a file's importer was loaded before it */
		for (const struct loaded_file *g = a->prog.files; g != f && !from; g = g->next)
			for (const struct ast_node *it = g->ast.items; it; it = it->next)
				if (it->kind == AST_IMPORT && import_names(g, it, f)) {
					from = g;
					imp = it;
					break;
				}
		f = from;
	}
	return f == a->main ? imp : NULL;
}

/* Where a diagnostic is shown in the document. */
static struct span shown_at(const struct analysis *a, const struct diag *g)
{
	if (!g->file)
		return (struct span){ 0, 0 };
	const struct loaded_file *f = file_of(a, g->file);
	if (f == a->main)
		return g->span;
	const struct ast_node *imp = import_leading_to(a, f);
	return imp ? imp->u.import.path_span : (struct span){ 0, 0 };
}

static json_t *related(const struct doc *d, const struct diag *g)
{
	const struct analysis *a = d->an;
	const struct loaded_file *f = g->file ? file_of(a, g->file) : NULL;
	return json_pack("{s:o,s:o}", "location", jlocation(d, f, f ? g->span : (struct span){ 0, 0 }),
			 "message", jtext(g->msg));
}

static json_t *diagnostic(const struct doc *d, const struct diag *g, struct span at)
{
	const struct analysis *a = d->an;
	json_t *rel = json_array();
	const struct loaded_file *f = g->file ? file_of(a, g->file) : NULL;
	json_t *msg;
	if (f && f != a->main) {
		struct srcpos pos = srcfile_pos(g->file, g->span.start);
		char *text = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&text, &len);
		if (m) {
			fprintf(m, "in %s:%u:%u: %s", g->file->name, pos.line, pos.col, g->msg);
			fclose(m);
		}
		msg = jtext(text ? text : g->msg);
		free(text);
		json_array_append_new(rel, related(d, g));
	} else {
		msg = jtext(g->msg);
	}
	for (const struct diag *n = g->notes; n; n = n->next)
		json_array_append_new(rel, related(d, n));
	json_t *j = json_pack("{s:o,s:i,s:s,s:o}", "range", jrange(&d->lines, at), "severity",
			      g->level == DIAG_ERROR ? 1 : 2, "source", "scen", "message", msg);
	if (json_array_size(rel))
		json_object_set_new(j, "relatedInformation", rel);
	else
		json_decref(rel);
	return j;
}

struct shown {
	const struct diag *g;
	struct span at;
};

static int shown_compare(const void *x, const void *y)
{
	const struct shown *a = x, *b = y;
	if (a->at.start != b->at.start)
		return a->at.start < b->at.start ? -1 : 1;
	return a->g->seq < b->g->seq ? -1 : a->g->seq > b->g->seq;
}

/* "too many errors (N) and warnings (M); stopped after K", as `scen check` says it. */
static json_t *too_many(const struct doc *d, const struct shown *v, size_t n)
{
	unsigned errors = 0, warnings = 0;
	for (size_t i = 0; i < n; i++) {
		errors += v[i].g->level == DIAG_ERROR;
		warnings += v[i].g->level == DIAG_WARNING;
	}
	char msg[160];
	if (errors && warnings)
		snprintf(msg, sizeof msg, "too many errors (%u) and warnings (%u); stopped after %d",
			 errors, warnings, SCEN_LSP_MAX_DIAGNOSTICS);
	else
		snprintf(msg, sizeof msg, "too many %s (%u); stopped after %d",
			 errors ? "errors" : "warnings", errors ? errors : warnings,
			 SCEN_LSP_MAX_DIAGNOSTICS);
	return json_pack("{s:o,s:i,s:s,s:s}", "range",
			 jrange(&d->lines, v[SCEN_LSP_MAX_DIAGNOSTICS].at), "severity", 3,
			 "source", "scen", "message", msg);
}

json_t *diagnostics_params(const struct doc *d)
{
	const struct analysis *a = d->an;
	struct shown *v = xmalloc((a->sink.count + 1) * sizeof *v);
	size_t n = 0;
	for (const struct diag *g = a->sink.first; g; g = g->next)
		v[n++] = (struct shown){ g, shown_at(a, g) };
	qsort(v, n, sizeof *v, shown_compare);
	json_t *list = json_array();
	for (size_t i = 0; i < n && i < SCEN_LSP_MAX_DIAGNOSTICS; i++)
		json_array_append_new(list, diagnostic(d, v[i].g, v[i].at));
	if (n > SCEN_LSP_MAX_DIAGNOSTICS)
		json_array_append_new(list, too_many(d, v, n));
	free(v);
	return json_pack("{s:o,s:I,s:o}", "uri", jtext(d->uri), "version", d->version,
			 "diagnostics", list);
}
