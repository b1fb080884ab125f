/* config.c - settings loaded once at start-up from a key=value file and the environment. */
#include "config/config.h"
#include "util/strutil.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct config g_config;

enum cfg_type { CFG_STR, CFG_INT };

struct cfg_key {
    const char *name;   /* key in the config file */
    const char *env;    /* environment variable that overrides it */
    enum cfg_type type;
    size_t offset;
    size_t size;        /* buffer size for CFG_STR */
    long min, max;      /* accepted range for CFG_INT */
};

#define FIELD_SIZE(field) sizeof(((struct config *)0)->field)
#define CFG_STR_KEY(key, env, field) \
    { key, env, CFG_STR, offsetof(struct config, field), FIELD_SIZE(field), 0, 0 }
#define CFG_INT_KEY(key, env, field, lo, hi) \
    { key, env, CFG_INT, offsetof(struct config, field), sizeof(int), lo, hi }

static const struct cfg_key cfg_keys[] = {
    CFG_STR_KEY("listen_addr", "BOOKSTORE_LISTEN_ADDR", listen_addr),
    CFG_INT_KEY("port", "BOOKSTORE_PORT", port, 1, 65535),
    CFG_INT_KEY("max_connections", "BOOKSTORE_MAX_CONNS", max_conns, 1, 4096),
    CFG_STR_KEY("version", "BOOKSTORE_VERSION", version),
    CFG_STR_KEY("log_path", "BOOKSTORE_LOG", log_path),
    CFG_STR_KEY("log_level", "BOOKSTORE_LOG_LEVEL", log_level),
    CFG_STR_KEY("catalog_path", "BOOKSTORE_CATALOG", catalog_path),
    CFG_STR_KEY("gateway_host", "PAYMENT_GATEWAY_HOST", gateway_host),
    CFG_INT_KEY("gateway_port", "PAYMENT_GATEWAY_PORT", gateway_port, 1, 65535),
    CFG_INT_KEY("gateway_timeout_ms", "PAYMENT_GATEWAY_TIMEOUT_MS", gateway_timeout_ms, 50, 60000),
    CFG_STR_KEY("auth_secret", "BOOKSTORE_AUTH_SECRET", auth_secret),
    CFG_INT_KEY("token_ttl", "BOOKSTORE_TOKEN_TTL", token_ttl_s, 60, 7 * 24 * 3600),
    CFG_INT_KEY("report_interval", "BOOKSTORE_REPORT_INTERVAL", report_interval_s, 5, 24 * 3600),
    CFG_STR_KEY("report_dir", "BOOKSTORE_REPORT_DIR", report_dir),
    CFG_STR_KEY("notify_spool", "BOOKSTORE_NOTIFY_SPOOL", notify_spool),
    CFG_STR_KEY("currency", "BOOKSTORE_CURRENCY", currency),
    CFG_INT_KEY("low_stock_threshold", "BOOKSTORE_LOW_STOCK", low_stock_threshold, 0, 1000),
    CFG_INT_KEY("initial_stock", "BOOKSTORE_INITIAL_STOCK", initial_stock, 0, 100000),
};

void config_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    str_copy(c->listen_addr, "0.0.0.0", sizeof c->listen_addr);
    c->port = 8080;
    c->max_conns = 256;
    str_copy(c->version, "1.4.2", sizeof c->version);
    str_copy(c->log_path, "-", sizeof c->log_path);
    str_copy(c->log_level, "info", sizeof c->log_level);
    str_copy(c->catalog_path, "data/catalog.tsv", sizeof c->catalog_path);
    str_copy(c->gateway_host, "127.0.0.1", sizeof c->gateway_host);
    c->gateway_port = 9400;
    c->gateway_timeout_ms = 2000;
    c->token_ttl_s = 3600;
    c->report_interval_s = 300;
    str_copy(c->report_dir, "reports", sizeof c->report_dir);
    str_copy(c->currency, "EUR", sizeof c->currency);
    c->low_stock_threshold = 3;
    c->initial_stock = 20;
}

static const struct cfg_key *find_key(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(cfg_keys); i++)
        if (strcmp(cfg_keys[i].name, name) == 0)
            return &cfg_keys[i];
    return NULL;
}

int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen)
{
    const struct cfg_key *k = find_key(key);
    char *field;
    long v;

    if (k == NULL) {
        snprintf(err, errlen, "unknown key '%s'", key);
        return -1;
    }
    field = (char *)c + k->offset;
    if (k->type == CFG_STR) {
        if (str_copy(field, value, k->size) >= k->size) {
            snprintf(err, errlen, "value of '%s' is too long", key);
            return -1;
        }
        return 0;
    }
    if (str_parse_long(value, k->min, k->max, &v) != 0) {
        snprintf(err, errlen, "'%s' must be a number in [%ld, %ld]", key, k->min, k->max);
        return -1;
    }
    *(int *)(void *)field = (int)v;
    return 0;
}

static char *unquote(char *v)
{
    size_t n = strlen(v);

    if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
        v[n - 1] = '\0';
        return v + 1;
    }
    return v;
}

int config_parse_line(struct config *c, const char *line, char *err, size_t errlen)
{
    char buf[512];
    char *key, *value, *eq, *hash;

    if (str_copy(buf, line, sizeof buf) >= sizeof buf) {
        snprintf(err, errlen, "line too long");
        return -1;
    }
    hash = strchr(buf, '#');
    if (hash != NULL)
        *hash = '\0';
    key = str_trim(buf);
    if (*key == '\0')
        return 0;
    eq = strchr(key, '=');
    if (eq == NULL) {
        snprintf(err, errlen, "expected key = value");
        return -1;
    }
    *eq = '\0';
    key = str_trim(key);
    value = unquote(str_trim(eq + 1));
    return config_set(c, key, value, err, errlen);
}

static int config_apply_env(struct config *c, char *err, size_t errlen)
{
    for (size_t i = 0; i < ARRAY_LEN(cfg_keys); i++) {
        const char *v = getenv(cfg_keys[i].env);
        if (v != NULL && config_set(c, cfg_keys[i].name, v, err, errlen) != 0)
            return -1;
    }
    return 0;
}

int config_validate(const struct config *c, char *err, size_t errlen)
{
    if (strlen(c->auth_secret) < 16) {
        snprintf(err, errlen, "auth_secret must be at least 16 characters");
        return -1;
    }
    if (c->gateway_host[0] == '\0') {
        snprintf(err, errlen, "gateway_host is empty");
        return -1;
    }
    if (strlen(c->currency) != 3 || !isupper((unsigned char)c->currency[0])) {
        snprintf(err, errlen, "currency must be an ISO 4217 code");
        return -1;
    }
    return 0;
}

static int load_file(struct config *c, const char *path)
{
    char line[512], err[160];
    int lineno = 0;
    FILE *f = fopen(path, "r");

    if (f == NULL) {
        fprintf(stderr, "bookstore: error: cannot open config '%s'\n", path);
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        lineno++;
        if (config_parse_line(c, line, err, sizeof err) != 0) {
            fprintf(stderr, "%s:%d: error: %s\n", path, lineno, err);
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

int config_load(const char *path)
{
    struct config c;
    char err[160];

    config_defaults(&c);
    if (path != NULL && load_file(&c, path) != 0)
        return -1;
    if (config_apply_env(&c, err, sizeof err) != 0 || config_validate(&c, err, sizeof err) != 0) {
        fprintf(stderr, "bookstore: error: %s\n", err);
        return -1;
    }
    g_config = c;
    return 0;
}

void config_dump(FILE *out)
{
    for (size_t i = 0; i < ARRAY_LEN(cfg_keys); i++) {
        const struct cfg_key *k = &cfg_keys[i];
        const char *field = (const char *)&g_config + k->offset;
        if (strcmp(k->name, "auth_secret") == 0)
            fprintf(out, "%s = <redacted>\n", k->name);
        else if (k->type == CFG_STR)
            fprintf(out, "%s = %s\n", k->name, field);
        else
            fprintf(out, "%s = %d\n", k->name, *(const int *)(const void *)field);
    }
}

const char *config_version(void) { return g_config.version; }
int config_max_conns(void) { return g_config.max_conns; }
const char *config_catalog_path(void) { return g_config.catalog_path; }
const char *config_gateway_host(void) { return g_config.gateway_host; }
int config_gateway_port(void) { return g_config.gateway_port; }
int config_gateway_timeout_ms(void) { return g_config.gateway_timeout_ms; }
const char *config_auth_secret(void) { return g_config.auth_secret; }
int config_token_ttl(void) { return g_config.token_ttl_s; }
int config_report_interval(void) { return g_config.report_interval_s; }
const char *config_report_dir(void) { return g_config.report_dir; }
const char *config_notify_spool(void) { return g_config.notify_spool; }
const char *config_currency(void) { return g_config.currency; }
int config_low_stock_threshold(void) { return g_config.low_stock_threshold; }
int config_initial_stock(void) { return g_config.initial_stock; }
