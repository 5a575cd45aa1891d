/*
** readfile.c: reading sources (rewriting them is rewrite.c).
*/
#include "util/readfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/scen_conf.h"
#include "util/xalloc.h"

static char *read_stream(struct arena *a, FILE *in, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, in)) > 0) {
		n += got;
		if (n > (size_t)SCEN_MAX_FILE) {
			free(buf);
			errno = EFBIG;
			return NULL;
		}
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (ferror(in)) {
		int e = errno ? errno : EIO;
		free(buf);
		errno = e;
		return NULL;
	}
	char *text = arena_strndup(a, buf, n);
	free(buf);
	*len = n;
	return text;
}

char *read_file(struct arena *a, const char *path, size_t *len)
{
	if (strcmp(path, "-") == 0)
		return read_stream(a, stdin, len);
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	struct stat st;
	if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(in);
		errno = EISDIR;
		return NULL;
	}
	char *text = read_stream(a, in, len);
	int e = errno;
	fclose(in);
	errno = e;
	return text;
}
