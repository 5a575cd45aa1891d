/*
** readfile.h: whole-file reads into an arena.
*/
#ifndef SCEN_READFILE_H
#define SCEN_READFILE_H

#include <stddef.h>

#include "arena.h"

/* Reads path ("-" is stdin) into a NUL-terminated arena buffer. Returns NULL with errno
** set on failure (EFBIG past SCEN_MAX_FILE, EISDIR for a directory). */
char *read_file(struct arena *a, const char *path, size_t *len);

/* Writes len bytes to path atomically: a temp file in the same directory, then rename.
** Keeps the file's permission bits (a new file gets 0666 less the umask). Returns 0, or -1 with errno set. */
int write_file_atomic(const char *path, const char *data, size_t len);

#endif
