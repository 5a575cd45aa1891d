/*
** test_parser.c: parse_text() end to end: each item form and each expression form
** (tree shape and spans), precedence and associativity against ast_op_precedence,
** every error of a file reported in one pass (count, messages, positions), deep
** nesting that must fail cleanly and fast, parse_incomplete for the REPL, and the two
** examples of the language design parsing without error.
*/
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/ast.h"
#include "tests/unit/helpers.h"
#include "util/diag.h"
#include "parser/parse.h"
#include "util/scen_conf.h"

/* The source text under a span. */
static char *text_of(struct parsed *p, struct span sp)
{
	return arena_strndup(&p->arena, p->file.src.text + sp.start, sp.end - sp.start);
}

static unsigned count(const struct ast_node *n)
{
	unsigned c = 0;
	for (; n; n = n->next)
		c++;
	return c;
}

/* ---- an S-expression view of expressions, to check tree shapes in one line ---- */

static void sx(FILE *f, const struct ast_node *n);

static void sx_list(FILE *f, const struct ast_node *n)
{
	for (; n; n = n->next) {
		fputc(' ', f);
		sx(f, n);
	}
}

static void sx(FILE *f, const struct ast_node *n)
{
	switch (n->kind) {
	case AST_NUM: fprintf(f, "%g", n->u.num.value); break;
	case AST_BOOL: fputs(n->u.boolean ? "true" : "false", f); break;
	case AST_STR: fprintf(f, "\"%s\"", n->u.str.text); break;
	case AST_LIST: fputs("[", f); sx_list(f, n->u.list.items); fputs(" ]", f); break;
	case AST_NAME: fputs(n->u.name.text, f); break;
	case AST_FIELD: fprintf(f, "%s.%s", n->u.field.owner.text, n->u.field.attr.text); break;
	case AST_CALL:
		fprintf(f, "(call %s", n->u.call.fn.text);
		sx_list(f, n->u.call.args);
		fputc(')', f);
		break;
	case AST_UNARY:
		fprintf(f, "(%s ", n->u.unary.op == OP_NEG ? "neg" : "not");
		sx(f, n->u.unary.operand);
		fputc(')', f);
		break;
	case AST_BINARY:
		fprintf(f, "(%s ", ast_op_text(n->u.binary.op));
		sx(f, n->u.binary.lhs);
		fputc(' ', f);
		sx(f, n->u.binary.rhs);
		fputc(')', f);
		break;
	case AST_IF:
		fputs("(if ", f);
		sx(f, n->u.cond.cond);
		fputc(' ', f);
		sx(f, n->u.cond.then);
		fputc(' ', f);
		sx(f, n->u.cond.els);
		fputc(')', f);
		break;
	default:
		fputs("?", f);
	}
}

/* Parses `let x = <expr>` and returns the expression's S-expression. */
static char *expr_sx(const char *expr)
{
	char *text = NULL, *out = NULL;
	size_t tlen, olen;
	FILE *t = open_memstream(&text, &tlen);
	fprintf(t, "let x = %s\n", expr);
	fclose(t);
	struct parsed *p = parse_ok(text);
	const struct ast_node *item = p->file.items;
	cr_assert_not_null(item);
	cr_assert_eq(item->kind, AST_LET);
	FILE *o = open_memstream(&out, &olen);
	sx(o, item->u.let.value);
	fclose(o);
	parsed_free(p);
	free(text);
	return out;
}

static void expect_sx(const char *expr, const char *want)
{
	char *got = expr_sx(expr);
	cr_expect_str_eq(got, want, "%s: %s, not %s", expr, got, want);
	free(got);
}

/* ---- expressions ---- */

Test(expr, literals_and_references)
{
	expect_sx("200_000", "200000");
	expect_sx("25%", "0.25");
	expect_sx("true", "true");
	expect_sx("false", "false");
	expect_sx("\"a b\"", "\"a b\"");
	expect_sx("V", "V");
	expect_sx("kla.leaders_share", "kla.leaders_share");
	expect_sx("au.over", "au.over");
	expect_sx("[]", "[ ]");
	expect_sx("[kibaki, odinga]", "[ kibaki odinga ]");
	expect_sx("[1, 2,]", "[ 1 2 ]");
	expect_sx("f()", "(call f)");
	expect_sx("uniform(10, 30)", "(call uniform 10 30)");
	expect_sx("clamp(1 - x, 0, 1,)", "(call clamp (- 1 x) 0 1)");
	expect_sx("choice([1, 2], [0.5, 0.5])", "(call choice [ 1 2 ] [ 0.5 0.5 ])");
}

Test(expr, operators)
{
	expect_sx("-x", "(neg x)");
	expect_sx("not war", "(not war)");
	expect_sx("a + b - c", "(- (+ a b) c)");
	expect_sx("a * b / c", "(/ (* a b) c)");
	expect_sx("a + b * c", "(+ a (* b c))");
	expect_sx("(a + b) * c", "(* (+ a b) c)");
	expect_sx("a ^ b ^ c", "(^ a (^ b c))");
	expect_sx("-x ^ 2", "(neg (^ x 2))");
	expect_sx("2 ^ -x", "(^ 2 (neg x))");
	expect_sx("-a * b", "(* (neg a) b)");
	expect_sx("a - -b", "(- a (neg b))");
	expect_sx("a < b + 1", "(< a (+ b 1))");
	expect_sx("a <= b and c >= d", "(and (<= a b) (>= c d))");
	expect_sx("a == b or c != d", "(or (== a b) (!= c d))");
	expect_sx("a or b and c", "(or a (and b c))");
	expect_sx("not a and b", "(and (not a) b)");
	expect_sx("not a < b", "(not (< a b))");
	expect_sx("provoked and intervened", "(and provoked intervened)");
	expect_sx("25 * proportional(0.5 * provocation(kla))",
		  "(* 25 (call proportional (* 0.5 (call provocation kla))))");
}

Test(expr, if_then_else_binds_loosest)
{
	expect_sx("if c then a else b", "(if c a b)");
	expect_sx("if c then a else b + 1", "(if c a (+ b 1))");
	expect_sx("if a or b then 1 else if c then 2 else 3", "(if (or a b) 1 (if c 2 3))");
	expect_sx("1 + (if c then 2 else 3)", "(+ 1 (if c 2 3))");
	expect_sx("if if a then b else c then 1 else 2", "(if (if a b c) 1 2)");
}

Test(expr, newlines_continue_after_operators_and_inside_brackets)
{
	expect_sx("1 +\n  2", "(+ 1 2)");
	expect_sx("f(1,\n  2\n)", "(call f 1 2)");
	expect_sx("[\n  1,\n  2,\n]", "[ 1 2 ]");
	expect_sx("(a\n + b)", "(+ a b)");
}

/* The grammar groups `a op1 b op2 c` as ast_op_precedence and ast_op_right_assoc say. */
Test(expr, precedence_matches_ast_op_precedence)
{
	static const enum ast_op ops[] = { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW, OP_LT,
					   OP_EQ, OP_AND, OP_OR };
	size_t n = sizeof ops / sizeof ops[0];
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			int pi = ast_op_precedence(ops[i]), pj = ast_op_precedence(ops[j]);
			if (pi == pj && pi == ast_op_precedence(OP_LT))
				continue;	/* comparisons do not chain */
			char expr[64], want[64];
			snprintf(expr, sizeof expr, "a %s b %s c", ast_op_text(ops[i]),
				 ast_op_text(ops[j]));
			bool left = pi > pj || (pi == pj && !ast_op_right_assoc(ops[i]));
			if (left)
				snprintf(want, sizeof want, "(%s (%s a b) c)", ast_op_text(ops[j]),
					 ast_op_text(ops[i]));
			else
				snprintf(want, sizeof want, "(%s a (%s b c))", ast_op_text(ops[i]),
					 ast_op_text(ops[j]));
			expect_sx(expr, want);
		}
	}
	cr_expect_gt(ast_op_precedence(OP_NEG), ast_op_precedence(OP_MUL));
	cr_expect_lt(ast_op_precedence(OP_NEG), ast_op_precedence(OP_POW));
	cr_expect_lt(ast_op_precedence(OP_NOT), ast_op_precedence(OP_LT));
	cr_expect_gt(ast_op_precedence(OP_NOT), ast_op_precedence(OP_AND));
}

Test(expr, spans_and_depths)
{
	struct parsed *p = parse_ok("let x = -f(a.b, [1, 2]) + (c * 3)\n");
	const struct ast_node *e = p->file.items->u.let.value;
	cr_expect_str_eq(text_of(p, e->span), "-f(a.b, [1, 2]) + (c * 3)");
	const struct ast_node *neg = e->u.binary.lhs, *call = neg->u.unary.operand;
	cr_expect_str_eq(text_of(p, neg->span), "-f(a.b, [1, 2])");
	cr_expect_str_eq(text_of(p, call->span), "f(a.b, [1, 2])");
	cr_expect_str_eq(text_of(p, call->u.call.fn.span), "f");
	cr_expect_eq(call->u.call.nargs, 2);
	cr_expect_str_eq(text_of(p, call->u.call.args->span), "a.b");
	cr_expect_str_eq(text_of(p, call->u.call.args->u.field.attr.span), "b");
	const struct ast_node *list = call->u.call.args->next;
	cr_expect_str_eq(text_of(p, list->span), "[1, 2]");
	cr_expect_eq(list->u.list.count, 2);
	cr_expect_str_eq(text_of(p, e->u.binary.rhs->span), "(c * 3)");
	cr_expect_eq(list->depth, 2);
	cr_expect_eq(call->depth, 3);
	cr_expect_eq(e->depth, 5);
	parsed_free(p);
}

Test(expr, if_span)
{
	struct parsed *p = parse_ok("let x = if a then 1 else 2");
	cr_expect_str_eq(text_of(p, p->file.items->u.let.value->span), "if a then 1 else 2");
	cr_expect_str_eq(text_of(p, p->file.items->span), "let x = if a then 1 else 2");
	parsed_free(p);
}

/* ---- items ---- */

Test(items, scenario_and_import)
{
	struct parsed *p = parse_ok("scenario \"Kosovo 1998\" {\n  seed = 1999\n  draws = "
				    "200_000; unit = \"points\"\n}\nimport \"tripwire\"\n");
	const struct ast_node *s = p->file.items;
	cr_assert_eq(s->kind, AST_SCENARIO);
	cr_expect_str_eq(s->u.scenario.title, "Kosovo 1998");
	cr_expect_str_eq(text_of(p, s->u.scenario.title_span), "\"Kosovo 1998\"");
	cr_expect_eq(count(s->u.scenario.attrs), 3);
	const struct ast_node *a = s->u.scenario.attrs->next;
	cr_expect_str_eq(a->u.attr.name.text, "draws");
	cr_expect_float_eq(a->u.attr.value->u.num.value, 200000, 1e-9);
	cr_expect_str_eq(text_of(p, a->span), "draws = 200_000");
	cr_expect_str_eq(text_of(p, s->span),
			 "scenario \"Kosovo 1998\" {\n  seed = 1999\n  draws = 200_000; unit = "
			 "\"points\"\n}");
	const struct ast_node *i = s->next;
	cr_assert_eq(i->kind, AST_IMPORT);
	cr_expect_str_eq(i->u.import.path, "tripwire");
	cr_expect_str_eq(text_of(p, i->span), "import \"tripwire\"");
	cr_expect_null(i->next);
	parsed_free(p);
}

Test(items, let_and_fn)
{
	struct parsed *p = parse_ok("let V = 100\nlet D ~ uniform(0, 1)\n"
				    "fn proportional(x) = clamp(1 - x, 0, 1)\nfn g() = 1\n"
				    "fn h(a, b,) = a + b\n");
	const struct ast_node *n = p->file.items;
	cr_assert_eq(n->kind, AST_LET);
	cr_expect_str_eq(n->u.let.name.text, "V");
	cr_expect_not(n->u.let.uncertain);
	n = n->next;
	cr_expect(n->u.let.uncertain);
	cr_expect_str_eq(text_of(p, n->span), "let D ~ uniform(0, 1)");
	n = n->next;
	cr_assert_eq(n->kind, AST_FN);
	cr_expect_str_eq(n->u.fn.name.text, "proportional");
	cr_expect_eq(n->u.fn.nparams, 1);
	cr_expect_eq(n->u.fn.params->kind, AST_NAME);
	cr_expect_str_eq(n->u.fn.params->u.name.text, "x");
	cr_expect_eq(n->u.fn.body->kind, AST_CALL);
	cr_expect_eq(n->next->u.fn.nparams, 0);
	cr_expect_eq(n->next->next->u.fn.nparams, 2);
	cr_expect_eq(count(n->next->next->u.fn.params), 2);
	parsed_free(p);
}

Test(items, stake_sanction_mediation)
{
	struct parsed *p = parse_ok("stake kosovo {\n  value = V\n\n  divisible = false # c\n}\n"
				    "sanction s { by = nato; on = serbia; when = atrocities }\n"
				    "mediation au { over = executive; stage = consensus }\n");
	const struct ast_node *n = p->file.items;
	cr_assert_eq(n->kind, AST_STAKE);
	cr_expect_str_eq(n->u.block.name.text, "kosovo");
	cr_expect_eq(count(n->u.block.attrs), 2);
	n = n->next;
	cr_assert_eq(n->kind, AST_SANCTION);
	cr_expect_eq(count(n->u.block.attrs), 3);
	cr_expect_str_eq(n->u.block.attrs->u.attr.name.text, "by");
	n = n->next;
	cr_assert_eq(n->kind, AST_MEDIATION);
	cr_expect_str_eq(n->u.block.attrs->u.attr.name.text, "over");
	cr_expect_str_eq(text_of(p, n->u.block.attrs->u.attr.name.span), "over");
	parsed_free(p);
}

Test(items, actor_with_and_without_block)
{
	struct parsed *p = parse_ok("actor kla : rebels {\n  cost ~ uniform(5, 15) private\n"
				    "  belief = 55%\n}\nactor annan : mediator\nactor eu : coercer {}\n");
	const struct ast_node *n = p->file.items;
	cr_assert_eq(n->kind, AST_ACTOR);
	cr_expect_str_eq(n->u.actor.name.text, "kla");
	cr_expect_str_eq(n->u.actor.role.text, "rebels");
	cr_expect(n->u.actor.has_block);
	const struct ast_node *a = n->u.actor.attrs;
	cr_expect(a->u.attr.uncertain);
	cr_expect(a->u.attr.private_);
	cr_expect_str_eq(text_of(p, a->span), "cost ~ uniform(5, 15) private");
	cr_expect_not(a->next->u.attr.uncertain);
	n = n->next;
	cr_expect_not(n->u.actor.has_block);
	cr_expect_null(n->u.actor.attrs);
	cr_expect_str_eq(text_of(p, n->span), "actor annan : mediator");
	n = n->next;
	cr_expect(n->u.actor.has_block);
	cr_expect_null(n->u.actor.attrs);
	parsed_free(p);
}

Test(items, conflict)
{
	struct parsed *p = parse_ok("conflict serbia vs kla over kosovo {\n  win = 10%\n}\n"
				    "conflict a vs b over c\n");
	const struct ast_node *n = p->file.items;
	cr_assert_eq(n->kind, AST_CONFLICT);
	cr_expect_str_eq(n->u.conflict.state.text, "serbia");
	cr_expect_str_eq(n->u.conflict.rebels.text, "kla");
	cr_expect_str_eq(n->u.conflict.stake.text, "kosovo");
	cr_expect(n->u.conflict.has_block);
	cr_expect_eq(count(n->u.conflict.attrs), 1);
	cr_expect_not(n->next->u.conflict.has_block);
	parsed_free(p);
}

Test(items, reports_and_sweep)
{
	struct parsed *p = parse_ok("report settlement serbia vs kla\nreport provocation by kla\n"
				    "report mediation au\n"
				    "sweep nato.chance from 0% to 100% step 10% {\n"
				    "  report settlement serbia vs kla\n}\n"
				    "sweep V from 1 to 2 step 1 { report mediation au; }\n");
	const struct ast_node *n = p->file.items;
	cr_assert_eq(n->kind, AST_REPORT);
	cr_expect_eq(n->u.report.what, REPORT_SETTLEMENT);
	cr_expect_str_eq(n->u.report.a.text, "serbia");
	cr_expect_str_eq(n->u.report.b.text, "kla");
	n = n->next;
	cr_expect_eq(n->u.report.what, REPORT_PROVOCATION);
	cr_expect_str_eq(n->u.report.a.text, "kla");
	n = n->next;
	cr_expect_eq(n->u.report.what, REPORT_MEDIATION);
	cr_expect_str_eq(n->u.report.a.text, "au");
	n = n->next;
	cr_assert_eq(n->kind, AST_SWEEP);
	cr_expect_eq(n->u.sweep.target->kind, AST_FIELD);
	cr_expect_str_eq(text_of(p, n->u.sweep.target->span), "nato.chance");
	cr_expect_float_eq(n->u.sweep.to->u.num.value, 1, 1e-12);
	cr_expect_float_eq(n->u.sweep.step->u.num.value, 0.1, 1e-12);
	cr_expect_eq(count(n->u.sweep.reports), 1);
	n = n->next;
	cr_expect_eq(n->u.sweep.target->kind, AST_NAME);
	cr_expect_eq(count(n->u.sweep.reports), 1);
	parsed_free(p);
}

Test(items, empty_statements_and_semicolons)
{
	struct parsed *p = parse_ok(";;\n\nlet a = 1;; let b = 2;\n\nstake s {;\n;value = 1;;}\n");
	cr_expect_eq(count(p->file.items), 3);
	cr_expect_eq(count(p->file.items->next->next->u.block.attrs), 1);
	parsed_free(p);
}

Test(items, comments_are_kept_in_order)
{
	struct parsed *p = parse_ok("# head\nlet a = 1 # tail\n# last");
	const struct ast_comment *c = p->file.comments;
	cr_assert_not_null(c);
	cr_expect_str_eq(c->text, "# head");
	cr_expect_str_eq(c->next->text, "# tail");
	cr_expect_eq(c->next->span.start, 17);
	cr_expect_str_eq(c->next->next->text, "# last");
	cr_expect_null(c->next->next->next);
	parsed_free(p);
}

/* ---- errors ---- */

struct want_diag {
	const char *msg;
	unsigned line, col;
};

static void expect_diags(const char *text, const struct want_diag *want, unsigned n)
{
	struct parsed *p = parse(text);
	cr_expect_eq(p->errors, (int)n, "%d errors, not %u", p->errors, n);
	const struct diag *d = p->sink.first;
	for (unsigned i = 0; i < n; i++) {
		cr_assert_not_null(d, "only %u diagnostics", i);
		struct srcpos pos = srcfile_pos(&p->file.src, d->span.start);
		cr_expect_str_eq(d->msg, want[i].msg);
		cr_expect_eq(pos.line, want[i].line, "%s: line %u, not %u", d->msg, pos.line,
			     want[i].line);
		cr_expect_eq(pos.col, want[i].col, "%s: column %u, not %u", d->msg, pos.col,
			     want[i].col);
		d = d->next;
	}
	cr_expect_null(d, "more diagnostics than expected: %s", d ? d->msg : "");
	parsed_free(p);
}

#define DIAGS(text, ...) do {							\
	static const struct want_diag w_[] = { __VA_ARGS__ };			\
	expect_diags((text), w_, sizeof w_ / sizeof w_[0]);			\
} while (0)

Test(errors, every_error_in_one_pass)
{
	DIAGS("stake k {\n"
	      "  value = 1 2\n"
	      "  divisible = * 2\n"
	      "  step = 10 private\n"
	      "}\n"
	      "actor a state { x = 1 }\n"
	      "let y = $3\n"
	      "let z = 1 < 2 < 3\n"
	      "report outcome x\n"
	      "let ok = 1\n",
	      { "expected end of statement or `}`, found number", 2, 13 },
	      { "expected expression, found `*`", 3, 15 },
	      { "`private` applies only to uncertain (`~`) attributes", 4, 13 },
	      { "expected `:`, found name", 6, 9 },
	      { "stray '$' in program", 7, 9 },
	      { "comparisons cannot be chained: use `and`, as in `a < b and b < c`", 8, 15 },
	      { "expected `settlement`, `provocation` or `mediation` after `report`, "
		"found `outcome`", 9, 8 });
	struct parsed *p = parse("let a = 1 +* 2\nlet b = 2\nstake s { v = }\nlet c = 3\n");
	cr_expect_eq(p->errors, 2);
	cr_expect_eq(count(p->file.items), 3);	/* b, s and c survive */
	parsed_free(p);
}

Test(errors, unclosed_brackets_name_the_opener)
{
	DIAGS("stake kosovo {\n  value = 1\n\nactor x : state\n",
	      { "expected `}` (to close `{` at line 1), found `actor`", 4, 1 });
	DIAGS("let b = f(1, 2\nlet c = 3\n",
	      { "expected `)` (to close `(` at line 1), found `let`", 2, 1 });
	DIAGS("let q = (1 + 2]\n",
	      { "expected `)` (to close `(` at line 1), found `]`", 1, 15 });
	DIAGS("let q = [1,\n 2\n",
	      { "expected `]` (to close `[` at line 1), found end of input", 2, 3 });
	DIAGS("stake s {\n  value = 1\n",
	      { "expected `}` (to close `{` at line 1), found end of input", 2, 12 });
}

Test(errors, item_level_messages)
{
	DIAGS("foo = 1\n", { "expected an item, found name", 1, 1 });
	DIAGS("}\nlet a = 1\n", { "expected an item, found `}`", 1, 1 });
	DIAGS("let x 5\n", { "expected `=` or `~`, found number", 1, 7 });
	DIAGS("let x = \nlet y = 1", { "expected expression, found `let`", 2, 1 });
	DIAGS("let x = 1 2\n", { "expected end of statement, found number", 1, 11 });
	DIAGS("scenario { seed = 1 }\n", { "expected string, found `{`", 1, 10 });
	DIAGS("stake 5 { value = 1 }\n", { "expected name, found number", 1, 7 });
	DIAGS("report settlement a b\n", { "expected `vs`, found `b`", 1, 21 });
	DIAGS("report settlement a\n",
	      { "expected `vs` and the rebels after the state, found end of line", 1, 20 });
	DIAGS("report provocation of b\n",
	      { "expected `by` after `report provocation`, found `of`", 1, 20 });
	DIAGS("sweep a.b from 0 to 1 by 1 { }\n", { "expected `step`, found `by`", 1, 23 });
	DIAGS("let x ~ d private\n", { "expected end of statement, found `private`", 1, 11 });
	DIAGS("stake s { value }\n", { "expected `=` or `~`, found `}`", 1, 17 });
	DIAGS("let x = f(a b)\n", { "expected `)` or `,`, found name", 1, 13 });
	DIAGS("let x = if a b\n", { "expected `then`, found name", 1, 14 });
}

Test(errors, a_bad_header_does_not_swallow_its_block)
{
	DIAGS("actor a state {\n  x = = 1\n}\nlet ok = 1\n",
	      { "expected `:`, found name", 1, 9 },
	      { "expected expression, found `=`", 2, 7 });
	struct parsed *p = parse("stake 1 {\n value = 1\n}\nlet ok = 1\n");
	cr_expect_eq(p->errors, 1);
	cr_expect_eq(count(p->file.items), 1);
	parsed_free(p);
}

/* ---- line endings ---- */

/* CRLF, and CRs before an LF, end lines as LF does; a CR alone is refused, at its place,
** and nothing parsed (the lexer would read it as a blank: a file of CR lines as one). */
Test(errors, line_endings)
{
	struct parsed *p = parse_ok("let a = 1\r\nlet b = a # x\r\r\n\r\nlet c = b\r\n");
	cr_expect_eq(count(p->file.items), 3);
	parsed_free(p);
	DIAGS("# top\rlet a = 1\rlet b = a\r",
	      { "this file's lines end in a carriage return alone (CR, as classic Mac OS saved "
		"text): save it with LF or CRLF line endings", 1, 6 });
	DIAGS("let a = 1\nlet b = a\r# c\nlet c = b\r",
	      { "a carriage return alone (CR) ends this line, which the other lines do not: "
		"save the file with LF or CRLF line endings", 2, 10 });
	p = parse("let a = 1\rlet b = a\r");
	cr_expect_null(p->file.items);
	parsed_free(p);
}

/* ---- depth ---- */

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(hl + ul * n + tl + 1), *o = s;
	memcpy(o, head, hl);
	o += hl;
	for (size_t i = 0; i < n; i++, o += ul)
		memcpy(o, unit, ul);
	memcpy(o, tail, tl + 1);
	return s;
}

/* Parses text, which must give exactly one error, with this message, on line 1. */
static void expect_one_error(char *text, const char *msg, unsigned col)
{
	struct parsed *p = parse(text);
	cr_expect_eq(p->errors, 1);
	cr_assert_not_null(p->sink.first);
	cr_expect_str_eq(p->sink.first->msg, msg);
	struct srcpos pos = srcfile_pos(&p->file.src, p->sink.first->span.start);
	cr_expect_eq(pos.line, 1);
	cr_expect_eq(pos.col, col, "column %u, not %u", pos.col, col);
	cr_expect_null(p->sink.first->next);
	cr_expect_null(p->file.items);
	parsed_free(p);
	free(text);
}

Test(depth, hundred_thousand_parentheses, .timeout = 10)
{
	char *s = repeat("let x = ", "(", 100000, "1");
	expect_one_error(s, "brackets nested too deeply (limit is 200)", 209);
}

/* The parser's stack (YYMAXDEPTH entries) fills in the run of `-` before any is built:
** reported at the 201st, where the nesting passed the limit (column 9 + 200), not at
** the one that no longer fits (column 8 + 2500 − 5). */
Test(depth, hundred_thousand_minus_signs, .timeout = 10)
{
	expect_one_error(repeat("let x = ", "-", 100000, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + SCEN_MAX_DEPTH);
}

/* Every chain shifted whole before any of it is built fills the parser's stack when long
** enough (`2^` two entries a level, `if a then 1 else ` five): reported where the same
** chain, short enough to be built, is, at its 201st level from the outside (the columns
** of at_the_level_that_passes_the_limit), not where the stack filled (column 2503 for
** the 1,250th `2^`, 8487 for the 500th `if`). */
Test(depth, chains_that_fill_the_stack, .timeout = 10)
{
	expect_one_error(repeat("let x = ", "2^", 100000, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + 2 * SCEN_MAX_DEPTH);
	expect_one_error(repeat("let x = ", "if a then 1 else ", 600, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + 17 * SCEN_MAX_DEPTH);
	expect_one_error(repeat("let x = ", "not ", 100000, "true\n"),
			 "expression nested too deeply (limit is 200)", 9 + 4 * SCEN_MAX_DEPTH);
	/* mixed: 100 `if`, then `- `: the 101st `-` is the 201st level, short or long */
	char *ifs = repeat("let x = ", "if a then 1 else ", 100, "");
	expect_one_error(repeat(ifs, "- ", 150, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + 17 * 100 + 2 * 100);
	expect_one_error(repeat(ifs, "- ", 3000, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + 17 * 100 + 2 * 100);
	free(ifs);
	/* `1 + ` is the first level, the 200th `-` the 201st; f( one level, as [ */
	expect_one_error(repeat("let x = 1 + ", "- ", 3000, "1\n"),
			 "expression nested too deeply (limit is 200)", 13 + 2 * (SCEN_MAX_DEPTH - 1));
	expect_one_error(repeat("let x = [f(", "2^", 3000, "1)]\n"),
			 "expression nested too deeply (limit is 200)", 12 + 2 * (SCEN_MAX_DEPTH - 2));
}

/* Fewer than fill the stack are built from the inside out: the first node past the
** limit is the 51st `-` of 250 (200 levels inside it); reported at the 201st from the
** outside, as brackets are. `- ` is two columns a level, `not ` four, `2^` two, `if a
** then 1 else ` 17; in `f(…)` the call is the first level, so the 200th `-` the 201st. */
Test(depth, at_the_level_that_passes_the_limit)
{
	expect_one_error(repeat("let x = ", "-", 250, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + SCEN_MAX_DEPTH);
	expect_one_error(repeat("let x = ", "- ", 250, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + 2 * SCEN_MAX_DEPTH);
	expect_one_error(repeat("let x = ", "not ", 250, "true\n"),
			 "expression nested too deeply (limit is 200)", 9 + 4 * SCEN_MAX_DEPTH);
	expect_one_error(repeat("let x = ", "2^", 250, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + 2 * SCEN_MAX_DEPTH);
	expect_one_error(repeat("let x = ", "if a then 1 else ", 250, "1\n"),
			 "expression nested too deeply (limit is 200)", 9 + 17 * SCEN_MAX_DEPTH);
	expect_one_error(repeat("let x = f(", "-", 250, "1)\n"),
			 "expression nested too deeply (limit is 200)", 11 + SCEN_MAX_DEPTH - 1);
	/* a sum grows on its left: every level of it starts at its first term */
	expect_one_error(repeat("let x = 1", "+1", 250, "\n"),
			 "expression nested too deeply (limit is 200)", 9);
	/* the call, 198 `-` and the `1`: 200 levels, the limit */
	char *at_limit = repeat("let x = f(", "-", SCEN_MAX_DEPTH - 2, "1)\n");
	struct parsed *p = parse_ok(at_limit);
	cr_expect_eq(p->file.items->u.let.value->depth, SCEN_MAX_DEPTH);
	parsed_free(p);
	free(at_limit);
}

Test(depth, hundred_thousand_terms, .timeout = 10)
{
	expect_one_error(repeat("let x = 1", "+1", 100000, "\n"),
			 "expression nested too deeply (limit is 200)", 9);
}

Test(depth, ten_thousand_nested_lists, .timeout = 10)
{
	expect_one_error(repeat("let x = ", "[", 10000, ""),
			 "brackets nested too deeply (limit is 200)", 209);
}

Test(depth, other_right_recursive_chains, .timeout = 10)
{
	struct parsed *p;
	const char *units[] = { "not ", "2^", "if a then 1 else ", "f(" };
	for (size_t i = 0; i < 4; i++) {
		char *s = repeat("let x = ", units[i], 50000, "1\n");
		p = parse(s);
		cr_expect_eq(p->errors, 1, "%s: %d errors", units[i], p->errors);
		parsed_free(p);
		free(s);
	}
}

Test(depth, once_per_item_and_the_next_items_survive)
{
	char *deep = repeat("1", "+1", 300, "");
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	fprintf(f, "stake s {\n  a = %s\n  b = %s\n}\nlet ok = 1\nlet y = %s\n", deep, deep, deep);
	fclose(f);
	struct parsed *p = parse(text);
	cr_expect_eq(p->errors, 2);
	cr_expect_str_eq(p->sink.first->msg, "expression nested too deeply (limit is 200)");
	cr_expect_eq(count(p->file.items), 1);
	cr_expect_str_eq(p->file.items->u.let.name.text, "ok");
	parsed_free(p);
	free(text);
	free(deep);
}

/* Found too deep as soon as it is: the rest of the item is parsed into nothing, so a
** 100,000-term line takes what 200 terms do (it built every node first: 6.4 GB for a
** 62 MB line). Counted in the arena's bytes: about 90 a term before. */
Test(depth, the_rest_of_a_too_deep_item_takes_no_memory, .timeout = 10)
{
	char *deep = repeat("let x = 1", "-1", 100000, "\nlet ok = 1\n");
	size_t text = strlen(deep) + 1;
	struct parsed *p = parse(deep);
	cr_expect_eq(p->errors, 1);
	cr_expect_str_eq(p->sink.first->msg, "expression nested too deeply (limit is 200)");
	cr_expect_eq(count(p->file.items), 1);
	cr_expect_str_eq(p->file.items->u.let.name.text, "ok");
	cr_expect_lt(p->arena.total - text, 64 * 1024, "%zu bytes", p->arena.total - text);
	parsed_free(p);
	free(deep);
}

Test(depth, at_the_limit_is_fine)
{
	char *s = repeat("let x = 1", "+1", SCEN_MAX_DEPTH - 1, "\n");
	struct parsed *p = parse_ok(s);
	cr_expect_eq(p->file.items->u.let.value->depth, SCEN_MAX_DEPTH);
	parsed_free(p);
	free(s);
	char *parens = repeat("let x = ", "(", SCEN_MAX_DEPTH, "1");
	char *closed = repeat(parens, ")", SCEN_MAX_DEPTH, "\n");
	p = parse_ok(closed);
	parsed_free(p);
	free(parens);
	free(closed);
}

/* ---- the REPL's continuation test ---- */

static bool incomplete(const char *text)
{
	struct parsed *p = parse(text);
	bool r = parse_incomplete(&p->file);
	parsed_free(p);
	return r;
}

Test(incomplete, open_items_ask_for_more)
{
	cr_expect(incomplete("stake s {\n"));
	cr_expect(incomplete("stake s {\n  value = 1\n"));
	cr_expect(incomplete("let x = 1 +\n"));
	cr_expect(incomplete("let x = f(1,\n"));
	cr_expect(incomplete("let x = [1, 2"));
	cr_expect(incomplete("let x ="));
	cr_expect(incomplete("sweep a.b from 0 to 1 step 1 {\n"));
	cr_expect_not(incomplete("let x = 1\n"));
	cr_expect_not(incomplete(""));
	cr_expect_not(incomplete("let x = 1 2\n"));
	cr_expect_not(incomplete("let x = $\n"));
	cr_expect_not(incomplete("stake s { value = 1 +* 2\n"));
	cr_expect_not(incomplete("let s = \"abc\n"));
}

/* ---- the examples of the language design (language.md) ---- */

static const char kosovo[] =
	"# Kosovo 1998\xe2\x80\x93" "99. Illustrative numbers, not estimates.\n"
	"scenario \"Kosovo 1998\" {\n"
	"  seed  = 1999\n"
	"  draws = 200_000\n"
	"  unit  = \"points\"            # the unit of the stake's value, used in reports\n"
	"}\n"
	"\n"
	"import \"tripwire\"             # a module from the stdlib folder\n"
	"\n"
	"let V = 100\n"
	"\n"
	"stake kosovo {\n"
	"  value     = V\n"
	"  divisible = false           # false: all or nothing; or `step = 10` for lumps of 10\n"
	"}\n"
	"\n"
	"actor serbia : state {\n"
	"  cost        ~ uniform(10, 30)   # `~`: uncertain, drawn anew for every draw\n"
	"  resolve     = 1.5\n"
	"  belief      = 15%\n"
	"  challengers = 2\n"
	"  reputation  = 0.2\n"
	"  capacity    = 30%               # low \xe2\x86\x92 indiscriminate\n"
	"}\n"
	"\n"
	"actor kla : rebels {\n"
	"  cost          ~ uniform(5, 15) private   # private: only the KLA knows its draw\n"
	"  belief        = 55%\n"
	"  leaders_share = 90%\n"
	"  leaders_cost  = 10%\n"
	"}\n"
	"\n"
	"actor kosovars : population {\n"
	"  of   = kla\n"
	"  size = 1_800_000\n"
	"  toll = 1%\n"
	"}\n"
	"\n"
	"actor nato : intervener {\n"
	"  chance               = 20%\n"
	"  chance_if_atrocities = 60%\n"
	"  rebels_win_if_in     = 70%\n"
	"  cost_to_state        = 40\n"
	"  will                 = 50%\n"
	"}\n"
	"\n"
	"conflict serbia vs kla over kosovo {\n"
	"  win       = 10%\n"
	"  guarantor = nato\n"
	"}\n"
	"\n"
	"fn proportional(x) = clamp(1 - x, 0, 1)\n"
	"\n"
	"sanction icty_indictment {\n"
	"  by   = nato\n"
	"  on   = serbia\n"
	"  when = atrocities\n"
	"  cost = 25 * proportional(0.5 * provocation(kla))   # a partial provocation defence\n"
	"}\n"
	"\n"
	"sanction lustration {             # comparative fault\n"
	"  on   = kla\n"
	"  when = provoked and intervened\n"
	"  cost = 50% * kla.leaders_share * V\n"
	"}\n"
	"\n"
	"report settlement serbia vs kla\n"
	"report provocation by kla\n"
	"sweep nato.chance from 0% to 100% step 10% {\n"
	"  report settlement serbia vs kla\n"
	"}\n";

static const char kenya[] =
	"stake executive { value = 100 }\n"
	"actor kibaki : state  { cost = 20; belief = 15% }\n"
	"actor odinga : rebels { cost = 25; belief = 45% }\n"
	"actor annan  : mediator\n"
	"actor eu     : coercer              # imposes sanctions, never fights\n"
	"actor icc    : coercer\n"
	"\n"
	"conflict kibaki vs odinga over executive { win = 40% }\n"
	"\n"
	"mediation au {\n"
	"  by       = annan\n"
	"  parties  = [kibaki, odinga]\n"
	"  over     = executive\n"
	"  proposal = 45%                  # share of the executive offered to odinga\n"
	"  stage    = consensus            # consent | stalemate | consensus\n"
	"}\n"
	"\n"
	"sanction budget_freeze { by = eu;  on = kibaki; kind = negative; when = rejects(au); "
	"cost = 8 }\n"
	"sanction travel_bans   { by = eu;  on = kibaki; kind = targeted; when = rejects(au); "
	"cost = 4 }\n"
	"sanction prosecution   { by = icc; on = kibaki; kind = judicial; when = rejects(au); "
	"cost = 6 }\n"
	"\n"
	"report mediation au\n";

Test(examples, kosovo)
{
	struct parsed *p = parse_ok(kosovo);
	cr_expect_eq(count(p->file.items), 15);
	unsigned comments = 0;
	for (const struct ast_comment *c = p->file.comments; c; c = c->next)
		comments++;
	cr_expect_eq(comments, 9);
	const struct ast_node *kla = p->file.items->next->next->next->next->next;
	cr_assert_eq(kla->kind, AST_ACTOR);
	cr_expect(kla->u.actor.attrs->u.attr.private_);
	parsed_free(p);
}

Test(examples, kenya)
{
	struct parsed *p = parse_ok(kenya);
	cr_expect_eq(count(p->file.items), 12);
	parsed_free(p);
}
