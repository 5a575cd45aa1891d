/*
** qsketch.h: quantiles in fixed memory, deterministic, mergeable: a compactor sketch
** in the manner of Karnin, Lang and Liberty (KLL, 2016) with its random coin replaced
** by alternation. Level h holds sorted values that each stand for 2^h draws; when a
** level overflows QS_CAP it keeps every other value (odd or even positions, alternating)
** and passes them up. Workers sketch a block each; the merger adds block sketches in
** block order, so the result is the same at any thread count. Rank error is about
** log2(n / QS_CAP) / QS_CAP: 1.3% at 10^7 draws. Quantiles are values that occurred
** (never interpolated), so a quantity that is often exactly 0 reports 0.
*/
#ifndef SCEN_QSKETCH_H
#define SCEN_QSKETCH_H

#include <stdint.h>

enum { QS_CAP = 1024, QS_LEVELS = 48 };

struct qsketch {
	double *level[QS_LEVELS];	/* sorted; NULL until used */
	unsigned count[QS_LEVELS];
	unsigned parity;		/* alternates which half a compaction keeps */
	uint64_t n;			/* draws represented */
};

void qs_init(struct qsketch *s);
void qs_free(struct qsketch *s);
/* Replaces s with a sketch of v[0..n) (which it sorts); n <= QS_CAP·2. */
void qs_from_block(struct qsketch *s, double *v, unsigned n);
/* Adds b into s (b is left as it was). */
void qs_merge(struct qsketch *s, const struct qsketch *b);
/* The value at quantile phi in [0, 1]; NAN when empty. */
double qs_quantile(const struct qsketch *s, double phi);

#endif
