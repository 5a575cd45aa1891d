/*
** progress.h: the progress line of a long evaluation on a terminal, shared by the
** command line and the REPL: nothing for the first second, then "scen:  42% of
** 100,000 draws" on stderr, rewritten in place, and erased before the results.
*/
#ifndef SCEN_PROGRESS_H
#define SCEN_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct progress {
	struct timespec start;
	int width;		/* of the line shown; 0 while none is */
};

/* Starts the clock. True when stderr is a terminal (only then is the line shown: give
** progress_show to the run then, with p as its argument). */
bool progress_start(struct progress *p);
/* The run's callback (interp.h's run_options.progress): done of total draws. */
void progress_show(uint64_t done, uint64_t total, void *p);
/* Erases the line, finished or interrupted, before the report: with an escape
** sequence, or on a terminal that has none (TERM=dumb) with spaces. */
void progress_clear(struct progress *p);

#endif
