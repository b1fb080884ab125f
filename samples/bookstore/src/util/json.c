/* json.c - JSON string escaping. */
#include "util/json.h"

#include <stdio.h>
#include <string.h>

static size_t escape_char(unsigned char c, char tmp[8])
{
    switch (c) {
    case '"':  tmp[0] = '\\'; tmp[1] = '"';  return 2;
    case '\\': tmp[0] = '\\'; tmp[1] = '\\'; return 2;
    case '\n': tmp[0] = '\\'; tmp[1] = 'n';  return 2;
    case '\r': tmp[0] = '\\'; tmp[1] = 'r';  return 2;
    case '\t': tmp[0] = '\\'; tmp[1] = 't';  return 2;
    default:
        break;
    }
    if (c < 0x20)
        return (size_t)snprintf(tmp, 8, "\\u%04x", c);
    tmp[0] = (char)c;
    return 1;
}

size_t json_escape(const char *s, char *out, size_t outlen)
{
    size_t need = 0, written = 0;
    int full = 0;
    char tmp[8];

    for (; *s != '\0'; s++) {
        size_t n = escape_char((unsigned char)*s, tmp);
        /* never split an escape sequence: stop at the first one that does not fit */
        if (!full && written + n < outlen) {
            memcpy(out + written, tmp, n);
            written += n;
        } else {
            full = 1;
        }
        need += n;
    }
    if (outlen > 0)
        out[written] = '\0';
    return need;
}
