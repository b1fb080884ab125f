/* baseline.h — ratcheting baselines for seam check: a file of today's
 * violations by fingerprint (rule and symbols, never line numbers). Checked
 * against it, known violations do not fail, new ones do, and entries that no
 * longer occur are reported as stale so the debt can only shrink.
 * Ownership: baseline_apply() copies what it keeps into the check_result. */
#ifndef SEAM_BASELINE_H
#define SEAM_BASELINE_H
#include "check.h"

/* Reads FILE and marks res's violations known; entries that match nothing
 * become res->stale. Returns 0, or -1 with a message in err. */
int baseline_apply_file(struct check_result *res, const char *path, struct strbuf *err);
int baseline_apply_text(struct check_result *res, const char *name, const char *text, size_t len,
			struct strbuf *err);
/* Renders every violation (known or not, any severity but off) as a baseline. */
void baseline_write(const struct check_result *res, struct strbuf *out);

#endif
