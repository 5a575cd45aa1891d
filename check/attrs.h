/*
** attrs.h: the attributes each kind of block accepts. One table drives the checker
** (names, types, ranges, required attributes), `scen attrs` and the tables in
** docs/language.md, and later the REPL's completion. Meanings and defaults are core.md's.
*/
#ifndef SCEN_ATTRS_H
#define SCEN_ATTRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What an attribute's value must be. */
enum attr_type {
	AT_NUMBER,	/* a number (or `~` a distribution of numbers) in [lo, hi] */
	AT_BOOL,	/* true or false */
	AT_STRING,	/* a string */
	AT_CHOICE,	/* one of the names in `choices`, written bare */
	AT_ACTOR,	/* an actor's name, of one of the roles in `roles` */
	AT_ACTORS,	/* a list of actors' names, of the roles in `roles` */
	AT_STAKE,	/* a stake's name */
	AT_CONDITION	/* a boolean expression over events (a sanction's `when`) */
};

/* Flags on a numeric attribute. */
enum {
	AF_INTEGER = 1,		/* a whole number */
	AF_LO_OPEN = 2,		/* strictly above lo */
	AF_REQUIRED = 4,	/* must be given */
	AF_SETTING = 8,		/* fixed at check time: no `~`, no references */
	/* Where a value enters the bargaining range (core.md §1), for `private`, which is
	** allowed only on the rebels' values that enter x_min and not x_max (§2). */
	AF_XMIN = 16,		/* enters x_min */
	AF_XMAX = 32,		/* enters x_max */
	AF_XSIDE = 64		/* enters the side it acts on: a client's, a target's */
};

struct attr_def {
	const char *name;
	enum attr_type type;
	unsigned flags;
	double lo, hi;		/* AT_NUMBER: the valid range (hi may be HUGE_VAL) */
	const char *unit;	/* "stake units", "probability", ... */
	const char *dflt;	/* the default, as the docs say it; "" when required */
	double dflt_value;	/* the default as a number; NAN when derived or none */
	const char *choices;	/* AT_CHOICE: names separated by '|'; AT_ACTOR(S): roles */
	const char *meaning;
};

/* The words of a conflict's two sides. A civil war's sides are a state and rebels; an
** interstate conflict's, the same model under other names, a defender (the state's
** place) and a challenger (the rebels'). Reports, `scen attrs`, the REPL and the
** language server say the words of the roles a file used. */
enum vocab_id { VOCAB_CIVIL, VOCAB_INTERSTATE, NVOCABS };

struct vocab {
	const char *state, *rebels;		/* the roles: "state", "rebels" */
	const char *the_state, *the_rebels;	/* "the state", "the rebels" */
	const char *state_s, *rebels_s;		/* possessive: "state's", "rebels'" */
	const char *rebels_pl;			/* "rebels", "challengers" */
	const char *their;			/* the rebels' pronoun: "their", "its" */
};

extern const struct vocab vocabs[NVOCABS];

/* text with its placeholders in v's words: {S} the state, {R} the rebels, {S'} and {R'}
** their possessives, {Rs} the plural, {their} the pronoun. Writes at most size bytes
** (NUL included) and returns buf. */
#define VOCAB_SAY_MAX 256	/* enough for any meaning in the tables */
char *vocab_say(char *buf, size_t size, const char *text, const struct vocab *v);

/* A block kind: an actor role (state, rebels, ...) or an item (stake, conflict, ...). */
struct role_def {
	const char *name;
	bool is_role;			/* an actor role, as opposed to an item kind */
	const char *what;		/* one line for the docs (placeholders as vocab_say's) */
	const struct attr_def *attrs;
	size_t nattrs;
	const struct role_def *model;	/* the role whose model it shares (defender: the
					** state's), or NULL for its own */
	enum vocab_id vocab;		/* whose words its meanings and reports say */
};

enum {
	ROLE_STATE, ROLE_REBELS, ROLE_DEFENDER, ROLE_CHALLENGER, ROLE_POPULATION, ROLE_INTERVENER, ROLE_MEDIATOR,
	ROLE_COERCER, ROLE_PATRON,
	BLOCK_SCENARIO, BLOCK_STAKE, BLOCK_CONFLICT, BLOCK_SANCTION, BLOCK_MEDIATION,
	NROLES
};

extern const struct role_def roles[NROLES];

/* The role (or block kind) called name; NULL when none. Only actor roles when
** roles_only. */
const struct role_def *role_find(const char *name, bool roles_only);
const struct attr_def *attr_find(const struct role_def *r, const char *name);
/* The role whose model r follows: the state for a defender, the rebels for a
** challenger, r itself for every other. */
const struct role_def *role_model(const struct role_def *r);
/* True when r is the role roles[id] or follows its model. */
bool role_is(const struct role_def *r, unsigned id);
/* True when r, or the role whose model it follows, is in the '|'-separated list (false
** for no role). */
bool role_in_list(const char *list, const struct role_def *r);
/* True when name is one of the '|'-separated words in list. */
bool word_in_list(const char *list, const char *name);

/* An attribute's valid values in words, as `scen attrs` prints them ("0 to 1", "≥ 0",
** "an actor: rebels", ...). */
void attrs_print_range(FILE *out, const struct attr_def *a);

/* The table as text (one role, or all when role is NULL) or as markdown. Returns false
** when role names no role. */
bool attrs_print(FILE *out, const char *role, bool markdown);

#endif
