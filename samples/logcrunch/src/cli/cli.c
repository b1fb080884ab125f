/*
 * cli.c - getopt-based option parsing.
 *
 * The parsers for individual option values (format, unsigned numbers,
 * durations) are plain functions of their arguments so that they can be
 * reused and tested without touching getopt's global cursor.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plugins/registry.h"

struct options g_options;

static const char cli_short_opts[] = "f:o:p:n:s:i:Fvh";

struct duration_unit {
    const char *suffix;
    long factor_us;
};

/* Longest suffixes first so that "ms" is not taken for "s". */
static const struct duration_unit duration_units[] = {
    { "us", 1L },
    { "ms", 1000L },
    { "s", 1000000L },
    { "m", 60000000L },
};

void cli_defaults(struct options *o)
{
    o->format = FMT_TEXT;
    o->output = "-";
    o->plugins = NULL;
    o->top_n = 10;
    o->slow_us = 500000L;      /* half a second */
    o->poll_ms = 1000;
    o->follow = 0;
    o->verbose = 0;
    o->files = NULL;
    o->nfiles = 0;
}

int cli_parse_format(const char *s, enum out_format *fmt)
{
    if (s == NULL)
        return -1;
    if (strcmp(s, "text") == 0 || strcmp(s, "txt") == 0) {
        *fmt = FMT_TEXT;
        return 0;
    }
    if (strcmp(s, "csv") == 0) {
        *fmt = FMT_CSV;
        return 0;
    }
    return -1;
}

/*
 * Parse a decimal number without strtoul(): no errno, no locale, and a
 * caller-chosen upper bound.
 */
int cli_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;
    const char *p = s;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *p != '\0'; p++) {
        unsigned d;
        if (*p < '0' || *p > '9')
            return -1;
        d = (unsigned)(*p - '0');
        if (d > max)
            return -1;
        if (v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* "250ms", "2s", "1500us", "1m"; a bare number means milliseconds. */
int cli_parse_duration(const char *s, long *out_us)
{
    char digits[32];
    size_t n = 0;
    unsigned long value;
    long factor = 1000L;
    size_t i;

    if (s == NULL)
        return -1;
    while (s[n] >= '0' && s[n] <= '9') {
        if (n + 1 >= sizeof digits)
            return -1;
        digits[n] = s[n];
        n++;
    }
    if (n == 0)
        return -1;
    digits[n] = '\0';
    if (cli_parse_uint(digits, 3600000000UL, &value) != 0)
        return -1;

    if (s[n] != '\0') {
        factor = 0;
        for (i = 0; i < sizeof duration_units / sizeof duration_units[0]; i++) {
            if (strcmp(s + n, duration_units[i].suffix) == 0) {
                factor = duration_units[i].factor_us;
                break;
            }
        }
        if (factor == 0)
            return -1;
    }
    if (value > (unsigned long)(3600000000L / factor))
        return -1;
    *out_us = (long)value * factor;
    return 0;
}

/*
 * Enable the plugins named in a comma separated list ("status,geo").
 * strtok() keeps its position in hidden libc state, which is fine here:
 * this runs once at start-up on a private copy of the list.
 */
int cli_select_plugins(const char *list)
{
    char *copy;
    char *name;
    int enabled = 0;

    if (list == NULL) {
        registry_enable_all();
        return (int)registry_count();
    }
    copy = strdup(list);
    if (copy == NULL)
        return -1;
    for (name = strtok(copy, ", "); name != NULL; name = strtok(NULL, ", ")) {
        if (registry_enable(name) != 0) {
            fprintf(stderr, "logcrunch: unknown plugin '%s'\n", name);
            free(copy);
            return -1;
        }
        enabled++;
    }
    free(copy);
    return enabled;
}

void cli_usage(FILE *out, const char *prog)
{
    size_t i;

    fprintf(out, "usage: %s [options] FILE...\n", prog);
    fputs("  -f FORMAT    report format: text (default) or csv\n"
          "  -o PATH      write the report to PATH (default: stdout)\n"
          "  -p LIST      comma separated plugins to run (default: all)\n"
          "  -n N         rows in the top-urls table (default: 10)\n"
          "  -s DURATION  slow request threshold, e.g. 250ms, 2s\n"
          "  -i MS        polling interval for -F (default: 1000)\n"
          "  -F           follow a single growing file until interrupted\n"
          "  -v           report rejected lines on stderr\n"
          "  -h           show this help\n", out);
    fputs("plugins:", out);
    for (i = 0; i < registry_count(); i++)
        fprintf(out, " %s", registry_name(i));
    fputc('\n', out);
}

int cli_parse(int argc, char **argv, struct options *out)
{
    int c;
    unsigned long n;
    const char *prog = argc > 0 ? argv[0] : "logcrunch";

    cli_defaults(out);
    opterr = 0;
    while ((c = getopt(argc, argv, cli_short_opts)) != -1) {
        switch (c) {
        case 'f':
            if (cli_parse_format(optarg, &out->format) != 0) {
                fprintf(stderr, "%s: bad format '%s'\n", prog, optarg);
                return CLI_ERROR;
            }
            break;
        case 'o':
            out->output = optarg;
            break;
        case 'p':
            out->plugins = optarg;
            break;
        case 'n':
            if (cli_parse_uint(optarg, 100000UL, &n) != 0 || n == 0) {
                fprintf(stderr, "%s: bad row count '%s'\n", prog, optarg);
                return CLI_ERROR;
            }
            out->top_n = (unsigned)n;
            break;
        case 's':
            if (cli_parse_duration(optarg, &out->slow_us) != 0) {
                fprintf(stderr, "%s: bad duration '%s'\n", prog, optarg);
                return CLI_ERROR;
            }
            break;
        case 'i':
            if (cli_parse_uint(optarg, 3600000UL, &n) != 0 || n < 10) {
                fprintf(stderr, "%s: bad interval '%s'\n", prog, optarg);
                return CLI_ERROR;
            }
            out->poll_ms = (unsigned)n;
            break;
        case 'F':
            out->follow = 1;
            break;
        case 'v':
            out->verbose = 1;
            break;
        case 'h':
            cli_usage(stdout, prog);
            return CLI_EXIT_HELP;
        default:
            fprintf(stderr, "%s: unknown or incomplete option '-%c'\n",
                    prog, optopt);
            cli_usage(stderr, prog);
            return CLI_ERROR;
        }
    }
    out->files = argv + optind;
    out->nfiles = argc - optind;
    if (out->nfiles == 0) {
        fprintf(stderr, "%s: no input files\n", prog);
        cli_usage(stderr, prog);
        return CLI_ERROR;
    }
    if (out->follow && out->nfiles != 1) {
        fprintf(stderr, "%s: -F takes exactly one file\n", prog);
        return CLI_ERROR;
    }
    return CLI_OK;
}
