/*
 * follow.c - "tail -F" for log files.
 *
 * Reads what is already in the file, then polls for growth forever.  The
 * loop ends only when SIGINT/SIGTERM set g_stop.  Rotation is detected
 * when the file shrinks or its first line changes (compared with the
 * legacy checksum the old tool used), and also forced by SIGHUP.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "io/follow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "signals/signals.h"
#include "transform/hash.h"

struct tail {
    FILE *fp;
    int first_sum;          /* legacy checksum of line 1, -1 if unknown */
    long long offset;       /* bytes consumed so far */
};

static void sleep_ms(unsigned ms)
{
    struct timespec ts;

    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    nanosleep(&ts, NULL);   /* EINTR is fine: the caller re-checks g_stop */
}

/* Checksum of the file's first line, or -1 if it cannot be read. */
static int first_line_sum(const char *path)
{
    FILE *fp = fopen(path, "r");
    char buf[512];
    int sum = -1;

    if (fp == NULL)
        return -1;
    if (fgets(buf, sizeof buf, fp) != NULL)
        sum = legacy_checksum(buf, strlen(buf));
    fclose(fp);
    return sum;
}

static int tail_open(struct tail *t, const char *path)
{
    t->fp = fopen(path, "r");
    if (t->fp == NULL)
        return -1;
    t->first_sum = first_line_sum(path);
    t->offset = 0;
    return 0;
}

static void tail_close(struct tail *t)
{
    if (t->fp != NULL)
        fclose(t->fp);
    t->fp = NULL;
}

static int rotated(const struct tail *t, const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return 0;                   /* gone for now; keep the old handle */
    if ((long long)st.st_size < t->offset)
        return 1;                   /* truncated or replaced */
    return t->first_sum >= 0 && first_line_sum(path) != t->first_sum;
}

int follow_file(const char *path, unsigned poll_ms,
                const struct follow_hooks *hooks)
{
    struct tail t;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned idle = 0;

    if (tail_open(&t, path) != 0) {
        perror(path);                   /* "<path>: <reason>" */
        return -1;
    }

    for (;;) {
        if (g_stop)
            break;

        if (t.fp == NULL) {
            /* Rotated away and not yet recreated: wait for it. */
            if (tail_open(&t, path) != 0) {
                sleep_ms(poll_ms);
                continue;
            }
            if (hooks->on_rotate != NULL)
                hooks->on_rotate(hooks->ctx);
        }

        n = getline(&line, &cap, t.fp);
        if (n > 0) {
            t.offset += n;
            idle = 0;
            hooks->on_line(line, (size_t)n, hooks->ctx);
            continue;
        }

        clearerr(t.fp);
        if (signals_take_reload() || (++idle % 5 == 0 && rotated(&t, path))) {
            tail_close(&t);
            continue;               /* reopened at the top of the loop */
        }
        sleep_ms(poll_ms);
    }

    free(line);
    tail_close(&t);
    return 0;
}
