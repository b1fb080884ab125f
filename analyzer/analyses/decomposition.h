/* decomposition.h — a partition of a project's files into named clusters
 * (services): read from RSF, a seam report.json or an EXPECTED.json answer
 * key, written as RSF (docs/compare.md).
 * Ownership: a decomposition owns its strings (one arena) and arrays;
 * decomposition_release() frees them all. Loaders copy what they read. */
#ifndef SEAM_DECOMPOSITION_H
#define SEAM_DECOMPOSITION_H
#include "arena.h"
#include "hashmap.h"
#include "strbuf.h"
#include "xalloc.h"
#include <stddef.h>

/* One entity (a file path) and the cluster it belongs to. */
struct decomposition_entry {
	const char *entity, *cluster;
};

struct decomposition {
	struct arena strings;                      /* entity and cluster names */
	VEC(struct decomposition_entry) entries;   /* in the order read */
	struct hashmap entities;                   /* entity -> index in entries */
	struct hashmap clusters;                   /* cluster name -> interned name */
};

void decomposition_init(struct decomposition *d);
void decomposition_release(struct decomposition *d);

/* Puts entity in cluster (both copied). Returns -1, changing nothing, when
 * the entity already has a cluster. */
int decomposition_add(struct decomposition *d, const char *entity, const char *cluster);
/* The cluster of entity, or NULL when d does not list it. */
const char *decomposition_cluster_of(const struct decomposition *d, const char *entity);
/* Clusters with at least one entity. */
size_t decomposition_cluster_count(const struct decomposition *d);

/* Loaders: each returns 0, or -1 with a message naming `name` (and the line
 * when there is one) appended to err; on error d keeps what was read before
 * it and must still be released. A decomposition without any entity is an
 * error, and so is an entity listed twice.
 *
 * RSF: lines `contain <cluster> <entity>`, fields separated by blanks, a
 * field may be "double quoted" (escapes \" \\ \n \t \r); blank lines, lines
 * starting with '#' and other relations are ignored. */
int decomposition_load_rsf(struct decomposition *d, const char *name, const char *text, struct strbuf *err);
/* A JSON object with a top-level "services" array of {"name": string,
 * "files": [string...]} (a seam report.json or an EXPECTED.json answer key);
 * other fields are ignored. */
int decomposition_load_json(struct decomposition *d, const char *name, const char *text, struct strbuf *err);
/* JSON when the first non-blank character is '{', else RSF. */
int decomposition_load_text(struct decomposition *d, const char *name, const char *text, struct strbuf *err);
/* Reads path, then decomposition_load_text(). */
int decomposition_load_file(struct decomposition *d, const char *path, struct strbuf *err);

/* Appends d as RSF, one `contain <cluster> <entity>` line per entity,
 * sorted by cluster then entity (byte order), so equal decompositions give
 * equal text. Names that are empty or hold blanks or '"' are written
 * "quoted". */
void decomposition_write_rsf(const struct decomposition *d, struct strbuf *out);

#endif
