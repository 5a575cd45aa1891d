/*
** progress.c: the progress line of a terminal (progress.h).
*/
#include "util/progress.h"

#include <stdio.h>
#include <unistd.h>

#include "util/diag.h"

bool progress_start(struct progress *p)
{
	p->width = 0;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	return isatty(STDERR_FILENO);
}

void progress_show(uint64_t done, uint64_t total, void *arg)
{
	struct progress *p = arg;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double secs = (double)(now.tv_sec - p->start.tv_sec) +
		      (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
	if (secs < 1 && !p->width)
		return;
	int n = fprintf(stderr, "\rscen: %3.0f%% of %llu draws",
			100.0 * (double)done / (double)total, (unsigned long long)total);
	if (n > p->width)
		p->width = n;
}

void progress_clear(struct progress *p)
{
	if (!p->width)
		return;
	if (diag_term_has_escapes(stderr))
		fputs("\r\033[K", stderr);
	else
		fprintf(stderr, "\r%*s\r", p->width, "");
	p->width = 0;
}
