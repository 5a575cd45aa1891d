/*
** readfile.c: reading sources and rewriting them safely (`scen fmt -w`, `:save`).
*/
#include "readfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scen_conf.h"
#include "xalloc.h"

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

int write_file_atomic(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path);
	char *tmp = xmalloc(n + sizeof ".XXXXXX");
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".XXXXXX", sizeof ".XXXXXX");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	struct stat st;
	if (stat(path, &st) == 0) {
		fchmod(fd, st.st_mode & 07777);
	} else {	/* a new file: what open(2) would give, not mkstemp's 0600 */
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0)
			goto fail;
		done += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		fd = -1;
		goto fail;
	}
	free(tmp);
	return 0;
fail:;
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = e;
	return -1;
}
