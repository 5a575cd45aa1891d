/*
** cmd_repl.c: `scen repl [FILE]`: the arguments; the session itself is repl/ (repl_main).
*/

#include "cli/cli.h"
#include "repl/repl.h"

int cmd_repl(int argc, char **argv)
{
	if (argc > 2)
		return cli_usage_error("repl", "one FILE at a time");
	if (argc == 2 && argv[1][0] == '-')
		return cli_usage_error("repl", "unknown option '%s'", argv[1]);
	return repl_main(argc == 2 ? argv[1] : NULL);
}
