/*
** scen.y: the grammar of .scen files (docs: language.md, Items and Expressions).
**
** Pure bison over the reentrant scanner of parser/lex.l. Semantic values are AST nodes
** built by the parse_* helpers of parse.c from the file's arena; names and strings are
** arena copies, so nothing needs a %destructor. Locations are byte spans (struct span).
**
** Error handling: syntax errors are reported by yyreport_syntax_error (parse.c) as
** "expected X, found Y"; LAC keeps the expected lists exact. Recovery happens at item
** level (`stmts error TERM`, and `KEYWORD error [block]` so a bad header does not
** swallow its block) and at attribute level (`attrs error TERM`), so one pass reports
** every error. An item that failed is left out of the file's item list.
**
** Precedence, loosest first (keep in step with ast_op_precedence in ast.c):
**   if-then-else, or, and, not, comparisons (non-associative), + -, * /, unary -, ^
**   (right-associative; -x^2 is -(x^2)).
*/

%define api.pure full
%define api.prefix {scen_yy}
%define api.token.prefix {T_}
%define parse.error custom
%define parse.lac full
%locations
/* automake's ylwrap expects yacc's output names; configure runs bison without -y. */
%output "y.tab.c"
%header "y.tab.h"
%expect 0
%param {void *scanner}
%parse-param {struct parse_ctx *ctx}

%code requires {
#include "parser/ast.h"
#include "util/diag.h"
#include "parser/lex.h"

#define SCEN_YYLTYPE struct span
#define SCEN_YYLTYPE_IS_DECLARED 1

/* A node's span runs from its first symbol's start to its last symbol's end; an empty
** rule sits at the end of what came before it. */
#define YYLLOC_DEFAULT(cur, rhs, n)					\
	do {								\
		if (n) {						\
			(cur).start = YYRHSLOC(rhs, 1).start;		\
			(cur).end = YYRHSLOC(rhs, n).end;		\
		} else {						\
			(cur).start = (cur).end = YYRHSLOC(rhs, 0).end;	\
		}							\
	} while (0)

/* A list under construction: head and tail for O(1) appends, and its length. */
struct node_list {
	struct ast_node *head, *tail;
	unsigned count;
};

/* Everything one parse needs; parse.c owns it. */
struct parse_ctx {
	struct lex_state lex;
	struct arena *arena;
	struct ast_file *file;
	struct diag_sink *sink;
	struct node_list items;		/* the file's items so far */
	unsigned errors;		/* syntax errors reported */
	unsigned eof_errors;		/* of which at the end of input */
	bool item_too_deep;		/* this item has an expression nested too deeply:
					** the rest of it is parsed into nothing */
	struct ast_node *too_deep;	/* what its expressions' builders return then */
	bool said_unclosed;		/* a bracket was reported unclosed: */
	uint32_t unclosed;		/* this one, which is not reported twice */
};
}

%code provides {
/* Node builders (parse.c). Each expression node gets its depth: 1 + its deepest child. */
void parse_list_add(struct node_list *l, struct ast_node *n);
struct ast_node *parse_num(struct parse_ctx *ctx, struct span sp, double v, const char *text);
struct ast_node *parse_bool(struct parse_ctx *ctx, struct span sp, bool v);
struct ast_node *parse_str(struct parse_ctx *ctx, struct span sp, const char *s, size_t len);
struct ast_node *parse_list(struct parse_ctx *ctx, struct span sp, struct node_list items);
struct ast_node *parse_name(struct parse_ctx *ctx, struct ast_ident name);
struct ast_node *parse_field(struct parse_ctx *ctx, struct span sp, struct ast_ident owner,
			     struct ast_ident attr);
struct ast_node *parse_call(struct parse_ctx *ctx, struct span sp, struct ast_ident fn,
			    struct node_list args);
struct ast_node *parse_unary(struct parse_ctx *ctx, struct span sp, enum ast_op op,
			     struct ast_node *operand);
struct ast_node *parse_binary(struct parse_ctx *ctx, struct span sp, enum ast_op op,
			      struct ast_node *lhs, struct ast_node *rhs);
struct ast_node *parse_if(struct parse_ctx *ctx, struct span sp, struct ast_node *c,
			  struct ast_node *then, struct ast_node *els);
struct ast_node *parse_paren(struct ast_node *e, struct span sp);
struct ast_ident parse_keyword_ident(struct span sp, const char *text);

/* Items and attributes. check_depth reports an expression nested too deeply (once per
** item) and marks the item to be dropped. */
void parse_check_depth(struct parse_ctx *ctx, const struct ast_node *e);
struct ast_node *parse_attr(struct parse_ctx *ctx, struct span sp, struct ast_ident name,
			    bool uncertain, bool private_, struct ast_node *value);
void parse_private_misplaced(struct parse_ctx *ctx, struct span sp);
struct ast_node *parse_report(struct parse_ctx *ctx, struct span sp, struct ast_ident kind,
			      struct ast_ident a, const struct ast_ident *b, bool has_vs);
struct ast_node *parse_report_mediation(struct parse_ctx *ctx, struct span sp,
					struct ast_ident m);
struct ast_node *parse_sweep(struct parse_ctx *ctx, struct span sp, struct ast_node *target,
			     struct ast_node *from, struct ast_node *to, struct ast_ident step,
			     struct ast_node *by, struct node_list reports);
void parse_item_done(struct parse_ctx *ctx, struct ast_node *item);
void parse_error(struct span *loc, void *scanner, struct parse_ctx *ctx, const char *msg,
		 const struct span *past_limit);
}

%code {
#include <stdio.h>
#include <string.h>

#include "util/scen_conf.h"

/* bison's yyerror, in yyparse: with the place of the level past SCEN_MAX_DEPTH pending
** on the parser's stack (level_past_limit), for "memory exhausted". */
#define scen_yyerror(loc, scanner, ctx, msg)					\
	parse_error((loc), (scanner), (ctx), (msg),				\
		    level_past_limit(yyss, (size_t)(yyssp - yyss) + 1, yyls))
static const struct span *level_past_limit(const void *states, size_t n,
					   const struct span *locations);
/* Bison's stack may grow to this many entries (heap-allocated): enough for any
** expression within SCEN_MAX_DEPTH, so running out means deeper nesting, which
** parse_error reports as such. */
#define YYMAXDEPTH (10 * SCEN_MAX_DEPTH + 500)
}

%union {
	struct ast_node *node;
	struct ast_ident ident;
	struct { double value; const char *text; } num;
	struct { const char *text; size_t len; } str;
	struct node_list list;
	bool flag;
}

%token TERM "end of statement"
%token <ident> NAME "name"
%token <num> NUM "number"
%token <str> STRING "string"
%token SCENARIO "scenario" IMPORT "import" LET "let" FN "fn" STAKE "stake" ACTOR "actor"
%token CONFLICT "conflict" VS "vs" OVER "over" SANCTION "sanction"
%token MEDIATION "mediation" REPORT "report" SWEEP "sweep" FROM "from" TO "to"
%token IF "if" THEN "then" ELSE "else" AND "and" OR "or" NOT "not"
%token TRUE "true" FALSE "false" PRIVATE "private"
%token LE "<=" GE ">=" EQ "==" NE "!="

%precedence ELSE
%left OR
%left AND
%precedence NOT
%nonassoc '<' LE '>' GE EQ NE
%left '+' '-'
%left '*' '/'
%precedence NEG
%right '^'

%type <node> item report target second_axis expr primary attr
%type <list> block opt_block attrs attr_seq args arg_list params param_list
%type <list> report_block reports report_seq
%type <ident> attr_name field_name
%type <flag> assign

%%

/* A file is items separated by terminators; empty statements are allowed. */
file
	: stmts
	;

stmts
	: %empty
	| stmts TERM
	| stmts item TERM		{ parse_item_done(ctx, $2); }
	| stmts error TERM		{ parse_item_done(ctx, NULL); yyerrok; }
	;

item
	/* scenario "title" { settings } */
	: SCENARIO STRING block
		{
			$$ = ast_new(ctx->arena, AST_SCENARIO, @$);
			$$->u.scenario.title = $2.text;
			$$->u.scenario.title_span = @2;
			$$->u.scenario.attrs = $3.head;
		}
	/* import "module" */
	| IMPORT STRING
		{
			$$ = ast_new(ctx->arena, AST_IMPORT, @$);
			$$->u.import.path = $2.text;
			$$->u.import.path_span = @2;
		}
	/* let NAME = expr | let NAME ~ dist */
	| LET NAME assign expr
		{
			parse_check_depth(ctx, $4);
			$$ = ast_new(ctx->arena, AST_LET, @$);
			$$->u.let.name = $2;
			$$->u.let.uncertain = $3;
			$$->u.let.value = $4;
		}
	/* fn NAME(params) = expr */
	| FN NAME '(' params ')' '=' expr
		{
			parse_check_depth(ctx, $7);
			$$ = ast_new(ctx->arena, AST_FN, @$);
			$$->u.fn.name = $2;
			$$->u.fn.params = $4.head;
			$$->u.fn.nparams = $4.count;
			$$->u.fn.body = $7;
		}
	/* stake NAME { attrs } */
	| STAKE NAME block
		{
			$$ = ast_new(ctx->arena, AST_STAKE, @$);
			$$->u.block.name = $2;
			$$->u.block.attrs = $3.head;
		}
	/* actor NAME : ROLE [{ attrs }] */
	| ACTOR NAME ':' NAME opt_block
		{
			$$ = ast_new(ctx->arena, AST_ACTOR, @$);
			$$->u.actor.name = $2;
			$$->u.actor.role = $4;
			$$->u.actor.attrs = $5.head;
			$$->u.actor.has_block = @5.end > @4.end;
		}
	/* conflict A vs B over STAKE [{ attrs }] */
	| CONFLICT NAME VS NAME OVER NAME opt_block
		{
			$$ = ast_new(ctx->arena, AST_CONFLICT, @$);
			$$->u.conflict.state = $2;
			$$->u.conflict.rebels = $4;
			$$->u.conflict.stake = $6;
			$$->u.conflict.attrs = $7.head;
			$$->u.conflict.has_block = @7.end > @6.end;
		}
	/* sanction NAME { attrs } */
	| SANCTION NAME block
		{
			$$ = ast_new(ctx->arena, AST_SANCTION, @$);
			$$->u.block.name = $2;
			$$->u.block.attrs = $3.head;
		}
	/* mediation NAME { attrs } */
	| MEDIATION NAME block
		{
			$$ = ast_new(ctx->arena, AST_MEDIATION, @$);
			$$->u.block.name = $2;
			$$->u.block.attrs = $3.head;
		}
	| report
	/* sweep TARGET from X to Y step Z [, TARGET from X to Y step Z] { reports } */
	| SWEEP target FROM expr TO expr NAME expr second_axis report_block
		{
			$$ = parse_sweep(ctx, @$, $2, $4, $6, $7, $8, $10);
			if ($$)
				$$->u.sweep.second = $9;
		}
	/* A bad header: skip to the end of the line, or parse the item's block anyway. */
	| SCENARIO error opt_block	{ $$ = NULL; yyerrok; }
	| STAKE error opt_block		{ $$ = NULL; yyerrok; }
	| ACTOR error opt_block		{ $$ = NULL; yyerrok; }
	| CONFLICT error opt_block	{ $$ = NULL; yyerrok; }
	| SANCTION error opt_block	{ $$ = NULL; yyerrok; }
	| MEDIATION error opt_block	{ $$ = NULL; yyerrok; }
	| SWEEP error			{ $$ = NULL; yyerrok; }
	| SWEEP error report_block	{ $$ = NULL; yyerrok; }
	;

assign
	: '='		{ $$ = false; }
	| '~'		{ $$ = true; }
	;

/* report settlement A vs B | report provocation by B | report mediation M:
** `settlement`, `provocation` and `by` are not reserved, so they are names here. */
report
	: REPORT NAME NAME VS NAME
		{ $$ = parse_report(ctx, @$, $2, $3, &$5, true); }
	| REPORT NAME NAME NAME
		{ $$ = parse_report(ctx, @$, $2, $3, &$4, false); }
	| REPORT NAME NAME
		{ $$ = parse_report(ctx, @$, $2, $3, NULL, false); }
	| REPORT MEDIATION NAME
		{ $$ = parse_report_mediation(ctx, @$, $3); }
	;

/* A map's second axis: an AST_SWEEP without reports (language.md, sweep). */
second_axis
	: %empty			{ $$ = NULL; }
	| ',' target FROM expr TO expr NAME expr
		{ $$ = parse_sweep(ctx, @$, $2, $4, $6, $7, $8, (struct node_list){ 0 }); }
	;

/* What a sweep varies: an attribute (`nato.chance`) or a let name. */
target
	: NAME				{ $$ = parse_name(ctx, $1); }
	| NAME '.' field_name		{ $$ = parse_field(ctx, @$, $1, $3); }
	;

report_block
	: '{' reports '}'		{ $$ = $2; }
	;

reports
	: report_seq
	| report_seq report		{ $$ = $1; parse_list_add(&$$, $2); }
	| report_seq error		{ $$ = $1; yyerrok; }
	;

report_seq
	: %empty			{ $$ = (struct node_list){ 0 }; }
	| report_seq TERM
	| report_seq report TERM	{ $$ = $1; parse_list_add(&$$, $2); }
	| report_seq error TERM		{ $$ = $1; yyerrok; }
	;

opt_block
	: %empty			{ $$ = (struct node_list){ 0 }; }
	| block
	;

/* { attrs }: attributes separated by terminators, empty statements allowed. */
block
	: '{' attrs '}'			{ $$ = $2; }
	;

attrs
	: attr_seq
	| attr_seq attr			{ $$ = $1; parse_list_add(&$$, $2); }
	| attr_seq error		{ $$ = $1; yyerrok; }
	;

attr_seq
	: %empty			{ $$ = (struct node_list){ 0 }; }
	| attr_seq TERM
	| attr_seq attr TERM		{ $$ = $1; parse_list_add(&$$, $2); }
	| attr_seq error TERM		{ $$ = $1; yyerrok; }
	;

/* name = expr | name ~ expr [private] */
attr
	: attr_name '=' expr
		{ $$ = parse_attr(ctx, @$, $1, false, false, $3); }
	| attr_name '~' expr
		{ $$ = parse_attr(ctx, @$, $1, true, false, $3); }
	| attr_name '~' expr PRIVATE
		{ $$ = parse_attr(ctx, @$, $1, true, true, $3); }
	| attr_name '=' expr PRIVATE
		{
			parse_private_misplaced(ctx, @4);
			$$ = parse_attr(ctx, @$, $1, false, false, $3);
		}
	;

/* `over` is a keyword but also a mediation's attribute. */
attr_name
	: NAME
	| OVER				{ $$ = parse_keyword_ident(@1, "over"); }
	;

field_name
	: NAME
	| OVER				{ $$ = parse_keyword_ident(@1, "over"); }
	;

params
	: %empty			{ $$ = (struct node_list){ 0 }; }
	| param_list
	| param_list ','
	;

param_list
	: NAME				{ $$ = (struct node_list){ 0 }; parse_list_add(&$$, parse_name(ctx, $1)); }
	| param_list ',' NAME		{ $$ = $1; parse_list_add(&$$, parse_name(ctx, $3)); }
	;

expr
	: IF expr THEN expr ELSE expr	{ $$ = parse_if(ctx, @$, $2, $4, $6); }
	| expr OR expr			{ $$ = parse_binary(ctx, @$, OP_OR, $1, $3); }
	| expr AND expr			{ $$ = parse_binary(ctx, @$, OP_AND, $1, $3); }
	| NOT expr			{ $$ = parse_unary(ctx, @$, OP_NOT, $2); }
	| expr '<' expr			{ $$ = parse_binary(ctx, @$, OP_LT, $1, $3); }
	| expr LE expr			{ $$ = parse_binary(ctx, @$, OP_LE, $1, $3); }
	| expr '>' expr			{ $$ = parse_binary(ctx, @$, OP_GT, $1, $3); }
	| expr GE expr			{ $$ = parse_binary(ctx, @$, OP_GE, $1, $3); }
	| expr EQ expr			{ $$ = parse_binary(ctx, @$, OP_EQ, $1, $3); }
	| expr NE expr			{ $$ = parse_binary(ctx, @$, OP_NE, $1, $3); }
	| expr '+' expr			{ $$ = parse_binary(ctx, @$, OP_ADD, $1, $3); }
	| expr '-' expr			{ $$ = parse_binary(ctx, @$, OP_SUB, $1, $3); }
	| expr '*' expr			{ $$ = parse_binary(ctx, @$, OP_MUL, $1, $3); }
	| expr '/' expr			{ $$ = parse_binary(ctx, @$, OP_DIV, $1, $3); }
	| '-' expr %prec NEG		{ $$ = parse_unary(ctx, @$, OP_NEG, $2); }
	| expr '^' expr			{ $$ = parse_binary(ctx, @$, OP_POW, $1, $3); }
	| primary
	;

primary
	: NUM				{ $$ = parse_num(ctx, @$, $1.value, $1.text); }
	| TRUE				{ $$ = parse_bool(ctx, @$, true); }
	| FALSE				{ $$ = parse_bool(ctx, @$, false); }
	| STRING			{ $$ = parse_str(ctx, @$, $1.text, $1.len); }
	| NAME				{ $$ = parse_name(ctx, $1); }
	| NAME '.' field_name		{ $$ = parse_field(ctx, @$, $1, $3); }
	| NAME '(' args ')'		{ $$ = parse_call(ctx, @$, $1, $3); }
	| '[' args ']'			{ $$ = parse_list(ctx, @$, $2); }
	| '(' expr ')'			{ $$ = parse_paren($2, @$); }
	;

/* Call arguments and list elements: a trailing comma is allowed. */
args
	: %empty			{ $$ = (struct node_list){ 0 }; }
	| arg_list
	| arg_list ','
	;

arg_list
	: expr				{ $$ = (struct node_list){ 0 }; parse_list_add(&$$, $1); }
	| arg_list ',' expr		{ $$ = $1; parse_list_add(&$$, $3); }
	;

%%


/* ---- symbols ---- */

/* The symbol of a one-character token. */
static yysymbol_kind_t sym(int c)
{
	return YYTRANSLATE(c);
}

/* Whether k is one of the one-character tokens in chars. */
static bool among(yysymbol_kind_t k, const char *chars)
{
	for (; *chars; chars++)
		if (k == sym(*chars))
			return true;
	return false;
}

/* ---- nesting that fills the parser's stack ---- */

/* Whether symbol k of the stack, after prev, is a level of the expression being read:
** an operator whose node is not built yet (its right side is still being read), `if`,
** a call's `(`, a list's `[`. A parenthesis is no level, nor `then` or `else` (the `if`
** is their level). *lhs: the node starts at the symbol before (a binary operator's left
** side, a call's name). */
static bool is_pending_level(yysymbol_kind_t k, yysymbol_kind_t prev, bool *lhs)
{
	*lhs = false;
	if (k == YYSYMBOL_IF || k == YYSYMBOL_NOT || k == sym('['))
		return true;
	if (k == sym('('))
		return *lhs = prev == YYSYMBOL_NAME;
	bool binary = among(k, "<>+-*/^") || k == YYSYMBOL_OR || k == YYSYMBOL_AND ||
		      k == YYSYMBOL_LE || k == YYSYMBOL_GE || k == YYSYMBOL_EQ ||
		      k == YYSYMBOL_NE;
	if (binary && prev == YYSYMBOL_expr)
		return *lhs = true;
	return k == sym('-');	/* a prefix minus */
}

/* The parser's stack, n states (yy_state_t) with their locations, fills only with levels
** of an expression not yet built (brackets are bounded by the scanner first): `- - - …`,
** `2^2^…`, `if a then 1 else if …`, shifted before any is reduced. Where the one past
** SCEN_MAX_DEPTH, counted from the outside, starts: the place parse_check_depth names
** for an expression it can build. NULL when there are fewer. */
static const struct span *level_past_limit(const void *states, size_t n,
					   const struct span *locations)
{
	const yy_state_t *ss = states;
	unsigned level = 0;
	for (size_t i = 1; i < n; i++) {	/* ss[0]: the start, no symbol */
		bool lhs;
		if (is_pending_level(yystos[ss[i]], yystos[ss[i - 1]], &lhs) &&
		    ++level == SCEN_MAX_DEPTH + 1)
			return &locations[lhs ? i - 1 : i];
	}
	return NULL;
}

/* ---- syntax error messages ---- */

/* Tokens that start an expression; in a list of expected tokens they read "expression". */
static bool starts_expr(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_NAME: case YYSYMBOL_NUM: case YYSYMBOL_STRING: case YYSYMBOL_TRUE:
	case YYSYMBOL_FALSE: case YYSYMBOL_IF: case YYSYMBOL_NOT:
		return true;
	default:
		return among(k, "-([");
	}
}

static bool is_comparison(yysymbol_kind_t k)
{
	return among(k, "<>") || k == YYSYMBOL_LE || k == YYSYMBOL_GE || k == YYSYMBOL_EQ ||
	       k == YYSYMBOL_NE;
}

/* Tokens that continue an expression just read: left out of "expected" lists, where
** they would drown what the statement needs next. */
static bool continues_expr(yysymbol_kind_t k)
{
	return among(k, "+-*/^(.") || k == YYSYMBOL_AND || k == YYSYMBOL_OR ||
	       is_comparison(k);
}

static bool starts_item(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_SCENARIO: case YYSYMBOL_IMPORT: case YYSYMBOL_LET: case YYSYMBOL_FN:
	case YYSYMBOL_STAKE: case YYSYMBOL_ACTOR: case YYSYMBOL_CONFLICT:
	case YYSYMBOL_SANCTION: case YYSYMBOL_MEDIATION: case YYSYMBOL_REPORT:
	case YYSYMBOL_SWEEP:
		return true;
	default:
		return false;
	}
}

/* Tokens after which an open bracket is best reported as unclosed. */
static bool ends_bracket(yysymbol_kind_t k)
{
	return k == YYSYMBOL_YYEOF || k == YYSYMBOL_TERM || among(k, ")]}") || starts_item(k);
}

/* A token's name in a message: `=` for punctuation and keywords, else a description. */
static const char *token_text(yysymbol_kind_t k, char *buf, size_t size)
{
	switch (k) {
	case YYSYMBOL_YYEOF: return "end of input";
	case YYSYMBOL_TERM: return "end of statement";
	case YYSYMBOL_NAME: return "name";
	case YYSYMBOL_NUM: return "number";
	case YYSYMBOL_STRING: return "string";
	default: break;
	}
	const char *s = yysymbol_name(k);
	size_t n = strlen(s);
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		s++;
		n -= 2;
	}
	snprintf(buf, size, "`%.*s`", (int)n, s);
	return buf;
}

/* The found token: a terminator says which one it was. */
static const char *found_text(const struct parse_ctx *ctx, yysymbol_kind_t k, char *buf,
			      size_t size)
{
	if (k != YYSYMBOL_TERM)
		return token_text(k, buf, size);
	switch (ctx->lex.term) {
	case TERM_NEWLINE: return "end of line";
	case TERM_SEMI: return "`;`";
	case TERM_EOF: return "end of input";
	}
	return "end of statement";
}

static bool expects(const yysymbol_kind_t *exp, int n, yysymbol_kind_t k)
{
	for (int i = 0; i < n; i++)
		if (exp[i] == k)
			return true;
	return false;
}

/* Whether k, expected, is left out of the list (see continues_expr) or merged. */
static bool left_out(const yysymbol_kind_t *exp, int n, yysymbol_kind_t k)
{
	if (expects(exp, n, sym('+')) && !expects(exp, n, YYSYMBOL_NUM) && continues_expr(k))
		return true;
	if (k == YYSYMBOL_TERM)		/* an empty statement is never what is missing */
		return expects(exp, n, YYSYMBOL_NAME) || expects(exp, n, YYSYMBOL_REPORT) ||
		       expects(exp, n, YYSYMBOL_SCENARIO);
	if (k == YYSYMBOL_PRIVATE)	/* a modifier, never what is missing */
		return true;
	if (k == YYSYMBOL_YYEOF)	/* "expected end of input or an item": the item */
		return expects(exp, n, YYSYMBOL_SCENARIO);
	return k == YYSYMBOL_OVER && expects(exp, n, YYSYMBOL_NAME);
}

enum { MAX_LISTED = 5 };

/* The names of the expected tokens, with expressions and items merged; returns how many
** (more than MAX_LISTED: too many to be useful). */
static int expected_names(const yysymbol_kind_t *exp, int n, const char **names,
			  char (*bufs)[32])
{
	int m = 0;
	bool expr = expects(exp, n, YYSYMBOL_NUM), item = false;
	for (int i = 0; i < n && m <= MAX_LISTED; i++) {
		if (expr && starts_expr(exp[i])) {
			if (exp[i] == YYSYMBOL_NUM)
				names[m++] = "expression";
		} else if (starts_item(exp[i])) {
			if (!item)
				names[m++] = "an item";
			item = true;
		} else if (!left_out(exp, n, exp[i])) {
			names[m] = token_text(exp[i], bufs[m], sizeof bufs[m]);
			m++;
		}
	}
	return m;
}

/* "expected A, B or C" into buf. */
static void join_names(char *buf, size_t size, const char **names, int m)
{
	size_t len = (size_t)snprintf(buf, size, "expected %s", names[0]);
	for (int i = 1; i < m && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i == m - 1 ? " or " : ", ",
					names[i]);
}

/* The bracket to report as unclosed ("expected `}` (to close `{` at line 3)"), if the
** error is best put that way, else NULL. */
static const struct lex_bracket *unclosed(const struct parse_ctx *ctx, yysymbol_kind_t found,
					  const yysymbol_kind_t *exp, int n)
{
	const struct lex_bracket *b = lex_innermost(&ctx->lex);
	if (!b || !ends_bracket(found))
		return NULL;
	char closer = b->c == '(' ? ')' : b->c == '[' ? ']' : '}';
	return expects(exp, n, sym(closer)) ? b : NULL;
}

/* The message for a syntax error, given what was found and what was expected. */
static void syntax_message(const struct parse_ctx *ctx, yysymbol_kind_t found,
			   const yysymbol_kind_t *exp, int n, char *buf, size_t size)
{
	char fb[32], nb[MAX_LISTED + 1][32];
	const char *names[MAX_LISTED + 1];
	const char *what = found_text(ctx, found, fb, sizeof fb);
	const struct lex_bracket *b = unclosed(ctx, found, exp, n);
	if (b) {
		struct srcpos pos = srcfile_pos(&ctx->file->src, b->offset);
		char closer = b->c == '(' ? ')' : b->c == '[' ? ']' : '}';
		snprintf(buf, size, "expected `%c` (to close `%c` at line %u), found %s", closer,
			 b->c, pos.line, what);
		return;
	}
	if (is_comparison(found) && expects(exp, n, sym('+'))) {
		snprintf(buf, size, "comparisons cannot be chained: use `and`, as in "
			 "`a < b and b < c`");
		return;
	}
	int m = expected_names(exp, n, names, nb);
	if (m == 0 || m > MAX_LISTED) {
		snprintf(buf, size, "unexpected %s", what);
		return;
	}
	join_names(buf, size, names, m);
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, ", found %s", what);
}

/* Reports one syntax error at the lookahead token (bison's parse.error custom). After a
** scanner stop (brackets too deep) the end of input is not news: nothing is said. */
static int yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner,
				 struct parse_ctx *ctx)
{
	(void)scanner;
	if (ctx->lex.stopped)
		return 0;
	yysymbol_kind_t found = yypcontext_token(yyctx);
	yysymbol_kind_t exp[YYNTOKENS];
	int n = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS);
	if (n < 0)
		n = 0;
	const struct lex_bracket *b = unclosed(ctx, found, exp, n);
	if (b && ctx->said_unclosed && ctx->unclosed == b->offset)
		return 0;	/* recovery went on inside it: once is enough */
	if (b) {
		ctx->said_unclosed = true;
		ctx->unclosed = b->offset;
	}
	char msg[256];
	syntax_message(ctx, found, exp, n, msg, sizeof msg);
	ctx->errors++;
	if (found == YYSYMBOL_YYEOF || (found == YYSYMBOL_TERM && ctx->lex.term == TERM_EOF))
		ctx->eof_errors++;
	struct diag *d = diag_error(ctx->sink, &ctx->file->src, *yypcontext_location(yyctx),
				    "%s", msg);
	if (found == YYSYMBOL_SWEEP && expects(exp, n, YYSYMBOL_REPORT))
		diag_note(ctx->sink, d, &ctx->file->src, *yypcontext_location(yyctx),
			  "a sweep holds only reports; a map is one sweep with two axes: "
			  "`sweep A from X to Y step Z, B from X to Y step Z { report ... }`");
	return 0;
}
