/* jsonout.c — compact JSON from cJSON trees, the same bytes as cJSON_PrintUnformatted */
#include "jsonout.h"
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Bytes cJSON escapes: '"', '\\' and everything below 0x20. */
static int needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

static void add_escape(struct strbuf *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', (char)c, 0, 0, 0, 0 };
	size_t n = 2;
	switch (c) {
	case '\b': e[1] = 'b'; break;
	case '\f': e[1] = 'f'; break;
	case '\n': e[1] = 'n'; break;
	case '\r': e[1] = 'r'; break;
	case '\t': e[1] = 't'; break;
	case '"':
	case '\\': break;
	default:
		e[1] = 'u', e[2] = '0', e[3] = '0', e[4] = hex[c >> 4], e[5] = hex[c & 15];
		n = 6;
	}
	strbuf_add(out, e, n);
}

void jsonout_string(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		const unsigned char *run = p;
		while (*p && !needs_escape(*p))
			p++;
		strbuf_add(out, run, (size_t)(p - run));
		if (*p)
			add_escape(out, *p++);
	}
	strbuf_addch(out, '"');
}

static void add_integer(struct strbuf *out, int64_t v)
{
	char digits[24], *end = digits + sizeof(digits), *p = end;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	strbuf_add(out, p, (size_t)(end - p));
}

static int same_double(double a, double b)
{
	double most = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
	return fabs(a - b) <= most * DBL_EPSILON;
}

/* cJSON's own way: 15 significant digits unless they do not read back as d. */
static void add_general(struct strbuf *out, double d)
{
	char buf[32];
	double test = 0;
	int n = snprintf(buf, sizeof(buf), "%1.15g", d);
	if (sscanf(buf, "%lg", &test) != 1 || !same_double(test, d))
		n = snprintf(buf, sizeof(buf), "%1.17g", d);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return;
	char point = localeconv()->decimal_point[0];
	for (int i = 0; i < n; i++)
		if (buf[i] == point)
			buf[i] = '.';
	strbuf_add(out, buf, (size_t)n);
}

void jsonout_number(struct strbuf *out, double d)
{
	if (isnan(d) || isinf(d))
		strbuf_addstr(out, "null");
	else if (fabs(d) < 1e15 && d == trunc(d) && !(d == 0 && signbit(d)))
		add_integer(out, (int64_t)d); /* what "%1.15g" prints for it, and "%d" too */
	else
		add_general(out, d);
}

static void add_children(struct strbuf *out, const cJSON *item, bool keyed)
{
	for (const cJSON *c = item->child; c; c = c->next) {
		if (keyed) {
			jsonout_string(out, c->string);
			strbuf_addch(out, ':');
		}
		jsonout_item(out, c);
		if (c->next)
			strbuf_addch(out, ',');
	}
}

void jsonout_item(struct strbuf *out, const cJSON *item)
{
	switch (item->type & 0xFF) {
	case cJSON_NULL: strbuf_addstr(out, "null"); break;
	case cJSON_False: strbuf_addstr(out, "false"); break;
	case cJSON_True: strbuf_addstr(out, "true"); break;
	case cJSON_Number: jsonout_number(out, item->valuedouble); break;
	case cJSON_Raw: strbuf_addstr(out, item->valuestring ? item->valuestring : ""); break;
	case cJSON_String: jsonout_string(out, item->valuestring); break;
	case cJSON_Array:
		strbuf_addch(out, '[');
		add_children(out, item, false);
		strbuf_addch(out, ']');
		break;
	case cJSON_Object:
		strbuf_addch(out, '{');
		add_children(out, item, true);
		strbuf_addch(out, '}');
		break;
	default: break;
	}
}

void jsonout_begin(struct jsonout *j, struct strbuf *out, char open)
{
	j->out = out;
	j->more = false;
	strbuf_addch(out, open);
}

/* the separator and, in objects, the key of the next member */
static void add_key(struct jsonout *j, const char *key)
{
	if (j->more)
		strbuf_addch(j->out, ',');
	j->more = true;
	if (key) {
		jsonout_string(j->out, key);
		strbuf_addch(j->out, ':');
	}
}

void jsonout_nest(struct jsonout *child, struct jsonout *parent, const char *key, char open)
{
	add_key(parent, key);
	jsonout_begin(child, parent->out, open);
}

void jsonout_end(struct jsonout *j, char close)
{
	strbuf_addch(j->out, close);
}

void jsonout_add_string(struct jsonout *j, const char *key, const char *s)
{
	if (!s)
		return;
	add_key(j, key);
	jsonout_string(j->out, s);
}

void jsonout_add_number(struct jsonout *j, const char *key, double d)
{
	add_key(j, key);
	jsonout_number(j->out, d);
}

void jsonout_add_bool(struct jsonout *j, const char *key, bool b)
{
	add_key(j, key);
	strbuf_addstr(j->out, b ? "true" : "false");
}

void jsonout_add_null(struct jsonout *j, const char *key)
{
	add_key(j, key);
	strbuf_addstr(j->out, "null");
}
