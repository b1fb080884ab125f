/*
 * urldecode.c - recursive percent-decoder.
 *
 * decode_rec() decodes one unit (a plain byte or a %XX escape) and then
 * recurses on the remainder.  Request paths are bounded by REC_PATH_MAX,
 * which bounds the recursion depth as well.
 */
#include "parse/urldecode.h"

#include <string.h>

#define DECODE_FAIL ((size_t)-1)

int url_hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Decode src into dst[pos..cap).  Returns the final length, or
 * DECODE_FAIL on a bad escape, an encoded NUL, or lack of room.
 */
static size_t decode_rec(const char *src, char *dst, size_t cap, size_t pos,
                         int plus_is_space)
{
    int hi, lo;
    char ch;

    if (pos >= cap)
        return DECODE_FAIL;
    if (*src == '\0') {
        dst[pos] = '\0';
        return pos;
    }
    if (*src == '%') {
        hi = url_hex_value((unsigned char)src[1]);
        lo = hi < 0 ? -1 : url_hex_value((unsigned char)src[2]);
        if (hi < 0 || lo < 0)
            return DECODE_FAIL;
        ch = (char)(hi * 16 + lo);
        if (ch == '\0')
            return DECODE_FAIL;
        dst[pos] = ch;
        return decode_rec(src + 3, dst, cap, pos + 1, plus_is_space);
    }
    dst[pos] = (plus_is_space && *src == '+') ? ' ' : *src;
    return decode_rec(src + 1, dst, cap, pos + 1, plus_is_space);
}

int url_decode(const char *src, char *dst, size_t cap, int plus_is_space)
{
    size_t n;

    if (cap == 0)
        return -1;
    n = decode_rec(src, dst, cap, 0, plus_is_space);
    if (n == DECODE_FAIL) {
        dst[0] = '\0';
        return -1;
    }
    return 0;
}

int url_needs_decoding(const char *s)
{
    return strchr(s, '%') != NULL || strchr(s, '+') != NULL;
}
