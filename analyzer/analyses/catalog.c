/* catalog.c — effect catalogues: JSON packs mapping external functions to effects */
#include "analysis.h"
#include "builtin_packs.h"
#include "fsutil.h"
#include "jsonpos.h"
#include <cjson/cJSON.h>
#include <fnmatch.h>
#include <string.h>

static const char *const effect_names[] = {
#define X(id, name, cls, packable) name,
	EFFECT_LIST(X)
#undef X
};
static const unsigned char effect_classes[] = {
#define X(id, name, cls, packable) cls,
	EFFECT_LIST(X)
#undef X
};
static const bool effect_packables[] = {
#define X(id, name, cls, packable) packable,
	EFFECT_LIST(X)
#undef X
};
static const char *const class_names[] = {
#define X(id, name) name,
	CLASS_LIST(X)
#undef X
};

const char *effect_name(enum effect e) { return effect_names[e]; }
enum fn_class effect_class(enum effect e) { return (enum fn_class)effect_classes[e]; }
bool effect_packable(enum effect e) { return effect_packables[e]; }
const char *class_name(enum fn_class c) { return class_names[c]; }

int effect_from_name(const char *name)
{
	for (int e = 0; e < EFFECT_COUNT; e++)
		if (strcmp(effect_names[e], name) == 0)
			return e;
	return -1;
}

enum fn_class class_of_effects(effect_set s)
{
	enum fn_class worst = CLASS_PURE;
	for (int e = 0; e < EFFECT_COUNT; e++)
		if ((s & (1u << e)) && effect_class((enum effect)e) > worst)
			worst = effect_class((enum effect)e);
	return worst;
}

void catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof(*c));
	arena_init(&c->arena);
	hashmap_init(&c->names, false);
}

void catalog_release(struct catalog *c)
{
	hashmap_release(&c->names);
	VEC_FREE(c->effects);
	VEC_FREE(c->prefixes);
	VEC_FREE(c->init_patterns);
	VEC_FREE(c->event_waits);
	VEC_FREE(c->sleeps);
	VEC_FREE(c->packs);
	arena_release(&c->arena);
}

/* Line of the first occurrence of "needle" (a JSON string) after the key
 * "key", for error messages: cJSON keeps no positions. */
static unsigned line_of(const char *text, const char *key, const char *needle)
{
	struct strbuf k = STRBUF_INIT, n = STRBUF_INIT;
	strbuf_addf(&k, "\"%s\"", key);
	strbuf_addf(&n, "\"%s\"", needle);
	const char *at = strstr(text, k.buf);
	const char *hit = at ? strstr(at, n.buf) : NULL;
	if (!hit)
		hit = at;
	unsigned line = 1;
	for (const char *p = text; hit && p < hit; p++)
		line += *p == '\n';
	strbuf_release(&k);
	strbuf_release(&n);
	return hit ? line : 1;
}

static int parse_effects(const cJSON *arr, const char *pack, const char *text, const char *fn,
			 effect_set *out, struct strbuf *err)
{
	*out = 0;
	if (!cJSON_IsArray(arr)) {
		strbuf_addf(err, "'%s':%u: the effects of '%s' must be an array of effect names", pack,
			    line_of(text, fn, fn), fn);
		return -1;
	}
	const cJSON *e;
	cJSON_ArrayForEach(e, arr) {
		int id = cJSON_IsString(e) ? effect_from_name(e->valuestring) : -1;
		if (id < 0 || !effect_packable((enum effect)id)) {
			const char *bad = cJSON_IsString(e) ? e->valuestring : "(not a string)";
			strbuf_addf(err, "'%s':%u: unknown effect '%s' for '%s' (known:", pack,
				    line_of(text, fn, bad), bad, fn);
			for (int k = 0; k < EFFECT_COUNT; k++)
				if (effect_packable((enum effect)k))
					strbuf_addf(err, " %s", effect_name((enum effect)k));
			strbuf_addch(err, ')');
			return -1;
		}
		*out |= 1u << id;
	}
	return 0;
}

static void set_function(struct catalog *c, const char *name, effect_set s)
{
	uint32_t idx;
	if (hashmap_get(&c->names, name, &idx)) {
		c->effects.v[idx] = s;
		return;
	}
	idx = (uint32_t)c->effects.n;
	VEC_PUSH(c->effects, s);
	hashmap_put(&c->names, arena_strdup(&c->arena, name), idx);
}

static int load_strings(struct catalog *c, const cJSON *arr, const char *key, const char *pack,
			const char *text, struct strbuf *err)
{
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr)) {
		strbuf_addf(err, "'%s':%u: \"%s\" must be an array of strings", pack, line_of(text, key, key), key);
		return -1;
	}
	const cJSON *s;
	cJSON_ArrayForEach(s, arr) {
		if (!cJSON_IsString(s)) {
			strbuf_addf(err, "'%s':%u: \"%s\" must be an array of strings", pack,
				    line_of(text, key, key), key);
			return -1;
		}
		const char *copy = arena_strdup(&c->arena, s->valuestring);
		if (strcmp(key, "init_patterns") == 0)
			VEC_PUSH(c->init_patterns, copy);
		else if (strcmp(key, "event_waits") == 0)
			VEC_PUSH(c->event_waits, copy);
		else
			VEC_PUSH(c->sleeps, copy);
	}
	return 0;
}

static int load_pack(struct catalog *c, const cJSON *root, const char *pack, const char *text,
		     struct strbuf *err)
{
	const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
	if (!cJSON_IsObject(root) || !cJSON_IsNumber(schema) || schema->valuedouble != 1.0) {
		strbuf_addf(err, "'%s': not an effect pack (expected an object with \"schema\": 1)", pack);
		return -1;
	}
	const cJSON *fns = cJSON_GetObjectItemCaseSensitive(root, "functions");
	const cJSON *pre = cJSON_GetObjectItemCaseSensitive(root, "prefixes");
	if ((fns && !cJSON_IsObject(fns)) || (pre && !cJSON_IsObject(pre))) {
		strbuf_addf(err, "'%s': \"functions\" and \"prefixes\" must be objects", pack);
		return -1;
	}
	const cJSON *f;
	cJSON_ArrayForEach(f, fns) {
		effect_set s;
		if (parse_effects(f, pack, text, f->string, &s, err) != 0)
			return -1;
		set_function(c, f->string, s);
	}
	cJSON_ArrayForEach(f, pre) {
		effect_set s;
		if (parse_effects(f, pack, text, f->string, &s, err) != 0)
			return -1;
		struct catalog_prefix p = { arena_strdup(&c->arena, f->string), s };
		VEC_PUSH(c->prefixes, p);
	}
	if (load_strings(c, cJSON_GetObjectItemCaseSensitive(root, "init_patterns"), "init_patterns", pack,
			 text, err) != 0 ||
	    load_strings(c, cJSON_GetObjectItemCaseSensitive(root, "event_waits"), "event_waits", pack, text,
			 err) != 0 ||
	    load_strings(c, cJSON_GetObjectItemCaseSensitive(root, "sleeps"), "sleeps", pack, text, err) != 0)
		return -1;
	return 0;
}

int catalog_load_text(struct catalog *c, const char *name, const char *text, struct strbuf *err)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
	if (!root) {
		unsigned line, col;
		jsonpos_locate(text, end ? end : cJSON_GetErrorPtr(), &line, &col);
		strbuf_addf(err, "'%s':%u:%u: malformed JSON", name, line, col);
		return -1;
	}
	int rc = load_pack(c, root, name, text, err);
	cJSON_Delete(root);
	if (rc == 0)
		VEC_PUSH(c->packs, arena_strdup(&c->arena, name));
	return rc;
}

int catalog_load_file(struct catalog *c, const char *path, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	int rc = fs_read_file(path, &text, err);
	if (rc == 0)
		rc = catalog_load_text(c, path, strbuf_str(&text), err);
	strbuf_release(&text);
	return rc;
}

int catalog_load_builtin(struct catalog *c, struct strbuf *err)
{
	for (const struct builtin_pack *p = builtin_packs; p->name; p++) {
		struct strbuf name = STRBUF_INIT;
		strbuf_addf(&name, "rules/effects/%s", p->name);
		int rc = catalog_load_text(c, name.buf, p->text, err);
		strbuf_release(&name);
		if (rc != 0)
			return rc;
	}
	return 0;
}

bool catalog_lookup(const struct catalog *c, const char *name, effect_set *out)
{
	uint32_t idx;
	if (hashmap_get(&c->names, name, &idx)) {
		*out = c->effects.v[idx];
		return true;
	}
	size_t best = 0;
	bool found = false;
	for (size_t i = 0; i < c->prefixes.n; i++) {
		size_t n = strlen(c->prefixes.v[i].prefix);
		if (n >= best && strncmp(name, c->prefixes.v[i].prefix, n) == 0) {
			best = n;
			*out = c->prefixes.v[i].effects; /* later packs win ties */
			found = true;
		}
	}
	return found;
}

bool catalog_is_init(const struct catalog *c, const char *function_name)
{
	for (size_t i = 0; i < c->init_patterns.n; i++)
		if (fnmatch(c->init_patterns.v[i], function_name, 0) == 0)
			return true;
	return false;
}

static bool in_names(const char *const *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return true;
	return false;
}

bool catalog_is_event_wait(const struct catalog *c, const char *name)
{
	return in_names(c->event_waits.v, c->event_waits.n, name);
}

bool catalog_is_sleep(const struct catalog *c, const char *name)
{
	return in_names(c->sleeps.v, c->sleeps.n, name);
}
