/* orders.h - the order workflow: price, reserve stock, charge, confirm; plus lookups and cancellation. */
#ifndef BOOKSTORE_ORDERS_ORDERS_H
#define BOOKSTORE_ORDERS_ORDERS_H

#include <stddef.h>
#include <time.h>

#include "catalog/catalog.h"
#include "payments/payments.h"
#include "pricing/pricing.h"

#define ORDER_MAX_ITEMS 16
#define ORDERS_MAX 1024

enum order_status {
    ORDER_PENDING,
    ORDER_PAID,
    ORDER_CANCELLED,
    ORDER_REFUNDED,
    ORDER_FAILED
};

enum order_error {
    ORDER_OK = 0,
    ORDER_EINVAL = -1,
    ORDER_ENOTFOUND = -2,
    ORDER_ESTOCK = -3,
    ORDER_EPAYMENT = -4,
    ORDER_EFORBIDDEN = -5,
    ORDER_ESTATE = -6,
    ORDER_EGATEWAY = -7
};

struct order_item {
    char isbn[ISBN_BUF];
    int qty;
    long unit_cents;    /* catalogue price at order time */
};

struct order_request {
    char customer[48];
    char region[8];
    char coupon[16];
    char card_token[65];
    struct order_item items[ORDER_MAX_ITEMS];
    size_t nitems;
};

struct order {
    unsigned long id;
    char customer[48];
    char region[8];
    struct order_item items[ORDER_MAX_ITEMS];
    size_t nitems;
    struct quote quote;
    enum order_status status;
    char payment_txn[PAYMENT_TXN_MAX];
    time_t created_at;
    time_t updated_at;
};

typedef void (*order_visit_fn)(const struct order *order, void *ctx);

/* Pure helpers. */
int order_parse_request(const char *form, size_t len, const char *customer,
                        struct order_request *out, char *err, size_t errlen);
const char *order_status_name(enum order_status status);
int order_to_json(const struct order *o, char *out, size_t len);

/* Workflow over the order table; orders are copied out, never shared. */
int order_create(const struct order_request *rq, struct order *out, char *err, size_t errlen);
int order_get(unsigned long id, struct order *out);
int order_cancel(unsigned long id, const char *requester, int is_staff, struct order *out,
                 char *err, size_t errlen);
size_t order_foreach(order_visit_fn fn, void *ctx);
size_t order_count(void);

#endif
