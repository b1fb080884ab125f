/* report.h — the writer interface: every output format renders a finished
 * analysis into a buffer; the caller writes it atomically.
 * Ownership: writers append to the caller's strbuf and keep nothing. */
#ifndef SEAM_REPORT_H
#define SEAM_REPORT_H
#include "analysis.h"
#include "boundaries.h"
#include "model.h"
#include "strbuf.h"

/* A view drawn for report.html (SVG text, Graphviz's XML prolog included). */
struct view_image {
	const char *name, *title, *svg;
	size_t nodes, edges;
};

/* Everything a report needs to say about the run besides the model. */
struct report_context {
	const char *tool_version;
	const char *libclang_version;
	const char *compile_database;  /* as given, or NULL in scan mode */
	unsigned tus, tus_failed, tus_with_errors;
	const struct analysis *analysis; /* NULL: the model only */
	const struct boundaries *boundaries; /* NULL: no services */
	const struct view_image *views;      /* report.html embeds these */
	size_t nviews;
};

/* The headline figures report.html and summary.md open with. */
struct report_figures {
	size_t files, tus, functions_defined, calls, mutable_globals, services, candidates, fitting,
		crossing_calls, cut_costs;
};
void report_figures_compute(const struct model *m, const struct report_context *ctx, struct report_figures *f);

struct report_writer {
	const char *name;          /* format id, e.g. "json" */
	const char *file_name;     /* default file name in the output folder */
	void (*write)(const struct model *m, const struct report_context *ctx, struct strbuf *out);
};

/* The writer for a format id, or NULL. */
const struct report_writer *report_writer_find(const char *name);

void report_json_write(const struct model *m, const struct report_context *ctx, struct strbuf *out);
void report_html_write(const struct model *m, const struct report_context *ctx, struct strbuf *out);
void report_markdown_write(const struct model *m, const struct report_context *ctx, struct strbuf *out);

#define REPORT_SCHEMA_VERSION 1

#endif
