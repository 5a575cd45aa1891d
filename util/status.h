/*
** status.h: the one status every stage returns and the program exits with.
*/
#ifndef SCEN_STATUS_H
#define SCEN_STATUS_H

enum status {
	STATUS_OK = 0,		/* done; for a check: no errors */
	STATUS_ERRORS = 1,	/* the input has errors; all of them are in the sink */
	STATUS_USAGE = 2,	/* the command line is wrong (the message printed) */
	STATUS_IO = 3,		/* a file could not be read or written (the sink or stderr says why) */
	STATUS_INTERRUPTED = 130	/* a run stopped by Ctrl-C (128 + SIGINT, as shells say) */
};

#endif
