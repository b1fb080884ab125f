/*
 * writer.c - output sinks and row formatting.
 *
 * The format (text or CSV) comes from g_options, which main() fills in
 * before any plugin runs and never changes afterwards.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "io/writer.h"

#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "parse/ip.h"
#include "stats.h"
#include "util/dstr.h"

#define KEY_WIDTH 28

/* fmt_ip() returns a pointer into this per-thread buffer, like inet_ntoa. */
static _Thread_local char tls_ip_buf[16];

FILE *out_open(const char *path)
{
    FILE *fp;

    if (path == NULL || strcmp(path, "-") == 0)
        return stdout;
    fp = fopen(path, "w");
    if (fp == NULL)
        perror(path);                   /* "<path>: <reason>" */
    return fp;
}

int out_close(FILE *out)
{
    if (out == NULL)
        return 0;
    if (out == stdout)
        return fflush(out);
    return fclose(out);
}

/*
 * Quote a CSV field when it contains a separator, quote or newline.
 * Returns the length written (excluding NUL), truncating to cap.
 */
size_t csv_escape(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    int quote = strpbrk(in, ",\"\r\n") != NULL;

    if (cap == 0)
        return 0;
    if (quote && o + 1 < cap)
        out[o++] = '"';
    for (; *in != '\0' && o + 1 < cap; in++) {
        if (*in == '"') {
            if (o + 2 >= cap)
                break;
            out[o++] = '"';
        }
        out[o++] = *in;
    }
    if (quote && o + 1 < cap)
        out[o++] = '"';
    out[o] = '\0';
    return o;
}

void out_section(FILE *out, const char *section)
{
    if (g_options.format == FMT_TEXT)
        fprintf(out, "\n== %s ==\n", section);
}

static void emit(FILE *out, const char *section, const char *key,
                 const char *value)
{
    if (g_options.format == FMT_CSV) {
        char a[128], b[512], c[128];
        csv_escape(section, a, sizeof a);
        csv_escape(key, b, sizeof b);
        csv_escape(value, c, sizeof c);
        fprintf(out, "%s,%s,%s\n", a, b, c);
    } else {
        fprintf(out, "  %-*s %s\n", KEY_WIDTH, key, value);
    }
}

void out_row(FILE *out, const char *section, const char *key, long long value)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%lld", value);
    emit(out, section, key, buf);
}

void out_row_text(FILE *out, const char *section, const char *key,
                  const char *value)
{
    emit(out, section, key, value);
}

void out_row_ratio(FILE *out, const char *section, const char *key,
                   double value)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%.3f", value);
    emit(out, section, key, buf);
}

/* Title line with the local generation time (localtime: shared libc state). */
void report_write_header(FILE *out)
{
    time_t now = time(NULL);
    struct tm *tm = localtime(&now);
    char when[64] = "unknown time";
    struct dstr files;
    int i;

    if (tm != NULL)
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %Z", tm);

    dstr_init(&files);
    for (i = 0; i < g_options.nfiles; i++) {
        if (i > 0)
            dstr_append(&files, " ");
        dstr_append(&files, g_options.files[i]);
    }
    if (g_options.format == FMT_CSV) {
        fputs("section,key,value\n", out);
        emit(out, "report", "generated", when);
        emit(out, "report", "inputs", dstr_cstr(&files));
    } else {
        fprintf(out, "logcrunch report, generated %s\n", when);
        fprintf(out, "inputs: %s\n", dstr_cstr(&files));
    }
    dstr_free(&files);
}

/* Totals from the driver's run-wide counters. */
void report_write_summary(FILE *out)
{
    out_section(out, "summary");
    OUT_COUNT(out, "summary", "files", g_stats.files);
    OUT_COUNT(out, "summary", "lines", g_stats.lines);
    OUT_COUNT(out, "summary", "parsed", g_stats.parsed);
    OUT_COUNT(out, "summary", "rejected", g_stats.bad_lines);
    OUT_COUNT(out, "summary", "bytes", g_stats.bytes);
    if (g_options.follow) {
        OUT_COUNT(out, "summary", "rotations", g_stats.rotations);
        OUT_COUNT(out, "summary", "reloads", g_stats.reloads);
    }
    if (g_stats.lines > 0)
        out_row_ratio(out, "summary", "parse_rate",
                      (double)g_stats.parsed / (double)g_stats.lines);
}

const char *fmt_ip(uint32_t ip)
{
    if (ip_format_v4(ip, tls_ip_buf, sizeof tls_ip_buf) != 0)
        tls_ip_buf[0] = '\0';
    return tls_ip_buf;
}
