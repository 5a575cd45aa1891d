/*
** hover.c: what the name under the cursor is, in markdown.
**
**   - an attribute (in its block, or `owner.attr`): its meaning, unit, values and
**     default from the attribute table (check/attrs.c, as `scen attrs` prints them),
**     then its value in this file: the number it folds to, or for `~` the
**     distribution and its 5%, 50% and 95% quantiles, computed by the interpreter's
**     own quantile functions (interp/vm.c, GSL) at the parameters the checker folds;
**   - an actor, stake, let, fn, sanction, mediation or parameter: what it is and its
**     definition line (and for a let its value, as for an attribute);
**   - a builtin: its signature and the domain of its arguments (check/builtins.c);
**   - a role: what it is and the attributes it takes; an event; a choice; an import.
** Values need a model, so a file with errors shows the text of a value, not its value.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/attrs.h"
#include "check/builtins.h"
#include "lsp/lsp_int.h"
#include "check/model.h"
#include "parser/print.h"
#include "util/scen_conf.h"
#include "interp/describe.h"

/* The value slots of the block item in the model (NULL when the model has none). */
static struct vnode *const *block_slots(const struct model *m, const struct ast_node *block)
{
	if (block->kind == AST_SCENARIO)
		return m->scenario == block ? m->scenario_attrs : NULL;
	if (block->kind == AST_CONFLICT) {
		for (const struct conflict_info *k = m->conflicts; k; k = k->next)
			if (k->item == block)
				return k->attrs;
		return NULL;
	}
	const struct symbol *s = model_find(m, ast_item_name(block));
	return s && s->item == block ? s->attrs : NULL;
}

/* "**In this file:** `kla.cost ~ uniform(5, 15) private`: 5% 5.5 · ..." */
static void print_attr_here(FILE *out, const struct analysis *an, const struct ast_node *block,
			    const struct attr_def *a)
{
	const struct role_def *r = item_role(block);
	const char *owner = ast_item_name(block);
	const struct ast_node *set = NULL;
	for (const struct ast_node *x = item_attrs(block); x && !set; x = x->next)
		if (strcmp(x->u.attr.name.text, a->name) == 0)
			set = x;
	fputs("\n\n**In this file:** ", out);
	if (!set) {
		fprintf(out, "not set: the default, %s", a->flags & AF_REQUIRED ? "none (required)"
			: a->dflt);
		return;
	}
	fprintf(out, "`%s%s", owner ? owner : "", owner ? "." : "");
	print_item(out, set);
	fputc('`', out);
	const struct model *m = an->prog.model;
	struct vnode *const *slots = m ? block_slots(m, block) : NULL;
	const struct vnode *v = slots ? slots[a - r->attrs] : NULL;
	if (v)
		describe_value(out, &an->prog, v, a);
	else if (!m && (a->type == AT_NUMBER || a->type == AT_BOOL))
		fputs(" (no value: the file has errors)", out);
}

/* ---- what each kind of name shows ---- */

static bool hover_attr(FILE *out, const struct analysis *an, const struct occ *o)
{
	const struct ast_node *block = o->block;
	const struct role_def *r = block ? item_role(block) : NULL;
	const struct attr_def *a = r ? attr_find(r, o->name) : NULL;
	if (!a)
		return false;
	fprintf(out, "**`%s`**", a->name);
	if (block->kind == AST_CONFLICT)
		fprintf(out, " of the conflict `%s vs %s`", block->u.conflict.state.text,
			block->u.conflict.rebels.text);
	else if (block->kind == AST_SCENARIO)
		fputs(", a setting of the scenario", out);
	else
		fprintf(out, " of `%s` (%s)", ast_item_name(block), r->name);
	char say[VOCAB_SAY_MAX];
	fprintf(out, "\n\n%s\n\n", vocab_say(say, sizeof say, a->meaning, &vocabs[r->vocab]));
	fputs("*values* ", out);
	attrs_print_range(out, a);
	if (*a->unit && strcmp(a->unit, "probability") != 0)
		fprintf(out, ", %s", a->unit);
	fprintf(out, " · %s%s", a->flags & AF_REQUIRED ? "*required*" : "*default* ",
		a->flags & AF_REQUIRED ? "" : a->dflt);
	print_attr_here(out, an, block, a);
	return true;
}

/* The source line holding offset, without its line break. */
static void print_line(FILE *out, const struct srcfile *f, uint32_t offset)
{
	uint32_t bol = offset, eol = offset;
	while (bol > 0 && f->text[bol - 1] != '\n')
		bol--;
	while (eol < f->len && f->text[eol] != '\n')
		eol++;
	if (eol > bol && f->text[eol - 1] == '\r')
		eol--;
	fwrite(f->text + bol, 1, eol - bol, out);
}

/* "```scen\nlet V = 100\n```\nline 29" (and the file, when it is another). */
static void print_definition(FILE *out, const struct analysis *an, const struct occ *def)
{
	const struct srcfile *f = &def->file->ast.src;
	fputs("\n\n```scen\n", out);
	print_line(out, f, def->span.start);
	fprintf(out, "\n```\nline %u", srcfile_pos(f, def->span.start).line);
	if (def->file != an->main)
		fprintf(out, " of `%s`", f->name);
}

static void print_let_here(FILE *out, const struct analysis *an, const struct ast_node *item)
{
	const struct model *m = an->prog.model;
	const struct symbol *s = m ? model_find(m, item->u.let.name.text) : NULL;
	if (s && s->item == item && s->value) {
		fprintf(out, "\n\n**In this file:** `%s`", s->name);
		describe_value(out, &an->prog, s->value, NULL);
	}
}

static bool hover_symbol(FILE *out, const struct analysis *an, const struct occ *o)
{
	const struct occ *def = index_definition(&an->index, o);
	if (!def)
		return false;
	const struct ast_node *item = def->scope;
	if (def->what == OCC_PARAM) {
		fprintf(out, "**parameter** `%s` of fn `%s`", def->name, item->u.fn.name.text);
	} else if (item->kind == AST_ACTOR) {
		const struct role_def *r = item_role(item);
		fprintf(out, "**actor** `%s` : %s", def->name, item->u.actor.role.text);
		if (r)
			fprintf(out, " (%s)", r->what);
	} else {
		fprintf(out, "**%s** `%s`", ast_kind_name(item->kind), def->name);
	}
	print_definition(out, an, def);
	if (def->what == OCC_SYMBOL && item->kind == AST_LET)
		print_let_here(out, an, item);
	return true;
}

static bool hover_role(FILE *out, const struct occ *o)
{
	const struct role_def *r = role_find(o->name, true);
	if (!r)
		return false;
	fprintf(out, "**role** `%s`: %s\n\n", r->name, r->what);
	if (r->nattrs == 0)
		fputs("no attributes", out);
	for (size_t i = 0; i < r->nattrs; i++)
		fprintf(out, "%s`%s`", i ? ", " : "attributes: ", r->attrs[i].name);
	return true;
}

static bool hover_builtin(FILE *out, const struct occ *o)
{
	const struct builtin *b = builtin_find(o->name);
	if (!b)
		return false;
	static const char *const kind[] = {
		[B_MATH] = "a builtin function",
		[B_DIST] = "a distribution: drawn anew in every Monte Carlo draw when given with `~`",
		[B_EVENT] = "an event of a mediation, usable in a sanction's `when`",
		[B_PROVOCATION] = "1 when B provoked in the outcome, else 0 (in a sanction)",
	};
	fprintf(out, "```scen\n%s\n```\n%s", b->sig, kind[b->kind]);
	if (b->needs)
		fprintf(out, "; needs %s", b->needs);
	return true;
}

/* An event, or one of the choices of the attribute whose value o is. */
static bool hover_word(FILE *out, const struct occ *o)
{
	if (word_in_list(check_event_names(), o->name)) {
		fprintf(out, "**event** `%s`, usable in a sanction's `when`", o->name);
		return true;
	}
	const struct role_def *r = item_role(o->scope);
	for (const struct ast_node *x = item_attrs(o->scope); r && x; x = x->next) {
		const struct attr_def *a = attr_find(r, x->u.attr.name.text);
		if (x->u.attr.value == o->node && a && a->type == AT_CHOICE &&
		    word_in_list(a->choices, o->name)) {
			fprintf(out, "**`%s`**, a value of `%s`: ", o->name, a->name);
			attrs_print_range(out, a);
			return true;
		}
	}
	return false;
}

static bool hover_import(FILE *out, const struct analysis *an, const struct occ *o)
{
	const struct loaded_file *f = import_target(&an->prog, o->file, o->scope);
	if (!f)
		return false;
	fprintf(out, "**import** `%s`: `%s`", o->name, f->real);
	return true;
}

static bool hover_text(FILE *out, const struct analysis *an, const struct occ *o)
{
	switch (o->what) {
	case OCC_SYMBOL:
	case OCC_PARAM: return hover_symbol(out, an, o);
	case OCC_ATTR: return hover_attr(out, an, o);
	case OCC_ROLE: return hover_role(out, o);
	case OCC_BUILTIN: return hover_builtin(out, o);
	case OCC_WORD: return hover_word(out, o);
	case OCC_IMPORT: return hover_import(out, an, o);
	}
	return false;
}

json_t *hover(const struct doc *d, struct lsp_pos at)
{
	const struct analysis *an = d->an;
	const struct occ *o = index_at(&an->index, an->main, linemap_offset(&d->lines, at));
	char *text = NULL;
	size_t len = 0;
	FILE *out = o ? open_memstream(&text, &len) : NULL;
	if (!out)
		return json_null();
	bool any = hover_text(out, an, o);
	fclose(out);
	json_t *r = any ? json_pack("{s:{s:s,s:o},s:o}", "contents", "kind", "markdown",
				    "value", jtextn(text, len), "range", jrange(&d->lines, o->span))
			: json_null();
	free(text);
	return r;
}
