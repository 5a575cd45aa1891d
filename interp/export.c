/*
** export.c: `scen export`: one draw of the model's provocation game, written as a Gambit
** extensive-form game (core/efg.c). The draw is the one `scen run` makes with the same
** seed and draw index: the same stream keys (rng_key), the same draw_model.
*/
#include <stdio.h>
#include <stdlib.h>

#include "interp/interp_int.h"
#include "interp/rng.h"
#include "util/scen_conf.h"
#include "util/xalloc.h"

int interp_export_efg(struct interp *it, const struct run_options *o, uint64_t draw,
		      FILE *out, const char **why)
{
	const struct ijob *job = NULL;
	for (unsigned g = 0; g < it->ngroups && !job; g++)
		for (unsigned j = 0; j < it->groups[g].njobs && !job; j++)
			if (it->groups[g].jobs[j].kind == JOB_GAME)
				job = &it->groups[g].jobs[j];
	if (!job) {
		*why = "the file has no provocation game (no `report provocation by B`)";
		return 1;
	}
	uint64_t seed = o->have_seed ? o->seed : it->seed;
	uint64_t *keys = interp_stream_keys(it, seed);
	struct draw_state d;
	draw_state_init(it, o->types ? o->types : SCEN_SCREEN_TYPES, &d, keys);
	uint32_t *clamped = xcalloc(it->m->norder + 1, sizeof *clamped);
	d.clamped = clamped;
	d.error_vnode = -1;
	d.fault.site = 0;
	d.env.draw = draw;
	struct igroup none = { .slot = -1, .second.slot = -1 };
	vm_clear_failure();
	draw_model(it, &d, &none);
	struct game_draw gd;
	draw_game(it, &d, &it->conflicts[job->conflict], &gd);
	struct draw_error e = DRAW_ERROR_NONE;
	draw_error_note(it, &d, &none, draw, vm_failure(), &e);
	char desc[160];
	snprintf(desc, sizeof desc, "%s, draw %llu of seed %llu", job->what,
		 (unsigned long long)draw + 1, (unsigned long long)seed);
	int status = 0;
	if (e.fault.site) {
		*why = "the arguments of a builtin are outside its domain in this draw "
		       "(`scen run` says where)";
		status = 1;
	} else if (e.vnode >= 0) {
		*why = "a value of this draw is not a number";
		status = 1;
	} else if (core_efg_write(out, &gd.game, it->title, desc) != 0) {
		*why = "the game cannot be written (a payoff is not finite)";
		status = 1;
	}
	draw_state_free(it, &d);
	free(clamped);
	free(keys);
	return status;
}
