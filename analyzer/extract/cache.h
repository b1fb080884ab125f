/* cache.h — the incremental cache: one facts file per translation unit,
 * keyed by a hash of its compile arguments (and of what else changes the
 * facts: seam's build, libclang, the project filter), valid while the
 * contents of its main file and of every file it included are unchanged.
 * Entries are written to a temporary file and renamed (concurrent runs
 * are safe); a truncated or corrupt entry is reported and rebuilt.
 * Ownership: struct cache owns its directory name and the memo of file
 * hashes; cache_close() frees them. Safe to share between threads. */
#ifndef SEAM_CACHE_H
#define SEAM_CACHE_H
#include "facts.h"
#include "hashmap.h"
#include "strbuf.h"
#include <pthread.h>
#include <stdint.h>

struct cache {
	char *dir;
	uint64_t salt;
	pthread_mutex_t lock;      /* guards the memo */
	struct hashmap memo;       /* path -> index in hashes */
	struct arena paths;
	VEC(struct fact_dep) hashes;
};

enum cache_status { CACHE_MISS, CACHE_HIT, CACHE_CORRUPT };

/* Creates dir when missing. salt: everything besides the TU that the facts
 * depend on. Returns 0, or -1 with a message in err. */
int cache_open(struct cache *c, const char *dir, uint64_t salt, struct strbuf *err);
void cache_close(struct cache *c);
uint64_t cache_key(const struct cache *c, const char *file, char *const *argv, size_t argc);
/* Loads the entry for key into f (initialised by the caller) when it exists
 * and every file it depends on is unchanged. CACHE_CORRUPT: the entry was
 * unreadable; why says how (it is overwritten by the next cache_store). */
enum cache_status cache_load(struct cache *c, uint64_t key, struct tu_facts *f, struct strbuf *why);
/* Hashes the files in paths into f->deps and writes the entry. */
int cache_store(struct cache *c, uint64_t key, struct tu_facts *f, char *const *paths, size_t npaths,
		struct strbuf *err);
/* The size and content hash of a file now, memoised for the run (a header
 * is hashed once however many TUs include it; every file hashed is kept in
 * c->hashes). size UINT64_MAX: the file cannot be read. The path in the
 * result belongs to the cache. */
struct fact_dep cache_file_hash(struct cache *c, const char *path);
/* The entry's file name (for messages and tests); the caller frees it. */
char *cache_entry_path(const struct cache *c, uint64_t key);

#endif
