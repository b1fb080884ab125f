/* router.h - maps "METHOD /path" to request handlers through a static route table. */
#ifndef BOOKSTORE_ROUTER_ROUTER_H
#define BOOKSTORE_ROUTER_ROUTER_H

#include <stddef.h>

#include "auth/auth.h"

struct http_request;
struct http_response;

enum route_auth {
    ROUTE_PUBLIC,
    ROUTE_CUSTOMER,     /* any signed-in user */
    ROUTE_STAFF
};

/* What a handler gets besides the request: the ":param" path segment and the caller. */
struct request_ctx {
    const struct http_request *req;
    char param[128];
    struct principal who;
    unsigned long request_id;
};

/* Handlers fill in resp (caller-owned) and return the HTTP status. */
typedef int (*route_handler)(const struct request_ctx *ctx, struct http_response *resp);

struct route {
    const char *method;
    const char *pattern;    /* "/books/:isbn": one ':' segment captured into ctx->param */
    route_handler handler;
    enum route_auth auth;
};

int route_match(const char *pattern, const char *path, char *param, size_t paramlen);
int router_dispatch(const struct http_request *req, struct http_response *resp);

#endif
