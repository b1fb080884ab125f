/*
 * registry.c - the plugin dispatch table.
 *
 * The table itself is const; which entries run is decided once at
 * start-up (cli_select_plugins() -> registry_enable()).
 */
#include "plugins/registry.h"

#include <string.h>

#include "plugins/plugin.h"
#include "plugins/plugins.h"

static const struct plugin plugin_table[] = {
    { "status", status_init, status_on_record, status_finish },
    { "top-urls", top_urls_init, top_urls_on_record, top_urls_finish },
    { "bytes-per-hour", bytes_hour_init, bytes_hour_on_record,
      bytes_hour_finish },
    { "visitors", visitors_init, visitors_on_record, visitors_finish },
    { "slow", slow_init, slow_on_record, slow_finish },
    { "geo", geo_init, geo_on_record, geo_finish },
};

#define PLUGIN_COUNT (sizeof plugin_table / sizeof plugin_table[0])

static unsigned char g_enabled[PLUGIN_COUNT];

size_t registry_count(void)
{
    return PLUGIN_COUNT;
}

const char *registry_name(size_t i)
{
    return i < PLUGIN_COUNT ? plugin_table[i].name : NULL;
}

int registry_find(const char *name)
{
    size_t i;

    for (i = 0; i < PLUGIN_COUNT; i++)
        if (strcmp(plugin_table[i].name, name) == 0)
            return (int)i;
    return -1;
}

int registry_enable(const char *name)
{
    int idx = registry_find(name);

    if (idx < 0)
        return -1;
    g_enabled[idx] = 1;
    return 0;
}

void registry_enable_all(void)
{
    size_t i;

    for (i = 0; i < PLUGIN_COUNT; i++)
        g_enabled[i] = 1;
}

int registry_is_enabled(size_t i)
{
    return i < PLUGIN_COUNT && g_enabled[i];
}

int registry_init(const struct options *opts)
{
    size_t i;

    for (i = 0; i < PLUGIN_COUNT; i++) {
        if (!g_enabled[i])
            continue;
        if (plugin_table[i].init(opts) != 0) {
            fprintf(stderr, "logcrunch: plugin %s failed to start\n",
                    plugin_table[i].name);
            return -1;
        }
    }
    return 0;
}

void registry_dispatch(const struct record *rec)
{
    size_t i;

    for (i = 0; i < PLUGIN_COUNT; i++)
        if (g_enabled[i])
            plugin_table[i].on_record(rec);
}

void registry_finish(FILE *out)
{
    size_t i;

    for (i = 0; i < PLUGIN_COUNT; i++)
        if (registry_is_enabled(i))
            plugin_table[i].finish(out);
}
