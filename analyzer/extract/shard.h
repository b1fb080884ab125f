/* shard.h — sharded extraction: a deterministic slice of the compile
 * database, its facts as one file per TU in a folder, and the merge of
 * such folders back into the program model in database order (the same
 * model, byte for byte, as one extract_run over the whole database).
 * Ownership: strings returned through char** are malloc'd, the caller frees. */
#ifndef SEAM_SHARD_H
#define SEAM_SHARD_H
#include "compdb.h"
#include "extract.h"
#include "facts.h"
#include "model.h"
#include "strbuf.h"

/* Parses "I/N" (1 <= I <= N). Returns 0, or -1 with a message. */
int shard_parse(const char *spec, unsigned *i, unsigned *n, struct strbuf *err);
/* Entries [*begin, *end) of `count` belong to shard i of n (contiguous
 * slices whose sizes differ by at most one). */
void shard_range(size_t count, unsigned i, unsigned n, size_t *begin, size_t *end);
/* Identifies a compile database's entries (files and arguments, in order). */
uint64_t shard_db_hash(const struct compdb *db);
/* DIR/tu-NNNNNN.facts */
char *shard_file_path(const char *dir, size_t index);
/* Writes f to its file in dir (atomically). */
int shard_write(const char *dir, const struct tu_facts *f, struct strbuf *err);
/* Reads every tu-*.facts file of dirs, checks that they come from one
 * compile database and cover each of its entries exactly once, and merges
 * them in database order into out (then finalizes it with their root).
 * *db_path: the database they were extracted from (NULL for scanned PATHs). */
int shard_merge(char *const *dirs, size_t ndirs, struct model *out, struct extract_result *r, char **db_path,
		struct strbuf *err);

#endif
