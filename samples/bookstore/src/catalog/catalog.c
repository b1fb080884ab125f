/* catalog.c - book catalogue: a tab-separated store file fronted by an in-memory cache. */
#include "catalog/catalog.h"
#include "config/config.h"
#include "log/log.h"
#include "util/hmap.h"
#include "util/strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CATALOG_MAX_CACHED 4096
#define SEARCH_MAX_WORDS 8

static struct hmap g_books;     /* isbn -> struct book *, owned by the cache */
unsigned long g_cache_hits;
unsigned long g_cache_misses;

/* Used when the store file is missing, so a fresh checkout still serves something. */
static const struct book seed_books[] = {
    { "9780131103627", "The C Programming Language", "Brian W. Kernighan, Dennis M. Ritchie", 8, 4599, 1988 },
    { "9780262510875", "Structure and Interpretation of Computer Programs", "Harold Abelson, Gerald Jay Sussman", 8, 5500, 1996 },
    { "9781985086593", "Operating Systems: Three Easy Pieces", "Remzi H. Arpaci-Dusseau, Andrea C. Arpaci-Dusseau", 9, 3200, 2018 },
    { "9781434640970", "Frankenstein", "Mary Shelley", 5, 899, 1818 },
    { "9781202466337", "The Time Machine", "H. G. Wells", 2, 799, 1895 },
    { "9781529923124", "The War of the Worlds", "H. G. Wells", 2, 899, 1898 },
    { "9781873669464", "A Princess of Mars", "Edgar Rice Burroughs", 3, 699, 1912 },
    { "9781064808948", "The Skylark of Space", "E. E. Smith", 3, 749, 1928 },
    { "9781097222339", "The Moonstone", "Wilkie Collins", 4, 999, 1868 },
    { "9781719248655", "The Hound of the Baskervilles", "Arthur Conan Doyle", 4, 849, 1902 },
    { "9781126339205", "Pride and Prejudice", "Jane Austen", 5, 799, 1813 },
    { "9781490819358", "Moby-Dick", "Herman Melville", 5, 1199, 1851 },
    { "9781782204824", "The Histories", "Herodotus", 10, 1499, -430 },
    { "9781077844834", "Meditations", "Marcus Aurelius", 10, 1099, 180 },
    { "9781681068718", "Alice's Adventures in Wonderland", "Lewis Carroll", 11, 699, 1865 },
    { "9781288163021", "The Wonderful Wizard of Oz", "L. Frank Baum", 11, 749, 1900 },
};

int catalog_init(void)
{
    g_cache_hits = 0;
    g_cache_misses = 0;
    return hmap_init(&g_books, 256);
}

void catalog_shutdown(void)
{
    hmap_release(&g_books, free);
}

/* Splits one tab-separated field off *p in place. */
static char *next_field(char **p)
{
    char *start = *p, *tab;

    if (start == NULL)
        return NULL;
    tab = strchr(start, '\t');
    if (tab != NULL) {
        *tab = '\0';
        *p = tab + 1;
    } else {
        *p = NULL;
    }
    return start;
}

/* isbn \t title \t author \t category \t price_cents \t year; modifies line. */
int catalog_parse_line(char *line, struct book *out)
{
    char *p = line, *f[6];
    long price, year;
    size_t n;

    n = strcspn(line, "\r\n");
    line[n] = '\0';
    if (line[0] == '#' || line[0] == '\0')
        return -1;
    for (int i = 0; i < 6; i++)
        if ((f[i] = next_field(&p)) == NULL)
            return -1;
    memset(out, 0, sizeof *out);
    if (isbn_normalize(f[0], out->isbn, sizeof out->isbn) != 0 || !isbn_valid(out->isbn))
        return -1;
    str_copy(out->title, f[1], sizeof out->title);
    str_copy(out->author, f[2], sizeof out->author);
    out->category = category_find(f[3]);
    if (out->category < 0 ||
        str_parse_long(f[4], 0, 10000000L, &price) != 0 ||
        str_parse_long(f[5], -3000, 3000, &year) != 0)
        return -1;
    out->price_cents = price;
    out->year = (int)year;
    return 0;
}

/* Scans the store file for one ISBN; used on a cache miss. */
static int store_lookup(const char *path, const char *isbn, struct book *out)
{
    char line[512];
    FILE *f = fopen(path, "r");
    int found = -1;

    if (f == NULL)
        return -1;
    while (found != 0 && fgets(line, sizeof line, f) != NULL) {
        struct book b;
        if (catalog_parse_line(line, &b) == 0 && strcmp(b.isbn, isbn) == 0) {
            *out = b;
            found = 0;
        }
    }
    fclose(f);
    return found;
}

static int cache_insert(const struct book *b)
{
    struct book *copy;
    void *old = NULL;

    if (hmap_count(&g_books) >= CATALOG_MAX_CACHED)
        return -1;
    copy = malloc(sizeof *copy);
    if (copy == NULL)
        return -1;
    *copy = *b;
    if (hmap_put(&g_books, copy->isbn, copy, &old) != 0) {
        free(copy);
        return -1;
    }
    free(old);
    return 0;
}

static int load_seed(void)
{
    for (size_t i = 0; i < ARRAY_LEN(seed_books); i++)
        if (cache_insert(&seed_books[i]) != 0)
            return -1;
    return (int)ARRAY_LEN(seed_books);
}

int catalog_load(const char *path)
{
    char line[512];
    int loaded = 0, lineno = 0;
    FILE *f = fopen(path, "r");

    if (f == NULL) {
        LOG_WARN("catalog: cannot open '%s', using the built-in seed list", path);
        return load_seed();
    }
    while (fgets(line, sizeof line, f) != NULL) {
        struct book b;
        lineno++;
        if (catalog_parse_line(line, &b) != 0) {
            if (line[0] != '#' && line[0] != '\0')
                LOG_WARN("catalog: %s:%d: malformed entry skipped", path, lineno);
            continue;
        }
        if (cache_insert(&b) == 0)
            loaded++;
    }
    fclose(f);
    LOG_INFO("catalog: %d books loaded from %s", loaded, path);
    return loaded;
}

const struct book *catalog_get(const char *isbn)
{
    char key[ISBN_BUF], isbn13[ISBN_BUF];
    struct book *b;
    struct book fetched;

    if (isbn_normalize(isbn, key, sizeof key) != 0 || isbn_to13(key, isbn13, sizeof isbn13) != 0)
        return NULL;
    b = hmap_get(&g_books, isbn13);
    if (b != NULL) {
        g_cache_hits++;
        return b;
    }
    g_cache_misses++;
    if (store_lookup(config_catalog_path(), isbn13, &fetched) != 0)
        return NULL;
    if (cache_insert(&fetched) != 0) {
        LOG_WARN("catalog: cache full, %s not cached", isbn13);
        return NULL;
    }
    LOG_DEBUG("catalog: %s fetched from the store", isbn13);
    return hmap_get(&g_books, isbn13);
}

struct collect_ctx {
    const struct book **items;
    size_t n, cap;
};

static int collect_book_cb(const char *key, void *value, void *ctx)
{
    struct collect_ctx *c = ctx;

    (void)key;
    if (c->n == c->cap)
        return 1;
    c->items[c->n++] = value;
    return 0;
}

static int compare_books_by_title(const void *a, const void *b)
{
    const struct book *x = *(const struct book *const *)a;
    const struct book *y = *(const struct book *const *)b;
    int c = strcmp(x->title, y->title);

    return c != 0 ? c : strcmp(x->isbn, y->isbn);
}

size_t catalog_list(const struct book **out, size_t max, size_t offset, size_t *total)
{
    struct collect_ctx c;
    size_t n = 0;

    *total = hmap_count(&g_books);
    if (*total == 0)
        return 0;
    c.items = malloc(*total * sizeof *c.items);
    if (c.items == NULL)
        return 0;
    c.n = 0;
    c.cap = *total;
    hmap_foreach(&g_books, collect_book_cb, &c);
    qsort(c.items, c.n, sizeof *c.items, compare_books_by_title);
    for (size_t i = offset; i < c.n && n < max; i++)
        out[n++] = c.items[i];
    free(c.items);
    return n;
}

struct search_hit {
    const struct book *book;
    int score;
};

struct search_ctx {
    char **words;
    size_t nwords;
    struct search_hit *hits;
    size_t n, cap;
};

/* A book matches when every word is in the title or author; title matches score higher. */
static int search_match_cb(const char *key, void *value, void *ctx)
{
    struct search_ctx *s = ctx;
    const struct book *b = value;
    int score = 0;

    (void)key;
    for (size_t i = 0; i < s->nwords; i++) {
        if (str_ci_contains(b->title, s->words[i]))
            score += 2;
        else if (str_ci_contains(b->author, s->words[i]))
            score += 1;
        else
            return 0;
    }
    if (s->n < s->cap) {
        s->hits[s->n].book = b;
        s->hits[s->n].score = score;
        s->n++;
    }
    return 0;
}

static int compare_hits(const void *a, const void *b)
{
    const struct search_hit *x = a, *y = b;

    if (x->score != y->score)
        return y->score - x->score;
    return strcmp(x->book->title, y->book->title);
}

size_t catalog_search(const char *query, const struct book **out, size_t max)
{
    char buf[256];
    char *words[SEARCH_MAX_WORDS];
    struct search_ctx s;
    size_t n = 0;

    str_copy(buf, query, sizeof buf);
    s.nwords = str_split_words(buf, words, SEARCH_MAX_WORDS);
    if (s.nwords == 0 || hmap_count(&g_books) == 0)
        return 0;
    s.words = words;
    s.cap = hmap_count(&g_books);
    s.n = 0;
    s.hits = malloc(s.cap * sizeof *s.hits);
    if (s.hits == NULL)
        return 0;
    hmap_foreach(&g_books, search_match_cb, &s);
    qsort(s.hits, s.n, sizeof *s.hits, compare_hits);
    for (; n < s.n && n < max; n++)
        out[n] = s.hits[n].book;
    free(s.hits);
    return n;
}

struct visit_adapter {
    catalog_visit_fn fn;
    void *ctx;
};

static int visit_adapter_cb(const char *key, void *value, void *ctx)
{
    struct visit_adapter *a = ctx;

    (void)key;
    return a->fn(value, a->ctx);
}

int catalog_foreach(catalog_visit_fn fn, void *ctx)
{
    struct visit_adapter a = { fn, ctx };

    return hmap_foreach(&g_books, visit_adapter_cb, &a);
}

void catalog_cache_stats(struct catalog_stats *out)
{
    out->hits = g_cache_hits;
    out->misses = g_cache_misses;
    out->cached = hmap_count(&g_books);
}
