/*
** conflict.h: the conflicts the core's unit tests start from (shared by test_core.c,
** test_mediate.c and test_edges.c).
*/
#ifndef SCEN_TEST_CONFLICT_H
#define SCEN_TEST_CONFLICT_H

#include <math.h>

#include "core/core.h"

/* A unitary, fully committed conflict over V with true chance win: no intervener, no
** sanctions, no costs, beliefs and expectations unset (so both sides believe p). */
static inline struct core_conflict plain(double V, double win)
{
	struct core_conflict c = {
		.value = V, .divisible = true, .win = win, .win_if_in = win, .will = 1,
		.leaders_share = 1, .leaders_cost = 1,
	};
	c.state = (struct core_party){ .resolve = 1, .belief = NAN, .expects = NAN };
	c.rebels = c.state;
	return c;
}

/* A sum of sanctions that does not depend on intervention. */
static inline struct core_sanctions flat(double v)
{
	return (struct core_sanctions){ .if_in = v, .if_out = v };
}

#endif
