/* floor.c — the libclang floor for seam's extraction: parse every TU of a
 * compile database with the arguments seam gives libclang (flags.c), walk
 * each AST once with clang_visitChildren, dispose it; N threads, one
 * CXIndex each, exactly as seam's workers do. Nothing else.
 *
 * usage: seam-floor COMPILE_COMMANDS_JSON [JOBS]
 *        seam-floor --commands COMPILE_COMMANDS_JSON CLANG
 * The second form prints, NUL-separated, one shell command per TU that runs
 * `CLANG -fsyntax-only` with the same arguments (for xargs -0 -P N). */
#include "compdb.h"
#include "flags.h"
#include "strbuf.h"
#include <clang-c/Index.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct floor_pool {
	const struct compdb *db;
	const char *resource_dir;
	size_t next;
	unsigned long long cursors;
	pthread_mutex_t lock;
};

static enum CXChildVisitResult count_cursor(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)c, (void)parent;
	++*(unsigned long long *)data;
	return CXChildVisit_Recurse;
}

static unsigned long long parse_and_walk(CXIndex index, const struct compdb_entry *e, const char *resource_dir)
{
	struct flags fl;
	flags_init(&fl);
	flags_from_entry(&fl, e, resource_dir);
	CXTranslationUnit tu = NULL;
	unsigned long long n = 0;
	if (clang_parseTranslationUnit2(index, e->file, (const char *const *)fl.argv.v, (int)fl.argv.n, NULL, 0,
					CXTranslationUnit_KeepGoing, &tu) == CXError_Success && tu) {
		clang_visitChildren(clang_getTranslationUnitCursor(tu), count_cursor, &n);
		clang_disposeTranslationUnit(tu);
	}
	flags_release(&fl);
	return n;
}

static void *floor_worker(void *arg)
{
	struct floor_pool *p = arg;
	CXIndex index = clang_createIndex(0, 0);
	unsigned long long n = 0;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->db->entries.n)
			break;
		n += parse_and_walk(index, &p->db->entries.v[i], p->resource_dir);
	}
	clang_disposeIndex(index);
	pthread_mutex_lock(&p->lock);
	p->cursors += n;
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static void put_quoted(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_addstr(sb, "'\\''");
		else
			strbuf_addch(sb, *s);
	}
	strbuf_addstr(sb, "' ");
}

static void print_commands(const struct compdb *db, const char *clang)
{
	for (size_t i = 0; i < db->entries.n; i++) {
		struct flags fl;
		struct strbuf sb = STRBUF_INIT;
		flags_init(&fl);
		flags_from_entry(&fl, &db->entries.v[i], SEAM_CLANG_RESOURCE_DIR);
		put_quoted(&sb, clang);
		strbuf_addstr(&sb, "-fsyntax-only ");
		for (size_t k = 0; k < fl.argv.n; k++)
			put_quoted(&sb, fl.argv.v[k]);
		put_quoted(&sb, db->entries.v[i].file);
		fwrite(sb.buf, 1, sb.len + 1, stdout); /* with its NUL */
		strbuf_release(&sb);
		flags_release(&fl);
	}
}

int main(int argc, char **argv)
{
	bool commands = argc > 1 && strcmp(argv[1], "--commands") == 0;
	if (commands)
		argc--, argv++;
	if (argc < 2 || (commands && argc < 3)) {
		fprintf(stderr, "usage: seam-floor COMPILE_COMMANDS_JSON [JOBS]\n");
		return 2;
	}
	struct compdb db;
	struct strbuf err = STRBUF_INIT;
	compdb_init(&db);
	if (compdb_load(&db, argv[1], &err) != 0) {
		fprintf(stderr, "seam-floor: %s\n", strbuf_str(&err));
		return 2;
	}
	if (commands) {
		print_commands(&db, argv[2]);
		compdb_release(&db);
		strbuf_release(&err);
		return 0;
	}
	long jobs = argc > 2 ? atol(argv[2]) : sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs < 1)
		jobs = 1;
	struct floor_pool p = { .db = &db, .resource_dir = SEAM_CLANG_RESOURCE_DIR };
	pthread_mutex_init(&p.lock, NULL);
	pthread_t *t = calloc((size_t)jobs, sizeof(*t));
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64u << 20);
	for (long i = 0; i < jobs; i++)
		pthread_create(&t[i], &attr, floor_worker, &p);
	for (long i = 0; i < jobs; i++)
		pthread_join(t[i], NULL);
	printf("%zu translation units, %llu cursors\n", db.entries.n, p.cursors);
	free(t);
	compdb_release(&db);
	strbuf_release(&err);
	return 0;
}
