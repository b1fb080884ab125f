/* fuzz_report.c — the reader `seam compare` uses for its two inputs:
 * decomposition_load_text() (a report.json or answer key as JSON, else
 * RSF) in analyzer/analyses/decomposition.c. What it reads must survive
 * a round trip through decomposition_write_rsf(). */
#include "fuzz.h"
#include "decomposition.h"

static void check_round_trip(const struct decomposition *d)
{
	struct strbuf rsf = STRBUF_INIT, err = STRBUF_INIT;
	decomposition_write_rsf(d, &rsf);
	struct decomposition again;
	decomposition_init(&again);
	FUZZ_CHECK(decomposition_load_rsf(&again, "rsf", strbuf_str(&rsf), &err) == 0);
	FUZZ_CHECK(again.entries.n == d->entries.n);
	for (size_t i = 0; i < d->entries.n; i++) {
		const char *c = decomposition_cluster_of(&again, d->entries.v[i].entity);
		FUZZ_CHECK(c && strcmp(c, d->entries.v[i].cluster) == 0);
	}
	decomposition_release(&again);
	strbuf_release(&rsf);
	strbuf_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct decomposition d;
	struct strbuf err = STRBUF_INIT;
	decomposition_init(&d);
	int rc = decomposition_load_text(&d, "fuzz", text, &err);
	FUZZ_CHECK(rc == 0 || err.len > 0);
	if (rc == 0)
		check_round_trip(&d);
	decomposition_release(&d);
	strbuf_release(&err);
	free(text);
	return 0;
}
