/*
** vm.h: compiled expressions. Each value of the model (a let, an attribute, a fn body,
** a sanction's condition) becomes a chunk: a flat array of stack-machine instructions
** evaluated once per draw. No AST, hashing or allocation happens while a draw runs.
*/
#ifndef SCEN_VM_H
#define SCEN_VM_H

#include <stdbool.h>
#include <stdint.h>

/* V_DRAW pops its n parameters and pushes a draw from stream a; V_DRAWS takes the stream
** from the top of the stack, above the parameters (a named distribution's chunk, whose
** one parameter is the stream of the `~` that calls it). */
#define VM_OPS(X) \
	X(V_CONST) X(V_LOAD) X(V_PARAM) X(V_EVENT) \
	X(V_ADD) X(V_SUB) X(V_MUL) X(V_DIV) X(V_POW) \
	X(V_LT) X(V_LE) X(V_GT) X(V_GE) X(V_EQ) X(V_NE) X(V_AND) X(V_OR) \
	X(V_NEG) X(V_NOT) X(V_JMPF) X(V_JMP) \
	X(V_MIN) X(V_MAX) X(V_CLAMP) X(V_ABS) X(V_SQRT) X(V_EXP) X(V_LOG) X(V_NCDF) \
	X(V_CALL) X(V_DRAW) X(V_DRAWS)

enum vm_op {
#define VM_ENUM(o) o,
	VM_OPS(VM_ENUM)
#undef VM_ENUM
};

/* The distributions V_DRAW knows; each draws by its quantile function from one uniform. */
enum vm_dist { D_UNIFORM, D_NORMAL, D_LOGNORMAL, D_BETA, D_TRIANGULAR, D_BERNOULLI,
	       D_CHOICE };

struct vm_ins {
	uint8_t op;
	uint8_t dist;		/* V_DRAW, V_DRAWS: enum vm_dist */
	uint16_t n;		/* V_MIN, V_MAX, V_CALL, V_DRAW(S): how many operands */
	uint32_t a;		/* slot, parameter, event, jump target, fn, or stream */
	union {
		double k;	/* V_CONST */
		uint32_t site;	/* a builtin with a domain: its vm_env.sites index (0: none) */
	};
};

/* A call of a builtin whose arguments have a domain (check/builtins.h), checked in
** every evaluation: arguments outside it make the call NaN and a vm_fault. */
struct builtin;
struct srcfile;
struct ast_node;
struct vm_site {
	const struct builtin *b;
	const struct srcfile *file;	/* where the call is, for the error */
	const struct ast_node *call;
};

/* The first call of a draw whose arguments were outside the domain. */
enum { VM_FAULT_ARGS = 32 };
struct vm_fault {
	uint32_t site;			/* 0: none */
	unsigned n;			/* its arguments; the first VM_FAULT_ARGS of them */
	double args[VM_FAULT_ARGS];
};

struct vm_chunk {
	struct vm_ins *code;
	unsigned len, cap;
	unsigned maxstack;	/* the deepest the operand stack gets */
	unsigned need;		/* the cells of vm_env.stack an evaluation takes, with the
				** chunks it calls (vm_chunk_need) */
};

/* What one evaluation sees. */
struct vm_env {
	double *slots;			/* the model's values in this draw */
	const double *events;		/* war, settled, ... (interp.h: enum ev) */
	const struct vm_chunk *fns;	/* fn bodies by index */
	const uint64_t *keys;		/* stream keys by stream index */
	uint64_t draw;
	int force_stream;		/* >= 0: this stream draws at force_u (screening) */
	double force_u;
	const struct vm_site *sites;	/* by vm_ins.site */
	struct vm_fault *fault;		/* where to keep the first fault, or NULL */
	double *stack;			/* the operand stacks of an evaluation and of the
					** calls it makes: at least each chunk's need */
	unsigned hold;			/* 1 + a stream that draws at hold_u (scen sense:
					** an input at its quantile), 0: none; force_stream
					** comes first */
	double hold_u;
};

/* Evaluates chunk with params (a fn's arguments, or NULL). The operands live in
** env->stack, not on the C stack, so that a call costs the C stack one small frame
** however wide the expressions (the checker bounds how deep calls nest). */
double vm_eval(const struct vm_chunk *c, const struct vm_env *env, const double *params);
/* Sets c->need from its own stack and the needs of the fns it calls (set before). */
void vm_chunk_need(struct vm_chunk *c, const struct vm_chunk *fns);

/* The distribution a builtin name draws from (check/builtins.h, B_DIST): true with *out
** set, or false when name is not one. */
bool vm_dist_named(const char *name, enum vm_dist *out);

/* quantile.c: the quantile of distribution d at u, with its n parameters in p, which
** must be in its domain (check/builtins.h: V_DRAW checks them first); NAN when GSL
** fails (vm_failure then says why). */
double vm_quantile(enum vm_dist d, const double *p, unsigned n, double u);
/* Installs the GSL error handler that records instead of aborting; call before drawing. */
void vm_init(void);
/* Why a draw of this thread failed since vm_clear_failure (GSL's error, a shape out of
** the range where the quantile is reliable), or NULL. */
const char *vm_failure(void);
void vm_clear_failure(void);

#endif
