/* diff_report.h — the writers of `seam diff`: text, json and markdown.
 * Ownership: writers append to the caller's strbuf and keep nothing. */
#ifndef SEAM_DIFF_REPORT_H
#define SEAM_DIFF_REPORT_H
#include "reportdiff.h"

struct diff_writer {
	const char *name;
	void (*write)(const struct report_diff *d, struct strbuf *out);
};

const struct diff_writer *diff_writer_find(const char *name);

#endif
