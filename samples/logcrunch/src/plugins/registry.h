/*
 * registry.h - the table of plugins and which of them are enabled.
 */
#ifndef LC_REGISTRY_H
#define LC_REGISTRY_H

#include <stddef.h>
#include <stdio.h>

struct options;
struct record;

size_t registry_count(void);
const char *registry_name(size_t i);
int registry_find(const char *name);
int registry_enable(const char *name);
void registry_enable_all(void);
int registry_is_enabled(size_t i);
int registry_init(const struct options *opts);
void registry_dispatch(const struct record *rec);
void registry_finish(FILE *out);

#endif /* LC_REGISTRY_H */
