/* response.c - builds HTTP responses in caller-provided buffers and serialises them. */
#include "http/http.h"
#include "util/strbuf.h"
#include "util/json.h"
#include "util/strutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct status_text {
    int code;
    const char *text;
};

static const struct status_text status_texts[] = {
    { 200, "OK" },
    { 201, "Created" },
    { 204, "No Content" },
    { 400, "Bad Request" },
    { 401, "Unauthorized" },
    { 402, "Payment Required" },
    { 403, "Forbidden" },
    { 404, "Not Found" },
    { 405, "Method Not Allowed" },
    { 409, "Conflict" },
    { 413, "Payload Too Large" },
    { 422, "Unprocessable Entity" },
    { 500, "Internal Server Error" },
    { 502, "Bad Gateway" },
    { 503, "Service Unavailable" },
};

void http_response_init(struct http_response *resp)
{
    resp->status = 200;
    str_copy(resp->content_type, "application/json", sizeof resp->content_type);
    resp->headers[0] = '\0';
    resp->headers_len = 0;
    resp->body[0] = '\0';
    resp->body_len = 0;
    resp->truncated = 0;
}

const char *http_status_text(int status)
{
    for (size_t i = 0; i < ARRAY_LEN(status_texts); i++)
        if (status_texts[i].code == status)
            return status_texts[i].text;
    return "Unknown";
}

int http_add_header(struct http_response *resp, const char *name, const char *value)
{
    size_t room = sizeof resp->headers - resp->headers_len;
    int n = snprintf(resp->headers + resp->headers_len, room, "%s: %s\r\n", name, value);

    if (n < 0 || (size_t)n >= room) {
        resp->headers[resp->headers_len] = '\0';
        return -1;
    }
    resp->headers_len += (size_t)n;
    return 0;
}

static int body_vappendf(struct http_response *resp, const char *fmt, va_list ap)
{
    size_t room = sizeof resp->body - resp->body_len;
    int n;

    if (resp->truncated)
        return -1;
    n = vsnprintf(resp->body + resp->body_len, room, fmt, ap);
    if (n < 0)
        return -1;
    if ((size_t)n >= room) {
        resp->body_len = sizeof resp->body - 1;
        resp->truncated = 1;
        return -1;
    }
    resp->body_len += (size_t)n;
    return 0;
}

int http_body_appendf(struct http_response *resp, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = body_vappendf(resp, fmt, ap);
    va_end(ap);
    return rc;
}

int http_respond_json(struct http_response *resp, int status, const char *fmt, ...)
{
    va_list ap;

    resp->status = status;
    str_copy(resp->content_type, "application/json", sizeof resp->content_type);
    resp->body_len = 0;
    resp->truncated = 0;
    va_start(ap, fmt);
    body_vappendf(resp, fmt, ap);
    va_end(ap);
    return status;
}

int http_respond_text(struct http_response *resp, int status, const char *text)
{
    resp->status = status;
    str_copy(resp->content_type, "text/plain; charset=utf-8", sizeof resp->content_type);
    resp->body_len = 0;
    resp->truncated = 0;
    http_body_appendf(resp, "%s", text);
    return status;
}

int http_respond_error(struct http_response *resp, int status, const char *message)
{
    char esc[256];

    json_escape(message, esc, sizeof esc);
    return http_respond_json(resp, status, "{\"error\":\"%s\",\"status\":%d}", esc, status);
}

static void format_http_date(char *out, size_t len)
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(out, len, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

int http_response_serialize(const struct http_response *resp, int keep_alive, struct strbuf *out)
{
    char date[64];

    format_http_date(date, sizeof date);
    if (strbuf_appendf(out, "HTTP/1.1 %d %s\r\n", resp->status, http_status_text(resp->status)) != 0)
        return -1;
    if (strbuf_appendf(out, "Date: %s\r\nServer: bookstore\r\n", date) != 0)
        return -1;
    if (strbuf_appendf(out, "Content-Type: %s\r\nContent-Length: %zu\r\n",
                       resp->content_type, resp->body_len) != 0)
        return -1;
    if (strbuf_puts(out, keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n") != 0)
        return -1;
    if (resp->headers_len > 0 && strbuf_append(out, resp->headers, resp->headers_len) != 0)
        return -1;
    if (strbuf_puts(out, "\r\n") != 0)
        return -1;
    return strbuf_append(out, resp->body, resp->body_len);
}
