/*
 * cli.h - command line parsing for logcrunch.
 */
#ifndef LC_CLI_H
#define LC_CLI_H

#include <stdio.h>

#include "cli/options.h"

/* Options in effect for the run; written once by main() at start-up. */
extern struct options g_options;

/* Return codes of cli_parse(). */
#define CLI_OK 0
#define CLI_EXIT_HELP 1
#define CLI_ERROR (-1)

void cli_defaults(struct options *o);
int cli_parse(int argc, char **argv, struct options *out);
int cli_parse_format(const char *s, enum out_format *fmt);
int cli_parse_uint(const char *s, unsigned long max, unsigned long *out);
int cli_parse_duration(const char *s, long *out_us);
int cli_select_plugins(const char *list);
void cli_usage(FILE *out, const char *prog);

#endif /* LC_CLI_H */
