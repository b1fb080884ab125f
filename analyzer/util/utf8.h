/* utf8.h — making text from the input valid UTF-8 before it goes into JSON.
 * File names and diagnostics are bytes; JSON is UTF-8. utf8_sanitize()
 * replaces every byte that does not start a well-formed sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF) with U+FFFD,
 * so a report is always valid JSON. It works in place on a strbuf. */
#ifndef SEAM_UTF8_H
#define SEAM_UTF8_H
#include "strbuf.h"
#include <stddef.h>

/* Length of the well-formed sequence at s (at most n bytes), or 0. */
size_t utf8_sequence_length(const unsigned char *s, size_t n);
/* Replaces ill-formed bytes of sb from offset `from` on with U+FFFD;
 * returns how many bytes were replaced. */
size_t utf8_sanitize(struct strbuf *sb, size_t from);

#endif
