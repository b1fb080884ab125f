/* propose.h — seam init: a starter seam.json from a report's proposal, so a
 * team can adopt the suggested decomposition as its target in one step.
 * Ownership: appends to the caller's strbuf. */
#ifndef SEAM_PROPOSE_H
#define SEAM_PROPOSE_H
#include "reportview.h"

/* root: what to write as "root" (the report's root relative to where the
 * file will live), or NULL to leave it out. */
/* Returns how many names it lists as "serverless". */
size_t propose_config(const struct report_view *v, const char *root, struct strbuf *out);

#endif
