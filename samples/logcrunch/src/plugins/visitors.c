/*
 * visitors.c - unique visitors, keyed by address and agent fingerprint.
 *
 * Classifying a user agent scans a rule table, and the same few agents
 * repeat on almost every line, so the class is memoised in the global
 * memo cache under the agent's CRC.
 */
#include <stdio.h>
#include <string.h>

#include "cache/memo.h"
#include "io/writer.h"
#include "parse/record.h"
#include "plugins/plugins.h"
#include "transform/hash.h"
#include "transform/useragent.h"
#include "util/hashmap.h"

static struct hashmap g_seen;
static unsigned long g_by_class[UA_CLASS_COUNT];
static unsigned long g_visitors;

static enum ua_class classify_cached(const char *agent)
{
    char key[16];
    char value[16];
    enum ua_class cls;
    int idx;

    snprintf(key, sizeof key, "%08x",
             (unsigned)crc32_compute(agent, strlen(agent)));
    if (memo_get(MEMO_NS_UA, key, value, sizeof value)) {
        idx = ua_class_from_name(value);
        if (idx >= 0)
            return (enum ua_class)idx;
    }
    cls = ua_classify(agent);
    memo_put(MEMO_NS_UA, key, ua_class_name(cls));
    return cls;
}

int visitors_init(const struct options *opts)
{
    (void)opts;
    hm_free(&g_seen);
    memset(g_by_class, 0, sizeof g_by_class);
    g_visitors = 0;
    return hm_init(&g_seen, 1024);
}

void visitors_on_record(const struct record *rec)
{
    char key[REC_HOST_MAX + 16];
    enum ua_class cls = classify_cached(rec->agent);
    uint32_t fp = hash_mix32(HASH_STR(rec->agent));

    snprintf(key, sizeof key, "%s|%08x", rec->host, (unsigned)fp);
    if (hm_contains(&g_seen, key))
        return;
    hm_add(&g_seen, key, 1);
    g_visitors++;
    g_by_class[cls] += 1;
}

void visitors_finish(FILE *out)
{
    int i;

    out_section(out, "visitors");
    OUT_COUNT(out, "visitors", "unique visitors", g_visitors);
    for (i = 0; i < UA_CLASS_COUNT; i++)
        if (g_by_class[i] > 0)
            OUT_COUNT(out, "visitors", ua_class_name((enum ua_class)i),
                      g_by_class[i]);
    hm_free(&g_seen);
}
