/*
** override.c: `--set NAME.ATTR=VALUE` (repeatable) on run, diff and plot: the edit a user
** would type in the REPL (`NAME.ATTR = VALUE`, or `~ VALUE`), made to the file's text by
** the REPL's own edit (repl_edit_attr) once its VALUE parses as one expression
** (repl_check_value), and checked as the REPL checks it, one override
** after the other, in the order given. A diagnostic inside the text an override put in
** is shown on the override itself, `--set:1:COL: error: ...` with its line and caret; the
** file on disk is never touched.
*/
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "repl/repl.h"
#include "util/arena.h"
#include "util/sha256.h"
#include "util/xalloc.h"

enum { MAX_OVERRIDES = 256 };

/* The overrides of the command line, and the sources that their diagnostics point
** into: they live until scen exits, after the last diagnostic is printed. */
static struct {
	struct srcfile src[MAX_OVERRIDES];
	struct repl_assign assign[MAX_OVERRIDES];
	const char *text[MAX_OVERRIDES];	/* as given, for the provenance */
	unsigned n;
	char main_sha256[65];		/* the main file's on disk, before the overrides */
	struct arena arena;
	bool init;
} set;

int cli_add_override(const char *cmd, const char *arg)
{
	if (!set.init) {
		arena_init(&set.arena);
		set.init = true;
	}
	if (set.n == MAX_OVERRIDES)
		return cli_usage_error(cmd, "--set: at most %d overrides", MAX_OVERRIDES);
	struct repl_assign *a = &set.assign[set.n];
	if (!repl_parse_assign(arg, strlen(arg), a))
		return cli_usage_error(cmd, "--set needs NAME.ATTR=VALUE (or NAME.ATTR~VALUE), "
				       "not '%s'", arg);
	char *text = arena_strndup(&set.arena, arg, strlen(arg));
	srcfile_init(&set.src[set.n], &set.arena, "--set", text, strlen(text));
	set.text[set.n++] = text;
	return 0;
}

bool cli_have_overrides(void)
{
	return set.n > 0;
}

void cli_override_provenance(struct run_result *r)
{
	if (!set.n)
		return;
	r->set = set.text;
	r->nset = set.n;
	r->main_sha256 = set.main_sha256;
}

/* Diagnostics in main's bytes [t->at, t->at + t->n] came from the override's bytes
** [t->from, t->from + t->n]: show them there (as the REPL shows a typed entry's). So does
** one at the next token after them (`expected ), found }` for `--set a.b=(5`): the
** override ended too soon. */
static void move_diags(struct diag *d, const struct srcfile *main, const struct repl_text *t,
		       const struct srcfile *entry)
{
	size_t next = t->at + t->n;
	while (next < main->len && (main->text[next] == ' ' || main->text[next] == '\t'))
		next++;
	for (; d; d = d->next) {
		if (d->file == main && d->span.start == next && d->span.start > t->at + t->n) {
			d->file = entry;
			d->span.start = d->span.end = (uint32_t)(t->from + t->n);
		} else if (d->file == main && d->span.start >= t->at &&
			   d->span.start <= t->at + t->n) {
			size_t end = d->span.end < t->at + t->n ? d->span.end : t->at + t->n;
			d->file = entry;
			d->span.start = (uint32_t)(d->span.start - t->at + t->from);
			d->span.end = (uint32_t)(end - t->at + t->from);
		}
		move_diags(d->notes, main, t, entry);
	}
}

/* The item an override names, or NULL with the error said on the override. */
static const struct ast_node *owner_item(const struct program *p, unsigned i,
					 struct diag_sink *sink)
{
	const struct repl_assign *a = &set.assign[i];
	const char *line = set.src[i].text;
	char *owner = xmalloc(a->owner_len + 1);
	memcpy(owner, line + a->owner, a->owner_len);
	owner[a->owner_len] = '\0';
	const struct ast_node *item = repl_find_item(&p->files->ast, owner);
	struct span at = { (uint32_t)a->owner, (uint32_t)(a->owner + a->owner_len) };
	if (!item)
		diag_error(sink, &set.src[i], at, "no actor, stake, sanction or mediation called "
			   "`%s` in %s", owner, p->files->ast.src.name);
	else if (item->kind == AST_LET || item->kind == AST_FN)
		diag_error(sink, &set.src[i], at, "`%s` is a %s: --set changes an attribute "
			   "(NAME.ATTR=VALUE)", owner, item->kind == AST_LET ? "let" : "fn");
	free(owner);
	return item && item->kind != AST_LET && item->kind != AST_FN ? item : NULL;
}

enum status cli_load_program(struct program *p, const char *path, struct diag_sink *sink)
{
	enum status st = check_load_file(p, path, sink);
	if (p->files)
		sha256_of(p->files->ast.src.text, p->files->ast.src.len, set.main_sha256);
	for (unsigned i = 0; i < set.n && st == STATUS_OK; i++) {
		const struct ast_node *item = owner_item(p, i, sink);
		if (!item || !repl_check_value(&set.src[i], &set.assign[i], sink))
			return STATUS_ERRORS;
		const struct srcfile *main = &p->files->ast.src;
		struct repl_text t;
		repl_edit_attr(main->text, main->len, item, set.src[i].text, &set.assign[i], &t);
		diag_clear(sink);	/* the warnings of the text before this override */
		program_free(p);
		program_init(p);
		st = check_load_edited(p, path, t.text, t.len, sink);
		free(t.text);
		if (p->files)
			move_diags(sink->first, &p->files->ast.src, &t, &set.src[i]);
	}
	return st;
}
