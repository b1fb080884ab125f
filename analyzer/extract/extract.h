/* extract.h — from translation units to the merged program model, on every core.
 * Ownership: the caller owns `out` (initialised with model_init) and the
 * result's warning strings (extract_result_release). */
#ifndef SEAM_EXTRACT_H
#define SEAM_EXTRACT_H
#include "compdb.h"
#include "model.h"
#include "strbuf.h"
#include <stdbool.h>

struct extract_options {
	const char *root;          /* project root, or NULL for the common folder */
	char *const *excludes;
	size_t nexcludes;
	unsigned jobs;             /* 0: number of cores */
	bool progress;             /* progress line on stderr */
	const char *resource_dir;  /* clang's builtin headers, or NULL */
};

struct extract_result {
	VEC(char *) warnings;      /* e.g. dropped compile flags, one message each */
	unsigned tus, tus_failed, tus_with_errors;
	unsigned unclassified_writes;
	double seconds;
};

void extract_result_release(struct extract_result *r);
/* Extracts every entry of db into out and finalizes it. */
void extract_run(const struct compdb *db, const struct extract_options *o, struct model *out,
		 struct extract_result *r);
unsigned extract_default_jobs(void);

#endif
