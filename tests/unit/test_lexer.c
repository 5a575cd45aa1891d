/* test_lexer.c */
#include <criterion/criterion.h>
Test(lexer, placeholder) {}
