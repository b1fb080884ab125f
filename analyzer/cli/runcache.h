/* runcache.h — whole runs in the cache: when nothing a `seam analyze` run
 * read has changed (every TU's compile arguments, every file any TU read,
 * the options that shape the outputs, seam's own build), the run writes
 * the outputs it wrote last time instead of extracting, analysing and
 * drawing again. One entry per compile database and options, stored next
 * to the per-TU facts (DIR/runs/ab/<key>.run, a blobstore entry: checked
 * on read, written to a temporary file and renamed); a corrupt entry is a
 * warning and is rebuilt.
 * Ownership: struct run_cache owns everything it holds (the recorded
 * outputs are copies); run_cache_release() frees it. */
#ifndef SEAM_RUNCACHE_H
#define SEAM_RUNCACHE_H
#include "blobstore.h"
#include "compdb.h"
#include "facts.h"
#include "strbuf.h"
#include "xalloc.h"
#include <stdbool.h>
#include <stdint.h>

struct cache;

struct run_output {
	char *name;          /* relative to the output folder: "report.json", "views/files.svg" */
	struct strbuf data;
};

struct run_cache {
	uint64_t key;
	struct blobstore store;          /* DIR/runs */
	char *path;                      /* the entry's file */
	VEC(struct fact_dep) deps;       /* every file some TU read, with size and content hash */
	VEC(char *) warnings;            /* what the run warned about before its summary */
	char *summary;                   /* the run's one-line summary, without its time */
	VEC(char *) notes;               /* warnings after the summary */
	VEC(struct run_output) outputs;
};

/* Computes the run's key from the cache's salt, options (a hash of
 * everything besides the TUs that shapes the outputs), the database's path
 * (NULL when PATHs were scanned) and each TU's cache key. */
void run_cache_init(struct run_cache *rc, struct cache *c, const struct compdb *db, const char *resource_dir,
		    const char *db_path, uint64_t options);
void run_cache_release(struct run_cache *rc);

/* Loads the entry when it exists and every file it lists is unchanged.
 * Returns 1 (a hit: warnings, summary and outputs are filled), 0 (no
 * usable entry), or -1 when the entry is corrupt (why says how; it is
 * rebuilt by the next run_cache_store). */
int run_cache_load(struct run_cache *rc, struct cache *c, struct strbuf *why);

/* Recording a run: what it printed and wrote, then every file hashed
 * during extraction (the cache's memo), then the entry. */
void run_cache_add_output(struct run_cache *rc, const char *name, const char *data, size_t len);
void run_cache_take_deps(struct run_cache *rc, const struct cache *c);
int run_cache_store(struct run_cache *rc, struct strbuf *err);

/* Writes the outputs under out_dir, leaving files that already hold the
 * same bytes untouched (no write, no fsync). Returns 0, or -1 with the
 * failing file in err. *written counts the files written or found equal. */
int run_cache_write_outputs(const struct run_cache *rc, const char *out_dir, size_t *written, struct strbuf *err);

#endif
