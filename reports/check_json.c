/* check_json.c — seam check results as JSON (docs/ci.md, "JSON output") */
#include "check_report.h"
#include <cjson/cJSON.h>

static cJSON *violation_json(const struct violation *v, bool baseline)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "rule", rule_name(v->rule));
	cJSON_AddStringToObject(o, "severity", severity_name(v->severity));
	cJSON_AddStringToObject(o, "message", v->message);
	cJSON_AddStringToObject(o, "file", v->file ? v->file : "");
	cJSON_AddNumberToObject(o, "line", v->line);
	cJSON_AddNumberToObject(o, "column", v->column);
	cJSON_AddBoolToObject(o, "in_config", v->in_config);
	cJSON_AddStringToObject(o, "fingerprint", v->fingerprint);
	if (baseline)
		cJSON_AddStringToObject(o, "baseline", v->known ? "known" : "new");
	else
		cJSON_AddNullToObject(o, "baseline");
	cJSON *rel = cJSON_AddArrayToObject(o, "related");
	for (size_t k = 0; k < v->nrelated; k++) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "file", v->related[k].file);
		cJSON_AddNumberToObject(r, "line", v->related[k].line);
		cJSON_AddStringToObject(r, "message", v->related[k].message);
		cJSON_AddItemToArray(rel, r);
	}
	return o;
}

void check_json_write(const struct check_result *res, const struct check_report_info *info, struct strbuf *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "version", 1);
	cJSON *tool = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(tool, "name", "seam");
	cJSON_AddStringToObject(tool, "version", info->tool_version);
	cJSON_AddStringToObject(root, "config", res->config_path);
	cJSON_AddStringToObject(root, "root", res->root);
	cJSON *sum = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(sum, "errors", check_count(res, SEVERITY_ERROR, false));
	cJSON_AddNumberToObject(sum, "warnings", check_count(res, SEVERITY_WARNING, false));
	cJSON_AddNumberToObject(sum, "known", check_count(res, SEVERITY_ERROR, true) +
						 check_count(res, SEVERITY_WARNING, true));
	cJSON_AddNumberToObject(sum, "stale", (double)res->stale.n);
	cJSON_AddNumberToObject(sum, "files_unassigned", res->files_unassigned);
	cJSON_AddNumberToObject(sum, "icp", (double)(long long)(res->icp * 1e6 + 0.5) / 1e6);
	cJSON *list = cJSON_AddArrayToObject(root, "violations");
	for (size_t i = 0; i < res->violations.n; i++)
		cJSON_AddItemToArray(list, violation_json(&res->violations.v[i], res->baseline_used));
	cJSON *stale = cJSON_AddArrayToObject(root, "stale");
	for (size_t i = 0; i < res->stale.n; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "rule", res->stale.v[i].rule);
		cJSON_AddStringToObject(s, "fingerprint", res->stale.v[i].fingerprint);
		cJSON_AddStringToObject(s, "message", res->stale.v[i].message);
		cJSON_AddItemToArray(stale, s);
	}
	cJSON *notes = cJSON_AddArrayToObject(root, "notes");
	for (size_t i = 0; i < res->notes.n; i++)
		cJSON_AddItemToArray(notes, cJSON_CreateString(res->notes.v[i]));
	char *text = cJSON_Print(root);
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
}
