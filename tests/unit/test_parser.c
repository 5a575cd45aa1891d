/* test_parser.c */
#include <criterion/criterion.h>
Test(parser, placeholder) {}
