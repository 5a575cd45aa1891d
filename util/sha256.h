/*
** sha256.h: SHA-256 (FIPS 180-4), the content hash of the provenance that JSON, CSV,
** partials and the HTML report carry (report/provenance.c): the hash `sha256sum FILE`
** prints, so that anyone can tell whether a file is the one a number came from.
*/
#ifndef SCEN_SHA256_H
#define SCEN_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;			/* added so far */
	unsigned char block[64];	/* the block being filled */
	size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_add(struct sha256 *s, const void *data, size_t len);
/* Ends s and writes the hash as 64 lowercase hexadecimal digits and a NUL. */
void sha256_hex(struct sha256 *s, char out[65]);
/* The hash of data[0..len). */
void sha256_of(const void *data, size_t len, char out[65]);

#endif
