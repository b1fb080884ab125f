/* catalog.h - book catalogue: a file-backed store with an in-memory cache, categories and ISBNs. */
#ifndef BOOKSTORE_CATALOG_CATALOG_H
#define BOOKSTORE_CATALOG_CATALOG_H

#include <stddef.h>

#define ISBN_BUF 16

struct book {
    char isbn[ISBN_BUF];    /* normalised ISBN-13 */
    char title[128];
    char author[96];
    int category;
    long price_cents;
    int year;
};

struct catalog_stats {
    unsigned long hits;
    unsigned long misses;
    size_t cached;
};

/* Cache counters, also exported for the /metrics page. */
extern unsigned long g_cache_hits;
extern unsigned long g_cache_misses;

typedef int (*catalog_visit_fn)(const struct book *book, void *ctx);

/* catalog.c: returned book pointers stay owned by the cache until catalog_shutdown(). */
int catalog_init(void);
void catalog_shutdown(void);
int catalog_load(const char *path);
int catalog_parse_line(char *line, struct book *out);
const struct book *catalog_get(const char *isbn);
size_t catalog_list(const struct book **out, size_t max, size_t offset, size_t *total);
size_t catalog_search(const char *query, const struct book **out, size_t max);
int catalog_foreach(catalog_visit_fn fn, void *ctx);
void catalog_cache_stats(struct catalog_stats *out);

/* category.c: a fixed category tree. */
int category_count(void);
const char *category_name(int id);
int category_parent(int id);
int category_find(const char *name);
int category_path(int id, char *out, size_t len);

/* isbn.c */
int isbn_normalize(const char *in, char *out, size_t outlen);
int isbn_valid(const char *normalized);
int isbn_to13(const char *normalized, char *out, size_t outlen);

#endif
