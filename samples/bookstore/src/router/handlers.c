/* handlers.c - catalogue, pricing, account and operations handlers. */
#include "router/handlers.h"
#include "bookstore.h"
#include "catalog/catalog.h"
#include "config/config.h"
#include "http/http.h"
#include "inventory/inventory.h"
#include "log/log.h"
#include "net/server.h"
#include "notify/notify.h"
#include "orders/orders.h"
#include "pricing/pricing.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/strutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LIST_PAGE_MAX 50
#define SEARCH_RESULTS_MAX 20
#define CART_ID_BYTES 12

int handle_health(const struct request_ctx *ctx, struct http_response *resp)
{
    (void)ctx;
    return http_respond_json(resp, 200,
                             "{\"status\":\"ok\",\"service\":\"%s\",\"version\":\"%s\","
                             "\"port\":%d,\"uptime_s\":%lld}",
                             BOOKSTORE_NAME, config_version(), g_config.port,
                             (long long)(time(NULL) - g_started_at));
}

int handle_metrics(const struct request_ctx *ctx, struct http_response *resp)
{
    struct server_stats st;
    struct catalog_stats cs;
    unsigned long lookups;

    (void)ctx;
    server_stats_snapshot(&st);
    catalog_cache_stats(&cs);
    lookups = cs.hits + cs.misses;
    return http_respond_json(resp, 200,
        "{\"http\":{\"requests\":%lu,\"4xx\":%lu,\"5xx\":%lu,\"parse_errors\":%lu,"
        "\"active\":%d,\"accepted\":%lu,\"rejected\":%lu,\"bytes_in\":%llu,\"bytes_out\":%llu},"
        "\"catalog_cache\":{\"hits\":%lu,\"misses\":%lu,\"size\":%zu,\"hit_ratio\":%.3f},"
        "\"orders\":%zu,\"stock_skus\":%zu,"
        "\"notify\":{\"pending\":%zu,\"delivered\":%lu,\"dropped\":%lu}}",
        st.requests, st.responses_4xx, st.responses_5xx, st.parse_errors, st.active_conns,
        st.connections_accepted, st.connections_rejected, st.bytes_in, st.bytes_out,
        cs.hits, cs.misses, cs.cached, lookups ? (double)cs.hits / (double)lookups : 0.0,
        order_count(), inventory_count(), notify_pending(), notify_delivered(), g_notify_dropped);
}

/* Appends one book as a JSON object; pure apart from writing into resp. */
static void append_book(struct http_response *resp, const struct book *b, const char *sep)
{
    char title[256], author[192], category[128];

    json_escape(b->title, title, sizeof title);
    json_escape(b->author, author, sizeof author);
    if (category_path(b->category, category, sizeof category) < 0)
        str_copy(category, "books", sizeof category);
    http_body_appendf(resp,
                      "%s{\"isbn\":\"%s\",\"title\":\"%s\",\"author\":\"%s\",\"category\":\"%s\","
                      "\"price_cents\":%ld,\"year\":%d}",
                      sep, b->isbn, title, author, category, b->price_cents, b->year);
}

static long query_long(const struct request_ctx *ctx, const char *name, long dflt, long min, long max)
{
    char buf[24];
    long v;

    if (http_query_param(ctx->req, name, buf, sizeof buf) != 0)
        return dflt;
    return str_parse_long(buf, min, max, &v) == 0 ? v : dflt;
}

int handle_list_books(const struct request_ctx *ctx, struct http_response *resp)
{
    const struct book *page[LIST_PAGE_MAX];
    long offset = query_long(ctx, "offset", 0, 0, 1000000);
    long limit = query_long(ctx, "limit", 20, 1, LIST_PAGE_MAX);
    size_t total, n;

    n = catalog_list(page, (size_t)limit, (size_t)offset, &total);
    http_respond_json(resp, 200, "{\"total\":%zu,\"offset\":%ld,\"books\":[", total, offset);
    for (size_t i = 0; i < n; i++)
        append_book(resp, page[i], i > 0 ? "," : "");
    http_body_appendf(resp, "]}");
    return resp->truncated ? http_respond_error(resp, 500, "page too large") : 200;
}

int handle_get_book(const struct request_ctx *ctx, struct http_response *resp)
{
    const struct book *b = catalog_get(ctx->param);
    struct stock_level level;

    if (b == NULL)
        return http_respond_error(resp, 404, "no such book");
    if (inventory_level(b->isbn, &level) != INVENTORY_OK)
        level.available = 0;
    http_respond_json(resp, 200, "{\"book\":");
    append_book(resp, b, "");
    http_body_appendf(resp, ",\"available\":%d}", level.available > 0 ? level.available : 0);
    return 200;
}

int handle_search(const struct request_ctx *ctx, struct http_response *resp)
{
    const struct book *hits[SEARCH_RESULTS_MAX];
    char q[128], qesc[256];
    size_t n;

    if (http_query_param(ctx->req, "q", q, sizeof q) != 0 || q[0] == '\0')
        return http_respond_error(resp, 400, "missing query parameter 'q'");
    n = catalog_search(q, hits, SEARCH_RESULTS_MAX);
    json_escape(q, qesc, sizeof qesc);
    http_respond_json(resp, 200, "{\"query\":\"%s\",\"count\":%zu,\"results\":[", qesc, n);
    for (size_t i = 0; i < n; i++)
        append_book(resp, hits[i], i > 0 ? "," : "");
    http_body_appendf(resp, "]}");
    return 200;
}

int handle_categories(const struct request_ctx *ctx, struct http_response *resp)
{
    char path[160];

    (void)ctx;
    http_respond_json(resp, 200, "{\"categories\":[");
    for (int id = 0; id < category_count(); id++) {
        if (category_path(id, path, sizeof path) < 0)
            continue;
        http_body_appendf(resp, "%s{\"id\":%d,\"name\":\"%s\",\"parent\":%d,\"path\":\"%s\"}",
                          id > 0 ? "," : "", id, category_name(id), category_parent(id), path);
    }
    http_body_appendf(resp, "]}");
    return 200;
}

int handle_isbn_check(const struct request_ctx *ctx, struct http_response *resp)
{
    char norm[ISBN_BUF], isbn13[ISBN_BUF];

    if (isbn_normalize(ctx->param, norm, sizeof norm) != 0)
        return http_respond_json(resp, 200, "{\"valid\":false,\"reason\":\"not 10 or 13 digits\"}");
    if (!isbn_valid(norm))
        return http_respond_json(resp, 200, "{\"valid\":false,\"reason\":\"bad check digit\"}");
    isbn_to13(norm, isbn13, sizeof isbn13);
    return http_respond_json(resp, 200, "{\"valid\":true,\"isbn13\":\"%s\"}", isbn13);
}

/*
 * Checkout-page estimate: the client sends the cart as it shows it
 * (unit prices in cents), the server does the arithmetic. Nothing is
 * looked up here; order creation re-prices from the catalogue.
 */
int handle_quote(const struct request_ctx *ctx, struct http_response *resp)
{
    struct price_line lines[PRICING_MAX_LINES];
    char spec[512], region[8], coupon[16], total[32];
    struct quote q;
    size_t n;

    if (http_body_param(ctx->req, "lines", spec, sizeof spec) != 0 ||
        pricing_parse_lines(spec, lines, PRICING_MAX_LINES, &n) != PRICING_OK)
        return http_respond_error(resp, 400, "lines must look like 1299x2,899x1");
    if (http_body_param(ctx->req, "region", region, sizeof region) != 0)
        str_copy(region, "DE", sizeof region);
    if (http_body_param(ctx->req, "coupon", coupon, sizeof coupon) != 0)
        coupon[0] = '\0';
    if (pricing_quote(lines, n, region, coupon, &q) != PRICING_OK)
        return http_respond_error(resp, 422, "cart cannot be priced");
    pricing_format_money(q.total, q.currency, total, sizeof total);
    return http_respond_json(resp, 200,
        "{\"items\":%d,\"subtotal\":%ld,\"volume_discount\":%ld,\"coupon_discount\":%ld,"
        "\"coupon_accepted\":%s,\"shipping\":%ld,\"tax_rate_bp\":%d,\"tax\":%ld,"
        "\"total\":%ld,\"currency\":\"%s\",\"display\":\"%s\"}",
        q.items, q.subtotal, q.volume_discount, q.coupon_discount,
        q.coupon_accepted ? "true" : "false", q.shipping, q.tax_rate_bp, q.tax,
        q.total, q.currency, total);
}

int handle_login(const struct request_ctx *ctx, struct http_response *resp)
{
    char user[48], password[128], token[AUTH_TOKEN_MAX];
    long expires;

    if (http_body_param(ctx->req, "user", user, sizeof user) != 0 ||
        http_body_param(ctx->req, "password", password, sizeof password) != 0)
        return http_respond_error(resp, 400, "user and password are required");
    if (auth_login(user, password, token, sizeof token, &expires) != AUTH_OK)
        return http_respond_error(resp, 401, "wrong user or password");
    LOG_INFO("auth: %s signed in (request #%lu)", user, ctx->request_id);
    return http_respond_json(resp, 200, "{\"token\":\"%s\",\"expires\":%ld}", token, expires);
}

static int random_bytes(unsigned char *buf, size_t n)
{
    size_t got = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    return got == n ? 0 : -1;
}

/*
 * Carts live in the browser; the server only hands out an opaque id with
 * a 16-bit check so that mistyped ids are rejected without a lookup.
 */
int handle_new_cart(const struct request_ctx *ctx, struct http_response *resp)
{
    unsigned char raw[CART_ID_BYTES];
    char hex[2 * CART_ID_BYTES + 1];
    unsigned check;

    (void)ctx;
    if (random_bytes(raw, sizeof raw) != 0)
        return http_respond_error(resp, 503, "no entropy available");
    str_hex_encode(raw, sizeof raw, hex, sizeof hex);
    check = (unsigned)(hash_fnv1a(raw, sizeof raw, HASH_FNV1A_OFFSET) & 0xffffu);
    http_add_header(resp, "Cache-Control", "no-store");
    return http_respond_json(resp, 201, "{\"cart\":\"%s-%04x\"}", hex, check);
}
