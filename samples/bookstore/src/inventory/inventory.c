/* inventory.c - stock on hand and reservations per ISBN, kept in a process-wide table. */
#include "inventory/inventory.h"
#include "catalog/catalog.h"
#include "config/config.h"
#include "log/log.h"
#include "notify/notify.h"
#include "util/strutil.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#define LOW_STOCK_ALERT_INTERVAL 3600

struct stock_entry {
    char isbn[ISBN_BUF];
    int on_hand;            /* physically in the warehouse */
    int reserved;           /* held for orders whose payment is in flight */
    unsigned long sold;
    time_t last_alert;
};

static struct stock_entry g_stock[INVENTORY_MAX];
static size_t g_stock_count;
static pthread_mutex_t g_stock_lock = PTHREAD_MUTEX_INITIALIZER;

static int find_index_locked(const char *isbn)
{
    for (size_t i = 0; i < g_stock_count; i++)
        if (strcmp(g_stock[i].isbn, isbn) == 0)
            return (int)i;
    return -1;
}

int inventory_set(const char *isbn, int on_hand)
{
    int i, rc = INVENTORY_OK;

    if (on_hand < 0 || strlen(isbn) >= ISBN_BUF)
        return INVENTORY_EINVAL;
    pthread_mutex_lock(&g_stock_lock);
    i = find_index_locked(isbn);
    if (i < 0 && g_stock_count == INVENTORY_MAX) {
        rc = INVENTORY_EFULL;
    } else {
        if (i < 0) {
            i = (int)g_stock_count++;
            memset(&g_stock[i], 0, sizeof g_stock[i]);
            str_copy(g_stock[i].isbn, isbn, sizeof g_stock[i].isbn);
        }
        g_stock[i].on_hand = on_hand;
    }
    pthread_mutex_unlock(&g_stock_lock);
    return rc;
}

/* Called with the lock held; throttled to one alert per title per hour. */
static void maybe_alert_low_stock(int i)
{
    int available = g_stock[i].on_hand - g_stock[i].reserved;
    time_t now;

    if (available > config_low_stock_threshold())
        return;
    now = time(NULL);
    if (now - g_stock[i].last_alert < LOW_STOCK_ALERT_INTERVAL)
        return;
    g_stock[i].last_alert = now;
    notify_enqueue(NOTIFY_LOW_STOCK, 0, "purchasing@bookstore.example",
                   "%s: %d left (%d reserved)", g_stock[i].isbn, available, g_stock[i].reserved);
}

int inventory_reserve(const char *isbn, int qty)
{
    int i, rc = INVENTORY_OK;

    if (qty <= 0)
        return INVENTORY_EINVAL;
    pthread_mutex_lock(&g_stock_lock);
    i = find_index_locked(isbn);
    if (i < 0) {
        rc = INVENTORY_ENOTFOUND;
    } else if (g_stock[i].on_hand - g_stock[i].reserved < qty) {
        rc = INVENTORY_ESHORT;
    } else {
        g_stock[i].reserved += qty;
        maybe_alert_low_stock(i);
    }
    pthread_mutex_unlock(&g_stock_lock);
    return rc;
}

int inventory_release(const char *isbn, int qty)
{
    int i, rc = INVENTORY_OK;

    pthread_mutex_lock(&g_stock_lock);
    i = find_index_locked(isbn);
    if (i < 0) {
        rc = INVENTORY_ENOTFOUND;
    } else if (qty <= 0 || qty > g_stock[i].reserved) {
        rc = INVENTORY_EINVAL;
    } else {
        g_stock[i].reserved -= qty;
    }
    pthread_mutex_unlock(&g_stock_lock);
    return rc;
}

/* Payment went through: the reserved copies leave the warehouse. */
int inventory_commit(const char *isbn, int qty)
{
    int i, rc = INVENTORY_OK;

    pthread_mutex_lock(&g_stock_lock);
    i = find_index_locked(isbn);
    if (i < 0) {
        rc = INVENTORY_ENOTFOUND;
    } else if (qty <= 0 || qty > g_stock[i].reserved) {
        rc = INVENTORY_EINVAL;
    } else {
        g_stock[i].reserved -= qty;
        g_stock[i].on_hand -= qty;
        g_stock[i].sold += (unsigned long)qty;
    }
    pthread_mutex_unlock(&g_stock_lock);
    return rc;
}

/* A paid order was cancelled: the copies go back on the shelf. */
int inventory_restock(const char *isbn, int qty)
{
    int i, rc = INVENTORY_OK;

    if (qty <= 0)
        return INVENTORY_EINVAL;
    pthread_mutex_lock(&g_stock_lock);
    i = find_index_locked(isbn);
    if (i < 0) {
        rc = INVENTORY_ENOTFOUND;
    } else {
        g_stock[i].on_hand += qty;
        if (g_stock[i].sold >= (unsigned long)qty)
            g_stock[i].sold -= (unsigned long)qty;
    }
    pthread_mutex_unlock(&g_stock_lock);
    if (rc == INVENTORY_OK)
        LOG_INFO("inventory: %d x %s restocked", qty, isbn);
    return rc;
}

int inventory_level(const char *isbn, struct stock_level *out)
{
    int i;

    pthread_mutex_lock(&g_stock_lock);
    i = find_index_locked(isbn);
    if (i >= 0) {
        out->on_hand = g_stock[i].on_hand;
        out->reserved = g_stock[i].reserved;
        out->available = g_stock[i].on_hand - g_stock[i].reserved;
        out->sold = g_stock[i].sold;
    }
    pthread_mutex_unlock(&g_stock_lock);
    return i >= 0 ? INVENTORY_OK : INVENTORY_ENOTFOUND;
}

size_t inventory_count(void)
{
    size_t n;

    pthread_mutex_lock(&g_stock_lock);
    n = g_stock_count;
    pthread_mutex_unlock(&g_stock_lock);
    return n;
}
