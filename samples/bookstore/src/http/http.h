/* http.h - HTTP/1.1 request parsing and fixed-size response building. */
#ifndef BOOKSTORE_HTTP_HTTP_H
#define BOOKSTORE_HTTP_HTTP_H

#include <stddef.h>

struct strbuf;

#define HTTP_MAX_HEADERS 24
#define HTTP_MAX_HEADER_BYTES 8192
#define HTTP_MAX_BODY (64 * 1024)
#define HTTP_BODY_MAX (32 * 1024)

struct http_header {
    char name[64];
    char value[256];
};

/* Everything is copied out of the input except body, which points into it. */
struct http_request {
    char method[8];
    char path[256];     /* percent-decoded, without the query */
    char query[512];    /* raw query string, still encoded */
    int version_minor;  /* HTTP/1.x */
    struct http_header headers[HTTP_MAX_HEADERS];
    size_t nheaders;
    const char *body;
    size_t body_len;
    int keep_alive;
};

/*
 * A response is built in place in a caller-provided struct: no allocation,
 * the body is truncated (and .truncated set) when it does not fit.
 */
struct http_response {
    int status;
    char content_type[48];
    char headers[512];
    size_t headers_len;
    char body[HTTP_BODY_MAX];
    size_t body_len;
    int truncated;
};

enum http_parse_result {
    HTTP_PARSE_OK,
    HTTP_PARSE_INCOMPLETE,
    HTTP_PARSE_ERROR,
    HTTP_PARSE_TOO_LARGE
};

/* parser.c */
enum http_parse_result http_parse_request(const char *buf, size_t len,
                                          struct http_request *req, size_t *consumed);
const char *http_header_get(const struct http_request *req, const char *name);
int http_query_param(const struct http_request *req, const char *name, char *out, size_t outlen);
int http_body_param(const struct http_request *req, const char *name, char *out, size_t outlen);
const char *http_bearer_token(const struct http_request *req);

/* response.c */
void http_response_init(struct http_response *resp);
const char *http_status_text(int status);
int http_add_header(struct http_response *resp, const char *name, const char *value);
int http_body_appendf(struct http_response *resp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int http_respond_json(struct http_response *resp, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int http_respond_text(struct http_response *resp, int status, const char *text);
int http_respond_error(struct http_response *resp, int status, const char *message);
/* Appends the wire form of resp to out (allocates through strbuf). */
int http_response_serialize(const struct http_response *resp, int keep_alive, struct strbuf *out);

#endif
