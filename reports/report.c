/* report.c — the table of output formats */
#include "report.h"
#include <string.h>

static const struct report_writer writers[] = {
	{ "json", "report.json", report_json_write },
	{ "html", "report.html", report_html_write },
	{ "markdown", "summary.md", report_markdown_write },
};

const struct report_writer *report_writer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i].name, name) == 0)
			return &writers[i];
	return NULL;
}

void report_figures_compute(const struct model *m, const struct report_context *ctx, struct report_figures *f)
{
	memset(f, 0, sizeof(*f));
	f->files = m->files.n;
	f->tus = ctx->tus;
	f->calls = m->calls.n;
	for (size_t i = 0; i < m->functions.n; i++)
		f->functions_defined += m->functions.v[i].defined;
	for (size_t i = 0; i < m->globals.n; i++)
		f->mutable_globals += !m->globals.v[i].is_const;
	if (ctx->analysis) {
		f->candidates = ctx->analysis->candidates.n;
		for (size_t i = 0; i < f->candidates; i++)
			f->fitting += ctx->analysis->candidates.v[i].fits;
	}
	if (ctx->boundaries) {
		f->services = ctx->boundaries->nservices;
		f->crossing_calls = ctx->boundaries->call_cuts.n;
		f->cut_costs = ctx->boundaries->state_cuts.n;
	}
}
