/*
 * top_urls.c - most requested (normalised) paths.
 *
 * Counts live in a file-static hash map; at the end they are copied into
 * a vector and sorted with qsort().
 */
#include <stdio.h>
#include <string.h>

#include "cli/options.h"
#include "io/writer.h"
#include "parse/record.h"
#include "plugins/plugins.h"
#include "transform/normalize.h"
#include "util/hashmap.h"
#include "util/vec.h"

struct url_count {
    const char *path;       /* borrowed from the map */
    long long hits;
};

static struct hashmap g_urls;
static unsigned g_top_n = 10;
static unsigned long g_static_hits;

/* qsort comparator: most hits first, then by path for a stable report. */
static int cmp_hits_desc(const void *a, const void *b)
{
    const struct url_count *x = a;
    const struct url_count *y = b;

    if (x->hits != y->hits)
        return x->hits < y->hits ? 1 : -1;
    return strcmp(x->path, y->path);
}

/* hm_foreach() visitor: copy one map entry into the vector in ctx. */
static void collect_url(const char *key, long long value, void *ctx)
{
    struct url_count uc;

    uc.path = key;
    uc.hits = value;
    vec_push(ctx, &uc);
}

int top_urls_init(const struct options *opts)
{
    hm_free(&g_urls);
    g_static_hits = 0;
    g_top_n = opts->top_n > 0 ? opts->top_n : 10;
    return hm_init(&g_urls, 256);
}

void top_urls_on_record(const struct record *rec)
{
    char norm[REC_PATH_MAX];

    if (rec->path[0] == '\0')
        return;
    path_normalize(rec->path, norm, sizeof norm);
    if (path_is_static_asset(norm)) {
        g_static_hits++;
        return;
    }
    hm_add(&g_urls, norm, 1);
}

void top_urls_finish(FILE *out)
{
    struct vec rows;
    size_t i;

    vec_init(&rows, sizeof(struct url_count));
    hm_foreach(&g_urls, collect_url, &rows);
    vec_sort(&rows, cmp_hits_desc);

    out_section(out, "top-urls");
    for (i = 0; i < vec_len(&rows) && i < g_top_n; i++) {
        const struct url_count *uc = vec_at(&rows, i);
        OUT_COUNT(out, "top-urls", uc->path, uc->hits);
    }
    OUT_COUNT(out, "top-urls", "(distinct paths)", hm_size(&g_urls));
    OUT_COUNT(out, "top-urls", "(static assets)", g_static_hits);

    vec_free(&rows);
    hm_free(&g_urls);
}
