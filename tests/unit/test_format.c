/*
** test_format.c: report_num (report/format.c), the one number formatter of every text
** report: at most six significant digits (six decimals below 1), thousands separators,
** trailing zeros trimmed, residues below 5e-13 as 0, and below 1e-4 the exponent form,
** as %g: fixed point showed a cost of 1.23456e-05 as 0.000012 and one of 4e-07 as 0.
*/
#include <criterion/criterion.h>
#include <math.h>

#include "report/report.h"

static void expect_num(double v, const char *want)
{
	char buf[64];
	cr_expect_str_eq(report_num(buf, sizeof buf, v), want, "report_num(%.17g)", v);
}

Test(report_num, six_significant_digits)
{
	expect_num(0.5875, "0.5875");
	expect_num(107.78123, "107.781");
	expect_num(0.0123456789, "0.012346");	/* six decimals below 1 */
	expect_num(1234567, "1,234,567");	/* an integer part is never rounded */
	expect_num(-28.21549, "-28.2155");
	expect_num(0.35, "0.35");
}

Test(report_num, small_values_keep_their_digits)
{
	expect_num(1.23456e-5, "1.23456e-05");
	expect_num(-2e-6, "-2e-06");
	expect_num(4e-7, "4e-07");
	expect_num(1e-4, "0.0001");	/* the boundary itself is still fixed point */
	expect_num(1e-301, "0");	/* below 5e-13: rounding in the sums, not data */
	expect_num(-1e-15, "0");	/* and never "-0" */
}

Test(report_num, undefined_is_a_word)
{
	char buf[64];
	cr_expect_str_neq(report_num(buf, sizeof buf, NAN), "nan");
	cr_expect_str_neq(report_num(buf, sizeof buf, INFINITY), "inf");
}
