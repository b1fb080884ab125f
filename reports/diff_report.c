/* diff_report.c — seam diff as text, JSON or Markdown */
#include "diff_report.h"
#include "escape.h"
#include <cjson/cJSON.h>
#include <string.h>

static void text_write(const struct report_diff *d, struct strbuf *out)
{
	strbuf_addf(out, "functions: %u added, %u removed, %zu changed class\n", d->functions_added,
		    d->functions_removed, d->classes.n);
	for (size_t i = 0; i < d->classes.n; i++) {
		const struct class_change *c = &d->classes.v[i];
		strbuf_addf(out, "  %s ", c->worse ? "worse " : "better");
		escape_line(out, c->file);
		strbuf_addch(out, ':');
		escape_line(out, c->name);
		strbuf_addf(out, ": %s -> %s\n", c->old_class, c->new_class);
	}
	strbuf_addf(out, "calls between services: %zu changed\n", d->crossing.n);
	for (size_t i = 0; i < d->crossing.n; i++) {
		const struct crossing_change *c = &d->crossing.v[i];
		strbuf_addf(out, "  %s ", c->added ? "new    " : "removed");
		escape_line(out, c->caller);
		strbuf_addstr(out, " -> ");
		escape_line(out, c->callee);
		strbuf_addstr(out, " (");
		escape_line(out, c->from);
		strbuf_addstr(out, " -> ");
		escape_line(out, c->to);
		strbuf_addstr(out, ")\n");
	}
	strbuf_addf(out, "owned state: %zu changed\n", d->owners.n);
	for (size_t i = 0; i < d->owners.n; i++) {
		const struct owner_change *c = &d->owners.v[i];
		strbuf_addstr(out, "  ");
		escape_line(out, c->global);
		strbuf_addstr(out, ": ");
		escape_line(out, c->old_owner ? c->old_owner : "(none)");
		strbuf_addstr(out, " -> ");
		escape_line(out, c->new_owner ? c->new_owner : "(none)");
		strbuf_addch(out, '\n');
	}
	strbuf_addstr(out, "metrics of the proposal:\n");
	for (int i = 0; i < 6; i++) {
		const struct metric_change *m = &d->metrics[i];
		strbuf_addf(out, "  %-10s %10.6f -> %10.6f  %s\n", m->name, m->old_value, m->new_value,
			    m->worse ? "worse" : m->better ? "better" : "same");
	}
}

static void json_write(const struct report_diff *d, struct strbuf *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *f = cJSON_AddObjectToObject(root, "functions");
	cJSON_AddNumberToObject(f, "added", d->functions_added);
	cJSON_AddNumberToObject(f, "removed", d->functions_removed);
	cJSON *cls = cJSON_AddArrayToObject(f, "class_changes");
	for (size_t i = 0; i < d->classes.n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", d->classes.v[i].name);
		cJSON_AddStringToObject(o, "file", d->classes.v[i].file);
		cJSON_AddStringToObject(o, "old", d->classes.v[i].old_class);
		cJSON_AddStringToObject(o, "new", d->classes.v[i].new_class);
		cJSON_AddBoolToObject(o, "worse", d->classes.v[i].worse);
		cJSON_AddItemToArray(cls, o);
	}
	cJSON *cr = cJSON_AddArrayToObject(root, "crossing_calls");
	for (size_t i = 0; i < d->crossing.n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "change", d->crossing.v[i].added ? "added" : "removed");
		cJSON_AddStringToObject(o, "caller", d->crossing.v[i].caller);
		cJSON_AddStringToObject(o, "callee", d->crossing.v[i].callee);
		cJSON_AddStringToObject(o, "from", d->crossing.v[i].from);
		cJSON_AddStringToObject(o, "to", d->crossing.v[i].to);
		cJSON_AddItemToArray(cr, o);
	}
	cJSON *ow = cJSON_AddArrayToObject(root, "ownership");
	for (size_t i = 0; i < d->owners.n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "global", d->owners.v[i].global);
		cJSON_AddItemToObject(o, "old_owner", d->owners.v[i].old_owner ? cJSON_CreateString(d->owners.v[i].old_owner)
										: cJSON_CreateNull());
		cJSON_AddItemToObject(o, "new_owner", d->owners.v[i].new_owner ? cJSON_CreateString(d->owners.v[i].new_owner)
										: cJSON_CreateNull());
		cJSON_AddItemToArray(ow, o);
	}
	cJSON *me = cJSON_AddObjectToObject(root, "metrics");
	for (int i = 0; i < 6; i++) {
		const struct metric_change *m = &d->metrics[i];
		cJSON *o = cJSON_AddObjectToObject(me, m->name);
		cJSON_AddNumberToObject(o, "old", m->old_value);
		cJSON_AddNumberToObject(o, "new", m->new_value);
		cJSON_AddStringToObject(o, "change", m->worse ? "worse" : m->better ? "better" : "same");
	}
	char *text = cJSON_Print(root);
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
}

static void markdown_write(const struct report_diff *d, struct strbuf *out)
{
	strbuf_addf(out, "### seam diff\n\n%u functions added, %u removed; %zu changed class; %zu calls between "
		    "services changed; %zu globals changed owner.\n", d->functions_added, d->functions_removed,
		    d->classes.n, d->crossing.n, d->owners.n);
	if (d->classes.n)
		strbuf_addstr(out, "\n| function | file | was | now |\n| --- | --- | --- | --- |\n");
	for (size_t i = 0; i < d->classes.n; i++) {
		strbuf_addstr(out, "| ");
		escape_markdown(out, d->classes.v[i].name);
		strbuf_addstr(out, " | ");
		escape_markdown(out, d->classes.v[i].file);
		strbuf_addf(out, " | %s | %s%s |\n", d->classes.v[i].old_class, d->classes.v[i].new_class,
			    d->classes.v[i].worse ? " (worse)" : "");
	}
	for (size_t i = 0; i < d->crossing.n; i++) {
		strbuf_addf(out, "%s- %s call ", i ? "" : "\n", d->crossing.v[i].added ? "new" : "removed");
		escape_markdown(out, d->crossing.v[i].caller);
		strbuf_addstr(out, " → ");
		escape_markdown(out, d->crossing.v[i].callee);
		strbuf_addch(out, '\n');
	}
	strbuf_addstr(out, "\n| metric | before | after | |\n| --- | ---: | ---: | --- |\n");
	for (int i = 0; i < 6; i++) {
		const struct metric_change *m = &d->metrics[i];
		strbuf_addf(out, "| %s | %.4f | %.4f | %s |\n", m->name, m->old_value, m->new_value,
			    m->worse ? "worse" : m->better ? "better" : "");
	}
}

static const struct diff_writer writers[] = {
	{ "text", text_write },
	{ "json", json_write },
	{ "markdown", markdown_write },
};

const struct diff_writer *diff_writer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i].name, name) == 0)
			return &writers[i];
	return NULL;
}
