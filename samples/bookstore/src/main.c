/* main.c - start-up: configuration, logging, catalogue and stock, the report job, then the server loop. */
#include "bookstore.h"
#include "catalog/catalog.h"
#include "config/config.h"
#include "inventory/inventory.h"
#include "jobs/report.h"
#include "log/log.h"
#include "net/server.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

time_t g_started_at;

struct options {
    const char *config_path;
    int port;           /* 0: use the configured port */
    int check_only;
};

static void usage(FILE *out, const char *argv0)
{
    fprintf(out,
            "usage: %s [-c FILE] [-p PORT] [-t]\n"
            "  -c FILE  configuration file (default: $BOOKSTORE_CONFIG)\n"
            "  -p PORT  listen on PORT instead of the configured port\n"
            "  -t       check the configuration, print it and exit\n",
            argv0);
}

static int parse_options(int argc, char **argv, struct options *opt)
{
    int c;

    opt->config_path = getenv("BOOKSTORE_CONFIG");
    opt->port = 0;
    opt->check_only = 0;
    while ((c = getopt(argc, argv, "c:p:th")) != -1) {
        switch (c) {
        case 'c':
            opt->config_path = optarg;
            break;
        case 'p':
            opt->port = atoi(optarg);
            if (opt->port <= 0 || opt->port > 65535)
                return -1;
            break;
        case 't':
            opt->check_only = 1;
            break;
        case 'h':
            usage(stdout, argv[0]);
            exit(0);
        default:
            return -1;
        }
    }
    return optind == argc ? 0 : -1;
}

/* catalog_foreach() callback: every catalogue title starts with the same stock. */
static int seed_stock_cb(const struct book *book, void *ctx)
{
    const int *qty = ctx;

    return inventory_set(book->isbn, *qty) == INVENTORY_OK ? 0 : -1;
}

static int install_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = server_request_stop;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0)
        return -1;
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &sa, NULL);
}

static int start_services(void)
{
    int qty = config_initial_stock();

    if (catalog_init() != 0 || catalog_load(config_catalog_path()) < 0) {
        LOG_ERROR("startup: catalogue could not be loaded");
        return -1;
    }
    if (catalog_foreach(seed_stock_cb, &qty) != 0)
        LOG_WARN("startup: inventory table full, some titles have no stock");
    if (report_job_start() != 0)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    struct options opt;
    int lfd, rc;

    if (parse_options(argc, argv, &opt) != 0) {
        usage(stderr, argv[0]);
        return 2;
    }
    if (config_load(opt.config_path) != 0)
        return 2;
    if (opt.port != 0)
        g_config.port = opt.port;
    if (opt.check_only) {
        config_dump(stdout);
        return 0;
    }
    if (log_open(g_config.log_path) != 0)
        fprintf(stderr, "bookstore: warning: cannot open log '%s', using stderr\n", g_config.log_path);
    log_set_level(log_level_from_name(g_config.log_level));
    g_started_at = time(NULL);

    if (install_signals() != 0 || start_services() != 0) {
        log_flush();
        return 1;
    }
    lfd = server_listen(g_config.listen_addr, g_config.port, 128);
    if (lfd < 0) {
        LOG_ERROR("startup: cannot listen on %s:%d: %s", g_config.listen_addr, g_config.port,
                  strerror(errno));
        log_flush();
        return 1;
    }
    LOG_INFO("%s %s listening on %s:%d", BOOKSTORE_NAME, g_config.version,
             g_config.listen_addr, g_config.port);
    rc = server_run(lfd);
    close(lfd);
    catalog_shutdown();
    log_flush();
    return rc == 0 ? 0 : 1;
}
