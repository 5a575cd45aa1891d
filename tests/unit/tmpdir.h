/*
** tmpdir.h: a scratch folder for tests that write files (use as .init and .fini).
*/
#ifndef SCEN_TEST_TMPDIR_H
#define SCEN_TEST_TMPDIR_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char tmpdir[64];

/* tmpdir/name, in buf. */
static inline const char *tmp_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
	return buf;
}

static inline void tmp_write(const char *name, const char *text)
{
	char path[128];
	FILE *f = fopen(tmp_path(path, sizeof path, name), "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static inline void tmpdir_make(void)
{
	strcpy(tmpdir, "/tmp/scen-test.XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static inline void tmpdir_remove(void)
{
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	cr_assert_eq(system(cmd), 0);
}

#endif
