/* config.h - settings loaded once at start-up from a key=value file and the environment. */
#ifndef BOOKSTORE_CONFIG_CONFIG_H
#define BOOKSTORE_CONFIG_CONFIG_H

#include <stddef.h>
#include <stdio.h>

struct config {
    char listen_addr[64];
    int port;
    int max_conns;
    char version[32];
    char log_path[256];
    char log_level[16];
    char catalog_path[256];
    char gateway_host[128];
    int gateway_port;
    int gateway_timeout_ms;
    char auth_secret[128];
    int token_ttl_s;
    int report_interval_s;
    char report_dir[256];
    char notify_spool[256];
    char currency[4];
    int low_stock_threshold;
    int initial_stock;
};

/* Written by config_load() (and command-line overrides) in main; read-only afterwards. */
extern struct config g_config;

void config_defaults(struct config *c);
int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen);
int config_parse_line(struct config *c, const char *line, char *err, size_t errlen);
int config_validate(const struct config *c, char *err, size_t errlen);
/* Loads defaults, then path (may be NULL), then the environment, into g_config. */
int config_load(const char *path);
void config_dump(FILE *out);

const char *config_version(void);
int config_max_conns(void);
const char *config_catalog_path(void);
const char *config_gateway_host(void);
int config_gateway_port(void);
int config_gateway_timeout_ms(void);
const char *config_auth_secret(void);
int config_token_ttl(void);
int config_report_interval(void);
const char *config_report_dir(void);
const char *config_notify_spool(void);
const char *config_currency(void);
int config_low_stock_threshold(void);
int config_initial_stock(void);

#endif
