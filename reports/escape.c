/* escape.c — names from analysed code, made safe for each output language */
#include "escape.h"
#include <string.h>

void escape_xml(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '"': strbuf_addstr(out, "&quot;"); break;
		case '\'': strbuf_addstr(out, "&#39;"); break;
		case '\n': strbuf_addstr(out, "&#10;"); break;
		case '\t': strbuf_addstr(out, "&#9;"); break;
		case '\r': strbuf_addstr(out, "&#13;"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				strbuf_addstr(out, "\xef\xbf\xbd");
			else
				strbuf_addch(out, (char)c);
		}
	}
}

void escape_markdown(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '<')
			strbuf_addstr(out, "&lt;");
		else if (c == '>')
			strbuf_addstr(out, "&gt;");
		else if (c == '&')
			strbuf_addstr(out, "&amp;");
		else if (c == '\n' || c == '\r' || c == '\t')
			strbuf_addch(out, ' ');
		else if (c < 0x20 || c == 0x7f)
			strbuf_addstr(out, "\xef\xbf\xbd");
		else if (strchr("\\`*_[]{}()#+-.!|~", c))
			strbuf_addf(out, "\\%c", c);
		else
			strbuf_addch(out, (char)c);
	}
}

void escape_uri_path(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~/", c)) {
			strbuf_addch(out, (char)c);
		} else {
			strbuf_addch(out, '%');
			strbuf_addch(out, hex[c >> 4]);
			strbuf_addch(out, hex[c & 15]);
		}
	}
}

void escape_line(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			strbuf_addstr(out, "\\n");
		else if (c == '\t')
			strbuf_addstr(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(out, "\\x%02x", c);
		else
			strbuf_addch(out, (char)c);
	}
}
