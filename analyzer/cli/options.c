/* options.c — table-driven option parsing and help */
#include "options.h"
#include "xalloc.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void list_push(struct option_list *l, char *s)
{
	ALLOC_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n++] = s;
}

static const struct option *find_long(const struct option *opts, const char *name, size_t len)
{
	for (; opts->long_name || opts->short_name; opts++)
		if (opts->long_name && strlen(opts->long_name) == len &&
		    strncmp(opts->long_name, name, len) == 0)
			return opts;
	return NULL;
}

static const struct option *find_short(const struct option *opts, char c)
{
	for (; opts->long_name || opts->short_name; opts++)
		if (opts->short_name == c)
			return opts;
	return NULL;
}

static int set_value(const struct option *o, char *val, struct strbuf *err)
{
	switch (o->type) {
	case OPT_FLAG:
		*(bool *)o->value = true;
		return 0;
	case OPT_STRING:
		*(const char **)o->value = val;
		return 0;
	case OPT_LIST:
		list_push(o->value, val);
		return 0;
	case OPT_UINT: {
		char *end;
		errno = 0;
		unsigned long v = strtoul(val, &end, 10);
		if (errno || !*val || *end || val[0] == '-' || v > 100000) {
			strbuf_addf(err, "option '--%s' expects a whole number, got '%s'", o->long_name, val);
			return -1;
		}
		*(unsigned *)o->value = (unsigned)v;
		return 0;
	}
	}
	return -1;
}

static int take_value(const struct option *o, char *inline_val, int *i, int argc, char **argv,
		      struct strbuf *err)
{
	if (o->type == OPT_FLAG) {
		if (inline_val) {
			strbuf_addf(err, "option '--%s' takes no value", o->long_name);
			return -1;
		}
		return set_value(o, NULL, err);
	}
	if (inline_val)
		return set_value(o, inline_val, err);
	if (*i + 1 >= argc) {
		strbuf_addf(err, "option '--%s' needs a value (%s)", o->long_name, o->metavar);
		return -1;
	}
	return set_value(o, argv[++*i], err);
}

int options_parse(const struct option *opts, int argc, char **argv, struct parsed_args *out,
		  struct strbuf *err)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				list_push(&out->passthrough, argv[i]);
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			out->help = true;
			continue;
		}
		const struct option *o = NULL;
		char *inline_val = NULL;
		if (a[0] == '-' && a[1] == '-') {
			char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			o = find_long(opts, a + 2, len);
			inline_val = eq ? eq + 1 : NULL;
		} else if (a[0] == '-' && a[1]) {
			o = find_short(opts, a[1]);
			inline_val = a[2] ? a + 2 : NULL;
		} else {
			list_push(&out->positional, a);
			continue;
		}
		if (!o) {
			strbuf_addf(err, "unknown option '%s'", a);
			return -1;
		}
		if (take_value(o, inline_val, &i, argc, argv, err) != 0)
			return -1;
	}
	return 0;
}

void options_usage(const struct option *opts, const char *usage, const char *summary,
		   struct strbuf *out)
{
	strbuf_addf(out, "usage: %s\n\n%s\n\noptions:\n", usage, summary);
	for (; opts->long_name || opts->short_name; opts++) {
		struct strbuf left = STRBUF_INIT;
		if (opts->short_name)
			strbuf_addf(&left, "-%c, ", opts->short_name);
		else
			strbuf_addstr(&left, "    ");
		strbuf_addf(&left, "--%s", opts->long_name);
		if (opts->type != OPT_FLAG)
			strbuf_addf(&left, " %s", opts->metavar);
		strbuf_addf(out, "  %-28s %s\n", strbuf_str(&left), opts->help);
		strbuf_release(&left);
	}
	strbuf_addf(out, "  %-28s %s\n", "-h, --help", "show this help");
}

void options_release(const struct option *opts, struct parsed_args *a)
{
	for (; opts->long_name || opts->short_name; opts++)
		if (opts->type == OPT_LIST) {
			struct option_list *l = opts->value;
			free(l->v);
			l->v = NULL;
			l->n = l->cap = 0;
		}
	free(a->positional.v);
	free(a->passthrough.v);
	memset(a, 0, sizeof(*a));
}
