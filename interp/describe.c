/*
** describe.c: a value of a checked model in words (describe.h), for the language
** server's hover and the REPL.
*/
#include "interp/describe.h"

#include <math.h>
#include <string.h>

#include "check/builtins.h"
#include "interp/vm.h"
#include "util/scen_conf.h"

void describe_number(char *buf, size_t size, double x)
{
	if (!isfinite(x)) {
		snprintf(buf, size, "%s", isnan(x) ? "undefined" : x > 0 ? "infinite" : "-infinite");
		return;
	}
	double ax = fabs(x);
	if (ax != 0 && (ax < 1e-4 || ax >= 1e15)) {
		snprintf(buf, size, "%.6g", x);
		return;
	}
	int decimals = ax == 0 ? 0 : 5 - (int)floor(log10(ax));
	snprintf(buf, size, "%.*f", decimals < 0 ? 0 : decimals, x);
	char *dot = strchr(buf, '.');
	if (dot) {	/* drop trailing zeros, and the point when nothing is left after it */
		char *end = buf + strlen(buf);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

/* A number, and for a probability its percentage: "0.15 (15%)"; a boolean as one. */
static void print_value(FILE *out, const struct attr_def *a, double x)
{
	char num[64], pct[64];
	if (a && a->type == AT_BOOL) {
		fputs(x != 0 ? "true" : "false", out);
		return;
	}
	describe_number(num, sizeof num, x);
	fputs(num, out);
	if (a && a->type == AT_NUMBER && a->lo == 0 && a->hi == 1) {
		describe_number(pct, sizeof pct, x * 100);
		fprintf(out, " (%s%%)", pct);
	}
}

/* The distribution call e stands for: e, or what the lets it names hold. */
static const struct ast_node *distribution(const struct program *p, const struct ast_node *e)
{
	for (unsigned i = 0; e && e->kind == AST_NAME && i < SCEN_MAX_DEPTH; i++) {
		const struct symbol *s = model_find(p->model, e->u.name.text);
		e = s && s->kind == SYM_LET ? s->value->expr : NULL;
	}
	if (!e || e->kind != AST_CALL)
		return NULL;
	const struct builtin *b = builtin_find(e->u.call.fn.text);
	return b && b->kind == B_DIST && (int)e->u.call.nargs == b->min ? e : NULL;
}

enum { MAX_DIST_ARGS = 1024 };	/* choice: 512 values and their chances */

/* The parameters of a distribution call, folded (choice: values, then chances).
** Returns how many, or -1 when one is not constant or they are outside its domain. */
static int dist_params(const struct program *p, const struct ast_node *call, double *a)
{
	int n = 0;
	for (const struct ast_node *arg = call->u.call.args; arg; arg = arg->next) {
		const struct ast_node *x = arg->kind == AST_LIST ? arg->u.list.items : arg;
		for (; x; x = arg->kind == AST_LIST ? x->next : NULL)
			if (n == MAX_DIST_ARGS || !model_fold(p, x, &a[n++]))
				return -1;
	}
	const struct builtin *b = builtin_find(call->u.call.fn.text);
	return b->outside && b->outside(a, (unsigned)n) ? -1 : n;
}

/* "5% 11 · 50% 20 · 95% 29", or why there are none. */
static void print_quantiles(FILE *out, const struct program *p, const struct ast_node *e)
{
	const struct ast_node *call = distribution(p, e);
	double a[MAX_DIST_ARGS];
	int n = call ? dist_params(p, call, a) : -1;
	enum vm_dist d;
	if (n < 0 || !vm_dist_named(call->u.call.fn.text, &d)) {
		fputs("its parameters change from draw to draw", out);
		return;
	}
	static const double at[] = { 0.05, 0.5, 0.95 };
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		char num[64];
		describe_number(num, sizeof num, vm_quantile(d, a, (unsigned)n, at[i]));
		fprintf(out, "%s%g%% %s", i ? " · " : "", at[i] * 100, num);
	}
}

/* What a value of the model is in this file: its number, its quantiles, or neither. */
void describe_value(FILE *out, const struct program *p, const struct vnode *v,
		    const struct attr_def *a)
{
	if (v->uncertain) {
		fputs(": ", out);
		print_quantiles(out, p, v->expr);
	} else if (v->constant) {
		fputs(" → ", out);
		print_value(out, a, v->value);
	} else if (distribution(p, v->expr)) {
		fputs(", a distribution: ", out);
		print_quantiles(out, p, v->expr);
	} else if (!a || a->type == AT_NUMBER) {
		fputs(": not constant, computed in every draw", out);	/* `~` values, events */
	}
}

void describe_expr(FILE *out, const struct program *p, const struct ast_node *e)
{
	double x;
	if (model_fold(p, e, &x)) {
		fputs(" → ", out);
		print_value(out, NULL, x);
	} else if (distribution(p, e)) {
		fputs(", a distribution: ", out);
		print_quantiles(out, p, e);
	} else {
		fputs(": not constant, computed in every draw", out);
	}
}
