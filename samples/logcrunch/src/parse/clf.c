/*
 * clf.c - Common/Combined Log Format line parser.
 *
 * Pure: no globals, no I/O, no allocation.  The scanner walks a cursor
 * over [line, line + len) and copies fields into the caller's record.
 */
#include "parse/clf.h"

#include <ctype.h>
#include <string.h>

#include "parse/date.h"
#include "parse/ip.h"
#include "parse/urldecode.h"

struct cursor {
    const char *p;
    const char *end;
};

static const char *const clf_messages[] = {
    "ok",
    "empty line",
    "missing or malformed host",
    "missing or malformed timestamp",
    "malformed request line",
    "malformed status code",
    "malformed byte count",
    "garbage after the last field",
};

static void skip_blanks(struct cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
}

static int at_end(const struct cursor *c)
{
    return c->p >= c->end;
}

/* Copy n bytes into dst (capacity cap), truncating; returns 1 if truncated. */
static int copy_span(const char *src, size_t n, char *dst, size_t cap)
{
    int truncated = 0;

    if (cap == 0)
        return 1;
    if (n >= cap) {
        n = cap - 1;
        truncated = 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
    return truncated;
}

/* A run of non-blank bytes. */
static int scan_word(struct cursor *c, char *dst, size_t cap)
{
    const char *start;

    skip_blanks(c);
    start = c->p;
    while (c->p < c->end && !isspace((unsigned char)*c->p))
        c->p++;
    if (c->p == start)
        return -1;
    copy_span(start, (size_t)(c->p - start), dst, cap);
    return 0;
}

/*
 * A field between open and close, e.g. [..] or "..".  Inside quotes a
 * backslash escapes the next byte, as Apache writes \" and \\.
 */
static int scan_delimited(struct cursor *c, char open, char close,
                          char *dst, size_t cap)
{
    size_t n = 0;

    skip_blanks(c);
    if (at_end(c) || *c->p != open)
        return -1;
    c->p++;
    while (c->p < c->end && *c->p != close) {
        char ch = *c->p++;
        if (ch == '\\' && open == '"' && c->p < c->end)
            ch = *c->p++;
        if (n + 1 < cap)
            dst[n++] = ch;
    }
    if (at_end(c))
        return -1;          /* unterminated */
    c->p++;                 /* the closing delimiter */
    if (cap > 0)
        dst[n] = '\0';
    return 0;
}

static int parse_decimal(const char *s, long long *out)
{
    long long v = 0;

    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (!isdigit((unsigned char)*s))
            return -1;
        if (v > (9223372036854775807LL - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return 0;
}

/* "GET /index.html?q=1 HTTP/1.1" -> method, raw_path, protocol. */
static int split_request(const char *req, struct record *out)
{
    const char *sp1;
    const char *sp2;
    const char *path;

    if (strcmp(req, "-") == 0) {
        out->method[0] = '\0';
        out->raw_path[0] = '\0';
        out->protocol[0] = '\0';
        return 0;
    }
    sp1 = strchr(req, ' ');
    if (sp1 == NULL || sp1 == req)
        return -1;
    copy_span(req, (size_t)(sp1 - req), out->method, sizeof out->method);
    path = sp1 + 1;
    sp2 = strrchr(path, ' ');
    if (sp2 == NULL) {
        /* HTTP/0.9 style request without a protocol */
        copy_span(path, strlen(path), out->raw_path, sizeof out->raw_path);
        out->protocol[0] = '\0';
    } else {
        copy_span(path, (size_t)(sp2 - path), out->raw_path,
                  sizeof out->raw_path);
        copy_span(sp2 + 1, strlen(sp2 + 1), out->protocol,
                  sizeof out->protocol);
    }
    return out->raw_path[0] == '\0' ? -1 : 0;
}

static void dash_to_empty(char *s)
{
    if (s[0] == '-' && s[1] == '\0')
        s[0] = '\0';
}

int clf_is_comment(const char *line, size_t len)
{
    size_t i = 0;

    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    return i == len || line[i] == '#' || line[i] == '\n' || line[i] == '\r';
}

int clf_parse_line(const char *line, size_t len, struct record *out)
{
    struct cursor c;
    char field[REC_TEXT_MAX];
    char request[REC_PATH_MAX + 64];
    long long n;

    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    if (len == 0)
        return CLF_ERR_EMPTY;

    memset(out, 0, sizeof *out);
    out->duration_us = -1;
    c.p = line;
    c.end = line + len;

    if (scan_word(&c, out->host, sizeof out->host) != 0)
        return CLF_ERR_HOST;
    out->has_ip = ip_parse_v4(out->host, &out->ipv4) == 0;
    if (scan_word(&c, out->ident, sizeof out->ident) != 0 ||
        scan_word(&c, out->user, sizeof out->user) != 0)
        return CLF_ERR_HOST;
    dash_to_empty(out->ident);
    dash_to_empty(out->user);

    if (scan_delimited(&c, '[', ']', field, sizeof field) != 0 ||
        date_parse_clf(field, &out->epoch, &out->tz_offset_min) != 0)
        return CLF_ERR_DATE;

    if (scan_delimited(&c, '"', '"', request, sizeof request) != 0 ||
        split_request(request, out) != 0)
        return CLF_ERR_REQUEST;
    if (url_decode(out->raw_path, out->path, sizeof out->path, 0) != 0)
        copy_span(out->raw_path, strlen(out->raw_path), out->path,
                  sizeof out->path);

    if (scan_word(&c, field, sizeof field) != 0 ||
        parse_decimal(field, &n) != 0 || n < 100 || n > 599)
        return CLF_ERR_STATUS;
    out->status = (int)n;

    if (scan_word(&c, field, sizeof field) != 0)
        return CLF_ERR_BYTES;
    if (strcmp(field, "-") == 0)
        out->bytes = 0;
    else if (parse_decimal(field, &out->bytes) != 0)
        return CLF_ERR_BYTES;

    /* Combined format: optional referer and agent. */
    skip_blanks(&c);
    if (!at_end(&c) && *c.p == '"') {
        if (scan_delimited(&c, '"', '"', out->referer,
                           sizeof out->referer) != 0 ||
            scan_delimited(&c, '"', '"', out->agent,
                           sizeof out->agent) != 0)
            return CLF_ERR_TRAILER;
        dash_to_empty(out->referer);
        dash_to_empty(out->agent);
    }

    /* Optional %D (microseconds) appended by many deployments. */
    skip_blanks(&c);
    if (!at_end(&c)) {
        if (scan_word(&c, field, sizeof field) != 0 ||
            parse_decimal(field, &out->duration_us) != 0)
            return CLF_ERR_TRAILER;
        skip_blanks(&c);
        if (!at_end(&c))
            return CLF_ERR_TRAILER;
    }
    return CLF_OK;
}

const char *clf_strerror(int err)
{
    size_t idx = err <= 0 ? (size_t)(-err) : 0;

    if (idx >= sizeof clf_messages / sizeof clf_messages[0])
        return "unknown error";
    return clf_messages[idx];
}
