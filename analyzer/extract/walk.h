/* walk.h — one translation unit through libclang into a per-TU model.
 * The only module besides extract.c that sees libclang types; every
 * CXString is copied and disposed of at once. */
#ifndef SEAM_WALK_H
#define SEAM_WALK_H
#include "model.h"
#include <clang-c/Index.h>
#include <stdbool.h>

/* Which files are the project's: not a system header, under root (when
 * set) and matching no exclude glob. */
struct walk_filter {
	const char *root;            /* absolute, or NULL */
	char *const *excludes;
	size_t nexcludes;
};

/* What one walk_tu call measured and read. walk_stats_release() frees files. */
struct walk_stats {
	unsigned unclassified_writes; /* accesses in macros whose operator could not be read */
	double parse_seconds, walk_seconds;
	VEC(char *) files;            /* every file the TU read (absolute), main file first */
};

void walk_stats_release(struct walk_stats *s);

/* Parses `file` with argv in index and fills `out` (initialised by the
 * caller). Never fails: a TU that does not parse is recorded as such in
 * out->files. Returns 0, or -1 when libclang produced no AST. */
int walk_tu(CXIndex index, const char *file, const char *const *argv, int argc,
	    const struct walk_filter *filter, struct model *out, struct walk_stats *stats);

#endif
