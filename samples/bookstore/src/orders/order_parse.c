/* order_parse.c - decoding order forms and encoding orders as JSON; pure functions. */
#include "orders/orders.h"
#include "util/json.h"
#include "util/strutil.h"
#include "util/urlenc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[] = {
    "pending", "paid", "cancelled", "refunded", "failed",
};

const char *order_status_name(enum order_status status)
{
    if ((size_t)status >= ARRAY_LEN(status_names))
        return "unknown";
    return status_names[status];
}

/* "9780131103627:2,9781434640970:1" */
static int parse_items(const char *spec, struct order_request *out, char *err, size_t errlen)
{
    const char *p = spec;

    out->nitems = 0;
    while (*p != '\0') {
        const char *colon = strchr(p, ':');
        const char *comma = strchr(p, ',');
        char isbn[32], qty[8];
        size_t ilen, qlen;
        long q;

        if (colon == NULL || (comma != NULL && comma < colon)) {
            snprintf(err, errlen, "items must look like isbn:qty,isbn:qty");
            return ORDER_EINVAL;
        }
        ilen = (size_t)(colon - p);
        qlen = comma != NULL ? (size_t)(comma - colon - 1) : strlen(colon + 1);
        if (ilen >= sizeof isbn || qlen >= sizeof qty || out->nitems == ORDER_MAX_ITEMS) {
            snprintf(err, errlen, "too many items or malformed item");
            return ORDER_EINVAL;
        }
        memcpy(isbn, p, ilen);
        isbn[ilen] = '\0';
        memcpy(qty, colon + 1, qlen);
        qty[qlen] = '\0';
        if (isbn_normalize(isbn, out->items[out->nitems].isbn, ISBN_BUF) != 0 ||
            str_parse_long(qty, 1, 99, &q) != 0) {
            snprintf(err, errlen, "bad item '%s:%s'", isbn, qty);
            return ORDER_EINVAL;
        }
        out->items[out->nitems].qty = (int)q;
        out->items[out->nitems].unit_cents = 0;
        out->nitems++;
        p = comma != NULL ? comma + 1 : colon + 1 + qlen;
    }
    return out->nitems > 0 ? ORDER_OK : ORDER_EINVAL;
}

int order_parse_request(const char *form, size_t len, const char *customer,
                        struct order_request *out, char *err, size_t errlen)
{
    char items[512];

    memset(out, 0, sizeof *out);
    str_copy(out->customer, customer, sizeof out->customer);
    if (form_param(form, len, "items", items, sizeof items) != 0) {
        snprintf(err, errlen, "missing 'items'");
        return ORDER_EINVAL;
    }
    if (form_param(form, len, "region", out->region, sizeof out->region) != 0 ||
        out->region[0] == '\0') {
        snprintf(err, errlen, "missing 'region'");
        return ORDER_EINVAL;
    }
    if (form_param(form, len, "card", out->card_token, sizeof out->card_token) != 0) {
        snprintf(err, errlen, "missing 'card'");
        return ORDER_EINVAL;
    }
    if (form_param(form, len, "coupon", out->coupon, sizeof out->coupon) != 0)
        out->coupon[0] = '\0';
    return parse_items(items, out, err, errlen);
}

static int appendf(char *out, size_t len, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int appendf(char *out, size_t len, size_t *pos, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (*pos >= len)
        return -1;
    va_start(ap, fmt);
    n = vsnprintf(out + *pos, len - *pos, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= len - *pos)
        return -1;
    *pos += (size_t)n;
    return 0;
}

int order_to_json(const struct order *o, char *out, size_t len)
{
    char customer[96];
    size_t pos = 0;
    int rc;

    json_escape(o->customer, customer, sizeof customer);
    rc = appendf(out, len, &pos,
                 "{\"id\":%lu,\"customer\":\"%s\",\"region\":\"%s\",\"status\":\"%s\",\"items\":[",
                 o->id, customer, o->region, order_status_name(o->status));
    for (size_t i = 0; rc == 0 && i < o->nitems; i++)
        rc = appendf(out, len, &pos, "%s{\"isbn\":\"%s\",\"qty\":%d,\"unit_cents\":%ld}",
                     i > 0 ? "," : "", o->items[i].isbn, o->items[i].qty, o->items[i].unit_cents);
    if (rc == 0)
        rc = appendf(out, len, &pos,
                     "],\"subtotal\":%ld,\"discount\":%ld,\"shipping\":%ld,\"tax\":%ld,"
                     "\"total\":%ld,\"currency\":\"%s\",\"created_at\":%lld}",
                     o->quote.subtotal, o->quote.volume_discount + o->quote.coupon_discount,
                     o->quote.shipping, o->quote.tax, o->quote.total, o->quote.currency,
                     (long long)o->created_at);
    return rc;
}
