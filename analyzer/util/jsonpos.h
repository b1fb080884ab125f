/* jsonpos.h — where values sit in a JSON text: line:column of an offset, and
 * the start offset of every value in document order, so that a parsed tree
 * (cJSON keeps document order) can point a user at the value that is wrong.
 * Ownership: jsonpos_values() fills a caller-owned array (free with VEC_FREE). */
#ifndef SEAM_JSONPOS_H
#define SEAM_JSONPOS_H
#include "strbuf.h"
#include "xalloc.h"
#include <stdbool.h>
#include <stddef.h>

typedef VEC(size_t) jsonpos_offsets;

/* 1-based line and column (in bytes) of text[offset]. */
void jsonpos_line_col(const char *text, size_t offset, unsigned *line, unsigned *col);

/* The same for a pointer into a NUL-terminated text (NULL or before the
 * text: its start), e.g. where cJSON stopped parsing. */
void jsonpos_locate(const char *text, const char *at, unsigned *line, unsigned *col);

/* "NAME:LINE:COL: malformed JSON" for a parser that stopped at `at` (NULL or
 * outside the text: the start). */
void jsonpos_syntax_error(struct strbuf *err, const char *name, const char *text, size_t len, const char *at);

/* The first character after a parsed value (end) that is not whitespace,
 * or NULL when nothing but whitespace follows it. */
const char *jsonpos_trailing(const char *text, size_t len, const char *end);

/* Appends the start offset of every value of a JSON text (objects, arrays,
 * strings that are not keys, numbers, literals) in document order, which is
 * the pre-order of the parsed tree. The text must be valid JSON. */
void jsonpos_values(const char *text, size_t len, jsonpos_offsets *out);

#endif
