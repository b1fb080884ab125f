/* fuzz_rulepack.c — the effect-pack reader (--rules FILE):
 * catalog_load_text() in analyzer/analyses/catalog.c, then lookups. */
#include "fuzz.h"
#include "analysis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct catalog c;
	struct strbuf err = STRBUF_INIT;
	catalog_init(&c);
	int rc = catalog_load_text(&c, "fuzz.json", text, &err);
	FUZZ_CHECK(rc == 0 || err.len > 0);
	effect_set s;
	static const char *const probes[] = { "malloc", "send", "x", "", "pthread_mutex_lock", NULL };
	for (const char *const *p = probes; *p; p++) {
		catalog_lookup(&c, *p, &s);
		catalog_is_init(&c, *p);
		catalog_is_event_wait(&c, *p);
		catalog_is_sleep(&c, *p);
	}
	catalog_release(&c);
	strbuf_release(&err);
	free(text);
	return 0;
}
