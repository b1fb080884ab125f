/* category.c - the fixed category tree used to shelve books. */
#include "catalog/catalog.h"
#include "util/strutil.h"

#include <stdio.h>
#include <string.h>

struct category {
    const char *name;
    int parent;     /* index into categories[], -1 for the root */
};

static const struct category categories[] = {
    { "books", -1 },
    { "fiction", 0 },
    { "science-fiction", 1 },
    { "space-opera", 2 },
    { "mystery", 1 },
    { "classics", 1 },
    { "non-fiction", 0 },
    { "computing", 6 },
    { "programming-languages", 7 },
    { "operating-systems", 7 },
    { "history", 6 },
    { "children", 0 },
};

int category_count(void)
{
    return (int)ARRAY_LEN(categories);
}

const char *category_name(int id)
{
    if (id < 0 || id >= category_count())
        return NULL;
    return categories[id].name;
}

int category_parent(int id)
{
    if (id < 0 || id >= category_count())
        return -1;
    return categories[id].parent;
}

int category_find(const char *name)
{
    for (int i = 0; i < category_count(); i++)
        if (strcmp(categories[i].name, name) == 0)
            return i;
    return -1;
}

/*
 * Writes "books/fiction/science-fiction" for id 2: the parent's path first,
 * then this node. Returns the length written, or -1 when out is too small
 * or the id is unknown. The table is a tree, so the recursion ends at -1.
 */
int category_path(int id, char *out, size_t len)
{
    int parent, n;

    if (id < 0 || id >= category_count() || len == 0)
        return -1;
    parent = categories[id].parent;
    if (parent < 0) {
        n = snprintf(out, len, "%s", categories[id].name);
        return n >= 0 && (size_t)n < len ? n : -1;
    }
    n = category_path(parent, out, len);
    if (n < 0)
        return -1;
    {
        int m = snprintf(out + n, len - (size_t)n, "/%s", categories[id].name);
        if (m < 0 || (size_t)m >= len - (size_t)n)
            return -1;
        return n + m;
    }
}
