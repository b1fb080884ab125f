/* jsonpos.c — line:column of JSON values, for errors that point at them */
#include "jsonpos.h"

void jsonpos_line_col(const char *text, size_t offset, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset && text[i]; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* What cJSON skips between tokens: every byte up to and including space. */
void jsonpos_locate(const char *text, const char *at, unsigned *line, unsigned *col)
{
	jsonpos_line_col(text, at && at >= text ? (size_t)(at - text) : 0, line, col);
}

static bool is_space(char c)
{
	return (unsigned char)c <= ' ';
}

void jsonpos_syntax_error(struct strbuf *err, const char *name, const char *text, size_t len, const char *at)
{
	unsigned line, col;
	jsonpos_line_col(text, at && at >= text && at <= text + len ? (size_t)(at - text) : 0, &line, &col);
	strbuf_addf(err, "%s:%u:%u: malformed JSON", name, line, col);
}

/* The offset just past the string starting at text[i] (a '"'). */
static size_t skip_string(const char *text, size_t len, size_t i)
{
	for (i++; i < len && text[i] != '"'; i++)
		if (text[i] == '\\')
			i++;
	return i < len ? i + 1 : len;
}

static size_t skip_space(const char *text, size_t len, size_t i)
{
	while (i < len && is_space(text[i]))
		i++;
	return i;
}

const char *jsonpos_trailing(const char *text, size_t len, const char *end)
{
	if (!end || end < text || end > text + len)
		return NULL;
	size_t o = skip_space(text, len, (size_t)(end - text));
	return o < len ? text + o : NULL;
}

void jsonpos_values(const char *text, size_t len, jsonpos_offsets *out)
{
	size_t i = 0;
	while (i < len) {
		char c = text[i];
		if (is_space(c) || c == ',' || c == ':' || c == '}' || c == ']') {
			i++;
		} else if (c == '"') {
			size_t end = skip_string(text, len, i);
			size_t next = skip_space(text, len, end);
			if (next >= len || text[next] != ':') /* a key is not a value */
				VEC_PUSH(*out, i);
			i = end;
		} else if (c == '{' || c == '[') {
			VEC_PUSH(*out, i);
			i++;
		} else {
			VEC_PUSH(*out, i);
			while (i < len && !is_space(text[i]) && text[i] != ',' && text[i] != '}' && text[i] != ']')
				i++;
		}
	}
}
