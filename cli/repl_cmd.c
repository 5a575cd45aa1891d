/*
** repl_cmd.c: the REPL's `:` commands. Each takes the entry (for located errors) and its
** argument. Only :load, :reload and :undo change the model, through the same check as a
** typed change; the others read it (and may run its reports).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "model.h"
#include "parse.h"
#include "print.h"
#include "readfile.h"
#include "repl.h"
#include "report.h"
#include "xalloc.h"

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

static void cmd_help(struct repl *r, struct repl_entry *e, const struct arg *a);

/* ---- helpers ---- */

/* The same list of reports, keeping those whose name contains what (all when what is
** empty) and, with no_sweeps, only the file's own reports. Free out->reports only. */
static void select_reports(const struct run_result *all, const char *what, bool no_sweeps,
			   struct run_result *out)
{
	*out = *all;
	out->reports = xmalloc((all->nreports + 1) * sizeof *out->reports);
	out->nreports = 0;
	for (unsigned i = 0; i < all->nreports; i++) {
		const struct report_result *rep = &all->reports[i];
		if ((!*what || strstr(rep->what, what)) && !(no_sweeps && rep->sweep))
			out->reports[out->nreports++] = *rep;
	}
}

/* Runs the session's reports and selects those named by a (an error when none is). */
static bool selected(struct repl *r, struct repl_entry *e, const struct arg *a,
		     bool no_sweeps, struct run_result *out)
{
	if (!repl_state_run(r, &r->cur))
		return false;
	if (!r->cur.res.nreports) {
		puts("nothing to report: the session has no conflict");
		return false;
	}
	select_reports(&r->cur.res, a->text, no_sweeps, out);
	if (out->nreports)
		return true;
	free(out->reports);
	if (*a->text)
		repl_error(r, e, a->at, a->end, "no report matches `%s`", a->text);
	else
		repl_error(r, e, 0, e->len, "no report to explain outside a sweep");
	return false;
}

static const char *pct(char *buf, double share)
{
	snprintf(buf, 16, "%.1f%%", 100 * share + 0.0);
	return buf;
}

/* ---- :report, :why ---- */

static void cmd_report(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct run_result sel;
	if (!selected(r, e, a, false, &sel))
		return;
	report_text(stdout, &sel);
	free(sel.reports);
	if (r->cur.res.stopped) {	/* interrupted: do not keep a partial run */
		run_result_free(&r->cur.res);
		r->cur.have_res = false;
	}
}

/* An uncertain verdict's causes, as shares of the breakdowns. */
static void why_uncertain(const struct report_result *rep)
{
	const struct settle_result *s = &rep->settle;
	char b1[16], b2[40];
	printf("%s over %s (%s draws)\n  verdicts    ", rep->what, s->stake,
	       fmt_num(b2, sizeof b2, (double)s->draws));
	for (int v = 0; v <= CORE_RISK; v++)
		if (s->verdicts[v])
			printf(" %s %s", core_verdict_name(v),
			       pct(b1, (double)s->verdicts[v] / (double)s->draws));
	putchar('\n');
	uint64_t nb = s->verdicts[CORE_BREAKDOWN];
	if (!nb) {
		puts("  no draw breaks down");
		return;
	}
	puts("  causes of the breakdowns (share of the breakdown draws; one draw may have "
	     "several)");
	for (int c = 0; c < CORE_NCAUSES; c++)
		if (s->causes[c])
			printf("    %-24s %7s\n", core_cause_name(c),
			       pct(b1, (double)s->causes[c] / (double)nb));
	if (s->pairs)
		printf("    %-24s %7s\n", "only a pair", pct(b1, (double)s->pairs / (double)nb));
	if (s->jointly)
		printf("    %-24s %7s\n", "only jointly", pct(b1, (double)s->jointly / (double)nb));
	if (s->uncaused)
		printf("    %-24s %7s\n", "none of the factors",
		       pct(b1, (double)s->uncaused / (double)nb));
	printf("  mean true chance p over the breakdowns: %s\n", pct(b1, s->mean_p_breakdown));
}

static void cmd_why(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct run_result sel;
	if (!selected(r, e, a, true, &sel))
		return;
	if (!sel.uncertain) {
		sel.title = "";
		report_text(stdout, &sel);
	} else {
		for (unsigned i = 0; i < sel.nreports; i++) {
			if (i)
				putchar('\n');
			why_uncertain(&sel.reports[i]);
		}
	}
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
	return true;
}

static void cmd_load(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct repl_state st;
	if (!*a->text) {
		repl_error(r, e, 0, e->len, "`:load` needs a FILE");
		return;
	}
	if (!load_path(r, e, a, a->text, &st))
		return;
	while (r->undo) {	/* a new session */
		struct repl_undo *u = r->undo;
		r->undo = u->next;
		free(u->text);
		free(u->what);
		free(u);
	}
	repl_state_free(&r->cur);
	r->cur = st;
	r->model = st.prog.model;
	printf("loaded %s\n", r->path);
}

static void cmd_reload(struct repl *r, struct repl_entry *e, const struct arg *a)
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

static void cmd_undo(struct repl *r, struct repl_entry *e, const struct arg *a)
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
		r->model = st.prog.model;
		size_t n = strcspn(u->what, "\n");
		printf("undid %.*s%s\n", (int)n, u->what, u->what[n] ? " ..." : "");
	}
	r->undo = u->next;
	free(u->what);
	free(u);
}

/* ---- :set ---- */

static bool parse_count(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	if (*s < '0' || *s > '9')
		return false;
	unsigned long long v = strtoull(s, &end, 10);
	*out = v;
	return !errno && *end == '\0';
}

static void cmd_set(struct repl *r, struct repl_entry *e, const struct arg *a)
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
		const char *near = w ? repl_suggest(w, names, 3) : NULL;
		repl_error(r, e, a->at, a->at + n, "`:set` takes seed, draws or threads%s%s%s",
			   near ? "; did you mean `" : "", near ? near : "", near ? "`?" : "");
		free(w);
		return;
	}
	uint64_t v;
	if (!parse_count(val, &v) || (which > 0 && v < 1) || (which == 2 && v > 256)) {
		static const char *const need[] = { "a whole number", "a whole number >= 1",
						    "1 to 256" };
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
	if (r->cur.have_res) {	/* the last run no longer stands */
		run_result_free(&r->cur.res);
		r->cur.have_res = false;
	}
	printf("%s = %llu\n", names[which], (unsigned long long)v);
}

/* ---- :show ---- */

/* Prints an item (or an attribute) with every line after the first indented by pre. */
static void print_node(FILE *out, const struct ast_node *n, const char *first, const char *pre)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return;
	print_item(m, n);
	fclose(m);
	fputs(first, out);
	for (size_t i = 0; i < len; i++) {
		fputc(buf[i], out);
		if (buf[i] == '\n' && i + 1 < len)
			fputs(pre, out);
	}
	if (len && buf[len - 1] != '\n')
		fputc('\n', out);
	free(buf);
}

static const struct ast_node *item_attrs(const struct ast_node *it)
{
	switch (it->kind) {
	case AST_ACTOR: return it->u.actor.attrs;
	case AST_CONFLICT: return it->u.conflict.attrs;
	case AST_SCENARIO: return it->u.scenario.attrs;
	case AST_STAKE:
	case AST_SANCTION:
	case AST_MEDIATION: return it->u.block.attrs;
	default: return NULL;
	}
}

static bool has_attrs(const struct ast_node *it)
{
	return it->kind == AST_ACTOR || it->kind == AST_CONFLICT || it->kind == AST_SCENARIO ||
	       it->kind == AST_STAKE || it->kind == AST_SANCTION || it->kind == AST_MEDIATION;
}

static const struct ast_node *attr_named(const struct ast_node *list, const char *name)
{
	for (; list; list = list->next)
		if (strcmp(list->u.attr.name.text, name) == 0)
			return list;
	return NULL;
}

static void show_unknown(struct repl *r, struct repl_entry *e, const struct arg *a,
			 const char *name)
{
	const char **names = xmalloc((r->model->nsymbols + 1) * sizeof *names);
	size_t n = 0;
	for (const struct symbol *s = r->model->symbols; s; s = s->next_in_order)
		names[n++] = s->name;
	const char *near = repl_suggest(name, names, n);
	repl_error(r, e, a->at, a->end, "nothing called `%s`%s%s%s", name,
		   near ? "; did you mean `" : "", near ? near : "", near ? "`?" : "");
	free(names);
}

static void cmd_show(struct repl *r, struct repl_entry *e, const struct arg *a)
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
	for (const struct loaded_file *f = r->cur.prog.files; f && !it; f = f->next)
		it = repl_find_item(&f->ast, name);
	if (!it) {
		show_unknown(r, e, a, name);
	} else if (!dot) {
		print_node(stdout, it, "", "");
	} else {
		const struct ast_node *at = has_attrs(it) ? attr_named(item_attrs(it), dot + 1)
							  : NULL;
		if (at)
			print_node(stdout, at, "", "");
		else
			repl_error(r, e, a->at + (size_t)(dot - name) + 1, a->end,
				   "`%s` sets no attribute `%s` (its default applies)", name,
				   dot + 1);
	}
	free(name);
}

/* ---- :save ---- */

static void cmd_save(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	if (!*a->text) {
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
	print_file(m, &r->cur.prog.files->ast);
	fclose(m);
	if (write_file_atomic(a->text, buf, len) != 0)
		repl_error(r, e, a->at, a->end, "cannot write `%s`: %s", a->text, strerror(errno));
	else
		printf("saved %s\n", a->text);
	free(buf);
}

/* ---- :diff ---- */

/* An item's name in the diff: `name`, `A vs B`, `scenario`; NULL for the others. */
static const char *label(char *buf, size_t size, const struct ast_node *it)
{
	switch (it->kind) {
	case AST_ACTOR: return it->u.actor.name.text;
	case AST_STAKE:
	case AST_SANCTION:
	case AST_MEDIATION: return it->u.block.name.text;
	case AST_LET: return it->u.let.name.text;
	case AST_FN: return it->u.fn.name.text;
	case AST_SCENARIO: return "scenario";
	case AST_CONFLICT:
		snprintf(buf, size, "%s vs %s", it->u.conflict.state.text,
			 it->u.conflict.rebels.text);
		return buf;
	default: return NULL;
	}
}

/* The item of f matching it: the same name (repl_find_same), or for an item with no name
** (an import, report or sweep), an equal one. */
static const struct ast_node *match(const struct ast_file *f, const struct ast_node *it)
{
	char buf[200];
	if (label(buf, sizeof buf, it))
		return repl_find_same(f, it);
	for (const struct ast_node *o = f->items; o; o = o->next)
		if (ast_equal(o, it))
			return o;
	return NULL;
}

/* The value of an attribute or let as one line (malloc'd); "(unset)" for NULL. */
static char *value_text(const struct ast_node *n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return xstrdup("?");
	if (!n) {
		fputs("(unset)", m);
	} else if (n->kind == AST_LET) {
		fputs(n->u.let.uncertain ? "~ " : "", m);
		print_expr(m, n->u.let.value);
	} else {
		fputs(n->u.attr.uncertain ? "~ " : "", m);
		print_expr(m, n->u.attr.value);
		fputs(n->u.attr.private_ ? " private" : "", m);
	}
	fclose(m);
	return buf;
}

static void change_line(const char *name, const char *attr, const struct ast_node *old,
			const struct ast_node *now)
{
	char *o = value_text(old), *n = value_text(now);
	printf("  %s%s%s: %s → %s\n", name, attr ? "." : "", attr ? attr : "", o, n);
	free(o);
	free(n);
}

/* The attributes of one named block that differ; false when none does (the header did). */
static bool diff_attrs(const char *name, const struct ast_node *old, const struct ast_node *now)
{
	bool any = false;
	for (const struct ast_node *a = item_attrs(now); a; a = a->next) {
		const struct ast_node *b = attr_named(item_attrs(old), a->u.attr.name.text);
		if (!b || !ast_equal(a, b)) {
			change_line(name, a->u.attr.name.text, b, a);
			any = true;
		}
	}
	for (const struct ast_node *b = item_attrs(old); b; b = b->next)
		if (!attr_named(item_attrs(now), b->u.attr.name.text)) {
			change_line(name, b->u.attr.name.text, b, NULL);
			any = true;
		}
	return any;
}

/* One changed item of the current text; old is its match in the loaded text. */
static void diff_item(const struct ast_node *old, const struct ast_node *now)
{
	char buf[200];
	const char *name = label(buf, sizeof buf, now);
	if (!old)
		print_node(stdout, now, "  + ", "    ");
	else if (ast_equal(old, now))
		return;
	else if (now->kind == AST_LET && old->kind == AST_LET)
		change_line(name, NULL, old, now);
	else if (!has_attrs(now) || !diff_attrs(name, old, now)) {
		print_node(stdout, old, "  - ", "    ");
		print_node(stdout, now, "  + ", "    ");
	}
}

/* Prints the item changes of now against old; returns how many items differ. */
static unsigned diff_items(const struct ast_file *old, const struct ast_file *now)
{
	unsigned n = 0;
	for (const struct ast_node *it = now->items; it; it = it->next) {
		const struct ast_node *o = match(old, it);
		if (!o || !ast_equal(o, it)) {
			if (!n++)
				puts("changes:");
			diff_item(o, it);
		}
	}
	for (const struct ast_node *o = old->items; o; o = o->next)
		if (!match(now, o)) {
			if (!n++)
				puts("changes:");
			print_node(stdout, o, "  - ", "    ");
		}
	return n;
}

/* "SETTLE" for an exact result, else "NO THREAT 25.0%, SETTLE 75.0%". */
static void verdicts_text(char *buf, size_t size, const struct settle_result *s, bool exact)
{
	char p[16];
	size_t o = 0;
	buf[0] = '\0';
	for (int v = 0; v <= CORE_RISK && o < size; v++) {
		if (!s->verdicts[v])
			continue;
		o += (size_t)snprintf(buf + o, size - o, "%s%s%s%s", o ? ", " : "",
				      core_verdict_name(v), exact ? "" : " ",
				      exact ? "" : pct(p, (double)s->verdicts[v] / (double)s->draws));
	}
}

static void diff_results(const struct run_result *old, const struct run_result *now)
{
	puts("results (as loaded → now):");
	for (unsigned i = 0; i < now->nreports; i++) {
		const struct report_result *b = &now->reports[i], *a = NULL;
		for (unsigned j = 0; j < old->nreports && !a; j++)
			if (strcmp(old->reports[j].what, b->what) == 0 &&
			    !old->reports[j].sweep == !b->sweep &&
			    old->reports[j].sweep_value == b->sweep_value)
				a = &old->reports[j];
		char va[200] = "(no such report)", vb[200], num[40];
		bool exact = !old->uncertain && !now->uncertain;
		if (a)
			verdicts_text(va, sizeof va, &a->settle, exact);
		verdicts_text(vb, sizeof vb, &b->settle, exact);
		printf("  %s over %s", b->what, b->settle.stake);
		if (b->sweep)
			printf(", %s = %s", b->sweep, fmt_num(num, sizeof num, b->sweep_value));
		printf(": %s → %s%s\n", va, vb, strcmp(va, vb) ? "" : " (unchanged)");
	}
}

static void cmd_diff(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	struct arena ar;
	arena_init(&ar);
	struct diag_sink quiet;
	diag_init(&quiet);
	struct ast_file old;
	const char *name = r->path ? r->path : "the empty session";
	parse_text(&old, &ar, repl_name(r), arena_strndup(&ar, r->orig, r->orig_len),
		   r->orig_len, &quiet);
	if (!diff_items(&old, &r->cur.prog.files->ast))
		printf("no changes against %s as loaded\n", name);
	diag_free(&quiet);
	arena_free(&ar);
	struct repl_state st;
	if (!repl_state_load(r, &st, xstrdup(r->orig), r->orig_len, NULL, NULL))
		return;
	if (repl_state_run(r, &st) && repl_state_run(r, &r->cur))
		diff_results(&st.res, &r->cur.res);
	repl_state_free(&st);
}

static void cmd_quit(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	r->quit = true;
}

static const struct command commands[] = {
	{ ":load", "FILE", "load FILE as the session's model", cmd_load },
	{ ":reload", "", "read the loaded file again (undoable)", cmd_reload },
	{ ":report", "[WHAT]", "run the reports (only those whose name contains WHAT)",
	  cmd_report },
	{ ":why", "[WHAT]", "the arithmetic (exact) or the causes (uncertain) of the verdicts",
	  cmd_why },
	{ ":set", "seed|draws|threads N", "set a run option", cmd_set },
	{ ":show", "NAME[.ATTR]", "an item (or one attribute) as canonical source", cmd_show },
	{ ":undo", "", "step back one change (repeatedly)", cmd_undo },
	{ ":diff", "", "changes and results against the file as loaded", cmd_diff },
	{ ":save", "FILE", "write the model as canonical source (atomically)", cmd_save },
	{ ":help", "", "this text", cmd_help },
	{ ":quit", "", "leave (also Ctrl-D)", cmd_quit },
	{ NULL, NULL, NULL, NULL },
};

/* ---- :help, :quit ---- */


static void cmd_help(struct repl *r, struct repl_entry *e, const struct arg *a)
{
	puts("Type items of the language (an item may span lines), or `NAME.ATTR = EXPR` to "
	     "change one\nattribute; an item named like an existing one replaces it. "
	     "Commands:");
	for (const struct command *c = commands; c->name; c++) {
		char head[40];
		snprintf(head, sizeof head, "%s %s", c->name, c->args);
		printf("  %-27s %s\n", head, c->help);
	}
}


const char *const repl_commands[] = { ":load", ":reload", ":report", ":why", ":set", ":show",
				      ":undo", ":diff", ":save", ":help", ":quit", NULL };

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
	const char *near = word ? repl_suggest(word, (const char *const *)repl_commands, 11)
				: NULL;
	repl_error(r, e, at, end, "unknown command `%s`%s%s%s", word ? word : "",
		   near ? "; did you mean `" : "", near ? near : "", near ? "`?" : "");
	free(word);
}
