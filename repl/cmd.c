/*
** cmd.c: the REPL's `:` commands. Each takes the entry (for located errors) and its
** argument. Only :load, :reload and :undo change the model, through the same check as a
** typed change; the others read it (and may run its reports).
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/count.h"
#include "util/status.h"
#include "check/model.h"
#include "interp/describe.h"
#include "parser/parse.h"
#include "parser/print.h"
#include "util/readfile.h"
#include "repl/repl.h"
#include "util/rewrite.h"
#include "report/report.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

/* The argument of a command: the rest of the entry, trimmed. */
struct arg {
	const char *text;	/* NUL-terminated copy (in the entry's arena) */
	size_t at, end;		/* where it is in the entry */
};

struct command {
	const char *name;
	const char *args;
	const char *help;
	void (*run)(struct repl *r, struct repl_entry *e, const struct arg *a);
};

static void do_help(struct repl *r, struct repl_entry *e, const struct arg *a);

/* ---- helpers ---- */

/* The same list of reports, keeping those whose name contains what (all when what is
** empty) and, with no_sweeps, only the file's own reports. Free out->reports only. */
static void select_reports(const struct run_result *all, const char *what, bool no_sweeps,
			   struct run_result *out)
{
	*out = *all;
	out->reports = xmalloc((all->nreports + 1) * sizeof *out->reports);
	out->nreports = 0;
	/* `sweep ATTR`: the rows of the sweeps of ATTR (issue 19) */
	const char *attr = strncmp(what, "sweep ", 6) == 0 ? what + 6 + strspn(what + 6, " \t")
							   : NULL;
	for (unsigned i = 0; i < all->nreports; i++) {
		const struct report_result *rep = &all->reports[i];
		bool named = attr ? rep->sweep && *attr && strstr(rep->sweep, attr)
				  : !*what || strstr(rep->what, what);
		if (named && !(no_sweeps && rep->sweep))
			out->reports[out->nreports++] = *rep;
	}
}

/* Whether the run's reports before i already hold one of the same name (or sweep). */
static bool listed_before(const struct run_result *all, unsigned i)
{
	const struct report_result *x = &all->reports[i];
	for (unsigned k = 0; k < i; k++) {
		const struct report_result *y = &all->reports[k];
		if (x->sweep ? y->sweep && strcmp(x->sweep, y->sweep) == 0
			     : !y->sweep && strcmp(x->what, y->what) == 0)
			return true;
	}
	return false;
}

/* When a name matches nothing: what it could have named, the file's own reports and
** then its sweeps, each once. */
static void list_reports(const struct run_result *all, bool no_sweeps)
{
	for (int sweeps = 0; sweeps < (no_sweeps ? 1 : 2); sweeps++) {
		bool any = false;
		for (unsigned i = 0; i < all->nreports; i++) {
			const struct report_result *rep = &all->reports[i];
			if (!rep->sweep != !sweeps || listed_before(all, i))
				continue;
			printf("%s%s%s", any ? ", " : sweeps ? "the sweeps: " : "the reports: ",
			       sweeps ? "sweep " : "", sweeps ? rep->sweep : rep->what);
			any = true;
		}
		if (any)
			putchar('\n');
	}
}

/* Runs the session's reports and selects those named by a (an error when none is). */
static bool selected(struct repl *r, struct repl_entry *e, const struct arg *a,
		     bool no_sweeps, struct run_result *out)
{
	if (!repl_state_run(r, &r->cur))
		return false;
	if (!r->cur.s.result.nreports) {
		puts("nothing to report: the session has no conflict");
		return false;
	}
	select_reports(&r->cur.s.result, a->text, no_sweeps, out);
	if (out->nreports)
		return true;
	free(out->reports);
	if (*a->text) {
		repl_error(r, e, a->at, a->end, "no report matches `%s`", a->text);
		list_reports(&r->cur.s.result, no_sweeps);
	} else
		repl_error(r, e, 0, e->len, "no report to explain outside a sweep");
	return false;
}


/* ---- :report, :why ---- */

static void do_report(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct run_result sel;
	if (!selected(r, e, a, false, &sel))
		return;
	report_text(stdout, &sel);
	free(sel.reports);
	if (r->cur.s.result.stopped)	/* interrupted: do not keep a partial run */
		repl_state_forget_run(&r->cur);
}

static void do_why(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct run_result sel;
	if (!selected(r, e, a, true, &sel))
		return;
	repl_why(stdout, &sel);
	free(sel.reports);
}

/* ---- :load, :reload, :undo ---- */

/* Reads path into a malloc'd buffer; reports a failure against the argument. */
static char *read_arg_file(struct repl *r, struct repl_entry *e, const struct arg *a,
			   const char *path, size_t *len)
{
	struct arena ar;
	arena_init(&ar);
	char *text = read_file(&ar, path, len);
	char *copy = NULL;
	if (text) {
		copy = xmalloc(*len + 1);
		memcpy(copy, text, *len + 1);
	} else {
		repl_error(r, e, a->at, a->end, "cannot read `%s`: %s", path, strerror(errno));
	}
	arena_free(&ar);
	return copy;
}

/* Checks path's text as the session's file; path becomes r->path on success. */
static bool load_path(struct repl *r, struct repl_entry *e, const struct arg *a,
		      const char *path, struct repl_state *st)
{
	size_t len;
	char *text = read_arg_file(r, e, a, path, &len);
	if (!text)
		return false;
	char *old = r->path;
	r->path = xstrdup(path);	/* the check's name: imports are relative to it */
	if (!repl_state_load(r, st, text, len, NULL, NULL)) {
		free(r->path);
		r->path = old;
		return false;
	}
	free(old);
	free(r->orig);
	r->orig = xmalloc(len + 1);
	memcpy(r->orig, st->text, len + 1);
	r->orig_len = len;
	free(r->saved);
	r->saved = repl_dupn(st->text, len);	/* st is not the model yet */
	r->saved_len = len;
	return true;
}

static void do_load(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct repl_state st;
	if (!*a->text) {
		repl_error(r, e, 0, e->len, "`:load` needs a FILE");
		return;
	}
	if (!load_path(r, e, a, a->text, &st))
		return;
	repl_undo_clear(r);	/* a new session */
	repl_state_free(&r->cur);
	r->cur = st;
	r->model = st.s.prog.model;
	printf("loaded %s\n", r->path);
}

static void do_reload(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct repl_state st;
	if (!r->path) {
		repl_error(r, e, 0, e->len, "no file loaded: use `:load FILE`");
		return;
	}
	char *path = xstrdup(r->path);
	if (load_path(r, e, a, path, &st)) {
		repl_replace(r, &st, ":reload");
		printf("reloaded %s\n", r->path);
	}
	free(path);
}

static void do_undo(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct repl_undo *u = r->undo;
	if (!u) {
		repl_error(r, e, 0, e->len, "nothing to undo");
		return;
	}
	struct repl_state st;
	if (!repl_state_load(r, &st, u->text, u->len, NULL, NULL)) {
		u->text = NULL;	/* freed; the file it imports changed: drop the step */
		u->len = 0;
	} else {
		repl_state_free(&r->cur);	/* the undone text is not kept */
		r->cur = st;
		r->model = st.s.prog.model;
		size_t n = strcspn(u->what, "\n");
		printf("undid %.*s%s\n", (int)n, u->what, u->what[n] ? " ..." : "");
	}
	r->undo = u->next;
	free(u->what);
	free(u);
}

/* ---- :set ---- */

static void do_set(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	static const char *const names[] = { "seed", "draws", "threads" };
	size_t n = strcspn(a->text, " \t");
	const char *val = a->text + n + strspn(a->text + n, " \t");
	size_t vat = a->at + (size_t)(val - a->text);
	int which = -1;
	for (int i = 0; i < 3; i++)
		if (strlen(names[i]) == n && strncmp(a->text, names[i], n) == 0)
			which = i;
	if (which < 0) {
		char *w = strndup(a->text, n);
		const char *near = w ? check_suggest(w, names, 3) : NULL;
		repl_error(r, e, a->at, a->at + n, "`:set` takes seed, draws or threads%s%s%s",
			   near ? "; did you mean `" : "", near ? near : "", near ? "`?" : "");
		free(w);
		return;
	}
	uint64_t v;
	static const uint64_t lo[] = { 0, 1, 1 }, hi[] = { UINT64_MAX, SCEN_MAX_DRAWS, SCEN_MAX_THREADS };
	if (!parse_count(val, &v, lo[which], hi[which])) {
		static const char *const need[] = { SCEN_SEED_RANGE, SCEN_DRAWS_RANGE, SCEN_THREADS_RANGE };
		repl_error(r, e, vat, a->end, "%s needs %s", names[which], need[which]);
		return;
	}
	if (which == 0) {
		r->opts.seed = v;
		r->opts.have_seed = true;
	} else if (which == 1) {
		r->opts.draws = v;
		r->opts.have_draws = true;
	} else {
		r->opts.threads = (unsigned)v;
	}
	repl_state_forget_run(&r->cur);	/* the last run no longer stands */
	printf("%s = %llu\n", names[which], (unsigned long long)v);
}

/* ---- :show ---- */

static void show_unknown(struct repl *r, struct repl_entry *e, const struct arg *a,
			 const char *name)
{
	const char **names = xmalloc((r->model->nsymbols + 1) * sizeof *names);
	size_t n = 0;
	for (const struct symbol *s = r->model->symbols; s; s = s->next_in_order)
		names[n++] = s->name;
	const char *near = check_suggest(name, names, n);
	repl_error(r, e, a->at, a->end, "nothing called `%s`%s%s%s", name,
		   near ? "; did you mean `" : "", near ? near : "", near ? "`?" : "");
	free(names);
}

/* `NAME.ATTR`: the attribute as the file sets it and its value (interp/describe.h:
** the number, or a distribution's 5/50/95% quantiles), or its default when not set. */
static void show_attr(struct repl *r, struct repl_entry *e, const struct arg *a,
		      const struct ast_node *it, const char *name, const char *attr)
{
	const struct symbol *s = model_find(r->model, name);
	const struct attr_def *def = s && s->role && s->item == it ? attr_find(s->role, attr)
								   : NULL;
	const struct ast_node *at =
		repl_has_attrs(it) ? repl_attr_named(repl_item_attrs(it), attr) : NULL;
	if (at) {
		printf("%s.", name);
		print_item(stdout, at);
		const struct vnode *v = def ? s->attrs[def - s->role->attrs] : NULL;
		if (v && at->u.attr.value->kind != AST_NUM)	/* a number says itself */
			describe_value(stdout, &r->cur.s.prog, v, def);
		putchar('\n');
	} else if (def) {
		printf("%s.%s is not set: its default, %s\n", name, attr, def->dflt);
	} else {
		size_t dot = strlen(name) + 1;
		repl_error(r, e, a->at + dot, a->end, "`%s`%s%s%s has no attribute `%s`", name,
			   s && s->role ? " (" : "", s && s->role ? s->role->name : "",
			   s && s->role ? ")" : "", attr);
	}
}

/* A let's definition and its value. */
static void show_let(struct repl *r, const struct ast_node *it, const char *name)
{
	const struct symbol *s = model_find(r->model, name);
	print_item(stdout, it);
	if (s && s->item == it && s->value && it->u.let.value->kind != AST_NUM)
		repl_describe_value(&r->cur.s.prog, s->value);
	putchar('\n');
}

static void do_show(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	if (!*a->text) {
		repl_error(r, e, 0, e->len, "`:show` needs a NAME (or NAME.ATTR)");
		return;
	}
	char *name = xstrdup(a->text);
	char *dot = strchr(name, '.');
	if (dot)
		*dot = '\0';
	const struct ast_node *it = NULL;
	for (const struct loaded_file *f = r->cur.s.prog.files; f && !it; f = f->next)
		it = repl_find_item(&f->ast, name);
	if (!it) {
		show_unknown(r, e, a, name);
	} else if (!dot && it->kind == AST_LET) {
		show_let(r, it, name);
	} else if (!dot) {
		repl_print_node(stdout, it, "", "");
	} else {
		show_attr(r, e, a, it, name, dot + 1);
	}
	free(name);
}

/* A bare `NAME` or `NAME.ATTR` typed alone shows it, as `:show` does (issue 19). */
bool repl_show_bare(struct repl *r, struct repl_entry *e)
{
	size_t at = strspn(e->text, " \t"), i = at;
	bool dot = false;
	while (i < e->len && (isalnum((unsigned char)e->text[i]) || e->text[i] == '_' ||
			      (e->text[i] == '.' && !dot && i > at))) {
		dot |= e->text[i] == '.';
		i++;
	}
	size_t end = i;
	i += strspn(e->text + i, " \t\r\n");
	bool keyword_value = (end - at == 4 && memcmp(e->text + at, "true", 4) == 0) ||
			     (end - at == 5 && memcmp(e->text + at, "false", 5) == 0);
	if (end == at || i != e->len || e->text[end - 1] == '.' ||
	    isdigit((unsigned char)e->text[at]) || keyword_value)	/* an expression */
		return false;
	struct arg a = { arena_strndup(&e->arena, e->text + at, end - at), at, end };
	do_show(r, e, &a);
	return true;
}

/* ---- :save ---- */

/* `:save [--force] FILE`, written as rewrite.h says (--force: a read-only or
** hard-linked FILE too). */
static void do_save(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct rewrite rw = { .force_hint = "`:save --force`" };
	const char *file = a->text;
	size_t at = a->at;
	if (strncmp(file, "--force", 7) == 0 && (!file[7] || strchr(" \t", file[7]))) {
		rw.force = true;
		size_t skip = 7 + strspn(file + 7, " \t");
		file += skip;
		at += skip;
	}
	if (!*file) {
		repl_error(r, e, 0, e->len, "`:save` needs a FILE");
		return;
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m) {
		repl_error(r, e, a->at, a->end, "cannot save: %s", strerror(errno));
		return;
	}
	print_file(m, &r->cur.s.prog.files->ast);
	fclose(m);
	if (rewrite_file(&rw, file, buf, len) != 0) {
		repl_error(r, e, at, a->end, "cannot write `%s`: %s", file, rw.why);
		r->write_failed = true;
	} else {
		repl_mark_saved(r);
		printf("saved %s\n", file);
	}
	free(buf);
}

/* ---- :diff ---- */

static void do_diff(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	repl_diff(r);
}

/* `:sense [REPORT]`: what the verdicts hinge on (scen sense, its uncertain inputs). */
static void do_sense(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	const char *want = a->text;
	struct sense_options so = { .reports = &want, .nreports = *want != '\0' };
	struct sense_result res = { .nreports = 0 };
	enum sense_status st = repl_state_sense(r, &r->cur, &so, &res);
	if (st == SENSE_OK)
		report_sense(stdout, &res, "text", NULL);
	else if (st == SENSE_NOTHING)
		repl_error(r, e, 0, e->len, "nothing to swing: the model has no uncertain value "
			   "(`~`)");
	else if (st == SENSE_NO_REPORT)
		repl_error(r, e, a->at, a->end, "no report `%s` (name it as `settlement A vs B`, "
			   "`A vs B`, `mediation M` or `provocation by R`)", want);
	sense_result_free(&res);
}

/* `:flip ATTR [LEVEL]`: where ATTR changes the first settlement report's verdict (scen
** flip: exact breakpoints, or with `~` where each verdict's share crosses LEVEL). */
static void do_flip(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	size_t n = strcspn(a->text, " \t");
	char label[128];
	if (n == 0 || n >= sizeof label) {
		repl_error(r, e, 0, e->len, "name an attribute: `:flip ACTOR.ATTR [LEVEL]`");
		return;
	}
	memcpy(label, a->text, n);
	label[n] = '\0';
	const char *lv = a->text + n + strspn(a->text + n, " \t");
	double level = 0.5;
	size_t lv_at = a->at + (size_t)(lv - a->text);
	if (*lv && !flip_parse_level(lv, &level)) {
		repl_error(r, e, lv_at, a->end, "the level must be a share between 0 and 1, not "
			   "included (0.5 or 50%%)");
		return;
	}
	size_t end = a->at + n;
	bool said;
	enum flip_status st = repl_state_flip(r, &r->cur, label, level, &said);
	const char *why = flip_status_text(st);
	if (why) {	/* the label or its owner and attribute, quoted as the REPL quotes */
		char what[140], attr[140];
		size_t dot = strcspn(label, ".");
		bool parts = st == FLIP_NO_OWNER || st == FLIP_NO_ATTR;
		snprintf(what, sizeof what, "`%.*s`", parts ? (int)dot : (int)n, label);
		snprintf(attr, sizeof attr, "`%s`", parts && label[dot] ? label + dot + 1 : "");
		repl_error(r, e, a->at, end, why, what, attr);
		return;
	}
	switch (st) {
	case FLIP_OK: break;
	case FLIP_NO_REPORT:
		if (!said)
			repl_error(r, e, 0, e->len, "the model has no settlement report");
		break;
	case FLIP_RUN_FAILED:
		repl_error(r, e, 0, e->len, "the search stopped: a run failed or was interrupted");
		break;
	default:
		break;	/* flip_status_text's */
	}
}

static void do_quit(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	r->quit = true;
}

static const struct command commands[] = {
	{ ":load", "FILE", "load FILE as the session's model", do_load },
	{ ":reload", "", "read the loaded file again (undoable)", do_reload },
	{ ":report", "[WHAT]", "run the reports (only those whose name contains WHAT, or the "
	  "sweeps of ATTR with `sweep ATTR`)",
	  do_report },
	{ ":why", "[WHAT]", "why each outcome: the arithmetic (exact), or shares of all draws",
	  do_why },
	{ ":set", "seed|draws|threads N", "set a run option", do_set },
	{ ":show", "NAME[.ATTR]", "an item (or one attribute) as canonical source", do_show },
	{ ":undo", "", "step back one change (repeatedly)", do_undo },
	{ ":diff", "", "changes and results against the file as loaded", do_diff },
	{ ":sense", "[REPORT]", "what the verdicts hinge on: each `~` at its 5% and 95% quantile, "
	  "first-order indices, shares by decile", do_sense },
	{ ":flip", "ATTR [LEVEL]", "where ATTR changes the first settlement verdict: its "
	  "breakpoints, or with `~` where each verdict's share crosses LEVEL (50%)", do_flip },
	{ ":save", "[--force] FILE", "write the model as canonical source (--force: read-only too)",
	  do_save },
	{ ":help", "", "this text", do_help },
	{ ":quit", "", "leave (also Ctrl-D)", do_quit },
	{ NULL, NULL, NULL, NULL },
};

/* ---- :help, :quit ---- */


/* text, word-wrapped to 80 columns after a first column `indent` wide already printed. */
static void put_wrapped(const char *text, int indent)
{
	int col = indent;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " ");
		if (col > indent && col + 1 + (int)n > 80) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			putchar(' ');
			col++;
		}
		printf("%.*s", (int)n, p);
		col += (int)n;
		p += n + strspn(p + n, " ");
	}
	putchar('\n');
}

static void do_help(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	(void)r, (void)e, (void)a;
	put_wrapped("Type items of the language (an item may span lines), or `NAME.ATTR = EXPR` "
		    "to change one attribute; an item named like an existing one replaces it. "
		    "Commands:", 0);
	for (const struct command *c = commands; c->name; c++) {
		char head[40];
		snprintf(head, sizeof head, "%s %s", c->name, c->args);
		printf("  %-27s ", head);
		put_wrapped(c->help, 30);
	}
}

enum { NCOMMANDS = sizeof commands / sizeof commands[0] - 1 };	/* without the NULL */

const char *repl_command_name(size_t i)
{
	return i < NCOMMANDS ? commands[i].name : NULL;
}

void repl_command(struct repl *r, struct repl_entry *e)
{
	size_t at = strspn(e->text, " \t");
	size_t end = at + 1 + strcspn(e->text + at + 1, " \t\n");
	struct arg a;
	a.at = end + strspn(e->text + end, " \t\n");
	a.end = e->len;
	while (a.end > a.at && strchr(" \t\n\r", e->text[a.end - 1]))
		a.end--;
	a.text = arena_strndup(&e->arena, e->text + a.at, a.end - a.at);
	for (const struct command *c = commands; c->name; c++)
		if (strlen(c->name) == end - at && strncmp(c->name, e->text + at, end - at) == 0) {
			c->run(r, e, &a);
			return;
		}
	char *word = strndup(e->text + at, end - at);
	const char *names[NCOMMANDS];
	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	const char *near = word ? check_suggest(word, names, NCOMMANDS) : NULL;
	repl_error(r, e, at, end, "unknown command `%s`%s%s%s", word ? word : "",
		   near ? "; did you mean `" : "", near ? near : "", near ? "`?" : "");
	free(word);
}
