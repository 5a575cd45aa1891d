/*
** repl.c: `scen repl [FILE]`: the read-check-report loop.
**
** The session holds its model as source text (struct repl_state): every change (a typed
** item, `owner.attr = expr`, :load, :reload, :undo) builds a new text and checks it into
** a new program, which replaces the current one only when it checks cleanly. Diagnostics
** that fall inside the typed bytes are moved onto the typed entry (`<repl>:line:col`).
**
** On a terminal, input comes through GNU readline (history in ~/.scen_history, written
** line by line; completion in repl_complete.c); Ctrl-C clears the line, or stops a
** running report. Otherwise lines are read from stdin with the same meaning, with no
** prompt and no colour, and the exit status says whether any entry had an error.
*/
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cli.h"
#include "model.h"
#include "parse.h"
#include "print.h"
#include "readfile.h"
#include "repl.h"
#include "xalloc.h"

static volatile sig_atomic_t sigint_seen;

/* The pending lines of an entry that is not complete yet. */
static struct {
	char *text;
	size_t len, cap;
} pending;

static void on_sigint(int sig)
{
	(void)sig;
	sigint_seen = 1;
}

const char *repl_name(const struct repl *r)
{
	return r->path ? r->path : "<session>";
}

void repl_flush(struct repl *r)
{
	fflush(stdout);
	diag_render(&r->sink, stderr, r->color);
	if (r->sink.errors)
		r->failed = true;
	diag_clear(&r->sink);
}

void repl_error(struct repl *r, struct repl_entry *e, size_t start, size_t end,
		const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(&r->sink, &e->src, (struct span){ (uint32_t)start, (uint32_t)end }, "%s",
		   msg);
	repl_flush(r);
}

/* ---- "did you mean" ---- */

static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return 99;
	size_t row[64];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *repl_suggest(const char *name, const char *const *list, size_t n)
{
	size_t limit = strlen(name) / 3 < 1 ? 1 : strlen(name) / 3 > 3 ? 3 : strlen(name) / 3;
	const char *best = NULL;
	size_t bestd = limit + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(name, list[i]);
		if (d < bestd) {
			bestd = d;
			best = list[i];
		}
	}
	return best;
}

/* ---- states: a checked text ---- */

void repl_state_free(struct repl_state *st)
{
	if (st->have_res)
		run_result_free(&st->res);
	if (st->it)
		interp_free(st->it);
	program_free(&st->prog);
	free(st->text);
	memset(st, 0, sizeof *st);
}

/* Diagnostics in main's bytes [t->at, t->at + t->n] came from the entry's bytes
** [t->from, t->from + t->n]: show them there. */
static void move_diags(struct diag *d, const struct srcfile *main, const struct repl_text *t,
		       const struct srcfile *entry)
{
	for (; d; d = d->next) {
		if (d->file == main && d->span.start >= t->at && d->span.start <= t->at + t->n) {
			size_t end = d->span.end < t->at + t->n ? d->span.end : t->at + t->n;
			d->file = entry;
			d->span.start = (uint32_t)(d->span.start - t->at + t->from);
			d->span.end = (uint32_t)(end - t->at + t->from);
		}
		move_diags(d->notes, main, t, entry);
	}
}

/* Checks text (malloc'd; owned by st on success, freed otherwise) into st. On failure
** renders the diagnostics, those inside t's typed bytes (when t) against entry e. */
bool repl_state_load(struct repl *r, struct repl_state *st, char *text, size_t len,
		     const struct repl_text *t, struct repl_entry *e)
{
	memset(st, 0, sizeof *st);
	program_init(&st->prog);
	if (check_load_text(&st->prog, repl_name(r), text, len, &r->sink) == CHECK_OK &&
	    st->prog.model) {
		st->text = text;
		st->len = len;
		return true;
	}
	if (t && st->prog.files)
		move_diags(r->sink.first, &st->prog.files->ast.src, t, &e->src);
	repl_flush(r);
	program_free(&st->prog);
	free(text);
	return false;
}

/* Runs every report of st (unless its last run still stands). Ctrl-C stops it. */
bool repl_state_run(struct repl *r, struct repl_state *st)
{
	if (st->have_res)
		return true;
	if (!st->it && !(st->it = interp_new(&st->prog, &r->sink))) {
		repl_flush(r);
		return false;
	}
	struct sigaction sa = { .sa_handler = on_sigint }, old;
	if (!r->tty)
		sigaction(SIGINT, &sa, &old);
	sigint_seen = 0;
	r->opts.stop = (volatile int *)&sigint_seen;
	int status = interp_run(st->it, &r->opts, &st->res, &r->sink);
	sigint_seen = 0;
	if (!r->tty)
		sigaction(SIGINT, &old, NULL);
	st->have_res = true;
	if (status != 0) {
		repl_flush(r);
		run_result_free(&st->res);
		st->have_res = false;
	}
	return status == 0;
}

/* Makes st (checked) the session's model; the old text goes on the undo stack. */
void repl_replace(struct repl *r, struct repl_state *st, const char *what)
{
	struct repl_undo *u = xmalloc(sizeof *u);
	u->text = r->cur.text;
	u->len = r->cur.len;
	u->what = xstrdup(what);
	u->next = r->undo;
	r->undo = u;
	r->cur.text = NULL;
	repl_state_free(&r->cur);
	r->cur = *st;
	r->model = r->cur.prog.model;
}

/* Checks the new text t; on success it becomes the session's model. */
static bool apply(struct repl *r, struct repl_entry *e, struct repl_text *t, const char *what)
{
	struct repl_state st;
	if (!repl_state_load(r, &st, t->text, t->len, t, e))
		return false;
	repl_replace(r, &st, what);
	return true;
}

/* ---- entries: language input ---- */

static char *dupn(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void entry_init(struct repl_entry *e, const char *text, size_t len)
{
	arena_init(&e->arena);
	e->text = arena_strndup(&e->arena, text, len);
	e->len = len;
	srcfile_init(&e->src, &e->arena, "<repl>", e->text, len);
}

static void entry_free(struct repl_entry *e)
{
	arena_free(&e->arena);
}

/* The expression or attribute as one line of text (malloc'd). */
static char *node_text(const struct ast_node *n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return xstrdup("?");
	if (!n)
		fputs("(unset)", m);
	else if (n->kind != AST_ATTR)
		print_expr(m, n);
	else {
		fputs(n->u.attr.uncertain ? "~ " : "", m);
		print_expr(m, n->u.attr.value);
		fputs(n->u.attr.private_ ? " private" : "", m);
	}
	fclose(m);
	return buf;
}

static const struct ast_node *find_attr(const struct ast_node *item, const char *name)
{
	const struct ast_node *at = item->kind == AST_ACTOR ? item->u.actor.attrs
							    : item->u.block.attrs;
	for (; at; at = at->next)
		if (strcmp(at->u.attr.name.text, name) == 0)
			return at;
	return NULL;
}

static const struct ast_file *main_ast(const struct repl *r)
{
	return &r->cur.prog.files->ast;
}

/* Says why owner, which names no actor, stake, sanction or mediation of the session's
** own text, cannot take `owner.attr = ...`. */
static void assign_owner_error(struct repl *r, struct repl_entry *e, const struct repl_assign *a,
			       const char *owner)
{
	const struct symbol *s = model_find(r->model, owner);
	size_t end = a->owner + a->owner_len;
	if (s && s->kind == SYM_LET) {
		repl_error(r, e, a->owner, end, "`%s` is a let: type `let %s = ...` to change it",
			   owner, owner);
	} else if (s && s->role) {
		repl_error(r, e, a->owner, end, "`%s` is defined in `%s`, not in this session",
			   owner, s->file->name);
	} else if (s) {
		repl_error(r, e, a->owner, end, "`%s` is a %s, which has no attributes", owner,
			   sym_kind_name(s->kind));
	} else {
		const char **names = xmalloc((r->model->nsymbols + 1) * sizeof *names);
		size_t n = 0;
		for (const struct symbol *x = r->model->symbols; x; x = x->next_in_order)
			if (x->role)
				names[n++] = x->name;
		const char *near = repl_suggest(owner, names, n);
		repl_error(r, e, a->owner, end,
			   "no actor, stake, sanction or mediation called `%s`%s%s%s", owner,
			   near ? "; did you mean `" : "", near ? near : "", near ? "`?" : "");
		free(names);
	}
}

/* `owner.attr = expr`: one attribute of the session's model. */
static void entry_assign(struct repl *r, struct repl_entry *e, const struct repl_assign *a)
{
	char *owner = dupn(e->text + a->owner, a->owner_len);
	char *attr = dupn(e->text + a->attr, a->attr_len);
	const struct ast_node *item = repl_find_item(main_ast(r), owner);
	if (!item || item->kind == AST_LET || item->kind == AST_FN) {
		assign_owner_error(r, e, a, owner);
		goto out;
	}
	char *old = node_text(find_attr(item, attr));
	struct repl_text t;
	repl_edit_attr(r->cur.text, r->cur.len, item, e->text, a, &t);
	if (apply(r, e, &t, e->text)) {
		char *now = node_text(find_attr(repl_find_item(main_ast(r), owner), attr));
		printf("%s.%s: %s → %s\n", owner, attr, old, now);
		free(now);
	}
	free(old);
out:
	free(owner);
	free(attr);
}

/* The name of a named item, else NULL. */
static const char *item_label(const struct ast_node *it)
{
	switch (it->kind) {
	case AST_ACTOR: return it->u.actor.name.text;
	case AST_STAKE:
	case AST_SANCTION:
	case AST_MEDIATION: return it->u.block.name.text;
	case AST_LET: return it->u.let.name.text;
	case AST_FN: return it->u.fn.name.text;
	default: return NULL;
	}
}

/* Items: each new one is appended; a single item that has a namesake replaces it. */
static void entry_items(struct repl *r, struct repl_entry *e)
{
	struct arena a;
	arena_init(&a);
	struct ast_file f;
	if (parse_text(&f, &a, "<repl>", e->text, e->len, &r->sink) > 0) {
		repl_flush(r);
		arena_free(&a);
		return;
	}
	if (!f.items) {
		arena_free(&a);
		return;
	}
	const struct ast_node *same = f.items->next ? NULL : repl_find_same(main_ast(r), f.items);
	struct repl_text t;
	repl_edit_item(r->cur.text, r->cur.len, same, e->text, e->len, &t);
	if (apply(r, e, &t, e->text)) {
		unsigned n = 0;
		for (const struct ast_node *it = f.items; it; it = it->next)
			n++;
		if (n > 1)
			printf("added %u items\n", n);
		else
			printf("%s %s%s%s\n", same ? "replaced" : "added",
			       ast_kind_name(f.items->kind), item_label(f.items) ? " " : "",
			       item_label(f.items) ? item_label(f.items) : "");
	}
	arena_free(&a);
}

static bool is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* True when the entry is language input that ends inside an open item or bracket. */
static bool entry_incomplete(const char *text, size_t len)
{
	struct repl_assign a;
	struct arena ar;
	arena_init(&ar);
	char *probe;
	if (repl_parse_assign(text, len, &a))
		probe = arena_printf(&ar, "let _ = %.*s", (int)(len - a.value), text + a.value);
	else
		probe = arena_strndup(&ar, text, len);
	struct diag_sink quiet;
	diag_init(&quiet);
	struct ast_file f;
	parse_text(&f, &ar, "<repl>", probe, strlen(probe), &quiet);
	bool open = parse_incomplete(&f);
	diag_free(&quiet);
	arena_free(&ar);
	return open;
}

static void run_entry(struct repl *r, const char *text, size_t len)
{
	if (is_blank(text, len))
		return;
	struct repl_entry e;
	entry_init(&e, text, len);
	struct repl_assign a;
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (text[i] == ':')
		repl_command(r, &e);
	else if (repl_parse_assign(e.text, e.len, &a))
		entry_assign(r, &e, &a);
	else
		entry_items(r, &e);
	fflush(stdout);
	entry_free(&e);
}

/* ---- input ---- */

static void pending_clear(void)
{
	pending.len = 0;
	if (pending.text)
		pending.text[0] = '\0';
}

static void pending_add(const char *line)
{
	size_t n = strlen(line);
	if (pending.len + n + 2 > pending.cap) {
		pending.cap = 2 * (pending.len + n + 2);
		pending.text = xrealloc(pending.text, pending.cap);
	}
	if (pending.len)
		pending.text[pending.len++] = '\n';
	memcpy(pending.text + pending.len, line, n + 1);
	pending.len += n;
}

/* Readline calls this when a signal interrupted its read: Ctrl-C clears the line (and
** an unfinished entry) and shows a fresh prompt. */
static int on_signal_event(void)
{
	if (!sigint_seen)
		return 0;
	sigint_seen = 0;
	pending_clear();
	rl_replace_line("", 0);
	rl_crlf();
	rl_set_prompt("scen> ");
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

/* ~/.scen_history (malloc'd), or NULL without $HOME. */
static char *history_path(void)
{
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	char *p = xmalloc(strlen(home) + sizeof "/.scen_history");
	sprintf(p, "%s/.scen_history", home);
	return p;
}

static void history_start(const char *path)
{
	using_history();
	stifle_history(SCEN_REPL_HISTORY);
	if (!path)
		return;
	read_history(path);
	FILE *f = fopen(path, "a");	/* append_history needs the file to exist */
	if (f)
		fclose(f);
}

/* Adds line to the history and appends it to the file at once: a crash loses nothing. */
static void history_line(const char *path, const char *line)
{
	if (!*line)
		return;
	HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;
	if (last && strcmp(last->line, line) == 0)
		return;
	add_history(line);
	if (path)
		append_history(1, path);
}

/* The next line, without its newline (malloc'd), or NULL at end of input. */
static char *read_line(const struct repl *r)
{
	if (r->tty)
		return readline(pending.len ? "...> " : "scen> ");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	return line;
}

static void loop(struct repl *r, const char *hist)
{
	while (!r->quit) {
		char *line = read_line(r);
		if (!line) {
			if (pending.len)	/* reports the unfinished item */
				run_entry(r, pending.text, pending.len);
			if (r->tty)
				putchar('\n');
			break;
		}
		if (r->tty)
			history_line(hist, line);
		pending_add(line);
		free(line);
		const char *p = pending.text + strspn(pending.text, " \t");
		if (*p != ':' && entry_incomplete(pending.text, pending.len))
			continue;
		run_entry(r, pending.text, pending.len);
		pending_clear();
	}
}

/* Loads FILE at the start; on failure the session starts empty (:reload tries again). */
static void load_first(struct repl *r, const char *path)
{
	size_t len = 0;
	struct arena a;
	arena_init(&a);
	char *text = read_file(&a, path, &len);
	r->path = xstrdup(path);
	if (!text) {
		fprintf(stderr, "scen repl: cannot read '%s': %s\n", path, strerror(errno));
		r->failed = true;
		arena_free(&a);
		return;
	}
	char *copy = dupn(text, len);
	arena_free(&a);
	struct repl_state st;
	if (!repl_state_load(r, &st, copy, len, NULL, NULL))
		return;
	repl_state_free(&r->cur);
	r->cur = st;
	r->model = st.prog.model;
	free(r->orig);
	r->orig = dupn(st.text, len);
	r->orig_len = len;
}

static void repl_free(struct repl *r)
{
	while (r->undo) {
		struct repl_undo *u = r->undo;
		r->undo = u->next;
		free(u->text);
		free(u->what);
		free(u);
	}
	repl_state_free(&r->cur);
	free(r->path);
	free(r->orig);
	diag_free(&r->sink);
	free(pending.text);
	memset(&pending, 0, sizeof pending);
}

static int start(struct repl *r, const char *file)
{
	diag_init(&r->sink);
	struct repl_state empty;
	if (!repl_state_load(r, &empty, dupn("", 0), 0, NULL, NULL))
		return EXIT_ERRORS;	/* the prelude does not check */
	r->cur = empty;
	r->model = empty.prog.model;
	r->orig = dupn("", 0);
	if (file)
		load_first(r, file);
	return EXIT_OK;
}

int cmd_repl(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		puts("usage: scen repl [FILE]   (type :help inside)");
		return EXIT_OK;
	}
	if (argc > 2)
		return cli_usage_error("repl", "one FILE at a time");
	if (argc == 2 && argv[1][0] == '-')
		return cli_usage_error("repl", "unknown option '%s'", argv[1]);
	struct repl r = { .tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) };
	r.color = r.tty && diag_want_color(stderr);
	int status = start(&r, argc == 2 ? argv[1] : NULL);
	if (status != EXIT_OK) {
		repl_free(&r);
		return status;
	}
	char *hist = NULL;
	if (r.tty) {
		hist = history_path();
		history_start(hist);
		repl_complete_init(&r.model);
		rl_signal_event_hook = on_signal_event;
		struct sigaction sa = { .sa_handler = on_sigint };
		sigaction(SIGINT, &sa, NULL);
		printf("scen %s: type :help for the commands, :quit or Ctrl-D to leave\n",
		       PACKAGE_VERSION);
	}
	loop(&r, hist);
	if (hist)
		history_truncate_file(hist, SCEN_REPL_HISTORY);
	if (r.tty) {
		clear_history();
		repl_complete_free();
	}
	free(hist);
	status = !r.tty && r.failed ? EXIT_ERRORS : EXIT_OK;
	repl_free(&r);
	return status;
}
