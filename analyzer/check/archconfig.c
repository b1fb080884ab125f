/* archconfig.c — reading and validating seam.json */
#include "archconfig.h"
#include "fsutil.h"
#include "hashmap.h"
#include "jsonpos.h"
#include <cjson/cJSON.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *summary, *fix;
	enum severity severity;
} rules[RULE_COUNT] = {
#define X(id, name, sev, summary, fix) [RULE_##id] = { name, summary, fix, sev },
	RULE_LIST(X)
#undef X
};

const char *rule_name(enum rule_id r) { return rules[r].name; }
const char *rule_summary(enum rule_id r) { return rules[r].summary; }
const char *rule_fix(enum rule_id r) { return rules[r].fix; }
enum severity rule_default_severity(enum rule_id r) { return rules[r].severity; }

int rule_from_name(const char *name)
{
	for (int r = 0; r < RULE_COUNT; r++)
		if (strcmp(rules[r].name, name) == 0)
			return r;
	return -1;
}

const char *severity_name(enum severity s)
{
	return s == SEVERITY_ERROR ? "error" : s == SEVERITY_WARNING ? "warning" : "off";
}

void arch_config_init(struct arch_config *c)
{
	memset(c, 0, sizeof(*c));
	for (int r = 0; r < RULE_COUNT; r++)
		c->severity[r] = rules[r].severity;
	c->allow_config_reads = true;
	c->max_icp = -1;
	c->max_fan_out = -1;
}

void arch_config_release(struct arch_config *c)
{
	for (size_t i = 0; i < c->services.n; i++) {
		VEC_FREE(c->services.v[i].files);
		VEC_FREE(c->services.v[i].api);
	}
	VEC_FREE(c->services);
	VEC_FREE(c->serverless);
	VEC_FREE(c->pins);
	VEC_FREE(c->exclude);
	VEC_FREE(c->state_free);
	cJSON_Delete(c->json);
	free(c->path);
	free(c->root_abs);
	memset(c, 0, sizeof(*c));
}

/* ---- positions: every cJSON item -> line:column of its value ------------- */

struct loader {
	struct arch_config *c;
	const char *text;
	jsonpos_offsets offsets;
	struct hashmap index;                  /* cJSON item -> its pre-order index */
	uint32_t next;
	struct strbuf *err;
};

static void index_items(struct loader *l, const cJSON *item)
{
	for (; item; item = item->next) {
		hashmap_put(&l->index, item, l->next++);
		index_items(l, item->child); /* depth is bounded by cJSON's nesting limit */
	}
}

static struct arch_pos pos_of(const struct loader *l, const cJSON *item)
{
	uint32_t i;
	struct arch_pos p = { 1, 1 };
	if (item && hashmap_get(&l->index, item, &i) && i < l->offsets.n)
		jsonpos_line_col(l->text, l->offsets.v[i], &p.line, &p.col);
	return p;
}

/* Where the key of an object member starts: back from its value over
 * blanks, the ':' and the quoted key. */
static struct arch_pos key_pos(const struct loader *l, const cJSON *item)
{
	uint32_t i;
	struct arch_pos p = { 1, 1 };
	if (!item || !item->string || !hashmap_get(&l->index, item, &i) || i >= l->offsets.n)
		return pos_of(l, item);
	size_t o = l->offsets.v[i];
	while (o > 0 && l->text[o - 1] != ':')
		o--;
	while (o > 0 && l->text[o - 1] != '"')
		o--;
	if (o > 0)
		o--; /* the key's closing quote */
	while (o > 0 && !(l->text[o - 1] == '"' && (o < 2 || l->text[o - 2] != '\\')))
		o--;
	jsonpos_line_col(l->text, o > 0 ? o - 1 : 0, &p.line, &p.col);
	return p;
}

static int fail_at(struct loader *l, struct arch_pos p, const char *where, const char *what)
{
	strbuf_addf(l->err, "%s:%u:%u: %s: %s", l->c->path, p.line, p.col, where, what);
	return -1;
}

static int fail(struct loader *l, const cJSON *at, const char *where, const char *what)
{
	struct arch_pos p = pos_of(l, at);
	strbuf_addf(l->err, "%s:%u:%u: %s: %s", l->c->path, p.line, p.col, where, what);
	return -1;
}

/* ---- typed readers --------------------------------------------------------- */

static int read_strings(struct loader *l, const cJSON *v, const char *where, arch_strings *out)
{
	if (!cJSON_IsArray(v))
		return fail(l, v, where, "expected an array of strings");
	const cJSON *s;
	cJSON_ArrayForEach(s, v) {
		if (!cJSON_IsString(s) || !s->valuestring[0])
			return fail(l, s, where, "expected a non-empty string");
		VEC_PUSH(*out, s->valuestring);
	}
	return 0;
}

/* A key given twice: JSON readers disagree on which one counts (cJSON the
 * first, most others the last), so a second "rules" could switch rules off
 * for one tool and not for another. */
static int no_duplicates(struct loader *l, const cJSON *obj, const char *where)
{
	for (const cJSON *k = obj->child; k; k = k->next)
		for (const cJSON *e = obj->child; e != k; e = e->next)
			if (strcmp(e->string, k->string) == 0) {
				struct strbuf what = STRBUF_INIT;
				strbuf_addf(&what, "key '%s' given twice", k->string);
				fail_at(l, key_pos(l, k), where, strbuf_str(&what));
				strbuf_release(&what);
				return -1;
			}
	return 0;
}

static int check_keys(struct loader *l, const cJSON *obj, const char *where, const char *const *known)
{
	if (!cJSON_IsObject(obj))
		return fail(l, obj, where, "expected an object");
	if (no_duplicates(l, obj, where) != 0)
		return -1;
	const cJSON *k;
	cJSON_ArrayForEach(k, obj) {
		bool ok = false;
		for (const char *const *n = known; *n && !ok; n++)
			ok = strcmp(*n, k->string) == 0;
		if (!ok) {
			struct strbuf what = STRBUF_INIT;
			strbuf_addf(&what, "unknown key '%s' (known:", k->string);
			for (const char *const *n = known; *n; n++)
				strbuf_addf(&what, " %s", *n);
			strbuf_addch(&what, ')');
			fail_at(l, key_pos(l, k), where, strbuf_str(&what));
			strbuf_release(&what);
			return -1;
		}
	}
	return 0;
}

static int read_service(struct loader *l, const cJSON *v, size_t i)
{
	static const char *const keys[] = { "name", "files", "api", "description", NULL };
	char where[48];
	snprintf(where, sizeof(where), "services[%zu]", i);
	if (check_keys(l, v, where, keys) != 0)
		return -1;
	struct arch_service s = { .pos = pos_of(l, v) };
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(v, "name");
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(v, "files");
	const cJSON *api = cJSON_GetObjectItemCaseSensitive(v, "api");
	const cJSON *desc = cJSON_GetObjectItemCaseSensitive(v, "description");
	if (!cJSON_IsString(name) || !name->valuestring[0])
		return fail(l, name ? name : v, where, "expected \"name\": a non-empty string");
	for (size_t k = 0; k < l->c->services.n; k++)
		if (strcmp(l->c->services.v[k].name, name->valuestring) == 0)
			return fail(l, name, where, "a service of this name is already declared");
	if (desc && !cJSON_IsString(desc))
		return fail(l, desc, where, "expected \"description\": a string");
	s.name = name->valuestring;
	s.has_api = api != NULL;
	if (!files)
		return fail(l, v, where, "expected \"files\": an array of globs over report paths");
	int rc = read_strings(l, files, where, &s.files);
	if (rc == 0 && api)
		rc = read_strings(l, api, where, &s.api);
	VEC_PUSH(l->c->services, s);
	return rc;
}

static int read_services(struct loader *l, const cJSON *v)
{
	if (!cJSON_IsArray(v))
		return fail(l, v, "services", "expected an array of {\"name\", \"files\", \"api\"} objects");
	size_t i = 0;
	const cJSON *s;
	cJSON_ArrayForEach(s, v)
		if (read_service(l, s, i++) != 0)
			return -1;
	return 0;
}

static int read_pins(struct loader *l, const cJSON *v)
{
	static const char *const keys[] = { "files", "service", NULL };
	if (!cJSON_IsArray(v))
		return fail(l, v, "pins", "expected an array of {\"files\": GLOB, \"service\": NAME} objects");
	const cJSON *p;
	cJSON_ArrayForEach(p, v) {
		if (check_keys(l, p, "pins", keys) != 0)
			return -1;
		const cJSON *g = cJSON_GetObjectItemCaseSensitive(p, "files");
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(p, "service");
		if (!cJSON_IsString(g) || !g->valuestring[0] || !cJSON_IsString(s) || !s->valuestring[0])
			return fail(l, p, "pins", "expected \"files\": GLOB and \"service\": NAME, both non-empty strings");
		struct arch_pin pin = { g->valuestring, s->valuestring };
		VEC_PUSH(l->c->pins, pin);
	}
	return 0;
}

static int read_severity(struct loader *l, const cJSON *v, const char *where, enum severity *out)
{
	const char *s = cJSON_IsString(v) ? v->valuestring : "";
	if (strcmp(s, "error") == 0)
		*out = SEVERITY_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = SEVERITY_WARNING;
	else if (strcmp(s, "off") == 0)
		*out = SEVERITY_OFF;
	else
		return fail(l, v, where, "expected a severity: \"error\", \"warning\" or \"off\"");
	return 0;
}

static int read_limit(struct loader *l, const cJSON *v, const char *what, double max, double *out,
		      struct arch_pos *pos)
{
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > max || isnan(v->valuedouble)) {
		char msg[96];
		snprintf(msg, sizeof(msg), "expected a number from 0 to %g", max);
		return fail(l, v, what, msg);
	}
	*out = v->valuedouble;
	*pos = pos_of(l, v);
	return 0;
}

/* The options a rule takes besides "severity". */
static int read_rule_option(struct loader *l, enum rule_id r, const cJSON *o)
{
	struct arch_config *c = l->c;
	char where[64];
	snprintf(where, sizeof(where), "rules.%s.%s", rule_name(r), o->string);
	if (r == RULE_NEW_MUTABLE_GLOBAL && strcmp(o->string, "files") == 0)
		return read_strings(l, o, where, &c->state_free);
	if (r == RULE_CROSS_SERVICE_STATE && strcmp(o->string, "allow_config_reads") == 0) {
		if (!cJSON_IsBool(o))
			return fail(l, o, where, "expected true or false");
		c->allow_config_reads = cJSON_IsTrue(o);
		return 0;
	}
	if (r == RULE_COUPLING_THRESHOLD && strcmp(o->string, "max_icp") == 0)
		return read_limit(l, o, where, 1, &c->max_icp, &c->max_icp_pos);
	if (r == RULE_COUPLING_THRESHOLD && strcmp(o->string, "max_fan_out") == 0) {
		double d;
		if (read_limit(l, o, where, 1e6, &d, &c->max_fan_out_pos) != 0)
			return -1;
		if (d != (int)d)
			return fail(l, o, where, "expected a whole number");
		c->max_fan_out = (int)d;
		return 0;
	}
	const char *known = r == RULE_NEW_MUTABLE_GLOBAL ? "severity, files"
			  : r == RULE_CROSS_SERVICE_STATE ? "severity, allow_config_reads"
			  : r == RULE_COUPLING_THRESHOLD ? "severity, max_icp, max_fan_out" : "severity";
	char msg[128];
	snprintf(msg, sizeof(msg), "unknown option (this rule takes: %s)", known);
	return fail_at(l, key_pos(l, o), where, msg);
}

static int read_rule(struct loader *l, const cJSON *v)
{
	int r = rule_from_name(v->string);
	if (r < 0) {
		struct strbuf what = STRBUF_INIT;
		strbuf_addf(&what, "unknown rule '%s' (known:", v->string);
		for (int k = 0; k < RULE_COUNT; k++)
			strbuf_addf(&what, " %s", rule_name(k));
		strbuf_addch(&what, ')');
		fail_at(l, key_pos(l, v), "rules", strbuf_str(&what));
		strbuf_release(&what);
		return -1;
	}
	char where[64];
	snprintf(where, sizeof(where), "rules.%s", v->string);
	l->c->rule_pos[r] = pos_of(l, v);
	if (cJSON_IsString(v))
		return read_severity(l, v, where, &l->c->severity[r]);
	if (!cJSON_IsObject(v))
		return fail(l, v, where, "expected a severity string or an object with \"severity\"");
	if (no_duplicates(l, v, where) != 0)
		return -1;
	const cJSON *o;
	cJSON_ArrayForEach(o, v) {
		int rc = strcmp(o->string, "severity") == 0 ? read_severity(l, o, where, &l->c->severity[r])
							     : read_rule_option(l, (enum rule_id)r, o);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int read_rules(struct loader *l, const cJSON *v)
{
	if (!cJSON_IsObject(v))
		return fail(l, v, "rules", "expected an object: rule id -> severity or settings");
	if (no_duplicates(l, v, "rules") != 0)
		return -1;
	const cJSON *r;
	cJSON_ArrayForEach(r, v)
		if (read_rule(l, r) != 0)
			return -1;
	return 0;
}

static int read_top(struct loader *l, const cJSON *root)
{
	static const char *const keys[] = { "$schema", "version", "root", "exclude", "services",
					    "serverless", "pins", "rules", NULL };
	if (check_keys(l, root, "seam.json", keys) != 0)
		return -1;
	struct arch_config *c = l->c;
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(version) || version->valuedouble != 1)
		return fail(l, version ? version : root, "version", "expected \"version\": 1");
	const cJSON *root_dir = cJSON_GetObjectItemCaseSensitive(root, "root");
	if (root_dir && (!cJSON_IsString(root_dir) || !root_dir->valuestring[0]))
		return fail(l, root_dir, "root", "expected a folder (relative to seam.json's folder)");
	c->root = root_dir ? root_dir->valuestring : NULL;
	const cJSON *v;
	int rc = 0;
	if (rc == 0 && (v = cJSON_GetObjectItemCaseSensitive(root, "services")))
		rc = read_services(l, v);
	if (rc == 0 && (v = cJSON_GetObjectItemCaseSensitive(root, "serverless")))
		rc = read_strings(l, v, "serverless", &c->serverless);
	if (rc == 0 && (v = cJSON_GetObjectItemCaseSensitive(root, "exclude")))
		rc = read_strings(l, v, "exclude", &c->exclude);
	if (rc == 0 && (v = cJSON_GetObjectItemCaseSensitive(root, "pins")))
		rc = read_pins(l, v);
	if (rc == 0 && (v = cJSON_GetObjectItemCaseSensitive(root, "rules")))
		rc = read_rules(l, v);
	return rc;
}

static void resolve_root(struct arch_config *c)
{
	if (!c->root)
		return;
	char *dir = path_dirname(c->path);
	char *abs_dir = path_absolute(dir, NULL);
	c->root_abs = path_absolute(c->root, abs_dir);
	free(abs_dir);
	free(dir);
}

void *json_parse_located(const char *name, const char *text, size_t len, struct strbuf *err)
{
	const char *end = NULL;
	cJSON *json = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (json && jsonpos_trailing(text, len, end)) { /* one value, then only blanks */
		cJSON_Delete(json);
		json = NULL;
		end = jsonpos_trailing(text, len, end);
	}
	if (!json)
		jsonpos_syntax_error(err, name, text, len, end ? end : cJSON_GetErrorPtr());
	return json;
}

int arch_config_load_text(struct arch_config *c, const char *path, const char *text, size_t len,
			  struct strbuf *err)
{
	c->path = xstrdup(path);
	cJSON *json = json_parse_located(path, text, len, err);
	if (!json)
		return -1;
	c->json = json;
	struct loader l = { .c = c, .text = text, .err = err };
	hashmap_init(&l.index, true);
	jsonpos_values(text, len, &l.offsets);
	index_items(&l, json);
	int rc = read_top(&l, json);
	hashmap_release(&l.index);
	VEC_FREE(l.offsets);
	if (rc == 0)
		resolve_root(c);
	return rc;
}

int arch_config_load_file(struct arch_config *c, const char *path, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	int rc = fs_read_file(path, &text, err);
	if (rc == 0 && memchr(text.buf, '\0', text.len))
		strbuf_addf(err, "%s: not a JSON text (it contains a NUL byte)", path), rc = -1;
	if (rc == 0)
		rc = arch_config_load_text(c, path, strbuf_str(&text), text.len, err);
	strbuf_release(&text);
	return rc;
}

/* ---- queries ----------------------------------------------------------------- */

bool arch_globs_match(const arch_strings *globs, const char *s)
{
	for (size_t i = 0; i < globs->n; i++)
		if (fnmatch(globs->v[i], s, 0) == 0)
			return true;
	return false;
}

bool arch_config_excluded(const struct arch_config *c, const char *path)
{
	return arch_globs_match(&c->exclude, path);
}

int arch_config_service_of(const struct arch_config *c, const char *path)
{
	if (arch_config_excluded(c, path))
		return -1;
	for (size_t i = 0; i < c->services.n; i++)
		if (arch_globs_match(&c->services.v[i].files, path))
			return (int)i;
	return -1;
}

bool arch_service_exports(const struct arch_service *s, const char *function_name)
{
	return !s->has_api || arch_globs_match(&s->api, function_name);
}

bool arch_config_is_serverless(const struct arch_config *c, const char *function_name)
{
	return arch_globs_match(&c->serverless, function_name);
}
