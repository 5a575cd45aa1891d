/*
** test_util.c: the arena, line maps, positions and the rendering of diagnostics.
*/
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "util/arena.h"
#include "util/diag.h"
#include "util/sha256.h"
#include "util/sort.h"

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

Test(diag, errors_and_warnings_interleave_by_position_and_werror_makes_errors)
{
	struct arena a;
	arena_init(&a);
	const char *text = "let a = 1\nlet b = x\nlet c = 2\n";
	struct srcfile f;
	srcfile_init(&f, &a, "w.scen", text, strlen(text));
	struct diag_sink s;
	diag_init(&s);
	diag_warning(&s, &f, (struct span){ 24, 25 }, "let `c` is never used");
	diag_error(&s, &f, (struct span){ 18, 19 }, "unknown name `x`");
	diag_warning(&s, &f, (struct span){ 4, 5 }, "let `a` is never used");
	cr_assert_eq(s.errors, 1);
	cr_assert_eq(s.warnings, 2);
	char *out = render(&s);
	cr_assert_str_eq(out,
		"w.scen:1:5: warning: let `a` is never used\n"
		"    1 | let a = 1\n"
		"      |     ^\n"
		"w.scen:2:9: error: unknown name `x`\n"
		"    2 | let b = x\n"
		"      |         ^\n"
		"w.scen:3:5: warning: let `c` is never used\n"
		"    3 | let c = 2\n"
		"      |     ^\n");
	free(out);
	cr_assert_eq(diag_promote_warnings(&s), 2);
	cr_assert_eq(s.errors, 3);
	cr_assert_eq(s.warnings, 0);
	out = render(&s);
	cr_assert_not_null(strstr(out, "w.scen:1:5: error: let `a` is never used [--werror]\n"));
	cr_assert_not_null(strstr(out, "w.scen:2:9: error: unknown name `x`\n"));
	free(out);
	diag_free(&s);
	arena_free(&a);
}

/* Past SCEN_MAX_ERRORS (50) the summary counts errors, and warnings apart. */
Test(diag, too_many_counts_errors_only)
{
	struct arena a;
	arena_init(&a);
	const char *text = "x\n";
	struct srcfile f;
	srcfile_init(&f, &a, "m.scen", text, strlen(text));
	struct diag_sink s;
	diag_init(&s);
	for (int i = 0; i < 60; i++)
		diag_error(&s, &f, (struct span){ 0, 1 }, "e%d", i);
	char *out = render(&s);
	cr_assert_not_null(strstr(out, "\nscen: too many errors (60); stopped after 50\n"));
	free(out);
	for (int i = 0; i < 5; i++)
		diag_warning(&s, &f, (struct span){ 0, 1 }, "w%d", i);
	out = render(&s);
	cr_assert_not_null(strstr(out, "\nscen: too many errors (60) and warnings (5); stopped "
				  "after 50\n"));
	free(out);
	diag_clear(&s);
	for (int i = 0; i < 51; i++)
		diag_warning(&s, &f, (struct span){ 0, 1 }, "w%d", i);
	out = render(&s);
	cr_assert_not_null(strstr(out, "\nscen: too many warnings (51); stopped after 50\n"));
	free(out);
	diag_free(&s);
	arena_free(&a);
}

Test(diag, colour_never_with_no_color)
{
	setenv("NO_COLOR", "1", 1);
	cr_assert_not(diag_want_color(stdout));
}

/* FIPS 180-4's examples (and NIST's of the empty and the million-a message): the hashes
** are the standard's, not this program's. */
Test(sha256, the_standards_examples)
{
	char hex[65];
	sha256_of("", 0, hex);
	cr_expect_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_of("abc", 3, hex);
	cr_expect_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";	/* 56 bytes */
	sha256_of(two, strlen(two), hex);
	cr_expect_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	static char a[1000000];
	memset(a, 'a', sizeof a);
	sha256_of(a, sizeof a, hex);
	cr_expect_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Bytes added in pieces of any size, across block boundaries, hash as in one piece. */
Test(sha256, pieces_hash_as_one)
{
	char buf[300], one[65], pieces[65];
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 7 + 3);
	sha256_of(buf, sizeof buf, one);
	for (size_t step = 1; step < 130; step += 9) {
		struct sha256 s;
		sha256_init(&s);
		for (size_t at = 0; at < sizeof buf; at += step)
			sha256_add(&s, buf + at, at + step < sizeof buf ? step : sizeof buf - at);
		sha256_hex(&s, pieces);
		cr_expect_str_eq(pieces, one, "in pieces of %zu", step);
	}
}

/* The order of numbers, -0 before 0, by comparison: the yardstick of sort_doubles. */
static int numerically(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	if (x != y)
		return x < y ? -1 : 1;
	return (signbit(y) != 0) - (signbit(x) != 0);
}

Test(sort, a_few_numbers_of_every_kind)
{
	double v[] = { 3, -INFINITY, 0.0, -2.5, INFINITY, -0.0, 5e-324, -5e-324, 1, -1e300 };
	const double want[] = { -INFINITY, -1e300, -2.5, -5e-324, -0.0, 0.0, 5e-324, 1, 3,
				INFINITY };
	sort_doubles(v, sizeof v / sizeof *v);
	cr_assert_eq(memcmp(v, want, sizeof v), 0);	/* bit for bit: -0 before 0 */
}

/* Above the comparison sort's cut-off, by radix: values of both signs and all magnitudes
** with repeats; values in [1, 2), whose keys share their top digits; powers of two,
** whose keys share their low digits and not the top ones (passes skipped). */
Test(sort, many_numbers_as_a_comparison_sort_orders_them)
{
	enum { N = 10007 };
	static double v[N], w[N];
	uint64_t x = 12345;
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < N; i++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			double u = (double)(x >> 11) / 9007199254740992.0;
			double sign = x & 1 ? -1 : 1;
			int e = (int)(x >> 3 & 63) - 32;
			v[i] = round == 0 ? sign * ldexp(u, e) : round == 1 ? 1 + u : ldexp(1, e);
			if (i % 7 == 0 && i)
				v[i] = v[i / 2];	/* repeats */
		}
		memcpy(w, v, sizeof v);
		qsort(w, N, sizeof *w, numerically);
		sort_doubles(v, N);
		cr_assert_eq(memcmp(v, w, sizeof v), 0, "round %d", round);
	}
}
