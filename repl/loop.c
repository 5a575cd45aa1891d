/*
** loop.c: `scen repl`: the read-check-report loop (cli/cmd_repl.c parses the arguments).
**
** The session holds its model as source text (struct repl_state): every change (a typed
** item, `owner.attr = expr`, :load, :reload, :undo) builds a new text and checks it into
** a new program, which replaces the current one only when it checks cleanly. Diagnostics
** that fall inside the typed bytes are moved onto the typed entry (`<repl>:line:col`).
** This file holds the session's states and the input loop; entry.c runs one entry,
** cmd.c the `:` commands, diff.c :diff, edit.c the text splices.
**
** On a terminal, input comes through GNU readline (history in ~/.scen_history, written
** line by line; completion in complete.c); Ctrl-C clears the line, or stops a
** running report; Ctrl-D leaves, or at a `...>` continuation drops the unfinished item.
** Otherwise lines are read from stdin with the same meaning, with no prompt and no
** colour, and the exit status says whether any entry had an error (3 when a :save
** could not write its file).
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

#include "util/scen_conf.h"
#include "util/status.h"
#include "cli/swept.h"
#include "check/model.h"
#include "parser/parse.h"
#include "parser/print.h"
#include "util/readfile.h"
#include "repl/repl.h"
#include "report/report.h"
#include "util/xalloc.h"

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

/* ---- states: a checked text ---- */

void repl_state_free(struct repl_state *st)
{
	session_free(&st->s);
	free(st->text);
	for (size_t i = 0; i < st->nwarnings; i++)
		free(st->warnings[i]);
	free(st->warnings);
	free(st->new_warnings);
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

/* A warning as the session remembers it: its file (the session's, before it is moved
** onto a typed entry) and its message, so that an edit elsewhere, which moves every
** position, does not make it new, and a file newly loaded has its own. */
static char *warning_key(const struct diag *d)
{
	const char *file = d->file ? d->file->name : "";
	char *key = xmalloc(strlen(file) + strlen(d->msg) + 2);
	sprintf(key, "%s\n%s", file, d->msg);
	return key;
}

static bool had_warning(const struct repl_state *old, const char *key)
{
	for (size_t i = 0; i < old->nwarnings; i++)
		if (strcmp(old->warnings[i], key) == 0)
			return true;
	return false;
}

/* The warnings already shown: those of the model being replaced. */
struct seen {
	const struct diag **d;
	size_t n;
};

static bool unseen(const struct diag *d, void *arg)
{
	const struct seen *seen = arg;
	for (size_t i = 0; i < seen->n; i++)
		if (seen->d[i] == d)
			return false;
	return true;
}

/* Keeps the keys of the sink's warnings in st and notes which the session's model had
** already; call before move_diags. */
static struct seen keep_warnings(struct repl *r, struct repl_state *st)
{
	struct seen seen = { xmalloc((r->sink.count + 1) * sizeof *seen.d), 0 };
	st->warnings = xmalloc((r->sink.count + 1) * sizeof *st->warnings);
	for (const struct diag *d = r->sink.first; d; d = d->next) {
		char *key = warning_key(d);
		if (had_warning(&r->cur, key))
			seen.d[seen.n++] = d;
		st->warnings[st->nwarnings++] = key;
	}
	return seen;
}

/* Renders the warnings not seen (shown once st becomes the model) and empties the
** sink. */
static void render_new_warnings(struct repl *r, struct repl_state *st, struct seen *seen)
{
	size_t len = 0;
	FILE *mem = open_memstream(&st->new_warnings, &len);
	if (mem) {
		diag_render_some(&r->sink, mem, r->color, unseen, seen);
		fclose(mem);
	}
	if (st->new_warnings && !*st->new_warnings) {
		free(st->new_warnings);
		st->new_warnings = NULL;
	}
	free(seen->d);
	diag_clear(&r->sink);
}

void repl_show_warnings(struct repl *r)
{
	if (!r->cur.new_warnings)
		return;
	fflush(stdout);
	fputs(r->cur.new_warnings, stderr);
	free(r->cur.new_warnings);
	r->cur.new_warnings = NULL;
}

/* Checks text (malloc'd; owned by st on success, freed otherwise) into st. Diagnostics
** inside t's typed bytes (when t) are shown against entry e: on failure at once, the
** warnings of a success when st becomes the model (repl_show_warnings). */
bool repl_state_load(struct repl *r, struct repl_state *st, char *text, size_t len,
		     const struct repl_text *t, struct repl_entry *e)
{
	memset(st, 0, sizeof *st);
	st->s.to = &r->sink;
	bool ok = session_load_text(&st->s, repl_name(r), text, len) == STATUS_OK;
	struct seen seen = ok ? keep_warnings(r, st) : (struct seen){ NULL, 0 };
	if (t && st->s.prog.files)
		move_diags(r->sink.first, &st->s.prog.files->ast.src, t, &e->src);
	if (ok) {
		st->text = text;
		st->len = len;
		render_new_warnings(r, st, &seen);
		return true;
	}
	repl_flush(r);
	session_free(&st->s);
	free(text);
	return false;
}

void repl_state_forget_run(struct repl_state *st)
{
	run_result_free(&st->s.result);
	st->s.result = (struct run_result){ 0 };
	st->have_res = false;
}

/* Compiles st's program, once. */
static bool state_compile(struct repl *r, struct repl_state *st)
{
	if (!session_build(&st->s)) {
		repl_flush(r);
		return false;
	}
	return true;
}

/* Ctrl-C stops the run that follows (on a terminal its handler is always installed). */
static void stop_begin(struct repl *r, struct sigaction *old)
{
	struct sigaction sa = { .sa_handler = on_sigint, .sa_flags = SA_RESTART };
	if (!r->tty)
		sigaction(SIGINT, &sa, old);
	sigint_seen = 0;
	r->opts.stop = (volatile int *)&sigint_seen;
	/* an evaluation over a second shows its progress on a terminal (util/progress.h) */
	bool shown = progress_start(&r->progress);
	r->opts.progress = shown ? progress_show : NULL;
	r->opts.progress_arg = shown ? &r->progress : NULL;
}

static void stop_end(struct repl *r, const struct sigaction *old)
{
	progress_clear(&r->progress);
	r->opts.progress = NULL;
	r->opts.progress_arg = NULL;
	sigint_seen = 0;
	if (!r->tty)
		sigaction(SIGINT, old, NULL);
}

/* Runs every report of st (unless its last run still stands). Ctrl-C stops it. */
bool repl_state_run(struct repl *r, struct repl_state *st)
{
	if (st->have_res)
		return true;
	if (!state_compile(r, st))
		return false;
	struct sigaction old;
	stop_begin(r, &old);
	int status = session_run(&st->s, &r->opts);
	stop_end(r, &old);
	st->have_res = true;
	if (status != 0) {
		repl_flush(r);
		repl_state_forget_run(st);
	}
	return status == 0;
}

/* scen sense's analysis of st (its uncertain inputs only: the session's interpreter
** folds constants, so nothing can be --vary'd). */
enum sense_status repl_state_sense(struct repl *r, struct repl_state *st,
				   struct sense_options *so, struct sense_result *out)
{
	if (!state_compile(r, st))
		return SENSE_RUN_FAILED;
	struct sigaction sa;
	stop_begin(r, &sa);
	enum sense_status status = sense_run(st->s.it, so, &r->opts, out, &r->sink);
	stop_end(r, &sa);
	if (status == SENSE_RUN_FAILED)
		repl_flush(r);
	return status;
}

/* `:flip`: scen flip on st's text, in a session of its own built unfolded so that the
** attribute can be set (flip.h), with the REPL's seed, draws and threads; the answer
** printed. The check's warnings were shown when st became the model: dropped here. */
enum flip_status repl_state_flip(struct repl *r, struct repl_state *st, const char *label,
				 double level, bool *said)
{
	*said = false;
	struct session fs = { .unfolded = true };
	if (session_load_text(&fs, repl_name(r), st->text, st->len) != STATUS_OK ||
	    !session_build(&fs)) {
		session_free(&fs);
		return FLIP_RUN_FAILED;
	}
	diag_clear(&fs.sink);
	struct flip_result f;
	struct sigaction sa;
	stop_begin(r, &sa);
	enum flip_status status = flip_find(&fs, label, NULL, level, &r->opts, &f);
	stop_end(r, &sa);
	if (status == FLIP_OK)
		report_flip(stdout, &f, false, NULL);
	const struct ast_file *file = &fs.prog.model->main->ast;
	if (status == FLIP_NO_REPORT &&
	    swept_flip_error(&fs.sink, &file->src, file->items, NULL, &swept_repl_words)) {
		fflush(stdout);	/* shown before fs, whose text it quotes, is freed */
		diag_render(&fs.sink, stderr, r->color);
		r->failed = true;
		diag_clear(&fs.sink);
		*said = true;
	}
	session_free(&fs);	/* a run's error, printed */
	return status;
}

/* Runs the reports of old and now on the same draws (scen diff's paired run). */
bool repl_state_paired(struct repl *r, struct repl_state *old, struct repl_state *now,
		       struct diff_result *out)
{
	if (!state_compile(r, old) || !state_compile(r, now))
		return false;
	struct sigaction sa;
	stop_begin(r, &sa);
	int status = interp_run_paired(old->s.it, now->s.it, &r->opts, out, &r->sink);
	stop_end(r, &sa);
	if (status != 0) {
		repl_flush(r);
		diff_result_free(out);
	}
	return status == 0;
}

void repl_undo_clear(struct repl *r)
{
	while (r->undo) {
		struct repl_undo *u = r->undo;
		r->undo = u->next;
		free(u->text);
		free(u->what);
		free(u);
	}
}

void repl_mark_saved(struct repl *r)
{
	free(r->saved);
	r->saved = repl_dupn(r->cur.text ? r->cur.text : "", r->cur.text ? r->cur.len : 0);
	r->saved_len = r->cur.text ? r->cur.len : 0;
}

static bool unsaved(const struct repl *r)
{
	size_t len = r->cur.text ? r->cur.len : 0;
	return len != r->saved_len || (len && memcmp(r->cur.text, r->saved, len) != 0);
}

/* Whether to leave now (Ctrl-D or :quit): on a terminal, unsaved changes are said once
** and the same key again leaves (issue 19); piped input just ends. */
static bool may_leave(struct repl *r)
{
	if (!r->tty || r->asked || !unsaved(r))
		return true;
	r->asked = true;
	printf("%sthe session has unsaved changes (`:save FILE` keeps them); "
	       "Ctrl-D or :quit again leaves\n", r->quit ? "" : "\n");
	return false;
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
	r->model = r->cur.s.prog.model;
}

char *repl_dupn(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
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

/* Ctrl-C at the prompt clears the line (and an unfinished entry) and shows a fresh
** prompt. A Ctrl-C that comes while readline waits for a key interrupts its read, and
** readline calls the signal hook; one that comes while readline is busy with the previous
** key interrupts no read, so the getc hook looks before and after each key. */
static void clear_on_sigint(void)
{
	if (!sigint_seen)
		return;
	sigint_seen = 0;
	pending_clear();
	rl_replace_line("", 0);
	rl_crlf();
	rl_set_prompt("scen> ");
	rl_on_new_line();
	rl_redisplay();
}

static int on_signal_event(void)
{
	clear_on_sigint();
	return 0;
}

static int getc_hook(FILE *in)
{
	clear_on_sigint();
	int c = rl_getc(in);
	clear_on_sigint();
	return c;
}

/* ~/.scen_history (malloc'd), or NULL without $HOME. */
static char *history_path(void)
{
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	size_t n = strlen(home);
	char *p = xmalloc(n + sizeof "/.scen_history");
	memcpy(p, home, n);
	memcpy(p + n, "/.scen_history", sizeof "/.scen_history");
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
	if (r->tty) {
		sigint_seen = 0;	/* a Ctrl-C between two lines clears nothing */
		return readline(pending.len ? "...> " : "scen> ");
	}
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
		if (!line && r->tty && pending.len) {
			/* Ctrl-D at `...>`: the item is dropped, the session goes on */
			puts("\n(the unfinished item is dropped; Ctrl-D again leaves)");
			pending_clear();
			continue;
		}
		if (!line) {
			if (pending.len) {	/* end of input: reports the unfinished item */
				repl_run_entry(r, pending.text, pending.len);
				repl_show_warnings(r);
			}
			if (!may_leave(r))
				continue;
			if (r->tty)
				putchar('\n');
			break;
		}
		if (r->tty)
			history_line(hist, line);
		pending_add(line);
		free(line);
		const char *p = pending.text + strspn(pending.text, " \t");
		if (*p != ':' && repl_entry_incomplete(pending.text, pending.len))
			continue;
		repl_run_entry(r, pending.text, pending.len);
		repl_show_warnings(r);
		pending_clear();
		if (r->quit && !may_leave(r))
			r->quit = false;
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
	char *copy = repl_dupn(text, len);
	arena_free(&a);
	struct repl_state st;
	if (!repl_state_load(r, &st, copy, len, NULL, NULL))
		return;
	repl_state_free(&r->cur);
	r->cur = st;
	r->model = st.s.prog.model;
	free(r->orig);
	r->orig = repl_dupn(st.text, len);
	r->orig_len = len;
	repl_mark_saved(r);
}

static void repl_free(struct repl *r)
{
	repl_undo_clear(r);
	repl_state_free(&r->cur);
	free(r->path);
	free(r->orig);
	free(r->saved);
	diag_free(&r->sink);
	free(pending.text);
	memset(&pending, 0, sizeof pending);
}

static int start(struct repl *r, const char *file)
{
	diag_init(&r->sink);
	struct repl_state empty;
	if (!repl_state_load(r, &empty, repl_dupn("", 0), 0, NULL, NULL))
		return STATUS_ERRORS;	/* the prelude does not check */
	r->cur = empty;
	r->model = empty.s.prog.model;
	r->orig = repl_dupn("", 0);
	repl_mark_saved(r);
	if (file)
		load_first(r, file);
	repl_show_warnings(r);
	return STATUS_OK;
}

int repl_main(const char *file)
{
	struct repl r = { .tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) };
	r.color = r.tty && diag_want_color(stderr);
	int status = start(&r, file);
	if (status != STATUS_OK) {
		repl_free(&r);
		return status;
	}
	char *hist = NULL;
	if (r.tty) {
		hist = history_path();
		history_start(hist);
		repl_complete_init(&r.model);
		rl_signal_event_hook = on_signal_event;
		rl_getc_function = getc_hook;
		struct sigaction sa = { .sa_handler = on_sigint, .sa_flags = SA_RESTART };
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
	status = r.tty ? STATUS_OK : r.write_failed ? STATUS_IO : r.failed ? STATUS_ERRORS : STATUS_OK;
	repl_free(&r);
	return status;
}
