/*
 * plugin.h - the analysis plugin interface.
 *
 * A plugin sees every parsed record once, in input order, and writes its
 * part of the report at the end.  Plugins keep their state in file-static
 * variables; init() resets it, so a plugin can be run again.
 */
#ifndef LC_PLUGIN_H
#define LC_PLUGIN_H

#include <stdio.h>

struct options;
struct record;

struct plugin {
    const char *name;
    int (*init)(const struct options *opts);
    void (*on_record)(const struct record *rec);
    void (*finish)(FILE *out);
};

#endif /* LC_PLUGIN_H */
