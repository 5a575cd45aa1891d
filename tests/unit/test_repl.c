/*
** test_repl.c: the REPL's text edits (repl/edit.c). Each test parses a text, applies
** one edit, and checks the exact new text, that it still parses, and where the typed
** bytes landed (the span diagnostics are moved by): replace an attribute's value, insert
** a missing attribute (multi-line and one-line blocks, empty blocks), add a block to an
** actor written without one, replace or append an item; and the `owner.attr = expr`
** recogniser.
*/
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "parser/ast.h"
#include "tests/unit/helpers.h"
#include "util/diag.h"
#include "parser/parse.h"
#include "repl/repl.h"

/* Applies line (`owner.attr = expr`) to text and checks the result is want. */
static void edit_attr(const char *text, const char *line, const char *want)
{
	struct parsed *p = parse_ok(text);
	struct repl_assign a;
	cr_assert(repl_parse_assign(line, strlen(line), &a), "not an assignment: %s", line);
	char *owner = strndup(line + a.owner, a.owner_len);
	const struct ast_node *item = repl_find_item(&p->file, owner);
	cr_assert_not_null(item, "no item %s", owner);
	struct repl_text t;
	repl_edit_attr(text, strlen(text), item, line, &a, &t);
	cr_assert_str_eq(t.text, want);
	cr_assert_eq(t.len, strlen(want));
	/* the typed bytes are where the edit says */
	cr_assert_eq(t.n, a.end - a.attr);
	cr_assert(memcmp(t.text + t.at, line + t.from, t.n) == 0);
	parsed_free(parse_ok(t.text));
	free(t.text);
	free(owner);
	parsed_free(p);
}

Test(repl_edit, replaces_a_value)
{
	edit_attr("actor reb : rebels {\n  cost   = 200\n  belief = 60%  # high\n}\n",
		  "reb.belief = 25%",
		  "actor reb : rebels {\n  cost   = 200\n  belief = 25%  # high\n}\n");
}

Test(repl_edit, replaces_a_value_in_a_one_line_block)
{
	edit_attr("actor reb : rebels { cost = 1; belief = 60% }\n", "  reb.cost ~ uniform(1, 2)",
		  "actor reb : rebels { cost ~ uniform(1, 2); belief = 60% }\n");
}

Test(repl_edit, replaces_private_and_drops_a_typed_comment)
{
	edit_attr("actor reb : rebels {\n  cost ~ uniform(1, 2) private\n}\n",
		  "reb.cost = 3   # was uncertain",
		  "actor reb : rebels {\n  cost = 3\n}\n");
}

Test(repl_edit, inserts_a_missing_attribute)
{
	edit_attr("actor gov : state {\n    cost = 200\n}\nstake land { value = 1 }\n",
		  "gov.resolve = 2",
		  "actor gov : state {\n    cost = 200\n    resolve = 2\n}\n"
		  "stake land { value = 1 }\n");
}

Test(repl_edit, inserts_into_a_one_line_block)
{
	edit_attr("stake land { value = 100 }\n", "land.step = 10;",
		  "stake land { value = 100; step = 10 }\n");
}

Test(repl_edit, inserts_into_empty_blocks)
{
	edit_attr("actor x : intervener {}\n", "x.chance = 50%",
		  "actor x : intervener { chance = 50% }\n");
	edit_attr("actor x : intervener {\n}\n", "x.chance = 50%",
		  "actor x : intervener {\n  chance = 50%\n}\n");
}

Test(repl_edit, adds_a_block_to_a_blockless_actor)
{
	edit_attr("actor nato : intervener\nstake land { value = 1 }\n", "nato.chance = 50%",
		  "actor nato : intervener { chance = 50% }\nstake land { value = 1 }\n");
	edit_attr("actor nato : intervener", "nato.chance = 50%",
		  "actor nato : intervener { chance = 50% }");
}

Test(repl_edit, keeps_a_string_with_a_hash)
{
	edit_attr("sanction s {\n  kind = targeted\n}\n", "s.note = \"a # b\"  # c",
		  "sanction s {\n  kind = targeted\n  note = \"a # b\"\n}\n");
}

Test(repl_edit, replaces_or_appends_an_item)
{
	const char *text = "let V = 100\nstake land { value = V }\n";
	struct parsed *p = parse_ok(text);
	struct parsed *q = parse_ok("let V = 200");
	const struct ast_node *same = repl_find_same(&p->file, q->file.items);
	cr_assert_eq(same, p->file.items);
	struct repl_text t;
	repl_edit_item(text, strlen(text), same, "let V = 200", 11, &t);
	cr_assert_str_eq(t.text, "let V = 200\nstake land { value = V }\n");
	cr_assert_eq(t.at, 0);
	free(t.text);
	/* a new item is separated from the last by one blank line, whatever the text ends
	** with: no newline (2 added), one (1 added), a blank line already (none) */
	repl_edit_item("let V = 1", 9, NULL, "let W = 2", 9, &t);
	cr_assert_str_eq(t.text, "let V = 1\n\nlet W = 2\n");
	cr_assert_eq(t.at, 11);	/* 9 bytes + "\n\n" */
	cr_assert_eq(t.n, 9);
	free(t.text);
	repl_edit_item("let V = 1\n", 10, NULL, "let W = 2", 9, &t);
	cr_assert_str_eq(t.text, "let V = 1\n\nlet W = 2\n");
	free(t.text);
	repl_edit_item("let V = 1\n\n", 11, NULL, "let W = 2", 9, &t);
	cr_assert_str_eq(t.text, "let V = 1\n\nlet W = 2\n");
	free(t.text);
	repl_edit_item("", 0, NULL, "let W = 2", 9, &t);
	cr_assert_str_eq(t.text, "let W = 2\n");
	free(t.text);
	parsed_free(q);
	parsed_free(p);
}

Test(repl_edit, finds_the_same_conflict)
{
	struct parsed *p = parse_ok("conflict a vs b over s { win = 1% }\n"
				    "conflict c vs b over s\n");
	struct parsed *q = parse_ok("conflict c vs b over t { win = 2% }");
	cr_assert_eq(repl_find_same(&p->file, q->file.items), p->file.items->next);
	parsed_free(q);
	parsed_free(p);
}

Test(repl_edit, recognises_assignments)
{
	struct repl_assign a;
	cr_assert(repl_parse_assign("kla.cost ~ uniform(1, 2)", 24, &a));
	cr_assert(a.uncertain);
	cr_assert_eq(a.owner, 0);
	cr_assert_eq(a.owner_len, 3);
	cr_assert_eq(a.attr, 4);
	cr_assert_eq(a.attr_len, 4);
	cr_assert_eq(a.end, 24);
	cr_assert(repl_parse_assign("au.over = land", 14, &a));
	cr_assert_not(repl_parse_assign("kla.cost == 3", 13, &a));
	cr_assert_not(repl_parse_assign("let x = 3", 9, &a));
	cr_assert_not(repl_parse_assign(":set draws 3", 12, &a));
	cr_assert_not(repl_parse_assign("kla. cost = 3", 13, &a));
}
