/*
** test_limits.c: the checker at its limits (util/scen_conf.h), each at the limit itself
** and one past it.
*/
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "check/check.h"
#include "util/diag.h"
#include "util/scen_conf.h"
#include "tests/unit/tmpdir.h"

/* Files f0.scen (the main file) to f<n-1>.scen, each importing the next. */
static void import_chain(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		char name[32], text[96];
		snprintf(name, sizeof name, "f%u.scen", i);
		if (i + 1 < n)
			snprintf(text, sizeof text, "import \"f%u.scen\"\nlet v%u = 1\n", i + 1, i);
		else
			snprintf(text, sizeof text, "let v%u = 1\n", i);
		tmp_write(name, text);
	}
}

/* SCEN_MAX_IMPORT_DEPTH (64) files in one chain of imports load; a 65th, imported by
** the 64th, is an error located at that import (line 1, column 1 of f63.scen), not a
** file silently left out. */
Test(limits, imports_nest_64_files_deep_and_no_deeper, .init = tmpdir_make,
     .fini = tmpdir_remove)
{
	cr_assert_eq(SCEN_MAX_IMPORT_DEPTH, 64);
	char path[128];
	import_chain(64);
	struct program p;
	struct diag_sink sink;
	program_init(&p);
	diag_init(&sink);
	cr_assert_eq(check_load_file(&p, tmp_path(path, sizeof path, "f0.scen"), &sink),
		     STATUS_OK);
	program_free(&p);
	diag_free(&sink);

	import_chain(66);
	program_init(&p);
	diag_init(&sink);
	cr_assert_eq(check_load_file(&p, tmp_path(path, sizeof path, "f0.scen"), &sink),
		     STATUS_ERRORS);
	cr_assert_eq(sink.errors, 1);
	const struct diag *d = sink.first;
	cr_assert_str_eq(d->msg, "imports nest deeper than 64 files");
	cr_assert_str_eq(d->file->name, tmp_path(path, sizeof path, "f63.scen"));
	struct srcpos pos = srcfile_pos(d->file, d->span.start);
	cr_assert_eq(pos.line, 1);
	cr_assert_eq(pos.col, 1);
	program_free(&p);
	diag_free(&sink);
}
