/*
** test_rewrite.c: util/rewrite.c, the one way scen replaces a file: links followed,
** special files refused, and the temporary file's life around signals, tested at the
** signal itself (raise) rather than by timing (tests/hostile/writes.sh kills the real
** binary at a slowed fsync).
*/
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/rewrite.h"

static char dir[64];

static void make_dir(void)
{
	strcpy(dir, "/tmp/scen-rewrite.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

static char *in_dir(const char *name)
{
	static char paths[4][128];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, sizeof paths[0], "%s/%s", dir, name);
	return p;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

static const char *get(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The folder holds exactly n entries (no temporary file besides them). */
static void entries(int n)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s' | wc -l)\" -eq %d", dir, n);
	cr_assert_eq(system(cmd), 0, "the folder does not hold %d entries", n);
}

TestSuite(rewrite, .init = make_dir, .fini = remove_dir);

Test(rewrite, follows_a_chain_of_relative_links_to_the_file_and_keeps_the_links)
{
	cr_assert_eq(mkdir(in_dir("a"), 0755), 0);
	cr_assert_eq(mkdir(in_dir("b"), 0755), 0);
	put(in_dir("b/t"), "old\n");
	cr_assert_eq(symlink("../b/t", in_dir("a/l")), 0);
	cr_assert_eq(symlink("l", in_dir("a/l2")), 0);	/* relative to a/, not to the cwd */
	struct rewrite rw = { 0 };
	cr_assert_eq(rewrite_file(&rw, in_dir("a/l2"), "new\n", 4), 0, "%s", rw.why);
	cr_assert_str_eq(get(in_dir("b/t")), "new\n");
	struct stat st;
	cr_assert_eq(lstat(in_dir("a/l2"), &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
	cr_assert_eq(lstat(in_dir("a/l"), &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
}

Test(rewrite, refuses_a_fifo_a_read_only_file_and_a_hard_link_naming_the_way_to_force)
{
	struct rewrite rw = { .force_hint = "--force" };
	cr_assert_eq(mkfifo(in_dir("f"), 0644), 0);
	cr_assert_eq(rewrite_check(&rw, in_dir("f")), -1);
	cr_assert_str_eq(rw.why, "it is a FIFO, not a regular file");
	put(in_dir("r"), "old\n");
	cr_assert_eq(chmod(in_dir("r"), 0444), 0);
	cr_assert_eq(rewrite_file(&rw, in_dir("r"), "new\n", 4), -1);
	cr_assert_str_eq(rw.why, "it is read-only (--force rewrites it)");
	put(in_dir("h"), "old\n");
	cr_assert_eq(link(in_dir("h"), in_dir("h2")), 0);
	cr_assert_eq(rewrite_file(&rw, in_dir("h"), "new\n", 4), -1);
	cr_assert_str_eq(rw.why, "it has 1 other hard link, which a rewrite would leave with "
			 "the old text (--force rewrites this name alone)");
	rw.force = true;
	cr_assert_eq(rewrite_file(&rw, in_dir("r"), "new\n", 4), 0, "%s", rw.why);
	struct stat st;
	cr_assert_eq(stat(in_dir("r"), &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0444);
	cr_assert_str_eq(get(in_dir("r")), "new\n");
	entries(4);
}

static volatile sig_atomic_t handled;

static void on_term(int sig)
{
	handled = sig;
}

/* A signal with a handler of the program's (the REPL's Ctrl-C, a run's stop): the
** temporary file is gone when the handler runs, the handler runs, the rewrite fails as
** interrupted, the file is as it was, and the handler is in place again afterwards. */
Test(rewrite, a_handled_signal_removes_the_temporary_file_then_runs_the_handler)
{
	struct sigaction sa = { .sa_handler = on_term }, now;
	cr_assert_eq(sigaction(SIGTERM, &sa, NULL), 0);
	put(in_dir("f"), "old\n");
	struct rewrite rw = { 0 };
	cr_assert_geq(rewrite_begin(&rw, in_dir("f")), 0, "%s", rw.why);
	char tmp[256];
	snprintf(tmp, sizeof tmp, "%s", rewrite_tmp_path(&rw));
	cr_assert_eq(access(tmp, F_OK), 0);
	raise(SIGTERM);
	cr_assert_eq(handled, SIGTERM);
	cr_assert_neq(access(tmp, F_OK), 0);
	cr_assert_eq(rewrite_write(&rw, "new\n", 4), -1);
	cr_assert_str_eq(rw.why, "interrupted (the file is unchanged)");
	rewrite_abort(&rw);
	cr_assert_str_eq(get(in_dir("f")), "old\n");
	entries(1);
	cr_assert_eq(sigaction(SIGTERM, NULL, &now), 0);
	cr_assert_eq(now.sa_handler, on_term);
}

/* A signal that kills (its default action): the process dies of that signal and no
** temporary file is left; checked from outside, in a child. */
Test(rewrite, a_killing_signal_leaves_no_temporary_file)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGPIPE, SIGXFSZ };
	put(in_dir("f"), "old\n");
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		int fds[2];
		cr_assert_eq(pipe(fds), 0);
		pid_t pid = fork();
		cr_assert_geq(pid, 0);
		if (pid == 0) {
			signal(sigs[i], SIG_DFL);
			struct rewrite rw = { 0 };
			if (rewrite_begin(&rw, in_dir("f")) < 0 ||
			    rewrite_write(&rw, "new\n", 4) != 0)
				_exit(1);
			const char *tmp = rewrite_tmp_path(&rw);
			if (write(fds[1], tmp, strlen(tmp) + 1) < 0)
				_exit(1);
			raise(sigs[i]);
			_exit(2);	/* not reached */
		}
		close(fds[1]);
		char tmp[256] = "";
		cr_assert_gt(read(fds[0], tmp, sizeof tmp), 0);
		close(fds[0]);
		int st;
		cr_assert_eq(waitpid(pid, &st, 0), pid);
		cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i],
			  "signal %d: the child did not die of it", sigs[i]);
		cr_assert_neq(access(tmp, F_OK), 0, "signal %d left %s", sigs[i], tmp);
		cr_assert_str_eq(get(in_dir("f")), "old\n");
		entries(1);
	}
}

/* A signal the program ignores (nohup's SIGHUP) stays ignored: the rewrite goes on. */
Test(rewrite, an_ignored_signal_stays_ignored)
{
	signal(SIGHUP, SIG_IGN);
	put(in_dir("f"), "old\n");
	struct rewrite rw = { 0 };
	cr_assert_geq(rewrite_begin(&rw, in_dir("f")), 0, "%s", rw.why);
	raise(SIGHUP);
	cr_assert_eq(rewrite_write(&rw, "new\n", 4), 0, "%s", rw.why);
	cr_assert_eq(rewrite_commit(&rw), 0, "%s", rw.why);
	cr_assert_str_eq(get(in_dir("f")), "new\n");
	struct sigaction now;
	cr_assert_eq(sigaction(SIGHUP, NULL, &now), 0);
	cr_assert_eq(now.sa_handler, SIG_IGN);
}
