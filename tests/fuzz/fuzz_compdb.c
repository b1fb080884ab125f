/* fuzz_compdb.c — the compile-database reader: from the bytes of a
 * compile_commands.json to the list of translation units and the safe
 * libclang arguments of each (analyzer/extract/compdb.c, flags.c). No
 * libclang parse. */
#include "fuzz.h"
#include "compdb.h"
#include "flags.h"

static void check_entry(const struct compdb_entry *e)
{
	FUZZ_CHECK(e->directory[0] == '/' && e->file[0] == '/');
	struct flags f;
	flags_init(&f);
	flags_from_entry(&f, e, NULL);
	/* nothing that loads code or writes files survives */
	for (size_t i = 0; i < f.argv.n; i++) {
		const char *a = f.argv.v[i];
		FUZZ_CHECK(strncmp(a, "-fplugin", 8) != 0 && strncmp(a, "-fpass-plugin", 13) != 0);
		FUZZ_CHECK(strcmp(a, "-load") != 0 && strcmp(a, "-o") != 0 && strncmp(a, "-fmodules", 9) != 0);
		FUZZ_CHECK(strncmp(a, "-save-temps", 11) != 0 && strcmp(a, "-MF") != 0);
	}
	flags_release(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct compdb db;
	struct strbuf err = STRBUF_INIT;
	compdb_init(&db);
	int rc = compdb_load_text(&db, "/fuzz/build/compile_commands.json", text, &err);
	FUZZ_CHECK(rc == 0 || err.len > 0); /* a failure always says why */
	for (size_t i = 0; rc == 0 && i < db.entries.n; i++)
		check_entry(&db.entries.v[i]);
	compdb_release(&db);
	strbuf_release(&err);
	free(text);
	return 0;
}
