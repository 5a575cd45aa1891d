/*
** clones.h: SCEN_VECTOR_CLONES, the one way to compile a loop over a block's columns for
** each x86-64 vector level and pick the copy at load time (GCC's target_clones). SSE2,
** the baseline, lacks the 64-bit compares, multiplies and integer-to-double conversions
** that masks, splitmix64 and the exact sums need: GCC then makes scalar code of them.
** AVX2 has the compares; x86-64-v4 (AVX-512 F, DQ, VL) has the rest and holds 8 doubles
** a register. Every copy computes the same doubles: there is no contraction into FMA
** (Makefile.am: -ffp-contract=off), and nothing else a level adds rounds differently.
** Clang gets the AVX2 copy only. Elsewhere the attribute is empty.
*/
#ifndef SCEN_CORE_CLONES_H
#define SCEN_CORE_CLONES_H

#include <stdint.h>

#if defined(SCEN_VECTOR_CLONES)
/* the build's own (.ci/run's sanitizer build defines it empty: every loop then runs
** the default copy, and the suite checks that copy's results too) */
#define SCEN_CLONES_OFF 1
#elif defined(__x86_64__) && defined(__clang__)
#define SCEN_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#elif defined(__x86_64__) && defined(__GNUC__)
#define SCEN_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define SCEN_VECTOR_CLONES
#endif

/* Whether the copy running is not the default one (the processor has AVX2): for a loop
** whose vectors the default copy would make slower than plain scalar code (the 64-bit
** multiplies of a hash), to take the scalar way there. */
static inline int scen_wide_vectors(void)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(SCEN_CLONES_OFF)
	return __builtin_cpu_supports("avx2");
#else
	return 0;
#endif
}

/* The vectors such a loop is written in: four lanes, 32 bytes, one AVX2 register (the
** x86-64-v4 copy uses AVX-512's masks on it). Not wider: with AVX2, GCC 12 makes scalar
** code of the compares of a 64-byte vector (two registers), and SSE2 (the default copy)
** of any 64-bit compare. */
#define SCEN_V 4
typedef double scen_vd __attribute__((vector_size(SCEN_V * sizeof(double))));
typedef int64_t scen_vm __attribute__((vector_size(SCEN_V * sizeof(double))));
typedef uint64_t scen_vu __attribute__((vector_size(SCEN_V * sizeof(double))));

/* Eight lanes, one AVX-512 register: a loop whose 64-bit multiplies are most of its work
** (splitmix64) is written on them too, for the copy that runs where the processor has
** x86-64-v4 (scen_widest_vectors); the other copies, which would split or scalarise
** them, never run it. */
#define SCEN_V8 8
typedef double scen_vd8 __attribute__((vector_size(SCEN_V8 * sizeof(double))));
typedef int64_t scen_vm8 __attribute__((vector_size(SCEN_V8 * sizeof(double))));
typedef uint64_t scen_vu8 __attribute__((vector_size(SCEN_V8 * sizeof(double))));

static inline int scen_widest_vectors(void)
{
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(SCEN_CLONES_OFF)
	return __builtin_cpu_supports("x86-64-v4");
#else
	return 0;
#endif
}

#endif
