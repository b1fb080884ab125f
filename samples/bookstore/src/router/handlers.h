/* handlers.h - request handlers registered in the route table (router.c). */
#ifndef BOOKSTORE_ROUTER_HANDLERS_H
#define BOOKSTORE_ROUTER_HANDLERS_H

#include "router/router.h"

/* handlers.c: catalogue, pricing, accounts and operations */
int handle_health(const struct request_ctx *ctx, struct http_response *resp);
int handle_metrics(const struct request_ctx *ctx, struct http_response *resp);
int handle_list_books(const struct request_ctx *ctx, struct http_response *resp);
int handle_get_book(const struct request_ctx *ctx, struct http_response *resp);
int handle_search(const struct request_ctx *ctx, struct http_response *resp);
int handle_categories(const struct request_ctx *ctx, struct http_response *resp);
int handle_isbn_check(const struct request_ctx *ctx, struct http_response *resp);
int handle_quote(const struct request_ctx *ctx, struct http_response *resp);
int handle_login(const struct request_ctx *ctx, struct http_response *resp);
int handle_new_cart(const struct request_ctx *ctx, struct http_response *resp);

/* order_handlers.c: orders, stock and sales */
int handle_create_order(const struct request_ctx *ctx, struct http_response *resp);
int handle_get_order(const struct request_ctx *ctx, struct http_response *resp);
int handle_cancel_order(const struct request_ctx *ctx, struct http_response *resp);
int handle_stock_level(const struct request_ctx *ctx, struct http_response *resp);
int handle_sales_report(const struct request_ctx *ctx, struct http_response *resp);

#endif
