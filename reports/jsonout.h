/* jsonout.h — cJSON trees written straight into a strbuf, byte for byte as
 * cJSON_PrintUnformatted() would write them, without its malloc'd copy and
 * without a printf round trip for every integral number.
 * Ownership: each function appends to the caller's strbuf; the tree stays the caller's. */
#ifndef SEAM_JSONOUT_H
#define SEAM_JSONOUT_H
#include "strbuf.h"
#include <cjson/cJSON.h>

/* item (an object, array or scalar) as one line of compact JSON. */
void jsonout_item(struct strbuf *out, const cJSON *item);
/* s as a JSON string literal with cJSON's escapes; NULL as "". */
void jsonout_string(struct strbuf *out, const char *s);
/* d as cJSON prints a number: integers as digits, others "%1.15g" or "%1.17g". */
void jsonout_number(struct strbuf *out, double d);

#endif
