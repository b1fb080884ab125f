/* jsonout.h — compact JSON written straight into a strbuf, byte for byte as
 * cJSON_PrintUnformatted() would write it: from a cJSON tree, or member by
 * member without building one. Integral numbers need no printf round trip.
 * Ownership: each function appends to the caller's strbuf; a tree stays the caller's. */
#ifndef SEAM_JSONOUT_H
#define SEAM_JSONOUT_H
#include "strbuf.h"
#include <stdbool.h>
#include <cjson/cJSON.h>

/* item (an object, array or scalar) as one line of compact JSON. */
void jsonout_item(struct strbuf *out, const cJSON *item);
/* s as a JSON string literal with cJSON's escapes; NULL as "". */
void jsonout_string(struct strbuf *out, const char *s);
/* d as cJSON prints a number: integers as digits, others "%1.15g" or "%1.17g". */
void jsonout_number(struct strbuf *out, double d);

/* An object or array being written member by member. Adding a NULL string,
 * like cJSON_AddStringToObject(o, k, NULL), adds nothing. In arrays, key is NULL. */
struct jsonout {
	struct strbuf *out;
	bool more; /* a member was written: the next one needs a ',' */
};

/* Starts an object (open '{') or array ('[') in out. */
void jsonout_begin(struct jsonout *j, struct strbuf *out, char open);
/* Starts an object or array as the member key of parent. */
void jsonout_nest(struct jsonout *child, struct jsonout *parent, const char *key, char open);
/* Ends it with close ('}' or ']'). */
void jsonout_end(struct jsonout *j, char close);
void jsonout_add_string(struct jsonout *j, const char *key, const char *s);
void jsonout_add_number(struct jsonout *j, const char *key, double d);
void jsonout_add_bool(struct jsonout *j, const char *key, bool b);
void jsonout_add_null(struct jsonout *j, const char *key);

#endif
