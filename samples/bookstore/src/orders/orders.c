/* orders.c - the order workflow over a process-wide order table. */
#include "orders/orders.h"
#include "inventory/inventory.h"
#include "log/log.h"
#include "notify/notify.h"
#include "util/strutil.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct order g_orders[ORDERS_MAX];   /* ring: the oldest order is overwritten */
static size_t g_order_count;                /* orders ever stored */
static unsigned long g_next_order_id = 100001;
static pthread_mutex_t g_orders_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned long next_order_id(void)
{
    unsigned long id;

    pthread_mutex_lock(&g_orders_lock);
    id = g_next_order_id++;
    pthread_mutex_unlock(&g_orders_lock);
    return id;
}

static size_t stored_locked(void)
{
    return g_order_count < ORDERS_MAX ? g_order_count : ORDERS_MAX;
}

static struct order *find_locked(unsigned long id)
{
    for (size_t i = 0; i < stored_locked(); i++)
        if (g_orders[i].id == id)
            return &g_orders[i];
    return NULL;
}

static void store_order(const struct order *o)
{
    pthread_mutex_lock(&g_orders_lock);
    g_orders[g_order_count % ORDERS_MAX] = *o;
    g_order_count++;
    pthread_mutex_unlock(&g_orders_lock);
}

/* Looks every item up in the catalogue and fills in today's price. */
static int price_items(const struct order_request *rq, struct order *o,
                       struct price_line *lines, char *err, size_t errlen)
{
    for (size_t i = 0; i < rq->nitems; i++) {
        const struct book *b = catalog_get(rq->items[i].isbn);
        if (b == NULL) {
            snprintf(err, errlen, "unknown book %s", rq->items[i].isbn);
            return ORDER_ENOTFOUND;
        }
        o->items[i] = rq->items[i];
        str_copy(o->items[i].isbn, b->isbn, sizeof o->items[i].isbn);
        o->items[i].unit_cents = b->price_cents;
        lines[i].unit_cents = b->price_cents;
        lines[i].qty = rq->items[i].qty;
    }
    o->nitems = rq->nitems;
    return ORDER_OK;
}

static void release_items(const struct order *o, size_t n)
{
    for (size_t i = 0; i < n; i++)
        inventory_release(o->items[i].isbn, o->items[i].qty);
}

static int reserve_items(const struct order *o, char *err, size_t errlen)
{
    for (size_t i = 0; i < o->nitems; i++) {
        int rc = inventory_reserve(o->items[i].isbn, o->items[i].qty);
        if (rc != INVENTORY_OK) {
            release_items(o, i);
            snprintf(err, errlen, "%s: %s", o->items[i].isbn,
                     rc == INVENTORY_ESHORT ? "not enough stock" : "not stocked");
            return ORDER_ESTOCK;
        }
    }
    return ORDER_OK;
}

static void commit_items(const struct order *o)
{
    for (size_t i = 0; i < o->nitems; i++)
        if (inventory_commit(o->items[i].isbn, o->items[i].qty) != INVENTORY_OK)
            LOG_ERROR("orders: order %lu: commit of %s failed", o->id, o->items[i].isbn);
}

static int charge(struct order *o, const char *card_token, char *err, size_t errlen)
{
    char detail[128];
    int rc = payments_charge(o->id, o->quote.total, o->quote.currency, card_token,
                             o->payment_txn, sizeof o->payment_txn, detail, sizeof detail);

    if (rc == PAYMENT_OK)
        return ORDER_OK;
    snprintf(err, errlen, "payment %s: %s", payments_status_name(rc), detail);
    return rc == PAYMENT_DECLINED || rc == PAYMENT_EINVAL ? ORDER_EPAYMENT : ORDER_EGATEWAY;
}

int order_create(const struct order_request *rq, struct order *out, char *err, size_t errlen)
{
    struct price_line lines[ORDER_MAX_ITEMS];
    struct order o;
    int rc;

    if (rq->nitems == 0 || rq->nitems > ORDER_MAX_ITEMS) {
        snprintf(err, errlen, "an order needs 1 to %d items", ORDER_MAX_ITEMS);
        return ORDER_EINVAL;
    }
    memset(&o, 0, sizeof o);
    str_copy(o.customer, rq->customer, sizeof o.customer);
    str_copy(o.region, rq->region, sizeof o.region);
    rc = price_items(rq, &o, lines, err, errlen);
    if (rc != ORDER_OK)
        return rc;
    if (pricing_quote(lines, o.nitems, o.region, rq->coupon, &o.quote) != PRICING_OK) {
        snprintf(err, errlen, "order cannot be priced");
        return ORDER_EINVAL;
    }
    rc = reserve_items(&o, err, errlen);
    if (rc != ORDER_OK)
        return rc;

    o.id = next_order_id();
    o.created_at = o.updated_at = time(NULL);
    rc = charge(&o, rq->card_token, err, errlen);
    if (rc != ORDER_OK) {
        release_items(&o, o.nitems);
        o.status = ORDER_FAILED;
        store_order(&o);
        return rc;
    }
    commit_items(&o);
    o.status = ORDER_PAID;
    store_order(&o);
    notify_enqueue(NOTIFY_ORDER_CONFIRMED, o.id, o.customer, "Order %lu confirmed, %ld.%02ld %s",
                   o.id, o.quote.total / 100, o.quote.total % 100, o.quote.currency);
    LOG_INFO("orders: order %lu for %s paid (%ld cents, txn %s)",
             o.id, o.customer, o.quote.total, o.payment_txn);
    *out = o;
    return ORDER_OK;
}

int order_get(unsigned long id, struct order *out)
{
    struct order *o;

    pthread_mutex_lock(&g_orders_lock);
    o = find_locked(id);
    if (o != NULL)
        *out = *o;
    pthread_mutex_unlock(&g_orders_lock);
    return o != NULL ? ORDER_OK : ORDER_ENOTFOUND;
}

/* Checks ownership and state; copies the order out on success. */
static int check_cancellable(unsigned long id, const char *requester, int is_staff, struct order *copy)
{
    struct order *o;
    int rc = ORDER_OK;

    pthread_mutex_lock(&g_orders_lock);
    o = find_locked(id);
    if (o == NULL)
        rc = ORDER_ENOTFOUND;
    else if (!is_staff && strcmp(o->customer, requester) != 0)
        rc = ORDER_EFORBIDDEN;
    else if (o->status != ORDER_PAID)
        rc = ORDER_ESTATE;
    else
        *copy = *o;
    pthread_mutex_unlock(&g_orders_lock);
    return rc;
}

static void mark_refunded(unsigned long id, struct order *out)
{
    struct order *o;

    pthread_mutex_lock(&g_orders_lock);
    o = find_locked(id);
    if (o != NULL) {
        o->status = ORDER_REFUNDED;
        o->updated_at = time(NULL);
        *out = *o;
    }
    pthread_mutex_unlock(&g_orders_lock);
}

int order_cancel(unsigned long id, const char *requester, int is_staff, struct order *out,
                 char *err, size_t errlen)
{
    struct order o;
    char detail[128];
    int rc = check_cancellable(id, requester, is_staff, &o);

    if (rc != ORDER_OK) {
        snprintf(err, errlen, rc == ORDER_ESTATE ? "order is not in a cancellable state"
                                                 : "no such order");
        return rc;
    }
    if (payments_refund(o.payment_txn, o.quote.total, detail, sizeof detail) != PAYMENT_OK) {
        snprintf(err, errlen, "refund failed: %s", detail);
        return ORDER_EGATEWAY;
    }
    for (size_t i = 0; i < o.nitems; i++)
        inventory_restock(o.items[i].isbn, o.items[i].qty);
    mark_refunded(id, out);
    notify_enqueue(NOTIFY_ORDER_CANCELLED, id, o.customer, "Order %lu cancelled and refunded", id);
    LOG_INFO("orders: order %lu cancelled by %s", id, requester);
    return ORDER_OK;
}

size_t order_foreach(order_visit_fn fn, void *ctx)
{
    size_t n;

    pthread_mutex_lock(&g_orders_lock);
    n = stored_locked();
    for (size_t i = 0; i < n; i++)
        fn(&g_orders[i], ctx);
    pthread_mutex_unlock(&g_orders_lock);
    return n;
}

size_t order_count(void)
{
    size_t n;

    pthread_mutex_lock(&g_orders_lock);
    n = g_order_count;
    pthread_mutex_unlock(&g_orders_lock);
    return n;
}
