/* router.c - maps "METHOD /path" to request handlers through a static route table. */
#include "router/router.h"
#include "router/handlers.h"
#include "http/http.h"
#include "log/log.h"
#include "util/strutil.h"

#include <string.h>

static const struct route routes[] = {
    { "GET", "/health", handle_health, ROUTE_PUBLIC },
    { "GET", "/metrics", handle_metrics, ROUTE_STAFF },
    { "GET", "/books", handle_list_books, ROUTE_PUBLIC },
    { "GET", "/books/:isbn", handle_get_book, ROUTE_PUBLIC },
    { "GET", "/search", handle_search, ROUTE_PUBLIC },
    { "GET", "/categories", handle_categories, ROUTE_PUBLIC },
    { "GET", "/isbn/:isbn", handle_isbn_check, ROUTE_PUBLIC },
    { "POST", "/quote", handle_quote, ROUTE_PUBLIC },
    { "POST", "/login", handle_login, ROUTE_PUBLIC },
    { "POST", "/carts", handle_new_cart, ROUTE_PUBLIC },
    { "POST", "/orders", handle_create_order, ROUTE_CUSTOMER },
    { "GET", "/orders/:id", handle_get_order, ROUTE_CUSTOMER },
    { "POST", "/orders/:id/cancel", handle_cancel_order, ROUTE_CUSTOMER },
    { "GET", "/stock/:isbn", handle_stock_level, ROUTE_STAFF },
    { "GET", "/reports/sales", handle_sales_report, ROUTE_STAFF },
};

/*
 * Segment-by-segment match. A ":name" segment matches any non-empty
 * segment and is copied into param. Returns 1 on a match.
 */
int route_match(const char *pattern, const char *path, char *param, size_t paramlen)
{
    while (*pattern != '\0' && *path != '\0') {
        if (*pattern == ':') {
            size_t n = strcspn(path, "/");
            if (n == 0 || n >= paramlen)
                return 0;
            memcpy(param, path, n);
            param[n] = '\0';
            path += n;
            pattern += strcspn(pattern, "/");
            continue;
        }
        if (*pattern != *path)
            return 0;
        pattern++;
        path++;
    }
    if (*path == '/' && path[1] == '\0')
        path++; /* tolerate one trailing slash */
    return *pattern == '\0' && *path == '\0';
}

static int authorise(const struct route *r, const struct http_request *req,
                     struct request_ctx *ctx, struct http_response *resp)
{
    if (r->auth == ROUTE_PUBLIC)
        return 0;
    if (auth_check_request(req, &ctx->who) != AUTH_OK) {
        http_add_header(resp, "WWW-Authenticate", "Bearer realm=\"bookstore\"");
        return http_respond_error(resp, 401, "sign in first");
    }
    if (r->auth == ROUTE_STAFF && ctx->who.role != ROLE_STAFF)
        return http_respond_error(resp, 403, "staff only");
    return 0;
}

int router_dispatch(const struct http_request *req, struct http_response *resp)
{
    static unsigned long request_seq;
    struct request_ctx ctx;
    int path_known = 0;

    memset(&ctx, 0, sizeof ctx);
    ctx.req = req;
    ctx.request_id = ++request_seq;
    for (size_t i = 0; i < ARRAY_LEN(routes); i++) {
        const struct route *r = &routes[i];
        int status;

        if (!route_match(r->pattern, req->path, ctx.param, sizeof ctx.param))
            continue;
        path_known = 1;
        if (!str_eq(r->method, req->method))
            continue;
        status = authorise(r, req, &ctx, resp);
        if (status == 0)
            status = r->handler(&ctx, resp);
        LOG_DEBUG("router: #%lu %s %s -> %d", ctx.request_id, req->method, req->path, status);
        return status;
    }
    if (path_known)
        return http_respond_error(resp, 405, "method not allowed");
    return http_respond_error(resp, 404, "no such resource");
}
