/* check_report.h — the writers of `seam check` results, one file per format
 * (text, json, sarif, junit, markdown) behind one interface.
 * Ownership: writers append to the caller's strbuf and keep nothing. */
#ifndef SEAM_CHECK_REPORT_H
#define SEAM_CHECK_REPORT_H
#include "check.h"
#include "strbuf.h"

struct check_report_info {
	const char *tool_version;
	const char *baseline_path;    /* NULL: no baseline */
	bool strict_baseline;
};

struct check_writer {
	const char *name;
	void (*write)(const struct check_result *res, const struct check_report_info *info, struct strbuf *out);
};

/* The writer for a format id, or NULL; check_writer_names() lists them. */
const struct check_writer *check_writer_find(const char *name);
const char *check_writer_names(void);

void check_text_write(const struct check_result *res, const struct check_report_info *info, struct strbuf *out);
void check_json_write(const struct check_result *res, const struct check_report_info *info, struct strbuf *out);
void check_sarif_write(const struct check_result *res, const struct check_report_info *info, struct strbuf *out);
void check_junit_write(const struct check_result *res, const struct check_report_info *info, struct strbuf *out);
void check_markdown_write(const struct check_result *res, const struct check_report_info *info,
			  struct strbuf *out);

/* Whether the check fails (exit 1): new errors, or stale baseline entries
 * under --strict-baseline. Every format reports this same verdict. */
bool check_report_failed(const struct check_result *res, const struct check_report_info *info);

/* The one-line verdict all formats share: "2 errors, 1 warning (3 known ...)". */
void check_report_verdict(const struct check_result *res, struct strbuf *out);

#endif
