/* extract.c — a pool of libclang workers (one CXIndex each) feeding an
 * in-order consumer, so the model is the same whatever the number of jobs. */
#include "extract.h"
#include "clock.h"
#include "cache.h"
#include "flags.h"
#include "hash.h"
#include "stackguard.h"
#include "walk.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct slot {
	struct tu_facts facts;
	bool ready, cached, rebuilt;
	double parse, walk, cache;   /* seconds spent on this TU */
	char *note;                  /* a cache warning, or NULL */
};

struct pool {
	const struct compdb *db;
	const struct extract_options *o;
	struct walk_filter filter;
	struct slot *slots;          /* indexed from begin */
	size_t begin, end, next;     /* next entry to claim */
	size_t taken;                /* entries handed to the consumer so far (from begin) */
	size_t window;               /* claim at most this many entries ahead of the consumer */
	pthread_mutex_t lock;
	pthread_cond_t done, room;
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

uint64_t extract_cache_salt(const struct extract_options *o, uint64_t tool)
{
	CXString v = clang_getClangVersion();
	uint64_t h = hash_mix(tool, FACTS_VERSION);
	h = hash_mix(h, hash_str(clang_getCString(v), 4));
	clang_disposeString(v);
	h = hash_mix(h, hash_str(o->resource_dir, 5));
	/* the include search paths clang takes from the environment */
	h = hash_mix(h, hash_str(getenv("CPATH"), 8));
	h = hash_mix(h, hash_str(getenv("C_INCLUDE_PATH"), 10));
	h = hash_mix(h, hash_str(o->root, 6));
	for (size_t i = 0; i < o->nexcludes; i++)
		h = hash_mix(h, hash_str(o->excludes[i], 7));
	return hash_mix(h, o->nexcludes);
}

/* A TU that parsed cleanly is cached; one with errors is not (a missing
 * header that appears later would not change its key). */
static bool cacheable(const struct model *m)
{
	for (size_t k = 0; k < m->files.n; k++)
		if (m->files.v[k].tu && !m->files.v[k].parsed)
			return false;
	return true;
}

static void parse_one(struct pool *p, CXIndex index, const struct compdb_entry *e, const struct flags *fl,
		      struct slot *s, uint64_t key)
{
	struct walk_stats ws = { 0 };
	s->facts.model = xmalloc(sizeof(*s->facts.model));
	model_init(s->facts.model);
	walk_tu(index, e->file, (const char *const *)fl->argv.v, (int)fl->argv.n, &p->filter, s->facts.model, &ws);
	s->facts.unclassified_writes = ws.unclassified_writes;
	s->parse = ws.parse_seconds;
	s->walk = ws.walk_seconds;
	if (p->o->cache && cacheable(s->facts.model)) {
		double t0 = clock_seconds();
		struct strbuf err = STRBUF_INIT;
		if (cache_store(p->o->cache, key, &s->facts, ws.files.v, ws.files.n, &err) != 0)
			s->note = strbuf_detach(&err);
		strbuf_release(&err);
		s->cache += clock_seconds() - t0;
	}
	walk_stats_release(&ws);
}

/* Looks the TU up in the cache; returns whether its facts came from there. */
static bool lookup_one(struct pool *p, struct slot *s, uint64_t key)
{
	double t0 = clock_seconds();
	struct strbuf why = STRBUF_INIT;
	enum cache_status st = cache_load(p->o->cache, key, &s->facts, &why);
	s->rebuilt = st == CACHE_CORRUPT;
	if (s->rebuilt)
		s->note = strbuf_detach(&why);
	strbuf_release(&why);
	s->cache += clock_seconds() - t0;
	return st == CACHE_HIT;
}

static void extract_one(struct pool *p, size_t i, CXIndex index, struct slot *s)
{
	const struct compdb_entry *e = &p->db->entries.v[i];
	struct flags fl;
	flags_init(&fl);
	flags_from_entry(&fl, e, p->o->resource_dir);
	uint64_t key = p->o->cache ? cache_key(p->o->cache, e->file, fl.argv.v, fl.argv.n) : 0;
	s->cached = p->o->cache && lookup_one(p, s, key);
	if (!s->cached)
		parse_one(p, index, e, &fl, s, key);
	/* the dropped flags come from the command, not from the cache entry */
	for (size_t k = 0; k < s->facts.dropped.n; k++)
		free(s->facts.dropped.v[k]);
	VEC_FREE(s->facts.dropped);
	s->facts.dropped.v = fl.dropped.v, s->facts.dropped.n = fl.dropped.n, s->facts.dropped.cap = fl.dropped.cap;
	memset(&fl.dropped, 0, sizeof(fl.dropped));
	s->facts.index = i;
	s->facts.count = p->db->entries.n;
	flags_release(&fl);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	CXIndex index = clang_createIndex(0, 0);
	void *altstack = stackguard_thread_enter();
	for (;;) {
		pthread_mutex_lock(&p->lock);
		/* bounded: TUs taken from the cache decode faster than they are
		 * merged, and would otherwise all wait in memory at once */
		while (p->next < p->end && p->next - p->taken >= p->window)
			pthread_cond_wait(&p->room, &p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->end)
			break;
		struct slot *s = &p->slots[i - p->begin];
		extract_one(p, i, index, s);
		pthread_mutex_lock(&p->lock);
		s->ready = true;
		pthread_cond_broadcast(&p->done);
		pthread_mutex_unlock(&p->lock);
	}
	stackguard_thread_leave(altstack);
	clang_disposeIndex(index);
	return NULL;
}

static const char *tu_file(const struct model *m)
{
	for (size_t k = 0; k < m->files.n; k++)
		if (m->files.v[k].tu)
			return m->files.v[k].path;
	return "?";
}

void extract_take(struct extract_result *r, struct model *out, struct tu_facts *f)
{
	double t0 = clock_seconds();
	for (size_t k = 0; k < f->dropped.n; k++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "dropped '%s' from the compile command of '%s': it would load code into the analyser or write files",
			    f->dropped.v[k], tu_file(f->model));
		VEC_PUSH(r->warnings, strbuf_detach(&sb));
	}
	for (size_t k = 0; k < f->model->files.n; k++) {
		const struct model_file *mf = &f->model->files.v[k];
		if (mf->tu) {
			r->tus_failed += mf->failed;
			r->tus_with_errors += !mf->parsed && !mf->failed;
		}
	}
	r->tus++;
	r->unclassified_writes += f->unclassified_writes;
	model_merge(out, f->model);
	r->merge_seconds += clock_seconds() - t0;
}

static void hand_over(struct pool *p, size_t i, extract_consumer *consume, void *ctx, struct extract_result *r)
{
	struct slot *s = &p->slots[i - p->begin];
	r->parse_seconds += s->parse;
	r->walk_seconds += s->walk;
	r->cache_seconds += s->cache;
	r->cache_hits += s->cached;
	r->cache_rebuilt += s->rebuilt;
	if (s->note) {
		VEC_PUSH(r->warnings, s->note);
		s->note = NULL;
	}
	consume(ctx, i, &s->facts);
	tu_facts_release(&s->facts);
}

/* Returns how many threads started. A 256 MiB stack may be refused (strict
 * overcommit, ulimit -v): fall back to the default size, and with no thread
 * at all parse here, on the calling thread. */
static unsigned start_workers(struct pool *p, pthread_t *threads, unsigned jobs)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, STACKGUARD_THREAD_STACK); /* clang's parser recurses deeply */
	stackguard_prepare();
	unsigned started = 0;
	for (unsigned t = 0; t < jobs; t++)
		if (pthread_create(&threads[started], &attr, worker, p) == 0 ||
		    pthread_create(&threads[started], NULL, worker, p) == 0)
			started++;
	pthread_attr_destroy(&attr);
	if (started == 0) {
		p->window = SIZE_MAX; /* no consumer runs until this returns */
		worker(p);
	}
	return started;
}

void extract_each(const struct compdb *db, const struct extract_options *o, size_t begin, size_t end,
		  extract_consumer *consume, void *ctx, struct extract_result *r)
{
	double t0 = clock_seconds();
	struct pool p = { .db = db, .o = o, .begin = begin, .end = end, .next = begin, .taken = begin };
	p.filter.root = o->root;
	p.filter.excludes = o->excludes;
	p.filter.nexcludes = o->nexcludes;
	p.slots = xcalloc(end - begin + 1, sizeof(*p.slots));
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.done, NULL);
	pthread_cond_init(&p.room, NULL);
	unsigned jobs = o->jobs ? o->jobs : extract_default_jobs();
	if (jobs > end - begin)
		jobs = end > begin ? (unsigned)(end - begin) : 1;
	p.window = 4 * (size_t)jobs;
	pthread_t *threads = xcalloc(jobs, sizeof(*threads));
	unsigned started = start_workers(&p, threads, jobs);
	/* consume in database order as results arrive: deterministic, and each
	 * TU's facts are freed as soon as they are consumed */
	for (size_t i = begin; i < end; i++) {
		pthread_mutex_lock(&p.lock);
		while (!p.slots[i - begin].ready)
			pthread_cond_wait(&p.done, &p.lock);
		pthread_mutex_unlock(&p.lock);
		struct extract_tick t = { i + 1 - begin, end - begin, db->entries.v[i].file,
					  p.slots[i - begin].cached, clock_seconds() - t0 };
		hand_over(&p, i, consume, ctx, r);
		pthread_mutex_lock(&p.lock);
		p.taken = i + 1;
		pthread_cond_broadcast(&p.room);
		pthread_mutex_unlock(&p.lock);
		if (o->progress)
			o->progress(o->progress_ctx, &t);
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
	free(p.slots);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.done);
	pthread_cond_destroy(&p.room);
	r->seconds += clock_seconds() - t0;
}

struct merge_ctx {
	struct model *out;
	struct extract_result *r;
};

static void merge_consumer(void *ctx, size_t index, struct tu_facts *f)
{
	struct merge_ctx *mc = ctx;
	(void)index;
	extract_take(mc->r, mc->out, f);
}

void extract_run(const struct compdb *db, const struct extract_options *o, struct model *out,
		 struct extract_result *r)
{
	struct merge_ctx mc = { out, r };
	extract_each(db, o, 0, db->entries.n, merge_consumer, &mc, r);
	double t0 = clock_seconds();
	model_finalize(out, o->root);
	r->finalize_seconds = clock_seconds() - t0;
	r->seconds += r->finalize_seconds;
}
