/* utf8.c — well-formed UTF-8 for JSON output */
#include "utf8.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

size_t utf8_sequence_length(const unsigned char *s, size_t n)
{
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!continuation(s[i]))
			return 0;
	/* overlong three- and four-byte forms, surrogates, above U+10FFFF */
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
	    (c == 0xF4 && s[1] > 0x8F))
		return 0;
	return len;
}

/* Where the first ill-formed sequence at or after i starts, or n; ASCII
 * (almost all of a report) is skipped eight bytes at a time. */
static int ascii8(const unsigned char *p)
{
	uint64_t word;
	memcpy(&word, p, 8);
	return !(word & 0x8080808080808080ull);
}

static size_t first_invalid(const unsigned char *s, size_t i, size_t n)
{
	while (i < n) {
		if (n - i >= 8 && ascii8(s + i)) {
			i += 8;
			continue;
		}
		size_t k = utf8_sequence_length(s + i, n - i);
		if (k == 0)
			return i;
		i += k;
	}
	return n;
}

size_t utf8_sanitize(struct strbuf *sb, size_t from)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	const unsigned char *s = (const unsigned char *)sb->buf;
	size_t i = first_invalid(s, from, sb->len), bad = 0;
	if (i >= sb->len)
		return 0; /* the common case: nothing to copy */
	struct strbuf out = STRBUF_INIT;
	strbuf_add(&out, sb->buf, i);
	while (i < sb->len) {
		size_t k = utf8_sequence_length(s + i, sb->len - i);
		if (k == 0) {
			strbuf_add(&out, replacement, 3);
			bad++;
			i++;
		} else {
			strbuf_add(&out, s + i, k);
			i += k;
		}
	}
	strbuf_release(sb);
	*sb = out;
	return bad;
}
