/* fuzz_config.c — the readers of seam check's own files: seam.json
 * (arch_config_load_text in analyzer/check/archconfig.c, with its
 * line:column positions) and baselines (baseline_apply_text). A rejected
 * input must come with a message that names the file. */
#include "fuzz.h"
#include "baseline.h"

static void config(const char *text, size_t size)
{
	struct arch_config c;
	struct strbuf err = STRBUF_INIT;
	arch_config_init(&c);
	int rc = arch_config_load_text(&c, "fuzz.json", text, size, &err);
	FUZZ_CHECK(rc == 0 || strncmp(strbuf_str(&err), "fuzz.json", 9) == 0);
	if (rc == 0) {
		for (size_t i = 0; i < c.services.n; i++)
			FUZZ_CHECK(c.services.v[i].name && c.services.v[i].name[0]);
		(void)arch_config_service_of(&c, "a/b.c");
		(void)arch_config_is_serverless(&c, "main");
	}
	arch_config_release(&c);
	strbuf_release(&err);
}

static void baseline(const char *text, size_t size)
{
	struct check_result res;
	memset(&res, 0, sizeof(res));
	arena_init(&res.arena);
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	int rc = baseline_apply_text(&res, "fuzz.json", text, size, &err);
	FUZZ_CHECK(rc == 0 || err.len > 0);
	baseline_write(&res, &out);
	check_result_release(&res);
	strbuf_release(&err);
	strbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	config(text, size);
	baseline(text, size);
	free(text);
	return 0;
}
