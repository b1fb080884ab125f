/* pricing.h - order pricing: volume discounts, coupons, shipping and tax. Pure: no globals, no I/O. */
#ifndef BOOKSTORE_PRICING_PRICING_H
#define BOOKSTORE_PRICING_PRICING_H

#include <stddef.h>

#define PRICING_MAX_LINES 32

enum pricing_error {
    PRICING_OK = 0,
    PRICING_EINVAL = -1,    /* bad quantity, price or line count */
    PRICING_EOVERFLOW = -2  /* amounts out of range */
};

struct price_line {
    long unit_cents;
    int qty;
};

struct quote {
    long subtotal;
    long volume_discount;
    long coupon_discount;
    long shipping;
    long tax;
    long total;
    int items;
    int tax_rate_bp;        /* basis points: 700 = 7.00 % */
    int coupon_accepted;    /* 0 when a coupon was given but does not apply */
    char currency[4];
};

int pricing_quote(const struct price_line *lines, size_t n, const char *region,
                  const char *coupon, struct quote *out);
long pricing_line_total(long unit_cents, int qty);
long pricing_volume_discount(long subtotal, int items);
int pricing_coupon_discount(const char *code, long subtotal, int items,
                            long *discount, int *free_shipping);
int pricing_tax_rate_bp(const char *region);
long pricing_apply_rate(long amount, int rate_bp);
long pricing_shipping(const char *region, int items, long goods_after_discount);
const char *pricing_region_currency(const char *region);
int pricing_parse_lines(const char *spec, struct price_line *lines, size_t max, size_t *n);
int pricing_format_money(long cents, const char *currency, char *out, size_t len);

#endif
