/* facts.h — one translation unit's facts as a file: the per-TU model the
 * extractor produced (before merge), the flags dropped from its command,
 * the files it read with their content hashes, and where it sits in its
 * compile database. Used by the incremental cache and by sharded extraction.
 *
 * File layout (host byte order): "SEAMFACT", u32 format version, u32
 * byte-order mark, u64 payload length, u64 payload checksum, payload.
 * A truncated, corrupt or foreign file is rejected by facts_decode.
 * Ownership: struct tu_facts owns its model (model_free) and its strings;
 * tu_facts_release() frees everything. */
#ifndef SEAM_FACTS_H
#define SEAM_FACTS_H
#include "model.h"
#include "strbuf.h"
#include <stdint.h>

#define FACTS_VERSION 1u

struct fact_dep {
	char *path;      /* absolute, as libclang opened it */
	uint64_t size, hash;
};

struct tu_facts {
	struct model *model;        /* the TU's model, not finalized */
	VEC(char *) dropped;        /* compile flags dropped as dangerous */
	unsigned unclassified_writes;
	VEC(struct fact_dep) deps;  /* every file the TU read, main file first */
	/* where it sits in its compile database (sharded extraction) */
	char *db_path, *root;       /* NULL when not known / not given */
	uint64_t db_hash, index, count;
};

void tu_facts_init(struct tu_facts *f);
void tu_facts_release(struct tu_facts *f);
/* Appends the file image of f to out. */
void facts_encode(const struct tu_facts *f, struct strbuf *out);
/* Reads a file image into f (initialised by the caller); the model's strings
 * are plain copies, not interned (merging interns them). Returns 0, or -1
 * with the reason in err ("truncated", "checksum mismatch", ...); on
 * failure f holds nothing that needs keeping but must still be released. */
int facts_decode(const char *data, size_t len, struct tu_facts *f, struct strbuf *err);

#endif
