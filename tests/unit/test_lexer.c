/*
** test_lexer.c: the scanner on its own (parser/lex.l): every token kind, Go's newline
** rule on both sides, numbers, strings and their escapes, UTF-8, comments with their
** spans, every lexical error with its message and span, and the bracket-depth limit.
** Tokens are read straight from scen_yylex, without the parser.
*/
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "util/diag.h"
#include "parser/lex.h"
#include "parser/scen.h"

enum { MAX_TOKENS = 4096 };

/* One scanned text: its tokens, values and spans, its comments and diagnostics. */
struct scan {
	struct arena arena;
	struct diag_sink sink;
	struct srcfile src;
	struct lex_state ls;
	struct ast_comment *comments;
	int tok[MAX_TOKENS];
	SCEN_YYSTYPE val[MAX_TOKENS];
	struct span span[MAX_TOKENS];
	int n;			/* tokens before end of input, which is not stored */
};

static struct scan *scan_len(const char *text, size_t len)
{
	struct scan *s = calloc(1, sizeof *s);
	arena_init(&s->arena);
	diag_init(&s->sink);
	char *copy = arena_strndup(&s->arena, text, len);
	srcfile_init(&s->src, &s->arena, "t.scen", copy, len);
	void *scanner;
	cr_assert(lex_open(&scanner, &s->ls, &s->arena, &s->src, &s->sink, &s->comments));
	int t;
	while ((t = scen_yylex(&s->val[s->n], &s->span[s->n], scanner)) != 0) {
		s->tok[s->n++] = t;
		cr_assert_lt(s->n, MAX_TOKENS);
	}
	lex_close(scanner);
	return s;
}

static struct scan *scan(const char *text)
{
	return scan_len(text, strlen(text));
}

static void scan_free(struct scan *s)
{
	diag_free(&s->sink);
	arena_free(&s->arena);
	free(s);
}

/* Asserts the token kinds, ending with end of input (0). */
static void expect_tokens(const char *text, const int *want)
{
	struct scan *s = scan(text);
	int i = 0;
	for (; want[i]; i++) {
		cr_assert_lt(i, s->n, "%s: only %d tokens", text, s->n);
		cr_expect_eq(s->tok[i], want[i], "%s: token %d is %d, not %d", text, i, s->tok[i],
			     want[i]);
	}
	cr_expect_eq(s->n, i, "%s: %d tokens, not %d", text, s->n, i);
	cr_expect_eq(s->sink.errors, 0, "%s: %u errors", text, s->sink.errors);
	scan_free(s);
}

#define TOKENS(text, ...) expect_tokens(text, (const int[]){ __VA_ARGS__, 0 })

/* Asserts the diagnostics, in order: message, start and end offsets. */
struct want_diag {
	const char *msg;
	uint32_t start, end;
};

static void expect_errors(struct scan *s, const struct want_diag *want, unsigned n)
{
	cr_assert_eq(s->sink.errors, n, "%u errors, not %u", s->sink.errors, n);
	const struct diag *d = s->sink.first;
	for (unsigned i = 0; i < n; i++, d = d->next) {
		cr_expect_str_eq(d->msg, want[i].msg);
		cr_expect_eq(d->span.start, want[i].start, "%s: starts at %u, not %u", d->msg,
			     d->span.start, want[i].start);
		cr_expect_eq(d->span.end, want[i].end, "%s: ends at %u, not %u", d->msg,
			     d->span.end, want[i].end);
	}
}

#define ERRORS(s, ...) do {							\
	static const struct want_diag w_[] = { __VA_ARGS__ };			\
	expect_errors((s), w_, sizeof w_ / sizeof w_[0]);			\
} while (0)

/* ---- tokens ---- */

Test(lexer, keywords)
{
	TOKENS("scenario import let fn stake actor conflict vs over sanction mediation "
	       "report sweep from to if then else and or not private true false",
	       T_SCENARIO, T_IMPORT, T_LET, T_FN, T_STAKE, T_ACTOR, T_CONFLICT, T_VS, T_OVER,
	       T_SANCTION, T_MEDIATION, T_REPORT, T_SWEEP, T_FROM, T_TO, T_IF, T_THEN, T_ELSE,
	       T_AND, T_OR, T_NOT, T_PRIVATE, T_TRUE, T_FALSE, T_TERM);
}

Test(lexer, unreserved_words_are_names)
{
	struct scan *s = scan("settlement provocation by step lets _x x_1 True");
	cr_assert_eq(s->n, 9);
	const char *names[] = { "settlement", "provocation", "by", "step", "lets", "_x", "x_1",
				"True" };
	for (int i = 0; i < 8; i++) {
		cr_expect_eq(s->tok[i], T_NAME);
		cr_expect_str_eq(s->val[i].ident.text, names[i]);
	}
	cr_expect_eq(s->val[1].ident.span.start, 11);
	cr_expect_eq(s->val[1].ident.span.end, 22);
	scan_free(s);
}

Test(lexer, operators_and_punctuation)
{
	TOKENS("+ - * / ^ < <= > >= == != = ~ ( ) [ ] { } , . : ;",
	       '+', '-', '*', '/', '^', '<', T_LE, '>', T_GE, T_EQ, T_NE, '=', '~', '(', ')',
	       '[', ']', '{', '}', ',', '.', ':', T_TERM);
	TOKENS("a<=b>=c==d!=e", T_NAME, T_LE, T_NAME, T_GE, T_NAME, T_EQ, T_NAME, T_NE, T_NAME,
	       T_TERM);
}

Test(lexer, token_spans_are_byte_offsets)
{
	struct scan *s = scan("let  x\t= 25%");
	cr_assert_eq(s->n, 5);
	uint32_t want[][2] = { { 0, 3 }, { 5, 6 }, { 7, 8 }, { 9, 12 }, { 12, 12 } };
	for (int i = 0; i < 5; i++) {
		cr_expect_eq(s->span[i].start, want[i][0], "token %d", i);
		cr_expect_eq(s->span[i].end, want[i][1], "token %d", i);
	}
	scan_free(s);
}

/* ---- Go's newline rule ---- */

Test(lexer, newline_ends_after_tokens_that_can_end)
{
	TOKENS("a\nb", T_NAME, T_TERM, T_NAME, T_TERM);
	TOKENS("1\n2%\n", T_NUM, T_TERM, T_NUM, T_TERM);
	TOKENS("\"s\"\ntrue\nfalse\n", T_STRING, T_TERM, T_TRUE, T_TERM, T_FALSE, T_TERM);
	TOKENS("{}\n", '{', '}', T_TERM);
	TOKENS("x ~ d private\n", T_NAME, '~', T_NAME, T_PRIVATE, T_TERM);
	TOKENS("a # comment\nb", T_NAME, T_TERM, T_NAME, T_TERM);
}

Test(lexer, newline_continues_after_operators_and_openers)
{
	TOKENS("a +\nb", T_NAME, '+', T_NAME, T_TERM);
	TOKENS("a =\n1", T_NAME, '=', T_NUM, T_TERM);
	TOKENS("f(\n", T_NAME, '(');
	TOKENS("let\nx", T_LET, T_NAME, T_TERM);
	TOKENS("a,\nb", T_NAME, ',', T_NAME, T_TERM);
	TOKENS("\n\n\na", T_NAME, T_TERM);
}

Test(lexer, newline_inside_parens_and_brackets_never_ends)
{
	TOKENS("f(a\n, b\n)\n", T_NAME, '(', T_NAME, ',', T_NAME, ')', T_TERM);
	TOKENS("[1\n, 2\n]\n", '[', T_NUM, ',', T_NUM, ']', T_TERM);
	TOKENS("{ a = (1\n)\n}", '{', T_NAME, '=', '(', T_NUM, ')', T_TERM, '}', T_TERM);
	/* inside braces the rule applies again, even within parentheses */
	TOKENS("({ a\n})", '(', '{', T_NAME, T_TERM, '}', ')', T_TERM);
}

Test(lexer, semicolon_is_a_terminator)
{
	struct scan *s = scan("a; b;\n");
	cr_assert_eq(s->n, 4);
	cr_expect_eq(s->tok[1], T_TERM);
	cr_expect_eq(s->tok[3], T_TERM);
	cr_expect_eq(s->ls.term, TERM_SEMI);
	scan_free(s);
}

Test(lexer, end_of_input_gives_a_terminator_when_due)
{
	TOKENS("a", T_NAME, T_TERM);
	TOKENS("a\n", T_NAME, T_TERM);
	TOKENS("a +", T_NAME, '+');
	TOKENS("x = (1)", T_NAME, '=', '(', T_NUM, ')', T_TERM);
}

Test(lexer, empty_input_has_no_tokens)
{
	struct scan *s = scan("");
	cr_expect_eq(s->n, 0);
	scan_free(s);
	s = scan("# only a comment");
	cr_expect_eq(s->n, 0);
	scan_free(s);
}

/* ---- numbers ---- */

static void expect_number(const char *text, double value)
{
	struct scan *s = scan(text);
	cr_assert_eq(s->n, 2, "%s", text);
	cr_assert_eq(s->tok[0], T_NUM, "%s", text);
	cr_expect_float_eq(s->val[0].num.value, value, 1e-12 * (value ? value : 1), "%s", text);
	cr_expect_str_eq(s->val[0].num.text, text);
	cr_expect_eq(s->sink.errors, 0, "%s", text);
	scan_free(s);
}

Test(lexer, numbers)
{
	expect_number("0", 0);
	expect_number("200_000", 200000);
	expect_number("1_800_000", 1800000);
	expect_number("0.25", 0.25);
	expect_number("1e6", 1e6);
	expect_number("2.5E-3", 2.5e-3);
	expect_number("1e+2", 100);
	expect_number("25%", 0.25);
	expect_number("100%", 1);
	expect_number("0.5%", 0.005);
	expect_number("1_0e1_0", 10e10);
}

Test(lexer, percent_is_part_of_the_number)
{
	struct scan *s = scan("15%");
	cr_assert_eq(s->n, 2);
	cr_expect_eq(s->span[0].start, 0);
	cr_expect_eq(s->span[0].end, 3);
	scan_free(s);
}

Test(lexer, bad_numbers)
{
	struct scan *s = scan("1__0 1_ 1e 1e999 12abc 7");
	cr_assert_eq(s->n, 7);
	cr_expect_eq(s->tok[4], T_NAME);
	cr_expect_float_eq(s->val[5].num.value, 7, 1e-12);
	ERRORS(s,
	       { "invalid number '1__0': '_' must be between digits", 0, 4 },
	       { "invalid number '1_': '_' must be between digits", 5, 7 },
	       { "invalid number '1e': the exponent has no digits", 8, 10 },
	       { "number too large", 11, 16 },
	       { "invalid name '12abc': a name cannot start with a digit", 17, 22 });
	scan_free(s);
}

Test(lexer, more_bad_numbers)
{
	struct scan *s = scan("1e+ _1 1e5x");
	/* `_1` is a name; 1e+ lacks digits; 1e5x is a name starting with a digit */
	ERRORS(s,
	       { "invalid number '1e+': the exponent has no digits", 0, 3 },
	       { "invalid name '1e5x': a name cannot start with a digit", 7, 11 });
	scan_free(s);
}

/* ---- strings ---- */

Test(lexer, string_escapes)
{
	struct scan *s = scan("\"a\\\"b\\\\c\\nd\\te\"");
	cr_assert_eq(s->n, 2);
	cr_assert_eq(s->tok[0], T_STRING);
	cr_expect_str_eq(s->val[0].str.text, "a\"b\\c\nd\te");
	cr_expect_eq(s->val[0].str.len, 9);
	cr_expect_eq(s->span[0].start, 0);
	cr_expect_eq(s->span[0].end, 15);
	cr_expect_eq(s->sink.errors, 0);
	scan_free(s);
}

Test(lexer, utf8_passes_through_strings_and_comments)
{
	struct scan *s = scan("\"Kosovo 1998\xe2\x80\x93" "99 \xf0\x9f\x8c\x8d\" # caf\xc3\xa9");
	cr_assert_eq(s->n, 2);
	cr_expect_str_eq(s->val[0].str.text, "Kosovo 1998\xe2\x80\x93" "99 \xf0\x9f\x8c\x8d");
	cr_assert_not_null(s->comments);
	cr_expect_str_eq(s->comments->text, "# caf\xc3\xa9");
	cr_expect_eq(s->sink.errors, 0);
	scan_free(s);
}

Test(lexer, bad_strings)
{
	struct scan *s = scan("\"a\\qb\" \"c\\\xc3\xa9\"\n\"open\nx");
	cr_assert_eq(s->n, 7);
	cr_expect_str_eq(s->val[0].str.text, "ab");
	cr_expect_str_eq(s->val[3].str.text, "open");
	cr_expect_eq(s->tok[4], T_TERM);	/* an unterminated string still ends the line */
	ERRORS(s,
	       { "unknown escape sequence '\\q'", 2, 4 },
	       { "unknown escape sequence '\\\xc3\xa9'", 9, 12 },
	       { "unterminated string", 14, 15 });
	scan_free(s);
}

Test(lexer, string_unterminated_at_end_of_input)
{
	struct scan *s = scan("let s = \"abc");
	ERRORS(s, { "unterminated string", 8, 9 });
	scan_free(s);
}

/* ---- comments ---- */

Test(lexer, comments_are_recorded_in_order_with_spans)
{
	struct scan *s = scan("# one\nx = 1   # two\r\n#\n");
	cr_assert_eq(s->n, 4);
	const struct ast_comment *c = s->comments;
	cr_assert_not_null(c);
	cr_expect_str_eq(c->text, "# one");
	cr_expect_eq(c->span.start, 0);
	cr_expect_eq(c->span.end, 5);
	c = c->next;
	cr_assert_not_null(c);
	cr_expect_str_eq(c->text, "# two");	/* without the \r */
	cr_expect_eq(c->span.start, 14);
	cr_expect_eq(c->span.end, 19);
	c = c->next;
	cr_assert_not_null(c);
	cr_expect_str_eq(c->text, "#");
	cr_expect_null(c->next);
	scan_free(s);
}

/* ---- stray bytes ---- */

Test(lexer, stray_characters_are_reported_and_skipped)
{
	struct scan *s = scan("a $ @ ` \x01 \\ b");
	cr_assert_eq(s->n, 3);
	cr_expect_eq(s->tok[1], T_NAME);
	ERRORS(s,
	       { "stray '$' in program", 2, 3 },
	       { "stray '@' in program", 4, 5 },
	       { "stray '`' in program", 6, 7 },
	       { "stray '\\x01' in program", 8, 9 },
	       { "stray '\\' in program", 10, 11 });
	scan_free(s);
}

Test(lexer, nul_bytes_are_errors)
{
	struct scan *s = scan_len("a\0b \"x\0y\" # z\0", 14);
	cr_assert_eq(s->n, 4);
	cr_expect_str_eq(s->val[2].str.text, "xy");
	ERRORS(s,
	       { "stray '\\x00' in program", 1, 2 },
	       { "stray '\\x00' in program", 6, 7 },
	       { "stray '\\x00' in program", 13, 14 });
	scan_free(s);
}

Test(lexer, invalid_utf8_anywhere)
{
	struct scan *s = scan("a \xff \"\xc3(\" # \xed\xa0\x80 \xe9\n\xc3\xa9");
	ERRORS(s,
	       { "invalid UTF-8 byte 0xFF", 2, 3 },
	       { "invalid UTF-8 byte 0xC3", 5, 6 },
	       { "invalid UTF-8 byte 0xED", 11, 12 },
	       { "invalid UTF-8 byte 0xA0", 12, 13 },
	       { "invalid UTF-8 byte 0x80", 13, 14 },
	       { "invalid UTF-8 byte 0xE9", 15, 16 },
	       { "stray '\xc3\xa9' in program", 17, 19 });
	scan_free(s);
}

/* ---- depth ---- */

Test(lexer, brackets_nested_too_deeply_stop_the_scanner)
{
	size_t n = 100000;
	char *text = malloc(n + 2);
	memset(text, '[', n);
	text[n] = ']';
	text[n + 1] = '\0';
	struct scan *s = scan(text);
	cr_expect_eq(s->n, SCEN_MAX_DEPTH);
	cr_expect(s->ls.stopped);
	ERRORS(s, { "brackets nested too deeply (limit is 200)", 200, 201 });
	scan_free(s);
	free(text);
}

Test(lexer, brackets_at_the_limit_are_fine)
{
	char text[2 * SCEN_MAX_DEPTH + 1];
	memset(text, '(', SCEN_MAX_DEPTH);
	memset(text + SCEN_MAX_DEPTH, ')', SCEN_MAX_DEPTH);
	text[2 * SCEN_MAX_DEPTH] = '\0';
	struct scan *s = scan(text);
	cr_expect_eq(s->n, 2 * SCEN_MAX_DEPTH + 1);
	cr_expect_eq(s->sink.errors, 0);
	scan_free(s);
}
