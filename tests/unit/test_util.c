/*
** test_util.c: the arena, line maps, positions and the rendering of diagnostics.
*/
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"

Test(arena, allocations_are_zeroed_aligned_and_survive_growth)
{
	struct arena a;
	arena_init(&a);
	char *first = arena_strdup(&a, "first");
	for (int i = 0; i < 10000; i++) {
		long *p = arena_alloc(&a, sizeof(long) * 3);
		cr_assert_eq(((uintptr_t)p) % _Alignof(max_align_t), 0);
		cr_assert_eq(p[0] | p[1] | p[2], 0);
		p[0] = i;
	}
	void *big = arena_alloc(&a, 1 << 20);
	cr_assert_not_null(big);
	cr_assert_str_eq(first, "first");
	cr_assert_str_eq(arena_printf(&a, "%d-%s", 42, "x"), "42-x");
	arena_free(&a);
	cr_assert_null(a.head);
}

Test(srcfile, positions_count_code_points_and_tab_stops)
{
	struct arena a;
	arena_init(&a);
	const char *text = "ab\n\tx\n\xc3\xa9y\n";
	struct srcfile f;
	srcfile_init(&f, &a, "t.scen", text, strlen(text));
	cr_assert_eq(f.nlines, 4);
	struct srcpos p = srcfile_pos(&f, 1);
	cr_assert_eq(p.line, 1);
	cr_assert_eq(p.col, 2);
	p = srcfile_pos(&f, 4);		/* the x after a tab */
	cr_assert_eq(p.line, 2);
	cr_assert_eq(p.col, 9);
	p = srcfile_pos(&f, 8);		/* the y after a two-byte é */
	cr_assert_eq(p.line, 3);
	cr_assert_eq(p.col, 2);
	arena_free(&a);
}

static char *render(struct diag_sink *s)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	diag_render(s, m, false);
	fclose(m);
	return buf;
}

Test(diag, renders_gnu_format_with_caret_tilde_and_notes_sorted_by_position)
{
	struct arena a;
	arena_init(&a);
	const char *text = "actor x : state {\n  cost = -5\n}\nactor x : rebels\n";
	struct srcfile f;
	srcfile_init(&f, &a, "k.scen", text, strlen(text));
	struct diag_sink s;
	diag_init(&s);
	struct diag *d = diag_error(&s, &f, (struct span){ 38, 39 }, "duplicate actor `%s`", "x");
	diag_note(&s, d, &f, (struct span){ 6, 7 }, "first defined here");
	diag_error(&s, &f, (struct span){ 27, 29 }, "cost must be >= 0, not %g", -5.0);
	cr_assert_eq(s.errors, 2);
	char *out = render(&s);
	cr_assert_str_eq(out,
		"k.scen:2:10: error: cost must be >= 0, not -5\n"
		"    2 |   cost = -5\n"
		"      |          ^~\n"
		"k.scen:4:7: error: duplicate actor `x`\n"
		"    4 | actor x : rebels\n"
		"      |       ^\n"
		"k.scen:1:7: note: first defined here\n"
		"    1 | actor x : state {\n"
		"      |       ^\n");
	free(out);
	diag_free(&s);
	arena_free(&a);
}

Test(diag, colour_never_with_no_color)
{
	setenv("NO_COLOR", "1", 1);
	cr_assert_not(diag_want_color(stdout));
}
