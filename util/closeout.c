/*
** closeout.c: the standard streams, checked once as scen ends (closeout.h).
*/
#define _GNU_SOURCE	/* fopencookie */
#include "config.h"

#include "util/closeout.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int stdout_errno;	/* the reason the first write to stdout failed */

#ifdef HAVE_FOPENCOOKIE
/* stdio forgets why a write failed: once a flush has failed, its bytes are dropped, and
** a last fclose with nothing left to write succeeds. So stdout (when it is not a
** terminal, which readline drives itself) becomes a stream over descriptor 1 whose
** writes keep the first error's errno. */
static ssize_t stdout_write(void *cookie, const char *buf, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(STDOUT_FILENO, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!stdout_errno)
				stdout_errno = w < 0 ? errno : EIO;
			break;	/* a short count: stdio marks the stream failed */
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int stdout_close(void *cookie)
{
	if (close(STDOUT_FILENO) == 0)
		return 0;
	if (!stdout_errno)
		stdout_errno = errno;	/* a file system that reports a failed write late */
	return -1;
}

static void stdout_keeping_errors(void)
{
	if (isatty(STDOUT_FILENO))
		return;
	FILE *f = fopencookie(NULL, "w", (cookie_io_functions_t){ .write = stdout_write,
								   .close = stdout_close });
	if (f && setvbuf(f, NULL, _IOFBF, BUFSIZ) == 0)
		stdout = f;
	else if (f)
		fclose(f);
}
#else
static void stdout_keeping_errors(void)
{
}
#endif

/* A standard descriptor closed when scen starts (`scen run f.scen >&-`) is opened on
** /dev/null the wrong way round (stdout read-only, stdin write-only): every use fails
** with EBADF, as it would closed, and reaches closeout_std_streams; and no file that scen
** opens later can become descriptor 1 and receive the report. */
void closeout_init(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF)
			open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);	/* becomes fd */
	stdout_keeping_errors();
}

/* Closes f: 0, or -1 when a write to it failed, before or now, with errno set to the
** reason when it is known (0 otherwise). */
static int close_stream(FILE *f)
{
	bool failed_before = ferror(f);
	errno = 0;
	bool failed_now = fclose(f) != 0;
	if (!failed_before && !failed_now)
		return 0;
	if (!failed_now)
		errno = 0;
	return -1;
}

/* Every write to stdout and stderr is checked here, once, as scen ends, the way
** coreutils' close_stdout does it: a full disk, a closed stdout or a pipe whose reader
** left (with SIGPIPE ignored) gives the status failed and, for stdout, the OS's reason
** on stderr, instead of a silent success. Nothing else needs to check stdout. */
int closeout_std_streams(int status, int failed)
{
	if (close_stream(stdout) != 0) {
		if (stdout_errno)
			errno = stdout_errno;
		if (errno)
			fprintf(stderr, "scen: write error: %s\n", strerror(errno));
		else
			fputs("scen: write error\n", stderr);
		status = failed;
	}
	if (close_stream(stderr) != 0)
		status = failed;
	return status;
}
