/*
 * stats.h - run-wide counters kept by the driver (main.c).
 *
 * The counters are bumped for every line read and are printed in the
 * report summary.  They live in one global because the line callback is
 * invoked both from the batch loop and from the --follow loop.
 */
#ifndef LC_STATS_H
#define LC_STATS_H

struct run_stats {
    unsigned long lines;       /* lines read, including blank ones */
    unsigned long parsed;      /* lines that parsed into a record */
    unsigned long bad_lines;   /* lines the parser rejected */
    unsigned long files;       /* input files fully processed */
    unsigned long rotations;   /* log rotations seen in --follow mode */
    unsigned long reloads;     /* SIGHUP reloads handled */
    long long bytes;           /* sum of response bytes */
};

extern struct run_stats g_stats;

#endif /* LC_STATS_H */
