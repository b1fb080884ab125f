/* pricing.c - order pricing. Pure: everything comes from the arguments and const tables. */
#include "pricing/pricing.h"
#include "util/strutil.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define MAX_AMOUNT_CENTS 100000000L /* 1,000,000.00 per order */

struct tax_rule {
    const char *region;
    int rate_bp;    /* reduced VAT/sales-tax rate for printed books */
};

static const struct tax_rule tax_rules[] = {
    { "DE", 700 }, { "AT", 1000 }, { "FR", 550 }, { "NL", 900 },
    { "BE", 600 }, { "IT", 400 },  { "ES", 400 }, { "IE", 0 },
    { "GB", 0 },   { "US-CA", 725 }, { "US-NY", 400 }, { "US-WA", 650 },
    { "US-OR", 0 }, { "CA-ON", 1300 }, { "CA-QC", 500 },
};

enum coupon_kind { COUPON_PERCENT, COUPON_FIXED, COUPON_FREE_SHIPPING };

struct coupon {
    const char *code;
    enum coupon_kind kind;
    long value;         /* basis points for PERCENT, cents for FIXED */
    long min_subtotal;
    int min_items;
};

static const struct coupon coupons[] = {
    { "SPRING10", COUPON_PERCENT, 1000, 2000, 1 },
    { "BULK3", COUPON_PERCENT, 1500, 0, 3 },
    { "TAKE5", COUPON_FIXED, 500, 3000, 1 },
    { "FREESHIP", COUPON_FREE_SHIPPING, 0, 1500, 1 },
};

struct volume_tier {
    int min_items;
    int discount_bp;
};

/* Ordered by min_items, highest tier last. */
static const struct volume_tier volume_tiers[] = {
    { 10, 500 }, { 25, 1000 }, { 50, 1500 },
};

struct shipping_zone {
    const char *prefix;     /* region prefix; "" matches everything */
    long base;
    long per_item;
    long free_over;         /* goods value for free shipping, -1 = never */
    const char *currency;
};

static const struct shipping_zone shipping_zones[] = {
    { "DE", 299, 50, 2900, "EUR" },
    { "AT", 499, 75, 3900, "EUR" },
    { "FR", 499, 75, 3500, "EUR" },
    { "NL", 450, 75, 3500, "EUR" },
    { "BE", 450, 75, 3500, "EUR" },
    { "GB", 350, 75, 3500, "GBP" },
    { "US", 499, 100, 5000, "USD" },
    { "CA", 699, 150, 7500, "CAD" },
    { "", 1499, 300, -1, "EUR" },
};

/* amount * bp / 10000, rounded half to even (banker's rounding). */
long pricing_apply_rate(long amount, int rate_bp)
{
    long long num = (long long)amount * rate_bp;
    long long q = num / 10000;
    long long r = num % 10000;

    if (r < 0)
        r = -r;
    if (r > 5000 || (r == 5000 && (q & 1) != 0))
        q += num < 0 ? -1 : 1;
    return (long)q;
}

long pricing_line_total(long unit_cents, int qty)
{
    if (unit_cents < 0 || qty <= 0 || unit_cents > MAX_AMOUNT_CENTS / qty)
        return -1;
    return unit_cents * qty;
}

long pricing_volume_discount(long subtotal, int items)
{
    int bp = 0;

    for (size_t i = 0; i < ARRAY_LEN(volume_tiers); i++)
        if (items >= volume_tiers[i].min_items)
            bp = volume_tiers[i].discount_bp;
    return pricing_apply_rate(subtotal, bp);
}

static const struct coupon *find_coupon(const char *code)
{
    for (size_t i = 0; i < ARRAY_LEN(coupons); i++)
        if (str_ci_eq(coupons[i].code, code))
            return &coupons[i];
    return NULL;
}

int pricing_coupon_discount(const char *code, long subtotal, int items,
                            long *discount, int *free_shipping)
{
    const struct coupon *c = find_coupon(code);

    *discount = 0;
    *free_shipping = 0;
    if (c == NULL || subtotal < c->min_subtotal || items < c->min_items)
        return 0;
    switch (c->kind) {
    case COUPON_PERCENT:
        *discount = pricing_apply_rate(subtotal, (int)c->value);
        break;
    case COUPON_FIXED:
        *discount = c->value < subtotal ? c->value : subtotal;
        break;
    case COUPON_FREE_SHIPPING:
        *free_shipping = 1;
        break;
    }
    return 1;
}

int pricing_tax_rate_bp(const char *region)
{
    for (size_t i = 0; i < ARRAY_LEN(tax_rules); i++)
        if (str_ci_eq(tax_rules[i].region, region))
            return tax_rules[i].rate_bp;
    return 0; /* outside our tax registrations: buyer pays import tax */
}

static const struct shipping_zone *find_zone(const char *region)
{
    for (size_t i = 0; i < ARRAY_LEN(shipping_zones); i++) {
        const char *p = shipping_zones[i].prefix;
        size_t n = strlen(p);
        if (strncmp(region, p, n) == 0 && (region[n] == '\0' || region[n] == '-'))
            return &shipping_zones[i];
    }
    return &shipping_zones[ARRAY_LEN(shipping_zones) - 1];
}

long pricing_shipping(const char *region, int items, long goods_after_discount)
{
    const struct shipping_zone *z = find_zone(region);

    if (items <= 0)
        return 0;
    if (z->free_over >= 0 && goods_after_discount >= z->free_over)
        return 0;
    return z->base + z->per_item * (items - 1);
}

const char *pricing_region_currency(const char *region)
{
    return find_zone(region)->currency;
}

static int sum_lines(const struct price_line *lines, size_t n, long *subtotal, int *items)
{
    *subtotal = 0;
    *items = 0;
    for (size_t i = 0; i < n; i++) {
        long t = pricing_line_total(lines[i].unit_cents, lines[i].qty);
        if (t < 0)
            return PRICING_EINVAL;
        if (*subtotal > MAX_AMOUNT_CENTS - t || *items > INT_MAX - lines[i].qty)
            return PRICING_EOVERFLOW;
        *subtotal += t;
        *items += lines[i].qty;
    }
    return PRICING_OK;
}

int pricing_quote(const struct price_line *lines, size_t n, const char *region,
                  const char *coupon, struct quote *out)
{
    long goods;
    int free_shipping = 0;
    int rc;

    memset(out, 0, sizeof *out);
    if (n == 0 || n > PRICING_MAX_LINES || region == NULL)
        return PRICING_EINVAL;
    rc = sum_lines(lines, n, &out->subtotal, &out->items);
    if (rc != PRICING_OK)
        return rc;

    out->volume_discount = pricing_volume_discount(out->subtotal, out->items);
    goods = out->subtotal - out->volume_discount;
    out->coupon_accepted = 1;
    if (coupon != NULL && coupon[0] != '\0')
        out->coupon_accepted = pricing_coupon_discount(coupon, goods, out->items,
                                                       &out->coupon_discount, &free_shipping);
    goods -= out->coupon_discount;

    out->shipping = free_shipping ? 0 : pricing_shipping(region, out->items, goods);
    out->tax_rate_bp = pricing_tax_rate_bp(region);
    out->tax = pricing_apply_rate(goods + out->shipping, out->tax_rate_bp);
    out->total = goods + out->shipping + out->tax;
    str_copy(out->currency, pricing_region_currency(region), sizeof out->currency);
    return PRICING_OK;
}

/* "1299x2,899x1" -> {1299,2},{899,1} */
int pricing_parse_lines(const char *spec, struct price_line *lines, size_t max, size_t *n)
{
    const char *p = spec;

    *n = 0;
    while (*p != '\0') {
        long unit = 0, qty = 0;
        int digits = 0;

        for (; isdigit((unsigned char)*p) && unit <= MAX_AMOUNT_CENTS; p++, digits++)
            unit = unit * 10 + (*p - '0');
        if (digits == 0 || (*p != 'x' && *p != 'X'))
            return PRICING_EINVAL;
        p++;
        for (digits = 0; isdigit((unsigned char)*p) && qty <= 10000; p++, digits++)
            qty = qty * 10 + (*p - '0');
        if (digits == 0 || qty == 0 || qty > 10000 || unit > MAX_AMOUNT_CENTS || *n == max)
            return PRICING_EINVAL;
        lines[*n].unit_cents = unit;
        lines[*n].qty = (int)qty;
        (*n)++;
        if (*p == ',')
            p++;
        else if (*p != '\0')
            return PRICING_EINVAL;
    }
    return *n > 0 ? PRICING_OK : PRICING_EINVAL;
}

int pricing_format_money(long cents, const char *currency, char *out, size_t len)
{
    const char *sign = cents < 0 ? "-" : "";
    long a = cents < 0 ? -cents : cents;
    int n = snprintf(out, len, "%s%ld.%02ld %s", sign, a / 100, a % 100, currency);

    return n >= 0 && (size_t)n < len ? 0 : -1;
}
