/* parser.c - HTTP/1.1 request parser: pure functions over the caller's bytes. */
#include "http/http.h"
#include "util/strutil.h"
#include "util/urlenc.h"

#include <ctype.h>
#include <string.h>

static const char *const known_methods[] = { "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS" };

/* Returns the offset just past the blank line ending the head, or 0. */
static size_t find_head_end(const char *buf, size_t len)
{
    for (size_t i = 3; i < len; i++)
        if (buf[i - 3] == '\r' && buf[i - 2] == '\n' && buf[i - 1] == '\r' && buf[i] == '\n')
            return i + 1;
    return 0;
}

static const char *next_line(const char *p, const char *end, size_t *linelen)
{
    const char *cr = p;

    while (cr + 1 < end && !(cr[0] == '\r' && cr[1] == '\n'))
        cr++;
    *linelen = (size_t)(cr - p);
    return cr + 2 <= end ? cr + 2 : end;
}

static int method_known(const char *m)
{
    for (size_t i = 0; i < ARRAY_LEN(known_methods); i++)
        if (strcmp(m, known_methods[i]) == 0)
            return 1;
    return 0;
}

static int parse_request_line(const char *line, size_t len, struct http_request *req)
{
    const char *sp1 = memchr(line, ' ', len);
    const char *sp2, *target, *q;
    size_t mlen, tlen, plen;

    if (sp1 == NULL)
        return -1;
    mlen = (size_t)(sp1 - line);
    if (mlen == 0 || mlen >= sizeof req->method)
        return -1;
    memcpy(req->method, line, mlen);
    req->method[mlen] = '\0';
    if (!method_known(req->method))
        return -1;

    target = sp1 + 1;
    sp2 = memchr(target, ' ', len - mlen - 1);
    if (sp2 == NULL || target[0] != '/')
        return -1;
    tlen = (size_t)(sp2 - target);

    q = memchr(target, '?', tlen);
    plen = q != NULL ? (size_t)(q - target) : tlen;
    if (url_decode(target, plen, req->path, sizeof req->path) < 0)
        return -1;
    req->query[0] = '\0';
    if (q != NULL) {
        size_t qlen = tlen - plen - 1;
        if (qlen >= sizeof req->query)
            return -1;
        memcpy(req->query, q + 1, qlen);
        req->query[qlen] = '\0';
    }

    if ((size_t)(line + len - sp2) != 9 || memcmp(sp2 + 1, "HTTP/1.", 7) != 0)
        return -1;
    if (sp2[8] != '0' && sp2[8] != '1')
        return -1;
    req->version_minor = sp2[8] - '0';
    return 0;
}

static int parse_header_line(const char *line, size_t len, struct http_header *h)
{
    const char *colon = memchr(line, ':', len);
    const char *v, *end = line + len;
    size_t nlen, vlen;

    if (colon == NULL || colon == line)
        return -1;
    nlen = (size_t)(colon - line);
    if (nlen >= sizeof h->name)
        return -1;
    for (size_t i = 0; i < nlen; i++)
        if (!isgraph((unsigned char)line[i]))
            return -1;
    memcpy(h->name, line, nlen);
    h->name[nlen] = '\0';

    v = colon + 1;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    vlen = (size_t)(end - v);
    if (vlen >= sizeof h->value)
        return -1;
    memcpy(h->value, v, vlen);
    h->value[vlen] = '\0';
    return 0;
}

const char *http_header_get(const struct http_request *req, const char *name)
{
    for (size_t i = 0; i < req->nheaders; i++)
        if (str_ci_eq(req->headers[i].name, name))
            return req->headers[i].value;
    return NULL;
}

static int parse_content_length(const struct http_request *req, size_t *out)
{
    const char *v = http_header_get(req, "Content-Length");
    long n;

    *out = 0;
    if (v == NULL)
        return 0;
    if (str_parse_long(v, 0, HTTP_MAX_BODY, &n) != 0)
        return -1;
    *out = (size_t)n;
    return 0;
}

static int wants_keep_alive(const struct http_request *req)
{
    const char *c = http_header_get(req, "Connection");

    if (c != NULL && str_ci_eq(c, "close"))
        return 0;
    if (c != NULL && str_ci_eq(c, "keep-alive"))
        return 1;
    return req->version_minor >= 1;
}

enum http_parse_result http_parse_request(const char *buf, size_t len,
                                          struct http_request *req, size_t *consumed)
{
    size_t head = find_head_end(buf, len);
    const char *p = buf, *end, *line;
    size_t linelen, body_len;

    if (head == 0)
        return len > HTTP_MAX_HEADER_BYTES ? HTTP_PARSE_TOO_LARGE : HTTP_PARSE_INCOMPLETE;
    memset(req, 0, sizeof *req);
    end = buf + head - 2; /* stop before the terminating empty line */

    line = p;
    p = next_line(p, end, &linelen);
    if (parse_request_line(line, linelen, req) != 0)
        return HTTP_PARSE_ERROR;

    while (p < end) {
        line = p;
        p = next_line(p, end, &linelen);
        if (linelen == 0)
            break;
        if (req->nheaders == HTTP_MAX_HEADERS)
            return HTTP_PARSE_TOO_LARGE;
        if (parse_header_line(line, linelen, &req->headers[req->nheaders]) != 0)
            return HTTP_PARSE_ERROR;
        req->nheaders++;
    }

    if (http_header_get(req, "Transfer-Encoding") != NULL)
        return HTTP_PARSE_ERROR; /* chunked uploads are not supported */
    if (parse_content_length(req, &body_len) != 0)
        return HTTP_PARSE_TOO_LARGE;
    if (len - head < body_len)
        return HTTP_PARSE_INCOMPLETE;

    req->body = buf + head;
    req->body_len = body_len;
    req->keep_alive = wants_keep_alive(req);
    *consumed = head + body_len;
    return HTTP_PARSE_OK;
}

int http_query_param(const struct http_request *req, const char *name, char *out, size_t outlen)
{
    return form_param(req->query, strlen(req->query), name, out, outlen);
}

int http_body_param(const struct http_request *req, const char *name, char *out, size_t outlen)
{
    if (req->body == NULL)
        return -1;
    return form_param(req->body, req->body_len, name, out, outlen);
}

const char *http_bearer_token(const struct http_request *req)
{
    const char *auth = http_header_get(req, "Authorization");

    if (auth == NULL || strncmp(auth, "Bearer ", 7) != 0)
        return NULL;
    auth += 7;
    while (*auth == ' ')
        auth++;
    return *auth != '\0' ? auth : NULL;
}
