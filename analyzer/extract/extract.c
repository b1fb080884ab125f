/* extract.c — a pool of libclang workers (one CXIndex each) feeding an
 * in-order merge, so the model is the same whatever the number of jobs. */
#include "extract.h"
#include "flags.h"
#include "stackguard.h"
#include "walk.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct slot {
	struct model *facts; /* NULL until the worker is done */
	struct walk_stats stats;
	VEC(char *) dropped;
};

struct pool {
	const struct compdb *db;
	const struct extract_options *o;
	struct walk_filter filter;
	struct slot *slots;
	size_t next;          /* next entry to claim */
	pthread_mutex_t lock;
	pthread_cond_t done;
};

unsigned extract_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

void extract_result_release(struct extract_result *r)
{
	for (size_t i = 0; i < r->warnings.n; i++)
		free(r->warnings.v[i]);
	VEC_FREE(r->warnings);
}

static struct model *extract_one(struct pool *p, size_t i, CXIndex index, struct slot *s)
{
	const struct compdb_entry *e = &p->db->entries.v[i];
	struct flags fl;
	flags_init(&fl);
	flags_from_entry(&fl, e, p->o->resource_dir);
	struct model *m = xmalloc(sizeof(*m));
	model_init(m);
	walk_tu(index, e->file, (const char *const *)fl.argv.v, (int)fl.argv.n, &p->filter, m, &s->stats);
	for (size_t k = 0; k < fl.dropped.n; k++) {
		VEC_PUSH(s->dropped, fl.dropped.v[k]);
		fl.dropped.v[k] = NULL;
	}
	fl.dropped.n = 0;
	flags_release(&fl);
	return m;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	CXIndex index = clang_createIndex(0, 0);
	void *altstack = stackguard_thread_enter();
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->db->entries.n)
			break;
		struct slot *s = &p->slots[i];
		struct model *m = extract_one(p, i, index, s);
		pthread_mutex_lock(&p->lock);
		s->facts = m;
		pthread_cond_broadcast(&p->done);
		pthread_mutex_unlock(&p->lock);
	}
	stackguard_thread_leave(altstack);
	clang_disposeIndex(index);
	return NULL;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(const struct extract_options *o, size_t done, size_t total, const char *file)
{
	if (!o->progress)
		return;
	const char *base = strrchr(file, '/');
	fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total, base ? base + 1 : file);
	fflush(stderr);
}

static void take_slot(struct pool *p, size_t i, struct model *out, struct extract_result *r)
{
	struct slot *s = &p->slots[i];
	const struct compdb_entry *e = &p->db->entries.v[i];
	for (size_t k = 0; k < s->dropped.n; k++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "dropped '%s' from the compile command of '%s': it would load code into the analyser or write files",
			    s->dropped.v[k], e->file);
		VEC_PUSH(r->warnings, strbuf_detach(&sb));
		free(s->dropped.v[k]);
	}
	VEC_FREE(s->dropped);
	for (size_t k = 0; k < s->facts->files.n; k++) {
		const struct model_file *f = &s->facts->files.v[k];
		if (f->tu) {
			r->tus_failed += f->failed;
			r->tus_with_errors += !f->parsed && !f->failed;
		}
	}
	r->unclassified_writes += s->stats.unclassified_writes;
	model_merge(out, s->facts);
	model_free(s->facts);
	s->facts = NULL;
}

void extract_run(const struct compdb *db, const struct extract_options *o, struct model *out,
		 struct extract_result *r)
{
	double t0 = now_seconds();
	struct pool p = { .db = db, .o = o };
	p.filter.root = o->root;
	p.filter.excludes = o->excludes;
	p.filter.nexcludes = o->nexcludes;
	p.slots = xcalloc(db->entries.n + 1, sizeof(*p.slots));
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.done, NULL);
	unsigned jobs = o->jobs ? o->jobs : extract_default_jobs();
	if (jobs > db->entries.n)
		jobs = db->entries.n ? (unsigned)db->entries.n : 1;
	pthread_t *threads = xcalloc(jobs, sizeof(*threads));
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, STACKGUARD_THREAD_STACK); /* clang's parser recurses deeply */
	stackguard_prepare();
	/* a 256 MiB stack may be refused (strict overcommit, ulimit -v): fall
	 * back to the default size, and with no thread at all parse here */
	unsigned started = 0;
	for (unsigned t = 0; t < jobs; t++)
		if (pthread_create(&threads[started], &attr, worker, &p) == 0 ||
		    pthread_create(&threads[started], NULL, worker, &p) == 0)
			started++;
	if (started == 0)
		worker(&p);
	pthread_attr_destroy(&attr);
	/* merge in database order as results arrive: deterministic, and each
	 * TU's facts are freed as soon as they are merged */
	for (size_t i = 0; i < db->entries.n; i++) {
		pthread_mutex_lock(&p.lock);
		while (!p.slots[i].facts)
			pthread_cond_wait(&p.done, &p.lock);
		pthread_mutex_unlock(&p.lock);
		progress(o, i + 1, db->entries.n, db->entries.v[i].file);
		take_slot(&p, i, out, r);
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	if (o->progress && db->entries.n)
		fprintf(stderr, "\r\033[K");
	free(threads);
	free(p.slots);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.done);
	r->tus = (unsigned)db->entries.n;
	model_finalize(out, o->root);
	r->seconds = now_seconds() - t0;
}
