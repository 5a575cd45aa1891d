/*
** test_check.c: the checker (check/) end to end: texts loaded with check_load_text and
** files with check_load_file, asserting the status and the exact message and position
** of each diagnostic; the examples checking clean; shadowing of a stdlib module's
** names; each file loaded once; the prelude; long chains and cycles of lets (no stack
** overflow, one error); the model built from a clean program; "did you mean"
** suggestions; and the invariants of the attribute tables.
*/
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "check/check_int.h"
#include "util/diag.h"
#include "util/scen_conf.h"

/* One checked program with its diagnostics. */
struct checked {
	struct program prog;
	struct diag_sink sink;
	enum status status;
};

static struct checked *check_text(const char *text)
{
	struct checked *k = calloc(1, sizeof *k);
	program_init(&k->prog);
	diag_init(&k->sink);
	k->status = check_load_text(&k->prog, "t.scen", text, strlen(text), &k->sink);
	return k;
}

static struct checked *check_file(const char *path)
{
	struct checked *k = calloc(1, sizeof *k);
	program_init(&k->prog);
	diag_init(&k->sink);
	k->status = check_load_file(&k->prog, path, &k->sink);
	return k;
}

static void checked_free(struct checked *k)
{
	diag_free(&k->sink);
	program_free(&k->prog);
	free(k);
}

/* Logs the errors (warnings are allowed where an error is not). */
static void log_diags(const struct checked *k)
{
	for (const struct diag *d = k->sink.first; d; d = d->next) {
		struct srcpos pos = d->file ? srcfile_pos(d->file, d->span.start)
					    : (struct srcpos){ 0, 0 };
		if (d->level == DIAG_ERROR)
			cr_log_error("%s:%u:%u: %s", d->file ? d->file->name : "-", pos.line,
				     pos.col, d->msg);
	}
}

static struct checked *check_ok(const char *text)
{
	struct checked *k = check_text(text);
	log_diags(k);
	cr_assert_eq(k->status, STATUS_OK, "not OK:\n%s", text);
	cr_assert_eq(k->sink.errors, 0);
	cr_assert_not_null(k->prog.model);
	return k;
}

/* text must give exactly one error, msg at line:col (notes aside). */
static void check_one(const char *text, unsigned line, unsigned col, const char *msg)
{
	struct checked *k = check_text(text);
	if (k->sink.errors != 1 || strcmp(k->sink.first->msg, msg) != 0)
		log_diags(k);
	cr_assert_eq(k->status, STATUS_ERRORS, "no error in:\n%s", text);
	cr_assert_null(k->prog.model);
	cr_assert_eq(k->sink.errors, 1, "%u errors in:\n%s", k->sink.errors, text);
	const struct diag *d = k->sink.first;
	cr_assert_eq(d->level, DIAG_ERROR);
	cr_assert_str_eq(d->msg, msg);
	struct srcpos pos = srcfile_pos(d->file, d->span.start);
	cr_assert_eq(pos.line, line, "line %u, not %u, for %s", pos.line, line, msg);
	cr_assert_eq(pos.col, col, "column %u, not %u, for %s", pos.col, col, msg);
	checked_free(k);
}

static const struct symbol *find_sym(const struct model *m, const char *name)
{
	const struct symbol *found = NULL;
	for (const struct symbol *s = m->symbols; s; s = s->next_in_order)
		if (strcmp(s->name, name) == 0)
			found = s;
	return found;
}

static unsigned count_files(const struct program *p)
{
	unsigned n = 0;
	for (const struct loaded_file *f = p->files; f; f = f->next)
		n++;
	return n;
}

#define BASE "actor serbia : state\nactor kla : rebels\nstake kosovo { value = 100 }\n" \
	     "conflict serbia vs kla over kosovo { win = 10% }\n"

/* ---- diagnostics: message and position ---- */

Test(check, unknown_names_suggest_the_nearest)
{
	check_one("actor kla : rebel", 1, 13, "unknown role `rebel`; did you mean `rebels`?");
	check_one("actor kla : rebels {\n  leader_share = 90%\n}", 2, 3,
		  "unknown attribute `leader_share` for a rebels actor; did you mean "
		  "`leaders_share`?");
	check_one(BASE "report settlement serbia vs kal", 5, 29,
		  "unknown actor `kal`; did you mean `kla`?");
	check_one("actor serbia : state\nactor kla : rebels\nstake kosovo { value = 1 }\n"
		  "conflict serbia vs kla over kosov { win = 1% }", 4, 29,
		  "unknown stake `kosov`; did you mean `kosovo`?");
	check_one("fn share(a, b) = a / b\nlet x = shar(1, 2)", 2, 9,
		  "unknown function `shar`; did you mean `share`?");
	check_one("let x = sqr(4)", 1, 9, "unknown function `sqr`; did you mean `sqrt`?");
	check_one("let value_a = 1\nlet x = value_b", 2, 9,
		  "unknown name `value_b`; did you mean `value_a`?");
	check_one("let V = 1\nlet x = quantity", 2, 9, "unknown name `quantity`");
	check_one("let x = x1", 1, 9, "unknown name `x1`");	/* not itself */
}

Test(check, duplicates_have_a_note)
{
	struct checked *k = check_text("let V = 1\nactor V : state");
	cr_assert_eq(k->sink.errors, 1);
	const struct diag *d = k->sink.first;
	cr_assert_str_eq(d->msg, "`V` is already defined");
	cr_assert_eq(srcfile_pos(d->file, d->span.start).line, 2);
	cr_assert_not_null(d->notes);
	cr_assert_str_eq(d->notes->msg, "first defined here, as a let");
	cr_assert_eq(srcfile_pos(d->notes->file, d->notes->span.start).col, 5);
	checked_free(k);
	check_one("stake s {\n  value = 1\n  value = 2\n}", 3, 3, "`value` is set twice");
	check_one("let max = 1", 1, 5, "`max` is a builtin function; choose another name");
	check_one("fn settled(x) = x", 1, 4, "`settled` is an event; choose another name");
}

Test(check, types_and_arity)
{
	check_one("let x = clamp(1, 2)", 1, 9, "`clamp` takes 3 arguments, but 2 were given");
	check_one("let x = min(1)", 1, 9, "`min` takes at least 2 arguments, but 1 was given");
	check_one("fn f(a) = a\nlet x = f(1, 2)", 2, 9, "`f` takes 1 argument, but 2 were given");
	check_one("actor s : state { cost ~ 20 }", 1, 26,
		  "`~` needs a distribution, but `20` is a number; did you mean `cost = 20`?");
	check_one("actor s : state { cost = normal(1, 2) }", 1, 26,
		  "`normal(1, 2)` is a distribution, drawn only with `~`; did you mean "
		  "`cost ~ normal(1, 2)`?");
	check_one("let x = 1 + beta(1, 2)", 1, 13,
		  "`beta(1, 2)` is a distribution where a number is needed; draw from it with "
		  "`~` (an attribute or `let NAME ~ ...`)");
	check_one("let x = if 1 < 2 then 1 else true", 1, 30,
		  "the branches of `if` differ: `then` gives a number, `else` a boolean");
	check_one("let x = 2 * (1 < 2)", 1, 13, "expected a number, but `(1 < 2)` is a boolean");
	/* a fn or a let may give a boolean, typed from its definition wherever it is */
	struct checked *k = check_ok("let z = if big(1) then 1 else 2\nfn big(v) = v > 10\n"
				     "stake s { divisible = d }\nlet d = not big(20)");
	checked_free(k);
	check_one("let x = d * 2\nlet d = s.divisible\nstake s { value = 1 }", 1, 9,
		  "expected a number, but `d` is a boolean");
	check_one("let x = 2 * big(3)\nfn big(v) = v > 10", 1, 13,
		  "expected a number, but `big(3)` is a boolean");
	check_one("let x = war", 1, 9, "event `war` can only be used in a sanction (its "
		  "`when`, `cost` or `benefit`)");
	check_one("stake s { divisible ~ bernoulli(0.5) }", 1, 11,
		  "`divisible` cannot be uncertain (`~`): it is not a number");
}

Test(check, values_out_of_range)
{
	check_one("actor k : rebels { belief = 101% }", 1, 29, "`belief` is a probability: it "
		  "must be between 0 and 1 (0% and 100%), but it is 1.01");
	check_one("stake s { value = -1 }", 1, 19, "`value` must be at least 0, but it is -1");
	check_one("actor k : rebels { resolve = 0 }", 1, 30,
		  "`resolve` must be above 0, but it is 0");
	check_one("scenario \"x\" { draws = 0 }", 1, 24, "`draws` must be " SCEN_DRAWS_RANGE ", but it is 0");
	check_one("actor s : state { challengers = 1.5 }", 1, 33,
		  "`challengers` must be a whole number, but it is 1.5");
	check_one("let x = 1 / (1 - 1)", 1, 9, "division by zero in `1 / (1 - 1)`");
	check_one("let x = exp(1000)", 1, 9, "`exp(1000)` overflows: it is infinite");
	check_one("let x = log(-1)", 1, 9, "`log(-1)` is undefined: `log(x)` needs x > 0");
	check_one("actor s : state { cost ~ uniform(3, 1) }", 1, 26,
		  "bad distribution `uniform(3, 1)`: `uniform(a, b)` needs a < b");
	check_one("actor s : state { belief ~ uniform(-1, 1) }", 1, 28,
		  "`uniform(-1, 1)` can draw values outside the range of `belief` (0 to 1)");
	check_one("actor s : state { cost ~ uniform(-1, 1) }", 1, 26,
		  "`uniform(-1, 1)` can draw values outside the range of `cost` (at least 0)");
	/* a value folded through a fn and a let */
	check_one("fn half(x) = x / 2\nlet h = half(3)\nactor k : rebels { belief = h }", 3, 29,
		  "`belief` is a probability: it must be between 0 and 1 (0% and 100%), but it "
		  "is 1.5");
}

Test(check, relations)
{
	check_one("actor a : state\nactor b : state\nstake s { value = 1 }\n"
		  "conflict a vs b over s { win = 1% }", 4, 15,
		  "`b` is a state, but the second side of a conflict must be rebels or a challenger");
	check_one(BASE "conflict serbia vs kla over kosovo { win = 20% }", 5, 1,
		  "a second conflict between `serbia` and `kla`");
	check_one(BASE "report settlement kla vs serbia", 5, 1, "no conflict between `kla` and "
		  "`serbia`; the state comes first: `report settlement serbia vs kla`");
	check_one(BASE "report provocation by serbia", 5, 23,
		  "`serbia` is not the rebel side of any conflict");
	check_one(BASE "actor m : mediator\nmediation au { by = m; parties = [serbia, kla]; "
		  "over = kosovo; proposal = 50% }\nreport mediation ua", 7, 18,
		  "`ua` is not a mediation; did you mean `au`?");
	check_one(BASE "actor m : coercer\nmediation au { by = m; parties = [serbia, kla]; "
		  "over = kosovo; proposal = 50% }", 6, 21, "`m` is a coercer, but `by` must be "
		  "a mediator");
	check_one(BASE "stake other { value = 1 }\nactor m : mediator\nmediation au { by = m; "
		  "parties = [serbia, kla]; over = other; proposal = 50% }", 7, 34,
		  "`serbia` and `kla` are not in a conflict over `other`");
	check_one(BASE "sanction s { on = serbia; when = rejects(au); cost = 1 }", 5, 42,
		  "`au` is not a mediation");
	check_one(BASE "sanction s { on = serbia; when = war; cost = 1; benefit = 1 }", 5, 49,
		  "a sanction has a `cost` or a `benefit`, not both");
	check_one(BASE "sanction s { on = serbia; when = war }", 5, 10,
		  "sanction `s` has neither `cost` nor `benefit`");
	check_one("actor s : state\nactor k : rebels\nstake v { value = 1 }\n"
		  "conflict s vs k over v", 4, 1, "conflict `s vs k` has no `win` (p⁰: the "
		  "rebels' true chance of winning without intervention)");
	check_one("actor p : population", 1, 7,
		  "population `p` has no `of` (the rebels whose followers they are)");
	/* events are allowed in a sanction's cost, provocation(B) in any of it */
	struct checked *k = check_ok(BASE "sanction s { on = serbia; when = war and not "
				     "intervened; cost = if atrocities then 10 * provocation(kla) "
				     "else 5 }");
	checked_free(k);
}

Test(check, sweeps)
{
	check_one(BASE "sweep kosovo.value from 0 to 10 step 0 { }", 5, 38,
		  "the step is 0: the sweep would never end");
	check_one(BASE "sweep kosovo.value from 10 to 0 step 1 { }", 5, 38,
		  "the step 1 points away from the end: from 10 to 0 needs a negative step");
	check_one(BASE "sweep serbia.belief from 50% to 120% step 10% { }", 5, 33,
		  "the sweep goes from 0.5 to 1.2, outside the range of `belief` (0 to 1)");
	check_one(BASE "let d ~ uniform(1, 2)\nsweep d from 0 to 1 step 1 { }", 6, 7,
		  "cannot sweep `d`: it is drawn (`~`)");
	check_one(BASE "sweep kosovo.divisible from 0 to 1 step 1 { }", 5, 7,
		  "cannot sweep `kosovo.divisible`: it is a boolean, not a number");
	struct checked *k = check_ok(BASE "let V = 1\nsweep V from 0 to 1 step 0.5 {\n"
				     "  report settlement serbia vs kla\n}");
	checked_free(k);
}

Test(check, cycles_and_recursion)
{
	struct checked *k = check_text("actor s : state { cost = k.cost }\n"
				       "actor k : rebels { cost = s.cost }");
	cr_assert_eq(k->sink.errors, 1);
	cr_assert_str_eq(k->sink.first->msg,
			 "reference cycle: `s.cost` → `k.cost` → `s.cost`");
	cr_assert_str_eq(k->sink.first->notes->msg, "`k.cost` is defined here");
	checked_free(k);
	check_one("fn f(x) = f(x)", 1, 4, "`f` is recursive (`f` → `f`); a fn may not call "
		  "itself");
	check_one("fn f(x) = g(x)\nfn g(x) = f(x)", 1, 4,
		  "`f` is recursive (`f` → `g` → `f`); a fn may not call itself");
	check_one("let a = a", 1, 5, "reference cycle: `a` → `a`");
}

Test(check, several_errors_in_one_pass)
{
	struct checked *k = check_text("let a = 1 / 0\nstake s { value = -1 }\nlet b = nope\n"
				       "actor x : rebel");
	cr_assert_eq(k->status, STATUS_ERRORS);
	cr_assert_eq(k->sink.errors, 4);
	checked_free(k);
}

/* ---- files, imports, shadowing ---- */

static char *example(const char *name)
{
	char *path = malloc(strlen(SCEN_SRC_STDLIB_DIR) + strlen(name) + 16);
	sprintf(path, "%s/../examples/%s", SCEN_SRC_STDLIB_DIR, name);
	return path;
}

Test(files, the_examples_check_ok)
{
	const char *names[] = { "kosovo.scen", "kenya.scen" };
	for (size_t i = 0; i < 2; i++) {
		char *path = example(names[i]);
		struct checked *k = check_file(path);
		log_diags(k);
		cr_assert_eq(k->status, STATUS_OK, "%s", path);
		cr_assert_not_null(k->prog.model);
		cr_assert(k->prog.files->is_main);
		free(path);
		checked_free(k);
	}
}

Test(files, a_missing_file_is_an_io_error)
{
	struct checked *k = check_file("/nonexistent/x.scen");
	cr_assert_eq(k->status, STATUS_IO);
	cr_assert_eq(k->sink.errors, 1);
	cr_assert_null(k->sink.first->file);
	checked_free(k);
}

Test(files, the_prelude_is_loaded)
{
	struct checked *k = check_ok("let x = 1");
	cr_assert_eq(count_files(&k->prog), 2);
	const struct loaded_file *pre = k->prog.files->next;
	cr_assert_not(pre->is_main);
	cr_assert_not_null(strstr(pre->path, "prelude.scen"));
	checked_free(k);
}

Test(files, the_main_file_shadows_a_module)
{
	struct checked *k = check_ok("import \"tripwire\"\nlet tripwire_500 = 50%\n"
				     "let t = tripwire(600)\nlet u = tripwire(100)");
	const struct symbol *s = find_sym(k->prog.model, "tripwire_500");
	cr_assert_not_null(s);
	cr_assert(s->from_main);
	cr_assert_float_eq(s->value->value, 0.5, 1e-12);
	/* the module's fn uses the main file's value, and its own for the rest */
	cr_assert(find_sym(k->prog.model, "t")->value->constant);
	cr_assert_float_eq(find_sym(k->prog.model, "t")->value->value, 0.5, 1e-12);
	cr_assert_float_eq(find_sym(k->prog.model, "u")->value->value, 0.05, 1e-12);
	cr_assert_not(find_sym(k->prog.model, "tripwire")->from_main);
	checked_free(k);
}

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static void make_tmpdir(void)
{
	strcpy(tmpdir, "/tmp/scen-test-check.XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	cr_assert_eq(system(cmd), 0);
}

Test(files, a_file_imported_twice_is_loaded_once, .init = make_tmpdir, .fini = remove_tmpdir)
{
	write_file("common.scen", "let shared = 1\n");
	write_file("a.scen", "import \"common.scen\"\nlet a = shared\n");
	write_file("b.scen", "import \"./common.scen\"\nlet b = shared + 1\n");
	write_file("main.scen", "import \"a.scen\"\nimport \"b.scen\"\nimport \"common.scen\"\n"
		   "let m = a + b\n");
	char path[128];
	snprintf(path, sizeof path, "%s/main.scen", tmpdir);
	struct checked *k = check_file(path);
	log_diags(k);
	cr_assert_eq(k->status, STATUS_OK);
	cr_assert_eq(count_files(&k->prog), 5);	/* main, a, common, b, prelude */
	unsigned commons = 0;
	for (const struct loaded_file *f = k->prog.files; f; f = f->next)
		commons += strstr(f->path, "common.scen") != NULL;
	cr_assert_eq(commons, 1);
	cr_assert_float_eq(find_sym(k->prog.model, "m")->value->value, 3, 1e-12);
	checked_free(k);
}

Test(files, import_errors_are_located_at_the_import, .init = make_tmpdir,
     .fini = remove_tmpdir)
{
	write_file("x.scen", "import \"y.scen\"\nlet x = 1\n");
	write_file("y.scen", "import \"x.scen\"\n");
	write_file("main.scen", "let z = 1\nimport \"x.scen\"\nimport \"gone.scen\"\n");
	char path[128];
	snprintf(path, sizeof path, "%s/main.scen", tmpdir);
	struct checked *k = check_file(path);
	cr_assert_eq(k->status, STATUS_ERRORS);
	cr_assert_eq(k->sink.errors, 2);
	unsigned seen = 0;
	for (const struct diag *d = k->sink.first; d; d = d->next) {
		struct srcpos pos = srcfile_pos(d->file, d->span.start);
		if (strstr(d->msg, "import cycle: ")) {
			cr_assert_not_null(strstr(d->file->name, "y.scen"));
			cr_assert_eq(pos.line, 1);
			cr_assert_eq(pos.col, 1);
			char want[512];
			snprintf(want, sizeof want, "import cycle: `%s/x.scen` → `%s/y.scen` → "
				 "`%s/x.scen`", tmpdir, tmpdir, tmpdir);
			cr_assert_str_eq(d->msg, want);
			seen |= 1;
		} else {
			cr_assert_not_null(strstr(d->msg, "cannot read `"));
			cr_assert_not_null(strstr(d->msg, "gone.scen`: No such file"));
			cr_assert_eq(pos.line, 3);
			cr_assert_eq(pos.col, 8);
			seen |= 2;
		}
	}
	cr_assert_eq(seen, 3);
	checked_free(k);
}

/* ---- scale ---- */

static char *let_chain(unsigned n, bool cycle)
{
	char *text = malloc((size_t)n * 40 + 64);
	char *p = text;
	p += sprintf(p, cycle ? "let a0 = a%u + 1\n" : "let a0 = 1\n", n - 1);
	for (unsigned i = 1; i < n; i++)
		p += sprintf(p, "let a%u = a%u + 1\n", i, i - 1);
	return text;
}

/* ---- warnings (check/warn.c): each kind's exact text is in tests/errors/warn-*; these
** are the cases that must not warn, and the model is built whatever the warnings ---- */

/* The warnings of a text that checks, "line:col: message" each, in emission order. */
static char *warnings_of(const char *text)
{
	struct checked *k = check_ok(text);
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	for (const struct diag *d = k->sink.first; d; d = d->next) {
		struct srcpos pos = srcfile_pos(d->file, d->span.start);
		cr_assert_eq(d->level, DIAG_WARNING);
		fprintf(m, "%u:%u: %s\n", pos.line, pos.col, d->msg);
	}
	fclose(m);
	checked_free(k);
	return buf;
}

static void expect_warnings(const char *text, const char *want)
{
	char *got = warnings_of(text);
	cr_expect_str_eq(got, want, "in:\n%s\ngot:\n%s", text, got);
	free(got);
}

Test(warn, the_examples)
{
	const char *clean[] = { "coercion.scen", "darfur.scen", "island.scen", "kenya.scen",
				"kosovo.scen" };
	for (size_t i = 0; i < sizeof clean / sizeof *clean; i++) {
		char *path = example(clean[i]);
		struct checked *k = check_file(path);
		cr_expect_eq(k->sink.count, 0, "%s has %u warnings", path, k->sink.count);
		free(path);
		checked_free(k);
	}
}

/* kosovo's model, reduced: capacity 30% < 50%, so its war is fought with atrocities */
#define KOSOVO "stake kosovo { value = 100 }\n" \
	"actor serbia : state { cost = 20; belief = 15%; capacity = 30% }\n" \
	"actor kla : rebels { cost = 10; belief = 55% }\n" \
	"conflict serbia vs kla over kosovo { win = 10% }\n"
/* its `chance`: read by the provocation report (repression) only */
#define NATO "actor nato : intervener { chance = 20%; chance_if_atrocities = 60% }\n" \
	"report provocation by kla\n"
#define SWEEP(target, report) "sweep " target " from 0% to 100% step 50% { " report " }\n"

/* A skip rule (check/reads.c) reads a constant; a sweep of that constant (or of a let it
** comes from) makes it vary, so what the rule would leave unread is read in some rows:
** serbia's capacity 0, 50%, 100% is below 50% in one row (chance_if_atrocities) and not
** in the others (chance); gov's challengers 0, 1, 2 make reputation·challengers 0, 0.1,
** 0.2 (core.md §1, x_max's denominator). No warning is certain then. */
Test(warn, attributes_a_sweep_varies)
{
	expect_warnings(KOSOVO "actor nato : intervener { chance = 20%; chance_if_atrocities = 60% }\n"
			SWEEP("serbia.capacity", "report settlement serbia vs kla"), "");
	expect_warnings("let cap = 30%\nstake kosovo { value = 100 }\n"
			"actor serbia : state { cost = 20; belief = 15%; capacity = cap }\n"
			"actor kla : rebels { cost = 10; belief = 55% }\n"
			"conflict serbia vs kla over kosovo { win = 10% }\n"
			"actor nato : intervener { chance = 20%; chance_if_atrocities = 60% }\n"
			SWEEP("cap", "report settlement serbia vs kla"), "");
	expect_warnings("stake land { value = 100 }\n"
			"actor gov : state { cost = 20; reputation = 10% }\n"
			"actor reb : rebels { cost = 10; belief = 60% }\n"
			"conflict gov vs reb over land { win = 30% }\n"
			"sweep gov.challengers from 0 to 2 step 1 { report settlement gov vs reb }\n",
			"");
}

Test(warn, sweeps_whose_rows_differ)
{
	/* the chance that applies under atrocities; the game, which reads both */
	expect_warnings(KOSOVO NATO SWEEP("nato.chance_if_atrocities",
					  "report settlement serbia vs kla"), "");
	expect_warnings(KOSOVO NATO SWEEP("nato.chance", "report provocation by kla"), "");
	/* an unset chance_if_atrocities is `chance` */
	expect_warnings(KOSOVO "actor nato : intervener { chance = 20% }\n"
			SWEEP("nato.chance", "report settlement serbia vs kla"), "");
	/* a drawn capacity: atrocities in some draws, not in others */
	expect_warnings("stake kosovo { value = 100 }\n"
			"actor serbia : state { cost = 20; capacity ~ uniform(0.2, 0.8) }\n"
			"actor kla : rebels { cost = 10 }\n"
			"conflict serbia vs kla over kosovo { win = 10% }\n" NATO
			SWEEP("nato.chance", "report settlement serbia vs kla"), "");
	/* an unset attribute that is read (p⁺) */
	expect_warnings(KOSOVO NATO SWEEP("nato.rebels_win_if_in",
					  "report settlement serbia vs kla"), "");
	/* a let read through a sanction, and one read through a fn's body */
	expect_warnings(KOSOVO "let fine = 5\n"
			"sanction s { on = serbia; when = war; cost = fine }\n"
			SWEEP("fine", "report settlement serbia vs kla"), "");
	expect_warnings("let k = 1\nfn scaled(x) = x * k\nstake kosovo { value = 100 }\n"
			"actor serbia : state { cost = scaled(20) }\nactor kla : rebels\n"
			"conflict serbia vs kla over kosovo { win = 10% }\n"
			SWEEP("k", "report settlement serbia vs kla"), "");
	/* an unset attribute that a read value names holds its default: sweeping it
	** changes that value */
	expect_warnings(KOSOVO "actor folk : population { of = kla }\n"
			"actor nato : intervener { chance = 20%; cost_to_state = 10 + folk.harm }\n"
			SWEEP("folk.harm", "report provocation by kla"), "");
	expect_warnings(KOSOVO "actor folk : population { of = kla }\n"
			"actor nato : intervener { chance = 20%; cost_to_state = 10 + folk.harm }\n"
			"report provocation by kla\n"
			SWEEP("folk.harm", "report settlement serbia vs kla"), "");
	/* the same without the reference: nothing the settlement reads */
	expect_warnings(KOSOVO "actor folk : population { of = kla }\n"
			"report provocation by kla\n"
			SWEEP("folk.harm", "report settlement serbia vs kla"),
			"7:7: the rows of this sweep cannot differ: nothing its reports compute "
			"depends on `folk.harm`\n");
}

Test(warn, attributes_that_are_read)
{
	/* under atrocities a provocation report still reads `chance` (repression) */
	expect_warnings(KOSOVO NATO, "");
	/* and a value that names it reads it */
	expect_warnings(KOSOVO NATO "let scare = 100 * nato.chance\n"
			"sanction s { on = serbia; when = war; cost = scare }\n", "");
	/* a guarantor's will; a step of a divisible stake; capacity in the game */
	expect_warnings(KOSOVO NATO "actor un : intervener { will = 50% }\n"
			"conflict serbia vs un_rebels over kosovo { win = 10%; guarantor = un }\n"
			"actor un_rebels : rebels\n", "");
	expect_warnings("stake s { value = 100; step = 10 }\nactor a : state\nactor b : rebels\n"
			"conflict a vs b over s { win = 10% }\n", "");
	expect_warnings("stake s { value = 100 }\nactor a : state { violence = selective; "
			"capacity = 30% }\nactor b : rebels\nconflict a vs b over s { win = 10% }\n"
			"report provocation by b\n", "");
	/* reputation and challengers, both set */
	expect_warnings("stake s { value = 100 }\n"
			"actor a : state { reputation = 0.2; challengers = 2 }\n"
			"actor b : rebels\nconflict a vs b over s { win = 10% }\n", "");
	/* the state's expectation weighs a cost the file does not fix */
	expect_warnings("stake s { value = 100 }\n"
			"actor a : state { belief = 20%; expects_intervention = 10% }\n"
			"actor b : rebels\nactor i : intervener { cost_to_state ~ uniform(0, 9) }\n"
			"conflict a vs b over s { win = 10% }\n",
			"2:33: `expects_intervention` does not give `a`'s belief: `belief` is set "
			"too, and wins; it only weighs the intervention's cost to the state "
			"(`cost_to_state`)\n");
}

Test(warn, actors_that_are_used)
{
	/* a patron with no intervener intervenes; a second intervener that guarantees a
	** conflict is that conflict's */
	expect_warnings("import \"tripwire\"\nstake s { value = 100 }\nactor a : state\n"
			"actor b : rebels\nactor p : patron { client = a; troops = 600; "
			"chance = 40% }\nconflict a vs b over s { win = 10% }\n", "");
	expect_warnings("stake s { value = 100 }\nactor a : state\nactor b : rebels\n"
			"actor c : state\nactor i : intervener\nactor j : intervener\n"
			"conflict a vs b over s { win = 10% }\n"
			"conflict c vs b over s { win = 10%; guarantor = j }\n", "");
	/* a population with its provocation report, in a sweep */
	expect_warnings(KOSOVO "actor folk : population { of = kla; toll = 1% }\n"
			SWEEP("folk.toll", "report provocation by kla"), "");
}

Test(warn, only_the_main_file_and_only_without_errors, .init = make_tmpdir,
     .fini = remove_tmpdir)
{
	/* a module's lets serve many files; the main file's, used by the module's fn, are
	** used */
	write_file("lib.scen", "let spare = 1\nlet height = 2\nfn h(x) = x * height\n");
	write_file("main.scen", "import \"lib.scen\"\nlet height = 3\nlet y = h(1)\n");
	char path[128];
	snprintf(path, sizeof path, "%s/main.scen", tmpdir);
	struct checked *k = check_file(path);
	cr_assert_eq(k->status, STATUS_OK);
	cr_assert_eq(k->sink.count, 1);
	cr_assert_str_eq(k->sink.first->msg, "let `y` is never used");
	checked_free(k);
	/* errors first: the warnings of a file that does not check would be noise */
	k = check_text("let spare = 1\nlet x = nope\n");
	cr_assert_eq(k->status, STATUS_ERRORS);
	cr_assert_eq(k->sink.count, 1);
	cr_assert_eq(k->sink.warnings, 0);
	checked_free(k);
}

Test(scale, a_chain_of_20000_lets_checks_ok)
{
	char *text = let_chain(20000, false);
	struct checked *k = check_ok(text);
	const struct symbol *last = find_sym(k->prog.model, "a19999");
	cr_assert(last->value->constant);
	cr_assert_float_eq(last->value->value, 20000, 1e-9);
	cr_assert_geq(k->prog.model->norder, 20000);
	free(text);
	checked_free(k);
}

Test(scale, a_cycle_of_20000_lets_is_one_error, .timeout = 10)
{
	char *text = let_chain(20000, true);
	struct checked *k = check_text(text);
	cr_assert_eq(k->status, STATUS_ERRORS);
	cr_assert_eq(k->sink.errors, 1);
	const struct diag *d = k->sink.first;
	const char *head = "reference cycle: `a0` → `a19999` → `a19998` → ";
	cr_assert_eq(strncmp(d->msg, head, strlen(head)), 0, "%s", d->msg);
	cr_assert_not_null(strstr(d->msg, "… (19985 more) → `a0`"), "%s", d->msg);
	cr_assert_lt(strlen(d->msg), 400);
	free(text);
	checked_free(k);
}

Test(scale, fns_that_call_each_other_twice_fold_fast, .timeout = 10)
{
	char text[4096], *p = text;
	for (int i = 0; i < 40; i++)
		p += sprintf(p, "fn f%d(x) = f%d(x) + f%d(x)\n", i, i + 1, i + 1);
	sprintf(p, "fn f40(x) = x\nlet y = f0(1)\nlet z = f38(1)\n");
	struct checked *k = check_ok(text);
	cr_assert_not(find_sym(k->prog.model, "y")->value->constant);	/* too much work */
	cr_assert_float_eq(find_sym(k->prog.model, "z")->value->value, 4, 1e-12);
	checked_free(k);
}

/* ---- the model ---- */

Test(model, holds_the_conflict_and_symbols)
{
	char *path = example("kenya.scen");
	struct checked *k = check_file(path);
	free(path);
	cr_assert_eq(k->status, STATUS_OK);
	const struct model *m = k->prog.model;
	const struct conflict_info *c = m->conflicts;
	cr_assert_not_null(c);
	cr_assert_null(c->next);
	cr_assert_str_eq(c->state->name, "kibaki");
	cr_assert_str_eq(c->rebels->name, "odinga");
	cr_assert_str_eq(c->stake->name, "executive");
	cr_assert_eq(c->state->role, &roles[ROLE_STATE]);
	const struct vnode *win = c->attrs[attr_find(&roles[BLOCK_CONFLICT], "win") -
					   roles[BLOCK_CONFLICT].attrs];
	cr_assert(win->constant);
	cr_assert_float_eq(win->value, 0.40, 1e-12);
	const struct symbol *annan = find_sym(m, "annan"), *au = find_sym(m, "au");
	cr_assert_eq(annan->kind, SYM_ACTOR);
	cr_assert_eq(annan->role, &roles[ROLE_MEDIATOR]);
	cr_assert_eq(au->kind, SYM_MEDIATION);
	cr_assert(au->from_main);
	cr_assert_eq(find_sym(m, "budget_freeze")->kind, SYM_SANCTION);
	cr_assert_eq(find_sym(m, "executive")->kind, SYM_STAKE);
	/* every vnode appears in the order after what it depends on */
	for (unsigned i = 0; i < m->norder; i++)
		for (unsigned j = 0; j < m->order[i]->ndeps; j++) {
			bool before = false;
			for (unsigned h = 0; h < i && !before; h++)
				before = m->order[h] == m->order[i]->deps[j];
			cr_assert(before, "%s before %s", m->order[i]->deps[j]->label,
				  m->order[i]->label);
		}
	checked_free(k);
}

Test(model, lets_fold_in_dependency_order)
{
	struct checked *k = check_ok("let b = a * 2\nlet a = c + 1\nlet c = 20%\n"
				     "let d ~ uniform(0, b)\nlet e = d + 1");
	const struct model *m = k->prog.model;
	cr_assert_float_eq(find_sym(m, "b")->value->value, 2.4, 1e-12);
	cr_assert(find_sym(m, "d")->value->uncertain);
	cr_assert_not(find_sym(m, "e")->value->constant);
	cr_assert_null(m->conflicts);
	checked_free(k);
}

/* The seed is exact to the last digit, up to 2^64 − 1 (as a double, 9007199254740993 is
** ...992 and 18446744073709551615 is 2^64, out of range); any other spelling is exact
** below 2^53 only, and refused above. */
Test(model, the_seed_is_exact_up_to_2_to_the_64)
{
	static const struct { const char *text; uint64_t seed; } ok[] = {
		{ "scenario \"t\" { seed = 9007199254740993 }", 9007199254740993ull },
		{ "scenario \"t\" { seed = 18_446_744_073_709_551_615 }", UINT64_MAX },
		{ "scenario \"t\" { seed = 1e6 }", 1000000 },
		{ "scenario \"t\" { seed = 2 * 21 }", 42 },
		{ "let x = 1", 1 },	/* the default */
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct checked *k = check_ok(ok[i].text);
		cr_assert_eq(k->prog.model->seed, ok[i].seed, "%s", ok[i].text);
		checked_free(k);
	}
	check_one("scenario \"t\" { seed = 18446744073709551616 }", 1, 23,
		  "`seed` must be a whole number from 0 to 18,446,744,073,709,551,615, but it is "
		  "18446744073709551616");
	check_one("scenario \"t\" { seed = -1 }", 1, 23,
		  "`seed` must be a whole number from 0 to 18,446,744,073,709,551,615, but it is -1");
	check_one("scenario \"t\" { seed = 2^53 }", 1, 23,
		  "`seed` is `2^53`, at least 2^53 (9,007,199,254,740,992): a seed that large is "
		  "exact only when written in digits");
}

/* One limit on draws, and the words every message says it in agree with it. */
Test(model, the_draws_limit_and_its_words_agree)
{
	char digits[32], expect[64] = "a whole number from 1 to ";
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)SCEN_MAX_DRAWS);
	size_t k0 = strlen(expect);
	for (int i = 0; i < n; i++) {	/* SCEN_MAX_DRAWS with thousands separators */
		if (i && (n - i) % 3 == 0)
			expect[k0++] = ',';
		expect[k0++] = digits[i];
	}
	expect[k0] = 0;
	cr_assert_str_eq(SCEN_DRAWS_RANGE, expect);
	cr_assert_float_eq(attr_find(&roles[BLOCK_SCENARIO], "draws")->hi,
			   (double)SCEN_MAX_DRAWS, 0);
	check_one("scenario \"t\" { draws = 10_000_000_001 }", 1, 24,
		  "`draws` must be " SCEN_DRAWS_RANGE ", but it is 10000000001");
	struct checked *k = check_ok("scenario \"t\" { draws = 10_000_000_000 }");
	checked_free(k);
}

/* One limit on threads: the setting's range is SCEN_MAX_THREADS, and the words --threads
** and :set threads say it in agree with it. */
Test(model, the_threads_limit_and_its_words_agree)
{
	char expect[32];
	snprintf(expect, sizeof expect, "1 to %d", SCEN_MAX_THREADS);
	cr_assert_str_eq(SCEN_THREADS_RANGE, expect);
	cr_assert_float_eq(attr_find(&roles[BLOCK_SCENARIO], "threads")->hi,
			   (double)SCEN_MAX_THREADS, 0);
}

/* ---- did you mean ---- */

Test(suggest, attributes_by_edit_distance)
{
	const struct role_def *rebels = role_find("rebels", true);
	cr_assert_str_eq(suggest_attr(rebels, "leader_share"), "leaders_share");
	cr_assert_str_eq(suggest_attr(rebels, "belfei"), "belief");	/* a transposition */
	cr_assert_str_eq(suggest_attr(rebels, "cots"), "cost");
	cr_assert_str_eq(suggest_attr(rebels, "resolv"), "resolve");
	cr_assert_null(suggest_attr(rebels, "size"));
	cr_assert_null(suggest_attr(rebels, "xyz"));
	cr_assert_null(suggest_attr(rebels, "cost"));	/* itself is no suggestion */
	cr_assert_null(suggest_attr(role_find("mediator", true), "cost"));
}

Test(suggest, symbols_of_a_loaded_program)
{
	struct checked *k = check_ok(BASE "let threshold = 1\nfn proportional(x) = x");
	struct checker c = { .prog = &k->prog, .arena = &k->prog.arena,
			     .first = k->prog.model->symbols };
	cr_assert_str_eq(sym_suggest(&c, "serbai", 1u << SYM_ACTOR), "serbia");
	cr_assert_str_eq(sym_suggest(&c, "kosov", 1u << SYM_STAKE), "kosovo");
	cr_assert_null(sym_suggest(&c, "kosov", 1u << SYM_ACTOR));	/* wrong kind */
	cr_assert_str_eq(sym_suggest(&c, "treshold", 1u << SYM_LET), "threshold");
	cr_assert_str_eq(sym_suggest(&c, "proportinal", 1u << SYM_FN), "proportional");
	cr_assert_null(sym_suggest(&c, "q", 1u << SYM_LET));
	cr_assert_str_eq(suggest_in_list(&c, "consent|stalemate|consensus", "concensus"),
			 "consensus");
	cr_assert_null(suggest_in_list(&c, "consent|stalemate", "zzzzzzzz"));
	checked_free(k);
}

/* ---- the attribute tables ---- */

Test(attrs, every_attribute_has_a_meaning_and_a_default_or_is_required)
{
	for (size_t i = 0; i < NROLES; i++) {
		const struct role_def *r = &roles[i];
		cr_assert_not_null(r->name);
		cr_assert(r->what && *r->what, "%s", r->name);
		cr_assert_eq(role_find(r->name, false), r);
		cr_assert_eq(role_find(r->name, true), r->is_role ? r : NULL, "%s", r->name);
		for (size_t j = 0; j < r->nattrs; j++) {
			const struct attr_def *a = &r->attrs[j];
			cr_assert(a->meaning && *a->meaning, "%s.%s", r->name, a->name);
			cr_assert_eq(attr_find(r, a->name), a, "%s.%s twice", r->name, a->name);
			if (a->flags & AF_REQUIRED)
				cr_assert_str_eq(a->dflt, "", "%s.%s", r->name, a->name);
			else
				cr_assert(a->dflt && *a->dflt, "%s.%s", r->name, a->name);
			if (a->type == AT_NUMBER) {
				cr_assert(a->lo <= a->hi, "%s.%s", r->name, a->name);
				if (!isnan(a->dflt_value))
					cr_assert(a->dflt_value >= a->lo &&
						  a->dflt_value <= a->hi, "%s.%s", r->name,
						  a->name);
			}
			if (a->type == AT_CHOICE || a->type == AT_ACTOR || a->type == AT_ACTORS)
				cr_assert(a->choices && *a->choices, "%s.%s", r->name, a->name);
			if (a->type == AT_ACTOR || a->type == AT_ACTORS)
				for (const char *p = a->choices; p; p = strchr(p, '|'), p = p ? p + 1 : p) {
					char word[32];
					size_t n = strcspn(p, "|");
					cr_assert_lt(n, sizeof word);
					memcpy(word, p, n);
					word[n] = '\0';
					cr_assert_not_null(role_find(word, true), "%s.%s: %s", r->name,
							   a->name, word);
				}
		}
	}
	cr_assert_null(role_find("rebel", false));
	cr_assert_null(role_find("stake", true));
	cr_assert_null(attr_find(&roles[ROLE_STATE], "leaders_share"));
	cr_assert_eq(role_find("stake", false), &roles[BLOCK_STAKE]);
}

Test(attrs, a_mediation_needs_two_parties)
{
	check_one("actor us : patron { troops = 1 }", 1, 7,
		  "patron `us` has no `client` (the actor it protects)");
	check_one("actor m : mediator\nstake s { value = 1 }\nmediation au { by = m; over = s; "
		  "parties = [] ; proposal = 1% }", 3, 44,
		  "a mediation has two parties, but this list has 0");
}
