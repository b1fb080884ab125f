/* facts.c — a translation unit's facts to and from a checksummed file image */
#include "facts.h"
#include "binimg.h"
#include "hash.h"
#include <string.h>

static const char facts_magic[8] = { 'S', 'E', 'A', 'M', 'F', 'A', 'C', 'T' };
enum { HEADER_SIZE = 8 + 4 + 4 + 8 + 8, BYTE_ORDER_MARK = 0x01020304u };
#define CHECKSUM_SEED 0x5ea3facull

void tu_facts_init(struct tu_facts *f)
{
	memset(f, 0, sizeof(*f));
}

void tu_facts_release(struct tu_facts *f)
{
	model_free(f->model);
	for (size_t i = 0; i < f->dropped.n; i++)
		free(f->dropped.v[i]);
	VEC_FREE(f->dropped);
	for (size_t i = 0; i < f->deps.n; i++)
		free(f->deps.v[i].path);
	VEC_FREE(f->deps);
	free(f->db_path);
	free(f->root);
	memset(f, 0, sizeof(*f));
}

/* ---- writing ------------------------------------------------------------ */

static void put_files(struct strbuf *o, const struct model *m)
{
	binimg_put_u32(o, (uint32_t)m->files.n);
	for (size_t i = 0; i < m->files.n; i++) {
		const struct model_file *f = &m->files.v[i];
		binimg_put_str(o, f->path);
		binimg_put_u8(o, (uint8_t)(f->tu | f->parsed << 1 | f->failed << 2));
		binimg_put_u32(o, f->errors);
		binimg_put_u32(o, f->warnings);
		binimg_put_u32(o, f->nmessages);
		for (uint32_t k = 0; k < f->nmessages; k++)
			binimg_put_str(o, f->messages[k]);
	}
}

static void put_entities(struct strbuf *o, const struct model *m)
{
	binimg_put_u32(o, (uint32_t)m->functions.n);
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct model_function *f = &m->functions.v[i];
		binimg_put_str(o, f->key), binimg_put_str(o, f->usr), binimg_put_str(o, f->name);
		binimg_put_str(o, f->signature), binimg_put_str(o, f->type);
		binimg_put_u32(o, f->file), binimg_put_u32(o, f->line), binimg_put_u32(o, f->end_line), binimg_put_u32(o, f->statements);
		binimg_put_u8(o, f->linkage);
		binimg_put_u8(o, (uint8_t)(f->defined | f->address_taken << 1 | f->variadic << 2 | f->inline_ << 3));
	}
	binimg_put_u32(o, (uint32_t)m->globals.n);
	for (size_t i = 0; i < m->globals.n; i++) {
		const struct model_global *g = &m->globals.v[i];
		binimg_put_str(o, g->key), binimg_put_str(o, g->usr), binimg_put_str(o, g->name), binimg_put_str(o, g->type);
		binimg_put_u32(o, g->file), binimg_put_u32(o, g->line), binimg_put_u32(o, g->function);
		binimg_put_u8(o, g->kind);
		binimg_put_u8(o, (uint8_t)(g->is_const | g->defined << 1));
	}
	binimg_put_u32(o, (uint32_t)m->types.n);
	for (size_t i = 0; i < m->types.n; i++) {
		const struct model_type *t = &m->types.v[i];
		binimg_put_str(o, t->key), binimg_put_str(o, t->usr), binimg_put_str(o, t->name);
		binimg_put_u32(o, t->file), binimg_put_u32(o, t->line);
		binimg_put_u8(o, t->is_union);
	}
}

static void put_calls(struct strbuf *o, const struct model *m)
{
	binimg_put_u32(o, (uint32_t)m->calls.n);
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		binimg_put_u32(o, c->caller);
		binimg_put_str(o, c->callee_key), binimg_put_str(o, c->callee_name);
		binimg_put_u32(o, c->file), binimg_put_u32(o, c->line), binimg_put_u32(o, c->col);
		binimg_put_u16(o, c->nest);
		binimg_put_u8(o, c->indirect), binimg_put_u8(o, c->via);
		binimg_put_str(o, c->via_name), binimg_put_str(o, c->via_struct), binimg_put_str(o, c->fptr_type);
	}
	binimg_put_u32(o, (uint32_t)m->external_calls.n);
	for (size_t i = 0; i < m->external_calls.n; i++) {
		const struct model_external_call *e = &m->external_calls.v[i];
		binimg_put_u32(o, e->caller), binimg_put_str(o, e->name);
		binimg_put_u32(o, e->file), binimg_put_u32(o, e->line), binimg_put_u32(o, e->col);
		binimg_put_u16(o, e->nest);
	}
}

static void put_relations(struct strbuf *o, const struct model *m)
{
	binimg_put_u32(o, (uint32_t)m->accesses.n);
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *a = &m->accesses.v[i];
		binimg_put_u32(o, a->function), binimg_put_u32(o, a->global), binimg_put_u8(o, a->kind);
		binimg_put_u32(o, a->file), binimg_put_u32(o, a->line), binimg_put_u32(o, a->col);
	}
	binimg_put_u32(o, (uint32_t)m->refs.n);
	for (size_t i = 0; i < m->refs.n; i++) {
		const struct model_ref *r = &m->refs.v[i];
		binimg_put_u32(o, r->function), binimg_put_u8(o, r->from_kind), binimg_put_u32(o, r->from);
		binimg_put_u32(o, r->file), binimg_put_u32(o, r->line), binimg_put_u32(o, r->col);
		binimg_put_str(o, r->call), binimg_put_str(o, r->field);
	}
	binimg_put_u32(o, (uint32_t)m->loops.n);
	for (size_t i = 0; i < m->loops.n; i++) {
		const struct model_loop *l = &m->loops.v[i];
		binimg_put_u32(o, l->function), binimg_put_u32(o, l->file), binimg_put_u32(o, l->line), binimg_put_u32(o, l->end_line);
		binimg_put_u16(o, l->nest);
		binimg_put_u8(o, (uint8_t)(l->infinite | l->exits << 1 | l->controlled << 2));
	}
	binimg_put_u32(o, (uint32_t)m->includes.n);
	for (size_t i = 0; i < m->includes.n; i++)
		binimg_put_u32(o, m->includes.v[i].from), binimg_put_u32(o, m->includes.v[i].to);
	binimg_put_u32(o, (uint32_t)m->type_uses.n);
	for (size_t i = 0; i < m->type_uses.n; i++)
		binimg_put_u32(o, m->type_uses.v[i].function), binimg_put_u32(o, m->type_uses.v[i].type);
}

static void put_meta(struct strbuf *o, const struct tu_facts *f)
{
	binimg_put_str(o, f->db_path), binimg_put_str(o, f->root);
	binimg_put_u64(o, f->db_hash), binimg_put_u64(o, f->index), binimg_put_u64(o, f->count);
	binimg_put_u32(o, (uint32_t)f->dropped.n);
	for (size_t i = 0; i < f->dropped.n; i++)
		binimg_put_str(o, f->dropped.v[i]);
	binimg_put_u32(o, f->unclassified_writes);
	binimg_put_u32(o, (uint32_t)f->deps.n);
	for (size_t i = 0; i < f->deps.n; i++)
		binimg_put_str(o, f->deps.v[i].path), binimg_put_u64(o, f->deps.v[i].size), binimg_put_u64(o, f->deps.v[i].hash);
}

void facts_encode(const struct tu_facts *f, struct strbuf *out)
{
	size_t start = out->len;
	strbuf_add(out, facts_magic, sizeof(facts_magic));
	binimg_put_u32(out, FACTS_VERSION);
	binimg_put_u32(out, BYTE_ORDER_MARK);
	binimg_put_u64(out, 0); /* length and checksum, filled in below */
	binimg_put_u64(out, 0);
	size_t body = out->len;
	put_meta(out, f);
	put_files(out, f->model);
	put_entities(out, f->model);
	put_calls(out, f->model);
	put_relations(out, f->model);
	uint64_t len = out->len - body;
	uint64_t sum = hash_bytes(out->buf + body, len, CHECKSUM_SEED);
	memcpy(out->buf + start + 16, &len, 8);
	memcpy(out->buf + start + 24, &sum, 8);
}

/* ---- reading ------------------------------------------------------------ */

struct reader {
	struct binimg_reader in;
	struct model *m;
	struct strbuf scratch;
};

/* The next string, NUL-terminated in r->scratch; NULL for a null string. */
static const char *get_raw(struct reader *r)
{
	uint32_t n;
	const char *s = binimg_get_str(&r->in, &n);
	if (!s)
		return NULL;
	strbuf_reset(&r->scratch);
	strbuf_add(&r->scratch, s, n);
	return strbuf_str(&r->scratch);
}

/* The next string, copied into the model's arena. Not interned: a decoded
 * TU is only merged (model_merge interns what it keeps), and hashing every
 * string of every cached TU was the largest cost of reading the cache. */
static const char *get_str(struct reader *r)
{
	uint32_t n;
	const char *s = binimg_get_str(&r->in, &n);
	return s ? arena_strndup(&r->m->arena, s, n) : NULL;
}

static char *get_owned(struct reader *r)
{
	const char *s = get_raw(r);
	return s ? xstrdup(s) : NULL;
}

/* A count of records, each at least min_size bytes: a corrupt count cannot
 * make the reader allocate more than the file could hold. */
static uint32_t get_count(struct reader *r, size_t min_size)
{
	uint32_t n = binimg_get_u32(&r->in);
	if (binimg_left(&r->in) / min_size < n)
		r->in.bad = true;
	return r->in.bad ? 0 : n;
}

static void get_meta(struct reader *r, struct tu_facts *f)
{
	f->db_path = get_owned(r);
	f->root = get_owned(r);
	f->db_hash = binimg_get_u64(&r->in), f->index = binimg_get_u64(&r->in), f->count = binimg_get_u64(&r->in);
	for (uint32_t i = 0, n = get_count(r, 4); i < n && !r->in.bad; i++) {
		char *s = get_owned(r);
		if (s)
			VEC_PUSH(f->dropped, s);
	}
	f->unclassified_writes = binimg_get_u32(&r->in);
	for (uint32_t i = 0, n = get_count(r, 20); i < n && !r->in.bad; i++) {
		struct fact_dep d = { get_owned(r), 0, 0 };
		d.size = binimg_get_u64(&r->in), d.hash = binimg_get_u64(&r->in);
		if (!d.path)
			r->in.bad = true;
		VEC_PUSH(f->deps, d);
	}
}

static void get_files(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 17); i < n && !r->in.bad; i++) {
		const char *path = get_raw(r);
		if (!path || model_add_file(m, path) != i) {
			r->in.bad = true; /* no path, or the same path twice */
			return;
		}
		struct model_file *f = &m->files.v[i];
		uint8_t b = binimg_get_u8(&r->in);
		f->tu = b & 1, f->parsed = b >> 1 & 1, f->failed = b >> 2 & 1;
		f->errors = binimg_get_u32(&r->in), f->warnings = binimg_get_u32(&r->in);
		f->nmessages = get_count(r, 4);
		f->messages = arena_alloc(&m->arena, sizeof(char *) * (f->nmessages + 1));
		for (uint32_t k = 0; k < f->nmessages; k++)
			f->messages[k] = get_str(r);
	}
}

/* Adds an entity's key to its index; a key seen twice means a corrupt file. */
static void index_key(struct reader *r, struct hashmap *index, const char *key, size_t idx)
{
	if (!key || !hashmap_put_new(index, key, (uint32_t)idx))
		r->in.bad = true;
}

static void get_functions(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 38); i < n && !r->in.bad; i++) {
		struct model_function f = { 0 };
		f.key = get_str(r), f.usr = get_str(r), f.name = get_str(r);
		f.signature = get_str(r), f.type = get_str(r);
		f.file = binimg_get_u32(&r->in), f.line = binimg_get_u32(&r->in), f.end_line = binimg_get_u32(&r->in), f.statements = binimg_get_u32(&r->in);
		f.linkage = binimg_get_u8(&r->in);
		uint8_t b = binimg_get_u8(&r->in);
		f.defined = b & 1, f.address_taken = b >> 1 & 1, f.variadic = b >> 2 & 1, f.inline_ = b >> 3 & 1;
		VEC_PUSH(m->functions, f);
		index_key(r, &m->function_index, f.key, m->functions.n - 1);
	}
}

static void get_globals_types(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 30); i < n && !r->in.bad; i++) {
		struct model_global g = { 0 };
		g.key = get_str(r), g.usr = get_str(r), g.name = get_str(r), g.type = get_str(r);
		g.file = binimg_get_u32(&r->in), g.line = binimg_get_u32(&r->in), g.function = binimg_get_u32(&r->in);
		g.kind = binimg_get_u8(&r->in);
		uint8_t b = binimg_get_u8(&r->in);
		g.is_const = b & 1, g.defined = b >> 1 & 1;
		VEC_PUSH(m->globals, g);
		index_key(r, &m->global_index, g.key, m->globals.n - 1);
	}
	for (uint32_t i = 0, n = get_count(r, 21); i < n && !r->in.bad; i++) {
		struct model_type t = { 0 };
		t.key = get_str(r), t.usr = get_str(r), t.name = get_str(r);
		t.file = binimg_get_u32(&r->in), t.line = binimg_get_u32(&r->in);
		t.is_union = binimg_get_u8(&r->in);
		VEC_PUSH(m->types, t);
		index_key(r, &m->type_index, t.key, m->types.n - 1);
	}
}

static void get_calls(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 40); i < n && !r->in.bad; i++) {
		struct model_call c = { 0 };
		c.caller = binimg_get_u32(&r->in);
		c.callee_key = get_str(r), c.callee_name = get_str(r);
		c.file = binimg_get_u32(&r->in), c.line = binimg_get_u32(&r->in), c.col = binimg_get_u32(&r->in);
		c.nest = binimg_get_u16(&r->in);
		c.indirect = binimg_get_u8(&r->in) != 0, c.via = binimg_get_u8(&r->in);
		c.via_name = get_str(r), c.via_struct = get_str(r), c.fptr_type = get_str(r);
		c.callee = MODEL_NONE;
		VEC_PUSH(m->calls, c);
	}
	for (uint32_t i = 0, n = get_count(r, 22); i < n && !r->in.bad; i++) {
		struct model_external_call e = { 0 };
		e.caller = binimg_get_u32(&r->in), e.name = get_str(r);
		e.file = binimg_get_u32(&r->in), e.line = binimg_get_u32(&r->in), e.col = binimg_get_u32(&r->in);
		e.nest = binimg_get_u16(&r->in);
		VEC_PUSH(m->external_calls, e);
	}
}

static void get_relations(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 21); i < n && !r->in.bad; i++) {
		struct model_access a = { 0 };
		a.function = binimg_get_u32(&r->in), a.global = binimg_get_u32(&r->in), a.kind = binimg_get_u8(&r->in);
		a.file = binimg_get_u32(&r->in), a.line = binimg_get_u32(&r->in), a.col = binimg_get_u32(&r->in);
		VEC_PUSH(m->accesses, a);
	}
	for (uint32_t i = 0, n = get_count(r, 29); i < n && !r->in.bad; i++) {
		struct model_ref x = { 0 };
		x.function = binimg_get_u32(&r->in), x.from_kind = binimg_get_u8(&r->in), x.from = binimg_get_u32(&r->in);
		x.file = binimg_get_u32(&r->in), x.line = binimg_get_u32(&r->in), x.col = binimg_get_u32(&r->in);
		x.call = get_str(r), x.field = get_str(r);
		VEC_PUSH(m->refs, x);
	}
	for (uint32_t i = 0, n = get_count(r, 19); i < n && !r->in.bad; i++) {
		struct model_loop l = { 0 };
		l.function = binimg_get_u32(&r->in), l.file = binimg_get_u32(&r->in), l.line = binimg_get_u32(&r->in), l.end_line = binimg_get_u32(&r->in);
		l.nest = binimg_get_u16(&r->in);
		uint8_t b = binimg_get_u8(&r->in);
		l.infinite = b & 1, l.exits = b >> 1 & 1, l.controlled = b >> 2 & 1;
		VEC_PUSH(m->loops, l);
	}
	for (uint32_t i = 0, n = get_count(r, 8); i < n && !r->in.bad; i++) {
		uint32_t from = binimg_get_u32(&r->in), to = binimg_get_u32(&r->in);
		model_add_include(m, from, to);
	}
	for (uint32_t i = 0, n = get_count(r, 8); i < n && !r->in.bad; i++) {
		uint32_t fn = binimg_get_u32(&r->in), ty = binimg_get_u32(&r->in);
		model_add_type_use(m, fn, ty);
	}
}

/* ---- validation: every index in range, every enum known ------------------ */

static bool in(uint32_t i, size_t n)
{
	return i == MODEL_NONE || i < n;
}

static bool entities_valid(const struct model *m)
{
	size_t nf = m->files.n, nfn = m->functions.n;
	for (size_t i = 0; i < nfn; i++)
		if (!in(m->functions.v[i].file, nf) || m->functions.v[i].linkage > LINKAGE_INLINE)
			return false;
	for (size_t i = 0; i < m->globals.n; i++) {
		const struct model_global *g = &m->globals.v[i];
		if (!in(g->file, nf) || !in(g->function, nfn) || g->kind > GLOBAL_THREAD_LOCAL)
			return false;
	}
	for (size_t i = 0; i < m->types.n; i++)
		if (!in(m->types.v[i].file, nf))
			return false;
	return true;
}

static bool relations_valid(const struct model *m)
{
	size_t nf = m->files.n, nfn = m->functions.n, ng = m->globals.n;
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		if (!in(c->caller, nfn) || !in(c->file, nf) || c->via > VIA_EXPRESSION)
			return false;
	}
	for (size_t i = 0; i < m->external_calls.n; i++)
		if (!in(m->external_calls.v[i].caller, nfn) || !in(m->external_calls.v[i].file, nf))
			return false;
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *a = &m->accesses.v[i];
		if (!in(a->function, nfn) || !in(a->global, ng) || !in(a->file, nf) || a->kind > ACCESS_ADDRESS)
			return false;
	}
	for (size_t i = 0; i < m->refs.n; i++) {
		const struct model_ref *x = &m->refs.v[i];
		if (!in(x->function, nfn) || !in(x->file, nf) || x->from_kind > REF_GLOBAL ||
		    !in(x->from, x->from_kind == REF_FUNCTION ? nfn : ng))
			return false;
	}
	for (size_t i = 0; i < m->loops.n; i++)
		if (!in(m->loops.v[i].function, nfn) || !in(m->loops.v[i].file, nf))
			return false;
	for (size_t i = 0; i < m->includes.n; i++)
		if (!in(m->includes.v[i].from, nf) || !in(m->includes.v[i].to, nf))
			return false;
	for (size_t i = 0; i < m->type_uses.n; i++)
		if (!in(m->type_uses.v[i].function, nfn) || !in(m->type_uses.v[i].type, m->types.n))
			return false;
	return true;
}

static int check_header(const char *data, size_t len, struct strbuf *err)
{
	uint32_t version, bom;
	uint64_t plen, sum;
	if (len < HEADER_SIZE || memcmp(data, facts_magic, sizeof(facts_magic)) != 0) {
		strbuf_addstr(err, len < HEADER_SIZE ? "truncated header" : "not a seam facts file");
		return -1;
	}
	memcpy(&version, data + 8, 4), memcpy(&bom, data + 12, 4);
	memcpy(&plen, data + 16, 8), memcpy(&sum, data + 24, 8);
	if (bom != BYTE_ORDER_MARK || version != FACTS_VERSION) {
		strbuf_addf(err, "written by another seam (format %u%s, expected %u)", version,
			    bom != BYTE_ORDER_MARK ? ", other byte order" : "", FACTS_VERSION);
		return -1;
	}
	if (plen != len - HEADER_SIZE) {
		strbuf_addf(err, "truncated (%zu of %llu bytes)", len - HEADER_SIZE, (unsigned long long)plen);
		return -1;
	}
	if (hash_bytes(data + HEADER_SIZE, plen, CHECKSUM_SEED) != sum) {
		strbuf_addstr(err, "checksum mismatch");
		return -1;
	}
	return 0;
}

int facts_decode(const char *data, size_t len, struct tu_facts *f, struct strbuf *err)
{
	if (check_header(data, len, err) != 0)
		return -1;
	struct reader r = { { data + HEADER_SIZE, data + len, false }, NULL, STRBUF_INIT };
	f->model = r.m = xmalloc(sizeof(*f->model));
	model_init(f->model);
	get_meta(&r, f);
	get_files(&r);
	get_functions(&r);
	get_globals_types(&r);
	get_calls(&r);
	get_relations(&r);
	strbuf_release(&r.scratch);
	if (r.in.bad || binimg_left(&r.in) != 0 || !entities_valid(f->model) || !relations_valid(f->model)) {
		strbuf_addstr(err, "malformed contents");
		return -1;
	}
	return 0;
}
