/*
** fuzz_partial.c: libFuzzer harness over the reader of `scen merge`'s partials
** (report/partial.c). For every input: read it as a partial; if it reads, write it, read
** that back and write it again, and require both writings to be the same bytes (what
** a partial holds survives the round trip: counts, exact sums, sampled values), and
** add the totals to themselves. Any crash, sanitizer report, leak or abort() is a bug.
** Its mutator (below) changes the structure of valid partials, not only their bytes.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "report/partial.h"

static char *written(const struct partial_head *h, const struct run_totals *t, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);
	if (!m || partial_write(m, h, t) != 0)
		abort();
	fclose(m);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct partial_head h, h2;
	struct run_totals t, t2;
	char err[512];
	if (partial_parse("fuzz", (const char *)data, size, &h, &t, err, sizeof err) != 0) {
		partial_head_free(&h);
		totals_free(&t);
		return 0;
	}
	size_t n1, n2;
	char *one = written(&h, &t, &n1);
	if (partial_parse("again", one, n1, &h2, &t2, err, sizeof err) != 0) {
		fprintf(stderr, "a written partial does not read back: %s\n", err);
		abort();
	}
	char *two = written(&h2, &t2, &n2);
	if (n1 != n2 || memcmp(one, two, n1) != 0)
		abort();
	totals_add(&t, &t2);
	free(one);
	free(two);
	partial_head_free(&h);
	partial_head_free(&h2);
	totals_free(&t);
	totals_free(&t2);
	return 0;
}

/* ---- structural mutations ---- */

/* A valid partial changed as a careless or hostile hand would change it: a field
** dropped, an element dropped or doubled, a value retyped, a count moved by one or to
** an extreme, two elements swapped. Built with FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
** the reader ignores the digest, so the checks behind it are what each change meets. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

/* The node number k (0: root) of the tree under v, in pre-order, counting down *k. */
static json_t *node_at(json_t *v, unsigned *k, json_t **parent, const char **key,
		       size_t *index)
{
	if ((*k)-- == 0)
		return v;
	if (json_is_object(v)) {
		const char *kk;
		json_t *c;
		json_object_foreach(v, kk, c) {
			*parent = v, *key = kk, *index = 0;
			json_t *r = node_at(c, k, parent, key, index);
			if (r)
				return r;
		}
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			*parent = v, *key = NULL, *index = i;
			json_t *r = node_at(json_array_get(v, i), k, parent, key, index);
			if (r)
				return r;
		}
	}
	return NULL;
}

static unsigned count_nodes(json_t *v)
{
	unsigned n = 1;
	const char *k;
	json_t *c;
	if (json_is_object(v))
		json_object_foreach(v, k, c)
			n += count_nodes(c);
	else if (json_is_array(v))
		for (size_t i = 0; i < json_array_size(v); i++)
			n += count_nodes(json_array_get(v, i));
	return n;
}

static json_t *other_value(unsigned r, json_t *old)
{
	static const long long ints[] = { 0, 1, -1, 2, 1024, 1025, 4294967296LL,
					  9007199254740993LL, 9223372036854775807LL };
	switch (r % 7) {
	case 0: return json_integer(ints[(r / 7) % (sizeof ints / sizeof ints[0])]);
	case 1:
		if (json_is_integer(old))	/* one off, wrapping (unsigned: no UB) */
			return json_integer((json_int_t)((unsigned long long)json_integer_value(old)
							 + ((r / 7) % 2 ? 1ULL : -1ULL)));
		return json_integer(1);
	case 2: return json_string((r / 7) % 2 ? "" : "340282366920938463463374607431768211456");
	case 3: return json_real((r / 7) % 2 ? 0.5 : -1e308);
	case 4: return json_null();
	case 5: return json_array();
	default: return json_deep_copy(old);
	}
}

static void set_child(json_t *parent, const char *key, size_t index, json_t *v)
{
	if (key)
		json_object_set_new(parent, key, v);
	else
		json_array_set_new(parent, index, v);
}

static void mutate_tree(json_t *root, unsigned seed)
{
	unsigned r = seed * 2654435761u;
	unsigned k = 1 + r % (count_nodes(root) > 1 ? count_nodes(root) - 1 : 1);
	json_t *parent = NULL;
	const char *key = NULL;
	size_t index = 0;
	json_t *v = node_at(root, &k, &parent, &key, &index);
	if (!v || !parent)
		return;
	r /= 16;
	switch (seed % 5) {
	case 0:	/* drop it */
		if (key)
			json_object_del(parent, key);
		else
			json_array_remove(parent, index);
		break;
	case 1:	/* double it */
		if (!key)
			json_array_insert_new(parent, index, json_deep_copy(v));
		else
			set_child(parent, key, 0, other_value(r, v));
		break;
	case 2:	/* swap it with its neighbour */
		if (!key && index + 1 < json_array_size(parent)) {
			json_t *next = json_incref(json_array_get(parent, index + 1));
			json_array_set(parent, index + 1, v);
			json_array_set_new(parent, index, next);
		}
		break;
	default:	/* another value, or another type */
		set_child(parent, key, index, other_value(r, v));
		break;
	}
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned seed)
{
	json_error_t je;
	json_t *root = json_loadb((const char *)data, size, 0, &je);
	if (!root || seed % 4 == 0) {	/* bytes as well, now and then */
		json_decref(root);
		return LLVMFuzzerMutate(data, size, max_size);
	}
	mutate_tree(root, seed);
	char *text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	size_t n = text ? strlen(text) : 0;
	if (!text || n > max_size) {
		free(text);
		return LLVMFuzzerMutate(data, size, max_size);
	}
	memcpy(data, text, n);
	free(text);
	return n;
}
