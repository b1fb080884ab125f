/* decomposition.c — partitions of files into clusters: RSF and JSON in, RSF out */
#include "decomposition.h"
#include "fsutil.h"
#include "jsonpos.h"
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void decomposition_init(struct decomposition *d)
{
	arena_init(&d->strings);
	d->entries.v = NULL;
	d->entries.n = d->entries.cap = 0;
	hashmap_init(&d->entities, false);
	hashmap_init(&d->clusters, false);
}

void decomposition_release(struct decomposition *d)
{
	VEC_FREE(d->entries);
	hashmap_release(&d->entities);
	hashmap_release(&d->clusters);
	arena_release(&d->strings);
}

static const char *intern_cluster(struct decomposition *d, const char *cluster)
{
	const char *have = hashmap_find_key(&d->clusters, cluster);
	if (have)
		return have;
	char *copy = arena_strdup(&d->strings, cluster);
	hashmap_put(&d->clusters, copy, (uint32_t)d->clusters.count);
	return copy;
}

int decomposition_add(struct decomposition *d, const char *entity, const char *cluster)
{
	if (hashmap_find_key(&d->entities, entity))
		return -1;
	struct decomposition_entry e = { arena_strdup(&d->strings, entity), intern_cluster(d, cluster) };
	hashmap_put(&d->entities, e.entity, (uint32_t)d->entries.n);
	VEC_PUSH(d->entries, e);
	return 0;
}

const char *decomposition_cluster_of(const struct decomposition *d, const char *entity)
{
	uint32_t i;
	return hashmap_get(&d->entities, entity, &i) ? d->entries.v[i].cluster : NULL;
}

size_t decomposition_cluster_count(const struct decomposition *d)
{
	return d->clusters.count; /* a cluster is only ever created by adding an entity to it */
}

/* Adds or explains why not: `where` is "'x.rsf':3" or "'x.json'". */
static int add_checked(struct decomposition *d, const char *entity, const char *cluster, const char *where,
		       struct strbuf *err)
{
	if (decomposition_add(d, entity, cluster) == 0)
		return 0;
	strbuf_addf(err, "%s: '%s' is listed twice (in '%s' and in '%s')", where, entity,
		    decomposition_cluster_of(d, entity), cluster);
	return -1;
}

/* ---- RSF ----------------------------------------------------------------- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static char unescape(char c)
{
	return c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
}

/* Reads one field at *p (blanks already skipped) into out; returns -1 on an
 * unterminated quote. */
static int rsf_field(const char **p, struct strbuf *out)
{
	const char *s = *p;
	if (*s != '"') {
		while (*s && *s != '\n' && !is_blank(*s))
			strbuf_addch(out, *s++);
		*p = s;
		return 0;
	}
	for (s++; *s && *s != '\n' && *s != '"'; s++) {
		if (*s == '\\' && s[1] && s[1] != '\n') {
			s++;
			strbuf_addch(out, unescape(*s));
		} else {
			strbuf_addch(out, *s);
		}
	}
	if (*s != '"')
		return -1;
	*p = s + 1;
	return 0;
}

enum { RSF_FIELDS = 4 }; /* three are wanted; a fourth means too many */

/* Splits the line at *p into fields and moves *p past its newline.
 * Returns the number of fields read (at most RSF_FIELDS), -1 on a bad quote. */
static int rsf_line(const char **p, struct strbuf *fields)
{
	const char *s = *p;
	int n = 0, rc = 0;
	for (;;) {
		while (is_blank(*s))
			s++;
		if (!*s || *s == '\n' || (n == 0 && *s == '#'))
			break;
		if (n == RSF_FIELDS) {
			n++;
			break;
		}
		strbuf_reset(&fields[n]);
		if (rsf_field(&s, &fields[n++]) != 0) {
			rc = -1;
			break;
		}
	}
	while (*s && *s != '\n')
		s++;
	*p = *s ? s + 1 : s;
	return rc < 0 ? -1 : n > RSF_FIELDS ? RSF_FIELDS : n;
}

static int rsf_statement(struct decomposition *d, int n, struct strbuf *f, const char *where, struct strbuf *err)
{
	if (n < 0) {
		strbuf_addf(err, "%s: unterminated quote", where);
		return -1;
	}
	if (n == 0 || strcmp(strbuf_str(&f[0]), "contain") != 0)
		return 0; /* blank, comment, or another relation */
	if (n != 3) {
		strbuf_addf(err, "%s: expected 'contain <cluster> <entity>'", where);
		return -1;
	}
	return add_checked(d, strbuf_str(&f[2]), strbuf_str(&f[1]), where, err);
}

int decomposition_load_rsf(struct decomposition *d, const char *name, const char *text, struct strbuf *err)
{
	struct strbuf fields[RSF_FIELDS] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	struct strbuf where = STRBUF_INIT;
	size_t before = d->entries.n;
	int rc = 0;
	for (unsigned line = 1; *text && rc == 0; line++) {
		int n = rsf_line(&text, fields);
		strbuf_reset(&where);
		strbuf_addf(&where, "'%s':%u", name, line);
		rc = rsf_statement(d, n, fields, strbuf_str(&where), err);
	}
	if (rc == 0 && d->entries.n == before) {
		strbuf_addf(err, "'%s': no 'contain <cluster> <entity>' line", name);
		rc = -1;
	}
	for (int i = 0; i < RSF_FIELDS; i++)
		strbuf_release(&fields[i]);
	strbuf_release(&where);
	return rc;
}

/* ---- JSON (report.json, EXPECTED.json) ------------------------------------ */

static bool is_string_array(const cJSON *a)
{
	if (!cJSON_IsArray(a))
		return false;
	const cJSON *x;
	cJSON_ArrayForEach(x, a)
		if (!cJSON_IsString(x))
			return false;
	return true;
}

static int load_service(struct decomposition *d, const cJSON *s, int idx, const char *name, struct strbuf *err)
{
	const cJSON *sname = cJSON_GetObjectItemCaseSensitive(s, "name");
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(s, "files");
	if (!cJSON_IsObject(s) || !cJSON_IsString(sname) || !is_string_array(files)) {
		strbuf_addf(err, "'%s': services[%d]: expected {\"name\": \"...\", \"files\": [\"...\"]}", name, idx);
		return -1;
	}
	struct strbuf where = STRBUF_INIT;
	strbuf_addf(&where, "'%s': services[%d]", name, idx);
	int rc = 0;
	const cJSON *f;
	cJSON_ArrayForEach(f, files)
		if ((rc = add_checked(d, f->valuestring, sname->valuestring, strbuf_str(&where), err)) != 0)
			break;
	strbuf_release(&where);
	return rc;
}

static int load_services(struct decomposition *d, const cJSON *root, const char *name, struct strbuf *err)
{
	const cJSON *services = cJSON_GetObjectItemCaseSensitive(root, "services");
	if (!cJSON_IsObject(root) || !cJSON_IsArray(services)) {
		strbuf_addf(err, "'%s': expected a JSON object with a \"services\" array "
			    "(a seam report with services, or an EXPECTED.json answer key)", name);
		return -1;
	}
	size_t before = d->entries.n;
	int idx = 0;
	const cJSON *s;
	cJSON_ArrayForEach(s, services)
		if (load_service(d, s, idx++, name, err) != 0)
			return -1;
	if (d->entries.n == before) {
		strbuf_addf(err, "'%s': \"services\" lists no files", name);
		return -1;
	}
	return 0;
}

int decomposition_load_json(struct decomposition *d, const char *name, const char *text, struct strbuf *err)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
	if (!root) {
		unsigned line, col;
		jsonpos_locate(text, end ? end : cJSON_GetErrorPtr(), &line, &col);
		strbuf_addf(err, "'%s':%u:%u: malformed JSON", name, line, col);
		return -1;
	}
	int rc = load_services(d, root, name, err);
	cJSON_Delete(root);
	return rc;
}

int decomposition_load_text(struct decomposition *d, const char *name, const char *text, struct strbuf *err)
{
	if (strncmp(text, "\xEF\xBB\xBF", 3) == 0) /* a UTF-8 byte order mark */
		text += 3;
	const char *p = text;
	while (is_blank(*p) || *p == '\n')
		p++;
	if (*p == '{')
		return decomposition_load_json(d, name, text, err);
	return decomposition_load_rsf(d, name, text, err);
}

int decomposition_load_file(struct decomposition *d, const char *path, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	int rc = fs_read_file(path, &text, err);
	if (rc == 0)
		rc = decomposition_load_text(d, path, strbuf_str(&text), err);
	strbuf_release(&text);
	return rc;
}

/* ---- RSF out ------------------------------------------------------------- */

static int by_cluster_then_entity(const void *x, const void *y)
{
	const struct decomposition_entry *a = x, *b = y;
	int c = strcmp(a->cluster, b->cluster);
	return c ? c : strcmp(a->entity, b->entity);
}

static bool needs_quotes(const char *s)
{
	if (!*s)
		return true;
	for (; *s; s++)
		if (is_blank(*s) || *s == '\n' || *s == '"')
			return true;
	return false;
}

static void rsf_write_field(struct strbuf *out, const char *s)
{
	if (!needs_quotes(s)) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	for (; *s; s++) {
		const char *esc = *s == '"' ? "\\\"" : *s == '\\' ? "\\\\" : *s == '\n' ? "\\n"
				: *s == '\t' ? "\\t" : *s == '\r' ? "\\r" : NULL;
		if (esc)
			strbuf_addstr(out, esc);
		else
			strbuf_addch(out, *s);
	}
	strbuf_addch(out, '"');
}

void decomposition_write_rsf(const struct decomposition *d, struct strbuf *out)
{
	size_t n = d->entries.n;
	if (n == 0)
		return;
	struct decomposition_entry *sorted = xmalloc(n * sizeof(*sorted));
	memcpy(sorted, d->entries.v, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), by_cluster_then_entity);
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(out, "contain ");
		rsf_write_field(out, sorted[i].cluster);
		strbuf_addch(out, ' ');
		rsf_write_field(out, sorted[i].entity);
		strbuf_addch(out, '\n');
	}
	free(sorted);
}
