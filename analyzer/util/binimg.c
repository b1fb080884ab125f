/* binimg.c — binary file images: checked fixed-width and string fields */
#include "binimg.h"
#include <string.h>

void binimg_put_u8(struct strbuf *o, uint8_t v) { strbuf_add(o, &v, 1); }
void binimg_put_u16(struct strbuf *o, uint16_t v) { strbuf_add(o, &v, 2); }
void binimg_put_u32(struct strbuf *o, uint32_t v) { strbuf_add(o, &v, 4); }
void binimg_put_u64(struct strbuf *o, uint64_t v) { strbuf_add(o, &v, 8); }

void binimg_put_str(struct strbuf *o, const char *s)
{
	if (!s) {
		binimg_put_u32(o, BINIMG_NO_STRING);
		return;
	}
	size_t n = strlen(s);
	binimg_put_u32(o, (uint32_t)n);
	strbuf_add(o, s, n);
}

void binimg_get(struct binimg_reader *r, void *dst, size_t n)
{
	if (r->bad || binimg_left(r) < n) {
		r->bad = true;
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, r->p, n);
	r->p += n;
}

uint8_t binimg_get_u8(struct binimg_reader *r) { uint8_t v; binimg_get(r, &v, 1); return v; }
uint16_t binimg_get_u16(struct binimg_reader *r) { uint16_t v; binimg_get(r, &v, 2); return v; }
uint32_t binimg_get_u32(struct binimg_reader *r) { uint32_t v; binimg_get(r, &v, 4); return v; }
uint64_t binimg_get_u64(struct binimg_reader *r) { uint64_t v; binimg_get(r, &v, 8); return v; }

const char *binimg_get_bytes(struct binimg_reader *r, size_t n)
{
	if (r->bad || binimg_left(r) < n) {
		r->bad = true;
		return NULL;
	}
	const char *s = r->p;
	r->p += n;
	return s;
}

const char *binimg_get_str(struct binimg_reader *r, uint32_t *n)
{
	*n = binimg_get_u32(r);
	if (*n == BINIMG_NO_STRING || r->bad)
		return NULL;
	const char *s = binimg_get_bytes(r, *n);
	if (s && memchr(s, '\0', *n)) {
		r->bad = true;
		return NULL;
	}
	return s;
}

size_t binimg_left(const struct binimg_reader *r)
{
	return (size_t)(r->end - r->p);
}
