/* escape.h — making names from the analysed code safe in each output
 * language: XML/HTML text and attributes, Markdown, URIs, one-line text.
 * Ownership: each appends to the caller's strbuf. */
#ifndef SEAM_ESCAPE_H
#define SEAM_ESCAPE_H
#include "strbuf.h"

/* &, <, >, " and ' as entities; control characters XML 1.0 forbids as U+FFFD. */
void escape_xml(struct strbuf *out, const char *s);
/* Markdown inline text: punctuation Markdown or HTML would act on is
 * backslash-escaped or an entity, and newlines become spaces. */
void escape_markdown(struct strbuf *out, const char *s);
/* A relative path as a URI reference: every byte outside RFC 3986's
 * unreserved set and '/' percent-encoded. */
void escape_uri_path(struct strbuf *out, const char *s);
/* One line of plain text: control characters as \n, \t, \xNN. */
void escape_line(struct strbuf *out, const char *s);

#endif
