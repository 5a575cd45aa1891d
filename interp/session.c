/*
** session.c: load, check, build, run, free (session.h).
*/
#include "interp/session.h"

#include "util/status.h"

int session_load(struct session *s, const char *path)
{
	diag_init(&s->sink);
	program_init(&s->prog);
	s->it = NULL;
	s->result = (struct run_result){ 0 };
	s->loaded = true;
	enum status st = check_load_file(&s->prog, path, &s->sink);
	if (st != STATUS_OK)
		return (int)st;
	if (s->quiet)
		diag_clear(&s->sink);
	else
		diag_flush_stderr(&s->sink);	/* its warnings, before the run */
	s->it = s->unfolded ? interp_new_unfolded(&s->prog)
			    : interp_new(&s->prog);
	return s->it ? STATUS_OK : STATUS_ERRORS;
}

int session_run(struct session *s, const struct run_options *o)
{
	return interp_run(s->it, o, &s->result, &s->sink);
}

void session_free(struct session *s)
{
	if (!s->loaded)
		return;
	run_result_free(&s->result);
	interp_free(s->it);
	diag_flush_stderr(&s->sink);
	program_free(&s->prog);
	diag_free(&s->sink);
	s->loaded = false;
}
