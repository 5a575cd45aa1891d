/*
** complete.c: tab completion for the REPL. The word under the cursor is completed
** from, in order:
**   - `:xxx` at the start of the line: the commands;
**   - the argument of `:load`, `:save` and `:import`: file names, through folders
**     (readline's own completer, with `/` not breaking the word);
**   - `name.xxx`: the attributes of name's role (check/attrs.h), when name is a symbol of
**     the current model that has a role (an actor, stake, sanction or mediation);
**   - the word after `sweep`: the lets and the names that have attributes, since a sweep
**     varies one of them (not the keywords);
**   - anything else: keywords, roles and the current model's symbol names.
** A name that has attributes is completed without the trailing space, so that `.` can
** follow it (`ser<TAB>` gives `serbia`, then `.cap<TAB>` gives `serbia.capacity `).
** The model is read through a pointer at each TAB, so completion follows the session.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "check/model.h"
#include "repl/repl.h"
#include "util/xalloc.h"

static const struct model *const *current;

static const char *const keywords[] = {
	"scenario", "import", "let", "fn", "stake", "actor", "conflict", "vs", "over",
	"sanction", "mediation", "report", "sweep", "from", "to", "step", "if", "then", "else",
	"and", "or", "not", "private", "true", "false", "settlement", "provocation", "by",
	NULL,
};

/* The candidates of one completion, built when it starts. */
static struct {
	char **words;
	size_t n, cap, next;
} cands;

static void cands_reset(void)
{
	for (size_t i = 0; i < cands.n; i++)
		free(cands.words[i]);
	cands.n = cands.next = 0;
}

/* Adds prefix + word when it starts with what was typed. */
static void cands_add(const char *prefix, size_t plen, const char *word, const char *typed)
{
	char *w = xmalloc(plen + strlen(word) + 1);
	memcpy(w, prefix, plen);
	strcpy(w + plen, word);
	bool dup = strncmp(w, typed, strlen(typed)) != 0;
	for (size_t i = 0; !dup && i < cands.n; i++)	/* a name may also be a keyword */
		dup = strcmp(cands.words[i], w) == 0;
	if (dup) {
		free(w);
		return;
	}
	if (cands.n == cands.cap) {
		cands.cap = cands.cap ? 2 * cands.cap : 32;
		cands.words = xrealloc(cands.words, cands.cap * sizeof *cands.words);
	}
	cands.words[cands.n++] = w;
}

/* `owner.` + each attribute of owner's role. */
static void add_attrs(const char *typed, const char *dot)
{
	const struct model *m = *current;
	size_t plen = (size_t)(dot - typed) + 1;
	char *owner = xmalloc(plen);
	memcpy(owner, typed, plen - 1);
	owner[plen - 1] = '\0';
	const struct symbol *s = m ? model_find(m, owner) : NULL;
	free(owner);
	if (!s || !s->role)
		return;
	for (size_t i = 0; i < s->role->nattrs; i++)
		cands_add(typed, plen, s->role->attrs[i].name, typed);
}

/* The lets and the names with attributes: what a sweep can vary. */
static void add_sweepable(const char *typed)
{
	if (*current)
		for (const struct symbol *s = (*current)->symbols; s; s = s->next_in_order)
			if (s->kind == SYM_LET || s->role)
				cands_add("", 0, s->name, typed);
}

static void add_words(const char *typed)
{
	for (size_t i = 0; keywords[i]; i++)
		cands_add("", 0, keywords[i], typed);
	for (size_t i = 0; i < NROLES; i++)
		if (roles[i].is_role)
			cands_add("", 0, roles[i].name, typed);
	if (*current)
		for (const struct symbol *s = (*current)->symbols; s; s = s->next_in_order)
			cands_add("", 0, s->name, typed);
}

/* True when the word before the one being completed (which starts at start) is `sweep`. */
static bool after_sweep(int start)
{
	int e = start;
	while (e > 0 && (rl_line_buffer[e - 1] == ' ' || rl_line_buffer[e - 1] == '\t'))
		e--;
	if (e == start || e < 5 || strncmp(rl_line_buffer + e - 5, "sweep", 5) != 0)
		return false;
	return e == 5 || strchr(" \t:", rl_line_buffer[e - 6]) != NULL;
}

static bool sweeping;	/* set by complete for generate */

static char *generate(const char *typed, int state)
{
	if (state == 0) {
		cands_reset();
		const char *dot = strchr(typed, '.');
		if (typed[0] == ':')
			for (size_t i = 0; repl_command_name(i); i++)
				cands_add("", 0, repl_command_name(i), typed);
		else if (dot)
			add_attrs(typed, dot);
		else if (sweeping)
			add_sweepable(typed);
		else
			add_words(typed);
	}
	return cands.next < cands.n ? xstrdup(cands.words[cands.next++]) : NULL;
}

/* True when the line starts with a command whose argument is a file. */
static bool wants_file(void)
{
	static const char *const file_cmds[] = { ":load ", ":save ", ":import ", "import ", NULL };
	const char *l = rl_line_buffer;
	while (*l == ' ' || *l == '\t')
		l++;
	for (size_t i = 0; file_cmds[i]; i++)
		if (strncmp(l, file_cmds[i], strlen(file_cmds[i])) == 0)
			return true;
	return false;
}

/* True when word, the only completion, names something with attributes. */
static bool takes_dot(const char *word)
{
	const struct symbol *s = *current && !strchr(word, '.') ? model_find(*current, word) : NULL;
	return s && s->role;
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	if (wants_file() && start > 0)
		return NULL;	/* readline's file name completion */
	rl_attempted_completion_over = 1;
	sweeping = after_sweep(start);
	char **m = rl_completion_matches(text, generate);
	if (m && !m[1] && takes_dot(m[0]))
		rl_completion_append_character = '\0';
	return m;
}

static char breaks[] = " \t\n\"'`@$><=;|&{([,+-*/^~!";
static char file_breaks[] = " \t\n\"'";

/* A file name's word runs through its folders: `/` does not break it. */
static char *word_breaks(void)
{
	return wants_file() ? file_breaks : NULL;
}

void repl_complete_init(const struct model *const *model)
{
	current = model;
	rl_readline_name = "scen";
	rl_attempted_completion_function = complete;
	rl_basic_word_break_characters = breaks;
	rl_completer_word_break_characters = breaks;
	rl_completion_word_break_hook = word_breaks;
}

void repl_complete_free(void)
{
	cands_reset();
	free(cands.words);
	cands.words = NULL;
	cands.cap = 0;
}
