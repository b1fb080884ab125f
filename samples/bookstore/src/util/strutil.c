/* strutil.c - small string helpers on caller-owned buffers. */
#include "util/strutil.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

size_t str_copy(char *dst, const char *src, size_t dstlen)
{
    size_t n = strlen(src);
    size_t c;

    if (dstlen == 0)
        return n;
    c = n < dstlen - 1 ? n : dstlen - 1;
    memcpy(dst, src, c);
    dst[c] = '\0';
    return n;
}

int str_ci_eq(const char *a, const char *b)
{
    while (*a != '\0' && *b != '\0') {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
        a++;
        b++;
    }
    return *a == *b;
}

int str_ci_contains(const char *haystack, const char *needle)
{
    size_t nl = strlen(needle);

    if (nl == 0)
        return 1;
    for (; *haystack != '\0'; haystack++) {
        size_t i = 0;
        while (i < nl && haystack[i] != '\0' &&
               tolower((unsigned char)haystack[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == nl)
            return 1;
    }
    return 0;
}

char *str_trim(char *s)
{
    size_t n;

    while (isspace((unsigned char)*s))
        s++;
    n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

int str_parse_long(const char *s, long min, long max, long *out)
{
    int neg = 0;
    long v = 0;

    if (s == NULL || *s == '\0')
        return -1;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    if (!isdigit((unsigned char)*s))
        return -1;
    for (; *s != '\0'; s++) {
        int d;
        if (!isdigit((unsigned char)*s))
            return -1;
        d = *s - '0';
        if (v > (LONG_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (neg)
        v = -v;
    if (v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

size_t str_hex_encode(const unsigned char *in, size_t n, char *out, size_t outlen)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    if (outlen == 0)
        return 0;
    for (i = 0; i < n && 2 * i + 2 < outlen; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 0x0f];
    }
    out[2 * i] = '\0';
    return 2 * i;
}

size_t str_split_words(char *s, char **words, size_t max)
{
    static const char seps[] = " \t,+";
    size_t n = 0;
    char *tok;

    for (tok = strtok(s, seps); tok != NULL && n < max; tok = strtok(NULL, seps))
        words[n++] = tok;
    return n;
}
