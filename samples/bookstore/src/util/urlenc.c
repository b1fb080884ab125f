/* urlenc.c - percent-decoding and form field lookup. */
#include "util/urlenc.h"

#include <string.h>

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long url_decode(const char *in, size_t inlen, char *out, size_t outlen)
{
    size_t i = 0, o = 0;

    if (outlen == 0)
        return -1;
    while (i < inlen) {
        char c = in[i];
        if (o + 1 >= outlen)
            return -1;
        if (c == '%') {
            int hi, lo;
            if (i + 2 >= inlen)
                return -1;
            hi = hex_value(in[i + 1]);
            lo = hex_value(in[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            out[o++] = (char)(hi * 16 + lo);
            i += 3;
        } else {
            out[o++] = c == '+' ? ' ' : c;
            i++;
        }
    }
    out[o] = '\0';
    return (long)o;
}

int form_param(const char *form, size_t len, const char *name, char *out, size_t outlen)
{
    size_t nlen = strlen(name);
    size_t pos = 0;

    while (pos < len) {
        const char *field = form + pos;
        const char *amp = memchr(field, '&', len - pos);
        size_t flen = amp != NULL ? (size_t)(amp - field) : len - pos;

        if (flen > nlen && field[nlen] == '=' && memcmp(field, name, nlen) == 0)
            return url_decode(field + nlen + 1, flen - nlen - 1, out, outlen) < 0 ? -1 : 0;
        pos += flen + 1;
    }
    return -1;
}
