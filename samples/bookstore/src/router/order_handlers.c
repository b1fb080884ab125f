/* order_handlers.c - order, stock and sales-report handlers. */
#include "router/handlers.h"
#include "config/config.h"
#include "http/http.h"
#include "inventory/inventory.h"
#include "jobs/report.h"
#include "orders/orders.h"
#include "util/strutil.h"

#include <stdio.h>
#include <string.h>

#define ORDER_JSON_MAX 4096

static int order_error_status(int rc)
{
    switch (rc) {
    case ORDER_EINVAL:     return 400;
    case ORDER_ENOTFOUND:  return 404;
    case ORDER_ESTOCK:     return 409;
    case ORDER_EPAYMENT:   return 402;
    case ORDER_EFORBIDDEN: return 404; /* do not reveal other customers' orders */
    case ORDER_ESTATE:     return 409;
    case ORDER_EGATEWAY:   return 502;
    default:               return 500;
    }
}

static int respond_order(struct http_response *resp, int status, const struct order *o)
{
    char json[ORDER_JSON_MAX];

    if (order_to_json(o, json, sizeof json) != 0)
        return http_respond_error(resp, 500, "order too large to encode");
    return http_respond_json(resp, status, "%s", json);
}

static int parse_order_id(const char *param, unsigned long *id)
{
    long v;

    if (str_parse_long(param, 1, 999999999L, &v) != 0)
        return -1;
    *id = (unsigned long)v;
    return 0;
}

int handle_create_order(const struct request_ctx *ctx, struct http_response *resp)
{
    struct order_request rq;
    struct order o;
    char err[160], location[48];
    int rc;

    if (ctx->req->body == NULL)
        return http_respond_error(resp, 400, "empty order");
    rc = order_parse_request(ctx->req->body, ctx->req->body_len, ctx->who.user, &rq, err, sizeof err);
    if (rc == ORDER_OK)
        rc = order_create(&rq, &o, err, sizeof err);
    if (rc != ORDER_OK)
        return http_respond_error(resp, order_error_status(rc), err);
    snprintf(location, sizeof location, "/orders/%lu", o.id);
    http_add_header(resp, "Location", location);
    return respond_order(resp, 201, &o);
}

int handle_get_order(const struct request_ctx *ctx, struct http_response *resp)
{
    struct order o;
    unsigned long id;

    if (parse_order_id(ctx->param, &id) != 0)
        return http_respond_error(resp, 400, "bad order id");
    if (order_get(id, &o) != ORDER_OK ||
        (ctx->who.role != ROLE_STAFF && strcmp(o.customer, ctx->who.user) != 0))
        return http_respond_error(resp, 404, "no such order");
    return respond_order(resp, 200, &o);
}

int handle_cancel_order(const struct request_ctx *ctx, struct http_response *resp)
{
    struct order o;
    unsigned long id;
    char err[160];
    int rc;

    if (parse_order_id(ctx->param, &id) != 0)
        return http_respond_error(resp, 400, "bad order id");
    rc = order_cancel(id, ctx->who.user, ctx->who.role == ROLE_STAFF, &o, err, sizeof err);
    if (rc != ORDER_OK)
        return http_respond_error(resp, order_error_status(rc), err);
    return respond_order(resp, 200, &o);
}

int handle_stock_level(const struct request_ctx *ctx, struct http_response *resp)
{
    char norm[ISBN_BUF], isbn13[ISBN_BUF];
    struct stock_level level;

    if (isbn_normalize(ctx->param, norm, sizeof norm) != 0 || isbn_to13(norm, isbn13, sizeof isbn13) != 0)
        return http_respond_error(resp, 400, "bad isbn");
    if (inventory_level(isbn13, &level) != INVENTORY_OK)
        return http_respond_error(resp, 404, "not stocked");
    return http_respond_json(resp, 200,
                             "{\"isbn\":\"%s\",\"on_hand\":%d,\"reserved\":%d,\"available\":%d,"
                             "\"sold\":%lu,\"low\":%s}",
                             isbn13, level.on_hand, level.reserved, level.available, level.sold,
                             level.available <= config_low_stock_threshold() ? "true" : "false");
}

int handle_sales_report(const struct request_ctx *ctx, struct http_response *resp)
{
    struct sales_report r;
    char json[2048], retry[16];

    (void)ctx;
    if (report_latest(&r) != 0) {
        snprintf(retry, sizeof retry, "%d", config_report_interval());
        http_add_header(resp, "Retry-After", retry);
        return http_respond_error(resp, 503, "no report has been computed yet");
    }
    if (report_format_json(&r, json, sizeof json) != 0)
        return http_respond_error(resp, 500, "report too large to encode");
    return http_respond_json(resp, 200, "%s", json);
}
