/* flags.h — turning a compile command into safe libclang arguments.
 * Drops what compiles or writes (-c, -o, -M*), what would load code into
 * the analyser (-fplugin=, -Xclang -load, --config, -B, ...), makes paths
 * absolute against the entry's directory and expands @response files.
 * Ownership: struct flags owns its strings; flags_release() frees them. */
#ifndef SEAM_FLAGS_H
#define SEAM_FLAGS_H
#include "compdb.h"
#include "strbuf.h"
#include "xalloc.h"

/* Larger @response files are left out, like unreadable ones. */
#define FLAGS_RESPONSE_FILE_MAX ((size_t)16 << 20)

struct flags {
	VEC(char *) argv;      /* arguments for clang_parseTranslationUnit2 */
	VEC(char *) dropped;   /* dangerous arguments that were dropped */
};

void flags_init(struct flags *f);
void flags_release(struct flags *f);
/* Builds the arguments for one entry. resource_dir may be NULL. */
void flags_from_entry(struct flags *f, const struct compdb_entry *e, const char *resource_dir);

#endif
