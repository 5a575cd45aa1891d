/*
** slow_fsync.c: an LD_PRELOAD shim that makes a rewrite slow at a known point, so that a
** test can signal scen while its temporary file exists (tests/hostile/writes.sh).
**
** With SCEN_SLOW_FSYNC=PATH in the environment, every fsync(2) first creates PATH (the
** test waits for it), then sleeps up to 20 seconds (a signal with a handler ends the
** sleep), then does the real fsync. The only fsync scen makes before a rename is that of
** the temporary file (util/rewrite.c). The shim takes itself out of LD_PRELOAD, so that
** what scen starts (gnuplot) runs without it.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

__attribute__((constructor)) static void not_inherited(void)
{
	unsetenv("LD_PRELOAD");
}

int fsync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	const char *ready = getenv("SCEN_SLOW_FSYNC");
	if (ready && *ready) {
		int f = open(ready, O_WRONLY | O_CREAT, 0644);
		if (f >= 0)
			close(f);
		struct timespec t = { 20, 0 };
		nanosleep(&t, NULL);
	}
	return real ? real(fd) : 0;
}
