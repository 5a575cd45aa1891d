/*
** rewrite.c: replacing a file's contents safely (rewrite.h says what is kept and what is
** refused). One rewrite at a time: the signal handlers know the temporary file through
** one static pointer.
*/
#include "util/rewrite.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/printf_attr.h"
#include "util/xalloc.h"

/* ---- the temporary file and the signals ---- */

/* Every signal whose default action ends the process and that can be caught (SIGXFSZ:
** a write past `ulimit -f`). Not SIGPROF and SIGVTALRM, which profilers use. */
static const int fatal_signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM,
				     SIGUSR1, SIGUSR2, SIGXCPU, SIGXFSZ };
enum { NFATAL = sizeof fatal_signals / sizeof fatal_signals[0] };

static struct sigaction former[NFATAL];	/* the actions before the rewrite began */
static bool installed[NFATAL];
static char *volatile live_tmp;		/* the temporary file, while it exists */
static volatile sig_atomic_t interrupted;

static void block_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (int i = 0; i < NFATAL; i++)
		sigaddset(&set, fatal_signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void restore_mask(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Removes the temporary file, then gives the signal its former effect: the default
** (the process dies of it: re-raised, it arrives when this returns) or the handler that
** was there, after which the rewrite fails as interrupted. Async-signal-safe. */
static void on_fatal_signal(int sig, siginfo_t *info, void *ctx)
{
	int saved_errno = errno;
	char *tmp = live_tmp;
	if (tmp) {
		unlink(tmp);
		live_tmp = NULL;
	}
	interrupted = 1;
	int i = 0;
	while (i < NFATAL - 1 && fatal_signals[i] != sig)
		i++;
	const struct sigaction *old = &former[i];
	if (old->sa_flags & SA_SIGINFO) {
		old->sa_sigaction(sig, info, ctx);
	} else if (old->sa_handler == SIG_DFL) {
		struct sigaction dfl = { .sa_handler = SIG_DFL };
		sigaction(sig, &dfl, NULL);
		raise(sig);
	} else if (old->sa_handler != SIG_IGN) {
		old->sa_handler(sig);
	}
	errno = saved_errno;
}

/* With the signals blocked. A signal that is ignored stays ignored. */
static void install_handlers(void)
{
	struct sigaction sa = { .sa_sigaction = on_fatal_signal, .sa_flags = SA_SIGINFO };
	sigfillset(&sa.sa_mask);
	for (int i = 0; i < NFATAL; i++) {
		sigaction(fatal_signals[i], NULL, &former[i]);
		installed[i] = former[i].sa_handler != SIG_IGN || (former[i].sa_flags & SA_SIGINFO);
		if (installed[i])
			sigaction(fatal_signals[i], &sa, NULL);
	}
}

/* With the signals blocked: one that came meanwhile goes to its former action. */
static void remove_handlers(void)
{
	for (int i = 0; i < NFATAL; i++)
		if (installed[i]) {
			sigaction(fatal_signals[i], &former[i], NULL);
			installed[i] = false;
		}
}

/* ---- what the path names ---- */

static int refuse(struct rewrite *rw, const char *fmt, ...) SCEN_PRINTF(2, 3);
static int refuse(struct rewrite *rw, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rw->why, sizeof rw->why, fmt, ap);
	va_end(ap);
	return -1;
}

static int os_error(struct rewrite *rw, const char *what)
{
	snprintf(rw->why, sizeof rw->why, "%s%s", what, strerror(errno));
	return -1;
}

/* The folder part of path ("." when it has none), malloc'd. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	size_t n = slash == path ? 1 : (size_t)(slash - path);
	char *d = xmalloc(n + 1);
	memcpy(d, path, n);
	d[n] = '\0';
	return d;
}

/* The contents of symbolic link path, malloc'd, or NULL with errno set. */
static char *link_text(const char *path)
{
	for (size_t cap = 256;; cap *= 2) {
		char *buf = xmalloc(cap);
		ssize_t n = readlink(path, buf, cap);
		if (n < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)n < cap) {
			buf[n] = '\0';
			return buf;
		}
		free(buf);
	}
}

/* Follows path through every symbolic link to what it finally names (which need not
** exist: a dangling link is followed to the file it would create). A relative link is
** relative to the link's folder. malloc'd, or NULL with errno set (ELOOP past 40). */
static char *final_target(const char *path)
{
	char *p = xstrdup(path);
	for (int hops = 0;; hops++) {
		struct stat st;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		char *link = hops < 40 ? link_text(p) : NULL;
		if (!link) {
			if (hops >= 40)
				errno = ELOOP;
			free(p);
			return NULL;
		}
		if (link[0] != '/' && strchr(p, '/')) {
			char *dir = folder_of(p);
			char *joined = xmalloc(strlen(dir) + strlen(link) + 2);
			sprintf(joined, "%s/%s", dir, link);
			free(dir);
			free(link);
			link = joined;
		}
		free(p);
		p = link;
	}
}

static const char *kind_of(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
		: S_ISBLK(m) ? "a block device" : S_ISDIR(m) ? "a folder"
		: S_ISSOCK(m) ? "a socket" : "not a file";
}

/* Either "it" or "its target 'T'" (a symbolic link), for the refusals. */
static const char *subject(const struct rewrite *rw, const char *path, char *buf, size_t n)
{
	if (strcmp(rw->target, path) == 0)
		return "it";
	snprintf(buf, n, "its target '%s'", rw->target);
	return buf;
}

/* The refusals that need force, or 0. */
static int needs_force(struct rewrite *rw, const char *it, const struct stat *st)
{
	char hint[96] = "", split[96] = "";
	if (rw->force_hint) {
		snprintf(hint, sizeof hint, " (%s rewrites it)", rw->force_hint);
		snprintf(split, sizeof split, " (%s rewrites this name alone)", rw->force_hint);
	}
	bool no_write = (st->st_mode & 0222) == 0;
	if (!no_write && faccessat(AT_FDCWD, rw->target, W_OK, AT_EACCESS) != 0) {
		if (errno != EACCES)
			return os_error(rw, "");
		no_write = true;
	}
	if (no_write)
		return refuse(rw, "%s is read-only%s", it, hint);
	if (st->st_nlink > 1)
		return refuse(rw, "%s has %lu other hard link%s, which a rewrite would leave "
			      "with the old text%s", it, (unsigned long)st->st_nlink - 1,
			      st->st_nlink > 2 ? "s" : "", split);
	if (geteuid() != 0 && st->st_uid != geteuid())
		return refuse(rw, "%s belongs to another user, and a rewrite would make it "
			      "yours%s", it, hint);
	return 0;
}

/* Resolves path into rw->target and checks what it is; fills rw->exists, mode, uid,
** gid. On -1, rw->target is freed. */
static int inspect(struct rewrite *rw, const char *path)
{
	rw->why[0] = '\0';
	rw->target = final_target(path);
	if (!rw->target)
		return os_error(rw, "");
	char buf[300];
	const char *it = subject(rw, path, buf, sizeof buf);
	struct stat st;
	int rc = 0;
	rw->exists = lstat(rw->target, &st) == 0;
	if (!rw->exists && errno != ENOENT) {
		rc = os_error(rw, "");
	} else if (!rw->exists) {	/* a new file: its folder must take it */
		char *dir = folder_of(rw->target);
		struct stat ds;
		if (stat(dir, &ds) != 0)
			rc = os_error(rw, "");
		else if (!S_ISDIR(ds.st_mode))
			rc = refuse(rw, "'%s' is not a folder", dir);
		else if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0)
			rc = os_error(rw, "cannot create a file in its folder: ");
		free(dir);
	} else if (!S_ISREG(st.st_mode)) {
		rc = refuse(rw, "%s is %s, not a regular file", it, kind_of(st.st_mode));
	} else {
		rw->mode = st.st_mode & 07777;
		rw->uid = st.st_uid;
		rw->gid = st.st_gid;
		if (!rw->force)
			rc = needs_force(rw, it, &st);
	}
	if (rc) {
		free(rw->target);
		rw->target = NULL;
	}
	return rc;
}

int rewrite_check(struct rewrite *rw, const char *path)
{
	if (inspect(rw, path) != 0)
		return -1;
	free(rw->target);
	rw->target = NULL;
	return 0;
}

/* ---- the rewrite ---- */

/* rw->target's folder + "/." + its base name + ".XXXXXX", malloc'd. */
static char *tmp_template(const char *target)
{
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
	char *t = xmalloc(dirlen + strlen(base) + sizeof "..XXXXXX");
	memcpy(t, target, dirlen);
	sprintf(t + dirlen, ".%s.XXXXXX", base);
	return t;
}

/* The target's owner, group and mode on the temporary file (chown first: it clears
** the set-user-ID bit that chmod then restores). A new file gets what open(2) would
** give it: 0666 less the umask. */
static int copy_owner_and_mode(struct rewrite *rw)
{
	mode_t mode = rw->mode;
	if (rw->exists) {
		struct stat st;
		if (fstat(rw->fd, &st) != 0)
			return os_error(rw, "");
		if ((st.st_uid != rw->uid || st.st_gid != rw->gid) &&
		    fchown(rw->fd, rw->uid, rw->gid) != 0) {
			if (!rw->force)
				return refuse(rw, "its %s cannot be kept (%s)%s%s%s",
					      st.st_uid != rw->uid ? "owner" : "group",
					      strerror(errno), rw->force_hint ? " (" : "",
					      rw->force_hint ? rw->force_hint : "",
					      rw->force_hint ? " rewrites it)" : "");
			if (fchown(rw->fd, (uid_t)-1, rw->gid) != 0) {
				/* forced: the group too is lost */
			}
		}
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fchmod(rw->fd, mode) != 0)
		return os_error(rw, "");
	return 0;
}

int rewrite_begin(struct rewrite *rw, const char *path)
{
	assert(!live_tmp);	/* one rewrite at a time */
	rw->fd = -1;
	rw->tmp = NULL;
	if (inspect(rw, path) != 0)
		return -1;
	rw->tmp = tmp_template(rw->target);
	sigset_t old;
	block_signals(&old);
	interrupted = 0;
	rw->fd = mkstemp(rw->tmp);
	int err = errno;
	if (rw->fd >= 0) {
		live_tmp = rw->tmp;
		install_handlers();
		fcntl(rw->fd, F_SETFD, FD_CLOEXEC);
	}
	restore_mask(&old);
	if (rw->fd < 0) {
		errno = err;
		os_error(rw, err == EACCES || err == EPERM || err == EROFS
			     ? "cannot create a temporary file in its folder: " : "");
		rewrite_abort(rw);
		return -1;
	}
	if (copy_owner_and_mode(rw) != 0) {
		rewrite_abort(rw);
		return -1;
	}
	return rw->fd;
}

const char *rewrite_tmp_path(const struct rewrite *rw)
{
	return rw->tmp;
}

static int interrupted_error(struct rewrite *rw)
{
	snprintf(rw->why, sizeof rw->why, "interrupted (the file is unchanged)");
	return -1;
}

int rewrite_write(struct rewrite *rw, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		if (interrupted)
			return interrupted_error(rw);
		ssize_t w = write(rw->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return os_error(rw, "");
		p += w;
		len -= (size_t)w;
	}
	return interrupted ? interrupted_error(rw) : 0;
}

/* The rename itself, into the folder for good. Best effort: not every file system can
** sync a folder. */
static void sync_folder(const char *target)
{
	char *dir = folder_of(target);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int rewrite_commit(struct rewrite *rw)
{
	int rc = 0;
	if (fsync(rw->fd) != 0)
		rc = os_error(rw, "");
	int fd = rw->fd;
	rw->fd = -1;
	if (close(fd) != 0 && rc == 0)
		rc = os_error(rw, "");
	if (rc == 0 && interrupted)
		rc = interrupted_error(rw);
	if (rc != 0) {
		rewrite_abort(rw);
		return rc;
	}
	sigset_t old;
	block_signals(&old);
	if (!live_tmp) {	/* a signal removed it after the check */
		rc = interrupted_error(rw);
	} else if (rename(rw->tmp, rw->target) != 0) {
		rc = os_error(rw, "");
		unlink(rw->tmp);
	}
	live_tmp = NULL;
	remove_handlers();
	restore_mask(&old);
	if (rc == 0)
		sync_folder(rw->target);
	free(rw->tmp);
	free(rw->target);
	rw->tmp = rw->target = NULL;
	return rc;
}

void rewrite_abort(struct rewrite *rw)
{
	if (rw->fd >= 0)
		close(rw->fd);
	rw->fd = -1;
	sigset_t old;
	block_signals(&old);
	if (live_tmp)
		unlink(live_tmp);
	live_tmp = NULL;
	remove_handlers();
	restore_mask(&old);
	free(rw->tmp);
	free(rw->target);
	rw->tmp = rw->target = NULL;
}

int rewrite_file(struct rewrite *rw, const char *path, const void *data, size_t len)
{
	if (rewrite_begin(rw, path) < 0)
		return -1;
	if (rewrite_write(rw, data, len) != 0) {
		rewrite_abort(rw);
		return -1;
	}
	return rewrite_commit(rw);
}
