/* baseline.c — reading, matching and writing baselines */
#include "baseline.h"
#include "fsutil.h"
#include "hashmap.h"
#include <cjson/cJSON.h>
#include <string.h>

static int entry_error(struct strbuf *err, const char *name, size_t i, const char *what)
{
	strbuf_addf(err, "%s: violations[%zu]: %s", name, i, what);
	return -1;
}

static int match(struct check_result *res, const char *name, const cJSON *list, struct strbuf *err)
{
	struct hashmap by_fp;
	hashmap_init(&by_fp, false);
	for (size_t i = 0; i < res->violations.n; i++)
		hashmap_put(&by_fp, res->violations.v[i].fingerprint, (uint32_t)i);
	size_t i = 0;
	const cJSON *e;
	int rc = 0;
	cJSON_ArrayForEach(e, list) {
		const cJSON *rule = cJSON_GetObjectItemCaseSensitive(e, "rule");
		const cJSON *fp = cJSON_GetObjectItemCaseSensitive(e, "fingerprint");
		const cJSON *msg = cJSON_GetObjectItemCaseSensitive(e, "message");
		if (!cJSON_IsString(rule) || !cJSON_IsString(fp)) {
			rc = entry_error(err, name, i, "expected {\"rule\": ..., \"fingerprint\": ...}");
			break;
		}
		uint32_t k;
		if (hashmap_get(&by_fp, fp->valuestring, &k)) {
			res->violations.v[k].known = true;
		} else {
			struct stale_entry s = { arena_strdup(&res->arena, rule->valuestring),
						 arena_strdup(&res->arena, fp->valuestring),
						 arena_strdup(&res->arena, cJSON_IsString(msg) ? msg->valuestring : "") };
			VEC_PUSH(res->stale, s);
		}
		i++;
	}
	hashmap_release(&by_fp);
	return rc;
}

int baseline_apply_text(struct check_result *res, const char *name, const char *text, size_t len,
			struct strbuf *err)
{
	cJSON *root = json_parse_located(name, text, len, err);
	if (!root)
		return -1;
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "violations");
	int rc = 0;
	if (!cJSON_IsNumber(version) || version->valuedouble != 1 || !cJSON_IsArray(list)) {
		strbuf_addf(err, "%s: not a seam baseline (expected {\"version\": 1, \"violations\": [...]}, "
			    "as 'seam check --write-baseline' writes)", name);
		rc = -1;
	} else {
		rc = match(res, name, list, err);
	}
	res->baseline_used = rc == 0;
	cJSON_Delete(root);
	return rc;
}

int baseline_apply_file(struct check_result *res, const char *path, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	int rc = fs_read_file(path, &text, err);
	if (rc == 0)
		rc = baseline_apply_text(res, path, text.buf, text.len, err);
	strbuf_release(&text);
	return rc;
}

static int cmp_fp(const void *a, const void *b)
{
	const struct violation *const *x = a, *const *y = b;
	return strcmp((*x)->fingerprint, (*y)->fingerprint);
}

/* One entry a line, sorted by fingerprint, so baselines diff well in review. */
void baseline_write(const struct check_result *res, struct strbuf *out)
{
	size_t n = res->violations.n;
	const struct violation **sorted = xcalloc(n + 1, sizeof(*sorted));
	for (size_t i = 0; i < n; i++)
		sorted[i] = &res->violations.v[i];
	if (n > 1)
		qsort(sorted, n, sizeof(*sorted), cmp_fp);
	strbuf_addstr(out, "{\n\"version\": 1,\n\"tool\": \"seam\",\n\"violations\": [\n");
	for (size_t i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "rule", rule_name(sorted[i]->rule));
		cJSON_AddStringToObject(e, "fingerprint", sorted[i]->fingerprint);
		cJSON_AddStringToObject(e, "message", sorted[i]->message);
		char *s = cJSON_PrintUnformatted(e);
		strbuf_addf(out, "%s%s\n", s, i + 1 < n ? "," : "");
		cJSON_free(s);
		cJSON_Delete(e);
	}
	strbuf_addstr(out, "]\n}\n");
	free(sorted);
}
