/* blobstore.h — a folder of byte blobs keyed by 64-bit hashes, each file
 * checked on read (magic, key, length and a checksum of the bytes), written
 * via a temporary file and rename (concurrent writers are safe).
 * Entries live at DIR/ab/<key as 16 hex digits>.<suffix>; the folders are
 * made on the first store, so a store that is never written leaves no trace.
 * Ownership: struct blobstore owns copies of dir and suffix; blobstore_release()
 * frees them. Loaded bytes are appended to the caller's strbuf. */
#ifndef SEAM_BLOBSTORE_H
#define SEAM_BLOBSTORE_H
#include "strbuf.h"
#include <stdint.h>

struct blobstore {
	char *dir, *suffix;
};

enum blob_status { BLOB_MISS, BLOB_HIT, BLOB_CORRUPT };

void blobstore_init(struct blobstore *s, const char *dir, const char *suffix);
void blobstore_release(struct blobstore *s);
/* The entry's file name (malloc'd). */
char *blobstore_path(const struct blobstore *s, uint64_t key);
/* BLOB_HIT: the bytes are appended to out. BLOB_CORRUPT: the entry exists
 * but fails a check; why says which. BLOB_MISS: no entry (or unreadable). */
enum blob_status blobstore_load(const struct blobstore *s, uint64_t key, struct strbuf *out, struct strbuf *why);
/* Returns 0, or -1 with a message in err. */
int blobstore_store(const struct blobstore *s, uint64_t key, const void *data, size_t len, struct strbuf *err);

#endif
