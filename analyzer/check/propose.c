/* propose.c — writing a starter seam.json from the proposed services */
#include "propose.h"
#include "archconfig.h"
#include "hashmap.h"
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

/* The service of every report file: the first service listing it. */
static int *file_services(const struct report_view *v, struct hashmap *paths)
{
	int *svc = xcalloc(v->files.n + 1, sizeof(int));
	for (size_t i = 0; i < v->files.n; i++) {
		svc[i] = -1;
		hashmap_put(paths, v->files.v[i].path, (uint32_t)i);
	}
	for (size_t s = v->services.n; s-- > 0;)
		for (size_t k = 0; k < v->services.v[s].files.n; k++) {
			uint32_t i;
			if (hashmap_get(paths, v->services.v[s].files.v[k], &i))
				svc[i] = (int)s;
		}
	return svc;
}

/* Does every report file under folder `dir` (with its '/') belong to s? */
static bool folder_is_service(const struct report_view *v, const int *svc, const char *dir, size_t len, int s)
{
	for (size_t i = 0; i < v->files.n; i++)
		if (strncmp(v->files.v[i].path, dir, len) == 0 && svc[i] != s)
			return false;
	return true;
}

/* s[0..len) with the characters fnmatch() would act on escaped. */
static void add_literal(struct strbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (strchr("*?[]\\", s[i]))
			strbuf_addch(sb, '\\');
		strbuf_addch(sb, s[i]);
	}
}

/* The shortest glob covering the file and nothing of another service:
 * "folder/ *" for the top-most such folder, else the path itself. */
static char *file_glob(const struct report_view *v, const int *svc, size_t i)
{
	const char *path = v->files.v[i].path;
	struct strbuf glob = STRBUF_INIT;
	for (const char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
		size_t len = (size_t)(slash - path) + 1;
		if (folder_is_service(v, svc, path, len, svc[i])) {
			add_literal(&glob, path, len);
			strbuf_addch(&glob, '*');
			return strbuf_detach(&glob);
		}
	}
	add_literal(&glob, path, strlen(path));
	return strbuf_detach(&glob);
}

static bool has_string(const cJSON *arr, const char *s)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, arr)
		if (strcmp(e->valuestring, s) == 0)
			return true;
	return false;
}

static cJSON *service_json(const struct report_view *v, const int *svc, size_t s)
{
	const struct rv_service *rs = &v->services.v[s];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", rs->name);
	cJSON *files = cJSON_AddArrayToObject(o, "files");
	for (size_t i = 0; i < v->files.n; i++) {
		if (svc[i] != (int)s)
			continue;
		char *g = file_glob(v, svc, i);
		if (!has_string(files, g))
			cJSON_AddItemToArray(files, cJSON_CreateString(g));
		free(g);
	}
	cJSON *api = cJSON_AddArrayToObject(o, "api");
	for (size_t k = 0; k < rs->api.n; k++) {
		const char *name = v->functions.v[rs->api.v[k]].name;
		if (!has_string(api, name))
			cJSON_AddItemToArray(api, cJSON_CreateString(name));
	}
	return o;
}

/* "serverless" lists names: a name is only proposed when every function
 * defined under it fits (two programs may each define a static helper). */
static bool all_fit(const struct report_view *v, const char *name)
{
	for (size_t i = 0; i < v->functions.n; i++) {
		const struct rv_function *f = &v->functions.v[i];
		if (f->defined && strcmp(f->name, name) == 0 && strcmp(f->cls, "pure") != 0 &&
		    strcmp(f->cls, "stateless") != 0 && strcmp(f->cls, "config") != 0)
			return false;
	}
	return true;
}

/* Today's ICP and largest fan-out between the proposed services. */
static void coupling(const struct report_view *v, const int *svc, double *icp, int *fan_out)
{
	size_t n = v->services.n, inside, crossing;
	bool *dep = xcalloc(n * n + 1, sizeof(bool));
	report_view_coupling(v, svc, n, &inside, &crossing, dep);
	*icp = inside ? (double)crossing / (double)inside : 0;
	*fan_out = 0;
	for (size_t a = 0; a < n; a++) {
		int f = 0;
		for (size_t b = 0; b < n; b++)
			f += dep[a * n + b];
		*fan_out = f > *fan_out ? f : *fan_out;
	}
	free(dep);
}

static cJSON *rules_json(double icp, int fan_out)
{
	cJSON *rules = cJSON_CreateObject();
	for (int r = 0; r < RULE_COUNT; r++) {
		cJSON *o = cJSON_AddObjectToObject(rules, rule_name(r));
		cJSON_AddStringToObject(o, "severity", severity_name(rule_default_severity(r)));
		if (r == RULE_COUPLING_THRESHOLD) {
			/* today's values, rounded up: coupling may not grow from here */
			cJSON_AddNumberToObject(o, "max_icp", ceil(icp * 100 - 1e-9) / 100);
			cJSON_AddNumberToObject(o, "max_fan_out", fan_out);
		} else if (r == RULE_NEW_MUTABLE_GLOBAL) {
			cJSON_AddArrayToObject(o, "files");
		} else if (r == RULE_CROSS_SERVICE_STATE) {
			cJSON_AddBoolToObject(o, "allow_config_reads", true);
		}
	}
	return rules;
}

size_t propose_config(const struct report_view *v, const char *root, struct strbuf *out)
{
	struct hashmap paths;
	hashmap_init(&paths, false);
	int *svc = file_services(v, &paths);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "version", 1);
	if (root)
		cJSON_AddStringToObject(doc, "root", root);
	cJSON *services = cJSON_AddArrayToObject(doc, "services");
	for (size_t s = 0; s < v->services.n; s++)
		cJSON_AddItemToArray(services, service_json(v, svc, s));
	cJSON *serverless = cJSON_AddArrayToObject(doc, "serverless");
	for (size_t i = 0; i < v->fitting_candidates.n; i++) {
		const char *name = v->functions.v[v->fitting_candidates.v[i]].name;
		if (!has_string(serverless, name) && all_fit(v, name))
			cJSON_AddItemToArray(serverless, cJSON_CreateString(name));
	}
	double icp;
	int fan_out;
	coupling(v, svc, &icp, &fan_out);
	cJSON_AddItemToObject(doc, "rules", rules_json(icp, fan_out));
	size_t nserverless = (size_t)cJSON_GetArraySize(serverless);
	char *text = cJSON_Print(doc);
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	cJSON_free(text);
	cJSON_Delete(doc);
	free(svc);
	hashmap_release(&paths);
	return nserverless;
}
