/* options.h — one option table drives both parsing and --help.
 * Ownership: parsed values point into argv; list options are malloc'd
 * arrays of those pointers, freed by options_release(). */
#ifndef SEAM_OPTIONS_H
#define SEAM_OPTIONS_H
#include "strbuf.h"
#include <stdbool.h>
#include <stddef.h>

enum option_type { OPT_FLAG, OPT_STRING, OPT_UINT, OPT_LIST };

struct option_list {
	char **v;
	size_t n, cap;
};

struct option {
	char short_name;        /* 0: none */
	const char *long_name;  /* without the leading "--" */
	enum option_type type;
	void *value;            /* bool*, const char**, unsigned*, struct option_list* */
	const char *metavar;
	const char *help;
};

struct parsed_args {
	struct option_list positional;
	struct option_list passthrough; /* everything after "--" */
	bool help;
};

/* Parses argv (without the command name). Returns 0, or -1 with a message
 * in err (e.g. "unknown option '--x'"). */
int options_parse(const struct option *opts, int argc, char **argv, struct parsed_args *out,
		  struct strbuf *err);
void options_usage(const struct option *opts, const char *usage, const char *summary,
		   struct strbuf *out);
void options_release(const struct option *opts, struct parsed_args *a);

#endif
