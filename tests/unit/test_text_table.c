/*
** test_text_table.c: the text report's tables (report/table.c, text_table_*): each
** column as wide as its widest cell or heading, two columns in and two apart, no
** trailing spaces; when that passes MAP_LINE (100), the widest headings broken at their
** spaces and after their dots, bottom-aligned, as few as let the table fit.
*/
#include <criterion/criterion.h>
#include <stdlib.h>

#include "report/report.h"

/* t printed, as one string (the caller frees it). */
static char *printed(struct text_table *t)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	cr_assert(out);
	text_table_print(out, t);
	fclose(out);
	return buf;
}

static void add_row(struct text_table *t, const char *const *cells, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		text_table_cell(t, cells[i]);
}

/* Widths: x max(1, "0.5" 3) = 3, verdict max(7, "BREAKDOWN" 9) = 9, gap max(3, "12.5" 4)
** = 4. Head: 2 + 2 (x right in 3), 2 after it, "verdict" + 2 (left in 9), 2 + 1 before
** "gap" (right in 4): "    x  verdict     gap". "—" is one column: 3 of padding. */
Test(text_table, columns_as_wide_as_their_cells)
{
	static const struct text_column col[] = { { "x", 'r' }, { "verdict", 'l' },
						  { "gap", 'r' } };
	struct text_table *t = text_table_open(col, 3, 2);
	add_row(t, (const char *const[]){ "0.5", "SETTLE", "—" }, 3);
	add_row(t, (const char *const[]){ "10", "BREAKDOWN", "12.5" }, 3);
	char *s = printed(t);
	cr_expect_str_eq(s, "    x  verdict     gap\n"
			    "  0.5  SETTLE        —\n"
			    "   10  BREAKDOWN  12.5\n");
	free(s);
}

/* Unbroken, the headings make 2 + (37 + 19 + 20 + 6 + 18 + 19) + 5·2 = 131 columns (the
** lead, the widths, the gutters). The limit comes down from 37: below it the attribute
** breaks after its dot ("a." over its 35-column rest): 129; at 19, "second party accepts"
** (20) breaks: "second party" over "accepts", 12 wide: 121; at 18, the two of 19: 11 and
** 12 wide: 106; at 17, "first party margin" (18) too, 11 wide: 2 + (35 + 11 + 12 + 6 + 11
** + 12) + 10 = 99 ≤ 100: it fits there, "max SE" (6) whole, on the head's bottom line.
** Every line is 99 columns: the row's cells right-aligned in 35, 11, 12, 6, 11, 12. */
Test(text_table, widest_headings_broken_until_the_table_fits)
{
	static const struct text_column col[] = {
		{ "a.very_long_attribute_name_for_a_test", 'r' }, { "first party accepts", 'r' },
		{ "second party accepts", 'r' }, { "max SE", 'r' },
		{ "first party margin", 'r' }, { "second party margin", 'r' } };
	struct text_table *t = text_table_open(col, 6, 1);
	add_row(t, (const char *const[]){ "0.5", "100.0%", "100.0%", "0.3%", "-0.046418", "10" },
		6);
	char *s = printed(t);
	cr_expect_str_eq(s,
		"                                   a.  first party  second party          "
		"first party  second party\n"
		"  very_long_attribute_name_for_a_test      accepts       accepts  max SE       "
		"margin        margin\n"
		"                                  0.5       100.0%        100.0%    0.3%    "
		"-0.046418            10\n");
	free(s);
}

/* A table that fits is left whole, even with long headings: 2 + 37 + 2 + 9 = 50. */
Test(text_table, a_table_that_fits_breaks_nothing)
{
	static const struct text_column col[] = {
		{ "a.very_long_attribute_name_for_a_test", 'r' }, { "AGREEMENT", 'r' } };
	struct text_table *t = text_table_open(col, 2, 1);
	add_row(t, (const char *const[]){ "1", "50.0%" }, 2);
	char *s = printed(t);
	cr_expect_str_eq(s, "  a.very_long_attribute_name_for_a_test  AGREEMENT\n"
			    "                                      1      50.0%\n");
	free(s);
}
