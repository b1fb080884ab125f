/*
 * normalize.c - turn "/users/1234/orders//../cart?x=1" into "/users/:id/cart".
 *
 * Pure: works on the caller's buffers and on const tables only.
 */
#include "transform/normalize.h"

#include <ctype.h>
#include <string.h>

#define MAX_SEGMENTS 64
#define ID_PLACEHOLDER ":id"

static const char *const static_extensions[] = {
    "css", "js", "png", "jpg", "jpeg", "gif", "svg", "ico", "woff", "woff2",
    "map", "webp",
};

/* All digits, or a long run of hex (hashes, UUIDs without dashes). */
static int segment_is_id(const char *s, size_t n)
{
    size_t i;
    int all_digits = 1;
    int all_hex = 1;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isdigit(c))
            all_digits = 0;
        if (!isxdigit(c) && c != '-')
            all_hex = 0;
    }
    return all_digits || (all_hex && n >= 16);
}

size_t path_normalize(const char *in, char *out, size_t cap)
{
    const char *seg_start[MAX_SEGMENTS];
    size_t seg_len[MAX_SEGMENTS];
    size_t nseg = 0;
    size_t len = strcspn(in, "?#");
    size_t i = 0;
    size_t o = 0;
    size_t k;

    if (cap == 0)
        return 0;

    while (i < len) {
        size_t start;

        while (i < len && in[i] == '/')
            i++;
        start = i;
        while (i < len && in[i] != '/')
            i++;
        if (i == start)
            break;
        if (i - start == 1 && in[start] == '.')
            continue;
        if (i - start == 2 && in[start] == '.' && in[start + 1] == '.') {
            if (nseg > 0)
                nseg--;
            continue;
        }
        if (nseg == MAX_SEGMENTS)
            break;
        seg_start[nseg] = in + start;
        seg_len[nseg] = i - start;
        nseg++;
    }

    for (k = 0; k < nseg; k++) {
        const char *s = seg_start[k];
        size_t n = seg_len[k];

        if (segment_is_id(s, n)) {
            s = ID_PLACEHOLDER;
            n = sizeof ID_PLACEHOLDER - 1;
        }
        if (o + 1 + n >= cap)
            break;
        out[o++] = '/';
        memcpy(out + o, s, n);
        o += n;
    }
    if (o == 0 && cap > 1)
        out[o++] = '/';
    out[o] = '\0';
    return o;
}

const char *path_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');

    if (dot == NULL || (slash != NULL && dot < slash) || dot[1] == '\0')
        return NULL;
    return dot + 1;
}

int path_is_static_asset(const char *path)
{
    const char *ext = path_extension(path);
    size_t i;

    if (ext == NULL)
        return 0;
    for (i = 0; i < sizeof static_extensions / sizeof static_extensions[0];
         i++) {
        const char *a = ext;
        const char *b = static_extensions[i];
        while (*a != '\0' && *b != '\0' &&
               tolower((unsigned char)*a) == (unsigned char)*b) {
            a++;
            b++;
        }
        if (*a == '\0' && *b == '\0')
            return 1;
    }
    return 0;
}
