/*
** pty_test.c: drives `scen repl` through a pseudo-terminal (forkpty), as a user would:
** it types lines, waits for what the screen must show, and checks
**   - the verdict before and after an edit (core.md §1's worked numbers),
**   - a located diagnostic for a bad line, which leaves the model unchanged,
**   - TAB completion of an attribute name after `name.`; of a name with attributes
**     without the trailing space (so `.` follows); of file names through folders after
**     :load; of the lets and names after `sweep` (not the keywords `then`, `to`, `true`),
**   - :quit or Ctrl-D with unsaved changes warns once, the second leaves; after :save
**     Ctrl-D leaves at once,
**   - a continuation prompt for an item that spans lines; Ctrl-D at it drops the item
**     (said so) and the session goes on,
**   - Ctrl-C at the prompt clears the line; a report over a second shows its progress
**     line (erased before the results), and Ctrl-C during it stops it; the same for
**     `scen diff`,
**   - the history file ($HOME/.scen_history) holds the lines typed,
**   - `scen` with no arguments on a terminal starts the REPL, and Ctrl-D leaves it;
**   - TERM=dumb or unset: no escape sequence at all, from the diagnostics (no colour)
**     or from `scen run`'s progress line, which Ctrl-C stops with exit status 130 and
**     the report marked interrupted; with TERM=xterm the same shows colour (so that the
**     test can see escapes at all).
** Environment: SCEN (the binary). Prints one line per failure and, last,
** `pty: N passed, M failed`; exits 0 when none failed (77, skipped, without a pty).
*/
#define _DEFAULT_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char worked[] =
	"# core.md section 1, worked check\n"
	"stake land { value = 1_000_000 }\n"
	"actor gov : state {\n  cost   = 200_000\n  belief = 10%\n}\n"
	"actor reb : rebels {\n  cost   = 200_000\n  belief = 60%\n}\n"
	"conflict gov vs reb over land { win = 25% }\n";

static const char slow[] =
	"stake land { value = 100 }\n"
	"actor s : state { cost ~ uniform(10, 30); belief = 15% }\n"
	"actor r : rebels { cost ~ uniform(5, 25); belief = 50% }\n"
	"conflict s vs r over land { win = 20% }\n";

static int pass, fail;
static char screen[1 << 20];	/* everything the terminal showed */
static size_t shown, mark;	/* bytes shown; where the next expect starts looking */
static int master = -1;
static pid_t child;

static void ok(void)
{
	pass++;
}

static void bad(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("FAIL: pty: ");
	vprintf(fmt, ap);
	va_end(ap);
	size_t from = shown > 300 ? shown - 300 : 0;
	printf("\n    screen ends with: ");
	for (size_t i = from; i < shown; i++) {
		if (screen[i] == '\033')
			fputs("\\e", stdout);
		else if (screen[i] == '\r')
			fputs("\\r", stdout);
		else
			putchar(screen[i]);
	}
	printf("\n");
	fail++;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Reads what the terminal shows for up to secs; false at end of output. */
static bool pump(double secs)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	if (poll(&p, 1, (int)(secs * 1000)) <= 0)
		return true;
	ssize_t n = read(master, screen + shown, sizeof screen - 1 - shown);
	if (n <= 0)
		return false;
	shown += (size_t)n;
	screen[shown] = '\0';
	return true;
}

/* Waits until the screen shows s (after the last match); true when it does. */
static bool expect(const char *s)
{
	double end = now() + 10;
	for (;;) {
		char *hit = strstr(screen + mark, s);
		if (hit) {
			mark = (size_t)(hit - screen) + strlen(s);
			ok();
			return true;
		}
		if (now() > end || !pump(0.1)) {
			bad("expected \"%s\"", s);
			return false;
		}
	}
}

static void type(const char *s)
{
	size_t n = strlen(s);
	if (write(master, s, n) != (ssize_t)n)
		bad("cannot type \"%s\"", s);
}

/* Starts argv[0] = scen with argv in dir on a new terminal, TERM=term (unset when NULL),
** NO_COLOR=1 when no_color. */
static bool spawn_cmd(const char *dir, const char *term, bool no_color, char *const argv[])
{
	struct winsize ws = { .ws_row = 50, .ws_col = 200 };
	shown = mark = 0;
	screen[0] = '\0';
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0)
		return false;
	if (child == 0) {
		if (chdir(dir) != 0)
			_exit(127);
		setenv("HOME", dir, 1);
		setenv("INPUTRC", "/dev/null", 1);
		if (term)
			setenv("TERM", term, 1);
		else
			unsetenv("TERM");
		if (no_color)
			setenv("NO_COLOR", "1", 1);
		else
			unsetenv("NO_COLOR");
		execv(argv[0], argv);
		_exit(127);
	}
	return true;
}

static bool spawn(const char *scen, const char *dir, const char *file)
{
	char *argv[] = { (char *)scen, "repl", (char *)file, NULL };
	if (!file)
		argv[1] = NULL;
	return spawn_cmd(dir, "xterm", true, argv);
}

/* Waits for the child to exit; its exit status (-1 on a signal or a timeout). */
static int finish(void)
{
	double end = now() + 10;
	int st;
	while (waitpid(child, &st, WNOHANG) == 0) {
		if (now() > end) {
			kill(child, SIGKILL);
			waitpid(child, &st, 0);
			return -1;
		}
		pump(0.05);
	}
	close(master);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void session(const char *scen, const char *dir)
{
	if (!spawn(scen, dir, "w.scen")) {
		bad("forkpty: %s", strerror(errno));
		return;
	}
	expect("scen> ");
	type(":report\r");
	expect("verdict      BREAKDOWN: the range is empty, gap 100,000");
	expect("scen> ");
	type("reb.belief = 25%\r");
	expect("reb.belief: 60% → 25%");
	type(":report\r");
	expect("verdict      SETTLE: the range is [50,000, 300,000]; predicted split 175,000");
	expect("scen> ");
	type("reb.belief = 2 +* 3\r");
	expect("<repl>:1:17: error: expected expression, found `*`");
	type(":show reb.belief\r");
	expect("belief = 25%");
	type("reb.bel\t");	/* completes to `reb.belief ` */
	expect("ief");
	type("= 30%\r");
	expect("reb.belief: 25% → 30%");
	type("let y = 1 +\r");
	expect("...> ");
	type("2\r");
	expect("added let y");
	type("let z = 1 +\r");
	expect("...> ");
	type("\004");	/* Ctrl-D at the continuation: drops `let z`, stays */
	expect("the unfinished item is dropped");
	expect("scen> ");
	type(":show z\r");
	expect("nothing called `z`");
	type("garbage");
	expect("scen> garbage");	/* readline has it (not only the echo) */
	type("\003");	/* Ctrl-C clears the line */
	expect("scen> ");
	type(":show y\r");
	expect("let y = 1 + 2");
	type(":load u.scen\r");
	expect("loaded u.scen");
	type(":set draws 2000000000\r");
	expect("draws = 2000000000");
	type(":report\r");
	/* over a second: the progress line on stderr (util/progress.h), as `scen run` */
	if (expect("% of 2000000000 draws"))
		type("\003");	/* Ctrl-C stops the report */
	expect("\r\033[K");	/* the line erased before the partial result */
	expect("interrupted");
	expect("scen> ");
	type(":quit\r");
	int st = finish();
	if (st == 0)
		ok();
	else
		bad("scen repl exited with %d after :quit", st);
}

static void history(const char *dir)
{
	char path[4096], line[256];
	snprintf(path, sizeof path, "%s/.scen_history", dir);
	FILE *f = fopen(path, "r");
	bool report = false, edit = false;
	while (f && fgets(line, sizeof line, f)) {
		report |= strcmp(line, ":report\n") == 0;
		edit |= strcmp(line, "reb.belief = 25%\n") == 0;
	}
	if (f)
		fclose(f);
	if (report && edit)
		ok();
	else
		bad("%s does not hold the lines typed", path);
}

static const char completing[] =
	"stake land { value = 100 }\n"
	"actor serbia : state { cost = 20; belief = 10% }\n"
	"actor reb : rebels { cost = 20; belief = 60% }\n"
	"let troops = 5\n"
	"conflict serbia vs reb over land { win = 25% }\n";

/* Issue 19's completions, each proved by the line it builds being accepted. */
static void completion(const char *scen, const char *dir)
{
	if (!spawn(scen, dir, "c.scen")) {
		bad("forkpty: %s", strerror(errno));
		return;
	}
	expect("scen> ");
	type("ser\t");	/* `serbia`, no space: with one, the line below is an error */
	expect("bia");
	type(".bel\t");
	expect("ief");
	type("= 30%\r");
	expect("serbia.belief: 10% → 30%");
	expect("scen> ");
	type(":load sub/c\t");	/* through the folder: `sub/c2.scen` */
	expect("2.scen");
	type("\r");
	expect("loaded sub/c2.scen");
	expect("scen> ");
	type(":load c.scen\r");
	expect("loaded c.scen");
	expect("scen> ");
	type("sweep t\t");	/* only `troops`: `then`, `to`, `true` are not offered */
	expect("roops");
	type("\003");
	expect("scen> ");
	type("reb.belief = 50%\r");
	expect("reb.belief: 60% → 50%");
	type(":quit\r");	/* unsaved: said once, and the session stays */
	expect("unsaved changes");
	expect("scen> ");
	type("\004");	/* the second time leaves */
	if (finish() == 0)
		ok();
	else
		bad("scen repl did not leave after :quit, Ctrl-D with unsaved changes");
}

/* Saved changes: Ctrl-D leaves at once, without the unsaved-changes warning. */
static void saved_leave(const char *scen, const char *dir)
{
	if (!spawn(scen, dir, "c.scen")) {
		bad("forkpty: %s", strerror(errno));
		return;
	}
	expect("scen> ");
	type("reb.belief = 50%\r");
	expect("reb.belief: 60% → 50%");
	type(":save c3.scen\r");
	expect("saved c3.scen");
	expect("scen> ");
	type("\004");
	if (finish() == 0 && !strstr(screen, "unsaved"))
		ok();
	else
		bad("Ctrl-D after :save did not leave at once");
}

/* `scen` alone on a terminal: the REPL; Ctrl-D leaves it with status 0. */
static void bare(const char *scen, const char *dir)
{
	if (!spawn(scen, dir, NULL)) {
		bad("forkpty: %s", strerror(errno));
		return;
	}
	expect("type :help");
	expect("scen> ");
	type("\004");
	int st = finish();
	if (st == 0)
		ok();
	else
		bad("scen with no arguments exited with %d after Ctrl-D", st);
}

/* Waits for the child's exit status (-1 on a signal or a timeout). */
static int exit_status(void)
{
	return finish();
}

static bool has_escape(void)
{
	return memchr(screen, '\033', shown) != NULL;
}

/* `scen check` of a file with an error: colour with TERM=xterm, none (and no escape
** at all) with TERM=dumb or no TERM, NO_COLOR unset in each case. */
static void dumb_check(const char *scen, const char *dir, const char *term, bool want_escape)
{
	char *argv[] = { (char *)scen, "check", "bad.scen", NULL };
	if (!spawn_cmd(dir, term, false, argv)) {
		bad("forkpty: %s", strerror(errno));
		return;
	}
	expect("`cost` must be at least 0, but it is -5");
	int st = exit_status();
	if (st != 1)
		bad("scen check bad.scen (TERM=%s) exited with %d, not 1", term ? term : "", st);
	else if (has_escape() != want_escape)
		bad("scen check (TERM=%s) shows %s escape sequence", term ? term : "unset",
		    want_escape ? "no" : "an");
	else
		ok();
}

/* `scen run` long enough to show its progress, stopped by Ctrl-C: the progress line is
** erased (with `\033[K` on an xterm, with spaces on a dumb terminal, the one way it is
** also erased when a run ends), the report is marked interrupted, the status is 130,
** and with TERM dumb or unset nothing on the screen is an escape sequence. */
static void dumb_run(const char *scen, const char *dir, const char *term)
{
	char *argv[] = { (char *)scen, "run", "u.scen", "--draws", "2000000000", NULL };
	if (!spawn_cmd(dir, term, false, argv)) {
		bad("forkpty: %s", strerror(errno));
		return;
	}
	if (expect("% of 2000000000 draws"))	/* after a second: the handler is set */
		type("\003");
	expect("interrupted: these results cover only the draws made");
	bool xterm = term && strcmp(term, "xterm") == 0;
	bool erased = xterm ? strstr(screen, "\r\033[K") != NULL
			    : strstr(screen, "\r                              ") != NULL;
	if (!erased)
		bad("scen run (TERM=%s) does not erase its progress line", term ? term : "unset");
	else
		ok();
	int st = exit_status();
	if (st != 130)
		bad("scen run stopped by Ctrl-C exited with %d, not 130", st);
	else
		ok();
	if (xterm)
		return;
	if (has_escape())
		bad("scen run with TERM=%s shows an escape sequence", term ? term : "unset");
	else
		ok();
}

/* `scen diff` long enough to show its progress: the line, erased, and Ctrl-C stops it. */
static void diff_progress(const char *scen, const char *dir)
{
	char *argv[] = { (char *)scen, "diff", "u.scen", "u.scen", "--draws", "2000000000",
			 NULL };
	if (!spawn_cmd(dir, "xterm", true, argv)) {
		bad("forkpty: %s", strerror(errno));
		return;
	}
	if (expect("% of 2000000000 draws"))
		type("\003");
	expect("\r\033[K");
	int st = exit_status();
	if (st < 0)
		bad("scen diff stopped by Ctrl-C did not exit (%d)", st);
	else
		ok();
}

/* The REPL with TERM=dumb: its diagnostics have no colour, and readline sends no
** escape sequence either. */
static void dumb_repl(const char *scen, const char *dir)
{
	char *argv[] = { (char *)scen, "repl", NULL };
	if (!spawn_cmd(dir, "dumb", false, argv)) {
		bad("forkpty: %s", strerror(errno));
		return;
	}
	expect("scen> ");
	type("let x = 1 +* 2\r");
	expect("error: expected expression, found `*`");
	expect("scen> ");
	type(":quit\r");
	int st = exit_status();
	if (st != 0)
		bad("scen repl (TERM=dumb) exited with %d after :quit", st);
	else if (has_escape())
		bad("scen repl with TERM=dumb shows an escape sequence");
	else
		ok();
}

int main(void)
{
	const char *scen = getenv("SCEN") ? getenv("SCEN") : "./scen";
	char dir[] = "/tmp/scen-pty.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	write_file(dir, "w.scen", worked);
	write_file(dir, "u.scen", slow);
	write_file(dir, "bad.scen", "stake land { value = 1 }\nactor a : state { cost = -5 }\n");
	int m;
	pid_t p = forkpty(&m, NULL, NULL, NULL);
	if (p < 0) {
		printf("pty: no pseudo-terminal here (%s), skipped\n", strerror(errno));
		return 77;
	}
	if (p == 0)
		_exit(0);
	waitpid(p, NULL, 0);
	close(m);
	session(scen, dir);
	history(dir);
	write_file(dir, "c.scen", completing);
	char sub[4096];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	if (mkdir(sub, 0700) != 0)
		bad("mkdir %s: %s", sub, strerror(errno));
	write_file(dir, "sub/c2.scen", completing);
	completion(scen, dir);
	saved_leave(scen, dir);
	bare(scen, dir);
	dumb_check(scen, dir, "xterm", true);
	dumb_check(scen, dir, "dumb", false);
	dumb_check(scen, dir, NULL, false);
	dumb_run(scen, dir, "xterm");
	dumb_run(scen, dir, "dumb");
	dumb_run(scen, dir, NULL);
	dumb_repl(scen, dir);
	diff_progress(scen, dir);
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	printf("pty: %d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}
