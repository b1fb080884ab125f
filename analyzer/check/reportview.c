/* reportview.c — reading report.json into checked arrays */
#include "reportview.h"
#include "archconfig.h"
#include "fsutil.h"
#include "hashmap.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

struct reader {
	const char *name;
	struct strbuf *err;
	bool failed;
	char where[64];
};

static void bad(struct reader *r, const char *key, const char *what)
{
	if (!r->failed)
		strbuf_addf(r->err, "%s: %s%s%s: %s", r->name, r->where, key[0] ? "." : "", key, what);
	r->failed = true;
}

static const cJSON *item(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *str(struct reader *r, const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);
	if (cJSON_IsString(v))
		return v->valuestring;
	bad(r, key, "expected a string");
	return "";
}

static unsigned uint_of(struct reader *r, const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= 4294967295.0)
		return (unsigned)v->valuedouble;
	bad(r, key, "expected a non-negative integer");
	return 0;
}

static bool flag(struct reader *r, const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);
	if (!cJSON_IsBool(v))
		bad(r, key, "expected true or false");
	return cJSON_IsTrue(v);
}

/* An id into an array of n entries. */
static uint32_t id_of(struct reader *r, const cJSON *v, const char *key, size_t n)
{
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < (double)n &&
	    v->valuedouble == (double)(uint32_t)v->valuedouble)
		return (uint32_t)v->valuedouble;
	bad(r, key, "expected the id of an existing entry");
	return 0;
}

static const cJSON *array(struct reader *r, const cJSON *root, const char *key)
{
	const cJSON *a = item(root, key);
	if (!cJSON_IsArray(a) && !r->failed) {
		strbuf_addf(r->err, "%s: %s '%s' array (a report of an older seam? run 'seam analyze' again)", r->name,
			    a ? "expected an" : "no", key);
		r->failed = true;
	}
	return a;
}

/* Names the element being read, for messages; false once reading failed. */
static bool at(struct reader *r, const char *key, size_t *i)
{
	snprintf(r->where, sizeof(r->where), "%s[%zu]", key, (*i)++);
	return !r->failed;
}

static void read_files(struct reader *r, struct report_view *v, const cJSON *root)
{
	const cJSON *a = array(r, root, "files"), *e;
	size_t n_at = 0;
	cJSON_ArrayForEach(e, a) {
		if (!at(r, "files", &n_at))
			break;
		const cJSON *msgs = item(e, "messages");
		const cJSON *first = cJSON_GetArrayItem(msgs, 0);
		struct rv_file f = { str(r, e, "path"), flag(r, e, "tu"), flag(r, e, "parsed"),
				     uint_of(r, e, "errors"), cJSON_IsString(first) ? first->valuestring : NULL };
		VEC_PUSH(v->files, f);
	}
}

static void read_evidence(struct reader *r, struct rv_function *f, const cJSON *ev, size_t nfunctions)
{
	const cJSON *s;
	cJSON_ArrayForEach(s, ev) {
		struct rv_step step = { id_of(r, item(s, "function"), "evidence.function", nfunctions),
					str(r, s, "file"), str(r, s, "what"), uint_of(r, s, "line") };
		VEC_PUSH(f->evidence, step);
	}
}

static void read_functions(struct reader *r, struct report_view *v, const cJSON *root)
{
	const cJSON *a = array(r, root, "functions"), *e;
	size_t n = (size_t)cJSON_GetArraySize(a);
	size_t n_at = 0;
	cJSON_ArrayForEach(e, a) {
		if (!at(r, "functions", &n_at))
			break;
		struct rv_function f = { RV_NO_FILE, str(r, e, "name"), str(r, e, "file"), str(r, e, "class"),
					 uint_of(r, e, "line"), flag(r, e, "defined"), { 0 } };
		const cJSON *ev = item(e, "evidence");
		if (!cJSON_IsArray(ev))
			bad(r, "evidence", "expected an array");
		read_evidence(r, &f, ev, n);
		VEC_PUSH(v->functions, f);
	}
}

static void read_globals(struct reader *r, struct report_view *v, const cJSON *root)
{
	const cJSON *a = array(r, root, "globals"), *e;
	size_t n_at = 0;
	cJSON_ArrayForEach(e, a) {
		if (!at(r, "globals", &n_at))
			break;
		struct rv_global g = { RV_NO_FILE, str(r, e, "name"), str(r, e, "file"), str(r, e, "kind"),
				       uint_of(r, e, "line"), flag(r, e, "const"), flag(r, e, "defined"), false };
		VEC_PUSH(v->globals, g);
	}
	const cJSON *analysis = item(root, "analysis");
	const cJSON *config = item(analysis, "config_globals"), *c;
	snprintf(r->where, sizeof(r->where), "analysis");
	cJSON_ArrayForEach(c, config) {
		uint32_t g = id_of(r, c, "config_globals", v->globals.n);
		if (r->failed)
			return;
		v->globals.v[g].config = true;
	}
}

static struct rv_site site(struct reader *r, const cJSON *e, uint32_t from, uint32_t to, const char *kind)
{
	struct rv_site s = { from, to, kind, str(r, e, "file"), uint_of(r, e, "line"), uint_of(r, e, "column") };
	return s;
}

static void read_calls(struct reader *r, struct report_view *v, const cJSON *root)
{
	const cJSON *a = array(r, root, "calls"), *e;
	size_t n = v->functions.n;
	size_t n_at = 0;
	cJSON_ArrayForEach(e, a) {
		if (!at(r, "calls", &n_at))
			break;
		const cJSON *callee = item(e, "callee");
		uint32_t caller = id_of(r, item(e, "caller"), "caller", n);
		if (cJSON_IsNull(callee))
			continue; /* indirect */
		VEC_PUSH(v->calls, site(r, e, caller, id_of(r, callee, "callee", n), NULL));
	}
	a = array(r, root, "accesses");
	n_at = 0;
	cJSON_ArrayForEach(e, a) {
		if (!at(r, "accesses", &n_at))
			break;
		uint32_t fn = id_of(r, item(e, "function"), "function", n);
		uint32_t g = id_of(r, item(e, "global"), "global", v->globals.n);
		VEC_PUSH(v->accesses, site(r, e, fn, g, str(r, e, "kind")));
	}
}

static void read_ids(struct reader *r, const cJSON *o, const char *key, size_t n, void *out)
{
	VEC(uint32_t) *ids = out;
	const cJSON *a = item(o, key), *e;
	if (!cJSON_IsArray(a))
		bad(r, key, "expected an array of ids");
	cJSON_ArrayForEach(e, a)
		VEC_PUSH(*ids, id_of(r, e, key, n));
}

static void read_services(struct reader *r, struct report_view *v, const cJSON *root)
{
	const cJSON *a = array(r, root, "services"), *e, *f;
	size_t n_at = 0;
	cJSON_ArrayForEach(e, a) {
		if (!at(r, "services", &n_at))
			break;
		struct rv_service s = { .name = str(r, e, "name") };
		cJSON_ArrayForEach(f, item(e, "files"))
			VEC_PUSH(s.files, cJSON_IsString(f) ? f->valuestring : "");
		read_ids(r, e, "functions", v->functions.n, &s.functions);
		read_ids(r, e, "owned_globals", v->globals.n, &s.owned_globals);
		read_ids(r, e, "api", v->functions.n, &s.api);
		VEC_PUSH(v->services, s);
	}
	a = array(r, root, "crossing_calls");
	n_at = 0;
	cJSON_ArrayForEach(e, a) {
		if (!at(r, "crossing_calls", &n_at))
			break;
		struct rv_crossing c = { id_of(r, item(e, "caller"), "caller", v->functions.n),
					 id_of(r, item(e, "callee"), "callee", v->functions.n),
					 str(r, e, "from"), str(r, e, "to") };
		VEC_PUSH(v->crossing, c);
	}
	a = array(r, root, "candidates");
	n_at = 0;
	cJSON_ArrayForEach(e, a) {
		if (!at(r, "candidates", &n_at))
			break;
		if (flag(r, e, "fits"))
			VEC_PUSH(v->fitting_candidates, id_of(r, item(e, "function"), "function", v->functions.n));
	}
}

static void read_metrics(struct reader *r, const cJSON *o, const char *key, struct rv_metrics *m)
{
	const cJSON *x = item(o, key);
	snprintf(r->where, sizeof(r->where), "metrics.%s", key);
	if (!x) {
		bad(r, "", "missing");
		return;
	}
	m->present = true;
#define X(name)                                                  \
	do {                                                     \
		const cJSON *val = item(x, #name);               \
		if (!cJSON_IsNumber(val))                        \
			bad(r, #name, "expected a number");      \
		m->name = cJSON_IsNumber(val) ? val->valuedouble : 0; \
	} while (0);
	RV_METRICS(X)
#undef X
}

void report_view_init(struct report_view *v)
{
	memset(v, 0, sizeof(*v));
}

void report_view_release(struct report_view *v)
{
	for (size_t i = 0; i < v->functions.n; i++)
		VEC_FREE(v->functions.v[i].evidence);
	for (size_t i = 0; i < v->services.n; i++) {
		VEC_FREE(v->services.v[i].files);
		VEC_FREE(v->services.v[i].functions);
		VEC_FREE(v->services.v[i].owned_globals);
		VEC_FREE(v->services.v[i].api);
	}
	VEC_FREE(v->files);
	VEC_FREE(v->functions);
	VEC_FREE(v->globals);
	VEC_FREE(v->calls);
	VEC_FREE(v->accesses);
	VEC_FREE(v->services);
	VEC_FREE(v->crossing);
	VEC_FREE(v->fitting_candidates);
	cJSON_Delete(v->json);
	memset(v, 0, sizeof(*v));
}

/* Each function's and global's file as an index into files[]. */
static void resolve_files(struct report_view *v)
{
	struct hashmap paths;
	hashmap_init(&paths, false);
	for (size_t i = 0; i < v->files.n; i++)
		hashmap_put(&paths, v->files.v[i].path, (uint32_t)i);
	for (size_t i = 0; i < v->functions.n; i++)
		if (!hashmap_get(&paths, v->functions.v[i].file, &v->functions.v[i].file_id))
			v->functions.v[i].file_id = RV_NO_FILE;
	for (size_t i = 0; i < v->globals.n; i++)
		if (!hashmap_get(&paths, v->globals.v[i].file, &v->globals.v[i].file_id))
			v->globals.v[i].file_id = RV_NO_FILE;
	hashmap_release(&paths);
}

void report_view_coupling(const struct report_view *v, const int *file_service, size_t nservices,
			  size_t *inside, size_t *crossing, bool *deps)
{
	*inside = *crossing = 0;
	for (size_t i = 0; i < v->calls.n; i++) {
		uint32_t fa = v->functions.v[v->calls.v[i].from].file_id, fb = v->functions.v[v->calls.v[i].to].file_id;
		int a = fa == RV_NO_FILE ? -1 : file_service[fa], b = fb == RV_NO_FILE ? -1 : file_service[fb];
		if (a < 0 || b < 0)
			continue;
		(*inside)++;
		if (a != b) {
			(*crossing)++;
			if (deps)
				deps[(size_t)a * nservices + (size_t)b] = true;
		}
	}
}

int report_view_load_text(struct report_view *v, const char *name, const char *text, size_t len,
			  struct strbuf *err)
{
	struct strbuf syntax = STRBUF_INIT;
	cJSON *root = json_parse_located(name, text, len, &syntax);
	if (!root) {
		strbuf_addf(err, "%s (not a seam report)", strbuf_str(&syntax));
		strbuf_release(&syntax);
		return -1;
	}
	strbuf_release(&syntax);
	if (!cJSON_IsObject(root)) {
		strbuf_addf(err, "%s: not a seam report (expected a JSON object from 'seam analyze')", name);
		cJSON_Delete(root);
		return -1;
	}
	v->json = root;
	struct reader r = { .name = name, .err = err };
	const cJSON *version = item(root, "schema_version");
	if (!cJSON_IsNumber(version) || version->valuedouble != 1) {
		strbuf_addf(err, "%s: not a seam report of schema_version 1", name);
		return -1;
	}
	snprintf(r.where, sizeof(r.where), "inputs");
	v->root = str(&r, item(root, "inputs"), "root");
	read_files(&r, v, root);
	read_functions(&r, v, root);
	read_globals(&r, v, root);
	read_calls(&r, v, root);
	read_services(&r, v, root);
	read_metrics(&r, item(root, "metrics"), "proposal", &v->proposal);
	read_metrics(&r, item(root, "metrics"), "directory_baseline", &v->baseline);
	if (r.failed)
		return -1;
	resolve_files(v);
	return 0;
}

int report_view_load_file(struct report_view *v, const char *path, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	int rc = fs_read_file(path, &text, err);
	if (rc == 0)
		rc = report_view_load_text(v, path, text.buf, text.len, err);
	strbuf_release(&text);
	return rc;
}
