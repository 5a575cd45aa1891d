/*
** navigate.c: go to definition and find references, over the index (index.c).
**
** Definition: a symbol's or parameter's definition; an attribute's line in its block
** (or, when the block does not set it, the block's name); an import's file. A name
** that is defined nowhere (an event, a role, a builtin) has none. References: every
** occurrence that names the same thing, in every file of the program, in load order.
*/
#include "lsp/lsp_int.h"

static const struct occ *occ_at(const struct doc *d, struct lsp_pos at)
{
	const struct analysis *an = d->an;
	return index_at(&an->index, an->main, linemap_offset(&d->lines, at));
}

json_t *definition(const struct doc *d, struct lsp_pos at)
{
	const struct analysis *an = d->an;
	const struct occ *o = occ_at(d, at);
	if (!o)
		return json_null();
	if (o->what == OCC_IMPORT) {
		const struct loaded_file *f = import_target(&an->prog, o->file, o->scope);
		return f ? jlocation(d, f, (struct span){ 0, 0 }) : json_null();
	}
	const struct occ *def = index_definition(&an->index, o);
	if (!def && o->what == OCC_ATTR && o->block)	/* not set: the block it is of */
		def = index_symbol(&an->index, o->owner);
	return def ? jlocation(d, def->file, def->span) : json_null();
}

json_t *references(const struct doc *d, struct lsp_pos at, bool with_declaration)
{
	const struct analysis *an = d->an;
	const struct occ *o = occ_at(d, at);
	json_t *list = json_array();
	for (size_t i = 0; o && i < an->index.n; i++) {
		const struct occ *x = &an->index.v[i];
		if ((with_declaration || !x->def) && index_same(&an->index, o, x))
			json_array_append_new(list, jlocation(d, x->file, x->span));
	}
	return list;
}
