/*
** session.c: load, check, build, run, free (session.h).
*/
#include "interp/session.h"

#include <assert.h>

#include "util/status.h"

struct diag_sink *session_sink(struct session *s)
{
	return s->to ? s->to : &s->sink;
}

static void session_init(struct session *s)
{
	diag_init(&s->sink);
	program_init(&s->prog);
	s->it = NULL;
	s->result = (struct run_result){ 0 };
	s->loaded = true;
}

int session_load(struct session *s, const char *path)
{
	session_init(s);
	enum status st = check_load_file(&s->prog, path, session_sink(s));
	if (st != STATUS_OK)
		return (int)st;
	if (s->quiet)
		diag_clear(session_sink(s));
	else if (!s->to)
		diag_flush_stderr(&s->sink);	/* its warnings, before the run */
	return session_build(s) ? STATUS_OK : STATUS_ERRORS;
}

int session_load_text(struct session *s, const char *name, const char *text, size_t len)
{
	session_init(s);
	enum status st = check_load_text(&s->prog, name, text, len, session_sink(s));
	if (st == STATUS_OK && !s->prog.model)
		st = STATUS_ERRORS;
	return (int)st;
}

bool session_build(struct session *s)
{
	assert(s->loaded && s->prog.model);
	if (!s->it)
		s->it = s->unfolded ? interp_new_unfolded(&s->prog) : interp_new(&s->prog);
	return s->it != NULL;
}

int session_run(struct session *s, const struct run_options *o)
{
	if (!session_build(s))
		return STATUS_ERRORS;
	run_result_free(&s->result);
	s->result = (struct run_result){ 0 };
	return interp_run(s->it, o, &s->result, session_sink(s));
}

void session_free(struct session *s)
{
	if (!s->loaded)
		return;
	run_result_free(&s->result);
	interp_free(s->it);
	if (!s->to)
		diag_flush_stderr(&s->sink);
	program_free(&s->prog);
	diag_free(&s->sink);
	s->loaded = false;
}
