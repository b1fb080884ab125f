/* cmd_explain.c — seam explain SYMBOL: a function's class and the chain of
 * calls that gives it, from a report.json or by analysing first. */
#include "commands.h"
#include "fsutil.h"
#include "options.h"
#include "pipeline.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct explain_args {
	struct analyze_args in;
	const char *report;
	bool json;
};

static const char usage_line[] =
	"seam explain SYMBOL [--report FILE | -p BUILD_DIR | PATH... [-- FLAGS]] [--json]";
static const char summary[] =
	"Prints a function's class (pure, stateless, config, unknown, stateful,\n"
	"long-running), its effects, whether it is an entry point, and the shortest\n"
	"chain of calls from it to the statement that decides its class, one step a\n"
	"line as file:line. SYMBOL is a function name or FILE:NAME. Reads\n"
	"seam-out/report.json unless --report, -p or PATHs are given (then it analyses).";

static const char *str_of(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static int int_of(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valueint : -1;
}

static const char *name_of(const cJSON *functions, int id)
{
	const cJSON *f = cJSON_GetArrayItem(functions, id);
	return f ? str_of(f, "name") : "?";
}

/* NAME, or FILE:NAME where FILE is the function's path or a tail of it
 * that starts after a '/' (catalog.c:get matches src/catalog/catalog.c). */
static bool matches(const cJSON *f, const char *symbol)
{
	const char *colon = strrchr(symbol, ':');
	if (!colon)
		return strcmp(str_of(f, "name"), symbol) == 0;
	if (strcmp(str_of(f, "name"), colon + 1) != 0)
		return false;
	size_t flen = (size_t)(colon - symbol);
	const char *file = str_of(f, "file");
	size_t len = strlen(file);
	if (flen > len || strncmp(file + len - flen, symbol, flen) != 0)
		return false;
	return flen == len || file[len - flen - 1] == '/';
}

static void print_text(const cJSON *f, const cJSON *functions)
{
	const cJSON *entry = cJSON_GetObjectItemCaseSensitive(f, "entry");
	printf("%s (%s:%d): %s\n", str_of(f, "name"), str_of(f, "file"), int_of(f, "line"), str_of(f, "class"));
	struct strbuf eff = STRBUF_INIT;
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(f, "effects"))
		strbuf_addf(&eff, "%s%s", eff.len ? ", " : "", e->valuestring);
	printf("  effects: %s\n", eff.len ? eff.buf : "none");
	strbuf_release(&eff);
	printf("  entry point: %s\n", cJSON_IsString(entry) ? entry->valuestring : "no");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(f, "evidence");
	if (cJSON_GetArraySize(ev) == 0) {
		printf("  why: no global state, no I/O, no unknown calls anywhere it reaches\n");
		return;
	}
	printf("  why:\n");
	const cJSON *s;
	cJSON_ArrayForEach(s, ev)
		printf("    %s:%d: %s %s\n", str_of(s, "file"), int_of(s, "line"),
		       name_of(functions, int_of(s, "function")), str_of(s, "what"));
}

static cJSON *json_of(const cJSON *f, const cJSON *functions)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "function", int_of(f, "id"));
	cJSON_AddStringToObject(o, "name", str_of(f, "name"));
	cJSON_AddStringToObject(o, "file", str_of(f, "file"));
	cJSON_AddNumberToObject(o, "line", int_of(f, "line"));
	cJSON_AddStringToObject(o, "class", str_of(f, "class"));
	cJSON_AddItemToObject(o, "effects", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(f, "effects"), 1));
	cJSON_AddItemToObject(o, "entry", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(f, "entry"), 1));
	cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
	const cJSON *s;
	cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(f, "evidence")) {
		cJSON *step = cJSON_Duplicate(s, 1);
		cJSON_AddStringToObject(step, "name", name_of(functions, int_of(s, "function")));
		cJSON_AddItemToArray(ev, step);
	}
	return o;
}

static int explain(const char *symbol, const char *text, const char *source, bool json)
{
	cJSON *root = cJSON_Parse(text);
	const cJSON *functions = cJSON_GetObjectItemCaseSensitive(root, "functions");
	if (!root || !cJSON_IsArray(functions)) {
		cli_error("'%s' is not a seam report", source);
		cJSON_Delete(root);
		return SEAM_EXIT_USAGE;
	}
	const cJSON *f;
	int found = 0, analysed = 1;
	cJSON *out = cJSON_CreateArray();
	cJSON_ArrayForEach(f, functions) {
		if (!matches(f, symbol))
			continue;
		if (!cJSON_GetObjectItemCaseSensitive(f, "class"))
			analysed = 0;
		if (json)
			cJSON_AddItemToArray(out, json_of(f, functions));
		else
			print_text(f, functions);
		found++;
	}
	int rc = SEAM_EXIT_OK;
	if (!found) {
		cli_error("no function named '%s' in '%s'", symbol, source);
		rc = SEAM_EXIT_USAGE;
	} else if (!analysed) {
		cli_error("'%s' has no classes (written by an older seam): run 'seam analyze' again", source);
		rc = SEAM_EXIT_USAGE;
	} else if (json) {
		char *s = cJSON_Print(out);
		puts(s);
		free(s);
	}
	cJSON_Delete(out);
	cJSON_Delete(root);
	return rc;
}

static int run(struct explain_args *a, struct parsed_args *pa)
{
	if (pa->positional.n < 1) {
		cli_error("explain needs a SYMBOL (see 'seam explain --help')");
		return SEAM_EXIT_USAGE;
	}
	const char *symbol = pa->positional.v[0];
	struct strbuf text = STRBUF_INIT;
	const char *source;
	struct parsed_args inputs = *pa; /* the PATHs after SYMBOL */
	inputs.positional.v = pa->positional.v + 1;
	inputs.positional.n = pa->positional.n - 1;
	int rc = pipeline_report(&a->in, &inputs, a->report, &text, &source);
	if (rc == SEAM_EXIT_OK)
		rc = explain(symbol, strbuf_str(&text), source, a->json);
	strbuf_release(&text);
	return rc;
}

int cmd_explain(int argc, char **argv)
{
	struct explain_args a = { 0 };
	const struct option opts[] = {
		{ 0, "report", OPT_STRING, &a.report, "FILE", "read this report.json (default: seam-out/report.json)" },
		{ 0, "json", OPT_FLAG, &a.json, NULL, "print JSON (an array: one object per matching function)" },
		PIPELINE_OPTIONS(a.in),
		{ 0 },
	};
	static const struct command_help help = { "explain", usage_line, summary };
	struct parsed_args pa;
	int rc = cli_options(opts, argc, argv, &help, &pa);
	if (rc < 0)
		rc = run(&a, &pa);
	options_release(opts, &pa);
	return rc;
}
