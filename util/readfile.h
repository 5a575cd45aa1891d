/*
** readfile.h: whole-file reads into an arena.
*/
#ifndef SCEN_READFILE_H
#define SCEN_READFILE_H

#include <stddef.h>

#include "util/arena.h"

/* Reads path ("-" is stdin) into a NUL-terminated arena buffer. Returns NULL with errno
** set on failure (EFBIG past SCEN_MAX_FILE, EISDIR for a directory). */
char *read_file(struct arena *a, const char *path, size_t *len);

#endif
