/* cmd_init.c — seam init: write a starter seam.json from the proposal */
#include "commands.h"
#include "fsutil.h"
#include "options.h"
#include "pipeline.h"
#include "propose.h"
#include <stdio.h>
#include <string.h>

struct init_args {
	struct analyze_args in;
	const char *report, *output;
	bool force;
};

static const char usage_line[] =
	"seam init [--report FILE | -p BUILD_DIR | PATH... [-- FLAGS]] [-o seam.json] [--force]";
static const char summary[] =
	"Writes a starter seam.json from the proposed decomposition: the services with\n"
	"their files (as folder globs where a whole folder belongs to one service) and\n"
	"their API (the functions other services call today), the serverless candidates,\n"
	"and every rule at its default severity with today's ICP and fan-out as limits.\n"
	"Adopt it as your target, then record today's violations with\n"
	"'seam check --write-baseline'.";

/* to, relative to folder from (both absolute, normalised), with ".." where needed. */
static char *relative_path(const char *to, const char *from)
{
	size_t common = 0;
	for (size_t i = 0;; i++) {
		bool end_to = to[i] == '\0' || to[i] == '/', end_from = from[i] == '\0' || from[i] == '/';
		if (end_to && end_from)
			common = i;
		if (to[i] != from[i] || !to[i])
			break;
	}
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = from + common; *p; p++)
		if (*p == '/' && p[1])
			strbuf_addstr(&sb, sb.len ? "/.." : "..");
	const char *rest = to + common + (to[common] == '/');
	if (*rest)
		strbuf_addf(&sb, "%s%s", sb.len ? "/" : "", rest);
	if (!sb.len)
		strbuf_addch(&sb, '.');
	return strbuf_detach(&sb);
}

/* "root": the report's root as seen from the folder seam.json goes to. */
static char *root_from(const char *output, const struct report_view *v)
{
	char *dir = path_dirname(output);
	char *abs_dir = path_absolute(dir, NULL);
	char *root = relative_path(v->root, abs_dir);
	free(abs_dir);
	free(dir);
	return root;
}

static int init(struct init_args *a, struct parsed_args *pa)
{
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct report_view v;
	report_view_init(&v);
	int rc = pipeline_report_view(&a->in, pa, a->report, &v);
	if (rc == SEAM_EXIT_OK) {
		char *root = root_from(a->output, &v);
		size_t nserverless = propose_config(&v, root, &out);
		free(root);
		if (fs_write_atomic(a->output, out.buf, out.len, &err) != 0) {
			cli_error("%s", strbuf_str(&err));
			rc = SEAM_EXIT_USAGE;
		} else {
			fprintf(stderr, "seam: wrote %s: %zu services, %zu serverless functions\n", a->output,
				v.services.n, nserverless);
		}
	}
	report_view_release(&v);
	strbuf_release(&out);
	strbuf_release(&err);
	return rc;
}

int cmd_init(int argc, char **argv)
{
	struct init_args a = { .output = "seam.json" };
	const struct option opts[] = {
		{ 0, "report", OPT_STRING, &a.report, "FILE", "start from this report.json (default: "
		  "seam-out/report.json unless -p or PATHs are given)" },
		{ 'o', "output", OPT_STRING, &a.output, "FILE", "where to write (default: seam.json)" },
		{ 0, "force", OPT_FLAG, &a.force, NULL, "overwrite an existing file" },
		PIPELINE_OPTIONS(a.in),
		{ 0 },
	};
	static const struct command_help help = { "init", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0 && !a.force && fs_is_file(a.output)) {
		cli_error("'%s' exists: give --force to overwrite it, or -o another file", a.output);
		rc = SEAM_EXIT_USAGE;
	}
	if (rc < 0)
		rc = init(&a, &pa);
	options_release(opts, &pa);
	return rc;
}
