/*
** rewrite.h: replacing a file's contents safely, the one way scen writes a file it is
** given the name of (`fmt -w`, `run --shard -o`, the REPL's `:save`, `plot -o`).
**
** The new text goes to a temporary file beside the target, which is synced and then
** renamed over it, so the target is at every moment either the old file or the whole
** new one. What the path names is respected:
**   - a symbolic link is followed (to the end of a chain) and its target rewritten; the
**     link stays a link;
**   - anything but a regular file (a FIFO, a device such as /dev/full, a directory, a
**     socket) is refused, and never opened; a path that does not exist is created;
**   - the file keeps its permission bits, owner and group (copied onto the temporary
**     file before the rename); when they cannot be kept (a file owned by someone
**     else), the rewrite is refused unless forced;
**   - a read-only file (no write bit, or not writable by us) is refused unless forced;
**     forced, it is replaced and stays read-only;
**   - a file with other hard links is refused unless forced, since a rename gives the
**     name a new file and would leave the other names with the old text; forced, that
**     is what happens;
**   - the temporary file, `.NAME.XXXXXX` in the target's folder, is removed on error
**     and on every signal that can be caught (SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM,
**     SIGXFSZ, ...); then the signal has its former effect: the process dies of it, or
**     the handler installed before runs and the rewrite fails as interrupted. Only
**     SIGKILL or a crash can leave it behind. A signal ignored stays ignored.
** Extended attributes and ACLs are not copied.
*/
#ifndef SCEN_REWRITE_H
#define SCEN_REWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct rewrite {
	/* set by the caller */
	bool force;		/* also a read-only file, one with other hard links, one
				** whose owner or group cannot be kept */
	const char *force_hint;	/* how the user forces, named in those refusals ("--force") */
	/* after a failure: the reason, to follow "cannot write 'PATH': " */
	char why[320];
	/* private: between rewrite_begin and rewrite_commit or rewrite_abort */
	char *target, *tmp;
	int fd;
	bool exists;
	mode_t mode;
	uid_t uid;
	gid_t gid;
};

/* Says whether path could be rewritten now (the checks of rewrite_begin, without
** creating anything), so that a command can refuse before its work. 0, or -1 with
** rw->why set. */
int rewrite_check(struct rewrite *rw, const char *path);

/* Creates the temporary file for path, with the target's mode and owner; returns its
** descriptor (for writing, or for a program's output to go to: rewrite_tmp_path), or
** -1 with rw->why set and nothing left behind. */
int rewrite_begin(struct rewrite *rw, const char *path);
/* The temporary file's path, between rewrite_begin and the end. */
const char *rewrite_tmp_path(const struct rewrite *rw);
/* Writes len bytes to the temporary file. 0, or -1 with rw->why set (then call
** rewrite_abort). */
int rewrite_write(struct rewrite *rw, const void *data, size_t len);
/* Syncs the temporary file and renames it over the target. 0, or -1 with rw->why set;
** either way the rewrite is over (nothing left behind on failure). */
int rewrite_commit(struct rewrite *rw);
/* Removes the temporary file; the target is untouched. */
void rewrite_abort(struct rewrite *rw);

/* All of it: path's contents become data[0..len). 0, or -1 with rw->why set. */
int rewrite_file(struct rewrite *rw, const char *path, const void *data, size_t len);

#endif
