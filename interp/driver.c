/*
** driver.c: the driver of interp_run and of the paired run of `scen diff` (paired.c):
** items (units or blocks, the caller's choice) run by worker threads, each result
** handed to the caller's merge in item order, at most RUN_WINDOW items per thread in
** flight. It knows nothing of what an item computes (interp_int.h, struct
** block_driver).
*/
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "interp/interp_int.h"
#include "util/xalloc.h"

/* Item i's result lives in ring[i % nring]; done is i + 1 once it is there. An item is
** taken only when the one nring before it is merged, so the slot is free. */
struct slot {
	void *result;
	_Atomic uint64_t done;
};

/* Without a lock on the way of an item (issue 15: a lock taken twice an item, by two
** threads, made one wait on the other about once an item, a sleep and a wake-up each):
** an item is taken by an atomic increment, marked done by an atomic store, and merged
** by whichever thread holds `merging`. The mutex and condition serve only a thread
** that is nring items ahead of the merge, which waits for it. */
struct driver_run {
	const struct block_driver *d;
	uint64_t end;
	_Atomic uint64_t next, merged;	/* items: next to take, next to merge */
	_Atomic bool merging;		/* a thread is merging finished items */
	_Atomic bool stop;
	struct slot *ring;
	unsigned nring;
	_Atomic unsigned waiting;	/* threads waiting for room in the ring */
	pthread_mutex_t lock;
	pthread_cond_t room;
};

static void wake_waiting(struct driver_run *dr)
{
	if (atomic_load(&dr->waiting) == 0)
		return;
	pthread_mutex_lock(&dr->lock);
	pthread_cond_broadcast(&dr->room);
	pthread_mutex_unlock(&dr->lock);
}

/* Waits until item n has a free slot (the one nring before it is merged), or a stop. */
static void wait_for_room(struct driver_run *dr, uint64_t n)
{
	if (n < atomic_load(&dr->merged) + dr->nring || atomic_load(&dr->stop))
		return;
	pthread_mutex_lock(&dr->lock);
	atomic_fetch_add(&dr->waiting, 1);
	while (!atomic_load(&dr->stop) && n >= atomic_load(&dr->merged) + dr->nring)
		pthread_cond_wait(&dr->room, &dr->lock);
	atomic_fetch_sub(&dr->waiting, 1);
	pthread_mutex_unlock(&dr->lock);
}

static bool ready(struct driver_run *dr, uint64_t m)
{
	return !atomic_load(&dr->stop) && m < dr->end
	       && atomic_load(&dr->ring[m % dr->nring].done) == m + 1;
}

/* Merges, in item order, every finished item next in line, unless another thread is
** doing it: that one looks again once it lets go, so an item finished meanwhile is not
** left behind. After a stop, items in flight are dropped. */
static void merge_ready(struct driver_run *dr)
{
	do {
		if (atomic_exchange(&dr->merging, true))
			return;
		uint64_t m = atomic_load(&dr->merged);
		for (; ready(dr, m); m++) {
			struct slot *b = &dr->ring[m % dr->nring];
			if (dr->d->merge(dr->d->ctx, b->result, m))
				atomic_store(&dr->stop, true);
			atomic_store(&dr->merged, m + 1);
			wake_waiting(dr);
		}
		atomic_store(&dr->merging, false);
	} while (ready(dr, atomic_load(&dr->merged)));
}

static void *work(void *arg)
{
	struct driver_run *dr = arg;
	const struct block_driver *d = dr->d;
	void *w = d->worker_new(d->ctx);
	for (;;) {
		uint64_t n = atomic_fetch_add(&dr->next, 1);
		if (n >= dr->end)
			break;
		wait_for_room(dr, n);
		if (atomic_load(&dr->stop))
			break;
		struct slot *b = &dr->ring[n % dr->nring];
		d->run(d->ctx, w, b->result, n);
		atomic_store(&b->done, n + 1);
		merge_ready(dr);
	}
	d->worker_free(d->ctx, w);
	return NULL;
}

unsigned blocks_threads(unsigned threads, uint64_t items)
{
	if (threads > items)
		threads = (unsigned)(items ? items : 1);
	return threads;
}

/* Written so that no count of draws wraps it (draws + RUN_BLOCK − 1 would, near 2^64,
** and a run of 2^64 − 1 draws then had 0 blocks); SCEN_MAX_DRAWS keeps counts far
** below that anyway. */
uint64_t block_count(uint64_t draws)
{
	return draws / RUN_BLOCK + (draws % RUN_BLOCK != 0);
}

void block_span(uint64_t draws, uint64_t block, uint64_t *first, uint64_t *count)
{
	*first = block * RUN_BLOCK;
	*count = draws - *first < RUN_BLOCK ? draws - *first : RUN_BLOCK;
}

uint64_t blocks_run(const struct block_driver *d)
{
	struct driver_run dr = { .d = d, .end = d->first + d->count };
	atomic_init(&dr.next, d->first);
	atomic_init(&dr.merged, d->first);
	atomic_init(&dr.merging, false);
	atomic_init(&dr.stop, false);
	atomic_init(&dr.waiting, 0);
	unsigned threads = blocks_threads(d->threads, d->count);
	dr.nring = threads * RUN_WINDOW;
	dr.ring = xcalloc(dr.nring, sizeof *dr.ring);
	for (unsigned r = 0; r < dr.nring; r++) {
		dr.ring[r].result = d->results[r];
		atomic_init(&dr.ring[r].done, 0);
	}
	pthread_mutex_init(&dr.lock, NULL);
	pthread_cond_init(&dr.room, NULL);
	pthread_t *tid = xmalloc(threads * sizeof *tid);
	for (unsigned i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, work, &dr);
	for (unsigned i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	free(tid);
	free(dr.ring);
	pthread_mutex_destroy(&dr.lock);
	pthread_cond_destroy(&dr.room);
	return atomic_load(&dr.merged) - d->first;
}
