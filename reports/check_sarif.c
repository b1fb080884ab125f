/* check_sarif.c — seam check results as SARIF 2.1.0, for code-scanning
 * upload (GitHub, GitLab); validated against docs/schema/sarif-2.1.0.json */
#include "check_report.h"
#include "escape.h"
#include "fsutil.h"
#include "hashmap.h"
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>

static const char *level(enum severity s)
{
	return s == SEVERITY_ERROR ? "error" : s == SEVERITY_WARNING ? "warning" : "none";
}

static cJSON *text_object(const char *text)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "text", text);
	return o;
}

/* "cross-service-state" -> "CrossServiceState", SARIF's rule name style. */
static void pascal(struct strbuf *out, const char *id)
{
	for (bool up = true; *id; id++) {
		if (*id == '-') {
			up = true;
			continue;
		}
		strbuf_addch(out, up ? (char)toupper((unsigned char)*id) : *id);
		up = false;
	}
}

static cJSON *rules_json(void)
{
	cJSON *rules = cJSON_CreateArray();
	for (int r = 0; r < RULE_COUNT; r++) {
		cJSON *o = cJSON_CreateObject();
		struct strbuf sb = STRBUF_INIT;
		cJSON_AddStringToObject(o, "id", rule_name(r));
		pascal(&sb, rule_name(r));
		cJSON_AddStringToObject(o, "name", strbuf_str(&sb));
		cJSON_AddItemToObject(o, "shortDescription", text_object(rule_summary(r)));
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s. To fix: %s.", rule_summary(r), rule_fix(r));
		cJSON_AddItemToObject(o, "fullDescription", text_object(strbuf_str(&sb)));
		cJSON_AddItemToObject(o, "help", text_object(rule_fix(r)));
		cJSON *conf = cJSON_AddObjectToObject(o, "defaultConfiguration");
		cJSON_AddStringToObject(conf, "level", level(rule_default_severity(r)));
		cJSON *tags = cJSON_AddArrayToObject(cJSON_AddObjectToObject(o, "properties"), "tags");
		cJSON_AddItemToArray(tags, cJSON_CreateString("architecture"));
		cJSON_AddItemToArray(rules, o);
		strbuf_release(&sb);
	}
	return rules;
}

/* A physical location: report paths are relative to %SRCROOT%; seam.json
 * may lie outside the root, then it is given as an absolute file: URI. */
static cJSON *location(const struct check_result *res, const char *file, unsigned line, unsigned col,
		       bool in_config)
{
	cJSON *phys = cJSON_CreateObject();
	cJSON *art = cJSON_AddObjectToObject(phys, "artifactLocation");
	struct strbuf uri = STRBUF_INIT;
	char *abs = in_config ? path_absolute(file, NULL) : NULL;
	if (abs && !path_is_under(abs, res->root)) {
		strbuf_addstr(&uri, "file://");
		escape_uri_path(&uri, abs);
	} else {
		char *rel = abs ? path_relative(abs, res->root) : NULL;
		escape_uri_path(&uri, rel ? rel : file);
		free(rel);
	}
	cJSON_AddStringToObject(art, "uri", strbuf_str(&uri));
	if (!abs || path_is_under(abs, res->root))
		cJSON_AddStringToObject(art, "uriBaseId", "SRCROOT");
	if (line > 0) {
		cJSON *region = cJSON_AddObjectToObject(phys, "region");
		cJSON_AddNumberToObject(region, "startLine", line);
		if (col > 0)
			cJSON_AddNumberToObject(region, "startColumn", col);
	}
	free(abs);
	strbuf_release(&uri);
	cJSON *loc = cJSON_CreateObject();
	cJSON_AddItemToObject(loc, "physicalLocation", phys);
	return loc;
}

static cJSON *result_json(const struct check_result *res, const struct violation *v)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "ruleId", rule_name(v->rule));
	cJSON_AddNumberToObject(o, "ruleIndex", v->rule);
	cJSON_AddStringToObject(o, "level", level(v->severity));
	cJSON_AddItemToObject(o, "message", text_object(v->message));
	cJSON *locs = cJSON_AddArrayToObject(o, "locations");
	cJSON_AddItemToArray(locs, location(res, v->file, v->line, v->column, v->in_config));
	char hash[24];
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)hashmap_hash_string(v->fingerprint));
	cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "partialFingerprints"), "seamFingerprint/v1", hash);
	if (v->nrelated) {
		cJSON *rel = cJSON_AddArrayToObject(o, "relatedLocations");
		for (size_t k = 0; k < v->nrelated; k++) {
			cJSON *l = location(res, v->related[k].file, v->related[k].line, 0, false);
			cJSON_AddNumberToObject(l, "id", (double)k);
			cJSON_AddItemToObject(l, "message", text_object(v->related[k].message));
			cJSON_AddItemToArray(rel, l);
		}
	}
	if (res->baseline_used)
		cJSON_AddStringToObject(o, "baselineState", v->known ? "unchanged" : "new");
	if (v->known) {
		cJSON *sup = cJSON_CreateObject();
		cJSON_AddStringToObject(sup, "kind", "external");
		cJSON_AddStringToObject(sup, "justification", "listed in the seam check baseline");
		cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "suppressions"), sup);
	}
	return o;
}

void check_sarif_write(const struct check_result *res, const struct check_report_info *info, struct strbuf *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(root, "version", "2.1.0");
	cJSON *run = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(root, "runs"), run);
	cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(driver, "name", "seam");
	cJSON_AddStringToObject(driver, "version", info->tool_version);
	cJSON_AddItemToObject(driver, "rules", rules_json());
	struct strbuf uri = STRBUF_INIT;
	strbuf_addstr(&uri, "file://");
	escape_uri_path(&uri, res->root);
	strbuf_addch(&uri, '/');
	cJSON *base = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "originalUriBaseIds"), "SRCROOT");
	cJSON_AddStringToObject(base, "uri", strbuf_str(&uri));
	strbuf_release(&uri);
	cJSON *results = cJSON_AddArrayToObject(run, "results");
	for (size_t i = 0; i < res->violations.n; i++)
		cJSON_AddItemToArray(results, result_json(res, &res->violations.v[i]));
	char *text = cJSON_Print(root);
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
}
