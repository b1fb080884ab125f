/* extract.h — from translation units to the merged program model, on every core.
 * Workers parse and walk TUs (or take their facts from the cache); the
 * main thread hands each TU's facts, strictly in database order, to a
 * consumer: the merge into the program model (extract_run) or anything
 * else (extract_each: sharded extraction writes them to files).
 * Ownership: the caller owns `out` (initialised with model_init) and the
 * result's warning strings (extract_result_release). */
#ifndef SEAM_EXTRACT_H
#define SEAM_EXTRACT_H
#include "compdb.h"
#include "facts.h"
#include "model.h"
#include "strbuf.h"
#include <stdbool.h>

struct cache;

/* One TU done, for a progress display (called on the caller's thread). */
struct extract_tick {
	size_t done, total;
	const char *file;
	bool cached;
	double elapsed;          /* seconds since extraction started */
};

struct extract_options {
	const char *root;          /* project root, or NULL for the common folder */
	char *const *excludes;
	size_t nexcludes;
	unsigned jobs;             /* 0: number of cores */
	const char *resource_dir;  /* clang's builtin headers, or NULL */
	struct cache *cache;       /* the incremental cache, or NULL */
	void (*progress)(void *ctx, const struct extract_tick *t);
	void *progress_ctx;
};

struct extract_result {
	VEC(char *) warnings;      /* e.g. dropped compile flags, one message each */
	unsigned tus, tus_failed, tus_with_errors;
	unsigned unclassified_writes;
	unsigned cache_hits, cache_rebuilt; /* rebuilt: corrupt entries replaced */
	double seconds;            /* wall time, merge and finalize included */
	double parse_seconds, walk_seconds, cache_seconds; /* summed over workers */
	double merge_seconds, finalize_seconds;
};

void extract_result_release(struct extract_result *r);
/* Extracts every entry of db into out and finalizes it. */
void extract_run(const struct compdb *db, const struct extract_options *o, struct model *out,
		 struct extract_result *r);
/* Extracts entries [begin, end) of db and hands each TU's facts, in order,
 * to consume (which may take anything out of it; the rest is released). */
typedef void extract_consumer(void *ctx, size_t index, struct tu_facts *f);
void extract_each(const struct compdb *db, const struct extract_options *o, size_t begin, size_t end,
		  extract_consumer *consume, void *ctx, struct extract_result *r);
/* Merges one TU's facts into out and counts them in r: what extract_run
 * does with each TU, for facts read back from files. */
void extract_take(struct extract_result *r, struct model *out, struct tu_facts *f);
/* What the cache key must include besides the TU: the project filter,
 * libclang's version and resource dir, and `tool` (seam's build). */
uint64_t extract_cache_salt(const struct extract_options *o, uint64_t tool);
unsigned extract_default_jobs(void);

#endif
