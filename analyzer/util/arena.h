/* arena.h — bump allocator: many small allocations, freed together.
 * Ownership: everything allocated from an arena is freed by arena_release(). */
#ifndef SEAM_ARENA_H
#define SEAM_ARENA_H
#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
	size_t used_total;
};
#define ARENA_INIT { NULL, 0 }

void arena_init(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);          /* zeroed, 16-aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);

#endif
