/* facts.c — a translation unit's facts to and from a checksummed file image */
#include "facts.h"
#include "hash.h"
#include <string.h>

static const char facts_magic[8] = { 'S', 'E', 'A', 'M', 'F', 'A', 'C', 'T' };
enum { HEADER_SIZE = 8 + 4 + 4 + 8 + 8, BYTE_ORDER_MARK = 0x01020304u };
#define NO_STRING UINT32_MAX
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

static void put_u8(struct strbuf *o, uint8_t v) { strbuf_add(o, &v, 1); }
static void put_u16(struct strbuf *o, uint16_t v) { strbuf_add(o, &v, 2); }
static void put_u32(struct strbuf *o, uint32_t v) { strbuf_add(o, &v, 4); }
static void put_u64(struct strbuf *o, uint64_t v) { strbuf_add(o, &v, 8); }

static void put_str(struct strbuf *o, const char *s)
{
	if (!s) {
		put_u32(o, NO_STRING);
		return;
	}
	size_t n = strlen(s);
	put_u32(o, (uint32_t)n);
	strbuf_add(o, s, n);
}

static void put_files(struct strbuf *o, const struct model *m)
{
	put_u32(o, (uint32_t)m->files.n);
	for (size_t i = 0; i < m->files.n; i++) {
		const struct model_file *f = &m->files.v[i];
		put_str(o, f->path);
		put_u8(o, (uint8_t)(f->tu | f->parsed << 1 | f->failed << 2));
		put_u32(o, f->errors);
		put_u32(o, f->warnings);
		put_u32(o, f->nmessages);
		for (uint32_t k = 0; k < f->nmessages; k++)
			put_str(o, f->messages[k]);
	}
}

static void put_entities(struct strbuf *o, const struct model *m)
{
	put_u32(o, (uint32_t)m->functions.n);
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct model_function *f = &m->functions.v[i];
		put_str(o, f->key), put_str(o, f->usr), put_str(o, f->name);
		put_str(o, f->signature), put_str(o, f->type);
		put_u32(o, f->file), put_u32(o, f->line), put_u32(o, f->end_line), put_u32(o, f->statements);
		put_u8(o, f->linkage);
		put_u8(o, (uint8_t)(f->defined | f->address_taken << 1 | f->variadic << 2 | f->inline_ << 3));
	}
	put_u32(o, (uint32_t)m->globals.n);
	for (size_t i = 0; i < m->globals.n; i++) {
		const struct model_global *g = &m->globals.v[i];
		put_str(o, g->key), put_str(o, g->usr), put_str(o, g->name), put_str(o, g->type);
		put_u32(o, g->file), put_u32(o, g->line), put_u32(o, g->function);
		put_u8(o, g->kind);
		put_u8(o, (uint8_t)(g->is_const | g->defined << 1));
	}
	put_u32(o, (uint32_t)m->types.n);
	for (size_t i = 0; i < m->types.n; i++) {
		const struct model_type *t = &m->types.v[i];
		put_str(o, t->key), put_str(o, t->usr), put_str(o, t->name);
		put_u32(o, t->file), put_u32(o, t->line);
		put_u8(o, t->is_union);
	}
}

static void put_calls(struct strbuf *o, const struct model *m)
{
	put_u32(o, (uint32_t)m->calls.n);
	for (size_t i = 0; i < m->calls.n; i++) {
		const struct model_call *c = &m->calls.v[i];
		put_u32(o, c->caller);
		put_str(o, c->callee_key), put_str(o, c->callee_name);
		put_u32(o, c->file), put_u32(o, c->line), put_u32(o, c->col);
		put_u16(o, c->nest);
		put_u8(o, c->indirect), put_u8(o, c->via);
		put_str(o, c->via_name), put_str(o, c->via_struct), put_str(o, c->fptr_type);
	}
	put_u32(o, (uint32_t)m->external_calls.n);
	for (size_t i = 0; i < m->external_calls.n; i++) {
		const struct model_external_call *e = &m->external_calls.v[i];
		put_u32(o, e->caller), put_str(o, e->name);
		put_u32(o, e->file), put_u32(o, e->line), put_u32(o, e->col);
		put_u16(o, e->nest);
	}
}

static void put_relations(struct strbuf *o, const struct model *m)
{
	put_u32(o, (uint32_t)m->accesses.n);
	for (size_t i = 0; i < m->accesses.n; i++) {
		const struct model_access *a = &m->accesses.v[i];
		put_u32(o, a->function), put_u32(o, a->global), put_u8(o, a->kind);
		put_u32(o, a->file), put_u32(o, a->line), put_u32(o, a->col);
	}
	put_u32(o, (uint32_t)m->refs.n);
	for (size_t i = 0; i < m->refs.n; i++) {
		const struct model_ref *r = &m->refs.v[i];
		put_u32(o, r->function), put_u8(o, r->from_kind), put_u32(o, r->from);
		put_u32(o, r->file), put_u32(o, r->line), put_u32(o, r->col);
		put_str(o, r->call), put_str(o, r->field);
	}
	put_u32(o, (uint32_t)m->loops.n);
	for (size_t i = 0; i < m->loops.n; i++) {
		const struct model_loop *l = &m->loops.v[i];
		put_u32(o, l->function), put_u32(o, l->file), put_u32(o, l->line), put_u32(o, l->end_line);
		put_u16(o, l->nest);
		put_u8(o, (uint8_t)(l->infinite | l->exits << 1 | l->controlled << 2));
	}
	put_u32(o, (uint32_t)m->includes.n);
	for (size_t i = 0; i < m->includes.n; i++)
		put_u32(o, m->includes.v[i].from), put_u32(o, m->includes.v[i].to);
	put_u32(o, (uint32_t)m->type_uses.n);
	for (size_t i = 0; i < m->type_uses.n; i++)
		put_u32(o, m->type_uses.v[i].function), put_u32(o, m->type_uses.v[i].type);
}

static void put_meta(struct strbuf *o, const struct tu_facts *f)
{
	put_str(o, f->db_path), put_str(o, f->root);
	put_u64(o, f->db_hash), put_u64(o, f->index), put_u64(o, f->count);
	put_u32(o, (uint32_t)f->dropped.n);
	for (size_t i = 0; i < f->dropped.n; i++)
		put_str(o, f->dropped.v[i]);
	put_u32(o, f->unclassified_writes);
	put_u32(o, (uint32_t)f->deps.n);
	for (size_t i = 0; i < f->deps.n; i++)
		put_str(o, f->deps.v[i].path), put_u64(o, f->deps.v[i].size), put_u64(o, f->deps.v[i].hash);
}

void facts_encode(const struct tu_facts *f, struct strbuf *out)
{
	size_t start = out->len;
	strbuf_add(out, facts_magic, sizeof(facts_magic));
	put_u32(out, FACTS_VERSION);
	put_u32(out, BYTE_ORDER_MARK);
	put_u64(out, 0); /* length and checksum, filled in below */
	put_u64(out, 0);
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
	const char *p, *end;
	bool bad;
	struct model *m;
	struct strbuf scratch;
};

static void get(struct reader *r, void *dst, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, r->p, n);
	r->p += n;
}

static uint8_t get_u8(struct reader *r) { uint8_t v; get(r, &v, 1); return v; }
static uint16_t get_u16(struct reader *r) { uint16_t v; get(r, &v, 2); return v; }
static uint32_t get_u32(struct reader *r) { uint32_t v; get(r, &v, 4); return v; }
static uint64_t get_u64(struct reader *r) { uint64_t v; get(r, &v, 8); return v; }

/* The next string's bytes in the input (not NUL-terminated) and its length
 * in *n; NULL for a null string or a bad one. */
static const char *get_bytes(struct reader *r, uint32_t *n)
{
	*n = get_u32(r);
	if (*n == NO_STRING || r->bad)
		return NULL;
	if ((size_t)(r->end - r->p) < *n || memchr(r->p, '\0', *n)) {
		r->bad = true;
		return NULL;
	}
	const char *s = r->p;
	r->p += *n;
	return s;
}

/* The next string, NUL-terminated in r->scratch; NULL for a null string. */
static const char *get_raw(struct reader *r)
{
	uint32_t n;
	const char *s = get_bytes(r, &n);
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
	const char *s = get_bytes(r, &n);
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
	uint32_t n = get_u32(r);
	if ((size_t)(r->end - r->p) / min_size < n)
		r->bad = true;
	return r->bad ? 0 : n;
}

static void get_meta(struct reader *r, struct tu_facts *f)
{
	f->db_path = get_owned(r);
	f->root = get_owned(r);
	f->db_hash = get_u64(r), f->index = get_u64(r), f->count = get_u64(r);
	for (uint32_t i = 0, n = get_count(r, 4); i < n && !r->bad; i++) {
		char *s = get_owned(r);
		if (s)
			VEC_PUSH(f->dropped, s);
	}
	f->unclassified_writes = get_u32(r);
	for (uint32_t i = 0, n = get_count(r, 20); i < n && !r->bad; i++) {
		struct fact_dep d = { get_owned(r), 0, 0 };
		d.size = get_u64(r), d.hash = get_u64(r);
		if (!d.path)
			r->bad = true;
		VEC_PUSH(f->deps, d);
	}
}

static void get_files(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 17); i < n && !r->bad; i++) {
		const char *path = get_raw(r);
		if (!path || model_add_file(m, path) != i) {
			r->bad = true; /* no path, or the same path twice */
			return;
		}
		struct model_file *f = &m->files.v[i];
		uint8_t b = get_u8(r);
		f->tu = b & 1, f->parsed = b >> 1 & 1, f->failed = b >> 2 & 1;
		f->errors = get_u32(r), f->warnings = get_u32(r);
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
		r->bad = true;
}

static void get_functions(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 38); i < n && !r->bad; i++) {
		struct model_function f = { 0 };
		f.key = get_str(r), f.usr = get_str(r), f.name = get_str(r);
		f.signature = get_str(r), f.type = get_str(r);
		f.file = get_u32(r), f.line = get_u32(r), f.end_line = get_u32(r), f.statements = get_u32(r);
		f.linkage = get_u8(r);
		uint8_t b = get_u8(r);
		f.defined = b & 1, f.address_taken = b >> 1 & 1, f.variadic = b >> 2 & 1, f.inline_ = b >> 3 & 1;
		VEC_PUSH(m->functions, f);
		index_key(r, &m->function_index, f.key, m->functions.n - 1);
	}
}

static void get_globals_types(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 30); i < n && !r->bad; i++) {
		struct model_global g = { 0 };
		g.key = get_str(r), g.usr = get_str(r), g.name = get_str(r), g.type = get_str(r);
		g.file = get_u32(r), g.line = get_u32(r), g.function = get_u32(r);
		g.kind = get_u8(r);
		uint8_t b = get_u8(r);
		g.is_const = b & 1, g.defined = b >> 1 & 1;
		VEC_PUSH(m->globals, g);
		index_key(r, &m->global_index, g.key, m->globals.n - 1);
	}
	for (uint32_t i = 0, n = get_count(r, 21); i < n && !r->bad; i++) {
		struct model_type t = { 0 };
		t.key = get_str(r), t.usr = get_str(r), t.name = get_str(r);
		t.file = get_u32(r), t.line = get_u32(r);
		t.is_union = get_u8(r);
		VEC_PUSH(m->types, t);
		index_key(r, &m->type_index, t.key, m->types.n - 1);
	}
}

static void get_calls(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 40); i < n && !r->bad; i++) {
		struct model_call c = { 0 };
		c.caller = get_u32(r);
		c.callee_key = get_str(r), c.callee_name = get_str(r);
		c.file = get_u32(r), c.line = get_u32(r), c.col = get_u32(r);
		c.nest = get_u16(r);
		c.indirect = get_u8(r) != 0, c.via = get_u8(r);
		c.via_name = get_str(r), c.via_struct = get_str(r), c.fptr_type = get_str(r);
		c.callee = MODEL_NONE;
		VEC_PUSH(m->calls, c);
	}
	for (uint32_t i = 0, n = get_count(r, 22); i < n && !r->bad; i++) {
		struct model_external_call e = { 0 };
		e.caller = get_u32(r), e.name = get_str(r);
		e.file = get_u32(r), e.line = get_u32(r), e.col = get_u32(r);
		e.nest = get_u16(r);
		VEC_PUSH(m->external_calls, e);
	}
}

static void get_relations(struct reader *r)
{
	struct model *m = r->m;
	for (uint32_t i = 0, n = get_count(r, 21); i < n && !r->bad; i++) {
		struct model_access a = { 0 };
		a.function = get_u32(r), a.global = get_u32(r), a.kind = get_u8(r);
		a.file = get_u32(r), a.line = get_u32(r), a.col = get_u32(r);
		VEC_PUSH(m->accesses, a);
	}
	for (uint32_t i = 0, n = get_count(r, 29); i < n && !r->bad; i++) {
		struct model_ref x = { 0 };
		x.function = get_u32(r), x.from_kind = get_u8(r), x.from = get_u32(r);
		x.file = get_u32(r), x.line = get_u32(r), x.col = get_u32(r);
		x.call = get_str(r), x.field = get_str(r);
		VEC_PUSH(m->refs, x);
	}
	for (uint32_t i = 0, n = get_count(r, 19); i < n && !r->bad; i++) {
		struct model_loop l = { 0 };
		l.function = get_u32(r), l.file = get_u32(r), l.line = get_u32(r), l.end_line = get_u32(r);
		l.nest = get_u16(r);
		uint8_t b = get_u8(r);
		l.infinite = b & 1, l.exits = b >> 1 & 1, l.controlled = b >> 2 & 1;
		VEC_PUSH(m->loops, l);
	}
	for (uint32_t i = 0, n = get_count(r, 8); i < n && !r->bad; i++) {
		uint32_t from = get_u32(r), to = get_u32(r);
		model_add_include(m, from, to);
	}
	for (uint32_t i = 0, n = get_count(r, 8); i < n && !r->bad; i++) {
		uint32_t fn = get_u32(r), ty = get_u32(r);
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
	struct reader r = { data + HEADER_SIZE, data + len, false, NULL, STRBUF_INIT };
	f->model = r.m = xmalloc(sizeof(*f->model));
	model_init(f->model);
	get_meta(&r, f);
	get_files(&r);
	get_functions(&r);
	get_globals_types(&r);
	get_calls(&r);
	get_relations(&r);
	strbuf_release(&r.scratch);
	if (r.bad || r.p != r.end || !entities_valid(f->model) || !relations_valid(f->model)) {
		strbuf_addstr(err, "malformed contents");
		return -1;
	}
	return 0;
}
