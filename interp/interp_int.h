/*
** interp_int.h: the compiled program, shared by the files of interp/.
**
** Every value lives in a slot of a per-draw array of doubles: one slot per attribute
** of every named block (set or not: an unset one holds its default, NAN when the core
** derives it), one per let. Each value that varies gets a chunk (vm.h), evaluated in
** dependency order once per draw; constants are stored once in the initial slots.
*/
#ifndef SCEN_INTERP_INT_H
#define SCEN_INTERP_INT_H

#include "check/builtins.h"
#include "check/model.h"
#include "interp/interp.h"
#include "interp/vm.h"
#include "core/game.h"
#include "core/mediate.h"
#include "interp/totals.h"
#include "interp/column.h"

/* The events a sanction's `when` can see (design/language.md, Events). */
enum ev { EV_WAR, EV_SETTLED, EV_PROVOKED, EV_ATROCITIES, EV_INTERVENED, NEV };

/* A rule whose `when` and amount read only events and values no draw or sweep row
** changes is a function of the few events it reads: each draw state remembers its
** values per combination of them (draw.c: draw_rule_values; issue 15). */
enum { MEMO_EVENTS = 6 };
struct isanction {
	const struct symbol *sym;
	struct vm_chunk when, amount;
	double sign;			/* +1 a cost, -1 a benefit */
	const struct symbol *on;
	bool memo;			/* remembered (build.c: plan_memos) */
	bool when_fixed;		/* its `when` reads only events and values no draw
					** or sweep row changes (plan_memos): the same in
					** every draw at the same events */
	unsigned nev;			/* then: the events it reads, ev[0..nev) */
	unsigned ev[MEMO_EVENTS];
	unsigned memo_base;		/* its 2^nev entries in draw_state.memo */
};

/* What a rule gave at one combination of its events. */
struct rule_memo {
	double when, amount;		/* amount: when `when` holds */
	bool known;
};

struct iconflict {
	const struct conflict_info *info;
	unsigned value, divisible, step, win, status_quo;
	int chance, chance_if_atrocities, win_if_in, cost_to_state;	/* -1: none */
	int cost_to_rebels;		/* a patron of the state's `cost_to_other`; -1: none */
	int will;				/* -1: no guarantor, g = 1 */
	unsigned s_cost, s_resolve, s_belief, s_expects, challengers, reputation, capacity;
	unsigned r_cost, r_resolve, r_belief, r_expects, leaders_share, leaders_cost;
	unsigned provoked;
	int violence;				/* -1 unset, 0 selective, 1 indiscriminate */
	unsigned *sanctions;			/* indices of the sanctions on its sides */
	unsigned nsanctions;
	const struct symbol *patron;		/* a patron of either side, or NULL */
	struct vm_chunk tripwire[2];		/* state, rebels: 1 − tripwire(troops) */
	bool patron_intervenes;			/* the patron is the intervener */
	int private_vnode;			/* the rebels' private value, or -1 */
	int private_stream;
	bool private_fixed;			/* its distribution is the same every draw */
	unsigned *downstream;			/* vnodes that depend on it, in order */
	unsigned ndownstream;
	const struct symbol *followers;		/* the rebels' population, or NULL */
	unsigned harm, toll, size;		/* then: its slots (strategic_build) */
};

struct ijob {
	enum job_kind kind;
	unsigned conflict;
	unsigned index;			/* JOB_MEDIATION: the mediation's */
	const char *what;
};

/* A mediation: its conflict, proposal, and the rules that coerce (those whose `when`
** names rejects(M) or accepts(M)). Its two events are NEV + 2·index (+1 for accepts). */
struct imediation {
	const struct symbol *sym;
	unsigned conflict;
	unsigned proposal, stage;	/* slots; stage is by name, see strategic.c */
	const char *stage_name;
	unsigned *rules;		/* sanction indices */
	unsigned nrules;
};

/* A map's second swept value (language.md, sweep), as igroup's first. */
struct iswept {
	int slot;			/* -1: not a map */
	unsigned vnode;
	bool has_vnode;
	bool probability;		/* the attribute's unit is a probability (attrs.h) */
	double value;
	const char *name;
	unsigned row;			/* the row along the second axis */
};

/* Reports evaluated under one setting: the file's own, or one row of a sweep (of a
** map: one cell, its first value in slot, its second in second). */
struct igroup {
	int slot;			/* the swept slot, or -1 */
	unsigned vnode;			/* the swept vnode (skipped while overridden) */
	bool has_vnode;
	double value;
	const char *sweep;
	bool probability;		/* the swept attribute is a probability */
	unsigned row, sweep_id;		/* a map's row: along its first axis */
	struct iswept second;
	struct ijob *jobs;
	unsigned njobs;
};

struct interp {
	const struct program *prog;
	const struct model *m;
	struct arena arena;
	unsigned nslots;
	double *init;			/* slot values before a draw: constants, defaults */
	unsigned *slot_of;		/* by vnode index */
	struct vm_chunk *chunks;	/* by vnode index; fns too (V_CALL's operand) */
	unsigned stack_need;		/* the largest need of a chunk (vm_env.stack) */
	bool *varies;			/* by vnode index: evaluated per draw */
	bool *moves;			/* by vnode index: differs between draws */
	bool *fixed;			/* by vnode index: evaluated per draw, yet reads
					** only events and slots no draw changes, so the same
					** in every draw of a block (build.c: plan_memos; NULL
					** in the reference) */
	bool *swept;			/* by vnode index: a sweep row can change it
					 * (swept_values) */
	unsigned *attr_base;		/* by symbol id: the slot of its first attribute */
	const char **streams;		/* stream names by index */
	unsigned *stream_of;		/* by vnode index: its stream, if uncertain */
	unsigned nstreams, capstreams;
	struct vm_site *sites;		/* builtin calls with a domain (vm.h); 0 unused */
	unsigned nsites, capsites;
	struct isanction *sanctions;
	unsigned nsanctions;
	struct iconflict *conflicts;
	unsigned nconflicts;
	struct igroup *groups;
	unsigned ngroups;
	struct imediation *mediations;
	unsigned nmediations;
	unsigned *mediation_of;		/* by symbol id: its index, or UINT_MAX */
	unsigned nevents;		/* NEV + 2 per mediation */
	unsigned nmemo;			/* the entries of draw_state.memo */
	bool uncertain;
	bool unfolded;			/* interp_new_unfolded: every value compiled */
	bool reference;			/* SCEN_REFERENCE set: the reference evaluator,
					** every value compiled and evaluated per draw
					** (docs/performance.md); the same numbers */
	bool check_blocks;		/* SCEN_CHECK_BLOCKS set: each block the block
					** evaluator computes is computed again draw by
					** draw by the reference, and any difference
					** aborts (run.c: check_block; tests, fuzzers) */
	const char *title, *unit;
	uint64_t seed, draws;
	unsigned threads;
};

/* compile.c */
struct compile_ctx {
	struct interp *it;
	struct vm_chunk *out;
	const struct ast_node *params;	/* in a fn body */
	unsigned depth, maxdepth;	/* the operand stack while compiling */
	const struct srcfile *file;	/* the expression's, for its builtins' sites */
};
void compile_expr(struct compile_ctx *k, const struct ast_node *e);
/* The VM instruction that computes math builtin m (check/builtins.h). */
enum vm_op compile_math_op(enum builtin_math m);
/* A distribution (a call, a let naming one, an `if` choosing one) drawn from stream, or
** (STREAM_PARAM) from the stream passed as the chunk's one parameter: the chunk of a
** named distribution, called by each `~` that draws from it. */
enum { STREAM_PARAM = 0xffffffffu };
void compile_draw(struct compile_ctx *k, const struct ast_node *e, unsigned stream);
/* Ends a chunk: its stack and its need (the chunks it calls are finished). */
void compile_finish(struct compile_ctx *k);
/* Appends one instruction that changes the stack depth by stack_effect. */
void emit_raw(struct compile_ctx *k, struct vm_ins in, int stack_effect);
unsigned interp_stream(struct interp *it, const char *name);
/* The key of every stream for seed (rng.h: rng_key of the stream's name), malloc'd: the
** one set-up of the random streams, for runs, paired runs and exports alike. */
uint64_t *interp_stream_keys(const struct interp *it, uint64_t seed);
/* The slot of attribute name of symbol s. */
unsigned attr_slot(const struct interp *it, const struct symbol *s, const char *name);

/* reports.c: the reports of the file and of each sweep row, as groups. */
void interp_build_reports(struct interp *it);
/* The slot a sweep's target (a let's name or owner.attr) sets, its vnode (NULL: an
** attribute the file leaves unset) and, when label is not NULL, its name for reports. */
int sweep_target(struct interp *it, const struct ast_node *t, const struct vnode **v,
		 const char **label);

/* draw.c: one draw of the model and one settlement report on it. */
struct draw_state {
	double *slots;
	double *events;			/* it->nevents */
	struct vm_env env;
	double *thresholds;		/* screening: K values */
	unsigned types;
	double **types_of;		/* by conflict: the K private values, when fixed */
	struct threshold_memo {		/* by conflict, when types_of: the last thresholds
					** made of its lines, ordered (draw.c) */
		double a, b, ta, tb;
		double *t;		/* NULL until the first */
	} *held;
	int error_vnode;		/* the first value that was not a number, or -1 */
	double error_value;
	struct vm_fault fault;		/* the first builtin call outside its domain */
	uint32_t *clamped;		/* by vnode index, this block */
	struct rule_memo *memo;		/* it->nmemo: the remembered rules' values */
	/* draw_model_block's columns (column.h), allocated at its first block */
	double **column;		/* by slot: its column in this block, or NULL */
	double *colbuf;			/* RUN_BLOCK per vnode */
	double *scratch;		/* the columnar VM's operand columns */
	struct col *colstack;
	unsigned *drawn, ndrawn;	/* the slots with a column */
	volatile int *stop;		/* Ctrl-C (run_options.stop), or NULL: the loops
					** over the K screening types give up when set,
					** and the caller drops the draw */
};
/* Whether the run was asked to stop (the draw in progress is then dropped). */
static inline bool draw_stopped(const struct draw_state *d)
{
	return d->stop && *d->stop;
}
void draw_model(const struct interp *it, struct draw_state *d, const struct igroup *g);
/* draw_model for draws first .. first+n−1 at once (n ≤ RUN_BLOCK), into d->column
** (column.h): true when every value was computed and stored, false (nothing kept) when
** the block needs the scalar VM: a value it cannot evaluate by columns, or a draw with
** an error the scalar VM reports (a builtin's argument outside its domain, a value
** that is not a number). */
bool draw_model_block(const struct interp *it, struct draw_state *d, const struct igroup *g,
		      uint64_t first, unsigned n);
/* The slots of draw k of the block, from its columns, into d->slots. */
void draw_lane(struct draw_state *d, unsigned k);
/* Forgets the block's columns (the slots keep the last lane's values). */
void draw_columns_clear(struct draw_state *d);
/* What storing v does for vnode vn: 0 keeps it, 1 clamps it into its range (v changed),
** −1 is an error (not a number, or at or below an open lower bound). */
int draw_store_check(const struct vnode *vn, double *v);
/* run.c: a draw state for it (slots at their initial values); keys: by stream. */
void draw_state_init(const struct interp *it, unsigned types, struct draw_state *d,
		     const uint64_t *keys);
void draw_state_free(const struct interp *it, struct draw_state *d);
struct settle_draw {
	struct core_conflict c;
	struct core_range r;
	struct core_causes why;
	struct core_screen screen;
	bool screened;			/* RISK: some types that pose a threat refuse */
	bool private_only;		/* a breakdown that only the private value causes */
	enum core_verdict verdict;	/* the draw's: r.verdict, or RISK when screened */
	double p_war;			/* the chance war breaks out in it (draw.c, settle) */
	enum core_verdict without_patron;	/* when the conflict has a patron */
};
void draw_settlement(const struct interp *it, struct draw_state *d,
		     const struct iconflict *ic, struct settle_draw *out);
/* The same once out->c holds fill_conflict's struct (provoked: the rebels' attribute):
** the provocation game has it (strategic.c, core.md §4 step 5). */
void draw_settlement_filled(const struct interp *it, struct draw_state *d,
			    const struct iconflict *ic, struct settle_draw *out);
/* The rest of a settlement draw once out->c and out->r (core_bargain's) are set: the
** state's screening when the rebels hold a private value, the verdict and P(war);
** patron: the conflict with its patron (core.md §5). */
void draw_settle_verdict(const struct interp *it, struct draw_state *d,
			 const struct iconflict *ic, bool patron, struct settle_draw *out);
/* Whether the state's screening of ic (core.md §2) finds that no offer can succeed in
** every draw whose conflict is c0 but in the state's party and the rebels' private field
** (thresholds_fast gives none: no settlement can be carried out, or every type wants
** more than the whole stake): then such a draw whose type poses a threat is a BREAKDOWN,
** unscreened, whatever its type and the state's values. False when not known so: the
** thresholds are not affine in the private value, or its types are drawn anew. */
bool draw_screen_hopeless(const struct interp *it, struct draw_state *d,
			  const struct iconflict *ic, const struct core_conflict *c0);
/* lanes.c: what settlement draw s, the i-th of its block, adds to a and to the block's
** sampled values (values[stat · RUN_BLOCK + i]). */
void settle_record(struct acc *a, double *values, uint64_t i, const struct settle_draw *s);
/* The sums of the quantities settle_record kept for the n draws of a block (its
** values): added once per block, not per draw. */
void settle_sums(struct acc *a, const double *values, unsigned n);
/* acc_add of each of v[0, n) (n ≤ RUN_BLOCK) into *sum, at once: small_sum's integer
** arithmetic when every value is a number below 2^11 in magnitude. */
void column_add(struct acc *a, const double *v, unsigned n, xsum *sum);
/* acc_add_sq's squares of v[0, n) into *sq, a square xsum cannot hold counted in *unfit. */
void column_add_squares(const double *v, unsigned n, xsum *sq, uint64_t *unfit);
/* A settlement report on ic over the n draws of the block whose values draw_model_block
** computed, into a and values as draw_settlement and settle_record would; false, with
** nothing done, when its draws need draw_settlement (sanction rules, a private value, a
** patron, a value feeding a field through a test). *summed: the quantities' sums are in
** a already (settle_sums of values would add them again), else false. */
bool lanes_settle(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		  uint64_t first, unsigned n, struct acc *a, double *values, bool *summed);
/* One field of the core's struct that a column of the block fills. */
struct lane_field {
	const double *column;
	size_t offset;
};
/* The template of ic for the block, c0 (fill_conflict's at d->slots, provoked: the
** rebels' attribute), and the fields f[0, *nf) its columns change (at most 2 a drawn
** value); false when the block needs the VM in each draw: a patron, a sanction rule that
** is not remembered (it reads what a draw changes), a drawn value that feeds a field
** through a test (divisible, capacity, provoked). Also the provocation game's
** (strategic.c: game_block). */
bool lanes_plan(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		struct core_conflict *c0, struct lane_field *f, unsigned *nf);
/* The fields of ic's struct for the core that the block's columns fill directly, into
** f[0, *nf) (at most 2 a drawn value); false when a drawn value feeds a field through a
** test (divisible, capacity, provoked). */
bool lanes_fields(const struct draw_state *d, const struct iconflict *ic, struct lane_field *f,
		  unsigned *nf);
/* Adds to sums[0] (the state) and sums[1] (the rebels) the amount of each rule of
** rules[0..n) (indices of it->sanctions) on a side of ic whose `when` holds in branch b
** of conflict c: in the war branch with intervened true (if_in) and false (if_out), the
** coin; elsewhere there is no coin and only if_out is summed (core.md, Sanctions).
** provoked: the `provoked` event (-1: the rebels' attribute). Events the caller set
** beforehand (rejects(M), accepts(M)) are seen; every event is cleared on return. */
/* Whether rule s's `when` holds at the events in d->events, with its amount (unsigned)
** then; a remembered rule (isanction.memo) is evaluated once per combination of the
** events it reads. */
bool draw_rule_values(struct draw_state *d, const struct isanction *s, double *amount);
/* Sets the events sanction_sums sees in branch b of ic's conflict c (intervened false);
** the caller clears them. */
void draw_branch_events(const struct iconflict *ic, struct draw_state *d,
			const struct core_conflict *c, enum core_branch b, int provoked);
void sanction_sums(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		   const struct core_conflict *c, enum core_branch b, int provoked,
		   const unsigned *rules, unsigned n, struct core_sanctions sums[2]);
/* The core's struct for one conflict in this draw; provoked: the `provoked` event
** (-1: the rebels' attribute). */
void fill_conflict(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		   struct core_conflict *c, int provoked);
/* The same without sanction rule ic->sanctions[omit] (UINT_MAX: with every rule): §1
** solved again without one rule, for the provocation game's deterrence (core.md §4). */
void fill_conflict_without(const struct interp *it, struct draw_state *d,
			   const struct iconflict *ic, struct core_conflict *c, int provoked,
			   unsigned omit);

/* strategic.c: mediations (core.md §3) and the provocation game (§4). */
struct game_draw {
	struct core_game game;
	struct core_conflict conflict;
	struct core_game_solution sol;
	bool pivotal[MAX_PIVOTAL];
	unsigned nrules;
	double toll;			/* P(atrocities) · toll · size */
	bool disagrees;			/* §4 step 5: the settlement analysis breaks down
					 * while the game ends in a concession */
	unsigned disagree_causes;	/* then: that breakdown's single causes (bits) */
};
void strategic_build(struct interp *it);
void draw_mediation(const struct interp *it, struct draw_state *d,
		    const struct imediation *m, struct core_mediation *out);
void draw_game(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
	       struct game_draw *out);
/* A provocation game on ic over the n draws of the block whose values draw_model_block
** computed, into a and values as draw_game and run.c's run_job would, each draw checked
** against draw_game under SCEN_CHECK_BLOCKS; false, with nothing done, when its draws
** need draw_game (lanes_plan's conditions). */
bool game_block(const struct interp *it, struct draw_state *d, const struct iconflict *ic,
		uint64_t first, unsigned n, struct acc *a, double *values);
/* A mediation over the n draws of the block whose values draw_model_block computed, into
** a and values as draw_mediation and run.c's run_job would, each draw checked against
** draw_mediation under SCEN_CHECK_BLOCKS; false, with nothing done, when its draws need
** draw_mediation: a patron, a drawn value feeding a field through a test, a sanction
** rule whose `when` reads what a draw changes, or an amount the columns cannot compute. */
bool mediation_block(const struct interp *it, struct draw_state *d, const struct imediation *m,
		     uint64_t first, unsigned n, struct acc *a, double *values);
/* run.c, SCEN_CHECK_BLOCKS: the block evaluator and the reference differ in `what` at
** draw (from 0): an internal error, and abort. */
_Noreturn void block_differs(uint64_t draw, const char *what);

/* What one job produced in one draw. */
struct job_draw {
	struct settle_draw settle;
	struct core_mediation med;
	struct game_draw game;
};

void strategic_record(struct acc *a, enum job_kind kind, const struct job_draw *d);
void strategic_summarise(const struct interp *it, const struct ijob *job,
			 const struct strat_acc *a, const struct job_draw *exact,
			 struct report_result *r);

/* run.c: the driver. Items first .. first+count-1 (blocks of draws, or units: one block
** of one group of reports) are run by `threads` workers (each with its own worker_new
** state), which take items in turn and run each into one of the caller's results;
** merge is called on the finished items strictly in item order, one at a time. merge
** returns true to stop: items not yet merged are dropped. Returns the number merged. */
enum { RUN_BLOCK = 1024, RUN_WINDOW = 4 };
struct block_driver {
	uint64_t first, count;
	unsigned threads;		/* blocks_threads(...) of the caller's choice */
	void *ctx;
	void **results;			/* threads · RUN_WINDOW of them */
	void *(*worker_new)(void *ctx);
	void (*worker_free)(void *ctx, void *worker);
	void (*run)(void *ctx, void *worker, void *result, uint64_t item);
	bool (*merge)(void *ctx, void *result, uint64_t item);
};
uint64_t blocks_run(const struct block_driver *d);
/* The blocks of draws 0 .. draws-1, and block b's draws first .. first+count-1. */
uint64_t block_count(uint64_t draws);
void block_span(uint64_t draws, uint64_t block, uint64_t *first, uint64_t *count);
/* threads, at most one per item. */
unsigned blocks_threads(unsigned threads, uint64_t items);
/* The threads asked for: o's, else the scenario's setting, else one per core. */
unsigned run_thread_count(const struct interp *it, const struct run_options *o);
/* The first draw that cannot be used: one whose arguments to a builtin were outside
** its domain (fault.site), or whose value of vnode is not a number (or at an open
** bound), with why when a distribution could not be drawn (vm_failure). Neither:
** vnode -1 and fault.site 0. */
struct draw_error {
	int vnode;
	double value;
	uint64_t draw;
	struct vm_fault fault;
	char why[160];			/* "" unless a draw failed */
};
#define DRAW_ERROR_NONE ((struct draw_error){ .vnode = -1 })
static inline bool draw_error_set(const struct draw_error *e)
{
	return e->vnode >= 0 || e->fault.site;
}
/* After draw `draw` of group gr on d, in which why (vm_failure, or NULL) happened:
** keeps its error in *e, unless *e holds an earlier one. */
void draw_error_note(const struct interp *it, const struct draw_state *d,
		     const struct igroup *gr, uint64_t draw, const char *why,
		     struct draw_error *e);
/* Its located diagnostic. */
void report_draw_error(const struct interp *it, const struct draw_error *e,
		       struct diag_sink *sink);

/* paired.c: what `scen diff` and `scen sense` compare in each report, per draw (the
** stats of interp.h's paired_report). */
unsigned paired_nstats(enum job_kind k);
/* The labels and flags of job's stats in r (its kind, nstats, stats[].label, share,
** outcome). */
void paired_labels(const struct interp *it, const struct ijob *job, struct paired_report *r);
/* One job on the current draw: its compared values, v[0 .. paired_nstats) (NAN: not
** measured). */
void paired_values(const struct interp *it, struct draw_state *d, const struct ijob *job,
		   double *v);

#endif
