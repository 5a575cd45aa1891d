/*
** scen_conf.h: every limit and default in one place. Each is guarded so that -D
** overrides it; `grep @@` lists them all. config.h (autoconf) keeps platform facts only.
*/
#ifndef SCEN_CONF_H
#define SCEN_CONF_H

/* SCEN_STR(X): a tunable's value as written, for tables and messages that quote it. */
#define SCEN_STR_(x) #x
#define SCEN_STR(x) SCEN_STR_(x)

/* @@ SCEN_ARENA_BLOCK: the smallest block an arena asks malloc for, in bytes. */
#if !defined(SCEN_ARENA_BLOCK)
#define SCEN_ARENA_BLOCK (64 * 1024)
#endif

/* @@ SCEN_MAX_ERRORS: diagnostics printed for one run before "too many errors". */
#if !defined(SCEN_MAX_ERRORS)
#define SCEN_MAX_ERRORS 50
#endif

/* @@ SCEN_MAX_DEPTH: the deepest nesting of expressions and blocks the parser accepts.
** Deeper input is a located error, never a stack overflow (bison's own stack is
** bounded by YYMAXDEPTH; every recursive walk over the AST is bounded by this). */
#if !defined(SCEN_MAX_DEPTH)
#define SCEN_MAX_DEPTH 200
#endif

/* @@ SCEN_MAX_CALL_DEPTH: how deep calls may nest: a fn calling a fn calling a fn ...
** (named distributions drawn from named distributions count too). Deeper is a located
** error at check time, never a stack overflow when the model runs. */
#if !defined(SCEN_MAX_CALL_DEPTH)
#define SCEN_MAX_CALL_DEPTH 200
#endif

/* @@ SCEN_MAX_FILE: the largest source file read, in bytes. */
#if !defined(SCEN_MAX_FILE)
#define SCEN_MAX_FILE (64L * 1024 * 1024)
#endif

/* @@ SCEN_EXCERPT_WIDTH: the most bytes of a source line an error shows under its
** message; a longer line is shown around the error, "..." standing for the rest. */
#if !defined(SCEN_EXCERPT_WIDTH)
#define SCEN_EXCERPT_WIDTH 240
#endif

/* @@ SCEN_NAME_WIDTH: the most characters of one name (a run of letters, digits, `_`)
** a diagnostic's message quotes; a longer one is cut there, "…" and its length after
** it. A 10,000-character unknown name once made a 10 KB error. */
#if !defined(SCEN_NAME_WIDTH)
#define SCEN_NAME_WIDTH 64
#endif

/* @@ SCEN_TABSTOP: tab stops for column numbers (GNU Coding Standards 4.4). */
#if !defined(SCEN_TABSTOP)
#define SCEN_TABSTOP 8
#endif

/* @@ SCEN_DEFAULT_DRAWS, SCEN_DEFAULT_SEED: Monte Carlo defaults, the values of the
** `draws` and `seed` settings when a file has none (check/attrs.c's table uses them;
** plain digits, since the table also quotes them as written). */
#if !defined(SCEN_DEFAULT_DRAWS)
#define SCEN_DEFAULT_DRAWS 10000
#endif
#if !defined(SCEN_DEFAULT_SEED)
#define SCEN_DEFAULT_SEED 1
#endif

/* @@ SCEN_MAX_DRAWS: the most draws a run may have, wherever the count comes from: the
** `draws` setting, --draws (run, diff, plot, textconv), export's --draw, the REPL's
** `:set draws` and a partial read by `scen merge`. 10^10 is below 2^34, so that the
** exact sums (interp/totals.h: values below 2^53 in units of 2^-40) of every draw of a
** report fit in their 127 bits. SCEN_DRAWS_RANGE says it in words, in every message
** about it (a unit test checks that the two agree). */
#if !defined(SCEN_MAX_DRAWS)
#define SCEN_MAX_DRAWS 10000000000ull
#endif
#if !defined(SCEN_DRAWS_RANGE)
#define SCEN_DRAWS_RANGE "a whole number from 1 to 10,000,000,000"
#endif

/* SCEN_SEED_RANGE: a seed is any 64-bit whole number, read exactly from its digits
** (the `seed` setting, --seed, `:set seed`, a partial). Not a tunable. */
#define SCEN_SEED_RANGE "a whole number from 0 to 18,446,744,073,709,551,615"

/* @@ SCEN_CHOICE_TOLERANCE: how far from 1 the chances of `choice(values, chances)` may
** add up to (written as a literal: messages quote it). Chances written as decimals or
** percentages rarely add up to 1 exactly in binary ([0.1, 0.2, 0.7] to 1 + 2^-52); a
** chance the user meant to be missing or doubled is off by far more. */
#if !defined(SCEN_CHOICE_TOLERANCE)
#define SCEN_CHOICE_TOLERANCE 1e-9
#endif

/* @@ SCEN_SUGGEST_DISTANCE: the largest edit distance for "did you mean". */
#if !defined(SCEN_SUGGEST_DISTANCE)
#define SCEN_SUGGEST_DISTANCE 3
#endif

/* @@ SCEN_MAX_SWEEP_ROWS: the most rows one sweep may have. */
#if !defined(SCEN_MAX_SWEEP_ROWS)
#define SCEN_MAX_SWEEP_ROWS 100000
#endif

/* @@ SCEN_MAX_IMPORT_DEPTH: the longest chain of imports. */
#if !defined(SCEN_MAX_IMPORT_DEPTH)
#define SCEN_MAX_IMPORT_DEPTH 64
#endif

/* @@ SCEN_MIN_STAKE: the least stake value (constant, not 0) whose amounts the exact
** sums, which hold multiples of 2^-40 (interp/totals.h), keep to 6 significant digits:
** 2^-40 · 10^6, about 9.1e-7, rounded up. A smaller one is an error. */
#if !defined(SCEN_MIN_STAKE)
#define SCEN_MIN_STAKE 1e-6
#endif

/* @@ SCEN_SCREEN_TYPES: K, the types the uninformed side screens over (core.md §2). */
#if !defined(SCEN_SCREEN_TYPES)
#define SCEN_SCREEN_TYPES 4096
#endif

/* @@ SCEN_QUANTILE_SAMPLE: about how many draws' values the quantiles are taken from
** (all of them when a run has fewer); the rank error of a quantile at phi is about
** sqrt(phi·(1 − phi)/SCEN_QUANTILE_SAMPLE): 0.55% at the median. */
#if !defined(SCEN_QUANTILE_SAMPLE)
#define SCEN_QUANTILE_SAMPLE 8192
#endif

/* @@ SCEN_SWEEP_SAMPLE_VALUES: at most how many sampled values all the rows of all the
** sweeps of a file hold together (8 bytes each: 64 MiB). A long sweep samples fewer
** draws a row, down to SCEN_SWEEP_SAMPLE_MIN; the file's own reports always sample
** SCEN_QUANTILE_SAMPLE, so adding a sweep changes nothing in them. */
#if !defined(SCEN_SWEEP_SAMPLE_VALUES)
#define SCEN_SWEEP_SAMPLE_VALUES (8 * 1024 * 1024)
#endif
#if !defined(SCEN_SWEEP_SAMPLE_MIN)
#define SCEN_SWEEP_SAMPLE_MIN 256
#endif

/* @@ SCEN_LSP_DEBOUNCE_MS: how long `scen lsp` waits after a change, for the next one,
** before it checks the document (a paste or a burst of typing is checked once). */
#if !defined(SCEN_LSP_DEBOUNCE_MS)
#define SCEN_LSP_DEBOUNCE_MS 25
#endif

/* @@ SCEN_LSP_MAX_DIAGNOSTICS: diagnostics `scen lsp` publishes for one document before
** "too many errors"; an editor lists them all, so far more than SCEN_MAX_ERRORS. */
#if !defined(SCEN_LSP_MAX_DIAGNOSTICS)
#define SCEN_LSP_MAX_DIAGNOSTICS 1000
#endif

/* @@ SCEN_BETA_MIN, SCEN_BETA_MAX: the shapes a and b of beta(a, b) that can be drawn.
** Measured (GSL 2.7.1): GSL's incomplete beta, which scen's beta quantile inverts, is
** finite and raises no error for every shape from 1e-300 to 1e100 unless both are
** above about 2e5 (it fails first at a = b = 8.6e5, and at a = 1.7e7 with b = 2e5);
** a shape at most 1e5 is always safe. They are beta's domain (check/builtins.c, which
** quotes them as written here, so plain decimals): beyond them a draw stops the run,
** and a constant shape outside them is a check-time error. */
#if !defined(SCEN_BETA_MIN)
#define SCEN_BETA_MIN 0.001
#endif
#if !defined(SCEN_BETA_MAX)
#define SCEN_BETA_MAX 100000
#endif

/* @@ SCEN_MAX_THREADS: the most worker threads a run uses, wherever the count comes from:
** the `threads` setting (a larger value is a check-time error), --threads, the REPL's
** `:set threads`, and one per core when none is asked for (more cores than this: this
** many). SCEN_THREADS_RANGE says it in words for --threads and `:set threads`. */
#if !defined(SCEN_MAX_THREADS)
#define SCEN_MAX_THREADS 256
#endif
#if !defined(SCEN_THREADS_RANGE)
#define SCEN_THREADS_RANGE "1 to 256"
#endif

/* @@ SCEN_REPL_HISTORY: the most lines kept in ~/.scen_history. */
#if !defined(SCEN_REPL_HISTORY)
#define SCEN_REPL_HISTORY 1000
#endif

#endif
