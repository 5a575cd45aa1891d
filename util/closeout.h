/*
** closeout.h: the one place where the standard streams are checked (main calls both).
** Every write to stdout and stderr, by any command, is checked once as scen ends, the
** way coreutils' close_stdout does it, so no command has to check its own.
*/
#ifndef SCEN_CLOSEOUT_H
#define SCEN_CLOSEOUT_H

/* First thing in main: a standard descriptor that is closed is held open on /dev/null
** the wrong way round (stdout read-only, stdin write-only), so that every use of it
** fails with EBADF, as it would closed, and no file opened later takes its number; and
** stdout, unless a terminal, is set up to remember why a write to it failed. */
void closeout_init(void);

/* Last thing in main: closes stdout and stderr. When a write to either failed (a full
** disk, a closed stdout, a pipe whose reader left while SIGPIPE is ignored), returns
** failed, having said "scen: write error: REASON" on stderr for stdout; else status. */
int closeout_std_streams(int status, int failed);

#endif
