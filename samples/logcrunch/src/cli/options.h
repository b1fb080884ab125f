/*
 * options.h - the parsed command line.
 *
 * main() parses argv into a local struct options and then copies it into
 * g_options (cli.c) before any input is processed.  After that point the
 * global is only read.
 */
#ifndef LC_OPTIONS_H
#define LC_OPTIONS_H

enum out_format {
    FMT_TEXT = 0,
    FMT_CSV = 1
};

struct options {
    enum out_format format;   /* -f text|csv */
    const char *output;       /* -o PATH, "-" for stdout */
    const char *plugins;      /* -p a,b,c; NULL selects every plugin */
    unsigned top_n;           /* -n N, rows printed by top-urls */
    long slow_us;             /* -s DURATION, slow-request threshold */
    unsigned poll_ms;         /* -i MS, --follow polling interval */
    int follow;               /* -F, tail the single input file */
    int verbose;              /* -v, report rejected lines on stderr */
    char **files;             /* remaining operands */
    int nfiles;
};

#endif /* LC_OPTIONS_H */
