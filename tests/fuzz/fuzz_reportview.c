/* fuzz_reportview.c — the report reader of seam check, init and diff
 * (report_view_load_text in analyzer/check/reportview.c), and what they
 * do with what it accepts: every id it lets through must be in range, so
 * the rules, the starter config and a diff of the report with itself run
 * on it (under ASan in fuzzing builds). Found by it: nothing yet beyond a
 * too strict property of this file (duplicate file:name pairs). */
#include "fuzz.h"
#include "check.h"
#include "propose.h"
#include "reportdiff.h"

static void use(const struct report_view *v)
{
	struct arch_config c;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	static const char cfg[] = "{\"version\": 1, \"services\": [{\"name\": \"a\", \"files\": [\"a*\"], \"api\": []},"
				  "{\"name\": \"b\", \"files\": [\"*\"]}], \"serverless\": [\"*\"],"
				  "\"rules\": {\"new-mutable-global\": {\"files\": [\"*\"]},"
				  "\"coupling-threshold\": {\"max_icp\": 0, \"max_fan_out\": 0}}}";
	arch_config_init(&c);
	FUZZ_CHECK(arch_config_load_text(&c, "cfg", cfg, sizeof(cfg) - 1, &err) == 0);
	struct check_result res;
	check_run(&res, &c, v);
	check_result_release(&res);
	arch_config_release(&c);
	propose_config(v, "src", &out);
	struct report_diff d;
	report_diff_run(&d, v, v);
	/* with itself: no metric moves (classes may, when a hostile report
	 * defines the same file:name twice with two classes) */
	for (int i = 0; i < 6; i++)
		FUZZ_CHECK(!d.metrics[i].worse && !d.metrics[i].better);
	FUZZ_CHECK(d.functions_added == 0 && d.functions_removed == 0 && d.owners.n == 0);
	report_diff_release(&d);
	strbuf_release(&out);
	strbuf_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct report_view v;
	struct strbuf err = STRBUF_INIT;
	report_view_init(&v);
	int rc = report_view_load_text(&v, "fuzz", text, size, &err);
	FUZZ_CHECK(rc == 0 || strncmp(strbuf_str(&err), "fuzz", 4) == 0);
	if (rc == 0)
		use(&v);
	report_view_release(&v);
	strbuf_release(&err);
	free(text);
	return 0;
}
