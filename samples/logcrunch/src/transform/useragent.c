/*
 * useragent.c - match a User-Agent header against a const rule table.
 *
 * Rules are tried in order; the first substring match (ASCII case
 * insensitive) wins, so specific rules come before generic ones.
 */
#include "transform/useragent.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

struct ua_rule {
    const char *needle;
    enum ua_class cls;
};

static const struct ua_rule ua_rules[] = {
    { "googlebot", UA_BOT },
    { "bingbot", UA_BOT },
    { "yandex", UA_BOT },
    { "baiduspider", UA_BOT },
    { "crawler", UA_BOT },
    { "spider", UA_BOT },
    { "bot/", UA_BOT },
    { "curl/", UA_CLI },
    { "wget/", UA_CLI },
    { "httpie/", UA_CLI },
    { "python-requests", UA_LIBRARY },
    { "python-urllib", UA_LIBRARY },
    { "go-http-client", UA_LIBRARY },
    { "okhttp", UA_LIBRARY },
    { "java/", UA_LIBRARY },
    { "iphone", UA_MOBILE },
    { "android", UA_MOBILE },
    { "mobile", UA_MOBILE },
    { "firefox/", UA_BROWSER },
    { "chrome/", UA_BROWSER },
    { "safari/", UA_BROWSER },
    { "edg/", UA_BROWSER },
    { "mozilla/", UA_BROWSER },
};

static const char *const ua_names[UA_CLASS_COUNT] = {
    "unknown", "browser", "mobile", "bot", "cli", "library",
};

/* strstr() with ASCII case folding on the haystack; needle is lowercase. */
static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    const char *h;

    if (n == 0)
        return 1;
    for (h = hay; *h != '\0'; h++) {
        size_t i = 0;
        while (i < n && h[i] != '\0' &&
               tolower((unsigned char)h[i]) == (unsigned char)needle[i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

enum ua_class ua_classify(const char *agent)
{
    size_t i;

    if (agent == NULL || agent[0] == '\0')
        return UA_UNKNOWN;
    for (i = 0; i < sizeof ua_rules / sizeof ua_rules[0]; i++)
        if (contains_ci(agent, ua_rules[i].needle))
            return ua_rules[i].cls;
    return UA_UNKNOWN;
}

const char *ua_class_name(enum ua_class cls)
{
    if ((int)cls < 0 || cls >= UA_CLASS_COUNT)
        return ua_names[UA_UNKNOWN];
    return ua_names[cls];
}

int ua_class_from_name(const char *name)
{
    int i;

    for (i = 0; i < UA_CLASS_COUNT; i++)
        if (strcmp(name, ua_names[i]) == 0)
            return i;
    return -1;
}
