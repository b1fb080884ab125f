/* binimg.h — binary file images: fixed-width integers (host byte order)
 * and length-prefixed strings appended to a strbuf, and read back with
 * every read checked against the end of the image. A reader that runs out
 * or meets a malformed string sets `bad` and yields zeros and NULLs from
 * then on, so a decoder checks once, at the end.
 * Ownership: nothing is allocated; strings read point into the image. */
#ifndef SEAM_BINIMG_H
#define SEAM_BINIMG_H
#include "strbuf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length a NULL string is written with. */
#define BINIMG_NO_STRING UINT32_MAX

void binimg_put_u8(struct strbuf *o, uint8_t v);
void binimg_put_u16(struct strbuf *o, uint16_t v);
void binimg_put_u32(struct strbuf *o, uint32_t v);
void binimg_put_u64(struct strbuf *o, uint64_t v);
/* A u32 length, then the bytes (no NUL); NULL as BINIMG_NO_STRING. */
void binimg_put_str(struct strbuf *o, const char *s);

struct binimg_reader {
	const char *p, *end;
	bool bad;
};

/* Copies the next n bytes to dst (zeros when the image is too short). */
void binimg_get(struct binimg_reader *r, void *dst, size_t n);
uint8_t binimg_get_u8(struct binimg_reader *r);
uint16_t binimg_get_u16(struct binimg_reader *r);
uint32_t binimg_get_u32(struct binimg_reader *r);
uint64_t binimg_get_u64(struct binimg_reader *r);
/* The next string's bytes in the image (not NUL-terminated), its length in
 * *n; NULL for a NULL string, or a bad one: past the end, or holding a NUL. */
const char *binimg_get_str(struct binimg_reader *r, uint32_t *n);
/* The next n bytes in the image, NULL (and bad) when fewer are left. */
const char *binimg_get_bytes(struct binimg_reader *r, size_t n);
/* Bytes left to read. */
size_t binimg_left(const struct binimg_reader *r);

#endif
