/*
 * main.c - logcrunch driver.
 *
 *   logcrunch [options] FILE...
 *
 * Batch mode reads every FILE once and writes the report.  With -F the
 * single FILE is followed until SIGINT/SIGTERM, and the report is written
 * on the way out.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>

#include "cache/memo.h"
#include "cli/cli.h"
#include "io/follow.h"
#include "io/reader.h"
#include "io/writer.h"
#include "parse/clf.h"
#include "parse/record.h"
#include "plugins/registry.h"
#include "signals/signals.h"
#include "stats.h"

#define MAX_WARNINGS 20

struct run_stats g_stats;

/* Parse one line and hand the record to every enabled plugin. */
static void handle_line(const char *line, size_t len, void *ctx)
{
    static unsigned long s_warned;  /* rejected lines reported so far */
    struct record rec;
    const char *path = ctx;
    int err;

    g_stats.lines++;
    if (clf_is_comment(line, len))
        return;
    err = clf_parse_line(line, len, &rec);
    if (err != CLF_OK) {
        g_stats.bad_lines++;
        if (g_options.verbose && s_warned < MAX_WARNINGS) {
            s_warned++;
            fprintf(stderr, "logcrunch: %s:%lu: %s\n",
                    path != NULL ? path : "-", g_stats.lines,
                    clf_strerror(err));
        }
        return;
    }
    g_stats.parsed++;
    g_stats.bytes += rec.bytes;
    registry_dispatch(&rec);
}

/* SIGHUP in batch mode, or a rotation in follow mode: drop cached lookups. */
static void handle_reload(void)
{
    memo_reset();
    g_stats.reloads++;
}

static void handle_rotate(void *ctx)
{
    (void)ctx;
    g_stats.rotations++;
    memo_reset();
}

/* Read every input once; stops early on SIGINT/SIGTERM. */
static int run_batch(const struct options *o)
{
    struct reader r;
    const char *line;
    ssize_t n;
    int i;
    int failures = 0;

    for (i = 0; i < o->nfiles && !g_stop; i++) {
        if (reader_open(&r, o->files[i]) != 0) {
            failures++;
            continue;
        }
        while (!g_stop && (n = reader_next(&r, &line)) >= 0) {
            if (signals_take_reload())
                handle_reload();
            handle_line(line, (size_t)n, o->files[i]);
        }
        reader_close(&r);
        if (!g_stop)
            g_stats.files++;
    }
    return failures == 0 ? 0 : -1;
}

/* Tail the single input until a stop signal; never returns otherwise. */
static int run_follow(const struct options *o)
{
    struct follow_hooks hooks;

    hooks.on_line = handle_line;
    hooks.on_rotate = handle_rotate;
    hooks.ctx = o->files[0];
    return follow_file(o->files[0], o->poll_ms, &hooks);
}

static int write_report(const struct options *o)
{
    FILE *out = out_open(o->output);

    if (out == NULL)
        return -1;
    report_write_header(out);
    registry_finish(out);
    report_write_summary(out);
    return out_close(out) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    struct options opts;
    int rc;

    rc = cli_parse(argc, argv, &opts);
    if (rc == CLI_EXIT_HELP)
        return EXIT_SUCCESS;
    if (rc != CLI_OK)
        return 2;
    g_options = opts;               /* read-only from here on */

    if (cli_select_plugins(g_options.plugins) <= 0)
        return 2;
    if (signals_install() != 0) {
        perror("logcrunch: sigaction");
        return EXIT_FAILURE;
    }
    if (registry_init(&g_options) != 0)
        return EXIT_FAILURE;

    if (g_options.follow)
        rc = run_follow(&g_options);
    else
        rc = run_batch(&g_options);

    if (write_report(&g_options) != 0)
        rc = -1;
    if (signals_stop_requested())
        fputs("logcrunch: interrupted, partial report written\n", stderr);
    return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
