/*
** test_print.c: the printer (print.c) behind `scen fmt`. Exact output for each rule of
** the canonical style (parentheses, numbers, strings, alignment, blank lines, one-line
** blocks, comments), print_expr and print_item, and the contract on a set of tricky
** inputs: the output parses to an equal AST with the same comments, and is a fixed
** point. Regressions are at the end.
*/
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/ast.h"
#include "tests/unit/helpers.h"
#include "util/diag.h"
#include "parser/parse.h"
#include "parser/print.h"

static char *print_parsed(const struct parsed *p)
{
	char *out = NULL;
	size_t len;
	FILE *m = open_memstream(&out, &len);
	print_file(m, &p->file);
	fclose(m);
	return out;
}

static unsigned count_comments(const struct ast_file *f)
{
	unsigned n = 0;
	for (const struct ast_comment *c = f->comments; c; c = c->next)
		n++;
	return n;
}

/* A comment's text without the carriage returns at its end (CRLF noise: see print.c). */
static int text_length(const char *text)
{
	size_t n = strlen(text);
	while (n > 0 && text[n - 1] == '\r')
		n--;
	return (int)n;
}

/* Every comment of x appears in y with the same text, in the same order. */
static void expect_same_comments(const struct ast_file *x, const struct ast_file *y)
{
	cr_assert_eq(count_comments(x), count_comments(y));
	for (const struct ast_comment *a = x->comments, *b = y->comments; a; a = a->next,
	     b = b->next)
		cr_expect(text_length(a->text) == text_length(b->text) &&
			  memcmp(a->text, b->text, (size_t)text_length(a->text)) == 0,
			  "comment `%s` became `%s`", a->text, b->text);
}

/* fmt(text), checking the contract on the way: the output parses with no error to an
** equal AST with the same comments, and formatting it again changes nothing. */
static char *fmt(const char *text)
{
	struct parsed *p = parse_ok(text);
	char *once = print_parsed(p);
	struct parsed *q = parse_ok(once);
	cr_assert(ast_list_equal(p->file.items, q->file.items), "AST changed:\n%s\n->\n%s",
		  text, once);
	expect_same_comments(&p->file, &q->file);
	char *twice = print_parsed(q);
	cr_assert_str_eq(twice, once, "not idempotent:\n%s\n->\n%s\n->\n%s", text, once, twice);
	free(twice);
	parsed_free(q);
	parsed_free(p);
	return once;
}

static void expect_fmt(const char *text, const char *want)
{
	char *got = fmt(text);
	cr_expect_str_eq(got, want, "input:\n%s\ngot:\n%s\nwant:\n%s", text, got, want);
	free(got);
}

/* `let x = EXPR` formats to `let x = WANT`. */
static void expect_expr(const char *expr, const char *want)
{
	char in[512], out[512];
	snprintf(in, sizeof in, "let x = %s\n", expr);
	snprintf(out, sizeof out, "let x = %s\n", want);
	expect_fmt(in, out);
}

/* ---- parentheses ---- */

Test(print_parens, dropped_when_precedence_says_so)
{
	expect_expr("(a + b) + c", "a + b + c");
	expect_expr("(a - b) - c", "a - b - c");
	expect_expr("a + (b * c)", "a + b * c");
	expect_expr("(a * b) + c", "a * b + c");
	expect_expr("(a * b) / c", "a * b / c");
	expect_expr("((((a))))", "a");
	expect_expr("(a < b) and (c > d)", "a < b and c > d");
	expect_expr("(a and b) or c", "a and b or c");
	expect_expr("a or (b and c)", "a or b and c");
	expect_expr("f((a + b))", "f(a + b)");
	expect_expr("[(1), (if a then b else c)]", "[1, if a then b else c]");
}

Test(print_parens, kept_for_associativity)
{
	expect_expr("a - (b - c)", "a - (b - c)");
	expect_expr("a / (b / c)", "a / (b / c)");
	expect_expr("a + (b + c)", "a + (b + c)");
	expect_expr("a * (b / c)", "a * (b / c)");
	expect_expr("a or (b or c)", "a or (b or c)");
	expect_expr("2 ^ 3 ^ 4", "2 ^ 3 ^ 4");
	expect_expr("2 ^ (3 ^ 4)", "2 ^ 3 ^ 4");
	expect_expr("(2 ^ 3) ^ 4", "(2 ^ 3) ^ 4");
}

Test(print_parens, kept_for_looser_operands)
{
	expect_expr("(a + b) * c", "(a + b) * c");
	expect_expr("a * (b + c)", "a * (b + c)");
	expect_expr("(a or b) and c", "(a or b) and c");
	expect_expr("(a + b) ^ 2", "(a + b) ^ 2");
	expect_expr("a ^ (b * c)", "a ^ (b * c)");
}

Test(print_parens, comparisons_do_not_chain)
{
	expect_expr("(a < b) < c", "(a < b) < c");
	expect_expr("a == (b != c)", "a == (b != c)");
	expect_expr("(a <= b) >= c", "(a <= b) >= c");
	expect_expr("a < b + 1", "a < b + 1");
}

Test(print_parens, unary_minus_and_power)
{
	expect_expr("-2 ^ 2", "-2 ^ 2");		/* -(2^2) */
	expect_expr("-(2 ^ 2)", "-2 ^ 2");
	expect_expr("(-2) ^ 2", "(-2) ^ 2");
	expect_expr("2 ^ -x", "2 ^ (-x)");
	expect_expr("-a * b", "-a * b");
	expect_expr("-(a * b)", "-(a * b)");
	expect_expr("a - -b", "a - -b");
	expect_expr("- - a", "--a");
	expect_expr("-(-a)", "--a");
	expect_expr("-f(x)", "-f(x)");
}

Test(print_parens, not_and_comparisons)
{
	expect_expr("not a == b", "not a == b");	/* not (a == b) */
	expect_expr("not (a == b)", "not a == b");
	expect_expr("(not a) == b", "(not a) == b");
	expect_expr("not a and b", "not a and b");
	expect_expr("not (a and b)", "not (a and b)");
	expect_expr("not not a", "not not a");
	expect_expr("-(not a)", "-(not a)");
	expect_expr("not -a", "not -a");
	/* a prefix `not` on the right would take everything after it */
	expect_expr("(a + (not b)) + c", "a + (not b) + c");
	expect_expr("a == (not b)", "a == (not b)");
}

Test(print_parens, if_as_an_operand)
{
	expect_expr("1 + (if a then 2 else 3) * 4", "1 + (if a then 2 else 3) * 4");
	expect_expr("(if a then 2 else 3) + 1", "(if a then 2 else 3) + 1");
	expect_expr("1 + (if a then 2 else 3)", "1 + (if a then 2 else 3)");
	expect_expr("-(if a then 2 else 3)", "-(if a then 2 else 3)");
	expect_expr("not (if a then b else c)", "not (if a then b else c)");
	expect_expr("if a then b else (c + 1)", "if a then b else c + 1");
	expect_expr("if (if a then b else c) then (x) else if d then e else f",
		    "if if a then b else c then x else if d then e else f");
	expect_expr("if a then (if b then c else d) else e",
		    "if a then if b then c else d else e");
}

/* ---- literals ---- */

Test(print_literals, numbers_keep_their_spelling)
{
	expect_expr("200_000", "200_000");
	expect_expr("25%", "25%");
	expect_expr("1e6", "1e6");
	expect_expr("2.5E-3", "2.5E-3");
	expect_expr("0.250", "0.250");
	expect_expr("1_0.5_0%", "1_0.5_0%");
	expect_expr("[1e+6,0.0]", "[1e+6, 0.0]");
}

Test(print_literals, strings_are_re_escaped)
{
	expect_expr("\"plain\"", "\"plain\"");
	expect_expr("\"a\\\"b\"", "\"a\\\"b\"");
	expect_expr("\"back\\\\slash\"", "\"back\\\\slash\"");
	expect_expr("\"line\\nbreak\"", "\"line\\nbreak\"");
	expect_expr("\"tab\\tstop\"", "\"tab\\tstop\"");
	expect_expr("\"K\xc3\xb6sovo \xe2\x86\x92 \xf0\x9f\x98\x80\"",
		    "\"K\xc3\xb6sovo \xe2\x86\x92 \xf0\x9f\x98\x80\"");
	expect_expr("\"\"", "\"\"");
	expect_fmt("scenario \"a \\\"q\\\"\" {}\nimport \"x\\\\y\"\n",
		   "scenario \"a \\\"q\\\"\" {}\nimport \"x\\\\y\"\n");
}

Test(print_literals, spacing_is_canonical)
{
	expect_expr("f( 1 ,2,3 , )", "f(1, 2, 3)");
	expect_expr("[ ]", "[]");
	expect_expr("g()", "g()");
	expect_expr("[a,[b,c],]", "[a, [b, c]]");
	expect_expr("a.over+b.c*true", "a.over + b.c * true");
	expect_fmt("fn   f( a,b , ) =a+b\n", "fn f(a, b) = a + b\n");
	expect_fmt("fn g() = 1\n", "fn g() = 1\n");
	expect_fmt("let   u~uniform(1,2)\n", "let u ~ uniform(1, 2)\n");
	expect_fmt("report  settlement a  vs b\nreport provocation  by b\nreport mediation m\n",
		   "report settlement a vs b\nreport provocation by b\nreport mediation m\n");
}

/* ---- layout ---- */

Test(print_layout, names_aligned_in_runs)
{
	expect_fmt("actor a : state {\n"
		   "  cost ~ uniform(1, 2) private\n"
		   "  belief = 15%\n"
		   "  leaders_share = 90%\n"
		   "\n"
		   "  x = 1\n"
		   "  long_name = 2\n"
		   "  # breaks the run\n"
		   "  y = 3\n"
		   "}\n",
		   "actor a : state {\n"
		   "  cost          ~ uniform(1, 2) private\n"
		   "  belief        = 15%\n"
		   "  leaders_share = 90%\n"
		   "\n"
		   "  x         = 1\n"
		   "  long_name = 2\n"
		   "  # breaks the run\n"
		   "  y = 3\n"
		   "}\n");
}

Test(print_layout, trailing_comments_aligned_in_runs)
{
	expect_fmt("stake s {\n"
		   "  value = 1 # one\n"
		   "  divisible = false       # two\n"
		   "  step = 10\n"
		   "  other = [1, 2, 3] # three\n"
		   "  o = 4 # four\n"
		   "}\n"
		   "let a = 1 # top\n"
		   "let bbbbbb = 2 # top too\n",
		   "stake s {\n"
		   "  value     = 1      # one\n"
		   "  divisible = false  # two\n"
		   "  step      = 10\n"
		   "  other     = [1, 2, 3]  # three\n"
		   "  o         = 4          # four\n"
		   "}\n"
		   "let a = 1       # top\n"
		   "let bbbbbb = 2  # top too\n");
}

Test(print_layout, comment_alignment_counts_code_points)
{
	expect_fmt("let a = \"\xc3\xa9\xc3\xa9\" # x\nlet bbbbbb = 1 # y\n",
		   "let a = \"\xc3\xa9\xc3\xa9\"    # x\nlet bbbbbb = 1  # y\n");
}

Test(print_layout, blank_lines_kept_once_never_at_edges)
{
	expect_fmt("\n\n\nlet a = 1\n\n\n\nlet b = 2\nlet c = 3\n   \n\t\nlet d = 4\n\n\n",
		   "let a = 1\n\nlet b = 2\nlet c = 3\n\nlet d = 4\n");
	expect_fmt("stake s {\n\n\n  value = 1\n\n\n  step = 2\n\n}\n",
		   "stake s {\n  value = 1\n\n  step = 2\n}\n");
	expect_fmt("\r\nlet a = 1\r\n\r\n\r\nlet b = 2 # crlf\r\n",
		   "let a = 1\n\nlet b = 2  # crlf\n");
	expect_fmt("", "");
	expect_fmt("\n\n;\n", "");
}

Test(print_layout, one_line_blocks)
{
	expect_fmt("actor kibaki : state  { cost = 20; belief = 15% }\n",
		   "actor kibaki : state { cost = 20; belief = 15% }\n");
	expect_fmt("actor k : state {cost=20;belief=15%;}\n",
		   "actor k : state { cost = 20; belief = 15% }\n");
	expect_fmt("stake s { value = 1 } # after\n", "stake s { value = 1 }  # after\n");
	/* written over lines: expanded */
	expect_fmt("stake s { value = 1\n}\n", "stake s {\n  value = 1\n}\n");
	/* a comment inside: expanded */
	expect_fmt("stake s { value = 1 # in\n}\n", "stake s {\n  value = 1  # in\n}\n");
	expect_fmt("sweep a.b from 0 to 1 step 0.5 { report settlement a vs b }\n",
		   "sweep a.b from 0 to 1 step 0.5 { report settlement a vs b }\n");
	expect_fmt("sweep v from 0 to 1 step 0.5 {\n"
		   "report settlement a vs b;report mediation m }\n",
		   "sweep v from 0 to 1 step 0.5 {\n  report settlement a vs b\n"
		   "  report mediation m\n}\n");
}

Test(print_layout, one_line_block_at_most_100_columns)
{
	const char *fits = "sanction s { aaaaaaaa = 1; bbbbbbbb = 2; cccccccc = 3; dddddddd = 4; "
			   "eeeeeeee = 5; fffffffffff = 6 }\n";
	cr_assert_eq(strlen(fits), 101);	/* 100 columns and the newline */
	expect_fmt(fits, fits);
	expect_fmt("sanction s { aaaaaaaa = 1; bbbbbbbb = 2; cccccccc = 3; dddddddd = 4; "
		   "eeeeeeee = 5; ffffffffffff = 6 }\n",
		   "sanction s {\n  aaaaaaaa     = 1\n  bbbbbbbb     = 2\n  cccccccc     = 3\n"
		   "  dddddddd     = 4\n  eeeeeeee     = 5\n  ffffffffffff = 6\n}\n");
}

Test(print_layout, empty_blocks_kept_as_written)
{
	expect_fmt("actor a : state\nactor b : state {}\nactor c : state {\n\n}\n",
		   "actor a : state\nactor b : state {}\nactor c : state {}\n");
	expect_fmt("conflict a vs b over s\nconflict a vs b over s { }\nstake s {;;}\n",
		   "conflict a vs b over s\nconflict a vs b over s {}\nstake s {}\n");
	expect_fmt("scenario \"t\" {}\nsweep x from 1 to 2 step 1 {\n}\n",
		   "scenario \"t\" {}\nsweep x from 1 to 2 step 1 {}\n");
}

Test(print_layout, semicolon_items_one_per_line)
{
	expect_fmt("let a = 1; let b = 2;  report mediation m # end\n",
		   "let a = 1\nlet b = 2\nreport mediation m  # end\n");
}

/* ---- comments ---- */

Test(print_comments, only_comments)
{
	expect_fmt("# one\n\n\n   # two\n#three", "# one\n\n# two\n#three\n");
	expect_fmt("#\n", "#\n");
}

Test(print_comments, on_the_brace_line_and_in_empty_blocks)
{
	expect_fmt("actor x : s { # on brace\n  a = 1\n}\n",
		   "actor x : s {  # on brace\n  a = 1\n}\n");
	expect_fmt("actor x : s { # on brace\n}\n", "actor x : s {  # on brace\n}\n");
	expect_fmt("actor x : s {\n\n  # lonely\n\n}\n", "actor x : s {\n  # lonely\n}\n");
	expect_fmt("sweep x from 1 to 2 step 1 { # c\n}\n",
		   "sweep x from 1 to 2 step 1 {  # c\n}\n");
}

Test(print_comments, before_and_after_the_closing_brace)
{
	expect_fmt("stake s {\n  value = 1\n\n    # last\n}   # closed\n# eof\n",
		   "stake s {\n  value = 1\n\n  # last\n}  # closed\n# eof\n");
	expect_fmt("stake s { value = 1 } # c\nlet a = 1 # d\n",
		   "stake s { value = 1 }  # c\nlet a = 1              # d\n");
}

Test(print_comments, inside_expressions_go_before)
{
	expect_fmt("let k = f(1, # inside\n   2,\n\n   # more\n   3) # after\n",
		   "# inside\n\n# more\nlet k = f(1, 2, 3)  # after\n");
	expect_fmt("stake s {\n  value = 1\n  step = [1, # a\n    2]\n}\n",
		   "stake s {\n  value = 1\n  # a\n  step = [1, 2]\n}\n");
	expect_fmt("let a = 1\n\nlet b = 2 + # c\n  3\n", "let a = 1\n\n# c\nlet b = 2 + 3\n");
	expect_fmt("let c = if a and # x\n b then (c + # y\n 1) else d\n",
		   "# x\n# y\nlet c = if a and b then c + 1 else d\n");
}

Test(print_comments, inside_headers_go_before)
{
	expect_fmt("conflict a vs # hdr\n  b over c { win = 1 }\n",
		   "# hdr\nconflict a vs b over c { win = 1 }\n");
	expect_fmt("sweep x from # f\n 0 to 1 step 1 {\n  report mediation m\n}\n",
		   "# f\nsweep x from 0 to 1 step 1 {\n  report mediation m\n}\n");
	expect_fmt("fn f(a, # p\n b) = a\n", "# p\nfn f(a, b) = a\n");
}

Test(print_comments, semicolons_and_trailing)
{
	expect_fmt("stake s {\n  value = 1; step = 2 # tr\n  divisible = false;  # d\n}\n",
		   "stake s {\n  value     = 1\n  step      = 2      # tr\n"
		   "  divisible = false  # d\n}\n");
}

Test(print_comments, text_kept_exactly)
{
	expect_fmt("let a = 1 #   spaced  \t\n#no space\n",
		   "let a = 1  #   spaced  \t\n#no space\n");
}

/* ---- print_expr and print_item ---- */

static char *print_with(void (*fn)(FILE *, const struct ast_node *), const struct ast_node *n)
{
	char *out = NULL;
	size_t len;
	FILE *m = open_memstream(&out, &len);
	fn(m, n);
	fclose(m);
	return out;
}

Test(print_api, print_expr_and_print_item)
{
	struct parsed *p = parse_ok("actor k : state { cost ~ uniform(1,2) private # c\n"
				    " resolve = (1 + 2) * 3 }\nlet v = -(2) ^ 2\n");
	const struct ast_node *actor = p->file.items, *let = actor->next;
	char *s = print_with(print_item, actor);
	cr_expect_str_eq(s, "actor k : state {\n  cost    ~ uniform(1, 2) private\n"
			    "  resolve = (1 + 2) * 3\n}");
	free(s);
	s = print_with(print_item, actor->u.actor.attrs);
	cr_expect_str_eq(s, "cost ~ uniform(1, 2) private");
	free(s);
	s = print_with(print_item, let);
	cr_expect_str_eq(s, "let v = -2 ^ 2");	/* -((2) ^ 2) */
	free(s);
	s = print_with(print_expr, let->u.let.value);
	cr_expect_str_eq(s, "-2 ^ 2");
	free(s);
	parsed_free(p);
}

Test(print_api, print_item_of_empty_and_blockless)
{
	struct parsed *p = parse_ok("actor a : s {}\nactor b : s\nsweep x from 0 to 1 step 1 {"
				    " report mediation m }\n");
	char *s = print_with(print_item, p->file.items);
	cr_expect_str_eq(s, "actor a : s {}");
	free(s);
	s = print_with(print_item, p->file.items->next);
	cr_expect_str_eq(s, "actor b : s");
	free(s);
	s = print_with(print_item, p->file.items->next->next);
	cr_expect_str_eq(s, "sweep x from 0 to 1 step 1 {\n  report mediation m\n}");
	free(s);
	parsed_free(p);
}

/* ---- the contract on tricky inputs ---- */

Test(print_contract, tricky_inputs_round_trip)
{
	static const char *const inputs[] = {
		"",
		"# c",
		"\n\n# c\n\n",
		"let a = 1;let b = (a - 2) - 3   # t1\nlet c = a - (b - 2)\n",
		"actor x : s { # on brace\n}\nactor y : s {\n\n  # lonely\n\n}\n",
		"actor w : s {\n  a = 1 ; bb = 2 # tr\n  ccc ~ uniform(1,2) private\n\n\n"
		"  d = \"q\\\"\\\\\\n\\t\xc3\xbc\"\n  # before close\n}  # after close\n",
		"conflict a vs # hdr\n  b over c { win = 1 }\n",
		"sweep x.y from 0 to 1 step (0.1) { report settlement a vs b; report provocation"
		" by b }\n",
		"let s = [1,\n  2,]\n# end\n",
		"let x = f(\n# a\n\n# b\n1, [2, # c\n3])\n",
		"mediation au { parties = [a,\n b] }\n",
		"stake s { value = 1 } # c1\n\n\n# c2\nstake t {\n}\n",
		"let z = -(-(-(1)))\nlet y = not (not (a == b)) and (c or d)\n",
		"let q = if a then if b then c else d else if e then f else (g or h)\n",
		"actor a:b{x=1}\r\nactor c:d{\r\n  y=2 # r\r\n}\r\n",
		"let u = 1 # a\nlet v = 2\n  # own\nlet w = 3 # b\n",
		"scenario \"s\" { seed = 1; # s\n draws = 2 }\n",
		"sweep k from if a then 1 else 2 to 3 step 1 {\n\n# only\n\n}\n",
	};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		free(fmt(inputs[i]));
}

Test(print_contract, language_examples_round_trip)
{
	free(fmt("stake executive { value = 100 }\n"
		 "actor kibaki : state  { cost = 20; belief = 15% }\n"
		 "actor annan  : mediator\n"
		 "actor eu     : coercer              # imposes sanctions, never fights\n"
		 "conflict kibaki vs odinga over executive { win = 40% }\n"
		 "mediation au {\n  by       = annan\n  parties  = [kibaki, odinga]\n"
		 "  over     = executive\n  proposal = 45%                  # share\n}\n"
		 "sanction budget_freeze { by = eu;  on = kibaki; when = rejects(au); cost = 8 }\n"
		 "sweep nato.chance from 0% to 100% step 10% {\n"
		 "  report settlement serbia vs kla\n}\n"));
}

/* ---- regressions ---- */

/* The scanner strips one CR before a newline from a comment: `# x\r\r\n` has the text
** `# x\r`, which printed as such became `# x` at the next fmt. */
Test(print_regressions, comment_ending_in_carriage_returns)
{
	expect_fmt("let a = 1 # x\r\r\n# y\r\r\r\n", "let a = 1  # x\n# y\n");
}

/* Alignment measured each run once per line made a block of many attributes quadratic
** (minutes for this one); it must take well under a second. */
Test(print_regressions, long_runs_stay_linear, .timeout = 10)
{
	struct { char *s; size_t len; } in = { 0 };
	FILE *m = open_memstream(&in.s, &in.len);
	fputs("stake s {\n", m);
	for (int i = 0; i < 60000; i++)
		fprintf(m, "  a%d = %d # c\n", i, i);
	fputs("}\n", m);
	fclose(m);
	struct parsed *p = parse_ok(in.s);
	char *out = print_parsed(p);
	cr_expect(strstr(out, "\n  a0     = 0      # c\n") != NULL);
	cr_expect(strstr(out, "\n  a59999 = 59999  # c\n}\n") != NULL);
	free(out);
	parsed_free(p);
	free(in.s);
}
