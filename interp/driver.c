/*
** driver.c: the driver of interp_run and of the paired run of `scen diff` (paired.c):
** items (units or blocks, the caller's choice) run by worker threads, each result
** handed to the caller's merge in item order, at most RUN_WINDOW items per thread in
** flight. It knows nothing of what an item computes (interp_int.h, struct
** block_driver).
*/
#include <pthread.h>
#include <stdlib.h>

#include "interp/interp_int.h"
#include "util/xalloc.h"

struct slot {
	void *result;
	uint64_t item;
	int state;			/* 0 free, 1 taken, 2 done */
};

struct driver_run {
	const struct block_driver *d;
	uint64_t end, next, merged;	/* items: next to take, next to merge */
	struct slot *ring;		/* nring slots: item i lives in ring[i % nring] */
	unsigned nring;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	bool stop;
	bool merging;			/* a worker is merging finished items */
};

/* Called with the lock held: merges every finished item that is next in order. One
** worker at a time does this, while the others go on drawing. */
static void merge_ready(struct driver_run *dr)
{
	dr->merging = true;
	while (!dr->stop && dr->merged < dr->end) {	/* after a stop, in-flight items
							** are dropped */
		struct slot *b = &dr->ring[dr->merged % dr->nring];
		if (b->state != 2 || b->item != dr->merged)
			break;
		pthread_mutex_unlock(&dr->lock);
		bool stop = dr->d->merge(dr->d->ctx, b->result, b->item);
		pthread_mutex_lock(&dr->lock);
		b->state = 0;
		dr->merged++;
		dr->stop |= stop;
		pthread_cond_broadcast(&dr->changed);
	}
	dr->merging = false;
}

static void *work(void *arg)
{
	struct driver_run *dr = arg;
	const struct block_driver *d = dr->d;
	void *w = d->worker_new(d->ctx);
	pthread_mutex_lock(&dr->lock);
	for (;;) {
		while (!dr->stop && dr->next < dr->end && dr->next >= dr->merged + dr->nring)
			pthread_cond_wait(&dr->changed, &dr->lock);
		if (dr->stop || dr->next >= dr->end)
			break;
		uint64_t n = dr->next++;
		struct slot *b = &dr->ring[n % dr->nring];
		b->state = 1;
		b->item = n;
		pthread_mutex_unlock(&dr->lock);
		d->run(d->ctx, w, b->result, n);
		pthread_mutex_lock(&dr->lock);
		b->state = 2;
		pthread_cond_broadcast(&dr->changed);
		if (!dr->merging)
			merge_ready(dr);
	}
	pthread_mutex_unlock(&dr->lock);
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
	struct driver_run dr = { .d = d, .end = d->first + d->count, .next = d->first,
				 .merged = d->first };
	unsigned threads = blocks_threads(d->threads, d->count);
	dr.nring = threads * RUN_WINDOW;
	dr.ring = xcalloc(dr.nring, sizeof *dr.ring);
	for (unsigned r = 0; r < dr.nring; r++)
		dr.ring[r].result = d->results[r];
	pthread_mutex_init(&dr.lock, NULL);
	pthread_cond_init(&dr.changed, NULL);
	pthread_t *tid = xmalloc(threads * sizeof *tid);
	for (unsigned i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, work, &dr);
	for (unsigned i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	free(tid);
	free(dr.ring);
	pthread_mutex_destroy(&dr.lock);
	pthread_cond_destroy(&dr.changed);
	return dr.merged - d->first;
}
